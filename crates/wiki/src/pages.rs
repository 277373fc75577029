//! HTML pages of the wiki. Thin handlers: parse, call the service (which applies the access
//! rule), render; forms post back and redirect (303). A stale save that cannot be merged
//! answers 409 with the edit form again: the editor's text in the form, the current text and
//! the difference beside it.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use prassi_core::access::{Action, Audience};
use prassi_core::error::{AppError, AppResult};
use prassi_core::pagination::{PageQuery, PageRequest};
use prassi_core::Ctx;
use prassi_db::AnswerId;
use serde::Deserialize;
use tera::Context;

use crate::service::{
    self, ChangeFilter, PageInput, PromoteInput, SaveInput, SaveOutcome, SettingsInput,
};

/// Query parameters of the wiki's lists.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub page: Option<i64>,
    pub per_page: Option<i64>,
    /// Recent changes: only this member's (username).
    pub membro: Option<String>,
    /// Recent changes: only pages in this category.
    pub categoria: Option<String>,
    /// New page: the title to start with.
    pub titolo: Option<String>,
    /// New page: the parent's title.
    pub genitore: Option<String>,
    /// Differences: from and to revision numbers.
    pub da: Option<i32>,
    pub a: Option<i32>,
}

impl ListQuery {
    fn request(&self) -> PageRequest {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
        }
        .resolve()
    }
}

fn missing_title(ctx: &Ctx) -> String {
    ctx.t("wiki-link-missing")
}

/// How the "Modifica" tab shows for a page: a link, a "protected" note, a sign-in link, or
/// nothing.
fn edit_mode(ctx: &Ctx, found: &service::Found) -> &'static str {
    if service::may_edit(&ctx.viewer, ctx.phase(), found) {
        "link"
    } else if found.page.protected {
        "protected"
    } else if ctx.viewer.account().is_none() {
        "login"
    } else {
        ""
    }
}

fn audience_options(ctx: &Ctx) -> Vec<serde_json::Value> {
    [Audience::Members, Audience::Public]
        .iter()
        .filter(|a| ctx.can(a, Action::Participate))
        .map(|a| {
            serde_json::json!({
                "value": a.to_db(),
                "label": ctx.t(&format!("wiki-audience-{}", a.to_db())),
            })
        })
        .collect()
}

// ------------------------------------------------------------------------------ lists

async fn index(ctx: Ctx, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let page = q.request();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let ((pages, info), categories, (recent, _)) = ctx
        .state
        .run(move |conn| {
            Ok((
                service::list(conn, &viewer, phase, None, page)?,
                service::categories(conn, &viewer, phase)?,
                service::changes(
                    conn,
                    &viewer,
                    phase,
                    &ChangeFilter::default(),
                    PageRequest {
                        page: 1,
                        per_page: 8,
                    },
                )?,
            ))
        })
        .await?;
    let mut c = Context::new();
    c.insert("pages", &pages);
    c.insert("page", &info);
    c.insert("page_base", "/wiki");
    c.insert("categories", &categories);
    c.insert("recent", &recent);
    c.insert("can_create", &!audience_options(&ctx).is_empty());
    c.insert("signed_in", &ctx.viewer.account().is_some());
    ctx.render("wiki/index.html", c)
}

async fn category(
    ctx: Ctx,
    name: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let name = name.into_inner();
    let page = q.request();
    let (viewer, phase, n) = (ctx.viewer.clone(), ctx.phase(), name.clone());
    let (pages, info) = ctx
        .state
        .run(move |conn| service::list(conn, &viewer, phase, Some(&n), page))
        .await?;
    if info.total == 0 {
        return Err(AppError::not_found());
    }
    let mut c = Context::new();
    c.insert("category", &name);
    c.insert("pages", &pages);
    c.insert("page", &info);
    c.insert("page_base", &service::category_url(&name));
    c.insert(
        "changes_url",
        &format!(
            "/wiki/modifiche?categoria={}",
            prassi_core::web::url_encode(&name)
        ),
    );
    ctx.render("wiki/category.html", c)
}

/// Which list of changes a page shows.
enum ChangesMode {
    Recent,
    Contributions(String),
    Watchlist,
}

