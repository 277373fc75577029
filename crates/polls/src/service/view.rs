//! A poll as its page and the API show it, the lists of polls, and the rule of who sees the
//! results ([`results_visible`]).
//!
//! Nothing here aggregates ballots for an ordinary view: the counts come from the counters
//! kept by the voting transaction (`polls.voter_count`, `poll_options.vote_count`), and a
//! ranked poll's rounds from what closing stored. Only a ranked poll's organisers, before it
//! closes, get rounds counted from the ballots on the spot.

use diesel::prelude::*;
use prassi_agenda::time::When;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::groups::GroupLink;
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_db::models::{Poll, PollOption};
use prassi_db::schema::{poll_participants, poll_votes, polls, users};
use prassi_db::DbConnection;
use prassi_db::OneOfExt;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{decode, is_due, is_open, poll_url, Kind, Visibility};
use crate::access::readable_poll;
use crate::irv;

/// Most voters a poll's page lists by name (the export has them all).
pub const MAX_VOTERS: i64 = 200;

/// An option as pages show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PollOptionView)]
pub struct OptionView {
    pub id: String,
    pub position: i32,
    pub label: String,
    /// Its place in the viewer's ballot (1 = first choice), if chosen.
    pub mine: Option<usize>,
}

/// A share written out: `37.5` (the page writes `37,5` in Italian).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PollShare)]
pub struct Share {
    /// Tenths of a percent (375 for 37.5%).
    pub tenths: i64,
    /// `37.5`.
    pub text: String,
}

impl Share {
    /// `part` of `whole`, rounded to tenths of a percent (0 when `whole` is not positive).
    pub fn of(part: i64, whole: i64) -> Self {
        let tenths = if whole > 0 {
            let (p, w) = (i128::from(part), i128::from(whole));
            let t = (p * 2000 + w).div_euclid(2 * w);
            i64::try_from(t).unwrap_or(if t > 0 { i64::MAX } else { i64::MIN })
        } else {
            0
        };
        let sign = if tenths < 0 { "-" } else { "" };
        let abs = tenths.unsigned_abs();
        Share {
            tenths,
            text: format!("{sign}{}.{}", abs / 10, abs % 10),
        }
    }
}

/// One bar of the results chart.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PollBar)]
pub struct Bar {
    pub option_id: String,
    pub label: String,
    pub count: i64,
    pub share: Share,
    /// The bar's length in thousandths of the chart's width (0–1000).
    pub length: i64,
    /// The winner of a closed ranked poll, or the most voted options of a closed poll.
    pub leading: bool,
}

/// A round of an instant-runoff count as pages show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PollRoundView)]
pub struct RoundView {
    pub number: usize,
    /// Votes per option, in the options' order (`None`: out of the race).
    pub counts: Vec<Option<i64>>,
    pub exhausted: i64,
    /// The options that leave after this round.
    pub eliminated: Vec<String>,
}

/// The results a viewer may see.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PollResults)]
pub struct Results {
    /// `counts` (single and multiple choice: voters per option), `first_preferences` (an open
    /// ranked poll, for those who are not its organisers) or `runoff` (instant runoff: the
    /// last round as bars, and every round).
    pub basis: String,
    /// What the shares are of: voters, or ballots still counting in the last round.
    pub total: i64,
    pub bars: Vec<Bar>,
    pub rounds: Vec<RoundView>,
    pub winner: Option<String>,
    pub tie: bool,
    /// The poll is closed: these are the final results.
    pub is_final: bool,
}

/// Someone who voted, on a poll that shows its voters.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PollVoterView)]
pub struct VoterView {
    pub username: String,
    pub display_name: String,
    /// The options they chose, in their order.
    pub choices: Vec<String>,
}

