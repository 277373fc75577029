//! Invitations: a coordinator invites a member by username (whatever the join policy); the
//! invitee accepts or declines from the group page or `/gruppi/inviti`. One pending invitation
//! per member and group (a unique index); answering is a conditional update on
//! `status = 'pending'`.

use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_db::models::GroupInvitation;
use prassi_db::schema::{group_invitations, group_members, users, work_groups};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, GroupInvitationId, GroupInvitationStatus, GroupRole};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{actor, add_member, record, user_by_name};
use crate::access;

/// Whom to invite.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct InviteInput {
    /// The member's username.
    pub username: String,
}

/// Invites a member (coordinators). Unknown usernames and members of the group are `Invalid`
/// on `username`; a second pending invitation is a `Conflict` (`groups-already-invited`).
pub fn invite(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    input: &InviteInput,
) -> AppResult<GroupInvitationId> {
    let me = actor(viewer)?.clone();
    let r = access::readable_group(conn, slug, viewer, phase)?;
    r.require_coordinator()?;
    let target = user_by_name(conn, "username", &input.username)?;
    let already: i64 = group_members::table
        .find((&r.group.id, &target))
        .count()
        .get_result(conn)?;
    if already > 0 {
        return Err(AppError::invalid("username", "groups-already-member"));
    }
    let row = GroupInvitation {
        id: GroupInvitationId::new(),
        group_id: r.group.id.clone(),
        user_id: target.clone(),
        invited_by: Some(me.clone()),
        status: GroupInvitationStatus::Pending,
        created_at: prassi_db::now(),
        decided_at: None,
    };
    let made = prassi_db::insert_unless_exists(conn, |c| {
        diesel::insert_into(group_invitations::table)
            .values(&row)
            .execute(c)
    })?;
    if !made {
        return Err(AppError::conflict("groups-already-invited"));
    }
    record(conn, &r.group.id, Some(&me), "invited", Some(&target), "")?;
    notify::happened(
        conn,
        EventKind::GroupInvited,
        ItemKind::GroupInvitation,
        &row.id,
        &me,
        "members",
    )?;
    Ok(row.id)
}

/// Accepts (`true`) or declines an invitation addressed to the viewer. `NotFound` for
/// anyone else's invitation; `Conflict` when it was already answered or revoked.
pub fn respond(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    id: &str,
    accept: bool,
) -> AppResult<()> {
    let me = actor(viewer)?.clone();
    let r = access::readable_group(conn, slug, viewer, phase)?;
    let id = GroupInvitationId::parse(id).ok_or_else(AppError::not_found)?;
    let found: i64 = group_invitations::table
        .find(&id)
        .filter(group_invitations::group_id.eq(&r.group.id))
        .filter(group_invitations::user_id.eq(&me))
        .count()
        .get_result(conn)?;
    if found == 0 {
        return Err(AppError::not_found());
    }
    let status = if accept {
        GroupInvitationStatus::Accepted
    } else {
        GroupInvitationStatus::Declined
    };
    let answered = diesel::update(
        group_invitations::table
            .find(&id)
            .filter(group_invitations::status.eq(GroupInvitationStatus::Pending)),
    )
    .set((
        group_invitations::status.eq(status),
        group_invitations::decided_at.eq(Some(prassi_db::now())),
    ))
    .execute(conn)?;
    if answered != 1 {
        return Err(AppError::conflict("groups-invitation-answered"));
    }
    if accept {
        if add_member(conn, &r.group.id, &me, GroupRole::Member)? {
            notify::happened(
                conn,
                EventKind::GroupMemberJoined,
                ItemKind::Group,
                &r.group.id,
                &me,
                &format!("group:{}", r.group.id),
            )?;
        }
        record(
            conn,
            &r.group.id,
            Some(&me),
            "invitation_accepted",
            Some(&me),
            "",
        )?;
    } else {
        record(
            conn,
            &r.group.id,
            Some(&me),
            "invitation_declined",
            Some(&me),
            "",
        )?;
    }
    Ok(())
}

/// A pending invitation, as its invitee sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationView {
    pub id: String,
    pub group_slug: String,
    pub group_name: String,
    pub group_url: String,
    /// Who invited (display name), if still known.
    pub invited_by: Option<String>,
    pub created_at: chrono::NaiveDateTime,
}

/// The viewer's pending invitations, newest first. Two queries.
pub fn my_invitations(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<Vec<InvitationView>> {
    let me = actor(viewer)?;
    if !viewer.is_member() {
        return Ok(Vec::new());
    }
    let rows: Vec<(GroupInvitation, String, String)> = group_invitations::table
        .inner_join(work_groups::table)
        .filter(group_invitations::user_id.eq(me))
        .filter(group_invitations::status.eq(GroupInvitationStatus::Pending))
        .order((
            group_invitations::created_at.desc(),
            group_invitations::id.desc(),
        ))
        .limit(100)
        .select((
            GroupInvitation::as_select(),
            work_groups::slug,
            work_groups::name,
        ))
        .load(conn)?;
    let inviters: Vec<prassi_db::UserId> = rows
        .iter()
        .filter_map(|(i, _, _)| i.invited_by.clone())
        .collect();
    let names: std::collections::HashMap<prassi_db::UserId, String> = if inviters.is_empty() {
        Default::default()
    } else {
        users::table
            .filter(users::id.one_of(&inviters))
            .select((users::id, users::display_name))
            .load::<(prassi_db::UserId, String)>(conn)?
            .into_iter()
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|(i, slug, name)| InvitationView {
            id: i.id.0,
            group_url: super::groups::group_url(&slug),
            group_slug: slug,
            group_name: name,
            invited_by: i.invited_by.and_then(|u| names.get(&u).cloned()),
            created_at: i.created_at,
        })
        .collect())
}

/// How many invitations wait for the viewer (for the home block).
pub(crate) fn pending_count(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<i64> {
    let Some(me) = viewer.user_id().filter(|_| viewer.is_member()) else {
        return Ok(0);
    };
    Ok(group_invitations::table
        .filter(group_invitations::user_id.eq(me))
        .filter(group_invitations::status.eq(GroupInvitationStatus::Pending))
        .count()
        .get_result(conn)?)
}
