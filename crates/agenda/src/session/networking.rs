//! Networking tables (the Co-Labora format): organisers define tables — a topic, a facilitator,
//! seats — participants choose one, or the organisers seat everyone still without a table so
//! that each table mixes organisations ([`crate::tables::assign`]); each table's facilitator
//! writes its outcomes, which the report collects. Service, HTML pages under
//! `/agenda/{id}/tavoli` and JSON under `/api/v1/agenda/events/{id}/tables`, all behind
//! [`crate::access::readable_event`].
//!
//! **Seats are never oversold.** A table's seats taken are `agenda_tables.seated_count`, held
//! by the check `seated_count <= seats` and raised only by a conditional update (`… WHERE seats
//! IS NULL OR seated_count < seats`); one table per participant and event is the primary key
//! of `agenda_table_seats`. Every path that seats or unseats someone first takes the event's
//! lock ([`crate::service::registration::lock_event`], the lock order registrations use), so
//! choices, moves, automatic assignment and redefinitions of one event run one after the other
//! and each reads what the previous one committed.
//!
//! **Definitions are one text**, one table per line, `topic | @facilitator | seats` (the last
//! two optional), so the form works without JavaScript and the API takes the same shape. A
//! line is matched to an existing table by its topic (ignoring case and spacing): that table
//! keeps its id, its people and its outcomes. A table no longer listed is removed and its
//! people unseated. Every bad line is reported at once, as `definitions.<line>`.
//!
//! **Who sees whom.** Topics, facilitators, seat counts and outcomes are shown to whoever sees
//! the event; the names of those seated only to those who manage the event, the tables'
//! facilitators and the event's registered participants (and organisations only to those who
//! manage it, who need them to check the mix).

use std::collections::{HashMap, HashSet};

use actix_web::{web, HttpResponse};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope, ErrorKind, FieldError};
use prassi_core::i18n::{self, FluentArg};
use prassi_core::input;
use prassi_core::Ctx;
use prassi_db::models::AgendaTable;
use prassi_db::schema::{
    agenda_registrations, agenda_table_seats, agenda_tables, group_members, organisations, users,
};
use prassi_db::{AccountStatus, DbConnection, EventId, EventStatus, RegistrationStatus, UserId};
use serde::{Deserialize, Serialize};
use tera::Context;
use utoipa::{OpenApi, ToSchema};

use crate::access::{readable_event, Found};
use crate::service::event_url;
use crate::service::events::PersonView;
use crate::service::registration::lock_event;
use crate::tables::{self as seating, Assignment, Seat, TableCap};

/// Most tables of one event.
pub const MAX_TABLES: usize = 50;
/// Longest topic, in characters.
pub const MAX_TOPIC: usize = 200;
/// Most seats at one table.
pub const MAX_SEATS: i64 = 10_000;
/// Longest outcomes text, in characters.
pub const MAX_OUTCOMES: usize = 20_000;
/// Most people listed at the tables at once.
const MAX_LISTED: i64 = 5_000;

const CHOSEN: &str = "chosen";
const ASSIGNED: &str = "assigned";

/// The tables of an event, as its organisers write them (see the module comment).
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
#[schema(as = AgendaTablesInput)]
pub struct TablesInput {
    /// One table per line: `topic | @facilitator | seats` (facilitator and seats optional;
    /// no seats means no limit). Empty removes every table.
    pub definitions: String,
}

/// A table's outcomes, as its facilitator writes them.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
#[schema(as = AgendaOutcomesInput)]
pub struct OutcomesInput {
    /// Markdown, at most 20,000 characters; empty clears them.
    pub outcomes_md: String,
}

/// Someone seated at a table.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaTableSeat)]
pub struct SeatView {
    pub username: String,
    pub display_name: String,
    /// Their organisation (only for those who manage the event).
    pub organisation: Option<String>,
    /// `chosen` by the participant or `assigned` by the organisers.
    pub how: String,
}

/// A networking table as its page shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaNetworkingTable)]
pub struct TableView {
    pub id: String,
    /// 1, 2, … in the organisers' order.
    pub number: usize,
    pub topic: String,
    pub facilitator: Option<PersonView>,
    /// `None`: no limit.
    pub seats: Option<i64>,
    pub seated_count: i64,
    /// `None`: no limit.
    pub seats_left: Option<i64>,
    /// Who sits there, by name; `None` when the viewer may not see names.
    pub people: Option<Vec<SeatView>>,
    pub outcomes_md: String,
    /// The outcomes rendered and sanitized.
    pub outcomes_html: String,
    pub outcomes_at: Option<NaiveDateTime>,
    /// The viewer sits here.
    pub mine: bool,
    /// The viewer may sit here now (a registered participant elsewhere or at no table, and a
    /// seat is free).
    pub may_choose: bool,
    /// The viewer may write the outcomes (the facilitator, or someone managing the event).
    pub may_write_outcomes: bool,
}

