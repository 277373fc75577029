//! The decision record of a closed poll: what was decided, by whom, on what day, and the
//! turnout against the eligible members as closing counted them. The record is append-only:
//! no function here changes an entry, the database refuses an `UPDATE` of its content (a
//! trigger on both backends), and a correction is a new entry naming the one it corrects. An
//! entry is corrected at most once (a unique key), so two organisers correcting the same entry
//! at once cannot fork the record: the second is told to correct the newer entry. A poll has
//! one first entry (a partial unique index); every later one is a correction.

use chrono::NaiveDate;
use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{self, Checks};
use prassi_db::ids::{PollDecisionId, PollId};
use prassi_db::models::PollDecision;
use prassi_db::schema::{poll_decisions, users};
use prassi_db::DbConnection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::readable_poll;

/// Longest decision text (Markdown).
pub const MAX_DECISION: usize = 20_000;
/// Longest "decided by".
pub const MAX_DECIDERS: usize = 300;

/// A decision, or a correction of an earlier one.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[schema(as = PollDecisionInput)]
#[serde(default)]
pub struct DecisionInput {
    /// What was decided, in Markdown.
    pub decision_md: String,
    /// Who decided: a body, a role, people (`Assemblea dei referenti`).
    pub deciders: String,
    /// The day of the decision, `YYYY-MM-DD`; not in the future.
    pub decided_on: String,
    /// The id of the entry this one corrects (the latest of the record).
    pub corrects: String,
}

/// An entry of the record as pages show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PollDecisionView)]
pub struct DecisionView {
    pub id: String,
    pub decision_html: String,
    pub deciders: String,
    /// `YYYY-MM-DD`.
    pub decided_on: String,
    /// `15/03/2027`.
    pub decided_on_short: String,
    pub turnout: i64,
    pub eligible: i64,
    pub turnout_share: super::view::Share,
    /// Who recorded it (`None` once their account is gone).
    pub recorded_by: Option<String>,
    pub recorded_at: chrono::NaiveDateTime,
    /// The entry this one corrects.
    pub corrects: Option<String>,
    /// The later entry that corrects this one.
    pub corrected_by: Option<String>,
}

/// The record of poll `poll`, oldest first.
pub fn decisions_of(conn: &mut DbConnection, poll: &PollId) -> AppResult<Vec<DecisionView>> {
    let rows: Vec<(PollDecision, Option<String>)> = poll_decisions::table
        .left_join(users::table.on(users::id.nullable().eq(poll_decisions::recorded_by)))
        .filter(poll_decisions::poll_id.eq(poll))
        .order((poll_decisions::recorded_at.asc(), poll_decisions::id.asc()))
        .select((PollDecision::as_select(), users::display_name.nullable()))
        .load(conn)?;
    let correcting: Vec<(String, String)> = rows
        .iter()
        .filter_map(|(d, _)| {
            d.corrects_id
                .as_ref()
                .map(|c| (c.0.clone(), d.id.0.clone()))
        })
        .collect();
    Ok(rows
        .into_iter()
        .map(|(d, by)| DecisionView {
            corrected_by: correcting
                .iter()
                .find(|(c, _)| *c == d.id.0)
                .map(|(_, by)| by.clone()),
            id: d.id.0,
            decision_html: prassi_core::markdown::render(&d.decision_md),
            deciders: d.deciders,
            decided_on_short: NaiveDate::parse_from_str(&d.decided_on, "%Y-%m-%d")
                .map(|x| x.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|_| d.decided_on.clone()),
            decided_on: d.decided_on,
            turnout: d.turnout,
            eligible: d.eligible,
            turnout_share: super::view::Share::of(d.turnout, d.eligible),
            recorded_by: by,
            recorded_at: d.recorded_at,
            corrects: d.corrects_id.map(|c| c.0),
        })
        .collect())
}

/// Appends an entry to the record of closed poll `id` (its organisers): the turnout and the
/// eligible members are those stored at closing. Call inside a write transaction.
pub fn record_decision(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    input: &DecisionInput,
) -> AppResult<PollDecisionId> {
    let found = readable_poll(conn, id, viewer, phase)?;
    found.require_manager()?;
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let poll = &found.poll;
    if super::is_open(poll, chrono::Utc::now().naive_utc()) {
        return Err(AppError::conflict("polls-decision-before-close"));
    }
    if poll.closed_at.is_none() {
        // The close date passed: close it now, so the turnout is counted first.
        super::close::finalize_due(conn, &poll.id)?;
    }
    let mut c = Checks::new();
    let decision_md = c.check(prassi_core::markdown::optional_body_text(
        "decision_md",
        &input.decision_md,
        MAX_DECISION,
    ));
    if decision_md.is_empty() && !c.has("decision_md") {
        c.fail("decision_md", "field-required");
    }
    let deciders = c.check(input::required("deciders", &input.deciders, MAX_DECIDERS));
    let today = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc()).date();
    let decided_on = match input.decided_on.trim() {
        "" => {
            c.fail("decided_on", "field-required");
            None
        }
        raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(d) if d > today => {
                c.fail("decided_on", "polls-decided-in-future");
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                c.fail("decided_on", "polls-date-invalid");
                None
            }
        },
    };
    let corrects = match input.corrects.trim() {
        "" => None,
        raw => {
            let target = PollDecisionId::parse(raw).and_then(|d| {
                poll_decisions::table
                    .find(&d)
                    .filter(poll_decisions::poll_id.eq(&poll.id))
                    .select(poll_decisions::id)
                    .first::<PollDecisionId>(conn)
                    .optional()
                    .transpose()
            });
            match target.transpose()? {
                Some(d) => Some(d),
                None => {
                    c.fail("corrects", "polls-decision-unknown");
                    None
                }
            }
        }
    };
    c.finish()?;
    let decided_on = decided_on.ok_or_else(|| AppError::internal("checked date missing"))?;
    let (turnout, eligible) = {
        use prassi_db::schema::polls;
        polls::table
            .find(&poll.id)
            .select((polls::voter_count, polls::eligible_count))
            .first::<(i64, Option<i64>)>(conn)?
    };
    let new_id = PollDecisionId::new();
    let inserted = prassi_db::insert_unless_exists(conn, |c| {
        diesel::insert_into(poll_decisions::table)
            .values(PollDecision {
                id: new_id.clone(),
                poll_id: poll.id.clone(),
                decision_md: decision_md.clone(),
                deciders: deciders.clone(),
                decided_on: decided_on.format("%Y-%m-%d").to_string(),
                turnout,
                eligible: eligible.unwrap_or(0),
                corrects_id: corrects.clone(),
                recorded_by: Some(me.clone()),
                recorded_at: prassi_db::now(),
            })
            .execute(c)
    })?;
    if !inserted {
        return Err(AppError::invalid(
            "corrects",
            if corrects.is_some() {
                "polls-decision-already-corrected"
            } else {
                "polls-decision-exists"
            },
        ));
    }
    Ok(new_id)
}
