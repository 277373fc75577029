//! Registration until seats run out, then the waiting list.
//!
//! **The invariants live in the database.** Seats taken are `agenda_events.registered_count`,
//! raised only by a conditional update (`… WHERE capacity IS NULL OR registered_count <
//! capacity`) and held by a check constraint (`registered_count <= capacity`); one live
//! registration per member and event is a partial unique index.
//!
//! **One lock order.** Every path that changes registrations of an event first locks the
//! event's row ([`lock_event`]: a no-op update on PostgreSQL, the write transaction itself on
//! SQLite), and only then reads and changes registrations. Concurrent registrations,
//! cancellations and capacity changes of one event therefore run one after the other and can
//! never deadlock; each reads what the previous one committed.
//!
//! **Promotion exactly once.** When a seat frees (a cancellation, a higher capacity) the first
//! in line — the oldest waiting registration, by time then id — is promoted inside the same
//! transaction, by a conditional update on `status = 'waiting'`, and told (a notification
//! event recorded in the same transaction: by email unless the member chose otherwise). Since the
//! event's row is locked, two cancellations promote two different people, in order.

use chrono::Utc;
use diesel::prelude::*;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{self, EventKind};
use prassi_db::models::{AgendaEvent, AgendaRegistration};
use prassi_db::schema::{agenda_events, agenda_registrations, organisations, users};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, EventId, EventStatus, RegistrationId, RegistrationStatus, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::events::{registration_state, MyRegistration};
use crate::access::readable_event;

/// Registering: whether to appear in the event's public list of participants.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct RegisterInput {
    /// `1` or `true` to appear publicly.
    pub show_publicly: String,
}

impl RegisterInput {
    fn public(&self) -> bool {
        matches!(self.show_publicly.trim(), "1" | "true" | "on")
    }
}

