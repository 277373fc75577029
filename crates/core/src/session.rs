//! Server-side sessions for actix-session, kept in the database so that every app instance
//! shares them and so that logout and a password change really end them. The cookie holds only
//! a random key; the table holds its SHA-256, the state, the signed-in user and the expiry.
//!
//! Loading a session also reads what the request's context needs of it (its member with their
//! working groups, the settings, the bell: [`crate::ctx`]) in the same trip to the database,
//! and leaves it in a per-request slot ([`found_slot`]) for the context to take.

use std::cell::RefCell;
use std::sync::Arc;

use std::collections::HashMap;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::body::MessageBody;
use actix_web::cookie::time::Duration;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use diesel::prelude::*;
use prassi_db::schema::sessions;
use prassi_db::{Database, UserId};

use crate::ctx::SessionFound;
use crate::settings::SettingsCache;
use crate::tokens;

/// Session-state key holding the signed-in user's id.
pub const USER_KEY: &str = "user_id";
/// Session-state key holding when the user signed in (unix seconds).
pub const AUTH_AT_KEY: &str = "auth_at";
/// Session-state key holding the CSRF token.
pub const CSRF_KEY: &str = "csrf";

/// A session's state as actix-session holds it: JSON values by key.
pub type SessionState = HashMap<String, String>;

tokio::task_local! {
    /// What the store found with this request's session, until the context takes it.
    static FOUND: RefCell<Option<SessionFound>>;
}

/// Installed just outside the session middleware: gives each request the slot in which the
/// store leaves what it read with the session, so that the request's context needs no second
/// trip to the database for it (without the slot the context reads it itself). Static assets
/// have no context: they get no slot, and their session is loaded alone.
pub async fn found_slot<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<B>, actix_web::Error> {
    if req.path().starts_with("/static/") {
        return next.call(req).await;
    }
    FOUND.scope(RefCell::new(None), next.call(req)).await
}

/// Takes what the store left for this request, if anything.
pub(crate) fn take_found() -> Option<SessionFound> {
    FOUND.try_with(|slot| slot.take()).ok().flatten()
}

/// The database-backed session store, with the settings the process keeps (a session's load
/// reads them as of the version it sees).
#[derive(Clone)]
pub struct DbSessionStore {
    db: Database,
    settings: Arc<SettingsCache>,
}

impl DbSessionStore {
    pub fn new(db: Database, settings: Arc<SettingsCache>) -> Self {
        Self { db, settings }
    }
}

fn user_of(state: &SessionState) -> Option<String> {
    state
        .get(USER_KEY)
        .and_then(|v| serde_json::from_str::<String>(v).ok())
}

fn expiry(ttl: &Duration) -> chrono::NaiveDateTime {
    prassi_db::now() + chrono::Duration::seconds(ttl.whole_seconds())
}

/// The message of a store failure caused by overload (no blocking thread or no connection
/// within the pool timeout). actix-session answers any store failure with a bare 500;
/// [`crate::web::session_overload`] recognises this one and answers 503 with `Retry-After`.
pub const STORE_UNAVAILABLE: &str = "session store: no database connection free within the bound";

/// Runs a store query under the same bound as every request's database work
/// ([`crate::state::run_bounded`]).
async fn blocking<T, F>(db: &Database, f: F) -> anyhow::Result<T>
where
    F: FnOnce(&mut prassi_db::DbConnection) -> QueryResult<T> + Send + 'static,
    T: Send + 'static,
{
    crate::state::run_bounded(db, move |conn| Ok(f(conn)?))
        .await
        .map_err(store_error)
}

/// A store failure as actix-session reports it: overload with its recognisable message.
fn store_error(e: crate::error::AppError) -> anyhow::Error {
    match e.kind {
        crate::error::ErrorKind::Unavailable => anyhow::anyhow!(STORE_UNAVAILABLE),
        _ => anyhow::anyhow!("session store: {e}"),
    }
}

