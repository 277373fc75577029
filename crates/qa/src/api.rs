//! JSON API of the Q&A module under `/api/v1/qa/`: the same services as the pages, with stable
//! ids instead of slugs.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope};
use prassi_core::pagination::{PageInfo, PageQuery};
use prassi_core::Ctx;
use prassi_db::{AnswerId, QuestionId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::service::{
    self, AnswerView, AuthorView, CloseInput, CommentView, DiffSegment, EditInput, ListFilter,
    ListTab, QuestionDetail, QuestionInput, QuestionPage, QuestionSummary, RevisionView, TagInput,
    TagView, VoteInput, VoteResult,
};
use prassi_db::PostKind;

/// Filters of the question list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// newest (default), active, unanswered or votes.
    pub tab: Option<String>,
    pub tag: Option<String>,
    /// A member's username.
    pub author: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// A page of questions.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionList {
    pub items: Vec<QuestionSummary>,
    pub page: PageInfo,
}

/// `GET /api/v1/qa/questions`
#[utoipa::path(get, path = "/api/v1/qa/questions", tag = "qa", params(ListParams),
    responses((status = 200, body = QuestionList),
        (status = 401, description = "Visitors, while Q&A is not public", body = ErrorEnvelope),
        (status = 404, description = "Accounts that may not read Q&A", body = ErrorEnvelope)))]
