//! Feedback after an event and the certificate of attendance. Service functions, the pages
//! `/agenda/{id}/feedback` and `/agenda/{id}/attestato`, and the JSON route
//! `/api/v1/agenda/events/{id}/feedback` live together here and share one set of rules.
//!
//! **Who.** Attendees — a registration with status `registered` that the organisers marked
//! `attended` — rate the event from 1 to 5 and comment once it has ended, and may change
//! their feedback later. Everyone who may see the event sees how many gave feedback and the
//! average; those who manage it also see the distribution of ratings and the comments (without
//! names, so that people write freely). Only an attendee gets a certificate: whoever may not
//! see the event gets `NotFound`, anyone else `Forbidden`.
//!
//! **Counts.** `agenda_events.feedback_count` and `rating_sum` (the average is their ratio)
//! move in the transaction that writes the feedback: by one and the rating when a row was
//! really inserted (primary key: event and member), by the difference when a row was really
//! changed — the member's row is locked first and the change is conditioned on the rating
//! read, so two concurrent changes of one member's feedback can never both count theirs
//! against the same old rating.
//!
//! **The certificate** is a printable page (A4 print rules in its own stylesheet, served here,
//! since the Content-Security-Policy admits no inline style), which browsers save as PDF.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope};
use prassi_core::input::{self, Checks};
use prassi_core::Ctx;
use prassi_db::models::AgendaEvent;
use prassi_db::schema::{
    agenda_events, agenda_feedback, agenda_organisers, agenda_registrations, users,
};
use prassi_db::{DbConnection, EventId, EventStatus, RegistrationId, RegistrationStatus, UserId};
use serde::{Deserialize, Serialize};
use tera::Context;
use utoipa::{OpenApi, ToSchema};

use crate::access::readable_event;
use crate::service::event_url;
use crate::time::When;

/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 2_000;
/// Most comments listed at once.
const MAX_COMMENTS: i64 = 1_000;
/// Tries of a feedback write that raced with the same member's first one (two inserts: the
/// second finds the row on its next try).
const TRIES: usize = 3;

/// Feedback on an event.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct AgendaFeedbackInput {
    /// From 1 to 5 (a number, or its text as a form sends it).
    #[serde(deserialize_with = "number_or_text")]
    #[schema(value_type = i32, minimum = 1, maximum = 5)]
    pub rating: String,
    /// At most 2,000 characters.
    pub comment: String,
}

/// A JSON number or string (or null) as text: the service checks it, so that a wrong value is
/// a field error like any other instead of a body that does not parse.
fn number_or_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Int(i64),
        Float(f64),
        Text(String),
        Nothing(()),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Int(n) => n.to_string(),
        Raw::Float(f) => f.to_string(),
        Raw::Text(t) => t,
        Raw::Nothing(()) => String::new(),
    })
}

/// The viewer's own feedback.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaMyFeedback {
    pub rating: i32,
    pub comment: String,
    pub created_at: NaiveDateTime,
}

/// How many gave one rating.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaRatingCount {
    /// 1 to 5.
    pub rating: i32,
    pub count: i64,
    /// Of all feedback, rounded.
    pub percent: i64,
}

/// A comment, as those who manage the event read it (without its author).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaFeedbackComment {
    pub rating: i32,
    pub comment: String,
    pub created_at: NaiveDateTime,
}

/// An event's feedback as the viewer may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaFeedbackView {
    pub event_id: String,
    pub event_title: String,
    pub event_url: String,
    /// How many gave feedback (stored).
    pub count: i64,
    /// The average rating, to one decimal; `None` without feedback.
    pub average: Option<f64>,
    /// The average in tenths (`43` for 4.3), for pages that write it in their language.
    pub average_tenths: Option<i64>,
    /// `open` (the viewer may give or change feedback), `not_yet` (an attendee, before the
    /// end), `cancelled`, or `closed` (the viewer did not attend).
    pub state: String,
    pub mine: Option<AgendaMyFeedback>,
    pub manages: bool,
    /// Ratings 1 to 5 with their counts: only for those who manage the event.
    pub distribution: Vec<AgendaRatingCount>,
    /// Only for those who manage the event, newest first.
    pub comments: Vec<AgendaFeedbackComment>,
}

/// A certificate of attendance.
#[derive(Debug, Clone, Serialize)]
pub struct Certificate {
    pub participant: String,
    pub event_title: String,
    pub event_url: String,
    pub when: When,
    /// Hours between start and end, in tenths (`40` for 4 hours).
    pub duration_tenths: i64,
    pub venue: String,
    pub format: String,
    pub organisers: Vec<String>,
    /// The registration's id: whoever checks the certificate asks the organisers about it.
    pub code: String,
}

