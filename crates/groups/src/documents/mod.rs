//! The documents deposit of a working group: members upload files (checked by content against
//! an allow-list, see [`filetype`]) with a title, a description and a folder; new versions of a
//! document keep the old ones downloadable; downloads go through the access rule and leave as
//! attachments, never from a static path; deletions are logged and move the group's quota.
//!
//! - [`storage`]: where the bytes live (a folder, or an S3-compatible bucket);
//! - [`upload`]: reading a multipart form with the size limit enforced while it streams;
//! - [`service`]: the database side, shared by [`pages`] and [`api`].
//!
//! The steps every upload takes (here, for both pages and API): check the viewer may take part
//! *before* reading the body; read and check every field at once; store the file under its
//! content key; then one transaction for the rows, the quota and the log.

pub mod api;
pub mod filetype;
pub mod pages;
pub mod service;
pub mod storage;
pub mod upload;

use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult};
use prassi_core::Ctx;
use prassi_db::DocumentId;

use self::service::{CheckedFile, NewDocument};
use self::storage::FileStore;
use self::upload::UploadForm;

/// Registers the documents pages and their JSON API.
pub fn configure(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
    pages::configure(cfg);
}

/// The documents API's part of the OpenAPI document (to merge into the module's).
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    api::DocumentsApi::openapi()
}

/// Refuses unless the viewer may upload to the group (before any byte of the body is read),
/// then reads the form. The form comes back even when it is unusable, so a page can show it
/// again with its errors.
pub(crate) async fn receive(ctx: &Ctx, slug: &str, payload: Multipart) -> AppResult<UploadForm> {
    ctx.account()?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    ctx.state
        .run(move |conn| service::participant(conn, &s, &viewer, phase).map(|_| ()))
        .await?;
    Ok(upload::read_form(payload, ctx.state.config.upload_max_bytes).await)
}

/// Stores a checked file under its content key (before any row refers to it).
pub(crate) async fn store(ctx: &Ctx, file: &CheckedFile) -> AppResult<()> {
    FileStore::of(&ctx.state)?
        .put(&file.key, file.bytes.clone())
        .await
}

/// After a transaction that added a row for `file`: if a deletion running at the same moment
/// removed the shared file between our write and our commit, write it again (we still hold
/// the bytes), so a row never points to a missing file.
async fn ensure_stored(ctx: &Ctx, file: &CheckedFile) -> AppResult<()> {
    let store = FileStore::of(&ctx.state)?;
    if !store.exists(&file.key).await? {
        tracing::warn!(key = %file.key, "stored file vanished during an upload; writing it again");
        store.put(&file.key, file.bytes.clone()).await?;
    }
    Ok(())
}

/// Stores the file and creates the document. Returns its id.
pub(crate) async fn create_document(
    ctx: &Ctx,
    slug: &str,
    doc: NewDocument,
    file: CheckedFile,
) -> AppResult<DocumentId> {
    store(ctx, &file).await?;
    let (viewer, phase, s, f) = (
        ctx.viewer.clone(),
        ctx.phase(),
        slug.to_owned(),
        file.clone(),
    );
    let id = ctx
        .state
        .write(move |conn| service::create(conn, &s, &viewer, phase, &doc, &f))
        .await?;
    ensure_stored(ctx, &file).await?;
    Ok(id)
}

/// Stores the file and adds it as the document's new version. Returns its number.
pub(crate) async fn create_version(
    ctx: &Ctx,
    slug: &str,
    id: &DocumentId,
    file: CheckedFile,
) -> AppResult<i32> {
    store(ctx, &file).await?;
    let (viewer, phase, s, did, f) = (
        ctx.viewer.clone(),
        ctx.phase(),
        slug.to_owned(),
        id.clone(),
        file.clone(),
    );
    let n = ctx
        .state
        .write(move |conn| service::add_version(conn, &s, &viewer, phase, &did, &f))
        .await?;
    ensure_stored(ctx, &file).await?;
    Ok(n)
}

/// Removes the files of `keys` that no version refers to any more (after a deletion
/// committed). A failure here leaves an orphan file, which is harmless: it is logged.
pub(crate) async fn remove_files(ctx: &Ctx, keys: Vec<String>) {
    let free = match ctx
        .state
        .run(move |conn| service::unreferenced(conn, keys))
        .await
    {
        Ok(k) => k,
        Err(e) => {
            tracing::warn!(error = %e, "cannot tell which document files are free");
            return;
        }
    };
    let store = match FileStore::of(&ctx.state) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "no file store");
            return;
        }
    };
    for key in free {
        if let Err(e) = store.delete(&key).await {
            tracing::warn!(key = %key, error = %e, "cannot remove a document file");
        }
    }
}

/// A version's file as a download: always an attachment with a safe name, the stored type,
/// `nosniff`, a sandboxing CSP, and never cached by shared caches.
pub(crate) async fn download(
    ctx: &Ctx,
    slug: &str,
    id: &str,
    version: &str,
) -> AppResult<HttpResponse> {
    let id = DocumentId::parse(id).ok_or_else(AppError::not_found)?;
    let version: i32 = version.parse().map_err(|_| AppError::not_found())?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let v = ctx
        .state
        .run(move |conn| service::version_file(conn, &s, &viewer, phase, &id, version))
        .await?;
    let bytes = FileStore::of(&ctx.state)?
        .get(&v.storage_key)
        .await?
        .ok_or_else(|| AppError::internal(format!("stored file {} is missing", v.storage_key)))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, v.content_type.clone()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            filetype::attachment_header(&v.file_name),
        ))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .body(bytes))
}
