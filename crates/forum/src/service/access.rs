//! Whether a viewer may read a category or a discussion: through the category's audience, and
//! "not found" when not.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::models::{Discussion, ForumCategory};
use prassi_db::schema::{discussions, forum_categories};
use prassi_db::{DbConnection, DiscussionId};

fn audience_of(category: &ForumCategory) -> AppResult<Audience> {
    Audience::from_db(&category.audience).ok_or_else(AppError::not_found)
}

/// A discussion and its category, or `NotFound` when the viewer may not read it.
pub fn readable_discussion(
    conn: &mut DbConnection,
    id: &DiscussionId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Discussion, ForumCategory, Audience)> {
    let row: Option<(Discussion, ForumCategory)> = discussions::table
        .inner_join(forum_categories::table)
        .filter(discussions::id.eq(id))
        .select((Discussion::as_select(), ForumCategory::as_select()))
        .first(conn)
        .optional()?;
    let (d, c) = row.ok_or_else(AppError::not_found)?;
    let audience = audience_of(&c)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    Ok((d, c, audience))
}

/// A category by slug, or `NotFound` when the viewer may not read it.
pub fn readable_category(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(ForumCategory, Audience)> {
    let c: ForumCategory = forum_categories::table
        .filter(forum_categories::slug.eq(slug.to_lowercase()))
        .select(ForumCategory::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let audience = audience_of(&c)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    Ok((c, audience))
}
