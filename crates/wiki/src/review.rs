//! Pages and API of freshness (issue 15) that belong to the wiki: a page's review form
//! (`/wiki/p/{slug}/verifica`, shown inline on the page too), "mark reviewed", and the lists of
//! content to review, `/revisioni` (everything due or due within 30 days that the viewer may
//! read) and `/revisioni/mie` (what the viewer owns), which hold wiki pages and accepted Q&A
//! answers together (the wiki depends on Q&A, not the reverse). Thin handlers over
//! `service::review`; the answers' forms are in `prassi_qa::review`.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope};
use prassi_core::pagination::PageQuery;
use prassi_core::review::{
    FormPage, ReviewForm, ReviewInput, ReviewScope, ReviewView, ReviewedInput,
};
use prassi_core::Ctx;
use serde::Deserialize;
use tera::Context;
use utoipa::{IntoParams, OpenApi};

use crate::service::{self, ReviewList};

fn review_action(slug: &str) -> String {
    format!("{}/verifica", service::page_url(slug))
}

/// The page's review, its title and its canonical slug, for the viewer.
async fn load(ctx: &Ctx, slug: &str) -> AppResult<(ReviewView, String, String)> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    ctx.state
        .run(move |conn| {
            let found = service::readable_page(conn, &s, &viewer, phase)?;
            let review = service::page_review(conn, &viewer, phase, &found)?;
            Ok((review, found.page.title, found.page.slug))
        })
        .await
}

async fn render_form(
    ctx: &Ctx,
    slug: &str,
    form: Option<&ReviewForm>,
    next_review: &str,
    error: Option<AppError>,
) -> AppResult<HttpResponse> {
    let (review, title, slug) = load(ctx, slug).await?;
    let (url, action) = (service::page_url(&slug), review_action(&slug));
    let page = FormPage {
        item_title: &title,
        item_kind: "wiki_page",
        back_url: &url,
        action: &action,
    };
    prassi_core::review::render_form(ctx, &page, &review, form, next_review, error)
}

async fn form_page(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    render_form(&ctx, &slug, None, "", None).await
}

async fn form_submit(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<ReviewForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let form = form.into_inner();
    let input = form.input();
    let removing = input.is_none();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    match ctx
        .state
        .write(move |conn| service::set_page_review(conn, &viewer, phase, &s, input.as_ref()))
        .await
    {
        Ok(slug) => {
            ctx.flash(
                "success",
                if removing {
                    "review-removed"
                } else {
                    "review-saved"
                },
            );
            Ok(Ctx::redirect(&service::page_url(&slug)))
        }
        Err(e) => render_form(&ctx, &slug, Some(&form), "", Some(e)).await,
    }
}

async fn done_submit(
    ctx: Ctx,
    slug: web::Path<String>,
    form: web::Form<ReviewedInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = form.into_inner();
    let typed = input.next_review.clone().unwrap_or_default();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    match ctx
        .state
        .write(move |conn| service::mark_page_reviewed(conn, &viewer, phase, &s, &input))
        .await
    {
        Ok(slug) => {
            ctx.flash("success", "review-marked");
            Ok(Ctx::redirect(&service::page_url(&slug)))
        }
        Err(e) => render_form(&ctx, &slug, None, &typed, Some(e)).await,
    }
}

/// `?page=` of the lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewListParams {
    /// Only what the caller owns (any date), instead of everything due within 30 days.
    pub mine: Option<bool>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

async fn list_for(ctx: &Ctx, mine: bool, q: &ReviewListParams) -> AppResult<ReviewList> {
    let me = ctx.account()?.id.clone();
    let request = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let scope = if mine {
        ReviewScope::Owner(me)
    } else {
        ReviewScope::DueBy(prassi_core::review::due_soon_horizon())
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .run(move |conn| service::review_list(conn, &viewer, phase, &scope, request))
        .await
}

async fn render_list(ctx: Ctx, mine: bool, q: ReviewListParams) -> AppResult<HttpResponse> {
    let list = list_for(&ctx, mine, &q).await?;
    let mut c = Context::new();
    c.insert("mine", &mine);
    c.insert("list", &list);
    c.insert(
        "base_url",
        if mine { "/revisioni/mie" } else { "/revisioni" },
    );
    c.insert("due_soon_days", &prassi_core::review::DUE_SOON_DAYS);
    ctx.render("review/list.html", c)
}

async fn list_page(ctx: Ctx, q: web::Query<ReviewListParams>) -> AppResult<HttpResponse> {
    render_list(ctx, false, q.into_inner()).await
}

async fn mine_page(ctx: Ctx, q: web::Query<ReviewListParams>) -> AppResult<HttpResponse> {
    render_list(ctx, true, q.into_inner()).await
}

// ------------------------------------------------------------------------------ API

/// `GET /api/v1/reviews`: wiki pages and accepted answers to review, earliest date first.
#[utoipa::path(get, path = "/api/v1/reviews", tag = "reviews", params(ReviewListParams),
    responses((status = 200, body = ReviewList), (status = 401, body = ErrorEnvelope)))]