/// An event's networking tables, for its page and the API.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaNetworkingTables)]
pub struct TablesView {
    pub event_id: String,
    pub event_title: String,
    pub event_url: String,
    pub tables: Vec<TableView>,
    /// The id of the viewer's table.
    pub my_table: Option<String>,
    /// The viewer is a registered participant (who may choose a table).
    pub participant: bool,
    /// The viewer sees who sits where.
    pub names_shown: bool,
    /// The viewer manages the event.
    pub manages: bool,
    /// The definitions as the organisers' form shows them (those who manage the event).
    pub definitions: Option<String>,
    /// Registered participants without a table, from the stored counts (those who manage
    /// the event).
    pub unseated: Option<i64>,
}

/// What a redefinition did.
#[derive(Debug, Clone, Serialize)]
pub struct Defined {
    pub tables: usize,
    /// People unseated because their table was removed.
    pub unseated: i64,
}

/// What an automatic assignment did.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaTablesAssigned)]
pub struct Assigned {
    /// Participants given a table now.
    pub assigned: usize,
    /// Registered participants still without a table (no seat was left for them).
    pub without_table: usize,
}

/// Where a participant now sits.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AgendaTableChosen)]
pub struct Chosen {
    pub table_id: String,
    /// `false` when the participant already sat there.
    pub moved: bool,
}

// ---------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------

/// A topic as lines are matched to tables: case and inner spacing ignored.
fn topic_key(topic: &str) -> String {
    topic
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A table of the event, or `NotFound`.
fn table_of(conn: &mut DbConnection, event: &EventId, table_id: &str) -> AppResult<AgendaTable> {
    agenda_tables::table
        .filter(agenda_tables::id.eq(table_id))
        .filter(agenda_tables::event_id.eq(event))
        .select(AgendaTable::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)
}

/// Whether `user` holds a seat at the event (registration status `registered`).
fn is_registered(conn: &mut DbConnection, event: &EventId, user: &UserId) -> AppResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        agenda_registrations::table
            .filter(agenda_registrations::event_id.eq(event))
            .filter(agenda_registrations::user_id.eq(user))
            .filter(agenda_registrations::status.eq(RegistrationStatus::Registered)),
    ))
    .get_result(conn)?)
}

/// The tables of an event in order, with their facilitators' usernames and names.
pub(crate) fn tables_with_facilitators(
    conn: &mut DbConnection,
    event: &EventId,
) -> AppResult<Vec<(AgendaTable, Option<PersonView>)>> {
    let rows: Vec<(AgendaTable, Option<String>, Option<String>)> = agenda_tables::table
        .left_join(users::table.on(users::id.nullable().eq(agenda_tables::facilitator_id)))
        .filter(agenda_tables::event_id.eq(event))
        .order((agenda_tables::position.asc(), agenda_tables::id.asc()))
        .select((
            AgendaTable::as_select(),
            users::username.nullable(),
            users::display_name.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(t, username, display_name)| {
            let person = match (username, display_name) {
                (Some(username), Some(display_name)) => Some(PersonView {
                    username,
                    display_name,
                }),
                _ => None,
            };
            (t, person)
        })
        .collect())
}

