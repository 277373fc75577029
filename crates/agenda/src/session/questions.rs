//! Question time: the questions participants send before and during an event, the support
//! others give them, and what the organisers do with them — order them, hide them, answer them
//! during question time, and turn an answered one into a Q&A question with its accepted answer.
//! Service functions, HTML pages under `/agenda/{id}/domande` and JSON routes under
//! `/api/v1/agenda/events/{id}/questions` live together here and share one set of rules.
//!
//! **Who may do what.** Everyone who may see the event ([`readable_event`]) sees its questions,
//! except hidden ones, which only those who manage the event see; a hidden question answers
//! like a missing one. Registered participants (not the waiting list) and organisers send and
//! support questions while the event has not ended; only organisers order, hide and answer.
//!
//! **Counts.** `agenda_questions.support_count` moves in the transaction that adds or removes a
//! support, and only when the row of `agenda_question_supports` (primary key: question and
//! member, so one support per member) was really inserted or deleted; `agenda_events.
//! question_count` (open and answered questions, hidden ones excluded) moves in the
//! transaction that adds, hides or restores a question, conditioned on the status it changes.
//!
//! **Into the Q&A.** An answered question becomes a Q&A question through the Q&A crate's own
//! `ask`, `answer` and `accept`, in the same transaction that records its id, so the Q&A's
//! counters, revisions, search index and notifications are what real use makes. The asker is
//! the question's author while they are a member allowed to ask there, else the organiser;
//! the organiser posts the recorded answer and the asker accepts it. The id is stored by a
//! conditional update (`qa_question_id IS NULL`), so a second conversion is a conflict and
//! rolls back whatever it had made.

use std::collections::HashSet;

use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope};
use prassi_core::input;
use prassi_core::Ctx;
use prassi_db::models::{AgendaEvent, AgendaQuestion};
use prassi_db::schema::{
    agenda_events, agenda_question_supports, agenda_questions, agenda_registrations, questions,
    users,
};
use prassi_db::{DbConnection, EventId, EventStatus, RegistrationStatus, UserId};
use serde::{Deserialize, Serialize};
use tera::Context;
use utoipa::{OpenApi, ToSchema};

use crate::access::{readable_event, Found};
use crate::service::event_url;
use crate::service::events::PersonView;

/// Longest question, in characters.
pub const MAX_BODY: usize = 1_000;
/// Longest recorded answer, in characters.
pub const MAX_ANSWER: usize = 10_000;
/// Highest position the organisers may give.
pub const MAX_POSITION: i32 = 9_999;
/// Most questions listed at once per event.
const MAX_LISTED: i64 = 1_000;

const OPEN: &str = "open";
const ANSWERED: &str = "answered";
const HIDDEN: &str = "hidden";

// ------------------------------------------------------------------------------ inputs

/// A new question.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct AgendaQuestionInput {
    /// The question: required, at most 1,000 characters.
    pub body: String,
}

/// The organisers' answer, recorded during question time.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct AgendaAnswerInput {
    /// Markdown, required, at most 10,000 characters.
    pub answer_md: String,
}

/// The organisers' forms on a question's page: its position, its answer, and what the Q&A
/// question made from it is called and tagged (the typed values come back with any error).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ManageForm {
    /// A whole number from 1; empty removes the position.
    pub position: String,
    pub answer_md: String,
    /// The Q&A question's title (10 to 150 characters).
    pub title: String,
    /// Existing Q&A tags, separated by commas or spaces.
    pub tags: String,
    /// The language of the text (empty: the site's).
    pub lang: String,
}

// ------------------------------------------------------------------------------- views

/// A question as pages and the API show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaQuestionView {
    pub id: String,
    /// The question's page.
    pub url: String,
    pub body: String,
    /// `None` once the author's account is gone.
    pub author: Option<PersonView>,
    pub support_count: i64,
    /// The organisers' order (`None`: after the ordered ones).
    pub position: Option<i32>,
    /// `open`, `answered` or `hidden` (hidden ones only for those who manage the event).
    pub status: String,
    /// The recorded answer, rendered and sanitised; empty until answered.
    pub answer_html: String,
    /// The answer's Markdown, for those who manage the event (to change it).
    pub answer_md: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
    /// The Q&A question it became.
    pub qa_url: Option<String>,
    /// The viewer supports it.
    pub supported: bool,
    /// The viewer asked it.
    pub mine: bool,
    pub created_at: NaiveDateTime,
}

