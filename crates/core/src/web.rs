//! Cross-cutting HTTP pieces: security headers, friendly error pages for browsers and JSON
//! envelopes under the API, `HEAD` answered as `GET`, static assets and the favicon, the
//! language switch, client addresses behind a trusted proxy, and the request-log line with
//! secret tokens redacted.

use std::net::IpAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, BoxBody, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::{DefaultHeaders, ErrorHandlerResponse, Next};
use actix_web::web::Bytes;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::config::IpNet;
use crate::ctx::Ctx;
use crate::error::{ErrorBody, ErrorEnvelope, ErrorInfo, ErrorKind};
use crate::i18n;
use crate::state::AppState;

/// `Retry-After` (seconds) given to a 429 answer that did not set its own: the sign-in
/// throttling window, after which every counted failure has expired.
pub const DEFAULT_RETRY_AFTER_SECS: u32 = 15 * 60;

/// Content-Security-Policy: no inline script, no framing, same-origin forms, and images only
/// from the platform itself (user Markdown turns outside images into links: no tracking pixels).
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
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
/// itself with an error status (a form with its errors) pass through unchanged. A 429 always
/// leaves with `Retry-After` ([`DEFAULT_RETRY_AFTER_SECS`] unless the handler set one).
///
/// The error page knows the viewer, so a signed-in member sees their own header (name, sign-out
/// form): the handler's `Ctx` when it built one, else — routing errors, CSRF refusals — one
/// resolved here. Install it *inside* the session middleware, so that the session is still
/// readable and a CSRF token made for the page is saved.
pub fn error_pages<B: MessageBody + 'static>(
    mut res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    if res.status() == StatusCode::TOO_MANY_REQUESTS
        && !res.headers().contains_key(header::RETRY_AFTER)
    {
        res.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from(DEFAULT_RETRY_AFTER_SECS),
        );
    }
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
    // Keep headers set by the failing handler that matter to clients (Retry-After, auth).
    let mut carried: Vec<(HeaderName, HeaderValue)> = Vec::new();
    for name in [
        header::RETRY_AFTER,
        header::WWW_AUTHENTICATE,
        header::SET_COOKIE,
    ] {
        for v in old.headers().get_all(&name) {
            carried.push((name.clone(), v.clone()));
        }
    }
    let carry = move |mut new: HttpResponse| {
        for (name, value) in carried {
            new.headers_mut().append(name, value);
        }
        new
    };
    let is_api = req.path().starts_with("/api/");
    if is_api {
        let already_envelope = old
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
        if already_envelope {
            return Ok(ErrorHandlerResponse::Response(
                ServiceResponse::new(req, old).map_into_left_body(),
            ));
        }
        let new = HttpResponse::build(status).json(ErrorEnvelope {
            error: ErrorBody {
                kind: serde_json::to_value(info.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                message: info.message,
                field: info.field,
                fields: Vec::new(),
            },
        });
        return Ok(ErrorHandlerResponse::Response(
            ServiceResponse::new(req, carry(new)).map_into_right_body(),
        ));
    }
    // The page needs the viewer, which may take a database query: finish asynchronously.
    Ok(ErrorHandlerResponse::Future(Box::pin(async move {
        let ctx = viewer_ctx(&req, status).await;
        let new = render_error_page(&req, ctx.as_ref(), status, &info);
        Ok(ServiceResponse::new(req, carry(new)).map_into_right_body())
    })))
}

/// The request context for an error page: the one the handler built, or one resolved now.
/// Not after a server error: the database may be what failed, and the page must not wait on it.
async fn viewer_ctx(req: &HttpRequest, status: StatusCode) -> Option<Ctx> {
    let built = req.extensions().get::<Ctx>().cloned();
    if built.is_some() {
        return built;
    }
    if status.is_server_error() {
        return None;
    }
    Ctx::extract(req).await.ok()
}

