//! The outbox worker: claims due events, hands each to the handler registered for its topic,
//! and marks it done or schedules a retry. Every app instance may run one; leases keep them
//! from doing the same event twice. Modules register handlers (email here; search indexing
//! and notifications in their own crates).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// A handler for one topic; runs on a blocking thread. An `Err` schedules a retry.
pub type Handler = Arc<dyn Fn(&AppState, &serde_json::Value) -> Result<(), String> + Send + Sync>;

/// A periodic clean-up task (expired rows); runs hourly on a blocking thread.
pub type Housekeeping = Arc<dyn Fn(&mut prassi_db::DbConnection) -> AppResult<()> + Send + Sync>;

/// The registry of topic handlers and housekeeping tasks.
#[derive(Clone, Default)]
pub struct Worker {
    handlers: HashMap<String, Handler>,
    housekeeping: Vec<Housekeeping>,
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

    /// Registers (or replaces) the handler of `topic`.
    pub fn register(&mut self, topic: &str, handler: Handler) {
        self.handlers.insert(topic.to_owned(), handler);
    }

    /// Processes the due events once; returns how many succeeded. Blocking.
    pub fn run_once(&self, state: &AppState) -> AppResult<usize> {
        let mut conn = state.db.get()?;
        let now = prassi_db::now();
        let batch = prassi_db::outbox::claim(&mut conn, 50, chrono::Duration::seconds(60), now)?;
        let mut done = 0;
        for row in batch {
            let result = match self.handlers.get(&row.topic) {
                None => Err(format!("no handler for topic {}", row.topic)),
                Some(h) => serde_json::from_str(&row.payload)
                    .map_err(|e| e.to_string())
                    .and_then(|payload| h(state, &payload)),
            };
            let now = prassi_db::now();
            match result {
                Ok(()) => {
                    prassi_db::outbox::complete(&mut conn, &row.id, now)?;
                    done += 1;
                }
                Err(e) => {
                    tracing::warn!(topic = %row.topic, attempts = row.attempts + 1, error = %e, "outbox event failed; will retry");
                    prassi_db::outbox::fail(&mut conn, &row, &e, now)?;
                }
            }
        }
        Ok(done)
    }

    /// Runs forever on the current runtime: every two seconds, plus hourly housekeeping.
    pub fn spawn(self, state: AppState) {
        actix_web::rt::spawn(async move {
            let mut tick: u64 = 0;
            loop {
                let w = self.clone();
                let s = state.clone();
                let housekeeping = tick.is_multiple_of(1800);
                let res = actix_web::web::block(move || -> AppResult<()> {
                    w.run_once(&s)?;
                    if housekeeping {
                        let mut conn = s.db.get()?;
                        crate::session::purge_expired(&mut conn).map_err(AppError::from)?;
                        let week_ago = prassi_db::now() - chrono::Duration::days(7);
                        prassi_db::outbox::purge_processed(&mut conn, week_ago)
                            .map_err(AppError::from)?;
                        for task in &w.housekeeping {
                            task(&mut conn)?;
                        }
                    }
                    Ok(())
                })
                .await;
                match res {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) => tracing::warn!(error = %e, "outbox worker pass failed"),
                    Err(e) => tracing::warn!(error = %e, "outbox worker thread failed"),
                }
                tick = tick.wrapping_add(1);
                actix_web::rt::time::sleep(Duration::from_secs(2)).await;
            }
        });
    }
}
