//! Requests to join a group whose join policy is "by request": a member asks with a message,
//! a coordinator accepts or refuses with a reason the requester sees. One pending request per
//! member and group (a unique index); a decision is a conditional update on
//! `status = 'pending'`, so two coordinators deciding at once cannot both pass.

use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{self, Checks};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_db::models::GroupRequest;
use prassi_db::schema::{group_requests, users};
use prassi_db::{DbConnection, GroupRequestId, GroupRequestStatus, GroupRole, JoinPolicy};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{actor, add_member, record, MAX_MESSAGE, MAX_REASON};
use crate::access::{self, Standing};

/// A request to join, as a form or JSON body sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct RequestInput {
    /// Why the member wants to join (shown to the coordinators).
    pub message: String,
}

/// A coordinator's decision on a request.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
pub struct DecideInput {
    /// `accept` or `refuse`.
    pub decision: String,
    /// Why (shown to the requester); optional.
    #[serde(default)]
    #[schema(default = "")]
    pub reason: String,
}

/// A request to join, as the requester and the coordinators see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestView {
    pub id: String,
    pub message: String,
    /// `pending`, `accepted`, `refused` or `withdrawn`.
    #[schema(value_type = String)]
    pub status: GroupRequestStatus,
    pub reason: String,
    pub created_at: chrono::NaiveDateTime,
    pub decided_at: Option<chrono::NaiveDateTime>,
    /// Who asked (in the coordinators' list).
    pub username: Option<String>,
    pub display_name: Option<String>,
}

pub(super) fn view_of(r: GroupRequest, who: Option<(String, String)>) -> RequestView {
    let (username, display_name) = who.unzip();
    RequestView {
        id: r.id.0,
        message: r.message,
        status: r.status,
        reason: r.reason,
        created_at: r.created_at,
        decided_at: r.decided_at,
        username,
        display_name,
    }
}

/// Asks to join a group whose policy is "by request". A second pending request is a
/// `Conflict` (`groups-request-pending`).
pub fn request(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    input: &RequestInput,
) -> AppResult<GroupRequestId> {
    let me = actor(viewer)?.clone();
    let r = access::readable_group(conn, slug, viewer, phase)?;
    if !viewer.is_member() {
        return Err(AppError::forbidden());
    }
    if r.standing != Standing::Outsider {
        return Err(AppError::conflict("groups-already-member"));
    }
    if r.group.join_policy != JoinPolicy::Request {
        return Err(
            AppError::forbidden().with_message(match r.group.join_policy {
                JoinPolicy::Open => "groups-join-open",
                _ => "groups-join-by-invitation",
            }),
        );
    }
    let mut c = Checks::new();
    let message = c.check(input::required("message", &input.message, MAX_MESSAGE));
    c.finish()?;
    let row = GroupRequest {
        id: GroupRequestId::new(),
        group_id: r.group.id.clone(),
        user_id: me.clone(),
        message,
        status: GroupRequestStatus::Pending,
        reason: String::new(),
        decided_by: None,
        created_at: prassi_db::now(),
        decided_at: None,
    };
    let made = prassi_db::insert_unless_exists(conn, |c| {
        diesel::insert_into(group_requests::table)
            .values(&row)
            .execute(c)
    })?;
    if !made {
        return Err(AppError::conflict("groups-request-pending"));
    }
    record(conn, &r.group.id, Some(&me), "requested", Some(&me), "")?;
    notify::happened(
        conn,
        EventKind::GroupRequested,
        ItemKind::GroupRequest,
        &row.id,
        &me,
        &format!("group:{}", r.group.id),
    )?;
    Ok(row.id)
}

