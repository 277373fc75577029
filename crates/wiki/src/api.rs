//! JSON API of the wiki under `/api/v1/wiki/`: the same services as the pages. A stale save
//! that cannot be merged answers 409 with the usual error envelope plus a `conflict` object
//! (current text, the caller's text, their difference); nothing is written.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult, ErrorBody, ErrorEnvelope};
use prassi_core::pagination::{PageInfo, PageQuery};
use prassi_core::Ctx;
use prassi_db::AnswerId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::service::{
    self, CategoryCount, ChangeFilter, ChangeView, Conflict, DiffView, PageInput, PageSummary,
    PageView, PromoteInput, RevisionDetail, SaveInput, SaveOutcome, SettingsInput, TalkView,
};

/// Paging and filters of the wiki's lists.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Pages: only this category's. Changes: only pages in this category.
    pub category: Option<String>,
    /// Changes: only this member's (username).
    pub member: Option<String>,
    /// Changes: only pages the caller watches.
    pub watched: Option<bool>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

impl ListParams {
    fn request(&self) -> prassi_core::pagination::PageRequest {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
        }
        .resolve()
    }
}

/// A page of wiki pages.
#[derive(Debug, Serialize, ToSchema)]
pub struct PageList {
    pub items: Vec<PageSummary>,
    pub page: PageInfo,
}

/// A page of revisions.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeList {
    pub items: Vec<ChangeView>,
    pub page: PageInfo,
}

/// A page of talk comments.
#[derive(Debug, Serialize, ToSchema)]
pub struct TalkList {
    pub items: Vec<TalkView>,
    pub page: PageInfo,
}

/// Where a page lives.
#[derive(Debug, Serialize, ToSchema)]
pub struct PageCreated {
    pub id: String,
    pub slug: String,
    pub url: String,
    pub revision: i32,
}

/// A 409 for a save whose changes overlap newer ones.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictEnvelope {
    pub error: ErrorBody,
    /// Present for `wiki-edit-conflict`; absent when the page was busy (`wiki-edit-busy`:
    /// retry the save).
    #[schema(required = false)]
    pub conflict: Conflict,
}

/// `GET /api/v1/wiki/pages`
#[utoipa::path(get, path = "/api/v1/wiki/pages", tag = "wiki", params(ListParams),
    responses((status = 200, body = PageList),
        (status = 401, description = "Visitors, while the wiki is not public", body = ErrorEnvelope),
        (status = 404, description = "Accounts that may not read the wiki", body = ErrorEnvelope)))]
async fn list(ctx: Ctx, q: web::Query<ListParams>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let page = q.request();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (items, page) = ctx
        .state
        .run(move |conn| service::list(conn, &viewer, phase, q.category.as_deref(), page))
        .await?;
    Ok(HttpResponse::Ok().json(PageList { items, page }))
}

/// `POST /api/v1/wiki/pages`
#[utoipa::path(post, path = "/api/v1/wiki/pages", tag = "wiki", request_body = PageInput,
    responses((status = 201, body = PageCreated), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller may not write in this audience", body = ErrorEnvelope),
        (status = 422, description = "Invalid or taken title, invalid body, categories, parent or audience", body = ErrorEnvelope)))]
async fn create(ctx: Ctx, body: web::Json<PageInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let page = ctx
        .state
        .write(move |conn| service::create(conn, &viewer, phase, &input))
        .await?;
    Ok(HttpResponse::Created().json(PageCreated {
        id: page.id.0,
        url: service::page_url(&page.slug),
        slug: page.slug,
        revision: page.revision,
    }))
}

/// `GET /api/v1/wiki/pages/{slug}`: the page (old names lead to it too).
#[utoipa::path(get, path = "/api/v1/wiki/pages/{slug}", tag = "wiki",
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)")),
    responses((status = 200, body = PageView),
        (status = 404, description = "No such page, or not readable by the caller", body = ErrorEnvelope)))]
