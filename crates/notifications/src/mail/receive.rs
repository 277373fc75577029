//! Receiving a reply: the one service both doors (`prassi mail receive` and
//! `POST /api/v1/mail/inbound`) call with the raw message. It refuses, in this order, a
//! message over the size limit (before parsing), one that does not parse, one without a
//! reply address, an unknown or already used token, a sender other than the token's member,
//! an automatic reply, a suspended member and an empty reply; then it posts the text as that
//! member through the modules' own services ([`super::post`]), so the access rule and the
//! usual validation decide, and marks the token used in the same transaction. Every outcome is
//! recorded in `mail_reply_log` and in the tracing log, never with the token or the text.

use diesel::prelude::*;
use prassi_core::config::Config;
use prassi_core::error::{AppError, AppResult, ErrorKind};
use prassi_core::notify::{ItemKind, ItemRef};
use prassi_db::ids::MailReplyLogId;
use prassi_db::models::{MailReplyLogEntry, MailReplyToken};
use prassi_db::schema::{mail_reply_log, mail_reply_tokens, users};
use prassi_db::{AccountStatus, DbConnection, UserId};
use serde::Serialize;

use super::{address, post, text};

/// Which door a message came through (stored in the log).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `prassi mail receive`, the mail server's pipe.
    Cli,
    /// `POST /api/v1/mail/inbound`, a mail service's webhook.
    Http,
}

impl Source {
    /// The stored string.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Cli => "cli",
            Source::Http => "http",
        }
    }
}

/// Why a message was refused. The codes are stable: they are stored, returned by the HTTP
/// endpoint and documented in `docs/notifications.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Larger than `PRASSI_MAIL_INBOUND_MAX_KB`; not parsed.
    TooLarge,
    /// Not an RFC 5322 message.
    Unparsable,
    /// No reply address of ours among its recipients.
    NoToken,
    /// A reply address whose token was never issued.
    UnknownToken,
    /// A reply address already used once.
    UsedToken,
    /// From is not the address of the account the reply address was issued to.
    WrongSender,
    /// An out-of-office or other automatic reply (RFC 3834 `Auto-Submitted` and kin).
    AutoReply,
    /// Nothing left once quoted text and signature are removed.
    Empty,
    /// The member's account is suspended.
    Suspended,
    /// The member may no longer read or take part in the item (or it is gone).
    NoAccess,
    /// The question is closed or the discussion locked.
    Closed,
    /// The text fails the usual validation (too long for a comment, …).
    Invalid,
}

impl Reason {
    /// Every reason, for documentation and tests.
    pub const ALL: &'static [Reason] = &[
        Reason::TooLarge,
        Reason::Unparsable,
        Reason::NoToken,
        Reason::UnknownToken,
        Reason::UsedToken,
        Reason::WrongSender,
        Reason::AutoReply,
        Reason::Empty,
        Reason::Suspended,
        Reason::NoAccess,
        Reason::Closed,
        Reason::Invalid,
    ];

    /// The stable code (`mail_reply_log.outcome`).
    pub fn code(self) -> &'static str {
        match self {
            Reason::TooLarge => "too_large",
            Reason::Unparsable => "unparsable",
            Reason::NoToken => "no_token",
            Reason::UnknownToken => "unknown_token",
            Reason::UsedToken => "used_token",
            Reason::WrongSender => "wrong_sender",
            Reason::AutoReply => "auto_reply",
            Reason::Empty => "empty",
            Reason::Suspended => "suspended",
            Reason::NoAccess => "no_access",
            Reason::Closed => "closed",
            Reason::Invalid => "invalid",
        }
    }

    /// The exit status of `prassi mail receive` (sysexits.h), which tells the mail server to
    /// bounce: 65 (EX_DATAERR) for the message itself, 67 (EX_NOUSER) for the address or the
    /// sender, 77 (EX_NOPERM) for the member's rights.
    pub fn exit_code(self) -> i32 {
        match self {
            Reason::TooLarge
            | Reason::Unparsable
            | Reason::AutoReply
            | Reason::Empty
            | Reason::Invalid => super::EX_DATAERR,
            Reason::NoToken | Reason::UnknownToken | Reason::UsedToken | Reason::WrongSender => {
                super::EX_NOUSER
            }
            Reason::Suspended | Reason::NoAccess | Reason::Closed => super::EX_NOPERM,
        }
    }

    /// A sentence for the mail server's bounce (the sender reads it).
    pub fn explanation(self) -> &'static str {
        match self {
            Reason::TooLarge => "the message is larger than this platform accepts",
            Reason::Unparsable => "the message could not be read",
            Reason::NoToken => "the message is not addressed to a reply address",
            Reason::UnknownToken => "this reply address is not known",
            Reason::UsedToken => "this reply address has already been used",
            Reason::WrongSender => {
                "the message does not come from the address of the account this reply address belongs to"
            }
            Reason::AutoReply => "automatic replies are not posted",
            Reason::Empty => "no text was found above the quoted message",
            Reason::Suspended => "the account is suspended",
            Reason::NoAccess => "the account may no longer reply there",
            Reason::Closed => "the question is closed or the discussion locked",
            Reason::Invalid => "the text is not accepted there (too long?)",
        }
    }
}

