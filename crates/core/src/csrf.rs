//! CSRF protection for every state change, enforced by one middleware so no handler can forget.
//!
//! The token lives in the server-side session. An unsafe request (POST, PUT, PATCH, DELETE)
//! must carry it — in the `X-CSRF-Token` header, or as the `csrf_token` field of a URL-encoded
//! form, or as the `csrf_token` query parameter of a multipart form — unless it carries no
//! ambient authority: a bearer-token API call, or a JSON call without the session cookie
//! (browsers cannot send cross-site JSON without a CORS preflight, which we never grant).

use actix_session::{Session, SessionExt};
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, ResponseError};
use futures_util::StreamExt;

use crate::error::{AppError, AppResult};
use crate::session::CSRF_KEY;
use crate::tokens;

/// Name of the session cookie over plain http (development, tests).
pub const SESSION_COOKIE: &str = "prassi_session";
/// Name of the session cookie when the base URL is https: the `__Host-` prefix makes browsers
/// accept it only with `Secure`, `Path=/` and no `Domain` (see `Config::session_cookie_name`).
pub const SECURE_SESSION_COOKIE: &str = "__Host-prassi_session";
/// Form field carrying the token.
pub const FIELD: &str = "csrf_token";
/// Header carrying the token.
pub const HEADER: &str = "x-csrf-token";
/// Paths whose URL carries a signed secret that authorises the change by itself.
pub const SELF_SIGNED_PATHS: &[&str] = &["/notifiche/disiscriviti/"];

/// Largest form body the guard buffers to find the token.
const MAX_FORM: usize = 2 * 1024 * 1024;

/// The session's token, created on first use.
pub fn token(session: &Session) -> AppResult<String> {
    if let Some(t) = existing_token(session) {
        return Ok(t);
    }
    let t = tokens::random_token(32);
    session.insert(CSRF_KEY, &t).map_err(AppError::internal)?;
    Ok(t)
}

/// The session's token if one was already made.
pub fn existing_token(session: &Session) -> Option<String> {
    session.get::<String>(CSRF_KEY).ok().flatten()
}

fn form_token(body: &[u8]) -> Option<String> {
    url::form_urlencoded::parse(body)
        .find(|(k, _)| k == FIELD)
        .map(|(_, v)| v.into_owned())
}

/// The middleware (install inside the session middleware).
pub async fn guard<B: MessageBody>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !unsafe_method {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let has_cookie =
        req.cookie(SESSION_COOKIE).is_some() || req.cookie(SECURE_SESSION_COOKIE).is_some();
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| h.starts_with("Bearer "));
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let browser_form = content_type.starts_with("application/x-www-form-urlencoded")
        || content_type.starts_with("multipart/form-data")
        || content_type.starts_with("text/plain")
        || content_type.is_empty();
    // A link that carries its own signed secret (a mail's one-click unsubscribe, RFC 8058,
    // posted by mail clients without cookies) is its own proof: a forger would need the
    // secret, which is all the token would protect.
    let self_signed = SELF_SIGNED_PATHS.iter().any(|p| req.path().starts_with(p));
    if bearer || self_signed || (!has_cookie && !browser_form) {
        return Ok(next.call(req).await?.map_into_left_body());
    }

    let expected = existing_token(&req.get_session());
    let mut provided = req
        .headers()
        .get(HEADER)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned);
    if provided.is_none() && content_type.starts_with("application/x-www-form-urlencoded") {
        let mut payload = req.take_payload();
        let mut body = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk?;
            if body.len() + chunk.len() > MAX_FORM {
                let resp = AppError::invalid("body", "error-too-large").error_response();
                return Ok(req.into_response(resp).map_into_right_body());
            }
            body.extend_from_slice(&chunk);
        }
        let body = body.freeze();
        provided = form_token(&body);
        req.set_payload(actix_web::dev::Payload::from(body));
    }
    if provided.is_none() && content_type.starts_with("multipart/form-data") {
        provided = form_token(req.query_string().as_bytes());
    }
    match (&expected, &provided) {
        (Some(e), Some(p)) if tokens::same(e, p) => Ok(next.call(req).await?.map_into_left_body()),
        _ => {
            tracing::warn!(path = %crate::web::redact_url(req.path(), ""), expected = expected.is_some(), provided = provided.is_some(), "CSRF check failed");
            let resp = AppError::forbidden()
                .with_message("error-csrf")
                .error_response();
            Ok(req.into_response(resp).map_into_right_body())
        }
    }
}
