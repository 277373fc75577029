//! A member's one response to a questionnaire: saved as a **draft** (whatever was typed, only
//! its types and lengths checked) and edited until it is **submitted** (every answer checked,
//! required ones present); once submitted, changed only where the organiser allows editing,
//! until the questionnaire closes.
//!
//! **One response per member** is the unique key `(questionnaire_id, user_id)` of
//! `questionnaire_responses`. Every save first locks the questionnaire's row with a
//! conditional update that only matches while it takes answers (open date reached, not
//! closed, close date not reached): saves of one questionnaire, and its closing, never
//! interleave, and the counters are always moved in the same order (the questionnaire, then
//! its questions and tallies). The response row is inserted in a savepoint, so even a writer
//! that got past the lock could not add a second one.
//!
//! **Counters** move only for submitted responses, in the transaction that submits: the
//! questionnaire's `response_count`, each question's `answer_count` (and a scale's
//! `value_sum`), and the tallies of each chosen option, scale value and matrix cell. Editing a
//! submitted response moves them by the difference between the stored answers and the new.

use std::collections::{BTreeMap, HashMap, HashSet};

use diesel::prelude::*;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{self, Checks};
use prassi_db::ids::{QuestionnaireId, QuestionnaireQuestionId, QuestionnaireResponseId};
use prassi_db::models::{QuestionnaireQuestion, QuestionnaireResponse};
use prassi_db::schema::{
    questionnaire_answers, questionnaire_questions, questionnaire_responses, questionnaire_tallies,
    questionnaires,
};
use prassi_db::{DbConnection, OneOfExt};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::view::Structure;
use super::{decode, encode, Kind, State};
use crate::service::create::flag;

/// Longest short text answer, in characters.
pub const MAX_SHORT: usize = 300;
/// Longest long text answer.
pub const MAX_LONG: usize = 10_000;

/// A response as the form (or JSON body) sends it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[schema(as = QuestionnaireResponseInput)]
#[serde(default)]
pub struct ResponseInput {
    /// Answers by question id: an option id (single choice); a list of option ids (multiple
    /// choice); a text (short and long text); a number or its text (scale); `YYYY-MM-DD`
    /// (date); an object from row id to column id (matrix). Questions left out are
    /// unanswered.
    #[schema(value_type = Object)]
    pub answers: BTreeMap<String, Value>,
    /// `true`: submit (every answer checked, required ones needed); `false`: save a draft.
    #[serde(deserialize_with = "flag")]
    pub submit: bool,
}

/// What a save did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[schema(as = QuestionnaireRespondOutcome)]
#[serde(rename_all = "snake_case")]
pub enum RespondOutcome {
    /// The draft is saved; nothing is counted yet.
    Draft,
    /// The response is submitted and counted.
    Submitted,
    /// A submitted response was changed; the counts moved by the difference.
    Updated,
}

/// A checked answer as stored, with what it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub question: QuestionnaireQuestionId,
    pub value: String,
}

/// The field of a question's answer in forms and errors: `q-<question id>`.
pub fn field_of(q: &QuestionnaireQuestionId) -> String {
    format!("q-{q}")
}

