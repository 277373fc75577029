//! Closing questions (as duplicates or off-topic) and reopening them: moderators only.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{Action, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{required, Checks};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_db::schema::questions;
use prassi_db::{DbConnection, QuestionId, UserId};
use serde::{Deserialize, Serialize};

use crate::counters;

use super::access::readable_question;

/// Closing a question.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CloseInput {
    /// `duplicate` or `off_topic`.
    pub reason: String,
    /// For duplicates: the original's id or URL.
    pub duplicate_of: String,
    pub note: String,
}

/// The original a duplicate points to: a bare id or any URL containing `/qa/questions/<id>`,
/// of another question the viewer may read.
fn duplicate_target(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    this: &QuestionId,
    raw: &str,
) -> AppResult<Option<QuestionId>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid("duplicate_of", "qa-duplicate-required"));
    }
    let candidate = raw
        .split('/')
        .find_map(QuestionId::parse)
        .ok_or_else(|| AppError::invalid("duplicate_of", "qa-duplicate-invalid"))?;
    if candidate == *this {
        return Err(AppError::invalid("duplicate_of", "qa-duplicate-self"));
    }
    readable_question(conn, &candidate, viewer, phase)
        .map_err(|_| AppError::invalid("duplicate_of", "qa-duplicate-invalid"))?;
    Ok(Some(candidate))
}

/// Closes a question as a duplicate (pointing to a readable original) or off-topic, with a
/// reason. Moderators only. Call inside a write transaction.
pub fn close(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &QuestionId,
    input: &CloseInput,
) -> AppResult<()> {
    let (q, audience) = readable_question(conn, id, viewer, phase)?;
    require(viewer, phase, &audience, Action::Moderate)?;
    if q.closed_reason.is_some() {
        return Err(AppError::conflict("qa-already-closed"));
    }
    let mut c = Checks::new();
    let reason = c.check_opt(
        prassi_db::CloseReason::parse(input.reason.trim())
            .ok_or_else(|| AppError::invalid("reason", "qa-close-reason-invalid")),
    );
    let note = c.check(required("note", &input.note, 500));
    let duplicate = match reason {
        Some(prassi_db::CloseReason::Duplicate) => c.check(duplicate_target(
            conn,
            viewer,
            phase,
            &q.id,
            &input.duplicate_of,
        )),
        _ => None,
    };
    c.finish()?;
    let reason = reason.ok_or_else(|| AppError::internal("reason checked"))?;
    let now = prassi_db::now();
    let closed = diesel::update(
        questions::table
            .find(&q.id)
            .filter(questions::closed_reason.is_null()),
    )
    .set((
        questions::closed_reason.eq(Some(reason)),
        questions::closed_note.eq(Some(note)),
        questions::duplicate_of.eq(duplicate),
        questions::closed_by.eq(viewer.user_id().cloned()),
        questions::closed_at.eq(Some(now)),
        questions::last_activity_at.eq(now),
    ))
    .execute(conn)?;
    // Closed by someone else since it was read: theirs stands.
    if closed != 1 {
        return Err(AppError::conflict("qa-already-closed"));
    }
    unanswered_moves(conn, &q.id, &q.audience, -1)?;
    crate::search::QUESTIONS.touch(conn, q.id.as_str())?;
    let moderator = viewer.user_id().ok_or_else(AppError::unauthorized)?;
    notify::happened(
        conn,
        EventKind::QuestionClosed,
        ItemKind::Question,
        &q.id,
        moderator,
        &q.audience,
    )?;
    Ok(())
}

/// A question leaving (-1) or joining (+1) the unanswered lists as it closes or reopens,
/// when it has no answer. Reads the row this transaction has just updated (and so holds).
fn unanswered_moves(
    conn: &mut DbConnection,
    id: &QuestionId,
    audience: &str,
    sign: i64,
) -> AppResult<()> {
    let answers_now: i32 = questions::table
        .find(id)
        .select(questions::answer_count)
        .first(conn)?;
    if answers_now == 0 {
        let tags = counters::tags_of(conn, id)?;
        counters::questions(conn, audience, &tags, 0, sign)?;
    }
    Ok(())
}

/// Reopens a closed question. Moderators only. Call inside a write transaction.
pub fn reopen(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &QuestionId,
) -> AppResult<()> {
    let (q, audience) = readable_question(conn, id, viewer, phase)?;
    require(viewer, phase, &audience, Action::Moderate)?;
    crate::search::QUESTIONS.touch(conn, q.id.as_str())?;
    if q.closed_reason.is_none() {
        return Err(AppError::conflict("qa-not-closed"));
    }
    let reopened = diesel::update(
        questions::table
            .find(&q.id)
            .filter(questions::closed_reason.is_not_null()),
    )
    .set((
        questions::closed_reason.eq(None::<prassi_db::CloseReason>),
        questions::closed_note.eq(None::<String>),
        questions::duplicate_of.eq(None::<QuestionId>),
        questions::closed_by.eq(None::<UserId>),
        questions::closed_at.eq(None::<NaiveDateTime>),
        questions::last_activity_at.eq(prassi_db::now()),
    ))
    .execute(conn)?;
    // Reopened by someone else since it was read: theirs stands.
    if reopened != 1 {
        return Err(AppError::conflict("qa-not-closed"));
    }
    unanswered_moves(conn, &q.id, &q.audience, 1)?;
    Ok(())
}