/// An event's question time.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaQuestionList {
    pub event_id: String,
    pub event_title: String,
    pub event_url: String,
    /// Open and answered questions (the stored count).
    pub question_count: i64,
    /// In the order of question time: the organisers' positions, then the most supported,
    /// then the oldest.
    pub open: Vec<AgendaQuestionView>,
    /// In the order they were answered.
    pub answered: Vec<AgendaQuestionView>,
    /// Only for those who manage the event; empty for everyone else.
    pub hidden: Vec<AgendaQuestionView>,
    /// The viewer may send a question now.
    pub can_ask: bool,
    /// The viewer may support others' open questions now.
    pub can_support: bool,
    pub manages: bool,
    /// The event has ended: no more questions or supports.
    pub ended: bool,
}

/// A support given or withdrawn.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaSupportResult {
    /// The viewer supports the question now.
    pub supported: bool,
    pub support_count: i64,
}

/// One question's page.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionPage {
    pub event_title: String,
    pub event_url: String,
    pub questions_url: String,
    pub question: AgendaQuestionView,
    pub manages: bool,
    pub can_support: bool,
    /// A title for the Q&A question, from the question's first words.
    pub suggested_title: String,
}

// ------------------------------------------------------------------------------- rules

/// A registered participant (not waiting) of the event.
fn registered(conn: &mut DbConnection, event: &EventId, me: &UserId) -> AppResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        agenda_registrations::table
            .filter(agenda_registrations::event_id.eq(event))
            .filter(agenda_registrations::user_id.eq(me))
            .filter(agenda_registrations::status.eq(RegistrationStatus::Registered)),
    ))
    .get_result(conn)?)
}

/// Whether the viewer takes part in question time: an organiser, or a registered participant
/// who may still take part in the event's audience.
fn takes_part(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    found: &Found,
) -> AppResult<bool> {
    let Some(me) = viewer.user_id() else {
        return Ok(false);
    };
    if found.manages {
        return Ok(true);
    }
    if !viewer.participates() || !access::can(viewer, phase, &found.audience, Action::Participate) {
        return Ok(false);
    }
    registered(conn, &found.event.id, me)
}

/// Questions and supports are taken until the event ends, unless it is cancelled.
fn accepting(e: &AgendaEvent, now: NaiveDateTime) -> bool {
    e.status != EventStatus::Cancelled && now < e.ends_at
}

