//! Q&A services: asking, answering, commenting, voting, accepting, and the lists and pages that
//! show them. Every read is filtered by the shared access rule (`visible_audiences`), so a
//! question a viewer may not see is absent from lists, counts and tag pages, and answers
//! "not found" when asked for directly. Scores and answer counts change only through
//! conditional updates in the transaction that records the vote or the answer.

mod access;
mod closing;
mod editing;
mod experts;
mod reading;
mod reputation;
mod review;
pub mod routing;
mod tag_admin;
mod tags;
pub mod thread;
mod views;
mod writing;

pub use crate::counters::{REP_ACCEPTED, REP_DOWNVOTE, REP_UPVOTE_ANSWER, REP_UPVOTE_QUESTION};
pub use prassi_core::history::{word_diff, DiffSegment, RevisionView};
pub use prassi_core::people::AuthorView;

pub use access::{readable_question, readable_question_url};
pub use closing::{close, reopen, CloseInput};
pub use editing::{answer_question, edit_answer, edit_question, editable, history, EditInput};
pub use experts::{invite_expert, ExpertSuggestion};
pub(crate) use reading::tags_of;
pub use reading::{list, question_page, question_page_and_row, ListFilter, ListTab};
pub use reputation::{profile_activity, reputation};
pub use review::{
    accepted_review, accepted_review_of, answer_review, answer_title_url, mark_answer_reviewed,
    notify_due_answers, review_answers, set_answer_review, AcceptedReview,
};
pub use tag_admin::{create_tag, merge_tags, rename_tag, TagInput};
pub use tags::{tag_by_name, tag_list, tag_names, top_answerers, TagView, TopAnswerer};
pub use views::{AnswerView, CommentView, QuestionDetail, QuestionPage, QuestionSummary, WikiRef};
pub use writing::{
    accept, answer, answer_in, ask, ask_in_group, comment, vote, QuestionInput, VoteInput,
    VoteResult,
};

use prassi_db::QuestionId;

/// The language of content whose author did not choose one: the site's.
const DEFAULT_LANG: &str = prassi_core::i18n::LANGUAGES[0];

/// Longest question title, in characters.
pub const MAX_TITLE: usize = 150;
/// Longest question or answer body, in characters.
pub const MAX_BODY: usize = 30_000;
/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 600;
/// Tags a question must have, at least and at most.
pub const TAGS_PER_QUESTION: std::ops::RangeInclusive<usize> = 1..=5;

/// The URL slug of a title (readable only; the id is what counts).
pub fn slug_of(title: &str) -> String {
    let s = prassi_core::markdown::anchor_of(title);
    if s.is_empty() {
        "domanda".into()
    } else {
        s
    }
}

/// The canonical page of a question.
pub fn question_url(id: &QuestionId, title: &str) -> String {
    format!("/qa/questions/{id}/{}", slug_of(title))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_never_empty() {
        assert_eq!(slug_of("Quali indicatori usare?"), "quali-indicatori-usare");
        assert_eq!(slug_of("Perché è così?"), "perche-e-cosi");
        assert_eq!(slug_of("???"), "domanda");
    }
}
