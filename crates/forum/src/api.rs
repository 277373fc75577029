//! JSON API of the forum under `/api/v1/forum/`: the same services as the pages.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope};
use prassi_core::history::RevisionView;
use prassi_core::pagination::{PageInfo, PageQuery};
use prassi_core::Ctx;
use prassi_db::{DiscussionId, PostId};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::service::{
    self, CategoryInput, CategoryRef, CategoryView, DiscussionDetail, DiscussionInput,
    DiscussionPage, DiscussionSummary, ListFilter, MentionView, ModerationInput, PostEdit,
    PostView,
};

/// `GET /api/v1/forum/categories`
#[utoipa::path(get, path = "/api/v1/forum/categories", tag = "forum", responses((status = 200, body = [CategoryView])))]
async fn categories(ctx: Ctx) -> AppResult<HttpResponse> {
    // Like every module: visitors who may not read are asked to sign in (401), accounts that
    // may not read (pending, in phase 1) are told there is nothing (404).
    ctx.require_section()?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::categories(conn, &viewer, phase))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Where something new lives.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = ForumCreated)]
pub struct Created {
    pub id: String,
    pub url: String,
}

/// `POST /api/v1/forum/categories` (administrators)
#[utoipa::path(post, path = "/api/v1/forum/categories", tag = "forum", request_body = CategoryInput,
    responses((status = 201, body = Created),
        (status = 404, description = "The caller is not an administrator", body = ErrorEnvelope),
        (status = 422, description = "Invalid or taken name, unknown audience", body = ErrorEnvelope)))]
async fn create_category(ctx: Ctx, body: web::Json<CategoryInput>) -> AppResult<HttpResponse> {
    ctx.require_admin()?;
    let input = body.into_inner();
    let slug = service::slug_of(&input.name);
    let viewer = ctx.viewer.clone();
    let id = ctx
        .state
        .write(move |conn| service::create_category(conn, &viewer, &input))
        .await?;
    Ok(HttpResponse::Created().json(Created {
        id: id.0,
        url: format!("/forum/c/{slug}"),
    }))
}

/// Discussion list filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// A category slug.
    pub category: Option<String>,
    /// `true` for discussions with posts the caller has not read.
    pub unread: Option<bool>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// A page of discussions.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiscussionList {
    pub items: Vec<DiscussionSummary>,
    pub page: PageInfo,
}

/// `GET /api/v1/forum/discussions`
#[utoipa::path(get, path = "/api/v1/forum/discussions", tag = "forum", params(ListParams),
    responses((status = 200, body = DiscussionList),
        (status = 401, description = "Visitors asking for unread discussions", body = ErrorEnvelope),
        (status = 404, description = "No such category, or not readable by the caller", body = ErrorEnvelope)))]
async fn list(ctx: Ctx, q: web::Query<ListParams>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (items, page) = ctx
        .state
        .run(move |conn| {
            let filter = ListFilter {
                category: q.category,
                unread: q.unread.unwrap_or(false),
            };
            service::list(conn, &viewer, phase, &filter, page)
        })
        .await?;
    Ok(HttpResponse::Ok().json(DiscussionList { items, page }))
}

/// A new discussion in a category.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StartBody {
    /// The category's slug.
    pub category: String,
    pub title: String,
    pub body_md: String,
    /// The language of the text (`it`, `en`, `de`, `fr`, `sl`); default: the site's.
    #[serde(default)]
    #[schema(default = "")]
    pub lang: String,
}