/// The question `qid` of the event, or `NotFound` (also for a hidden one the viewer does not
/// manage).
fn question_in(conn: &mut DbConnection, found: &Found, qid: &str) -> AppResult<AgendaQuestion> {
    if qid.is_empty() || qid.len() > 64 {
        return Err(AppError::not_found());
    }
    let q: AgendaQuestion = agenda_questions::table
        .find(qid)
        .filter(agenda_questions::event_id.eq(&found.event.id))
        .select(AgendaQuestion::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    if q.status == HIDDEN && !found.manages {
        return Err(AppError::not_found());
    }
    Ok(q)
}

/// The address of a question's page.
pub fn question_page_url(event: &EventId, qid: &str) -> String {
    format!("{}/domande/{qid}", event_url(event))
}

type Row = (
    AgendaQuestion,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The event's questions with their authors and Q&A titles, in question-time order; hidden
/// ones only with `hidden`; one question with `only`.
fn load(
    conn: &mut DbConnection,
    event: &EventId,
    hidden: bool,
    only: Option<&str>,
) -> AppResult<Vec<Row>> {
    let mut q = agenda_questions::table
        .left_join(users::table.on(users::id.nullable().eq(agenda_questions::author_id)))
        .left_join(
            questions::table.on(questions::id
                .nullable()
                .eq(agenda_questions::qa_question_id)),
        )
        .filter(agenda_questions::event_id.eq(event))
        .select((
            AgendaQuestion::as_select(),
            users::username.nullable(),
            users::display_name.nullable(),
            questions::title.nullable(),
        ))
        .into_boxed();
    if !hidden {
        q = q.filter(agenda_questions::status.ne(HIDDEN));
    }
    if let Some(id) = only {
        q = q.filter(agenda_questions::id.eq(id.to_owned()));
    }
    Ok(q.order((
        agenda_questions::position.is_null().asc(),
        agenda_questions::position.asc(),
        agenda_questions::support_count.desc(),
        agenda_questions::created_at.asc(),
        agenda_questions::id.asc(),
    ))
    .limit(MAX_LISTED)
    .load(conn)?)
}

/// The questions of the event the viewer supports.
fn supported_by(
    conn: &mut DbConnection,
    event: &EventId,
    me: Option<&UserId>,
) -> AppResult<HashSet<String>> {
    let Some(me) = me else {
        return Ok(HashSet::new());
    };
    Ok(agenda_question_supports::table
        .inner_join(agenda_questions::table)
        .filter(agenda_questions::event_id.eq(event))
        .filter(agenda_question_supports::user_id.eq(me))
        .select(agenda_question_supports::question_id)
        .load::<String>(conn)?
        .into_iter()
        .collect())
}

fn view(
    row: Row,
    manages: bool,
    me: Option<&UserId>,
    supports: &HashSet<String>,
) -> AgendaQuestionView {
    let (q, username, display_name, qa_title) = row;
    let author = match (username, display_name) {
        (Some(username), Some(display_name)) => Some(PersonView {
            username,
            display_name,
        }),
        _ => None,
    };
    let qa_url = q
        .qa_question_id
        .as_ref()
        .zip(qa_title)
        .map(|(id, title)| prassi_qa::service::question_url(id, &title));
    AgendaQuestionView {
        url: question_page_url(&q.event_id, &q.id),
        supported: supports.contains(&q.id),
        mine: me.is_some() && q.author_id.as_ref() == me,
        answer_html: if q.answer_md.is_empty() {
            String::new()
        } else {
            prassi_core::markdown::render(&q.answer_md)
        },
        answer_md: manages.then(|| q.answer_md.clone()),
        id: q.id,
        body: q.body,
        author,
        support_count: q.support_count,
        position: q.position,
        status: q.status,
        answered_at: q.answered_at,
        qa_url,
        created_at: q.created_at,
    }
}

/// One question as the viewer sees it.
fn view_of(
    conn: &mut DbConnection,
    found: &Found,
    viewer: &Viewer,
    qid: &str,
) -> AppResult<AgendaQuestionView> {
    let row = load(conn, &found.event.id, found.manages, Some(qid))?
        .into_iter()
        .next()
        .ok_or_else(AppError::not_found)?;
    let supports = supported_by(conn, &found.event.id, viewer.user_id())?;
    Ok(view(row, found.manages, viewer.user_id(), &supports))
}

// ------------------------------------------------------------------------------ services

/// The event's question time as the viewer sees it.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<AgendaQuestionList> {
    let found = readable_event(conn, id, viewer, phase)?;
    let e = &found.event;
    let now = prassi_db::now();
    let part = takes_part(conn, viewer, phase, &found)?;
    let supports = supported_by(conn, &e.id, viewer.user_id())?;
    let (mut open, mut answered, mut hidden) = (Vec::new(), Vec::new(), Vec::new());
    for row in load(conn, &e.id, found.manages, None)? {
        let v = view(row, found.manages, viewer.user_id(), &supports);
        match v.status.as_str() {
            OPEN => open.push(v),
            ANSWERED => answered.push(v),
            _ => hidden.push(v),
        }
    }
    answered.sort_by(|a, b| (a.answered_at, &a.id).cmp(&(b.answered_at, &b.id)));
    let live = part && accepting(e, now);
    Ok(AgendaQuestionList {
        event_id: e.id.0.clone(),
        event_title: e.title.clone(),
        event_url: event_url(&e.id),
        question_count: e.question_count,
        open,
        answered,
        hidden,
        can_ask: live,
        can_support: live,
        manages: found.manages,
        ended: now >= e.ends_at,
    })
}

/// One question's page (a hidden one only for those who manage the event).
pub fn page(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    qid: &str,
) -> AppResult<QuestionPage> {
    let found = readable_event(conn, id, viewer, phase)?;
    let q = question_in(conn, &found, qid)?;
    let part = takes_part(conn, viewer, phase, &found)?;
    let question = view_of(conn, &found, viewer, &q.id)?;
    Ok(QuestionPage {
        event_title: found.event.title.clone(),
        event_url: event_url(&found.event.id),
        questions_url: format!("{}/domande", event_url(&found.event.id)),
        can_support: part && accepting(&found.event, prassi_db::now()),
        manages: found.manages,
        suggested_title: suggested_title(&q.body),
        question,
    })
}

/// A Q&A title from a question: its first line, cut at a word to at most 150 characters.
fn suggested_title(body: &str) -> String {
    let line = body
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() <= prassi_qa::service::MAX_TITLE {
        return line.to_owned();
    }
    let cut: String = line
        .chars()
        .take(prassi_qa::service::MAX_TITLE - 1)
        .collect();
    let words = cut.rsplit_once(' ').map(|(w, _)| w).unwrap_or(&cut);
    format!("{}…", words.trim_end())
}

/// Sends a question (a registered participant or an organiser, until the event ends). Call
/// inside a write transaction.
pub fn submit(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    input: &AgendaQuestionInput,
) -> AppResult<AgendaQuestionView> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_event(conn, id, viewer, phase)?;
    if !takes_part(conn, viewer, phase, &found)? {
        return Err(AppError::forbidden().with_message("agenda-q-not-participant"));
    }
    let now = prassi_db::now();
    if !accepting(&found.event, now) {
        return Err(AppError::conflict("agenda-q-closed"));
    }
    let body = input::required("body", &input.body, MAX_BODY)?;
    let row = AgendaQuestion {
        id: prassi_db::fresh_id(),
        event_id: found.event.id.clone(),
        author_id: Some(me),
        body,
        support_count: 0,
        position: None,
        status: OPEN.into(),
        answer_md: String::new(),
        answered_by: None,
        answered_at: None,
        qa_question_id: None,
        created_at: now,
    };
    diesel::insert_into(agenda_questions::table)
        .values(&row)
        .execute(conn)?;
    diesel::update(agenda_events::table.find(&found.event.id))
        .set(agenda_events::question_count.eq(agenda_events::question_count + 1))
        .execute(conn)?;
    view_of(conn, &found, viewer, &row.id)
}