/// The texts of a raw value: a text or a number is one, a list many, nothing none.
fn texts(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Null => Some(Vec::new()),
        Value::String(s) => Some(vec![s.clone()]),
        Value::Number(n) => Some(vec![n.to_string()]),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// What an answer counts: the tallies it moves (row, value) and a scale's value.
pub fn counts_of(kind: Kind, value: &str) -> (Vec<(i32, i32)>, i64) {
    match kind {
        Kind::Single | Kind::Multiple => (
            decode(value)
                .into_iter()
                .flatten()
                .map(|p| (0, p))
                .collect(),
            0,
        ),
        Kind::Scale => match value.trim().parse::<i32>() {
            Ok(v) => (vec![(0, v)], i64::from(v)),
            Err(_) => (Vec::new(), 0),
        },
        Kind::Matrix => (
            decode(value)
                .into_iter()
                .enumerate()
                .filter_map(|(r, c)| c.map(|c| (i32::try_from(r).unwrap_or(i32::MAX), c)))
                .collect(),
            0,
        ),
        _ => (Vec::new(), 0),
    }
}

/// Checks one question's raw answer; `Ok(None)` when unanswered. Records problems in `c`.
fn check_one(
    c: &mut Checks,
    s: &Structure,
    q: &QuestionnaireQuestion,
    raw: Option<&Value>,
    submit: bool,
) -> Option<String> {
    let field = field_of(&q.id);
    let kind = Kind::parse(&q.kind).unwrap_or(Kind::ShortText);
    let bad_type = |c: &mut Checks| {
        c.fail(&field, "questionnaires-answer-invalid");
        None
    };
    let value: Option<String> = match kind {
        Kind::Single | Kind::Multiple => {
            let Some(picked) = raw.map_or(Some(Vec::new()), texts) else {
                return bad_type(c);
            };
            let options = s.options_of(&q.id, "choice");
            let mut positions = Vec::new();
            let mut seen = HashSet::new();
            for p in picked.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
                match options.iter().find(|o| o.id.as_str() == p) {
                    Some(o) => {
                        if !seen.insert(o.position) {
                            c.fail(&field, "questionnaires-choice-repeated");
                        }
                        positions.push(o.position);
                    }
                    None => c.fail(&field, "questionnaires-option-unknown"),
                }
            }
            if c.has(&field) {
                return None;
            }
            positions.sort_unstable();
            positions.dedup();
            let n = positions.len();
            if kind == Kind::Single && n > 1 {
                c.fail(&field, "questionnaires-choose-one");
                return None;
            }
            if kind == Kind::Multiple && submit && n > 0 {
                let min = usize::try_from(q.min_choices.unwrap_or(1)).unwrap_or(1);
                let max = q
                    .max_choices
                    .and_then(|m| usize::try_from(m).ok())
                    .unwrap_or(options.len());
                if n < min {
                    c.fail(&field, "questionnaires-too-few-choices");
                    return None;
                }
                if n > max {
                    c.fail(&field, "questionnaires-too-many-choices");
                    return None;
                }
            }
            (n > 0).then(|| encode(&positions.into_iter().map(Some).collect::<Vec<_>>()))
        }
        Kind::ShortText | Kind::LongText | Kind::Date | Kind::Scale => {
            let text = match raw {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(t)) => t.clone(),
                Some(Value::Number(n)) if kind == Kind::Scale => n.to_string(),
                Some(_) => return bad_type(c),
            };
            let max = if kind == Kind::LongText {
                MAX_LONG
            } else {
                MAX_SHORT
            };
            let text = match input::optional(&field, Some(&text), max) {
                Ok(t) => t,
                Err(e) => {
                    c.fail(&field, &e.message);
                    return None;
                }
            };
            if text.is_empty() {
                None
            } else {
                match kind {
                    Kind::Date => match chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                        Ok(d) => Some(d.format("%Y-%m-%d").to_string()),
                        Err(_) => {
                            c.fail(&field, "questionnaires-date-invalid");
                            return None;
                        }
                    },
                    Kind::Scale => match text.parse::<i32>() {
                        Ok(v) if (1..=q.scale_max.unwrap_or(5)).contains(&v) => Some(v.to_string()),
                        _ => {
                            c.fail(&field, "questionnaires-scale-out-of-range");
                            return None;
                        }
                    },
                    _ => Some(text),
                }
            }
        }
        Kind::Matrix => {
            let rows = s.options_of(&q.id, "row");
            let columns = s.options_of(&q.id, "column");
            let mut chosen: Vec<Option<i32>> = vec![None; rows.len()];
            match raw {
                None | Some(Value::Null) => {}
                Some(Value::String(t)) if t.trim().is_empty() => {}
                Some(Value::Object(map)) => {
                    for (row, col) in map {
                        let col = match col {
                            Value::String(t) => t.trim().to_owned(),
                            Value::Null => String::new(),
                            _ => return bad_type(c),
                        };
                        if col.is_empty() {
                            continue;
                        }
                        let r = rows.iter().position(|o| o.id.as_str() == row.trim());
                        let k = columns.iter().find(|o| o.id.as_str() == col);
                        match (r, k) {
                            (Some(r), Some(k)) => chosen[r] = Some(k.position),
                            _ => {
                                c.fail(&field, "questionnaires-option-unknown");
                                return None;
                            }
                        }
                    }
                }
                Some(_) => return bad_type(c),
            }
            let answered = chosen.iter().filter(|x| x.is_some()).count();
            if submit && q.required && answered > 0 && answered < rows.len() {
                c.fail(&field, "questionnaires-matrix-incomplete");
                return None;
            }
            (answered > 0).then(|| encode(&chosen))
        }
    };
    if value.is_none() && submit && q.required && !c.has(&field) {
        c.fail(&field, "questionnaires-answer-required");
    }
    value
}

