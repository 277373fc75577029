//! Curating the shared tag vocabulary: creating, renaming and merging tags. Moderators only,
//! decided here rather than by the callers.

use diesel::prelude::*;
use prassi_core::access::Viewer;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{optional, required, Checks};
use prassi_db::models::Tag;
use prassi_db::schema::{question_tags, tags};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, QuestionId, TagId};
use serde::{Deserialize, Serialize};

use crate::counters;

use super::tags::tag_by_name;

/// The vocabulary is shared by every audience, so the role decides who curates it, not an
/// audience: `Unauthorized` for visitors, `Forbidden` for accounts that do not moderate.
fn require_moderator(viewer: &Viewer) -> AppResult<()> {
    if viewer.is_moderator() {
        Ok(())
    } else if viewer.account().is_none() {
        Err(AppError::unauthorized())
    } else {
        Err(AppError::forbidden())
    }
}

/// A new tag (moderators).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TagInput {
    pub name: String,
    pub description: String,
}

/// Creates a tag in the shared vocabulary: lower-case words joined by hyphens. Moderators
/// only.
pub fn create_tag(conn: &mut DbConnection, viewer: &Viewer, input: &TagInput) -> AppResult<TagId> {
    require_moderator(viewer)?;
    let mut c = Checks::new();
    let name = c
        .check(required("name", &input.name, 40))
        .to_lowercase()
        .replace(' ', "-");
    let ok = name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if !ok && !c.has("name") {
        c.fail("name", "qa-tag-name-invalid");
    }
    let description = c.check(optional("description", Some(&input.description), 300));
    c.finish()?;
    let id = TagId::new();
    diesel::insert_into(tags::table)
        .values(Tag {
            id: id.clone(),
            name,
            description,
            created_at: prassi_db::now(),
        })
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::invalid("name", "qa-tag-exists"),
            other => other.into(),
        })?;
    Ok(id)
}

/// Renames a tag. Moderators only. Call inside a write transaction.
pub fn rename_tag(conn: &mut DbConnection, viewer: &Viewer, from: &str, to: &str) -> AppResult<()> {
    require_moderator(viewer)?;
    let tag = tag_by_name(conn, from).map_err(|_| AppError::invalid("from", "qa-tag-unknown"))?;
    let name = required("to", to, 40)?.to_lowercase().replace(' ', "-");
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    {
        return Err(AppError::invalid("to", "qa-tag-name-invalid"));
    }
    diesel::update(tags::table.find(&tag.id))
        .set(tags::name.eq(&name))
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::invalid("to", "qa-tag-exists"),
            other => other.into(),
        })?;
    let tagged: Vec<QuestionId> = question_tags::table
        .filter(question_tags::tag_id.eq(&tag.id))
        .select(question_tags::question_id)
        .load(conn)?;
    for q in &tagged {
        crate::search::QUESTIONS.touch(conn, q.as_str())?;
        // The question page's kept thread holds the tag's name.
        super::thread::touch(conn, q)?;
    }
    Ok(())
}

/// Merges tag `from` into `into`: its questions take `into` (once), then `from` is deleted.
/// Moderators only. Call inside a write transaction.
pub fn merge_tags(
    conn: &mut DbConnection,
    viewer: &Viewer,
    from: &str,
    into: &str,
) -> AppResult<usize> {
    require_moderator(viewer)?;
    let source =
        tag_by_name(conn, from).map_err(|_| AppError::invalid("from", "qa-tag-unknown"))?;
    let target =
        tag_by_name(conn, into).map_err(|_| AppError::invalid("into", "qa-tag-unknown"))?;
    if source.id == target.id {
        return Err(AppError::invalid("into", "qa-tag-merge-same"));
    }
    let tagged: Vec<QuestionId> = question_tags::table
        .filter(question_tags::tag_id.eq(&source.id))
        .select(question_tags::question_id)
        .load(conn)?;
    let already: Vec<QuestionId> = question_tags::table
        .filter(question_tags::tag_id.eq(&target.id))
        .filter(question_tags::question_id.one_of(&tagged))
        .select(question_tags::question_id)
        .load(conn)?;
    // The taggings move (keeping their questions' creation times); those already under the
    // target go with the source tag.
    let moved = diesel::update(
        question_tags::table
            .filter(question_tags::tag_id.eq(&source.id))
            .filter(question_tags::question_id.ne_all(&already)),
    )
    .set(question_tags::tag_id.eq(&target.id))
    .execute(conn)?;
    diesel::delete(tags::table.find(&source.id)).execute(conn)?;
    diesel::delete(
        prassi_db::schema::qa_counts::table
            .filter(prassi_db::schema::qa_counts::tag_id.eq(source.id.as_str())),
    )
    .execute(conn)?;
    counters::recount_tag(conn, &target.id)?;
    for q in &tagged {
        crate::search::QUESTIONS.touch(conn, q.as_str())?;
        super::thread::touch(conn, q)?;
    }
    Ok(moved)
}