/// Gives (`Some(true)`), withdraws (`Some(false)`) or toggles (`None`) the viewer's support
/// of someone else's open question, until the event ends. Call inside a write transaction.
pub fn support(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    qid: &str,
    want: Option<bool>,
) -> AppResult<AgendaSupportResult> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_event(conn, id, viewer, phase)?;
    let q = question_in(conn, &found, qid)?;
    if !takes_part(conn, viewer, phase, &found)? {
        return Err(AppError::forbidden().with_message("agenda-q-not-participant"));
    }
    if q.author_id.as_ref() == Some(&me) {
        return Err(AppError::conflict("agenda-q-support-own"));
    }
    let now = prassi_db::now();
    if q.status != OPEN || !accepting(&found.event, now) {
        return Err(AppError::conflict("agenda-q-support-closed"));
    }
    let key = agenda_question_supports::table.find((&q.id, &me));
    let exists: bool = diesel::select(diesel::dsl::exists(key)).get_result(conn)?;
    let target = want.unwrap_or(!exists);
    if target && !exists {
        // The primary key holds one support per member; only a row really inserted counts.
        let made = prassi_db::insert_unless_exists(conn, |c| {
            diesel::insert_into(agenda_question_supports::table)
                .values((
                    agenda_question_supports::question_id.eq(&q.id),
                    agenda_question_supports::user_id.eq(&me),
                    agenda_question_supports::created_at.eq(now),
                ))
                .execute(c)
        })?;
        if made {
            diesel::update(agenda_questions::table.find(&q.id))
                .set(agenda_questions::support_count.eq(agenda_questions::support_count + 1))
                .execute(conn)?;
        }
    } else if !target && exists {
        let gone = diesel::delete(key).execute(conn)?;
        if gone == 1 {
            diesel::update(agenda_questions::table.find(&q.id))
                .set(agenda_questions::support_count.eq(agenda_questions::support_count - 1))
                .execute(conn)?;
        }
    }
    let support_count: i64 = agenda_questions::table
        .find(&q.id)
        .select(agenda_questions::support_count)
        .first(conn)?;
    Ok(AgendaSupportResult {
        supported: target,
        support_count,
    })
}

