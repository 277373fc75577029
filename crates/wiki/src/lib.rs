//! `prassi-wiki`: the community's shared knowledge (Co.PIS: "participants can create new
//! content or add to and change what other members created"). Pages have an audience, a
//! parent and categories, link to each other with `[[Title]]`, and keep every revision. A save
//! carries the revision it started from: a stale save is merged three-way with what changed
//! meanwhile, or answered with a conflict page that keeps the editor's text, so no edit is
//! ever lost. Pages have a talk page, can be watched and exported as Markdown, and accepted
//! Q&A answers can be promoted into them.

pub mod api;
pub mod demo;
pub mod home;
pub mod merge;
pub mod pages;
pub mod review;
pub mod search;
pub mod service;

use actix_web::web;
use prassi_core::module::HomeCard;
use prassi_core::search::DocKind;

/// The wiki module, as the server's module list holds it.
pub struct Wiki;

impl prassi_core::Module for Wiki {
    fn name(&self) -> &'static str {
        "wiki"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        api::configure(cfg);
        review::configure(cfg);
        pages::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        use utoipa::OpenApi;
        let mut doc = api::WikiApi::openapi();
        doc.merge(review::ReviewApi::openapi());
        Some(doc)
    }

    fn required_fields(&self) -> &'static [(&'static str, &'static [&'static str])] {
        &[
            ("PageInput", &["title", "body_md"]),
            ("SaveInput", &["title", "body_md", "base_revision"]),
            ("SettingsInput", &["protected"]),
            ("ReviewInput", &["owner", "review_by"]),
            ("ReviewedInput", &["next_review"]),
        ]
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &["/wiki", "/api/v1/wiki/pages", "/api/v1/wiki/changes"]
    }

    fn home_cards(&self) -> &'static [HomeCard] {
        &[HomeCard {
            key: "wiki",
            href: "/wiki",
        }]
    }

    fn home_blocks(&self) -> &'static [prassi_core::module::HomeSection] {
        const BLOCKS: &[prassi_core::module::HomeSection] =
            &[prassi_core::module::HomeSection::audiences(
                "wiki",
                home::home_block,
            )];
        BLOCKS
    }

    fn profile_activity(&self) -> Option<prassi_core::state::ProfileExtra> {
        Some(service::profile_activity)
    }

    fn search_kinds(&self) -> &'static [DocKind] {
        &[DocKind::Wiki]
    }

    fn search_sources(&self) -> &'static [prassi_core::search::SearchSource] {
        search::SOURCES
    }

    fn notification_kinds(&self) -> &'static [prassi_core::notify::EventKind] {
        use prassi_core::notify::EventKind;
        &[
            EventKind::WikiPageCreated,
            EventKind::WikiPageEdited,
            EventKind::WikiTalkPosted,
            EventKind::AnswerPromoted,
            EventKind::WikiReviewDue,
        ]
    }

    fn housekeeping(&self) -> Vec<prassi_core::worker::Housekeeping> {
        // Pages whose review date arrived (`service::review`).
        vec![std::sync::Arc::new(|_state, conn| {
            service::notify_due_pages(conn).map(|_| ())
        })]
    }

    fn demo(&self) -> Option<prassi_core::demo::DemoContent> {
        Some(demo::DEMO)
    }
}
