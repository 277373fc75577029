//! HTML pages of the forum. Thin handlers: parse, call the service (which applies the access
//! rule), render; forms post back and redirect (303) to the post that changed.

use actix_web::{web, HttpResponse};
use prassi_core::access::{Action, Audience};
use prassi_core::error::{AppError, AppResult};
use prassi_core::pagination::PageQuery;
use prassi_core::Ctx;
use prassi_db::{DiscussionId, PostId};
use serde::Deserialize;
use tera::Context;

use crate::service::{self, CategoryInput, DiscussionInput, ListFilter, ModerationInput, PostEdit};

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub tab: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
    pub cita: Option<String>,
}

async fn index(ctx: Ctx, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let signed_in = ctx.viewer.account().is_some();
    let unread = signed_in && q.tab.as_deref() == Some("unread");
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let filter = ListFilter {
        category: None,
        unread,
    };
    let (categories, (discussions, info)) = ctx
        .state
        .run(move |conn| {
            Ok((
                service::categories(conn, &viewer, phase)?,
                service::list(conn, &viewer, phase, &filter, page)?,
            ))
        })
        .await?;
    let mut tabs = vec![
        serde_json::json!({"value": "latest", "label": ctx.t("forum-tab-latest"), "url": "/forum"}),
    ];
    if signed_in {
        tabs.push(serde_json::json!({"value": "unread", "label": ctx.t("forum-tab-unread"), "url": "/forum?tab=unread"}));
    }
    let mut c = Context::new();
    c.insert("categories", &categories);
    c.insert("discussions", &discussions);
    c.insert("page", &info);
    c.insert(
        "page_base",
        if unread {
            "/forum?tab=unread"
        } else {
            "/forum"
        },
    );
    c.insert("tab", if unread { "unread" } else { "latest" });
    c.insert("tabs", &tabs);
    c.insert("is_signed_in", &signed_in);
    c.insert("mentions_url", "/forum/menzioni");
    c.insert("can_manage_categories", &ctx.viewer.is_admin());
    ctx.render("forum/index.html", c)
}

async fn category(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let q = q.into_inner();
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    let ((category, audience, discussions, info), watch) = ctx
        .state
        .run(move |conn| {
            let found = service::category_page(conn, &s, &viewer, phase, page)?;
            let watch =
                prassi_core::notify::watch_state(conn, &viewer, "forum_category", &found.0.id.0)?;
            Ok((found, watch))
        })
        .await?;
    let mut c = Context::new();
    c.insert(
        "category",
        &serde_json::json!({
            "name": category.name, "description": category.description,
            "url": format!("/forum/c/{slug}"), "audience": category.audience,
        }),
    );
    c.insert("discussions", &discussions);
    c.insert("page", &info);
    c.insert("page_base", &format!("/forum/c/{slug}"));
    c.insert("can_start", &ctx.can(&audience, Action::Participate));
    c.insert("new_url", &format!("/forum/c/{slug}/nuova"));
    c.insert("watch", &watch);
    ctx.render("forum/category.html", c)
}

async fn new_context(ctx: &Ctx, slug: &str, form: &DiscussionInput) -> AppResult<Context> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let (category, audience) = ctx
        .state
        .run(move |conn| service::readable_category(conn, &s, &viewer, phase))
        .await?;
    ctx.require(&audience, Action::Participate)?;
    let mut c = Context::new();
    c.insert(
        "category",
        &serde_json::json!({ "name": category.name, "url": format!("/forum/c/{slug}") }),
    );
    c.insert("action", &format!("/forum/c/{slug}/nuova"));
    c.insert("form", form);
    Ok(c)
}

async fn new_form(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let c = new_context(&ctx, &slug, &DiscussionInput::default()).await?;
    ctx.csrf_token()?;
    ctx.render("forum/new.html", c)
}