/// Checks every answer at once against the questionnaire; a draft (`submit` false) only has
/// its types and lengths checked. Gives the answered questions' stored values.
pub fn check_answers(s: &Structure, input: &ResponseInput) -> AppResult<Vec<Answer>> {
    let mut c = Checks::new();
    let known: HashSet<&str> = s.questions.iter().map(|q| q.id.as_str()).collect();
    if input.answers.keys().any(|k| !known.contains(k.trim())) {
        c.fail("answers", "questionnaires-question-unknown");
    }
    let mut out = Vec::new();
    for q in &s.questions {
        if let Some(value) = check_one(&mut c, s, q, input.answers.get(q.id.as_str()), input.submit)
        {
            out.push(Answer {
                question: q.id.clone(),
                value,
            });
        }
    }
    c.finish()?;
    Ok(out)
}

/// Locks the questionnaire's row while it takes answers; `Conflict` otherwise.
fn lock_open(conn: &mut DbConnection, id: &QuestionnaireId) -> AppResult<()> {
    let now = chrono::Utc::now().naive_utc();
    let n = diesel::update(
        questionnaires::table
            .find(id)
            .filter(questionnaires::closed_at.is_null())
            .filter(questionnaires::opens_at.le(now))
            .filter(
                questionnaires::closes_at
                    .is_null()
                    .or(questionnaires::closes_at.gt(now)),
            ),
    )
    .set(questionnaires::response_count.eq(questionnaires::response_count))
    .execute(conn)?;
    if n == 1 {
        Ok(())
    } else {
        Err(AppError::conflict("questionnaires-closed"))
    }
}

fn mine(
    conn: &mut DbConnection,
    id: &QuestionnaireId,
    me: &prassi_db::UserId,
) -> AppResult<Option<QuestionnaireResponse>> {
    Ok(questionnaire_responses::table
        .filter(questionnaire_responses::questionnaire_id.eq(id))
        .filter(questionnaire_responses::user_id.eq(me))
        .select(QuestionnaireResponse::as_select())
        .first(conn)
        .optional()?)
}

/// The stored answers of a response, by question.
pub fn answers_of(
    conn: &mut DbConnection,
    response: &QuestionnaireResponseId,
) -> AppResult<HashMap<QuestionnaireQuestionId, String>> {
    Ok(questionnaire_answers::table
        .filter(questionnaire_answers::response_id.eq(response))
        .select((
            questionnaire_answers::question_id,
            questionnaire_answers::value,
        ))
        .load::<(QuestionnaireQuestionId, String)>(conn)?
        .into_iter()
        .collect())
}

/// Moves the counters by `sign` (+1 or -1) for every answer of `answers`.
fn add_counts(
    s: &Structure,
    answers: &HashMap<QuestionnaireQuestionId, String>,
    sign: i64,
    questions: &mut HashMap<QuestionnaireQuestionId, (i64, i64)>,
    tallies: &mut HashMap<(QuestionnaireQuestionId, i32, i32), i64>,
) {
    for q in &s.questions {
        let Some(value) = answers.get(&q.id) else {
            continue;
        };
        let kind = Kind::parse(&q.kind).unwrap_or(Kind::ShortText);
        let (keys, sum) = counts_of(kind, value);
        let e = questions.entry(q.id.clone()).or_default();
        e.0 += sign;
        e.1 += sign * sum;
        for (r, v) in keys {
            *tallies.entry((q.id.clone(), r, v)).or_default() += sign;
        }
    }
}

