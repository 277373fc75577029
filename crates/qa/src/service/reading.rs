//! The question lists and the question page, read in a fixed number of queries and
//! filtered by the audiences the viewer may read.

use prassi_db::{OneOfExt, PagedExt};
use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::query_term;
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::people::{author_columns, AuthorRow, AuthorView};
use prassi_db::models::Question;
use prassi_db::schema::{
    qa_votes, question_tags, questions, tags, users, wiki_pages, wiki_promotions,
};
use prassi_db::{AnswerId, DbConnection, PostKind, QuestionId, TagId, UserId};
use serde::Serialize;

use crate::counters;

use super::editing::edit_rule;
use super::experts::kept_expert_suggestions;
use super::question_url;
use super::reputation::reputation;
use super::thread::{thread, ThreadAnswer};
use super::views::{
    AnswerView, CommentView, QuestionDetail, QuestionPage, QuestionSummary, WikiRef,
};

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListTab {
    Newest,
    Active,
    Unanswered,
    Votes,
}

impl ListTab {
    pub const ALL: [ListTab; 4] = [
        ListTab::Newest,
        ListTab::Active,
        ListTab::Unanswered,
        ListTab::Votes,
    ];
    /// Parses `?tab=`; unknown values fall back to newest.
    pub fn parse(s: Option<&str>) -> Self {
        match s {
            Some("active") => ListTab::Active,
            Some("unanswered") => ListTab::Unanswered,
            Some("votes") => ListTab::Votes,
            _ => ListTab::Newest,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ListTab::Newest => "newest",
            ListTab::Active => "active",
            ListTab::Unanswered => "unanswered",
            ListTab::Votes => "votes",
        }
    }
}

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub tab: Option<ListTab>,
    pub tag: Option<String>,
    pub author: Option<String>,
}

/// One page of questions the viewer may read. Three queries whatever the page size: the
/// count, the page's ids in order, and their questions joined with their authors and tags.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    filter: &ListFilter,
    page: PageRequest,
) -> AppResult<(Vec<QuestionSummary>, PageInfo)> {
    let visible = access::visible_audiences(viewer, phase);
    let tag = query_term(filter.tag.as_deref(), 60).map(|t| t.to_lowercase());
    let author = query_term(filter.author.as_deref(), 40).map(|a| a.to_lowercase());
    let tab = filter.tab.unwrap_or(ListTab::Newest);
    // Questions alone, no join: every question has its author (the foreign key cascades), and
    // on PostgreSQL a join made the planner take 0.57 ms to plan the page's statement. The
    // page is `paged`: a first page's limit is a literal there, so that PostgreSQL plans the
    // statement once instead of on every execution (a generic plan cannot know a bound limit).
    let filtered = || {
        let mut q = questions::table
            .filter(questions::audience.one_of(visible.clone()))
            .into_boxed();
        if let Some(t) = &tag {
            q = q.filter(
                questions::id.eq_any(
                    question_tags::table
                        .inner_join(tags::table)
                        .filter(tags::name.eq(t.clone()))
                        .select(question_tags::question_id),
                ),
            );
        }
        if let Some(a) = &author {
            q = q.filter(
                questions::author_id.eq_any(
                    users::table
                        .filter(users::username.eq(a.clone()))
                        .select(users::id),
                ),
            );
        }
        if tab == ListTab::Unanswered {
            q = q
                .filter(questions::answer_count.eq(0))
                .filter(questions::closed_reason.is_null());
        }
        q
    };
    let tag_id = match &tag {
        Some(t) => match tags::table
            .filter(tags::name.eq(t))
            .select(tags::id)
            .first::<TagId>(conn)
            .optional()?
        {
            Some(id) => Some(id),
            None => return Ok((Vec::new(), page.info(0))),
        },
        None => None,
    };
    // The total comes from the maintained counts unless the list is one member's (bounded by
    // what they asked, through the authors' index).
    let total: i64 = if author.is_some() {
        filtered().count().get_result(conn)?
    } else {
        counters::visible_total(conn, &visible, tag_id.as_ref(), tab == ListTab::Unanswered)?
    };
    // A tag's questions newest first: walked from the taggings' (tag, created_at) index, so a
    // tag of thousands of questions is never sorted.
    if let (Some(tag_id), ListTab::Newest | ListTab::Unanswered, None) = (&tag_id, tab, &author) {
        let newest_first = (
            question_tags::created_at.desc(),
            question_tags::question_id.desc(),
        );
        let ids: Vec<QuestionId> = if tab == ListTab::Unanswered {
            question_tags::table
                .inner_join(questions::table)
                .filter(question_tags::tag_id.eq(tag_id))
                .filter(questions::audience.one_of(visible.clone()))
                .filter(questions::answer_count.eq(0))
                .filter(questions::closed_reason.is_null())
                .order(newest_first)
                .select(question_tags::question_id)
                .paged(page.per_page, page.offset())
                .load(conn)?
        } else {
            // The taggings alone, each one's audience read from its question by a subquery:
            // the same rows as the join, but a one-table statement that PostgreSQL plans in
            // microseconds and keeps a generic plan for. Over the join it chose a plan for
            // each tag's values on every execution, and spent 0.5 ms planning it.
            question_tags::table
                .filter(question_tags::tag_id.eq(tag_id))
                .filter(audience_of_tagged_question().one_of(visible.clone()))
                .order(newest_first)
                .select(question_tags::question_id)
                .paged(page.per_page, page.offset())
                .load(conn)?
        };
        return Ok((summaries_in_order(conn, &ids)?, page.info(total)));
    }
    let ordered = match tab {
        ListTab::Newest | ListTab::Unanswered => {
            filtered().order((questions::created_at.desc(), questions::id.desc()))
        }
        ListTab::Active => {
            filtered().order((questions::last_activity_at.desc(), questions::id.desc()))
        }
        ListTab::Votes => filtered().order((questions::score.desc(), questions::created_at.desc())),
    };
    // The order is taken on ids alone (a page of them), then the rows are loaded: sorting a
    // tag's questions never carries their bodies.
    let ids: Vec<QuestionId> = ordered
        .select(questions::id)
        .paged(page.per_page, page.offset())
        .load(conn)?;
    Ok((summaries_in_order(conn, &ids)?, page.info(total)))
}