/// Everything a poll's page shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PollDetail {
    pub id: String,
    pub url: String,
    pub question: String,
    pub description_html: String,
    /// `single`, `multiple` or `ranked`.
    pub kind: String,
    pub min_choices: i32,
    pub max_choices: i32,
    pub audience: String,
    pub group: Option<GroupLink>,
    pub secret: bool,
    pub show_voters: bool,
    /// `always`, `after_vote`, `after_close` or `organisers`.
    pub results_visibility: String,
    pub allow_change: bool,
    pub on_home: bool,
    /// `open` or `closed`.
    pub state: String,
    pub closes: Option<When>,
    pub closed: Option<When>,
    pub voter_count: i64,
    /// Counted when the poll closed.
    pub eligible_count: Option<i64>,
    /// Voters of the eligible members, once closed.
    pub turnout: Option<Share>,
    pub options: Vec<OptionView>,
    /// `None` when the viewer may not see them (yet): see `results_hidden`.
    pub results: Option<Results>,
    /// Why the results are hidden (a message key).
    pub results_hidden: Option<String>,
    pub voted: bool,
    /// The ids of the options the viewer chose, in their order (never for a secret ballot).
    pub my_choices: Vec<String>,
    /// The viewer may vote now (a first ballot, or a change where allowed).
    pub can_vote: bool,
    /// The viewer is signed in but may not take part in the poll's audience.
    pub not_eligible: bool,
    pub manages: bool,
    pub can_set_home: bool,
    /// Organisers, when the results are visible to them.
    pub can_export: bool,
    /// Voters by name (polls that show voters, with their results).
    pub voters: Vec<VoterView>,
    /// Voters not listed (beyond the first 200).
    pub voters_more: i64,
    pub decisions: Vec<super::decisions::DecisionView>,
    /// Organisers of a closed poll may record a decision.
    pub can_decide: bool,
    /// The close date passed but the poll was not closed yet: close it, then show it again.
    #[serde(skip)]
    pub due: bool,
}

/// Whether results are visible: `secret` ballots never before closing; then, by the setting,
/// to everyone who reads the poll (`always`), to those who voted and the organisers and,
/// once closed, everyone (`after_vote`), to everyone once closed — organisers included
/// (`after_close`), or only ever to organisers (`organisers`).
pub fn results_visible(
    vis: Visibility,
    secret: bool,
    closed: bool,
    manages: bool,
    voted: bool,
) -> bool {
    if secret && !closed {
        return false;
    }
    match vis {
        Visibility::Always => true,
        Visibility::AfterVote => closed || voted || manages,
        Visibility::AfterClose => closed,
        Visibility::Organisers => manages,
    }
}

/// Why results are hidden from this viewer (a message key), or `None` when visible.
fn hidden_reason(
    vis: Visibility,
    secret: bool,
    closed: bool,
    manages: bool,
    voted: bool,
) -> Option<&'static str> {
    if results_visible(vis, secret, closed, manages, voted) {
        return None;
    }
    Some(if secret && !closed {
        "polls-results-hidden-secret"
    } else {
        match vis {
            Visibility::AfterVote => "polls-results-hidden-after-vote",
            Visibility::AfterClose => "polls-results-hidden-after-close",
            _ => "polls-results-hidden-organisers",
        }
    })
}

fn bars(options: &[PollOption], counts: &[i64], total: i64, leading: &[usize]) -> Vec<Bar> {
    options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let count = counts.get(i).copied().unwrap_or(0);
            let share = Share::of(count, total);
            Bar {
                option_id: o.id.0.clone(),
                label: o.label.clone(),
                count,
                length: (share.tenths).clamp(0, 1000),
                share,
                leading: leading.contains(&i),
            }
        })
        .collect()
}

fn runoff(options: &[PollOption], outcome: &irv::Outcome, is_final: bool) -> Results {
    let label = |p: usize| options.get(p).map(|o| o.label.clone()).unwrap_or_default();
    let rounds: Vec<RoundView> = outcome
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| RoundView {
            number: i + 1,
            counts: (0..options.len())
                .map(|p| r.counts.get(p).copied().flatten())
                .collect(),
            exhausted: r.exhausted,
            eliminated: r.eliminated.iter().map(|p| label(*p)).collect(),
        })
        .collect();
    let last = outcome.rounds.last();
    let counts: Vec<i64> = (0..options.len())
        .map(|p| {
            last.and_then(|r| r.counts.get(p).copied().flatten())
                .unwrap_or(0)
        })
        .collect();
    let total: i64 = counts.iter().sum();
    let leading: Vec<usize> = outcome.winner.into_iter().collect();
    Results {
        basis: "runoff".into(),
        total,
        bars: bars(options, &counts, total, &leading),
        rounds,
        winner: outcome.winner.map(label),
        tie: outcome.tie,
        is_final,
    }
}

