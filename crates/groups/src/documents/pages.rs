//! HTML pages of the documents deposit. Thin handlers: parse, call the service (which applies
//! the group's access rule), render. The upload forms are `multipart/form-data` and work
//! without JavaScript; their CSRF token travels in the action's query string (see
//! `prassi_core::csrf`). A form with problems comes back with all of them at once (422).

use actix_multipart::Multipart;
use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult};
use prassi_core::Ctx;
use prassi_db::DocumentId;
use serde::Deserialize;
use tera::Context;

use super::service::{self, human_size, Listing};
use super::upload::UploadForm;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// The folder to show.
    pub cartella: Option<String>,
}

fn with_sizes(listing: &Listing, lang: &str) -> AppResult<serde_json::Value> {
    let mut v = serde_json::to_value(listing).map_err(AppError::internal)?;
    if let Some(docs) = v.get_mut("documents").and_then(|d| d.as_array_mut()) {
        for d in docs {
            let size = d
                .get("size_bytes")
                .and_then(serde_json::Value::as_i64)
                .unwrap_or(0);
            d["size"] = human_size(size, lang).into();
        }
    }
    Ok(v)
}

async fn list(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let folder = q.into_inner().cartella;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let listing = ctx
        .state
        .run(move |conn| service::list(conn, &slug, &viewer, phase, folder.as_deref()))
        .await?;
    let mut c = Context::new();
    c.insert("listing", &with_sizes(&listing, ctx.lang)?);
    c.insert("group", &listing.group);
    c.insert(
        "storage_used",
        &listing.storage_bytes.map(|b| human_size(b, ctx.lang)),
    );
    c.insert("new_url", &format!("{}/nuovo", listing.group.documents_url));
    ctx.render("groups/documents.html", c)
}

/// What the upload form shows: the group, the action, what was typed.
async fn new_context(ctx: &Ctx, slug: &str, form: &UploadForm) -> AppResult<Context> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    let group = ctx
        .state
        .run(move |conn| {
            let r = service::participant(conn, &s, &viewer, phase)?;
            Ok(serde_json::json!({
                "slug": r.group.slug, "name": r.group.name,
                "url": format!("/gruppi/{}", r.group.slug),
                "documents_url": service::documents_url(&r.group.slug),
            }))
        })
        .await?;
    let mut c = Context::new();
    c.insert("group", &group);
    c.insert("action", &service::documents_url(slug));
    c.insert(
        "form",
        &serde_json::json!({
            "title": form.title, "description_md": form.description_md, "folder": form.folder,
        }),
    );
    c.insert(
        "max_size",
        &human_size(
            i64::try_from(ctx.state.config.upload_max_bytes).unwrap_or(i64::MAX),
            ctx.lang,
        ),
    );
    Ok(c)
}

async fn new_form(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let c = new_context(&ctx, &slug, &UploadForm::default()).await?;
    ctx.csrf_token()?;
    ctx.render("groups/documents_new.html", c)
}

async fn upload_submit(
    ctx: Ctx,
    slug: web::Path<String>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let slug = slug.into_inner();
    let form = super::receive(&ctx, &slug, payload).await?;
    let outcome = match service::check_upload(&form, true) {
        Ok((doc, file)) => super::create_document(&ctx, &slug, doc, file).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(id) => {
            ctx.flash("success", "documents-uploaded");
            Ok(Ctx::redirect(&service::document_url(&slug, &id)))
        }
        Err(e) => {
            let c = new_context(&ctx, &slug, &form).await?;
            ctx.form_error("groups/documents_new.html", c, e)
        }
    }
}

async fn show_context(ctx: &Ctx, slug: &str, id: &DocumentId) -> AppResult<Context> {
    let (viewer, phase, s, did) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned(), id.clone());
    let d = ctx
        .state
        .run(move |conn| service::detail(conn, &s, &viewer, phase, &did))
        .await?;
    let mut doc = serde_json::to_value(&d).map_err(AppError::internal)?;
    if let Some(vs) = doc.get_mut("versions").and_then(|v| v.as_array_mut()) {
        for v in vs {
            let size = v
                .get("size_bytes")
                .and_then(serde_json::Value::as_i64)
                .unwrap_or(0);
            v["size"] = human_size(size, ctx.lang).into();
            let n = v
                .get("version")
                .and_then(serde_json::Value::as_i64)
                .unwrap_or(0);
            v["delete_url"] = format!("{}/versioni/{n}/elimina", d.url).into();
        }
    }
    let mut c = Context::new();
    c.insert("group", &d.group);
    c.insert("doc", &doc);
    c.insert(
        "description_html",
        &prassi_core::markdown::render(&d.description_md),
    );
    c.insert("version_action", &format!("{}/versioni", d.url));
    c.insert("delete_url", &format!("{}/elimina", d.url));
    c.insert(
        "max_size",
        &human_size(
            i64::try_from(ctx.state.config.upload_max_bytes).unwrap_or(i64::MAX),
            ctx.lang,
        ),
    );
    Ok(c)
}

