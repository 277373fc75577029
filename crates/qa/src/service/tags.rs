//! Reading the tag vocabulary: the tag list with visible counts, one tag, its top answerers.

use prassi_db::OneOfExt;
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::query_term;
use prassi_core::people::{authors_by_id, AuthorView};
use prassi_db::models::Tag;
use prassi_db::schema::tags;
use prassi_db::{DbConnection, TagId, UserId};
use serde::Serialize;

/// A tag with how many questions the viewer can see under it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TagView {
    pub name: String,
    pub description: String,
    pub question_count: i64,
}

/// Every tag, with counts of the questions the viewer may read (so counts never reveal
/// questions the viewer may not see).
pub fn tag_list(conn: &mut DbConnection, viewer: &Viewer, phase: Phase) -> AppResult<Vec<TagView>> {
    let visible = access::visible_audiences(viewer, phase);
    let all: Vec<Tag> = tags::table
        .order(tags::name.asc())
        .limit(500)
        .select(Tag::as_select())
        .load(conn)?;
    // From the maintained counts: a row per tag and audience, not a scan of the questions.
    let mut counts: HashMap<TagId, i64> = HashMap::new();
    for (tag, n) in prassi_db::schema::qa_counts::table
        .filter(prassi_db::schema::qa_counts::audience.one_of(visible))
        .filter(prassi_db::schema::qa_counts::tag_id.ne(""))
        .select((
            prassi_db::schema::qa_counts::tag_id,
            prassi_db::schema::qa_counts::questions,
        ))
        .load::<(String, i64)>(conn)?
    {
        *counts.entry(TagId(tag)).or_default() += n;
    }
    Ok(all
        .into_iter()
        .map(|t| TagView {
            question_count: counts.get(&t.id).copied().unwrap_or(0),
            name: t.name,
            description: t.description,
        })
        .collect())
}

/// One tag by name.
pub fn tag_by_name(conn: &mut DbConnection, name: &str) -> AppResult<Tag> {
    let name = query_term(Some(name), 60)
        .ok_or_else(AppError::not_found)?
        .to_lowercase();
    tags::table
        .filter(tags::name.eq(name))
        .select(Tag::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)
}

/// Who answers most under a tag: answer count and summed score, among questions the viewer
/// may read.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TopAnswerer {
    pub author: AuthorView,
    pub answers: i64,
    pub score: i64,
}

/// The top answerers of a tag (one grouped query plus one for their names), kept for a few
/// seconds per tag and set of audiences ([`prassi_core::audience_cache`]): the sum runs over a
/// row per answerer and audience, a thousand rows for a busy tag.
pub fn top_answerers(
    conn: &mut DbConnection,
    tag: &TagId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Vec<TopAnswerer>> {
    let visible = access::visible_audiences(viewer, phase);
    let key = format!("qa-top-answerers\0{}\0{}", visible.join(","), tag.as_str());
    prassi_core::audience_cache::get_or_build(key, || top_answerers_of(conn, tag, visible))
}

fn top_answerers_of(
    conn: &mut DbConnection,
    tag: &TagId,
    visible: Vec<String>,
) -> AppResult<Vec<TopAnswerer>> {
    // From the maintained per-tag figures: one row per answerer and audience, not a scan of
    // the tag's answers.
    use diesel::dsl::sql;
    use diesel::sql_types::BigInt;
    use prassi_db::schema::qa_tag_answerers as ta;
    // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back, the same on both backends.
    let answers_sum =
        || sql::<BigInt>("CAST(COALESCE(SUM(qa_tag_answerers.answers), 0) AS BIGINT)");
    let rows: Vec<(UserId, i64, i64)> = ta::table
        .filter(ta::tag_id.eq(tag.as_str()))
        .filter(ta::audience.one_of(visible))
        .group_by(ta::user_id)
        .select((
            ta::user_id,
            answers_sum(),
            sql::<BigInt>("CAST(COALESCE(SUM(qa_tag_answerers.score), 0) AS BIGINT)"),
        ))
        .order(answers_sum().desc())
        .limit(10)
        .load(conn)?;
    let rows: Vec<(UserId, i64, Option<i64>)> = rows
        .into_iter()
        .filter(|(_, n, _)| *n > 0)
        .map(|(who, n, score)| (who, n, Some(score)))
        .collect();
    let ids: Vec<UserId> = rows.iter().map(|r| r.0.clone()).collect();
    let by_id = authors_by_id(conn, &ids)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, n, s)| {
            by_id.get(&id).map(|a| TopAnswerer {
                author: AuthorView::of(a),
                answers: n,
                score: s.unwrap_or(0),
            })
        })
        .collect())
}

/// Names of all tags (for the ask form).
pub fn tag_names(conn: &mut DbConnection) -> AppResult<Vec<String>> {
    Ok(tags::table
        .order(tags::name.asc())
        .limit(500)
        .select(tags::name)
        .load(conn)?)
}
