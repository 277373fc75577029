//! HTML pages of the agenda under `/agenda`. Thin handlers: parse, call the service (which
//! applies [`crate::access::readable_event`]), render; forms post back and redirect (303), or
//! show the page again with every error in the summary at the top.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use prassi_core::error::AppResult;
use prassi_core::pagination::PageQuery;
use prassi_core::Ctx;
use serde::Deserialize;
use tera::Context;

use crate::service::{self, events, feeds, listing, registration, EventInput, RegisterInput};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IndexQuery {
    /// `passati` for past events.
    pub quando: String,
    pub tema: String,
    pub gruppo: String,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

async fn index(ctx: Ctx, q: web::Query<IndexQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let past = q.quando == "passati";
    let filter = listing::ListFilter {
        when: if past { "past".into() } else { String::new() },
        theme: q.tema.clone(),
        group: q.gruppo.clone(),
    };
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (list, can_create) = ctx
        .state
        .run(move |conn| {
            Ok((
                service::list(conn, &viewer, phase, &filter, page)?,
                events::may_create(conn, &viewer)?,
            ))
        })
        .await?;
    let mut base = format!(
        "/agenda?quando={}",
        if past { "passati" } else { "prossimi" }
    );
    for (k, v) in [("tema", &q.tema), ("gruppo", &q.gruppo)] {
        if !v.is_empty() {
            base.push_str(&format!("&{k}={}", prassi_core::web::url_encode(v)));
        }
    }
    let mut c = Context::new();
    c.insert("events", &list.items);
    c.insert("page", &list.page);
    c.insert("page_base", &base);
    c.insert("themes", &list.themes);
    c.insert("past", &past);
    c.insert("theme", &q.tema);
    c.insert("group", &q.gruppo);
    c.insert("can_create", &can_create);
    ctx.render("agenda/index.html", c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MonthQuery {
    pub anno: Option<String>,
    pub mese: Option<String>,
    /// A day of the week to show (`2027-03-15`): the week view.
    pub settimana: Option<String>,
}

async fn month(ctx: Ctx, q: web::Query<MonthQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let year = q.anno.as_deref().and_then(|y| y.trim().parse::<i32>().ok());
    let month = q.mese.as_deref().and_then(|m| m.trim().parse::<u32>().ok());
    let view = ctx
        .state
        .run(move |conn| service::month(conn, &viewer, phase, year, month))
        .await?;
    let mut c = Context::new();
    c.insert("cal", &view);
    c.insert("week", &false);
    c.insert(
        "month_name",
        &ctx.t(&format!("agenda-month-{}", view.month)),
    );
    ctx.render("agenda/calendar.html", c)
}

async fn week(ctx: Ctx, q: web::Query<MonthQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let day = q
        .settimana
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok());
    let view = ctx
        .state
        .run(move |conn| listing::week(conn, &viewer, phase, day))
        .await?;
    let mut c = Context::new();
    c.insert("cal", &view);
    c.insert("week", &true);
    c.insert(
        "month_name",
        &ctx.t(&format!("agenda-month-{}", view.month)),
    );
    ctx.render("agenda/calendar.html", c)
}

async fn show_context(ctx: &Ctx, id: &str) -> AppResult<Context> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.to_owned());
    let event = ctx
        .state
        .run(move |conn| service::detail(conn, &viewer, phase, &id))
        .await?;
    let mut c = Context::new();
    c.insert("event", &event);
    c.insert("signed_in", &ctx.viewer.is_member());
    Ok(c)
}

async fn show(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let c = show_context(&ctx, &id).await?;
    ctx.render("agenda/event.html", c)
}

