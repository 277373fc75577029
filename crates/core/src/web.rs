//! Cross-cutting HTTP pieces: security headers, friendly error pages for browsers and JSON
//! envelopes under the API, static assets, the language switch and client addresses.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{DefaultHeaders, ErrorHandlerResponse};
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::error::{ErrorBody, ErrorEnvelope, ErrorInfo, ErrorKind};
use crate::i18n;
use crate::state::AppState;

/// Content-Security-Policy: no inline script, no framing, same-origin forms.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' https:; object-src 'none'; base-uri 'self'; form-action 'self'; \
frame-ancestors 'none'";

/// The security headers every response carries.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((header::CONTENT_SECURITY_POLICY, CSP))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ))
        .add((
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ))
}

/// Error handler for every 4xx/5xx: a JSON envelope under `/api/`, the themed error page
/// elsewhere. Errors our code raised keep their message; errors from routing or extractors
/// (unknown route, malformed form) get the message of their status. Pages a handler rendered
/// itself with an error status (a form with its errors) pass through unchanged.
pub fn error_pages<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    // A handler that rendered a page on purpose (a form shown again with its errors) keeps it.
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if is_html {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let info = res
        .response()
        .extensions()
        .get::<ErrorInfo>()
        .cloned()
        .unwrap_or_else(|| {
            let kind = ErrorKind::from_status(status);
            ErrorInfo {
                kind,
                message: kind.message_key().into(),
                field: None,
            }
        });
    let (req, old) = res.into_parts();
    let is_api = req.path().starts_with("/api/");
    let new = if is_api {
        let already_envelope = old
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
        if already_envelope {
            return Ok(ErrorHandlerResponse::Response(
                ServiceResponse::new(req, old).map_into_left_body(),
            ));
        }
        HttpResponse::build(status).json(ErrorEnvelope {
            error: ErrorBody {
                kind: serde_json::to_value(info.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                message: info.message,
                field: info.field,
            },
        })
    } else {
        render_error_page(&req, status, &info)
    };
    let mut new = new;
    // Keep headers set by the failing handler that matter to clients (Retry-After, auth).
    for name in [
        header::RETRY_AFTER,
        header::WWW_AUTHENTICATE,
        header::SET_COOKIE,
    ] {
        for v in old.headers().get_all(&name) {
            new.headers_mut().append(name.clone(), v.clone());
        }
    }
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, new).map_into_right_body(),
    ))
}

fn render_error_page(
    req: &HttpRequest,
    status: actix_web::http::StatusCode,
    info: &ErrorInfo,
) -> HttpResponse<BoxBody> {
    let lang = i18n::negotiate(req);
    let mut ctx = tera::Context::new();
    let site_name = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.config.site_name.clone())
        .unwrap_or_else(|| "Prassi".into());
    ctx.insert("site_name", &site_name);
    ctx.insert("lang", lang);
    ctx.insert("languages", i18n::LANGUAGES);
    ctx.insert("path", req.path());
    ctx.insert("status", &status.as_u16());
    ctx.insert("title", &i18n::t(lang, info.kind.message_key()));
    ctx.insert("message", &i18n::t(lang, &info.message));
    ctx.insert("me", &Option::<()>::None);
    ctx.insert("csrf_token", "");
    ctx.insert("show_login", &(info.kind == ErrorKind::Unauthorized));
    let html = req
        .app_data::<web::Data<AppState>>()
        .and_then(|s| s.templates.tera.render("error.html", &ctx).ok())
        .unwrap_or_else(|| {
            format!(
                "<!doctype html><title>{}</title><h1>{}</h1>",
                status.as_u16(),
                status.as_u16()
            )
        });
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html)
}

/// Serves `/static/{path}` from the theme.
pub async fn static_asset(state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let path = path.into_inner();
    match state.templates.asset(&path) {
        Some(bytes) => {
            let mime = match path.rsplit('.').next().unwrap_or("") {
                "css" => "text/css; charset=utf-8",
                "js" => "text/javascript; charset=utf-8",
                "svg" => "image/svg+xml",
                "png" => "image/png",
                "ico" => "image/x-icon",
                "woff2" => "font/woff2",
                _ => "application/octet-stream",
            };
            HttpResponse::Ok()
                .content_type(mime)
                .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
                .body(bytes.into_owned())
        }
        None => HttpResponse::NotFound().finish(),
    }
}

/// `?lang=` and `?next=` of the language switch.
#[derive(Debug, Deserialize)]
pub struct LangQuery {
    pub lang: String,
    pub next: Option<String>,
}

/// `GET /lingua?lang=en&next=/path`: remembers the language in a cookie (no server state
/// changes, so a plain link works without JavaScript).
pub async fn switch_language(q: web::Query<LangQuery>) -> HttpResponse {
    let lang = i18n::supported(&q.lang).unwrap_or(i18n::LANGUAGES[0]);
    let next = safe_next(q.next.as_deref());
    let cookie = actix_web::cookie::Cookie::build(i18n::LANG_COOKIE, lang)
        .path("/")
        .http_only(true)
        .same_site(actix_web::cookie::SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::days(365))
        .finish();
    HttpResponse::SeeOther()
        .cookie(cookie)
        .insert_header((header::LOCATION, next))
        .finish()
}

/// Percent-encodes a value for a query string or a path segment (spaces as `%20`).
pub fn url_encode(value: &str) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(value.as_bytes()).collect();
    // A literal `+` is already `%2B`, so every remaining `+` is a space.
    encoded.replace('+', "%20")
}

/// A local path to return to, never an open redirect.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/".to_owned(),
    }
}

/// The client's address for throttling: the peer, or — behind a trusted reverse proxy — the
/// last `X-Forwarded-For` entry, the one our proxy appended (earlier entries are whatever the
/// client chose to send, so they cannot be trusted).
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> String {
    if trust_proxy {
        if let Some(ip) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|h| h.to_str().ok())
            .and_then(|h| h.rsplit(',').next())
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            return ip.to_owned();
        }
    }
    req.peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Marks JSON responses as not cacheable.
pub fn no_store(mut resp: HttpResponse) -> HttpResponse {
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}
