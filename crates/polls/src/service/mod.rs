//! The rules of polls, as functions over a database connection that each decide access
//! themselves through [`crate::access::readable_poll`] (or filter by the audiences the viewer
//! may read): pages and the JSON API call the same functions, so they can never disagree.
//!
//! - [`create`]: checking and creating a poll (every problem reported at once);
//! - [`vote`]: recording a ballot, named or secret, exactly once per member;
//! - [`close`]: closing early or when the close date passes, and counting what is counted only
//!   then (secret ballots, instant-runoff rounds, the eligible members);
//! - [`view`]: a poll's page, the lists and who sees the results;
//! - [`decisions`]: the append-only record of what was decided;
//! - [`export`]: results as CSV and JSON for organisers.

pub mod close;
pub mod create;
pub mod decisions;
pub mod export;
pub mod view;
pub mod vote;

pub use close::{close, finalize_due};
pub use create::{create, may_create, PollInput};
pub use decisions::{record_decision, DecisionInput};
pub use view::{detail, list, ListFilter, PollDetail, PollList, PollSummary};
pub use vote::{vote, VoteInput};

use chrono::NaiveDateTime;
use prassi_db::ids::PollId;
use prassi_db::models::Poll;

/// Most options a poll may have.
pub const MAX_OPTIONS: usize = 20;

/// How a poll is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One option.
    Single,
    /// Between the poll's minimum and maximum of options.
    Multiple,
    /// Options in order of preference, counted by instant runoff ([`crate::irv`]).
    Ranked,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "single" => Some(Kind::Single),
            "multiple" => Some(Kind::Multiple),
            "ranked" => Some(Kind::Ranked),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::Ranked => "ranked",
        }
    }
    /// The stored kind of `poll` (an unknown value reads as single choice).
    pub fn of(poll: &Poll) -> Self {
        Kind::parse(&poll.kind).unwrap_or(Kind::Single)
    }
}

/// Who sees the results, and when (see [`view::results_visible`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Always,
    AfterVote,
    AfterClose,
    Organisers,
}

impl Visibility {
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "always" => Some(Visibility::Always),
            "after_vote" => Some(Visibility::AfterVote),
            "after_close" => Some(Visibility::AfterClose),
            "organisers" => Some(Visibility::Organisers),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Always => "always",
            Visibility::AfterVote => "after_vote",
            Visibility::AfterClose => "after_close",
            Visibility::Organisers => "organisers",
        }
    }
    /// Every value, in the order forms offer them.
    pub const ALL: [Visibility; 4] = [
        Visibility::Always,
        Visibility::AfterVote,
        Visibility::AfterClose,
        Visibility::Organisers,
    ];
    /// The stored visibility of `poll` (an unknown value reads as organisers only).
    pub fn of(poll: &Poll) -> Self {
        Visibility::parse(&poll.results_visibility).unwrap_or(Visibility::Organisers)
    }
}

/// Whether `poll` takes ballots at `now`: not closed, and its close date (if any) not reached.
pub fn is_open(poll: &Poll, now: NaiveDateTime) -> bool {
    poll.closed_at.is_none() && poll.closes_at.is_none_or(|c| now < c)
}

/// Whether `poll`'s close date passed but it was not closed yet (its final count is due).
pub fn is_due(poll: &Poll, now: NaiveDateTime) -> bool {
    poll.closed_at.is_none() && poll.closes_at.is_some_and(|c| now >= c)
}

/// The address of a poll's page.
pub fn poll_url(id: &PollId) -> String {
    format!("/sondaggi/{id}")
}

/// The positions a ballot stores, as text: `2,0,1`.
pub fn encode(positions: &[i32]) -> String {
    positions
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// A stored ballot's positions (anything that does not parse is left out).
pub fn decode(text: &str) -> Vec<i32> {
    text.split(',')
        .filter_map(|p| p.trim().parse::<i32>().ok())
        .collect()
}

/// The options a ballot moves the stored counters of: every chosen one, or for a ranked
/// ballot only the first preference.
pub fn counted(kind: Kind, positions: &[i32]) -> Vec<i32> {
    match kind {
        Kind::Ranked => positions.first().copied().into_iter().collect(),
        Kind::Single | Kind::Multiple => positions.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ballots_round_trip_and_ranked_ones_count_their_first_preference() {
        assert_eq!(decode(&encode(&[2, 0, 1])), vec![2, 0, 1]);
        assert_eq!(decode(""), Vec::<i32>::new());
        assert_eq!(decode("1,x,3"), vec![1, 3]);
        assert_eq!(counted(Kind::Ranked, &[2, 0, 1]), vec![2]);
        assert_eq!(counted(Kind::Multiple, &[0, 1]), vec![0, 1]);
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.as_str()), Some(v));
        }
    }
}
