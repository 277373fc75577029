//! What the search index holds of this module: wiki pages, their current revision. The search worker rebuilds an
//! item's documents from the database when a `touch` event names it, and `prassi search
//! reindex` rebuilds all of them; both read the current state in bulk (a few queries per 500
//! items), so replaying an event or reindexing twice changes nothing. The module declares
//! these through [`SOURCES`] (`Module::search_sources`); the search crate knows no module.

use prassi_db::OneOfExt;
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::markdown::to_plain_text;
use prassi_core::search::{unix_seconds, Change, DocKind, SearchDoc, SearchSource};
use prassi_db::models::WikiPage;
use prassi_db::schema::{wiki_categories, wiki_pages};
use prassi_db::{DbConnection, PageId};

/// The module's searchable items, as `prassi_core::Module::search_sources` gives them.
pub static SOURCES: &[SearchSource] = &[PAGES];

/// The `wiki` items: services name a changed one with `PAGES.touch(conn, id)`.
pub const PAGES: SearchSource = SearchSource {
    item: "wiki",
    all_ids: |conn| {
        wiki_pages::table
            .select(wiki_pages::id)
            .order(wiki_pages::id)
            .load(conn)
    },
    changes: |conn, ids| {
        let ids: Vec<PageId> = ids.iter().cloned().map(PageId).collect();
        wikis_of(conn, &ids)
    },
};

/// Wiki pages (current revisions), one [`Change`] per id in order, in two queries per 500.
pub fn wikis_of(conn: &mut DbConnection, ids: &[PageId]) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<PageId, WikiPage> = HashMap::with_capacity(ids.len());
    let mut categories_of: HashMap<PageId, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<WikiPage> = wiki_pages::table
            .filter(wiki_pages::id.one_of(chunk))
            .select(WikiPage::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(|p| (p.id.clone(), p)));
        let categories: Vec<(PageId, String)> = wiki_categories::table
            .filter(wiki_categories::page_id.one_of(chunk))
            .order((wiki_categories::page_id.asc(), wiki_categories::name.asc()))
            .select((wiki_categories::page_id, wiki_categories::name))
            .load(conn)?;
        for (page, name) in categories {
            categories_of.entry(page).or_default().push(name);
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("wiki-{id}");
            let Some(p) = found.get(id) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            Change {
                upsert: vec![SearchDoc {
                    id: doc_id,
                    kind: DocKind::Wiki,
                    title: p.title.clone(),
                    body: to_plain_text(&p.body_md),
                    url: crate::service::page_url(&p.slug),
                    audience: p.audience.clone(),
                    tags: categories_of.get(id).cloned().unwrap_or_default(),
                    created_at: unix_seconds(p.created_at),
                    group_id: p.group_id.as_ref().map(|g| g.0.clone()),
                }],
                delete: Vec::new(),
            }
        })
        .collect())
}
