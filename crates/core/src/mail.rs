//! Outgoing email. Any module may write to any member, in the **recipient's** language, from
//! templates it owns:
//!
//! ```ignore
//! let mc = MailContext::for_state(&ctx.state);          // in the handler
//! mail::Outgoing::to_member(conn, &user_id)?            // in the service's transaction
//!     .send(conn, &mc, "accounts/approved", &serde_json::json!({}))?;
//! ```
//!
//! A mail named `<module>/<name>` is three templates under `themes/default/templates/mail/`
//! (embedded, and overridable by a theme folder like every template): `<name>.subject.txt`,
//! `<name>.txt` (the plain-text body) and, optionally, `<name>.html` (an HTML alternative,
//! autoescaped, usually extending `mail/base.html`). Each is rendered with `lang` (the
//! recipient's language, for `t(key=…, lang=lang)`), `site_name`, `base_url` and the caller's
//! values. Messages are queued in the outbox inside the transaction that causes them (so a
//! crash or a down mail server loses nothing, and a rolled-back change sends nothing) and sent
//! by the worker through the configured transport: the log, `.eml` files in a folder, or a
//! real SMTP server via lettre.

use std::sync::Arc;

use diesel::prelude::*;
use lettre::message::{Mailbox, MultiPart};
use lettre::{Message, SmtpTransport, Transport};
use prassi_db::schema::users;
use prassi_db::{DbConnection, UserId};
use serde::{Deserialize, Serialize};

use crate::config::{Config, MailTransport};
use crate::error::{AppError, AppResult};
use crate::templates::Templates;

/// Outbox topic of queued email.
pub const TOPIC: &str = "email.send";

/// A queued message. Payloads queued before `html` existed still deserialize (no HTML part).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    /// The plain-text body; always present.
    pub body: String,
    /// An HTML alternative of `body`; with it the message is `multipart/alternative`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Where a reply goes (`Reply-To`): a member's reply-by-email address, when the mail
    /// carries one (`prassi_notifications::mail::reply_address`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// A one-click unsubscribe URL (RFC 8058): sent as `List-Unsubscribe` with
    /// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_unsubscribe: Option<String>,
}

/// What rendering a mail needs besides its recipient: where links point, the site's name and
/// the compiled templates (with the theme's overrides). Cheap to clone; build it in the handler
/// (or the worker) with [`MailContext::for_state`] and pass it to the service.
#[derive(Clone)]
pub struct MailContext {
    /// `PRASSI_BASE_URL`, without a trailing slash: links are `{{ base_url }}/path`.
    pub base_url: String,
    pub site_name: String,
    templates: Arc<Templates>,
}

impl std::fmt::Debug for MailContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailContext")
            .field("base_url", &self.base_url)
            .field("site_name", &self.site_name)
            .finish_non_exhaustive()
    }
}

impl MailContext {
    /// A context from the configuration and the compiled templates.
    pub fn new(config: &Config, templates: Arc<Templates>) -> Self {
        MailContext {
            base_url: config.base_url.trim_end_matches('/').to_owned(),
            site_name: config.site_name.clone(),
            templates,
        }
    }

    /// The context of a running platform (a handler's `ctx.state`, or the worker's state).
    pub fn for_state(state: &crate::AppState) -> Self {
        Self::new(&state.config, state.templates.clone())
    }
}

/// One recipient and the language they read: the start of every mail.
#[derive(Debug, Clone)]
pub struct Outgoing {
    to: String,
    lang: &'static str,
}

impl Outgoing {
    /// A member, by id: their address and their language (`users.locale`, the language they
    /// registered in; Italian when unknown). It does not look at the account's status: the
    /// caller decides whether a suspended or pending account should hear about something.
    /// An unknown member is `NotFound`.
    pub fn to_member(conn: &mut DbConnection, id: &UserId) -> AppResult<Self> {
        let (to, locale): (String, Option<String>) = users::table
            .find(id)
            .select((users::email, users::locale))
            .first(conn)?;
        Ok(Outgoing {
            to,
            lang: language_or_default(locale.as_deref()),
        })
    }

    /// An address. When it belongs to a member, their language wins; otherwise (an
    /// invitation, a contact address) `fallback`, usually the language of the request that
    /// caused the mail.
    pub fn to_address(conn: &mut DbConnection, address: &str, fallback: &str) -> AppResult<Self> {
        let locale: Option<Option<String>> = users::table
            .filter(users::email.eq(address))
            .select(users::locale)
            .first(conn)
            .optional()?;
        let lang = match locale.flatten() {
            Some(l) => language_or_default(Some(&l)),
            None => language_or_default(Some(fallback)),
        };
        Ok(Outgoing {
            to: address.to_owned(),
            lang,
        })
    }

    /// The recipient's address.
    pub fn address(&self) -> &str {
        &self.to
    }

    /// The language the mail will be written in.
    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// Renders the mail `<module>/<name>` for this recipient with `values` (a serializable
    /// map: `serde_json::json!({"token": t})`). Missing subject or text templates and
    /// template errors are `internal`.
    pub fn render(
        &self,
        mc: &MailContext,
        template: &str,
        values: &impl Serialize,
    ) -> AppResult<Email> {
        let mut ctx = tera::Context::from_serialize(values).map_err(AppError::internal)?;
        ctx.insert("lang", self.lang);
        ctx.insert("site_name", &mc.site_name);
        ctx.insert("base_url", &mc.base_url);
        let tera = &mc.templates.tera;
        let base = format!("mail/{template}");
        let subject = tera.render(&format!("{base}.subject.txt"), &ctx)?;
        let body = tera.render(&format!("{base}.txt"), &ctx)?;
        let html_name = format!("{base}.html");
        let html = if tera.get_template_names().any(|n| n == html_name) {
            Some(tera.render(&html_name, &ctx)?)
        } else {
            None
        };
        Ok(Email {
            to: self.to.clone(),
            // One line, whatever the template's whitespace.
            subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
            body,
            html,
            reply_to: None,
            list_unsubscribe: None,
        })
    }

