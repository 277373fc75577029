//! HTML pages of questionnaires under `/questionari`. Thin handlers: parse, call the service
//! (which applies [`super::access::readable`]), render; forms post back and redirect (303),
//! or show the page again with every error in the summary at the top and everything typed
//! kept. Every form works without JavaScript: the questionnaire builder adds a section or a
//! question with a submit button that shows the form again with one more empty slot, and
//! empty slots are dropped when the questionnaire is created.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult};
use prassi_core::pagination::PageQuery;
use prassi_core::Ctx;
use serde::Deserialize;
use serde_json::Value;
use tera::Context;

use super::create::{QuestionInput, QuestionnaireInput, SectionInput};
use super::respond::{RespondOutcome, ResponseInput};
use super::view::ListFilter;
use super::{create, export, manage, questionnaire_url, respond, results, view, Kind};

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
                view::list(conn, &viewer, phase, &filter, page)?,
                crate::service::create::may_create(conn, &viewer)?,
            ))
        })
        .await?;
    let base = match state {
        "open" => "/questionari?stato=aperti",
        "closed" => "/questionari?stato=chiusi",
        _ => "/questionari",
    };
    let mut c = Context::new();
    c.insert("questionnaires", &list.items);
    c.insert("page", &list.page);
    c.insert("page_base", base);
    c.insert("state", state);
    c.insert("can_create", &can_create);
    ctx.render("questionnaires/index.html", c)
}

// ------------------------------------------------------------------------------ builder

/// Most section and question slots a builder form may name (more are ignored).
const MAX_SLOTS: usize = 200;

/// A slot number from a form name (`3` of `s3-title`), 1-based and bounded.
fn slot(raw: &str) -> Option<usize> {
    raw.parse::<usize>()
        .ok()
        .filter(|n| (1..=MAX_SLOTS).contains(n))
}

/// The builder's form as a [`QuestionnaireInput`], and the slot asked for by an "add" button
/// (`section`, or `s<n>` for a question in section n).
fn builder_of_form(body: &[u8]) -> (QuestionnaireInput, Option<String>) {
    let mut input = QuestionnaireInput::default();
    let mut add = None;
    let mut sections: BTreeMap<usize, SectionInput> = BTreeMap::new();
    let mut questions: BTreeMap<(usize, usize), QuestionInput> = BTreeMap::new();
    for (k, v) in url::form_urlencoded::parse(body) {
        let v = v.into_owned();
        match k.as_ref() {
            "title" => input.title = v,
            "description_md" => input.description_md = v,
            "opens_at" => input.opens_at = v,
            "closes_at" => input.closes_at = v,
            "audience" => input.audience = v,
            "group" => input.group = v,
            "anonymous" => input.anonymous = !v.is_empty() && v != "0",
            "allow_edit" => input.allow_edit = !v.is_empty() && v != "0",
            "add" => add = Some(v),
            key => {
                if let Some(rest) = key.strip_prefix('s') {
                    let Some((n, field)) = rest.split_once('-') else {
                        continue;
                    };
                    let Some(n) = slot(n) else { continue };
                    let s = sections.entry(n).or_default();
                    match field {
                        "title" => s.title = v,
                        "intro_md" => s.intro_md = v,
                        _ => {}
                    }
                } else if let Some(rest) = key.strip_prefix('q') {
                    let mut parts = rest.splitn(3, '-');
                    let (Some(n), Some(m), Some(field)) = (
                        parts.next().and_then(slot),
                        parts.next().and_then(slot),
                        parts.next(),
                    ) else {
                        continue;
                    };
                    sections.entry(n).or_default();
                    let q = questions.entry((n, m)).or_default();
                    let lines = |t: &str| crate::service::create::lines(t);
                    match field {
                        "kind" => q.kind = v,
                        "text" => q.text = v,
                        "help" => q.help = v,
                        "required" => q.required = !v.is_empty() && v != "0",
                        "options" => q.options = lines(&v),
                        "min_choices" => q.min_choices = v,
                        "max_choices" => q.max_choices = v,
                        "scale_max" => q.scale_max = v,
                        "scale_min_label" => q.scale_min_label = v,
                        "scale_max_label" => q.scale_max_label = v,
                        "rows" => q.rows = lines(&v),
                        "columns" => q.columns = lines(&v),
                        _ => {}
                    }
                }
            }
        }
    }
    for ((n, _), q) in questions {
        if let Some(s) = sections.get_mut(&n) {
            s.questions.push(q);
        }
    }
    input.sections = sections.into_values().collect();
    (input, add)
}

