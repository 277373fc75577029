//! `POST /api/v1/mail/inbound`: the door for mail services that deliver incoming mail by
//! webhook. The body is the raw RFC 5322 message; the caller proves itself with
//! `Authorization: Bearer <PRASSI_MAIL_INBOUND_SECRET>`, compared in constant time.
//!
//! It is a machine endpoint and needs no CSRF token: it acts on no session and no cookie (the
//! handler does not even read them), only on the shared secret, which a browser never holds
//! and another site cannot make one send; and the CSRF guard lets any request carrying
//! `Authorization: Bearer` through for the same reason. The handler does not build a `Ctx`
//! either, because `Ctx` would take the bearer secret for a member's API token.

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use prassi_core::error::{AppResult, ErrorBody, ErrorEnvelope};
use prassi_core::AppState;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use super::receive::{self, Accepted, Outcome, Reason, Source};

/// A refused message: the usual error envelope (`kind` `invalid`, `message`
/// `mail-reply-<reason>`) and the reason's stable code.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = MailReplyRefused)]
pub struct Refused {
    pub error: ErrorBody,
    /// `too_large`, `unparsable`, `no_token`, `unknown_token`, `used_token`, `wrong_sender`,
    /// `auto_reply`, `empty`, `suspended`, `no_access`, `closed` or `invalid`.
    pub reason: String,
}

/// `POST /api/v1/mail/inbound`
#[utoipa::path(post, path = "/api/v1/mail/inbound", tag = "mail", operation_id = "mail_inbound",
    request_body(content = String, content_type = "message/rfc822",
        description = "The incoming message exactly as received (RFC 5322), headers and all"),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The reply was posted", body = Accepted),
        (status = 401, description = "No bearer secret, or not PRASSI_MAIL_INBOUND_SECRET", body = ErrorEnvelope),
        (status = 404, description = "Reply by email is not configured (PRASSI_MAIL_REPLY_ADDRESS and PRASSI_MAIL_INBOUND_SECRET)", body = ErrorEnvelope),
        (status = 413, description = "The message is larger than PRASSI_MAIL_INBOUND_MAX_KB (reason too_large)", body = Refused),
        (status = 422, description = "The message was refused; `reason` says why", body = Refused)))]
async fn inbound(
    req: HttpRequest,
    state: web::Data<AppState>,
    mut payload: web::Payload,
) -> AppResult<HttpResponse> {
    let settings = &state.config.mail_replies;
    let (Some(_), Some(secret)) = (&settings.address, &settings.inbound_secret) else {
        return Ok(error(StatusCode::NOT_FOUND, "not_found", "error-not-found"));
    };
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default();
    // Digests of equal length, compared in constant time: neither the secret nor its length
    // shows in the timing.
    let digest = prassi_core::tokens::digest;
    if given.is_empty() || !prassi_core::tokens::same(&digest(given), &digest(secret)) {
        tracing::warn!(
            peer = ?req.peer_addr(),
            "inbound mail: wrong or missing bearer secret"
        );
        let mut resp = error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "error-unauthorized",
        );
        resp.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
        return Ok(resp);
    }
    // One byte past the limit is enough to know the message is too large; the rest is never
    // read into memory.
    let limit = settings.max_bytes;
    let mut raw: Vec<u8> = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(e) => {
                tracing::warn!(error = %e, "inbound mail: the body could not be read");
                return Ok(error(StatusCode::BAD_REQUEST, "invalid", "error-invalid"));
            }
        };
        let room = (limit + 1).saturating_sub(raw.len());
        raw.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if raw.len() > limit {
            break;
        }
    }
    let config = state.config.clone();
    let outcome = state
        .run(move |conn| receive::receive(conn, &config, &raw, Source::Http))
        .await?;
    Ok(match outcome {
        Outcome::Accepted(accepted) => HttpResponse::Created()
            .insert_header((header::LOCATION, accepted.url.clone()))
            .json(accepted),
        Outcome::Refused(reason) => refused(reason),
    })
}

fn error(status: StatusCode, kind: &str, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(ErrorEnvelope {
        error: ErrorBody {
            kind: kind.to_owned(),
            message: message.to_owned(),
            field: None,
            fields: Vec::new(),
        },
    })
}

fn refused(reason: Reason) -> HttpResponse {
    let status = if reason == Reason::TooLarge {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    HttpResponse::build(status).json(Refused {
        error: ErrorBody {
            kind: "invalid".to_owned(),
            message: format!("mail-reply-{}", reason.code().replace('_', "-")),
            field: None,
            fields: Vec::new(),
        },
        reason: reason.code().to_owned(),
    })
}

#[derive(OpenApi)]
#[openapi(
    paths(inbound),
    components(schemas(Accepted, Refused)),
    tags((name = "mail", description = "Reply by email: incoming mail from a mail service"))
)]
pub struct MailApi;

/// Registers the route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/mail/inbound", web::post().to(inbound));
}
