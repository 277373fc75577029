//! `/api/v1/notifications/`: the member's notifications, marking them read, their channels
//! per kind and watch levels, as JSON. The same service functions as the pages.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppResult, ErrorEnvelope};
use prassi_core::Ctx;
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::service::digest::{self, DigestSettings, Frequency};
use crate::service::inbox::{self, InboxPage, NotificationView};
use crate::service::items;
use crate::service::preferences::{self, Channel, KindSetting};

/// Query of the list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct InboxParams {
    /// Only notifications older than this one (the `next` of the previous page).
    pub before: Option<String>,
    /// Only unread ones.
    pub unread: Option<bool>,
    /// 1 to 50; default 20.
    pub per_page: Option<i64>,
}

/// `GET /api/v1/notifications`
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(InboxParams),
    responses((status = 200, body = InboxPage),
        (status = 401, description = "Not signed in", body = ErrorEnvelope)))]
async fn list(ctx: Ctx, q: web::Query<InboxParams>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let q = q.into_inner();
    let page = ctx
        .state
        .run(move |conn| {
            inbox::page(
                conn,
                &viewer,
                phase,
                q.before.as_deref(),
                q.unread.unwrap_or(false),
                q.per_page,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// `POST /api/v1/notifications/{id}/read`
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications",
    params(("id" = String, Path)),
    responses((status = 204, description = "Marked read"),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 404, description = "No such notification of the caller", body = ErrorEnvelope)))]
async fn read(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let id = id.into_inner();
    ctx.state
        .write(move |conn| inbox::mark_read(conn, &viewer, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/v1/notifications/read-all`
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications",
    responses((status = 204, description = "Every notification of the caller is read"),
        (status = 401, description = "Not signed in", body = ErrorEnvelope)))]
async fn read_all(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    ctx.state
        .write(move |conn| inbox::mark_all_read(conn, &viewer))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /api/v1/notifications/preferences`
#[utoipa::path(get, path = "/api/v1/notifications/preferences", tag = "notifications",
    responses((status = 200, body = Vec<KindSetting>),
        (status = 401, description = "Not signed in", body = ErrorEnvelope)))]
async fn get_preferences(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let kinds = ctx
        .state
        .run(move |conn| preferences::settings(conn, &viewer))
        .await?;
    Ok(HttpResponse::Ok().json(kinds))
}

/// One choice of channel.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ChannelChoice {
    /// A kind (`qa.answer_posted`), as `GET …/preferences` lists them.
    pub kind: String,
    pub channel: Channel,
}

/// `PUT /api/v1/notifications/preferences`: the channels to change (others stay).
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct PreferencesInput {
    pub channels: Vec<ChannelChoice>,
}

/// `PUT /api/v1/notifications/preferences`
#[utoipa::path(put, path = "/api/v1/notifications/preferences", tag = "notifications",
    request_body = PreferencesInput,
    responses((status = 204, description = "Stored"),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 422, description = "Every unknown kind at once", body = ErrorEnvelope)))]
async fn put_preferences(ctx: Ctx, body: web::Json<PreferencesInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let choices: Vec<(String, String)> = body
        .into_inner()
        .channels
        .into_iter()
        .map(|c| (c.kind, c.channel.as_str().to_owned()))
        .collect();
    ctx.state
        .write(move |conn| preferences::set_channels(conn, &viewer, &choices))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /api/v1/notifications/digest`
#[utoipa::path(get, path = "/api/v1/notifications/digest", tag = "notifications",
    responses((status = 200, body = DigestSettings),
        (status = 401, description = "Not signed in", body = ErrorEnvelope)))]
async fn get_digest(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let settings = ctx
        .state
        .run(move |conn| digest::settings(conn, &viewer))
        .await?;
    Ok(HttpResponse::Ok().json(settings))
}

/// How often the caller gets the email digest.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DigestInput {
    pub frequency: Frequency,
}

/// `PUT /api/v1/notifications/digest`
#[utoipa::path(put, path = "/api/v1/notifications/digest", tag = "notifications",
    request_body = DigestInput,
    responses((status = 200, body = DigestSettings),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 422, description = "An unknown frequency", body = ErrorEnvelope)))]
async fn put_digest(ctx: Ctx, body: web::Json<DigestInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let frequency = body.into_inner().frequency;
    let settings = ctx
        .state
        .write(move |conn| {
            let me = viewer
                .user_id()
                .ok_or_else(prassi_core::AppError::unauthorized)?
                .clone();
            digest::set_frequency(conn, &me, frequency.as_str(), prassi_db::now())?;
            digest::settings(conn, &viewer)
        })
        .await?;
    Ok(HttpResponse::Ok().json(settings))
}

/// A watch level on an item.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct WatchInput {
    /// `question`, `discussion`, `forum_category`, `tag`, `wiki_page` or `group`.
    pub item_kind: String,
    /// The item's id (a tag's id, a group's id).
    pub item_id: String,
    /// `watching`, `normal` or `muted`.
    pub level: String,
}

/// `PUT /api/v1/notifications/watches`
#[utoipa::path(put, path = "/api/v1/notifications/watches", tag = "notifications",
    request_body = WatchInput,
    responses((status = 204, description = "Stored"),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 404, description = "No such item, or hidden from the caller", body = ErrorEnvelope),
        (status = 422, description = "An unknown level", body = ErrorEnvelope)))]
async fn put_watch(ctx: Ctx, body: web::Json<WatchInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let w = body.into_inner();
    ctx.state
        .write(move |conn| {
            items::set_watch_checked(conn, &viewer, phase, &w.item_kind, &w.item_id, &w.level)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(OpenApi)]
#[openapi(
    paths(list, read, read_all, get_preferences, put_preferences, get_digest, put_digest,
        put_watch),
    components(schemas(InboxPage, NotificationView, KindSetting, Channel, ChannelChoice,
        PreferencesInput, DigestSettings, Frequency, DigestInput, WatchInput)),
    tags((name = "notifications", description = "The member's notifications, channels per kind and watch levels"))
)]
pub struct NotificationsApi;

/// Registers the JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/notifications", web::get().to(list))
        .route("/api/v1/notifications/read-all", web::post().to(read_all))
        .route(
            "/api/v1/notifications/preferences",
            web::get().to(get_preferences),
        )
        .route(
            "/api/v1/notifications/preferences",
            web::put().to(put_preferences),
        )
        .route("/api/v1/notifications/digest", web::get().to(get_digest))
        .route("/api/v1/notifications/digest", web::put().to(put_digest))
        .route("/api/v1/notifications/watches", web::put().to(put_watch))
        .route("/api/v1/notifications/{id}/read", web::post().to(read));
}
