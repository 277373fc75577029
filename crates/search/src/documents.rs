//! The search index kept as a cache of the database. Every module declares its searchable
//! items (`prassi_core::search::SearchSource`, from its own `search.rs`, collected into
//! `AppState::search_sources` from the server's module list); this crate knows no module.
//! The worker rebuilds an item's documents when its outbox event arrives; `reindex` rebuilds
//! everything. Both read the current state, so replaying an event or reindexing twice changes
//! nothing. Both read in bulk: a few queries per 500 items of a kind, whatever their number
//! of answers or replies.

use std::collections::HashMap;
use std::sync::mpsc::SyncSender;
use std::time::{Duration, Instant};

use prassi_core::search::{Change, SearchDoc, SearchEngine, SearchError, SearchSource, Touched};
use prassi_core::AppState;
use prassi_db::DbConnection;

/// Applies a change to the engine (one commit where the engine can).
pub fn apply(engine: &dyn SearchEngine, change: Change) -> Result<(), SearchError> {
    engine.apply(change.upsert, change.delete)
}

/// The documents of many touched items, one outcome per item in order, built in bulk by
/// source (a few queries per 500 items of a kind); an item no source knows fails alone.
pub fn changes_of(
    conn: &mut DbConnection,
    sources: &[SearchSource],
    items: &[Touched],
) -> Vec<Result<Change, String>> {
    let mut out: Vec<Option<Result<Change, String>>> = items.iter().map(|_| None).collect();
    for source in sources {
        let (at, ids): (Vec<usize>, Vec<String>) = items
            .iter()
            .enumerate()
            .filter(|(_, t)| t.item == source.item)
            .map(|(i, t)| (i, t.id.clone()))
            .unzip();
        if ids.is_empty() {
            continue;
        }
        match (source.changes)(conn, &ids) {
            Ok(changes) => {
                for (i, c) in at.into_iter().zip(changes) {
                    out[i] = Some(Ok(c));
                }
            }
            Err(e) => {
                for i in at {
                    out[i] = Some(Err(e.to_string()));
                }
            }
        }
    }
    out.into_iter()
        .zip(items)
        .map(|(c, t)| c.unwrap_or_else(|| Err(format!("unknown search item {:?}", t.item))))
        .collect()
}

/// The outbox batch handler of `search.index`: rebuilds the documents of every touched item
/// from the database (each item once, however many events named it) and writes them all to
/// the engine in one unit of work — one commit. One outcome per payload: an item that cannot
/// be built fails alone; an engine that is down fails them all, and the worker probes it
/// ([`probe`]) and retries them at once when it answers.
pub fn handle_batch(state: &AppState, payloads: &[serde_json::Value]) -> Vec<Result<(), String>> {
    let mut outcomes: Vec<Result<(), String>> = Vec::with_capacity(payloads.len());
    // The items to build, and for each payload the item it names.
    let mut items: Vec<Touched> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut item_of: Vec<Option<usize>> = Vec::with_capacity(payloads.len());
    for p in payloads {
        match serde_json::from_value::<Touched>(p.clone()) {
            Ok(t) => {
                let n = items.len();
                let i = *index.entry((t.item.clone(), t.id.clone())).or_insert(n);
                if i == n {
                    items.push(t);
                }
                item_of.push(Some(i));
            }
            Err(e) => {
                item_of.push(None);
                outcomes.push(Err(e.to_string()));
            }
        }
    }
    let built = match state.db.get() {
        Ok(mut conn) => changes_of(&mut conn, &state.search_sources, &items),
        Err(e) => items.iter().map(|_| Err(e.to_string())).collect(),
    };
    let (mut upsert, mut delete) = (Vec::new(), Vec::new());
    let mut results: Vec<Result<(), String>> = Vec::with_capacity(built.len());
    for b in built {
        match b {
            Ok(c) => {
                upsert.extend(c.upsert);
                delete.extend(c.delete);
                results.push(Ok(()));
            }
            Err(e) => results.push(Err(e)),
        }
    }
    // An answer touched on its own and as part of its question's rebuild in the same batch is
    // written once.
    let mut seen = std::collections::HashSet::new();
    upsert.reverse();
    upsert.retain(|d| seen.insert(d.id.clone()));
    upsert.reverse();
    if !upsert.is_empty() || !delete.is_empty() {
        if let Err(e) = state.search.apply(upsert, delete) {
            let e = e.to_string();
            for r in results.iter_mut().filter(|r| r.is_ok()) {
                *r = Err(e.clone());
            }
        }
    }
    // Payloads that did not parse already have their outcome; the rest take their item's.
    let mut parsed_errors = outcomes.into_iter();
    item_of
        .into_iter()
        .map(|i| match i {
            Some(i) => results
                .get(i)
                .cloned()
                .unwrap_or_else(|| Err("no outcome".into())),
            None => parsed_errors
                .next()
                .unwrap_or_else(|| Err("payload".into())),
        })
        .collect()
}