/// Locks the event's row for the rest of the transaction (see the module comment).
pub fn lock_event(conn: &mut DbConnection, id: &EventId) -> AppResult<()> {
    let n = diesel::update(agenda_events::table.find(id))
        .set(agenda_events::sequence.eq(agenda_events::sequence))
        .execute(conn)?;
    if n == 1 {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

fn live(
    conn: &mut DbConnection,
    event: &EventId,
    user: &UserId,
) -> AppResult<Option<AgendaRegistration>> {
    Ok(agenda_registrations::table
        .filter(agenda_registrations::event_id.eq(event))
        .filter(agenda_registrations::user_id.eq(user))
        .filter(agenda_registrations::status.ne(RegistrationStatus::Cancelled))
        .select(AgendaRegistration::as_select())
        .first(conn)
        .optional()?)
}

/// The place of a waiting registration in its list (1 = next).
fn position(conn: &mut DbConnection, r: &AgendaRegistration) -> AppResult<i64> {
    use agenda_registrations::dsl as d;
    let ahead: i64 = d::agenda_registrations
        .filter(d::event_id.eq(&r.event_id))
        .filter(d::status.eq(RegistrationStatus::Waiting))
        .filter(
            d::created_at
                .lt(r.created_at)
                .or(d::created_at.eq(r.created_at).and(d::id.lt(&r.id))),
        )
        .count()
        .get_result(conn)?;
    Ok(ahead + 1)
}

/// The viewer's live registration to an event, as the page shows it.
pub fn mine(
    conn: &mut DbConnection,
    event: &EventId,
    user: &UserId,
) -> AppResult<Option<MyRegistration>> {
    let Some(r) = live(conn, event, user)? else {
        return Ok(None);
    };
    let position = match r.status {
        RegistrationStatus::Waiting => Some(position(conn, &r)?),
        _ => None,
    };
    Ok(Some(MyRegistration {
        status: r.status.as_str().to_owned(),
        position,
        show_publicly: r.show_publicly,
        attended: r.attended,
    }))
}

/// Registers the viewer: a seat when one is left, else a place in the waiting list. Returns
/// the registration as the page shows it. Call inside a write transaction.
pub fn register(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    input: &RegisterInput,
) -> AppResult<MyRegistration> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_event(conn, id, viewer, phase)?;
    if !viewer.participates() || !access::can(viewer, phase, &found.audience, Action::Participate) {
        return Err(AppError::forbidden());
    }
    let event_id = found.event.id.clone();
    lock_event(conn, &event_id)?;
    let event: AgendaEvent = agenda_events::table
        .find(&event_id)
        .select(AgendaEvent::as_select())
        .first(conn)?;
    let state = registration_state(&event, Utc::now().naive_utc());
    match state {
        "open" => {}
        "over" => return Err(AppError::conflict("agenda-registration-over")),
        "cancelled" => return Err(AppError::conflict("agenda-registration-cancelled")),
        _ => return Err(AppError::conflict("agenda-registration-not-open")),
    }
    if live(conn, &event_id, &me)?.is_some() {
        return Err(AppError::conflict("agenda-already-registered"));
    }
    let seated = diesel::update(agenda_events::table.find(&event_id))
        .filter(
            agenda_events::capacity
                .is_null()
                .or(agenda_events::registered_count
                    .nullable()
                    .lt(agenda_events::capacity)
                    .assume_not_null()),
        )
        .set(agenda_events::registered_count.eq(agenda_events::registered_count + 1))
        .execute(conn)?
        == 1;
    let status = if seated {
        RegistrationStatus::Registered
    } else {
        diesel::update(agenda_events::table.find(&event_id))
            .set(agenda_events::waiting_count.eq(agenda_events::waiting_count + 1))
            .execute(conn)?;
        RegistrationStatus::Waiting
    };
    let row = AgendaRegistration {
        id: RegistrationId::new(),
        event_id: event_id.clone(),
        user_id: me.clone(),
        status,
        show_publicly: input.public(),
        attended: false,
        created_at: Utc::now().naive_utc(),
        promoted_at: None,
        cancelled_at: None,
        reminded_at: None,
    };
    let made = prassi_db::insert_unless_exists(conn, |c| {
        diesel::insert_into(agenda_registrations::table)
            .values(&row)
            .execute(c)
    })?;
    if !made {
        // Raced with the same member's other request: the transaction rolls back the count.
        return Err(AppError::conflict("agenda-already-registered"));
    }
    // The platform confirms (no actor: the member hears of their own registration).
    notify::record_about(
        conn,
        EventKind::AgendaRegistered,
        notify::ItemKind::AgendaRegistration,
        &row.id,
        None,
        &event.audience,
    )?;
    mine(conn, &event_id, &me)?.ok_or_else(|| AppError::internal("registration vanished"))
}

/// Cancels the viewer's registration or leaves the waiting list, before the event starts. A
/// freed seat goes to the first in line. Call inside a write transaction.
pub fn cancel(conn: &mut DbConnection, viewer: &Viewer, phase: Phase, id: &str) -> AppResult<()> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_event(conn, id, viewer, phase)?;
    let event_id = found.event.id.clone();
    lock_event(conn, &event_id)?;
    if Utc::now().naive_utc() >= found.event.starts_at {
        return Err(AppError::conflict("agenda-registration-over"));
    }
    // Read after the lock: a promotion committed a moment ago is seen.
    let r =
        live(conn, &event_id, &me)?.ok_or_else(|| AppError::conflict("agenda-not-registered"))?;
    let n = diesel::update(
        agenda_registrations::table
            .find(&r.id)
            .filter(agenda_registrations::status.eq(r.status)),
    )
    .set((
        agenda_registrations::status.eq(RegistrationStatus::Cancelled),
        agenda_registrations::cancelled_at.eq(Some(Utc::now().naive_utc())),
    ))
    .execute(conn)?;
    if n != 1 {
        return Err(AppError::conflict("agenda-not-registered"));
    }
    match r.status {
        RegistrationStatus::Registered => {
            diesel::update(agenda_events::table.find(&event_id))
                .set(agenda_events::registered_count.eq(agenda_events::registered_count - 1))
                .execute(conn)?;
            // Their networking table seat goes too (the event's lock is held).
            crate::session::networking::unseat(conn, &event_id, &me)?;
            promote(conn, &event_id)?;
        }
        RegistrationStatus::Waiting => {
            diesel::update(agenda_events::table.find(&event_id))
                .set(agenda_events::waiting_count.eq(agenda_events::waiting_count - 1))
                .execute(conn)?;
        }
        RegistrationStatus::Cancelled => {}
    }
    Ok(())
}

