//! A questionnaire as its page and the API show it — its sections and questions, filled with
//! the viewer's own answers (or, after a refused save, with what they typed) — and the lists
//! of questionnaires. Nothing here reads other members' answers.

use std::collections::{BTreeMap, HashMap};

use diesel::prelude::*;
use prassi_agenda::time::When;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::groups::GroupLink;
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_db::ids::{QuestionnaireId, QuestionnaireQuestionId};
use prassi_db::models::{
    Questionnaire, QuestionnaireOption, QuestionnaireQuestion, QuestionnaireSection,
};
use prassi_db::schema::{
    questionnaire_options, questionnaire_questions, questionnaire_responses,
    questionnaire_sections, questionnaires,
};
use prassi_db::{DbConnection, OneOfExt};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use super::respond::{answers_of, field_of, ResponseInput};
use super::{decode, questionnaire_url, Kind, State};

/// A questionnaire's sections, questions and options, as stored (three queries).
#[derive(Debug, Clone)]
pub struct Structure {
    pub sections: Vec<QuestionnaireSection>,
    /// In their order in the questionnaire.
    pub questions: Vec<QuestionnaireQuestion>,
    /// Every option, row and column, by question, axis and position.
    pub options: Vec<QuestionnaireOption>,
}

impl Structure {
    pub fn load(conn: &mut DbConnection, id: &QuestionnaireId) -> AppResult<Self> {
        let sections = questionnaire_sections::table
            .filter(questionnaire_sections::questionnaire_id.eq(id))
            .order(questionnaire_sections::position.asc())
            .select(QuestionnaireSection::as_select())
            .load(conn)?;
        let questions = questionnaire_questions::table
            .filter(questionnaire_questions::questionnaire_id.eq(id))
            .order(questionnaire_questions::position.asc())
            .select(QuestionnaireQuestion::as_select())
            .load(conn)?;
        let options = questionnaire_options::table
            .inner_join(questionnaire_questions::table)
            .filter(questionnaire_questions::questionnaire_id.eq(id))
            .order((
                questionnaire_options::question_id.asc(),
                questionnaire_options::axis.asc(),
                questionnaire_options::position.asc(),
            ))
            .select(QuestionnaireOption::as_select())
            .load(conn)?;
        Ok(Structure {
            sections,
            questions,
            options,
        })
    }

    /// The options of `question` on `axis` (`choice`, `row` or `column`), in order.
    pub fn options_of(
        &self,
        question: &QuestionnaireQuestionId,
        axis: &str,
    ) -> Vec<&QuestionnaireOption> {
        self.options
            .iter()
            .filter(|o| &o.question_id == question && o.axis == axis)
            .collect()
    }

    /// The label of the option at `position` on `axis` ("" when there is none).
    pub fn label(&self, question: &QuestionnaireQuestionId, axis: &str, position: i32) -> String {
        self.options
            .iter()
            .find(|o| &o.question_id == question && o.axis == axis && o.position == position)
            .map(|o| o.label.clone())
            .unwrap_or_default()
    }

    /// Stored answers as the form would send them (option ids, texts, row → column).
    pub fn as_input(&self, answers: &HashMap<QuestionnaireQuestionId, String>) -> ResponseInput {
        let mut out = BTreeMap::new();
        for q in &self.questions {
            let Some(value) = answers.get(&q.id) else {
                continue;
            };
            let id_at = |axis: &str, p: i32| {
                self.options
                    .iter()
                    .find(|o| o.question_id == q.id && o.axis == axis && o.position == p)
                    .map(|o| o.id.0.clone())
            };
            let raw = match Kind::parse(&q.kind).unwrap_or(Kind::ShortText) {
                Kind::Single | Kind::Multiple => Value::Array(
                    decode(value)
                        .into_iter()
                        .flatten()
                        .filter_map(|p| id_at("choice", p))
                        .map(Value::String)
                        .collect(),
                ),
                Kind::Matrix => {
                    let rows = self.options_of(&q.id, "row");
                    Value::Object(
                        decode(value)
                            .into_iter()
                            .enumerate()
                            .filter_map(|(r, c)| {
                                let row = rows.get(r)?;
                                let col = id_at("column", c?)?;
                                Some((row.id.0.clone(), Value::String(col)))
                            })
                            .collect(),
                    )
                }
                _ => Value::String(value.clone()),
            };
            out.insert(q.id.0.clone(), raw);
        }
        ResponseInput {
            answers: out,
            submit: false,
        }
    }
}

/// An option, row or column.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireOptionView)]
pub struct OptionView {
    pub id: String,
    pub label: String,
}

