//! Creating a questionnaire: who may (as for polls: moderators, administrators, and group
//! coordinators for their group — [`crate::service::create::may_create`]), and every field of
//! every section and question checked at once, so that a form or an API call learns all its
//! problems in one answer. Fields at fault are named as the form names them: `title`,
//! `s2-title` (the second section's title), `q2-3-options` (the third question of the second
//! section), numbered from 1. A questionnaire's questions are fixed once created: answers and
//! counters point at their options' positions.

use std::collections::HashSet;

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use prassi_core::access::{Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{self, Checks};
use prassi_db::ids::{
    QuestionnaireId, QuestionnaireOptionId, QuestionnaireQuestionId, QuestionnaireSectionId,
};
use prassi_db::models::{
    Questionnaire, QuestionnaireOption, QuestionnaireQuestion, QuestionnaireSection,
};
use prassi_db::schema::{
    questionnaire_options, questionnaire_questions, questionnaire_sections, questionnaire_tallies,
    questionnaires,
};
use prassi_db::{DbConnection, GroupId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Kind, MAX_OPTIONS, MAX_QUESTIONS, MAX_SECTIONS};
use crate::service::create::{audience_and_group, flag, folded, number_text, options_field};

/// Longest title, in characters.
pub const MAX_TITLE: usize = 300;
/// Longest description or section introduction (Markdown).
pub const MAX_DESCRIPTION: usize = 20_000;
/// Longest question text.
pub const MAX_QUESTION: usize = 500;
/// Longest help text of a question.
pub const MAX_HELP: usize = 1_000;
/// Longest option, row, column or scale label.
pub const MAX_OPTION: usize = 200;

/// A questionnaire as its form (or JSON body) sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[schema(as = QuestionnaireInput)]
#[serde(default)]
pub struct QuestionnaireInput {
    /// The title (at most 300 characters).
    pub title: String,
    /// What it is for and how the answers will be used, in Markdown.
    pub description_md: String,
    /// At least one section, each with at least one question.
    pub sections: Vec<SectionInput>,
    /// When answers open, Rome time (`2027-03-01T09:00`); empty: now.
    pub opens_at: String,
    /// Optional: when answers close, Rome time; after the open date and in the future.
    pub closes_at: String,
    /// `public` (answered by signed-in accounts), `members` (default) or `group` (with
    /// `group`).
    pub audience: String,
    /// A working group's slug: a group questionnaire, for its members.
    pub group: String,
    /// Answers are anonymous: never shown or exported with the respondent's name.
    #[serde(deserialize_with = "flag")]
    pub anonymous: bool,
    /// A submitted response may be edited until the questionnaire closes.
    #[serde(deserialize_with = "flag")]
    pub allow_edit: bool,
}

/// A section.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[schema(as = QuestionnaireSectionInput)]
#[serde(default)]
pub struct SectionInput {
    pub title: String,
    /// Optional introduction, in Markdown.
    pub intro_md: String,
    pub questions: Vec<QuestionInput>,
}

/// A question.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[schema(as = QuestionnaireQuestionInput)]
#[serde(default)]
pub struct QuestionInput {
    /// `single`, `multiple`, `short_text`, `long_text`, `scale`, `date` or `matrix`.
    pub kind: String,
    /// The question (at most 500 characters).
    pub text: String,
    /// Optional help shown under the question.
    pub help: String,
    /// An answer is needed to submit.
    #[serde(deserialize_with = "flag")]
    pub required: bool,
    /// Single and multiple choice: 2 to 30 options (an array, or one per line).
    #[serde(deserialize_with = "options_field")]
    pub options: Vec<String>,
    /// Multiple choice: the fewest options an answer names (default 1).
    #[serde(deserialize_with = "number_text")]
    #[schema(value_type = Option<i32>)]
    pub min_choices: String,
    /// Multiple choice: the most options an answer names (default: all).
    #[serde(deserialize_with = "number_text")]
    #[schema(value_type = Option<i32>)]
    pub max_choices: String,
    /// Scale: `5` (1 to 5, default) or `10` (1 to 10).
    #[serde(deserialize_with = "number_text")]
    #[schema(value_type = Option<i32>)]
    pub scale_max: String,
    /// Scale: the label of 1 (required for a scale).
    pub scale_min_label: String,
    /// Scale: the label of the highest value (required for a scale).
    pub scale_max_label: String,
    /// Matrix: 1 to 30 rows (an array, or one per line).
    #[serde(deserialize_with = "options_field")]
    pub rows: Vec<String>,
    /// Matrix: 2 to 30 columns, one choice per row (an array, or one per line).
    #[serde(deserialize_with = "options_field")]
    pub columns: Vec<String>,
}

impl QuestionInput {
    /// Nothing typed (the form's empty slots are dropped before checking).
    pub fn is_blank(&self) -> bool {
        [
            &self.text,
            &self.help,
            &self.min_choices,
            &self.max_choices,
            &self.scale_min_label,
            &self.scale_max_label,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
            && [&self.options, &self.rows, &self.columns]
                .iter()
                .all(|v| v.iter().all(|s| s.trim().is_empty()))
    }
}

impl SectionInput {
    /// Nothing typed, and only blank questions.
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty()
            && self.intro_md.trim().is_empty()
            && self.questions.iter().all(QuestionInput::is_blank)
    }
}

/// A checked question, ready to store.
struct CheckedQuestion {
    kind: Kind,
    text: String,
    help: String,
    required: bool,
    options: Vec<String>,
    min: Option<i32>,
    max: Option<i32>,
    scale_max: Option<i32>,
    scale_labels: (String, String),
    rows: Vec<String>,
    columns: Vec<String>,
}

struct CheckedSection {
    title: String,
    intro_md: String,
    questions: Vec<CheckedQuestion>,
}

struct Checked {
    title: String,
    description_md: String,
    sections: Vec<CheckedSection>,
    opens_at: NaiveDateTime,
    closes_at: Option<NaiveDateTime>,
    audience: Audience,
    group: Option<GroupId>,
}

/// A list of labels: none empty, none repeated (compared without case and extra spaces),
/// each at most [`MAX_OPTION`], between `min` and [`MAX_OPTIONS`] of them.
fn labels(c: &mut Checks, field: &str, raw: &[String], min: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for label in raw {
        match input::optional(field, Some(label), MAX_OPTION) {
            Ok(l) if l.is_empty() => c.fail(field, "questionnaires-option-empty"),
            Ok(l) => {
                if !seen.insert(folded(&l)) {
                    c.fail(field, "questionnaires-option-duplicate");
                }
                out.push(l);
            }
            Err(e) => c.fail(field, &e.message),
        }
    }
    match raw.len() {
        0 => c.fail(field, "questionnaires-options-missing"),
        n if n < min => c.fail(field, "questionnaires-options-too-few"),
        n if n > MAX_OPTIONS => c.fail(field, "questionnaires-options-too-many"),
        _ => {}
    }
    out
}

fn whole(c: &mut Checks, field: &str, raw: &str) -> Option<i32> {
    match raw.trim() {
        "" => None,
        t => match t.parse::<i32>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                c.fail(field, "questionnaires-choices-invalid");
                None
            }
        },
    }
}

