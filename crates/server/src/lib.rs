//! `prassi-server`: composes the platform. It opens the database, runs migrations, loads the
//! theme, merges every module's OpenAPI document, builds the actix-web application with the
//! shared middleware (request log, `HEAD` as `GET`, security headers, server-side sessions, error
//! pages, CSRF) and plugs in each feature crate's `configure`. `main.rs` is the command line on
//! top.

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
use prassi_core::module::{OutboxTopic, TopicHandler};
use prassi_core::session::DbSessionStore;
use prassi_core::templates::Templates;
use prassi_core::worker::Worker;
use prassi_core::AppState;
use prassi_core::Module;
use prassi_db::Database;

/// Everything `serve` needs, ready to build app instances from.
#[derive(Clone)]
pub struct Platform {
    pub state: AppState,
    pub session_key: Key,
}

/// Opens the database (creating the data folder), applies migrations, loads templates and
/// composes the OpenAPI document. It never contacts a Meilisearch server: the index and its
/// settings are made on the engine's first use (see [`init_for_serving`]).
pub fn init(config: Config) -> anyhow::Result<Platform> {
    init_with(config, false)
}

/// [`init`] for `prassi serve`: also creates the Meilisearch index and applies its settings
/// now when the server answers (a warning otherwise, and they are applied on first use).
pub fn init_for_serving(config: Config) -> anyhow::Result<Platform> {
    init_with(config, true)
}

fn init_with(config: Config, serving: bool) -> anyhow::Result<Platform> {
    std::fs::create_dir_all(&config.data_dir)?;
    let db = Database::connect_with(&config.database_url, &config.pool_settings())?;
    let applied = db.migrate()?;
    for m in &applied {
        tracing::info!(migration = %m, "applied migration");
    }
    let templates = match config.theme_dir.as_deref() {
        None => Templates::shared_default(),
        Some(dir) => Templates::load(Some(dir)).map(Arc::new),
    }
    .map_err(|e| anyhow::anyhow!("templates: {e:?}"))?;
    prassi_core::render_cache::set_budget(config.render_cache_kib.saturating_mul(1024));
    prassi_qa::service::thread::set_budget(config.thread_cache_kib.saturating_mul(1024));
    let session_key = Key::try_from(config.session_key_bytes()?.as_slice())
        .map_err(|e| anyhow::anyhow!("session key: {e}"))?;
    let search = if serving {
        prassi_search::engine_for_serving(&config)
    } else {
        prassi_search::engine_from_config(&config)
    }
    .map_err(|e| anyhow::anyhow!("search: {e}"))?;
    let state = AppState {
        search,
        config: Arc::new(config),
        db,
        templates,
        openapi: openapi_document().to_string().into(),
        search_sources: Arc::new(
            modules()
                .iter()
                .flat_map(|m| m.search_sources())
                .copied()
                .collect(),
        ),
        profile_extras: Arc::new(
            modules()
                .iter()
                .filter_map(|m| m.profile_activity())
                .collect(),
        ),
        group_resolver: modules().iter().find_map(|m| m.search_scope()),
        settings: Arc::default(),
    };
    Ok(Platform { state, session_key })
}

/// The merged OpenAPI document of every module, completed with two things no single module's
/// annotations can say:
///
/// - the answers the platform itself gives on every JSON route, from its extractors and
///   middleware: 400 for a body, query or path that does not parse, 413 for a body over 2 MiB,
///   401 for a bearer token that is unknown, revoked or of a suspended account, 403 for a
///   cookie-session change without `X-CSRF-Token`, 503 when no database connection is free;
/// - the fields the API requires in the inputs that modules share with their HTML forms. Those
///   types take `#[serde(default)]` so a form may leave fields out, which makes every field
///   optional in their schemas; the services refuse these fields missing or empty (422);
/// - what timestamps look like: every one is a `NaiveDateTime` in UTC, which serde writes
///   without an offset (`2026-12-06T10:00:00.123456`). That is not RFC 3339, so utoipa's
///   `format: date-time` becomes a pattern.
///
/// `tests/tests/it/openapi.rs` checks the result: every path parameter declared, every request
/// body with its required fields, every `$ref` resolved.
pub fn openapi_document() -> serde_json::Value {
    use serde_json::{json, Value};
    use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

    let mut doc = site::SiteApi::openapi_doc();
    for part in modules().iter().filter_map(|m| m.openapi()) {
        doc.merge(part);
    }
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
    );
    let mut doc = serde_json::to_value(&doc).unwrap_or_default();

    fn naive_timestamps(v: &mut Value) {
        match v {
            Value::Object(map) => {
                if map.get("format").and_then(Value::as_str) == Some("date-time") {
                    map.remove("format");
                    map.insert(
                        "pattern".into(),
                        json!(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?$"),
                    );
                    map.entry("description")
                        .or_insert_with(|| json!("UTC, without offset"));
                }
                map.values_mut().for_each(naive_timestamps);
            }
            Value::Array(items) => items.iter_mut().for_each(naive_timestamps),
            _ => {}
        }
    }
    naive_timestamps(&mut doc);

    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        // Form-shared inputs and the fields the API requires in them (`Module::required_fields`).
        for (name, fields) in modules().iter().flat_map(|m| m.required_fields()) {
            let Some(schema) = schemas.get_mut(*name).and_then(Value::as_object_mut) else {
                continue;
            };
            // A required field's serde default is never used by the API.
            if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
                for field in *fields {
                    if let Some(p) = props.get_mut(*field).and_then(Value::as_object_mut) {
                        p.remove("default");
                    }
                }
            }
            schema.insert("required".into(), json!(fields));
        }
    }

    let error = |description: &str| {
        json!({
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}},
        })
    };
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (_, item) in paths.iter_mut().filter(|(p, _)| p.starts_with("/api/v1/")) {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, op) in item.iter_mut() {
                let unsafe_method = match method.as_str() {
                    "post" | "put" | "patch" | "delete" => true,
                    "get" | "head" | "options" | "trace" => false,
                    _ => continue,
                };
                let Some(op) = op.as_object_mut() else {
                    continue;
                };
                let has_body = op.contains_key("requestBody");
                let has_params = op
                    .get("parameters")
                    .and_then(Value::as_array)
                    .is_some_and(|p| !p.is_empty());
                let mut platform = Vec::new();
                if has_body || has_params {
                    platform.push(("400", "Malformed request: a body, query or path value that does not parse as documented"));
                }
                platform.push(("401", "The bearer token is unknown, revoked or of a suspended account, or the call needs an account"));
                if unsafe_method {
                    platform.push(("403", "A call with the session cookie but without `X-CSRF-Token`, or an action the caller may not take"));
                }
                if has_body {
                    platform.push(("413", "The body is larger than 2 MiB"));
                }
                platform.push(("503", "No database connection was free within 10 seconds"));
                if let Some(responses) = op
                    .entry("responses")
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                {
                    for (status, description) in platform {
                        responses
                            .entry(status)
                            .or_insert_with(|| error(description));
                    }
                }
            }
        }
    }
    doc
}

