//! Atom feeds of public and members' content.

use actix_web::web;

/// The feeds' routes.
pub fn configure(_cfg: &mut web::ServiceConfig) {}