/// A reply that was posted.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = MailReplyAccepted)]
pub struct Accepted {
    /// `answer`, `qa_comment`, `forum_post` or `wiki_talk`.
    pub item_kind: String,
    pub item_id: String,
    /// The page showing it (a path on this site).
    pub url: String,
}

/// What became of a message.
#[derive(Debug, Clone)]
pub enum Outcome {
    Accepted(Accepted),
    Refused(Reason),
}

/// What went wrong inside the posting transaction: a refusal, or an error to pass on.
enum Failure {
    Refused(Reason),
    Error(AppError),
}

impl From<diesel::result::Error> for Failure {
    fn from(e: diesel::result::Error) -> Self {
        Failure::Error(e.into())
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        Failure::Error(e)
    }
}

/// Handles one incoming message, `raw` as received (callers read at most one byte more than
/// the limit, so an oversized message is recognised without reading all of it). Runs its own
/// transactions on `conn`: call it outside one. `Err` only for trouble on our side (the
/// database), which the mail server should retry; every refusal is an `Ok(Refused)`.
pub fn receive(
    conn: &mut DbConnection,
    config: &Config,
    raw: &[u8],
    source: Source,
) -> AppResult<Outcome> {
    let size = raw.len();
    let (outcome, user) = match examine(conn, config, raw) {
        Ok(Checked::Post(token, body)) => match post_reply(conn, &token, &body, source, size) {
            Ok(accepted) => (Outcome::Accepted(accepted), Some(token.user_id)),
            Err(Failure::Refused(reason)) => (Outcome::Refused(reason), Some(token.user_id)),
            Err(Failure::Error(e)) => return Err(e),
        },
        Ok(Checked::Refused(reason, user)) => (Outcome::Refused(reason), user),
        Err(e) => return Err(e),
    };
    match &outcome {
        Outcome::Accepted(a) => tracing::info!(
            source = source.as_str(),
            outcome = "accepted",
            user = ?user.as_ref().map(UserId::as_str),
            item_kind = %a.item_kind,
            item_id = %a.item_id,
            size,
            "reply by email posted"
        ),
        Outcome::Refused(reason) => {
            tracing::warn!(
                source = source.as_str(),
                outcome = reason.code(),
                user = ?user.as_ref().map(UserId::as_str),
                size,
                "reply by email refused"
            );
            // Accepted replies are logged in their own transaction; refusals here.
            prassi_db::write_tx(conn, |c| {
                log(c, source, reason.code(), user.as_ref(), None, size)
            })?;
        }
    }
    Ok(outcome)
}

/// The checks before posting.
enum Checked {
    /// Post `body` (the reply's own text) for the token's member.
    Post(MailReplyToken, String),
    /// Refused, with the token's member when known.
    Refused(Reason, Option<UserId>),
}

