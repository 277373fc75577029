//! HTML pages of polls under `/sondaggi`. Thin handlers: parse, call the service (which
//! applies [`crate::access::readable_poll`]), render; forms post back and redirect (303), or
//! show the page again with every error in the summary at the top and what was typed kept.
//! Every form works without JavaScript: a ranked ballot is one numbered drop-down per option.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult};
use prassi_core::pagination::PageQuery;
use prassi_core::Ctx;
use serde::Deserialize;
use tera::Context;

use crate::service::export;
use crate::service::vote::VoteOutcome;
use crate::service::{self, DecisionInput, ListFilter, PollInput, VoteInput};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IndexQuery {
    /// `aperti` or `chiusi`.
    pub stato: String,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

async fn index(ctx: Ctx, q: web::Query<IndexQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let state = match q.stato.as_str() {
        "aperti" => "open",
        "chiusi" => "closed",
        _ => "",
    };
    let filter = ListFilter {
        state: state.to_owned(),
    };
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (list, can_create) = ctx
        .state
        .run(move |conn| {
            Ok((
                service::list(conn, &viewer, phase, &filter, page)?,
                service::may_create(conn, &viewer)?,
            ))
        })
        .await?;
    let base = match state {
        "open" => "/sondaggi?stato=aperti",
        "closed" => "/sondaggi?stato=chiusi",
        _ => "/sondaggi",
    };
    let mut c = Context::new();
    c.insert("polls", &list.items);
    c.insert("page", &list.page);
    c.insert("page_base", base);
    c.insert("state", state);
    c.insert("can_create", &can_create);
    ctx.render("polls/index.html", c)
}

/// The poll page's values; `typed`: the choices of a ballot that was refused, shown again.
async fn show_context(
    ctx: &Ctx,
    id: &str,
    decision: &DecisionInput,
    typed: Option<&VoteInput>,
) -> AppResult<Context> {
    let mut poll = crate::settled_detail(ctx, id.to_owned()).await?;
    if let Some(t) = typed {
        for o in &mut poll.options {
            o.mine = t.options.iter().position(|c| *c == o.id).map(|i| i + 1);
        }
    }
    let today = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc())
        .date()
        .to_string();
    let mut decision = decision.clone();
    if decision.decided_on.is_empty() {
        decision.decided_on = today.clone();
    }
    let mut c = Context::new();
    c.insert("poll", &poll);
    c.insert("decision_form", &decision);
    let latest = poll
        .decisions
        .iter()
        .find(|d| d.corrected_by.is_none())
        .map(|d| d.id.clone())
        .unwrap_or_default();
    c.insert("latest_decision", &latest);
    c.insert("today", &today);
    // A ranked ballot's drop-downs: 1…n.
    c.insert("ranks", &(1..=poll.options.len()).collect::<Vec<usize>>());
    Ok(c)
}

async fn show(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let c = show_context(&ctx, &id, &DecisionInput::default(), None).await?;
    ctx.render("polls/poll.html", c)
}

fn form_context(ctx: &Ctx, form: &PollInput) -> Context {
    let mut c = Context::new();
    c.insert("form", form);
    c.insert("options_text", &form.options.join("\n"));
    let opts = |prefix: &str, values: &[&str]| -> Vec<serde_json::Value> {
        values
            .iter()
            .map(|v| serde_json::json!({ "value": v, "label": ctx.t(&format!("{prefix}{v}")) }))
            .collect()
    };
    c.insert(
        "kind_options",
        &opts("polls-kind-", &["single", "multiple", "ranked"]),
    );
    c.insert(
        "audience_options",
        &opts("polls-audience-", &["members", "public", "group"]),
    );
    c.insert(
        "results_options",
        &opts(
            "polls-results-",
            &["always", "after_vote", "after_close", "organisers"],
        ),
    );
    c
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    /// A group's slug: the form starts with it.
    pub gruppo: String,
}

async fn new_form(ctx: Ctx, q: web::Query<NewQuery>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    if !ctx
        .state
        .run(move |conn| service::may_create(conn, &viewer))
        .await?
    {
        return Err(AppError::forbidden().with_message("polls-create-not-allowed"));
    }
    let group = q.into_inner().gruppo;
    let form = PollInput {
        kind: "single".into(),
        audience: if group.is_empty() { "members" } else { "group" }.into(),
        group,
        results: "always".into(),
        ..PollInput::default()
    };
    ctx.render("polls/form.html", form_context(&ctx, &form))
}

async fn new_submit(ctx: Ctx, form: web::Form<PollInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    match ctx
        .state
        .write(move |conn| service::create(conn, &viewer, phase, &input))
        .await
    {
        Ok(id) => {
            ctx.flash("success", "polls-created");
            Ok(Ctx::redirect(&service::poll_url(&id)))
        }
        Err(e) => ctx.form_error("polls/form.html", form_context(&ctx, &typed), e),
    }
}

