//! How authors appear next to what they wrote, in every module: name, username, role, expert
//! mark. Modules select [`author_columns`] in their joins and build [`AuthorView`]s from the
//! rows, so an author never costs a query of its own.

use diesel::prelude::*;
use prassi_db::schema::users;
use prassi_db::OneOfExt;
use prassi_db::{Role, UserId};
use serde::Serialize;

/// An author as shown next to posts.
#[derive(Debug, Clone, Hash, Serialize, utoipa::ToSchema)]
pub struct AuthorView {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub is_expert: bool,
    /// Reputation over what the viewer may see, where a module shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reputation: Option<i64>,
}

/// The author columns a join selects.
pub type AuthorRow = (UserId, String, String, Role);

/// The columns to select for an [`AuthorRow`].
pub fn author_columns() -> (users::id, users::username, users::display_name, users::role) {
    (users::id, users::username, users::display_name, users::role)
}

impl AuthorView {
    /// The view of a selected row.
    pub fn of(row: &AuthorRow) -> Self {
        AuthorView {
            username: row.1.clone(),
            display_name: row.2.clone(),
            role: row.3.as_str().into(),
            is_expert: row.3 == Role::Expert,
            reputation: None,
        }
    }
}

/// Authors by id, in one query (for histories and other lists that carry only ids).
pub fn authors_by_id(
    conn: &mut prassi_db::DbConnection,
    ids: &[UserId],
) -> QueryResult<std::collections::HashMap<UserId, AuthorRow>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let rows: Vec<AuthorRow> = users::table
        .filter(users::id.one_of(ids))
        .select(author_columns())
        .load(conn)?;
    Ok(rows.into_iter().map(|a| (a.0.clone(), a)).collect())
}