fn render_error_page(
    req: &HttpRequest,
    viewer: Option<&Ctx>,
    status: StatusCode,
    info: &ErrorInfo,
) -> HttpResponse<BoxBody> {
    if let Some(ctx) = viewer {
        // The page with everything an ordinary page knows: the viewer, their CSRF token
        // (for the sign-out form), the phase and their rights.
        let mut c = tera::Context::new();
        c.insert("status", &status.as_u16());
        c.insert("title", &ctx.t(info.kind.message_key()));
        c.insert("message", &ctx.t(&info.message));
        c.insert("show_login", &(info.kind == ErrorKind::Unauthorized));
        // A pending notice ("password updated") is for the next ordinary page, not this one.
        c.insert(crate::ctx::KEEP_FLASH, &true);
        match ctx.render_status(status, "error.html", c) {
            Ok(resp) => return resp,
            Err(e) => {
                tracing::warn!(error = %e, "error page with the viewer failed; showing the plain one")
            }
        }
    }
    let state = req.app_data::<web::Data<AppState>>().map(|s| s.get_ref());
    plain_error_page(state, i18n::negotiate(req), req.path(), status, info)
}

/// The error page without a viewer: for server errors, where the database may be what failed.
fn plain_error_page(
    state: Option<&AppState>,
    lang: &str,
    path: &str,
    status: StatusCode,
    info: &ErrorInfo,
) -> HttpResponse<BoxBody> {
    let mut ctx = tera::Context::new();
    let site_name = state
        .map(|s| s.config.site_name.clone())
        .unwrap_or_else(|| "Prassi".into());
    ctx.insert("site_name", &site_name);
    ctx.insert("lang", lang);
    ctx.insert("languages", i18n::LANGUAGES);
    ctx.insert("path", path);
    ctx.insert("status", &status.as_u16());
    ctx.insert("title", &i18n::t(lang, info.kind.message_key()));
    ctx.insert("message", &i18n::t(lang, &info.message));
    ctx.insert("me", &Option::<()>::None);
    ctx.insert("csrf_token", "");
    ctx.insert("show_login", &(info.kind == ErrorKind::Unauthorized));
    let html = state
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

/// The client's address for throttling (`trust_proxy` is `Config::trust_proxy`): see
/// [`client_addr`]; the trusted proxies are the configuration's `trusted_proxies` (loopback
/// when the app has no configuration, as in unit tests).
pub fn client_ip(req: &HttpRequest, trust_proxy: bool) -> String {
    if !trust_proxy {
        return client_addr(req, &[]);
    }
    match req.app_data::<web::Data<AppState>>() {
        Some(state) => client_addr(req, &state.config.trusted_proxies),
        None => client_addr(req, &IpNet::loopback()),
    }
}

/// The client's address: the TCP peer, unless the peer is one of the `trusted` proxies —
/// then the **last** `X-Forwarded-For` entry, the one that proxy appended (earlier entries are
/// whatever the client chose to send). A request that reaches the app directly cannot choose
/// its address this way, whatever headers it sends. A missing or malformed last entry means
/// the peer.
pub fn client_addr(req: &HttpRequest, trusted: &[IpNet]) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip().to_canonical()) else {
        return "unknown".into();
    };
    if trusted.iter().any(|net| net.contains(peer)) {
        if let Some(ip) = last_forwarded_for(req) {
            return ip.to_string();
        }
    }
    peer.to_string()
}

