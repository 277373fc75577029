//! The categories a viewer may read, and creating them (administrators).

use diesel::prelude::*;
use prassi_core::access::{self, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{optional, required, Checks};
use prassi_db::models::ForumCategory;
use prassi_db::schema::forum_categories;
use prassi_db::OneOfExt;
use prassi_db::{CategoryId, DbConnection};
use serde::{Deserialize, Serialize};

use super::{category_url, slug_of};

/// A category as listed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CategoryView {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub position: i32,
    pub audience: String,
    pub url: String,
    pub discussion_count: i64,
}

/// The categories the viewer may read, in order, with their discussion counts (one query: the
/// counts are kept on the categories).
pub fn categories(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Vec<CategoryView>> {
    let visible = access::visible_audiences(viewer, phase);
    let rows: Vec<ForumCategory> = forum_categories::table
        .filter(forum_categories::audience.one_of(&visible))
        .order((
            forum_categories::position.asc(),
            forum_categories::name.asc(),
        ))
        .limit(200)
        .select(ForumCategory::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|c| CategoryView {
            discussion_count: c.discussion_count,
            url: category_url(&c.slug),
            id: c.id.0,
            name: c.name,
            slug: c.slug,
            description: c.description,
            position: c.position,
            audience: c.audience,
        })
        .collect())
}

/// A new category (administrators).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CategoryInput {
    pub name: String,
    pub description: String,
    /// Order among categories; an empty form field counts as 0.
    #[serde(deserialize_with = "prassi_core::input::lenient_i32")]
    pub position: i32,
    /// `public` or `members` (or `group:<id>` once groups exist).
    pub audience: String,
}

/// Categories are site structure, so the role decides who makes them, not an audience:
/// `Unauthorized` for visitors, `Forbidden` for accounts that do not administer.
fn require_admin(viewer: &Viewer) -> AppResult<()> {
    if viewer.is_admin() {
        Ok(())
    } else if viewer.account().is_none() {
        Err(AppError::unauthorized())
    } else {
        Err(AppError::forbidden())
    }
}

/// Creates a category. Administrators only.
pub fn create_category(
    conn: &mut DbConnection,
    viewer: &Viewer,
    input: &CategoryInput,
) -> AppResult<CategoryId> {
    require_admin(viewer)?;
    let mut c = Checks::new();
    let name = c.check(required("name", &input.name, 80));
    let description = c.check(optional("description", Some(&input.description), 500));
    let audience = c.check_opt(
        Audience::from_db(input.audience.trim())
            .ok_or_else(|| AppError::invalid("audience", "forum-category-invalid")),
    );
    c.finish()?;
    let audience = audience.ok_or_else(|| AppError::internal("audience checked"))?;
    let id = CategoryId::new();
    diesel::insert_into(forum_categories::table)
        .values(ForumCategory {
            id: id.clone(),
            slug: slug_of(&name),
            name,
            description,
            position: input.position,
            audience: audience.to_db(),
            created_at: prassi_db::now(),
            discussion_count: 0,
            group_id: None,
        })
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::invalid("name", "forum-category-exists"),
            other => other.into(),
        })?;
    Ok(id)
}