fn form_context(ctx: &Ctx, form: &EventInput, action: &str, editing: bool) -> Context {
    let mut c = Context::new();
    c.insert("form", form);
    c.insert("action", action);
    c.insert("editing", &editing);
    let opts = |prefix: &str, values: &[&str]| -> Vec<serde_json::Value> {
        values
            .iter()
            .map(|v| serde_json::json!({ "value": v, "label": ctx.t(&format!("{prefix}{v}")) }))
            .collect()
    };
    c.insert(
        "format_options",
        &opts("agenda-format-", &["in_person", "online", "hybrid"]),
    );
    c.insert(
        "audience_options",
        &opts("agenda-audience-", &["members", "public"]),
    );
    c.insert(
        "status_options",
        &opts(
            "agenda-status-",
            &["published", "draft", "postponed", "cancelled"],
        ),
    );
    c.insert("block_kinds", &events::block_kinds());
    c
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    /// A group's slug: the form starts with it.
    pub gruppo: String,
}

async fn new_form(ctx: Ctx, q: web::Query<NewQuery>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    if !ctx
        .state
        .run(move |conn| events::may_create(conn, &viewer))
        .await?
    {
        return Err(prassi_core::AppError::forbidden());
    }
    let form = EventInput {
        format: "in_person".into(),
        audience: "members".into(),
        status: "published".into(),
        use_template: "1".into(),
        group: q.gruppo.clone(),
        ..EventInput::default()
    };
    ctx.render(
        "agenda/form.html",
        form_context(&ctx, &form, "/agenda/nuovo", false),
    )
}

async fn new_submit(ctx: Ctx, form: web::Form<EventInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    match ctx
        .state
        .write(move |conn| service::create(conn, &viewer, phase, &input))
        .await
    {
        Ok(id) => {
            ctx.flash("success", "agenda-created");
            Ok(Ctx::redirect(&service::event_url(&id)))
        }
        Err(e) => ctx.form_error(
            "agenda/form.html",
            form_context(&ctx, &typed, "/agenda/nuovo", false),
            e,
        ),
    }
}

async fn edit_form(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let i2 = id.clone();
    let (_, form) = ctx
        .state
        .run(move |conn| events::edit_form(conn, &viewer, phase, &i2))
        .await?;
    ctx.render(
        "agenda/form.html",
        form_context(&ctx, &form, &format!("/agenda/{id}/modifica"), true),
    )
}

async fn edit_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<EventInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| service::update(conn, &viewer, phase, &i2, &input))
        .await
    {
        Ok(id) => {
            ctx.flash("success", "agenda-saved");
            Ok(Ctx::redirect(&service::event_url(&id)))
        }
        Err(e) => ctx.form_error(
            "agenda/form.html",
            form_context(&ctx, &typed, &format!("/agenda/{id}/modifica"), true),
            e,
        ),
    }
}

async fn register(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<RegisterInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let input = form.into_inner();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| service::register(conn, &viewer, phase, &i2, &input))
        .await
    {
        Ok(r) => {
            ctx.flash(
                "success",
                if r.status == "waiting" {
                    "agenda-waiting-joined"
                } else {
                    "agenda-registered"
                },
            );
            Ok(Ctx::redirect(&format!("/agenda/{id}#iscrizione")))
        }
        Err(e) => {
            let c = show_context(&ctx, &id).await?;
            ctx.form_error("agenda/event.html", c, e)
        }
    }
}

async fn cancel(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| service::cancel(conn, &viewer, phase, &i2))
        .await
    {
        Ok(()) => {
            ctx.flash("success", "agenda-cancelled");
            Ok(Ctx::redirect(&format!("/agenda/{id}#iscrizione")))
        }
        Err(e) => {
            let c = show_context(&ctx, &id).await?;
            ctx.form_error("agenda/event.html", c, e)
        }
    }
}

async fn participants(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let i2 = id.clone();
    let (found, people) = ctx
        .state
        .run(move |conn| service::participants(conn, &viewer, phase, &i2))
        .await?;
    let mut c = Context::new();
    c.insert("event_title", &found.event.title);
    c.insert("event_url", &service::event_url(&found.event.id));
    c.insert("people", &people);
    ctx.render("agenda/participants.html", c)
}

