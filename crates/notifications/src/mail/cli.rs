//! `prassi mail receive`: the door for a mail server that delivers to a program (Postfix's
//! `pipe`, Exim's `pipe` transport, a `.forward`/procmail line). It reads one message from
//! standard input, hands it to [`super::receive::receive`] and answers with an exit status
//! from sysexits.h, which the mail server turns into a delivery or a bounce; the sentence it
//! prints on standard error goes into the bounce.

use std::io::Read;

use prassi_core::AppState;

use super::receive::{self, Outcome, Source};
use super::{EX_OK, EX_TEMPFAIL, EX_UNAVAILABLE};

/// Reads a message from `input` (at most one byte past the size limit) and handles it;
/// returns the exit status: 0 posted, 65/67/77 refused (see `receive::Reason::exit_code`),
/// 69 when reply by email is not configured, 75 (try again later) when the database or the
/// input failed.
pub fn receive_from(state: &AppState, input: impl Read) -> i32 {
    let config = &state.config;
    if config.mail_replies.address.is_none() {
        eprintln!("reply by email is not configured (PRASSI_MAIL_REPLY_ADDRESS)");
        return EX_UNAVAILABLE;
    }
    let limit = u64::try_from(config.mail_replies.max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut raw = Vec::new();
    if let Err(e) = input.take(limit).read_to_end(&mut raw) {
        eprintln!("cannot read the message: {e}");
        return EX_TEMPFAIL;
    }
    let outcome = state
        .db
        .get()
        .map_err(prassi_core::AppError::from)
        .and_then(|mut conn| receive::receive(&mut conn, config, &raw, Source::Cli));
    match outcome {
        Ok(Outcome::Accepted(accepted)) => {
            println!(
                "posted {} {}{}",
                accepted.item_kind,
                config.base_url.trim_end_matches('/'),
                accepted.url
            );
            EX_OK
        }
        Ok(Outcome::Refused(reason)) => {
            eprintln!("refused ({}): {}", reason.code(), reason.explanation());
            reason.exit_code()
        }
        Err(e) => {
            tracing::error!(error = ?e, "reply by email: try again later");
            eprintln!("temporary failure, try again later");
            EX_TEMPFAIL
        }
    }
}