async fn new_submit(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<DiscussionInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let slug = slug.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    match ctx
        .state
        .write(move |conn| {
            let id = service::start(conn, &viewer, phase, &s, &input)?;
            Ok(service::discussion_url(&id, &input.title))
        })
        .await
    {
        Ok(url) => Ok(Ctx::redirect(&url)),
        Err(e) => {
            let c = new_context(&ctx, &slug, &typed).await?;
            ctx.form_error("forum/new.html", c, e)
        }
    }
}

async fn discussion_context(
    ctx: &Ctx,
    id: &DiscussionId,
    page: i64,
    quote: Option<&str>,
) -> AppResult<(Context, String)> {
    let (viewer, phase, did) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    let (page, categories, watch) = ctx
        .state
        .run(move |conn| {
            Ok((
                service::discussion_page(conn, &did, &viewer, phase, page)?,
                service::categories(conn, &viewer, phase)?,
                prassi_core::notify::watch_state(conn, &viewer, "discussion", &did.0)?,
            ))
        })
        .await?;
    let audience = Audience::from_db(&page.discussion.audience).unwrap_or(Audience::Members);
    let moderates = ctx.can(&audience, Action::Moderate);
    let can_reply =
        ctx.can(&audience, Action::Participate) && (!page.discussion.locked || moderates);
    // Quoting prefills the reply with the quoted post as a Markdown blockquote.
    let thread_lang = page.discussion.lang.clone();
    let mut reply = serde_json::json!({ "body_md": "", "quote_of": "", "lang": thread_lang });
    if let Some(qid) = quote {
        if let Some(p) = page.posts.iter().find(|p| p.id == qid && !p.hidden) {
            let quoted: String = p.body_md.lines().map(|l| format!("> {l}\n")).collect();
            reply = serde_json::json!({
                "body_md": format!("**@{}**:\n{quoted}\n", p.author.username),
                "quote_of": p.id,
                "lang": thread_lang,
            });
        }
    }
    let url = page.discussion.url.clone();
    let mut c = Context::new();
    c.insert("can_reply", &can_reply);
    c.insert("can_moderate", &moderates);
    c.insert("signed_in", &ctx.viewer.account().is_some());
    c.insert(
        "login_url",
        &format!("/accedi?next={}", prassi_core::web::url_encode(&url)),
    );
    c.insert("reply_form", &reply);
    c.insert(
        "move_options",
        &categories
            .iter()
            .filter(|k| k.slug != page.discussion.category_slug)
            .map(|k| serde_json::json!({"value": k.slug, "label": k.name}))
            .collect::<Vec<_>>(),
    );
    c.insert("page_base", &url);
    c.insert("page", &page.page);
    c.insert("discussion", &page.discussion);
    c.insert("posts", &page.posts);
    c.insert("watch", &watch);
    Ok((c, url))
}

