//! The working group an item was made in, as the pages of other modules link to it. Whoever
//! may read an item made in a group may see that group: its content has the group's audience
//! (members only) unless the group is public, and a public group is visible to every reader of
//! public content. So the link never tells a reader about a group they may not see.

use diesel::prelude::*;
use prassi_db::schema::work_groups;
use prassi_db::{DbConnection, GroupId};
use serde::Serialize;

/// A link to a group: its name and page.
#[derive(Debug, Clone, Hash, Serialize, utoipa::ToSchema)]
pub struct GroupLink {
    pub name: String,
    pub url: String,
}

/// The group `id` names (none when `id` is none or the group is gone); one indexed read.
pub fn link(conn: &mut DbConnection, id: Option<&GroupId>) -> QueryResult<Option<GroupLink>> {
    let Some(id) = id else { return Ok(None) };
    Ok(work_groups::table
        .find(id)
        .select((work_groups::name, work_groups::slug))
        .first::<(String, String)>(conn)
        .optional()?
        .map(|(name, slug)| GroupLink {
            name,
            url: format!("/gruppi/{slug}"),
        }))
}