/// Gives free seats to the waiting list, first in line first, each exactly once, and tells
/// each promoted member (a notification, by email unless they chose otherwise). The caller
/// holds the event's lock. Returns how many moved.
pub fn promote(conn: &mut DbConnection, id: &EventId) -> AppResult<usize> {
    let mut moved = 0;
    loop {
        let seat = diesel::update(agenda_events::table.find(id))
            .filter(agenda_events::waiting_count.gt(0))
            .filter(agenda_events::status.eq(EventStatus::Published))
            .filter(
                agenda_events::capacity
                    .is_null()
                    .or(agenda_events::registered_count
                        .nullable()
                        .lt(agenda_events::capacity)
                        .assume_not_null()),
            )
            .set((
                agenda_events::registered_count.eq(agenda_events::registered_count + 1),
                agenda_events::waiting_count.eq(agenda_events::waiting_count - 1),
            ))
            .execute(conn)?;
        if seat != 1 {
            return Ok(moved);
        }
        let next: AgendaRegistration = agenda_registrations::table
            .filter(agenda_registrations::event_id.eq(id))
            .filter(agenda_registrations::status.eq(RegistrationStatus::Waiting))
            .order((
                agenda_registrations::created_at.asc(),
                agenda_registrations::id.asc(),
            ))
            .select(AgendaRegistration::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| AppError::internal("waiting_count above the waiting list"))?;
        let n = diesel::update(
            agenda_registrations::table
                .find(&next.id)
                .filter(agenda_registrations::status.eq(RegistrationStatus::Waiting)),
        )
        .set((
            agenda_registrations::status.eq(RegistrationStatus::Registered),
            agenda_registrations::promoted_at.eq(Some(Utc::now().naive_utc())),
        ))
        .execute(conn)?;
        if n != 1 {
            return Err(AppError::internal(
                "a waiting registration changed under the lock",
            ));
        }
        let audience: String = agenda_events::table
            .find(id)
            .select(agenda_events::audience)
            .first(conn)?;
        // The member is told (a notification: by email unless they chose otherwise).
        notify::record_about(
            conn,
            EventKind::AgendaPromoted,
            notify::ItemKind::AgendaRegistration,
            &next.id,
            None,
            &audience,
        )?;
        moved += 1;
    }
}

/// Records that the event changed (date, time, place or status: `cancelled` says so); the
/// notifications module tells everyone registered or waiting.
pub fn tell_participants(
    conn: &mut DbConnection,
    id: &EventId,
    actor: Option<&UserId>,
    status: EventStatus,
    audience: &str,
) -> AppResult<()> {
    let kind = if status == EventStatus::Cancelled {
        EventKind::AgendaEventCancelled
    } else {
        EventKind::AgendaEventChanged
    };
    notify::record_about(
        conn,
        kind,
        notify::ItemKind::AgendaEvent,
        id,
        actor,
        audience,
    )
}

/// A participant as the organisers see them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ParticipantView {
    pub registration_id: String,
    pub username: String,
    pub display_name: String,
    pub organisation: Option<String>,
    pub show_publicly: bool,
    pub attended: bool,
    pub registered_at: chrono::NaiveDateTime,
    /// Place in the waiting list.
    pub position: Option<i64>,
}

