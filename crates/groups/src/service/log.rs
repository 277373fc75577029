//! A group's log: every change to the group, its members, documents and proposals, newest
//! first, for its coordinators and the administrators.

use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_db::models::GroupLogEntry;
use prassi_db::schema::{group_log, users};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, UserId};
use serde::Serialize;
use utoipa::ToSchema;

use crate::access;

/// One line of the log.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogView {
    /// What happened (`created`, `joined`, `left`, `request_accepted`, …).
    pub action: String,
    /// Who did it (display name), if still known.
    pub actor: Option<String>,
    /// To whom (display name), if anyone.
    pub subject: Option<String>,
    pub detail: String,
    pub created_at: chrono::NaiveDateTime,
}

/// The log of a group, newest first, paged (coordinators and administrators). A fixed number
/// of queries.
pub fn group_log(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    page: PageRequest,
) -> AppResult<(Vec<LogView>, PageInfo)> {
    let r = access::readable_group(conn, slug, viewer, phase)?;
    r.require_coordinator()?;
    let total: i64 = group_log::table
        .filter(group_log::group_id.eq(&r.group.id))
        .count()
        .get_result(conn)?;
    let rows: Vec<GroupLogEntry> = group_log::table
        .filter(group_log::group_id.eq(&r.group.id))
        .order((group_log::created_at.desc(), group_log::id.desc()))
        .limit(page.per_page)
        .offset(page.offset())
        .select(GroupLogEntry::as_select())
        .load(conn)?;
    let mut ids: Vec<UserId> = rows
        .iter()
        .flat_map(|e| [e.actor_id.clone(), e.subject_id.clone()])
        .flatten()
        .collect();
    ids.sort();
    ids.dedup();
    let names: std::collections::HashMap<UserId, String> = if ids.is_empty() {
        Default::default()
    } else {
        users::table
            .filter(users::id.one_of(&ids))
            .select((users::id, users::display_name))
            .load::<(UserId, String)>(conn)?
            .into_iter()
            .collect()
    };
    let items = rows
        .into_iter()
        .map(|e| LogView {
            actor: e.actor_id.and_then(|u| names.get(&u).cloned()),
            subject: e.subject_id.and_then(|u| names.get(&u).cloned()),
            action: e.action,
            detail: e.detail,
            created_at: e.created_at,
        })
        .collect();
    Ok((items, page.info(total)))
}