async fn render_changes(ctx: Ctx, q: ListQuery, mode: ChangesMode) -> AppResult<HttpResponse> {
    let page = q.request();
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let mut filter = ChangeFilter {
        category: clean(&q.categoria),
        member: clean(&q.membro),
        ..Default::default()
    };
    let (kind, heading_arg, base) = match &mode {
        ChangesMode::Recent => ("recent", String::new(), "/wiki/modifiche".to_owned()),
        ChangesMode::Contributions(u) => {
            filter.member = Some(u.clone());
            ("contributions", u.clone(), format!("/wiki/contributi/{u}"))
        }
        ChangesMode::Watchlist => {
            filter.watched = true;
            ("watchlist", String::new(), "/wiki/osservati".to_owned())
        }
    };
    let (viewer, phase, f) = (ctx.viewer.clone(), ctx.phase(), filter.clone());
    let (changes, info) = ctx
        .state
        .run(move |conn| service::changes(conn, &viewer, phase, &f, page))
        .await?;
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if matches!(mode, ChangesMode::Recent) {
        if let Some(m) = &filter.member {
            query.append_pair("membro", m);
        }
        if let Some(c) = &filter.category {
            query.append_pair("categoria", c);
        }
    }
    let query = query.finish();
    let mut c = Context::new();
    c.insert("mode", kind);
    c.insert("heading_arg", &heading_arg);
    c.insert("changes", &changes);
    c.insert("page", &info);
    c.insert(
        "page_base",
        &if query.is_empty() {
            base
        } else {
            format!("/wiki/modifiche?{query}")
        },
    );
    c.insert("filter_member", &filter.member.unwrap_or_default());
    c.insert("filter_category", &filter.category.unwrap_or_default());
    ctx.render("wiki/changes.html", c)
}

async fn recent_changes(ctx: Ctx, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    render_changes(ctx, q.into_inner(), ChangesMode::Recent).await
}

async fn contributions(
    ctx: Ctx,
    username: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    render_changes(
        ctx,
        q.into_inner(),
        ChangesMode::Contributions(username.into_inner().to_lowercase()),
    )
    .await
}

async fn watchlist(ctx: Ctx, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    ctx.account()?;
    render_changes(ctx, q.into_inner(), ChangesMode::Watchlist).await
}

// ------------------------------------------------------------------------------ creating

fn new_context(ctx: &Ctx, form: &PageInput) -> AppResult<Context> {
    let options = audience_options(ctx);
    if options.is_empty() {
        return Err(if ctx.viewer.account().is_none() {
            AppError::unauthorized()
        } else {
            AppError::forbidden()
        });
    }
    let mut c = Context::new();
    c.insert("form", form);
    c.insert("audience_options", &options);
    c.insert("action", "/wiki/nuova");
    Ok(c)
}

async fn new_form(ctx: Ctx, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let title = q.titolo.unwrap_or_default();
    // A page that already exists opens instead of an empty form.
    if !title.trim().is_empty() {
        let (viewer, phase, slug) = (ctx.viewer.clone(), ctx.phase(), service::slug_of(&title));
        let found = ctx
            .state
            .run(move |conn| Ok(service::readable_page(conn, &slug, &viewer, phase).ok()))
            .await?;
        if let Some(f) = found {
            return Ok(Ctx::redirect(&service::page_url(&f.page.slug)));
        }
    }
    let c = new_context(
        &ctx,
        &PageInput {
            title,
            parent: q.genitore.unwrap_or_default(),
            audience: "members".into(),
            ..Default::default()
        },
    )?;
    ctx.csrf_token()?;
    ctx.render("wiki/new.html", c)
}

async fn new_submit(ctx: Ctx, form: web::Form<PageInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    match ctx
        .state
        .write(move |conn| service::create(conn, &viewer, phase, &input))
        .await
    {
        Ok(page) => {
            ctx.flash("success", "wiki-page-created");
            Ok(Ctx::redirect(&service::page_url(&page.slug)))
        }
        Err(e) => {
            let c = new_context(&ctx, &typed)?;
            ctx.form_error("wiki/new.html", c, e)
        }
    }
}

// ------------------------------------------------------------------------------ a page

async fn page(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let (viewer, phase, missing) = (ctx.viewer.clone(), ctx.phase(), missing_title(&ctx));
    let view = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            if found.redirected {
                return Ok(Err(service::page_url(&found.page.slug)));
            }
            let view = service::page_view(conn, &viewer, phase, &found, &missing)?;
            let review = service::page_review(conn, &viewer, phase, &found)?;
            Ok(Ok((view, review)))
        })
        .await?;
    // An old name leads to the page. Temporarily (302): a name can be taken back by a rename.
    let (view, review) = match view {
        Ok(found) => found,
        Err(url) => {
            return Ok(HttpResponse::Found()
                .insert_header((header::LOCATION, url))
                .finish())
        }
    };
    if ctx.viewer.account().is_some() {
        ctx.csrf_token()?;
    }
    let mut c = Context::new();
    c.insert("review_action", &format!("{}/verifica", view.url));
    c.insert("review", &review);
    c.insert("wiki_page", &view);
    c.insert(
        "audience_options",
        &[
            serde_json::json!({"value": "members", "label": ctx.t("wiki-audience-members")}),
            serde_json::json!({"value": "public", "label": ctx.t("wiki-audience-public")}),
        ],
    );
    c.insert("signed_in", &ctx.viewer.account().is_some());
    ctx.render("wiki/page.html", c)
}

