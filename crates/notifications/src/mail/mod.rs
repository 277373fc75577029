//! Reply by email: incoming mail becomes an answer, comment or reply.

use actix_web::web;

/// The incoming-mail routes.
pub fn configure(_cfg: &mut web::ServiceConfig) {}
