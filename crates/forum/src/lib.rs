//! `prassi-forum`: the community's discussion space (Co.PIS: "lo strumento principale della
//! Comunità"). Administrators manage categories, each with an audience; members open
//! discussions, reply, quote and @mention each other; authors edit with full history;
//! moderators hide posts with a reason, lock, pin and move discussions. Lists show the latest
//! activity, each category, and what a member has not read yet.

pub mod api;
pub mod counters;
pub mod demo;
pub mod home;
pub mod pages;
pub mod search;
pub mod service;

use actix_web::web;
use prassi_core::module::HomeCard;
use prassi_core::search::DocKind;

/// The forum module, as the server's module list holds it.
pub struct Forum;

impl prassi_core::Module for Forum {
    fn name(&self) -> &'static str {
        "forum"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        api::configure(cfg);
        pages::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        use utoipa::OpenApi;
        Some(api::ForumApi::openapi())
    }

    fn required_fields(&self) -> &'static [(&'static str, &'static [&'static str])] {
        &[
            ("CategoryInput", &["name", "audience"]),
            ("PostEdit", &["body_md"]),
            ("ModerationInput", &["action"]),
            ("DiscussionInput", &["title", "body_md"]),
        ]
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &[
            "/forum",
            "/api/v1/forum/categories",
            "/api/v1/forum/discussions",
        ]
    }

    fn home_cards(&self) -> &'static [HomeCard] {
        &[HomeCard {
            key: "forum",
            href: "/forum",
        }]
    }

    fn home_blocks(&self) -> &'static [prassi_core::module::HomeSection] {
        const BLOCKS: &[prassi_core::module::HomeSection] =
            &[prassi_core::module::HomeSection::audiences(
                "forum",
                home::home_block,
            )];
        BLOCKS
    }

    fn profile_activity(&self) -> Option<prassi_core::state::ProfileExtra> {
        Some(counters::profile_activity)
    }

    fn search_kinds(&self) -> &'static [DocKind] {
        &[DocKind::Discussion, DocKind::Reply]
    }

    fn search_sources(&self) -> &'static [prassi_core::search::SearchSource] {
        search::SOURCES
    }

    fn notification_kinds(&self) -> &'static [prassi_core::notify::EventKind] {
        use prassi_core::notify::EventKind;
        &[
            EventKind::DiscussionStarted,
            EventKind::ReplyPosted,
            EventKind::MemberMentioned,
        ]
    }

    fn demo(&self) -> Option<prassi_core::demo::DemoContent> {
        Some(demo::DEMO)
    }
}
