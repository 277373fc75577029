//! Pages and API of freshness (issue 15) for accepted answers: the review form of an answer
//! (`/qa/risposte/{id}/verifica`, also inline under the accepted answer on its question page)
//! and "mark reviewed". Thin handlers over `service::review`; the lists of content to review
//! are served by the wiki (`prassi_wiki::review`), which holds pages and answers together.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope};
use prassi_core::review::{FormPage, ReviewForm, ReviewInput, ReviewView, ReviewedInput};
use prassi_core::Ctx;
use prassi_db::AnswerId;
use utoipa::OpenApi;

use crate::service;

fn parse(id: &str) -> AppResult<AnswerId> {
    AnswerId::parse(id).ok_or_else(AppError::not_found)
}

/// The answer's review, its question's title and the answer's address, for the viewer.
async fn load(ctx: &Ctx, answer: &AnswerId) -> AppResult<(ReviewView, String, String)> {
    let (viewer, phase, a) = (ctx.viewer.clone(), ctx.phase(), answer.clone());
    ctx.state
        .run(move |conn| {
            let review = service::answer_review(conn, &viewer, phase, &a)?;
            let (title, url) = service::answer_title_url(conn, &viewer, phase, &a)?;
            Ok((review, title, url))
        })
        .await
}

async fn render_form(
    ctx: &Ctx,
    answer: &AnswerId,
    form: Option<&ReviewForm>,
    next_review: &str,
    error: Option<AppError>,
) -> AppResult<HttpResponse> {
    let (review, title, url) = load(ctx, answer).await?;
    let action = format!("/qa/risposte/{answer}/verifica");
    let page = FormPage {
        item_title: &title,
        item_kind: "answer",
        back_url: &url,
        action: &action,
    };
    prassi_core::review::render_form(ctx, &page, &review, form, next_review, error)
}

async fn form_page(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let answer = parse(&id)?;
    render_form(&ctx, &answer, None, "", None).await
}

async fn form_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<ReviewForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let answer = parse(&id)?;
    let form = form.into_inner();
    let input = form.input();
    let removing = input.is_none();
    let (viewer, phase, a) = (ctx.viewer.clone(), ctx.phase(), answer.clone());
    match ctx
        .state
        .write(move |conn| service::set_answer_review(conn, &viewer, phase, &a, input.as_ref()))
        .await
    {
        Ok(url) => {
            ctx.flash(
                "success",
                if removing {
                    "review-removed"
                } else {
                    "review-saved"
                },
            );
            Ok(Ctx::redirect(&url))
        }
        Err(e) => render_form(&ctx, &answer, Some(&form), "", Some(e)).await,
    }
}

async fn done_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<ReviewedInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let answer = parse(&id)?;
    let input = form.into_inner();
    let typed = input.next_review.clone().unwrap_or_default();
    let (viewer, phase, a) = (ctx.viewer.clone(), ctx.phase(), answer.clone());
    match ctx
        .state
        .write(move |conn| service::mark_answer_reviewed(conn, &viewer, phase, &a, &input))
        .await
    {
        Ok(url) => {
            ctx.flash("success", "review-marked");
            Ok(Ctx::redirect(&url))
        }
        Err(e) => render_form(&ctx, &answer, None, &typed, Some(e)).await,
    }
}

// ------------------------------------------------------------------------------ API

/// `GET /api/v1/qa/answers/{id}/review`
#[utoipa::path(get, path = "/api/v1/qa/answers/{id}/review", tag = "reviews",
    params(("id" = String, Path, description = "The answer's id")),
    responses((status = 200, description = "`applies` is false when the answer is not accepted", body = ReviewView),
        (status = 404, body = ErrorEnvelope)))]
async fn answer_review(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let answer = parse(&id)?;
    let (review, _, _) = load(&ctx, &answer).await?;
    Ok(HttpResponse::Ok().json(review))
}

/// `PUT /api/v1/qa/answers/{id}/review`: sets the owner and date of an accepted answer (its
/// question's asker, its author, the audience's moderators).
#[utoipa::path(put, path = "/api/v1/qa/answers/{id}/review", tag = "reviews",
    request_body = ReviewInput,
    params(("id" = String, Path, description = "The answer's id")),
    responses((status = 200, body = ReviewView), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Not the asker, the answer's author or a moderator", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "The answer is not accepted (`review-answer-not-accepted`)", body = ErrorEnvelope),
        (status = 422, description = "Every field at fault in `error.fields`", body = ErrorEnvelope)))]
async fn set_answer_review(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<ReviewInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let answer = parse(&id)?;
    let input = body.into_inner();
    let (viewer, phase, a) = (ctx.viewer.clone(), ctx.phase(), answer.clone());
    ctx.state
        .write(move |conn| service::set_answer_review(conn, &viewer, phase, &a, Some(&input)))
        .await?;
    let (review, _, _) = load(&ctx, &answer).await?;
    Ok(HttpResponse::Ok().json(review))
}

/// `DELETE /api/v1/qa/answers/{id}/review`: removes the owner and date.
#[utoipa::path(delete, path = "/api/v1/qa/answers/{id}/review", tag = "reviews",
    params(("id" = String, Path, description = "The answer's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn remove_answer_review(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let answer = parse(&id)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::set_answer_review(conn, &viewer, phase, &answer, None))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/v1/qa/answers/{id}/review/done`: the owner marks the accepted answer reviewed.
#[utoipa::path(post, path = "/api/v1/qa/answers/{id}/review/done", tag = "reviews",
    request_body = ReviewedInput,
    params(("id" = String, Path, description = "The answer's id")),
    responses((status = 200, body = ReviewView), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller is not the answer's review owner", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn answer_reviewed(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<ReviewedInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let answer = parse(&id)?;
    let input = body.into_inner();
    let (viewer, phase, a) = (ctx.viewer.clone(), ctx.phase(), answer.clone());
    ctx.state
        .write(move |conn| service::mark_answer_reviewed(conn, &viewer, phase, &a, &input))
        .await?;
    let (review, _, _) = load(&ctx, &answer).await?;
    Ok(HttpResponse::Ok().json(review))
}

#[derive(OpenApi)]
#[openapi(paths(
    answer_review,
    set_answer_review,
    remove_answer_review,
    answer_reviewed
))]
pub struct AnswerReviewApi;

/// Registers the answers' review routes (HTML and JSON).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/qa/risposte/{id}/verifica", web::get().to(form_page))
        .route("/qa/risposte/{id}/verifica", web::post().to(form_submit))
        .route(
            "/qa/risposte/{id}/verifica/fatta",
            web::post().to(done_submit),
        )
        .route(
            "/api/v1/qa/answers/{id}/review",
            web::get().to(answer_review),
        )
        .route(
            "/api/v1/qa/answers/{id}/review",
            web::put().to(set_answer_review),
        )
        .route(
            "/api/v1/qa/answers/{id}/review",
            web::delete().to(remove_answer_review),
        )
        .route(
            "/api/v1/qa/answers/{id}/review/done",
            web::post().to(answer_reviewed),
        );
}