// ------------------------------------------------------------------------------- rules

/// The viewer's registration when they attended the event.
fn attended(
    conn: &mut DbConnection,
    event: &EventId,
    me: &UserId,
) -> AppResult<Option<RegistrationId>> {
    Ok(agenda_registrations::table
        .filter(agenda_registrations::event_id.eq(event))
        .filter(agenda_registrations::user_id.eq(me))
        .filter(agenda_registrations::status.eq(RegistrationStatus::Registered))
        .filter(agenda_registrations::attended.eq(true))
        .select(agenda_registrations::id)
        .first(conn)
        .optional()?)
}

fn ended(e: &AgendaEvent, now: NaiveDateTime) -> bool {
    now >= e.ends_at
}

/// The rounded ratio `part / whole` in tenths (`whole` > 0), half up.
fn tenths(part: i64, whole: i64) -> i64 {
    (part * 20 + whole) / (2 * whole)
}

fn mine(
    conn: &mut DbConnection,
    event: &EventId,
    me: Option<&UserId>,
) -> AppResult<Option<AgendaMyFeedback>> {
    let Some(me) = me else {
        return Ok(None);
    };
    Ok(agenda_feedback::table
        .find((event, me))
        .select((
            agenda_feedback::rating,
            agenda_feedback::comment,
            agenda_feedback::created_at,
        ))
        .first::<(i32, String, NaiveDateTime)>(conn)
        .optional()?
        .map(|(rating, comment, created_at)| AgendaMyFeedback {
            rating,
            comment,
            created_at,
        }))
}

// ------------------------------------------------------------------------------ services