/// A question, with the viewer's answer (or what they typed).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireQuestionView)]
pub struct QuestionView {
    pub id: String,
    /// The answer's field in forms and errors: `q-<id>`.
    pub field: String,
    /// 1, 2, … through the whole questionnaire.
    pub number: usize,
    pub kind: String,
    pub text: String,
    pub help: String,
    pub required: bool,
    pub options: Vec<OptionView>,
    pub rows: Vec<OptionView>,
    pub columns: Vec<OptionView>,
    pub min_choices: Option<i32>,
    pub max_choices: Option<i32>,
    /// A scale's values, 1 to 5 or 1 to 10.
    pub scale: Vec<i32>,
    pub scale_min_label: String,
    pub scale_max_label: String,
    /// The answer as text (text, date, scale).
    pub value: String,
    /// The options chosen (ids).
    pub selected: Vec<String>,
    /// A matrix's choices: row id → column id.
    pub matrix: BTreeMap<String, String>,
}

/// A section.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireSectionView)]
pub struct SectionView {
    pub number: usize,
    pub title: String,
    pub intro_html: String,
    pub questions: Vec<QuestionView>,
}

/// Everything a questionnaire's page shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionnaireDetail {
    pub id: String,
    pub url: String,
    pub title: String,
    pub description_html: String,
    pub audience: String,
    pub group: Option<GroupLink>,
    /// Answers are never shown or exported with the respondent's name.
    pub anonymous: bool,
    /// A submitted response may be edited until closing.
    pub allow_edit: bool,
    /// `upcoming`, `open` or `closed`.
    pub state: String,
    pub opens: When,
    pub closes: Option<When>,
    pub closed: Option<When>,
    pub results_published: bool,
    /// Submitted responses.
    pub response_count: i64,
    pub question_count: usize,
    pub sections: Vec<SectionView>,
    /// The viewer's response: `draft`, `submitted`, or none.
    pub my_status: Option<String>,
    /// When the viewer submitted.
    pub my_submitted: Option<When>,
    /// The viewer may save their response now.
    pub can_respond: bool,
    /// The viewer is signed in but may not take part in the audience.
    pub not_eligible: bool,
    pub manages: bool,
    /// Organisers always; everyone once the results are published.
    pub can_see_results: bool,
    pub can_export: bool,
}

fn when(t: chrono::NaiveDateTime) -> When {
    When::of(t, t)
}

