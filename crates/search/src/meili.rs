//! The Meilisearch engine, for deployments with several app instances. Settings (searchable,
//! filterable and sortable attributes, Italian locale, synonyms) are applied by `prassi serve`
//! at start ([`Meili::prepare`]) or else on the engine's first use, never by other commands; every
//! task is awaited and a failed task is reported as an error, so the outbox retries it.
//! Filters are built from typed values with every string quoted and escaped — never by
//! pasting user text. Meilisearch does not escape its highlighted output: highlights come
//! back between private-use markers, the text is escaped, then the markers become `<mark>`.

use std::collections::HashMap;
use std::time::Duration;

use meilisearch_sdk::client::Client;
use meilisearch_sdk::search::Selectors;
use meilisearch_sdk::settings::{LocalizedAttributes, Settings};
use meilisearch_sdk::task_info::TaskInfo;
use meilisearch_sdk::tasks::Task;
use prassi_core::search::{
    highlight_html, DocKind, KindCount, SearchDoc, SearchEngine, SearchError, SearchHit,
    SearchQuery, SearchResults,
};

const OPEN: &str = "\u{E000}";
const CLOSE: &str = "\u{E001}";

/// The Meilisearch engine.
pub struct Meili {
    client: Client,
    index: String,
    /// The SDK is async; the engine interface blocks. Calls run on this runtime from a scoped
    /// thread, so they work from any caller (a blocking pool thread, the worker, a test).
    runtime: Option<tokio::runtime::Runtime>,
    /// Whether the index and its settings were applied by this process (at `prepare` or on
    /// first use), so the platform starts even while the server is down.
    ready: std::sync::atomic::AtomicBool,
}

fn unavailable(e: impl std::fmt::Display) -> SearchError {
    SearchError::Unavailable(e.to_string())
}

