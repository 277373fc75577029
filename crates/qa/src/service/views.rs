//! The shapes the question page and the lists are rendered from (HTML pages and the JSON
//! API alike).

use chrono::NaiveDateTime;
use prassi_core::people::AuthorView;
use serde::Serialize;

use super::experts::ExpertSuggestion;

/// A question in a list.
#[derive(Debug, Clone, Hash, Serialize, utoipa::ToSchema)]
pub struct QuestionSummary {
    pub id: String,
    pub title: String,
    pub url: String,
    pub excerpt: String,
    pub score: i32,
    pub answer_count: i32,
    pub has_accepted: bool,
    pub closed: bool,
    pub tags: Vec<String>,
    pub author: AuthorView,
    pub created_at: NaiveDateTime,
    pub last_activity_at: NaiveDateTime,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
}

/// A comment.
#[derive(Debug, Clone, Hash, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    pub id: String,
    pub body: String,
    pub author: AuthorView,
    pub created_at: NaiveDateTime,
}

/// An answer on the question page.
#[derive(Debug, Clone, Hash, Serialize, utoipa::ToSchema)]
pub struct AnswerView {
    pub id: String,
    pub body_html: String,
    pub body_md: String,
    pub score: i32,
    pub author: AuthorView,
    pub accepted: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The viewer's vote: -1, 0 or 1.
    pub my_vote: i32,
    pub is_own: bool,
    /// The viewer may edit it (its author, or a moderator).
    pub can_edit: bool,
    pub revision_count: i64,
    pub url_edit: String,
    pub url_history: String,
    pub comments: Vec<CommentView>,
    /// Wiki pages this answer was promoted into (those the viewer may read).
    pub wiki_pages: Vec<WikiRef>,
    /// Where to promote it into the wiki; empty unless it is accepted and the viewer takes part.
    pub promote_url: String,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
}

/// A wiki page named on the question page.
#[derive(Debug, Clone, Hash, Serialize, utoipa::ToSchema)]
pub struct WikiRef {
    pub title: String,
    pub url: String,
}

/// The question itself on its page.
#[derive(Debug, Clone, Hash, Serialize, utoipa::ToSchema)]
pub struct QuestionDetail {
    pub id: String,
    pub title: String,
    pub url: String,
    pub body_html: String,
    pub body_md: String,
    pub score: i32,
    pub answer_count: i32,
    pub audience: String,
    pub tags: Vec<String>,
    pub author: AuthorView,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub closed_reason: Option<String>,
    pub closed_note: Option<String>,
    pub duplicate_url: Option<String>,
    pub accepted_answer_id: Option<String>,
    pub my_vote: i32,
    pub is_author: bool,
    pub can_edit: bool,
    pub revision_count: i64,
    pub url_edit: String,
    pub url_history: String,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
    /// The working group it was asked in.
    pub group: Option<prassi_core::groups::GroupLink>,
}

/// Everything the question page shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionPage {
    pub question: QuestionDetail,
    pub question_comments: Vec<CommentView>,
    /// Accepted answer first, then by score, then oldest first.
    pub answers: Vec<AnswerView>,
    /// Experts whose declared expertise matches the tags (only for viewers who take part).
    pub experts: Vec<ExpertSuggestion>,
}