/// Puts a raw answer into a question's view.
fn fill(v: &mut QuestionView, raw: Option<&Value>) {
    v.value.clear();
    v.selected.clear();
    v.matrix.clear();
    match raw {
        Some(Value::String(s)) => {
            v.value = s.clone();
            v.selected = vec![s.clone()];
        }
        Some(Value::Number(n)) => v.value = n.to_string(),
        Some(Value::Array(items)) => {
            v.selected = items
                .iter()
                .filter_map(|i| match i {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect()
        }
        Some(Value::Object(map)) => {
            v.matrix = map
                .iter()
                .filter_map(|(k, c)| c.as_str().map(|c| (k.clone(), c.to_owned())))
                .collect()
        }
        _ => {}
    }
}

impl QuestionnaireDetail {
    /// Shows `typed` (a refused save) in the form instead of the stored answers.
    pub fn fill(&mut self, typed: &ResponseInput) {
        for s in &mut self.sections {
            for q in &mut s.questions {
                fill(q, typed.answers.get(&q.id));
            }
        }
    }
}

fn options(list: Vec<&QuestionnaireOption>) -> Vec<OptionView> {
    list.into_iter()
        .map(|o| OptionView {
            id: o.id.0.clone(),
            label: o.label.clone(),
        })
        .collect()
}

/// The sections and questions as pages show them, filled with `answers`.
pub fn sections(s: &Structure, answers: &ResponseInput) -> Vec<SectionView> {
    let mut number = 0;
    s.sections
        .iter()
        .enumerate()
        .map(|(i, sec)| SectionView {
            number: i + 1,
            title: sec.title.clone(),
            intro_html: prassi_core::markdown::render(&sec.intro_md),
            questions: s
                .questions
                .iter()
                .filter(|q| q.section_id == sec.id)
                .map(|q| {
                    number += 1;
                    let mut v = QuestionView {
                        id: q.id.0.clone(),
                        field: field_of(&q.id),
                        number,
                        kind: Kind::parse(&q.kind)
                            .unwrap_or(Kind::ShortText)
                            .as_str()
                            .to_owned(),
                        text: q.text.clone(),
                        help: q.help.clone(),
                        required: q.required,
                        options: options(s.options_of(&q.id, "choice")),
                        rows: options(s.options_of(&q.id, "row")),
                        columns: options(s.options_of(&q.id, "column")),
                        min_choices: q.min_choices,
                        max_choices: q.max_choices,
                        scale: q
                            .scale_max
                            .map(|m| (1..=m.clamp(1, 10)).collect())
                            .unwrap_or_default(),
                        scale_min_label: q.scale_min_label.clone(),
                        scale_max_label: q.scale_max_label.clone(),
                        value: String::new(),
                        selected: Vec::new(),
                        matrix: BTreeMap::new(),
                    };
                    fill(&mut v, answers.answers.get(q.id.as_str()));
                    v
                })
                .collect(),
        })
        .collect()
}

/// The questionnaire's page for `viewer`.
pub fn detail(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &str,
) -> AppResult<QuestionnaireDetail> {
    let found = super::access::readable(conn, id, viewer, phase)?;
    let q = &found.questionnaire;
    let state = State::of(q, chrono::Utc::now().naive_utc());
    let s = Structure::load(conn, &q.id)?;
    let mine: Option<(
        prassi_db::ids::QuestionnaireResponseId,
        String,
        Option<chrono::NaiveDateTime>,
    )> = match viewer.user_id() {
        Some(me) => questionnaire_responses::table
            .filter(questionnaire_responses::questionnaire_id.eq(&q.id))
            .filter(questionnaire_responses::user_id.eq(me))
            .select((
                questionnaire_responses::id,
                questionnaire_responses::status,
                questionnaire_responses::submitted_at,
            ))
            .first(conn)
            .optional()?,
        None => None,
    };
    let answers = match &mine {
        Some((rid, _, _)) => s.as_input(&answers_of(conn, rid)?),
        None => ResponseInput::default(),
    };
    let takes_part = access::can(viewer, phase, &found.audience, Action::Participate);
    let submitted = mine.as_ref().is_some_and(|(_, st, _)| st == "submitted");
    Ok(QuestionnaireDetail {
        id: q.id.0.clone(),
        url: questionnaire_url(&q.id),
        title: q.title.clone(),
        description_html: prassi_core::markdown::render(&q.description_md),
        audience: q.audience.clone(),
        group: prassi_core::groups::link(conn, q.group_id.as_ref())?,
        anonymous: q.anonymous,
        allow_edit: q.allow_edit,
        state: state.as_str().to_owned(),
        opens: when(q.opens_at),
        closes: q.closes_at.map(when),
        closed: q.closed_at.map(when),
        results_published: q.results_published,
        response_count: q.response_count,
        question_count: s.questions.len(),
        sections: sections(&s, &answers),
        my_status: mine.as_ref().map(|(_, st, _)| st.clone()),
        my_submitted: mine.as_ref().and_then(|(_, _, t)| t.map(when)),
        can_respond: state == State::Open && takes_part && (!submitted || q.allow_edit),
        not_eligible: viewer.account().is_some() && !takes_part,
        manages: found.manages,
        can_see_results: found.manages || q.results_published,
        can_export: found.manages,
    })
}

/// A questionnaire in a list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionnaireSummary {
    pub id: String,
    pub url: String,
    pub title: String,
    /// `upcoming`, `open` or `closed`.
    pub state: String,
    pub anonymous: bool,
    pub audience: String,
    pub opens: When,
    pub closes: Option<When>,
    pub response_count: i64,
    pub results_published: bool,
}

impl QuestionnaireSummary {
    pub fn of(q: &Questionnaire, now: chrono::NaiveDateTime) -> Self {
        QuestionnaireSummary {
            id: q.id.0.clone(),
            url: questionnaire_url(&q.id),
            title: q.title.clone(),
            state: State::of(q, now).as_str().to_owned(),
            anonymous: q.anonymous,
            audience: q.audience.clone(),
            opens: when(q.opens_at),
            closes: q.closes_at.map(when),
            response_count: q.response_count,
            results_published: q.results_published,
        }
    }
}

/// Which questionnaires a list holds: the polls' filter (`open`, `closed`, or both).
pub use crate::service::view::ListFilter;

/// A page of questionnaires.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = QuestionnaireListing)]
pub struct QuestionnaireList {
    pub items: Vec<QuestionnaireSummary>,
    pub page: PageInfo,
}

type Boxed<'a> = questionnaires::BoxedQuery<'a, prassi_db::pool::MultiBackend>;

fn filtered<'a>(
    visible: &'a [String],
    filter: &ListFilter,
    now: chrono::NaiveDateTime,
) -> Boxed<'a> {
    let mut q = questionnaires::table
        .filter(questionnaires::audience.one_of(visible.iter().cloned()))
        .into_boxed();
    match filter.state.trim() {
        "open" => {
            q = q.filter(questionnaires::closed_at.is_null()).filter(
                questionnaires::closes_at
                    .is_null()
                    .or(questionnaires::closes_at.gt(now)),
            )
        }
        "closed" => {
            q = q.filter(
                questionnaires::closed_at
                    .is_not_null()
                    .or(questionnaires::closes_at.le(now)),
            )
        }
        _ => {}
    }
    q
}

/// The questionnaires the viewer may read, newest first.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    filter: &ListFilter,
    page: PageRequest,
) -> AppResult<QuestionnaireList> {
    let visible = access::visible_audiences(viewer, phase);
    let now = chrono::Utc::now().naive_utc();
    let total: i64 = filtered(&visible, filter, now).count().get_result(conn)?;
    let rows: Vec<Questionnaire> = filtered(&visible, filter, now)
        .order((questionnaires::created_at.desc(), questionnaires::id.desc()))
        .offset(page.offset())
        .limit(page.per_page)
        .select(Questionnaire::as_select())
        .load(conn)?;
    Ok(QuestionnaireList {
        items: rows
            .iter()
            .map(|q| QuestionnaireSummary::of(q, now))
            .collect(),
        page: page.info(total),
    })
}
