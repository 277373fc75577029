//! The durable outbox. A content change records an event here in the same transaction, so the
//! event exists exactly when the change does; background workers (search indexing, email,
//! notifications) claim events with a lease, and a failed event is retried with backoff. If a
//! worker or the service it feeds is down, events wait; nothing is lost.
//!
//! **Leases.** A claim gives its events a fresh lease token and an end time. The holder renews
//! the lease while it works ([`renew`], [`hold`]); renewals, completion and failure are
//! conditional updates on the token, so only the current holder records an outcome, and
//! only once. Another worker re-claims an event only after its lease ran out, that is, after
//! the holder stopped renewing it (it died or lost its database).
//!
//! **Merging.** Events may carry a merge key (search indexing: `question:<id>`). Events with
//! the same topic and key describe the same item: a claim takes them all at once
//! ([`claim_batch`]) so the item is handled once, and no worker claims an item's events while
//! another holds a lease on some of them, so two workers never handle one item concurrently
//! (the later one could otherwise write an older state last).

use crate::OneOfExt;
use chrono::{Duration, NaiveDateTime};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Nullable, Text, Timestamp};

use crate::ids::OutboxId;
use crate::models::OutboxRow;
use crate::pool::{DbConnection, MultiBackend};
use crate::schema::outbox;

/// Ids per statement when updating many events (well under both backends' bind limits).
const CHUNK: usize = 500;

/// Records an event; call it inside the transaction that makes the change.
pub fn enqueue(
    conn: &mut DbConnection,
    topic: &str,
    payload: &serde_json::Value,
) -> QueryResult<OutboxId> {
    insert(conn, topic, None, payload)
}

/// Records an event that describes `key` (an item): pending events with the same topic and
/// key are handled once, together. Call it inside the transaction that makes the change.
pub fn enqueue_merged(
    conn: &mut DbConnection,
    topic: &str,
    key: &str,
    payload: &serde_json::Value,
) -> QueryResult<OutboxId> {
    insert(conn, topic, Some(key), payload)
}

fn insert(
    conn: &mut DbConnection,
    topic: &str,
    key: Option<&str>,
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
        lease_token: None,
        merge_key: key.map(str::to_owned),
    };
    diesel::insert_into(outbox::table)
        .values(&row)
        .execute(conn)?;
    Ok(row.id)
}

/// Which topics a claim takes.
#[derive(Debug, Clone, Copy)]
pub enum Topics<'a> {
    /// Only these.
    Only(&'a [String]),
    /// Every topic but these.
    Except(&'a [String]),
}

/// Events claimed under one lease token.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Present it to renew, complete or fail the events.
    pub token: String,
    /// The claimed events, oldest due first.
    pub rows: Vec<OutboxRow>,
}

type Condition = Box<dyn BoxableExpression<outbox::table, MultiBackend, SqlType = Nullable<Bool>>>;

/// The condition "nobody holds a lease on this event".
fn unlocked(now: NaiveDateTime) -> Condition {
    Box::new(
        outbox::locked_until
            .is_null()
            .nullable()
            .or(outbox::locked_until.lt(now)),
    )
}

/// The condition "no other lease holder is working on an event with this event's merge key"
/// (always true without a key: `NULL = x` never holds).
fn key_not_in_flight(now: NaiveDateTime, token: &str) -> Condition {
    Box::new(
        sql::<Bool>(
            "NOT EXISTS (SELECT 1 FROM outbox AS held WHERE held.merge_key = outbox.merge_key \
             AND held.topic = outbox.topic AND held.processed_at IS NULL AND held.locked_until >= ",
        )
        .bind::<Timestamp, _>(now)
        .sql(" AND held.lease_token <> ")
        .bind::<Text, _>(token.to_owned())
        .sql(")")
        .nullable(),
    )
}