fn results(
    conn: &mut DbConnection,
    poll: &Poll,
    options: &[PollOption],
    closed: bool,
    manages: bool,
) -> AppResult<Results> {
    let kind = Kind::of(poll);
    if kind == Kind::Ranked && (closed || manages) {
        let stored = poll
            .ranked_rounds
            .as_deref()
            .filter(|_| closed)
            .and_then(|j| serde_json::from_str::<irv::Outcome>(j).ok());
        let outcome = match stored {
            Some(o) => o,
            None if poll.secret => irv::count(options.len(), &[]),
            None => super::close::live_ranked(conn, poll, options.len())?,
        };
        return Ok(runoff(options, &outcome, closed));
    }
    let counts: Vec<i64> = options.iter().map(|o| o.vote_count).collect();
    let max = counts.iter().copied().max().unwrap_or(0);
    let leading: Vec<usize> = if closed && max > 0 {
        (0..counts.len()).filter(|&i| counts[i] == max).collect()
    } else {
        Vec::new()
    };
    Ok(Results {
        basis: if kind == Kind::Ranked {
            "first_preferences"
        } else {
            "counts"
        }
        .into(),
        total: poll.voter_count,
        bars: bars(options, &counts, poll.voter_count, &leading),
        rounds: Vec::new(),
        winner: None,
        tie: false,
        is_final: closed,
    })
}

fn when(t: chrono::NaiveDateTime) -> When {
    When::of(t, t)
}

/// The poll's page for `viewer`.
pub fn detail(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<PollDetail> {
    let found = readable_poll(conn, id, viewer, phase)?;
    let p = &found.poll;
    let now = chrono::Utc::now().naive_utc();
    let open = is_open(p, now);
    let closed = !open;
    let options = super::vote::options_of(conn, &p.id)?;
    let (voted, my_positions) = match viewer.user_id() {
        None => (false, Vec::new()),
        Some(me) if p.secret => {
            let voted: bool = diesel::select(diesel::dsl::exists(
                poll_participants::table.find((&p.id, me)),
            ))
            .get_result(conn)?;
            (voted, Vec::new())
        }
        Some(me) => {
            let mine: Option<String> = poll_votes::table
                .find((&p.id, me))
                .select(poll_votes::choices)
                .first(conn)
                .optional()?;
            (mine.is_some(), mine.map(|m| decode(&m)).unwrap_or_default())
        }
    };
    let vis = Visibility::of(p);
    let visible = results_visible(vis, p.secret, closed, found.manages, voted);
    let results = if visible {
        Some(results(conn, p, &options, closed, found.manages)?)
    } else {
        None
    };
    let label_of = |pos: i32| {
        options
            .iter()
            .find(|o| o.position == pos)
            .map(|o| o.label.clone())
            .unwrap_or_default()
    };
    let (voters, voters_more) = if visible && p.show_voters && !p.secret {
        let rows: Vec<(String, String, String)> = poll_votes::table
            .inner_join(users::table)
            .filter(poll_votes::poll_id.eq(&p.id))
            .order((users::display_name.asc(), users::username.asc()))
            .limit(MAX_VOTERS)
            .select((users::username, users::display_name, poll_votes::choices))
            .load(conn)?;
        let shown = i64::try_from(rows.len()).unwrap_or(0);
        let list: Vec<VoterView> = rows
            .into_iter()
            .map(|(username, display_name, choices)| VoterView {
                username,
                display_name,
                choices: decode(&choices).into_iter().map(label_of).collect(),
            })
            .collect();
        (list, (p.voter_count - shown).max(0))
    } else {
        (Vec::new(), 0)
    };
    let takes_part = access::can(viewer, phase, &found.audience, Action::Participate);
    let can_vote = open && takes_part && (!voted || (p.allow_change && !p.secret));
    let my_choices = my_positions
        .iter()
        .filter_map(|pos| options.iter().find(|o| o.position == *pos))
        .map(|o| o.id.0.clone())
        .collect();
    let decisions = super::decisions::decisions_of(conn, &p.id)?;
    Ok(PollDetail {
        id: p.id.0.clone(),
        url: poll_url(&p.id),
        question: p.question.clone(),
        description_html: prassi_core::markdown::render(&p.description_md),
        kind: Kind::of(p).as_str().to_owned(),
        min_choices: p.min_choices,
        max_choices: p.max_choices,
        audience: p.audience.clone(),
        group: prassi_core::groups::link(conn, p.group_id.as_ref())?,
        secret: p.secret,
        show_voters: p.show_voters,
        results_visibility: vis.as_str().to_owned(),
        allow_change: p.allow_change,
        on_home: p.on_home,
        state: if open { "open" } else { "closed" }.to_owned(),
        closes: p.closes_at.map(when),
        closed: p.closed_at.map(when),
        voter_count: p.voter_count,
        eligible_count: p.eligible_count,
        turnout: p.eligible_count.map(|e| Share::of(p.voter_count, e)),
        options: options
            .iter()
            .map(|o| OptionView {
                id: o.id.0.clone(),
                position: o.position,
                label: o.label.clone(),
                mine: my_positions
                    .iter()
                    .position(|p| *p == o.position)
                    .map(|i| i + 1),
            })
            .collect(),
        results,
        results_hidden: hidden_reason(vis, p.secret, closed, found.manages, voted)
            .map(str::to_owned),
        voted,
        my_choices,
        can_vote,
        not_eligible: viewer.account().is_some() && !takes_part,
        manages: found.manages,
        can_set_home: viewer.is_moderator(),
        can_export: found.manages && visible,
        voters,
        voters_more,
        decisions,
        can_decide: found.manages && closed,
        due: is_due(p, now),
    })
}

/// A poll in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PollSummary {
    pub id: String,
    pub url: String,
    pub question: String,
    pub kind: String,
    /// `open` or `closed`.
    pub state: String,
    pub secret: bool,
    pub audience: String,
    pub closes: Option<When>,
    pub voter_count: i64,
    pub created: When,
}