fn apply_counts(
    conn: &mut DbConnection,
    questions: HashMap<QuestionnaireQuestionId, (i64, i64)>,
    tallies: HashMap<(QuestionnaireQuestionId, i32, i32), i64>,
) -> AppResult<()> {
    let mut questions: Vec<_> = questions
        .into_iter()
        .filter(|(_, d)| *d != (0, 0))
        .collect();
    questions.sort_by(|a, b| a.0.cmp(&b.0));
    for (q, (count, sum)) in questions {
        diesel::update(questionnaire_questions::table.find(&q))
            .set((
                questionnaire_questions::answer_count
                    .eq(questionnaire_questions::answer_count + count),
                questionnaire_questions::value_sum.eq(questionnaire_questions::value_sum + sum),
            ))
            .execute(conn)?;
    }
    // One statement per question, row and amount, in a fixed order.
    let mut grouped: BTreeMap<(QuestionnaireQuestionId, i32, i64), Vec<i32>> = BTreeMap::new();
    for ((q, r, v), d) in tallies {
        if d != 0 {
            grouped.entry((q, r, d)).or_default().push(v);
        }
    }
    for ((q, r, d), mut values) in grouped {
        values.sort_unstable();
        diesel::update(
            questionnaire_tallies::table
                .filter(questionnaire_tallies::question_id.eq(&q))
                .filter(questionnaire_tallies::row_index.eq(r))
                .filter(questionnaire_tallies::choice.one_of(values)),
        )
        .set(questionnaire_tallies::tally.eq(questionnaire_tallies::tally + d))
        .execute(conn)?;
    }
    Ok(())
}