/// Claims up to `limit` due events of `topics` for `lease`, under a fresh token, in one write
/// transaction. The claim is a conditional update (not held, not done, the item not in flight
/// elsewhere), so two workers or two app instances never both hold an event.
pub fn claim(
    conn: &mut DbConnection,
    topics: Topics<'_>,
    limit: i64,
    lease: Duration,
    now: NaiveDateTime,
) -> QueryResult<Claim> {
    let token = crate::fresh_id();
    crate::write_tx(conn, |conn| {
        claim_due(conn, &token, topics, limit, lease, now)?;
        Ok(Claim {
            rows: held(conn, &token)?,
            token: token.clone(),
        })
    })
}

/// [`claim`], and in the same transaction every other pending event of the claimed events'
/// items (same topic and merge key), due or not — a retry waiting out its backoff joins too,
/// since the item is about to be handled anyway. The caller handles each item once.
pub fn claim_batch(
    conn: &mut DbConnection,
    topics: Topics<'_>,
    limit: i64,
    lease: Duration,
    now: NaiveDateTime,
) -> QueryResult<Claim> {
    let token = crate::fresh_id();
    crate::write_tx(conn, |conn| {
        claim_due(conn, &token, topics, limit, lease, now)?;
        let mut keys: Vec<(String, String)> = outbox::table
            .filter(outbox::lease_token.eq(&token))
            // Pending, as every event just claimed is: the lease index covers only those (without
            // it this read walked the whole outbox, done events included: 38 ms on PostgreSQL
            // with 41,000 done events and autovacuum behind).
            .filter(outbox::processed_at.is_null())
            .filter(outbox::merge_key.is_not_null())
            .select((outbox::topic, outbox::merge_key.assume_not_null()))
            .distinct()
            .load(conn)?;
        keys.sort();
        let mut at = 0;
        while at < keys.len() {
            let topic = keys[at].0.clone();
            let same: Vec<String> = keys[at..]
                .iter()
                .take_while(|(t, _)| *t == topic)
                .map(|(_, k)| k.clone())
                .collect();
            at += same.len();
            claim_keys(conn, &token, &topic, &same, lease, now)?;
        }
        Ok(Claim {
            rows: held(conn, &token)?,
            token: token.clone(),
        })
    })
}

fn claim_due(
    conn: &mut DbConnection,
    token: &str,
    topics: Topics<'_>,
    limit: i64,
    lease: Duration,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let mut candidates = outbox::table
        .filter(outbox::processed_at.is_null())
        .filter(outbox::available_at.le(now))
        .filter(unlocked(now))
        .order((outbox::available_at.asc(), outbox::id.asc()))
        .limit(limit)
        .select(outbox::id)
        .into_boxed();
    candidates = match topics {
        Topics::Only(t) => candidates.filter(outbox::topic.one_of(t)),
        Topics::Except([]) => candidates,
        Topics::Except(t) => candidates.filter(outbox::topic.ne_all(t)),
    };
    let ids: Vec<OutboxId> = candidates.load(conn)?;
    if ids.is_empty() {
        return Ok(0);
    }
    diesel::update(
        outbox::table
            .filter(outbox::id.one_of(&ids))
            .filter(outbox::processed_at.is_null())
            .filter(unlocked(now))
            .filter(key_not_in_flight(now, token)),
    )
    .set((
        outbox::locked_until.eq(Some(now + lease)),
        outbox::lease_token.eq(Some(token)),
    ))
    .execute(conn)
}

fn claim_keys(
    conn: &mut DbConnection,
    token: &str,
    topic: &str,
    keys: &[String],
    lease: Duration,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let mut n = 0;
    for chunk in keys.chunks(CHUNK) {
        n += diesel::update(
            outbox::table
                .filter(outbox::topic.eq(topic))
                .filter(outbox::merge_key.one_of(chunk))
                .filter(outbox::processed_at.is_null())
                .filter(unlocked(now))
                .filter(key_not_in_flight(now, token)),
        )
        .set((
            outbox::locked_until.eq(Some(now + lease)),
            outbox::lease_token.eq(Some(token)),
        ))
        .execute(conn)?;
    }
    Ok(n)
}