/// The outbox handler of one `search.index` event (a batch of one).
pub fn handle(state: &AppState, payload: &serde_json::Value) -> Result<(), String> {
    handle_batch(state, std::slice::from_ref(payload))
        .pop()
        .unwrap_or_else(|| Err("no outcome".into()))
}

/// The worker's probe of the engine: a cheap health call.
pub fn probe(state: &AppState) -> Result<(), String> {
    state.search.health().map_err(|e| e.to_string())
}

/// How many documents a reindex wrote, by kind.
pub type Counts = HashMap<&'static str, usize>;

/// Documents per engine write during a reindex: one commit each on the embedded engine (each
/// writes and syncs a segment that is merged again later), one task on Meilisearch (which
/// indexes large batches best). A batch holds roughly 1 KB per document, and at most three
/// are in memory at once (being read, waiting, being indexed).
const REINDEX_BATCH: usize = 10_000;

/// Rebuilds the whole index from the database: clears it, then writes every item in batches.
/// Running it twice gives the same index.
///
/// Reading overlaps indexing: a scoped thread reads the items in bulk (a few queries per 500
/// items, through each module's [`SearchSource`]) and builds their documents on `conn`, while the calling
/// thread hands full batches to the engine; a channel of one batch bounds what waits between
/// them. Logs how long each side worked.
pub fn reindex(conn: &mut DbConnection, state: &AppState) -> Result<Counts, String> {
    let started = Instant::now();
    let engine = state.search.as_ref();
    let sources: &[SearchSource] = &state.search_sources;
    engine.clear().map_err(|e| e.to_string())?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<SearchDoc>>(1);
    std::thread::scope(|s| {
        let reader = s.spawn(move || read_all(conn, sources, tx));
        let mut counts = Counts::new();
        let mut indexing = Duration::ZERO;
        let mut written = Ok(());
        for batch in rx.iter() {
            for d in &batch {
                *counts.entry(d.kind.as_str()).or_default() += 1;
            }
            let at = Instant::now();
            let done = engine.upsert(batch);
            indexing += at.elapsed();
            if let Err(e) = done {
                written = Err(e.to_string());
                break;
            }
        }
        // A reader still sending learns that indexing stopped and stops too.
        drop(rx);
        let reading = reader
            .join()
            .unwrap_or_else(|_| Err("the reading thread panicked".into()));
        written?;
        let reading = reading?;
        tracing::info!(
            documents = counts.values().sum::<usize>(),
            reading = ?reading,
            indexing = ?indexing,
            total = ?started.elapsed(),
            "search index rebuilt"
        );
        Ok(counts)
    })
}

/// The reading side of [`reindex`]: every item's documents, in batches of [`REINDEX_BATCH`].
/// Returns the time spent reading and building (not waiting for the indexer).
fn read_all(
    conn: &mut DbConnection,
    sources: &[SearchSource],
    tx: SyncSender<Vec<SearchDoc>>,
) -> Result<Duration, String> {
    let mut out = Batches {
        tx,
        batch: Vec::with_capacity(REINDEX_BATCH),
        reading: Duration::ZERO,
    };
    for source in sources {
        let at = Instant::now();
        let ids = (source.all_ids)(conn).map_err(|e| e.to_string())?;
        out.reading += at.elapsed();
        out.items(conn, &ids, source.changes)?;
    }
    out.send()?;
    Ok(out.reading)
}

/// Documents on their way from the reading thread to the engine.
struct Batches {
    tx: SyncSender<Vec<SearchDoc>>,
    batch: Vec<SearchDoc>,
    reading: Duration,
}

impl Batches {
    /// Builds the documents of `ids` with `build`, 500 items a time, sending every full batch.
    fn items(
        &mut self,
        conn: &mut DbConnection,
        ids: &[String],
        build: fn(&mut DbConnection, &[String]) -> diesel::QueryResult<Vec<Change>>,
    ) -> Result<(), String> {
        for chunk in ids.chunks(500) {
            let at = Instant::now();
            let changes = build(conn, chunk).map_err(|e| e.to_string())?;
            // The index was cleared: removals (items gone since their ids were read) have
            // nothing to remove.
            self.batch
                .extend(changes.into_iter().flat_map(|c| c.upsert));
            self.reading += at.elapsed();
            if self.batch.len() >= REINDEX_BATCH {
                self.send()?;
            }
        }
        Ok(())
    }

    fn send(&mut self) -> Result<(), String> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(REINDEX_BATCH));
        // Fails only when the indexing side stopped (its error is the one reported).
        self.tx
            .send(batch)
            .map_err(|_| "indexing stopped".to_owned())
    }
}
