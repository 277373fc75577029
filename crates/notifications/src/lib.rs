//! `prassi-notifications`: how the community comes back by itself. Members learn, without
//! visiting, that someone answered, asked for their expertise or changed a page they care
//! about: notifications in the platform (a bell and `/notifiche`), by email (immediately, with
//! one-click unsubscribe and reply by email, and in a daily or weekly digest), and Atom feeds. Every delivery and every listing
//! checks with the access rule that the recipient may still read the item. See
//! `docs/notifications.md`.

pub mod api;
pub mod feeds;
pub mod mail;
pub mod pages;
pub mod service;

use actix_web::web;
use prassi_core::module::{OutboxTopic, TopicHandler};

/// The notifications module, as the server's module list holds it.
pub struct Notifications;

impl prassi_core::Module for Notifications {
    fn name(&self) -> &'static str {
        "notifications"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        api::configure(cfg);
        pages::configure(cfg);
        feeds::configure(cfg);
        mail::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        use utoipa::OpenApi;
        let mut doc = api::NotificationsApi::openapi();
        doc.merge(mail::openapi());
        Some(doc)
    }

    fn required_fields(&self) -> &'static [(&'static str, &'static [&'static str])] {
        &[
            ("PreferencesInput", &["channels"]),
            ("ChannelChoice", &["kind", "channel"]),
            ("WatchInput", &["item_kind", "item_id", "level"]),
            ("DigestInput", &["frequency"]),
        ]
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &[
            "/notifiche",
            "/notifiche/impostazioni",
            "/api/v1/notifications",
        ]
    }

    fn housekeeping(&self) -> Vec<prassi_core::worker::Housekeeping> {
        vec![std::sync::Arc::new(|state, conn| {
            let mc = prassi_core::mail::MailContext::for_state(state);
            mail::prune(conn, prassi_db::now())?;
            service::digest::send_due(conn, &state.config, &mc, prassi_db::now()).map(|_| ())
        })]
    }

    fn outbox_topics(&self) -> Vec<OutboxTopic> {
        vec![OutboxTopic {
            topic: prassi_core::notify::TOPIC,
            handler: TopicHandler::Batch(std::sync::Arc::new(service::deliver::handle_batch), None),
        }]
    }
}
