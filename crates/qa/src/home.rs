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
