//! The notification pages: `/notifiche` (the member's notifications, newest first, with "mark
//! read" and "mark all read"), `/notifiche/impostazioni` (where each kind reaches them),
//! `/notifiche/segui` (a watch level on an item, posted from item pages) and the one-click
//! unsubscribe link of the emails. Thin: every decision is the service's.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult};
use prassi_core::Ctx;
use serde::Deserialize;
use tera::Context;

use crate::service::preferences::{self, Channel};
use crate::service::unsubscribe::Topic;
use crate::service::{digest, inbox, items, unsubscribe};

/// `?prima=<id>&non-lette=1` on the list.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    prima: Option<String>,
    #[serde(rename = "non-lette")]
    non_lette: Option<String>,
}

async fn list(ctx: Ctx, q: web::Query<ListQuery>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let unread_only = q.non_lette.as_deref().is_some_and(|v| !v.is_empty());
    let before = q.prima.clone();
    let page = ctx
        .state
        .run(move |conn| inbox::page(conn, &viewer, phase, before.as_deref(), unread_only, None))
        .await?;
    let mut c = Context::new();
    c.insert("page", &page);
    c.insert("unread_only", &unread_only);
    ctx.render("notifications/index.html", c)
}

async fn mark_read(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let id = id.into_inner();
    ctx.state
        .write(move |conn| inbox::mark_read(conn, &viewer, &id))
        .await?;
    Ok(Ctx::redirect("/notifiche"))
}

async fn mark_all_read(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    ctx.state
        .write(move |conn| inbox::mark_all_read(conn, &viewer))
        .await?;
    ctx.flash("success", "notifications-all-read-done");
    Ok(Ctx::redirect("/notifiche"))
}

async fn settings_page(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    render_settings(&ctx, None).await
}

async fn render_settings(ctx: &Ctx, error: Option<AppError>) -> AppResult<HttpResponse> {
    let viewer = ctx.viewer.clone();
    let (kinds, digest) = ctx
        .state
        .run(move |conn| {
            Ok((
                preferences::settings(conn, &viewer)?,
                digest::settings(conn, &viewer)?,
            ))
        })
        .await?;
    let mut c = Context::new();
    c.insert("kinds", &kinds);
    c.insert("digest", &digest);
    c.insert(
        "frequencies",
        &digest::Frequency::ALL
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>(),
    );
    c.insert(
        "channels",
        &Channel::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
    );
    match error {
        Some(e) => ctx.form_error("notifications/settings.html", c, e),
        None => ctx.render("notifications/settings.html", c),
    }
}

async fn settings_submit(
    ctx: Ctx,
    form: web::Form<Vec<(String, String)>>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let form = form.into_inner();
    let frequency = form
        .iter()
        .find(|(k, _)| k == "digest")
        .map(|(_, v)| v.clone());
    let choices: Vec<(String, String)> = form
        .into_iter()
        .filter_map(|(k, v)| k.strip_prefix("canale-").map(|k| (k.to_owned(), v)))
        .collect();
    let viewer = ctx.viewer.clone();
    match ctx
        .state
        .write(move |conn| preferences::set_all(conn, &viewer, &choices, frequency.as_deref()))
        .await
    {
        Ok(()) => {
            ctx.flash("success", "notifications-settings-saved");
            Ok(Ctx::redirect("/notifiche/impostazioni"))
        }
        Err(e) if e.kind == prassi_core::error::ErrorKind::Invalid => {
            render_settings(&ctx, Some(e)).await
        }
        Err(e) => Err(e),
    }
}

/// A watch level posted from an item's page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WatchForm {
    item_kind: String,
    item_id: String,
    level: String,
    back: String,
}

async fn watch(ctx: Ctx, form: web::Form<WatchForm>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let f = form.into_inner();
    let back = if f.back.starts_with('/') && !f.back.starts_with("//") {
        f.back.clone()
    } else {
        "/notifiche".to_owned()
    };
    ctx.state
        .write(move |conn| {
            items::set_watch_checked(conn, &viewer, phase, &f.item_kind, &f.item_id, &f.level)
        })
        .await?;
    ctx.flash("success", "notifications-watch-saved");
    Ok(Ctx::redirect(&back))
}

async fn unsubscribe_page(ctx: Ctx, token: web::Path<String>) -> AppResult<HttpResponse> {
    let (_, topic) = unsubscribe::verify(&ctx.state.config, &token)?;
    unsubscribe_render(&ctx, &token, topic, false)
}

/// The one-click unsubscribe (RFC 8058): the token authorises it, no session needed. Email
/// stops for the kind (the notifications stay in the platform), or the digest stops.
async fn unsubscribe_submit(ctx: Ctx, token: web::Path<String>) -> AppResult<HttpResponse> {
    let (user, topic) = unsubscribe::verify(&ctx.state.config, &token)?;
    ctx.state
        .write(move |conn| match topic {
            Topic::Kind(kind) => preferences::set_channel(conn, &user, kind, Channel::Web),
            Topic::Digest => digest::set_frequency(
                conn,
                &user,
                digest::Frequency::Off.as_str(),
                prassi_db::now(),
            ),
        })
        .await?;
    unsubscribe_render(&ctx, &token, topic, true)
}

fn unsubscribe_render(ctx: &Ctx, token: &str, topic: Topic, done: bool) -> AppResult<HttpResponse> {
    let mut c = Context::new();
    c.insert("token", token);
    c.insert("kind_key", &topic.key());
    c.insert("done", &done);
    ctx.render("notifications/unsubscribe.html", c)
}

/// Registers the pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/notifiche", web::get().to(list))
        .route("/notifiche/lette", web::post().to(mark_all_read))
        .route("/notifiche/impostazioni", web::get().to(settings_page))
        .route("/notifiche/impostazioni", web::post().to(settings_submit))
        .route("/notifiche/segui", web::post().to(watch))
        .route(
            "/notifiche/disiscriviti/{token}",
            web::get().to(unsubscribe_page),
        )
        .route(
            "/notifiche/disiscriviti/{token}",
            web::post().to(unsubscribe_submit),
        )
        .route("/notifiche/{id}/letta", web::post().to(mark_read));
}
