//! `prassi-wiki`: the community's shared knowledge (Co.PIS: "participants can create new
//! content or add to and change what other members created"). Pages have an audience, a
//! parent and categories, link to each other with `[[Title]]`, and keep every revision. A save
//! carries the revision it started from: a stale save is merged three-way with what changed
//! meanwhile, or answered with a conflict page that keeps the editor's text, so no edit is
//! ever lost. Pages have a talk page, can be watched and exported as Markdown, and accepted
//! Q&A answers can be promoted into them.

pub mod api;
pub mod merge;
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
    api::WikiApi::openapi()
}
