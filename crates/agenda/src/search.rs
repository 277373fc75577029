//! What the search index holds of this module: events (title, theme, description, venue,
//! programme titles and partners), with the event's audience; drafts are not indexed. Reports
//! published to the wiki are found as wiki pages. Services name a changed event with
//! `EVENTS.touch(conn, id)`; the worker and `prassi search reindex` rebuild its document from
//! the database in bulk (a few queries per 500 events).

use prassi_db::OneOfExt;
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::markdown::to_plain_text;
use prassi_core::search::{unix_seconds, Change, DocKind, SearchDoc, SearchSource};
use prassi_db::models::AgendaEvent;
use prassi_db::schema::{agenda_blocks, agenda_events, agenda_partners};
use prassi_db::{DbConnection, EventId, EventStatus};

/// The module's searchable items, as `prassi_core::Module::search_sources` gives them.
pub static SOURCES: &[SearchSource] = &[EVENTS];

/// The `event` items.
pub const EVENTS: SearchSource = SearchSource {
    item: "event",
    all_ids: |conn| {
        agenda_events::table
            .select(agenda_events::id)
            .order(agenda_events::id)
            .load(conn)
    },
    changes: |conn, ids| {
        let ids: Vec<EventId> = ids.iter().cloned().map(EventId).collect();
        events_of(conn, &ids)
    },
};

/// Events, one [`Change`] per id in order, in three queries per 500.
pub fn events_of(conn: &mut DbConnection, ids: &[EventId]) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<EventId, AgendaEvent> = HashMap::with_capacity(ids.len());
    let mut extra: HashMap<EventId, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<AgendaEvent> = agenda_events::table
            .filter(agenda_events::id.one_of(chunk))
            .select(AgendaEvent::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(|e| (e.id.clone(), e)));
        let blocks: Vec<(EventId, String)> = agenda_blocks::table
            .filter(agenda_blocks::event_id.one_of(chunk))
            .order((agenda_blocks::event_id.asc(), agenda_blocks::position.asc()))
            .select((agenda_blocks::event_id, agenda_blocks::title))
            .load(conn)?;
        let partners: Vec<(EventId, String)> = agenda_partners::table
            .filter(agenda_partners::event_id.one_of(chunk))
            .order((
                agenda_partners::event_id.asc(),
                agenda_partners::position.asc(),
            ))
            .select((agenda_partners::event_id, agenda_partners::name))
            .load(conn)?;
        for (event, text) in blocks.into_iter().chain(partners) {
            extra.entry(event).or_default().push(text);
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("event-{id}");
            let Some(e) = found.get(id).filter(|e| e.status != EventStatus::Draft) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            let mut body = to_plain_text(&e.description_md);
            for part in [&e.venue, &e.address] {
                if !part.is_empty() {
                    body.push('\n');
                    body.push_str(part);
                }
            }
            for text in extra.get(id).into_iter().flatten() {
                body.push('\n');
                body.push_str(text);
            }
            Change {
                upsert: vec![SearchDoc {
                    id: doc_id,
                    kind: DocKind::Event,
                    title: e.title.clone(),
                    body,
                    url: crate::service::event_url(&e.id),
                    audience: e.audience.clone(),
                    tags: if e.theme.is_empty() {
                        Vec::new()
                    } else {
                        vec![e.theme.clone()]
                    },
                    created_at: unix_seconds(e.starts_at),
                    group_id: e.group_id.as_ref().map(|g| g.0.clone()),
                }],
                delete: Vec::new(),
            }
        })
        .collect())
}
