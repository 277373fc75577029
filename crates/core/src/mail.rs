//! Outgoing email. Messages are queued in the outbox inside the transaction that causes them
//! (so a crash or a down mail server loses nothing) and sent by the worker through the
//! configured transport: the log, `.eml` files in a folder, or a real SMTP server via lettre.

use lettre::message::Mailbox;
use lettre::{Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};

use crate::config::{Config, MailTransport};

/// Outbox topic of queued email.
pub const TOPIC: &str = "email.send";

/// A queued message.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Queues `email` in the outbox; call inside the causing transaction.
pub fn enqueue(conn: &mut prassi_db::DbConnection, email: &Email) -> diesel::QueryResult<()> {
    let payload = serde_json::to_value(email).unwrap_or_default();
    prassi_db::outbox::enqueue(conn, TOPIC, &payload).map(|_| ())
}

/// Sends one message through the configured transport.
pub fn send(config: &Config, email: &Email) -> Result<(), String> {
    let from: Mailbox = config
        .mail_from
        .parse()
        .map_err(|e| format!("mail_from: {e}"))?;
    let to: Mailbox = email.to.parse().map_err(|e| format!("to: {e}"))?;
    let message = Message::builder()
        .from(from)
        .to(to)
        .subject(email.subject.clone())
        .body(email.body.clone())
        .map_err(|e| e.to_string())?;
    match &config.mail {
        MailTransport::Log => {
            tracing::info!(to = %email.to, subject = %email.subject, body = %email.body, "email (log transport)");
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
