//! What the page forms submit, and the checks of titles, categories and parents.

use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::required_between;
use prassi_db::schema::wiki_pages;
use prassi_db::{DbConnection, PageId};
use serde::{Deserialize, Serialize};

use super::access::readable_page;
use super::{slug_of, MAX_CATEGORIES, MAX_DEPTH, MAX_TITLE};

/// Parses a comma-separated list of categories: trimmed, inner spaces collapsed, at most 40
/// characters each and [`MAX_CATEGORIES`] in all, repeats (ignoring case) dropped, sorted.
pub fn parse_categories(text: &str) -> AppResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.split(',') {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            continue;
        }
        if name.chars().count() > 40 {
            return Err(AppError::invalid("categories", "wiki-category-too-long"));
        }
        if !out.iter().any(|c| c.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    if out.len() > MAX_CATEGORIES {
        return Err(AppError::invalid("categories", "wiki-too-many-categories"));
    }
    out.sort();
    Ok(out)
}

pub(super) fn validate_title(title: &str) -> AppResult<(String, String)> {
    let title = required_between("title", title, 2, MAX_TITLE, "wiki-title-too-short")?;
    let slug = slug_of(&title);
    if slug.is_empty() {
        return Err(AppError::invalid("title", "wiki-title-invalid"));
    }
    Ok((title, slug))
}

/// The parent named by `title` (empty for none): a page the viewer may read, never `page`
/// itself or one of its descendants.
pub(super) fn resolve_parent(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    title: &str,
    page: Option<&PageId>,
) -> AppResult<Option<PageId>> {
    let title = title.trim();
    if title.is_empty() {
        return Ok(None);
    }
    let parent = readable_page(conn, &slug_of(title), viewer, phase)
        .map_err(|_| AppError::invalid("parent", "wiki-parent-not-found"))?
        .page;
    if let Some(page) = page {
        let mut cursor = Some(parent.id.clone());
        for _ in 0..MAX_DEPTH {
            let Some(id) = cursor else { break };
            if &id == page {
                return Err(AppError::invalid("parent", "wiki-parent-cycle"));
            }
            cursor = wiki_pages::table
                .find(&id)
                .select(wiki_pages::parent_id)
                .first::<Option<PageId>>(conn)
                .optional()?
                .flatten();
        }
    }
    Ok(Some(parent.id))
}

/// A new page.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PageInput {
    pub title: String,
    pub body_md: String,
    /// Comma-separated category names.
    pub categories: String,
    /// The parent page's title, or empty.
    pub parent: String,
    /// `public` or `members` (or `group:<id>` once groups exist); empty means `members`.
    pub audience: String,
    pub summary: String,
    /// The language of the text (`it`, `en`, `de`, `fr`, `sl`). Default: the site's, `it`.
    pub lang: String,
}

/// A save of an existing page.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SaveInput {
    pub title: String,
    pub body_md: String,
    /// Comma-separated category names.
    pub categories: String,
    /// The parent page's title, or empty.
    pub parent: String,
    pub summary: String,
    /// The language of the text; empty keeps the current one.
    pub lang: String,
    /// The revision the editor started from.
    #[serde(deserialize_with = "prassi_core::input::lenient_i32")]
    pub base_revision: i32,
}
