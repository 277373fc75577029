//! Lists of events: upcoming and past (paged, filtered by theme and group), a month and a
//! week as tables, and the events of a feed. Every list holds only events whose audience the
//! viewer may read; drafts only for moderators and administrators (organisers reach theirs from
//! the page they were sent to on saving).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_db::models::AgendaEvent;
use prassi_db::schema::{agenda_events, work_groups};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, EventStatus, GroupId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::time::{self, When};

/// An event in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EventSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    pub theme: String,
    pub when: When,
    pub format: String,
    pub venue: String,
    pub status: String,
    pub audience: String,
    pub capacity: Option<i64>,
    pub registered_count: i64,
    pub waiting_count: i64,
    pub seats_left: Option<i64>,
}

impl EventSummary {
    pub fn of(e: &AgendaEvent) -> Self {
        EventSummary {
            id: e.id.0.clone(),
            url: super::event_url(&e.id),
            title: e.title.clone(),
            theme: e.theme.clone(),
            when: When::of(e.starts_at, e.ends_at),
            format: e.format.as_str().to_owned(),
            venue: e.venue.clone(),
            status: e.status.as_str().to_owned(),
            audience: e.audience.clone(),
            capacity: e.capacity,
            registered_count: e.registered_count,
            waiting_count: e.waiting_count,
            seats_left: e.capacity.map(|c| (c - e.registered_count).max(0)),
        }
    }
}

/// Which events a list holds.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct ListFilter {
    /// `past` for past events; anything else lists upcoming ones.
    pub when: String,
    /// Only this theme.
    pub theme: String,
    /// Only this working group's events (its slug).
    pub group: String,
}

/// A page of events.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = EventListing)]
pub struct Listing {
    pub items: Vec<EventSummary>,
    pub page: PageInfo,
    /// The themes of the events the viewer may see, for the filter (at most 100).
    pub themes: Vec<String>,
}

type Boxed<'a> = agenda_events::BoxedQuery<'a, prassi_db::pool::MultiBackend>;

fn visible<'a>(viewer: &Viewer, phase: Phase) -> Boxed<'a> {
    let audiences = access::visible_audiences(viewer, phase);
    let mut q = agenda_events::table
        .filter(agenda_events::audience.one_of(audiences))
        .into_boxed();
    if !viewer.is_moderator() {
        q = q.filter(agenda_events::status.ne(EventStatus::Draft));
    }
    q
}

fn group_id(conn: &mut DbConnection, slug: &str) -> AppResult<Option<Option<GroupId>>> {
    if slug.trim().is_empty() {
        return Ok(None);
    }
    Ok(Some(
        work_groups::table
            .filter(work_groups::slug.eq(slug.trim()))
            .select(work_groups::id)
            .first(conn)
            .optional()?,
    ))
}

/// Upcoming (by start) or past (latest first) events.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    filter: &ListFilter,
    page: PageRequest,
) -> AppResult<Listing> {
    let now = Utc::now().naive_utc();
    let past = filter.when == "past";
    let group = group_id(conn, &filter.group)?;
    let build = |q: Boxed<'static>| -> Boxed<'static> {
        let mut q = if past {
            q.filter(agenda_events::ends_at.lt(now))
        } else {
            q.filter(agenda_events::ends_at.ge(now))
        };
        if !filter.theme.trim().is_empty() {
            q = q.filter(agenda_events::theme.eq(filter.theme.trim().to_owned()));
        }
        match &group {
            None => q,
            Some(Some(g)) => q.filter(agenda_events::group_id.eq(g.clone())),
            // An unknown group has no events.
            Some(None) => q.filter(agenda_events::id.eq("")),
        }
    };
    let total: i64 = build(visible(viewer, phase)).count().get_result(conn)?;
    let q = build(visible(viewer, phase));
    let q = if past {
        q.order((agenda_events::starts_at.desc(), agenda_events::id.desc()))
    } else {
        q.order((agenda_events::starts_at.asc(), agenda_events::id.asc()))
    };
    let rows: Vec<AgendaEvent> = q
        .offset(page.offset())
        .limit(page.per_page)
        .select(AgendaEvent::as_select())
        .load(conn)?;
    let themes: Vec<String> = visible(viewer, phase)
        .filter(agenda_events::theme.ne(""))
        .select(agenda_events::theme)
        .distinct()
        .order(agenda_events::theme.asc())
        .limit(100)
        .load(conn)?;
    Ok(Listing {
        items: rows.iter().map(EventSummary::of).collect(),
        page: page.info(total),
        themes,
    })
}