async fn page(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, missing) = (ctx.viewer.clone(), ctx.phase(), ctx.t("wiki-link-missing"));
    let view = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            service::page_view(conn, &viewer, phase, &found, &missing)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// `PUT /api/v1/wiki/pages/{slug}`: save an edit made from `base_revision`. 200 with
/// `outcome` `saved` or `merged`; 409 with `conflict` when the changes overlap.
#[utoipa::path(put, path = "/api/v1/wiki/pages/{slug}", tag = "wiki", request_body = SaveInput,
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)")),
    responses((status = 200, body = SaveOutcome),
        (status = 409, description = "Overlapping changes (with `conflict`), or a concurrent save", body = ConflictEnvelope),
        (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Protected page, or the caller may not write here", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn save(
    ctx: Ctx,
    slug: web::Path<String>,
    body: web::Json<SaveInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let outcome = ctx
        .state
        .write(move |conn| service::save(conn, &viewer, phase, &slug, &input))
        .await?;
    Ok(match outcome {
        SaveOutcome::Conflict(c) => HttpResponse::Conflict().json(ConflictEnvelope {
            error: ErrorBody {
                kind: "conflict".into(),
                message: "wiki-edit-conflict".into(),
                field: None,
                fields: Vec::new(),
            },
            conflict: *c,
        }),
        other => HttpResponse::Ok().json(other),
    })
}

/// `GET /api/v1/wiki/pages/{slug}/revisions`: newest first.
#[utoipa::path(get, path = "/api/v1/wiki/pages/{slug}/revisions", tag = "wiki",
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)"), ListParams),
    responses((status = 200, body = ChangeList), (status = 404, body = ErrorEnvelope)))]
async fn revisions(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListParams>,
) -> AppResult<HttpResponse> {
    let page = q.request();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (items, page) = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            let filter = ChangeFilter {
                page: Some(found.page.id),
                ..Default::default()
            };
            service::changes(conn, &viewer, phase, &filter, page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ChangeList { items, page }))
}

/// `GET /api/v1/wiki/pages/{slug}/revisions/{number}`
#[utoipa::path(get, path = "/api/v1/wiki/pages/{slug}/revisions/{number}", tag = "wiki",
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)"), ("number" = i32, Path, description = "The revision's number, from 1")),
    responses((status = 200, body = RevisionDetail),
        (status = 404, description = "No such page or revision, or not readable by the caller", body = ErrorEnvelope)))]
async fn revision(ctx: Ctx, path: web::Path<(String, i32)>) -> AppResult<HttpResponse> {
    let (slug, number) = path.into_inner();
    let (viewer, phase, missing) = (ctx.viewer.clone(), ctx.phase(), ctx.t("wiki-link-missing"));
    let detail = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            service::revision(conn, &viewer, phase, &found, number, &missing)
        })
        .await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// The two revisions to compare.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffParams {
    pub from: i32,
    pub to: i32,
}

/// `GET /api/v1/wiki/pages/{slug}/diff?from=&to=`: word by word.
#[utoipa::path(get, path = "/api/v1/wiki/pages/{slug}/diff", tag = "wiki",
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)"), DiffParams),
    responses((status = 200, body = DiffView),
        (status = 404, description = "No such page or revisions, or not readable by the caller", body = ErrorEnvelope)))]
async fn diff(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<DiffParams>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let view = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            service::diff(conn, &found, q.from, q.to)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A restore.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RestoreBody {
    /// The revision to bring back.
    pub revision: i32,
    /// The revision the caller last saw; the restore fails with 409 if the page moved on.
    pub base_revision: i32,
    #[serde(default)]
    #[schema(default = "")]
    pub summary: String,
}

/// The revision a write produced.
#[derive(Debug, Serialize, ToSchema)]
pub struct RevisionNumber {
    pub revision: i32,
}

/// `POST /api/v1/wiki/pages/{slug}/restore`
#[utoipa::path(post, path = "/api/v1/wiki/pages/{slug}/restore", tag = "wiki", request_body = RestoreBody,
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)")),
    responses((status = 200, body = RevisionNumber), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Protected page, or the caller may not write here", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "The page moved on since `base_revision`", body = ErrorEnvelope),
        (status = 422, description = "No such revision", body = ErrorEnvelope)))]
