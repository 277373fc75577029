//! `prassi-accounts`: people and the way in — registration under the phased opening, sign-in
//! with throttling, server-side sessions and revocable API tokens, password change and reset,
//! profiles with consent-based directory listing, moderation of membership requests and the
//! administrators' page (phase, registration policy, invitations, roles, audit log).

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
    api::AccountsApi::openapi()
}
