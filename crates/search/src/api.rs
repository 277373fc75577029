//! `GET /api/v1/search`: the same search as the page, as JSON.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppResult, ErrorEnvelope};
use prassi_core::pagination::PageInfo;
use prassi_core::search::{KindCount, SearchHit};
use prassi_core::Ctx;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

use crate::service::{self, SearchParams};

/// A page of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    pub items: Vec<SearchHit>,
    /// Results per kind, within the other filters.
    pub kinds: Vec<KindCount>,
    pub page: PageInfo,
}

/// `GET /api/v1/search?q=&kind=&tag=&from=&until=&group=&page=`: only what the caller may
/// read; snippets are escaped HTML with `<mark>` around matches. 503 while the engine is down.
/// A group the caller may not read answers like a group with no matches.
#[utoipa::path(get, path = "/api/v1/search", tag = "search",
    params(
        ("q" = Option<String>, Query, description = "The words."),
        ("kind" = Option<String>, Query, description = "`question`, `answer`, `discussion`, `reply`, `wiki` or `member`; empty for all."),
        ("tag" = Option<String>, Query, description = "A tag (Q&A tag, forum category slug or wiki category)."),
        ("from" = Option<String>, Query, description = "From this date (YYYY-MM-DD), inclusive."),
        ("until" = Option<String>, Query, description = "Until this date (YYYY-MM-DD), inclusive."),
        ("group" = Option<String>, Query, description = "A working group's slug: only what was made in it. A group the caller may not read gives no results, like a group with no matches."),
        ("page" = Option<i64>, Query, description = "Page number, from 1."),
    ),
    responses((status = 200, body = SearchPage),
        (status = 401, description = "Visitors, while the community is not public", body = ErrorEnvelope),
        (status = 404, description = "Accounts that may not read", body = ErrorEnvelope),
        (status = 422, description = "Unknown kind, or a malformed date", body = ErrorEnvelope),
        (status = 503, description = "The search engine is down", body = ErrorEnvelope)))]
async fn search(ctx: Ctx, q: web::Query<SearchParams>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let params = q.into_inner();
    let (state, viewer, phase) = (ctx.state.clone(), ctx.viewer.clone(), ctx.phase());
    let scope = service::scope(&state, &viewer, phase, &params).await?;
    // The engine needs no database connection: off the executor, under the overload bound.
    let (results, page) = ctx
        .state
        .block(move || service::search(&state, &viewer, phase, &params, &scope))
        .await?;
    Ok(HttpResponse::Ok().json(SearchPage {
        items: results.hits,
        kinds: results.kinds,
        page,
    }))
}

#[derive(OpenApi)]
#[openapi(paths(search), tags((name = "search", description = "Search over questions, answers, discussions, replies, wiki pages and members")))]
pub struct SearchApi;

/// Registers the JSON route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/search", web::get().to(search));
}
