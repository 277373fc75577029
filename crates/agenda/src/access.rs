//! The one rule for events, built on the core access rule: an event is seen by whoever may
//! read its audience, except a draft, which only those who manage it see. Whoever may not see
//! an event gets `NotFound`, exactly as for an id that does not exist.
//!
//! Who manages an event: its organisers, moderators and administrators, and the coordinators
//! of the working group it belongs to.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::models::AgendaEvent;
use prassi_db::schema::{agenda_events, agenda_organisers, group_members};
use prassi_db::{DbConnection, EventId, EventStatus, GroupId, GroupRole};

/// An event the viewer may see, and what they may do with it.
#[derive(Debug, Clone)]
pub struct Found {
    pub event: AgendaEvent,
    pub audience: Audience,
    /// Organiser, moderator, administrator or coordinator of the event's group.
    pub manages: bool,
}

impl Found {
    /// `Forbidden` unless the viewer manages the event.
    pub fn require_manager(&self) -> AppResult<()> {
        if self.manages {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }
}

/// Whether `viewer` coordinates the group `group`.
pub fn coordinates(conn: &mut DbConnection, viewer: &Viewer, group: &GroupId) -> AppResult<bool> {
    let Some(me) = viewer.user_id().filter(|_| viewer.is_member()) else {
        return Ok(false);
    };
    Ok(group_members::table
        .find((group, me))
        .select(group_members::role)
        .first::<GroupRole>(conn)
        .optional()?
        == Some(GroupRole::Coordinator))
}

/// Whether `viewer` manages `event` (see the module comment).
pub fn manages(conn: &mut DbConnection, viewer: &Viewer, event: &AgendaEvent) -> AppResult<bool> {
    if viewer.is_moderator() {
        return Ok(true);
    }
    let Some(me) = viewer.user_id().filter(|_| viewer.is_member()) else {
        return Ok(false);
    };
    let organiser: bool = diesel::select(diesel::dsl::exists(
        agenda_organisers::table.find((&event.id, me)),
    ))
    .get_result(conn)?;
    if organiser {
        return Ok(true);
    }
    match &event.group_id {
        Some(g) => coordinates(conn, viewer, g),
        None => Ok(false),
    }
}

/// The event `id` as `viewer` may see it, or `NotFound`.
pub fn readable_event(
    conn: &mut DbConnection,
    id: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Found> {
    let id = EventId::parse(id).ok_or_else(AppError::not_found)?;
    let event: AgendaEvent = agenda_events::table
        .find(&id)
        .select(AgendaEvent::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let audience = Audience::from_db(&event.audience)
        .ok_or_else(|| AppError::internal(format!("stored audience {:?}", event.audience)))?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    let manages = manages(conn, viewer, &event)?;
    if event.status == EventStatus::Draft && !manages {
        return Err(AppError::not_found());
    }
    Ok(Found {
        event,
        audience,
        manages,
    })
}
