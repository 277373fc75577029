//! The durable outbox. A content change records an event here in the same transaction, so the
//! event exists exactly when the change does; background workers (search indexing, email,
//! notifications) claim events with a lease, and a failed event is retried with backoff. If a
//! worker or the service it feeds is down, events wait; nothing is lost.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::ids::OutboxId;
use crate::models::OutboxRow;
use crate::pool::DbConnection;
use crate::schema::outbox;

/// Records an event; call it inside the transaction that makes the change.
pub fn enqueue(
    conn: &mut DbConnection,
    topic: &str,
    payload: &serde_json::Value,
) -> QueryResult<OutboxId> {
    let now = crate::now();
    let row = OutboxRow {
        id: OutboxId::new(),
        topic: topic.to_owned(),
        payload: payload.to_string(),
        created_at: now,
        available_at: now,
        attempts: 0,
        last_error: None,
        locked_until: None,
        processed_at: None,
    };
    diesel::insert_into(outbox::table)
        .values(&row)
        .execute(conn)?;
    Ok(row.id)
}

/// Claims up to `limit` due events for `lease`. Each claim is a conditional update, so two
/// workers (or two app instances) never both claim the same event while its lease runs.
pub fn claim(
    conn: &mut DbConnection,
    limit: i64,
    lease: Duration,
    now: NaiveDateTime,
) -> QueryResult<Vec<OutboxRow>> {
    let candidates: Vec<OutboxRow> = outbox::table
        .filter(outbox::processed_at.is_null())
        .filter(outbox::available_at.le(now))
        .filter(
            outbox::locked_until
                .is_null()
                .or(outbox::locked_until.lt(now)),
        )
        .order(outbox::id.asc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)?;
    let mut claimed = Vec::with_capacity(candidates.len());
    for mut row in candidates {
        let until = now + lease;
        let n = diesel::update(
            outbox::table
                .filter(outbox::id.eq(&row.id))
                .filter(outbox::processed_at.is_null())
                .filter(
                    outbox::locked_until
                        .is_null()
                        .or(outbox::locked_until.lt(now)),
                ),
        )
        .set(outbox::locked_until.eq(until))
        .execute(conn)?;
        if n == 1 {
            row.locked_until = Some(until);
            claimed.push(row);
        }
    }
    Ok(claimed)
}

/// Marks an event done.
pub fn complete(conn: &mut DbConnection, id: &OutboxId, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::processed_at.eq(Some(now)),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records a failure and schedules the next attempt with exponential backoff (5 s after the
/// first failure, doubling, capped at one hour). Events are never dropped: an operator sees them in `pending`.
pub fn fail(
    conn: &mut DbConnection,
    row: &OutboxRow,
    error: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let attempts = row.attempts.saturating_add(1);
    let delay = backoff(attempts);
    let message: String = error.chars().take(2000).collect();
    diesel::update(outbox::table.find(&row.id))
        .set((
            outbox::attempts.eq(attempts),
            outbox::last_error.eq(Some(message)),
            outbox::available_at.eq(now + delay),
            outbox::locked_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The wait after the `attempts`-th failure.
pub fn backoff(attempts: i32) -> Duration {
    let exp = (attempts - 1).clamp(0, 10) as u32;
    let secs = 5_i64.saturating_mul(1_i64 << exp).min(3600);
    Duration::seconds(secs)
}

/// Deletes events processed before `before` (housekeeping; pending events are never deleted).
pub fn purge_processed(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(outbox::table.filter(outbox::processed_at.lt(before))).execute(conn)
}

/// How many events still wait, for health reports.
pub fn pending(conn: &mut DbConnection) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::processed_at.is_null())
        .count()
        .get_result(conn)
}
