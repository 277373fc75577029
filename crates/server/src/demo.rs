//! `prassi demo`: fills a new database (no accounts, or administrators only, and no content)
//! with a believable community drawn from the source documents, and `prassi demo --size
//! small|large` adds the generated standard dataset the benchmarks run on (issue 10). Every
//! module brings its own part ([`prassi_core::Module::demo`], machinery in
//! [`prassi_core::demo`]); this file only runs the parts of [`crate::modules()`] in their
//! order ([`ordered`]) and, for the dataset, rebuilds the search index in one pass at the end.

use std::time::Instant;

use diesel::prelude::*;
use prassi_core::demo::{Community, Dataset, DemoContent};
use prassi_core::{AppState, Module};
use prassi_db::schema::outbox;

pub use prassi_core::demo::{Logins, PhaseTime, Report, Size};

/// The modules with demo content, each after the modules its [`DemoContent::after`] names:
/// among those ready, the one first in [`crate::modules()`] goes first (the accounts module,
/// whose people write everything else, then Q&A, the forum, the wiki). Fails on a cycle.
pub fn ordered() -> anyhow::Result<Vec<(&'static dyn Module, DemoContent)>> {
    order(crate::modules())
}

fn order(
    modules: &[&'static dyn Module],
) -> anyhow::Result<Vec<(&'static dyn Module, DemoContent)>> {
    let mut waiting: Vec<(&'static dyn Module, DemoContent)> = modules
        .iter()
        .filter_map(|m| m.demo().map(|d| (*m, d)))
        .collect();
    let mut out: Vec<(&'static dyn Module, DemoContent)> = Vec::with_capacity(waiting.len());
    while !waiting.is_empty() {
        let ready = waiting.iter().position(|(_, d)| {
            d.after.iter().all(|name| {
                out.iter().any(|(m, _)| m.name() == *name)
                    || !waiting.iter().any(|(m, _)| m.name() == *name)
            })
        });
        let Some(i) = ready else {
            let names: Vec<&str> = waiting.iter().map(|(m, _)| m.name()).collect();
            anyhow::bail!("the demo content of {} waits in a cycle", names.join(", "));
        };
        out.push(waiting.remove(i));
    }
    Ok(out)
}

/// Fills a new database: one with no accounts, or whose only accounts are administrators (as
/// after `prassi user create --role admin`, which the README suggests first), and no content.
/// Existing administrators are kept as they are; a demo account whose username one of them
/// already has is not created. Refuses anything else, saying why, and changes nothing then.
/// Every module's part runs in one write transaction.
pub fn fill(state: &AppState) -> anyhow::Result<Logins> {
    let parts = ordered()?;
    let mut conn = state.db.get()?;
    let mut found = Vec::new();
    for (_, part) in &parts {
        if let Some(what) = (part.existing)(&mut conn)? {
            found.push(what);
        }
    }
    if !found.is_empty() {
        anyhow::bail!(
            "the database already has {}; `prassi demo` only fills a new database: no content, and no accounts but administrators",
            found.join(", ")
        );
    }
    let password = format!("demo-{}", prassi_core::tokens::random_token(9));
    let logins = prassi_db::write_tx(&mut conn, |conn| -> prassi_core::AppResult<Logins> {
        let mut run = Community::new(conn, password);
        run.storage = Some(state.config.storage.clone());
        for (_, part) in &parts {
            (part.community)(&mut run)?;
        }
        Ok(run.logins)
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(logins)
}

/// What the demo community's first hour told its members.
#[derive(Debug, Clone, Copy, Default)]
pub struct Told {
    /// Notifications delivered (in the platform; by email as each member's channel says).
    pub notifications: i64,
    /// Digests sent (one per member with something to tell).
    pub digests: usize,
    /// Emails handed to the configured transport.
    pub emails: i64,
}

/// Runs what the community's first hour would: delivers every notification the demo's content
/// recorded (with their emails), sends every member's first digest, and hands all mail to the
/// configured transport (with `PRASSI_MAIL=file:<folder>`, `.eml` files to read).
pub fn tell(state: &AppState) -> anyhow::Result<Told> {
    use diesel::prelude::*;
    use prassi_db::schema::notifications;
    let worker = crate::worker();
    let failed = |e: prassi_core::AppError| anyhow::anyhow!("{e}");
    worker.run_once(state).map_err(failed)?;
    let mc = prassi_core::mail::MailContext::for_state(state);
    let mut conn = state.db.get()?;
    let digests = prassi_notifications::service::digest::send_due(
        &mut conn,
        &state.config,
        &mc,
        prassi_db::now(),
    )
    .map_err(failed)?;
    worker.run_once(state).map_err(failed)?;
    let notifications = notifications::table.count().get_result(&mut conn)?;
    let emails = crate::queued_emails(state)?;
    Ok(Told {
        notifications,
        digests,
        emails,
    })
}

/// How to generate the dataset.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub size: Size,
    /// Seeds the text and the shape of the data.
    pub seed: u64,
    /// Lanes that write at once (PostgreSQL only; SQLite has one writer anyway).
    pub jobs: usize,
}

/// Builds the standard dataset on a new database (the same condition as [`fill`]): the demo
/// community, then every module's generated part in order, then the search index in one pass
/// instead of the events the services queued.
pub fn generate(state: &AppState, opts: &Options) -> anyhow::Result<Report> {
    let started = Instant::now();
    let parts = ordered()?;
    let mut run = Dataset::new(state, opts.size, opts.seed, opts.jobs);
    let logins = fill(state)?;
    run.timer.done("demo community", logins.accounts.len());
    run.password = logins.password.clone();
    for (_, part) in &parts {
        if let Some(dataset) = part.dataset {
            dataset(&mut run)?;
        }
    }
    let indexed = reindex(state)?;
    run.timer.done("search index", indexed);
    let told = settle_notifications(state, HISTORY_NOTIFIED)?;
    run.timer.done("notifications", told);
    Ok(run.into_report(logins, started))
}

/// How many of the generated history's newest notification events are delivered.
const HISTORY_NOTIFIED: i64 = 2_000;

/// The generated history is history: its newest `keep` notification events are delivered (so
/// members have notifications to page through), the other deliveries it queued are dropped,
/// and none of its emails is sent (a benchmark must not start with a backlog of hundreds of
/// thousands of deliveries and emails on the worker). Returns the members told.
fn settle_notifications(state: &AppState, keep: i64) -> anyhow::Result<usize> {
    let mut conn = state.db.get()?;
    let newest: Vec<String> = outbox::table
        .filter(outbox::topic.eq(prassi_core::notify::TOPIC))
        .filter(outbox::processed_at.is_null())
        .order(outbox::id.desc())
        .limit(keep)
        .select(outbox::payload)
        .load(&mut conn)?;
    let mc = prassi_core::mail::MailContext::for_state(state);
    let mut told = 0;
    for payload in newest {
        let Some(id) = serde_json::from_str::<serde_json::Value>(&payload)?
            .get("event")
            .and_then(|v| v.as_str())
            .map(|s| prassi_db::NotificationEventId(s.to_owned()))
        else {
            continue;
        };
        told += prassi_db::write_tx(&mut conn, |c| {
            prassi_notifications::service::deliver::deliver(c, &state.config, &mc, &id)
        })
        .map_err(|e| anyhow::anyhow!("deliver: {e}"))?;
    }
    diesel::delete(
        outbox::table
            .filter(
                outbox::topic
                    .eq(prassi_core::notify::TOPIC)
                    .or(outbox::topic.eq(prassi_core::mail::TOPIC)),
            )
            .filter(outbox::processed_at.is_null()),
    )
    .execute(&mut conn)?;
    Ok(told)
}

/// Drops the search events the generator queued (still pending) and rebuilds the index from
/// the database in one pass, as `prassi search reindex` does. Returns the documents written.
fn reindex(state: &AppState) -> anyhow::Result<usize> {
    let mut conn = state.db.get()?;
    diesel::delete(
        outbox::table
            .filter(outbox::topic.eq(prassi_core::search::TOPIC))
            .filter(outbox::processed_at.is_null()),
    )
    .execute(&mut conn)?;
    let counts = prassi_search::documents::reindex(&mut conn, state)
        .map_err(|e| anyhow::anyhow!("reindex: {e}"))?;
    Ok(counts.values().sum())
}