/// The audience of a tagging's question, as a subquery correlated with `question_tags` (every
/// tagging has its question: the foreign key cascades).
fn audience_of_tagged_question() -> prassi_db::FixedSql<diesel::sql_types::Text> {
    prassi_db::fixed_sql(
        "(SELECT questions.audience FROM questions WHERE questions.id = question_tags.question_id)",
    )
}

/// What a list shows of a question: the columns its summary needs and no others (a list row
/// is repeated once per tag, and every column read is decoded again on each repeat).
#[derive(Queryable, Selectable)]
#[diesel(table_name = questions)]
struct SummaryRow {
    id: QuestionId,
    title: String,
    body_md: String,
    score: i32,
    answer_count: i32,
    #[diesel(
        select_expression = questions::accepted_answer_id.is_not_null(),
        select_expression_type = diesel::dsl::IsNotNull<questions::accepted_answer_id>
    )]
    has_accepted: bool,
    #[diesel(
        select_expression = questions::closed_reason.is_not_null(),
        select_expression_type = diesel::dsl::IsNotNull<questions::closed_reason>
    )]
    closed: bool,
    created_at: chrono::NaiveDateTime,
    last_activity_at: chrono::NaiveDateTime,
    lang: String,
}

/// The summaries of the questions of `ids`, in the order of `ids`: one statement for the
/// questions with their authors and tags (a row per tag).
fn summaries_in_order(
    conn: &mut DbConnection,
    ids: &[QuestionId],
) -> AppResult<Vec<QuestionSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(SummaryRow, AuthorRow, Option<String>)> = questions::table
        .inner_join(users::table)
        // Flat joins: SQLite materialises a nested (taggings ⋈ tags) whole before joining it.
        .left_join(question_tags::table)
        .left_join(tags::table.on(tags::id.eq(question_tags::tag_id)))
        .filter(questions::id.one_of(ids))
        .order(tags::name.asc())
        .select((
            SummaryRow::as_select(),
            author_columns(),
            tags::name.nullable(),
        ))
        .load(conn)?;
    let mut found: HashMap<QuestionId, (SummaryRow, AuthorRow, Vec<String>)> = HashMap::new();
    for (q, a, tag) in rows {
        let entry = found
            .entry(q.id.clone())
            .or_insert_with(|| (q, a, Vec::new()));
        entry.2.extend(tag);
    }
    Ok(ids
        .iter()
        .filter_map(|id| found.remove(id))
        .map(|(q, a, tags)| QuestionSummary {
            url: question_url(&q.id, &q.title),
            tags,
            excerpt: prassi_core::markdown::excerpt(&q.body_md, 220),
            id: q.id.0,
            title: q.title,
            score: q.score,
            answer_count: q.answer_count,
            has_accepted: q.has_accepted,
            closed: q.closed,
            author: AuthorView::of(&a),
            created_at: q.created_at,
            last_activity_at: q.last_activity_at,
            lang: q.lang,
        })
        .collect())
}