/// The last entry of the last `X-Forwarded-For` header, as an address (`ip` or `ip:port`).
fn last_forwarded_for(req: &HttpRequest) -> Option<IpAddr> {
    let entry = req
        .headers()
        .get_all("x-forwarded-for")
        .last()?
        .to_str()
        .ok()?
        .rsplit(',')
        .next()?
        .trim();
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<std::net::SocketAddr>().map(|a| a.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// `GET /favicon.ico`: the theme's `static/favicon.ico`, for browsers and tools that ask at the
/// root. Pages link `/static/favicon.svg` (with this as the fallback).
pub async fn favicon(state: web::Data<AppState>) -> HttpResponse {
    match state.templates.asset("favicon.ico") {
        Some(bytes) => HttpResponse::Ok()
            .content_type("image/x-icon")
            .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
            .body(bytes.into_owned()),
        None => HttpResponse::NotFound().finish(),
    }
}

/// Middleware answering `HEAD` wherever `GET` works: the request is routed as a `GET` and the
/// answer keeps its status and headers but loses its body. The body's size is still reported,
/// so on the wire `Content-Length` is what a `GET` would get. Install it outside everything
/// that looks at the method (routing, CSRF, sessions) and inside the request log, which then
/// shows `HEAD`.
pub async fn head_as_get<B: MessageBody>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B, HeadBody>>, actix_web::Error> {
    if req.method() != Method::HEAD {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    req.head_mut().method = Method::GET;
    let res = next.call(req).await?;
    Ok(res.map_body(|_, body| EitherBody::right(HeadBody { size: body.size() })))
}

/// Installed just outside the session middleware: when the session store could not get a
/// database connection within the bound ([`crate::session::STORE_UNAVAILABLE`]), actix-session
/// fails the request with a bare 500; this answers what any other overloaded request answers,
/// 503 with `Retry-After` (the JSON envelope under `/api/`, the error page elsewhere).
pub async fn session_overload<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    // What the answer needs, taken now: the request itself moves on (and must not be cloned
    // before routing).
    let is_api = req.path().starts_with("/api/");
    let path = req.path().to_owned();
    let lang = i18n::negotiate(req.request());
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let e = match next.call(req).await {
        Ok(res) => return Ok(res),
        Err(e) => e,
    };
    let overloaded = e
        .as_error::<actix_web::error::InternalError<anyhow::Error>>()
        .is_some_and(|inner| inner.to_string() == crate::session::STORE_UNAVAILABLE);
    if !overloaded {
        return Err(e);
    }
    let error = crate::error::AppError::unavailable(crate::session::STORE_UNAVAILABLE);
    let mut answer = actix_web::ResponseError::error_response(&error);
    if !is_api {
        let info = ErrorInfo {
            kind: error.kind,
            message: error.message.clone(),
            field: None,
        };
        let retry = answer.headers().get(header::RETRY_AFTER).cloned();
        answer = plain_error_page(
            state.as_ref().map(|s| s.get_ref()),
            lang,
            &path,
            answer.status(),
            &info,
        );
        if let Some(retry) = retry {
            answer.headers_mut().insert(header::RETRY_AFTER, retry);
        }
    }
    Err(
        actix_web::error::InternalError::from_response(crate::session::STORE_UNAVAILABLE, answer)
            .into(),
    )
}

/// The body of an answer to `HEAD`: the size the `GET` body has, and no bytes.
#[derive(Debug, Clone, Copy)]
pub struct HeadBody {
    size: BodySize,
}

impl MessageBody for HeadBody {
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        self.size
    }

    fn poll_next(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Poll::Ready(None)
    }
}

/// Paths whose next segment is a secret token (emailed links): the request log shows
/// [`REDACTED`] instead. A module that puts a secret in a path adds its prefix here.
pub const SECRET_PATH_PREFIXES: &[&str] = &["/verifica/", "/password/reimposta/"];

/// Query parameters whose values are secrets (invitations, personal feed tokens, the CSRF
/// token of a multipart form): the request log shows [`REDACTED`] instead.
pub const SECRET_QUERY_PARAMS: &[&str] = &[
    "invito",
    "token",
    "feed_token",
    "access_token",
    "key",
    crate::csrf::FIELD,
];

/// What replaces a secret in the request log.
pub const REDACTED: &str = "[redacted]";

/// `path` and `query` (without the `?`) as the request log may show them: the secret segment
/// after each of [`SECRET_PATH_PREFIXES`] and the value of each of [`SECRET_QUERY_PARAMS`]
/// become [`REDACTED`]; everything else is left as it came.
pub fn redact_url(path: &str, query: &str) -> String {
    let mut out = String::with_capacity(path.len() + query.len() + 1);
    match SECRET_PATH_PREFIXES
        .iter()
        .find(|p| path.starts_with(*p) && path.len() > p.len())
    {
        Some(prefix) => {
            let rest = &path[prefix.len()..];
            let end = rest.find('/').unwrap_or(rest.len());
            out.push_str(prefix);
            out.push_str(REDACTED);
            out.push_str(&rest[end..]);
        }
        None => out.push_str(path),
    }
    if !query.is_empty() {
        out.push('?');
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| {
                let raw_key = pair.split_once('=').map_or(pair, |(k, _)| k);
                let key = url::form_urlencoded::parse(raw_key.as_bytes())
                    .next()
                    .map(|(k, _)| k.into_owned())
                    .unwrap_or_default();
                if SECRET_QUERY_PARAMS.contains(&key.as_str()) {
                    format!("{raw_key}={REDACTED}")
                } else {
                    pair.to_owned()
                }
            })
            .collect();
        out.push_str(&pairs.join("&"));
    }
    out
}