fn check_question(c: &mut Checks, at: &str, q: &QuestionInput) -> CheckedQuestion {
    let f = |name: &str| format!("{at}-{name}");
    let text = c.check(input::required(&f("text"), &q.text, MAX_QUESTION));
    let help = c.check(input::optional(&f("help"), Some(&q.help), MAX_HELP));
    let kind = match q.kind.trim() {
        "" => {
            c.fail(&f("kind"), "questionnaires-kind-required");
            None
        }
        k => {
            let kind = Kind::parse(k);
            if kind.is_none() {
                c.fail(&f("kind"), "questionnaires-kind-invalid");
            }
            kind
        }
    };
    let mut out = CheckedQuestion {
        kind: kind.unwrap_or(Kind::ShortText),
        text,
        help,
        required: q.required,
        options: Vec::new(),
        min: None,
        max: None,
        scale_max: None,
        scale_labels: (String::new(), String::new()),
        rows: Vec::new(),
        columns: Vec::new(),
    };
    match kind {
        Some(Kind::Single) => out.options = labels(c, &f("options"), &q.options, 2),
        Some(Kind::Multiple) => {
            out.options = labels(c, &f("options"), &q.options, 2);
            let n = i32::try_from(q.options.len()).unwrap_or(i32::MAX);
            let min = whole(c, &f("min_choices"), &q.min_choices);
            let max = whole(c, &f("max_choices"), &q.max_choices);
            if let (Some(lo), Some(hi)) = (min, max) {
                if lo > hi {
                    c.fail(&f("min_choices"), "questionnaires-min-above-max");
                }
            }
            if max.is_some_and(|hi| hi > n) && n >= 2 {
                c.fail(&f("max_choices"), "questionnaires-max-above-options");
            }
            if min.is_some_and(|lo| lo > n) && n >= 2 && !c.has(&f("min_choices")) {
                c.fail(&f("min_choices"), "questionnaires-min-above-options");
            }
            out.min = min;
            out.max = max;
        }
        Some(Kind::Scale) => {
            out.scale_max = match q.scale_max.trim() {
                "" | "5" => Some(5),
                "10" => Some(10),
                _ => {
                    c.fail(&f("scale_max"), "questionnaires-scale-invalid");
                    None
                }
            };
            let lo = c.check(input::required(
                &f("scale_min_label"),
                &q.scale_min_label,
                MAX_OPTION,
            ));
            let hi = c.check(input::required(
                &f("scale_max_label"),
                &q.scale_max_label,
                MAX_OPTION,
            ));
            out.scale_labels = (lo, hi);
        }
        Some(Kind::Matrix) => {
            out.rows = labels(c, &f("rows"), &q.rows, 1);
            out.columns = labels(c, &f("columns"), &q.columns, 2);
        }
        _ => {}
    }
    out
}