/// The tags of these questions, each question's in name order.
pub(crate) fn tags_of(
    conn: &mut DbConnection,
    ids: &[QuestionId],
) -> diesel::QueryResult<HashMap<QuestionId, Vec<String>>> {
    let mut out: HashMap<QuestionId, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(QuestionId, String)> = question_tags::table
        .inner_join(tags::table)
        .filter(question_tags::question_id.one_of(ids))
        .order(tags::name.asc())
        .select((question_tags::question_id, tags::name))
        .load(conn)?;
    for (q, t) in rows {
        out.entry(q).or_default().push(t);
    }
    Ok(out)
}

/// The whole question page in a fixed number of queries, whatever the number of answers and
/// comments: the question with its author and its thread's version, the thread (answers and
/// comments with authors, revision counts, tags: kept per process while the version holds, see
/// [`super::thread`]), the viewer's votes (and the original's title when closed as a
/// duplicate).
pub fn question_page(
    conn: &mut DbConnection,
    id: &QuestionId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<QuestionPage> {
    question_page_and_row(conn, id, viewer, phase).map(|(page, _, _)| page)
}

/// As [`question_page`], with the question's row and audience as it read them (for what the
/// page shows beside it, such as the accepted answer's review notice).
pub fn question_page_and_row(
    conn: &mut DbConnection,
    id: &QuestionId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(QuestionPage, Question, Audience)> {
    let row: Option<(Question, i64, AuthorRow, Option<i64>)> = questions::table
        .inner_join(users::table)
        .filter(questions::id.eq(id))
        .select((
            Question::as_select(),
            questions::thread_version,
            author_columns(),
            prassi_core::settings::counter_subquery(super::experts::EXPERTS_VERSION),
        ))
        .first(conn)
        .optional()?;
    let (q, version, author, experts_version) = row.ok_or_else(AppError::not_found)?;
    let audience = Audience::from_db(&q.audience).ok_or_else(AppError::not_found)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    let row = q.clone();
    let thread = thread(conn, &q.id, version)?;
    let question_tags = &thread.tags;
    let mut post_ids: Vec<&str> = thread
        .answers
        .iter()
        .map(|a| a.answer.id.as_str())
        .collect();
    post_ids.push(q.id.as_str());
    let mut my_votes: HashMap<(PostKind, String), i32> = HashMap::new();
    if let Some(me) = viewer.user_id() {
        let rows: Vec<(PostKind, String, i32)> = qa_votes::table
            .filter(qa_votes::user_id.eq(me))
            // Both kinds, so that every column of the key (user, kind, post) is bound: with
            // the kind free, PostgreSQL's plan for the kept statement walked all the
            // viewer's votes once per post of the page.
            .filter(qa_votes::post_kind.one_of([PostKind::Question, PostKind::Answer]))
            .filter(qa_votes::post_id.one_of(&post_ids))
            .select((qa_votes::post_kind, qa_votes::post_id, qa_votes::value))
            .load(conn)?;
        for (k, p, v) in rows {
            my_votes.insert((k, p), v);
        }
    }
    let revision_counts = &thread.revision_counts;
    let can_edit = |author: &UserId| access::may_edit(viewer, phase, &audience, &edit_rule(author));
    let mut question_comments = Vec::new();
    let mut answer_comments: HashMap<AnswerId, Vec<CommentView>> = HashMap::new();
    for (c, a) in &thread.comments {
        let view = CommentView {
            id: c.id.0.clone(),
            body: c.body.clone(),
            author: AuthorView::of(a),
            created_at: c.created_at,
        };
        match &c.answer_id {
            None => question_comments.push(view),
            Some(aid) => answer_comments.entry(aid.clone()).or_default().push(view),
        }
    }
    let me = viewer.user_id();
    let mut authors: Vec<UserId> = thread.answers.iter().map(|a| a.author.0.clone()).collect();
    authors.push(author.0.clone());
    let rep = reputation(conn, &authors, viewer, phase)?;
    let with_rep = |row: &AuthorRow| AuthorView {
        reputation: rep.get(&row.0).copied(),
        ..AuthorView::of(row)
    };
    let experts = if access::can(viewer, phase, &audience, Action::Participate) {
        kept_expert_suggestions(
            conn,
            &q.id,
            &q.author_id,
            q.group_id.as_ref(),
            question_tags,
            experts_version.map(|e| (e, version)),
        )?
    } else {
        Vec::new()
    };
    // Promotions into wiki pages the viewer may read (the wiki module writes them).
    let mut promoted: HashMap<AnswerId, Vec<WikiRef>> = HashMap::new();
    for (answer, title, slug) in wiki_promotions::table
        .inner_join(wiki_pages::table)
        .filter(wiki_promotions::question_id.eq(&q.id))
        .filter(wiki_pages::audience.one_of(access::visible_audiences(viewer, phase)))
        .order(wiki_promotions::created_at.asc())
        .select((
            wiki_promotions::answer_id,
            wiki_pages::title,
            wiki_pages::slug,
        ))
        .load::<(AnswerId, String, String)>(conn)?
    {
        promoted.entry(answer).or_default().push(WikiRef {
            title,
            url: format!("/wiki/p/{slug}"),
        });
    }
    let participates = access::can(viewer, phase, &audience, Action::Participate);
    let accepted = q.accepted_answer_id.clone();
    let mut answers: Vec<AnswerView> = thread
        .answers
        .iter()
        .map(
            |ThreadAnswer {
                 answer: a,
                 author: au,
                 body_html,
             }| AnswerView {
                body_html: body_html.clone(),
                my_vote: my_votes
                    .get(&(PostKind::Answer, a.id.0.clone()))
                    .copied()
                    .unwrap_or(0),
                accepted: accepted.as_ref() == Some(&a.id),
                is_own: me == Some(&a.author_id),
                can_edit: can_edit(&a.author_id),
                revision_count: revision_counts.get(a.id.as_str()).copied().unwrap_or(0),
                url_edit: format!("/qa/modifica/risposta/{}", a.id),
                url_history: format!("/qa/cronologia/risposta/{}", a.id),
                comments: answer_comments.remove(&a.id).unwrap_or_default(),
                wiki_pages: promoted.remove(&a.id).unwrap_or_default(),
                promote_url: if participates && accepted.as_ref() == Some(&a.id) {
                    format!("/wiki/promuovi/{}", a.id)
                } else {
                    String::new()
                },
                id: a.id.0.clone(),
                body_md: a.body_md.clone(),
                score: a.score,
                author: with_rep(au),
                created_at: a.created_at,
                updated_at: a.updated_at,
                lang: a.lang.clone(),
            },
        )
        .collect();
    // Accepted first; the query already ordered the rest by score, then age.
    answers.sort_by_key(|a| !a.accepted);
    // Only a duplicate the viewer may read is linked.
    let duplicate_url = match &q.duplicate_of {
        Some(d) => questions::table
            .find(d)
            .filter(questions::audience.one_of(access::visible_audiences(viewer, phase)))
            .select(questions::title)
            .first::<String>(conn)
            .optional()?
            .map(|t| question_url(d, &t)),
        None => None,
    };
    let group = prassi_core::groups::link(conn, q.group_id.as_ref())?;
    let page = QuestionPage {
        question: QuestionDetail {
            group,
            lang: q.lang.clone(),
            url: question_url(&q.id, &q.title),
            body_html: prassi_core::markdown::render(&q.body_md),
            my_vote: my_votes
                .get(&(PostKind::Question, q.id.0.clone()))
                .copied()
                .unwrap_or(0),
            is_author: me == Some(&q.author_id),
            can_edit: can_edit(&q.author_id),
            revision_count: revision_counts.get(q.id.as_str()).copied().unwrap_or(0),
            url_edit: format!("/qa/modifica/domanda/{}", q.id),
            url_history: format!("/qa/cronologia/domanda/{}", q.id),
            id: q.id.0,
            title: q.title,
            body_md: q.body_md,
            score: q.score,
            answer_count: q.answer_count,
            audience: q.audience,
            tags: question_tags.iter().map(|t| t.name.clone()).collect(),
            author: with_rep(&author),
            created_at: q.created_at,
            updated_at: q.updated_at,
            closed_reason: q.closed_reason.map(|r| r.as_str().to_owned()),
            closed_note: q.closed_note,
            duplicate_url,
            accepted_answer_id: accepted.map(|a| a.0),
        },
        question_comments,
        answers,
        experts,
    };
    Ok((page, row, audience))
}
