//! JSON API of questionnaires under `/api/v1/questionnaires/`: the same services and the same
//! access rule as the pages. A questionnaire the caller may not read answers 404 exactly like
//! a missing one. Invalid input answers 422 with every field at fault (`title`, `sections`,
//! `s1-title`, `q1-2-options`, … for a questionnaire; `q-<question id>` for answers).

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppResult, ErrorEnvelope};
use prassi_core::pagination::PageQuery;
use prassi_core::Ctx;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::create::{QuestionInput, QuestionnaireInput, SectionInput};
use super::export::{Column, QuestionnaireExport, Row};
use super::respond::{RespondOutcome, ResponseInput};
use super::results::{MatrixRow, QuestionResults, Results, TextAnswers};
use super::view::{
    ListFilter, OptionView, QuestionView, QuestionnaireDetail, QuestionnaireList,
    QuestionnaireSummary, SectionView,
};
use super::{create, export, manage, questionnaire_url, respond, results, view};
// The same list filters as polls (`state`, `page`, `per_page`).
use crate::api::ListParams;
use crate::service::view::{Bar, Share};

/// `GET /api/v1/questionnaires`
#[utoipa::path(get, path = "/api/v1/questionnaires", tag = "questionnaires", params(ListParams),
    responses((status = 200, body = QuestionnaireList),
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
        .run(move |conn| view::list(conn, &viewer, phase, &filter, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Where a new questionnaire lives.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = QuestionnaireCreated)]
pub struct Created {
    pub id: String,
    pub url: String,
}

/// `POST /api/v1/questionnaires`
#[utoipa::path(post, path = "/api/v1/questionnaires", tag = "questionnaires", request_body = QuestionnaireInput,
    responses((status = 201, body = Created),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Only moderators, administrators and group coordinators create questionnaires", body = ErrorEnvelope),
        (status = 422, description = "Every invalid field at once (no sections or questions, too few or duplicate options, wrong scale, close date before the open date…)", body = ErrorEnvelope)))]
async fn create(ctx: Ctx, body: web::Json<QuestionnaireInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let id = ctx
        .state
        .write(move |conn| create::create(conn, &viewer, phase, &input))
        .await?;
    Ok(HttpResponse::Created().json(Created {
        url: questionnaire_url(&id),
        id: id.0,
    }))
}

async fn detail_of(ctx: &Ctx, id: String) -> AppResult<QuestionnaireDetail> {
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .run(move |conn| view::detail(conn, &viewer, phase, &id))
        .await
}

/// `GET /api/v1/questionnaires/{id}`: its sections and questions, with the caller's answers.
#[utoipa::path(get, path = "/api/v1/questionnaires/{id}", tag = "questionnaires", params(("id" = String, Path)),
    responses((status = 200, body = QuestionnaireDetail),
        (status = 404, description = "No such questionnaire, or hidden from the caller", body = ErrorEnvelope)))]
async fn get(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let d = detail_of(&ctx, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "private, no-store"))
        .json(d))
}

/// What a save did, and the questionnaire as the caller now sees it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = QuestionnaireResponded)]
pub struct Responded {
    pub outcome: RespondOutcome,
    pub questionnaire: QuestionnaireDetail,
}

/// `PUT /api/v1/questionnaires/{id}/response`: the caller's one response, saved as a draft
/// (`submit` false) or submitted.
#[utoipa::path(put, path = "/api/v1/questionnaires/{id}/response", tag = "questionnaires", params(("id" = String, Path)),
    request_body = ResponseInput,
    responses((status = 200, body = Responded),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller may not take part in this questionnaire's audience", body = ErrorEnvelope),
        (status = 404, description = "No such questionnaire, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "Not open yet, or closed; a response already submitted where editing is not allowed; a draft over a submitted response", body = ErrorEnvelope),
        (status = 422, description = "Every answer at fault at once: required and missing, not among the options, out of the scale, not a date, too long", body = ErrorEnvelope)))]
async fn respond(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<ResponseInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let i2 = id.clone();
    let outcome = ctx
        .state
        .write(move |conn| respond::respond(conn, &viewer, phase, &i2, &input))
        .await?;
    let questionnaire = detail_of(&ctx, id).await?;
    Ok(HttpResponse::Ok().json(Responded {
        outcome,
        questionnaire,
    }))
}

/// `GET /api/v1/questionnaires/{id}/results` (organisers; everyone once published)
#[utoipa::path(get, path = "/api/v1/questionnaires/{id}/results", tag = "questionnaires", params(("id" = String, Path)),
    responses((status = 200, body = Results),
        (status = 403, description = "The results are not published and the caller does not organise the questionnaire", body = ErrorEnvelope),
        (status = 404, description = "No such questionnaire, or hidden from the caller", body = ErrorEnvelope)))]
