//! Whether a viewer may read a question: the one gate every other function here passes
//! through, so a question the viewer may not see answers "not found".

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::models::Question;
use prassi_db::schema::questions;
use prassi_db::{DbConnection, QuestionId};

use super::question_url;

/// The audience of a question, or `NotFound` when the viewer may not read it (or it does not
/// exist): the two answer alike.
pub fn readable_question(
    conn: &mut DbConnection,
    id: &QuestionId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Question, Audience)> {
    let q: Question = questions::table
        .find(id)
        .select(Question::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let audience = Audience::from_db(&q.audience).ok_or_else(AppError::not_found)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    Ok((q, audience))
}

/// The address of a question the viewer may read: what a form redirects to after posting,
/// without loading the page (two small queries, whatever the size of the question).
pub fn readable_question_url(
    conn: &mut DbConnection,
    id: &QuestionId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<String> {
    let (q, _) = readable_question(conn, id, viewer, phase)?;
    Ok(question_url(&q.id, &q.title))
}