async fn discussion(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let (id, slug) = path.into_inner();
    let id = DiscussionId::parse(&id).ok_or_else(AppError::not_found)?;
    let q = q.into_inner();
    let (c, url) = discussion_context(&ctx, &id, q.page.unwrap_or(1), q.cita.as_deref()).await?;
    if !url.ends_with(&format!("/{slug}")) {
        return Ok(HttpResponse::MovedPermanently()
            .insert_header((actix_web::http::header::LOCATION, url))
            .finish());
    }
    if ctx.viewer.account().is_some() {
        ctx.csrf_token()?;
    }
    ctx.render("forum/discussion.html", c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReplyForm {
    pub body_md: String,
    pub quote_of: String,
    pub lang: String,
}

async fn reply_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<ReplyForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = DiscussionId::parse(&id).ok_or_else(AppError::not_found)?;
    let form = form.into_inner();
    let quote = match form.quote_of.trim() {
        "" => None,
        q => Some(
            PostId::parse(q).ok_or_else(|| AppError::invalid("quote_of", "forum-quote-invalid"))?,
        ),
    };
    let (viewer, phase, did, body) = (
        ctx.viewer.clone(),
        ctx.phase(),
        id.clone(),
        form.body_md.clone(),
    );
    let chosen = form.lang.clone();
    match ctx
        .state
        .write(move |conn| {
            service::reply_in(conn, &viewer, phase, &did, &body, quote.as_ref(), &chosen)
        })
        .await
    {
        Ok(pid) => {
            let (c, url) = discussion_context(&ctx, &id, 1, None).await?;
            let last = c
                .get("page")
                .and_then(|p| p.get("pages"))
                .and_then(|p| p.as_i64())
                .unwrap_or(1);
            let page = if last > 1 {
                format!("?page={last}")
            } else {
                String::new()
            };
            Ok(Ctx::redirect(&format!("{url}{page}#post-{pid}")))
        }
        Err(e) => {
            let (mut c, _) = discussion_context(&ctx, &id, 1, None).await?;
            c.insert(
                "reply_form",
                &serde_json::json!({
                    "body_md": form.body_md,
                    "quote_of": form.quote_of,
                    "lang": form.lang,
                }),
            );
            ctx.form_error("forum/discussion.html", c, e)
        }
    }
}

async fn edit_context(ctx: &Ctx, id: &PostId, form: Option<PostEdit>) -> AppResult<Context> {
    let (viewer, phase, pid) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    let service::EditablePost {
        post,
        discussion,
        is_opening,
    } = ctx
        .state
        .run(move |conn| service::editable(conn, &viewer, phase, &pid))
        .await?;
    let mut c = Context::new();
    c.insert("action", &format!("/forum/p/{id}/modifica"));
    c.insert(
        "back_url",
        &format!(
            "{}#post-{id}",
            service::discussion_url(&discussion.id, &discussion.title)
        ),
    );
    c.insert("discussion_title", &discussion.title);
    c.insert("is_opening", &is_opening);
    c.insert(
        "form",
        &form.unwrap_or(PostEdit {
            title: discussion.title.clone(),
            body_md: post.body_md,
            summary: String::new(),
            lang: post.lang,
        }),
    );
    Ok(c)
}

async fn edit_form(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = PostId::parse(&id).ok_or_else(AppError::not_found)?;
    let c = edit_context(&ctx, &id, None).await?;
    ctx.csrf_token()?;
    ctx.render("forum/edit.html", c)
}

async fn edit_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<PostEdit>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = PostId::parse(&id).ok_or_else(AppError::not_found)?;
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, pid) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| service::edit(conn, &viewer, phase, &pid, &input))
        .await
    {
        Ok(did) => {
            ctx.flash("success", "forum-edit-saved");
            let (_, url) = discussion_context(&ctx, &did, 1, None).await?;
            Ok(Ctx::redirect(&format!("{url}#post-{id}")))
        }
        Err(e) => {
            let c = edit_context(&ctx, &id, Some(typed)).await?;
            ctx.form_error("forum/edit.html", c, e)
        }
    }
}