/// Records (or changes) the organisers' answer and marks the question answered. Call inside
/// a write transaction.
pub fn answer(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    qid: &str,
    input: &AgendaAnswerInput,
) -> AppResult<AgendaQuestionView> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let q = question_in(conn, &found, qid)?;
    let text = prassi_core::markdown::body_text("answer_md", &input.answer_md, MAX_ANSWER)?;
    let n = diesel::update(
        agenda_questions::table
            .find(&q.id)
            .filter(agenda_questions::status.ne(HIDDEN)),
    )
    .set((
        agenda_questions::status.eq(ANSWERED),
        agenda_questions::answer_md.eq(&text),
        agenda_questions::answered_by.eq(Some(&me)),
        agenda_questions::answered_at.eq(Some(prassi_db::now())),
    ))
    .execute(conn)?;
    if n != 1 {
        return Err(AppError::conflict("agenda-q-hidden"));
    }
    view_of(conn, &found, viewer, &q.id)
}

/// Sets the organisers' position of a question (`raw` empty: none). Call inside a write
/// transaction.
pub fn set_position(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    qid: &str,
    raw: &str,
) -> AppResult<()> {
    let found = readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let q = question_in(conn, &found, qid)?;
    let position = match raw.trim() {
        "" => None,
        s => match s.parse::<i32>() {
            Ok(n) if (1..=MAX_POSITION).contains(&n) => Some(n),
            _ => return Err(AppError::invalid("position", "agenda-q-position-invalid")),
        },
    };
    diesel::update(agenda_questions::table.find(&q.id))
        .set(agenda_questions::position.eq(position))
        .execute(conn)?;
    Ok(())
}

/// Hides a question from everyone but the organisers (`hide`), or shows it again; the
/// event's question count follows. Call inside a write transaction.
pub fn set_hidden(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    qid: &str,
    hide: bool,
) -> AppResult<()> {
    let found = readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let q = question_in(conn, &found, qid)?;
    let base = agenda_questions::table.find(&q.id);
    let (changed, delta) = if hide {
        let n = diesel::update(base.filter(agenda_questions::status.ne(HIDDEN)))
            .set(agenda_questions::status.eq(HIDDEN))
            .execute(conn)?;
        (n, -1)
    } else {
        let hidden = base.filter(agenda_questions::status.eq(HIDDEN));
        let reopened = diesel::update(hidden.filter(agenda_questions::answered_at.is_null()))
            .set(agenda_questions::status.eq(OPEN))
            .execute(conn)?;
        let answered = diesel::update(hidden.filter(agenda_questions::answered_at.is_not_null()))
            .set(agenda_questions::status.eq(ANSWERED))
            .execute(conn)?;
        (reopened + answered, 1)
    };
    if changed == 1 {
        diesel::update(agenda_events::table.find(&found.event.id))
            .set(agenda_events::question_count.eq(agenda_events::question_count + delta))
            .execute(conn)?;
    }
    Ok(())
}

/// The author of a question as the one who asks it in the Q&A: a member in good standing who
/// may ask in the event's audience (and group), else `None`.
fn asker(
    conn: &mut DbConnection,
    author: &UserId,
    phase: Phase,
    found: &Found,
) -> AppResult<Option<Viewer>> {
    let Some(v) = prassi_core::ctx::viewer_of(conn, author)? else {
        return Ok(None);
    };
    let may_ask = v.is_member()
        && access::can(&v, phase, &found.audience, Action::Participate)
        && match &found.event.group_id {
            Some(g) => v.is_admin() || v.account().is_some_and(|a| a.groups.contains(&g.0)),
            None => true,
        };
    Ok(may_ask.then_some(v))
}