/// The request line for the request log (`GET /path?query HTTP/1.1`) with secrets redacted
/// (see [`redact_url`]). The path is the one the router matches, so `%`-encoded variants of a
/// secret route are redacted too.
pub fn request_line(req: &ServiceRequest) -> String {
    format!(
        "{} {} {:?}",
        req.method(),
        redact_url(req.match_info().as_str(), req.query_string()),
        req.version()
    )
}

/// Marks JSON responses as not cacheable.
pub fn no_store(mut resp: HttpResponse) -> HttpResponse {
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_log_never_shows_secret_tokens() {
        assert_eq!(
            redact_url("/verifica/AbC-123_xyz", ""),
            "/verifica/[redacted]"
        );
        assert_eq!(
            redact_url("/password/reimposta/s3cr3t", "lang=it"),
            "/password/reimposta/[redacted]?lang=it"
        );
        assert_eq!(
            redact_url("/registrati", "invito=s3cr3t&next=%2Fqa"),
            "/registrati?invito=[redacted]&next=%2Fqa"
        );
        assert_eq!(
            redact_url("/feed.xml", "token=s3cr3t"),
            "/feed.xml?token=[redacted]"
        );
        assert_eq!(
            redact_url("/wiki/nuova", "csrf_token=abc&x=1&%69nvito=zzz"),
            "/wiki/nuova?csrf_token=[redacted]&x=1&%69nvito=[redacted]"
        );
        // Ordinary addresses are left alone.
        assert_eq!(
            redact_url("/qa", "page=2&q=verifica"),
            "/qa?page=2&q=verifica"
        );
        assert_eq!(redact_url("/verifica/", ""), "/verifica/");
        assert_eq!(redact_url("/wiki/p/verifica", ""), "/wiki/p/verifica");
    }

    #[test]
    fn the_client_address_comes_from_the_header_only_through_a_trusted_proxy() {
        use actix_web::test::TestRequest;
        let proxy = IpNet::parse_list("10.0.0.5").unwrap_or_default();
        let via = |peer: &str, xff: Option<&str>| {
            let mut r = TestRequest::get().peer_addr(
                peer.parse()
                    .unwrap_or_else(|_| std::net::SocketAddr::from(([0, 0, 0, 0], 0))),
            );
            if let Some(h) = xff {
                r = r.insert_header(("x-forwarded-for", h));
            }
            client_addr(&r.to_http_request(), &proxy)
        };
        // Through the proxy: the entry it appended, not the one the client sent.
        assert_eq!(
            via("10.0.0.5:4000", Some("6.6.6.6, 203.0.113.7")),
            "203.0.113.7"
        );
        assert_eq!(via("10.0.0.5:4000", Some("203.0.113.7")), "203.0.113.7");
        assert_eq!(
            via("10.0.0.5:4000", Some("[2001:db8::1]:443")),
            "2001:db8::1"
        );
        // Garbage or nothing: the proxy's own address.
        assert_eq!(via("10.0.0.5:4000", Some("unknown")), "10.0.0.5");
        assert_eq!(via("10.0.0.5:4000", None), "10.0.0.5");
        // Straight to the app: the header is ignored.
        assert_eq!(
            via("198.51.100.2:5000", Some("203.0.113.7")),
            "198.51.100.2"
        );
        // Without configuration, trusting means loopback only.
        let r = TestRequest::get()
            .peer_addr(std::net::SocketAddr::from(([127, 0, 0, 1], 9)))
            .insert_header(("x-forwarded-for", "203.0.113.8"))
            .to_http_request();
        assert_eq!(client_ip(&r, true), "203.0.113.8");
        assert_eq!(client_ip(&r, false), "127.0.0.1");
    }
}