async fn list(ctx: Ctx, q: web::Query<ListParams>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let filter = ListFilter {
        tab: Some(ListTab::parse(q.tab.as_deref())),
        tag: q.tag,
        author: q.author,
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (items, page) = ctx
        .state
        .run(move |conn| service::list(conn, &viewer, phase, &filter, page))
        .await?;
    Ok(HttpResponse::Ok().json(QuestionList { items, page }))
}

/// Where a new post lives.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = QaCreated)]
pub struct Created {
    pub id: String,
    pub url: String,
}

/// `POST /api/v1/qa/questions`
#[utoipa::path(post, path = "/api/v1/qa/questions", tag = "qa", request_body = QuestionInput,
    responses((status = 201, body = Created), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller may not ask in this audience", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn ask(ctx: Ctx, body: web::Json<QuestionInput>) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let created = ctx
        .state
        .write(move |conn| {
            let id = service::ask(conn, &viewer, phase, &input)?;
            Ok(Created {
                url: service::question_url(&id, &input.title),
                id: id.0,
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// `GET /api/v1/qa/questions/{id}`: the question with answers (accepted first) and comments.
#[utoipa::path(get, path = "/api/v1/qa/questions/{id}", tag = "qa",
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 200, body = QuestionPage),
        (status = 404, description = "No such question, or not readable by the caller", body = ErrorEnvelope)))]
async fn question(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let page = ctx
        .state
        .run(move |conn| service::question_page(conn, &id, &viewer, phase))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// A new answer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerBody {
    pub body_md: String,
    /// The language of the answer (`it`, `en`, `de`, `fr`, `sl`); default: the question's.
    #[serde(default)]
    #[schema(default = "")]
    pub lang: String,
}

/// `POST /api/v1/qa/questions/{id}/answers`
#[utoipa::path(post, path = "/api/v1/qa/questions/{id}/answers", tag = "qa", request_body = AnswerBody,
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 201, body = Created), (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "The question is closed", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn answer(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<AnswerBody>,
) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let AnswerBody {
        body_md: text,
        lang,
    } = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let created = ctx
        .state
        .write(move |conn| {
            let aid = service::answer_in(conn, &viewer, phase, &id, &text, &lang)?;
            let title: String = {
                use diesel::prelude::*;
                prassi_db::schema::questions::table
                    .find(&id)
                    .select(prassi_db::schema::questions::title)
                    .first(conn)?
            };
            Ok(Created {
                url: format!("{}#risposta-{aid}", service::question_url(&id, &title)),
                id: aid.0,
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// A new comment, on the question or (with `answer_id`) on one of its answers.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CommentBody {
    pub body: String,
    #[serde(default)]
    pub answer_id: Option<String>,
}

/// `POST /api/v1/qa/questions/{id}/comments`
#[utoipa::path(post, path = "/api/v1/qa/questions/{id}/comments", tag = "qa", request_body = CommentBody,
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 201, body = Created), (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn comment(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<CommentBody>,
) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let b = body.into_inner();
    let answer = match b.answer_id.as_deref() {
        None | Some("") => None,
        Some(a) => Some(AnswerId::parse(a).ok_or_else(AppError::not_found)?),
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let cid = ctx
        .state
        .write(move |conn| service::comment(conn, &viewer, phase, &id, answer.as_ref(), &b.body))
        .await?;
    Ok(HttpResponse::Created().json(Created {
        id: cid.0,
        url: String::new(),
    }))
}

/// `POST /api/v1/qa/votes`: `value` 1, -1, or 0 to withdraw.
#[utoipa::path(post, path = "/api/v1/qa/votes", tag = "qa", request_body = VoteInput,
    responses((status = 200, body = VoteResult), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "A vote on one's own post, or not allowed to take part", body = ErrorEnvelope),
        (status = 404, description = "No such post, or not readable by the caller", body = ErrorEnvelope),
        (status = 409, description = "The same vote again, or a concurrent change", body = ErrorEnvelope),
        (status = 422, description = "Unknown kind or value", body = ErrorEnvelope)))]
async fn vote(ctx: Ctx, body: web::Json<VoteInput>) -> AppResult<HttpResponse> {
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (_, result) = ctx
        .state
        .write(move |conn| service::vote(conn, &viewer, phase, &input))
        .await?;
    Ok(HttpResponse::Ok().json(result))
}

/// The answer to accept, or null to withdraw acceptance.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AcceptBody {
    #[schema(required = true)]
    pub answer_id: Option<String>,
}

/// `POST /api/v1/qa/questions/{id}/accept`
#[utoipa::path(post, path = "/api/v1/qa/questions/{id}/accept", tag = "qa", request_body = AcceptBody,
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Only the asker accepts", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn accept(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<AcceptBody>,
) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let answer = match body.into_inner().answer_id.as_deref() {
        None | Some("") => None,
        Some(a) => Some(AnswerId::parse(a).ok_or_else(AppError::not_found)?),
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::accept(conn, &viewer, phase, &id, answer.as_ref()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /api/v1/qa/tags`: the vocabulary, with counts of the questions the caller may see.
#[utoipa::path(get, path = "/api/v1/qa/tags", tag = "qa",
    responses((status = 200, body = [TagView]), (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn tags(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::tag_list(conn, &viewer, phase))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// `POST /api/v1/qa/tags` (moderators)
#[utoipa::path(post, path = "/api/v1/qa/tags", tag = "qa", request_body = TagInput,
    responses((status = 201, body = Created),
        (status = 404, description = "The caller is not a moderator", body = ErrorEnvelope),
        (status = 422, description = "Invalid or taken name", body = ErrorEnvelope)))]
async fn create_tag(ctx: Ctx, body: web::Json<TagInput>) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let input = body.into_inner();
    let viewer = ctx.viewer.clone();
    let id = ctx
        .state
        .write(move |conn| service::create_tag(conn, &viewer, &input))
        .await?;
    Ok(HttpResponse::Created().json(Created {
        id: id.0,
        url: String::new(),
    }))
}

/// `PUT /api/v1/qa/questions/{id}`: edit (author or moderator); the old text stays in history.
#[utoipa::path(put, path = "/api/v1/qa/questions/{id}", tag = "qa", request_body = EditInput,
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Neither the author nor a moderator", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "Invalid title, body or tags (all three are needed for a question)", body = ErrorEnvelope)))]
async fn edit_question(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<EditInput>,
) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::edit_question(conn, &viewer, phase, &id, &input))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `PUT /api/v1/qa/answers/{id}`: edit (author or moderator).
#[utoipa::path(put, path = "/api/v1/qa/answers/{id}", tag = "qa", request_body = EditInput,
    params(("id" = String, Path, description = "The answer's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Neither the author nor a moderator", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn edit_answer(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<EditInput>,
) -> AppResult<HttpResponse> {
    let id = AnswerId::parse(&id).ok_or_else(AppError::not_found)?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::edit_answer(conn, &viewer, phase, &id, &input))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /api/v1/qa/questions/{id}/revisions`: newest first, each with its word diff.
#[utoipa::path(get, path = "/api/v1/qa/questions/{id}/revisions", tag = "qa",
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 200, body = [RevisionView]), (status = 404, body = ErrorEnvelope)))]
async fn question_revisions(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::history(conn, PostKind::Question, id.as_str(), &viewer, phase))
        .await?
        .1;
    Ok(HttpResponse::Ok().json(list))
}

/// `GET /api/v1/qa/answers/{id}/revisions`
#[utoipa::path(get, path = "/api/v1/qa/answers/{id}/revisions", tag = "qa",
    params(("id" = String, Path, description = "The answer's id")),
    responses((status = 200, body = [RevisionView]), (status = 404, body = ErrorEnvelope)))]
async fn answer_revisions(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let id = AnswerId::parse(&id).ok_or_else(AppError::not_found)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::history(conn, PostKind::Answer, id.as_str(), &viewer, phase))
        .await?
        .1;
    Ok(HttpResponse::Ok().json(list))
}

