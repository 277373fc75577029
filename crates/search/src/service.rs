//! The search as pages and API run it: parameters checked, audiences from the access rule,
//! the engine queried off the async executor, pages bounded. A search may be limited to one
//! working group ([`scope`]): the group filter only narrows what the audiences allow, and a
//! group the viewer may not read answers exactly like one with no matches.

use chrono::NaiveDate;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::query_term;
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::search::{DocKind, GroupScope, SearchQuery, SearchResults};
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
    /// A working group's slug: only what was made in it (`gruppo` on the page, `group` in
    /// the API; both are accepted).
    #[serde(alias = "gruppo")]
    pub group: String,
    pub page: Option<i64>,
}

/// Where a search looks.
#[derive(Debug, Clone)]
pub enum Scope {
    /// No group asked for.
    Everywhere,
    /// A group whose content the viewer may read.
    Group(GroupScope),
    /// A group asked for that is unknown, or that the viewer may not see or read: nothing is
    /// found, exactly as in a group with no matches.
    Nowhere,
}

impl Scope {
    /// The group to show as the search's limit: its name when readable, else the slug as
    /// asked (so an unknown group and a hidden one look the same).
    pub fn shown(&self, asked: &str) -> Option<GroupScope> {
        match self {
            Scope::Everywhere => None,
            Scope::Group(g) => Some(g.clone()),
            Scope::Nowhere => Some(GroupScope {
                id: String::new(),
                slug: asked.trim().to_owned(),
                name: asked.trim().to_owned(),
            }),
        }
    }
}

/// Longest group slug looked up; a longer one is no group.
const MAX_GROUP_SLUG: usize = 100;

/// Resolves the group the reader asked for through the groups module's rule (one short
/// database read, only when a group is asked for).
pub async fn scope(
    state: &AppState,
    viewer: &Viewer,
    phase: Phase,
    params: &SearchParams,
) -> AppResult<Scope> {
    let slug = params.group.trim();
    if slug.is_empty() {
        return Ok(Scope::Everywhere);
    }
    let Some(resolve) = state.group_resolver else {
        return Ok(Scope::Nowhere);
    };
    if slug.len() > MAX_GROUP_SLUG {
        return Ok(Scope::Nowhere);
    }
    let (slug, viewer) = (slug.to_owned(), viewer.clone());
    let found = state
        .run(move |conn| resolve(conn, &slug, &viewer, phase))
        .await?;
    Ok(found.map_or(Scope::Nowhere, Scope::Group))
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
    scope: &Scope,
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
        group_id: match scope {
            Scope::Group(g) => Some(g.id.clone()),
            Scope::Everywhere | Scope::Nowhere => None,
        },
        offset: request.offset() as usize,
        limit: request.per_page as usize,
    };
    if (query.text.is_empty() && query.tag.is_none()) || matches!(scope, Scope::Nowhere) {
        return Ok((SearchResults::default(), request.info(0)));
    }
    let results = state.search.search(&query)?;
    let total = results.total as i64;
    Ok((results, request.info(total.min(MAX_PAGE * PER_PAGE))))
}
