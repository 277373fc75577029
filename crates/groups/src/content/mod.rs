//! A group's content in other modules and its path to public knowledge (to be written).

use actix_web::web;

/// Registers the content routes.
pub fn configure(_cfg: &mut web::ServiceConfig) {}
