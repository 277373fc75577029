//! Closing a poll: early by an organiser, or when its close date passes (the hourly
//! housekeeping, or the first view after that date). Closing counts, once, what is counted
//! only then, and stores it so that views read it:
//!
//! - the **eligible members**, those who could read the poll at that moment: the group's
//!   member count for a group poll, the community's active members otherwise (from
//!   `site_counters`);
//! - a **secret ballot**'s options, counted from its ballots, whose rows are then written
//!   again in random order under new random keys, so that neither their physical order nor
//!   (on PostgreSQL) their transaction ids follow the order in which people voted;
//! - a **ranked** poll's instant-runoff rounds ([`crate::irv`]), from its stored ballots.
//!
//! The poll's row is locked first (as every ballot locks it), and a poll closes once: the
//! update that sets `closed_at` only matches an open poll.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::ids::PollId;
use prassi_db::models::Poll;
use prassi_db::schema::{
    poll_options, poll_secret_ballots, poll_votes, polls, site_counters, work_groups,
};
use prassi_db::DbConnection;
use rand::seq::SliceRandom;

use super::{counted, decode, is_due, Kind};
use crate::access::readable_poll;
use crate::irv;

/// How many due polls one housekeeping pass closes.
const DUE_BATCH: i64 = 200;

/// Closes poll `id` now (its organisers). Call inside a write transaction.
pub fn close(conn: &mut DbConnection, viewer: &Viewer, phase: Phase, id: &str) -> AppResult<()> {
    let found = readable_poll(conn, id, viewer, phase)?;
    found.require_manager()?;
    if found.poll.closed_at.is_some() {
        return Err(AppError::conflict("polls-already-closed"));
    }
    let now = prassi_db::now();
    // A poll whose date passed closes at that date, not now.
    let at = match found.poll.closes_at {
        Some(c) if c <= now => c,
        _ => now,
    };
    if !finalize(conn, &found.poll.id, at)? {
        return Err(AppError::conflict("polls-already-closed"));
    }
    Ok(())
}

/// Closes poll `id` if its close date passed and nobody closed it yet; `Ok(false)` when there
/// was nothing to do. Needs no viewer: it only does what the date already decided. Call
/// inside a write transaction.
pub fn finalize_due(conn: &mut DbConnection, id: &PollId) -> AppResult<bool> {
    let poll: Option<Poll> = polls::table
        .find(id)
        .select(Poll::as_select())
        .first(conn)
        .optional()?;
    match poll {
        Some(p) if is_due(&p, chrono::Utc::now().naive_utc()) => {
            let at = p.closes_at.unwrap_or_else(prassi_db::now);
            finalize(conn, id, at)
        }
        _ => Ok(false),
    }
}

/// Closes every poll whose close date passed (hourly housekeeping), each in its own write
/// transaction; returns how many closed.
pub fn close_due(conn: &mut DbConnection) -> AppResult<usize> {
    let now = chrono::Utc::now().naive_utc();
    let due: Vec<PollId> = polls::table
        .filter(polls::closed_at.is_null())
        .filter(polls::closes_at.le(now))
        .order(polls::closes_at.asc())
        .limit(DUE_BATCH)
        .select(polls::id)
        .load(conn)?;
    let mut n = 0;
    for id in due {
        if prassi_db::write_tx(conn, |c| finalize_due(c, &id))? {
            n += 1;
        }
    }
    Ok(n)
}

/// The members who may read a poll of this audience now (see the module comment).
pub fn eligible(conn: &mut DbConnection, poll: &Poll) -> AppResult<i64> {
    if let Some(g) = &poll.group_id {
        return Ok(work_groups::table
            .find(g)
            .select(work_groups::member_count)
            .first::<i64>(conn)
            .optional()?
            .unwrap_or(0));
    }
    Ok(site_counters::table
        .find("active_members")
        .select(site_counters::value)
        .first::<i64>(conn)
        .optional()?
        .unwrap_or(0))
}

/// Closes an open poll at `at` and stores its final counts; `Ok(false)` when it was already
/// closed. Call inside a write transaction.
pub fn finalize(conn: &mut DbConnection, id: &PollId, at: NaiveDateTime) -> AppResult<bool> {
    let n = diesel::update(polls::table.find(id).filter(polls::closed_at.is_null()))
        .set(polls::closed_at.eq(Some(at)))
        .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    let poll: Poll = polls::table
        .find(id)
        .select(Poll::as_select())
        .first(conn)?;
    let kind = Kind::of(&poll);
    let options = super::vote::options_of(conn, id)?;
    let ballots: Vec<Vec<i32>> = if poll.secret {
        let contents: Vec<String> = poll_secret_ballots::table
            .filter(poll_secret_ballots::poll_id.eq(id))
            .select(poll_secret_ballots::content)
            .load(conn)?;
        let mut ballots: Vec<Vec<i32>> = contents.iter().map(|c| decode(c)).collect();
        // The counts, once.
        for o in &options {
            let count = ballots
                .iter()
                .filter(|b| counted(kind, b).contains(&o.position))
                .count();
            diesel::update(poll_options::table.find(&o.id))
                .set(poll_options::vote_count.eq(i64::try_from(count).unwrap_or(i64::MAX)))
                .execute(conn)?;
        }
        // The ballots again, in random order under new random keys.
        ballots.shuffle(&mut rand::thread_rng());
        diesel::delete(poll_secret_ballots::table.filter(poll_secret_ballots::poll_id.eq(id)))
            .execute(conn)?;
        for b in &ballots {
            diesel::insert_into(poll_secret_ballots::table)
                .values((
                    poll_secret_ballots::poll_id.eq(id),
                    poll_secret_ballots::id.eq(super::vote::random_key()),
                    poll_secret_ballots::content.eq(super::encode(b)),
                ))
                .execute(conn)?;
        }
        ballots
    } else if kind == Kind::Ranked {
        poll_votes::table
            .filter(poll_votes::poll_id.eq(id))
            .select(poll_votes::choices)
            .load::<String>(conn)?
            .iter()
            .map(|c| decode(c))
            .collect()
    } else {
        Vec::new()
    };
    let rounds = if kind == Kind::Ranked {
        let outcome = ranked_outcome(options.len(), &ballots);
        Some(serde_json::to_string(&outcome).map_err(AppError::internal)?)
    } else {
        None
    };
    let eligible = eligible(conn, &poll)?;
    diesel::update(polls::table.find(id))
        .set((
            polls::eligible_count.eq(Some(eligible)),
            polls::ranked_rounds.eq(rounds),
            polls::updated_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    prassi_core::audience_cache::content_changed();
    Ok(true)
}

/// The instant-runoff count of stored ballots (positions).
pub fn ranked_outcome(options: usize, ballots: &[Vec<i32>]) -> irv::Outcome {
    let ballots: Vec<Vec<usize>> = ballots
        .iter()
        .map(|b| b.iter().filter_map(|p| usize::try_from(*p).ok()).collect())
        .collect();
    irv::count(options, &ballots)
}

/// The live count of a ranked poll's named ballots, for its organisers before it closes.
pub fn live_ranked(
    conn: &mut DbConnection,
    poll: &Poll,
    options: usize,
) -> AppResult<irv::Outcome> {
    let ballots: Vec<Vec<i32>> = poll_votes::table
        .filter(poll_votes::poll_id.eq(&poll.id))
        .select(poll_votes::choices)
        .load::<String>(conn)?
        .iter()
        .map(|c| decode(c))
        .collect();
    Ok(ranked_outcome(options, &ballots))
}