/// A question slot to fill.
fn blank_question() -> QuestionInput {
    QuestionInput {
        kind: "single".into(),
        ..QuestionInput::default()
    }
}

fn blank_section() -> SectionInput {
    SectionInput {
        questions: vec![blank_question(), blank_question()],
        ..SectionInput::default()
    }
}

/// The form without its empty slots (what is created).
fn compact(mut input: QuestionnaireInput) -> QuestionnaireInput {
    for s in &mut input.sections {
        s.questions.retain(|q| !q.is_blank());
    }
    input.sections.retain(|s| !s.is_blank());
    input
}

fn form_context(ctx: &Ctx, form: &QuestionnaireInput) -> Context {
    let mut form = form.clone();
    if form.sections.is_empty() {
        form.sections.push(blank_section());
    }
    let mut c = Context::new();
    c.insert("form", &form);
    c.insert("errors", &BTreeMap::<String, String>::new());
    let texts: Vec<Vec<serde_json::Value>> = form
        .sections
        .iter()
        .map(|s| {
            s.questions
                .iter()
                .map(|q| {
                    serde_json::json!({
                        "options": q.options.join("\n"),
                        "rows": q.rows.join("\n"),
                        "columns": q.columns.join("\n"),
                    })
                })
                .collect()
        })
        .collect();
    c.insert("texts", &texts);
    let opts = |prefix: &str, values: &[&str]| -> Vec<serde_json::Value> {
        values
            .iter()
            .map(|v| serde_json::json!({ "value": v, "label": ctx.t(&format!("{prefix}{v}")) }))
            .collect()
    };
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    c.insert("kind_options", &opts("questionnaires-kind-", &kinds));
    c.insert(
        "audience_options",
        &opts("questionnaires-audience-", &["members", "public", "group"]),
    );
    c.insert(
        "scale_options",
        &[
            serde_json::json!({"value": "5", "label": "1–5"}),
            serde_json::json!({"value": "10", "label": "1–10"}),
        ],
    );
    c
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    /// A group's slug: the form starts with it.
    pub gruppo: String,
}

async fn require_creator(ctx: &Ctx) -> AppResult<()> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    if ctx
        .state
        .run(move |conn| crate::service::create::may_create(conn, &viewer))
        .await?
    {
        Ok(())
    } else {
        Err(AppError::forbidden().with_message("questionnaires-create-not-allowed"))
    }
}

async fn new_form(ctx: Ctx, q: web::Query<NewQuery>) -> AppResult<HttpResponse> {
    require_creator(&ctx).await?;
    let group = q.into_inner().gruppo;
    let form = QuestionnaireInput {
        audience: if group.is_empty() { "members" } else { "group" }.into(),
        group,
        sections: vec![blank_section()],
        ..QuestionnaireInput::default()
    };
    ctx.render("questionnaires/form.html", form_context(&ctx, &form))
}

async fn new_submit(ctx: Ctx, body: web::Bytes) -> AppResult<HttpResponse> {
    require_creator(&ctx).await?;
    let (mut input, add) = builder_of_form(&body);
    if let Some(add) = add {
        // One more slot; nothing is checked or stored yet.
        if add == "section" {
            if input.sections.len() < super::MAX_SECTIONS {
                input.sections.push(blank_section());
            }
        } else if let Some(s) = add
            .strip_prefix('s')
            .and_then(slot)
            .and_then(|n| input.sections.get_mut(n - 1))
        {
            if s.questions.len() < super::MAX_QUESTIONS {
                s.questions.push(blank_question());
            }
        }
        return ctx.render("questionnaires/form.html", form_context(&ctx, &input));
    }
    let input = compact(input);
    let typed = input.clone();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    match ctx
        .state
        .write(move |conn| create::create(conn, &viewer, phase, &input))
        .await
    {
        Ok(id) => {
            ctx.flash("success", "questionnaires-created");
            Ok(Ctx::redirect(&questionnaire_url(&id)))
        }
        Err(e) => ctx.form_error("questionnaires/form.html", form_context(&ctx, &typed), e),
    }
}

