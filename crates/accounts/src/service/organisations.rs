//! The organisations members belong to: found by name or created as members name them.

use diesel::prelude::*;
use prassi_core::error::AppResult;
use prassi_core::input::{optional as optional_text, required as required_text};
use prassi_db::models::{Organisation, OrganisationInsertForm};
use prassi_db::schema::organisations;
use prassi_db::{DbConnection, OrganisationId, OrganisationKind};

use super::lower;

/// Finds an organisation by name (case-insensitively) or creates it.
pub fn find_or_create_organisation(
    conn: &mut DbConnection,
    name: &str,
    kind: OrganisationKind,
    region: Option<&str>,
) -> AppResult<OrganisationId> {
    let name = required_text("organisation", name, 200)?;
    let existing: Option<OrganisationId> = organisations::table
        // The same name, or the same ignoring case as the database sees it (SQLite's lower()
        // folds only ASCII): an exact match must always be found, or the insert below would
        // hit the unique name.
        .filter(
            organisations::name
                .eq(&name)
                .or(lower(organisations::name).eq(lower(name.clone()))),
        )
        .select(organisations::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = OrganisationId::new();
    let region = optional_text("region", region, 100)?;
    let region = Some(region.as_str()).filter(|r| !r.is_empty());
    diesel::insert_into(organisations::table)
        .values(OrganisationInsertForm {
            id: &id,
            name: &name,
            kind,
            region,
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    Ok(id)
}

/// All organisations by name.
pub fn list_organisations(conn: &mut DbConnection) -> AppResult<Vec<Organisation>> {
    Ok(organisations::table
        .order(organisations::name.asc())
        .select(Organisation::as_select())
        .load(conn)?)
}