/// Events starting in `[from, to)` the viewer may see, by start (at most `limit`).
pub fn between(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    from: NaiveDateTime,
    to: NaiveDateTime,
    limit: i64,
) -> AppResult<Vec<AgendaEvent>> {
    Ok(visible(viewer, phase)
        .filter(agenda_events::starts_at.ge(from))
        .filter(agenda_events::starts_at.lt(to))
        .order((agenda_events::starts_at.asc(), agenda_events::id.asc()))
        .limit(limit)
        .select(AgendaEvent::as_select())
        .load(conn)?)
}

/// One day of a calendar table.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DayCell {
    /// `2027-03-15`.
    pub date: String,
    pub day: u32,
    /// Part of the month shown (a month table starts and ends with other months' days).
    pub in_month: bool,
    pub today: bool,
    pub events: Vec<EventSummary>,
}

/// A month (or a week) as a table: weeks of seven days, Monday first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthView {
    pub year: i32,
    pub month: u32,
    pub weeks: Vec<Vec<DayCell>>,
    /// `?anno=…&mese=…` of the previous and next month (or `?settimana=` of weeks).
    pub prev: String,
    pub next: String,
    /// The first day shown, `2027-03-01`.
    pub first_day: String,
}

fn cells(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    first: NaiveDate,
    days: i64,
    month: Option<u32>,
) -> AppResult<Vec<Vec<DayCell>>> {
    let last = first + Duration::days(days);
    let events = between(
        conn,
        viewer,
        phase,
        time::day_start_utc(first),
        time::day_start_utc(last),
        500,
    )?;
    let today = time::to_local(Utc::now().naive_utc()).date();
    let mut weeks = Vec::new();
    let mut week = Vec::new();
    for i in 0..days {
        let d = first + Duration::days(i);
        let mine = events
            .iter()
            .filter(|e| time::to_local(e.starts_at).date() == d)
            .map(EventSummary::of)
            .collect();
        week.push(DayCell {
            date: d.format("%Y-%m-%d").to_string(),
            day: d.day(),
            in_month: month.is_none_or(|m| d.month() == m),
            today: d == today,
            events: mine,
        });
        if week.len() == 7 {
            weeks.push(std::mem::take(&mut week));
        }
    }
    Ok(weeks)
}

/// The month `year`/`month` as a table (this month when they do not name one).
pub fn month(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    year: Option<i32>,
    month: Option<u32>,
) -> AppResult<MonthView> {
    let today = time::to_local(Utc::now().naive_utc()).date();
    let first = NaiveDate::from_ymd_opt(
        year.filter(|y| (1970..=9999).contains(y))
            .unwrap_or(today.year()),
        month
            .filter(|m| (1..=12).contains(m))
            .unwrap_or(today.month()),
        1,
    )
    .unwrap_or(today);
    let start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let next_month = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    let prev_month = first
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(first);
    let span = (next_month - start).num_days();
    let days = (span + 6) / 7 * 7;
    Ok(MonthView {
        year: first.year(),
        month: first.month(),
        weeks: cells(conn, viewer, phase, start, days, Some(first.month()))?,
        prev: format!("?anno={}&mese={}", prev_month.year(), prev_month.month()),
        next: format!("?anno={}&mese={}", next_month.year(), next_month.month()),
        first_day: first.format("%Y-%m-%d").to_string(),
    })
}

/// The week holding `day` (this week by default) as a one-row table.
pub fn week(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    day: Option<NaiveDate>,
) -> AppResult<MonthView> {
    let today = time::to_local(Utc::now().naive_utc()).date();
    let d = day.unwrap_or(today);
    let start = d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    Ok(MonthView {
        year: start.year(),
        month: start.month(),
        weeks: cells(conn, viewer, phase, start, 7, None)?,
        prev: format!(
            "?settimana={}",
            (start - Duration::days(7)).format("%Y-%m-%d")
        ),
        next: format!(
            "?settimana={}",
            (start + Duration::days(7)).format("%Y-%m-%d")
        ),
        first_day: start.format("%Y-%m-%d").to_string(),
    })
}