/// The event's feedback as the viewer may see it.
pub fn summary(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<AgendaFeedbackView> {
    let found = readable_event(conn, id, viewer, phase)?;
    let e = &found.event;
    let me = viewer.user_id().filter(|_| viewer.participates());
    let attendee = match me {
        Some(me) => attended(conn, &e.id, me)?.is_some(),
        None => false,
    };
    let state = if !attendee {
        "closed"
    } else if e.status == EventStatus::Cancelled {
        "cancelled"
    } else if !ended(e, prassi_db::now()) {
        "not_yet"
    } else {
        "open"
    };
    let (distribution, comments) = if found.manages {
        // One event's rows, grouped: at most five groups.
        let counts: Vec<(i32, i64)> = agenda_feedback::table
            .filter(agenda_feedback::event_id.eq(&e.id))
            .group_by(agenda_feedback::rating)
            .select((agenda_feedback::rating, diesel::dsl::count_star()))
            .load(conn)?;
        let total: i64 = counts.iter().map(|(_, n)| n).sum();
        let distribution = (1..=5)
            .map(|rating| {
                let count = counts
                    .iter()
                    .find(|(r, _)| *r == rating)
                    .map_or(0, |(_, n)| *n);
                AgendaRatingCount {
                    rating,
                    count,
                    percent: if total > 0 {
                        (count * 200 + total) / (2 * total)
                    } else {
                        0
                    },
                }
            })
            .collect();
        let comments = agenda_feedback::table
            .filter(agenda_feedback::event_id.eq(&e.id))
            .filter(agenda_feedback::comment.ne(""))
            .order((
                agenda_feedback::created_at.desc(),
                agenda_feedback::user_id.asc(),
            ))
            .limit(MAX_COMMENTS)
            .select((
                agenda_feedback::rating,
                agenda_feedback::comment,
                agenda_feedback::created_at,
            ))
            .load::<(i32, String, NaiveDateTime)>(conn)?
            .into_iter()
            .map(|(rating, comment, created_at)| AgendaFeedbackComment {
                rating,
                comment,
                created_at,
            })
            .collect();
        (distribution, comments)
    } else {
        (Vec::new(), Vec::new())
    };
    let average_tenths = (e.feedback_count > 0).then(|| tenths(e.rating_sum, e.feedback_count));
    Ok(AgendaFeedbackView {
        event_id: e.id.0.clone(),
        event_title: e.title.clone(),
        event_url: event_url(&e.id),
        count: e.feedback_count,
        average: average_tenths.map(|t| t as f64 / 10.0),
        average_tenths,
        state: state.to_owned(),
        mine: mine(conn, &e.id, viewer.user_id())?,
        manages: found.manages,
        distribution,
        comments,
    })
}

/// Gives or changes the viewer's feedback (an attendee, once the event has ended). Every
/// invalid field is reported at once. Call inside a write transaction.
pub fn give(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    input: &AgendaFeedbackInput,
) -> AppResult<AgendaFeedbackView> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_event(conn, id, viewer, phase)?;
    let e = &found.event;
    if !viewer.participates() || attended(conn, &e.id, &me)?.is_none() {
        return Err(AppError::forbidden().with_message("agenda-fb-not-attendee"));
    }
    let now = prassi_db::now();
    if e.status == EventStatus::Cancelled {
        return Err(AppError::conflict("agenda-fb-cancelled-note"));
    }
    if !ended(e, now) {
        return Err(AppError::conflict("agenda-fb-not-yet"));
    }
    let mut c = Checks::new();
    let rating = match input.rating.trim().parse::<i32>() {
        Ok(n) if (1..=5).contains(&n) => n,
        _ => {
            c.fail("rating", "agenda-fb-rating-invalid");
            0
        }
    };
    let comment = c.check(input::optional(
        "comment",
        Some(&input.comment),
        MAX_COMMENT,
    ));
    c.finish()?;
    let mine = agenda_feedback::table.find((&e.id, &me));
    for _ in 0..TRIES {
        // Locks the member's row, if there is one, until commit (a no-op update), so that the
        // rating read next is the one the conditional update below changes.
        diesel::update(mine)
            .set(agenda_feedback::rating.eq(agenda_feedback::rating))
            .execute(conn)?;
        let old: Option<i32> = mine
            .select(agenda_feedback::rating)
            .first(conn)
            .optional()?;
        let (counted, feedback, sum) = match old {
            None => {
                let made = prassi_db::insert_unless_exists(conn, |c| {
                    diesel::insert_into(agenda_feedback::table)
                        .values((
                            agenda_feedback::event_id.eq(&e.id),
                            agenda_feedback::user_id.eq(&me),
                            agenda_feedback::rating.eq(rating),
                            agenda_feedback::comment.eq(&comment),
                            agenda_feedback::created_at.eq(now),
                        ))
                        .execute(c)
                })?;
                (made, 1, i64::from(rating))
            }
            Some(old) => {
                let n = diesel::update(mine.filter(agenda_feedback::rating.eq(old)))
                    .set((
                        agenda_feedback::rating.eq(rating),
                        agenda_feedback::comment.eq(&comment),
                    ))
                    .execute(conn)?;
                (n == 1, 0, i64::from(rating - old))
            }
        };
        if counted {
            if feedback != 0 || sum != 0 {
                diesel::update(agenda_events::table.find(&e.id))
                    .set((
                        agenda_events::feedback_count.eq(agenda_events::feedback_count + feedback),
                        agenda_events::rating_sum.eq(agenda_events::rating_sum + sum),
                    ))
                    .execute(conn)?;
            }
            return summary(conn, viewer, phase, id);
        }
        // The same member's other write got there first: read it and try again.
    }
    Err(AppError::conflict("error-conflict"))
}

/// The viewer's certificate of attendance.
pub fn certificate(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<Certificate> {
    let found = readable_event(conn, id, viewer, phase)?;
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?;
    let e = &found.event;
    let code = attended(conn, &e.id, me)?
        .ok_or_else(|| AppError::forbidden().with_message("agenda-cert-not-attendee"))?;
    if prassi_db::now() < e.starts_at {
        return Err(AppError::conflict("agenda-cert-not-yet"));
    }
    let participant: String = users::table
        .find(me)
        .select(users::display_name)
        .first(conn)?;
    let organisers: Vec<String> = agenda_organisers::table
        .inner_join(users::table)
        .filter(agenda_organisers::event_id.eq(&e.id))
        .order((users::display_name.asc(), users::id.asc()))
        .select(users::display_name)
        .load(conn)?;
    let minutes = (e.ends_at - e.starts_at).num_minutes().max(0);
    Ok(Certificate {
        participant,
        event_title: e.title.clone(),
        event_url: event_url(&e.id),
        when: When::of(e.starts_at, e.ends_at),
        duration_tenths: tenths(minutes, 60),
        venue: e.venue.clone(),
        format: e.format.as_str().to_owned(),
        organisers,
        code: code.0,
    })
}

// ------------------------------------------------------------------------------- pages

/// A number in tenths as a page in `lang` writes it: `4`, `4,3` (Italian) or `4.3`.
fn decimal(tenths: i64, lang: &str) -> String {
    let (whole, tenth) = (tenths / 10, tenths % 10);
    if tenth == 0 {
        whole.to_string()
    } else if lang == "it" {
        format!("{whole},{tenth}")
    } else {
        format!("{whole}.{tenth}")
    }
}

async fn feedback_context(ctx: &Ctx, id: &str) -> AppResult<Context> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.to_owned());
    let fb = ctx
        .state
        .run(move |conn| summary(conn, &viewer, phase, &id))
        .await?;
    let form = AgendaFeedbackInput {
        rating: fb
            .mine
            .as_ref()
            .map(|m| m.rating.to_string())
            .unwrap_or_default(),
        comment: fb
            .mine
            .as_ref()
            .map(|m| m.comment.clone())
            .unwrap_or_default(),
    };
    let mut c = Context::new();
    c.insert(
        "average_text",
        &fb.average_tenths.map(|t| decimal(t, ctx.lang)),
    );
    c.insert("fb", &fb);
    c.insert("form", &form);
    Ok(c)
}

