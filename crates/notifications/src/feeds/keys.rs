//! Members' personal feed keys. Feed readers cannot sign in, so a member who wants their
//! members' and groups' content in a reader makes a secret key and adds it to feed URLs
//! (`?token=…`). The database keeps only the key's SHA-256 (`feed_tokens`), a member has at
//! most one, making a new one replaces the old, and revoking deletes it. A key is turned back
//! into its member at every request, with the member's current standing and working groups,
//! so a member who left a group stops seeing its items at once and a suspended or deleted
//! account's key stops working. The same design as the agenda's calendar tokens
//! (`prassi_agenda::service::feeds`), in a table of its own.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::Viewer;
use prassi_core::error::{AppError, AppResult};
use prassi_core::tokens;
use prassi_db::schema::feed_tokens;
use prassi_db::{DbConnection, UserId};

/// Random bytes in a key (32 characters of URL-safe base64).
const KEY_BYTES: usize = 24;
/// Longer "keys" are refused without a lookup.
const MAX_KEY_LEN: usize = 100;

/// The member making or revoking a key: members in good standing only.
fn member(viewer: &Viewer) -> AppResult<&UserId> {
    match viewer.user_id() {
        Some(me) if viewer.is_member() => Ok(me),
        Some(_) => Err(AppError::forbidden()),
        None => Err(AppError::unauthorized()),
    }
}

/// Makes the member's feed key, replacing the one they had; returns the key, which is shown
/// once and never stored. Call inside a write transaction.
pub fn new_key(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<String> {
    let me = member(viewer)?;
    let key = tokens::random_token(KEY_BYTES);
    diesel::delete(feed_tokens::table.find(me)).execute(conn)?;
    diesel::insert_into(feed_tokens::table)
        .values((
            feed_tokens::user_id.eq(me),
            feed_tokens::token_hash.eq(tokens::digest(&key)),
            feed_tokens::created_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    Ok(key)
}

/// Revokes the member's key (nothing happens when they have none). Call inside a write
/// transaction.
pub fn revoke_key(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<()> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?;
    diesel::delete(feed_tokens::table.find(me)).execute(conn)?;
    Ok(())
}

/// When the member made their current key, if they have one.
pub fn key_made_at(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<Option<NaiveDateTime>> {
    let Some(me) = viewer.user_id() else {
        return Ok(None);
    };
    Ok(feed_tokens::table
        .find(me)
        .select(feed_tokens::created_at)
        .first(conn)
        .optional()?)
}

/// The member a key belongs to, as the access rule sees them now (groups included), or
/// `NotFound`: for an unknown or revoked key, and for an account no longer in good standing.
pub fn viewer_of_key(conn: &mut DbConnection, key: &str) -> AppResult<Viewer> {
    if key.is_empty() || key.len() > MAX_KEY_LEN {
        return Err(AppError::not_found());
    }
    let user: UserId = feed_tokens::table
        .filter(feed_tokens::token_hash.eq(tokens::digest(key)))
        .select(feed_tokens::user_id)
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let viewer = prassi_core::ctx::viewer_of(conn, &user)?.ok_or_else(AppError::not_found)?;
    if !viewer.is_member() {
        return Err(AppError::not_found());
    }
    Ok(viewer)
}