async fn export(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let found = ctx
        .state
        .run(move |conn| service::readable_page(conn, &slug, &viewer, phase))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.md\"", found.page.slug),
        ))
        .body(service::export_markdown(&found)))
}

async fn edit_context(ctx: &Ctx, slug: &str) -> AppResult<(Context, SaveInput)> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let (found, form) = ctx
        .state
        .run(move |conn| service::edit_form(conn, &viewer, phase, &s))
        .await?;
    let mut c = Context::new();
    c.insert(
        "action",
        &format!("{}/modifica", service::page_url(&found.page.slug)),
    );
    c.insert("back_url", &service::page_url(&found.page.slug));
    c.insert("page_title", &found.page.title);
    c.insert("protected", &found.page.protected);
    Ok((c, form))
}

async fn edit_form(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let (mut c, form) = edit_context(&ctx, &slug).await?;
    c.insert("form", &form);
    ctx.csrf_token()?;
    ctx.render("wiki/edit.html", c)
}

async fn edit_submit(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<SaveInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let slug = slug.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    match ctx
        .state
        .write(move |conn| service::save(conn, &viewer, phase, &s, &input))
        .await
    {
        Ok(SaveOutcome::Saved { slug, .. }) => {
            ctx.flash("success", "wiki-page-saved");
            Ok(Ctx::redirect(&service::page_url(&slug)))
        }
        Ok(SaveOutcome::Merged { slug, .. }) => {
            ctx.flash("success", "wiki-page-merged");
            Ok(Ctx::redirect(&service::page_url(&slug)))
        }
        Ok(SaveOutcome::Conflict(conflict)) => {
            let (mut c, _) = edit_context(&ctx, &slug).await?;
            // The editor's own text stays in the form; resubmitting is now based on the
            // current revision, which the editor has in front of them.
            let form = SaveInput {
                base_revision: conflict.current_revision,
                ..typed
            };
            c.insert("form", &form);
            c.insert("conflict", &conflict);
            ctx.csrf_token()?;
            ctx.render_status(actix_web::http::StatusCode::CONFLICT, "wiki/edit.html", c)
        }
        Err(e) => {
            let (mut c, _) = edit_context(&ctx, &slug).await?;
            c.insert("form", &typed);
            ctx.form_error("wiki/edit.html", c, e)
        }
    }
}

async fn history(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let page = q.request();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (found, (changes, info)) = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            let filter = ChangeFilter {
                page: Some(found.page.id.clone()),
                ..Default::default()
            };
            let list = service::changes(conn, &viewer, phase, &filter, page)?;
            Ok((found, list))
        })
        .await?;
    let url = service::page_url(&found.page.slug);
    let mut c = Context::new();
    c.insert("page_title", &found.page.title);
    c.insert("back_url", &url);
    c.insert("diff_action", &format!("{url}/differenze"));
    c.insert("revisions", &changes);
    c.insert("current", &found.page.revision);
    c.insert("page", &info);
    c.insert("page_base", &format!("{url}/cronologia"));
    c.insert("edit_mode", edit_mode(&ctx, &found));
    ctx.render("wiki/history.html", c)
}

async fn diff(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let q = q.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (found, view) = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            let to = q.a.unwrap_or(found.page.revision);
            let from = q.da.unwrap_or(to - 1).max(1);
            let view = service::diff(conn, &found, from, to)?;
            Ok((found, view))
        })
        .await?;
    let mut c = Context::new();
    c.insert("page_title", &found.page.title);
    c.insert("back_url", &service::page_url(&found.page.slug));
    c.insert(
        "history_url",
        &format!("{}/cronologia", service::page_url(&found.page.slug)),
    );
    c.insert("diff", &view);
    c.insert("edit_mode", edit_mode(&ctx, &found));
    ctx.render("wiki/diff.html", c)
}

