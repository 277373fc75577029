//! The seam every feature module plugs into. A module (Q&A, forum, wiki, accounts, search, the
//! site pages, and the modules still to come) implements [`Module`] once; the server holds the
//! only list of modules (`prassi_server::modules()`) and every place that used to wire modules
//! by hand iterates it: routes, the OpenAPI document, the outbox worker's topics and
//! housekeeping, the home page's sections and member profiles. A test walks the list and
//! proves each module's hooks work (`tests/tests/it/modules.rs`).
//!
//! Every hook but [`Module::name`] and [`Module::configure`] has a default that contributes
//! nothing, so a module states only what it has.

use actix_web::web;

use crate::demo::DemoContent;
use crate::notify::EventKind;
use crate::search::{DocKind, SearchSource};
use crate::state::ProfileExtra;
use crate::worker::{BatchHandler, Handler, Housekeeping, Probe};

/// A section of the platform on the home page: a card linking to it. Its title and
/// description are the message keys `home-module-<key>-title` and `home-module-<key>-description`
/// (both languages); the card is shown to whoever may read the public areas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HomeCard {
    pub key: &'static str,
    pub href: &'static str,
}

impl HomeCard {
    /// The message keys of the card's title and description.
    pub fn message_keys(&self) -> [String; 2] {
        [
            format!("home-module-{}-title", self.key),
            format!("home-module-{}-description", self.key),
        ]
    }
}

/// A block on the home page, as one viewer sees it: the module's template (rendered by the
/// home page with `block`, `lang` and, for a [`HomeScope::Viewer`] block, `csrf_token`) and
/// the data it shows. The data must hold only what the viewer may read; only blocks about the
/// viewer may carry forms.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HomeBlock {
    /// The template, in the module's folder (`qa/_home.html`).
    pub template: &'static str,
    /// What the template receives as `block`.
    pub data: serde_json::Value,
}

/// What a home block depends on, and so how the home page keeps it
/// ([`crate::audience_cache`], a few seconds, dropped by any content write).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeScope {
    /// Only the audiences the viewer may read: kept as HTML per audience set and language,
    /// shared by every viewer with the same audiences.
    Audiences,
    /// The viewer themself (whether they voted, their areas of expertise): its data is kept
    /// per member and audience set, and rendered on each view with the viewer's CSRF token;
    /// visitors without an account share one copy, like [`HomeScope::Audiences`].
    Viewer,
}

/// One of a module's blocks on the home page.
#[derive(Debug, Clone, Copy)]
pub struct HomeSection {
    /// Names the block among all modules' blocks (the cache key): `qa`, `qa-expertise`.
    pub key: &'static str,
    /// Builds the block for one viewer.
    pub build: HomeBlockFn,
    /// What the block depends on.
    pub scope: HomeScope,
}

impl HomeSection {
    /// A block that depends only on the audiences the viewer may read.
    pub const fn audiences(key: &'static str, build: HomeBlockFn) -> Self {
        HomeSection {
            key,
            build,
            scope: HomeScope::Audiences,
        }
    }

    /// A block about the viewer.
    pub const fn viewer(key: &'static str, build: HomeBlockFn) -> Self {
        HomeSection {
            key,
            build,
            scope: HomeScope::Viewer,
        }
    }
}

/// Builds a module's home block for the viewer (`None`: nothing to show to this viewer). Runs
/// on a database connection shared with the other blocks of the same page view.
pub type HomeBlockFn = fn(
    &mut prassi_db::DbConnection,
    &crate::access::Viewer,
    crate::access::Phase,
) -> crate::error::AppResult<Option<HomeBlock>>;

/// How a module handles the outbox events of one topic.
#[derive(Clone)]
pub enum TopicHandler {
    /// One event at a time.
    Each(Handler),
    /// Events in batches, merged by item, with the probe of the service they feed.
    Batch(BatchHandler, Option<Probe>),
}

/// An outbox topic a module writes and handles.
#[derive(Clone)]
pub struct OutboxTopic {
    pub topic: &'static str,
    pub handler: TopicHandler,
}

/// A feature module of the platform.
pub trait Module: Send + Sync {
    /// A short stable name (`qa`, `forum`, …), unique in the list.
    fn name(&self) -> &'static str;

    /// Registers the module's HTML pages and `/api/v1` routes.
    fn configure(&self, cfg: &mut web::ServiceConfig);

    /// The module's part of the OpenAPI document.
    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        None
    }

    /// The request bodies of [`Module::openapi`] whose fields are `#[serde(default)]` (so a
    /// form may send them empty and get every error at once) but which the API requires:
    /// schema name and its required fields. The server marks them `required` in the document.
    fn required_fields(&self) -> &'static [(&'static str, &'static [&'static str])] {
        &[]
    }

    /// A few `GET` paths that must answer a signed-in member with a page (not a 404 or a
    /// 5xx) on a fresh platform: the module test requests each.
    fn entry_paths(&self) -> &'static [&'static str] {
        &[]
    }

    /// The module's cards on the home page.
    fn home_cards(&self) -> &'static [HomeCard] {
        &[]
    }

    /// The module's blocks on the home page, in order: what is new in the module among the
    /// things the viewer may read, or what waits for the viewer, each with a fixed number of
    /// queries (see [`HomeBlock`] and [`HomeScope`]).
    fn home_blocks(&self) -> &'static [HomeSection] {
        &[]
    }

    /// The module's lines on member profiles (access rule applied, a fixed number of
    /// queries).
    fn profile_activity(&self) -> Option<ProfileExtra> {
        None
    }

    /// The outbox topics the module handles.
    fn outbox_topics(&self) -> Vec<OutboxTopic> {
        Vec::new()
    }

    /// Hourly housekeeping tasks.
    fn housekeeping(&self) -> Vec<Housekeeping> {
        Vec::new()
    }

    /// The search item kinds whose documents the module owns.
    fn search_kinds(&self) -> &'static [DocKind] {
        &[]
    }

    /// The module's searchable items and how to build their documents (its `search.rs`).
    fn search_sources(&self) -> &'static [SearchSource] {
        &[]
    }

    /// How a search limited to one working group finds that group (only the groups module
    /// has one; the server keeps the first it finds).
    fn search_scope(&self) -> Option<crate::search::GroupResolver> {
        None
    }

    /// The kinds of notification events the module records (`prassi_core::notify`), which
    /// the notifications module will deliver.
    fn notification_kinds(&self) -> &'static [EventKind] {
        &[]
    }

    /// The module's demo content: its part of the community `prassi demo` fills a new
    /// database with, and of the generated dataset of `prassi demo --size small|large` (see
    /// [`crate::demo`]). Parts run in the order their [`DemoContent::after`] sets.
    fn demo(&self) -> Option<DemoContent> {
        None
    }
}
