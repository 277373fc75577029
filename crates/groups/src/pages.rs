//! HTML pages of working groups under `/gruppi`. Thin handlers: parse, call the service
//! (which applies [`crate::access::readable_group`]), render; forms post back and redirect
//! (303), or show the page again with every error in the summary at the top.

use actix_web::{web, HttpResponse};
use prassi_core::error::AppResult;
use prassi_core::pagination::PageQuery;
use prassi_core::Ctx;
use serde::Deserialize;
use tera::Context;

use crate::service::{self, DecideInput, GroupInput, InviteInput, RequestInput};

/// Members shown on a group's page (the rest on its members page).
const MEMBERS_PREVIEW: i64 = 24;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub tab: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

impl ListQuery {
    fn page(&self) -> prassi_core::pagination::PageRequest {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
        }
        .resolve()
    }
}

fn options(ctx: &Ctx, prefix: &str, values: &[&str]) -> Vec<serde_json::Value> {
    values
        .iter()
        .map(|v| serde_json::json!({ "value": v, "label": ctx.t(&format!("{prefix}{v}")) }))
        .collect()
}

async fn index(ctx: Ctx, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let signed_in = ctx.viewer.is_member();
    let mine = signed_in && q.tab.as_deref() == Some("miei");
    let page = q.page();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::visible_groups(conn, &viewer, phase, mine, page))
        .await?;
    let mut tabs = vec![serde_json::json!({
        "value": "tutti", "label": ctx.t("groups-tab-all"), "url": "/gruppi"
    })];
    if signed_in {
        tabs.push(serde_json::json!({
            "value": "miei", "label": ctx.t("groups-tab-mine"), "url": "/gruppi?tab=miei"
        }));
    }
    let mut c = Context::new();
    c.insert("groups", &list.items);
    c.insert("page", &list.page);
    c.insert(
        "page_base",
        if mine { "/gruppi?tab=miei" } else { "/gruppi" },
    );
    c.insert("tab", if mine { "miei" } else { "tutti" });
    c.insert("tabs", &tabs);
    c.insert("signed_in", &signed_in);
    c.insert(
        "can_create",
        &service::may_create(&ctx.viewer, ctx.settings.group_creators),
    );
    ctx.render("groups/index.html", c)
}

fn form_context(ctx: &Ctx, form: &GroupInput, action: &str, editing: bool) -> Context {
    let mut c = Context::new();
    c.insert("form", form);
    c.insert("action", action);
    c.insert("editing", &editing);
    c.insert(
        "visibility_options",
        &options(ctx, "groups-visibility-", &["public", "listed", "secret"]),
    );
    c.insert(
        "join_policy_options",
        &options(
            ctx,
            "groups-join-policy-",
            &["open", "request", "invitation"],
        ),
    );
    c
}

async fn new_form(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    if !service::may_create(&ctx.viewer, ctx.settings.group_creators) {
        return Err(
            prassi_core::error::AppError::forbidden().with_message("groups-create-forbidden")
        );
    }
    let form = GroupInput {
        visibility: "listed".into(),
        join_policy: "request".into(),
        ..Default::default()
    };
    ctx.csrf_token()?;
    ctx.render(
        "groups/form.html",
        form_context(&ctx, &form, "/gruppi/nuovo", false),
    )
}

async fn new_submit(ctx: Ctx, form: web::Form<GroupInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, creators) = (ctx.viewer.clone(), ctx.settings.group_creators);
    match ctx
        .state
        .write(move |conn| service::create(conn, &viewer, creators, &input))
        .await
    {
        Ok(g) => {
            ctx.flash("success", "groups-created");
            Ok(Ctx::redirect(&service::groups::group_url(&g.slug)))
        }
        Err(e) => ctx.form_error(
            "groups/form.html",
            form_context(&ctx, &typed, "/gruppi/nuovo", false),
            e,
        ),
    }
}

