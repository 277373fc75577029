//! The one rule for polls, built on the core access rule: a poll is seen by whoever may read
//! its audience; whoever may not gets `NotFound`, exactly as for an id that does not exist.
//!
//! Who organises a poll (closes it early, exports it, records the decision): its creator while
//! a member in good standing, moderators and administrators, and the coordinators of the
//! working group a group poll belongs to.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::ids::PollId;
use prassi_db::models::Poll;
use prassi_db::schema::{group_members, polls};
use prassi_db::{DbConnection, GroupId, GroupRole};

/// A poll the viewer may see, and whether they organise it.
#[derive(Debug, Clone)]
pub struct Found {
    pub poll: Poll,
    pub audience: Audience,
    pub manages: bool,
}

impl Found {
    /// `Forbidden` unless the viewer organises the poll.
    pub fn require_manager(&self) -> AppResult<()> {
        if self.manages {
            Ok(())
        } else {
            Err(AppError::forbidden().with_message("polls-organisers-only"))
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

/// Whether `viewer` organises `poll` (see the module comment).
pub fn manages(conn: &mut DbConnection, viewer: &Viewer, poll: &Poll) -> AppResult<bool> {
    if viewer.is_moderator() {
        return Ok(true);
    }
    let Some(me) = viewer.user_id().filter(|_| viewer.is_member()) else {
        return Ok(false);
    };
    if poll.created_by.as_ref() == Some(me) {
        return Ok(true);
    }
    match &poll.group_id {
        Some(g) => coordinates(conn, viewer, g),
        None => Ok(false),
    }
}

/// The stored audience of a poll.
pub fn audience_of(poll: &Poll) -> AppResult<Audience> {
    Audience::from_db(&poll.audience)
        .ok_or_else(|| AppError::internal(format!("stored audience {:?}", poll.audience)))
}

/// The poll `id` as `viewer` may see it, or `NotFound`.
pub fn readable_poll(
    conn: &mut DbConnection,
    id: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Found> {
    let id = PollId::parse(id).ok_or_else(AppError::not_found)?;
    let poll: Poll = polls::table
        .find(&id)
        .select(Poll::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let audience = audience_of(&poll)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    let manages = manages(conn, viewer, &poll)?;
    Ok(Found {
        poll,
        audience,
        manages,
    })
}
