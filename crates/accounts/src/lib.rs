//! `prassi-accounts`: people and the way in — registration under the phased opening, sign-in
//! with throttling, server-side sessions and revocable API tokens, password change and reset,
//! profiles with consent-based directory listing, moderation of membership requests and the
//! administrators' page (phase, registration policy, invitations, roles, audit log).

pub mod api;
pub mod demo;
pub mod home;
pub mod pages;
pub mod search;
pub mod service;

use actix_web::web;
use prassi_core::module::HomeCard;
use prassi_core::search::DocKind;

/// The accounts module (people, sign-in, profiles, the directory, administration), as the server's module list holds it.
pub struct Accounts;

impl prassi_core::Module for Accounts {
    fn name(&self) -> &'static str {
        "accounts"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        api::configure(cfg);
        pages::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        use utoipa::OpenApi;
        Some(api::AccountsApi::openapi())
    }

    fn required_fields(&self) -> &'static [(&'static str, &'static [&'static str])] {
        &[
            (
                "RegistrationInput",
                &[
                    "username",
                    "email",
                    "password",
                    "display_name",
                    "organisation",
                ],
            ),
            ("ProfileInput", &["display_name", "organisation"]),
        ]
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &["/profilo", "/membri", "/api/v1/me", "/api/v1/members"]
    }

    fn home_cards(&self) -> &'static [HomeCard] {
        &[HomeCard {
            key: "members",
            href: "/membri",
        }]
    }

    fn home_blocks(&self) -> &'static [prassi_core::module::HomeSection] {
        const BLOCKS: &[prassi_core::module::HomeSection] =
            &[prassi_core::module::HomeSection::audiences(
                "accounts",
                home::home_block,
            )];
        BLOCKS
    }

    fn housekeeping(&self) -> Vec<prassi_core::worker::Housekeeping> {
        vec![std::sync::Arc::new(|_, conn| {
            service::purge_old_attempts(conn).map(|_| ())
        })]
    }

    fn search_kinds(&self) -> &'static [DocKind] {
        &[DocKind::Member]
    }

    fn search_sources(&self) -> &'static [prassi_core::search::SearchSource] {
        search::SOURCES
    }

    fn notification_kinds(&self) -> &'static [prassi_core::notify::EventKind] {
        use prassi_core::notify::EventKind;
        &[
            EventKind::AccountApproved,
            EventKind::AccountRoleChanged,
            EventKind::InvitationAccepted,
        ]
    }

    fn demo(&self) -> Option<prassi_core::demo::DemoContent> {
        Some(demo::DEMO)
    }
}
