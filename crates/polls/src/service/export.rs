//! Results for organisers, to keep or analyse elsewhere: per option (with every round of a
//! ranked count) and per ballot, as CSV (cells safe from spreadsheet formulas, with the
//! agenda's [`prassi_agenda::service::registration::csv_cell`]) and as JSON. Allowed to the
//! poll's organisers when the results are visible to them (see
//! [`super::view::results_visible`]); ballots carry names only on polls that show their voters,
//! and are sorted by their content so that their order says nothing about when people voted.

use diesel::prelude::*;
use prassi_agenda::service::registration::csv_cell;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::schema::{poll_secret_ballots, poll_votes, users};
use prassi_db::DbConnection;
use serde::Serialize;
use utoipa::ToSchema;

use super::decode;
use super::view::{detail, PollDetail};

/// A ballot in an export.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = PollBallotView)]
pub struct BallotView {
    /// The voter's username, on polls that show their voters.
    pub username: Option<String>,
    pub display_name: Option<String>,
    /// The options chosen, in the ballot's order.
    pub choices: Vec<String>,
}

/// What an export holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PollExport {
    pub poll: PollDetail,
    pub ballots: Vec<BallotView>,
}

/// The export of poll `id` (its organisers, once the results are visible to them).
pub fn export(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<PollExport> {
    let poll = detail(conn, viewer, phase, id)?;
    if !poll.manages {
        return Err(AppError::forbidden().with_message("polls-organisers-only"));
    }
    if !poll.can_export {
        return Err(AppError::conflict("polls-results-not-yet"));
    }
    let pid = prassi_db::ids::PollId(poll.id.clone());
    let label = |p: i32| {
        poll.options
            .iter()
            .find(|o| o.position == p)
            .map(|o| o.label.clone())
            .unwrap_or_default()
    };
    let mut ballots: Vec<BallotView> = if poll.secret {
        poll_secret_ballots::table
            .filter(poll_secret_ballots::poll_id.eq(&pid))
            .select(poll_secret_ballots::content)
            .load::<String>(conn)?
            .into_iter()
            .map(|c| BallotView {
                username: None,
                display_name: None,
                choices: decode(&c).into_iter().map(label).collect(),
            })
            .collect()
    } else {
        poll_votes::table
            .inner_join(users::table)
            .filter(poll_votes::poll_id.eq(&pid))
            .select((users::username, users::display_name, poll_votes::choices))
            .load::<(String, String, String)>(conn)?
            .into_iter()
            .map(|(u, d, c)| BallotView {
                username: poll.show_voters.then_some(u),
                display_name: poll.show_voters.then_some(d),
                choices: decode(&c).into_iter().map(label).collect(),
            })
            .collect()
    };
    ballots.sort_by(|a, b| {
        (&a.display_name, &a.username, &a.choices).cmp(&(&b.display_name, &b.username, &b.choices))
    });
    Ok(PollExport { poll, ballots })
}

pub(crate) fn line(cells: &[String]) -> String {
    let mut l = cells
        .iter()
        .map(|c| csv_cell(c))
        .collect::<Vec<_>>()
        .join(",");
    l.push_str("\r\n");
    l
}

/// The results per option as CSV: position, option, votes, share; and for a ranked count one
/// column per round.
pub fn results_csv(e: &PollExport) -> String {
    let Some(r) = &e.poll.results else {
        return String::new();
    };
    let mut head = vec![
        "posizione".to_owned(),
        "opzione".to_owned(),
        "voti".to_owned(),
        "percentuale".to_owned(),
    ];
    head.extend(r.rounds.iter().map(|x| format!("turno_{}", x.number)));
    let mut out = line(&head);
    for (i, b) in r.bars.iter().enumerate() {
        let mut cells = vec![
            (i + 1).to_string(),
            b.label.clone(),
            b.count.to_string(),
            b.share.text.clone(),
        ];
        cells.extend(r.rounds.iter().map(|x| {
            x.counts
                .get(i)
                .copied()
                .flatten()
                .map(|n| n.to_string())
                .unwrap_or_default()
        }));
        out.push_str(&line(&cells));
    }
    out
}

/// The ballots as CSV, one per line: the voter (when the poll shows voters) and the choices in
/// the ballot's order.
pub fn ballots_csv(e: &PollExport) -> String {
    let n = e.poll.options.len();
    let mut head = vec!["username".to_owned(), "nome".to_owned()];
    head.extend((1..=n).map(|i| format!("scelta_{i}")));
    let mut out = line(&head);
    for b in &e.ballots {
        let mut cells = vec![
            b.username.clone().unwrap_or_default(),
            b.display_name.clone().unwrap_or_default(),
        ];
        cells.extend((0..n).map(|i| b.choices.get(i).cloned().unwrap_or_default()));
        out.push_str(&line(&cells));
    }
    out
}