async fn export(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let csv = ctx
        .state
        .run(move |conn| service::export_csv(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"partecipanti.csv\"",
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .body(csv))
}

/// The attendance form: one checkbox per registration (`presente`), repeated.
async fn attendance(ctx: Ctx, id: web::Path<String>, body: web::Bytes) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let present: Vec<String> = url::form_urlencoded::parse(&body)
        .filter(|(k, _)| k == "presente")
        .map(|(_, v)| v.into_owned())
        .collect();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    ctx.state
        .write(move |conn| registration::record_attendance(conn, &viewer, phase, &i2, &present))
        .await?;
    ctx.flash("success", "agenda-attendance-saved");
    Ok(Ctx::redirect(&format!("/agenda/{id}/partecipanti")))
}

fn calendar_response(body: String, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body)
}

async fn event_ics(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let base = ctx.state.config.base_url.trim_end_matches('/').to_owned();
    let body = ctx
        .state
        .run(move |conn| feeds::event_ics(conn, &viewer, phase, &id, &base))
        .await?;
    Ok(calendar_response(body, "evento.ics"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FeedQuery {
    /// A member's secret feed token (calendar apps cannot sign in).
    pub token: String,
}

async fn feed_ics(ctx: Ctx, q: web::Query<FeedQuery>) -> AppResult<HttpResponse> {
    let token = q.into_inner().token;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let base = ctx.state.config.base_url.trim_end_matches('/').to_owned();
    let name = format!("{} – {}", ctx.state.config.site_name, ctx.t("agenda-title"));
    let body = ctx
        .state
        .run(move |conn| {
            let viewer = if token.is_empty() {
                viewer
            } else {
                feeds::viewer_of_token(conn, &token)?
            };
            feeds::feed(conn, &viewer, phase, &name, &base)
        })
        .await?;
    Ok(calendar_response(body, "agenda.ics"))
}

async fn calendar_page(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let made = ctx
        .state
        .run(move |conn| feeds::token_made_at(conn, &viewer))
        .await?;
    let mut c = Context::new();
    c.insert("token_made_at", &made);
    c.insert("feed_url", "");
    ctx.render("agenda/feed.html", c)
}

async fn calendar_new(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let token = ctx
        .state
        .write(move |conn| feeds::new_token(conn, &viewer))
        .await?;
    let viewer = ctx.viewer.clone();
    let made = ctx
        .state
        .run(move |conn| feeds::token_made_at(conn, &viewer))
        .await?;
    let base = ctx.state.config.base_url.trim_end_matches('/');
    let mut c = Context::new();
    c.insert("token_made_at", &made);
    c.insert(
        "feed_url",
        &format!("{base}/agenda/calendario.ics?token={token}"),
    );
    // Shown once: the page that holds the secret is never cached.
    let mut resp = ctx.render("agenda/feed.html", c)?;
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(resp)
}

async fn calendar_revoke(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    ctx.state
        .write(move |conn| feeds::revoke_token(conn, &viewer))
        .await?;
    ctx.flash("success", "agenda-feed-revoked");
    Ok(Ctx::redirect("/agenda/calendario"))
}

/// Registers the module's HTML routes (fixed paths before `/agenda/{id}`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/agenda", web::get().to(index))
        .route("/agenda/mese", web::get().to(month))
        .route("/agenda/settimana", web::get().to(week))
        .route("/agenda/nuovo", web::get().to(new_form))
        .route("/agenda/nuovo", web::post().to(new_submit))
        .route("/agenda/calendario", web::get().to(calendar_page))
        .route("/agenda/calendario", web::post().to(calendar_new))
        .route("/agenda/calendario/revoca", web::post().to(calendar_revoke))
        .route("/agenda/calendario.ics", web::get().to(feed_ics))
        .route("/agenda/{id}", web::get().to(show))
        .route("/agenda/{id}/evento.ics", web::get().to(event_ics))
        .route("/agenda/{id}/modifica", web::get().to(edit_form))
        .route("/agenda/{id}/modifica", web::post().to(edit_submit))
        .route("/agenda/{id}/iscrizione", web::post().to(register))
        .route("/agenda/{id}/iscrizione/annulla", web::post().to(cancel))
        .route("/agenda/{id}/partecipanti", web::get().to(participants))
        .route("/agenda/{id}/partecipanti.csv", web::get().to(export))
        .route("/agenda/{id}/presenze", web::post().to(attendance));
}
