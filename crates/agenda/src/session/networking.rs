//! (to be written)

use actix_web::web;

/// Registers this part's routes.
pub fn configure(_cfg: &mut web::ServiceConfig) {}

/// This part's OpenAPI paths.
#[derive(utoipa::OpenApi)]
#[openapi()]
pub struct NetworkingApi;
