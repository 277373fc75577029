//! The documents deposit of a working group (to be written).

use actix_web::web;

/// Registers the documents routes.
pub fn configure(_cfg: &mut web::ServiceConfig) {}