/// Saves the viewer's response to questionnaire `id`: a draft, or submitted. Call inside a
/// write transaction.
///
/// Errors: `NotFound` for a questionnaire the viewer may not read; `Unauthorized` for
/// visitors; `Forbidden` for an account that may not take part in its audience; `Conflict`
/// before it opens or once it closed, for a submitted response where editing is not allowed
/// (`questionnaires-already-responded`), and for a draft over a submitted response;
/// `Invalid` with every answer at fault (fields `q-<question id>`).
pub fn respond(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    input: &ResponseInput,
) -> AppResult<RespondOutcome> {
    let found = super::access::readable(conn, id, viewer, phase)?;
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    if !access::can(viewer, phase, &found.audience, Action::Participate) {
        return Err(AppError::forbidden().with_message("questionnaires-not-eligible"));
    }
    let q = &found.questionnaire;
    match State::of(q, chrono::Utc::now().naive_utc()) {
        State::Upcoming => return Err(AppError::conflict("questionnaires-not-open-yet")),
        State::Closed => return Err(AppError::conflict("questionnaires-closed")),
        State::Open => {}
    }
    let s = Structure::load(conn, &q.id)?;
    let answers = check_answers(&s, input)?;
    lock_open(conn, &q.id)?;
    let now = prassi_db::now();
    let status = if input.submit { "submitted" } else { "draft" };
    let existing = match mine(conn, &q.id, &me)? {
        Some(r) => Some(r),
        None => {
            let rid = QuestionnaireResponseId::new();
            let inserted = prassi_db::insert_unless_exists(conn, |c| {
                diesel::insert_into(questionnaire_responses::table)
                    .values(QuestionnaireResponse {
                        id: rid.clone(),
                        questionnaire_id: q.id.clone(),
                        user_id: Some(me.clone()),
                        status: status.to_owned(),
                        created_at: now,
                        updated_at: now,
                        submitted_at: input.submit.then_some(now),
                    })
                    .execute(c)
            })?;
            if inserted {
                write_answers(conn, &rid, &answers)?;
                if input.submit {
                    count_new(conn, &s, &q.id, &answers)?;
                    return Ok(RespondOutcome::Submitted);
                }
                return Ok(RespondOutcome::Draft);
            }
            mine(conn, &q.id, &me)?
        }
    };
    let Some(r) = existing else {
        return Err(AppError::conflict("error-conflict"));
    };
    let was_submitted = r.status == "submitted";
    if was_submitted && !q.allow_edit {
        return Err(AppError::conflict("questionnaires-already-responded"));
    }
    if was_submitted && !input.submit {
        return Err(AppError::conflict("questionnaires-already-submitted"));
    }
    let old = if was_submitted {
        answers_of(conn, &r.id)?
    } else {
        HashMap::new()
    };
    diesel::update(questionnaire_responses::table.find(&r.id))
        .set((
            questionnaire_responses::status.eq(status),
            questionnaire_responses::updated_at.eq(now),
            questionnaire_responses::submitted_at.eq(if input.submit {
                r.submitted_at.or(Some(now))
            } else {
                None
            }),
        ))
        .execute(conn)?;
    write_answers(conn, &r.id, &answers)?;
    if !input.submit {
        return Ok(RespondOutcome::Draft);
    }
    if !was_submitted {
        count_new(conn, &s, &q.id, &answers)?;
        return Ok(RespondOutcome::Submitted);
    }
    let new: HashMap<QuestionnaireQuestionId, String> = answers
        .iter()
        .map(|a| (a.question.clone(), a.value.clone()))
        .collect();
    let (mut questions, mut tallies) = (HashMap::new(), HashMap::new());
    add_counts(&s, &old, -1, &mut questions, &mut tallies);
    add_counts(&s, &new, 1, &mut questions, &mut tallies);
    apply_counts(conn, questions, tallies)?;
    diesel::update(questionnaires::table.find(&q.id))
        .set(questionnaires::updated_at.eq(now))
        .execute(conn)?;
    Ok(RespondOutcome::Updated)
}

fn count_new(
    conn: &mut DbConnection,
    s: &Structure,
    id: &QuestionnaireId,
    answers: &[Answer],
) -> AppResult<()> {
    diesel::update(questionnaires::table.find(id))
        .set((
            questionnaires::response_count.eq(questionnaires::response_count + 1),
            questionnaires::updated_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    let new: HashMap<QuestionnaireQuestionId, String> = answers
        .iter()
        .map(|a| (a.question.clone(), a.value.clone()))
        .collect();
    let (mut questions, mut tallies) = (HashMap::new(), HashMap::new());
    add_counts(s, &new, 1, &mut questions, &mut tallies);
    apply_counts(conn, questions, tallies)
}

fn write_answers(
    conn: &mut DbConnection,
    response: &QuestionnaireResponseId,
    answers: &[Answer],
) -> AppResult<()> {
    diesel::delete(
        questionnaire_answers::table.filter(questionnaire_answers::response_id.eq(response)),
    )
    .execute(conn)?;
    for a in answers {
        diesel::insert_into(questionnaire_answers::table)
            .values((
                questionnaire_answers::response_id.eq(response),
                questionnaire_answers::question_id.eq(&a.question),
                questionnaire_answers::value.eq(&a.value),
            ))
            .execute(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_count_what_they_choose() {
        assert_eq!(counts_of(Kind::Multiple, "0,2"), (vec![(0, 0), (0, 2)], 0));
        assert_eq!(counts_of(Kind::Scale, "4"), (vec![(0, 4)], 4));
        assert_eq!(counts_of(Kind::Matrix, "1,,0"), (vec![(0, 1), (2, 0)], 0));
        assert_eq!(counts_of(Kind::LongText, "testo"), (Vec::new(), 0));
        assert_eq!(
            texts(&serde_json::json!(["a", 3])),
            Some(vec!["a".into(), "3".into()])
        );
        assert_eq!(texts(&serde_json::json!({"a": 1})), None);
    }
}