/// `POST /api/v1/qa/questions/{id}/close` (moderators)
#[utoipa::path(post, path = "/api/v1/qa/questions/{id}/close", tag = "qa", request_body = CloseInput,
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller does not moderate the question's audience", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "Already closed", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn close(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<CloseInput>,
) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::close(conn, &viewer, phase, &id, &input))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/v1/qa/questions/{id}/reopen` (moderators)
#[utoipa::path(post, path = "/api/v1/qa/questions/{id}/reopen", tag = "qa",
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller does not moderate the question's audience", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "Not closed", body = ErrorEnvelope)))]
async fn reopen(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::reopen(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An expert to invite.
#[derive(Debug, Deserialize, ToSchema)]
pub struct InviteBody {
    /// The expert's username.
    pub expert: String,
}

/// `POST /api/v1/qa/questions/{id}/invitations`: the asker invites an expert to answer.
#[utoipa::path(post, path = "/api/v1/qa/questions/{id}/invitations", tag = "qa", request_body = InviteBody,
    params(("id" = String, Path, description = "The question's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Only the asker invites", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "Already invited", body = ErrorEnvelope),
        (status = 422, description = "Not an expert", body = ErrorEnvelope)))]
async fn invite(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<InviteBody>,
) -> AppResult<HttpResponse> {
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let expert = body.into_inner().expert;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::invite_expert(conn, &viewer, phase, &id, &expert))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Renaming or merging tags.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TagChange {
    pub from: String,
    /// The new name (rename).
    #[serde(default)]
    #[schema(default = "")]
    pub to: String,
    /// The tag to merge into (merge).
    #[serde(default)]
    #[schema(default = "")]
    pub into: String,
}

/// `POST /api/v1/qa/tags/rename` (moderators)
#[utoipa::path(post, path = "/api/v1/qa/tags/rename", tag = "qa", request_body = TagChange,
    responses((status = 204),
        (status = 404, description = "The caller is not a moderator", body = ErrorEnvelope),
        (status = 422, description = "Unknown tag, or an invalid or taken new name", body = ErrorEnvelope)))]
async fn rename_tag(ctx: Ctx, body: web::Json<TagChange>) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let b = body.into_inner();
    let viewer = ctx.viewer.clone();
    ctx.state
        .write(move |conn| service::rename_tag(conn, &viewer, &b.from, &b.to))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/v1/qa/tags/merge` (moderators)
#[utoipa::path(post, path = "/api/v1/qa/tags/merge", tag = "qa", request_body = TagChange,
    responses((status = 204),
        (status = 404, description = "The caller is not a moderator", body = ErrorEnvelope),
        (status = 422, description = "Unknown tags, or the same tag twice", body = ErrorEnvelope)))]
async fn merge_tags(ctx: Ctx, body: web::Json<TagChange>) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let b = body.into_inner();
    let viewer = ctx.viewer.clone();
    ctx.state
        .write(move |conn| service::merge_tags(conn, &viewer, &b.from, &b.into))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The module's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(list, ask, question, answer, comment, vote, accept, tags, create_tag, edit_question,
          edit_answer, question_revisions, answer_revisions, close, reopen, invite, rename_tag,
          merge_tags, crate::queue::queue_api),
    components(schemas(QuestionList, Created, QuestionInput, QuestionPage, QuestionDetail, QuestionSummary,
        AnswerView, CommentView, AuthorView, AnswerBody, CommentBody, VoteInput, VoteResult, AcceptBody,
        TagView, TagInput, EditInput, RevisionView, DiffSegment, CloseInput, InviteBody, TagChange,
        service::ExpertSuggestion, crate::queue::RoutingQueue, service::routing::QueueItem,
        service::routing::InvitedExpert)),
    tags((name = "qa", description = "Questions and answers"))
)]
pub struct QaApi;

/// Registers the module's JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/qa/questions", web::get().to(list))
        .route("/api/v1/qa/questions", web::post().to(ask))
        .route("/api/v1/qa/questions/{id}", web::get().to(question))
        .route("/api/v1/qa/questions/{id}", web::put().to(edit_question))
        .route(
            "/api/v1/qa/questions/{id}/revisions",
            web::get().to(question_revisions),
        )
        .route("/api/v1/qa/questions/{id}/close", web::post().to(close))
        .route("/api/v1/qa/questions/{id}/reopen", web::post().to(reopen))
        .route("/api/v1/qa/answers/{id}", web::put().to(edit_answer))
        .route(
            "/api/v1/qa/answers/{id}/revisions",
            web::get().to(answer_revisions),
        )
        .route("/api/v1/qa/questions/{id}/answers", web::post().to(answer))
        .route(
            "/api/v1/qa/questions/{id}/comments",
            web::post().to(comment),
        )
        .route("/api/v1/qa/questions/{id}/accept", web::post().to(accept))
        .route("/api/v1/qa/votes", web::post().to(vote))
        .route("/api/v1/qa/tags", web::get().to(tags))
        .route("/api/v1/qa/tags", web::post().to(create_tag))
        .route("/api/v1/qa/tags/rename", web::post().to(rename_tag))
        .route("/api/v1/qa/tags/merge", web::post().to(merge_tags))
        .route(
            "/api/v1/qa/questions/{id}/invitations",
            web::post().to(invite),
        );
}