fn examine(conn: &mut DbConnection, config: &Config, raw: &[u8]) -> AppResult<Checked> {
    if raw.len() > config.mail_replies.max_bytes {
        return Ok(Checked::Refused(Reason::TooLarge, None));
    }
    let Some(message) = mail_parser::MessageParser::default().parse(raw) else {
        return Ok(Checked::Refused(Reason::Unparsable, None));
    };
    if message.headers().is_empty() {
        return Ok(Checked::Refused(Reason::Unparsable, None));
    }
    let headers: Vec<(&str, &str)> = message.headers_raw().collect();
    let Some(token) = address::token_in(config, &headers) else {
        return Ok(Checked::Refused(Reason::NoToken, None));
    };
    let found: Option<MailReplyToken> = mail_reply_tokens::table
        .find(prassi_core::tokens::digest(&token))
        .select(MailReplyToken::as_select())
        .first(conn)
        .optional()?;
    let Some(found) = found else {
        return Ok(Checked::Refused(Reason::UnknownToken, None));
    };
    let user = Some(found.user_id.clone());
    if found.used_at.is_some() {
        return Ok(Checked::Refused(Reason::UsedToken, user));
    }
    let (email, status): (String, AccountStatus) = users::table
        .find(&found.user_id)
        .select((users::email, users::status))
        .first(conn)?;
    let from: Vec<&str> = message
        .from()
        .map(|a| a.iter().filter_map(|a| a.address()).collect())
        .unwrap_or_default();
    if !matches!(from.as_slice(), [one] if one.trim().eq_ignore_ascii_case(email.trim())) {
        return Ok(Checked::Refused(Reason::WrongSender, user));
    }
    if is_automatic(&message) {
        return Ok(Checked::Refused(Reason::AutoReply, user));
    }
    if status == AccountStatus::Suspended {
        return Ok(Checked::Refused(Reason::Suspended, user));
    }
    let body = text::reply_text(&message);
    if body.is_empty() {
        return Ok(Checked::Refused(Reason::Empty, user));
    }
    Ok(Checked::Post(found, body))
}

/// An automatic reply (out of office, vacation, delivery report): RFC 3834's
/// `Auto-Submitted` other than `no`, the `X-Autoreply`/`X-Autorespond` of older responders,
/// or a `Precedence` of `auto_reply`, `bulk`, `junk` or `list`.
fn is_automatic(message: &mail_parser::Message<'_>) -> bool {
    message.headers_raw().any(|(name, value)| {
        let value = value.trim().to_ascii_lowercase();
        if name.eq_ignore_ascii_case("Auto-Submitted") {
            value != "no"
        } else if name.eq_ignore_ascii_case("X-Autoreply")
            || name.eq_ignore_ascii_case("X-Autorespond")
        {
            true
        } else if name.eq_ignore_ascii_case("Precedence") {
            matches!(value.as_str(), "auto_reply" | "bulk" | "junk" | "list")
        } else {
            false
        }
    })
}

/// Marks the token used (only if nobody did since it was read) and posts, in one write
/// transaction: of two deliveries of the same message racing, one posts and the other finds
/// the token used. The accepted outcome is logged in the same transaction.
fn post_reply(
    conn: &mut DbConnection,
    token: &MailReplyToken,
    body: &str,
    source: Source,
    size: usize,
) -> Result<Accepted, Failure> {
    prassi_db::write_tx(conn, |c| {
        let marked = diesel::update(
            mail_reply_tokens::table
                .find(&token.token_hash)
                .filter(mail_reply_tokens::used_at.is_null()),
        )
        .set(mail_reply_tokens::used_at.eq(Some(prassi_db::now())))
        .execute(c)?;
        if marked != 1 {
            return Err(Failure::Refused(Reason::UsedToken));
        }
        let kind = ItemKind::parse(&token.item_kind)
            .ok_or_else(|| AppError::internal(format!("stored kind {:?}", token.item_kind)))?;
        let target = ItemRef {
            kind,
            id: token.item_id.clone(),
        };
        let accepted =
            post::as_member(c, &token.user_id, &target, body).map_err(|e| match e.kind {
                ErrorKind::NotFound | ErrorKind::Forbidden | ErrorKind::Unauthorized => {
                    Failure::Refused(Reason::NoAccess)
                }
                ErrorKind::Conflict => Failure::Refused(Reason::Closed),
                ErrorKind::Invalid => Failure::Refused(Reason::Invalid),
                _ => Failure::Error(e),
            })?;
        log(
            c,
            source,
            "accepted",
            Some(&token.user_id),
            Some((&accepted.item_kind, &accepted.item_id)),
            size,
        )?;
        Ok(accepted)
    })
}

fn log(
    conn: &mut DbConnection,
    source: Source,
    outcome: &str,
    user: Option<&UserId>,
    item: Option<(&str, &str)>,
    size: usize,
) -> QueryResult<()> {
    diesel::insert_into(mail_reply_log::table)
        .values(MailReplyLogEntry {
            id: MailReplyLogId::new(),
            received_at: prassi_db::now(),
            source: source.as_str().to_owned(),
            outcome: outcome.to_owned(),
            user_id: user.cloned(),
            item_kind: item.map(|(k, _)| k.to_owned()),
            item_id: item.map(|(_, i)| i.to_owned()),
            size_bytes: i64::try_from(size).unwrap_or(i64::MAX),
        })
        .execute(conn)
        .map(|_| ())
}