/// A filter value: a double-quoted string with `"` and `\` escaped.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The filter expression for a query (without kinds when `with_kinds` is false).
pub fn filter_of(q: &SearchQuery, with_kinds: bool) -> String {
    let list = |values: Vec<String>| {
        values
            .iter()
            .map(|v| quote(v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = vec![format!("audience IN [{}]", list(q.audiences.clone()))];
    if with_kinds && !q.kinds.is_empty() {
        parts.push(format!(
            "kind IN [{}]",
            list(q.kinds.iter().map(|k| k.as_str().to_owned()).collect())
        ));
    }
    if let Some(group) = &q.group_id {
        parts.push(format!("group_id = {}", quote(group)));
    }
    if let Some(tag) = &q.tag {
        parts.push(format!("tags = {}", quote(tag)));
    }
    if let Some(from) = q.from {
        parts.push(format!("created_at >= {from}"));
    }
    if let Some(until) = q.until {
        parts.push(format!("created_at <= {until}"));
    }
    parts.join(" AND ")
}

/// Synonyms common in Italian public administration.
fn synonyms() -> HashMap<String, Vec<String>> {
    let pairs: [(&str, &[&str]); 6] = [
        ("pa", &["pubblica amministrazione"]),
        ("pubblica amministrazione", &["pa"]),
        ("comune", &["municipio", "ente locale"]),
        ("terzo settore", &["ets", "non profit"]),
        ("ets", &["terzo settore"]),
        ("pnrr", &["piano nazionale di ripresa e resilienza"]),
    ];
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
        .collect()
}

impl Meili {
    /// A client for the server at `url`. It does not contact the server: the index and its
    /// settings are created by [`Meili::prepare`] or on first use (awaiting every task).
    pub fn connect(url: &str, key: Option<&str>, index: &str) -> Result<Self, SearchError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| SearchError::Internal(e.to_string()))?;
        let client = Client::new(url, key).map_err(unavailable)?;
        Ok(Meili {
            client,
            index: index.to_owned(),
            runtime: Some(runtime),
            ready: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// Creates the index and applies its settings now (once per process), as `prassi serve`
    /// does at start. An error means the server did not answer or refused; they are then
    /// applied on first use.
    pub fn prepare(&self) -> Result<(), SearchError> {
        self.ensure_ready()
    }

    /// Runs a future to completion on the engine's runtime, from a thread of its own.
    fn block<F>(&self, fut: F) -> Result<F::Output, SearchError>
    where
        F: std::future::Future + Send,
        F::Output: Send,
    {
        let runtime = self
            .runtime
            .as_ref()
            .ok_or_else(|| SearchError::Internal("engine shut down".into()))?;
        std::thread::scope(|s| s.spawn(|| runtime.block_on(fut)).join())
            .map_err(|_| SearchError::Internal("meilisearch call panicked".into()))
    }

    /// Applies the settings once; reports the engine unavailable until it could.
    fn ensure_ready(&self) -> Result<(), SearchError> {
        use std::sync::atomic::Ordering;
        if !self.ready.load(Ordering::Acquire) {
            self.apply_settings()?;
            self.ready.store(true, Ordering::Release);
        }
        Ok(())
    }

    fn wait(
        &self,
        task: Result<TaskInfo, meilisearch_sdk::errors::Error>,
    ) -> Result<(), SearchError> {
        let task = task.map_err(unavailable)?;
        let done = self
            .block(task.wait_for_completion(
                &self.client,
                Some(Duration::from_millis(25)),
                Some(Duration::from_secs(60)),
            ))?
            .map_err(unavailable)?;
        match done {
            Task::Failed { content } => Err(SearchError::Internal(format!(
                "meilisearch task failed: {:?}",
                content.error
            ))),
            _ => Ok(()),
        }
    }

    fn apply_settings(&self) -> Result<(), SearchError> {
        let created = self.block(self.client.create_index(&self.index, Some("id")))?;
        // An index that already exists fails its task: that is fine.
        match created {
            Ok(task) => {
                let _ = self.block(task.wait_for_completion(
                    &self.client,
                    Some(Duration::from_millis(25)),
                    Some(Duration::from_secs(60)),
                ))?;
            }
            Err(e) => return Err(unavailable(e)),
        }
        let settings = Settings::new()
            .with_searchable_attributes(["title", "body", "tags"])
            .with_filterable_attributes(["audience", "kind", "tags", "created_at", "group_id"])
            .with_sortable_attributes(["created_at"])
            .with_localized_attributes([LocalizedAttributes {
                locales: vec!["ita".into()],
                attribute_patterns: vec!["title".into(), "body".into()],
            }])
            .with_synonyms(synonyms());
        let index = self.client.index(&self.index);
        self.wait(self.block(index.set_settings(&settings))?)
    }
}

impl Drop for Meili {
    fn drop(&mut self) {
        // Never block in drop: the engine may be dropped on an async thread.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

/// A document as stored in Meilisearch.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Stored {
    id: String,
    kind: String,
    title: String,
    body: String,
    url: String,
    audience: String,
    tags: Vec<String>,
    created_at: i64,
    /// Absent for content made outside any group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group_id: Option<String>,
}

impl SearchEngine for Meili {
    fn name(&self) -> &'static str {
        "meilisearch"
    }

    fn upsert(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError> {
        self.ensure_ready()?;
        if docs.is_empty() {
            return Ok(());
        }
        let stored: Vec<Stored> = docs
            .into_iter()
            .map(|d| Stored {
                id: d.id,
                kind: d.kind.as_str().to_owned(),
                title: d.title,
                body: d.body,
                url: d.url,
                audience: d.audience,
                tags: d.tags,
                created_at: d.created_at,
                group_id: d.group_id,
            })
            .collect();
        let index = self.client.index(&self.index);
        self.wait(self.block(index.add_or_replace(&stored, Some("id")))?)
    }

    fn delete(&self, ids: Vec<String>) -> Result<(), SearchError> {
        self.ensure_ready()?;
        if ids.is_empty() {
            return Ok(());
        }
        let index = self.client.index(&self.index);
        self.wait(self.block(index.delete_documents(&ids))?)
    }

    /// `GET /health`: answers without touching the index, so the worker can probe a server
    /// that is down every second and retry what waits as soon as it is back.
    fn health(&self) -> Result<(), SearchError> {
        self.block(self.client.health())?
            .map(|_| ())
            .map_err(unavailable)
    }

    fn clear(&self) -> Result<(), SearchError> {
        self.ensure_ready()?;
        let index = self.client.index(&self.index);
        self.wait(self.block(index.delete_all_documents())?)
    }

    fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        self.ensure_ready()?;
        if q.audiences.is_empty() {
            return Ok(SearchResults::default());
        }
        let index = self.client.index(&self.index);
        let limit = q.limit.clamp(1, 100);
        let filter = filter_of(q, true);
        let facet_filter = filter_of(q, false);
        let crop = [("body", Some(30))];
        let run = async {
            let mut hits_query = index.search();
            hits_query
                .with_query(&q.text)
                .with_filter(&filter)
                .with_hits_per_page(limit)
                .with_page(q.offset / limit + 1)
                .with_attributes_to_highlight(Selectors::Some(&["title", "body"]))
                .with_attributes_to_crop(Selectors::Some(&crop))
                .with_highlight_pre_tag(OPEN)
                .with_highlight_post_tag(CLOSE);
            let mut facet_query = index.search();
            facet_query
                .with_query(&q.text)
                .with_filter(&facet_filter)
                .with_limit(0)
                .with_facets(Selectors::Some(&["kind"]));
            // Both requests at once: one round trip's latency.
            let (hits, facets) = tokio::join!(
                hits_query.execute::<Stored>(),
                facet_query.execute::<Stored>()
            );
            Ok::<_, meilisearch_sdk::errors::Error>((hits?, facets?))
        };
        let (hits, facets) = self.block(run)?.map_err(unavailable)?;
        let counts = facets
            .facet_distribution
            .and_then(|mut f| f.remove("kind"))
            .unwrap_or_default();
        let kinds = DocKind::ALL
            .into_iter()
            .filter_map(|k| {
                counts
                    .get(k.as_str())
                    .copied()
                    .filter(|n| *n > 0)
                    .map(|count| KindCount { kind: k, count })
            })
            .collect();
        let formatted = |f: &Option<serde_json::Map<String, serde_json::Value>>, key: &str| {
            f.as_ref()
                .and_then(|m| m.get(key))
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let items = hits
            .hits
            .into_iter()
            .map(|h| {
                let title = formatted(&h.formatted_result, "title")
                    .unwrap_or_else(|| h.result.title.clone());
                let body = formatted(&h.formatted_result, "body")
                    .unwrap_or_else(|| h.result.body.chars().take(200).collect());
                SearchHit {
                    id: h.result.id,
                    kind: DocKind::parse(&h.result.kind).unwrap_or(DocKind::Wiki),
                    title_html: highlight_html(&title, OPEN, CLOSE),
                    snippet_html: highlight_html(&body, OPEN, CLOSE),
                    title: h.result.title,
                    url: h.result.url,
                    tags: h.result.tags,
                    created_at: h.result.created_at,
                }
            })
            .collect();
        Ok(SearchResults {
            hits: items,
            total: hits.total_hits.unwrap_or(0),
            kinds,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_quote_and_escape_every_value() {
        let q = SearchQuery {
            audiences: vec!["public".into(), "group:x".into()],
            kinds: vec![DocKind::Question],
            tag: Some(r#"a" OR audience = "members"#.into()),
            from: Some(10),
            group_id: Some(r#"g" OR group_id = "h"#.into()),
            ..Default::default()
        };
        assert_eq!(
            filter_of(&q, true),
            r#"audience IN ["public", "group:x"] AND kind IN ["question"] AND group_id = "g\" OR group_id = \"h" AND tags = "a\" OR audience = \"members" AND created_at >= 10"#
        );
        assert!(!filter_of(&q, false).contains("kind IN"));
    }
}