impl SessionStore for DbSessionStore {
    async fn load(&self, session_key: &SessionKey) -> Result<Option<SessionState>, LoadError> {
        let id = tokens::digest(session_key.as_ref());
        if FOUND.try_with(|_| ()).is_err() {
            // No context will ask (a static asset, or a store used on its own): the state only.
            let row: Option<String> = blocking(&self.db, move |conn| {
                sessions::table
                    .filter(sessions::id.eq(&id))
                    .filter(sessions::expires_at.gt(prassi_db::now()))
                    .select(sessions::state)
                    .first(conn)
                    .optional()
            })
            .await
            .map_err(LoadError::Other)?;
            return row
                .map(|text| serde_json::from_str(&text))
                .transpose()
                .map_err(|e| LoadError::Deserialization(e.into()));
        }
        let kept = Arc::clone(&self.settings);
        let found = crate::state::run_bounded(&self.db, move |conn| {
            crate::ctx::session_and_member(conn, &kept, &id)
        })
        .await
        .map_err(|e| LoadError::Other(store_error(e)))?;
        match found {
            None => Ok(None),
            Some(Err(e)) => Err(LoadError::Deserialization(e.into())),
            Some(Ok((state, found))) => {
                let _ = FOUND.try_with(|slot| slot.replace(Some(found)));
                Ok(Some(state))
            }
        }
    }

    async fn save(&self, state: SessionState, ttl: &Duration) -> Result<SessionKey, SaveError> {
        let body = serde_json::to_string(&state).map_err(|e| SaveError::Serialization(e.into()))?;
        let key = tokens::random_token(32);
        let id = tokens::digest(&key);
        let user = user_of(&state);
        let expires_at = expiry(ttl);
        blocking(&self.db, move |conn| {
            diesel::insert_into(sessions::table)
                .values((
                    sessions::id.eq(&id),
                    sessions::user_id.eq(user),
                    sessions::state.eq(body),
                    sessions::created_at.eq(prassi_db::now()),
                    sessions::expires_at.eq(expires_at),
                ))
                .execute(conn)
                .map(drop)
        })
        .await
        .map_err(SaveError::Other)?;
        SessionKey::try_from(key).map_err(|e| SaveError::Other(e.into()))
    }

    async fn update(
        &self,
        session_key: SessionKey,
        mut state: SessionState,
        ttl: &Duration,
    ) -> Result<SessionKey, UpdateError> {
        let body =
            serde_json::to_string(&state).map_err(|e| UpdateError::Serialization(e.into()))?;
        let id = tokens::digest(session_key.as_ref());
        let user = user_of(&state);
        let expires_at = expiry(ttl);
        let updated = blocking(&self.db, move |conn| {
            diesel::update(sessions::table.find(&id))
                .set((
                    sessions::state.eq(body),
                    sessions::user_id.eq(user),
                    sessions::expires_at.eq(expires_at),
                ))
                .execute(conn)
        })
        .await
        .map_err(UpdateError::Other)?;
        if updated == 1 {
            return Ok(session_key);
        }
        // The session was ended meanwhile (logout elsewhere, password change). Start a fresh
        // one, but never resurrect the sign-in that was ended.
        state.remove(USER_KEY);
        state.remove(AUTH_AT_KEY);
        self.save(state, ttl).await.map_err(|e| match e {
            SaveError::Serialization(e) => UpdateError::Serialization(e),
            SaveError::Other(e) => UpdateError::Other(e),
        })
    }

    async fn update_ttl(&self, session_key: &SessionKey, ttl: &Duration) -> anyhow::Result<()> {
        let id = tokens::digest(session_key.as_ref());
        let expires_at = expiry(ttl);
        blocking(&self.db, move |conn| {
            diesel::update(sessions::table.find(&id))
                .set(sessions::expires_at.eq(expires_at))
                .execute(conn)
                .map(drop)
        })
        .await
    }

    async fn delete(&self, session_key: &SessionKey) -> anyhow::Result<()> {
        let id = tokens::digest(session_key.as_ref());
        blocking(&self.db, move |conn| {
            diesel::delete(sessions::table.find(&id))
                .execute(conn)
                .map(drop)
        })
        .await
    }
}

/// Ends every session of `user` (password change, suspension, "sign out everywhere").
/// Returns how many were ended.
pub fn end_all_sessions(conn: &mut prassi_db::DbConnection, user: &UserId) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user))).execute(conn)
}

/// Deletes expired sessions; run periodically by the worker.
pub fn purge_expired(conn: &mut prassi_db::DbConnection) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::expires_at.le(prassi_db::now()))).execute(conn)
}