/// A ballot from the page's form: `options` (repeated) for single and multiple choice, or one
/// `rank_<option id>` per option (`1`, `2`, … or empty) for a ranked poll. Also where to go
/// back to (`back`: the home page, or the poll).
fn ballot_of_form(body: &[u8]) -> AppResult<(VoteInput, bool)> {
    let mut options = Vec::new();
    let mut ranked: Vec<(u32, String)> = Vec::new();
    let mut bad_rank = false;
    let mut home = false;
    for (k, v) in url::form_urlencoded::parse(body) {
        if k == "options" {
            options.push(v.into_owned());
        } else if let Some(id) = k.strip_prefix("rank_") {
            match v.trim() {
                "" => {}
                r => match r.parse::<u32>() {
                    Ok(n) if n >= 1 => ranked.push((n, id.to_owned())),
                    _ => bad_rank = true,
                },
            }
        } else if k == "back" && v == "/" {
            home = true;
        }
    }
    if bad_rank {
        return Err(AppError::invalid("options", "polls-rank-invalid"));
    }
    if !ranked.is_empty() {
        ranked.sort();
        if ranked.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(AppError::invalid("options", "polls-rank-repeated"));
        }
        options.extend(ranked.into_iter().map(|(_, id)| id));
    }
    Ok((VoteInput { options }, home))
}

async fn vote(ctx: Ctx, id: web::Path<String>, body: web::Bytes) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let parsed = ballot_of_form(&body);
    let home = parsed.as_ref().is_ok_and(|(_, h)| *h);
    let typed = parsed.as_ref().ok().map(|(v, _)| v.clone());
    let result = match parsed {
        Ok((input, _)) => {
            let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
            ctx.state
                .write(move |conn| service::vote(conn, &viewer, phase, &i2, &input))
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(outcome) => {
            ctx.flash(
                "success",
                match outcome {
                    VoteOutcome::Recorded => "polls-vote-recorded",
                    VoteOutcome::Changed => "polls-vote-changed",
                    VoteOutcome::Unchanged => "polls-vote-unchanged",
                },
            );
            Ok(Ctx::redirect(&if home {
                "/".to_owned()
            } else {
                format!("/sondaggi/{id}#risultati")
            }))
        }
        Err(e) => {
            let c = show_context(&ctx, &id, &DecisionInput::default(), typed.as_ref()).await?;
            ctx.form_error("polls/poll.html", c, e)
        }
    }
}

async fn close(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| service::close(conn, &viewer, phase, &i2))
        .await
    {
        Ok(()) => {
            ctx.flash("success", "polls-closed-now");
            Ok(Ctx::redirect(&format!("/sondaggi/{id}")))
        }
        Err(e) => {
            let c = show_context(&ctx, &id, &DecisionInput::default(), None).await?;
            ctx.form_error("polls/poll.html", c, e)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HomeForm {
    #[serde(deserialize_with = "service::create::flag")]
    pub on_home: bool,
}

async fn home(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<HomeForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let on = form.into_inner().on_home;
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    ctx.state
        .write(move |conn| service::create::set_home(conn, &viewer, phase, &i2, on))
        .await?;
    ctx.flash(
        "success",
        if on {
            "polls-home-added"
        } else {
            "polls-home-removed"
        },
    );
    Ok(Ctx::redirect(&format!("/sondaggi/{id}")))
}

async fn decide(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<DecisionInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| service::record_decision(conn, &viewer, phase, &i2, &input))
        .await
    {
        Ok(_) => {
            ctx.flash("success", "polls-decision-recorded");
            Ok(Ctx::redirect(&format!("/sondaggi/{id}#decisione")))
        }
        Err(e) => {
            let c = show_context(&ctx, &id, &typed, None).await?;
            ctx.form_error("polls/poll.html", c, e)
        }
    }
}

fn download(body: String, content_type: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body)
}

async fn results_csv(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let e = crate::settled_export(&ctx, id.into_inner()).await?;
    Ok(download(
        export::results_csv(&e),
        "text/csv; charset=utf-8",
        "risultati.csv",
    ))
}

async fn ballots_csv(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let e = crate::settled_export(&ctx, id.into_inner()).await?;
    Ok(download(
        export::ballots_csv(&e),
        "text/csv; charset=utf-8",
        "schede.csv",
    ))
}

async fn results_json(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let e = crate::settled_export(&ctx, id.into_inner()).await?;
    let body = serde_json::to_string_pretty(&e).map_err(AppError::internal)?;
    Ok(download(
        body,
        "application/json; charset=utf-8",
        "risultati.json",
    ))
}

/// Registers the module's HTML routes (fixed paths before `/sondaggi/{id}`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/sondaggi", web::get().to(index))
        .route("/sondaggi/nuovo", web::get().to(new_form))
        .route("/sondaggi/nuovo", web::post().to(new_submit))
        .route("/sondaggi/{id}", web::get().to(show))
        .route("/sondaggi/{id}/voto", web::post().to(vote))
        .route("/sondaggi/{id}/chiudi", web::post().to(close))
        .route("/sondaggi/{id}/home", web::post().to(home))
        .route("/sondaggi/{id}/decisione", web::post().to(decide))
        .route("/sondaggi/{id}/risultati.csv", web::get().to(results_csv))
        .route("/sondaggi/{id}/schede.csv", web::get().to(ballots_csv))
        .route("/sondaggi/{id}/risultati.json", web::get().to(results_json));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranked_forms_become_ordered_ballots() {
        let (v, home) =
            ballot_of_form(b"csrf_token=x&rank_b=2&rank_a=1&rank_c=&back=%2F").unwrap_or_default();
        assert_eq!(v.options, vec!["a", "b"]);
        assert!(home);
        assert!(ballot_of_form(b"rank_a=1&rank_b=1").is_err());
        assert!(ballot_of_form(b"rank_a=zero").is_err());
        let (v, home) = ballot_of_form(b"options=x&options=y").unwrap_or_default();
        assert_eq!((v.options.len(), home), (2, false));
    }
}