/// The tables of an event as the viewer may see them.
pub fn tables_view(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<TablesView> {
    let found = readable_event(conn, id, viewer, phase)?;
    view_of(conn, viewer, &found)
}

fn view_of(conn: &mut DbConnection, viewer: &Viewer, found: &Found) -> AppResult<TablesView> {
    let event = &found.event;
    let tables = tables_with_facilitators(conn, &event.id)?;
    let me = viewer.user_id().filter(|_| viewer.participates());
    let participant = match me {
        Some(me) => is_registered(conn, &event.id, me)?,
        None => false,
    };
    let my_table: Option<String> = match me {
        Some(me) => agenda_table_seats::table
            .find((&event.id, me))
            .select(agenda_table_seats::table_id)
            .first(conn)
            .optional()?,
        None => None,
    };
    let facilitates = me.is_some_and(|me| {
        tables
            .iter()
            .any(|(t, _)| t.facilitator_id.as_ref() == Some(me))
    });
    let names_shown = found.manages || participant || facilitates;
    let mut people: HashMap<String, Vec<SeatView>> = HashMap::new();
    if names_shown {
        let rows: Vec<(String, String, String, String, Option<String>)> = agenda_table_seats::table
            .inner_join(users::table)
            .left_join(
                organisations::table.on(users::organisation_id.eq(organisations::id.nullable())),
            )
            .filter(agenda_table_seats::event_id.eq(&event.id))
            .order((users::display_name.asc(), users::username.asc()))
            .limit(MAX_LISTED)
            .select((
                agenda_table_seats::table_id,
                agenda_table_seats::how,
                users::username,
                users::display_name,
                organisations::name.nullable(),
            ))
            .load(conn)?;
        for (table, how, username, display_name, organisation) in rows {
            people.entry(table).or_default().push(SeatView {
                username,
                display_name,
                organisation: organisation.filter(|_| found.manages),
                how,
            });
        }
    }
    let open = event.status != EventStatus::Cancelled;
    let seated_total: i64 = tables.iter().map(|(t, _)| t.seated_count).sum();
    let definitions = found.manages.then(|| {
        tables
            .iter()
            .map(|(t, f)| definition_line(t, f.as_ref()))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let views = tables
        .into_iter()
        .enumerate()
        .map(|(i, (t, facilitator))| {
            let seats_left = t.seats.map(|s| (s - t.seated_count).max(0));
            let mine = my_table.as_deref() == Some(t.id.as_str());
            let facilitating = me.is_some() && t.facilitator_id.as_ref() == me;
            TableView {
                number: i + 1,
                topic: t.topic,
                facilitator,
                seats: t.seats,
                seated_count: t.seated_count,
                seats_left,
                people: names_shown.then(|| people.remove(&t.id).unwrap_or_default()),
                outcomes_html: prassi_core::markdown::render(&t.outcomes_md),
                outcomes_md: t.outcomes_md,
                outcomes_at: t.outcomes_at,
                mine,
                may_choose: participant && open && !mine && seats_left != Some(0),
                may_write_outcomes: found.manages || facilitating,
                id: t.id,
            }
        })
        .collect();
    Ok(TablesView {
        event_id: event.id.0.clone(),
        event_title: event.title.clone(),
        event_url: event_url(&event.id),
        tables: views,
        my_table,
        participant,
        names_shown,
        manages: found.manages,
        definitions,
        unseated: found
            .manages
            .then(|| (event.registered_count - seated_total).max(0)),
    })
}

/// A table as a line of the definitions text.
fn definition_line(t: &AgendaTable, facilitator: Option<&PersonView>) -> String {
    let who = facilitator
        .map(|p| format!("@{}", p.username))
        .unwrap_or_default();
    match t.seats {
        Some(seats) => format!("{} | {who} | {seats}", t.topic),
        None if !who.is_empty() => format!("{} | {who}", t.topic),
        None => t.topic.clone(),
    }
}

/// A valid line of the definitions.
struct Line {
    number: usize,
    topic: String,
    key: String,
    facilitator: Option<UserId>,
    seats: Option<i64>,
}

/// A problem on a line (0: the text as a whole), as a message key.
type Problem = (usize, &'static str);

/// Parses and checks every line, collecting every problem.
fn parse(
    conn: &mut DbConnection,
    audience: &Audience,
    text: &str,
) -> AppResult<(Vec<Line>, Vec<Problem>)> {
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let text = input::normalize_newlines(text);
    for (i, raw) in text.split('\n').enumerate() {
        let number = i + 1;
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let fields: Vec<&str> = raw.split('|').map(str::trim).collect();
        if fields.len() > 3 {
            problems.push((number, "agenda-tb-line-invalid"));
            continue;
        }
        let before = problems.len();
        let topic = match input::optional("topic", fields.first().copied(), MAX_TOPIC) {
            Ok(t) if t.is_empty() => {
                problems.push((number, "agenda-tb-topic-missing"));
                t
            }
            Ok(t) => t,
            Err(e) if e.message == "field-too-long" => {
                problems.push((number, "agenda-tb-topic-too-long"));
                String::new()
            }
            Err(_) => {
                problems.push((number, "agenda-tb-topic-bad-characters"));
                String::new()
            }
        };
        let key = topic_key(&topic);
        if !key.is_empty() && !seen.insert(key.clone()) {
            problems.push((number, "agenda-tb-topic-duplicate"));
        }
        let facilitator = match fields.get(1).map(|f| f.trim_start_matches('@').trim()) {
            None | Some("") => None,
            Some(name) => {
                let user: Option<UserId> = users::table
                    .filter(users::username.eq(name))
                    .filter(users::status.eq(AccountStatus::Active))
                    .select(users::id)
                    .first(conn)
                    .optional()?;
                match (user, audience) {
                    (None, _) => {
                        problems.push((number, "agenda-tb-facilitator-unknown"));
                        None
                    }
                    (Some(u), Audience::Group(g)) => {
                        let inside: bool = diesel::select(diesel::dsl::exists(
                            group_members::table.find((g.as_str(), &u)),
                        ))
                        .get_result(conn)?;
                        if !inside {
                            problems.push((number, "agenda-tb-facilitator-outside"));
                        }
                        Some(u)
                    }
                    (Some(u), _) => Some(u),
                }
            }
        };
        let seats = match fields.get(2).copied() {
            None | Some("") => None,
            Some(raw) => match raw.parse::<i64>() {
                Ok(n) if (1..=MAX_SEATS).contains(&n) => Some(n),
                _ => {
                    problems.push((number, "agenda-tb-seats-invalid"));
                    None
                }
            },
        };
        if problems.len() == before {
            lines.push(Line {
                number,
                topic,
                key,
                facilitator,
                seats,
            });
        }
    }
    if lines.len() > MAX_TABLES {
        problems.push((0, "agenda-tb-too-many"));
    }
    Ok((lines, problems))
}

/// Every problem as one `Invalid` error: `definitions.<line>`, or `definitions` for the text
/// as a whole, in line order.
fn refuse(mut problems: Vec<Problem>) -> Option<AppError> {
    problems.sort_by_key(|(line, _)| *line);
    AppError::invalid_fields(
        problems
            .into_iter()
            .map(|(line, message)| FieldError {
                field: if line == 0 {
                    "definitions".to_owned()
                } else {
                    format!("definitions.{line}")
                },
                message: message.to_owned(),
            })
            .collect(),
    )
}

/// Lowers a table's count after one person left it. The caller holds the event's lock.
fn leave(conn: &mut DbConnection, table: &str) -> AppResult<()> {
    let n = diesel::update(
        agenda_tables::table
            .find(table)
            .filter(agenda_tables::seated_count.gt(0)),
    )
    .set(agenda_tables::seated_count.eq(agenda_tables::seated_count - 1))
    .execute(conn)?;
    if n == 1 {
        Ok(())
    } else {
        Err(AppError::internal("a table's count is below its seats"))
    }
}

/// Unseats `user` from their table at the event, if any, keeping the table's count. The
/// caller holds the event's lock (a cancelled registration should call this in its own
/// transaction). Returns whether someone was unseated.
pub fn unseat(conn: &mut DbConnection, event: &EventId, user: &UserId) -> AppResult<bool> {
    let table: Option<String> = agenda_table_seats::table
        .find((event, user))
        .select(agenda_table_seats::table_id)
        .first(conn)
        .optional()?;
    let Some(table) = table else {
        return Ok(false);
    };
    diesel::delete(agenda_table_seats::table.find((event, user))).execute(conn)?;
    leave(conn, &table)?;
    Ok(true)
}

/// Replaces an event's tables with `input.definitions` (those who manage the event). Every bad
/// line is reported at once; lowering a table's seats below the people already there is one
/// of them. Call inside a write transaction.
pub fn define(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    input: &TablesInput,
) -> AppResult<Defined> {
    let found = readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let event = found.event.id.clone();
    lock_event(conn, &event)?;
    let (lines, mut problems) = parse(conn, &found.audience, &input.definitions)?;
    let existing: Vec<AgendaTable> = agenda_tables::table
        .filter(agenda_tables::event_id.eq(&event))
        .order((agenda_tables::position.asc(), agenda_tables::id.asc()))
        .select(AgendaTable::as_select())
        .load(conn)?;
    let by_key: HashMap<String, &AgendaTable> =
        existing.iter().map(|t| (topic_key(&t.topic), t)).collect();
    for line in &lines {
        if let (Some(t), Some(seats)) = (by_key.get(&line.key), line.seats) {
            if seats < t.seated_count {
                problems.push((line.number, "agenda-tb-seats-below-seated"));
            }
        }
    }
    if let Some(e) = refuse(problems) {
        return Err(e);
    }
    let kept: HashSet<&str> = lines.iter().map(|l| l.key.as_str()).collect();
    let mut unseated = 0;
    for t in &existing {
        if !kept.contains(topic_key(&t.topic).as_str()) {
            unseated += t.seated_count;
            diesel::delete(
                agenda_table_seats::table.filter(agenda_table_seats::table_id.eq(&t.id)),
            )
            .execute(conn)?;
            diesel::delete(agenda_tables::table.find(&t.id)).execute(conn)?;
        }
    }
    for (i, line) in lines.iter().enumerate() {
        let position = i32::try_from(i).unwrap_or(i32::MAX);
        match by_key.get(&line.key) {
            Some(t) => {
                diesel::update(agenda_tables::table.find(&t.id))
                    .set((
                        agenda_tables::position.eq(position),
                        agenda_tables::topic.eq(&line.topic),
                        agenda_tables::facilitator_id.eq(&line.facilitator),
                        agenda_tables::seats.eq(line.seats),
                    ))
                    .execute(conn)?;
            }
            None => {
                diesel::insert_into(agenda_tables::table)
                    .values(AgendaTable {
                        id: prassi_db::fresh_id(),
                        event_id: event.clone(),
                        position,
                        topic: line.topic.clone(),
                        facilitator_id: line.facilitator.clone(),
                        seats: line.seats,
                        seated_count: 0,
                        outcomes_md: String::new(),
                        outcomes_at: None,
                    })
                    .execute(conn)?;
            }
        }
    }
    Ok(Defined {
        tables: lines.len(),
        unseated,
    })
}

/// Seats every registered participant without a table, mixing organisations (see
/// [`crate::tables`]): first come, first served while seats last (those who manage the
/// event). Seats held by people no longer registered are freed first. Call inside a write
/// transaction.
pub fn assign_all(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<Assigned> {
    let found = readable_event(conn, id, viewer, phase)?;
    found.require_manager()?;
    let event = found.event.id.clone();
    lock_event(conn, &event)?;
    let people: Vec<(UserId, Option<String>)> = agenda_registrations::table
        .inner_join(users::table)
        .filter(agenda_registrations::event_id.eq(&event))
        .filter(agenda_registrations::status.eq(RegistrationStatus::Registered))
        .order((
            agenda_registrations::created_at.asc(),
            agenda_registrations::id.asc(),
        ))
        .select((agenda_registrations::user_id, users::organisation_id))
        .load(conn)?;
    let registered: HashSet<&UserId> = people.iter().map(|(u, _)| u).collect();
    let seats: Vec<(UserId, String)> = agenda_table_seats::table
        .filter(agenda_table_seats::event_id.eq(&event))
        .select((agenda_table_seats::user_id, agenda_table_seats::table_id))
        .load(conn)?;
    let mut already = Vec::with_capacity(seats.len());
    for (user, table) in seats {
        if registered.contains(&user) {
            already.push(Assignment {
                table,
                participant: user.0,
            });
        } else {
            unseat(conn, &event, &user)?;
        }
    }
    let tables: Vec<(String, Option<i64>)> = agenda_tables::table
        .filter(agenda_tables::event_id.eq(&event))
        .order((agenda_tables::position.asc(), agenda_tables::id.asc()))
        .select((agenda_tables::id, agenda_tables::seats))
        .load(conn)?;
    let caps: Vec<TableCap> = tables
        .iter()
        .map(|(id, seats)| TableCap {
            table: id.clone(),
            seats: seats.map(|s| u32::try_from(s.max(0)).unwrap_or(u32::MAX)),
        })
        .collect();
    let seats_wanted: Vec<Seat> = people
        .iter()
        .map(|(u, org)| Seat {
            participant: u.0.clone(),
            organisation: org.clone(),
        })
        .collect();
    let new = seating::assign(&seats_wanted, &caps, &already);
    // One conditional update per table; the check constraint is the last defence.
    let mut per_table: Vec<(&str, i64)> = Vec::new();
    for a in &new {
        match per_table.iter_mut().find(|(t, _)| *t == a.table) {
            Some((_, n)) => *n += 1,
            None => per_table.push((&a.table, 1)),
        }
    }
    for (table, k) in &per_table {
        let n = diesel::update(agenda_tables::table.find(*table))
            .filter(
                agenda_tables::seats
                    .is_null()
                    .or((agenda_tables::seated_count + *k)
                        .nullable()
                        .le(agenda_tables::seats)
                        .assume_not_null()),
            )
            .set(agenda_tables::seated_count.eq(agenda_tables::seated_count + *k))
            .execute(conn)?;
        if n != 1 {
            return Err(AppError::internal("assignment beyond a table's seats"));
        }
    }
    let now = prassi_db::now();
    for a in &new {
        diesel::insert_into(agenda_table_seats::table)
            .values((
                agenda_table_seats::event_id.eq(&event),
                agenda_table_seats::user_id.eq(&a.participant),
                agenda_table_seats::table_id.eq(&a.table),
                agenda_table_seats::how.eq(ASSIGNED),
                agenda_table_seats::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(Assigned {
        assigned: new.len(),
        without_table: people.len().saturating_sub(already.len() + new.len()),
    })
}

/// Seats the viewer, a registered participant, at a table of the event, or moves them there
/// from their table; a full table is a conflict. Call inside a write transaction.
pub fn choose(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    table_id: &str,
) -> AppResult<Chosen> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_event(conn, id, viewer, phase)?;
    let event = found.event.id.clone();
    lock_event(conn, &event)?;
    let table = table_of(conn, &event, table_id)?;
    if !viewer.participates() || !is_registered(conn, &event, &me)? {
        return Err(AppError::forbidden().with_message("agenda-tb-not-registered"));
    }
    if found.event.status == EventStatus::Cancelled {
        return Err(AppError::conflict("agenda-tb-event-cancelled"));
    }
    let current: Option<String> = agenda_table_seats::table
        .find((&event, &me))
        .select(agenda_table_seats::table_id)
        .first(conn)
        .optional()?;
    if current.as_deref() == Some(table.id.as_str()) {
        return Ok(Chosen {
            table_id: table.id,
            moved: false,
        });
    }
    let seated = diesel::update(agenda_tables::table.find(&table.id))
        .filter(
            agenda_tables::seats
                .is_null()
                .or(agenda_tables::seated_count
                    .nullable()
                    .lt(agenda_tables::seats)
                    .assume_not_null()),
        )
        .set(agenda_tables::seated_count.eq(agenda_tables::seated_count + 1))
        .execute(conn)?;
    if seated != 1 {
        return Err(AppError::conflict("agenda-tb-table-full"));
    }
    let now = prassi_db::now();
    match current {
        Some(old) => {
            diesel::update(agenda_table_seats::table.find((&event, &me)))
                .set((
                    agenda_table_seats::table_id.eq(&table.id),
                    agenda_table_seats::how.eq(CHOSEN),
                    agenda_table_seats::created_at.eq(now),
                ))
                .execute(conn)?;
            leave(conn, &old)?;
        }
        None => {
            diesel::insert_into(agenda_table_seats::table)
                .values((
                    agenda_table_seats::event_id.eq(&event),
                    agenda_table_seats::user_id.eq(&me),
                    agenda_table_seats::table_id.eq(&table.id),
                    agenda_table_seats::how.eq(CHOSEN),
                    agenda_table_seats::created_at.eq(now),
                ))
                .execute(conn)?;
        }
    }
    Ok(Chosen {
        table_id: table.id,
        moved: true,
    })
}

/// The table whose outcomes the viewer may write (its facilitator, or someone managing the
/// event), or `Forbidden`.
fn writable_table(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    table_id: &str,
) -> AppResult<(Found, AgendaTable)> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_event(conn, id, viewer, phase)?;
    let table = table_of(conn, &found.event.id, table_id)?;
    let facilitates = viewer.participates() && table.facilitator_id.as_ref() == Some(&me);
    if found.manages || facilitates {
        Ok((found, table))
    } else {
        Err(AppError::forbidden())
    }
}

/// A table as the outcomes form shows it, for whoever may write its outcomes.
pub fn outcomes_form(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    table_id: &str,
) -> AppResult<(TablesView, TableView)> {
    let (found, table) = writable_table(conn, viewer, phase, id, table_id)?;
    let view = view_of(conn, viewer, &found)?;
    let one = view
        .tables
        .iter()
        .find(|t| t.id == table.id)
        .cloned()
        .ok_or_else(AppError::not_found)?;
    Ok((view, one))
}

/// Writes a table's outcomes (its facilitator, or someone managing the event). Call inside a
/// write transaction.
pub fn write_outcomes(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    table_id: &str,
    input: &OutcomesInput,
) -> AppResult<()> {
    let (_, table) = writable_table(conn, viewer, phase, id, table_id)?;
    let text =
        prassi_core::markdown::optional_body_text("outcomes_md", &input.outcomes_md, MAX_OUTCOMES)?;
    let at = (!text.is_empty()).then(prassi_db::now);
    let n = diesel::update(agenda_tables::table.find(&table.id))
        .set((
            agenda_tables::outcomes_md.eq(&text),
            agenda_tables::outcomes_at.eq(at),
        ))
        .execute(conn)?;
    // Removed by a redefinition a moment ago.
    if n == 1 {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

const TEMPLATE: &str = "agenda/tables.html";

fn tables_url(id: &str) -> String {
    format!("/agenda/{id}/tavoli")
}

async fn page_context(ctx: &Ctx, id: &str) -> AppResult<Context> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.to_owned());
    let view = ctx
        .state
        .run(move |conn| tables_view(conn, &viewer, phase, &id))
        .await?;
    let mut c = Context::new();
    c.insert(
        "form",
        &TablesInput {
            definitions: view.definitions.clone().unwrap_or_default(),
        },
    );
    c.insert("view", &view);
    c.insert("outcomes_for", &None::<TableView>);
    c.insert("definitions_error", "");
    Ok(c)
}

/// The definitions' errors with their line numbers, in the page's language: one entry per
/// problem in the summary, all of them next to the field.
fn with_lines(ctx: &Ctx, err: AppError, c: &mut Context) -> AppError {
    if err.kind != ErrorKind::Invalid {
        return err;
    }
    let fields: Vec<FieldError> = err
        .field_errors()
        .into_iter()
        .map(|f| {
            let problem = ctx.t(&f.message);
            let message = match f.field.strip_prefix("definitions.") {
                Some(line) => i18n::t_args(
                    ctx.lang,
                    "agenda-tb-line-error",
                    &[
                        ("line", FluentArg::Str(line.to_owned())),
                        ("problem", FluentArg::Str(problem)),
                    ],
                ),
                None => problem,
            };
            FieldError {
                field: "definitions".to_owned(),
                message,
            }
        })
        .collect();
    let joined = fields
        .iter()
        .map(|f| f.message.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    c.insert("definitions_error", &joined);
    // Already translated: the summary shows each message as it is.
    AppError::invalid_fields(fields).unwrap_or(err)
}

async fn page(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let c = page_context(&ctx, &id).await?;
    ctx.render(TEMPLATE, c)
}

async fn define_submit(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<TablesInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| define(conn, &viewer, phase, &i2, &input))
        .await
    {
        Ok(d) => {
            ctx.flash(
                "success",
                if d.unseated > 0 {
                    "agenda-tb-saved-unseated"
                } else {
                    "agenda-tb-saved"
                },
            );
            Ok(Ctx::redirect(&tables_url(&id)))
        }
        Err(e) => {
            let mut c = page_context(&ctx, &id).await?;
            c.insert("form", &typed);
            let e = with_lines(&ctx, e, &mut c);
            ctx.form_error(TEMPLATE, c, e)
        }
    }
}

async fn assign_submit(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let id = id.into_inner();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| assign_all(conn, &viewer, phase, &i2))
        .await
    {
        Ok(a) => {
            ctx.flash(
                "success",
                if a.without_table > 0 {
                    "agenda-tb-assigned-some-left"
                } else {
                    "agenda-tb-assigned"
                },
            );
            Ok(Ctx::redirect(&tables_url(&id)))
        }
        Err(e) => {
            let c = page_context(&ctx, &id).await?;
            ctx.form_error(TEMPLATE, c, e)
        }
    }
}

async fn choose_submit(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, table) = path.into_inner();
    let (viewer, phase, i2) = (ctx.viewer.clone(), ctx.phase(), id.clone());
    match ctx
        .state
        .write(move |conn| choose(conn, &viewer, phase, &i2, &table))
        .await
    {
        Ok(_) => {
            ctx.flash("success", "agenda-tb-chosen");
            Ok(Ctx::redirect(&format!("{}#il-mio-tavolo", tables_url(&id))))
        }
        Err(e) => {
            let c = page_context(&ctx, &id).await?;
            ctx.form_error(TEMPLATE, c, e)
        }
    }
}

async fn outcomes_context(ctx: &Ctx, id: &str, table: &str) -> AppResult<Context> {
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (id, table) = (id.to_owned(), table.to_owned());
    let (view, one) = ctx
        .state
        .run(move |conn| outcomes_form(conn, &viewer, phase, &id, &table))
        .await?;
    let mut c = Context::new();
    c.insert(
        "form",
        &OutcomesInput {
            outcomes_md: one.outcomes_md.clone(),
        },
    );
    c.insert("view", &view);
    c.insert("outcomes_for", &Some(one));
    c.insert("definitions_error", "");
    Ok(c)
}

async fn outcomes_page(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, table) = path.into_inner();
    let c = outcomes_context(&ctx, &id, &table).await?;
    ctx.render(TEMPLATE, c)
}

async fn outcomes_submit(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    form: web::Form<OutcomesInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, table) = path.into_inner();
    let input = form.into_inner();
    let typed = input.clone();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (i2, t2) = (id.clone(), table.clone());
    match ctx
        .state
        .write(move |conn| write_outcomes(conn, &viewer, phase, &i2, &t2, &input))
        .await
    {
        Ok(()) => {
            ctx.flash("success", "agenda-tb-outcomes-saved");
            Ok(Ctx::redirect(&tables_url(&id)))
        }
        Err(e) => {
            let mut c = outcomes_context(&ctx, &id, &table).await?;
            c.insert("form", &typed);
            ctx.form_error(TEMPLATE, c, e)
        }
    }
}

// ---------------------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------------------

/// `GET /api/v1/agenda/events/{id}/tables`
#[utoipa::path(get, path = "/api/v1/agenda/events/{id}/tables", tag = "agenda",
    operation_id = "agenda_tables_list", params(("id" = String, Path)),
    responses((status = 200, body = TablesView),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope)))]
