//! `prassi-agenda`: the community's events (Co.PIS: "un'agenda per pianificare le attività
//! della community"; Veneto in Azione's Co-Labora meetings of four hours with a fixed format).
//! An event has a programme of blocks, speakers, partners and linked activities, an audience
//! (public, members or a working group), registration until seats run out and then a waiting
//! list, and iCalendar files and feeds. Every page and call goes through
//! [`access::readable_event`] or filters by the viewer's audiences.

pub mod access;
pub mod api;
pub mod demo;
pub mod home;
pub mod ics;
pub mod pages;
pub mod programme;
pub mod reminders;
pub mod search;
pub mod service;
pub mod session;
pub mod tables;
pub mod time;

use actix_web::web;
use prassi_core::module::HomeCard;

/// The agenda module, as the server's module list holds it.
pub struct Agenda;

impl prassi_core::Module for Agenda {
    fn notification_kinds(&self) -> &'static [prassi_core::notify::EventKind] {
        use prassi_core::notify::EventKind;
        &[
            EventKind::AgendaRegistered,
            EventKind::AgendaPromoted,
            EventKind::AgendaEventChanged,
            EventKind::AgendaEventCancelled,
        ]
    }

    fn name(&self) -> &'static str {
        "agenda"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        api::configure(cfg);
        session::configure(cfg);
        pages::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        use utoipa::OpenApi;
        let mut doc = api::AgendaApi::openapi();
        doc.merge(session::openapi());
        Some(doc)
    }

    fn required_fields(&self) -> &'static [(&'static str, &'static [&'static str])] {
        &[
            ("EventInput", &["title", "starts_at", "ends_at", "format"]),
            ("AgendaQuestionInput", &["body"]),
            ("AgendaAnswerInput", &["answer_md"]),
            ("AgendaFeedbackInput", &["rating"]),
            ("AgendaTablesInput", &["definitions"]),
            ("AgendaOutcomesInput", &["outcomes_md"]),
        ]
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &["/agenda", "/agenda/mese", "/api/v1/agenda/events"]
    }

    fn home_cards(&self) -> &'static [HomeCard] {
        &[HomeCard {
            key: "agenda",
            href: "/agenda",
        }]
    }

    fn home_blocks(&self) -> &'static [prassi_core::module::HomeSection] {
        const BLOCKS: &[prassi_core::module::HomeSection] =
            &[prassi_core::module::HomeSection::audiences(
                "agenda",
                home::home_block,
            )];
        BLOCKS
    }

    fn search_kinds(&self) -> &'static [prassi_core::search::DocKind] {
        &[prassi_core::search::DocKind::Event]
    }

    fn search_sources(&self) -> &'static [prassi_core::search::SearchSource] {
        search::SOURCES
    }

    fn housekeeping(&self) -> Vec<prassi_core::worker::Housekeeping> {
        vec![std::sync::Arc::new(|state, conn| {
            reminders::send_due(state, conn).map(|_| ())
        })]
    }

    fn demo(&self) -> Option<prassi_core::demo::DemoContent> {
        Some(demo::DEMO)
    }
}
