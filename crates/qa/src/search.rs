//! What the search index holds of this module: questions with their answers (one document
//! each, the answers carrying their question's title, tags and audience). The search worker
//! rebuilds an item's documents from the database when a `touch` event names it, and `prassi
//! search reindex` rebuilds all of them; both read the current state in bulk (a few queries
//! per 500 items), so replaying an event or reindexing twice changes nothing. The module
//! declares these through [`SOURCES`] (`Module::search_sources`); the search crate knows no
//! module.
//!
//! Two items: a `question` is the question with every answer (touched when what its answers
//! carry changes: title, tags, audience, closing); an `answer` is one answer's document
//! (touched when it is posted or edited). So a busy question's new answer costs one document,
//! not the question's hundreds again.

use prassi_db::OneOfExt;
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::markdown::to_plain_text;
use prassi_core::search::{unix_seconds, Change, DocKind, SearchDoc, SearchSource};
use prassi_db::models::{Answer, Question};
use prassi_db::schema::{answers, questions};
use prassi_db::{AnswerId, DbConnection, QuestionId};

/// The module's searchable items, as `prassi_core::Module::search_sources` gives them.
pub static SOURCES: &[SearchSource] = &[QUESTIONS, ANSWERS];

/// The `question` items: services name a changed one with `QUESTIONS.touch(conn, id)`.
pub const QUESTIONS: SearchSource = SearchSource {
    item: "question",
    all_ids: |conn| {
        questions::table
            .select(questions::id)
            .order(questions::id)
            .load(conn)
    },
    changes: |conn, ids| {
        let ids: Vec<QuestionId> = ids.iter().cloned().map(QuestionId).collect();
        questions_of(conn, &ids)
    },
};

/// Single answers: services name a posted or edited one with `ANSWERS.touch(conn, id)`. A
/// reindex finds every answer through its question, so this source lists no ids of its own.
pub const ANSWERS: SearchSource = SearchSource {
    item: "answer",
    all_ids: |_| Ok(Vec::new()),
    changes: |conn, ids| {
        let ids: Vec<AnswerId> = ids.iter().cloned().map(AnswerId).collect();
        answers_of(conn, &ids)
    },
};

/// Answers with their questions' title, tags and audience, one [`Change`] per id in order
/// (a removal for an answer gone), in three queries per 500 answers.
pub fn answers_of(conn: &mut DbConnection, ids: &[AnswerId]) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<AnswerId, (Answer, Question)> = HashMap::with_capacity(ids.len());
    let mut tag_names: HashMap<QuestionId, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(Answer, Question)> = answers::table
            .inner_join(questions::table)
            .filter(answers::id.one_of(chunk))
            .select((Answer::as_select(), Question::as_select()))
            .load(conn)?;
        let mut question_ids: Vec<QuestionId> = rows.iter().map(|(_, q)| q.id.clone()).collect();
        question_ids.sort();
        question_ids.dedup();
        tag_names.extend(crate::service::tags_of(conn, &question_ids)?);
        found.extend(rows.into_iter().map(|(a, q)| (a.id.clone(), (a, q))));
    }
    Ok(ids
        .iter()
        .map(|id| match found.get(id) {
            Some((a, q)) => {
                let tags = tag_names.get(&q.id).cloned().unwrap_or_default();
                let url = crate::service::question_url(&q.id, &q.title);
                Change {
                    upsert: vec![answer_doc(q, &url, &tags, a)],
                    delete: Vec::new(),
                }
            }
            None => Change {
                upsert: Vec::new(),
                delete: vec![format!("answer-{id}")],
            },
        })
        .collect())
}

/// One answer's document: it carries its question's title, tags, audience and group.
fn answer_doc(q: &Question, url: &str, tags: &[String], a: &Answer) -> SearchDoc {
    SearchDoc {
        id: format!("answer-{}", a.id),
        kind: DocKind::Answer,
        title: q.title.clone(),
        body: to_plain_text(&a.body_md),
        url: format!("{url}#risposta-{}", a.id),
        audience: q.audience.clone(),
        tags: tags.to_vec(),
        created_at: unix_seconds(a.created_at),
        group_id: q.group_id.as_ref().map(|g| g.0.clone()),
    }
}

/// Questions and their answers, one [`Change`] per id in order, in three queries per 500
/// questions (questions, their tags, their answers) whatever their number of answers.
pub fn questions_of(conn: &mut DbConnection, ids: &[QuestionId]) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<QuestionId, Question> = HashMap::with_capacity(ids.len());
    let mut tag_names: HashMap<QuestionId, Vec<String>> = HashMap::new();
    let mut answers_of: HashMap<QuestionId, Vec<Answer>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<Question> = questions::table
            .filter(questions::id.one_of(chunk))
            .select(Question::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(|q| (q.id.clone(), q)));
        tag_names.extend(crate::service::tags_of(conn, chunk)?);
        let answers: Vec<Answer> = answers::table
            .filter(answers::question_id.one_of(chunk))
            .select(Answer::as_select())
            .load(conn)?;
        for a in answers {
            answers_of.entry(a.question_id.clone()).or_default().push(a);
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("question-{id}");
            let Some(q) = found.get(id) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            let tag_names = tag_names.remove(id).unwrap_or_default();
            let answers = answers_of.remove(id).unwrap_or_default();
            let url = crate::service::question_url(&q.id, &q.title);
            let group_id = q.group_id.as_ref().map(|g| g.0.clone());
            let mut upsert = Vec::with_capacity(answers.len() + 1);
            upsert.push(SearchDoc {
                id: doc_id,
                kind: DocKind::Question,
                title: q.title.clone(),
                body: to_plain_text(&q.body_md),
                url: url.clone(),
                audience: q.audience.clone(),
                tags: tag_names.clone(),
                created_at: unix_seconds(q.created_at),
                group_id: group_id.clone(),
            });
            upsert.extend(answers.iter().map(|a| answer_doc(q, &url, &tag_names, a)));
            Change {
                upsert,
                delete: Vec::new(),
            }
        })
        .collect())
}
