//! Site-wide pages that belong to no module: home, legal pages, health, the OpenAPI document,
//! static assets and the language switch.

use actix_web::{web, HttpResponse};
use diesel::prelude::*;
use prassi_core::error::AppResult;
use prassi_core::{AppState, Ctx};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

async fn home(ctx: Ctx) -> AppResult<HttpResponse> {
    let mut c = tera::Context::new();
    if ctx.can(&prassi_core::Audience::Public, prassi_core::Action::Read) {
        let modules: Vec<serde_json::Value> = crate::modules()
            .iter()
            .flat_map(|m| m.home_cards())
            .map(|card| {
                let [title, description] = card.message_keys();
                serde_json::json!({
                    "title": ctx.t(&title),
                    "description": ctx.t(&description),
                    "href": card.href,
                })
            })
            .collect();
        c.insert("modules", &modules);
    }
    c.insert("home_blocks", &home_blocks(&ctx).await?);
    ctx.render("home.html", c)
}

/// Every module's home block for this viewer, as HTML, in module order. Blocks that depend only
/// on the viewer's audiences come from `prassi_core::audience_cache` when fresh; the others are
/// built on one connection (one hop to the database for the whole page, none when every block
/// is kept) and rendered here.
async fn home_blocks(ctx: &Ctx) -> AppResult<Vec<String>> {
    use prassi_core::module::HomeScope;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    // The database is part of the key: several platforms may share one process (the tests).
    let audiences = format!(
        "{}\0{}",
        ctx.state.config.database_url,
        prassi_core::access::visible_audiences(&viewer, phase).join(",")
    );
    let generation = prassi_core::audience_cache::generation();
    let mut html: Vec<Option<String>> = Vec::new();
    let mut missing = Vec::new();
    // A block about the viewer is the same for every visitor without an account.
    let anonymous = viewer.account().is_none();
    let shared = |module: &dyn prassi_core::Module| {
        module.home_block_scope() == HomeScope::Audiences || anonymous
    };
    for (i, module) in crate::modules().iter().enumerate() {
        if module.home_block().is_none() {
            continue;
        }
        let kept = shared(*module)
            .then(|| {
                prassi_core::audience_cache::get(&cache_key(module.name(), ctx.lang, &audiences))
            })
            .flatten();
        if kept.is_none() {
            missing.push((html.len(), i));
        }
        html.push(kept);
    }
    if !missing.is_empty() {
        let wanted: Vec<usize> = missing.iter().map(|(_, i)| *i).collect();
        let built = ctx
            .state
            .run(move |conn| {
                let mut out = Vec::new();
                for i in wanted {
                    let module = crate::modules()[i];
                    let block = match module.home_block() {
                        Some(build) => build(conn, &viewer, phase)?,
                        None => None,
                    };
                    out.push(block);
                }
                Ok(out)
            })
            .await?;
        for ((slot, i), block) in missing.into_iter().zip(built) {
            let module = crate::modules()[i];
            let rendered = match block {
                Some(block) => {
                    let mut c = tera::Context::new();
                    c.insert("block", &block.data);
                    c.insert("lang", ctx.lang);
                    // A block made for this viewer alone (never kept) may hold forms.
                    if !shared(module) {
                        c.insert("csrf_token", &ctx.csrf_token()?);
                    }
                    ctx.state.templates.tera.render(block.template, &c)?
                }
                None => String::new(),
            };
            if shared(module) {
                prassi_core::audience_cache::put(
                    cache_key(module.name(), ctx.lang, &audiences),
                    generation,
                    rendered.clone(),
                );
            }
            html[slot] = Some(rendered);
        }
    }
    Ok(html
        .into_iter()
        .flatten()
        .filter(|h| !h.is_empty())
        .collect())
}

fn cache_key(module: &str, lang: &str, audiences: &str) -> String {
    format!("{module}\0{lang}\0{audiences}")
}

async fn legal(ctx: Ctx, page: &'static str) -> AppResult<HttpResponse> {
    ctx.render(page, prassi_core::settings::legal_context(&ctx))
}

/// What `/healthz` answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    /// `ok` or `unavailable`.
    pub status: String,
    /// `sqlite` or `postgresql`.
    pub database: String,
    /// Events waiting in the outbox.
    pub outbox_pending: Option<i64>,
}

/// `GET /healthz`: whether the database answers.
#[utoipa::path(get, path = "/healthz", tag = "site",
    responses((status = 200, body = Health), (status = 503, body = Health)))]
async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let db = state.db.clone();
    let kind = db.kind().name().to_owned();
    let result = web::block(move || -> Result<i64, String> {
        let mut conn = db.get().map_err(|e| e.to_string())?;
        diesel::sql_query("SELECT 1")
            .execute(&mut conn)
            .map_err(|e| e.to_string())?;
        prassi_db::outbox::pending(&mut conn).map_err(|e| e.to_string())
    })
    .await;
    match result {
        Ok(Ok(pending)) => HttpResponse::Ok().json(Health {
            status: "ok".into(),
            database: kind,
            outbox_pending: Some(pending),
        }),
        Ok(Err(reason)) => unavailable(kind, &reason),
        Err(e) => unavailable(kind, &e.to_string()),
    }
}

fn unavailable(database: String, reason: &str) -> HttpResponse {
    tracing::warn!(error = %reason, "health check failed");
    HttpResponse::ServiceUnavailable().json(Health {
        status: "unavailable".into(),
        database,
        outbox_pending: None,
    })
}

async fn openapi(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(state.openapi.as_ref())
}

/// The site's part of the OpenAPI document (and its title and version).
#[derive(OpenApi)]
#[openapi(
    info(title = "Prassi API", description = "JSON API of the Prassi community-of-practice platform. \
        Authenticate with `Authorization: Bearer <token>` from `POST /api/v1/auth/login`."),
    paths(healthz),
    components(schemas(Health)),
    tags((name = "site", description = "Health and metadata"))
)]
pub struct SiteApi;

impl SiteApi {
    /// The base document every module merges into.
    pub fn openapi_doc() -> utoipa::openapi::OpenApi {
        <SiteApi as OpenApi>::openapi()
    }
}

/// The pages that belong to no module, as a module: first in the list. Its OpenAPI part is
/// the base document the others merge into ([`SiteApi::openapi_doc`]).
pub struct Site;

impl prassi_core::Module for Site {
    fn name(&self) -> &'static str {
        "site"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        configure(cfg);
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &[
            "/",
            "/privacy",
            "/note-legali",
            "/accessibilita",
            "/healthz",
            "/api/v1/openapi.json",
        ]
    }
}

/// Registers the site routes.
fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(home))
        .route(
            "/privacy",
            web::get().to(|ctx: Ctx| legal(ctx, "pages/privacy.html")),
        )
        .route(
            "/note-legali",
            web::get().to(|ctx: Ctx| legal(ctx, "pages/note-legali.html")),
        )
        .route(
            "/accessibilita",
            web::get().to(|ctx: Ctx| legal(ctx, "pages/accessibilita.html")),
        )
        .route("/healthz", web::get().to(healthz))
        .route("/api/v1/openapi.json", web::get().to(openapi))
        .route(
            "/static/{path:.*}",
            web::get().to(prassi_core::web::static_asset),
        )
        .route("/lingua", web::get().to(prassi_core::web::switch_language));
}
