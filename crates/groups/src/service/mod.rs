//! The rules of working groups, as functions over a database connection that each decide
//! access themselves through [`crate::access::readable_group`]: pages and the JSON API call
//! the same functions, so they can never disagree.
//!
//! - [`groups`]: create, edit settings, list and show groups;
//! - [`membership`]: join, leave, remove members, change roles, list members;
//! - [`requests`]: ask to join with a message, accept or refuse with a reason;
//! - [`invitations`]: invite a member by username, accept or decline;
//! - [`log`]: the group's log of every change.
//!
//! Counters (`member_count`, `coordinator_count`) move in the transaction that changes
//! membership, and "a group keeps at least one coordinator" is a conditional update on
//! `coordinator_count`, so two concurrent demotions cannot both pass.

pub mod groups;
pub mod invitations;
pub mod log;
pub mod membership;
pub mod requests;

pub use groups::{
    create, may_create, profile_groups, show, update, visible_groups, GroupDetail, GroupInput,
    GroupList, GroupSummary, ViewerState,
};
pub use invitations::{invite, my_invitations, respond, InvitationView, InviteInput};
pub use log::{group_log, LogView};
pub use membership::{join, leave, members, remove, set_role, MemberView};
pub use requests::{
    decide, pending_requests, request, withdraw, DecideInput, RequestInput, RequestView,
};

use diesel::prelude::*;
use prassi_core::access::Viewer;
use prassi_core::error::{AppError, AppResult};
use prassi_db::models::{GroupLogEntry, GroupMember};
use prassi_db::schema::{group_log, group_members, users, work_groups};
use prassi_db::{DbConnection, GroupId, GroupRole, UserId};

/// Longest group name, in characters.
pub const MAX_NAME: usize = 120;
/// Longest slug.
pub const MAX_SLUG: usize = 80;
/// Longest description (Markdown).
pub const MAX_DESCRIPTION: usize = 20_000;
/// Longest request message.
pub const MAX_MESSAGE: usize = 2_000;
/// Longest refusal reason.
pub const MAX_REASON: usize = 1_000;

/// The signed-in member acting, or `Unauthorized`.
pub(super) fn actor(viewer: &Viewer) -> AppResult<&UserId> {
    viewer.user_id().ok_or_else(AppError::unauthorized)
}

/// Writes one line of the group's log.
pub(super) fn record(
    conn: &mut DbConnection,
    group: &GroupId,
    actor: Option<&UserId>,
    action: &str,
    subject: Option<&UserId>,
    detail: &str,
) -> AppResult<()> {
    diesel::insert_into(group_log::table)
        .values(GroupLogEntry {
            id: uuid_like(),
            group_id: group.clone(),
            actor_id: actor.cloned(),
            action: action.into(),
            subject_id: subject.cloned(),
            detail: detail.into(),
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    // Every membership change is logged here: the home page keeps each member's groups block
    // (their groups, roles and waiting invitations) until a write.
    prassi_core::audience_cache::content_changed();
    Ok(())
}

fn uuid_like() -> String {
    // Log lines have no id newtype of their own; a time-ordered id keeps them in order.
    prassi_db::GroupRequestId::new().0
}

/// Adds `user` to `group` with `role` and moves the counters, in the caller's transaction.
/// `false` when the member was already in the group (nothing changes).
pub(super) fn add_member(
    conn: &mut DbConnection,
    group: &GroupId,
    user: &UserId,
    role: GroupRole,
) -> AppResult<bool> {
    let row = GroupMember {
        group_id: group.clone(),
        user_id: user.clone(),
        role,
        joined_at: prassi_db::now(),
    };
    let added = prassi_db::insert_unless_exists(conn, |c| {
        diesel::insert_into(group_members::table)
            .values(&row)
            .execute(c)
    })?;
    if added {
        let coordinators = i64::from(role == GroupRole::Coordinator);
        diesel::update(work_groups::table.find(group))
            .set((
                work_groups::member_count.eq(work_groups::member_count + 1),
                work_groups::coordinator_count.eq(work_groups::coordinator_count + coordinators),
            ))
            .execute(conn)?;
    }
    Ok(added)
}

/// Takes `user` out of `group`, keeping at least one coordinator: the counter update of a
/// coordinator's departure only passes while another coordinator remains
/// (`coordinator_count > 1`), so concurrent departures cannot both pass. `NotFound` when
/// `user` is not a member.
pub(super) fn drop_member(
    conn: &mut DbConnection,
    group: &GroupId,
    user: &UserId,
) -> AppResult<()> {
    let role: GroupRole = group_members::table
        .find((group, user))
        .select(group_members::role)
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::invalid("username", "groups-not-a-member"))?;
    let gone = diesel::delete(
        group_members::table
            .find((group, user))
            .filter(group_members::role.eq(role)),
    )
    .execute(conn)?;
    if gone != 1 {
        return Err(AppError::conflict("error-conflict"));
    }
    let moved = if role == GroupRole::Coordinator {
        diesel::update(
            work_groups::table
                .find(group)
                .filter(work_groups::coordinator_count.gt(1)),
        )
        .set((
            work_groups::member_count.eq(work_groups::member_count - 1),
            work_groups::coordinator_count.eq(work_groups::coordinator_count - 1),
        ))
        .execute(conn)?
    } else {
        diesel::update(work_groups::table.find(group))
            .set(work_groups::member_count.eq(work_groups::member_count - 1))
            .execute(conn)?
    };
    if moved != 1 {
        return Err(AppError::conflict("groups-last-coordinator"));
    }
    Ok(())
}

/// The id of the account with `username` (in good standing or not), or an `Invalid` error on
/// `field`.
pub(super) fn user_by_name(
    conn: &mut DbConnection,
    field: &str,
    username: &str,
) -> AppResult<UserId> {
    let name = username.trim().trim_start_matches('@').to_lowercase();
    if name.is_empty() {
        return Err(AppError::invalid(field, "field-required"));
    }
    users::table
        .filter(users::username.eq(&name))
        .filter(users::status.eq(prassi_db::AccountStatus::Active))
        .select(users::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::invalid(field, "groups-unknown-member"))
}