async fn show_context(ctx: &Ctx, slug: &str) -> AppResult<Context> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let (detail, members, watch) = ctx
        .state
        .run(move |conn| {
            let d = service::show(conn, &s, &viewer, phase)?;
            // Only a group's members follow it.
            let watch = if d.viewer.standing != crate::access::Standing::Outsider {
                prassi_core::notify::watch_state(conn, &viewer, "group", &d.id)?
            } else {
                None
            };
            let members = if d.viewer.may_read_content {
                let page = PageQuery {
                    page: Some(1),
                    per_page: Some(MEMBERS_PREVIEW),
                }
                .resolve();
                let id = prassi_db::GroupId(d.id.clone());
                Some(service::membership::members_of(conn, &id, page)?.0)
            } else {
                None
            };
            Ok((d, members, watch))
        })
        .await?;
    let mut c = Context::new();
    c.insert("group", &detail);
    c.insert("watch", &watch);
    c.insert("members", &members);
    c.insert("signed_in", &ctx.viewer.account().is_some());
    c.insert(
        "login_url",
        &format!("/accedi?next={}", prassi_core::web::url_encode(&detail.url)),
    );
    c.insert("request_form", &RequestInput::default());
    Ok(c)
}

async fn show(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let c = show_context(&ctx, &slug).await?;
    if ctx.viewer.account().is_some() {
        ctx.csrf_token()?;
    }
    ctx.render("groups/show.html", c)
}

