//! `prassi-qa`: questions and answers. A member asks; members and experts answer; votes rank
//! the answers; the asker accepts the best one, which is shown first; answers by experts are
//! marked. Tags are a shared vocabulary that moderators curate. Everything is filtered by the
//! shared access rule, in pages, lists, counts and the API alike.

pub mod api;
pub mod counters;
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
    api::QaApi::openapi()
}
