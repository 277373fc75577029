//! Times of events: stored in UTC, typed and shown in Europe/Rome (the community's clock,
//! summer time included). Forms send `datetime-local` values (`2027-03-15T09:30`).

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Europe::Rome;
use serde::Serialize;

/// A `datetime-local` value (or `YYYY-MM-DD HH:MM`) read as Rome time, in UTC. `None` when it
/// does not parse, or names a time that does not exist in Rome (the hour skipped in March).
/// The hour that happens twice in October takes its first (summer-time) meaning.
pub fn parse_local(raw: &str) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())?;
    Rome.from_local_datetime(&local)
        .earliest()
        .map(|t| t.naive_utc())
}

/// A stored UTC time as Rome wall-clock time.
pub fn to_local(utc: NaiveDateTime) -> NaiveDateTime {
    Rome.from_utc_datetime(&utc).naive_local()
}

/// The `datetime-local` form value of a stored time.
pub fn form_value(utc: NaiveDateTime) -> String {
    to_local(utc).format("%Y-%m-%dT%H:%M").to_string()
}

/// How a page shows an event's time, computed once in Rust (templates show, not compute).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct When {
    /// `2027-03-15` (Rome), for `<time datetime>` of the day.
    pub date: String,
    /// `15/03/2027`.
    pub date_short: String,
    /// `09:30`.
    pub start_time: String,
    /// `13:30`, or `16/03/2027 13:30` when the event ends on another day.
    pub end_time: String,
    /// The start in UTC, RFC 3339 (`2027-03-15T08:30:00Z`), for `<time datetime>`.
    pub start_utc: String,
    pub end_utc: String,
    /// Day of the week, 1 = Monday … 7 = Sunday (the page names it in its language).
    pub weekday: u32,
}

impl When {
    pub fn of(starts_at: NaiveDateTime, ends_at: NaiveDateTime) -> Self {
        use chrono::Datelike;
        let (s, e) = (to_local(starts_at), to_local(ends_at));
        let end_time = if s.date() == e.date() {
            e.format("%H:%M").to_string()
        } else {
            e.format("%d/%m/%Y %H:%M").to_string()
        };
        When {
            date: s.format("%Y-%m-%d").to_string(),
            date_short: s.format("%d/%m/%Y").to_string(),
            start_time: s.format("%H:%M").to_string(),
            end_time,
            start_utc: starts_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            end_utc: ends_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            weekday: s.weekday().number_from_monday(),
        }
    }
}

/// The UTC instant when a Rome calendar day starts.
pub fn day_start_utc(day: chrono::NaiveDate) -> NaiveDateTime {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    Rome.from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.naive_utc())
        .unwrap_or(midnight)
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn rome_times_follow_summer_time_and_refuse_the_skipped_hour() {
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(
            parse_local("2027-01-15T09:30").unwrap().to_string(),
            "2027-01-15 08:30:00"
        );
        assert_eq!(
            parse_local("2027-07-15T09:30").unwrap().to_string(),
            "2027-07-15 07:30:00"
        );
        // 28 March 2027, 02:30 does not exist in Rome.
        assert_eq!(parse_local("2027-03-28T02:30"), None);
        assert_eq!(parse_local("domani"), None);
        let t = parse_local("2027-07-15T09:30").unwrap();
        assert_eq!(form_value(t), "2027-07-15T09:30");
        let w = When::of(t, parse_local("2027-07-15T13:30").unwrap());
        assert_eq!(
            (w.start_time.as_str(), w.end_time.as_str(), w.weekday),
            ("09:30", "13:30", 4)
        );
        assert_eq!(w.start_utc, "2027-07-15T07:30:00Z");
    }
}