/// Turns an answered question into a Q&A question in the event's audience (and group), with
/// the recorded answer posted by the organiser and accepted; `note(event title, event page)`
/// is appended to its body (where it comes from). Returns the Q&A question's address. A second conversion is a
/// conflict. Call inside a write transaction.
pub fn to_qa(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    qid: &str,
    form: &ManageForm,
    note: impl FnOnce(&str, &str) -> String,
) -> AppResult<String> {
    viewer.user_id().ok_or_else(AppError::unauthorized)?;
    let found = readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let q = question_in(conn, &found, qid)?;
    if q.qa_question_id.is_some() {
        return Err(AppError::conflict("agenda-q-already-in-qa"));
    }
    if q.status != ANSWERED {
        return Err(AppError::conflict("agenda-q-not-answered"));
    }
    let author = match &q.author_id {
        Some(a) => asker(conn, a, phase, &found)?,
        None => None,
    }
    .unwrap_or_else(|| viewer.clone());
    let note = note(&found.event.title, &event_url(&found.event.id));
    let body = if note.is_empty() {
        q.body.clone()
    } else {
        format!("{}\n\n{note}", q.body)
    };
    let input = prassi_qa::service::QuestionInput {
        title: form.title.clone(),
        body_md: body,
        tags: form.tags.clone(),
        audience: found.event.audience.clone(),
        lang: form.lang.clone(),
    };
    let qa_id = match &found.event.group_id {
        Some(g) => prassi_qa::service::ask_in_group(conn, &author, phase, g, &input)?,
        None => prassi_qa::service::ask(conn, &author, phase, &input)?,
    };
    let answer = prassi_qa::service::answer(conn, viewer, phase, &qa_id, &q.answer_md)?;
    prassi_qa::service::accept(conn, &author, phase, &qa_id, Some(&answer))?;
    let recorded = diesel::update(
        agenda_questions::table
            .find(&q.id)
            .filter(agenda_questions::qa_question_id.is_null()),
    )
    .set(agenda_questions::qa_question_id.eq(Some(&qa_id)))
    .execute(conn)?;
    if recorded != 1 {
        // Converted meanwhile by someone else: this transaction's Q&A rows roll back.
        return Err(AppError::conflict("agenda-q-already-in-qa"));
    }
    let title: String = questions::table
        .find(&qa_id)
        .select(questions::title)
        .first(conn)?;
    Ok(prassi_qa::service::question_url(&qa_id, &title))
}

// ------------------------------------------------------------------------------- pages

async fn list_context(ctx: &Ctx, id: &str) -> AppResult<Context> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.to_owned());
    let list = ctx
        .state
        .run(move |conn| list(conn, &viewer, phase, &id))
        .await?;
    let mut c = Context::new();
    c.insert("list", &list);
    c.insert("form", &AgendaQuestionInput::default());
    Ok(c)
}

async fn list_page(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let c = list_context(&ctx, &id).await?;
    ctx.render("agenda/questions.html", c)
}

async fn submit_page(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<AgendaQuestionInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| submit(conn, &viewer, phase, &i2, &input))
        .await
    {
        Ok(q) => {
            ctx.flash("success", "agenda-q-sent");
            Ok(Ctx::redirect(&format!(
                "/agenda/{id}/domande#domanda-{}",
                q.id
            )))
        }
        Err(e) => {
            let mut c = list_context(&ctx, &id).await?;
            c.insert("form", &typed);
            ctx.form_error("agenda/questions.html", c, e)
        }
    }
}

async fn question_context(ctx: &Ctx, id: &str, qid: &str) -> AppResult<Context> {
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (id, qid) = (id.to_owned(), qid.to_owned());
    let page = ctx
        .state
        .run(move |conn| page(conn, &viewer, phase, &id, &qid))
        .await?;
    let form = ManageForm {
        position: page
            .question
            .position
            .map(|p| p.to_string())
            .unwrap_or_default(),
        answer_md: page.question.answer_md.clone().unwrap_or_default(),
        title: page.suggested_title.clone(),
        tags: String::new(),
        lang: String::new(),
    };
    let mut c = Context::new();
    c.insert("page", &page);
    c.insert("form", &form);
    Ok(c)
}

async fn question_page(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    let (id, qid) = path.into_inner();
    let c = question_context(&ctx, &id, &qid).await?;
    ctx.render("agenda/questions.html", c)
}

/// Shows a question's page again with the error and what was typed.
async fn question_error(
    ctx: &Ctx,
    id: &str,
    qid: &str,
    typed: Option<ManageForm>,
    e: AppError,
) -> AppResult<HttpResponse> {
    let mut c = question_context(ctx, id, qid).await?;
    if let Some(t) = typed {
        c.insert("form", &t);
    }
    ctx.form_error("agenda/questions.html", c, e)
}

/// The support button: `sostegno` is `1` (support) or `0` (withdraw), empty toggles; `da`
/// is `domanda` when it was pressed on the question's own page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SupportForm {
    pub sostegno: String,
    pub da: String,
}

