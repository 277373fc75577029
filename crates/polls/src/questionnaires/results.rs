//! The results of a questionnaire, per question, for its organisers and — once they publish
//! them — for everyone who reads it: counts and shares of each option (bars drawn by the
//! polls' chart macro), a scale's average and distribution, a matrix's table, and text
//! answers listed (a few on the results page, every one on paged lists).
//!
//! Counts come from the counters the submitting transaction keeps (`response_count`,
//! `answer_count`, `value_sum`, `questionnaire_tallies`): a view reads one row per option or
//! cell, never the responses. Only text answers are read from the answers themselves, a page
//! at a time, sorted by their text so that their order says nothing about who answered when.

use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_db::ids::QuestionnaireQuestionId;
use prassi_db::schema::{
    questionnaire_answers, questionnaire_questions, questionnaire_responses, questionnaire_tallies,
};
use prassi_db::DbConnection;
use serde::Serialize;
use utoipa::ToSchema;

use super::access::{readable, Found};
use super::view::Structure;
use super::{questionnaire_url, Kind, State};
use crate::service::view::{Bar, Share};

/// Text answers shown on the results page for each text question (the rest on its list).
pub const TEXTS_ON_RESULTS: i64 = 5;
/// Most text answers on one page of a question's list.
pub const MAX_TEXTS_PER_PAGE: i64 = 200;

/// A matrix's row of counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireMatrixRow)]
pub struct MatrixRow {
    pub label: String,
    /// Those who answered the row.
    pub total: i64,
    /// One per column, in order.
    pub cells: Vec<Bar>,
}

/// The results of one question.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireQuestionResults)]
pub struct QuestionResults {
    pub id: String,
    pub number: usize,
    pub section: String,
    pub kind: String,
    pub text: String,
    /// Submitted responses that answer the question.
    pub answered: i64,
    /// Single and multiple choice, scale: one bar per option or value; shares are of
    /// `answered`.
    pub bars: Vec<Bar>,
    /// Scale: the average, as text with one decimal (`3.7`).
    pub average: Option<String>,
    pub scale_min_label: String,
    pub scale_max_label: String,
    /// Matrix: the columns' labels, and a row of counts per matrix row.
    pub columns: Vec<String>,
    pub rows: Vec<MatrixRow>,
    /// Text and date questions: the first answers (sorted by their text).
    pub texts: Vec<String>,
    /// Answers not in `texts`.
    pub texts_more: i64,
}

/// A questionnaire's results.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireResults)]
pub struct Results {
    pub id: String,
    pub url: String,
    pub title: String,
    pub anonymous: bool,
    /// `upcoming`, `open` or `closed`.
    pub state: String,
    pub results_published: bool,
    pub manages: bool,
    /// Submitted responses.
    pub response_count: i64,
    pub questions: Vec<QuestionResults>,
}

