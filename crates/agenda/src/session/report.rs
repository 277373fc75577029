//! The event's report: the programme with its speakers, the questions answered at question
//! time, each networking table's outcomes and the feedback summary, for whoever sees the event
//! (`/agenda/{id}/resoconto`, `GET /api/v1/agenda/events/{id}/report`).
//!
//! Those who manage the event publish it to the wiki through the wiki services, so the page
//! has a full history like any other: the first publication creates "Resoconto: <title>" with
//! the event's audience (in the event's group for a group's event), later ones save a new
//! revision of that same page (`agenda_events.report_page_id`), conditioned on the revision
//! read. The body is the report as Markdown ending with a credits line naming the organisers
//! and the tables' facilitators and linking back to the event. The page is written in the
//! site's language, whoever publishes it, so a second publication differs from the first only
//! where the event changed. Publishing takes the event's lock first, so two organisers
//! publishing at once make one page, not two; it is one transaction with the wiki write.

use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope, ErrorKind};
use prassi_core::i18n::{self, FluentArg};
use prassi_core::Ctx;
use prassi_db::models::WikiPage;
use prassi_db::schema::{
    agenda_events, agenda_questions, wiki_categories, wiki_pages, wiki_redirects,
};
use prassi_db::{DbConnection, EventStatus, GroupId, PageId};
use prassi_wiki::service as wiki;
use serde::Serialize;
use tera::Context;
use utoipa::{OpenApi, ToSchema};

use crate::access::readable_event;
use crate::service::events::{BlockView, PersonView, SpeakerView};
use crate::service::registration::lock_event;
use crate::time::When;

/// Most answered questions in a report.
const MAX_QUESTIONS: i64 = 500;

/// A question answered at question time.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaReportQuestion)]
pub struct QuestionView {
    /// The question as its author wrote it (plain text).
    pub body: String,
    pub answer_md: String,
    /// The answer rendered and sanitized.
    pub answer_html: String,
    pub answered_at: Option<NaiveDateTime>,
}

/// A networking table and what came out of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaReportTable)]
pub struct TableOutcome {
    pub number: usize,
    pub topic: String,
    pub facilitator: Option<PersonView>,
    pub outcomes_md: String,
    /// The outcomes rendered and sanitized.
    pub outcomes_html: String,
}

/// The feedback given after the event, from the stored counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaReportFeedback)]
pub struct FeedbackSummary {
    pub count: i64,
    /// The average rating (1 to 5) to one decimal; `None` without feedback.
    pub average: Option<f64>,
}

/// The wiki page the report was published to.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaReportPage)]
pub struct PublishedPage {
    pub title: String,
    pub url: String,
    pub revision: i32,
}

/// An event's report.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaReport)]
pub struct ReportView {
    pub event_id: String,
    pub title: String,
    pub url: String,
    /// `draft`, `published`, `postponed` or `cancelled` (a draft's report is not published).
    pub status: String,
    pub when: When,
    pub venue: String,
    pub programme: Vec<BlockView>,
    pub organisers: Vec<PersonView>,
    /// The tables' facilitators, each once, in the tables' order.
    pub facilitators: Vec<PersonView>,
    pub questions: Vec<QuestionView>,
    pub tables: Vec<TableOutcome>,
    pub feedback: FeedbackSummary,
    /// The wiki page, once published (when the viewer may read it).
    pub published: Option<PublishedPage>,
    /// The viewer manages the event (and may publish the report).
    pub manages: bool,
}

/// What a publication did.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaReportPublished)]
pub struct Published {
    pub title: String,
    pub url: String,
    /// The page's revision now (1 for a new page; unchanged when nothing changed).
    pub revision: i32,
    /// A new page was created (else the existing one was saved).
    pub created: bool,
}

// ---------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------

