//! Joining, leaving, removing members and changing roles. A group always keeps at least one
//! coordinator: the last one can neither leave, be removed nor be demoted (conditional updates
//! on `coordinator_count`, see [`super::drop_member`]).

use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_db::schema::{group_invitations, group_members, users, work_groups};
use prassi_db::{DbConnection, GroupInvitationStatus, GroupRole, JoinPolicy, UserId};
use serde::Serialize;
use utoipa::ToSchema;

use super::{actor, add_member, drop_member, record, user_by_name};
use crate::access::{self, Standing};

/// Joins an open group at once. Joining a group one already belongs to changes nothing.
pub fn join(conn: &mut DbConnection, viewer: &Viewer, phase: Phase, slug: &str) -> AppResult<()> {
    let me = actor(viewer)?.clone();
    let r = access::readable_group(conn, slug, viewer, phase)?;
    if !viewer.is_member() {
        return Err(AppError::forbidden());
    }
    if r.standing != Standing::Outsider {
        return Ok(());
    }
    if r.group.join_policy != JoinPolicy::Open {
        return Err(
            AppError::forbidden().with_message(match r.group.join_policy {
                JoinPolicy::Request => "groups-join-by-request",
                _ => "groups-join-by-invitation",
            }),
        );
    }
    if add_member(conn, &r.group.id, &me, GroupRole::Member)? {
        // A pending invitation is settled by joining.
        diesel::update(
            group_invitations::table
                .filter(group_invitations::group_id.eq(&r.group.id))
                .filter(group_invitations::user_id.eq(&me))
                .filter(group_invitations::status.eq(GroupInvitationStatus::Pending)),
        )
        .set((
            group_invitations::status.eq(GroupInvitationStatus::Accepted),
            group_invitations::decided_at.eq(Some(prassi_db::now())),
        ))
        .execute(conn)?;
        record(conn, &r.group.id, Some(&me), "joined", Some(&me), "")?;
        notify::happened(
            conn,
            EventKind::GroupMemberJoined,
            ItemKind::Group,
            &r.group.id,
            &me,
            &format!("group:{}", r.group.id),
        )?;
    }
    Ok(())
}

/// Leaves a group. `Conflict` for its last coordinator (`groups-last-coordinator`) and for
/// someone who is not a member (`groups-you-are-not-a-member`).
pub fn leave(conn: &mut DbConnection, viewer: &Viewer, phase: Phase, slug: &str) -> AppResult<()> {
    let me = actor(viewer)?.clone();
    let r = access::readable_group(conn, slug, viewer, phase)?;
    if r.standing == Standing::Outsider {
        return Err(AppError::conflict("groups-you-are-not-a-member"));
    }
    drop_member(conn, &r.group.id, &me)?;
    record(conn, &r.group.id, Some(&me), "left", Some(&me), "")?;
    Ok(())
}

/// Removes a member (coordinators). Removing oneself is leaving.
pub fn remove(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    username: &str,
) -> AppResult<()> {
    let me = actor(viewer)?.clone();
    let r = access::readable_group(conn, slug, viewer, phase)?;
    r.require_coordinator()?;
    let target = user_by_name(conn, "username", username)?;
    drop_member(conn, &r.group.id, &target)?;
    let action = if target == me { "left" } else { "removed" };
    record(conn, &r.group.id, Some(&me), action, Some(&target), "")?;
    Ok(())
}

/// Changes a member's role (coordinators). Demoting the last coordinator is a `Conflict`.
pub fn set_role(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    username: &str,
    role: &str,
) -> AppResult<()> {
    let me = actor(viewer)?.clone();
    let r = access::readable_group(conn, slug, viewer, phase)?;
    r.require_coordinator()?;
    let role = GroupRole::parse(role.trim());
    let target = user_by_name(conn, "username", username);
    let (target, role) = match (target, role) {
        (Ok(t), Some(role)) => (t, role),
        (t, role) => {
            let mut c = prassi_core::input::Checks::new();
            c.check_opt(t);
            if role.is_none() {
                c.fail("role", "groups-role-invalid");
            }
            c.finish()?;
            return Err(AppError::invalid("role", "groups-role-invalid"));
        }
    };
    let from = match role {
        GroupRole::Coordinator => GroupRole::Member,
        GroupRole::Member => GroupRole::Coordinator,
    };
    let is_member: bool = group_members::table
        .find((&r.group.id, &target))
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if !is_member {
        return Err(AppError::invalid("username", "groups-not-a-member"));
    }
    let changed = diesel::update(
        group_members::table
            .find((&r.group.id, &target))
            .filter(group_members::role.eq(from)),
    )
    .set(group_members::role.eq(role))
    .execute(conn)?;
    if changed == 0 {
        // Already in that role: nothing to do.
        return Ok(());
    }
    let moved = match role {
        GroupRole::Coordinator => diesel::update(work_groups::table.find(&r.group.id))
            .set(work_groups::coordinator_count.eq(work_groups::coordinator_count + 1))
            .execute(conn)?,
        GroupRole::Member => diesel::update(
            work_groups::table
                .find(&r.group.id)
                .filter(work_groups::coordinator_count.gt(1)),
        )
        .set(work_groups::coordinator_count.eq(work_groups::coordinator_count - 1))
        .execute(conn)?,
    };
    if moved != 1 {
        return Err(AppError::conflict("groups-last-coordinator"));
    }
    record(
        conn,
        &r.group.id,
        Some(&me),
        "role_changed",
        Some(&target),
        role.as_str(),
    )?;
    Ok(())
}

/// A member of a group, as its members list shows them.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = GroupMemberView)]
pub struct MemberView {
    pub username: String,
    pub display_name: String,
    /// `coordinator` or `member`.
    #[schema(value_type = String)]
    pub role: GroupRole,
    pub joined_at: chrono::NaiveDateTime,
}

/// The members of a group, coordinators first, for those who may read its content. Two
/// queries besides the access check.
pub fn members(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    page: PageRequest,
) -> AppResult<(Vec<MemberView>, PageInfo)> {
    let r = access::readable_group(conn, slug, viewer, phase)?;
    r.require_content()?;
    Ok(members_of(conn, &r.group.id, page)?)
}

pub(crate) fn members_of(
    conn: &mut DbConnection,
    group: &prassi_db::GroupId,
    page: PageRequest,
) -> QueryResult<(Vec<MemberView>, PageInfo)> {
    let total: i64 = group_members::table
        .filter(group_members::group_id.eq(group))
        .count()
        .get_result(conn)?;
    let rows: Vec<(UserId, String, String, GroupRole, chrono::NaiveDateTime)> =
        group_members::table
            .inner_join(users::table)
            .filter(group_members::group_id.eq(group))
            // `coordinator` sorts before `member`.
            .order((
                group_members::role.asc(),
                users::display_name.asc(),
                users::id.asc(),
            ))
            .limit(page.per_page)
            .offset(page.offset())
            .select((
                users::id,
                users::username,
                users::display_name,
                group_members::role,
                group_members::joined_at,
            ))
            .load(conn)?;
    let items = rows
        .into_iter()
        .map(|(_, username, display_name, role, joined_at)| MemberView {
            username,
            display_name,
            role,
            joined_at,
        })
        .collect();
    Ok((items, page.info(total)))
}