async fn api_list(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let view = ctx
        .state
        .run(move |conn| tables_view(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// `PUT /api/v1/agenda/events/{id}/tables`: replaces the tables (those who manage the event).
#[utoipa::path(put, path = "/api/v1/agenda/events/{id}/tables", tag = "agenda",
    operation_id = "agenda_tables_define", params(("id" = String, Path)), request_body = TablesInput,
    responses((status = 200, description = "The tables as they are now", body = TablesView),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not manage the event", body = ErrorEnvelope),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope),
        (status = 422, description = "Every bad line at once, as `definitions.<line>` (unknown facilitator, bad seats, repeated topic, seats below the people already seated…)", body = ErrorEnvelope)))]
async fn api_define(
    ctx: Ctx,
    id: web::Path<String>,
    body: web::Json<TablesInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let (v2, i2) = (viewer.clone(), id.clone());
    ctx.state
        .write(move |conn| define(conn, &v2, phase, &i2, &input))
        .await?;
    let view = ctx
        .state
        .run(move |conn| tables_view(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// `POST /api/v1/agenda/events/{id}/tables/assignment`: seats every registered participant
/// without a table, mixing organisations (those who manage the event).
#[utoipa::path(post, path = "/api/v1/agenda/events/{id}/tables/assignment", tag = "agenda",
    operation_id = "agenda_tables_assign", params(("id" = String, Path)),
    responses((status = 200, body = Assigned),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller does not manage the event", body = ErrorEnvelope),
        (status = 404, description = "No such event, or hidden from the caller", body = ErrorEnvelope)))]
async fn api_assign(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, id) = (ctx.viewer.clone(), ctx.phase(), id.into_inner());
    let a = ctx
        .state
        .write(move |conn| assign_all(conn, &viewer, phase, &id))
        .await?;
    Ok(HttpResponse::Ok().json(a))
}

/// `POST /api/v1/agenda/events/{id}/tables/{table_id}/choice`: sits the caller, a registered
/// participant, at the table (moving them from their table).
#[utoipa::path(post, path = "/api/v1/agenda/events/{id}/tables/{table_id}/choice", tag = "agenda",
    operation_id = "agenda_tables_choose", params(("id" = String, Path), ("table_id" = String, Path)),
    responses((status = 200, body = Chosen),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller is not a registered participant (`agenda-tb-not-registered`)", body = ErrorEnvelope),
        (status = 404, description = "No such event or table, or hidden from the caller", body = ErrorEnvelope),
        (status = 409, description = "The table is full (`agenda-tb-table-full`), or the event was cancelled", body = ErrorEnvelope)))]
