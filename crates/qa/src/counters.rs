//! The Q&A counters pages show, kept in the transaction that moves them: reputation and
//! activity per member and audience (`qa_member_stats`), questions and unanswered questions
//! per audience and tag (`qa_counts`, tag `''` for all), and answers and their score per tag,
//! member and audience (`qa_tag_answerers`, the tag pages' top answerers). A viewer's figure is the sum
//! over the audiences they may read — a handful of rows, whatever the size of the community.
//! [`recompute`] rebuilds both tables from the questions, answers and votes (`prassi recount`);
//! a test proves that after any sequence of operations the maintained values equal it.

use prassi_db::OneOfExt;
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::error::AppResult;
use prassi_db::schema::{qa_counts, qa_member_stats, question_tags};
use prassi_db::{DbConnection, PostKind, QuestionId, TagId, UserId};

/// Reputation for an up-vote on an answer.
pub const REP_UPVOTE_ANSWER: i64 = 10;
/// Reputation for an up-vote on a question.
pub const REP_UPVOTE_QUESTION: i64 = 5;
/// Reputation for a down-vote on either.
pub const REP_DOWNVOTE: i64 = -2;
/// Reputation for an answer accepted on someone else's question.
pub const REP_ACCEPTED: i64 = 15;

/// The reputation one vote of `value` (-1, 0, 1) on a post of `kind` gives its author.
pub fn vote_points(kind: PostKind, value: i32) -> i64 {
    match (kind, value.signum()) {
        (_, 0) => 0,
        (_, -1) => REP_DOWNVOTE,
        (PostKind::Question, _) => REP_UPVOTE_QUESTION,
        (PostKind::Answer, _) => REP_UPVOTE_ANSWER,
    }
}

