//! The shared application state every handler receives: configuration, database, templates.

use std::sync::Arc;

use prassi_db::{Database, DbConnection};

use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::templates::Templates;

/// One line of a member's activity on their profile, contributed by a module.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ActivityItem {
    /// Already translated.
    pub label: String,
    pub value: String,
    /// A page listing the items, or empty.
    pub href: String,
}

/// How a module adds to member profiles: given the member and who is looking, its lines.
/// Must respect the access rule (count only what the viewer may see) and use a fixed number of
/// queries.
pub type ProfileExtra = fn(
    &mut DbConnection,
    &prassi_db::UserId,
    &crate::access::Viewer,
    crate::access::Phase,
    &str,
) -> AppResult<Vec<ActivityItem>>;

/// Shared state; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: Database,
    pub templates: Arc<Templates>,
    /// The merged OpenAPI document, composed by the server from every module, as the JSON it
    /// is served as (kept as text: as a `serde_json::Value` tree it took 4 MB).
    pub openapi: actix_web::web::Bytes,
    /// Modules' contributions to member profiles, in order.
    pub profile_extras: Arc<Vec<ProfileExtra>>,
    /// Every module's searchable items (from the server's module list).
    pub search_sources: Arc<Vec<crate::search::SearchSource>>,
    /// The search engine chosen by configuration.
    pub search: Arc<dyn crate::search::SearchEngine>,
    /// Resolves the group a search is limited to (from the groups module); `None` when no
    /// module supplies one, and every group-limited search then finds nothing.
    pub group_resolver: Option<crate::search::GroupResolver>,
    /// The site settings this process read last, with their version.
    pub settings: Arc<crate::settings::SettingsCache>,
}

impl AppState {
    /// Every module's activity lines for `member` as `viewer` may see them.
    pub fn profile_activity(
        &self,
        conn: &mut DbConnection,
        member: &prassi_db::UserId,
        viewer: &crate::access::Viewer,
        phase: crate::access::Phase,
        lang: &str,
    ) -> AppResult<Vec<ActivityItem>> {
        let mut out = Vec::new();
        for extra in self.profile_extras.iter() {
            out.extend(extra(conn, member, viewer, phase, lang)?);
        }
        Ok(out)
    }
}

impl AppState {
    /// Runs blocking database work off the async executor.
    ///
    /// The wait before `f` starts is bounded by the pool's timeout
    /// (`PRASSI_DB_POOL_TIMEOUT_MS`), whether the request waits for a blocking thread or for a
    /// connection: past it the request fails with `unavailable` (503 with `Retry-After`)
    /// instead of queueing until its client gives up. Once `f` has started it runs to the end,
    /// so a write is never reported as failed after it committed.
    pub async fn run<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        run_bounded(&self.db, f).await
    }

    /// Runs blocking work that needs no database connection (a search in the embedded index)
    /// under the same bound as [`AppState::run`]: if no blocking thread takes it within the
    /// pool timeout, it answers `unavailable` and is dropped unstarted.
    pub async fn block<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce() -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        block_bounded(self.db.timeout(), move |_| f()).await
    }

    /// Runs blocking work in one write transaction (IMMEDIATE on SQLite).
    pub async fn write<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| prassi_db::write_tx(conn, f)).await
    }
}

/// [`AppState::run`] for code that holds the database but no state (the session store).
pub async fn run_bounded<T, F>(db: &Database, f: F) -> AppResult<T>
where
    F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    let db = db.clone();
    block_bounded(db.timeout(), move |waited| {
        let mut conn = db.get_within(db.timeout().saturating_sub(waited))?;
        f(&mut conn)
    })
    .await
}

/// Runs `f` on a blocking thread unless none takes it within `bound`; `f` learns how long it
/// waited. Past the bound the caller gets `unavailable` and `f` never starts; once started it
/// runs to the end and its result is awaited.
async fn block_bounded<T, F>(bound: std::time::Duration, f: F) -> AppResult<T>
where
    F: FnOnce(std::time::Duration) -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    use std::sync::atomic::{AtomicU8, Ordering};
    const QUEUED: u8 = 0;
    const RUNNING: u8 = 1;
    const ABANDONED: u8 = 2;
    let queued_at = std::time::Instant::now();
    let state = Arc::new(AtomicU8::new(QUEUED));
    let job_state = Arc::clone(&state);
    let job = actix_web::web::block(move || {
        if job_state
            .compare_exchange(QUEUED, RUNNING, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            // The request already answered 503: nobody waits for this any more.
            return Err(AppError::unavailable(
                "abandoned while waiting for a thread",
            ));
        }
        f(queued_at.elapsed())
    });
    let mut job = std::pin::pin!(job);
    match actix_web::rt::time::timeout(bound, job.as_mut()).await {
        Ok(done) => done.map_err(AppError::internal)?,
        Err(_) => {
            let gave_up = state
                .compare_exchange(QUEUED, ABANDONED, Ordering::AcqRel, Ordering::Acquire)
                .is_ok();
            if gave_up {
                return Err(AppError::unavailable(format!(
                    "no blocking thread free within {} ms",
                    bound.as_millis()
                )));
            }
            // It started in time (and got a connection, or is failing to): let it finish.
            job.await.map_err(AppError::internal)?
        }
    }
}