/// Accepts or refuses a pending request (coordinators). A request already decided (by
/// another coordinator a moment before) is a `Conflict` (`groups-request-decided`); accepting
/// adds the member once, whatever happens concurrently.
pub fn decide(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    id: &str,
    input: &DecideInput,
) -> AppResult<()> {
    let me = actor(viewer)?.clone();
    let r = access::readable_group(conn, slug, viewer, phase)?;
    r.require_coordinator()?;
    let id = GroupRequestId::parse(id).ok_or_else(AppError::not_found)?;
    let req: GroupRequest = group_requests::table
        .find(&id)
        .filter(group_requests::group_id.eq(&r.group.id))
        .select(GroupRequest::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let mut c = Checks::new();
    let accept = match input.decision.trim() {
        "accept" => true,
        "refuse" => false,
        _ => {
            c.fail("decision", "groups-decision-invalid");
            false
        }
    };
    let reason = c.check(input::optional("reason", Some(&input.reason), MAX_REASON));
    c.finish()?;
    let status = if accept {
        GroupRequestStatus::Accepted
    } else {
        GroupRequestStatus::Refused
    };
    let decided = diesel::update(
        group_requests::table
            .find(&id)
            .filter(group_requests::status.eq(GroupRequestStatus::Pending)),
    )
    .set((
        group_requests::status.eq(status),
        group_requests::reason.eq(&reason),
        group_requests::decided_by.eq(Some(&me)),
        group_requests::decided_at.eq(Some(prassi_db::now())),
    ))
    .execute(conn)?;
    if decided != 1 {
        return Err(AppError::conflict("groups-request-decided"));
    }
    let audience = format!("group:{}", r.group.id);
    if accept {
        if add_member(conn, &r.group.id, &req.user_id, GroupRole::Member)? {
            notify::happened(
                conn,
                EventKind::GroupMemberJoined,
                ItemKind::Group,
                &r.group.id,
                &req.user_id,
                &audience,
            )?;
        }
        record(
            conn,
            &r.group.id,
            Some(&me),
            "request_accepted",
            Some(&req.user_id),
            &reason,
        )?;
    } else {
        record(
            conn,
            &r.group.id,
            Some(&me),
            "request_refused",
            Some(&req.user_id),
            &reason,
        )?;
    }
    notify::happened(
        conn,
        EventKind::GroupRequestDecided,
        ItemKind::GroupRequest,
        &id,
        &me,
        "members",
    )?;
    Ok(())
}

/// Withdraws the viewer's own pending request. Nothing pending (never asked, or a
/// coordinator decided a moment before) is a `Conflict` (`groups-request-not-pending`): the
/// update is conditional on the request still pending, like a decision.
pub fn withdraw(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
) -> AppResult<()> {
    let me = actor(viewer)?.clone();
    let r = access::readable_group(conn, slug, viewer, phase)?;
    let withdrawn = diesel::update(
        group_requests::table
            .filter(group_requests::group_id.eq(&r.group.id))
            .filter(group_requests::user_id.eq(&me))
            .filter(group_requests::status.eq(GroupRequestStatus::Pending)),
    )
    .set((
        group_requests::status.eq(GroupRequestStatus::Withdrawn),
        group_requests::decided_at.eq(Some(prassi_db::now())),
    ))
    .execute(conn)?;
    if withdrawn == 0 {
        return Err(AppError::conflict("groups-request-not-pending"));
    }
    record(
        conn,
        &r.group.id,
        Some(&me),
        "request_withdrawn",
        Some(&me),
        "",
    )
}

/// The pending requests of a group, oldest first (coordinators).
pub fn pending_requests(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
) -> AppResult<Vec<RequestView>> {
    let r = access::readable_group(conn, slug, viewer, phase)?;
    r.require_coordinator()?;
    let rows: Vec<(GroupRequest, String, String)> = group_requests::table
        .inner_join(users::table.on(users::id.eq(group_requests::user_id)))
        .filter(group_requests::group_id.eq(&r.group.id))
        .filter(group_requests::status.eq(GroupRequestStatus::Pending))
        .order((group_requests::created_at.asc(), group_requests::id.asc()))
        .limit(200)
        .select((
            GroupRequest::as_select(),
            users::username,
            users::display_name,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(q, u, d)| view_of(q, Some((u, d))))
        .collect())
}
