//! What the search index holds of this module: polls (question, description and options),
//! with the poll's audience, so results never reveal a poll the viewer may not read. Services
//! name a changed poll with `POLLS.touch(conn, id)`; the worker and `prassi search reindex`
//! rebuild its document from the database in bulk (two queries per 500 polls).

use prassi_db::OneOfExt;
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::markdown::to_plain_text;
use prassi_core::search::{unix_seconds, Change, DocKind, SearchDoc, SearchSource};
use prassi_db::ids::PollId;
use prassi_db::models::Poll;
use prassi_db::schema::{poll_options, polls};
use prassi_db::DbConnection;

/// The module's searchable items, as `prassi_core::Module::search_sources` gives them.
pub static SOURCES: &[SearchSource] = &[POLLS];

/// The `poll` items.
pub const POLLS: SearchSource = SearchSource {
    item: "poll",
    all_ids: |conn| polls::table.select(polls::id).order(polls::id).load(conn),
    changes: |conn, ids| {
        let ids: Vec<PollId> = ids.iter().cloned().map(PollId).collect();
        polls_of(conn, &ids)
    },
};

/// Polls, one [`Change`] per id in order, in two queries per 500.
pub fn polls_of(conn: &mut DbConnection, ids: &[PollId]) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<PollId, Poll> = HashMap::with_capacity(ids.len());
    let mut labels: HashMap<PollId, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<Poll> = polls::table
            .filter(polls::id.one_of(chunk.iter().cloned()))
            .select(Poll::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(|p| (p.id.clone(), p)));
        let options: Vec<(PollId, String)> = poll_options::table
            .filter(poll_options::poll_id.one_of(chunk.iter().cloned()))
            .order((poll_options::poll_id.asc(), poll_options::position.asc()))
            .select((poll_options::poll_id, poll_options::label))
            .load(conn)?;
        for (poll, label) in options {
            labels.entry(poll).or_default().push(label);
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("poll-{id}");
            let Some(p) = found.get(id) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            let mut body = to_plain_text(&p.description_md);
            for label in labels.get(id).into_iter().flatten() {
                body.push('\n');
                body.push_str(label);
            }
            Change {
                upsert: vec![SearchDoc {
                    id: doc_id,
                    kind: DocKind::Poll,
                    title: p.question.clone(),
                    body,
                    url: crate::service::poll_url(&p.id),
                    audience: p.audience.clone(),
                    tags: Vec::new(),
                    created_at: unix_seconds(p.created_at),
                    group_id: p.group_id.as_ref().map(|g| g.0.clone()),
                }],
                delete: Vec::new(),
            }
        })
        .collect())
}
