//! JSON API of a group's documents under `/api/v1/groups/{slug}/documents`: the same services
//! as the pages. Uploads are `multipart/form-data` (fields `title`, `description_md`,
//! `folder`, `file`); downloads answer with the file itself, exactly like the page route.

use actix_multipart::Multipart;
use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope};
use prassi_core::Ctx;
use prassi_db::DocumentId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use super::service::{
    self, DocumentDetail, DocumentSummary, FolderView, GroupRef, Listing, VersionView,
};

/// Filters of the list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only the documents of this folder (`""` for those outside any folder).
    pub folder: Option<String>,
}

/// `GET /api/v1/groups/{slug}/documents`
#[utoipa::path(get, path = "/api/v1/groups/{slug}/documents", tag = "groups",
    params(("slug" = String, Path, description = "The group's slug"), ListParams),
    responses((status = 200, body = Listing),
        (status = 404, description = "No such group, or its content is not readable by the caller", body = ErrorEnvelope)))]
async fn list(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListParams>,
) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let folder = q.into_inner().folder;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let listing = ctx
        .state
        .run(move |conn| service::list(conn, &slug, &viewer, phase, folder.as_deref()))
        .await?;
    Ok(HttpResponse::Ok().json(listing))
}

/// An upload (`multipart/form-data`).
#[derive(Debug, ToSchema)]
pub struct UploadBody {
    /// Required for a new document; ignored for a new version.
    pub title: Option<String>,
    /// Markdown.
    pub description_md: Option<String>,
    pub folder: Option<String>,
    /// The file: PDF, ODT/ODS/ODP, DOCX/XLSX/PPTX, PNG, JPEG, GIF, WebP, or UTF-8 text named
    /// `.csv` or `.txt`; checked by content, at most the configured size.
    #[schema(value_type = String, format = Binary)]
    pub file: Vec<u8>,
}

/// Where something new lives.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = DocumentCreated)]
pub struct Created {
    pub id: String,
    /// The document's page.
    pub url: String,
    pub version: i32,
    /// The new version's download address.
    pub download_url: String,
}

/// `POST /api/v1/groups/{slug}/documents`: a new document with its first version.
#[utoipa::path(post, path = "/api/v1/groups/{slug}/documents", tag = "groups",
    params(("slug" = String, Path, description = "The group's slug")),
    request_body(content = UploadBody, content_type = "multipart/form-data"),
    responses((status = 201, body = Created), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "The caller is not a member of the group", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope),
        (status = 422, description = "Missing title, file too large, type not allowed, bad name", body = ErrorEnvelope)))]
async fn upload(ctx: Ctx, slug: web::Path<String>, payload: Multipart) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let form = super::receive(&ctx, &slug, payload).await?;
    let (doc, file) = service::check_upload(&form, true)?;
    let id = super::create_document(&ctx, &slug, doc, file).await?;
    Ok(HttpResponse::Created().json(Created {
        url: service::document_url(&slug, &id),
        download_url: service::download_url(&slug, &id, 1),
        version: 1,
        id: id.0,
    }))
}

fn parse_id(id: &str) -> AppResult<DocumentId> {
    DocumentId::parse(id).ok_or_else(AppError::not_found)
}

/// `GET /api/v1/groups/{slug}/documents/{id}`
#[utoipa::path(get, path = "/api/v1/groups/{slug}/documents/{id}", tag = "groups",
    params(("slug" = String, Path, description = "The group's slug"),
        ("id" = String, Path, description = "The document's id")),
    responses((status = 200, body = DocumentDetail), (status = 404, body = ErrorEnvelope)))]