async fn feedback_page(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let c = feedback_context(&ctx, &id).await?;
    ctx.render("agenda/feedback.html", c)
}

async fn feedback_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<AgendaFeedbackInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| give(conn, &viewer, phase, &i2, &input))
        .await
    {
        Ok(_) => {
            ctx.flash("success", "agenda-fb-saved");
            Ok(Ctx::redirect(&format!("/agenda/{id}/feedback")))
        }
        Err(e) => {
            let mut c = feedback_context(&ctx, &id).await?;
            c.insert("form", &typed);
            ctx.form_error("agenda/feedback.html", c, e)
        }
    }
}

async fn certificate_page(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let cert = ctx
        .state
        .run(move |conn| certificate(conn, &viewer, phase, &id))
        .await?;
    let mut c = Context::new();
    c.insert("duration_text", &decimal(cert.duration_tenths, ctx.lang));
    c.insert("issued_on", &When::of(prassi_db::now(), prassi_db::now()));
    c.insert("cert", &cert);
    let mut resp = ctx.render("agenda/certificate.html", c)?;
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("private, no-store"),
    );
    Ok(resp)
}

// --------------------------------------------------------------------------------- API

/// `GET /api/v1/agenda/events/{id}/feedback`: count and average for everyone who may see the
/// event; the distribution and the comments for those who manage it.
#[utoipa::path(get, path = "/api/v1/agenda/events/{id}/feedback", tag = "agenda",
    params(("id" = String, Path)),
    responses((status = 200, body = AgendaFeedbackView),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope)))]
async fn api_get(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let fb = ctx
        .state
        .run(move |conn| summary(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(fb))
}

/// `PUT /api/v1/agenda/events/{id}/feedback`: gives or changes the caller's feedback.
#[utoipa::path(put, path = "/api/v1/agenda/events/{id}/feedback", tag = "agenda",
    params(("id" = String, Path)), request_body = AgendaFeedbackInput,
    responses((status = 200, body = AgendaFeedbackView),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller did not attend the event", body = ErrorEnvelope),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "The event has not ended yet, or was cancelled", body = ErrorEnvelope),
        (status = 422, description = "Every invalid field at once: a rating outside 1–5, a comment over 2,000 characters", body = ErrorEnvelope)))]
async fn api_put(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<AgendaFeedbackInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let fb = ctx
        .state
        .write(move |conn| give(conn, &viewer, phase, &id, &input))
        .await?;
    Ok(HttpResponse::Ok().json(fb))
}

/// Feedback's OpenAPI paths.
#[derive(OpenApi)]
#[openapi(
    paths(api_get, api_put),
    components(schemas(
        AgendaFeedbackView,
        AgendaFeedbackInput,
        AgendaMyFeedback,
        AgendaRatingCount,
        AgendaFeedbackComment
    ))
)]
pub struct FeedbackApi;

/// Registers the feedback and certificate routes (the stylesheet before `/agenda/{id}`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/agenda/{id}/feedback", web::get().to(feedback_page))
        .route("/agenda/{id}/feedback", web::post().to(feedback_submit))
        .route("/agenda/{id}/attestato", web::get().to(certificate_page))
        .route(
            "/api/v1/agenda/events/{id}/feedback",
            web::get().to(api_get),
        )
        .route(
            "/api/v1/agenda/events/{id}/feedback",
            web::put().to(api_put),
        );
}