async fn restore(
    ctx: Ctx,
    slug: web::Path<String>,
    body: web::Json<RestoreBody>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let b = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let revision = ctx
        .state
        .write(move |conn| {
            service::restore(
                conn,
                &viewer,
                phase,
                &slug,
                b.revision,
                b.base_revision,
                &b.summary,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(RevisionNumber { revision }))
}

/// `PUT /api/v1/wiki/pages/{slug}/settings` (moderators): protection and audience.
#[utoipa::path(put, path = "/api/v1/wiki/pages/{slug}/settings", tag = "wiki", request_body = SettingsInput,
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller does not moderate the page's audience", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "Unknown audience, or one the caller does not moderate", body = ErrorEnvelope)))]
async fn settings(
    ctx: Ctx,
    slug: web::Path<String>,
    body: web::Json<SettingsInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::set_settings(conn, &viewer, phase, &slug, &input))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

async fn set_watch(ctx: Ctx, slug: String, on: bool) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::set_watch(conn, &viewer, phase, &slug, on))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `PUT /api/v1/wiki/pages/{slug}/watch`
#[utoipa::path(put, path = "/api/v1/wiki/pages/{slug}/watch", tag = "wiki",
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)")),
    responses((status = 204), (status = 401, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn watch(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    set_watch(ctx, slug.into_inner(), true).await
}

/// `DELETE /api/v1/wiki/pages/{slug}/watch`
#[utoipa::path(delete, path = "/api/v1/wiki/pages/{slug}/watch", tag = "wiki",
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)")),
    responses((status = 204), (status = 401, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope)))]
async fn unwatch(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    set_watch(ctx, slug.into_inner(), false).await
}

/// `GET /api/v1/wiki/pages/{slug}/talk`: oldest first.
#[utoipa::path(get, path = "/api/v1/wiki/pages/{slug}/talk", tag = "wiki",
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)"), ListParams),
    responses((status = 200, body = TalkList), (status = 404, body = ErrorEnvelope)))]
async fn talk(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListParams>,
) -> AppResult<HttpResponse> {
    let page = q.request();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (items, page) = ctx
        .state
        .run(move |conn| {
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            service::talk(conn, &found, page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(TalkList { items, page }))
}

/// A talk-page comment.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TalkBody {
    pub body_md: String,
}

/// Something created, by id.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = WikiCreated)]
pub struct Created {
    pub id: String,
}

/// `POST /api/v1/wiki/pages/{slug}/talk`
#[utoipa::path(post, path = "/api/v1/wiki/pages/{slug}/talk", tag = "wiki", request_body = TalkBody,
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)")),
    responses((status = 201, body = Created), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller may not take part here", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn talk_add(
    ctx: Ctx,
    slug: web::Path<String>,
    body: web::Json<TalkBody>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let b = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let added = ctx
        .state
        .write(move |conn| service::add_talk(conn, &viewer, phase, &slug, &b.body_md))
        .await?;
    Ok(HttpResponse::Created().json(Created { id: added.id.0 }))
}

/// `GET /api/v1/wiki/pages/{slug}/markdown`: the page as a Markdown document.
#[utoipa::path(get, path = "/api/v1/wiki/pages/{slug}/markdown", tag = "wiki",
    params(("slug" = String, Path, description = "The page's slug (an old name leads to the page too)")),
    responses((status = 200, content_type = "text/markdown", body = String), (status = 404, body = ErrorEnvelope)))]
async fn markdown(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let found = ctx
        .state
        .run(move |conn| service::readable_page(conn, &slug, &viewer, phase))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/markdown; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.md\"", found.page.slug),
        ))
        .body(service::export_markdown(&found)))
}