fn check(
    conn: &mut DbConnection,
    viewer: &Viewer,
    input: &QuestionnaireInput,
) -> AppResult<Checked> {
    let mut c = Checks::new();
    let title = c.check(input::required("title", &input.title, MAX_TITLE));
    let description_md = c.check(prassi_core::markdown::optional_body_text(
        "description_md",
        &input.description_md,
        MAX_DESCRIPTION,
    ));
    let mut sections = Vec::new();
    let total: usize = input.sections.iter().map(|s| s.questions.len()).sum();
    if input.sections.is_empty() {
        c.fail("sections", "questionnaires-sections-missing");
    } else if input.sections.len() > MAX_SECTIONS {
        c.fail("sections", "questionnaires-sections-too-many");
    } else if total > MAX_QUESTIONS {
        c.fail("sections", "questionnaires-questions-too-many");
    } else {
        for (i, s) in input.sections.iter().enumerate() {
            let n = i + 1;
            let title = c.check(input::required(&format!("s{n}-title"), &s.title, MAX_TITLE));
            let intro_md = c.check(prassi_core::markdown::optional_body_text(
                &format!("s{n}-intro_md"),
                &s.intro_md,
                MAX_DESCRIPTION,
            ));
            if s.questions.is_empty() {
                c.fail(
                    &format!("s{n}-questions"),
                    "questionnaires-questions-missing",
                );
            }
            let questions = s
                .questions
                .iter()
                .enumerate()
                .map(|(j, q)| check_question(&mut c, &format!("q{n}-{}", j + 1), q))
                .collect();
            sections.push(CheckedSection {
                title,
                intro_md,
                questions,
            });
        }
    }
    let now = Utc::now().naive_utc();
    let opens_at = match input.opens_at.trim() {
        "" => Some(now),
        raw => {
            let t = prassi_agenda::time::parse_local(raw);
            if t.is_none() {
                c.fail("opens_at", "questionnaires-date-time-invalid");
            }
            t
        }
    };
    let closes_at = match input.closes_at.trim() {
        "" => None,
        raw => match prassi_agenda::time::parse_local(raw) {
            Some(t) if t <= now => {
                c.fail("closes_at", "questionnaires-close-in-past");
                None
            }
            Some(t) if opens_at.is_some_and(|o| t <= o) => {
                c.fail("closes_at", "questionnaires-close-before-open");
                None
            }
            Some(t) => Some(t),
            None => {
                c.fail("closes_at", "questionnaires-date-time-invalid");
                None
            }
        },
    };
    // The audience, and the group it may name.
    let (audience, group) = audience_and_group(
        conn,
        viewer,
        &mut c,
        "questionnaires",
        &input.audience,
        &input.group,
    )?;
    c.finish()?;
    let missing = || AppError::internal("checked questionnaire without a value");
    Ok(Checked {
        title,
        description_md,
        sections,
        opens_at: opens_at.ok_or_else(missing)?,
        closes_at,
        audience: audience.ok_or_else(missing)?,
        group,
    })
}