/// `POST /api/v1/forum/discussions`
#[utoipa::path(post, path = "/api/v1/forum/discussions", tag = "forum", request_body = StartBody,
    responses((status = 201, body = Created), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller may not take part in the category", body = ErrorEnvelope),
        (status = 404, description = "No such category, or not readable by the caller", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn start(ctx: Ctx, body: web::Json<StartBody>) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let created = ctx
        .state
        .write(move |conn| {
            let input = DiscussionInput {
                title: b.title,
                body_md: b.body_md,
                lang: b.lang,
            };
            let id = service::start(conn, &viewer, phase, &b.category, &input)?;
            Ok(Created {
                url: service::discussion_url(&id, &input.title),
                id: id.0,
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Page of a discussion.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParam {
    pub page: Option<i64>,
}

/// `GET /api/v1/forum/discussions/{id}`: a page of posts (50 per page); marks it read.
#[utoipa::path(get, path = "/api/v1/forum/discussions/{id}", tag = "forum",
    params(("id" = String, Path, description = "The discussion's id"), PageParam),
    responses((status = 200, body = DiscussionPage),
        (status = 404, description = "No such discussion, or not readable by the caller", body = ErrorEnvelope)))]
async fn discussion(
    ctx: Ctx,
    id: web::Path<String>,
    q: web::Query<PageParam>,
) -> AppResult<HttpResponse> {
    let id = DiscussionId::parse(&id).ok_or_else(AppError::not_found)?;
    let page = q.page.unwrap_or(1);
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let p = ctx
        .state
        .run(move |conn| service::discussion_page(conn, &id, &viewer, phase, page))
        .await?;
    Ok(HttpResponse::Ok().json(p))
}

/// A reply.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReplyBody {
    pub body_md: String,
    /// The id of a post of the same discussion being quoted.
    #[serde(default)]
    pub quote_of: Option<String>,
    /// The language of the reply; default: the discussion's.
    #[serde(default)]
    #[schema(default = "")]
    pub lang: String,
}

/// `POST /api/v1/forum/discussions/{id}/posts`
#[utoipa::path(post, path = "/api/v1/forum/discussions/{id}/posts", tag = "forum", request_body = ReplyBody,
    params(("id" = String, Path, description = "The discussion's id")),
    responses((status = 201, body = Created), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller may not take part in the discussion", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 409, description = "The discussion is locked", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn reply(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<ReplyBody>,
) -> AppResult<HttpResponse> {
    let id = DiscussionId::parse(&id).ok_or_else(AppError::not_found)?;
    let b = body.into_inner();
    let quote = match b.quote_of.as_deref() {
        None | Some("") => None,
        Some(q) => Some(
            PostId::parse(q).ok_or_else(|| AppError::invalid("quote_of", "forum-quote-invalid"))?,
        ),
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let pid = ctx
        .state
        .write(move |conn| {
            service::reply_in(
                conn,
                &viewer,
                phase,
                &id,
                &b.body_md,
                quote.as_ref(),
                &b.lang,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(Created {
        url: String::new(),
        id: pid.0,
    }))
}

/// `PUT /api/v1/forum/posts/{id}`: edit (author or moderator); every version is kept.
#[utoipa::path(put, path = "/api/v1/forum/posts/{id}", tag = "forum", request_body = PostEdit,
    params(("id" = String, Path, description = "The post's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Neither the author nor a moderator", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "Invalid body, or title (opening posts)", body = ErrorEnvelope)))]
async fn edit(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<PostEdit>,
) -> AppResult<HttpResponse> {
    let id = PostId::parse(&id).ok_or_else(AppError::not_found)?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::edit(conn, &viewer, phase, &id, &input))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /api/v1/forum/posts/{id}/revisions`
#[utoipa::path(get, path = "/api/v1/forum/posts/{id}/revisions", tag = "forum",
    params(("id" = String, Path, description = "The post's id")),
    responses((status = 200, body = [RevisionView]), (status = 404, body = ErrorEnvelope)))]
async fn revisions(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let id = PostId::parse(&id).ok_or_else(AppError::not_found)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| {
            service::readable_history(conn, &viewer, phase, &id).map(|(_, revisions)| revisions)
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Hiding a post.
#[derive(Debug, Deserialize, ToSchema)]
pub struct HideBody {
    /// The reason shown in place of the post; `null` shows it again.
    #[schema(required = true)]
    pub reason: Option<String>,
}

/// `POST /api/v1/forum/posts/{id}/hidden` (moderators)
#[utoipa::path(post, path = "/api/v1/forum/posts/{id}/hidden", tag = "forum", request_body = HideBody,
    params(("id" = String, Path, description = "The post's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller does not moderate the discussion's audience", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "An empty or too long reason", body = ErrorEnvelope)))]
async fn hide(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<HideBody>,
) -> AppResult<HttpResponse> {
    let id = PostId::parse(&id).ok_or_else(AppError::not_found)?;
    let reason = body.into_inner().reason;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::set_hidden(conn, &viewer, phase, &id, reason.as_deref()))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `POST /api/v1/forum/discussions/{id}/moderation` (moderators): lock, unlock, pin, unpin, move.
#[utoipa::path(post, path = "/api/v1/forum/discussions/{id}/moderation", tag = "forum", request_body = ModerationInput,
    params(("id" = String, Path, description = "The discussion's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller does not moderate the discussion's audience", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "Unknown action, or an unusable target category", body = ErrorEnvelope)))]
async fn moderate(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<ModerationInput>,
) -> AppResult<HttpResponse> {
    let id = DiscussionId::parse(&id).ok_or_else(AppError::not_found)?;
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::moderate(conn, &viewer, phase, &id, &input))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A page of mentions.
#[derive(Debug, Serialize, ToSchema)]
pub struct MentionList {
    pub items: Vec<MentionView>,
    pub page: PageInfo,
}

/// `GET /api/v1/forum/mentions`: the caller's mentions, newest first.
#[utoipa::path(get, path = "/api/v1/forum/mentions", tag = "forum", params(PageParam),
    responses((status = 200, body = MentionList), (status = 401, body = ErrorEnvelope)))]
async fn mentions(ctx: Ctx, q: web::Query<PageParam>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let page = PageQuery {
        page: q.page,
        per_page: None,
    }
    .resolve();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (items, page) = ctx
        .state
        .run(move |conn| service::my_mentions(conn, &viewer, phase, page))
        .await?;
    Ok(HttpResponse::Ok().json(MentionList { items, page }))
}

/// The module's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(categories, create_category, list, start, discussion, reply, edit, revisions, hide, moderate, mentions),
    components(schemas(CategoryView, CategoryInput, Created, DiscussionList, DiscussionSummary, CategoryRef,
        StartBody, DiscussionPage, DiscussionDetail, PostView, ReplyBody, PostEdit, HideBody,
        ModerationInput, MentionList, MentionView)),
    tags((name = "forum", description = "Forum: categories, discussions, posts, mentions"))
)]
pub struct ForumApi;

/// Registers the module's JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/forum/categories", web::get().to(categories))
        .route("/api/v1/forum/categories", web::post().to(create_category))
        .route("/api/v1/forum/discussions", web::get().to(list))
        .route("/api/v1/forum/discussions", web::post().to(start))
        .route("/api/v1/forum/discussions/{id}", web::get().to(discussion))
        .route(
            "/api/v1/forum/discussions/{id}/posts",
            web::post().to(reply),
        )
        .route(
            "/api/v1/forum/discussions/{id}/moderation",
            web::post().to(moderate),
        )
        .route("/api/v1/forum/posts/{id}", web::put().to(edit))
        .route(
            "/api/v1/forum/posts/{id}/revisions",
            web::get().to(revisions),
        )
        .route("/api/v1/forum/posts/{id}/hidden", web::post().to(hide))
        .route("/api/v1/forum/mentions", web::get().to(mentions));
}
