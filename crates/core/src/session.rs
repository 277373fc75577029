//! Server-side sessions for actix-session, kept in the database so that every app instance
//! shares them and so that logout and a password change really end them. The cookie holds only
//! a random key; the table holds its SHA-256, the state, the signed-in user and the expiry.

use std::collections::HashMap;

use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_web::cookie::time::Duration;
use diesel::prelude::*;
use prassi_db::schema::sessions;
use prassi_db::{Database, UserId};

use crate::tokens;

/// Session-state key holding the signed-in user's id.
pub const USER_KEY: &str = "user_id";
/// Session-state key holding when the user signed in (unix seconds).
pub const AUTH_AT_KEY: &str = "auth_at";
/// Session-state key holding the CSRF token.
pub const CSRF_KEY: &str = "csrf";

/// The database-backed session store.
#[derive(Clone)]
pub struct DbSessionStore {
    db: Database,
}

impl DbSessionStore {
    pub fn new(db: Database) -> Self {
        Self { db }
    }
}

fn user_of(state: &HashMap<String, String>) -> Option<String> {
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
        .map_err(|e| match e.kind {
            crate::error::ErrorKind::Unavailable => anyhow::anyhow!(STORE_UNAVAILABLE),
            _ => anyhow::anyhow!("session store: {e}"),
        })
}

impl SessionStore for DbSessionStore {
    async fn load(
        &self,
        session_key: &SessionKey,
    ) -> Result<Option<HashMap<String, String>>, LoadError> {
        let id = tokens::digest(session_key.as_ref());
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
        match row {
            None => Ok(None),
            Some(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| LoadError::Deserialization(e.into())),
        }
    }

    async fn save(
        &self,
        state: HashMap<String, String>,
        ttl: &Duration,
    ) -> Result<SessionKey, SaveError> {
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
        mut state: HashMap<String, String>,
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