    /// Renders the mail (see [`Outgoing::render`]) and queues it; call inside the
    /// transaction that causes it.
    pub fn send(
        &self,
        conn: &mut DbConnection,
        mc: &MailContext,
        template: &str,
        values: &impl Serialize,
    ) -> AppResult<()> {
        let email = self.render(mc, template, values)?;
        enqueue(conn, &email)?;
        Ok(())
    }
}

/// A supported interface language, else the default.
fn language_or_default(code: Option<&str>) -> &'static str {
    code.and_then(crate::i18n::supported)
        .unwrap_or(crate::i18n::LANGUAGES[0])
}

/// Queues `email` in the outbox; call inside the causing transaction.
pub fn enqueue(conn: &mut DbConnection, email: &Email) -> diesel::QueryResult<()> {
    let payload = serde_json::to_value(email).unwrap_or_default();
    prassi_db::outbox::enqueue(conn, TOPIC, &payload).map(|_| ())
}

/// The message as lettre builds it: plain text, or `multipart/alternative` (text, then HTML,
/// so clients that prefer HTML take the last) when there is an HTML part.
pub fn message(config: &Config, email: &Email) -> Result<Message, String> {
    let from: Mailbox = config
        .mail_from
        .parse()
        .map_err(|e| format!("mail_from: {e}"))?;
    let to: Mailbox = email.to.parse().map_err(|e| format!("to: {e}"))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone());
    if let Some(reply_to) = &email.reply_to {
        let reply_to: Mailbox = reply_to.parse().map_err(|e| format!("reply_to: {e}"))?;
        builder = builder.reply_to(reply_to);
    }
    let mut message = match &email.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            email.body.clone(),
            html.clone(),
        )),
        None => builder.body(email.body.clone()),
    }
    .map_err(|e| e.to_string())?;
    if let Some(url) = &email.list_unsubscribe {
        use lettre::message::header::{HeaderName, HeaderValue};
        let headers = message.headers_mut();
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{url}>"),
        ));
        headers.insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".to_owned(),
        ));
    }
    Ok(message)
}

/// Sends one message through the configured transport.
pub fn send(config: &Config, email: &Email) -> Result<(), String> {
    let message = message(config, email)?;
    match &config.mail {
        MailTransport::Log => {
            tracing::info!(to = %email.to, subject = %email.subject, body = %email.body, html = email.html.is_some(), "email (log transport)");
            Ok(())
        }
        MailTransport::File(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            let name = format!("{}.eml", prassi_db::fresh_id());
            std::fs::write(dir.join(name), message.formatted()).map_err(|e| e.to_string())
        }
        MailTransport::Smtp(url) => {
            let transport = SmtpTransport::from_url(url)
                .map_err(|e| e.to_string())?
                .build();
            transport
                .send(&message)
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_queued_before_the_html_part_still_read_and_plain_ones_keep_their_shape() {
        let old = r#"{"to":"a@example.org","subject":"S","body":"B"}"#;
        let email: Email = serde_json::from_str(old).unwrap_or_else(|e| panic!("{e}"));
        assert!(email.html.is_none());
        assert_eq!(
            serde_json::to_string(&email).unwrap_or_default(),
            old,
            "a plain mail is queued as before"
        );
    }

    #[test]
    fn a_mail_with_html_is_multipart_alternative() {
        let config = Config::for_data_dir(std::path::Path::new("/tmp"), "sqlite://:memory:");
        let email = Email {
            to: "a@example.org".into(),
            subject: "S".into(),
            body: "plain".into(),
            html: Some("<p>rich</p>".into()),
            reply_to: None,
            list_unsubscribe: None,
        };
        let text = String::from_utf8_lossy(
            &message(&config, &email)
                .unwrap_or_else(|e| panic!("{e}"))
                .formatted(),
        )
        .into_owned();
        assert!(text.contains("multipart/alternative"), "{text}");
        assert!(
            text.contains("text/plain") && text.contains("text/html"),
            "{text}"
        );
        let plain = Email {
            html: None,
            ..email
        };
        let text = String::from_utf8_lossy(
            &message(&config, &plain)
                .unwrap_or_else(|e| panic!("{e}"))
                .formatted(),
        )
        .into_owned();
        assert!(!text.contains("multipart"), "{text}");
    }

    #[test]
    fn a_reply_address_becomes_the_reply_to_header_and_old_payloads_have_none() {
        let config = Config::for_data_dir(std::path::Path::new("/tmp"), "sqlite://:memory:");
        let email = Email {
            to: "a@example.org".into(),
            subject: "S".into(),
            body: "plain".into(),
            html: None,
            reply_to: Some("risposte+abc@example.org".into()),
            list_unsubscribe: None,
        };
        let text = String::from_utf8_lossy(
            &message(&config, &email)
                .unwrap_or_else(|e| panic!("{e}"))
                .formatted(),
        )
        .into_owned();
        assert!(
            text.contains("Reply-To: risposte+abc@example.org"),
            "{text}"
        );
        let old: Email = serde_json::from_str(r#"{"to":"a@example.org","subject":"S","body":"B"}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(old.reply_to.is_none());
    }
}