async fn revision(ctx: Ctx, path: web::Path<(String, i32)>) -> AppResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let (viewer, phase, missing) = (ctx.viewer.clone(), ctx.phase(), missing_title(&ctx));
    let (found, detail) = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            let detail = service::revision(conn, &viewer, phase, &found, number, &missing)?;
            Ok((found, detail))
        })
        .await?;
    let url = service::page_url(&found.page.slug);
    let can_restore = !detail.is_current && service::may_edit(&ctx.viewer, ctx.phase(), &found);
    if can_restore {
        ctx.csrf_token()?;
    }
    let mut c = Context::new();
    c.insert("page_title", &found.page.title);
    c.insert("back_url", &url);
    c.insert("history_url", &format!("{url}/cronologia"));
    c.insert(
        "diff_url",
        &format!("{url}/differenze?da={number}&a={}", found.page.revision),
    );
    c.insert("restore_action", &format!("{url}/ripristina"));
    c.insert("current", &found.page.revision);
    c.insert("can_restore", &can_restore);
    c.insert("revision", &detail);
    c.insert("edit_mode", edit_mode(&ctx, &found));
    ctx.render("wiki/revision.html", c)
}

/// The restore form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RestoreForm {
    pub revision: i32,
    pub base_revision: i32,
    pub summary: String,
}

async fn restore(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<RestoreForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let slug = slug.into_inner();
    let f = form.into_inner();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    match ctx
        .state
        .write(move |conn| {
            service::restore(
                conn,
                &viewer,
                phase,
                &s,
                f.revision,
                f.base_revision,
                &f.summary,
            )
        })
        .await
    {
        Ok(_) => {
            ctx.flash("success", "wiki-page-restored");
            Ok(Ctx::redirect(&service::page_url(&slug)))
        }
        Err(e) if e.kind == prassi_core::error::ErrorKind::Conflict => {
            // The page moved on: show its history so the restorer sees what changed.
            ctx.flash("error", &e.message);
            Ok(Ctx::redirect(&format!(
                "{}/cronologia",
                service::page_url(&slug)
            )))
        }
        Err(e) => Err(e),
    }
}

/// The page-settings form (moderators).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    /// A checkbox: present when checked.
    pub protected: Option<String>,
    pub audience: String,
}

async fn settings(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<SettingsForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let f = form.into_inner();
    let input = SettingsInput {
        protected: f.protected.is_some(),
        audience: f.audience,
    };
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let slug = ctx
        .state
        .write(move |conn| service::set_settings(conn, &viewer, phase, &s, &input))
        .await?;
    ctx.flash("success", "wiki-settings-saved");
    Ok(Ctx::redirect(&service::page_url(&slug)))
}

/// The watch toggle.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WatchForm {
    /// `1` to watch, anything else to stop.
    pub watch: String,
}

async fn watch(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<WatchForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let on = form.watch == "1";
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let slug = ctx
        .state
        .write(move |conn| service::set_watch(conn, &viewer, phase, &s, on))
        .await?;
    ctx.flash(
        "success",
        if on {
            "wiki-watch-on"
        } else {
            "wiki-watch-off"
        },
    );
    Ok(Ctx::redirect(&service::page_url(&slug)))
}

async fn talk_context(ctx: &Ctx, slug: &str, page: PageRequest) -> AppResult<Context> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let (found, (comments, info)) = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &s, &viewer, phase)?;
            let list = service::talk(conn, &found, page)?;
            Ok((found, list))
        })
        .await?;
    let url = service::page_url(&found.page.slug);
    let mut c = Context::new();
    c.insert("page_title", &found.page.title);
    c.insert("back_url", &url);
    c.insert("action", &format!("{url}/discussione"));
    c.insert("comments", &comments);
    c.insert("page", &info);
    c.insert("page_base", &format!("{url}/discussione"));
    c.insert(
        "can_comment",
        &ctx.can(&found.audience, Action::Participate),
    );
    c.insert("signed_in", &ctx.viewer.account().is_some());
    c.insert("form", &serde_json::json!({ "body_md": "" }));
    c.insert("edit_mode", edit_mode(ctx, &found));
    Ok(c)
}

async fn talk(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let c = talk_context(&ctx, &slug, q.request()).await?;
    if ctx.viewer.account().is_some() {
        ctx.csrf_token()?;
    }
    ctx.render("wiki/talk.html", c)
}

/// A talk-page comment.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TalkForm {
    pub body_md: String,
}

