//! What the search index holds of this module: forum discussions (the opening post) and their replies, hidden posts removed. The search worker rebuilds an
//! item's documents from the database when a `touch` event names it, and `prassi search
//! reindex` rebuilds all of them; both read the current state in bulk (a few queries per 500
//! items), so replaying an event or reindexing twice changes nothing. The module declares
//! these through [`SOURCES`] (`Module::search_sources`); the search crate knows no module.

use prassi_db::OneOfExt;
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::markdown::to_plain_text;
use prassi_core::search::{unix_seconds, Change, DocKind, SearchDoc, SearchSource};
use prassi_db::models::{Discussion, ForumCategory, ForumPost};
use prassi_db::schema::{discussions, forum_categories, forum_posts};
use prassi_db::{DbConnection, DiscussionId};

/// The module's searchable items, as `prassi_core::Module::search_sources` gives them.
pub static SOURCES: &[SearchSource] = &[DISCUSSIONS];

/// The `discussion` items: services name a changed one with `DISCUSSIONS.touch(conn, id)`.
pub const DISCUSSIONS: SearchSource = SearchSource {
    item: "discussion",
    all_ids: |conn| {
        discussions::table
            .select(discussions::id)
            .order(discussions::id)
            .load(conn)
    },
    changes: |conn, ids| {
        let ids: Vec<DiscussionId> = ids.iter().cloned().map(DiscussionId).collect();
        discussions_of(conn, &ids)
    },
};

/// Discussions and their posts, one [`Change`] per id in order, in two queries per 500
/// discussions whatever their number of posts.
pub fn discussions_of(conn: &mut DbConnection, ids: &[DiscussionId]) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<DiscussionId, (Discussion, ForumCategory)> =
        HashMap::with_capacity(ids.len());
    let mut posts_of: HashMap<DiscussionId, Vec<ForumPost>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(Discussion, ForumCategory)> = discussions::table
            .inner_join(forum_categories::table)
            .filter(discussions::id.one_of(chunk))
            .select((Discussion::as_select(), ForumCategory::as_select()))
            .load(conn)?;
        found.extend(rows.into_iter().map(|r| (r.0.id.clone(), r)));
        // In each discussion's order (oldest first): a reply's position gives its page.
        let posts: Vec<ForumPost> = forum_posts::table
            .filter(forum_posts::discussion_id.one_of(chunk))
            .order((
                forum_posts::discussion_id.asc(),
                forum_posts::created_at.asc(),
                forum_posts::id.asc(),
            ))
            .select(ForumPost::as_select())
            .load(conn)?;
        for p in posts {
            posts_of.entry(p.discussion_id.clone()).or_default().push(p);
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("discussion-{id}");
            let Some((d, c)) = found.get(id) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            let posts = posts_of.get(id).map_or(&[][..], Vec::as_slice);
            discussion_change(doc_id, d, c, posts)
        })
        .collect())
}

fn discussion_change(
    doc_id: String,
    d: &Discussion,
    c: &ForumCategory,
    posts: &[ForumPost],
) -> Change {
    let url = crate::service::discussion_url(&d.id, &d.title);
    // A discussion belongs to a group through its category.
    let group_id = c.group_id.as_ref().map(|g| g.0.clone());
    let mut change = Change::default();
    for (i, p) in posts.iter().enumerate() {
        let hidden = p.hidden_reason.is_some();
        if i == 0 {
            change.upsert.push(SearchDoc {
                id: doc_id.clone(),
                kind: DocKind::Discussion,
                title: d.title.clone(),
                body: if hidden {
                    String::new()
                } else {
                    to_plain_text(&p.body_md)
                },
                url: url.clone(),
                audience: c.audience.clone(),
                tags: vec![c.slug.clone()],
                created_at: unix_seconds(d.created_at),
                group_id: group_id.clone(),
            });
            continue;
        }
        let reply_id = format!("reply-{}", p.id);
        if hidden {
            change.delete.push(reply_id);
            continue;
        }
        let page = i as i64 / crate::service::POSTS_PER_PAGE + 1;
        let page_part = if page > 1 {
            format!("?page={page}")
        } else {
            String::new()
        };
        change.upsert.push(SearchDoc {
            id: reply_id,
            kind: DocKind::Reply,
            title: d.title.clone(),
            body: to_plain_text(&p.body_md),
            url: format!("{url}{page_part}#post-{}", p.id),
            audience: c.audience.clone(),
            tags: vec![c.slug.clone()],
            created_at: unix_seconds(p.created_at),
            group_id: group_id.clone(),
        });
    }
    change
}
