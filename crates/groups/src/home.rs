//! The groups block of the home page and the "member of" line of profiles. The block shows a
//! member their groups, the latest activity in them all together, and how many invitations
//! wait for them (nothing when neither); a visitor, a few public groups when there are any.
//! At most six queries, on stored counters and the groups' activity indexes.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::module::HomeBlock;
use prassi_core::state::ActivityItem;
use prassi_db::schema::{group_members, work_groups};
use prassi_db::{DbConnection, GroupRole, GroupVisibility, UserId};
use serde::Serialize;

use crate::service::groups::group_url;

/// How many groups the block lists.
pub const HOME_GROUPS: i64 = 6;

/// How many of the latest items of the member's groups the block lists.
pub const HOME_ACTIVITY: i64 = 5;

#[derive(Debug, Serialize)]
struct HomeGroup {
    name: String,
    url: String,
    member_count: i64,
    coordinator: bool,
}

/// The block for `viewer`: their groups (members), a few public groups (others who may read
/// public content), or nothing.
pub fn home_block(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Option<HomeBlock>> {
    if let Some(account) = viewer.account().filter(|_| viewer.is_member()) {
        let me = &account.id;
        let invitations = crate::service::invitations::pending_count(conn, viewer)?;
        // `Viewer.groups` says whether there is anything to list: no query for a member in
        // no group, and no block when nothing waits either.
        if account.groups.is_empty() {
            if invitations == 0 {
                return Ok(None);
            }
            return Ok(Some(HomeBlock {
                template: "groups/_home.html",
                data: serde_json::json!({ "mine": true, "groups": [], "invitations": invitations }),
            }));
        }
        let rows: Vec<(String, String, i64, GroupRole)> = work_groups::table
            .inner_join(group_members::table)
            .filter(group_members::user_id.eq(me))
            .order((work_groups::name.asc(), work_groups::id.asc()))
            .limit(HOME_GROUPS)
            .select((
                work_groups::slug,
                work_groups::name,
                work_groups::member_count,
                group_members::role,
            ))
            .load(conn)?;
        // What happened lately in all of the member's groups, together.
        let mut ids: Vec<prassi_db::GroupId> = account
            .groups
            .iter()
            .map(|g| prassi_db::GroupId(g.clone()))
            .collect();
        ids.sort();
        let activity =
            crate::content::stream::latest_in_groups(conn, viewer, phase, &ids, HOME_ACTIVITY)?;
        let groups: Vec<HomeGroup> = rows
            .into_iter()
            .map(|(slug, name, member_count, role)| HomeGroup {
                url: group_url(&slug),
                name,
                member_count,
                coordinator: role == GroupRole::Coordinator,
            })
            .collect();
        return Ok(Some(HomeBlock {
            template: "groups/_home.html",
            data: serde_json::json!({
                "mine": true,
                "groups": groups,
                "invitations": invitations,
                "activity": activity,
            }),
        }));
    }
    if !access::can(viewer, phase, &Audience::Public, Action::Read) {
        return Ok(None);
    }
    let rows: Vec<(String, String, i64)> = work_groups::table
        .filter(work_groups::visibility.eq(GroupVisibility::Public))
        .order((work_groups::member_count.desc(), work_groups::id.asc()))
        .limit(HOME_GROUPS)
        .select((
            work_groups::slug,
            work_groups::name,
            work_groups::member_count,
        ))
        .load(conn)?;
    if rows.is_empty() {
        return Ok(None);
    }
    let groups: Vec<HomeGroup> = rows
        .into_iter()
        .map(|(slug, name, member_count)| HomeGroup {
            url: group_url(&slug),
            name,
            member_count,
            coordinator: false,
        })
        .collect();
    Ok(Some(HomeBlock {
        template: "groups/_home.html",
        data: serde_json::json!({ "mine": false, "groups": groups, "invitations": 0 }),
    }))
}

/// "Member of" on a profile: the groups `member` belongs to that `viewer` may see. One
/// query; nothing when there are none.
pub fn profile_activity(
    conn: &mut DbConnection,
    member: &UserId,
    viewer: &Viewer,
    phase: Phase,
    lang: &str,
) -> AppResult<Vec<ActivityItem>> {
    let groups = crate::service::profile_groups(conn, member, viewer, phase)?;
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    let names: Vec<String> = groups.into_iter().map(|g| g.name).collect();
    Ok(vec![ActivityItem {
        label: prassi_core::i18n::t(lang, "groups-activity-member-of"),
        value: names.join(", "),
        href: String::new(),
    }])
}
