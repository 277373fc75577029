//! Recording a ballot, exactly once per member and poll.
//!
//! **Order of work.** Every ballot first locks the poll's row with a conditional update that
//! only matches while the poll takes ballots (not closed, close date not reached): a vote and
//! the closing of the poll therefore never interleave, and every writer of a poll's counters
//! takes the same lock first (one lock order: the poll, then its options).
//!
//! **Named ballots** (`poll_votes`, primary key poll and member): the insert runs in a
//! savepoint and a duplicate key means the member already voted. Only a newly inserted ballot
//! moves `polls.voter_count` and the options' `vote_count` (a ranked ballot moves its first
//! preference), in the same transaction. A change of vote, where the poll allows it, is a
//! conditional update on the choices read (`… WHERE choices = <read>`), and the counters move
//! by the difference only when that update matched; a repeated identical vote changes nothing.
//!
//! **Secret ballots**: who took part goes to `poll_participants` (primary key poll and member:
//! a second vote is refused) and what the ballot says to `poll_secret_ballots` under a random
//! key, with nothing linking the two (see `docs/polls.md`). No option counter moves until the
//! poll closes, and a secret vote can never be changed.

use prassi_db::OneOfExt;
use std::collections::HashSet;

use diesel::prelude::*;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::Checks;
use prassi_db::ids::PollId;
use prassi_db::models::PollOption;
use prassi_db::schema::{poll_options, poll_participants, poll_secret_ballots, poll_votes, polls};
use prassi_db::{DbConnection, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{counted, decode, encode, is_open, Kind};
use crate::access::readable_poll;

/// Tries of a change of vote whose choices another request changed in between.
const TRIES: usize = 3;

/// A ballot.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[schema(as = PollVoteInput)]
#[serde(default)]
pub struct VoteInput {
    /// The ids of the options chosen; for a ranked poll, most preferred first.
    pub options: Vec<String>,
}

/// What a ballot did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = PollVoteOutcome)]
#[serde(rename_all = "snake_case")]
pub enum VoteOutcome {
    /// A first ballot, counted.
    Recorded,
    /// A changed ballot; the counts moved by the difference.
    Changed,
    /// The same choices as the stored ballot: nothing changed.
    Unchanged,
}

/// The poll's options, in order.
pub fn options_of(conn: &mut DbConnection, poll: &PollId) -> AppResult<Vec<PollOption>> {
    Ok(poll_options::table
        .filter(poll_options::poll_id.eq(poll))
        .order(poll_options::position.asc())
        .select(PollOption::as_select())
        .load(conn)?)
}

/// The chosen positions, checked against the poll (every problem at once).
fn check_choices(
    kind: Kind,
    min: i32,
    max: i32,
    options: &[PollOption],
    input: &VoteInput,
) -> AppResult<Vec<i32>> {
    let mut c = Checks::new();
    let mut positions = Vec::new();
    let mut seen = HashSet::new();
    for raw in &input.options {
        match options.iter().find(|o| o.id.as_str() == raw.trim()) {
            Some(o) => {
                if seen.insert(o.position) {
                    positions.push(o.position);
                } else {
                    c.fail("options", "polls-choice-repeated");
                }
            }
            None => c.fail("options", "polls-option-unknown"),
        }
    }
    if !c.has("options") {
        let n = positions.len();
        match kind {
            Kind::Single if n != 1 => c.fail("options", "polls-choose-one"),
            Kind::Multiple | Kind::Ranked if n < usize::try_from(min).unwrap_or(1) => {
                c.fail("options", "polls-too-few-choices")
            }
            Kind::Multiple | Kind::Ranked if n > usize::try_from(max).unwrap_or(0) => {
                c.fail("options", "polls-too-many-choices")
            }
            _ => {}
        }
    }
    c.finish()?;
    if kind == Kind::Multiple {
        positions.sort_unstable();
    }
    Ok(positions)
}

/// Locks the poll's row while it takes ballots; `Conflict` once it closed.
fn lock_open(conn: &mut DbConnection, id: &PollId) -> AppResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let n = diesel::update(
        polls::table
            .find(id)
            .filter(polls::closed_at.is_null())
            .filter(polls::closes_at.is_null().or(polls::closes_at.gt(now))),
    )
    .set(polls::voter_count.eq(polls::voter_count))
    .execute(conn)?;
    if n == 1 {
        Ok(())
    } else {
        Err(AppError::conflict("polls-closed"))
    }
}

fn bump(conn: &mut DbConnection, poll: &PollId, positions: &[i32], by: i64) -> AppResult<()> {
    if positions.is_empty() {
        return Ok(());
    }
    diesel::update(
        poll_options::table
            .filter(poll_options::poll_id.eq(poll))
            .filter(poll_options::position.one_of(positions.iter().copied())),
    )
    .set(poll_options::vote_count.eq(poll_options::vote_count + by))
    .execute(conn)?;
    Ok(())
}

/// A random ballot key: a version 4 UUID, which (unlike the platform's UUIDv7 ids) carries no
/// time.
pub fn random_key() -> String {
    uuid::Builder::from_random_bytes(rand::random())
        .into_uuid()
        .to_string()
}

