//! Atom feeds of the community's content, for people who follow it from a feed reader: the
//! newest questions (all, and per tag), a forum category's new discussions and replies, the
//! wiki's recent changes, the coming events of the agenda and a working group's activity.
//!
//! - [`sources`]: what each feed holds, decided through the owning module's own services and
//!   audience filters, so a feed never shows what the item's page would refuse; at most
//!   [`sources::FEED_LIMIT`] entries per feed, through indexes, with no count;
//! - [`atom`]: the Atom document, written with `atom_syndication` (stable `tag:` ids,
//!   `self`/`alternate` links, `xml:lang`, sanitized HTML content);
//! - [`keys`]: members' personal secret keys (stored as SHA-256 only), which let a reader
//!   see what the member sees, re-checked at every request;
//! - [`pages`]: the routes, caching and validators, and the `/feed` page.
//!
//! Without a key a feed shows what the requester may read: a visitor gets public content in
//! the open phase and `401` in the closed phases, as the list pages do. See
//! `docs/notifications.md`.

pub mod atom;
pub mod keys;
pub mod pages;
pub mod sources;

use actix_web::web;

/// The feeds' routes and the `/feed` page.
pub fn configure(cfg: &mut web::ServiceConfig) {
    pages::configure(cfg);
}