/// `GET /api/v1/wiki/categories`
#[utoipa::path(get, path = "/api/v1/wiki/categories", tag = "wiki",
    responses((status = 200, body = [CategoryCount]), (status = 401, body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn categories(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::categories(conn, &viewer, phase))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// `GET /api/v1/wiki/changes`: recent changes, a member's contributions (`member`), or the
/// caller's watchlist (`watched=true`).
#[utoipa::path(get, path = "/api/v1/wiki/changes", tag = "wiki", params(ListParams),
    responses((status = 200, body = ChangeList),
        (status = 401, description = "Visitors, while the wiki is not public or with `watched=true`", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn changes(ctx: Ctx, q: web::Query<ListParams>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let page = q.request();
    let filter = ChangeFilter {
        page: None,
        member: q.member,
        category: q.category,
        watched: q.watched.unwrap_or(false),
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (items, page) = ctx
        .state
        .run(move |conn| service::changes(conn, &viewer, phase, &filter, page))
        .await?;
    Ok(HttpResponse::Ok().json(ChangeList { items, page }))
}

/// A promotion of an accepted answer.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PromoteBody {
    pub answer_id: String,
    /// `new` or `append`.
    pub mode: String,
    /// The new page's title, or the page to append to.
    pub title: String,
}

/// `POST /api/v1/wiki/promote`
#[utoipa::path(post, path = "/api/v1/wiki/promote", tag = "wiki", request_body = PromoteBody,
    responses((status = 201, body = PageCreated), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller may not take part in the question's audience", body = ErrorEnvelope),
        (status = 404, description = "No such answer, or not readable by the caller", body = ErrorEnvelope),
        (status = 409, description = "The target page was being saved concurrently", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn promote(ctx: Ctx, body: web::Json<PromoteBody>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let b = body.into_inner();
    let answer = AnswerId::parse(&b.answer_id).ok_or_else(AppError::not_found)?;
    let input = PromoteInput {
        mode: b.mode,
        title: b.title,
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (slug, id, revision) = ctx
        .state
        .write(move |conn| {
            let slug = service::promote(conn, &viewer, phase, &answer, &input)?;
            let found = service::readable_page(conn, &slug, &viewer, phase)?;
            Ok((slug, found.page.id, found.page.revision))
        })
        .await?;
    Ok(HttpResponse::Created().json(PageCreated {
        id: id.0,
        url: service::page_url(&slug),
        slug,
        revision,
    }))
}

#[derive(OpenApi)]
#[openapi(
    paths(list, create, page, save, revisions, revision, diff, restore, settings, watch, unwatch,
        talk, talk_add, markdown, categories, changes, promote),
    tags((name = "wiki", description = "Collaborative wiki: pages, history, merges, talk, promotion from Q&A"))
)]
pub struct WikiApi;

/// Registers the module's JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/wiki/pages", web::get().to(list))
        .route("/api/v1/wiki/pages", web::post().to(create))
        .route("/api/v1/wiki/categories", web::get().to(categories))
        .route("/api/v1/wiki/changes", web::get().to(changes))
        .route("/api/v1/wiki/promote", web::post().to(promote))
        .route("/api/v1/wiki/pages/{slug}", web::get().to(page))
        .route("/api/v1/wiki/pages/{slug}", web::put().to(save))
        .route(
            "/api/v1/wiki/pages/{slug}/revisions",
            web::get().to(revisions),
        )
        .route(
            "/api/v1/wiki/pages/{slug}/revisions/{number}",
            web::get().to(revision),
        )
        .route("/api/v1/wiki/pages/{slug}/diff", web::get().to(diff))
        .route("/api/v1/wiki/pages/{slug}/restore", web::post().to(restore))
        .route(
            "/api/v1/wiki/pages/{slug}/settings",
            web::put().to(settings),
        )
        .route("/api/v1/wiki/pages/{slug}/watch", web::put().to(watch))
        .route("/api/v1/wiki/pages/{slug}/watch", web::delete().to(unwatch))
        .route("/api/v1/wiki/pages/{slug}/talk", web::get().to(talk))
        .route("/api/v1/wiki/pages/{slug}/talk", web::post().to(talk_add))
        .route(
            "/api/v1/wiki/pages/{slug}/markdown",
            web::get().to(markdown),
        );
}
