//! `prassi-search`: search over all the community's knowledge — questions with their answers,
//! forum discussions with their replies, wiki pages and consenting members' profiles. One
//! interface (`prassi_core::search::SearchEngine`), two engines chosen by configuration: the
//! embedded tantivy index in the data folder (default) and Meilisearch (for several app
//! instances). Content changes reach the index through the outbox (`SearchSource::touch`
//! in the writer's transaction; `documents::handle_batch` in the worker, many items per engine
//! commit, with `documents::probe` telling the worker when a failing engine answers again);
//! `prassi search reindex` rebuilds everything. Results are filtered by the viewer's audiences inside the engine query.

pub mod api;
pub mod documents;
pub mod embedded;
pub mod meili;
pub mod pages;
pub mod service;

use std::sync::Arc;

use actix_web::web;
use prassi_core::config::{Config, SearchConfig};
use prassi_core::module::{OutboxTopic, TopicHandler};
use prassi_core::search::{SearchEngine, SearchError};

/// The engine the configuration asks for. The embedded index lives in `<data>/search`. A
/// Meilisearch server is not contacted here: its index and settings are made on first use, so
/// commands that never search (`prassi phase`, `migrate`, `user`, `demo`) never reach it.
pub fn engine_from_config(config: &Config) -> Result<Arc<dyn SearchEngine>, SearchError> {
    Ok(match &config.search {
        SearchConfig::Embedded => Arc::new(
            embedded::Embedded::open(&config.data_dir.join("search"))?
                .with_writer_budget(config.search_writer_mb.saturating_mul(1_000_000))
                .with_result_cache(config.search_cache_entries),
        ),
        SearchConfig::Meilisearch { url, key, index } => {
            Arc::new(meili::Meili::connect(url, key.as_deref(), index)?)
        }
    })
}

/// The engine for `prassi serve`: as [`engine_from_config`], and a Meilisearch index is created
/// and its settings applied now when the server answers. If it does not, the server still
/// starts (search reports itself unavailable) and the settings are applied on first use.
pub fn engine_for_serving(config: &Config) -> Result<Arc<dyn SearchEngine>, SearchError> {
    match &config.search {
        SearchConfig::Embedded => engine_from_config(config),
        SearchConfig::Meilisearch { url, key, index } => {
            let engine = meili::Meili::connect(url, key.as_deref(), index)?;
            if let Err(e) = engine.prepare() {
                tracing::warn!(error = %e, url, "Meilisearch not ready at start; its index and settings will be applied on first use");
            }
            Ok(Arc::new(engine))
        }
    }
}

/// The search module (pages, API and the index kept up to date through the outbox), as the server's module list holds it.
pub struct Search;

impl prassi_core::Module for Search {
    fn name(&self) -> &'static str {
        "search"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        api::configure(cfg);
        pages::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        use utoipa::OpenApi;
        Some(api::SearchApi::openapi())
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &["/cerca?q=comune", "/api/v1/search?q=comune"]
    }

    fn outbox_topics(&self) -> Vec<OutboxTopic> {
        vec![OutboxTopic {
            topic: prassi_core::search::TOPIC,
            handler: TopicHandler::Batch(
                std::sync::Arc::new(documents::handle_batch),
                Some(std::sync::Arc::new(documents::probe)),
            ),
        }]
    }
}