async fn get(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let id = parse_id(&id)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let d = ctx
        .state
        .run(move |conn| service::detail(conn, &slug, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(d))
}

/// `POST /api/v1/groups/{slug}/documents/{id}/versions`: a new version (only `file` is read).
#[utoipa::path(post, path = "/api/v1/groups/{slug}/documents/{id}/versions", tag = "groups",
    params(("slug" = String, Path, description = "The group's slug"),
        ("id" = String, Path, description = "The document's id")),
    request_body(content = UploadBody, content_type = "multipart/form-data"),
    responses((status = 201, body = Created), (status = 401, body = ErrorEnvelope),
        (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
        (status = 409, description = "Another version was added at the same moment", body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn add_version(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let id = parse_id(&id)?;
    let form = super::receive(&ctx, &slug, payload).await?;
    let (_, file) = service::check_upload(&form, false)?;
    let n = super::create_version(&ctx, &slug, &id, file).await?;
    Ok(HttpResponse::Created().json(Created {
        url: service::document_url(&slug, &id),
        download_url: service::download_url(&slug, &id, n),
        version: n,
        id: id.0,
    }))
}

/// `GET /api/v1/groups/{slug}/documents/{id}/versions/{version}`: the file, as an attachment.
#[utoipa::path(get, path = "/api/v1/groups/{slug}/documents/{id}/versions/{version}", tag = "groups",
    params(("slug" = String, Path, description = "The group's slug"),
        ("id" = String, Path, description = "The document's id"),
        ("version" = i32, Path, description = "The version's number")),
    responses((status = 200, description = "The file, with its stored type (one of the allowed types, checked by content at upload) and `Content-Disposition: attachment`",
            content(("application/pdf"), ("application/vnd.oasis.opendocument.text"), ("application/vnd.oasis.opendocument.spreadsheet"), ("application/vnd.oasis.opendocument.presentation"), ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("application/vnd.openxmlformats-officedocument.presentationml.presentation"), ("image/png"), ("image/jpeg"), ("image/gif"), ("image/webp"), ("text/csv"), ("text/plain"))),
        (status = 404, body = ErrorEnvelope)))]
async fn download(ctx: Ctx, path: web::Path<(String, String, String)>) -> AppResult<HttpResponse> {
    let (slug, id, n) = path.into_inner();
    super::download(&ctx, &slug, &id, &n).await
}

/// `DELETE /api/v1/groups/{slug}/documents/{id}` (its creator or a coordinator)
#[utoipa::path(delete, path = "/api/v1/groups/{slug}/documents/{id}", tag = "groups",
    params(("slug" = String, Path, description = "The group's slug"),
        ("id" = String, Path, description = "The document's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Neither the creator nor a coordinator", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn delete(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (slug, id) = path.into_inner();
    let id = parse_id(&id)?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let keys = ctx
        .state
        .write(move |conn| service::delete_document(conn, &slug, &viewer, phase, &id))
        .await?;
    super::remove_files(&ctx, keys).await;
    Ok(HttpResponse::NoContent().finish())
}

/// `DELETE /api/v1/groups/{slug}/documents/{id}/versions/{version}` (its uploader or a
/// coordinator); deleting the last version deletes the document.
#[utoipa::path(delete, path = "/api/v1/groups/{slug}/documents/{id}/versions/{version}", tag = "groups",
    params(("slug" = String, Path, description = "The group's slug"),
        ("id" = String, Path, description = "The document's id"),
        ("version" = i32, Path, description = "The version's number")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 403, description = "Neither the uploader nor a coordinator", body = ErrorEnvelope),
        (status = 404, body = ErrorEnvelope)))]
async fn delete_version(
    ctx: Ctx,
    path: web::Path<(String, String, String)>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (slug, id, n) = path.into_inner();
    let id = parse_id(&id)?;
    let n: i32 = n.parse().map_err(|_| AppError::not_found())?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let keys = ctx
        .state
        .write(move |conn| service::delete_version(conn, &slug, &viewer, phase, &id, n))
        .await?;
    super::remove_files(&ctx, keys).await;
    Ok(HttpResponse::NoContent().finish())
}

/// The documents API's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(list, upload, get, add_version, download, delete, delete_version),
    components(schemas(Listing, GroupRef, FolderView, DocumentSummary, DocumentDetail,
        VersionView, UploadBody, Created)),
    tags((name = "groups", description = "Working groups: members, content, documents"))
)]
pub struct DocumentsApi;

/// Registers the documents' JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/groups/{slug}/documents", web::get().to(list))
        .route("/api/v1/groups/{slug}/documents", web::post().to(upload))
        .route("/api/v1/groups/{slug}/documents/{id}", web::get().to(get))
        .route(
            "/api/v1/groups/{slug}/documents/{id}",
            web::delete().to(delete),
        )
        .route(
            "/api/v1/groups/{slug}/documents/{id}/versions",
            web::post().to(add_version),
        )
        .route(
            "/api/v1/groups/{slug}/documents/{id}/versions/{version}",
            web::get().to(download),
        )
        .route(
            "/api/v1/groups/{slug}/documents/{id}/versions/{version}",
            web::delete().to(delete_version),
        );
}