/// The participants and the waiting list (those who manage the event).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Participants {
    pub registered: Vec<ParticipantView>,
    pub waiting: Vec<ParticipantView>,
}

/// Most participants listed at once (beyond it, the CSV export has everyone).
const MAX_LISTED: i64 = 5_000;

fn people_of(
    conn: &mut DbConnection,
    id: &EventId,
    status: RegistrationStatus,
) -> AppResult<Vec<ParticipantView>> {
    let rows: Vec<(AgendaRegistration, String, String, Option<String>)> =
        agenda_registrations::table
            .inner_join(users::table)
            .left_join(
                organisations::table.on(users::organisation_id.eq(organisations::id.nullable())),
            )
            .filter(agenda_registrations::event_id.eq(id))
            .filter(agenda_registrations::status.eq(status))
            .order((
                agenda_registrations::created_at.asc(),
                agenda_registrations::id.asc(),
            ))
            .limit(MAX_LISTED)
            .select((
                AgendaRegistration::as_select(),
                users::username,
                users::display_name,
                organisations::name.nullable(),
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .enumerate()
        .map(
            |(i, (r, username, display_name, organisation))| ParticipantView {
                registration_id: r.id.0,
                username,
                display_name,
                organisation,
                show_publicly: r.show_publicly,
                attended: r.attended,
                registered_at: r.created_at,
                position: (status == RegistrationStatus::Waiting)
                    .then(|| i64::try_from(i).unwrap_or(i64::MAX) + 1),
            },
        )
        .collect())
}

/// The participants and the waiting list, in order (those who manage the event).
pub fn participants(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<(crate::access::Found, Participants)> {
    let found = readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let registered = people_of(conn, &found.event.id, RegistrationStatus::Registered)?;
    let waiting = people_of(conn, &found.event.id, RegistrationStatus::Waiting)?;
    Ok((
        found,
        Participants {
            registered,
            waiting,
        },
    ))
}

/// A CSV cell that a spreadsheet will not run: cells starting with `=`, `+`, `-`, `@`, tab or
/// carriage return get a leading apostrophe; quotes are doubled and every cell is quoted.
pub fn csv_cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// The participants and the waiting list as CSV (those who manage the event).
pub fn export_csv(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<String> {
    let (_, p) = participants(conn, viewer, phase, id)?;
    let mut out = String::from("stato,posizione,username,nome,ente,presente,registrato_il\r\n");
    for (status, list) in [("iscritto", &p.registered), ("in_attesa", &p.waiting)] {
        for v in list {
            let cells = [
                status.to_owned(),
                v.position.map(|n| n.to_string()).unwrap_or_default(),
                v.username.clone(),
                v.display_name.clone(),
                v.organisation.clone().unwrap_or_default(),
                if v.attended { "sì" } else { "no" }.to_owned(),
                v.registered_at.format("%Y-%m-%d %H:%M").to_string(),
            ];
            let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
    }
    Ok(out)
}

/// Records who attended: the registrations named are present, the other registered ones not
/// (those who manage the event). Call inside a write transaction.
pub fn record_attendance(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    present: &[String],
) -> AppResult<usize> {
    let found = readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let ids: Vec<RegistrationId> = present
        .iter()
        .filter_map(|s| RegistrationId::parse(s))
        .collect();
    let base = agenda_registrations::table
        .filter(agenda_registrations::event_id.eq(&found.event.id))
        .filter(agenda_registrations::status.eq(RegistrationStatus::Registered));
    diesel::update(base.filter(agenda_registrations::id.ne_all(&ids)))
        .set(agenda_registrations::attended.eq(false))
        .execute(conn)?;
    let n = diesel::update(base.filter(agenda_registrations::id.one_of(&ids)))
        .set(agenda_registrations::attended.eq(true))
        .execute(conn)?;
    Ok(n)
}
