//! iCalendar: one file per event, the feed of what the viewer may see, and members' personal
//! feeds. Calendar apps cannot sign in, so a member's feed is reached by a secret token in its
//! URL; the database keeps only the token's SHA-256, a member has at most one, and making a new
//! one revokes the old. The personal feed is built with the member's own access (groups
//! included), so it holds exactly what their pages would show.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::models::AgendaEvent;
use prassi_db::schema::{agenda_feed_tokens, agenda_registrations};
use prassi_db::{DbConnection, EventStatus, RegistrationStatus, UserId};
use sha2::{Digest, Sha256};

use crate::access::readable_event;
use crate::ics::{self, IcsEvent, IcsStatus};

/// How far back a feed reaches.
const FEED_PAST_DAYS: i64 = 90;
/// Most events in a feed.
const FEED_LIMIT: i64 = 500;

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn ics_event(e: &AgendaEvent, base_url: &str, with_link: bool) -> IcsEvent {
    let location = [e.venue.as_str(), e.address.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    IcsEvent {
        uid: format!("{}@prassi", e.id),
        sequence: e.sequence,
        status: match e.status {
            EventStatus::Cancelled => IcsStatus::Cancelled,
            EventStatus::Postponed | EventStatus::Draft => IcsStatus::Tentative,
            EventStatus::Published => IcsStatus::Confirmed,
        },
        summary: e.title.clone(),
        description: e.description_md.clone(),
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        location: (!location.is_empty()).then_some(location),
        url: Some(format!("{base_url}{}", super::event_url(&e.id))),
        online_url: (with_link && !e.online_url.is_empty()).then(|| e.online_url.clone()),
        categories: if e.theme.is_empty() {
            Vec::new()
        } else {
            vec![e.theme.clone()]
        },
        created_at: e.created_at,
        updated_at: e.updated_at,
    }
}

/// The events a member is registered for (they see the online link in their feed).
fn registered_ids(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<Vec<String>> {
    let Some(me) = viewer.user_id() else {
        return Ok(Vec::new());
    };
    Ok(agenda_registrations::table
        .filter(agenda_registrations::user_id.eq(me))
        .filter(agenda_registrations::status.eq(RegistrationStatus::Registered))
        .select(agenda_registrations::event_id)
        .load::<prassi_db::EventId>(conn)?
        .into_iter()
        .map(|i| i.0)
        .collect())
}

/// One event's `.ics`.
pub fn event_ics(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    base_url: &str,
) -> AppResult<String> {
    let found = readable_event(conn, id, viewer, phase)?;
    let mine = registered_ids(conn, viewer)?;
    let with_link = found.manages || mine.contains(&found.event.id.0);
    Ok(ics::calendar(
        &found.event.title,
        &[ics_event(&found.event, base_url, with_link)],
    ))
}

/// The feed of what `viewer` may see: events of the last 90 days and every upcoming one.
pub fn feed(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    name: &str,
    base_url: &str,
) -> AppResult<String> {
    let from = Utc::now().naive_utc() - Duration::days(FEED_PAST_DAYS);
    let to = Utc::now().naive_utc() + Duration::days(3_650);
    let events = super::listing::between(conn, viewer, phase, from, to, FEED_LIMIT)?;
    let mine = registered_ids(conn, viewer)?;
    let items: Vec<IcsEvent> = events
        .iter()
        .filter(|e| e.status != EventStatus::Draft)
        .map(|e| ics_event(e, base_url, mine.contains(&e.id.0)))
        .collect();
    Ok(ics::calendar(name, &items))
}

/// Makes the member's feed token, revoking the one they had; returns the token (shown once).
/// Call inside a write transaction.
pub fn new_token(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<String> {
    let me = viewer
        .user_id()
        .filter(|_| viewer.is_member())
        .ok_or_else(AppError::unauthorized)?;
    let token = prassi_core::tokens::random_token(24);
    diesel::delete(agenda_feed_tokens::table.find(me)).execute(conn)?;
    diesel::insert_into(agenda_feed_tokens::table)
        .values((
            agenda_feed_tokens::user_id.eq(me),
            agenda_feed_tokens::token_hash.eq(hash(&token)),
            agenda_feed_tokens::created_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Revokes the member's feed token. Call inside a write transaction.
pub fn revoke_token(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<()> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?;
    diesel::delete(agenda_feed_tokens::table.find(me)).execute(conn)?;
    Ok(())
}

/// When the member made their current token, if they have one.
pub fn token_made_at(
    conn: &mut DbConnection,
    viewer: &Viewer,
) -> AppResult<Option<chrono::NaiveDateTime>> {
    let Some(me) = viewer.user_id() else {
        return Ok(None);
    };
    Ok(agenda_feed_tokens::table
        .find(me)
        .select(agenda_feed_tokens::created_at)
        .first(conn)
        .optional()?)
}

/// The member a feed token belongs to, as the access rule sees them (`NotFound` for an
/// unknown or revoked token, and for an account no longer in good standing).
pub fn viewer_of_token(conn: &mut DbConnection, token: &str) -> AppResult<Viewer> {
    if token.is_empty() || token.len() > 100 {
        return Err(AppError::not_found());
    }
    let user: UserId = agenda_feed_tokens::table
        .filter(agenda_feed_tokens::token_hash.eq(hash(token)))
        .select(agenda_feed_tokens::user_id)
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let v = prassi_core::ctx::viewer_of(conn, &user)?.ok_or_else(AppError::not_found)?;
    if !v.is_member() {
        return Err(AppError::not_found());
    }
    Ok(v)
}
