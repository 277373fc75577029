//! Forum services: categories (each with an audience), discussions and replies, quoting,
//! @mentions, edits with history, moderation (hide with a reason, lock, pin, move) and the
//! lists (latest activity, per category, unread). Every read is filtered by the shared access
//! rule through the category's audience; a discussion the viewer may not read answers
//! "not found".

mod access;
mod categories;
mod editing;
mod mentions;
mod moderation;
mod reading;
mod writing;

pub use access::{readable_category, readable_discussion};
pub use categories::{categories, create_category, CategoryInput, CategoryView};
pub use editing::{edit, editable, readable_history, EditablePost, PostEdit};
pub use mentions::{mentioned_usernames, my_mentions, MentionView};
pub use moderation::{moderate, set_hidden, ModerationInput};
pub use reading::{
    category_page, discussion_page, list, CategoryRef, DiscussionDetail, DiscussionPage,
    DiscussionSummary, ListFilter, PostView,
};
pub use writing::{
    group_category, recount, reply, reply_in, start, start_in_group, DiscussionInput, GroupPlace,
};

use prassi_db::DiscussionId;

/// The language of content whose author did not choose one: the site's.
const DEFAULT_LANG: &str = prassi_core::i18n::LANGUAGES[0];

/// Longest discussion title, in characters.
pub const MAX_TITLE: usize = 150;
/// Longest post, in characters.
pub const MAX_BODY: usize = 30_000;
/// Posts per discussion page.
pub const POSTS_PER_PAGE: i64 = 50;

/// The URL slug of a title.
pub fn slug_of(title: &str) -> String {
    let s: String = slug::slugify(title).chars().take(80).collect();
    let s = s.trim_end_matches('-').to_owned();
    if s.is_empty() {
        "discussione".into()
    } else {
        s
    }
}

/// The canonical page of a discussion.
pub fn discussion_url(id: &DiscussionId, title: &str) -> String {
    format!("/forum/d/{id}/{}", slug_of(title))
}

fn category_url(slug: &str) -> String {
    format!("/forum/c/{slug}")
}
