//! Editing questions and answers (their authors or moderators) and their histories.

use diesel::prelude::*;
use prassi_core::access::{self, Audience, EditRule, Editors, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::history::{views_with_authors, Revision, RevisionView};
use prassi_core::input::{content_lang, optional, Checks};
use prassi_core::markdown::body_text;
use prassi_db::models::{Answer, QaRevision, Question};
use prassi_db::schema::{answers, qa_revisions, question_tags, questions};
use prassi_db::{AnswerId, DbConnection, PostKind, QuestionId, TagId, UserId};
use serde::{Deserialize, Serialize};

use crate::counters;

use super::access::readable_question;
use super::reading::tags_of;
use super::writing::{question_fields, revision, RevisionInput};
use super::MAX_BODY;

/// An edit: the new text and a short description of the change.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct EditInput {
    /// Questions only.
    pub title: String,
    pub body_md: String,
    /// Questions only.
    pub tags: String,
    pub summary: String,
    /// The language of the text; empty keeps the current one.
    pub lang: String,
}

/// The edit rule for a question or answer: its author or a moderator (the shared
/// [`access::check_edit`]).
pub(super) fn edit_rule(author: &UserId) -> EditRule<'_> {
    EditRule {
        editors: Editors::Author(author),
        moderators_only: false,
    }
}

/// [`edit_rule`] as an error: `Unauthorized` for visitors, `Forbidden` with
/// `qa-edit-not-allowed` for other accounts.
fn may_edit(viewer: &Viewer, phase: Phase, audience: &Audience, author: &UserId) -> AppResult<()> {
    access::check_edit(viewer, phase, audience, &edit_rule(author))
        .map_err(|refusal| refusal.error("qa-edit-not-allowed"))
}

/// A question or answer the viewer may edit, with its question and what its edit form starts
/// from: the post, its question and tags, never the whole page (`Forbidden` with
/// `qa-edit-not-allowed` for others, `NotFound` when it is not readable).
pub fn editable(
    conn: &mut DbConnection,
    kind: PostKind,
    id: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Question, EditInput)> {
    match kind {
        PostKind::Question => {
            let qid = QuestionId::parse(id).ok_or_else(AppError::not_found)?;
            let (q, audience) = readable_question(conn, &qid, viewer, phase)?;
            may_edit(viewer, phase, &audience, &q.author_id)?;
            let tags = tags_of(conn, std::slice::from_ref(&q.id))?
                .remove(&q.id)
                .unwrap_or_default()
                .join(", ");
            let form = EditInput {
                title: q.title.clone(),
                body_md: q.body_md.clone(),
                tags,
                summary: String::new(),
                lang: q.lang.clone(),
            };
            Ok((q, form))
        }
        PostKind::Answer => {
            let aid = AnswerId::parse(id).ok_or_else(AppError::not_found)?;
            let a: Answer = answers::table
                .find(&aid)
                .select(Answer::as_select())
                .first(conn)
                .optional()?
                .ok_or_else(AppError::not_found)?;
            let (q, audience) = readable_question(conn, &a.question_id, viewer, phase)?;
            may_edit(viewer, phase, &audience, &a.author_id)?;
            let form = EditInput {
                title: q.title.clone(),
                body_md: a.body_md,
                tags: String::new(),
                summary: String::new(),
                lang: a.lang,
            };
            Ok((q, form))
        }
    }
}

/// Edits a question (its author or a moderator); the old text stays in the history. Call
/// inside a write transaction.
pub fn edit_question(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &QuestionId,
    input: &EditInput,
) -> AppResult<()> {
    let (q, audience) = readable_question(conn, id, viewer, phase)?;
    may_edit(viewer, phase, &audience, &q.author_id)?;
    crate::search::QUESTIONS.touch(conn, q.id.as_str())?;
    let editor = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let (title, body, tag_rows) =
        question_fields(&mut c, conn, &input.title, &input.body_md, &input.tags);
    let summary = c.check(optional("summary", Some(&input.summary), 200));
    let lang = c.check(content_lang("lang", &input.lang, &q.lang));
    c.finish()?;
    let now = prassi_db::now();
    diesel::update(questions::table.find(&q.id))
        .set((
            questions::title.eq(&title),
            questions::body_md.eq(&body),
            questions::lang.eq(&lang),
            questions::updated_at.eq(now),
            questions::last_activity_at.eq(now),
            // A revision: the thread's revision counts move.
            questions::thread_version.eq(questions::thread_version + 1),
        ))
        .execute(conn)?;
    // The counts move for the tags taken off and put on, as the question stands now.
    let before = counters::tags_of(conn, &q.id)?;
    let after: Vec<TagId> = tag_rows.iter().map(|t| t.id.clone()).collect();
    let removed: Vec<TagId> = before
        .iter()
        .filter(|t| !after.contains(t))
        .cloned()
        .collect();
    let added: Vec<TagId> = after
        .iter()
        .filter(|t| !before.contains(t))
        .cloned()
        .collect();
    if !removed.is_empty() || !added.is_empty() {
        let (answers_now, open): (i32, bool) = questions::table
            .find(&q.id)
            .select((questions::answer_count, questions::closed_reason.is_null()))
            .first(conn)?;
        let unanswered = i64::from(answers_now == 0 && open);
        let answerers = counters::answerers_of(conn, &q.id)?;
        for (tags, sign) in [(removed, -1), (added, 1)] {
            for t in &tags {
                prassi_db::counters::bump(
                    conn,
                    "qa_counts",
                    &[("audience", &q.audience), ("tag_id", t.as_str())],
                    &[("questions", sign), ("unanswered", sign * unanswered)],
                )?;
            }
            for (who, n, score) in &answerers {
                counters::tag_answerer(conn, &tags, who, &q.audience, sign * n, sign * score)?;
            }
        }
    }
    diesel::delete(question_tags::table.filter(question_tags::question_id.eq(&q.id)))
        .execute(conn)?;
    for t in &tag_rows {
        diesel::insert_into(question_tags::table)
            .values((
                question_tags::question_id.eq(&q.id),
                question_tags::tag_id.eq(&t.id),
                question_tags::created_at.eq(q.created_at),
            ))
            .execute(conn)?;
    }
    let mut names: Vec<&str> = tag_rows.iter().map(|t| t.name.as_str()).collect();
    names.sort_unstable();
    revision(
        conn,
        RevisionInput {
            kind: PostKind::Question,
            post_id: q.id.as_str(),
            author: &editor,
            title: Some(&title),
            body: &body,
            tags: Some(&names.join(",")),
            summary: &summary,
        },
    )
}