/// The report of an event, for whoever sees the event.
pub fn report(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<ReportView> {
    let found = readable_event(conn, id, viewer, phase)?;
    let detail = crate::service::detail(conn, viewer, phase, id)?;
    let e = &found.event;
    let questions = agenda_questions::table
        .filter(agenda_questions::event_id.eq(&e.id))
        .filter(agenda_questions::status.eq("answered"))
        .order((
            agenda_questions::position.is_null().asc(),
            agenda_questions::position.asc(),
            agenda_questions::answered_at.asc(),
            agenda_questions::id.asc(),
        ))
        .limit(MAX_QUESTIONS)
        .select((
            agenda_questions::body,
            agenda_questions::answer_md,
            agenda_questions::answered_at,
        ))
        .load::<(String, String, Option<NaiveDateTime>)>(conn)?
        .into_iter()
        .map(|(body, answer_md, answered_at)| QuestionView {
            body,
            answer_html: prassi_core::markdown::render(&answer_md),
            answer_md,
            answered_at,
        })
        .collect();
    let mut facilitators: Vec<PersonView> = Vec::new();
    let tables = super::networking::tables_with_facilitators(conn, &e.id)?
        .into_iter()
        .enumerate()
        .map(|(i, (t, facilitator))| {
            if let Some(f) = &facilitator {
                if !facilitators.iter().any(|p| p.username == f.username) {
                    facilitators.push(f.clone());
                }
            }
            TableOutcome {
                number: i + 1,
                topic: t.topic,
                facilitator,
                outcomes_html: prassi_core::markdown::render(&t.outcomes_md),
                outcomes_md: t.outcomes_md,
            }
        })
        .collect();
    let average = (e.feedback_count > 0).then(|| {
        let mean = e.rating_sum as f64 / e.feedback_count as f64;
        (mean * 10.0).round() / 10.0
    });
    let published = match &e.report_page_id {
        Some(page) => published_page(conn, viewer, phase, page)?,
        None => None,
    };
    Ok(ReportView {
        event_id: detail.id,
        title: detail.title,
        url: detail.url,
        status: detail.status,
        when: detail.when,
        venue: detail.venue,
        programme: detail.programme,
        organisers: detail.organisers,
        facilitators,
        questions,
        tables,
        feedback: FeedbackSummary {
            count: e.feedback_count,
            average,
        },
        published,
        manages: found.manages,
    })
}

/// The published page, if it still exists and the viewer may read it.
fn published_page(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    page: &PageId,
) -> AppResult<Option<PublishedPage>> {
    let slug: Option<String> = wiki_pages::table
        .find(page)
        .select(wiki_pages::slug)
        .first(conn)
        .optional()?;
    let Some(slug) = slug else {
        return Ok(None);
    };
    match wiki::readable_page(conn, &slug, viewer, phase) {
        Ok(found) => Ok(Some(PublishedPage {
            url: wiki::page_url(&found.page.slug),
            title: found.page.title,
            revision: found.page.revision,
        })),
        Err(e) if e.kind == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Escapes the characters that would make a piece of text Markdown (names, titles, topics,
/// questions), and a list or heading marker at its start.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '<'
                | '>'
                | '!'
                | '|'
                | '~'
                | '&'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    // `- x`, `+ x`, `= x` and `1. x` at the start of a line are lists or underlines.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// One line of plain text, whitespace collapsed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters of `text`, without trailing spaces.
fn clip(text: &str, max: usize) -> String {
    text.chars()
        .take(max)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// A member linked to their profile.
fn person_md(p: &PersonView) -> String {
    format!(
        "[{}](/membri/{})",
        md_escape(&p.display_name),
        prassi_core::web::url_encode(&p.username)
    )
}

fn speaker_md(s: &SpeakerView) -> String {
    let name = match &s.username {
        Some(u) => format!(
            "[{}](/membri/{})",
            md_escape(&s.name),
            prassi_core::web::url_encode(u)
        ),
        None => md_escape(&s.name),
    };
    let about: Vec<String> = [&s.role, &s.affiliation]
        .into_iter()
        .filter(|x| !x.trim().is_empty())
        .map(|x| md_escape(x.trim()))
        .collect();
    if about.is_empty() {
        name
    } else {
        format!("{name} ({})", about.join(", "))
    }
}

/// An average rating as the language writes decimals.
pub fn average_text(lang: &str, average: f64) -> String {
    let text = format!("{average:.1}");
    if lang == "it" {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The report as the wiki page's Markdown, in the site's language.
pub fn markdown(v: &ReportView) -> String {
    let lang = i18n::LANGUAGES[0];
    let t = |key: &str| i18n::t(lang, key);
    let mut out = String::new();
    let mut when = format!(
        "{} {}, {}–{}",
        t(&format!("agenda-weekday-{}", v.when.weekday)),
        v.when.date_short,
        v.when.start_time,
        v.when.end_time
    );
    if !v.venue.trim().is_empty() {
        when.push_str(" — ");
        when.push_str(&md_escape(v.venue.trim()));
    }
    out.push_str(&format!("*{when}*\n\n"));
    out.push_str(&format!(
        "{}: [{}]({})\n",
        t("agenda-rp-md-event"),
        md_escape(&one_line(&v.title)),
        v.url
    ));
    if !v.programme.is_empty() {
        out.push_str(&format!("\n## {}\n\n", t("agenda-rp-md-programme")));
        for b in &v.programme {
            out.push_str(&format!(
                "- **{}–{}** {}: {}",
                b.start_time,
                b.end_time,
                t(&format!("agenda-block-{}", b.kind)),
                md_escape(&one_line(&b.title))
            ));
            if !b.speakers.is_empty() {
                let speakers: Vec<String> = b.speakers.iter().map(speaker_md).collect();
                out.push_str(&format!(" — {}", speakers.join("; ")));
            }
            out.push('\n');
        }
    }
    if !v.questions.is_empty() {
        out.push_str(&format!("\n## {}\n", t("agenda-rp-md-questions")));
        for q in &v.questions {
            out.push('\n');
            for line in q.body.lines().map(str::trim).filter(|l| !l.is_empty()) {
                out.push_str(&format!("> {}\n", md_escape(line)));
            }
            out.push('\n');
            out.push_str(q.answer_md.trim());
            out.push('\n');
        }
    }
    if !v.tables.is_empty() {
        out.push_str(&format!("\n## {}\n", t("agenda-rp-md-tables")));
        for table in &v.tables {
            out.push_str(&format!(
                "\n### {}\\. {}\n\n",
                table.number,
                md_escape(&one_line(&table.topic))
            ));
            if let Some(f) = &table.facilitator {
                out.push_str(&format!(
                    "*{}*: {}\n\n",
                    t("agenda-rp-md-facilitator"),
                    person_md(f)
                ));
            }
            if table.outcomes_md.trim().is_empty() {
                out.push_str(&format!("*{}*\n", t("agenda-rp-md-no-outcomes")));
            } else {
                out.push_str(table.outcomes_md.trim());
                out.push('\n');
            }
        }
    }
    out.push_str(&format!("\n## {}\n\n", t("agenda-rp-md-feedback-title")));
    match v.feedback.average {
        Some(average) => out.push_str(&i18n::t_args(
            lang,
            "agenda-rp-md-feedback",
            &[
                ("count", FluentArg::Num(v.feedback.count)),
                ("average", FluentArg::Str(average_text(lang, average))),
            ],
        )),
        None => out.push_str(&t("agenda-rp-md-no-feedback")),
    }
    out.push_str("\n\n---\n\n");
    let names = |people: &[PersonView]| people.iter().map(person_md).collect::<Vec<_>>().join(", ");
    out.push_str(&format!(
        "**{}**: {}: {}",
        t("agenda-rp-md-credits"),
        t("agenda-rp-md-organised-by"),
        names(&v.organisers)
    ));
    if !v.facilitators.is_empty() {
        out.push_str(&format!(
            "; {}: {}",
            t("agenda-rp-md-facilitated-by"),
            names(&v.facilitators)
        ));
    }
    out.push_str(&format!(
        " — [{}]({})\n",
        t("agenda-rp-md-back-link"),
        v.url
    ));
    out
}

/// Whether a wiki page has (or had) this slug.
fn slug_taken(conn: &mut DbConnection, slug: &str) -> AppResult<bool> {
    let page: bool = diesel::select(diesel::dsl::exists(
        wiki_pages::table.filter(wiki_pages::slug.eq(slug)),
    ))
    .get_result(conn)?;
    let redirect: bool =
        diesel::select(diesel::dsl::exists(wiki_redirects::table.find(slug))).get_result(conn)?;
    Ok(page || redirect)
}

/// "Resoconto: <title>", or with the date (and then the event's id) when another page has the
/// name already.
fn free_title(conn: &mut DbConnection, v: &ReportView) -> AppResult<String> {
    let lang = i18n::LANGUAGES[0];
    let full = i18n::t_args(
        lang,
        "agenda-rp-page-title",
        &[("title", FluentArg::Str(one_line(&v.title)))],
    );
    let tail = v.event_id.len().saturating_sub(8);
    let short_id = v.event_id.get(tail..).unwrap_or(&v.event_id);
    for suffix in [
        String::new(),
        format!(" ({})", v.when.date_short),
        format!(" ({}, {short_id})", v.when.date_short),
    ] {
        let room = wiki::MAX_TITLE.saturating_sub(suffix.chars().count());
        let candidate = format!("{}{suffix}", clip(&full, room));
        let slug = wiki::slug_of(&candidate);
        if !slug.is_empty() && !slug_taken(conn, &slug)? {
            return Ok(candidate);
        }
    }
    Err(AppError::conflict("agenda-rp-title-taken"))
}

/// Publishes the report to the wiki, or saves it as a new revision of the page it was
/// published to (those who manage the event). Call inside a write transaction.
pub fn publish(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<Published> {
    let found = readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    if found.event.status == EventStatus::Draft {
        // Its page would show members what only its organisers see.
        return Err(AppError::conflict("agenda-rp-draft"));
    }
    lock_event(conn, &found.event.id)?;
    // Read after the lock: a publication committed a moment ago is seen.
    let page_id: Option<PageId> = agenda_events::table
        .find(&found.event.id)
        .select(agenda_events::report_page_id)
        .first(conn)?;
    let view = report(conn, viewer, phase, id)?;
    let body = markdown(&view);
    if body.chars().count() > wiki::MAX_BODY {
        return Err(AppError::invalid("report", "agenda-rp-too-long"));
    }
    let lang = i18n::LANGUAGES[0];
    let summary = clip(
        &i18n::t_args(
            lang,
            "agenda-rp-summary",
            &[("title", FluentArg::Str(one_line(&view.title)))],
        ),
        200,
    );
    let existing: Option<WikiPage> = match &page_id {
        Some(p) => wiki_pages::table
            .find(p)
            .select(WikiPage::as_select())
            .first(conn)
            .optional()?,
        None => None,
    };
    let (page_id, title, slug, revision, created) = match existing {
        Some(page) => {
            let categories: Vec<String> = wiki_categories::table
                .filter(wiki_categories::page_id.eq(&page.id))
                .order(wiki_categories::name.asc())
                .select(wiki_categories::name)
                .load(conn)?;
            let parent: String = match &page.parent_id {
                Some(p) => wiki_pages::table
                    .find(p)
                    .select(wiki_pages::title)
                    .first(conn)
                    .optional()?
                    .unwrap_or_default(),
                None => String::new(),
            };
            let outcome = wiki::save(
                conn,
                viewer,
                phase,
                &page.slug,
                &wiki::SaveInput {
                    title: page.title.clone(),
                    body_md: body,
                    categories: categories.join(", "),
                    parent,
                    summary,
                    lang: String::new(),
                    base_revision: page.revision,
                },
            )?;
            match outcome {
                wiki::SaveOutcome::Saved { revision, slug }
                | wiki::SaveOutcome::Merged { revision, slug } => {
                    (page.id, page.title, slug, revision, false)
                }
                wiki::SaveOutcome::Conflict(_) => {
                    return Err(AppError::conflict("agenda-rp-publish-conflict"))
                }
            }
        }
        None => {
            let input = wiki::PageInput {
                title: free_title(conn, &view)?,
                body_md: body,
                categories: i18n::t(lang, "agenda-rp-category"),
                parent: String::new(),
                audience: found.audience.to_db(),
                summary,
                lang: lang.to_owned(),
            };
            let page = match &found.audience {
                Audience::Group(g) => {
                    wiki::create_in_group(conn, viewer, phase, &GroupId(g.clone()), &input)?
                }
                _ => wiki::create(conn, viewer, phase, &input)?,
            };
            (page.id, page.title, page.slug, page.revision, true)
        }
    };
    diesel::update(agenda_events::table.find(&found.event.id))
        .set(agenda_events::report_page_id.eq(Some(&page_id)))
        .execute(conn)?;
    Ok(Published {
        title,
        url: wiki::page_url(&slug),
        revision,
        created,
    })
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

const TEMPLATE: &str = "agenda/report.html";

async fn report_context(ctx: &Ctx, id: &str) -> AppResult<Context> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.to_owned());
    let view = ctx
        .state
        .run(move |conn| report(conn, &viewer, phase, &id))
        .await?;
    let mut c = Context::new();
    c.insert(
        "average_text",
        &view
            .feedback
            .average
            .map(|a| average_text(ctx.lang, a))
            .unwrap_or_default(),
    );
    c.insert("report", &view);
    Ok(c)
}

async fn page(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let c = report_context(&ctx, &id).await?;
    ctx.render(TEMPLATE, c)
}

async fn publish_submit(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| publish(conn, &viewer, phase, &i2))
        .await
    {
        Ok(p) => {
            ctx.flash(
                "success",
                if p.created {
                    "agenda-rp-published"
                } else {
                    "agenda-rp-republished"
                },
            );
            Ok(Ctx::redirect(&format!("/agenda/{id}/resoconto")))
        }
        Err(e) => {
            let c = report_context(&ctx, &id).await?;
            ctx.form_error(TEMPLATE, c, e)
        }
    }
}

// ---------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------

/// `GET /api/v1/agenda/events/{id}/report`
#[utoipa::path(get, path = "/api/v1/agenda/events/{id}/report", tag = "agenda",
    operation_id = "agenda_report", params(("id" = String, Path)),
    responses((status = 200, body = ReportView),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope)))]
async fn api_report(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let view = ctx
        .state
        .run(move |conn| report(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// `POST /api/v1/agenda/events/{id}/report/publication`: publishes the report to the wiki, or
/// saves it again as a new revision of the same page (those who manage the event).
#[utoipa::path(post, path = "/api/v1/agenda/events/{id}/report/publication", tag = "agenda",
    operation_id = "agenda_report_publish", params(("id" = String, Path)),
    responses((status = 201, description = "A new wiki page", body = Published),
        (status = 200, description = "The existing page saved again (its revision moves only when the report changed)", body = Published),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not manage the event, or may not edit the page (protected)", body = ErrorEnvelope),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "The event is a draft (`agenda-rp-draft`), the page changed meanwhile and the changes overlap, or every title for it is taken", body = ErrorEnvelope),
        (status = 422, description = "The report is too long for a wiki page, or its text holds an image without alternative text", body = ErrorEnvelope)))]
async fn api_publish(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let p = ctx
        .state
        .write(move |conn| publish(conn, &viewer, phase, &id))
        .await?;
    Ok(if p.created {
        HttpResponse::Created().json(p)
    } else {
        HttpResponse::Ok().json(p)
    })
}

/// This part's OpenAPI paths.
#[derive(OpenApi)]
#[openapi(
    paths(api_report, api_publish),
    components(schemas(
        ReportView,
        QuestionView,
        TableOutcome,
        FeedbackSummary,
        PublishedPage,
        Published
    ))
)]
pub struct ReportApi;

/// Registers this part's HTML and JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/agenda/{id}/resoconto", web::get().to(page))
        .route(
            "/agenda/{id}/resoconto/pubblica",
            web::post().to(publish_submit),
        )
        .route(
            "/api/v1/agenda/events/{id}/report",
            web::get().to(api_report),
        )
        .route(
            "/api/v1/agenda/events/{id}/report/publication",
            web::post().to(api_publish),
        );
}