/// Runs a membership action posted from the group page: redirects back with a notice, or
/// shows the group page again with the error at the top.
async fn act<F>(
    ctx: Ctx,
    slug: String,
    notice: &str,
    to: Option<String>,
    f: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(
            &mut prassi_db::DbConnection,
            &prassi_core::access::Viewer,
            prassi_core::access::Phase,
            &str,
        ) -> AppResult<()>
        + Send
        + 'static,
{
    ctx.account()?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    match ctx
        .state
        .write(move |conn| f(conn, &viewer, phase, &s))
        .await
    {
        Ok(()) => {
            ctx.flash("success", notice);
            Ok(Ctx::redirect(
                &to.unwrap_or_else(|| service::groups::group_url(&slug)),
            ))
        }
        Err(e) => {
            let c = show_context(&ctx, &slug).await?;
            ctx.form_error("groups/show.html", c, e)
        }
    }
}

async fn join(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    act(ctx, slug.into_inner(), "groups-joined", None, service::join).await
}

async fn leave(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    act(ctx, slug.into_inner(), "groups-left", None, |c, v, p, s| {
        service::leave(c, v, p, s)
    })
    .await
}

async fn withdraw(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    act(
        ctx,
        slug.into_inner(),
        "groups-request-withdrawn",
        None,
        service::withdraw,
    )
    .await
}

async fn request(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<RequestInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let slug = slug.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    match ctx
        .state
        .write(move |conn| service::request(conn, &viewer, phase, &s, &input))
        .await
    {
        Ok(_) => {
            ctx.flash("success", "groups-requested");
            Ok(Ctx::redirect(&service::groups::group_url(&slug)))
        }
        Err(e) => {
            let mut c = show_context(&ctx, &slug).await?;
            c.insert("request_form", &typed);
            ctx.form_error("groups/show.html", c, e)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    /// `accept` or `decline`.
    pub answer: String,
}

async fn answer_invitation(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    form: web::Form<AnswerForm>,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let accept = form.answer == "accept";
    let notice = if accept {
        "groups-invitation-accepted"
    } else {
        "groups-invitation-declined"
    };
    act(ctx, slug, notice, None, move |c, v, p, s| {
        service::respond(c, v, p, s, &id, accept)
    })
    .await
}

async fn settings_context(ctx: &Ctx, slug: &str) -> AppResult<(Context, GroupInput)> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let detail = ctx
        .state
        .run(move |conn| service::show(conn, &s, &viewer, phase))
        .await?;
    if !detail.viewer.may_coordinate {
        return Err(prassi_core::error::AppError::forbidden());
    }
    let form = GroupInput::of(&detail);
    let mut c = form_context(ctx, &form, &format!("{}/impostazioni", detail.url), true);
    c.insert("group", &detail);
    Ok((c, form))
}

async fn settings_form(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let (c, _) = settings_context(&ctx, &slug).await?;
    ctx.csrf_token()?;
    ctx.render("groups/form.html", c)
}

async fn settings_submit(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<GroupInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let slug = slug.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    match ctx
        .state
        .write(move |conn| service::update(conn, &viewer, phase, &s, &input))
        .await
    {
        Ok(g) => {
            ctx.flash("success", "groups-settings-saved");
            Ok(Ctx::redirect(&service::groups::group_url(&g.slug)))
        }
        Err(e) => {
            let (mut c, _) = settings_context(&ctx, &slug).await?;
            c.insert("form", &typed);
            ctx.form_error("groups/form.html", c, e)
        }
    }
}

async fn members_context(ctx: &Ctx, slug: &str, page: i64) -> AppResult<Context> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let per_page = prassi_core::pagination::MAX_PER_PAGE;
    let (detail, (members, info)) = ctx
        .state
        .run(move |conn| {
            let d = service::show(conn, &s, &viewer, phase)?;
            let page = PageQuery {
                page: Some(page),
                per_page: Some(per_page),
            }
            .resolve();
            Ok((d, service::members(conn, &viewer, phase, &s, page)?))
        })
        .await?;
    let mut c = Context::new();
    c.insert("page_base", &format!("{}/membri", detail.url));
    c.insert("group", &detail);
    c.insert("members", &members);
    c.insert("page", &info);
    c.insert("invite_form", &InviteInput::default());
    c.insert(
        "role_options",
        &options(ctx, "groups-role-", &["coordinator", "member"]),
    );
    Ok(c)
}

async fn members_page(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let c = members_context(&ctx, &slug, q.page.unwrap_or(1)).await?;
    if ctx.viewer.account().is_some() {
        ctx.csrf_token()?;
    }
    ctx.render("groups/members.html", c)
}

/// Runs a coordinator's action posted from the members page.
async fn coordinate<F>(
    ctx: Ctx,
    slug: String,
    notice: &str,
    typed: InviteInput,
    f: F,
) -> AppResult<HttpResponse>
where
    F: FnOnce(
            &mut prassi_db::DbConnection,
            &prassi_core::access::Viewer,
            prassi_core::access::Phase,
            &str,
        ) -> AppResult<()>
        + Send
        + 'static,
{
    ctx.account()?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    match ctx
        .state
        .write(move |conn| f(conn, &viewer, phase, &s))
        .await
    {
        Ok(()) => {
            ctx.flash("success", notice);
            Ok(Ctx::redirect(&format!(
                "{}/membri",
                service::groups::group_url(&slug)
            )))
        }
        Err(e) => {
            let mut c = members_context(&ctx, &slug, 1).await?;
            c.insert("invite_form", &typed);
            ctx.form_error("groups/members.html", c, e)
        }
    }
}

async fn invite(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<InviteInput>,
) -> AppResult<HttpResponse> {
    let input = form.into_inner();
    let typed = input.clone();
    coordinate(
        ctx,
        slug.into_inner(),
        "groups-invited",
        typed,
        move |c, v, p, s| service::invite(c, v, p, s, &input).map(|_| ()),
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MemberForm {
    pub username: String,
    pub role: String,
}

async fn change_role(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<MemberForm>,
) -> AppResult<HttpResponse> {
    let f = form.into_inner();
    coordinate(
        ctx,
        slug.into_inner(),
        "groups-role-changed",
        InviteInput::default(),
        move |c, v, p, s| service::set_role(c, v, p, s, &f.username, &f.role),
    )
    .await
}

async fn remove(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<MemberForm>,
) -> AppResult<HttpResponse> {
    let f = form.into_inner();
    coordinate(
        ctx,
        slug.into_inner(),
        "groups-member-removed",
        InviteInput::default(),
        move |c, v, p, s| service::remove(c, v, p, s, &f.username),
    )
    .await
}

async fn requests_context(ctx: &Ctx, slug: &str) -> AppResult<Context> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let (detail, requests) = ctx
        .state
        .run(move |conn| {
            let requests = service::pending_requests(conn, &viewer, phase, &s)?;
            Ok((service::show(conn, &s, &viewer, phase)?, requests))
        })
        .await?;
    let mut c = Context::new();
    c.insert("group", &detail);
    c.insert("requests", &requests);
    Ok(c)
}

async fn requests_page(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let c = requests_context(&ctx, &slug).await?;
    ctx.csrf_token()?;
    ctx.render("groups/requests.html", c)
}

async fn decide(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    form: web::Form<DecideInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (slug, id) = path.into_inner();
    let input = form.into_inner();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    let accepted = input.decision == "accept";
    match ctx
        .state
        .write(move |conn| service::decide(conn, &viewer, phase, &s, &id, &input))
        .await
    {
        Ok(()) => {
            ctx.flash(
                "success",
                if accepted {
                    "groups-request-accepted"
                } else {
                    "groups-request-refused"
                },
            );
            Ok(Ctx::redirect(&format!(
                "{}/richieste",
                service::groups::group_url(&slug)
            )))
        }
        Err(e) => {
            let c = requests_context(&ctx, &slug).await?;
            ctx.form_error("groups/requests.html", c, e)
        }
    }
}

async fn log_page(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let page = q.page();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let (detail, (entries, info)) = ctx
        .state
        .run(move |conn| {
            let log = service::group_log(conn, &viewer, phase, &s, page)?;
            Ok((service::show(conn, &s, &viewer, phase)?, log))
        })
        .await?;
    let mut c = Context::new();
    c.insert("page_base", &format!("{}/registro", detail.url));
    c.insert("group", &detail);
    c.insert("entries", &entries);
    c.insert("page", &info);
    ctx.render("groups/log.html", c)
}

async fn invitations_page(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let list = ctx
        .state
        .run(move |conn| service::my_invitations(conn, &viewer))
        .await?;
    let mut c = Context::new();
    c.insert("invitations", &list);
    ctx.csrf_token()?;
    ctx.render("groups/invitations.html", c)
}

/// Registers the module's HTML routes (the fixed paths before `/gruppi/{slug}`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/gruppi", web::get().to(index))
        .route("/gruppi/nuovo", web::get().to(new_form))
        .route("/gruppi/nuovo", web::post().to(new_submit))
        .route("/gruppi/inviti", web::get().to(invitations_page))
        .route("/gruppi/{slug}", web::get().to(show))
        .route("/gruppi/{slug}/unisciti", web::post().to(join))
        .route("/gruppi/{slug}/lascia", web::post().to(leave))
        .route("/gruppi/{slug}/richiedi", web::post().to(request))
        .route("/gruppi/{slug}/richiedi/ritira", web::post().to(withdraw))
        .route(
            "/gruppi/{slug}/inviti/{id}",
            web::post().to(answer_invitation),
        )
        .route("/gruppi/{slug}/impostazioni", web::get().to(settings_form))
        .route(
            "/gruppi/{slug}/impostazioni",
            web::post().to(settings_submit),
        )
        .route("/gruppi/{slug}/membri", web::get().to(members_page))
        .route("/gruppi/{slug}/membri/invita", web::post().to(invite))
        .route("/gruppi/{slug}/membri/ruolo", web::post().to(change_role))
        .route("/gruppi/{slug}/membri/rimuovi", web::post().to(remove))
        .route("/gruppi/{slug}/richieste", web::get().to(requests_page))
        .route("/gruppi/{slug}/richieste/{id}", web::post().to(decide))
        .route("/gruppi/{slug}/registro", web::get().to(log_page));
}