async fn api_choose(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, table) = path.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let chosen = ctx
        .state
        .write(move |conn| choose(conn, &viewer, phase, &id, &table))
        .await?;
    Ok(HttpResponse::Ok().json(chosen))
}

/// `PUT /api/v1/agenda/events/{id}/tables/{table_id}/outcomes` (the table's facilitator, or
/// those who manage the event)
#[utoipa::path(put, path = "/api/v1/agenda/events/{id}/tables/{table_id}/outcomes", tag = "agenda",
    operation_id = "agenda_tables_outcomes", params(("id" = String, Path), ("table_id" = String, Path)),
    request_body = OutcomesInput,
    responses((status = 200, description = "The table with its outcomes", body = TableView),
        (status = 401, description = "Not signed in", body = ErrorEnvelope),
        (status = 403, description = "The caller neither facilitates the table nor manages the event", body = ErrorEnvelope),
        (status = 404, description = "No such event or table, or hidden from the caller", body = ErrorEnvelope),
        (status = 422, description = "Outcomes too long, bad characters, or an image without alternative text", body = ErrorEnvelope)))]
async fn api_outcomes(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    body: web::Json<OutcomesInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (id, table) = path.into_inner();
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let one = ctx
        .state
        .write(move |conn| {
            write_outcomes(conn, &viewer, phase, &id, &table, &input)?;
            outcomes_form(conn, &viewer, phase, &id, &table).map(|(_, one)| one)
        })
        .await?;
    Ok(HttpResponse::Ok().json(one))
}