/// Records the viewer's ballot on poll `id`. Call inside a write transaction.
///
/// Errors: `NotFound` for a poll the viewer may not read; `Unauthorized` for visitors;
/// `Forbidden` for an account that may not take part in the poll's audience; `Conflict` once
/// the poll closed, or for a second ballot where changes are not allowed (always for a secret
/// ballot); `Invalid` (every problem in `options`) for options of another poll, repeated
/// options, or too few or too many.
pub fn vote(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    input: &VoteInput,
) -> AppResult<VoteOutcome> {
    let found = readable_poll(conn, id, viewer, phase)?;
    let me: UserId = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    if !access::can(viewer, phase, &found.audience, Action::Participate) {
        return Err(AppError::forbidden().with_message("polls-not-eligible"));
    }
    let poll = &found.poll;
    if !is_open(poll, chrono::Utc::now().naive_utc()) {
        return Err(AppError::conflict("polls-closed"));
    }
    let kind = Kind::of(poll);
    let options = options_of(conn, &poll.id)?;
    let positions = check_choices(kind, poll.min_choices, poll.max_choices, &options, input)?;
    lock_open(conn, &poll.id)?;
    // The home page keeps each member's polls block (whether they voted) until a write.
    prassi_core::audience_cache::content_changed();
    if poll.secret {
        let first = prassi_db::insert_unless_exists(conn, |c| {
            diesel::insert_into(poll_participants::table)
                .values((
                    poll_participants::poll_id.eq(&poll.id),
                    poll_participants::user_id.eq(&me),
                ))
                .execute(c)
        })?;
        if !first {
            return Err(AppError::conflict("polls-already-voted"));
        }
        diesel::insert_into(poll_secret_ballots::table)
            .values((
                poll_secret_ballots::poll_id.eq(&poll.id),
                poll_secret_ballots::id.eq(random_key()),
                poll_secret_ballots::content.eq(encode(&positions)),
            ))
            .execute(conn)?;
        diesel::update(polls::table.find(&poll.id))
            .set(polls::voter_count.eq(polls::voter_count + 1))
            .execute(conn)?;
        return Ok(VoteOutcome::Recorded);
    }
    let now = prassi_db::now();
    let choices = encode(&positions);
    let first = prassi_db::insert_unless_exists(conn, |c| {
        diesel::insert_into(poll_votes::table)
            .values((
                poll_votes::poll_id.eq(&poll.id),
                poll_votes::user_id.eq(&me),
                poll_votes::choices.eq(&choices),
                poll_votes::created_at.eq(now),
                poll_votes::updated_at.eq(now),
            ))
            .execute(c)
    })?;
    if first {
        diesel::update(polls::table.find(&poll.id))
            .set(polls::voter_count.eq(polls::voter_count + 1))
            .execute(conn)?;
        bump(conn, &poll.id, &counted(kind, &positions), 1)?;
        return Ok(VoteOutcome::Recorded);
    }
    if !poll.allow_change {
        return Err(AppError::conflict("polls-already-voted"));
    }
    for _ in 0..TRIES {
        let old: String = poll_votes::table
            .find((&poll.id, &me))
            .select(poll_votes::choices)
            .first(conn)?;
        if old == choices {
            return Ok(VoteOutcome::Unchanged);
        }
        let n = diesel::update(
            poll_votes::table
                .find((&poll.id, &me))
                .filter(poll_votes::choices.eq(&old)),
        )
        .set((
            poll_votes::choices.eq(&choices),
            poll_votes::updated_at.eq(now),
        ))
        .execute(conn)?;
        if n == 1 {
            let before = counted(kind, &decode(&old));
            let after = counted(kind, &positions);
            let gone: Vec<i32> = before
                .iter()
                .copied()
                .filter(|p| !after.contains(p))
                .collect();
            let new: Vec<i32> = after
                .iter()
                .copied()
                .filter(|p| !before.contains(p))
                .collect();
            bump(conn, &poll.id, &gone, -1)?;
            bump(conn, &poll.id, &new, 1)?;
            return Ok(VoteOutcome::Changed);
        }
    }
    Err(AppError::conflict("error-conflict"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(n: i32) -> Vec<PollOption> {
        (0..n)
            .map(|i| PollOption {
                id: prassi_db::ids::PollOptionId::new(),
                poll_id: PollId::new(),
                position: i,
                label: format!("o{i}"),
                vote_count: 0,
            })
            .collect()
    }

    #[test]
    fn choices_are_checked_against_the_poll() {
        let o = opts(4);
        let pick = |ids: &[usize]| VoteInput {
            options: ids.iter().map(|i| o[*i].id.0.clone()).collect(),
        };
        assert_eq!(
            check_choices(Kind::Multiple, 1, 3, &o, &pick(&[2, 0])).ok(),
            Some(vec![0, 2])
        );
        assert_eq!(
            check_choices(Kind::Ranked, 1, 4, &o, &pick(&[2, 0])).ok(),
            Some(vec![2, 0])
        );
        let err = |r: AppResult<Vec<i32>>| r.err().map(|e| e.message).unwrap_or_default();
        assert_eq!(
            err(check_choices(Kind::Single, 1, 1, &o, &pick(&[0, 1]))),
            "polls-choose-one"
        );
        assert_eq!(
            err(check_choices(Kind::Multiple, 2, 3, &o, &pick(&[0]))),
            "polls-too-few-choices"
        );
        assert_eq!(
            err(check_choices(Kind::Multiple, 1, 2, &o, &pick(&[0, 1, 2]))),
            "polls-too-many-choices"
        );
        assert_eq!(
            err(check_choices(Kind::Multiple, 1, 3, &o, &pick(&[1, 1]))),
            "polls-choice-repeated"
        );
        let other = VoteInput {
            options: vec![prassi_db::ids::PollOptionId::new().0],
        };
        assert_eq!(
            err(check_choices(Kind::Single, 1, 1, &o, &other)),
            "polls-option-unknown"
        );
        let key = random_key();
        assert_eq!(
            uuid::Uuid::parse_str(&key)
                .map(|u| u.get_version_num())
                .ok(),
            Some(4)
        );
    }
}
