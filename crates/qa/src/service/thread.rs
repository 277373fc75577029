//! A question's thread — its answers with their authors and rendered bodies, its comments with
//! their authors, the revision counts of its posts and its tags — kept per process and checked against
//! the question's `thread_version` on every view, so that a busy question page reads one row
//! of `questions` instead of all its answers and comments.
//!
//! `thread_version` moves in the transaction of every change a thread shows: an answer or a
//! comment posted, the question or an answer edited (a revision; the question's tags are edited
//! with it), an answer's score moved by a vote, a tag renamed or merged ([`touch`], or the
//! services' own updates of the question), and a member's name or role changed (a database
//! trigger, `migrations/*/2026-12-07-000026_thread_version`). What the page shows from the
//! question's own row (title, body, score, audience, closing, accepted answer) is read fresh
//! with the version on every view, as are everything that depends on the viewer (their votes,
//! rights, the reputation they may see) and what other modules own (wiki promotions, the
//! working group).
//!
//! A thread read at version V is never older than V: the version is read first and the
//! thread after it, and a write moves both in one transaction. A newer thread may be kept
//! under V (a write committed in between); the next view reads V+1 and loads it again. A
//! thread is kept only when read outside a transaction, so what a transaction that later
//! rolls back saw is never kept. Several instances each keep their own; none can serve
//! another's stale copy because each checks the version in the database.
//!
//! The cache is bounded in bytes (`PRASSI_THREAD_CACHE_KIB`, 4 MiB by default: the threads of
//! a few dozen busy questions); least recently used threads leave first.

use std::collections::HashMap;
use std::sync::Arc;

use diesel::prelude::*;
use prassi_core::error::AppResult;
use prassi_core::lru_budget::LruBudget;
use prassi_core::people::{author_columns, AuthorRow};
use prassi_db::models::{Answer, QaComment, Tag};
use prassi_db::schema::{answers, qa_comments, qa_revisions, questions};
use prassi_db::{DbConnection, OneOfExt, QuestionId};

/// 4 MiB unless configured.
static CACHE: LruBudget<QuestionId, Thread> = LruBudget::new(4 << 20);

/// One answer of a thread, with its author and its body rendered.
pub(super) struct ThreadAnswer {
    pub answer: Answer,
    pub author: AuthorRow,
    pub body_html: String,
}

/// What a question page shows of a question's answers, comments and tags, as of `version`.
pub(super) struct Thread {
    version: i64,
    /// By score, then oldest first (the page puts the accepted answer first).
    pub answers: Vec<ThreadAnswer>,
    /// Oldest first.
    pub comments: Vec<(QaComment, AuthorRow)>,
    /// Revisions per post id (the question's and its answers'); a post never edited has one.
    pub revision_counts: HashMap<String, i64>,
    /// The question's tags, by name.
    pub tags: Vec<Tag>,
    /// What it counts against the budget (its text, roughly).
    size: usize,
}

/// Sets the byte budget (and an eighth of it for the kept experts boxes, see
/// [`super::experts`]); 0 turns both off (and empties them).
pub fn set_budget(bytes: usize) {
    CACHE.set_budget(bytes);
    super::experts::set_budget(bytes / 8);
}

/// Moves a question's `thread_version`: called in the transaction of every change its
/// thread shows (see the module's doc).
pub(crate) fn touch(conn: &mut DbConnection, question: &QuestionId) -> QueryResult<()> {
    diesel::update(questions::table.find(question))
        .set(questions::thread_version.eq(questions::thread_version + 1))
        .execute(conn)
        .map(drop)
}

/// The thread of `question` as of `version` (read by the caller from the question's row):
/// the kept one if it is that version, else read (four queries) and kept.
pub(super) fn thread(
    conn: &mut DbConnection,
    question: &QuestionId,
    version: i64,
) -> AppResult<Arc<Thread>> {
    let keep = CACHE.budget() > 0 && !prassi_db::in_transaction(conn);
    if keep {
        if let Some(t) = CACHE.get(question).filter(|t| t.version == version) {
            return Ok(t);
        }
    }
    let thread = Arc::new(load(conn, question, version)?);
    if keep {
        // A slower reader never replaces a newer thread with an older one.
        CACHE.keep(question.clone(), Arc::clone(&thread), thread.size, |kept| {
            kept.version <= version
        });
    }
    Ok(thread)
}

fn load(conn: &mut DbConnection, question: &QuestionId, version: i64) -> AppResult<Thread> {
    let tags = super::experts::question_tags(conn, question)?;
    let answer_rows: Vec<(Answer, AuthorRow)> = answers::table
        .inner_join(prassi_db::schema::users::table)
        .filter(answers::question_id.eq(question))
        .order((answers::score.desc(), answers::created_at.asc()))
        .select((Answer::as_select(), author_columns()))
        .load(conn)?;
    let comments: Vec<(QaComment, AuthorRow)> = qa_comments::table
        .inner_join(prassi_db::schema::users::table)
        .filter(qa_comments::question_id.eq(question))
        .order(qa_comments::created_at.asc())
        .select((QaComment::as_select(), author_columns()))
        .load(conn)?;
    let mut post_ids: Vec<String> = answer_rows.iter().map(|(a, _)| a.id.0.clone()).collect();
    post_ids.push(question.0.clone());
    let revision_counts: HashMap<String, i64> = qa_revisions::table
        .filter(qa_revisions::post_id.one_of(&post_ids))
        .group_by(qa_revisions::post_id)
        .select((qa_revisions::post_id, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let author_size = |a: &AuthorRow| a.0 .0.len() + a.1.len() + a.2.len() + 64;
    let answers: Vec<ThreadAnswer> = answer_rows
        .into_iter()
        .map(|(answer, author)| ThreadAnswer {
            body_html: prassi_core::markdown::render(&answer.body_md),
            answer,
            author,
        })
        .collect();
    let size = answers
        .iter()
        .map(|a| a.answer.body_md.len() + a.body_html.len() + author_size(&a.author) + 256)
        .chain(
            comments
                .iter()
                .map(|(c, a)| c.body.len() + author_size(a) + 160),
        )
        .chain(revision_counts.keys().map(|k| k.len() + 48))
        .chain(
            tags.iter()
                .map(|t| t.id.0.len() + t.name.len() + t.description.len() + 64),
        )
        .sum::<usize>()
        + 128;
    Ok(Thread {
        version,
        answers,
        comments,
        revision_counts,
        tags,
        size,
    })
}
