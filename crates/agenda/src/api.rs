//! JSON API of the agenda under `/api/v1/agenda/`: the same services and the same access rule
//! as the pages. An event the caller may not see answers 404 exactly like a missing one.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppResult, ErrorEnvelope};
use prassi_core::pagination::PageQuery;
use prassi_core::Ctx;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::service::events::MyRegistration;
use crate::service::registration::ParticipantView;
use crate::service::{
    self, EventDetail, EventInput, EventSummary, ListFilter, Listing, Participants, RegisterInput,
};

/// List filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `past` for past events (latest first); otherwise upcoming ones.
    pub when: Option<String>,
    pub theme: Option<String>,
    /// A working group's slug.
    pub group: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// `GET /api/v1/agenda/events`
#[utoipa::path(get, path = "/api/v1/agenda/events", tag = "agenda", params(ListParams),
    responses((status = 200, body = Listing),
        (status = 401, description = "Visitors while the community is not open", body = ErrorEnvelope)))]
async fn list(ctx: Ctx, q: web::Query<ListParams>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let filter = ListFilter {
        when: q.when.unwrap_or_default(),
        theme: q.theme.unwrap_or_default(),
        group: q.group.unwrap_or_default(),
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::list(conn, &viewer, phase, &filter, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Where a new event lives.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = EventCreated)]
pub struct Created {
    pub id: String,
    pub url: String,
}

/// `POST /api/v1/agenda/events`
#[utoipa::path(post, path = "/api/v1/agenda/events", tag = "agenda", request_body = EventInput,
    responses((status = 201, body = Created),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Only moderators, administrators and group coordinators create events", body = ErrorEnvelope),
        (status = 422, description = "Every invalid field at once (end before start, unknown block kind, overlapping blocks…)", body = ErrorEnvelope)))]
async fn create(ctx: Ctx, body: web::Json<EventInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let id = ctx
        .state
        .write(move |conn| service::create(conn, &viewer, phase, &input))
        .await?;
    Ok(HttpResponse::Created().json(Created {
        url: service::event_url(&id),
        id: id.0,
    }))
}

/// `GET /api/v1/agenda/events/{id}`
#[utoipa::path(get, path = "/api/v1/agenda/events/{id}", tag = "agenda", params(("id" = String, Path)),
    responses((status = 200, body = EventDetail),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope)))]
async fn get(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let d = ctx
        .state
        .run(move |conn| service::detail(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(d))
}

/// `PUT /api/v1/agenda/events/{id}`
#[utoipa::path(put, path = "/api/v1/agenda/events/{id}", tag = "agenda", params(("id" = String, Path)),
    request_body = EventInput,
    responses((status = 200, body = EventDetail),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not manage the event", body = ErrorEnvelope),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope),
        (status = 422, description = "Every invalid field at once (capacity below the seats taken…)", body = ErrorEnvelope)))]
async fn update(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<EventInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let v2 = viewer.clone();
    let i2 = id.clone();
    ctx.state
        .write(move |conn| service::update(conn, &v2, phase, &i2, &input))
        .await?;
    let d = ctx
        .state
        .run(move |conn| service::detail(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(d))
}

/// Registering through the API.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegisterParams {
    /// `true`: appear in the event's public list of participants.
    pub show_publicly: Option<bool>,
}

/// `POST /api/v1/agenda/events/{id}/registration`: a seat, or a place in the waiting list.
#[utoipa::path(post, path = "/api/v1/agenda/events/{id}/registration", tag = "agenda",
    params(("id" = String, Path), RegisterParams),
    responses((status = 201, body = MyRegistration),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller may not take part in this event", body = ErrorEnvelope),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "Already registered, or registration is not open", body = ErrorEnvelope)))]
async fn register(
    ctx: Ctx,
    id: web::Path<String>,
    q: web::Query<RegisterParams>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = RegisterInput {
        show_publicly: if q.show_publicly.unwrap_or(false) {
            "1"
        } else {
            ""
        }
        .into(),
    };
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let r = ctx
        .state
        .write(move |conn| service::register(conn, &viewer, phase, &id, &input))
        .await?;
    Ok(HttpResponse::Created().json(r))
}

/// `DELETE /api/v1/agenda/events/{id}/registration`: cancels, or leaves the waiting list.
#[utoipa::path(delete, path = "/api/v1/agenda/events/{id}/registration", tag = "agenda", params(("id" = String, Path)),
    responses((status = 204, description = "Cancelled; a freed seat went to the first in line"),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "Not registered, or the event has started", body = ErrorEnvelope)))]
async fn cancel(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    ctx.state
        .write(move |conn| service::cancel(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /api/v1/agenda/events/{id}/participants` (those who manage the event)
#[utoipa::path(get, path = "/api/v1/agenda/events/{id}/participants", tag = "agenda", params(("id" = String, Path)),
    responses((status = 200, body = Participants),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not manage the event", body = ErrorEnvelope),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope)))]
async fn participants(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let (_, p) = ctx
        .state
        .run(move |conn| service::participants(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(p))
}

#[derive(OpenApi)]
#[openapi(
    paths(list, create, get, update, register, cancel, participants),
    components(schemas(Listing, EventSummary, EventDetail, EventInput, Created, MyRegistration,
        Participants, ParticipantView)),
    tags((name = "agenda", description = "Community events: programme, registration with seats and a waiting list"))
)]
pub struct AgendaApi;

/// Registers the module's JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/agenda/events", web::get().to(list))
        .route("/api/v1/agenda/events", web::post().to(create))
        .route("/api/v1/agenda/events/{id}", web::get().to(get))
        .route("/api/v1/agenda/events/{id}", web::put().to(update))
        .route(
            "/api/v1/agenda/events/{id}/registration",
            web::post().to(register),
        )
        .route(
            "/api/v1/agenda/events/{id}/registration",
            web::delete().to(cancel),
        )
        .route(
            "/api/v1/agenda/events/{id}/participants",
            web::get().to(participants),
        );
}
