//! The outbox worker: claims due events under a lease, hands them to the handler registered
//! for their topic, and records each outcome (done, or a retry with backoff). Every app
//! instance may run one; leases keep them from running the same event twice.
//!
//! It works in two lanes so that slow work never holds up fast work:
//! - **Batch topics** (search indexing, notification delivery) are claimed up to
//!   [`Settings::batch`] events at a time, together with every other pending event of the
//!   same items (merge keys, see `prassi_db::outbox`), and handed to the handler all at once,
//!   one payload per item — one engine commit per batch. A topic may have a probe (a cheap health call): when a batch
//!   fails and the probe fails too, the service is down; the lane stops claiming that topic and
//!   probes it every [`Settings::probe_every`]; when it answers, everything waiting out a
//!   retry is made due at once, so the index catches up within seconds of the service's return.
//! - **Other topics** (email) are claimed a few at a time and run one by one; before each
//!   event the worker re-checks and extends its lease, and completion is recorded right after.
//!
//! While it works, a heartbeat thread renews the claim's lease every third of its length, so a
//! slow handler never loses its events to another worker while it is alive; outcomes are
//! recorded only under the claim's lease token. Each lane drains without pausing while events
//! are due and polls every [`Settings::idle_poll`] when there are none.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use prassi_db::models::OutboxRow;
use prassi_db::outbox::{self, Claim, Topics};
use prassi_db::OutboxId;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A handler for one event; runs on a blocking thread. An `Err` schedules a retry.
pub type Handler = Arc<dyn Fn(&AppState, &serde_json::Value) -> Result<(), String> + Send + Sync>;

/// A handler for many events of one topic at once — one payload per item after merging —
/// returning one outcome per payload, in order. Runs on a blocking thread.
pub type BatchHandler =
    Arc<dyn Fn(&AppState, &[serde_json::Value]) -> Vec<Result<(), String>> + Send + Sync>;

/// A cheap check that the service a batch topic feeds answers.
pub type Probe = Arc<dyn Fn(&AppState) -> Result<(), String> + Send + Sync>;

/// An hourly task of a module (expired rows, reminders), run on a blocking thread with the
/// platform's state (mail, configuration) and a connection.
pub type Housekeeping =
    Arc<dyn Fn(&AppState, &mut prassi_db::DbConnection) -> AppResult<()> + Send + Sync>;

/// How the worker paces itself.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// How long a claim holds its events without renewal; renewed every third of it.
    pub lease: Duration,
    /// Events a batch-topic claim takes (more join it when they share an item).
    pub batch: i64,
    /// Events an ordinary claim takes (run one by one).
    pub single: i64,
    /// The pause between polls when nothing is due.
    pub idle_poll: Duration,
    /// How often a service that is down is probed.
    pub probe_every: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            lease: Duration::from_secs(60),
            batch: 500,
            single: 8,
            idle_poll: Duration::from_millis(200),
            probe_every: Duration::from_secs(1),
        }
    }
}

#[derive(Clone)]
struct BatchTopic {
    handler: BatchHandler,
    probe: Option<Probe>,
}

/// What the worker knows of a batch topic's service.
#[derive(Debug, Clone, Copy)]
enum Health {
    /// Not probed yet (a fresh worker probes first, retrying at once what waits).
    Unknown,
    Up,
    /// Down since a batch failed and the probe failed too; probed again at `next`.
    Down {
        next: Instant,
    },
}

/// The two lanes of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    /// Batch topics: claimed in large batches, merged by item.
    Batch,
    /// Every other topic: claimed a few at a time, run one by one.
    Single,
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Pass {
    /// Events claimed (after merging).
    pub claimed: usize,
    /// Events recorded done.
    pub done: usize,
    /// Events recorded failed (retried later).
    pub failed: usize,
}

/// The registry of topic handlers and housekeeping tasks, and the worker loop.
#[derive(Clone, Default)]
pub struct Worker {
    handlers: HashMap<String, Handler>,
    batch: HashMap<String, BatchTopic>,
    housekeeping: Vec<Housekeeping>,
    settings: Settings,
    health: Arc<Mutex<HashMap<String, Health>>>,
}

impl Worker {
    /// A worker that sends queued email.
    pub fn new() -> Self {
        let mut w = Worker::default();
        w.register(
            crate::mail::TOPIC,
            Arc::new(|state: &AppState, payload: &serde_json::Value| {
                let email: crate::mail::Email =
                    serde_json::from_value(payload.clone()).map_err(|e| e.to_string())?;
                crate::mail::send(&state.config, &email)
            }),
        );
        w
    }