/// The questionnaire, if the viewer may see its results: organisers always, everyone who
/// reads it once they are published; `Forbidden` (`questionnaires-results-not-published`)
/// otherwise.
fn results_readable(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<Found> {
    let found = readable(conn, id, viewer, phase)?;
    if !found.manages && !found.questionnaire.results_published {
        return Err(AppError::forbidden().with_message("questionnaires-results-not-published"));
    }
    Ok(found)
}

fn bar(label: String, count: i64, whole: i64) -> Bar {
    let share = Share::of(count, whole);
    Bar {
        option_id: String::new(),
        label,
        count,
        length: share.tenths.clamp(0, 1000),
        share,
        leading: false,
    }
}

/// One decimal of `sum / n` (`3.7`), rounding half up; none when `n` is not positive.
pub fn average(sum: i64, n: i64) -> Option<String> {
    if n <= 0 {
        return None;
    }
    let (s, n) = (i128::from(sum), i128::from(n));
    let tenths = (s * 20 + n).div_euclid(2 * n);
    let sign = if tenths < 0 { "-" } else { "" };
    let abs = tenths.unsigned_abs();
    Some(format!("{sign}{}.{}", abs / 10, abs % 10))
}

/// The first text answers of `question` (submitted responses), sorted by text, and how many
/// there are in all (the question's stored `answer_count`).
fn texts(
    conn: &mut DbConnection,
    question: &QuestionnaireQuestionId,
    offset: i64,
    limit: i64,
) -> AppResult<Vec<String>> {
    Ok(questionnaire_answers::table
        .inner_join(questionnaire_responses::table)
        .filter(questionnaire_answers::question_id.eq(question))
        .filter(questionnaire_responses::status.eq("submitted"))
        .order((
            questionnaire_answers::value.asc(),
            questionnaire_answers::response_id.asc(),
        ))
        .offset(offset)
        .limit(limit)
        .select(questionnaire_answers::value)
        .load(conn)?)
}

/// The results of questionnaire `id` for `viewer`.
pub fn results(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<Results> {
    let found = results_readable(conn, viewer, phase, id)?;
    let q = &found.questionnaire;
    let s = Structure::load(conn, &q.id)?;
    let tallies: Vec<(QuestionnaireQuestionId, i32, i32, i64)> = questionnaire_tallies::table
        .inner_join(questionnaire_questions::table)
        .filter(questionnaire_questions::questionnaire_id.eq(&q.id))
        .select((
            questionnaire_tallies::question_id,
            questionnaire_tallies::row_index,
            questionnaire_tallies::choice,
            questionnaire_tallies::tally,
        ))
        .load(conn)?;
    let mut counts: HashMap<(QuestionnaireQuestionId, i32, i32), i64> = HashMap::new();
    for (qid, r, v, n) in tallies {
        counts.insert((qid, r, v), n);
    }
    let count = |qid: &QuestionnaireQuestionId, r: i32, v: i32| {
        counts.get(&(qid.clone(), r, v)).copied().unwrap_or(0)
    };
    let mut out = Vec::with_capacity(s.questions.len());
    for (i, question) in s.questions.iter().enumerate() {
        let kind = Kind::parse(&question.kind).unwrap_or(Kind::ShortText);
        let section = s
            .sections
            .iter()
            .find(|x| x.id == question.section_id)
            .map(|x| x.title.clone())
            .unwrap_or_default();
        let answered = question.answer_count;
        let mut r = QuestionResults {
            id: question.id.0.clone(),
            number: i + 1,
            section,
            kind: kind.as_str().to_owned(),
            text: question.text.clone(),
            answered,
            bars: Vec::new(),
            average: None,
            scale_min_label: question.scale_min_label.clone(),
            scale_max_label: question.scale_max_label.clone(),
            columns: Vec::new(),
            rows: Vec::new(),
            texts: Vec::new(),
            texts_more: 0,
        };
        match kind {
            Kind::Single | Kind::Multiple => {
                r.bars = s
                    .options_of(&question.id, "choice")
                    .into_iter()
                    .map(|o| {
                        bar(
                            o.label.clone(),
                            count(&question.id, 0, o.position),
                            answered,
                        )
                    })
                    .collect();
            }
            Kind::Scale => {
                let max = question.scale_max.unwrap_or(5).clamp(1, 10);
                r.bars = (1..=max)
                    .map(|v| bar(v.to_string(), count(&question.id, 0, v), answered))
                    .collect();
                r.average = average(question.value_sum, answered);
            }
            Kind::Matrix => {
                let columns = s.options_of(&question.id, "column");
                r.columns = columns.iter().map(|c| c.label.clone()).collect();
                r.rows = s
                    .options_of(&question.id, "row")
                    .into_iter()
                    .map(|row| {
                        let n: Vec<i64> = columns
                            .iter()
                            .map(|c| count(&question.id, row.position, c.position))
                            .collect();
                        let total = n.iter().fold(0i64, |a, b| a.saturating_add(*b));
                        MatrixRow {
                            label: row.label.clone(),
                            total,
                            cells: columns
                                .iter()
                                .zip(&n)
                                .map(|(c, k)| bar(c.label.clone(), *k, total))
                                .collect(),
                        }
                    })
                    .collect();
            }
            Kind::ShortText | Kind::LongText | Kind::Date => {
                r.texts = texts(conn, &question.id, 0, TEXTS_ON_RESULTS)?;
                let shown = i64::try_from(r.texts.len()).unwrap_or(0);
                r.texts_more = answered.saturating_sub(shown).max(0);
            }
        }
        out.push(r);
    }
    Ok(Results {
        id: q.id.0.clone(),
        url: questionnaire_url(&q.id),
        title: q.title.clone(),
        anonymous: q.anonymous,
        state: State::of(q, chrono::Utc::now().naive_utc())
            .as_str()
            .to_owned(),
        results_published: q.results_published,
        manages: found.manages,
        response_count: q.response_count,
        questions: out,
    })
}

/// A page of one question's text answers.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireTextAnswers)]
pub struct TextAnswers {
    pub questionnaire_id: String,
    pub questionnaire_url: String,
    pub questionnaire_title: String,
    pub question_id: String,
    pub question: String,
    pub items: Vec<String>,
    pub page: PageInfo,
}

/// The text answers of one question of questionnaire `id`, a page at a time (at most
/// [`MAX_TEXTS_PER_PAGE`]); `NotFound` for a question of another questionnaire or one that
/// is not answered in text.
pub fn text_answers(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
    question: &str,
    page: PageRequest,
) -> AppResult<TextAnswers> {
    let found = results_readable(conn, viewer, phase, id)?;
    let qid = QuestionnaireQuestionId::parse(question).ok_or_else(AppError::not_found)?;
    let (text, kind, answered): (String, String, i64) = questionnaire_questions::table
        .find(&qid)
        .filter(questionnaire_questions::questionnaire_id.eq(&found.questionnaire.id))
        .select((
            questionnaire_questions::text,
            questionnaire_questions::kind,
            questionnaire_questions::answer_count,
        ))
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    if !matches!(
        Kind::parse(&kind),
        Some(Kind::ShortText | Kind::LongText | Kind::Date)
    ) {
        return Err(AppError::not_found());
    }
    let page = PageRequest {
        page: page.page,
        per_page: page.per_page.clamp(1, MAX_TEXTS_PER_PAGE),
    };
    let items = texts(conn, &qid, page.offset(), page.per_page)?;
    Ok(TextAnswers {
        questionnaire_id: found.questionnaire.id.0.clone(),
        questionnaire_url: questionnaire_url(&found.questionnaire.id),
        questionnaire_title: found.questionnaire.title.clone(),
        question_id: qid.0,
        question: text,
        items,
        page: page.info(answered.clamp(0, 1 << 40)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averages_have_one_decimal_and_survive_any_counter() {
        assert_eq!(average(11, 3).as_deref(), Some("3.7"));
        assert_eq!(average(10, 4).as_deref(), Some("2.5"));
        assert_eq!(average(5, 0), None);
        assert!(average(i64::MAX, 1).is_some());
        assert!(average(i64::MIN, i64::MAX).is_some());
    }
}
