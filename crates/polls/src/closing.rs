//! "About to close": once per poll and questionnaire, when its close date is less than a day
//! away, the hourly housekeeping records a notification event (no actor); the notifications
//! module tells a group's members who have not voted or answered yet, and those with an
//! unsent questionnaire draft. The mark (`closing_notified_at`) is set by a conditional
//! update in the transaction that records the event, so two instances tell once. The clock
//! is a parameter, for tests.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use prassi_core::access::Audience;
use prassi_core::error::AppResult;
use prassi_core::notify::{self, EventKind, ItemKind, ItemRef};
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
    let due_polls: Vec<(PollId, String)> = polls::table
        .filter(polls::closed_at.is_null())
        .filter(polls::closing_notified_at.is_null())
        .filter(polls::closes_at.gt(now))
        .filter(polls::closes_at.le(soon))
        .order(polls::closes_at.asc())
        .limit(PASS_LIMIT)
        .select((polls::id, polls::audience))
        .load(conn)?;
    let mut told = 0;
    for (id, audience) in due_polls {
        let claimed = prassi_db::write_tx(conn, |c| -> AppResult<bool> {
            let n = diesel::update(
                polls::table
                    .find(&id)
                    .filter(polls::closing_notified_at.is_null()),
            )
            .set(polls::closing_notified_at.eq(Some(now)))
            .execute(c)?;
            if n == 1 {
                record(
                    c,
                    EventKind::PollClosingSoon,
                    ItemKind::Poll,
                    &id,
                    &audience,
                )?;
            }
            Ok(n == 1)
        })?;
        told += usize::from(claimed);
    }
    let due_questionnaires: Vec<(QuestionnaireId, String)> = questionnaires::table
        .filter(questionnaires::closed_at.is_null())
        .filter(questionnaires::closing_notified_at.is_null())
        .filter(questionnaires::opens_at.le(now))
        .filter(questionnaires::closes_at.gt(now))
        .filter(questionnaires::closes_at.le(soon))
        .order(questionnaires::closes_at.asc())
        .limit(PASS_LIMIT)
        .select((questionnaires::id, questionnaires::audience))
        .load(conn)?;
    for (id, audience) in due_questionnaires {
        let claimed = prassi_db::write_tx(conn, |c| -> AppResult<bool> {
            let n = diesel::update(
                questionnaires::table
                    .find(&id)
                    .filter(questionnaires::closing_notified_at.is_null()),
            )
            .set(questionnaires::closing_notified_at.eq(Some(now)))
            .execute(c)?;
            if n == 1 {
                record(
                    c,
                    EventKind::QuestionnaireClosingSoon,
                    ItemKind::Questionnaire,
                    &id,
                    &audience,
                )?;
            }
            Ok(n == 1)
        })?;
        told += usize::from(claimed);
    }
    Ok(told)
}

fn record(
    conn: &mut DbConnection,
    kind: EventKind,
    item: ItemKind,
    id: &impl std::fmt::Display,
    audience: &str,
) -> AppResult<()> {
    notify::record(
        conn,
        &notify::Event {
            kind,
            item: ItemRef::new(item, id),
            actor: None,
            audience: Audience::from_db(audience).unwrap_or(Audience::Members),
        },
    )?;
    Ok(())
}