// ------------------------------------------------------------------------------ answering

/// The questionnaire's page values; `typed`: the answers of a refused save, shown again.
async fn show_context(ctx: &Ctx, id: &str, typed: Option<&ResponseInput>) -> AppResult<Context> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.to_owned());
    let mut q = ctx
        .state
        .run(move |conn| view::detail(conn, &viewer, phase, &id))
        .await?;
    if let Some(t) = typed {
        q.fill(t);
    }
    let mut c = Context::new();
    c.insert("q", &q);
    c.insert("errors", &BTreeMap::<String, String>::new());
    Ok(c)
}

async fn show(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let c = show_context(&ctx, &id, None).await?;
    ctx.render("questionnaires/questionnaire.html", c)
}

/// A response from the page's form: `q-<question>` (repeated for several choices) and
/// `q-<question>-<row>` for a matrix's rows; `action` is `submit` or `draft`.
fn response_of_form(body: &[u8]) -> ResponseInput {
    let mut values: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut matrix: BTreeMap<String, serde_json::Map<String, Value>> = BTreeMap::new();
    let mut submit = false;
    for (k, v) in url::form_urlencoded::parse(body) {
        if k == "action" {
            submit = v == "submit";
            continue;
        }
        let Some(rest) = k.strip_prefix("q-") else {
            continue;
        };
        // A UUID is 36 characters; a matrix row adds `-<row id>`.
        match (rest.get(..36), rest.get(36..)) {
            (Some(q), Some("")) => values.entry(q.to_owned()).or_default().push(v.into_owned()),
            (Some(q), Some(row)) if row.len() == 37 && row.starts_with('-') => {
                matrix
                    .entry(q.to_owned())
                    .or_default()
                    .insert(row[1..].to_owned(), Value::String(v.into_owned()));
            }
            _ => {}
        }
    }
    let mut answers: BTreeMap<String, Value> = values
        .into_iter()
        .map(|(q, mut v)| {
            let value = if v.len() == 1 {
                Value::String(v.remove(0))
            } else {
                Value::Array(v.into_iter().map(Value::String).collect())
            };
            (q, value)
        })
        .collect();
    for (q, m) in matrix {
        answers.insert(q, Value::Object(m));
    }
    ResponseInput { answers, submit }
}

async fn answer(ctx: Ctx, id: web::Path<String>, body: web::Bytes) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let input = response_of_form(&body);
    let typed = input.clone();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| respond::respond(conn, &viewer, phase, &i2, &input))
        .await
    {
        Ok(outcome) => {
            ctx.flash(
                "success",
                match outcome {
                    RespondOutcome::Draft => "questionnaires-draft-saved",
                    RespondOutcome::Submitted => "questionnaires-submitted",
                    RespondOutcome::Updated => "questionnaires-updated",
                },
            );
            Ok(Ctx::redirect(&format!("/questionari/{id}")))
        }
        Err(e) => {
            let c = show_context(&ctx, &id, Some(&typed)).await?;
            ctx.form_error("questionnaires/questionnaire.html", c, e)
        }
    }
}

// ------------------------------------------------------------------------------ organisers

