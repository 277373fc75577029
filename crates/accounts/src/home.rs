//! The community block of the home page: how many members the community has (for members),
//! and its newest members who chose to appear in the directory (for whoever may see the
//! directory). Two queries: the stored count (`site_counters`, kept by triggers on `users`)
//! and the newest five walked from the accounts' creation index.

use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::module::HomeBlock;
use prassi_db::schema::{organisations, site_counters, users};
use prassi_db::OneOfExt;
use prassi_db::{AccountStatus, DbConnection};
use serde::Serialize;

/// How many new members the block lists.
pub const HOME_MEMBERS: i64 = 5;

/// The name of the stored count of members in good standing in `site_counters`.
pub const ACTIVE_MEMBERS: &str = "active_members";

#[derive(Debug, Serialize)]
struct NewMember {
    username: String,
    display_name: String,
    organisation: Option<String>,
}

/// Members in good standing (status `active`), as stored. One query.
pub fn member_count(conn: &mut DbConnection) -> AppResult<i64> {
    Ok(site_counters::table
        .find(ACTIVE_MEMBERS)
        .select(site_counters::value)
        .first::<i64>(conn)
        .optional()?
        .unwrap_or(0))
}

/// The block for `viewer`: nothing for visitors who may not see the directory.
pub fn home_block(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Option<HomeBlock>> {
    let count = if viewer.is_member() {
        Some(member_count(conn)?)
    } else {
        None
    };
    let newest: Vec<NewMember> = if access::can_see_directory(viewer, phase) {
        users::table
            .left_join(organisations::table)
            .filter(users::directory_consent.eq(true))
            .filter(users::status.one_of([AccountStatus::Active, AccountStatus::Open]))
            .order((users::created_at.desc(), users::id.desc()))
            .limit(HOME_MEMBERS)
            .select((
                users::username,
                users::display_name,
                organisations::name.nullable(),
            ))
            .load::<(String, String, Option<String>)>(conn)?
            .into_iter()
            .map(|(username, display_name, organisation)| NewMember {
                username,
                display_name,
                organisation,
            })
            .collect()
    } else {
        Vec::new()
    };
    if count.is_none() && newest.is_empty() {
        return Ok(None);
    }
    Ok(Some(HomeBlock {
        template: "accounts/_home.html",
        data: serde_json::json!({ "member_count": count, "newest": newest }),
    }))
}