/// Moves a member's counters in one audience: `reputation`, `questions`, `answers`, `accepted`.
pub(crate) fn member(
    conn: &mut DbConnection,
    user: &UserId,
    audience: &str,
    deltas: &[(&'static str, i64)],
) -> AppResult<()> {
    prassi_db::counters::bump(
        conn,
        "qa_member_stats",
        &[("user_id", user.as_str()), ("audience", audience)],
        deltas,
    )?;
    Ok(())
}

/// Moves the question counts of an audience, for all questions and for each of `tags`.
pub(crate) fn questions(
    conn: &mut DbConnection,
    audience: &str,
    tags: &[TagId],
    questions: i64,
    unanswered: i64,
) -> AppResult<()> {
    let deltas = [("questions", questions), ("unanswered", unanswered)];
    for tag in std::iter::once("").chain(tags.iter().map(|t| t.as_str())) {
        prassi_db::counters::bump(
            conn,
            "qa_counts",
            &[("audience", audience), ("tag_id", tag)],
            &deltas,
        )?;
    }
    Ok(())
}

/// Moves a member's answers and their score under each of `tags` (the tag pages' top
/// answerers).
pub(crate) fn tag_answerer(
    conn: &mut DbConnection,
    tags: &[TagId],
    user: &UserId,
    audience: &str,
    answers: i64,
    score: i64,
) -> AppResult<()> {
    for tag in tags {
        prassi_db::counters::bump(
            conn,
            "qa_tag_answerers",
            &[
                ("tag_id", tag.as_str()),
                ("user_id", user.as_str()),
                ("audience", audience),
            ],
            &[("answers", answers), ("score", score)],
        )?;
    }
    Ok(())
}

/// Each answerer's answers to one question and their total score, to move under tags when the
/// question is retagged; bounded by the question's answers.
pub(crate) fn answerers_of(
    conn: &mut DbConnection,
    question: &QuestionId,
) -> AppResult<Vec<(UserId, i64, i64)>> {
    use prassi_db::schema::answers;
    let rows: Vec<(UserId, i32)> = answers::table
        .filter(answers::question_id.eq(question))
        .select((answers::author_id, answers::score))
        .load(conn)?;
    let mut per: HashMap<UserId, (i64, i64)> = HashMap::new();
    for (who, score) in rows {
        let e = per.entry(who).or_default();
        e.0 += 1;
        e.1 += i64::from(score);
    }
    Ok(per.into_iter().map(|(w, (n, s))| (w, n, s)).collect())
}

/// The tags of a question, for moving their counts.
pub(crate) fn tags_of(conn: &mut DbConnection, question: &QuestionId) -> AppResult<Vec<TagId>> {
    Ok(question_tags::table
        .filter(question_tags::question_id.eq(question))
        .select(question_tags::tag_id)
        .load(conn)?)
}

/// Counts one tag's questions again from scratch (after a merge); bounded by the tag's size,
/// and only administrators merge tags.
pub(crate) fn recount_tag(conn: &mut DbConnection, tag: &TagId) -> AppResult<()> {
    use prassi_db::schema::questions;
    diesel::delete(qa_counts::table.filter(qa_counts::tag_id.eq(tag.as_str()))).execute(conn)?;
    let rows: Vec<(String, i32, bool)> = questions::table
        .inner_join(question_tags::table)
        .filter(question_tags::tag_id.eq(tag))
        .select((
            questions::audience,
            questions::answer_count,
            questions::closed_reason.is_null(),
        ))
        .load(conn)?;
    let mut per: HashMap<String, (i64, i64)> = HashMap::new();
    for (audience, answers, open) in rows {
        let e = per.entry(audience).or_default();
        e.0 += 1;
        e.1 += i64::from(answers == 0 && open);
    }
    recount_tag_answerers(conn, tag)?;
    for (audience, (n, unanswered)) in per {
        prassi_db::counters::bump(
            conn,
            "qa_counts",
            &[("audience", &audience), ("tag_id", tag.as_str())],
            &[("questions", n), ("unanswered", unanswered)],
        )?;
    }
    Ok(())
}

fn recount_tag_answerers(conn: &mut DbConnection, tag: &TagId) -> AppResult<()> {
    use prassi_db::schema::{answers, qa_tag_answerers, questions};
    diesel::delete(qa_tag_answerers::table.filter(qa_tag_answerers::tag_id.eq(tag.as_str())))
        .execute(conn)?;
    let rows: Vec<(UserId, String, i32)> = answers::table
        .inner_join(questions::table.inner_join(question_tags::table))
        .filter(question_tags::tag_id.eq(tag))
        .select((answers::author_id, questions::audience, answers::score))
        .load(conn)?;
    let mut per: HashMap<(UserId, String), (i64, i64)> = HashMap::new();
    for (who, audience, score) in rows {
        let e = per.entry((who, audience)).or_default();
        e.0 += 1;
        e.1 += i64::from(score);
    }
    for ((who, audience), (n, score)) in per {
        tag_answerer(conn, std::slice::from_ref(tag), &who, &audience, n, score)?;
    }
    Ok(())
}

/// How many questions (or unanswered questions) of `tag` (all with `None`) a viewer who reads
/// `audiences` sees.
pub fn visible_total(
    conn: &mut DbConnection,
    audiences: &[String],
    tag: Option<&TagId>,
    unanswered: bool,
) -> AppResult<i64> {
    let tag = tag.map_or("", |t| t.as_str());
    let rows = qa_counts::table
        .filter(qa_counts::audience.one_of(audiences))
        .filter(qa_counts::tag_id.eq(tag));
    let values: Vec<i64> = if unanswered {
        rows.select(qa_counts::unanswered).load(conn)?
    } else {
        rows.select(qa_counts::questions).load(conn)?
    };
    Ok(values.into_iter().sum())
}

/// A member's figures over what a viewer may read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MemberFigures {
    pub reputation: i64,
    pub questions: i64,
    pub answers: i64,
    pub accepted: i64,
}

/// The figures of `members` within `audiences`; one query.
pub fn figures(
    conn: &mut DbConnection,
    members: &[UserId],
    audiences: &[String],
) -> AppResult<HashMap<UserId, MemberFigures>> {
    let mut out: HashMap<UserId, MemberFigures> = members
        .iter()
        .map(|m| (m.clone(), MemberFigures::default()))
        .collect();
    if members.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(UserId, i64, i64, i64, i64)> = qa_member_stats::table
        .filter(qa_member_stats::user_id.one_of(members))
        .filter(qa_member_stats::audience.one_of(audiences))
        .select((
            qa_member_stats::user_id,
            qa_member_stats::reputation,
            qa_member_stats::questions,
            qa_member_stats::answers,
            qa_member_stats::accepted,
        ))
        .load(conn)?;
    for (user, reputation, questions, answers, accepted) in rows {
        let f = out.entry(user).or_default();
        f.reputation += reputation;
        f.questions += questions;
        f.answers += answers;
        f.accepted += accepted;
    }
    Ok(out)
}

/// Rebuilds both tables from questions, answers and votes (the statements of migration
/// `000007_qa_counters`). Call inside a write transaction.
pub fn recompute(conn: &mut DbConnection) -> AppResult<()> {
    diesel::delete(qa_member_stats::table).execute(conn)?;
    diesel::delete(qa_counts::table).execute(conn)?;
    diesel::delete(prassi_db::schema::qa_tag_answerers::table).execute(conn)?;
    for sql in [
        MEMBER_STATS_SQL,
        COUNTS_ALL_SQL,
        COUNTS_TAGS_SQL,
        TAG_ANSWERERS_SQL,
    ] {
        diesel::sql_query(sql).execute(conn)?;
    }
    Ok(())
}

/// The tables as sorted rows without all-zero rows, to compare maintained and recomputed.
pub type Snapshot = (
    Vec<(String, String, i64, i64, i64, i64)>,
    Vec<(String, String, i64, i64)>,
    Vec<(String, String, String, i64, i64)>,
);

/// The current values of both tables (see [`Snapshot`]).
pub fn snapshot(conn: &mut DbConnection) -> AppResult<Snapshot> {
    let mut members: Vec<(String, String, i64, i64, i64, i64)> = qa_member_stats::table
        .select((
            qa_member_stats::user_id,
            qa_member_stats::audience,
            qa_member_stats::reputation,
            qa_member_stats::questions,
            qa_member_stats::answers,
            qa_member_stats::accepted,
        ))
        .load(conn)?;
    members.retain(|r| (r.2, r.3, r.4, r.5) != (0, 0, 0, 0));
    members.sort();
    let mut counts: Vec<(String, String, i64, i64)> = qa_counts::table
        .select((
            qa_counts::audience,
            qa_counts::tag_id,
            qa_counts::questions,
            qa_counts::unanswered,
        ))
        .load(conn)?;
    counts.retain(|r| (r.2, r.3) != (0, 0));
    counts.sort();
    use prassi_db::schema::qa_tag_answerers as ta;
    let mut answerers: Vec<(String, String, String, i64, i64)> = ta::table
        .select((
            ta::tag_id,
            ta::user_id,
            ta::audience,
            ta::answers,
            ta::score,
        ))
        .load(conn)?;
    answerers.retain(|r| (r.3, r.4) != (0, 0));
    answerers.sort();
    Ok((members, counts, answerers))
}

const MEMBER_STATS_SQL: &str = "
INSERT INTO qa_member_stats (user_id, audience, reputation, questions, answers, accepted)
SELECT user_id, audience, SUM(rep), SUM(qs), SUM(ans), SUM(acc) FROM (
    SELECT q.author_id AS user_id, q.audience AS audience,
           CASE WHEN v.value > 0 THEN 5 ELSE -2 END AS rep, 0 AS qs, 0 AS ans, 0 AS acc
      FROM qa_votes v JOIN questions q ON q.id = v.post_id
     WHERE v.post_kind = 'question' AND v.value <> 0
    UNION ALL
    SELECT a.author_id, q.audience, CASE WHEN v.value > 0 THEN 10 ELSE -2 END, 0, 0, 0
      FROM qa_votes v JOIN answers a ON a.id = v.post_id JOIN questions q ON q.id = a.question_id
     WHERE v.post_kind = 'answer' AND v.value <> 0
    UNION ALL
    SELECT a.author_id, q.audience, 15, 0, 0, 1
      FROM questions q JOIN answers a ON a.id = q.accepted_answer_id
     WHERE a.author_id <> q.author_id
    UNION ALL
    SELECT author_id, audience, 0, 1, 0, 0 FROM questions
    UNION ALL
    SELECT a.author_id, q.audience, 0, 0, 1, 0
      FROM answers a JOIN questions q ON q.id = a.question_id
) s GROUP BY user_id, audience";

const COUNTS_ALL_SQL: &str = "
INSERT INTO qa_counts (audience, tag_id, questions, unanswered)
SELECT audience, '', COUNT(*),
       SUM(CASE WHEN answer_count = 0 AND closed_reason IS NULL THEN 1 ELSE 0 END)
  FROM questions GROUP BY audience";

const COUNTS_TAGS_SQL: &str = "
INSERT INTO qa_counts (audience, tag_id, questions, unanswered)
SELECT q.audience, qt.tag_id, COUNT(*),
       SUM(CASE WHEN q.answer_count = 0 AND q.closed_reason IS NULL THEN 1 ELSE 0 END)
  FROM questions q JOIN question_tags qt ON qt.question_id = q.id
 GROUP BY q.audience, qt.tag_id";

const TAG_ANSWERERS_SQL: &str = "
INSERT INTO qa_tag_answerers (tag_id, user_id, audience, answers, score)
SELECT qt.tag_id, a.author_id, q.audience, COUNT(*), SUM(a.score)
  FROM answers a JOIN questions q ON q.id = a.question_id
  JOIN question_tags qt ON qt.question_id = q.id
 GROUP BY qt.tag_id, a.author_id, q.audience";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vote_points_follow_the_published_rule() {
        assert_eq!(vote_points(PostKind::Answer, 1), 10);
        assert_eq!(vote_points(PostKind::Question, 1), 5);
        assert_eq!(vote_points(PostKind::Question, -1), -2);
        assert_eq!(vote_points(PostKind::Answer, 0), 0);
    }
}
