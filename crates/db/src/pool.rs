//! Connections: one `DbConnection` type over SQLite and PostgreSQL, chosen at run time from the
//! database URL, an r2d2 pool, per-connection SQLite pragmas, the embedded migrations and the
//! one place where writes open their transaction. Every bound on the pool (its size, the
//! wait for a connection, SQLite's lock wait and page cache) comes from [`PoolSettings`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::sqlite::SqliteConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use crate::DbError;

/// One connection, to whichever backend the URL named.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which backend a database URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

impl BackendKind {
    /// `postgres://` and `postgresql://` select PostgreSQL; anything else is a SQLite path
    /// (an optional `sqlite://` prefix is stripped).
    pub fn of_url(url: &str) -> Self {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            BackendKind::Postgres
        } else {
            BackendKind::Sqlite
        }
    }

    /// A short name for logs and `/healthz`.
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Sqlite => "sqlite",
            BackendKind::Postgres => "postgresql",
        }
    }
}

/// Strips the `sqlite://` prefix, leaving the file path SQLite opens.
pub fn sqlite_path(url: &str) -> &str {
    url.strip_prefix("sqlite://").unwrap_or(url)
}

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

/// The bounds of a pool: how many connections, how long a caller waits for one, and what
/// each SQLite connection may hold. `prassi_core::config::Config::pool_settings` fills it from
/// the configuration; [`Default`] is what an unconfigured pool gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSettings {
    /// Most connections open at once (at least 1).
    pub max_size: u32,
    /// Longest wait for a free connection; then [`Database::get`] fails with
    /// [`DbError::Pool`], which the platform answers with 503.
    pub timeout: Duration,
    /// SQLite: how long a writer waits for the write lock (`PRAGMA busy_timeout`).
    pub sqlite_busy_timeout: Duration,
    /// SQLite: page cache per connection, in KiB (`PRAGMA cache_size = -N`).
    pub sqlite_cache_kib: u32,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            max_size: 8,
            timeout: Duration::from_millis(1_500),
            sqlite_busy_timeout: Duration::from_secs(5),
            sqlite_cache_kib: 256,
        }
    }
}

/// How long an idle connection above the first stays open: after a burst the pool shrinks
/// back, and each closed SQLite connection frees its page cache and statement cache.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// The r2d2 manager: unlike diesel's generic manager it never guesses the backend, so a
/// mistyped PostgreSQL URL fails loudly instead of creating a SQLite file of that name.
#[derive(Debug, Clone)]
pub struct Manager {
    url: String,
    kind: BackendKind,
    /// The pragmas each new SQLite connection runs.
    sqlite_pragmas: String,
    /// Statements started on this pool's connections (see [`Database::statements`]).
    statements: Arc<AtomicU64>,
    /// Pings before handing a connection out (see [`Database::pings`]).
    pings: Arc<AtomicU64>,
    last_answer: LastAnswer,
}

/// A connection that answered within this window is handed out again without a ping: under
/// load a checkout costs no round trip (`SELECT 1` was a third of a signed-in home view's
/// statements on PostgreSQL), while after a quiet spell — when a restarted server is likely
/// to have closed them — connections are pinged before use. HikariCP does the same (its
/// "alive bypass window", also 500 ms).
pub const PING_BYPASS: Duration = Duration::from_millis(500);

/// When the pool's connections last finished a statement without error: milliseconds since
/// [`epoch`], plus one (0 = never).
type LastAnswer = Arc<AtomicU64>;

fn epoch() -> std::time::Instant {
    static EPOCH: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *EPOCH.get_or_init(std::time::Instant::now)
}

fn millis_since_epoch() -> u64 {
    u64::try_from(epoch().elapsed().as_millis()).unwrap_or(u64::MAX)
}

