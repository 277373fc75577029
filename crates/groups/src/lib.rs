//! `prassi-groups`: working groups, the reserved areas of the community (Co.PIS: "i
//! partecipanti possono creare gruppi di lavoro e incontrarsi in aree riservate"; the projects
//! of Territori inclusivi, the Formez labs and regional tables, the Emilia-Romagna "Piazza").
//! A group has a visibility (public, listed, secret) and a join policy (open, by request, by
//! invitation), coordinators and members, a log of every change, its own discussions, wiki
//! pages and questions, a documents deposit with versions, and proposals to publish its pages
//! as public knowledge. Every page and call goes through [`access::readable_group`].

pub mod access;
pub mod api;
pub mod content;
pub mod demo;
pub mod documents;
pub mod home;
pub mod pages;
pub mod search_scope;
pub mod service;

use actix_web::web;
use prassi_core::module::HomeCard;

/// The working groups module, as the server's module list holds it.
pub struct Groups;

impl prassi_core::Module for Groups {
    fn name(&self) -> &'static str {
        "groups"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        // Fixed paths (`/gruppi/pubblicazioni`, `/api/v1/groups/publications/…`) before the
        // `{slug}` routes that would take them for a group.
        content::configure(cfg);
        documents::configure(cfg);
        api::configure(cfg);
        pages::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        use utoipa::OpenApi;
        let mut doc = api::GroupsApi::openapi();
        doc.merge(documents::openapi());
        doc.merge(content::api::GroupContentApi::openapi());
        Some(doc)
    }

    fn required_fields(&self) -> &'static [(&'static str, &'static [&'static str])] {
        &[
            ("ProposeInput", &["page"]),
            ("DecisionInput", &["decision"]),
        ]
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &["/gruppi", "/gruppi/inviti", "/api/v1/groups"]
    }

    fn home_cards(&self) -> &'static [HomeCard] {
        &[HomeCard {
            key: "groups",
            href: "/gruppi",
        }]
    }

    fn home_blocks(&self) -> &'static [prassi_core::module::HomeSection] {
        const BLOCKS: &[prassi_core::module::HomeSection] =
            &[prassi_core::module::HomeSection::viewer(
                "groups",
                home::home_block,
            )];
        BLOCKS
    }

    fn profile_activity(&self) -> Option<prassi_core::state::ProfileExtra> {
        Some(home::profile_activity)
    }

    fn search_scope(&self) -> Option<prassi_core::search::GroupResolver> {
        Some(search_scope::resolve)
    }

    fn notification_kinds(&self) -> &'static [prassi_core::notify::EventKind] {
        use prassi_core::notify::EventKind;
        &[
            EventKind::GroupRequested,
            EventKind::GroupRequestDecided,
            EventKind::GroupInvited,
            EventKind::GroupMemberJoined,
            EventKind::GroupPublicationProposed,
            EventKind::GroupPublicationDecided,
        ]
    }

    fn demo(&self) -> Option<prassi_core::demo::DemoContent> {
        Some(demo::DEMO)
    }
}
