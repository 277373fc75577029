//! `prassi-forum`: the community's discussion space (Co.PIS: "lo strumento principale della
//! Comunità"). Administrators manage categories, each with an audience; members open
//! discussions, reply, quote and @mention each other; authors edit with full history;
//! moderators hide posts with a reason, lock, pin and move discussions. Lists show the latest
//! activity, each category, and what a member has not read yet.

pub mod api;
pub mod pages;
pub mod service;

use actix_web::web;

/// Registers the module's pages and JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
    pages::configure(cfg);
}

/// The module's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    api::ForumApi::openapi()
}
