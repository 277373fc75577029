//! Reply addresses: `<local>+<token>@<domain>` of the configured reply address, one per
//! notification email, with a token of 128 random bits written as 32 lowercase hex digits
//! (safe in a local part, and unharmed by mail servers that fold the local part's case). Only
//! the token's SHA-256 is stored, with the member the email went to and the item a reply goes
//! under; finding the token in an incoming message's recipient headers is here too.

use diesel::prelude::*;
use prassi_core::config::Config;
use prassi_core::error::AppResult;
use prassi_core::notify::{ItemKind, ItemRef};
use prassi_db::models::MailReplyToken;
use prassi_db::schema::mail_reply_tokens;
use prassi_db::{DbConnection, UserId};
use rand::RngCore;

/// Random bytes in a token: 128 bits.
const TOKEN_BYTES: usize = 16;

/// The item kinds a reply by email can answer, and what the reply becomes: a question gets an
/// answer, an answer a comment, a Q&A comment a comment beside it, a discussion or forum post
/// a reply in the discussion, a wiki page or talk message a talk message.
pub const REPLYABLE: &[ItemKind] = &[
    ItemKind::Question,
    ItemKind::Answer,
    ItemKind::QaComment,
    ItemKind::Discussion,
    ItemKind::ForumPost,
    ItemKind::WikiPage,
    ItemKind::WikiTalk,
];

/// The reply address for an email telling `recipient` about `item`, to put in its
/// `Reply-To` (`prassi_core::mail::Email::reply_to`): a new single-use token stored for
/// them. `None` when reply by email is not configured (`PRASSI_MAIL_REPLY_ADDRESS`) or the
/// item is not one a reply can go under ([`REPLYABLE`]). Call inside the transaction that
/// queues the email, so a rolled-back email leaves no token.
pub fn reply_address(
    conn: &mut DbConnection,
    config: &Config,
    recipient: &UserId,
    item: &ItemRef,
) -> AppResult<Option<String>> {
    let Some((local, domain)) = configured(config) else {
        return Ok(None);
    };
    if !REPLYABLE.contains(&item.kind) {
        return Ok(None);
    }
    let token = new_token();
    diesel::insert_into(mail_reply_tokens::table)
        .values(MailReplyToken {
            token_hash: prassi_core::tokens::digest(&token),
            user_id: recipient.clone(),
            item_kind: item.kind.as_str().to_owned(),
            item_id: item.id.clone(),
            created_at: prassi_db::now(),
            used_at: None,
        })
        .execute(conn)?;
    Ok(Some(format!("{local}+{token}@{domain}")))
}

/// The configured reply address split into local part and domain (checked when the
/// configuration was loaded).
pub(super) fn configured(config: &Config) -> Option<(&str, &str)> {
    config.mail_replies.address.as_deref()?.split_once('@')
}

fn new_token() -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The headers a reply address may arrive in, most trustworthy first: those the receiving
/// server adds from the envelope, then those the sender wrote.
const RECIPIENT_HEADERS: &[&str] = &[
    "Delivered-To",
    "X-Original-To",
    "Envelope-To",
    "X-Envelope-To",
    "To",
    "Cc",
];

/// The token of the first reply address (`local+token@domain`, any case) found in the
/// recipient headers `headers` (name, raw value), or `None`. A token that is not 32 hex
/// digits is still returned (lowercased): it is then simply unknown.
pub(super) fn token_in(config: &Config, headers: &[(&str, &str)]) -> Option<String> {
    let (local, domain) = configured(config)?;
    let prefix = format!("{}+", local.to_lowercase());
    let domain = domain.to_lowercase();
    for wanted in RECIPIENT_HEADERS {
        for (_, value) in headers
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(wanted))
        {
            let found = value
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '<' | '>' | '"'))
                .filter_map(|piece| {
                    let piece = piece.to_lowercase();
                    let (l, d) = piece.rsplit_once('@')?;
                    let token = l.strip_prefix(&prefix)?;
                    (d == domain && !token.is_empty()).then(|| token.to_owned())
                })
                .next();
            if found.is_some() {
                return found;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let mut c = Config::for_data_dir(std::path::Path::new("/tmp"), "sqlite://:memory:");
        c.mail_replies.address = Some("Risposte@Example.org".into());
        c
    }

    #[test]
    fn tokens_are_128_bits_of_lowercase_hex_and_differ() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 32);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, b);
    }

    #[test]
    fn the_token_is_found_in_envelope_headers_first_and_in_any_case() {
        let c = config();
        let headers = [
            (
                "To",
                "\"Prassi\" <risposte+aaaa@example.org>, altri@example.org",
            ),
            ("Delivered-To", "RISPOSTE+BBBB@EXAMPLE.ORG"),
        ];
        assert_eq!(token_in(&c, &headers).as_deref(), Some("bbbb"));
        let headers = [("To", "=?utf-8?q?Prassi?=\r\n <risposte+cccc@example.org>")];
        assert_eq!(token_in(&c, &headers).as_deref(), Some("cccc"));
        // Another domain, another local part, or no token: nothing.
        for value in [
            "risposte+dddd@example.com",
            "altro+dddd@example.org",
            "risposte@example.org",
            "risposte+@example.org",
        ] {
            let headers = [("To", value)];
            assert_eq!(token_in(&c, &headers), None, "{value}");
        }
    }
}