/// This part's OpenAPI paths.
#[derive(OpenApi)]
#[openapi(
    paths(api_list, api_define, api_assign, api_choose, api_outcomes),
    components(schemas(
        TablesInput,
        OutcomesInput,
        SeatView,
        TableView,
        TablesView,
        Assigned,
        Chosen
    ))
)]
pub struct NetworkingApi;

/// Registers this part's HTML and JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/agenda/{id}/tavoli", web::get().to(page))
        .route("/agenda/{id}/tavoli", web::post().to(define_submit))
        .route("/agenda/{id}/tavoli/assegna", web::post().to(assign_submit))
        .route(
            "/agenda/{id}/tavoli/{table}/scegli",
            web::post().to(choose_submit),
        )
        .route(
            "/agenda/{id}/tavoli/{table}/esiti",
            web::get().to(outcomes_page),
        )
        .route(
            "/agenda/{id}/tavoli/{table}/esiti",
            web::post().to(outcomes_submit),
        )
        .route("/api/v1/agenda/events/{id}/tables", web::get().to(api_list))
        .route(
            "/api/v1/agenda/events/{id}/tables",
            web::put().to(api_define),
        )
        .route(
            "/api/v1/agenda/events/{id}/tables/assignment",
            web::post().to(api_assign),
        )
        .route(
            "/api/v1/agenda/events/{id}/tables/{table_id}/choice",
            web::post().to(api_choose),
        )
        .route(
            "/api/v1/agenda/events/{id}/tables/{table_id}/outcomes",
            web::put().to(api_outcomes),
        );
}