fn position(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

/// Creates a questionnaire with its sections, questions, options and zeroed counters. Call
/// inside a write transaction.
///
/// Errors: `Unauthorized` for visitors; `Forbidden` for those who may not create
/// questionnaires; `Invalid` with every field at fault (see the module comment).
pub fn create(
    conn: &mut DbConnection,
    viewer: &Viewer,
    _phase: Phase,
    input: &QuestionnaireInput,
) -> AppResult<QuestionnaireId> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    if !crate::service::create::may_create(conn, viewer)? {
        return Err(AppError::forbidden().with_message("questionnaires-create-not-allowed"));
    }
    let v = check(conn, viewer, input)?;
    // A coordinator (not a moderator) creates questionnaires only for a group they coordinate.
    if !viewer.is_moderator() {
        let ok = match &v.group {
            Some(g) => crate::access::coordinates(conn, viewer, g)?,
            None => false,
        };
        if !ok {
            return Err(AppError::invalid(
                "group",
                "questionnaires-group-coordinators",
            ));
        }
    }
    let now = prassi_db::now();
    let id = QuestionnaireId::new();
    diesel::insert_into(questionnaires::table)
        .values(Questionnaire {
            id: id.clone(),
            title: v.title,
            description_md: v.description_md,
            audience: v.audience.to_db(),
            group_id: v.group,
            anonymous: input.anonymous,
            allow_edit: input.allow_edit,
            opens_at: v.opens_at,
            closes_at: v.closes_at,
            closed_at: None,
            results_published: false,
            response_count: 0,
            created_by: Some(me),
            created_at: now,
            updated_at: now,
        })
        .execute(conn)?;
    let mut number = 0usize;
    for (i, s) in v.sections.into_iter().enumerate() {
        let sid = QuestionnaireSectionId::new();
        diesel::insert_into(questionnaire_sections::table)
            .values(QuestionnaireSection {
                id: sid.clone(),
                questionnaire_id: id.clone(),
                position: position(i),
                title: s.title,
                intro_md: s.intro_md,
            })
            .execute(conn)?;
        for q in s.questions {
            let qid = QuestionnaireQuestionId::new();
            diesel::insert_into(questionnaire_questions::table)
                .values(QuestionnaireQuestion {
                    id: qid.clone(),
                    questionnaire_id: id.clone(),
                    section_id: sid.clone(),
                    position: position(number),
                    kind: q.kind.as_str().to_owned(),
                    text: q.text,
                    help: q.help,
                    required: q.required,
                    min_choices: q.min,
                    max_choices: q.max,
                    scale_max: q.scale_max,
                    scale_min_label: q.scale_labels.0,
                    scale_max_label: q.scale_labels.1,
                    answer_count: 0,
                    value_sum: 0,
                })
                .execute(conn)?;
            number += 1;
            for (axis, list) in [
                ("choice", &q.options),
                ("row", &q.rows),
                ("column", &q.columns),
            ] {
                let rows: Vec<QuestionnaireOption> = list
                    .iter()
                    .enumerate()
                    .map(|(k, label)| QuestionnaireOption {
                        id: QuestionnaireOptionId::new(),
                        question_id: qid.clone(),
                        axis: axis.to_owned(),
                        position: position(k),
                        label: label.clone(),
                    })
                    .collect();
                if !rows.is_empty() {
                    // A multi-row insert: the same SQL on both backends, but diesel builds it
                    // only for each backend's own connection.
                    let insert = diesel::insert_into(questionnaire_options::table).values(&rows);
                    match conn {
                        DbConnection::Sqlite(c) => insert.execute(c),
                        DbConnection::Postgresql(c) => insert.execute(c),
                    }?;
                }
            }
            // The counters, at zero: (row, value) per option, scale value or matrix cell.
            let cells: Vec<(i32, i32)> = match q.kind {
                Kind::Single | Kind::Multiple => {
                    (0..q.options.len()).map(|k| (0, position(k))).collect()
                }
                Kind::Scale => (1..=q.scale_max.unwrap_or(5)).map(|v| (0, v)).collect(),
                Kind::Matrix => (0..q.rows.len())
                    .flat_map(|r| (0..q.columns.len()).map(move |k| (position(r), position(k))))
                    .collect(),
                _ => Vec::new(),
            };
            let values: Vec<_> = cells
                .into_iter()
                .map(|(r, k)| {
                    (
                        questionnaire_tallies::question_id.eq(qid.clone()),
                        questionnaire_tallies::row_index.eq(r),
                        questionnaire_tallies::choice.eq(k),
                        questionnaire_tallies::tally.eq(0i64),
                    )
                })
                .collect();
            for chunk in values.chunks(500) {
                let insert = diesel::insert_into(questionnaire_tallies::table).values(chunk);
                match conn {
                    DbConnection::Sqlite(c) => insert.execute(c),
                    DbConnection::Postgresql(c) => insert.execute(c),
                }?;
            }
        }
    }
    super::search::QUESTIONNAIRES.touch(conn, id.as_str())?;
    Ok(id)
}
