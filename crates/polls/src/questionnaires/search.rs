//! What the search index holds of questionnaires: title, description and section titles,
//! with the questionnaire's audience, so results never reveal one the viewer may not read.
//! Services name a changed questionnaire with `QUESTIONNAIRES.touch(conn, id)`; the worker and
//! `prassi search reindex` rebuild its document from the database in bulk (two queries per
//! 500).

use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::markdown::to_plain_text;
use prassi_core::search::{unix_seconds, Change, DocKind, SearchDoc, SearchSource};
use prassi_db::ids::QuestionnaireId;
use prassi_db::models::Questionnaire;
use prassi_db::schema::{questionnaire_sections, questionnaires};
use prassi_db::{DbConnection, OneOfExt};

/// The `questionnaire` items.
pub const QUESTIONNAIRES: SearchSource = SearchSource {
    item: "questionnaire",
    all_ids: |conn| {
        questionnaires::table
            .select(questionnaires::id)
            .order(questionnaires::id)
            .load(conn)
    },
    changes: |conn, ids| {
        let ids: Vec<QuestionnaireId> = ids.iter().cloned().map(QuestionnaireId).collect();
        questionnaires_of(conn, &ids)
    },
};

/// Questionnaires, one [`Change`] per id in order, in two queries per 500.
pub fn questionnaires_of(
    conn: &mut DbConnection,
    ids: &[QuestionnaireId],
) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<QuestionnaireId, Questionnaire> = HashMap::with_capacity(ids.len());
    let mut sections: HashMap<QuestionnaireId, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<Questionnaire> = questionnaires::table
            .filter(questionnaires::id.one_of(chunk.iter().cloned()))
            .select(Questionnaire::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(|q| (q.id.clone(), q)));
        let titles: Vec<(QuestionnaireId, String)> = questionnaire_sections::table
            .filter(questionnaire_sections::questionnaire_id.one_of(chunk.iter().cloned()))
            .order((
                questionnaire_sections::questionnaire_id.asc(),
                questionnaire_sections::position.asc(),
            ))
            .select((
                questionnaire_sections::questionnaire_id,
                questionnaire_sections::title,
            ))
            .load(conn)?;
        for (q, title) in titles {
            sections.entry(q).or_default().push(title);
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("questionnaire-{id}");
            let Some(q) = found.get(id) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            let mut body = to_plain_text(&q.description_md);
            for title in sections.get(id).into_iter().flatten() {
                body.push('\n');
                body.push_str(title);
            }
            Change {
                upsert: vec![SearchDoc {
                    id: doc_id,
                    kind: DocKind::Questionnaire,
                    title: q.title.clone(),
                    body,
                    url: super::questionnaire_url(&q.id),
                    audience: q.audience.clone(),
                    tags: Vec::new(),
                    created_at: unix_seconds(q.created_at),
                    group_id: q.group_id.as_ref().map(|g| g.0.clone()),
                }],
                delete: Vec::new(),
            }
        })
        .collect())
}
