//! The Q&A block of the home page: the newest questions the viewer may read and how many of
//! them still wait for an answer. Two queries whatever the size of the community: the newest
//! five walked from the creation index, and the maintained unanswered counts.

use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::module::HomeBlock;
use prassi_db::schema::questions;
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, QuestionId};
use serde::Serialize;

/// How many questions the block lists.
pub const HOME_QUESTIONS: i64 = 5;

#[derive(Debug, Serialize)]
struct HomeQuestion {
    title: String,
    url: String,
    score: i32,
    answer_count: i32,
    has_accepted: bool,
    closed: bool,
    created_at: chrono::NaiveDateTime,
    lang: String,
}

/// The block for `viewer`: nothing when the viewer may read no questions.
pub fn home_block(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Option<HomeBlock>> {
    let visible = access::visible_audiences(viewer, phase);
    if visible.is_empty() {
        return Ok(None);
    }
    type Row = (
        QuestionId,
        String,
        i32,
        i32,
        Option<prassi_db::AnswerId>,
        Option<String>,
        chrono::NaiveDateTime,
        String,
    );
    let rows: Vec<Row> = questions::table
        .filter(questions::audience.one_of(&visible))
        .order((questions::created_at.desc(), questions::id.desc()))
        .limit(HOME_QUESTIONS)
        .select((
            questions::id,
            questions::title,
            questions::score,
            questions::answer_count,
            questions::accepted_answer_id,
            questions::closed_reason,
            questions::created_at,
            questions::lang,
        ))
        .load(conn)?;
    let unanswered = crate::counters::visible_total(conn, &visible, None, true)?;
    let items: Vec<HomeQuestion> = rows
        .into_iter()
        .map(
            |(id, title, score, answer_count, accepted, closed, created_at, lang)| HomeQuestion {
                url: crate::service::question_url(&id, &title),
                title,
                score,
                answer_count,
                has_accepted: accepted.is_some(),
                closed: closed.is_some(),
                created_at,
                lang,
            },
        )
        .collect();
    Ok(Some(HomeBlock {
        template: "qa/_home.html",
        data: serde_json::json!({ "questions": items, "unanswered": unanswered }),
    }))
}

/// How many questions the expertise block lists.
pub const EXPERTISE_QUESTIONS: i64 = 5;

/// How many of the newest unanswered questions the expertise block looks among: a bound on
/// the work of a view whatever the size of the community (walked from the unanswered index).
pub const EXPERTISE_WINDOW: i64 = 200;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// The block "waiting for your expertise" for a member: the newest unanswered open questions
/// they may read, not their own, tagged with one of their declared areas of expertise (a tag
/// matches an area by name, by name with spaces for hyphens, or by its description, as the
/// expert suggestions of a question match), among the [`EXPERTISE_WINDOW`] newest unanswered
/// ones. At most five queries: the areas, their tags, the window, its tagged questions, their
/// rows. A member without
/// areas gets a pointer to the profile instead; visitors and members who take part in
/// nothing get no block.
pub fn expertise_block(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Option<HomeBlock>> {
    use prassi_db::schema::{question_tags, tags, user_expertise};
    let Some(me) = viewer.user_id() else {
        return Ok(None);
    };
    let visible = access::visible_audiences(viewer, phase);
    if visible.is_empty() || !viewer.participates() {
        return Ok(None);
    }
    let areas: Vec<(String, String)> = user_expertise::table
        .filter(user_expertise::user_id.eq(me))
        .order(user_expertise::label.asc())
        .select((user_expertise::area_key, user_expertise::label))
        .load(conn)?;
    let template = "qa/_home_expertise.html";
    if areas.is_empty() {
        return Ok(Some(HomeBlock {
            template,
            data: serde_json::json!({ "areas": [], "questions": [] }),
        }));
    }
    let keys: Vec<String> = areas.iter().map(|(key, _)| key.clone()).collect();
    let hyphenated: Vec<String> = keys.iter().map(|k| k.replace(' ', "-")).collect();
    let tag_ids: Vec<prassi_db::TagId> = tags::table
        .filter(
            tags::name
                .one_of(keys.iter().chain(&hyphenated).cloned())
                .or(lower(tags::description).one_of(keys.iter().cloned())),
        )
        .select(tags::id)
        .load(conn)?;
    let labels: Vec<&str> = areas.iter().map(|(_, label)| label.as_str()).collect();
    if tag_ids.is_empty() {
        return Ok(Some(HomeBlock {
            template,
            data: serde_json::json!({ "areas": labels, "questions": [] }),
        }));
    }
    // The newest unanswered open questions the member may read and did not ask (walked from
    // the unanswered index), then which of them carry a tag of the areas (by key), then the
    // first few of those.
    let window: Vec<QuestionId> = questions::table
        .filter(questions::answer_count.eq(0))
        .filter(questions::closed_reason.is_null())
        .filter(questions::audience.one_of(&visible))
        .filter(questions::author_id.ne(me))
        .order((questions::created_at.desc(), questions::id.desc()))
        .limit(EXPERTISE_WINDOW)
        .select(questions::id)
        .load(conn)?;
    let tagged: std::collections::HashSet<QuestionId> = question_tags::table
        .filter(question_tags::question_id.one_of(&window))
        .filter(question_tags::tag_id.one_of(&tag_ids))
        .select(question_tags::question_id)
        .load::<QuestionId>(conn)?
        .into_iter()
        .collect();
    let wanted: Vec<QuestionId> = window
        .into_iter()
        .filter(|id| tagged.contains(id))
        .take(EXPERTISE_QUESTIONS as usize)
        .collect();
    type Row = (QuestionId, String, chrono::NaiveDateTime, String);
    let rows: Vec<Row> = if wanted.is_empty() {
        Vec::new()
    } else {
        questions::table
            .filter(questions::id.one_of(&wanted))
            .order((questions::created_at.desc(), questions::id.desc()))
            .select((
                questions::id,
                questions::title,
                questions::created_at,
                questions::lang,
            ))
            .load(conn)?
    };
    let items: Vec<serde_json::Value> = rows
        .into_iter()
        .map(|(id, title, created_at, lang)| {
            serde_json::json!({
                "url": crate::service::question_url(&id, &title),
                "title": title,
                "created_at": created_at,
                "lang": lang,
            })
        })
        .collect();
    Ok(Some(HomeBlock {
        template,
        data: serde_json::json!({ "areas": labels, "questions": items }),
    }))
}
