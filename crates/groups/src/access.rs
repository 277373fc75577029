//! Who may see and do what in a working group. Every group page, API call and document goes
//! through [`readable_group`], which answers `NotFound` — exactly like a group that does not
//! exist — to anyone who may not see the group, and returns a [`Readable`] proof with the
//! viewer's [`Standing`] otherwise.
//!
//! - **public**: whoever may read public content sees the group and its content;
//! - **listed**: members of the community see its name and description; its content is its
//!   members' (and the administrators');
//! - **secret**: only its members and the administrators know it exists.
//!
//! A member holding a pending invitation sees the group too (to accept or decline it).
//!
//! Taking part (posting, uploading) needs membership; coordinating (accepting requests,
//! inviting, removing, changing roles and settings) needs the coordinator role. Administrators
//! can act in any group.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::models::WorkGroup;
use prassi_db::schema::{group_invitations, group_members, work_groups};
use prassi_db::{DbConnection, GroupId, GroupInvitationStatus, GroupRole, GroupVisibility};

/// Where the viewer stands in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Not a member (may still see a public or listed group).
    Outsider,
    Member,
    Coordinator,
}

/// A group the viewer may see, with the viewer's standing: the proof every group service asks
/// for. Only [`readable_group`] makes one.
#[derive(Debug, Clone)]
pub struct Readable {
    pub group: WorkGroup,
    pub standing: Standing,
    /// The viewer is a site administrator (acts in any group).
    pub admin: bool,
    /// The viewer may read public content (decides what a public group shows to outsiders).
    pub reads_public: bool,
}

impl Readable {
    /// May read the group's content (discussions, pages, questions, documents, activity).
    pub fn may_read_content(&self) -> bool {
        self.admin
            || self.standing != Standing::Outsider
            || (self.group.visibility == GroupVisibility::Public && self.reads_public)
    }

    /// May take part: post, upload, propose a page.
    pub fn may_participate(&self) -> bool {
        self.standing != Standing::Outsider || self.admin
    }

    /// May run the group: requests, invitations, members, roles, settings, the log, the quota.
    pub fn may_coordinate(&self) -> bool {
        self.standing == Standing::Coordinator || self.admin
    }

    /// The audience of content made in the group: `public` for a public group (its content is
    /// public knowledge), the group's own audience otherwise.
    pub fn content_audience(&self) -> Audience {
        audience_of(&self.group)
    }

    /// Refuses with `Forbidden` unless the viewer may take part.
    pub fn require_participant(&self) -> AppResult<()> {
        if self.may_participate() {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }

    /// Refuses with `Forbidden` unless the viewer may coordinate.
    pub fn require_coordinator(&self) -> AppResult<()> {
        if self.may_coordinate() {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }

    /// Refuses with `NotFound` (as for a missing group) unless the viewer may read content.
    pub fn require_content(&self) -> AppResult<()> {
        if self.may_read_content() {
            Ok(())
        } else {
            Err(AppError::not_found())
        }
    }
}

/// The audience of content made in `group` (see [`Readable::content_audience`]).
pub fn audience_of(group: &WorkGroup) -> Audience {
    match group.visibility {
        GroupVisibility::Public => Audience::Public,
        GroupVisibility::Listed | GroupVisibility::Secret => Audience::Group(group.id.0.clone()),
    }
}

/// Whether a viewer with `standing` may see that `group` exists.
pub fn may_see(viewer: &Viewer, phase: Phase, group: &WorkGroup, standing: Standing) -> bool {
    if viewer.is_admin() || standing != Standing::Outsider {
        return true;
    }
    match group.visibility {
        GroupVisibility::Public => access::can(viewer, phase, &Audience::Public, Action::Read),
        GroupVisibility::Listed => viewer.is_member(),
        GroupVisibility::Secret => false,
    }
}

/// The viewer's standing in `group` (one query; none for visitors).
pub fn standing_in(
    conn: &mut DbConnection,
    viewer: &Viewer,
    group: &GroupId,
) -> AppResult<Standing> {
    let Some(user) = viewer.user_id() else {
        return Ok(Standing::Outsider);
    };
    // Membership counts only for members in good standing, as for group audiences everywhere.
    if !viewer.is_member() {
        return Ok(Standing::Outsider);
    }
    let role: Option<GroupRole> = group_members::table
        .find((group, user))
        .select(group_members::role)
        .first(conn)
        .optional()?;
    Ok(match role {
        None => Standing::Outsider,
        Some(GroupRole::Member) => Standing::Member,
        Some(GroupRole::Coordinator) => Standing::Coordinator,
    })
}

/// The group with this slug as the viewer may see it, or `NotFound` (also for a group the
/// viewer may not see). Two queries.
pub fn readable_group(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Readable> {
    let group: WorkGroup = work_groups::table
        .filter(work_groups::slug.eq(slug))
        .select(WorkGroup::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    readable(conn, group, viewer, phase)
}

/// As [`readable_group`], by id.
pub fn readable_group_by_id(
    conn: &mut DbConnection,
    id: &GroupId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Readable> {
    let group: WorkGroup = work_groups::table
        .find(id)
        .select(WorkGroup::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    readable(conn, group, viewer, phase)
}

/// Whether the viewer, a member in good standing, holds a pending invitation to `group`: an
/// invitee sees the group (its name and description, to accept or decline) even when it is
/// secret. One query, only for groups the viewer could not otherwise see.
fn invited(conn: &mut DbConnection, viewer: &Viewer, group: &GroupId) -> AppResult<bool> {
    let Some(user) = viewer.user_id().filter(|_| viewer.is_member()) else {
        return Ok(false);
    };
    let n: i64 = group_invitations::table
        .filter(group_invitations::group_id.eq(group))
        .filter(group_invitations::user_id.eq(user))
        .filter(group_invitations::status.eq(GroupInvitationStatus::Pending))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

fn readable(
    conn: &mut DbConnection,
    group: WorkGroup,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Readable> {
    let standing = standing_in(conn, viewer, &group.id)?;
    if !may_see(viewer, phase, &group, standing) && !invited(conn, viewer, &group.id)? {
        return Err(AppError::not_found());
    }
    Ok(Readable {
        group,
        standing,
        admin: viewer.is_admin(),
        reads_public: access::can(viewer, phase, &Audience::Public, Action::Read),
    })
}
