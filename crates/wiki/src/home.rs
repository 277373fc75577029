//! The wiki block of the home page: the pages changed last among those the viewer may read.
//! One query, walked from the pages' update index.

use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::module::HomeBlock;
use prassi_db::schema::wiki_pages;
use prassi_db::DbConnection;
use prassi_db::OneOfExt;
use serde::Serialize;

/// How many pages the block lists.
pub const HOME_PAGES: i64 = 5;

#[derive(Debug, Serialize)]
struct HomePage {
    title: String,
    url: String,
    revision: i32,
    updated_at: chrono::NaiveDateTime,
    lang: String,
}

/// The block for `viewer`: nothing when the viewer may read no pages.
pub fn home_block(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Option<HomeBlock>> {
    let visible = access::visible_audiences(viewer, phase);
    if visible.is_empty() {
        return Ok(None);
    }
    let rows: Vec<(String, String, i32, chrono::NaiveDateTime, String)> = wiki_pages::table
        .filter(wiki_pages::audience.one_of(&visible))
        .order((wiki_pages::updated_at.desc(), wiki_pages::id.desc()))
        .limit(HOME_PAGES)
        .select((
            wiki_pages::slug,
            wiki_pages::title,
            wiki_pages::revision,
            wiki_pages::updated_at,
            wiki_pages::lang,
        ))
        .load(conn)?;
    let items: Vec<HomePage> = rows
        .into_iter()
        .map(|(slug, title, revision, updated_at, lang)| HomePage {
            url: crate::service::page_url(&slug),
            title,
            revision,
            updated_at,
            lang,
        })
        .collect();
    Ok(Some(HomeBlock {
        template: "wiki/_home.html",
        data: serde_json::json!({ "pages": items }),
    }))
}
