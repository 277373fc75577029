//! Questionnaires (PartecipazioneER: the community "started from an internal survey, a
//! questionnaire on participation activities, whose results were then analysed and
//! published"). A questionnaire has ordered sections of questions of seven kinds (single and
//! multiple choice, short and long text, a scale, a date, a matrix of choices), each required
//! or optional; an audience; open and close dates; anonymous or named answers, which the
//! respondent is told before answering; and whether a submitted response may be edited until
//! closing.
//!
//! - [`create`]: checking (every problem at once) and creating a questionnaire;
//! - [`respond`]: a member's one response, a draft until submitted, with the per-question
//!   counters moved in the same transaction;
//! - [`view`]: the questionnaire's page, the member's own answers, the lists;
//! - [`results`]: the per-question results, read from the stored counters;
//! - [`manage`]: closing early and publishing the results;
//! - [`export`]: CSV and JSON for organisers.
//!
//! Every service decides access itself through [`access::readable`]; pages ([`pages`]) and
//! the JSON API ([`api`]) call the same functions. See `docs/polls.md`, "Questionnaires".

pub mod access;
pub mod api;
pub mod create;
pub mod demo;
pub mod export;
pub mod manage;
pub mod pages;
pub mod respond;
pub mod results;
pub mod search;
pub mod view;

use chrono::NaiveDateTime;
use prassi_db::ids::QuestionnaireId;
use prassi_db::models::Questionnaire;

/// Most sections a questionnaire may have.
pub const MAX_SECTIONS: usize = 20;
/// Most questions in all.
pub const MAX_QUESTIONS: usize = 100;
/// Most options of a choice question, and rows or columns of a matrix.
pub const MAX_OPTIONS: usize = 30;

/// What a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Single,
    Multiple,
    ShortText,
    LongText,
    Scale,
    Date,
    Matrix,
}

impl Kind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [Kind; 7] = [
        Kind::Single,
        Kind::Multiple,
        Kind::ShortText,
        Kind::LongText,
        Kind::Scale,
        Kind::Date,
        Kind::Matrix,
    ];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::ShortText => "short_text",
            Kind::LongText => "long_text",
            Kind::Scale => "scale",
            Kind::Date => "date",
            Kind::Matrix => "matrix",
        }
    }
    /// Whether answers are choices among options.
    pub fn has_options(self) -> bool {
        matches!(self, Kind::Single | Kind::Multiple)
    }
    /// Whether answers are free text (listed in the results, not counted by value).
    pub fn is_text(self) -> bool {
        matches!(self, Kind::ShortText | Kind::LongText)
    }
}

/// Where a questionnaire is in its life at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Before its open date.
    Upcoming,
    Open,
    /// Closed early, or its close date passed.
    Closed,
}

impl State {
    pub fn of(q: &Questionnaire, now: NaiveDateTime) -> Self {
        if q.closed_at.is_some() || q.closes_at.is_some_and(|c| now >= c) {
            State::Closed
        } else if now < q.opens_at {
            State::Upcoming
        } else {
            State::Open
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            State::Upcoming => "upcoming",
            State::Open => "open",
            State::Closed => "closed",
        }
    }
}

/// The address of a questionnaire's page.
pub fn questionnaire_url(id: &QuestionnaireId) -> String {
    format!("/questionari/{id}")
}

/// Positions as stored: `0,2`; a matrix keeps an empty place for a row left blank (`1,,0`).
pub fn encode(positions: &[Option<i32>]) -> String {
    positions
        .iter()
        .map(|p| p.map(|n| n.to_string()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join(",")
}

/// Stored positions (a place that does not parse is blank).
pub fn decode(text: &str) -> Vec<Option<i32>> {
    if text.is_empty() {
        return Vec::new();
    }
    text.split(',')
        .map(|p| p.trim().parse::<i32>().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_positions_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("ranked"), None);
        let p = vec![Some(1), None, Some(0)];
        assert_eq!(encode(&p), "1,,0");
        assert_eq!(decode("1,,0"), p);
        assert!(decode("").is_empty());
    }
}
