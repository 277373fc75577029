//! What organisers do once a questionnaire exists: close it early, and publish its results
//! (or take them back). Closing locks the row that every save locks first, so a response is
//! either saved before the close or refused after it.

use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::schema::questionnaires;
use prassi_db::DbConnection;

use super::access::readable;
use super::State;

/// Closes questionnaire `id` now (its organisers). Call inside a write transaction.
///
/// Errors: `NotFound` (hidden or missing), `Forbidden` (not an organiser), `Conflict`
/// (already closed, or its close date passed).
pub fn close(conn: &mut DbConnection, viewer: &Viewer, phase: Phase, id: &str) -> AppResult<()> {
    let found = readable(conn, id, viewer, phase)?;
    found.require_manager()?;
    let q = &found.questionnaire;
    if State::of(q, chrono::Utc::now().naive_utc()) == State::Closed {
        return Err(AppError::conflict("questionnaires-already-closed"));
    }
    let now = prassi_db::now();
    let n = diesel::update(
        questionnaires::table
            .find(&q.id)
            .filter(questionnaires::closed_at.is_null()),
    )
    .set((
        questionnaires::closed_at.eq(Some(now)),
        questionnaires::updated_at.eq(now),
    ))
    .execute(conn)?;
    if n == 0 {
        return Err(AppError::conflict("questionnaires-already-closed"));
    }
    Ok(())
}

/// Publishes the results of questionnaire `id` to everyone who reads it, or takes them back
/// (its organisers). Call inside a write transaction.
pub fn publish(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    published: bool,
) -> AppResult<()> {
    let found = readable(conn, id, viewer, phase)?;
    found.require_manager()?;
    diesel::update(questionnaires::table.find(&found.questionnaire.id))
        .set((
            questionnaires::results_published.eq(published),
            questionnaires::updated_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    Ok(())
}