/// The pending events held under `token`, oldest due first.
pub fn held(conn: &mut DbConnection, token: &str) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .filter(outbox::lease_token.eq(token))
        .filter(outbox::processed_at.is_null())
        .order((outbox::available_at.asc(), outbox::id.asc()))
        .select(OutboxRow::as_select())
        .load(conn)
}

/// Extends the lease of every pending event still held under `token`; returns how many.
pub fn renew(
    conn: &mut DbConnection,
    token: &str,
    lease: Duration,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::lease_token.eq(token))
            .filter(outbox::processed_at.is_null()),
    )
    .set(outbox::locked_until.eq(Some(now + lease)))
    .execute(conn)
}

/// Extends the lease of one event if it is still held under `token`: `true` means the caller
/// still holds it and may run it now.
pub fn hold(
    conn: &mut DbConnection,
    token: &str,
    id: &OutboxId,
    lease: Duration,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::lease_token.eq(token))
            .filter(outbox::processed_at.is_null()),
    )
    .set(outbox::locked_until.eq(Some(now + lease)))
    .execute(conn)
    .map(|n| n == 1)
}

/// Marks events done — only those still held under `token` and not done yet, so an outcome is
/// recorded once, by the holder. Returns how many were recorded.
pub fn complete(
    conn: &mut DbConnection,
    token: &str,
    ids: &[OutboxId],
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let mut n = 0;
    for chunk in ids.chunks(CHUNK) {
        n += diesel::update(
            outbox::table
                .filter(outbox::id.one_of(chunk))
                .filter(outbox::lease_token.eq(token))
                .filter(outbox::processed_at.is_null()),
        )
        .set((
            outbox::processed_at.eq(Some(now)),
            outbox::locked_until.eq(None::<NaiveDateTime>),
            outbox::lease_token.eq(None::<String>),
        ))
        .execute(conn)?;
    }
    Ok(n)
}

/// Records a failure of events held under `token` and schedules their next attempt with
/// exponential backoff (5 s after the first failure, doubling, capped at one hour). Events are
/// never dropped: an operator sees them in [`pending`]. Returns how many were recorded.
pub fn fail(
    conn: &mut DbConnection,
    token: &str,
    rows: &[&OutboxRow],
    error: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let message: String = error.chars().take(2000).collect();
    // One statement per previous attempt count (usually one or two), not one per event.
    let mut by_attempts: std::collections::BTreeMap<i32, Vec<OutboxId>> = Default::default();
    for r in rows {
        by_attempts
            .entry(r.attempts)
            .or_default()
            .push(r.id.clone());
    }
    let mut n = 0;
    for (before, ids) in by_attempts {
        let attempts = before.saturating_add(1);
        for chunk in ids.chunks(CHUNK) {
            n += diesel::update(
                outbox::table
                    .filter(outbox::id.one_of(chunk))
                    .filter(outbox::lease_token.eq(token))
                    .filter(outbox::processed_at.is_null()),
            )
            .set((
                outbox::attempts.eq(attempts),
                outbox::last_error.eq(Some(&message)),
                outbox::available_at.eq(now + backoff(attempts)),
                outbox::locked_until.eq(None::<NaiveDateTime>),
                outbox::lease_token.eq(None::<String>),
            ))
            .execute(conn)?;
        }
    }
    Ok(n)
}

/// Makes every pending event of `topic` that waits out a retry due now (the service it needs
/// answers again); returns how many.
pub fn retry_now(conn: &mut DbConnection, topic: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::topic.eq(topic))
            .filter(outbox::processed_at.is_null())
            .filter(outbox::available_at.gt(now))
            .filter(unlocked(now)),
    )
    .set(outbox::available_at.eq(now))
    .execute(conn)
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
