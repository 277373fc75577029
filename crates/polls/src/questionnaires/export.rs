//! Responses for organisers, to keep or analyse elsewhere: one row per submitted response and
//! one column per question (a matrix: one per row), as CSV with cells safe from spreadsheet
//! formulas (the polls' [`crate::service::export::line`], built on the agenda's `csv_cell`),
//! and as JSON. Drafts are never exported. The respondent (username, name, when submitted)
//! is there only for named questionnaires; the rows of an anonymous one carry no name and no
//! time, and are sorted by their content so that their order says nothing about who answered
//! when.

use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_db::ids::{QuestionnaireQuestionId, QuestionnaireResponseId};
use prassi_db::schema::{questionnaire_answers, questionnaire_responses, users};
use prassi_db::DbConnection;
use serde::Serialize;
use utoipa::ToSchema;

use super::access::readable;
use super::view::Structure;
use super::{decode, Kind};
use crate::service::export::line;

/// A column of the export.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireExportColumn)]
pub struct Column {
    pub question_id: String,
    /// `3. Quali strumenti avete usato?`, or for a matrix row `5. … — Riga`.
    pub heading: String,
}

/// A submitted response in an export.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireExportRow)]
pub struct Row {
    /// Named questionnaires only.
    pub username: Option<String>,
    pub display_name: Option<String>,
    /// Named questionnaires only: when it was submitted (UTC).
    pub submitted_at: Option<chrono::NaiveDateTime>,
    /// One cell per column, as text (several choices joined by `; `).
    pub cells: Vec<String>,
}

/// What an export holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionnaireExport {
    pub id: String,
    pub title: String,
    pub anonymous: bool,
    pub response_count: i64,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

fn cells_of(s: &Structure, answers: &HashMap<QuestionnaireQuestionId, String>) -> Vec<String> {
    let mut out = Vec::new();
    for q in &s.questions {
        let kind = Kind::parse(&q.kind).unwrap_or(Kind::ShortText);
        let value = answers.get(&q.id);
        match kind {
            Kind::Matrix => {
                let rows = s.options_of(&q.id, "row");
                let chosen = value.map(|v| decode(v)).unwrap_or_default();
                for (r, _) in rows.iter().enumerate() {
                    out.push(
                        chosen
                            .get(r)
                            .copied()
                            .flatten()
                            .map(|c| s.label(&q.id, "column", c))
                            .unwrap_or_default(),
                    );
                }
            }
            Kind::Single | Kind::Multiple => out.push(
                value
                    .map(|v| {
                        decode(v)
                            .into_iter()
                            .flatten()
                            .map(|p| s.label(&q.id, "choice", p))
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .unwrap_or_default(),
            ),
            _ => out.push(value.cloned().unwrap_or_default()),
        }
    }
    out
}

/// The export of questionnaire `id` (its organisers).
pub fn export(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<QuestionnaireExport> {
    let found = readable(conn, id, viewer, phase)?;
    found.require_manager()?;
    let q = &found.questionnaire;
    let s = Structure::load(conn, &q.id)?;
    let mut columns = Vec::new();
    for (i, question) in s.questions.iter().enumerate() {
        let heading = format!("{}. {}", i + 1, question.text);
        if Kind::parse(&question.kind) == Some(Kind::Matrix) {
            for row in s.options_of(&question.id, "row") {
                columns.push(Column {
                    question_id: question.id.0.clone(),
                    heading: format!("{heading} — {}", row.label),
                });
            }
        } else {
            columns.push(Column {
                question_id: question.id.0.clone(),
                heading,
            });
        }
    }
    type Who = (Option<String>, Option<String>);
    let responses: Vec<(QuestionnaireResponseId, Option<chrono::NaiveDateTime>, Who)> =
        questionnaire_responses::table
            .left_join(users::table)
            .filter(questionnaire_responses::questionnaire_id.eq(&q.id))
            .filter(questionnaire_responses::status.eq("submitted"))
            .select((
                questionnaire_responses::id,
                questionnaire_responses::submitted_at,
                (users::username.nullable(), users::display_name.nullable()),
            ))
            .load(conn)?;
    let mut answers: HashMap<QuestionnaireResponseId, HashMap<QuestionnaireQuestionId, String>> =
        HashMap::new();
    let stored: Vec<(QuestionnaireResponseId, QuestionnaireQuestionId, String)> =
        questionnaire_answers::table
            .inner_join(questionnaire_responses::table)
            .filter(questionnaire_responses::questionnaire_id.eq(&q.id))
            .filter(questionnaire_responses::status.eq("submitted"))
            .select((
                questionnaire_answers::response_id,
                questionnaire_answers::question_id,
                questionnaire_answers::value,
            ))
            .load(conn)?;
    for (r, question, value) in stored {
        answers.entry(r).or_default().insert(question, value);
    }
    let empty = HashMap::new();
    let mut rows: Vec<Row> = responses
        .into_iter()
        .map(|(rid, at, (username, display_name))| {
            let cells = cells_of(&s, answers.get(&rid).unwrap_or(&empty));
            if q.anonymous {
                Row {
                    username: None,
                    display_name: None,
                    submitted_at: None,
                    cells,
                }
            } else {
                Row {
                    username,
                    display_name,
                    submitted_at: at,
                    cells,
                }
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.display_name, &a.username, &a.cells).cmp(&(&b.display_name, &b.username, &b.cells))
    });
    Ok(QuestionnaireExport {
        id: q.id.0.clone(),
        title: q.title.clone(),
        anonymous: q.anonymous,
        response_count: q.response_count,
        columns,
        rows,
    })
}

/// The export as CSV: the respondent's columns (named questionnaires), then one per column.
pub fn csv(e: &QuestionnaireExport) -> String {
    let mut head = Vec::new();
    if !e.anonymous {
        head.extend(["username", "nome", "inviato_il"].map(str::to_owned));
    }
    head.extend(e.columns.iter().map(|c| c.heading.clone()));
    let mut out = line(&head);
    for r in &e.rows {
        let mut cells = Vec::new();
        if !e.anonymous {
            cells.push(r.username.clone().unwrap_or_default());
            cells.push(r.display_name.clone().unwrap_or_default());
            cells.push(
                r.submitted_at
                    .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                    .unwrap_or_default(),
            );
        }
        cells.extend(r.cells.iter().cloned());
        out.push_str(&line(&cells));
    }
    out
}