    /// Adds an hourly housekeeping task.
    pub fn on_housekeeping(&mut self, task: Housekeeping) {
        self.housekeeping.push(task);
    }

    /// Registers (or replaces) the one-by-one handler of `topic`.
    pub fn register(&mut self, topic: &str, handler: Handler) {
        self.batch.remove(topic);
        self.handlers.insert(topic.to_owned(), handler);
    }

    /// Registers (or replaces) the batch handler of `topic`, with the probe of the service it
    /// feeds. Events of the topic with the same merge key must be interchangeable: handling
    /// one of them covers all.
    pub fn register_batch(&mut self, topic: &str, handler: BatchHandler, probe: Option<Probe>) {
        self.handlers.remove(topic);
        self.batch
            .insert(topic.to_owned(), BatchTopic { handler, probe });
    }

    /// Every topic with a handler, sorted.
    pub fn topics(&self) -> Vec<String> {
        let mut topics: Vec<String> = self
            .handlers
            .keys()
            .chain(self.batch.keys())
            .cloned()
            .collect();
        topics.sort();
        topics
    }

    /// The pacing in use.
    pub fn settings(&self) -> Settings {
        self.settings
    }

    /// Replaces the pacing (tests use short leases and small batches).
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    fn lease(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.settings.lease).unwrap_or(chrono::Duration::seconds(60))
    }

    fn batch_topics(&self) -> Vec<String> {
        let mut t: Vec<String> = self.batch.keys().cloned().collect();
        t.sort();
        t
    }

    /// Processes everything due in both lanes until nothing is; returns how many events were
    /// recorded done. Blocking.
    pub fn run_once(&self, state: &AppState) -> AppResult<usize> {
        let mut done = 0;
        for lane in [Lane::Batch, Lane::Single] {
            loop {
                let p = self.pass(state, lane)?;
                done += p.done;
                if p.claimed == 0 || p.done + p.failed == 0 {
                    break;
                }
            }
        }
        Ok(done)
    }

    /// One claim in `lane` and its handling. Blocking.
    pub fn pass(&self, state: &AppState, lane: Lane) -> AppResult<Pass> {
        match lane {
            Lane::Batch => self.batch_pass(state),
            Lane::Single => self.single_pass(state),
        }
    }

    /// Probes the batch topics whose turn it is; returns the topics that may be claimed now.
    fn probe_due(&self, state: &AppState) -> AppResult<Vec<String>> {
        let now = Instant::now();
        let mut ready = Vec::new();
        for topic in self.batch_topics() {
            let health = self.health_of(&topic);
            let due = match health {
                Health::Up => false,
                Health::Unknown => true,
                Health::Down { next } => now >= next,
            };
            if !due {
                ready.push(topic);
                continue;
            }
            let probe = self.batch.get(&topic).and_then(|b| b.probe.clone());
            match probe.map_or(Ok(()), |p| p(state)) {
                Ok(()) => {
                    // Whatever waits out a retry is due now: the service answers.
                    let mut conn = state.db.get()?;
                    let n = outbox::retry_now(&mut conn, &topic, prassi_db::now())?;
                    if matches!(health, Health::Down { .. }) || n > 0 {
                        tracing::info!(topic = %topic, retried = n, "service answers again; retrying waiting events now");
                    }
                    self.set_health(&topic, Health::Up);
                    ready.push(topic);
                }
                Err(e) => {
                    if !matches!(health, Health::Down { .. }) {
                        tracing::warn!(topic = %topic, error = %e, "service down; holding its events and probing");
                    }
                    self.set_health(
                        &topic,
                        Health::Down {
                            next: now + self.settings.probe_every,
                        },
                    );
                }
            }
        }
        Ok(ready)
    }

    fn health_of(&self, topic: &str) -> Health {
        self.health
            .lock()
            .map(|h| h.get(topic).copied().unwrap_or(Health::Unknown))
            .unwrap_or(Health::Unknown)
    }

    fn set_health(&self, topic: &str, health: Health) {
        if let Ok(mut h) = self.health.lock() {
            h.insert(topic.to_owned(), health);
        }
    }

    fn batch_pass(&self, state: &AppState) -> AppResult<Pass> {
        if self.batch.is_empty() {
            return Ok(Pass::default());
        }
        let topics = self.probe_due(state)?;
        if topics.is_empty() {
            return Ok(Pass::default());
        }
        // Every other pending event of the same items joins the claim: one handling each.
        let claim = outbox::claim_batch(
            &mut *state.db.get()?,
            Topics::Only(&topics),
            self.settings.batch,
            self.lease(),
            prassi_db::now(),
        )?;
        if claim.rows.is_empty() {
            return Ok(Pass::default());
        }
        let mut pass = Pass {
            claimed: claim.rows.len(),
            ..Pass::default()
        };
        self.with_heartbeat(state, &claim.token, || -> AppResult<()> {
            for topic in &topics {
                let rows: Vec<&OutboxRow> =
                    claim.rows.iter().filter(|r| &r.topic == topic).collect();
                if rows.is_empty() {
                    continue;
                }
                let Some(batch) = self.batch.get(topic) else {
                    continue;
                };
                let (done, failed) = self.run_batch(state, &claim.token, batch, rows)?;
                pass.done += done;
                pass.failed += failed;
                if failed > 0 {
                    if let Some(probe) = &batch.probe {
                        if let Err(e) = probe(state) {
                            tracing::warn!(topic = %topic, error = %e, "service down; holding its events and probing");
                            self.set_health(
                                topic,
                                Health::Down {
                                    next: Instant::now() + self.settings.probe_every,
                                },
                            );
                        }
                    }
                }
            }
            Ok(())
        })?;
        Ok(pass)
    }

    /// Hands the rows of one topic to its batch handler, one payload per item, and records
    /// the outcomes; returns (done, failed).
    fn run_batch(
        &self,
        state: &AppState,
        token: &str,
        batch: &BatchTopic,
        rows: Vec<&OutboxRow>,
    ) -> AppResult<(usize, usize)> {
        // Items in order of their first event; each with all its events.
        let mut order: Vec<String> = Vec::new();
        let mut groups: HashMap<String, Vec<&OutboxRow>> = HashMap::new();
        for r in rows {
            let key = r.merge_key.clone().unwrap_or_else(|| r.id.to_string());
            let group = groups.entry(key.clone()).or_default();
            if group.is_empty() {
                order.push(key);
            }
            group.push(r);
        }
        let mut payloads = Vec::with_capacity(order.len());
        let mut items: Vec<&Vec<&OutboxRow>> = Vec::with_capacity(order.len());
        let mut bad: Vec<(&OutboxRow, String)> = Vec::new();
        for key in &order {
            let Some(group) = groups.get(key) else {
                continue;
            };
            let first = group[0];
            match serde_json::from_str::<serde_json::Value>(&first.payload) {
                Ok(p) => {
                    payloads.push(p);
                    items.push(group);
                }
                Err(e) => bad.extend(group.iter().map(|r| (*r, e.to_string()))),
            }
        }
        let outcomes = if payloads.is_empty() {
            Vec::new()
        } else {
            (batch.handler)(state, &payloads)
        };
        let mut ok: Vec<OutboxId> = Vec::new();
        let mut failures: HashMap<String, Vec<&OutboxRow>> = HashMap::new();
        for (i, group) in items.iter().enumerate() {
            match outcomes.get(i) {
                Some(Ok(())) => ok.extend(group.iter().map(|r| r.id.clone())),
                Some(Err(e)) => failures.entry(e.clone()).or_default().extend(group.iter()),
                None => failures
                    .entry("the handler gave no outcome".into())
                    .or_default()
                    .extend(group.iter()),
            }
        }
        for (r, e) in bad {
            failures.entry(e).or_default().push(r);
        }
        let mut conn = state.db.get()?;
        let now = prassi_db::now();
        let done = outbox::complete(&mut conn, token, &ok, now)?;
        let mut failed = 0;
        for (error, rows) in &failures {
            if let Some(r) = rows.first() {
                tracing::warn!(topic = %r.topic, events = rows.len(), attempts = r.attempts + 1, error = %error, "outbox events failed; will retry");
            }
            failed += outbox::fail(&mut conn, token, rows, error, now)?;
        }
        Ok((done, failed))
    }

    fn single_pass(&self, state: &AppState) -> AppResult<Pass> {
        let except = self.batch_topics();
        let lease = self.lease();
        let claim: Claim = {
            let mut conn = state.db.get()?;
            outbox::claim(
                &mut conn,
                Topics::Except(&except),
                self.settings.single,
                lease,
                prassi_db::now(),
            )?
        };
        if claim.rows.is_empty() {
            return Ok(Pass::default());
        }
        let mut pass = Pass {
            claimed: claim.rows.len(),
            ..Pass::default()
        };
        self.with_heartbeat(state, &claim.token, || -> AppResult<()> {
            let mut conn = state.db.get()?;
            for row in &claim.rows {
                // Still ours? (Extends its lease right before running it.)
                if !outbox::hold(&mut conn, &claim.token, &row.id, lease, prassi_db::now())? {
                    tracing::warn!(topic = %row.topic, id = %row.id, "outbox lease lost; leaving the event to its new holder");
                    continue;
                }
                let result = match self.handlers.get(&row.topic) {
                    None => Err(format!("no handler for topic {}", row.topic)),
                    Some(h) => serde_json::from_str(&row.payload)
                        .map_err(|e| e.to_string())
                        .and_then(|payload| h(state, &payload)),
                };
                let now = prassi_db::now();
                match result {
                    Ok(()) => {
                        pass.done +=
                            outbox::complete(&mut conn, &claim.token, std::slice::from_ref(&row.id), now)?;
                    }
                    Err(e) => {
                        tracing::warn!(topic = %row.topic, attempts = row.attempts + 1, error = %e, "outbox event failed; will retry");
                        pass.failed += outbox::fail(&mut conn, &claim.token, &[row], &e, now)?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(pass)
    }

    /// Runs `f` while a thread renews the lease of `token` every third of its length.
    fn with_heartbeat<T>(&self, state: &AppState, token: &str, f: impl FnOnce() -> T) -> T {
        let every = self.settings.lease / 3;
        let lease = self.lease();
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        std::thread::scope(|s| {
            s.spawn(move || {
                while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                    stopped.recv_timeout(every)
                {
                    let renewed = state.db.get().map_err(|e| e.to_string()).and_then(|mut c| {
                        outbox::renew(&mut c, token, lease, prassi_db::now())
                            .map_err(|e| e.to_string())
                    });
                    if let Err(e) = renewed {
                        tracing::warn!(error = %e, "outbox lease renewal failed");
                    }
                }
            });
            let out = f();
            drop(stop);
            out
        })
    }

    /// The hourly clean-up: expired sessions, events processed a week ago, module tasks.
    pub fn housekeeping(&self, state: &AppState) -> AppResult<()> {
        let mut conn = state.db.get()?;
        crate::session::purge_expired(&mut conn).map_err(AppError::from)?;
        let week_ago = prassi_db::now() - chrono::Duration::days(7);
        outbox::purge_processed(&mut conn, week_ago).map_err(AppError::from)?;
        for task in &self.housekeeping {
            task(state, &mut conn)?;
        }
        Ok(())
    }

    /// Runs forever on the current runtime: one loop per lane, each draining while events are
    /// due and polling when idle; housekeeping hourly.
    pub fn spawn(self, state: AppState) {
        let lanes: &[Lane] = if self.batch.is_empty() {
            &[Lane::Single]
        } else {
            &[Lane::Batch, Lane::Single]
        };
        for &lane in lanes {
            let w = self.clone();
            let state = state.clone();
            actix_web::rt::spawn(async move {
                let mut last_housekeeping: Option<Instant> = None;
                loop {
                    let housekeeping = lane == Lane::Single
                        && last_housekeeping
                            .is_none_or(|t| t.elapsed() >= Duration::from_secs(3600));
                    if housekeeping {
                        last_housekeeping = Some(Instant::now());
                    }
                    let (w2, s) = (w.clone(), state.clone());
                    let res = actix_web::web::block(move || -> AppResult<Pass> {
                        let pass = w2.pass(&s, lane)?;
                        if housekeeping {
                            w2.housekeeping(&s)?;
                        }
                        Ok(pass)
                    })
                    .await;
                    let pause = match res {
                        Ok(Ok(p)) if p.claimed > 0 => None,
                        Ok(Ok(_)) => Some(w.settings.idle_poll),
                        Ok(Err(e)) => {
                            tracing::warn!(error = %e, ?lane, "outbox worker pass failed");
                            Some(Duration::from_secs(1))
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, ?lane, "outbox worker thread failed");
                            Some(Duration::from_secs(1))
                        }
                    };
                    if let Some(pause) = pause {
                        actix_web::rt::time::sleep(pause).await;
                    }
                }
            });
        }
    }
}
