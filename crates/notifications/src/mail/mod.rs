//! Reply by email: a notification email carries a reply address of its own
//! (`<local>+<token>@<domain>`, [`reply_address`]), and the reply that comes back becomes an
//! answer, a comment or a reply by the member it was sent to, through the same services, the
//! same access rule and the same validation as the pages. Incoming mail arrives through two
//! doors that share one service ([`receive::receive`]): `prassi mail receive` reading the
//! message on standard input ([`cli`], for a mail server's pipe) and
//! `POST /api/v1/mail/inbound` ([`api`], for mail services' webhooks). The message is parsed
//! with `mail-parser`; quoted text is removed by [`text`]. Unknown and used tokens, other
//! senders and oversized messages are refused, and every outcome is logged
//! (`mail_reply_log`). See `docs/notifications.md#reply-by-email`.

use actix_web::web;

pub mod address;
pub mod api;
pub mod cli;
mod post;
pub mod receive;
pub mod text;

pub use address::{reply_address, REPLYABLE};
pub use receive::{receive, Accepted, Outcome, Reason, Source};

/// Exit status of `prassi mail receive` (sysexits.h): posted.
pub const EX_OK: i32 = 0;
/// The message itself is refused: too large, unreadable, empty, automatic, invalid.
pub const EX_DATAERR: i32 = 65;
/// The address or the sender is refused: no, unknown or used token, wrong sender.
pub const EX_NOUSER: i32 = 67;
/// Reply by email is not configured.
pub const EX_UNAVAILABLE: i32 = 69;
/// Trouble on our side (the database): the mail server should try again later.
pub const EX_TEMPFAIL: i32 = 75;
/// The member may not post there: suspended, no longer allowed, closed or locked.
pub const EX_NOPERM: i32 = 77;

/// The incoming-mail route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
}

/// The incoming-mail route's OpenAPI description.
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    api::MailApi::openapi()
}

/// How long a reply address works: a reply to an email older than this is refused as an
/// unknown address (and logged).
pub const REPLY_TOKEN_DAYS: i64 = 180;
/// How long the incoming-mail log is kept.
pub const REPLY_LOG_DAYS: i64 = 365;

/// Deletes reply tokens older than [`REPLY_TOKEN_DAYS`] and log lines older than
/// [`REPLY_LOG_DAYS`] before `now` (hourly housekeeping; both on an index of their time).
/// Returns how many rows went.
pub fn prune(
    conn: &mut prassi_db::DbConnection,
    now: chrono::NaiveDateTime,
) -> prassi_core::AppResult<usize> {
    use diesel::prelude::*;
    use prassi_db::schema::{mail_reply_log, mail_reply_tokens};
    let tokens =
        diesel::delete(mail_reply_tokens::table.filter(
            mail_reply_tokens::created_at.lt(now - chrono::Duration::days(REPLY_TOKEN_DAYS)),
        ))
        .execute(conn)?;
    let log = diesel::delete(
        mail_reply_log::table
            .filter(mail_reply_log::received_at.lt(now - chrono::Duration::days(REPLY_LOG_DAYS))),
    )
    .execute(conn)?;
    Ok(tokens + log)
}
