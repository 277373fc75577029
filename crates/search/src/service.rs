//! The search as pages and API run it: parameters checked, audiences from the access rule,
//! the engine queried off the async executor, pages bounded.

use chrono::NaiveDate;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::query_term;
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::search::{DocKind, SearchQuery, SearchResults};
use prassi_core::AppState;
use serde::{Deserialize, Serialize};

/// Results per page.
pub const PER_PAGE: i64 = 20;
/// Deepest page served (the engines are asked for at most this many results).
pub const MAX_PAGE: i64 = 50;

/// What the reader asked for.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[serde(default)]
pub struct SearchParams {
    /// The words.
    pub q: String,
    /// `question`, `answer`, `discussion`, `reply`, `wiki` or `member`; empty for all.
    pub kind: String,
    /// A tag (Q&A tag, forum category slug or wiki category).
    pub tag: String,
    /// From this date (YYYY-MM-DD), inclusive.
    pub from: String,
    /// Until this date (YYYY-MM-DD), inclusive.
    pub until: String,
    pub page: Option<i64>,
}

fn date(field: &str, s: &str, end_of_day: bool) -> AppResult<Option<i64>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| AppError::invalid(field, "search-date-invalid"))?;
    let t = if end_of_day {
        d.and_hms_opt(23, 59, 59)
    } else {
        d.and_hms_opt(0, 0, 0)
    };
    Ok(t.map(|t| t.and_utc().timestamp()))
}

/// Runs a search for the viewer. Blocking: call through `web::block`.
pub fn search(
    state: &AppState,
    viewer: &Viewer,
    phase: Phase,
    params: &SearchParams,
) -> AppResult<(SearchResults, PageInfo)> {
    let text = query_term(Some(&params.q), 200).unwrap_or_default();
    let mut c = prassi_core::input::Checks::new();
    let kinds = match params.kind.trim() {
        "" => Vec::new(),
        k => c
            .check_opt(
                DocKind::parse(k).ok_or_else(|| AppError::invalid("kind", "search-kind-invalid")),
            )
            .into_iter()
            .collect(),
    };
    let from = c.check(date("from", &params.from, false));
    let until = c.check(date("until", &params.until, true));
    c.finish()?;
    let tag = query_term(Some(&params.tag), 100);
    let request = PageRequest {
        page: params.page.unwrap_or(1).clamp(1, MAX_PAGE),
        per_page: PER_PAGE,
    };
    let query = SearchQuery {
        text,
        audiences: access::visible_audiences(viewer, phase),
        kinds,
        tag,
        from,
        until,
        offset: request.offset() as usize,
        limit: request.per_page as usize,
    };
    if query.text.is_empty() && query.tag.is_none() {
        return Ok((SearchResults::default(), request.info(0)));
    }
    let results = state.search.search(&query)?;
    let total = results.total as i64;
    Ok((results, request.info(total.min(MAX_PAGE * PER_PAGE))))
}