thread_local! {
    /// Set while the pool pings a connection on this thread: the ping is not one of the
    /// platform's statements ([`Database::statements`] counts those; [`Database::pings`]
    /// counts pings), so that a page's statement count does not depend on how long the pool
    /// was quiet before it.
    static PINGING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Set when a statement on this thread found its connection closed (the server
    /// restarted, the backend was ended); read, and cleared, when a connection goes back to
    /// the pool on this thread — where it was used — so that it is dropped, not handed out
    /// again.
    static CLOSED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Watches a connection's statements: counts them into its pool's counter, notes when one
/// succeeded (see [`PING_BYPASS`]) and when one found the connection closed.
struct Watch {
    statements: Arc<AtomicU64>,
    last_answer: LastAnswer,
}

impl diesel::connection::Instrumentation for Watch {
    fn on_connection_event(&mut self, event: diesel::connection::InstrumentationEvent<'_>) {
        use diesel::connection::InstrumentationEvent;
        use diesel::result::{DatabaseErrorKind, Error};
        match event {
            InstrumentationEvent::StartQuery { .. } if !PINGING.get() => {
                self.statements.fetch_add(1, Ordering::Relaxed);
            }
            InstrumentationEvent::FinishQuery { error: None, .. } => {
                self.last_answer
                    .store(millis_since_epoch() + 1, Ordering::Relaxed);
            }
            InstrumentationEvent::FinishQuery {
                error: Some(Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _)),
                ..
            } => CLOSED.set(true),
            _ => {}
        }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConnection, r2d2::Error> {
        let mut conn = match self.kind {
            BackendKind::Postgres => PgConnection::establish(&self.url)
                .map(DbConnection::Postgresql)
                .map_err(r2d2::Error::ConnectionError)?,
            BackendKind::Sqlite => {
                let mut conn = SqliteConnection::establish(sqlite_path(&self.url))
                    .map_err(r2d2::Error::ConnectionError)?;
                conn.batch_execute(&self.sqlite_pragmas)
                    .map_err(r2d2::Error::QueryError)?;
                DbConnection::Sqlite(conn)
            }
        };
        conn.set_instrumentation(Watch {
            statements: self.statements.clone(),
            last_answer: self.last_answer.clone(),
        });
        Ok(conn)
    }

    /// Pings only after a quiet spell ([`PING_BYPASS`]).
    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), r2d2::Error> {
        let last = self.last_answer.load(Ordering::Relaxed);
        let window = u64::try_from(PING_BYPASS.as_millis()).unwrap_or(u64::MAX);
        if last != 0 && millis_since_epoch() + 1 < last.saturating_add(window) {
            return Ok(());
        }
        self.pings.fetch_add(1, Ordering::Relaxed);
        PINGING.set(true);
        let answer = conn.ping();
        PINGING.set(false);
        answer.map_err(|e| {
            // r2d2 drops this one itself: the next one returned on this thread is not it.
            CLOSED.set(false);
            r2d2::Error::QueryError(e)
        })
    }

    /// A connection whose transaction state is broken, or on which a statement found the
    /// connection closed, is dropped.
    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        CLOSED.replace(false) | conn.is_broken()
    }
}

/// A pooled connection.
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// The pool and the backend it talks to. Cheap to clone.
#[derive(Clone)]
pub struct Database {
    pool: r2d2::Pool<Manager>,
    kind: BackendKind,
    statements: Arc<AtomicU64>,
    pings: Arc<AtomicU64>,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("kind", &self.kind)
            .finish()
    }
}

impl Database {
    /// Opens a pool of at most `max_size` connections for `url`, with the other bounds at
    /// their defaults. For SQLite the parent folder must exist.
    pub fn connect(url: &str, max_size: u32) -> Result<Self, DbError> {
        Self::connect_with(
            url,
            &PoolSettings {
                max_size,
                ..PoolSettings::default()
            },
        )
    }

    /// Opens a pool for `url` within `settings`. For SQLite the parent folder must exist.
    pub fn connect_with(url: &str, settings: &PoolSettings) -> Result<Self, DbError> {
        let kind = BackendKind::of_url(url);
        let busy_ms = settings.sqlite_busy_timeout.as_millis();
        if kind == BackendKind::Sqlite {
            // WAL is a property of the file: switch it once, alone, before the pool opens
            // connections in parallel (the switch needs a lock the others would contend for).
            let mut first = SqliteConnection::establish(sqlite_path(url))
                .map_err(|e| DbError::Connect(e.to_string()))?;
            first
                .batch_execute(&format!(
                    "PRAGMA busy_timeout = {busy_ms}; PRAGMA journal_mode = WAL;"
                ))
                .map_err(|e| DbError::Connect(e.to_string()))?;
        }
        // WAL lets readers run beside the one writer; FULL sync makes every commit durable;
        // the busy timeout makes a second writer wait (a bounded time) instead of failing.
        // busy_timeout first: switching to WAL takes a lock other new connections may hold
        // for a moment. A negative cache_size is in KiB; mmap stays off (SQLite's default),
        // so the file's pages are not mapped into the process.
        let sqlite_pragmas = format!(
            "PRAGMA busy_timeout = {busy_ms}; PRAGMA journal_mode = WAL; \
             PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
             PRAGMA cache_size = -{}; PRAGMA mmap_size = 0;",
            settings.sqlite_cache_kib
        );
        let statements = Arc::new(AtomicU64::new(0));
        let pings = Arc::new(AtomicU64::new(0));
        let manager = Manager {
            url: url.to_owned(),
            kind,
            sqlite_pragmas,
            statements: statements.clone(),
            pings: pings.clone(),
            last_answer: LastAnswer::default(),
        };
        let pool = r2d2::Pool::builder()
            .max_size(settings.max_size.max(1))
            .min_idle(Some(1))
            .idle_timeout(Some(IDLE_TIMEOUT))
            .connection_timeout(settings.timeout.max(Duration::from_millis(1)))
            .build(manager)
            .map_err(|e| DbError::Connect(e.to_string()))?;
        Ok(Self {
            pool,
            kind,
            statements,
            pings,
        })
    }

