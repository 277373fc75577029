//! The polls block of the home page (Co.PIS: "sondaggi pubblicati in homepage per ricevere
//! feedback veloci"): the open polls moderators chose for the home page among those the
//! viewer may read, newest first, each with its vote form right there (a plain form posting
//! to the poll's vote route: no JavaScript needed). The block is about the viewer (whether
//! they voted), so it is built for every signed-in view, in four queries whatever the number
//! of polls: the polls, their options, the viewer's named ballots and secret participations
//! (one when no chosen poll is open).

use diesel::prelude::*;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::module::HomeBlock;
use prassi_db::ids::PollId;
use prassi_db::models::{Poll, PollOption};
use prassi_db::schema::{poll_options, poll_participants, poll_votes, polls};
use prassi_db::DbConnection;
use prassi_db::OneOfExt;
use serde::Serialize;

use crate::service::{poll_url, view, Kind, Visibility};

/// How many polls the block shows.
pub const HOME_POLLS: i64 = 3;

/// A poll of the block.
#[derive(Debug, Serialize)]
struct HomePoll {
    id: String,
    url: String,
    question: String,
    kind: &'static str,
    min_choices: i32,
    max_choices: i32,
    secret: bool,
    closes: Option<prassi_agenda::time::When>,
    voter_count: i64,
    options: Vec<view::OptionView>,
    voted: bool,
    /// The form is shown: the viewer may take part and has not voted (or may change it).
    can_vote: bool,
    /// The counts, when the poll shows them to this viewer (never before closing for a
    /// secret ballot).
    bars: Vec<view::Bar>,
}

/// The block for `viewer`: nothing when they may read no polls at all.
pub fn home_block(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Option<HomeBlock>> {
    let visible = access::visible_audiences(viewer, phase);
    if visible.is_empty() {
        return Ok(None);
    }
    let now = chrono::Utc::now().naive_utc();
    let rows: Vec<Poll> = polls::table
        .filter(polls::on_home.eq(true))
        .filter(polls::closed_at.is_null())
        .filter(polls::closes_at.is_null().or(polls::closes_at.gt(now)))
        .filter(polls::audience.one_of(visible.iter().cloned()))
        .order((polls::created_at.desc(), polls::id.desc()))
        .limit(HOME_POLLS)
        .select(Poll::as_select())
        .load(conn)?;
    if rows.is_empty() {
        return Ok(Some(HomeBlock {
            template: "polls/_home.html",
            data: serde_json::json!({ "polls": [] }),
        }));
    }
    let ids: Vec<PollId> = rows.iter().map(|p| p.id.clone()).collect();
    let options: Vec<PollOption> = poll_options::table
        .filter(poll_options::poll_id.one_of(ids.iter().cloned()))
        .order((poll_options::poll_id.asc(), poll_options::position.asc()))
        .select(PollOption::as_select())
        .load(conn)?;
    let (named, secret): (Vec<PollId>, Vec<PollId>) = match viewer.user_id() {
        Some(me) => (
            poll_votes::table
                .filter(poll_votes::user_id.eq(me))
                .filter(poll_votes::poll_id.one_of(ids.iter().cloned()))
                .select(poll_votes::poll_id)
                .load(conn)?,
            poll_participants::table
                .filter(poll_participants::user_id.eq(me))
                .filter(poll_participants::poll_id.one_of(ids.iter().cloned()))
                .select(poll_participants::poll_id)
                .load(conn)?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let items: Vec<HomePoll> = rows
        .iter()
        .map(|p| {
            let mine: Vec<PollOption> = options
                .iter()
                .filter(|o| o.poll_id == p.id)
                .cloned()
                .collect();
            let voted = named.contains(&p.id) || secret.contains(&p.id);
            let takes_part = access::can(
                viewer,
                phase,
                &access::Audience::from_db(&p.audience).unwrap_or(access::Audience::Members),
                Action::Participate,
            );
            // Organisers see more on the poll's page; here everyone sees what the settings
            // show to those who are not organisers.
            let shown = view::results_visible(Visibility::of(p), p.secret, false, false, voted)
                && Kind::of(p) != Kind::Ranked;
            let bars = if shown {
                mine.iter()
                    .map(|o| {
                        let share = view::Share::of(o.vote_count, p.voter_count);
                        view::Bar {
                            option_id: o.id.0.clone(),
                            label: o.label.clone(),
                            count: o.vote_count,
                            length: share.tenths.clamp(0, 1000),
                            share,
                            leading: false,
                        }
                    })
                    .collect()
            } else {
                Vec::new()
            };
            HomePoll {
                id: p.id.0.clone(),
                url: poll_url(&p.id),
                question: p.question.clone(),
                kind: Kind::of(p).as_str(),
                min_choices: p.min_choices,
                max_choices: p.max_choices,
                secret: p.secret,
                closes: p.closes_at.map(|t| prassi_agenda::time::When::of(t, t)),
                voter_count: p.voter_count,
                options: mine
                    .iter()
                    .map(|o| view::OptionView {
                        id: o.id.0.clone(),
                        position: o.position,
                        label: o.label.clone(),
                        mine: None,
                    })
                    .collect(),
                voted,
                can_vote: takes_part && (!voted || (p.allow_change && !p.secret)),
                bars,
            }
        })
        .collect();
    Ok(Some(HomeBlock {
        template: "polls/_home.html",
        data: serde_json::json!({ "polls": items }),
    }))
}
