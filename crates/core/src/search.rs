//! The search interface every engine implements (embedded tantivy, Meilisearch), and the one
//! way content changes reach the index: [`touch`] writes an outbox event in the caller's
//! transaction; the worker rebuilds the documents of that item from the database and hands
//! them to the engine, retrying while the engine is down. Engines filter by audience inside
//! the query, from typed values, so results, counts and facets never reveal what the viewer
//! may not read.

use serde::{Deserialize, Serialize};

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Question,
    Answer,
    Discussion,
    Reply,
    Wiki,
    Member,
    Event,
    Poll,
    Questionnaire,
}

impl DocKind {
    /// Every kind, in the order results pages list them.
    pub const ALL: [DocKind; 9] = [
        DocKind::Question,
        DocKind::Answer,
        DocKind::Discussion,
        DocKind::Reply,
        DocKind::Wiki,
        DocKind::Event,
        DocKind::Poll,
        DocKind::Questionnaire,
        DocKind::Member,
    ];
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Question => "question",
            DocKind::Answer => "answer",
            DocKind::Discussion => "discussion",
            DocKind::Reply => "reply",
            DocKind::Wiki => "wiki",
            DocKind::Member => "member",
            DocKind::Event => "event",
            DocKind::Poll => "poll",
            DocKind::Questionnaire => "questionnaire",
        }
    }
    /// The kind's number in the embedded index (a fast field for per-kind counts). Explicit
    /// and stable: an index written before a kind was added keeps its counts. Below
    /// [`DocKind::NUMBERS`]; never reuse a retired number.
    pub fn number(self) -> usize {
        match self {
            DocKind::Question => 0,
            DocKind::Answer => 1,
            DocKind::Discussion => 2,
            DocKind::Reply => 3,
            DocKind::Wiki => 4,
            DocKind::Member => 5,
            DocKind::Event => 6,
            DocKind::Poll => 7,
            DocKind::Questionnaire => 8,
        }
    }
    /// Room for kind numbers (see [`DocKind::number`]).
    pub const NUMBERS: usize = 32;
    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One searchable document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc {
    /// Unique across kinds: `<kind>-<uuid>` (letters, digits and dashes only).
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    /// Plain text (Markdown already stripped).
    pub body: String,
    /// Where the result leads: straight to the answer or reply that matched.
    pub url: String,
    /// `public`, `members` or `group:<id>`.
    pub audience: String,
    pub tags: Vec<String>,
    /// Unix seconds.
    pub created_at: i64,
    /// The id of the working group the content was made in (for discussions and replies, their
    /// category's group), or `None`: what [`SearchQuery::group_id`] narrows to.
    #[serde(default)]
    pub group_id: Option<String>,
}

/// A search, with the viewer's audiences already decided by the access rule.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    /// Only documents with one of these audiences; empty means nothing is visible.
    pub audiences: Vec<String>,
    /// Only these kinds (empty: all).
    pub kinds: Vec<DocKind>,
    pub tag: Option<String>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    pub until: Option<i64>,
    /// Only documents made in this working group (its id). It only narrows: the audience
    /// filter applies as always.
    pub group_id: Option<String>,
    pub offset: usize,
    pub limit: usize,
}

/// The working group a search is limited to, as the viewer may read it.
#[derive(Debug, Clone, Serialize)]
pub struct GroupScope {
    pub id: String,
    pub slug: String,
    pub name: String,
}

/// How the search pages turn a group's slug into a [`GroupScope`]: `Some` only when the
/// viewer may read the group's content, `None` for a group they may not see or read and for
/// an unknown slug alike (the pages answer both exactly like a group with no matches). The
/// groups module supplies it (`Module::search_scope`); the search crate knows no module.
pub type GroupResolver = fn(
    &mut prassi_db::DbConnection,
    &str,
    &crate::access::Viewer,
    crate::access::Phase,
) -> crate::AppResult<Option<GroupScope>>;

/// One result. `title_html` and `snippet_html` are HTML-escaped text with `<mark>` around the
/// matched words, safe to print as is.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    pub title_html: String,
    pub snippet_html: String,
    pub url: String,
    pub tags: Vec<String>,
    pub created_at: i64,
}

/// A page of results with the total and the count per kind (all within the audiences and the
/// other filters, whatever kinds are selected).
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub total: usize,
    pub kinds: Vec<KindCount>,
}

/// How many results of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct KindCount {
    pub kind: DocKind,
    pub count: usize,
}

/// Why the engine could not do it.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The engine cannot be reached or refused the work; try again later.
    #[error("search engine unavailable: {0}")]
    Unavailable(String),
    /// Anything else.
    #[error("search engine error: {0}")]
    Internal(String),
}

impl From<SearchError> for crate::error::AppError {
    fn from(e: SearchError) -> Self {
        crate::error::AppError::unavailable(e).with_message("search-unavailable")
    }
}

