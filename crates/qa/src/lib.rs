//! `prassi-qa`: questions and answers. A member asks; members and experts answer; votes rank
//! the answers; the asker accepts the best one, which is shown first; answers by experts are
//! marked. Tags are a shared vocabulary that moderators curate. Everything is filtered by the
//! shared access rule, in pages, lists, counts and the API alike.

pub mod api;
pub mod counters;
pub mod demo;
pub mod home;
pub mod pages;
pub mod queue;
pub mod review;
pub mod search;
pub mod service;

use actix_web::web;
use prassi_core::module::HomeCard;
use prassi_core::search::DocKind;

/// The Q&A module, as the server's module list holds it.
pub struct Qa;

impl prassi_core::Module for Qa {
    fn name(&self) -> &'static str {
        "qa"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        api::configure(cfg);
        queue::configure(cfg);
        review::configure(cfg);
        pages::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        use utoipa::OpenApi;
        let mut doc = api::QaApi::openapi();
        doc.merge(review::AnswerReviewApi::openapi());
        Some(doc)
    }

    fn required_fields(&self) -> &'static [(&'static str, &'static [&'static str])] {
        &[
            ("QuestionInput", &["title", "body_md", "tags"]),
            ("TagInput", &["name"]),
            ("EditInput", &["body_md"]),
            ("CloseInput", &["reason", "note"]),
        ]
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &[
            "/qa",
            "/qa?tab=unanswered",
            "/qa/tags",
            "/api/v1/qa/questions",
        ]
    }

    fn home_cards(&self) -> &'static [HomeCard] {
        &[HomeCard {
            key: "qa",
            href: "/qa",
        }]
    }

    fn home_blocks(&self) -> &'static [prassi_core::module::HomeSection] {
        use prassi_core::module::HomeSection;
        const BLOCKS: &[HomeSection] = &[
            HomeSection::viewer("qa-expertise", home::expertise_block),
            HomeSection::audiences("qa", home::home_block),
        ];
        BLOCKS
    }

    fn profile_activity(&self) -> Option<prassi_core::state::ProfileExtra> {
        Some(service::profile_activity)
    }

    fn search_kinds(&self) -> &'static [DocKind] {
        &[DocKind::Question, DocKind::Answer]
    }

    fn search_sources(&self) -> &'static [prassi_core::search::SearchSource] {
        search::SOURCES
    }

    fn notification_kinds(&self) -> &'static [prassi_core::notify::EventKind] {
        use prassi_core::notify::EventKind;
        &[
            EventKind::QuestionAsked,
            EventKind::AnswerPosted,
            EventKind::QaCommentPosted,
            EventKind::AnswerAccepted,
            EventKind::ExpertInvited,
            EventKind::QuestionClosed,
            EventKind::AnswerReviewDue,
        ]
    }

    fn demo(&self) -> Option<prassi_core::demo::DemoContent> {
        Some(demo::DEMO)
    }

    fn housekeeping(&self) -> Vec<prassi_core::worker::Housekeeping> {
        // Expert routing on the wall clock (`service::routing`).
        vec![
            std::sync::Arc::new(|state, conn| {
                service::routing::route_due(conn, &state.config.expert_routing, prassi_db::now())
                    .map(|_| ())
            }),
            // Accepted answers whose review date arrived (`service::review`).
            std::sync::Arc::new(|_state, conn| service::notify_due_answers(conn).map(|_| ())),
        ]
    }
}
