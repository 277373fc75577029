//! What the search index holds of this module: the profiles of members who consent to the directory and take part. The search worker rebuilds an
//! item's documents from the database when a `touch` event names it, and `prassi search
//! reindex` rebuilds all of them; both read the current state in bulk (a few queries per 500
//! items), so replaying an event or reindexing twice changes nothing. The module declares
//! these through [`SOURCES`] (`Module::search_sources`); the search crate knows no module.

use prassi_db::OneOfExt;
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::markdown::to_plain_text;
use prassi_core::search::{unix_seconds, Change, DocKind, SearchDoc, SearchSource};
use prassi_db::schema::{organisations, user_expertise, users};
use prassi_db::{AccountStatus, DbConnection, UserId};

/// The module's searchable items, as `prassi_core::Module::search_sources` gives them.
pub static SOURCES: &[SearchSource] = &[MEMBERS];

/// The `member` items: services name a changed one with `MEMBERS.touch(conn, id)`.
pub const MEMBERS: SearchSource = SearchSource {
    item: "member",
    all_ids: |conn| {
        users::table
            .filter(users::directory_consent.eq(true))
            .select(users::id)
            .order(users::id)
            .load(conn)
    },
    changes: |conn, ids| {
        let ids: Vec<UserId> = ids.iter().cloned().map(UserId).collect();
        members_of(conn, &ids)
    },
};

/// Members' profiles, one [`Change`] per id in order (a removal for those not listed), in two
/// queries per 500.
pub fn members_of(conn: &mut DbConnection, ids: &[UserId]) -> QueryResult<Vec<Change>> {
    type Row = (
        UserId,
        String,
        String,
        String,
        String,
        bool,
        AccountStatus,
        Option<String>,
        chrono::NaiveDateTime,
    );
    let mut found: HashMap<UserId, Row> = HashMap::with_capacity(ids.len());
    let mut areas_of: HashMap<UserId, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<Row> = users::table
            .left_join(organisations::table)
            .filter(users::id.one_of(chunk))
            .select((
                users::id,
                users::username,
                users::display_name,
                users::job_title,
                users::bio_md,
                users::directory_consent,
                users::status,
                organisations::name.nullable(),
                users::created_at,
            ))
            .load(conn)?;
        found.extend(rows.into_iter().map(|r| (r.0.clone(), r)));
        let areas: Vec<(UserId, String)> = user_expertise::table
            .filter(user_expertise::user_id.one_of(chunk))
            .order((
                user_expertise::user_id.asc(),
                user_expertise::area_key.asc(),
            ))
            .select((user_expertise::user_id, user_expertise::label))
            .load(conn)?;
        for (user, label) in areas {
            areas_of.entry(user).or_default().push(label);
        }
    }
    let listed = |r: &Row| r.5 && matches!(r.6, AccountStatus::Active | AccountStatus::Open);
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("member-{id}");
            let Some(r) = found.get(id).filter(|r| listed(r)) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            let areas = areas_of.get(id).cloned().unwrap_or_default();
            let body = [
                r.3.clone(),
                r.7.clone().unwrap_or_default(),
                areas.join(", "),
                to_plain_text(&r.4),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            Change {
                upsert: vec![SearchDoc {
                    id: doc_id,
                    kind: DocKind::Member,
                    title: r.2.clone(),
                    body,
                    url: format!("/membri/{}", r.1),
                    // The directory rule: members always, everyone in the open phase.
                    audience: "public".into(),
                    tags: areas,
                    created_at: unix_seconds(r.8),
                    group_id: None,
                }],
                delete: Vec::new(),
            }
        })
        .collect())
}