async fn talk_submit(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<TalkForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let slug = slug.into_inner();
    let body = form.into_inner().body_md;
    let (viewer, phase, s, b) = (ctx.viewer.clone(), ctx.phase(), slug.clone(), body.clone());
    match ctx
        .state
        .write(move |conn| service::add_talk(conn, &viewer, phase, &s, &b))
        .await
    {
        Ok(added) => {
            let per_page = PageQuery::default().resolve().per_page;
            let page = (added.position - 1) / per_page + 1;
            Ok(Ctx::redirect(&format!(
                "{}/discussione?page={page}#commento-{}",
                service::page_url(&added.slug),
                added.id
            )))
        }
        Err(e) => {
            let mut c = talk_context(&ctx, &slug, PageQuery::default().resolve()).await?;
            c.insert("form", &serde_json::json!({ "body_md": body }));
            ctx.form_error("wiki/talk.html", c, e)
        }
    }
}

// ------------------------------------------------------------------------------ promotion

async fn promote_context(ctx: &Ctx, answer: &AnswerId, form: &PromoteInput) -> AppResult<Context> {
    let (viewer, phase, a) = (ctx.viewer.clone(), ctx.phase(), answer.clone());
    let (q, audience, _, author) = ctx
        .state
        .run(move |conn| service::promotable_answer(conn, &viewer, phase, &a))
        .await?;
    let mut c = Context::new();
    c.insert("question_title", &q.title);
    c.insert(
        "question_url",
        &format!(
            "{}#risposta-{answer}",
            prassi_qa::service::question_url(&q.id, &q.title)
        ),
    );
    c.insert("answer_author", &author.2);
    c.insert("audience", &audience.to_db());
    c.insert("action", &format!("/wiki/promuovi/{answer}"));
    c.insert("form", form);
    Ok(c)
}

async fn promote_form(ctx: Ctx, answer: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let answer = AnswerId::parse(&answer).ok_or_else(AppError::not_found)?;
    let mut c = promote_context(&ctx, &answer, &PromoteInput::default()).await?;
    let title = c
        .get("question_title")
        .and_then(|t| t.as_str())
        .unwrap_or_default()
        .to_owned();
    c.insert(
        "form",
        &PromoteInput {
            mode: "new".into(),
            title,
        },
    );
    ctx.csrf_token()?;
    ctx.render("wiki/promote.html", c)
}

async fn promote_submit(
    ctx: Ctx,
    answer: web::Path<String>,
    form: web::Form<PromoteInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let answer = AnswerId::parse(&answer).ok_or_else(AppError::not_found)?;
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, a) = (ctx.viewer.clone(), ctx.phase(), answer.clone());
    match ctx
        .state
        .write(move |conn| service::promote(conn, &viewer, phase, &a, &input))
        .await
    {
        Ok(slug) => {
            ctx.flash("success", "wiki-promoted");
            Ok(Ctx::redirect(&service::page_url(&slug)))
        }
        Err(e) => {
            let c = promote_context(&ctx, &answer, &typed).await?;
            ctx.form_error("wiki/promote.html", c, e)
        }
    }
}

/// Registers the module's HTML routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/wiki", web::get().to(index))
        .route("/wiki/nuova", web::get().to(new_form))
        .route("/wiki/nuova", web::post().to(new_submit))
        .route("/wiki/modifiche", web::get().to(recent_changes))
        .route("/wiki/osservati", web::get().to(watchlist))
        .route("/wiki/contributi/{username}", web::get().to(contributions))
        .route("/wiki/categoria/{name}", web::get().to(category))
        .route("/wiki/promuovi/{answer}", web::get().to(promote_form))
        .route("/wiki/promuovi/{answer}", web::post().to(promote_submit))
        .route("/wiki/p/{slug}", web::get().to(page))
        .route("/wiki/p/{slug}/markdown", web::get().to(export))
        .route("/wiki/p/{slug}/modifica", web::get().to(edit_form))
        .route("/wiki/p/{slug}/modifica", web::post().to(edit_submit))
        .route("/wiki/p/{slug}/cronologia", web::get().to(history))
        .route("/wiki/p/{slug}/differenze", web::get().to(diff))
        .route("/wiki/p/{slug}/revisione/{number}", web::get().to(revision))
        .route("/wiki/p/{slug}/ripristina", web::post().to(restore))
        .route("/wiki/p/{slug}/impostazioni", web::post().to(settings))
        .route("/wiki/p/{slug}/osserva", web::post().to(watch))
        .route("/wiki/p/{slug}/discussione", web::get().to(talk))
        .route("/wiki/p/{slug}/discussione", web::post().to(talk_submit));
}