async fn reviews_list(ctx: Ctx, q: web::Query<ReviewListParams>) -> AppResult<HttpResponse> {
    let mine = q.mine.unwrap_or(false);
    Ok(HttpResponse::Ok().json(list_for(&ctx, mine, &q).await?))
}

/// `GET /api/v1/wiki/pages/{slug}/review`
#[utoipa::path(get, path = "/api/v1/wiki/pages/{slug}/review", tag = "reviews",
    params(("slug" = String, Path, description = "The page's slug")),
    responses((status = 200, body = ReviewView), (status = 404, body = ErrorEnvelope)))]
async fn page_review(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let (review, _, _) = load(&ctx, &slug).await?;
    Ok(HttpResponse::Ok().json(review))
}

/// `PUT /api/v1/wiki/pages/{slug}/review`: sets the owner and date (those who may edit).
#[utoipa::path(put, path = "/api/v1/wiki/pages/{slug}/review", tag = "reviews",
    request_body = ReviewInput,
    params(("slug" = String, Path, description = "The page's slug")),
    responses((status = 200, body = ReviewView), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller may not edit the page", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "Every field at fault in `error.fields`", body = ErrorEnvelope)))]
async fn set_page_review(
    ctx: Ctx,
    slug: web::Path<String>,
    body: web::Json<ReviewInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let slug = ctx
        .state
        .write(move |conn| service::set_page_review(conn, &viewer, phase, &s, Some(&input)))
        .await?;
    let (review, _, _) = load(&ctx, &slug).await?;
    Ok(HttpResponse::Ok().json(review))
}

/// `DELETE /api/v1/wiki/pages/{slug}/review`: removes the owner and date.
#[utoipa::path(delete, path = "/api/v1/wiki/pages/{slug}/review", tag = "reviews",
    params(("slug" = String, Path, description = "The page's slug")),
    responses((status = 204), (status = 401, body = ErrorEnvelope), (status = 403, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn remove_page_review(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    ctx.state
        .write(move |conn| service::set_page_review(conn, &viewer, phase, &s, None))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/v1/wiki/pages/{slug}/review/done`: the owner marks the page reviewed.
#[utoipa::path(post, path = "/api/v1/wiki/pages/{slug}/review/done", tag = "reviews",
    request_body = ReviewedInput,
    params(("slug" = String, Path, description = "The page's slug")),
    responses((status = 200, body = ReviewView), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller is not the page's review owner", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn page_reviewed(
    ctx: Ctx,
    slug: web::Path<String>,
    body: web::Json<ReviewedInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let slug = ctx
        .state
        .write(move |conn| service::mark_page_reviewed(conn, &viewer, phase, &s, &input))
        .await?;
    let (review, _, _) = load(&ctx, &slug).await?;
    Ok(HttpResponse::Ok().json(review))
}

#[derive(OpenApi)]
#[openapi(
    paths(reviews_list, page_review, set_page_review, remove_page_review, page_reviewed),
    tags((name = "reviews", description = "Freshness: review owners and dates of wiki pages and accepted answers"))
)]
pub struct ReviewApi;

/// Registers the wiki's review routes (HTML and JSON).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/revisioni", web::get().to(list_page))
        .route("/revisioni/mie", web::get().to(mine_page))
        .route("/wiki/p/{slug}/verifica", web::get().to(form_page))
        .route("/wiki/p/{slug}/verifica", web::post().to(form_submit))
        .route("/wiki/p/{slug}/verifica/fatta", web::post().to(done_submit))
        .route("/api/v1/reviews", web::get().to(reviews_list))
        .route(
            "/api/v1/wiki/pages/{slug}/review",
            web::get().to(page_review),
        )
        .route(
            "/api/v1/wiki/pages/{slug}/review",
            web::put().to(set_page_review),
        )
        .route(
            "/api/v1/wiki/pages/{slug}/review",
            web::delete().to(remove_page_review),
        )
        .route(
            "/api/v1/wiki/pages/{slug}/review/done",
            web::post().to(page_reviewed),
        );
}
