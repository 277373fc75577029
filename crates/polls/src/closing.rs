//! "About to close": once per poll and questionnaire, when its close date is less than a day
//! away, the hourly housekeeping records a notification event (no actor); the notifications
//! module tells a group's members who have not voted or answered yet, and those with an
//! unsent questionnaire draft. The mark (`closing_notified_at`) is set by a conditional
//! update in the transaction that records the event, so two instances tell once. The clock
//! is a parameter, for tests.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use prassi_core::error::AppResult;
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_db::ids::{PollId, QuestionnaireId};
use prassi_db::schema::{polls, questionnaires};
use prassi_db::DbConnection;

/// How long before its close a poll or questionnaire is about to close.
pub fn window() -> Duration {
    Duration::hours(24)
}

/// Most items one pass tells about (the rest an hour later).
const PASS_LIMIT: i64 = 200;

/// Records "about to close" for every poll and questionnaire closing within [`window`] of
/// `now` and not yet told, each in its own write transaction; returns how many.
pub fn tell_due(conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<usize> {
    let soon = now + window();
    let mut due: Vec<(ItemKind, String, String)> = polls::table
        .filter(polls::closed_at.is_null())
        .filter(polls::closing_notified_at.is_null())
        .filter(polls::closes_at.gt(now))
        .filter(polls::closes_at.le(soon))
        .order(polls::closes_at.asc())
        .limit(PASS_LIMIT)
        .select((polls::id, polls::audience))
        .load::<(PollId, String)>(conn)?
        .into_iter()
        .map(|(id, audience)| (ItemKind::Poll, id.0, audience))
        .collect();
    due.extend(
        questionnaires::table
            .filter(questionnaires::closed_at.is_null())
            .filter(questionnaires::closing_notified_at.is_null())
            .filter(questionnaires::opens_at.le(now))
            .filter(questionnaires::closes_at.gt(now))
            .filter(questionnaires::closes_at.le(soon))
            .order(questionnaires::closes_at.asc())
            .limit(PASS_LIMIT)
            .select((questionnaires::id, questionnaires::audience))
            .load::<(QuestionnaireId, String)>(conn)?
            .into_iter()
            .map(|(id, audience)| (ItemKind::Questionnaire, id.0, audience)),
    );
    let mut told = 0;
    for (item, id, audience) in due {
        let claimed = prassi_db::write_tx(conn, |c| -> AppResult<bool> {
            // Marked once: the update matches only while nobody has told it.
            let n = match item {
                ItemKind::Poll => diesel::update(
                    polls::table
                        .find(&id)
                        .filter(polls::closing_notified_at.is_null()),
                )
                .set(polls::closing_notified_at.eq(Some(now)))
                .execute(c)?,
                _ => diesel::update(
                    questionnaires::table
                        .find(&id)
                        .filter(questionnaires::closing_notified_at.is_null()),
                )
                .set(questionnaires::closing_notified_at.eq(Some(now)))
                .execute(c)?,
            };
            if n == 1 {
                let kind = match item {
                    ItemKind::Poll => EventKind::PollClosingSoon,
                    _ => EventKind::QuestionnaireClosingSoon,
                };
                notify::record_about(c, kind, item, &id, None, &audience)?;
            }
            Ok(n == 1)
        })?;
        told += usize::from(claimed);
    }
    Ok(told)
}
