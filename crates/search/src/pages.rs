//! `GET /cerca`: the results page (works without JavaScript): filters by kind, tag and date,
//! highlighted snippets, pagination, a link straight to the answer or reply that matched, and
//! a limit to one working group (`gruppo=<slug>`, with a link to search everywhere). A
//! search engine that is down answers a clear "temporarily unavailable" page (503).

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppResult, ErrorKind};
use prassi_core::search::DocKind;
use prassi_core::Ctx;
use tera::Context;

use crate::service::{self, SearchParams};

async fn search(ctx: Ctx, q: web::Query<SearchParams>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let params = q.into_inner();
    let (state, viewer, phase, p) = (
        ctx.state.clone(),
        ctx.viewer.clone(),
        ctx.phase(),
        params.clone(),
    );
    let scope = service::scope(&state, &viewer, phase, &params).await?;
    let shown = scope.shown(&params.group);
    // The engine needs no database connection: off the executor, under the overload bound.
    let outcome = ctx
        .state
        .block(move || service::search(&state, &viewer, phase, &p, &scope))
        .await;
    let mut c = Context::new();
    // The filters but the kind (the kind links add theirs), and all of them for paging; the
    // group is kept unless searching everywhere.
    let encode = |with_kind: bool, with_group: bool| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("q", &params.q)
            .append_pair("tag", &params.tag)
            .append_pair("from", &params.from)
            .append_pair("until", &params.until);
        if with_kind {
            query.append_pair("kind", &params.kind);
        }
        if with_group {
            if let Some(g) = &shown {
                query.append_pair("gruppo", &g.slug);
            }
        }
        query.finish()
    };
    let base_query = encode(false, true);
    let page_base = format!("/cerca?{}", encode(true, true));
    c.insert("everywhere_query", &encode(true, false));
    c.insert("group", &shown);
    c.insert("params", &params);
    c.insert(
        "searched",
        &(!params.q.trim().is_empty() || !params.tag.trim().is_empty()),
    );
    c.insert(
        "kind_options",
        &DocKind::ALL
            .iter()
            .map(|k| serde_json::json!({"value": k.as_str(), "label": ctx.t(&format!("search-kind-{}", k.as_str()))}))
            .collect::<Vec<_>>(),
    );
    c.insert("base_query", &base_query);
    c.insert("page_base", &page_base);
    match outcome {
        Ok((results, info)) => {
            c.insert("hits", &results.hits);
            c.insert("kinds", &results.kinds);
            c.insert("total", &results.total);
            c.insert("page", &info);
            ctx.render("search/results.html", c)
        }
        Err(e) if e.kind == ErrorKind::Unavailable => {
            tracing::warn!(error = %e, "search unavailable");
            c.insert("unavailable", &true);
            ctx.render_status(
                actix_web::http::StatusCode::SERVICE_UNAVAILABLE,
                "search/results.html",
                c,
            )
        }
        Err(e) => {
            let mut c = c;
            c.insert("hits", &Vec::<()>::new());
            ctx.form_error("search/results.html", c, e)
        }
    }
}

/// Registers the HTML route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/cerca", web::get().to(search));
}
