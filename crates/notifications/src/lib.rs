//! `prassi-notifications`: how the community comes back by itself. Members learn, without
//! visiting, that someone answered, asked for their expertise or changed a page they care
//! about: notifications in the platform (a bell and `/notifiche`), by email (immediately or in
//! a digest) with reply by email, and Atom feeds. Every delivery and every listing checks with
//! the access rule that the recipient may still read the item. See `docs/notifications.md`.

pub mod feeds;
pub mod mail;

use actix_web::web;

/// The notifications module, as the server's module list holds it.
pub struct Notifications;

impl prassi_core::Module for Notifications {
    fn name(&self) -> &'static str {
        "notifications"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        feeds::configure(cfg);
        mail::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        Some(mail::openapi())
    }
}