impl PollSummary {
    pub fn of(p: &Poll, now: chrono::NaiveDateTime) -> Self {
        PollSummary {
            id: p.id.0.clone(),
            url: poll_url(&p.id),
            question: p.question.clone(),
            kind: Kind::of(p).as_str().to_owned(),
            state: if is_open(p, now) { "open" } else { "closed" }.to_owned(),
            secret: p.secret,
            audience: p.audience.clone(),
            closes: p.closes_at.map(when),
            voter_count: p.voter_count,
            created: when(p.created_at),
        }
    }
}

/// Which polls a list holds.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct ListFilter {
    /// `open` or `closed`; anything else lists both.
    pub state: String,
}

/// A page of polls.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PollListing)]
pub struct PollList {
    pub items: Vec<PollSummary>,
    pub page: PageInfo,
}

type Boxed<'a> = polls::BoxedQuery<'a, prassi_db::pool::MultiBackend>;

fn filtered<'a>(
    visible: &'a [String],
    filter: &ListFilter,
    now: chrono::NaiveDateTime,
) -> Boxed<'a> {
    let mut q = polls::table
        .filter(polls::audience.one_of(visible.iter().cloned()))
        .into_boxed();
    match filter.state.trim() {
        "open" => {
            q = q
                .filter(polls::closed_at.is_null())
                .filter(polls::closes_at.is_null().or(polls::closes_at.gt(now)))
        }
        "closed" => q = q.filter(polls::closed_at.is_not_null().or(polls::closes_at.le(now))),
        _ => {}
    }
    q
}

/// The polls the viewer may read, newest first.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    filter: &ListFilter,
    page: PageRequest,
) -> AppResult<PollList> {
    let visible = access::visible_audiences(viewer, phase);
    let now = chrono::Utc::now().naive_utc();
    let total: i64 = filtered(&visible, filter, now).count().get_result(conn)?;
    let rows: Vec<Poll> = filtered(&visible, filter, now)
        .order((polls::created_at.desc(), polls::id.desc()))
        .offset(page.offset())
        .limit(page.per_page)
        .select(Poll::as_select())
        .load(conn)?;
    Ok(PollList {
        items: rows.iter().map(|p| PollSummary::of(p, now)).collect(),
        page: page.info(total),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_to_tenths_and_survive_any_counter() {
        assert_eq!(Share::of(1, 3).text, "33.3");
        assert_eq!(Share::of(2, 3).text, "66.7");
        assert_eq!(Share::of(3, 8).tenths, 375);
        assert_eq!(Share::of(5, 0).text, "0.0");
        assert_eq!(Share::of(-1, 4).text, "-25.0");
        assert!(Share::of(i64::MAX, 1).tenths == i64::MAX);
        let _ = Share::of(i64::MIN, 1);
        let _ = Share::of(i64::MAX, i64::MAX);
    }
}
