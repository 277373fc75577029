//! Wiki services: pages (audience, parent, categories, protection), `[[links]]` and
//! backlinks, saves conditioned on the revision they started from (three-way merge or
//! conflict), history, differences and restores, recent changes and contributions, watches,
//! talk pages, Markdown export and promotion of accepted Q&A answers. Every read goes through
//! the shared access rule via the page's audience; a page the viewer may not read answers
//! "not found".

mod access;
mod history;
mod input;
mod promotion;
mod reading;
mod review;
mod talk;
mod writing;

pub use access::{may_edit, readable_page, Found};
pub use history::{
    changes, diff, revision, ChangeFilter, ChangeView, DiffView, RevisionDetail, RevisionMeta,
};
pub use input::{parse_categories, PageInput, SaveInput};
pub use promotion::{promotable_answer, promote, PromoteInput};
pub use reading::{
    categories, category_url, export_markdown, list, page_view, profile_activity, CategoryCount,
    PageRef, PageSummary, PageView, SourceRef,
};
pub use review::{
    mark_page_reviewed, notify_due_pages, page_review, review_list, review_pages, set_page_review,
    ReviewList,
};
pub use talk::{add_talk, talk, TalkAdded, TalkView};
pub use writing::{
    create, create_in_group, edit_form, restore, save, set_settings, set_watch, Conflict,
    SaveOutcome, SettingsInput,
};

use prassi_core::markdown;

/// The language of content whose author did not choose one: the site's.
const DEFAULT_LANG: &str = prassi_core::i18n::LANGUAGES[0];

/// Longest page title, in characters.
pub const MAX_TITLE: usize = 120;
/// Longest page body, in characters.
pub const MAX_BODY: usize = 100_000;
/// Most categories on one page.
pub const MAX_CATEGORIES: usize = 10;
/// Longest talk-page comment, in characters.
pub const MAX_TALK: usize = 10_000;
/// Deepest parent chain followed (breadcrumbs and cycle checks).
const MAX_DEPTH: usize = 20;

/// The URL slug of a title; also the key `[[links]]` resolve by, so "Comunità di pratica" and
/// "comunita di pratica" name the same page.
pub fn slug_of(title: &str) -> String {
    markdown::anchor_of(title)
}

/// The page's canonical URL.
pub fn page_url(slug: &str) -> String {
    format!("/wiki/p/{slug}")
}

/// The form that creates a page with this title.
pub fn new_page_url(title: &str) -> String {
    format!("/wiki/nuova?titolo={}", prassi_core::web::url_encode(title))
}