async fn support_page(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    form: web::Form<SupportForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, qid) = path.into_inner();
    let form = form.into_inner();
    let want = match form.sostegno.trim() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (i2, q2) = (id.clone(), qid.clone());
    match ctx
        .state
        .write(move |conn| support(conn, &viewer, phase, &i2, &q2, want))
        .await
    {
        Ok(r) => {
            ctx.flash(
                "success",
                if r.supported {
                    "agenda-q-supported"
                } else {
                    "agenda-q-unsupported"
                },
            );
            Ok(Ctx::redirect(&if form.da == "domanda" {
                format!("/agenda/{id}/domande/{qid}")
            } else {
                format!("/agenda/{id}/domande#domanda-{qid}")
            }))
        }
        Err(e) if form.da == "domanda" => question_error(&ctx, &id, &qid, None, e).await,
        Err(e) => {
            let c = list_context(&ctx, &id).await?;
            ctx.form_error("agenda/questions.html", c, e)
        }
    }
}

async fn answer_page(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    form: web::Form<ManageForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, qid) = path.into_inner();
    let typed = form.into_inner();
    let input = AgendaAnswerInput {
        answer_md: typed.answer_md.clone(),
    };
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (i2, q2) = (id.clone(), qid.clone());
    match ctx
        .state
        .write(move |conn| answer(conn, &viewer, phase, &i2, &q2, &input))
        .await
    {
        Ok(_) => {
            ctx.flash("success", "agenda-q-answered");
            Ok(Ctx::redirect(&format!(
                "/agenda/{id}/domande#domanda-{qid}"
            )))
        }
        Err(e) => question_error(&ctx, &id, &qid, Some(typed), e).await,
    }
}

async fn position_page(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    form: web::Form<ManageForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, qid) = path.into_inner();
    let typed = form.into_inner();
    let raw = typed.position.clone();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (i2, q2) = (id.clone(), qid.clone());
    match ctx
        .state
        .write(move |conn| set_position(conn, &viewer, phase, &i2, &q2, &raw))
        .await
    {
        Ok(()) => {
            ctx.flash("success", "agenda-q-position-saved");
            Ok(Ctx::redirect(&format!(
                "/agenda/{id}/domande#domanda-{qid}"
            )))
        }
        Err(e) => {
            // Keep only the typed position: the other fields come from the question.
            let mut c = question_context(&ctx, &id, &qid).await?;
            let mut form: ManageForm = c
                .get("form")
                .cloned()
                .and_then(|v| serde_json::from_value(v).ok())
                .unwrap_or_default();
            form.position = typed.position;
            c.insert("form", &form);
            ctx.form_error("agenda/questions.html", c, e)
        }
    }
}

/// The hide button: `nascondi` is `1` to hide, `0` to show again.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HideForm {
    pub nascondi: String,
}

async fn hide_page(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    form: web::Form<HideForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, qid) = path.into_inner();
    let hide = form.nascondi.trim() != "0";
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (i2, q2) = (id.clone(), qid.clone());
    ctx.state
        .write(move |conn| set_hidden(conn, &viewer, phase, &i2, &q2, hide))
        .await?;
    ctx.flash(
        "success",
        if hide {
            "agenda-q-hidden-done"
        } else {
            "agenda-q-shown-done"
        },
    );
    Ok(Ctx::redirect(&format!("/agenda/{id}/domande")))
}

async fn to_qa_page(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    form: web::Form<ManageForm>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, qid) = path.into_inner();
    let typed = form.into_inner();
    let input = typed.clone();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (i2, q2) = (id.clone(), qid.clone());
    let lang = ctx.lang;
    match ctx
        .state
        .write(move |conn| {
            let note = |title: &str, url: &str| {
                use prassi_core::i18n::{t_args, FluentArg};
                t_args(
                    lang,
                    "agenda-q-qa-note",
                    &[
                        ("title", FluentArg::Str(title.to_owned())),
                        ("url", FluentArg::Str(url.to_owned())),
                    ],
                )
            };
            to_qa(conn, &viewer, phase, &i2, &q2, &input, note)
        })
        .await
    {
        Ok(url) => {
            ctx.flash("success", "agenda-q-in-qa-done");
            Ok(Ctx::redirect(&url))
        }
        Err(e) => question_error(&ctx, &id, &qid, Some(typed), e).await,
    }
}

// --------------------------------------------------------------------------------- API

/// `GET /api/v1/agenda/events/{id}/questions`
#[utoipa::path(get, path = "/api/v1/agenda/events/{id}/questions", tag = "agenda",
    params(("id" = String, Path)),
    responses((status = 200, body = AgendaQuestionList),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope)))]