async fn close(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| manage::close(conn, &viewer, phase, &i2))
        .await
    {
        Ok(()) => {
            ctx.flash("success", "questionnaires-closed-now");
            Ok(Ctx::redirect(&format!("/questionari/{id}")))
        }
        Err(e) => {
            let c = show_context(&ctx, &id, None).await?;
            ctx.form_error("questionnaires/questionnaire.html", c, e)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    #[serde(deserialize_with = "crate::service::create::flag")]
    pub published: bool,
}

async fn publish(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<PublishForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let on = form.into_inner().published;
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    ctx.state
        .write(move |conn| manage::publish(conn, &viewer, phase, &i2, on))
        .await?;
    ctx.flash(
        "success",
        if on {
            "questionnaires-results-published"
        } else {
            "questionnaires-results-withdrawn"
        },
    );
    Ok(Ctx::redirect(&format!("/questionari/{id}")))
}

async fn results_page(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let r = ctx
        .state
        .run(move |conn| results::results(conn, &viewer, phase, &id))
        .await?;
    let mut c = Context::new();
    c.insert("r", &r);
    ctx.render("questionnaires/results.html", c)
}

async fn texts_page(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    q: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    let (id, question) = path.into_inner();
    let page = q.into_inner().resolve();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (i2, q2) = (id.clone(), question.clone());
    let t = ctx
        .state
        .run(move |conn| results::text_answers(conn, &viewer, phase, &i2, &q2, page))
        .await?;
    let mut c = Context::new();
    c.insert("ta", &t);
    c.insert("page", &t.page);
    c.insert(
        "page_base",
        &format!("/questionari/{id}/risultati/{question}"),
    );
    ctx.render("questionnaires/texts.html", c)
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

async fn export_of(ctx: &Ctx, id: String) -> AppResult<export::QuestionnaireExport> {
    ctx.account()?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .run(move |conn| export::export(conn, &viewer, phase, &id))
        .await
}

async fn export_csv(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let e = export_of(&ctx, id.into_inner()).await?;
    Ok(download(
        export::csv(&e),
        "text/csv; charset=utf-8",
        "risposte.csv",
    ))
}

async fn export_json(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let e = export_of(&ctx, id.into_inner()).await?;
    let body = serde_json::to_string_pretty(&e).map_err(AppError::internal)?;
    Ok(download(
        body,
        "application/json; charset=utf-8",
        "risposte.json",
    ))
}

/// Registers the HTML routes (fixed paths before `/questionari/{id}`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/questionari", web::get().to(index))
        .route("/questionari/nuovo", web::get().to(new_form))
        .route("/questionari/nuovo", web::post().to(new_submit))
        .route("/questionari/{id}", web::get().to(show))
        .route("/questionari/{id}/risposta", web::post().to(answer))
        .route("/questionari/{id}/chiudi", web::post().to(close))
        .route("/questionari/{id}/pubblica", web::post().to(publish))
        .route("/questionari/{id}/risultati", web::get().to(results_page))
        .route(
            "/questionari/{id}/risultati/{question}",
            web::get().to(texts_page),
        )
        .route("/questionari/{id}/risposte.csv", web::get().to(export_csv))
        .route(
            "/questionari/{id}/risposte.json",
            web::get().to(export_json),
        );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_forms_become_sections_of_questions_and_blank_slots_go() {
        let body = b"title=T&s1-title=Uno&q1-1-kind=single&q1-1-text=Domanda&q1-1-options=A%0D%0AB\
            &q1-2-kind=single&q1-2-text=&s2-title=&q2-1-kind=date&q2-1-text=Quando&q9999-1-text=x&add=s1";
        let (input, add) = builder_of_form(body);
        assert_eq!(add.as_deref(), Some("s1"));
        assert_eq!(input.sections.len(), 2);
        assert_eq!(input.sections[0].questions[0].options, vec!["A", "B"]);
        let c = compact(input);
        assert_eq!(c.sections[0].questions.len(), 1);
        assert_eq!(c.sections[1].questions[0].kind, "date");
        let id = "0190a000-0000-7000-8000-000000000001";
        let row = "0190a000-0000-7000-8000-000000000002";
        let body = format!("q-{id}=a&q-{id}=b&q-{id}-{row}=c&q-x=1&action=submit");
        let r = response_of_form(body.as_bytes());
        assert!(r.submit);
        assert_eq!(
            r.answers[id][row], "c",
            "the matrix row replaces the plain values"
        );
        assert_eq!(r.answers.len(), 1);
    }
}