async fn history(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let id = PostId::parse(&id).ok_or_else(AppError::not_found)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (url, title, revisions) = ctx
        .state
        .run(move |conn| {
            let (d, revisions) = service::readable_history(conn, &viewer, phase, &id)?;
            Ok((service::discussion_url(&d.id, &d.title), d.title, revisions))
        })
        .await?;
    let mut c = Context::new();
    c.insert("discussion_title", &title);
    c.insert("back_url", &url);
    c.insert("revisions", &revisions);
    ctx.render("forum/history.html", c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HideForm {
    pub reason: String,
}

async fn hide(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<HideForm>,
) -> AppResult<HttpResponse> {
    set_hidden(ctx, id.into_inner(), Some(form.into_inner().reason)).await
}

async fn show(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    set_hidden(ctx, id.into_inner(), None).await
}

async fn set_hidden(ctx: Ctx, id: String, reason: Option<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = PostId::parse(&id).ok_or_else(AppError::not_found)?;
    let (viewer, phase, pid) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    let hiding = reason.is_some();
    let did = ctx
        .state
        .write(move |conn| service::set_hidden(conn, &viewer, phase, &pid, reason.as_deref()))
        .await?;
    ctx.flash(
        "success",
        if hiding {
            "forum-post-hidden"
        } else {
            "forum-post-shown"
        },
    );
    let (_, url) = discussion_context(&ctx, &did, 1, None).await?;
    Ok(Ctx::redirect(&format!("{url}#post-{id}")))
}

async fn moderate(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<ModerationInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = DiscussionId::parse(&id).ok_or_else(AppError::not_found)?;
    let input = form.into_inner();
    let (viewer, phase, did) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    ctx.state
        .write(move |conn| service::moderate(conn, &viewer, phase, &did, &input))
        .await?;
    ctx.flash("success", "forum-moderated");
    let (_, url) = discussion_context(&ctx, &id, 1, None).await?;
    Ok(Ctx::redirect(&url))
}

async fn mentions(ctx: Ctx, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let q = q.into_inner();
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (items, info) = ctx
        .state
        .run(move |conn| service::my_mentions(conn, &viewer, phase, page))
        .await?;
    let mut c = Context::new();
    c.insert("mentions", &items);
    c.insert("page", &info);
    c.insert("page_base", "/forum/menzioni");
    ctx.render("forum/mentions.html", c)
}

async fn categories_context(ctx: &Ctx, form: &CategoryInput) -> AppResult<Context> {
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::categories(conn, &viewer, phase))
        .await?;
    let options: Vec<serde_json::Value> = [Audience::Members, Audience::Public]
        .iter()
        .map(|a| serde_json::json!({ "value": a.to_db(), "label": ctx.t(&format!("forum-audience-{}", a.to_db())) }))
        .collect();
    let mut c = Context::new();
    c.insert("categories", &list);
    c.insert("audience_options", &options);
    c.insert("form", form);
    Ok(c)
}

async fn categories_page(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.require_admin()?;
    let c = categories_context(
        &ctx,
        &CategoryInput {
            audience: "members".into(),
            ..Default::default()
        },
    )
    .await?;
    ctx.render("forum/categories.html", c)
}

async fn category_create(ctx: Ctx, form: web::Form<CategoryInput>) -> AppResult<HttpResponse> {
    ctx.require_admin()?;
    let input = form.into_inner();
    let typed = input.clone();
    let viewer = ctx.viewer.clone();
    match ctx
        .state
        .write(move |conn| service::create_category(conn, &viewer, &input))
        .await
    {
        Ok(_) => {
            ctx.flash("success", "forum-category-created");
            Ok(Ctx::redirect("/forum/categorie"))
        }
        Err(e) => {
            let c = categories_context(&ctx, &typed).await?;
            ctx.form_error("forum/categories.html", c, e)
        }
    }
}

/// Registers the module's HTML routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/forum", web::get().to(index))
        .route("/forum/menzioni", web::get().to(mentions))
        .route("/forum/categorie", web::get().to(categories_page))
        .route("/forum/categorie", web::post().to(category_create))
        .route("/forum/c/{slug}", web::get().to(category))
        .route("/forum/c/{slug}/nuova", web::get().to(new_form))
        .route("/forum/c/{slug}/nuova", web::post().to(new_submit))
        .route("/forum/d/{id}/rispondi", web::post().to(reply_submit))
        .route("/forum/d/{id}/moderazione", web::post().to(moderate))
        .route("/forum/d/{id}/{slug}", web::get().to(discussion))
        .route("/forum/p/{id}/modifica", web::get().to(edit_form))
        .route("/forum/p/{id}/modifica", web::post().to(edit_submit))
        .route("/forum/p/{id}/cronologia", web::get().to(history))
        .route("/forum/p/{id}/nascondi", web::post().to(hide))
        .route("/forum/p/{id}/mostra", web::post().to(show));
}