/// Edits an answer (its author or a moderator); returns its question. Call inside a write
/// transaction.
pub fn edit_answer(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &AnswerId,
    input: &EditInput,
) -> AppResult<QuestionId> {
    let a: Answer = answers::table
        .find(id)
        .select(Answer::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let (_, audience) = readable_question(conn, &a.question_id, viewer, phase)?;
    may_edit(viewer, phase, &audience, &a.author_id)?;
    let editor = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let body = c.check(body_text("body_md", &input.body_md, MAX_BODY));
    let summary = c.check(optional("summary", Some(&input.summary), 200));
    let lang = c.check(content_lang("lang", &input.lang, &a.lang));
    c.finish()?;
    let now = prassi_db::now();
    diesel::update(answers::table.find(&a.id))
        .set((
            answers::body_md.eq(&body),
            answers::lang.eq(&lang),
            answers::updated_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(questions::table.find(&a.question_id))
        .set((
            questions::last_activity_at.eq(now),
            questions::thread_version.eq(questions::thread_version + 1),
        ))
        .execute(conn)?;
    revision(
        conn,
        RevisionInput {
            kind: PostKind::Answer,
            post_id: a.id.as_str(),
            author: &editor,
            title: None,
            body: &body,
            tags: None,
            summary: &summary,
        },
    )?;
    crate::search::ANSWERS.touch(conn, a.id.as_str())?;
    Ok(a.question_id)
}

/// The question an answer belongs to, if the viewer may read it.
pub fn answer_question(
    conn: &mut DbConnection,
    id: &AnswerId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Question, Answer)> {
    let a: Answer = answers::table
        .find(id)
        .select(Answer::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let (q, _) = readable_question(conn, &a.question_id, viewer, phase)?;
    Ok((q, a))
}

/// The history of a question or answer (`id`) with the question it belongs to, newest first,
/// each version with its difference from the previous one; `NotFound` when the viewer may
/// not read the question (or the id is unknown). Three queries, four for an answer.
pub fn history(
    conn: &mut DbConnection,
    kind: PostKind,
    id: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Question, Vec<RevisionView>)> {
    let (question, post_id) = match kind {
        PostKind::Question => {
            let qid = QuestionId::parse(id).ok_or_else(AppError::not_found)?;
            let (q, _) = readable_question(conn, &qid, viewer, phase)?;
            (q, qid.0)
        }
        PostKind::Answer => {
            let aid = AnswerId::parse(id).ok_or_else(AppError::not_found)?;
            let (q, _) = answer_question(conn, &aid, viewer, phase)?;
            (q, aid.0)
        }
    };
    Ok((question, post_history(conn, kind, &post_id)?))
}

/// The versions of a post the caller has shown readable (two queries).
fn post_history(
    conn: &mut DbConnection,
    kind: PostKind,
    post_id: &str,
) -> AppResult<Vec<RevisionView>> {
    let rows: Vec<QaRevision> = qa_revisions::table
        .filter(qa_revisions::post_kind.eq(kind))
        .filter(qa_revisions::post_id.eq(post_id))
        // The newest 500, oldest first.
        .order((qa_revisions::created_at.desc(), qa_revisions::id.desc()))
        .limit(500)
        .select(QaRevision::as_select())
        .load(conn)?;
    let rows = rows.into_iter().rev();
    let revisions: Vec<Revision> = rows
        .into_iter()
        .map(|r| Revision {
            author_id: r.author_id,
            created_at: r.created_at,
            summary: r.summary,
            title: r.title,
            tags: r.tags,
            body: r.body_md,
        })
        .collect();
    Ok(views_with_authors(conn, revisions)?)
}