    /// How many statements this pool's connections have started since it opened (an atomic
    /// counter each connection bumps): tests read it before and after a request to count the
    /// statements a whole page costs.
    pub fn statements(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// How many times the pool pinged a connection before handing it out (only after a
    /// quiet spell, [`PING_BYPASS`]); pings are not counted among [`Self::statements`].
    pub fn pings(&self) -> u64 {
        self.pings.load(Ordering::Relaxed)
    }

    /// Takes a connection from the pool, waiting at most the pool's timeout (blocking: call
    /// from a blocking context). An exhausted pool gives [`DbError::Pool`].
    pub fn get(&self) -> Result<PooledConn, DbError> {
        self.pool.get().map_err(|e| DbError::Pool(e.to_string()))
    }

    /// Takes a connection, waiting at most `wait` (which may be zero: only an idle
    /// connection, or a new one if the pool has room). For callers that already spent part
    /// of the pool's timeout waiting for a thread.
    pub fn get_within(&self, wait: Duration) -> Result<PooledConn, DbError> {
        match self.pool.try_get() {
            Some(conn) => Ok(conn),
            None if wait.is_zero() => Err(DbError::Pool(
                "no connection free within the pool timeout".into(),
            )),
            None => self
                .pool
                .get_timeout(wait)
                .map_err(|e| DbError::Pool(e.to_string())),
        }
    }

    /// How long [`Database::get`] waits for a free connection.
    pub fn timeout(&self) -> Duration {
        self.pool.connection_timeout()
    }

    /// The backend this pool talks to.
    pub fn kind(&self) -> BackendKind {
        self.kind
    }

    /// Applies pending embedded migrations and returns the names applied. On PostgreSQL an
    /// advisory lock makes concurrent starts of several instances take turns.
    pub fn migrate(&self) -> Result<Vec<String>, DbError> {
        let mut conn = self.get()?;
        let applied = match &mut *conn {
            DbConnection::Sqlite(c) => c
                .run_pending_migrations(SQLITE_MIGRATIONS)
                .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>()),
            DbConnection::Postgresql(c) => {
                diesel::sql_query("SELECT pg_advisory_lock(7262617)").execute(c)?;
                let result = c
                    .run_pending_migrations(POSTGRES_MIGRATIONS)
                    .map(|v| v.iter().map(|m| m.to_string()).collect::<Vec<_>>());
                diesel::sql_query("SELECT pg_advisory_unlock(7262617)").execute(c)?;
                result
            }
        };
        let applied = applied.map_err(|e| DbError::Migration(e.to_string()))?;
        refresh_statistics(&mut conn, true)?;
        Ok(applied)
    }
}

/// SQLite: refreshes the query planner's statistics where they are missing or stale (a table
/// that grew or shrank tenfold), sampling at most 400 rows per index, as SQLite advises for
/// long-lived connections: at start (`all_tables`) and then hourly by the worker. Without them
/// the planner guesses, and at real size it guessed wrong (an expert lookup walked every
/// active member instead of the few with the question's expertise). PostgreSQL keeps its own
/// statistics (autovacuum).
pub fn refresh_statistics(conn: &mut DbConnection, all_tables: bool) -> QueryResult<()> {
    if let DbConnection::Sqlite(c) = conn {
        c.batch_execute(if all_tables {
            "PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002;"
        } else {
            "PRAGMA analysis_limit = 400; PRAGMA optimize;"
        })?;
    }
    Ok(())
}

/// Runs an insert that may hit a unique key another request filled first, and treats that as
/// done (`Ok(false)`). Inside a transaction the insert runs in a savepoint, so the violation
/// does not abort the enclosing PostgreSQL transaction (which would otherwise roll back
/// everything at COMMIT without an error).
pub fn insert_unless_exists<F>(conn: &mut DbConnection, insert: F) -> QueryResult<bool>
where
    F: FnOnce(&mut DbConnection) -> QueryResult<usize>,
{
    match conn.transaction(insert) {
        Ok(n) => Ok(n > 0),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Whether `conn` is inside a transaction. What a transaction reads may be rolled back, so
/// the per-process caches that key what they keep by a version read from the database keep
/// nothing read inside one: after a rollback the same version number would come back with
/// other content.
pub fn in_transaction(conn: &mut DbConnection) -> bool {
    matches!(
        <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
            .transaction_depth(),
        Ok(Some(_))
    )
}

/// Runs `f` in a write transaction: `BEGIN IMMEDIATE` on SQLite (a second writer waits on the
/// busy timeout, [`PoolSettings::sqlite_busy_timeout`], instead of failing half-way), a plain transaction on PostgreSQL. Nested calls
/// become savepoints. Rolls back when `f` returns an error.
pub fn write_tx<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let depth =
        <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
            .transaction_depth()
            .map_err(E::from)?;
    if depth.is_some() {
        return conn.transaction(f);
    }
    match conn {
        DbConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
        }
        DbConnection::Postgresql(inner) => AnsiTransactionManager::begin_transaction(inner)?,
    }
    match f(conn) {
        Ok(value) => {
            <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(err) => {
            if let Err(rollback) =
                <DbConnection as Connection>::TransactionManager::rollback_transaction(conn)
            {
                tracing::error!(error = %rollback, "rollback failed");
            }
            Err(err)
        }
    }
}
