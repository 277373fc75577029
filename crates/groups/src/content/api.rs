//! JSON API of a group's content under `/api/v1/groups/`: the activity stream, making content
//! in the group, proposals for publication and the moderators' decisions. The same functions
//! as the pages.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppResult, ErrorEnvelope};
use prassi_core::Ctx;
use prassi_db::PublicationId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::publication::{
    self, Decided, DecisionInput, PendingView, ProposeInput, PublicationView,
};
use super::stream::{self, ActivityItem, ActivityKind, ActivityPage};

/// `?before=&per_page=` of the activity stream.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityParams {
    /// The `next` of the previous page.
    pub before: Option<String>,
    /// 1 to 50; default 20.
    pub per_page: Option<i64>,
}

/// `GET /api/v1/groups/{slug}/activity`
#[utoipa::path(get, path = "/api/v1/groups/{slug}/activity", tag = "groups", params(("slug" = String, Path), ActivityParams),
    responses((status = 200, body = ActivityPage),
        (status = 404, description = "No such group, or the caller may not read its content", body = ErrorEnvelope)))]
async fn activity(
    ctx: Ctx,
    path: web::Path<String>,
    q: web::Query<ActivityParams>,
) -> AppResult<HttpResponse> {
    let (viewer, phase, slug) = (ctx.viewer.clone(), ctx.phase(), path.into_inner());
    let q = q.into_inner();
    let (_, page) = ctx
        .state
        .run(move |conn| {
            stream::activity(conn, &viewer, phase, &slug, q.before.as_deref(), q.per_page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// Where something new lives.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = GroupContentCreated)]
pub struct Created {
    pub url: String,
}

/// `POST /api/v1/groups/{slug}/questions` (members of the group)
#[utoipa::path(post, path = "/api/v1/groups/{slug}/questions", tag = "groups", params(("slug" = String, Path)),
    request_body = prassi_qa::service::QuestionInput,
    responses((status = 201, body = Created),
        (status = 403, description = "Not a member of the group", body = ErrorEnvelope),
        (status = 404, description = "No such group, or the caller may not read its content", body = ErrorEnvelope),
        (status = 422, description = "Invalid input", body = ErrorEnvelope)))]
async fn ask(
    ctx: Ctx,
    path: web::Path<String>,
    body: web::Json<prassi_qa::service::QuestionInput>,
) -> AppResult<HttpResponse> {
    let url = super::create(&ctx, &path, body.into_inner(), super::ask).await?;
    Ok(HttpResponse::Created().json(Created { url }))
}

/// `POST /api/v1/groups/{slug}/pages` (members of the group)
#[utoipa::path(post, path = "/api/v1/groups/{slug}/pages", tag = "groups", params(("slug" = String, Path)),
    request_body = prassi_wiki::service::PageInput,
    responses((status = 201, body = Created),
        (status = 403, description = "Not a member of the group", body = ErrorEnvelope),
        (status = 404, description = "No such group, or the caller may not read its content", body = ErrorEnvelope),
        (status = 422, description = "Invalid input or taken title", body = ErrorEnvelope)))]
async fn create_page(
    ctx: Ctx,
    path: web::Path<String>,
    body: web::Json<prassi_wiki::service::PageInput>,
) -> AppResult<HttpResponse> {
    let url = super::create(&ctx, &path, body.into_inner(), super::create_page).await?;
    Ok(HttpResponse::Created().json(Created { url }))
}

/// `POST /api/v1/groups/{slug}/discussions` (members of the group)
#[utoipa::path(post, path = "/api/v1/groups/{slug}/discussions", tag = "groups", params(("slug" = String, Path)),
    request_body = prassi_forum::service::DiscussionInput,
    responses((status = 201, body = Created),
        (status = 403, description = "Not a member of the group", body = ErrorEnvelope),
        (status = 404, description = "No such group, or the caller may not read its content", body = ErrorEnvelope),
        (status = 422, description = "Invalid input", body = ErrorEnvelope)))]
async fn start_discussion(
    ctx: Ctx,
    path: web::Path<String>,
    body: web::Json<prassi_forum::service::DiscussionInput>,
) -> AppResult<HttpResponse> {
    let url = super::create(&ctx, &path, body.into_inner(), super::start_discussion).await?;
    Ok(HttpResponse::Created().json(Created { url }))
}