/// The platform's modules: the only place that knows which exist. Routes, the OpenAPI
/// document, the worker's topics and housekeeping, the home page's cards and member profiles
/// all follow this list, in this order. Adding a module is implementing
/// [`prassi_core::Module`] in its crate and adding it here (see `docs/architecture.md`).
pub fn modules() -> &'static [&'static dyn Module] {
    static MODULES: &[&dyn Module] = &[
        &site::Site,
        &prassi_qa::Qa,
        &prassi_forum::Forum,
        &prassi_wiki::Wiki,
        &prassi_groups::Groups,
        &prassi_agenda::Agenda,
        &prassi_polls::Polls,
        &prassi_notifications::Notifications,
        &prassi_accounts::Accounts,
        &prassi_search::Search,
    ];
    MODULES
}

/// Emails queued in the outbox so far (sent or not).
pub fn queued_emails(state: &AppState) -> anyhow::Result<i64> {
    use diesel::prelude::*;
    use prassi_db::schema::outbox;
    let mut conn = state.db.get()?;
    Ok(outbox::table
        .filter(outbox::topic.eq(prassi_core::mail::TOPIC))
        .count()
        .get_result(&mut conn)?)
}

/// The outbox worker with every module's topics and housekeeping (email is the core's own).
pub fn worker() -> Worker {
    let mut w = Worker::new();
    for module in modules() {
        for OutboxTopic { topic, handler } in module.outbox_topics() {
            match handler {
                TopicHandler::Each(handler) => w.register(topic, handler),
                TopicHandler::Batch(handler, probe) => w.register_batch(topic, handler, probe),
            }
        }
        for task in module.housekeeping() {
            w.on_housekeeping(task);
        }
    }
    w.on_housekeeping(Arc::new(|_, conn| {
        Ok(prassi_db::pool::refresh_statistics(conn, false)?)
    }));
    w
}

/// Registers every module's routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/favicon.ico", web::get().to(prassi_core::web::favicon));
    for module in modules() {
        module.configure(cfg);
    }
}

/// The request log: one line per request with the TCP peer, the request line (secret tokens
/// in emailed links, invitations and feeds redacted), the status, the size and the time.
pub fn request_logger() -> Logger {
    Logger::new("%a \"%{request}xi\" %s %b %Dms")
        .custom_request_replace("request", prassi_core::web::request_line)
}

/// Builds one application instance. From the outside in: the request log, `HEAD` served as
/// `GET`, compression, security headers, sessions, error pages (inside the sessions, so an
/// error page knows the signed-in viewer), the CSRF guard, the routes.
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
        DbSessionStore::new(state.db.clone(), Arc::clone(&state.settings)),
        platform.session_key.clone(),
    )
    .cookie_name(state.config.session_cookie_name().into())
    .cookie_secure(secure)
    // With https the name has the `__Host-` prefix, which requires exactly this: Secure,
    // Path=/ and no Domain.
    .cookie_path("/".into())
    .cookie_domain(None)
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
        .wrap(ErrorHandlers::new().default_handler(prassi_core::web::error_pages))
        .wrap(sessions)
        .wrap(from_fn(prassi_core::session::found_slot))
        .wrap(from_fn(prassi_core::web::session_overload))
        .wrap(prassi_core::web::security_headers())
        .wrap(Compress::default())
        .wrap(from_fn(prassi_core::web::head_as_get))
        .wrap(request_logger())
}