fn parse_id(id: &str) -> AppResult<DocumentId> {
    DocumentId::parse(id).ok_or_else(AppError::not_found)
}

async fn show(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let id = parse_id(&id)?;
    let c = show_context(&ctx, &slug, &id).await?;
    if ctx.viewer.account().is_some() {
        ctx.csrf_token()?;
    }
    ctx.render("groups/documents_show.html", c)
}

async fn version_submit(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let (slug, id) = path.into_inner();
    let id = parse_id(&id)?;
    let form = super::receive(&ctx, &slug, payload).await?;
    let outcome = match service::check_upload(&form, false) {
        Ok((_, file)) => super::create_version(&ctx, &slug, &id, file).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => {
            ctx.flash("success", "documents-version-added");
            Ok(Ctx::redirect(&service::document_url(&slug, &id)))
        }
        Err(e) => {
            let c = show_context(&ctx, &slug, &id).await?;
            ctx.form_error("groups/documents_show.html", c, e)
        }
    }
}

async fn download(ctx: Ctx, path: web::Path<(String, String, String)>) -> AppResult<HttpResponse> {
    let (slug, id, n) = path.into_inner();
    super::download(&ctx, &slug, &id, &n).await
}

async fn delete_document(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (slug, id) = path.into_inner();
    let id = parse_id(&id)?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.clone());
    let keys = ctx
        .state
        .write(move |conn| service::delete_document(conn, &s, &viewer, phase, &id))
        .await?;
    super::remove_files(&ctx, keys).await;
    ctx.flash("success", "documents-deleted");
    Ok(Ctx::redirect(&service::documents_url(&slug)))
}

async fn delete_version(
    ctx: Ctx,
    path: web::Path<(String, String, String)>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (slug, id, n) = path.into_inner();
    let id = parse_id(&id)?;
    let n: i32 = n.parse().map_err(|_| AppError::not_found())?;
    let (viewer, phase, s, did) = (ctx.viewer.clone(), ctx.phase(), slug.clone(), id.clone());
    let keys = ctx
        .state
        .write(move |conn| service::delete_version(conn, &s, &viewer, phase, &did, n))
        .await?;
    super::remove_files(&ctx, keys).await;
    ctx.flash("success", "documents-version-deleted");
    // The document may have gone with its last version: its page then answers 404, so go to
    // the list in that case.
    let (viewer, phase, s, did) = (ctx.viewer.clone(), ctx.phase(), slug.clone(), id.clone());
    let still = ctx
        .state
        .run(move |conn| Ok(service::detail(conn, &s, &viewer, phase, &did).is_ok()))
        .await?;
    Ok(Ctx::redirect(&if still {
        service::document_url(&slug, &id)
    } else {
        service::documents_url(&slug)
    }))
}

/// Registers the documents pages.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/gruppi/{slug}/documenti", web::get().to(list))
        .route("/gruppi/{slug}/documenti", web::post().to(upload_submit))
        .route("/gruppi/{slug}/documenti/nuovo", web::get().to(new_form))
        .route("/gruppi/{slug}/documenti/{id}", web::get().to(show))
        .route(
            "/gruppi/{slug}/documenti/{id}/elimina",
            web::post().to(delete_document),
        )
        .route(
            "/gruppi/{slug}/documenti/{id}/versioni",
            web::post().to(version_submit),
        )
        .route(
            "/gruppi/{slug}/documenti/{id}/versioni/{n}",
            web::get().to(download),
        )
        .route(
            "/gruppi/{slug}/documenti/{id}/versioni/{n}/elimina",
            web::post().to(delete_version),
        );
}
