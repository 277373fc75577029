//! Freshness of accepted answers (issue 15): an accepted answer's review owner and review-by
//! date, who may set them (the asker, the answer's author and the audience's moderators),
//! "mark reviewed" by the owner, the answers due for review in the lists and the hourly task
//! that records `qa.review_due` once per date. Only an accepted answer takes a review. When
//! acceptance moves, the review stays on its answer and means nothing while the answer is not
//! accepted: it is not shown, listed or notified, and comes back if the answer is accepted
//! again; the newly accepted answer starts without one. The shared checks and views are in
//! [`prassi_core::review`].

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_core::review::{
    self, ReviewColumns, ReviewInput, ReviewItem, ReviewScope, ReviewView, ReviewedInput,
};
use prassi_db::models::Question;
use prassi_db::schema::{answers, questions};
use prassi_db::{AnswerId, DbConnection, OneOfExt, QuestionId, UserId};
use serde::Serialize;

use super::access::readable_question;
use super::question_url;

/// Most answers one pass of the hourly task notifies (the rest wait for the next pass).
const NOTIFY_BATCH: i64 = 500;

/// The review of the accepted answer shown on a question page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AcceptedReview {
    pub answer_id: String,
    /// Where the forms post: `/qa/risposte/{id}/verifica` and `…/verifica/fatta`.
    pub action: String,
    pub review: ReviewView,
}

/// An answer the viewer may read, its question and the question's audience, and its review.
struct Found {
    question: Question,
    audience: Audience,
    author: UserId,
    cols: ReviewColumns,
}

impl Found {
    fn accepted(&self, answer: &AnswerId) -> bool {
        self.question.accepted_answer_id.as_ref() == Some(answer)
    }
}

/// An answer's question, author and review columns (`NotFound` for no such answer). Private:
/// the caller must prove the viewer may read the question.
fn answer_row(
    conn: &mut DbConnection,
    answer: &AnswerId,
) -> AppResult<(QuestionId, UserId, ReviewColumns)> {
    type Row = (
        QuestionId,
        UserId,
        Option<UserId>,
        Option<NaiveDate>,
        Option<NaiveDateTime>,
        Option<UserId>,
    );
    let (question, author, owner, review_by, reviewed_at, reviewed_by): Row = answers::table
        .find(answer)
        .select((
            answers::question_id,
            answers::author_id,
            answers::review_owner_id,
            answers::review_by,
            answers::reviewed_at,
            answers::reviewed_by,
        ))
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let cols = ReviewColumns {
        owner,
        review_by,
        reviewed_at,
        reviewed_by,
    };
    Ok((question, author, cols))
}

fn readable_answer(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    answer: &AnswerId,
) -> AppResult<Found> {
    let (question, author, cols) = answer_row(conn, answer)?;
    let (question, audience) = readable_question(conn, &question, viewer, phase)?;
    Ok(Found {
        question,
        audience,
        author,
        cols,
    })
}

fn view_of(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    found: &Found,
    answer: &AnswerId,
) -> AppResult<ReviewView> {
    let accepted = found.accepted(answer);
    let can_set = accepted && may_set(viewer, phase, found);
    review::view(conn, &found.cols, viewer, accepted, can_set)
}

/// The asker and the answer's author while they take part in the question's audience, and
/// the audience's moderators.
fn may_set(viewer: &Viewer, phase: Phase, found: &Found) -> bool {
    let me = viewer.user_id();
    let involved = me == Some(&found.question.author_id) || me == Some(&found.author);
    (involved && access::can(viewer, phase, &found.audience, Action::Participate))
        || access::can(viewer, phase, &found.audience, Action::Moderate)
}

fn answer_url(found: &Found, answer: &AnswerId) -> String {
    format!(
        "{}#risposta-{answer}",
        question_url(&found.question.id, &found.question.title)
    )
}

/// The review of an answer the viewer may read (`NotFound` otherwise), with what the viewer
/// may do about it; `applies` is false when the answer is not accepted.
pub fn answer_review(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    answer: &AnswerId,
) -> AppResult<ReviewView> {
    let found = readable_answer(conn, viewer, phase, answer)?;
    view_of(conn, viewer, phase, &found, answer)
}

/// The title of an answer's question and the answer's address on the question page, for a
/// viewer who may read it (`NotFound` otherwise).
pub fn answer_title_url(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    answer: &AnswerId,
) -> AppResult<(String, String)> {
    let found = readable_answer(conn, viewer, phase, answer)?;
    let url = answer_url(&found, answer);
    Ok((found.question.title, url))
}

/// The review of a question's accepted answer for the question page, or `None` when no
/// answer is accepted. Three queries at most.
pub fn accepted_review(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    question: &QuestionId,
) -> AppResult<Option<AcceptedReview>> {
    let (question, audience) = readable_question(conn, question, viewer, phase)?;
    accepted_review_of(conn, viewer, phase, question, audience)
}

/// As [`accepted_review`], for a question the caller has read and found readable (the question
/// page, which has just done both).
pub fn accepted_review_of(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    question: Question,
    audience: Audience,
) -> AppResult<Option<AcceptedReview>> {
    let Some(answer) = question.accepted_answer_id.clone() else {
        return Ok(None);
    };
    let (_, author, cols) = answer_row(conn, &answer)?;
    let found = Found {
        question,
        audience,
        author,
        cols,
    };
    let review = view_of(conn, viewer, phase, &found, &answer)?;
    Ok(Some(AcceptedReview {
        action: format!("/qa/risposte/{answer}/verifica"),
        answer_id: answer.to_string(),
        review,
    }))
}

