//! `prassi-server`: composes the platform. It opens the database, runs migrations, loads the
//! theme, merges every module's OpenAPI document, builds the actix-web application with the
//! shared middleware (security headers, error pages, server-side sessions, CSRF) and plugs in
//! each feature crate's `configure`. `main.rs` is the command line on top.

pub mod demo;
pub mod site;

use std::sync::Arc;

use actix_session::config::{CookieContentSecurity, PersistentSession};
use actix_session::SessionMiddleware;
use actix_web::body::MessageBody;
use actix_web::cookie::{Key, SameSite};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Compress, ErrorHandlers, Logger};
use actix_web::{web, App};
use prassi_core::config::Config;
use prassi_core::csrf::SESSION_COOKIE;
use prassi_core::session::DbSessionStore;
use prassi_core::templates::Templates;
use prassi_core::worker::Worker;
use prassi_core::AppState;
use prassi_db::Database;

/// Everything `serve` needs, ready to build app instances from.
#[derive(Clone)]
pub struct Platform {
    pub state: AppState,
    pub session_key: Key,
}

/// Opens the database (creating the data folder), applies migrations, loads templates and
/// composes the OpenAPI document.
pub fn init(config: Config) -> anyhow::Result<Platform> {
    std::fs::create_dir_all(&config.data_dir)?;
    let db = Database::connect(&config.database_url, config.db_pool_size)?;
    let applied = db.migrate()?;
    for m in &applied {
        tracing::info!(migration = %m, "applied migration");
    }
    let templates = Templates::load(config.theme_dir.as_deref())
        .map_err(|e| anyhow::anyhow!("templates: {e:?}"))?;
    let session_key = Key::try_from(config.session_key_bytes()?.as_slice())
        .map_err(|e| anyhow::anyhow!("session key: {e}"))?;
    let search =
        prassi_search::engine_from_config(&config).map_err(|e| anyhow::anyhow!("search: {e}"))?;
    let state = AppState {
        search,
        config: Arc::new(config),
        db,
        templates: Arc::new(templates),
        openapi: Arc::new(openapi_document()),
        profile_extras: Arc::new(vec![
            prassi_qa::service::profile_activity,
            prassi_wiki::service::profile_activity,
        ]),
    };
    Ok(Platform { state, session_key })
}

/// The merged OpenAPI document of every module.
pub fn openapi_document() -> serde_json::Value {
    use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
    let mut doc = site::SiteApi::openapi_doc();
    doc.merge(prassi_accounts::openapi());
    doc.merge(prassi_qa::openapi());
    doc.merge(prassi_forum::openapi());
    doc.merge(prassi_wiki::openapi());
    doc.merge(prassi_search::openapi());
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
    );
    serde_json::to_value(&doc).unwrap_or_default()
}

/// The outbox worker with every module's handlers.
pub fn worker() -> Worker {
    let mut w = Worker::new();
    w.register(
        prassi_core::search::TOPIC,
        Arc::new(prassi_search::documents::handle),
    );
    w.on_housekeeping(Arc::new(|conn| {
        prassi_accounts::service::purge_old_attempts(conn).map(|_| ())
    }));
    w
}

/// Registers every module's routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    site::configure(cfg);
    prassi_accounts::configure(cfg);
    prassi_qa::configure(cfg);
    prassi_forum::configure(cfg);
    prassi_wiki::configure(cfg);
    prassi_search::configure(cfg);
}

/// Builds one application instance.
pub fn app(
    platform: &Platform,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let state = platform.state.clone();
    let secure = state.config.https();
    let sessions = SessionMiddleware::builder(
        DbSessionStore::new(state.db.clone()),
        platform.session_key.clone(),
    )
    .cookie_name(SESSION_COOKIE.into())
    .cookie_secure(secure)
    .cookie_http_only(true)
    .cookie_same_site(SameSite::Lax)
    .cookie_content_security(CookieContentSecurity::Private)
    .session_lifecycle(
        PersistentSession::default().session_ttl(actix_web::cookie::time::Duration::days(14)),
    )
    .build();
    App::new()
        .app_data(web::Data::new(state))
        .app_data(web::FormConfig::default().limit(2 * 1024 * 1024))
        .app_data(web::JsonConfig::default().limit(2 * 1024 * 1024))
        .configure(routes)
        .wrap(from_fn(prassi_core::csrf::guard))
        .wrap(sessions)
        .wrap(ErrorHandlers::new().default_handler(prassi_core::web::error_pages))
        .wrap(prassi_core::web::security_headers())
        .wrap(Compress::default())
        .wrap(Logger::new("%a \"%r\" %s %b %Dms"))
}
