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
    // Every visitor learns what the community holds; the cards link to its spaces only for
    // those who may read the public areas (before phase 3 a visitor sees how to join instead).
    let linked = ctx.can(&prassi_core::Audience::Public, prassi_core::Action::Read);
    let modules: Vec<HomeModule> = crate::modules()
        .iter()
        .flat_map(|m| m.home_cards())
        .map(|card| {
            let [title, description] = card.message_keys();
            HomeModule {
                title: ctx.t(&title),
                description: ctx.t(&description),
                href: linked.then_some(card.href),
            }
        })
        .collect();
    // The page's second half (the phase, the spaces, the goals) is the same for every viewer
    // of the same language, phase and sign-in: a kept fragment.
    let about = HomeAbout {
        lang: ctx.lang,
        phase: ctx.phase().number(),
        signed_in: ctx.viewer.account().is_some(),
        modules,
    };
    let about_html = ctx
        .state
        .templates
        .fragment("_home_about.html", &about, "", false)?;
    c.insert("home_about", &about_html);
    c.insert("home_blocks", &home_blocks(&ctx).await?);
    ctx.render("home.html", c)
}

/// A card of the home page's spaces: a module's name, what it holds, and its address for
/// those who may read the public areas.
#[derive(Serialize, Hash)]
struct HomeModule {
    title: String,
    description: String,
    href: Option<&'static str>,
}

/// What `_home_about.html` shows, and all it shows.
#[derive(Serialize, Hash)]
struct HomeAbout<'a> {
    lang: &'a str,
    phase: u8,
    signed_in: bool,
    modules: Vec<HomeModule>,
}

/// Every module's home blocks for this viewer, as HTML, in module order. A block that depends
/// only on the viewer's audiences is kept as HTML per audience set and language; a block about
/// the viewer is kept as HTML per member, language and audience set, rendered with a
/// per-process placeholder where its forms carry the CSRF token, which is swapped for the
/// viewer's token on the way out (rendering it on each view was half the page's template
/// cost). Both come from `prassi_core::audience_cache` while fresh; the missing ones are built
/// on one connection (one hop to the database for the whole page, none when every block is
/// kept).
async fn home_blocks(ctx: &Ctx) -> AppResult<Vec<String>> {
    use prassi_core::module::{HomeScope, HomeSection};
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    // The database is part of the key: several platforms may share one process (the tests).
    let audiences = format!(
        "{}\0{}",
        ctx.state.config.database_url,
        prassi_core::access::visible_audiences(&viewer, phase).join(",")
    );
    let sections: Vec<HomeSection> = crate::modules()
        .iter()
        .flat_map(|m| m.home_blocks().iter().copied())
        .collect();
    // A block about the viewer is the same for every visitor without an account.
    let about_viewer =
        |section: &HomeSection| section.scope == HomeScope::Viewer && viewer.account().is_some();
    let key = |section: &HomeSection| {
        if about_viewer(section) {
            let me = viewer.user_id().map(|id| id.0.as_str()).unwrap_or_default();
            cache_key(section.key, &format!("{me}\0{}", ctx.lang), &audiences)
        } else {
            cache_key(section.key, ctx.lang, &audiences)
        }
    };
    let generation = prassi_core::audience_cache::generation();
    let mut html: Vec<Option<String>> = sections
        .iter()
        .map(|section| prassi_core::audience_cache::get(&key(section)))
        .collect();
    let missing: Vec<usize> = (0..sections.len()).filter(|&i| html[i].is_none()).collect();
    if !missing.is_empty() {
        let builders: Vec<_> = missing.iter().map(|&i| sections[i].build).collect();
        let for_viewer = viewer.clone();
        let built = ctx
            .state
            .run(move |conn| {
                builders
                    .into_iter()
                    .map(|build| build(conn, &for_viewer, phase))
                    .collect::<AppResult<Vec<_>>>()
            })
            .await?;
        for (i, block) in missing.into_iter().zip(built) {
            let section = &sections[i];
            let rendered = render_block(ctx, block.as_ref(), about_viewer(section))?;
            prassi_core::audience_cache::put(key(section), generation, rendered.clone());
            html[i] = Some(rendered);
        }
    }
    let token = if sections.iter().any(about_viewer) {
        Some(ctx.csrf_token()?)
    } else {
        None
    };
    Ok(html
        .into_iter()
        .flatten()
        .filter(|h| !h.is_empty())
        .map(|h| match &token {
            Some(t) if h.contains(csrf_placeholder()) => h.replace(csrf_placeholder(), t),
            _ => h,
        })
        .collect())
}

/// Stands for the viewer's CSRF token in a kept block about the viewer (random per process,
/// so no text a member writes can contain it by chance).
fn csrf_placeholder() -> &'static str {
    static PLACEHOLDER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PLACEHOLDER.get_or_init(|| format!("csrf{}", prassi_core::tokens::random_token(24)))
}

/// A block as HTML (empty for no block); `with_forms` gives its forms the CSRF placeholder,
/// which [`home_blocks`] swaps for the viewer's token.
fn render_block(
    ctx: &Ctx,
    block: Option<&prassi_core::module::HomeBlock>,
    with_forms: bool,
) -> AppResult<String> {
    let Some(block) = block else {
        return Ok(String::new());
    };
    let mut c = tera::Context::new();
    c.insert("block", &block.data);
    c.insert("lang", ctx.lang);
    if with_forms {
        c.insert("csrf_token", csrf_placeholder());
    }
    Ok(ctx.state.templates.tera.render(block.template, &c)?)
}

fn cache_key(section: &str, lang_or_member: &str, audiences: &str) -> String {
    format!("{section}\0{lang_or_member}\0{audiences}")
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
    HttpResponse::Ok()
        .content_type(actix_web::http::header::ContentType::json())
        .body(state.openapi.clone())
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