/// `GET /api/v1/groups/{slug}/publications`
#[utoipa::path(get, path = "/api/v1/groups/{slug}/publications", tag = "groups", params(("slug" = String, Path)),
    responses((status = 200, body = [PublicationView]),
        (status = 404, description = "No such group, or the caller may not read its content", body = ErrorEnvelope)))]
async fn publications(ctx: Ctx, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, slug) = (ctx.viewer.clone(), ctx.phase(), path.into_inner());
    let (_, list) = ctx
        .state
        .run(move |conn| publication::group_publications(conn, &viewer, phase, &slug))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// A new proposal.
#[derive(Debug, Serialize, ToSchema)]
pub struct Proposed {
    pub id: String,
}

/// `POST /api/v1/groups/{slug}/publications` (members of the group)
#[utoipa::path(post, path = "/api/v1/groups/{slug}/publications", tag = "groups", params(("slug" = String, Path)),
    request_body = ProposeInput,
    responses((status = 201, body = Proposed),
        (status = 403, description = "Not a member of the group", body = ErrorEnvelope),
        (status = 404, description = "No such group, or the caller may not read its content", body = ErrorEnvelope),
        (status = 422, description = "Not one of the group's pages, or already proposed", body = ErrorEnvelope)))]
async fn propose(
    ctx: Ctx,
    path: web::Path<String>,
    body: web::Json<ProposeInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, slug, input) = (
        ctx.viewer.clone(),
        ctx.phase(),
        path.into_inner(),
        body.into_inner(),
    );
    let id = ctx
        .state
        .write(move |conn| publication::propose(conn, &viewer, phase, &slug, &input))
        .await?;
    Ok(HttpResponse::Created().json(Proposed { id: id.0 }))
}

/// `GET /api/v1/groups/publications/pending` (moderators and administrators)
#[utoipa::path(get, path = "/api/v1/groups/publications/pending", tag = "groups",
    responses((status = 200, body = [PendingView]),
        (status = 404, description = "The caller is not a moderator", body = ErrorEnvelope)))]
async fn pending(ctx: Ctx) -> AppResult<HttpResponse> {
    let viewer = ctx.viewer.clone();
    let list = ctx
        .state
        .run(move |conn| publication::pending(conn, &viewer))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// `POST /api/v1/groups/publications/{id}/decision` (moderators and administrators)
#[utoipa::path(post, path = "/api/v1/groups/publications/{id}/decision", tag = "groups", params(("id" = String, Path)),
    request_body = DecisionInput,
    responses((status = 200, body = Decided),
        (status = 404, description = "No such proposal, or the caller is not a moderator", body = ErrorEnvelope),
        (status = 409, description = "Already decided", body = ErrorEnvelope),
        (status = 422, description = "Unknown decision, or a refusal without a reason", body = ErrorEnvelope)))]
async fn decide(
    ctx: Ctx,
    path: web::Path<String>,
    body: web::Json<DecisionInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id, input) = (
        ctx.viewer.clone(),
        ctx.phase(),
        PublicationId(path.into_inner()),
        body.into_inner(),
    );
    let done = ctx
        .state
        .write(move |conn| publication::decide(conn, &viewer, phase, &id, &input))
        .await?;
    Ok(HttpResponse::Ok().json(done))
}

/// The OpenAPI of a group's content (merged into the groups module's document).
#[derive(OpenApi)]
#[openapi(
    paths(activity, ask, create_page, start_discussion, publications, propose, pending, decide),
    components(schemas(ActivityPage, ActivityItem, ActivityKind, Created, PublicationView,
        PendingView, ProposeInput, DecisionInput, Decided, Proposed)),
    tags((name = "groups", description = "Working groups"))
)]
pub struct GroupContentApi;

/// Registers the JSON routes. The `publications/…` routes come before any `{slug}` route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/api/v1/groups/publications/pending",
        web::get().to(pending),
    )
    .route(
        "/api/v1/groups/publications/{id}/decision",
        web::post().to(decide),
    )
    .route("/api/v1/groups/{slug}/activity", web::get().to(activity))
    .route("/api/v1/groups/{slug}/questions", web::post().to(ask))
    .route("/api/v1/groups/{slug}/pages", web::post().to(create_page))
    .route(
        "/api/v1/groups/{slug}/discussions",
        web::post().to(start_discussion),
    )
    .route(
        "/api/v1/groups/{slug}/publications",
        web::get().to(publications),
    )
    .route(
        "/api/v1/groups/{slug}/publications",
        web::post().to(propose),
    );
}