/// A search engine. Methods block; call them off the async executor.
pub trait SearchEngine: Send + Sync {
    /// `embedded` or `meilisearch`.
    fn name(&self) -> &'static str;
    /// Adds or replaces documents by id.
    fn upsert(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError>;
    /// Removes documents by id (missing ones are fine).
    fn delete(&self, ids: Vec<String>) -> Result<(), SearchError>;
    /// Runs a search.
    fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError>;
    /// Removes everything.
    fn clear(&self) -> Result<(), SearchError>;
    /// Adds or replaces `upsert` and removes `delete` (ids in neither list are untouched) as
    /// one unit of work: the outbox worker writes each batch through this, one engine commit
    /// per batch where the engine can. By default an upsert, then a delete.
    fn apply(&self, upsert: Vec<SearchDoc>, delete: Vec<String>) -> Result<(), SearchError> {
        self.upsert(upsert)?;
        self.delete(delete)
    }
    /// A cheap check that the engine answers; the worker probes it while index updates fail
    /// and retries them at once when it does. An embedded engine always answers.
    fn health(&self) -> Result<(), SearchError> {
        Ok(())
    }
}

/// The outbox topic of index updates.
pub const TOPIC: &str = "search.index";

/// Documents to write and ids to remove for one item.
#[derive(Debug, Default)]
pub struct Change {
    pub upsert: Vec<SearchDoc>,
    pub delete: Vec<String>,
}

/// A module's searchable item of one kind, as `Module::search_sources` declares it: the name
/// its `touch` events carry and how to build its documents from the database, with the
/// module's own reading rules and each document's audience. The search crate knows no module:
/// the worker and `prassi search reindex` go through these.
#[derive(Clone, Copy)]
pub struct SearchSource {
    /// The item's name in [`Touched::item`] (`question`, `discussion`, `wiki`, `member`).
    pub item: &'static str,
    /// Every item's id, for a reindex (only those that may have documents).
    pub all_ids: fn(&mut prassi_db::DbConnection) -> diesel::QueryResult<Vec<String>>,
    /// The changes of these items, one per id in the same order (a removal for an item gone
    /// or no longer indexed), in bulk: a few queries per 500 items.
    pub changes: fn(&mut prassi_db::DbConnection, &[String]) -> diesel::QueryResult<Vec<Change>>,
}

impl SearchSource {
    /// Records, in the caller's transaction, that the item `id` of this source changed (see
    /// [`touch`]): the typed way modules name what to reindex.
    pub fn touch(&self, conn: &mut prassi_db::DbConnection, id: &str) -> crate::AppResult<()> {
        touch(conn, self.item, id)
    }
}

/// A timestamp as the documents carry it: Unix seconds.
pub fn unix_seconds(t: chrono::NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// What changed: the worker rebuilds this item's documents (or removes them).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Touched {
    /// `question`, `discussion`, `forum_post`, `wiki` or `member`.
    pub item: String,
    pub id: String,
}

impl Touched {
    /// The outbox merge key: pending events of one item are handled once, together.
    pub fn key(&self) -> String {
        format!("{}:{}", self.item, self.id)
    }
}

/// Records that an item changed, in the caller's transaction: the index follows once the
/// transaction commits and the worker runs (it polls a few times a second while idle), and
/// catches up by itself if the engine is down. Touching one item many times before the worker
/// runs costs one rebuild of its documents: the events share a merge key.
fn touch(conn: &mut prassi_db::DbConnection, item: &str, id: &str) -> crate::AppResult<()> {
    crate::audience_cache::content_changed();
    let touched = Touched {
        item: item.to_owned(),
        id: id.to_owned(),
    };
    let payload = serde_json::to_value(&touched).map_err(crate::error::AppError::internal)?;
    prassi_db::outbox::enqueue_merged(conn, TOPIC, &touched.key(), &payload)?;
    Ok(())
}

/// Wraps HTML-escaped `text` highlights: `text` carries the raw `open`/`close` markers the
/// engine put around matches; everything else is escaped, then the markers become `<mark>`.
pub fn highlight_html(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while !rest.is_empty() {
        let next_open = rest.find(open);
        let next_close = rest.find(close);
        let (at, marker, tag) = match (next_open, next_close) {
            (Some(o), Some(c)) if c < o => (c, close, "</mark>"),
            (Some(o), _) => (o, open, "<mark>"),
            (None, Some(c)) => (c, close, "</mark>"),
            (None, None) => {
                out.push_str(&escape(rest));
                break;
            }
        };
        out.push_str(&escape(&rest[..at]));
        out.push_str(tag);
        rest = &rest[at + marker.len()..];
    }
    out
}

/// HTML escaping for text content and attribute values (the same escaping templates use).
pub fn escape(s: &str) -> String {
    tera::escape_html(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_numbers_are_unique_below_the_room_and_names_round_trip() {
        let mut numbers: Vec<usize> = DocKind::ALL.iter().map(|k| k.number()).collect();
        assert!(numbers.iter().all(|n| *n < DocKind::NUMBERS));
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), DocKind::ALL.len());
        for kind in DocKind::ALL {
            assert_eq!(DocKind::parse(kind.as_str()), Some(kind));
        }
    }

    #[test]
    fn highlights_are_added_after_escaping() {
        let s = highlight_html("<b>\u{E000}comune\u{E001}</b> & co", "\u{E000}", "\u{E001}");
        assert_eq!(s, "&lt;b&gt;<mark>comune</mark>&lt;&#x2F;b&gt; &amp; co");
    }
}