async fn api_list(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let l = ctx
        .state
        .run(move |conn| list(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(l))
}

/// `POST /api/v1/agenda/events/{id}/questions`: a registered participant's or an organiser's
/// question, until the event ends.
#[utoipa::path(post, path = "/api/v1/agenda/events/{id}/questions", tag = "agenda",
    params(("id" = String, Path)), request_body = AgendaQuestionInput,
    responses((status = 201, body = AgendaQuestionView),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Neither a registered participant nor an organiser", body = ErrorEnvelope),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "The event has ended or is cancelled", body = ErrorEnvelope),
        (status = 422, description = "The question is empty or longer than 1,000 characters", body = ErrorEnvelope)))]
async fn api_submit(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<AgendaQuestionInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let q = ctx
        .state
        .write(move |conn| submit(conn, &viewer, phase, &id, &input))
        .await?;
    Ok(HttpResponse::Created().json(q))
}

/// `POST /api/v1/agenda/events/{id}/questions/{qid}/support`: toggles the caller's support.
#[utoipa::path(post, path = "/api/v1/agenda/events/{id}/questions/{qid}/support", tag = "agenda",
    params(("id" = String, Path), ("qid" = String, Path)),
    responses((status = 200, body = AgendaSupportResult),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "Neither a registered participant nor an organiser", body = ErrorEnvelope),
        (status = 404, description = "No such event or question, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "The caller's own question, a question no longer open, or an event that has ended", body = ErrorEnvelope)))]
async fn api_support(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, qid) = path.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let r = ctx
        .state
        .write(move |conn| support(conn, &viewer, phase, &id, &qid, None))
        .await?;
    Ok(HttpResponse::Ok().json(r))
}

/// `PUT /api/v1/agenda/events/{id}/questions/{qid}/answer`: records the organisers' answer.
#[utoipa::path(put, path = "/api/v1/agenda/events/{id}/questions/{qid}/answer", tag = "agenda",
    params(("id" = String, Path), ("qid" = String, Path)), request_body = AgendaAnswerInput,
    responses((status = 200, body = AgendaQuestionView),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not manage the event", body = ErrorEnvelope),
        (status = 404, description = "No such event or question, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "The question is hidden", body = ErrorEnvelope),
        (status = 422, description = "The answer is empty, too long, or has an image without alternative text", body = ErrorEnvelope)))]
async fn api_answer(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    body: web::Json<AgendaAnswerInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, qid) = path.into_inner();
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let q = ctx
        .state
        .write(move |conn| answer(conn, &viewer, phase, &id, &qid, &input))
        .await?;
    Ok(HttpResponse::Ok().json(q))
}

/// Question time's OpenAPI paths.
#[derive(OpenApi)]
#[openapi(
    paths(api_list, api_submit, api_support, api_answer),
    components(schemas(
        AgendaQuestionList,
        AgendaQuestionView,
        AgendaQuestionInput,
        AgendaAnswerInput,
        AgendaSupportResult
    ))
)]
pub struct QuestionsApi;

/// Registers question time's HTML and JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/agenda/{id}/domande", web::get().to(list_page))
        .route("/agenda/{id}/domande", web::post().to(submit_page))
        .route("/agenda/{id}/domande/{qid}", web::get().to(question_page))
        .route(
            "/agenda/{id}/domande/{qid}/sostegno",
            web::post().to(support_page),
        )
        .route(
            "/agenda/{id}/domande/{qid}/risposta",
            web::post().to(answer_page),
        )
        .route(
            "/agenda/{id}/domande/{qid}/ordine",
            web::post().to(position_page),
        )
        .route(
            "/agenda/{id}/domande/{qid}/nascondi",
            web::post().to(hide_page),
        )
        .route(
            "/agenda/{id}/domande/{qid}/in-qa",
            web::post().to(to_qa_page),
        )
        .route(
            "/api/v1/agenda/events/{id}/questions",
            web::get().to(api_list),
        )
        .route(
            "/api/v1/agenda/events/{id}/questions",
            web::post().to(api_submit),
        )
        .route(
            "/api/v1/agenda/events/{id}/questions/{qid}/support",
            web::post().to(api_support),
        )
        .route(
            "/api/v1/agenda/events/{id}/questions/{qid}/answer",
            web::put().to(api_answer),
        );
}