/// Sets (`Some`) or removes (`None`) an accepted answer's review owner and date. Setting on
/// an answer that is not accepted is refused (`Conflict`, `review-answer-not-accepted`);
/// removing always works. The owner must be an active member who may read the question;
/// every problem is reported at once. Call inside a write transaction; returns the answer's
/// address on its question page.
pub fn set_answer_review(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    answer: &AnswerId,
    input: Option<&ReviewInput>,
) -> AppResult<String> {
    let found = readable_answer(conn, viewer, phase, answer)?;
    if !may_set(viewer, phase, &found) {
        return Err(if viewer.account().is_none() {
            AppError::unauthorized()
        } else {
            AppError::forbidden().with_message("review-not-allowed")
        });
    }
    let (owner, date) = match input {
        Some(input) => {
            if !found.accepted(answer) {
                return Err(AppError::conflict("review-answer-not-accepted"));
            }
            let (owner, date) = review::check_input(conn, phase, &found.audience, input)?;
            (Some(owner), Some(date))
        }
        None => (None, None),
    };
    diesel::update(answers::table.find(answer))
        .set((
            answers::review_owner_id.eq(owner),
            answers::review_by.eq(date),
            answers::review_notified_at.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(answer_url(&found, answer))
}

/// The owner marks an accepted answer reviewed: the next date is the one given or twelve
/// months from today, and who reviewed when is kept. Call inside a write transaction; returns
/// the answer's address.
pub fn mark_answer_reviewed(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    answer: &AnswerId,
    input: &ReviewedInput,
) -> AppResult<String> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_answer(conn, viewer, phase, answer)?;
    if !review::is_owner(viewer, &found.cols) {
        return Err(AppError::forbidden().with_message("review-not-owner"));
    }
    if !found.accepted(answer) {
        return Err(AppError::conflict("review-answer-not-accepted"));
    }
    let next = review::check_next(input)?;
    let changed = diesel::update(
        answers::table
            .find(answer)
            .filter(answers::review_owner_id.eq(&me)),
    )
    .set((
        answers::review_by.eq(next),
        answers::review_notified_at.eq(None::<NaiveDateTime>),
        answers::reviewed_at.eq(prassi_db::now()),
        answers::reviewed_by.eq(&me),
    ))
    .execute(conn)?;
    if changed != 1 {
        return Err(AppError::conflict("error-conflict"));
    }
    Ok(answer_url(&found, answer))
}

/// Accepted answers in `scope` whose question the viewer may read, earliest date first, at
/// most `limit`: through the index on `answers.review_by` (overall) or on
/// `(review_owner_id, review_by)` (one owner), joined to their question.
pub fn review_answers(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    scope: &ReviewScope,
    limit: i64,
) -> AppResult<Vec<ReviewItem>> {
    let visible = access::visible_audiences(viewer, phase);
    let mut q = answers::table
        .inner_join(questions::table)
        .filter(answers::review_by.is_not_null())
        .filter(questions::accepted_answer_id.eq(answers::id.nullable()))
        .filter(questions::audience.one_of(&visible))
        .into_boxed();
    q = match scope {
        ReviewScope::DueBy(d) => q.filter(answers::review_by.le(*d)),
        ReviewScope::Owner(u) => q.filter(answers::review_owner_id.eq(u.clone())),
    };
    type Row = (AnswerId, QuestionId, String, NaiveDate, Option<UserId>);
    let rows: Vec<Row> = q
        .order((answers::review_by.asc(), answers::id.asc()))
        .limit(limit)
        .select((
            answers::id,
            questions::id,
            questions::title,
            answers::review_by.assume_not_null(),
            answers::review_owner_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(a, qid, title, by, owner)| {
            let url = format!("{}#risposta-{a}", question_url(&qid, &title));
            ReviewItem::new("answer", title, url, by, owner)
        })
        .collect())
}

/// The hourly task: records `qa.review_due` for every accepted answer whose review date has
/// arrived, that has an owner and was not notified for that date. Each answer is claimed by a
/// conditional update of `review_notified_at` in the transaction that records its event, so
/// two instances running together record one event per answer and date. Returns how many it
/// recorded.
pub fn notify_due_answers(conn: &mut DbConnection) -> AppResult<usize> {
    let today = review::today();
    let due: Vec<(AnswerId, QuestionId, String)> = answers::table
        .inner_join(questions::table)
        .filter(answers::review_notified_at.is_null())
        .filter(answers::review_owner_id.is_not_null())
        .filter(answers::review_by.le(today))
        .filter(questions::accepted_answer_id.eq(answers::id.nullable()))
        .order(answers::review_by.asc())
        .limit(NOTIFY_BATCH)
        .select((answers::id, questions::id, questions::audience))
        .load(conn)?;
    let mut recorded = 0;
    for (id, question, audience) in due {
        let done = prassi_db::write_tx(conn, |c| -> AppResult<bool> {
            let claimed = diesel::update(
                answers::table
                    .find(&id)
                    .filter(answers::review_notified_at.is_null())
                    .filter(answers::review_owner_id.is_not_null())
                    .filter(answers::review_by.le(today))
                    // Still accepted: acceptance may have moved since the list was read.
                    .filter(diesel::dsl::exists(
                        questions::table
                            .find(&question)
                            .filter(questions::accepted_answer_id.eq(&id)),
                    )),
            )
            .set(answers::review_notified_at.eq(prassi_db::now()))
            .execute(c)?;
            if claimed == 1 {
                notify::record_about(
                    c,
                    EventKind::AnswerReviewDue,
                    ItemKind::Answer,
                    &id,
                    None,
                    &audience,
                )?;
            }
            Ok(claimed == 1)
        })?;
        recorded += usize::from(done);
    }
    Ok(recorded)
}
