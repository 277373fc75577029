//! JSON API of polls under `/api/v1/polls/`: the same services and the same access rule as
//! the pages. A poll the caller may not read answers 404 exactly like a missing one.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppResult, ErrorEnvelope};
use prassi_core::pagination::PageQuery;
use prassi_core::Ctx;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::service::decisions::DecisionView;
use crate::service::export::{BallotView, PollExport};
use crate::service::view::{Bar, OptionView, Results, RoundView, Share, VoterView};
use crate::service::vote::VoteOutcome;
use crate::service::{
    self, DecisionInput, ListFilter, PollDetail, PollInput, PollList, PollSummary, VoteInput,
};

/// List filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `open` or `closed`; both when absent.
    pub state: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// `GET /api/v1/polls`
#[utoipa::path(get, path = "/api/v1/polls", tag = "polls", params(ListParams),
    responses((status = 200, body = PollList),
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
        state: q.state.unwrap_or_default(),
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::list(conn, &viewer, phase, &filter, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Where a new poll lives.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = PollCreated)]
pub struct Created {
    pub id: String,
    pub url: String,
}

/// `POST /api/v1/polls`
#[utoipa::path(post, path = "/api/v1/polls", tag = "polls", request_body = PollInput,
    responses((status = 201, body = Created),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Only moderators, administrators and group coordinators create polls", body = ErrorEnvelope),
        (status = 422, description = "Every invalid field at once (no options, duplicates, a close date in the past, minimum above maximum…)", body = ErrorEnvelope)))]
async fn create(ctx: Ctx, body: web::Json<PollInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let id = ctx
        .state
        .write(move |conn| service::create(conn, &viewer, phase, &input))
        .await?;
    Ok(HttpResponse::Created().json(Created {
        url: service::poll_url(&id),
        id: id.0,
    }))
}

/// `GET /api/v1/polls/{id}`
#[utoipa::path(get, path = "/api/v1/polls/{id}", tag = "polls", params(("id" = String, Path)),
    responses((status = 200, body = PollDetail),
        (status = 404, description = "No such poll, or hidden from the caller", body = ErrorEnvelope)))]
async fn get(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let d = crate::settled_detail(&ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(d))
}

/// What a ballot did, and the poll as the voter now sees it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = PollVoted)]
pub struct Voted {
    pub outcome: VoteOutcome,
    pub poll: PollDetail,
}

/// `POST /api/v1/polls/{id}/vote`
#[utoipa::path(post, path = "/api/v1/polls/{id}/vote", tag = "polls", params(("id" = String, Path)),
    request_body = VoteInput,
    responses((status = 200, body = Voted),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller may not take part in this poll's audience", body = ErrorEnvelope),
        (status = 404, description = "No such poll, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "The poll is closed, or the caller already voted and votes may not change", body = ErrorEnvelope),
        (status = 422, description = "Options of another poll, repeated, too few or too many", body = ErrorEnvelope)))]
async fn vote(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<VoteInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let i2 = id.clone();
    let outcome = ctx
        .state
        .write(move |conn| service::vote(conn, &viewer, phase, &i2, &input))
        .await?;
    let poll = crate::settled_detail(&ctx, id).await?;
    Ok(HttpResponse::Ok().json(Voted { outcome, poll }))
}

/// `POST /api/v1/polls/{id}/close` (organisers)
#[utoipa::path(post, path = "/api/v1/polls/{id}/close", tag = "polls", params(("id" = String, Path)),
    responses((status = 200, body = PollDetail),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not organise the poll", body = ErrorEnvelope),
        (status = 404, description = "No such poll, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "Already closed", body = ErrorEnvelope)))]
async fn close(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let i2 = id.clone();
    ctx.state
        .write(move |conn| service::close(conn, &viewer, phase, &i2))
        .await?;
    Ok(HttpResponse::Ok().json(crate::settled_detail(&ctx, id).await?))
}

/// Whether a poll is on the home page.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[schema(as = PollHomeInput)]
#[serde(default)]
pub struct HomeInput {
    pub on_home: bool,
}

/// `PUT /api/v1/polls/{id}/home` (moderators and administrators)
#[utoipa::path(put, path = "/api/v1/polls/{id}/home", tag = "polls", params(("id" = String, Path)),
    request_body = HomeInput,
    responses((status = 200, body = PollDetail),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Only moderators and administrators choose the home page's polls", body = ErrorEnvelope),
        (status = 404, description = "No such poll, or hidden from the caller", body = ErrorEnvelope)))]
async fn home(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<HomeInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let on = body.into_inner().on_home;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let i2 = id.clone();
    ctx.state
        .write(move |conn| service::create::set_home(conn, &viewer, phase, &i2, on))
        .await?;
    Ok(HttpResponse::Ok().json(crate::settled_detail(&ctx, id).await?))
}

/// Where a new entry of the decision record lives.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = PollDecisionCreated)]
pub struct DecisionCreated {
    pub id: String,
    pub poll: PollDetail,
}

/// `POST /api/v1/polls/{id}/decisions` (organisers, once closed): a decision, or a correction
/// of the latest entry (`corrects`). Entries are never changed.
#[utoipa::path(post, path = "/api/v1/polls/{id}/decisions", tag = "polls", params(("id" = String, Path)),
    request_body = DecisionInput,
    responses((status = 201, body = DecisionCreated),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not organise the poll", body = ErrorEnvelope),
        (status = 404, description = "No such poll, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "The poll is still open", body = ErrorEnvelope),
        (status = 422, description = "Every invalid field at once; a second first entry, or a correction of an entry already corrected", body = ErrorEnvelope)))]
async fn decide(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<DecisionInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let i2 = id.clone();
    let did = ctx
        .state
        .write(move |conn| service::record_decision(conn, &viewer, phase, &i2, &input))
        .await?;
    let poll = crate::settled_detail(&ctx, id).await?;
    Ok(HttpResponse::Created().json(DecisionCreated { id: did.0, poll }))
}

/// `GET /api/v1/polls/{id}/export` (organisers, once the results are visible to them)
#[utoipa::path(get, path = "/api/v1/polls/{id}/export", tag = "polls", params(("id" = String, Path)),
    responses((status = 200, body = PollExport),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not organise the poll", body = ErrorEnvelope),
        (status = 404, description = "No such poll, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "The results are not visible yet (a secret ballot before closing, results after closing)", body = ErrorEnvelope)))]
async fn export(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let e = crate::settled_export(&ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "private, no-store"))
        .json(e))
}

#[derive(OpenApi)]
#[openapi(
    paths(list, create, get, vote, close, home, decide, export),
    components(schemas(PollList, PollSummary, PollDetail, PollInput, Created, VoteInput, Voted,
        VoteOutcome, HomeInput, DecisionInput, DecisionCreated, DecisionView, PollExport,
        BallotView, Results, Bar, Share, RoundView, OptionView, VoterView)),
    tags((name = "polls", description = "Polls: single, multiple and ranked choice, secret ballots and decision records"))
)]
pub struct PollsApi;

/// Registers the module's JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/polls", web::get().to(list))
        .route("/api/v1/polls", web::post().to(create))
        .route("/api/v1/polls/{id}", web::get().to(get))
        .route("/api/v1/polls/{id}/vote", web::post().to(vote))
        .route("/api/v1/polls/{id}/close", web::post().to(close))
        .route("/api/v1/polls/{id}/home", web::put().to(home))
        .route("/api/v1/polls/{id}/decisions", web::post().to(decide))
        .route("/api/v1/polls/{id}/export", web::get().to(export));
}