async fn get_results(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let r = ctx
        .state
        .run(move |conn| results::results(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(r))
}

/// Pages of text answers.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// `GET /api/v1/questionnaires/{id}/results/{question}`: a text question's answers, paged.
#[utoipa::path(get, path = "/api/v1/questionnaires/{id}/results/{question}", tag = "questionnaires",
    params(("id" = String, Path), ("question" = String, Path), PageParams),
    responses((status = 200, body = TextAnswers),
        (status = 403, description = "The results are not published and the caller does not organise the questionnaire", body = ErrorEnvelope),
        (status = 404, description = "No such questionnaire or text question, or hidden from the caller", body = ErrorEnvelope)))]
async fn get_texts(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    q: web::Query<PageParams>,
) -> AppResult<HttpResponse> {
    let (id, question) = path.into_inner();
    let q = q.into_inner();
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let r = ctx
        .state
        .run(move |conn| results::text_answers(conn, &viewer, phase, &id, &question, page))
        .await?;
    Ok(HttpResponse::Ok().json(r))
}

/// `POST /api/v1/questionnaires/{id}/close` (organisers)
#[utoipa::path(post, path = "/api/v1/questionnaires/{id}/close", tag = "questionnaires", params(("id" = String, Path)),
    responses((status = 200, body = QuestionnaireDetail),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not organise the questionnaire", body = ErrorEnvelope),
        (status = 404, description = "No such questionnaire, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "Already closed", body = ErrorEnvelope)))]
async fn close(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let i2 = id.clone();
    ctx.state
        .write(move |conn| manage::close(conn, &viewer, phase, &i2))
        .await?;
    Ok(HttpResponse::Ok().json(detail_of(&ctx, id).await?))
}

/// Whether the results are published.
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[schema(as = QuestionnairePublishInput)]
#[serde(default)]
pub struct PublishInput {
    pub published: bool,
}

/// `PUT /api/v1/questionnaires/{id}/publication` (organisers)
#[utoipa::path(put, path = "/api/v1/questionnaires/{id}/publication", tag = "questionnaires", params(("id" = String, Path)),
    request_body = PublishInput,
    responses((status = 200, body = QuestionnaireDetail),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not organise the questionnaire", body = ErrorEnvelope),
        (status = 404, description = "No such questionnaire, or hidden from the caller", body = ErrorEnvelope)))]
async fn publish(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<PublishInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let on = body.into_inner().published;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let i2 = id.clone();
    ctx.state
        .write(move |conn| manage::publish(conn, &viewer, phase, &i2, on))
        .await?;
    Ok(HttpResponse::Ok().json(detail_of(&ctx, id).await?))
}

/// `GET /api/v1/questionnaires/{id}/export` (organisers): every submitted response.
#[utoipa::path(get, path = "/api/v1/questionnaires/{id}/export", tag = "questionnaires", params(("id" = String, Path)),
    responses((status = 200, body = QuestionnaireExport),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not organise the questionnaire", body = ErrorEnvelope),
        (status = 404, description = "No such questionnaire, or hidden from the caller", body = ErrorEnvelope)))]
async fn get_export(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let e = ctx
        .state
        .run(move |conn| export::export(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::CACHE_CONTROL, "private, no-store"))
        .json(e))
}

#[derive(OpenApi)]
#[openapi(
    paths(list, create, get, respond, get_results, get_texts, close, publish, get_export),
    components(schemas(QuestionnaireList, QuestionnaireSummary, QuestionnaireDetail,
        QuestionnaireInput, SectionInput, QuestionInput, Created, ResponseInput, Responded,
        RespondOutcome, PublishInput, Results, QuestionResults, MatrixRow, TextAnswers,
        QuestionnaireExport, Column, Row, SectionView, QuestionView, OptionView,
        Bar, Share)),
    tags((name = "questionnaires", description = "Questionnaires: sections of questions, one response per member (a draft until submitted), results and exports"))
)]
pub struct QuestionnairesApi;

/// Registers the JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/questionnaires", web::get().to(list))
        .route("/api/v1/questionnaires", web::post().to(create))
        .route("/api/v1/questionnaires/{id}", web::get().to(get))
        .route(
            "/api/v1/questionnaires/{id}/response",
            web::put().to(respond),
        )
        .route(
            "/api/v1/questionnaires/{id}/results",
            web::get().to(get_results),
        )
        .route(
            "/api/v1/questionnaires/{id}/results/{question}",
            web::get().to(get_texts),
        )
        .route("/api/v1/questionnaires/{id}/close", web::post().to(close))
        .route(
            "/api/v1/questionnaires/{id}/publication",
            web::put().to(publish),
        )
        .route(
            "/api/v1/questionnaires/{id}/export",
            web::get().to(get_export),
        );
}
