//! Q&A services: asking, answering, commenting, voting, accepting, and the lists and pages that
//! show them. Every read is filtered by the shared access rule (`visible_audiences`), so a
//! question a viewer may not see is absent from lists, counts and tag pages, and answers
//! "not found" when asked for directly. Scores and answer counts change only through
//! conditional updates in the transaction that records the vote or the answer.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, EditRule, Editors, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::history::{views_with_authors, Revision};
pub use prassi_core::history::{word_diff, DiffSegment, RevisionView};
use prassi_core::input::{content_lang, optional, query_term, required, required_between, Checks};
use prassi_core::markdown::body_text;
use prassi_core::notify::{self, EventKind, ItemKind};

use crate::counters;

/// The language of content whose author did not choose one: the site's.
const DEFAULT_LANG: &str = prassi_core::i18n::LANGUAGES[0];
use prassi_core::pagination::{PageInfo, PageRequest};
pub use prassi_core::people::AuthorView;
use prassi_core::people::{author_columns, authors_by_id, AuthorRow};
use prassi_db::models::{Answer, QaComment, QaRevision, Question, Tag};
use prassi_db::schema::{
    answers, qa_comments, qa_revisions, qa_votes, question_tags, questions, tags, users,
    wiki_pages, wiki_promotions,
};
use prassi_db::{AnswerId, CommentId, DbConnection, PostKind, QuestionId, Role, TagId, UserId};
use serde::{Deserialize, Serialize};

/// Longest question title, in characters.
pub const MAX_TITLE: usize = 150;
/// Longest question or answer body, in characters.
pub const MAX_BODY: usize = 30_000;
/// Longest comment, in characters.
pub const MAX_COMMENT: usize = 600;
/// Tags a question must have, at least and at most.
pub const TAGS_PER_QUESTION: std::ops::RangeInclusive<usize> = 1..=5;

/// The URL slug of a title (readable only; the id is what counts).
pub fn slug_of(title: &str) -> String {
    let s = prassi_core::markdown::anchor_of(title);
    if s.is_empty() {
        "domanda".into()
    } else {
        s
    }
}

/// The canonical page of a question.
pub fn question_url(id: &QuestionId, title: &str) -> String {
    format!("/qa/questions/{id}/{}", slug_of(title))
}

// ------------------------------------------------------------------------------ views

/// A question in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionSummary {
    pub id: String,
    pub title: String,
    pub url: String,
    pub excerpt: String,
    pub score: i32,
    pub answer_count: i32,
    pub has_accepted: bool,
    pub closed: bool,
    pub tags: Vec<String>,
    pub author: AuthorView,
    pub created_at: NaiveDateTime,
    pub last_activity_at: NaiveDateTime,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
}

/// A comment.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommentView {
    pub id: String,
    pub body: String,
    pub author: AuthorView,
    pub created_at: NaiveDateTime,
}

/// An answer on the question page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnswerView {
    pub id: String,
    pub body_html: String,
    pub body_md: String,
    pub score: i32,
    pub author: AuthorView,
    pub accepted: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The viewer's vote: -1, 0 or 1.
    pub my_vote: i32,
    pub is_own: bool,
    /// The viewer may edit it (its author, or a moderator).
    pub can_edit: bool,
    pub revision_count: i64,
    pub url_edit: String,
    pub url_history: String,
    pub comments: Vec<CommentView>,
    /// Wiki pages this answer was promoted into (those the viewer may read).
    pub wiki_pages: Vec<WikiRef>,
    /// Where to promote it into the wiki; empty unless it is accepted and the viewer takes part.
    pub promote_url: String,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
}

/// A wiki page named on the question page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WikiRef {
    pub title: String,
    pub url: String,
}

/// The question itself on its page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionDetail {
    pub id: String,
    pub title: String,
    pub url: String,
    pub body_html: String,
    pub body_md: String,
    pub score: i32,
    pub answer_count: i32,
    pub audience: String,
    pub tags: Vec<String>,
    pub author: AuthorView,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub closed_reason: Option<String>,
    pub closed_note: Option<String>,
    pub duplicate_url: Option<String>,
    pub accepted_answer_id: Option<String>,
    pub my_vote: i32,
    pub is_author: bool,
    pub can_edit: bool,
    pub revision_count: i64,
    pub url_edit: String,
    pub url_history: String,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
}

/// Everything the question page shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionPage {
    pub question: QuestionDetail,
    pub question_comments: Vec<CommentView>,
    /// Accepted answer first, then by score, then oldest first.
    pub answers: Vec<AnswerView>,
    /// Experts whose declared expertise matches the tags (only for viewers who take part).
    pub experts: Vec<ExpertSuggestion>,
}

// ------------------------------------------------------------------------------ access

/// The audience of a question, or `NotFound` when the viewer may not read it (or it does not
/// exist): the two answer alike.
pub fn readable_question(
    conn: &mut DbConnection,
    id: &QuestionId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Question, Audience)> {
    let q: Question = questions::table
        .find(id)
        .select(Question::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let audience = Audience::from_db(&q.audience).ok_or_else(AppError::not_found)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    Ok((q, audience))
}

/// The address of a question the viewer may read: what a form redirects to after posting,
/// without loading the page (two small queries, whatever the size of the question).
pub fn readable_question_url(
    conn: &mut DbConnection,
    id: &QuestionId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<String> {
    let (q, _) = readable_question(conn, id, viewer, phase)?;
    Ok(question_url(&q.id, &q.title))
}

// ------------------------------------------------------------------------------ writing

/// A new question.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct QuestionInput {
    pub title: String,
    pub body_md: String,
    /// Existing tag names, separated by commas or spaces.
    pub tags: String,
    /// `public`, `members` (or `group:<id>` once groups exist). Default `members`.
    pub audience: String,
    /// The language of the text (`it`, `en`, `de`, `fr`, `sl`). Default: the site's, `it`.
    pub lang: String,
}

/// Parses and checks the tag list against the shared vocabulary.
fn resolve_tags(conn: &mut DbConnection, raw: &str) -> AppResult<Vec<Tag>> {
    let mut names: Vec<String> = Vec::new();
    for n in raw.split([',', ' ', ';', '\n']) {
        let n = n.trim().trim_start_matches('#').to_lowercase();
        if !n.is_empty() && !names.contains(&n) {
            names.push(n);
        }
    }
    if !TAGS_PER_QUESTION.contains(&names.len()) {
        return Err(AppError::invalid("tags", "qa-tags-count"));
    }
    let found: Vec<Tag> = tags::table
        .filter(tags::name.eq_any(&names))
        .select(Tag::as_select())
        .load(conn)?;
    if found.len() != names.len() {
        return Err(AppError::invalid("tags", "qa-tag-unknown"));
    }
    Ok(found)
}

/// What one saved version records.
struct RevisionInput<'a> {
    kind: PostKind,
    post_id: &'a str,
    author: &'a UserId,
    title: Option<&'a str>,
    body: &'a str,
    tags: Option<&'a str>,
    summary: &'a str,
}

fn revision(conn: &mut DbConnection, r: RevisionInput<'_>) -> AppResult<()> {
    let RevisionInput {
        kind,
        post_id,
        author,
        title,
        body,
        tags,
        summary,
    } = r;
    diesel::insert_into(qa_revisions::table)
        .values(QaRevision {
            id: prassi_db::fresh_id(),
            post_kind: kind,
            post_id: post_id.to_owned(),
            author_id: Some(author.clone()),
            title: title.map(str::to_owned),
            body_md: body.to_owned(),
            tags: tags.map(str::to_owned),
            summary: summary.to_owned(),
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    Ok(())
}

/// The checked title, body and tags of a question being asked or edited.
fn question_fields(
    c: &mut Checks,
    conn: &mut DbConnection,
    title: &str,
    body: &str,
    tags: &str,
) -> (String, String, Vec<Tag>) {
    let title = c.check(required_between(
        "title",
        title,
        10,
        MAX_TITLE,
        "qa-title-too-short",
    ));
    let body = c.check(body_text("body_md", body, MAX_BODY));
    (title, body, c.check(resolve_tags(conn, tags)))
}

/// Asks a question. Call inside a write transaction.
pub fn ask(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    input: &QuestionInput,
) -> AppResult<QuestionId> {
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let (title, body, tag_rows) =
        question_fields(&mut c, conn, &input.title, &input.body_md, &input.tags);
    let audience = c.check_opt(match input.audience.trim() {
        "" => Ok(Audience::Members),
        a => {
            Audience::from_db(a).ok_or_else(|| AppError::invalid("audience", "qa-audience-invalid"))
        }
    });
    let lang = c.check(content_lang("lang", &input.lang, DEFAULT_LANG));
    c.finish()?;
    let audience = audience.ok_or_else(|| AppError::internal("audience checked"))?;
    require(viewer, phase, &audience, Action::Participate)?;
    let id = QuestionId::new();
    let now = prassi_db::now();
    diesel::insert_into(questions::table)
        .values(Question {
            id: id.clone(),
            author_id: author.clone(),
            title: title.clone(),
            body_md: body.clone(),
            audience: audience.to_db(),
            score: 0,
            answer_count: 0,
            accepted_answer_id: None,
            closed_reason: None,
            closed_note: None,
            duplicate_of: None,
            closed_by: None,
            closed_at: None,
            created_at: now,
            updated_at: now,
            last_activity_at: now,
            lang,
        })
        .execute(conn)?;
    let audience_key = audience.to_db();
    let tag_ids: Vec<TagId> = tag_rows.iter().map(|t| t.id.clone()).collect();
    counters::questions(conn, &audience_key, &tag_ids, 1, 1)?;
    counters::member(conn, &author, &audience_key, &[("questions", 1)])?;
    for t in &tag_rows {
        diesel::insert_into(question_tags::table)
            .values((
                question_tags::question_id.eq(&id),
                question_tags::tag_id.eq(&t.id),
                question_tags::created_at.eq(now),
            ))
            .execute(conn)?;
    }
    let tag_names: Vec<&str> = tag_rows.iter().map(|t| t.name.as_str()).collect();
    revision(
        conn,
        RevisionInput {
            kind: PostKind::Question,
            post_id: id.as_str(),
            author: &author,
            title: Some(&title),
            body: &body,
            tags: Some(&tag_names.join(",")),
            summary: "",
        },
    )?;
    crate::search::QUESTIONS.touch(conn, id.as_str())?;
    notify::happened(
        conn,
        EventKind::QuestionAsked,
        ItemKind::Question,
        &id,
        &author,
        &audience_key,
    )?;
    Ok(id)
}

/// Answers a question in the question's language. Call inside a write transaction.
pub fn answer(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    question: &QuestionId,
    body_md: &str,
) -> AppResult<AnswerId> {
    answer_in(conn, viewer, phase, question, body_md, "")
}

/// Answers a question; `lang` is the answer's language (empty: the question's).
pub fn answer_in(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    question: &QuestionId,
    body_md: &str,
    lang: &str,
) -> AppResult<AnswerId> {
    let (q, audience) = readable_question(conn, question, viewer, phase)?;
    require(viewer, phase, &audience, Action::Participate)?;
    if q.closed_reason.is_some() {
        return Err(AppError::conflict("qa-question-closed"));
    }
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let body = c.check(body_text("body_md", body_md, MAX_BODY));
    let lang = c.check(content_lang("lang", lang, &q.lang));
    c.finish()?;
    let id = AnswerId::new();
    let now = prassi_db::now();
    diesel::insert_into(answers::table)
        .values(Answer {
            id: id.clone(),
            question_id: q.id.clone(),
            author_id: author.clone(),
            body_md: body.clone(),
            score: 0,
            created_at: now,
            updated_at: now,
            lang,
        })
        .execute(conn)?;
    // Conditioned on the question still being open: a close that committed since it was read
    // wins, and this answer is rolled back.
    let counted = diesel::update(
        questions::table
            .find(&q.id)
            .filter(questions::closed_reason.is_null()),
    )
    .set((
        questions::answer_count.eq(questions::answer_count + 1),
        questions::last_activity_at.eq(now),
    ))
    .execute(conn)?;
    if counted != 1 {
        return Err(AppError::conflict("qa-question-closed"));
    }
    // The row is ours until commit: its count tells whether this was the first answer.
    let answers_now: i32 = questions::table
        .find(&q.id)
        .select(questions::answer_count)
        .first(conn)?;
    let tags = counters::tags_of(conn, &q.id)?;
    if answers_now == 1 {
        counters::questions(conn, &q.audience, &tags, 0, -1)?;
    }
    counters::member(conn, &author, &q.audience, &[("answers", 1)])?;
    counters::tag_answerer(conn, &tags, &author, &q.audience, 1, 0)?;
    crate::search::QUESTIONS.touch(conn, q.id.as_str())?;
    notify::happened(
        conn,
        EventKind::AnswerPosted,
        ItemKind::Answer,
        &id,
        &author,
        &q.audience,
    )?;
    revision(
        conn,
        RevisionInput {
            kind: PostKind::Answer,
            post_id: id.as_str(),
            author: &author,
            title: None,
            body: &body,
            tags: None,
            summary: "",
        },
    )?;
    Ok(id)
}

/// Comments on a question or on one of its answers. Call inside a write transaction.
pub fn comment(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    question: &QuestionId,
    answer: Option<&AnswerId>,
    body: &str,
) -> AppResult<CommentId> {
    let (q, audience) = readable_question(conn, question, viewer, phase)?;
    require(viewer, phase, &audience, Action::Participate)?;
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let body = body_text("body", body, MAX_COMMENT)?;
    if let Some(a) = answer {
        let belongs: bool = diesel::select(diesel::dsl::exists(
            answers::table
                .find(a)
                .filter(answers::question_id.eq(&q.id)),
        ))
        .get_result(conn)?;
        if !belongs {
            return Err(AppError::not_found());
        }
    }
    let id = CommentId::new();
    let now = prassi_db::now();
    diesel::insert_into(qa_comments::table)
        .values(QaComment {
            id: id.clone(),
            question_id: q.id.clone(),
            answer_id: answer.cloned(),
            author_id: author.clone(),
            body,
            created_at: now,
        })
        .execute(conn)?;
    diesel::update(questions::table.find(&q.id))
        .set(questions::last_activity_at.eq(now))
        .execute(conn)?;
    notify::happened(
        conn,
        EventKind::QaCommentPosted,
        ItemKind::QaComment,
        &id,
        &author,
        &q.audience,
    )?;
    Ok(id)
}

/// A vote: `value` 1 (up), -1 (down) or 0 (withdraw).
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
pub struct VoteInput {
    /// `question` or `answer`.
    pub kind: String,
    pub id: String,
    pub value: i32,
}

/// The post's score after a vote.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VoteResult {
    pub score: i32,
    pub my_vote: i32,
}

/// Records, changes or withdraws a vote. One vote per member per post (primary key), never on
/// one's own post; the post's score moves by exactly the change, through an update that adds
/// the difference, so concurrent votes by different members never lose one another. Call
/// inside a write transaction; a concurrent double submission by the same member surfaces as
/// a `Conflict`.
pub fn vote(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    input: &VoteInput,
) -> AppResult<(QuestionId, VoteResult)> {
    let voter = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    if !matches!(input.value, -1..=1) {
        return Err(AppError::invalid("value", "qa-vote-invalid"));
    }
    let kind =
        PostKind::parse(&input.kind).ok_or_else(|| AppError::invalid("kind", "qa-vote-invalid"))?;
    // The post's id as stored (parsed, so every accepted spelling of a UUID matches), its
    // question and its author.
    let (post_id, question_id, author) = match kind {
        PostKind::Question => {
            let id = QuestionId::parse(&input.id).ok_or_else(AppError::not_found)?;
            let (q, _) = readable_question(conn, &id, viewer, phase)?;
            (id.0, q.id, q.author_id)
        }
        PostKind::Answer => {
            let id = AnswerId::parse(&input.id).ok_or_else(AppError::not_found)?;
            let (question, author) = answers::table
                .find(&id)
                .select((answers::question_id, answers::author_id))
                .first::<(QuestionId, UserId)>(conn)
                .optional()?
                .ok_or_else(AppError::not_found)?;
            (id.0, question, author)
        }
    };
    let (_, audience) = readable_question(conn, &question_id, viewer, phase)?;
    require(viewer, phase, &audience, Action::Participate)?;
    if author == voter {
        return Err(AppError::forbidden().with_message("qa-vote-own-post"));
    }
    let key = qa_votes::table
        .filter(qa_votes::user_id.eq(&voter))
        .filter(qa_votes::post_kind.eq(kind))
        .filter(qa_votes::post_id.eq(&post_id));
    let existing: Option<i32> = key.select(qa_votes::value).first(conn).optional()?;
    counters::member(
        conn,
        &author,
        &audience.to_db(),
        &[(
            "reputation",
            counters::vote_points(kind, input.value)
                - counters::vote_points(kind, existing.unwrap_or(0)),
        )],
    )?;
    let delta = match (existing, input.value) {
        (None, 0) => return Err(AppError::conflict("qa-vote-none")),
        (Some(old), new) if old == new => return Err(AppError::conflict("qa-vote-already")),
        (None, new) => {
            diesel::insert_into(qa_votes::table)
                .values((
                    qa_votes::user_id.eq(&voter),
                    qa_votes::post_kind.eq(kind),
                    qa_votes::post_id.eq(&post_id),
                    qa_votes::value.eq(new),
                    qa_votes::created_at.eq(prassi_db::now()),
                ))
                .execute(conn)
                .map_err(|e| match e {
                    diesel::result::Error::DatabaseError(
                        diesel::result::DatabaseErrorKind::UniqueViolation,
                        _,
                    ) => AppError::conflict("qa-vote-already"),
                    other => other.into(),
                })?;
            new
        }
        (Some(old), 0) => {
            let n = diesel::delete(key.filter(qa_votes::value.eq(old))).execute(conn)?;
            if n != 1 {
                return Err(AppError::conflict("qa-vote-changed"));
            }
            -old
        }
        (Some(old), new) => {
            let n = diesel::update(key.filter(qa_votes::value.eq(old)))
                .set(qa_votes::value.eq(new))
                .execute(conn)?;
            if n != 1 {
                return Err(AppError::conflict("qa-vote-changed"));
            }
            new - old
        }
    };
    let score = match kind {
        PostKind::Question => {
            diesel::update(questions::table.find(&question_id))
                .set(questions::score.eq(questions::score + delta))
                .execute(conn)?;
            questions::table
                .find(&question_id)
                .select(questions::score)
                .first(conn)?
        }
        PostKind::Answer => {
            diesel::update(answers::table.filter(answers::id.eq(&post_id)))
                .set(answers::score.eq(answers::score + delta))
                .execute(conn)?;
            let tags = counters::tags_of(conn, &question_id)?;
            counters::tag_answerer(conn, &tags, &author, &audience.to_db(), 0, i64::from(delta))?;
            answers::table
                .filter(answers::id.eq(&post_id))
                .select(answers::score)
                .first(conn)?
        }
    };
    Ok((
        question_id,
        VoteResult {
            score,
            my_vote: input.value,
        },
    ))
}

/// Accepts an answer (or, with `None`, withdraws the acceptance). Only the asker or a
/// moderator may. Call inside a write transaction.
pub fn accept(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    question: &QuestionId,
    answer: Option<&AnswerId>,
) -> AppResult<()> {
    let (q, audience) = readable_question(conn, question, viewer, phase)?;
    viewer.user_id().ok_or_else(AppError::unauthorized)?;
    let is_asker = viewer.user_id() == Some(&q.author_id);
    let may_accept = (is_asker && access::can(viewer, phase, &audience, Action::Participate))
        || access::can(viewer, phase, &audience, Action::Moderate);
    if !may_accept {
        return Err(AppError::forbidden().with_message("qa-accept-not-allowed"));
    }
    if let Some(a) = answer {
        let belongs: bool = diesel::select(diesel::dsl::exists(
            answers::table
                .find(a)
                .filter(answers::question_id.eq(&q.id)),
        ))
        .get_result(conn)?;
        if !belongs {
            return Err(AppError::not_found());
        }
    }
    // Conditioned on the acceptance read: a concurrent change wins, and this one is refused.
    let changed = match &q.accepted_answer_id {
        Some(old) => diesel::update(
            questions::table
                .find(&q.id)
                .filter(questions::accepted_answer_id.eq(old)),
        )
        .set((
            questions::accepted_answer_id.eq(answer.cloned()),
            questions::last_activity_at.eq(prassi_db::now()),
        ))
        .execute(conn)?,
        None => diesel::update(
            questions::table
                .find(&q.id)
                .filter(questions::accepted_answer_id.is_null()),
        )
        .set((
            questions::accepted_answer_id.eq(answer.cloned()),
            questions::last_activity_at.eq(prassi_db::now()),
        ))
        .execute(conn)?,
    };
    if changed != 1 {
        return Err(AppError::conflict("error-conflict"));
    }
    if let (Some(a), Some(actor)) = (answer, viewer.user_id()) {
        notify::happened(
            conn,
            EventKind::AnswerAccepted,
            ItemKind::Answer,
            a,
            actor,
            &q.audience,
        )?;
    }
    // Reputation for an accepted answer goes to its author, unless they asked the question.
    for (which, sign) in [(q.accepted_answer_id.as_ref(), -1), (answer, 1)] {
        let Some(a) = which else { continue };
        let author: UserId = answers::table
            .find(a)
            .select(answers::author_id)
            .first(conn)?;
        if author != q.author_id {
            counters::member(
                conn,
                &author,
                &q.audience,
                &[("reputation", sign * REP_ACCEPTED), ("accepted", sign)],
            )?;
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------ reading

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
/// count, the page joined with its authors, and the tags of the page's questions.
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
    let filtered = || {
        let mut q = questions::table
            .inner_join(users::table)
            .filter(questions::audience.eq_any(visible.clone()))
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
            q = q.filter(users::username.eq(a.clone()));
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
        let mut walk = question_tags::table
            .inner_join(questions::table)
            .filter(question_tags::tag_id.eq(tag_id))
            .filter(questions::audience.eq_any(visible.clone()))
            .into_boxed();
        if tab == ListTab::Unanswered {
            walk = walk
                .filter(questions::answer_count.eq(0))
                .filter(questions::closed_reason.is_null());
        }
        let ids: Vec<QuestionId> = walk
            .order((
                question_tags::created_at.desc(),
                question_tags::question_id.desc(),
            ))
            .limit(page.per_page)
            .offset(page.offset())
            .select(question_tags::question_id)
            .load(conn)?;
        return Ok((
            {
                let rows = load_in_order(conn, &ids)?;
                summaries(conn, rows)?
            },
            page.info(total),
        ));
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
        .limit(page.per_page)
        .offset(page.offset())
        .select(questions::id)
        .load(conn)?;
    Ok((
        {
            let rows = load_in_order(conn, &ids)?;
            summaries(conn, rows)?
        },
        page.info(total),
    ))
}

/// The questions of `ids` with their authors, in the order of `ids`.
fn load_in_order(
    conn: &mut DbConnection,
    ids: &[QuestionId],
) -> AppResult<Vec<(Question, AuthorRow)>> {
    let mut rows: Vec<(Question, AuthorRow)> = questions::table
        .inner_join(users::table)
        .filter(questions::id.eq_any(ids))
        .select((Question::as_select(), author_columns()))
        .load(conn)?;
    rows.sort_by_key(|(q, _)| ids.iter().position(|id| *id == q.id));
    Ok(rows)
}

fn summaries(
    conn: &mut DbConnection,
    rows: Vec<(Question, AuthorRow)>,
) -> AppResult<Vec<QuestionSummary>> {
    let ids: Vec<QuestionId> = rows.iter().map(|(q, _)| q.id.clone()).collect();
    let tag_map = tags_of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|(q, a)| {
            let plain = prassi_core::markdown::to_plain_text(&q.body_md);
            let mut excerpt: String = plain.chars().take(220).collect();
            if plain.chars().count() > 220 {
                excerpt.push('…');
            }
            QuestionSummary {
                url: question_url(&q.id, &q.title),
                tags: tag_map.get(&q.id).cloned().unwrap_or_default(),
                id: q.id.0,
                title: q.title,
                excerpt,
                score: q.score,
                answer_count: q.answer_count,
                has_accepted: q.accepted_answer_id.is_some(),
                closed: q.closed_reason.is_some(),
                author: AuthorView::of(&a),
                created_at: q.created_at,
                last_activity_at: q.last_activity_at,
                lang: q.lang,
            }
        })
        .collect())
}

fn tags_of(
    conn: &mut DbConnection,
    ids: &[QuestionId],
) -> AppResult<HashMap<QuestionId, Vec<String>>> {
    let mut out: HashMap<QuestionId, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let rows: Vec<(QuestionId, String)> = question_tags::table
        .inner_join(tags::table)
        .filter(question_tags::question_id.eq_any(ids))
        .order(tags::name.asc())
        .select((question_tags::question_id, tags::name))
        .load(conn)?;
    for (q, t) in rows {
        out.entry(q).or_default().push(t);
    }
    Ok(out)
}

/// The whole question page in a fixed number of queries, whatever the number of answers and
/// comments: the question with its author, its tags, the answers with authors, the comments
/// with authors, the revision counts, the viewer's votes (and the original's title when
/// closed as a duplicate).
pub fn question_page(
    conn: &mut DbConnection,
    id: &QuestionId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<QuestionPage> {
    let row: Option<(Question, AuthorRow)> = questions::table
        .inner_join(users::table)
        .filter(questions::id.eq(id))
        .select((Question::as_select(), author_columns()))
        .first(conn)
        .optional()?;
    let (q, author) = row.ok_or_else(AppError::not_found)?;
    let audience = Audience::from_db(&q.audience).ok_or_else(AppError::not_found)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    let tag_names = tags_of(conn, std::slice::from_ref(&q.id))?
        .remove(&q.id)
        .unwrap_or_default();
    let answer_rows: Vec<(Answer, AuthorRow)> = answers::table
        .inner_join(users::table)
        .filter(answers::question_id.eq(&q.id))
        .order((answers::score.desc(), answers::created_at.asc()))
        .select((Answer::as_select(), author_columns()))
        .load(conn)?;
    let comment_rows: Vec<(QaComment, AuthorRow)> = qa_comments::table
        .inner_join(users::table)
        .filter(qa_comments::question_id.eq(&q.id))
        .order(qa_comments::created_at.asc())
        .select((QaComment::as_select(), author_columns()))
        .load(conn)?;
    let mut post_ids: Vec<String> = answer_rows.iter().map(|(a, _)| a.id.0.clone()).collect();
    post_ids.push(q.id.0.clone());
    let mut my_votes: HashMap<(PostKind, String), i32> = HashMap::new();
    if let Some(me) = viewer.user_id() {
        let rows: Vec<(PostKind, String, i32)> = qa_votes::table
            .filter(qa_votes::user_id.eq(me))
            .filter(qa_votes::post_id.eq_any(&post_ids))
            .select((qa_votes::post_kind, qa_votes::post_id, qa_votes::value))
            .load(conn)?;
        for (k, p, v) in rows {
            my_votes.insert((k, p), v);
        }
    }
    let revision_counts: HashMap<String, i64> = qa_revisions::table
        .filter(qa_revisions::post_id.eq_any(&post_ids))
        .group_by(qa_revisions::post_id)
        .select((qa_revisions::post_id, diesel::dsl::count_star()))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let can_edit = |author: &UserId| access::may_edit(viewer, phase, &audience, &edit_rule(author));
    let mut question_comments = Vec::new();
    let mut answer_comments: HashMap<AnswerId, Vec<CommentView>> = HashMap::new();
    for (c, a) in comment_rows {
        let view = CommentView {
            id: c.id.0,
            body: c.body,
            author: AuthorView::of(&a),
            created_at: c.created_at,
        };
        match c.answer_id {
            None => question_comments.push(view),
            Some(aid) => answer_comments.entry(aid).or_default().push(view),
        }
    }
    let me = viewer.user_id();
    let mut authors: Vec<UserId> = answer_rows.iter().map(|(_, a)| a.0.clone()).collect();
    authors.push(author.0.clone());
    let rep = reputation(conn, &authors, viewer, phase)?;
    let with_rep = |row: &AuthorRow| AuthorView {
        reputation: rep.get(&row.0).copied(),
        ..AuthorView::of(row)
    };
    let experts = if access::can(viewer, phase, &audience, Action::Participate) {
        expert_suggestions(conn, &q.id, &q.author_id)?
    } else {
        Vec::new()
    };
    // Promotions into wiki pages the viewer may read (the wiki module writes them).
    let mut promoted: HashMap<AnswerId, Vec<WikiRef>> = HashMap::new();
    for (answer, title, slug) in wiki_promotions::table
        .inner_join(wiki_pages::table)
        .filter(wiki_promotions::question_id.eq(&q.id))
        .filter(wiki_pages::audience.eq_any(access::visible_audiences(viewer, phase)))
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
    let mut answers: Vec<AnswerView> = answer_rows
        .into_iter()
        .map(|(a, au)| AnswerView {
            body_html: prassi_core::markdown::render(&a.body_md),
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
            id: a.id.0,
            body_md: a.body_md,
            score: a.score,
            author: with_rep(&au),
            created_at: a.created_at,
            updated_at: a.updated_at,
            lang: a.lang,
        })
        .collect();
    // Accepted first; the query already ordered the rest by score, then age.
    answers.sort_by_key(|a| !a.accepted);
    // Only a duplicate the viewer may read is linked.
    let duplicate_url = match &q.duplicate_of {
        Some(d) => questions::table
            .find(d)
            .filter(questions::audience.eq_any(access::visible_audiences(viewer, phase)))
            .select(questions::title)
            .first::<String>(conn)
            .optional()?
            .map(|t| question_url(d, &t)),
        None => None,
    };
    Ok(QuestionPage {
        question: QuestionDetail {
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
            tags: tag_names,
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
    })
}

// ------------------------------------------------------------------------------ tags

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
        .filter(prassi_db::schema::qa_counts::audience.eq_any(visible))
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

/// The top answerers of a tag (one grouped query plus one for their names).
pub fn top_answerers(
    conn: &mut DbConnection,
    tag: &TagId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Vec<TopAnswerer>> {
    let visible = access::visible_audiences(viewer, phase);
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
        .filter(ta::audience.eq_any(visible))
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

/// A new tag (moderators).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TagInput {
    pub name: String,
    pub description: String,
}

/// Creates a tag in the shared vocabulary: lower-case words joined by hyphens.
pub fn create_tag(conn: &mut DbConnection, input: &TagInput) -> AppResult<TagId> {
    let mut c = Checks::new();
    let name = c
        .check(required("name", &input.name, 40))
        .to_lowercase()
        .replace(' ', "-");
    let ok = name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if !ok && !c.has("name") {
        c.fail("name", "qa-tag-name-invalid");
    }
    let description = c.check(optional("description", Some(&input.description), 300));
    c.finish()?;
    let id = TagId::new();
    diesel::insert_into(tags::table)
        .values(Tag {
            id: id.clone(),
            name,
            description,
            created_at: prassi_db::now(),
        })
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::invalid("name", "qa-tag-exists"),
            other => other.into(),
        })?;
    Ok(id)
}

/// Names of all tags (for the ask form).
pub fn tag_names(conn: &mut DbConnection) -> AppResult<Vec<String>> {
    Ok(tags::table
        .order(tags::name.asc())
        .limit(500)
        .select(tags::name)
        .load(conn)?)
}

// ------------------------------------------------------------------------------ editing

/// An edit: the new text and a short description of the change.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct EditInput {
    /// Questions only.
    pub title: String,
    pub body_md: String,
    /// Questions only.
    pub tags: String,
    pub summary: String,
    /// The language of the text; empty keeps the current one.
    pub lang: String,
}

/// The edit rule for a question or answer: its author or a moderator (the shared
/// [`access::check_edit`]).
fn edit_rule(author: &UserId) -> EditRule<'_> {
    EditRule {
        editors: Editors::Author(author),
        moderators_only: false,
    }
}

/// [`edit_rule`] as an error: `Unauthorized` for visitors, `Forbidden` with
/// `qa-edit-not-allowed` for other accounts.
fn may_edit(viewer: &Viewer, phase: Phase, audience: &Audience, author: &UserId) -> AppResult<()> {
    access::check_edit(viewer, phase, audience, &edit_rule(author))
        .map_err(|refusal| refusal.error("qa-edit-not-allowed"))
}

/// A question or answer the viewer may edit, with its question and what its edit form starts
/// from: the post, its question and tags, never the whole page (`Forbidden` with
/// `qa-edit-not-allowed` for others, `NotFound` when it is not readable).
pub fn editable(
    conn: &mut DbConnection,
    kind: PostKind,
    id: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Question, EditInput)> {
    match kind {
        PostKind::Question => {
            let qid = QuestionId::parse(id).ok_or_else(AppError::not_found)?;
            let (q, audience) = readable_question(conn, &qid, viewer, phase)?;
            may_edit(viewer, phase, &audience, &q.author_id)?;
            let tags = tags_of(conn, std::slice::from_ref(&q.id))?
                .remove(&q.id)
                .unwrap_or_default()
                .join(", ");
            let form = EditInput {
                title: q.title.clone(),
                body_md: q.body_md.clone(),
                tags,
                summary: String::new(),
                lang: q.lang.clone(),
            };
            Ok((q, form))
        }
        PostKind::Answer => {
            let aid = AnswerId::parse(id).ok_or_else(AppError::not_found)?;
            let a: Answer = answers::table
                .find(&aid)
                .select(Answer::as_select())
                .first(conn)
                .optional()?
                .ok_or_else(AppError::not_found)?;
            let (q, audience) = readable_question(conn, &a.question_id, viewer, phase)?;
            may_edit(viewer, phase, &audience, &a.author_id)?;
            let form = EditInput {
                title: q.title.clone(),
                body_md: a.body_md,
                tags: String::new(),
                summary: String::new(),
                lang: a.lang,
            };
            Ok((q, form))
        }
    }
}

/// Edits a question (its author or a moderator); the old text stays in the history. Call
/// inside a write transaction.
pub fn edit_question(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &QuestionId,
    input: &EditInput,
) -> AppResult<()> {
    let (q, audience) = readable_question(conn, id, viewer, phase)?;
    may_edit(viewer, phase, &audience, &q.author_id)?;
    crate::search::QUESTIONS.touch(conn, q.id.as_str())?;
    let editor = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let (title, body, tag_rows) =
        question_fields(&mut c, conn, &input.title, &input.body_md, &input.tags);
    let summary = c.check(optional("summary", Some(&input.summary), 200));
    let lang = c.check(content_lang("lang", &input.lang, &q.lang));
    c.finish()?;
    let now = prassi_db::now();
    diesel::update(questions::table.find(&q.id))
        .set((
            questions::title.eq(&title),
            questions::body_md.eq(&body),
            questions::lang.eq(&lang),
            questions::updated_at.eq(now),
            questions::last_activity_at.eq(now),
        ))
        .execute(conn)?;
    // The counts move for the tags taken off and put on, as the question stands now.
    let before = counters::tags_of(conn, &q.id)?;
    let after: Vec<TagId> = tag_rows.iter().map(|t| t.id.clone()).collect();
    let removed: Vec<TagId> = before
        .iter()
        .filter(|t| !after.contains(t))
        .cloned()
        .collect();
    let added: Vec<TagId> = after
        .iter()
        .filter(|t| !before.contains(t))
        .cloned()
        .collect();
    if !removed.is_empty() || !added.is_empty() {
        let (answers_now, open): (i32, bool) = questions::table
            .find(&q.id)
            .select((questions::answer_count, questions::closed_reason.is_null()))
            .first(conn)?;
        let unanswered = i64::from(answers_now == 0 && open);
        let answerers = counters::answerers_of(conn, &q.id)?;
        for (tags, sign) in [(removed, -1), (added, 1)] {
            for t in &tags {
                prassi_db::counters::bump(
                    conn,
                    "qa_counts",
                    &[("audience", &q.audience), ("tag_id", t.as_str())],
                    &[("questions", sign), ("unanswered", sign * unanswered)],
                )?;
            }
            for (who, n, score) in &answerers {
                counters::tag_answerer(conn, &tags, who, &q.audience, sign * n, sign * score)?;
            }
        }
    }
    diesel::delete(question_tags::table.filter(question_tags::question_id.eq(&q.id)))
        .execute(conn)?;
    for t in &tag_rows {
        diesel::insert_into(question_tags::table)
            .values((
                question_tags::question_id.eq(&q.id),
                question_tags::tag_id.eq(&t.id),
                question_tags::created_at.eq(q.created_at),
            ))
            .execute(conn)?;
    }
    let mut names: Vec<&str> = tag_rows.iter().map(|t| t.name.as_str()).collect();
    names.sort_unstable();
    revision(
        conn,
        RevisionInput {
            kind: PostKind::Question,
            post_id: q.id.as_str(),
            author: &editor,
            title: Some(&title),
            body: &body,
            tags: Some(&names.join(",")),
            summary: &summary,
        },
    )
}

/// Edits an answer (its author or a moderator); returns its question. Call inside a write
/// transaction.
pub fn edit_answer(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &AnswerId,
    input: &EditInput,
) -> AppResult<QuestionId> {
    let a: Answer = answers::table
        .find(id)
        .select(Answer::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let (_, audience) = readable_question(conn, &a.question_id, viewer, phase)?;
    may_edit(viewer, phase, &audience, &a.author_id)?;
    let editor = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let body = c.check(body_text("body_md", &input.body_md, MAX_BODY));
    let summary = c.check(optional("summary", Some(&input.summary), 200));
    let lang = c.check(content_lang("lang", &input.lang, &a.lang));
    c.finish()?;
    let now = prassi_db::now();
    diesel::update(answers::table.find(&a.id))
        .set((
            answers::body_md.eq(&body),
            answers::lang.eq(&lang),
            answers::updated_at.eq(now),
        ))
        .execute(conn)?;
    diesel::update(questions::table.find(&a.question_id))
        .set(questions::last_activity_at.eq(now))
        .execute(conn)?;
    revision(
        conn,
        RevisionInput {
            kind: PostKind::Answer,
            post_id: a.id.as_str(),
            author: &editor,
            title: None,
            body: &body,
            tags: None,
            summary: &summary,
        },
    )?;
    crate::search::QUESTIONS.touch(conn, a.question_id.as_str())?;
    Ok(a.question_id)
}

/// The question an answer belongs to, if the viewer may read it.
pub fn answer_question(
    conn: &mut DbConnection,
    id: &AnswerId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Question, Answer)> {
    let a: Answer = answers::table
        .find(id)
        .select(Answer::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let (q, _) = readable_question(conn, &a.question_id, viewer, phase)?;
    Ok((q, a))
}

/// The history of a question or answer (`id`) with the question it belongs to, newest first,
/// each version with its difference from the previous one; `NotFound` when the viewer may
/// not read the question (or the id is unknown). Three queries, four for an answer.
pub fn history(
    conn: &mut DbConnection,
    kind: PostKind,
    id: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Question, Vec<RevisionView>)> {
    let (question, post_id) = match kind {
        PostKind::Question => {
            let qid = QuestionId::parse(id).ok_or_else(AppError::not_found)?;
            let (q, _) = readable_question(conn, &qid, viewer, phase)?;
            (q, qid.0)
        }
        PostKind::Answer => {
            let aid = AnswerId::parse(id).ok_or_else(AppError::not_found)?;
            let (q, _) = answer_question(conn, &aid, viewer, phase)?;
            (q, aid.0)
        }
    };
    Ok((question, post_history(conn, kind, &post_id)?))
}

/// The versions of a post the caller has shown readable (two queries).
fn post_history(
    conn: &mut DbConnection,
    kind: PostKind,
    post_id: &str,
) -> AppResult<Vec<RevisionView>> {
    let rows: Vec<QaRevision> = qa_revisions::table
        .filter(qa_revisions::post_kind.eq(kind))
        .filter(qa_revisions::post_id.eq(post_id))
        // The newest 500, oldest first.
        .order((qa_revisions::created_at.desc(), qa_revisions::id.desc()))
        .limit(500)
        .select(QaRevision::as_select())
        .load(conn)?;
    let rows = rows.into_iter().rev();
    let revisions: Vec<Revision> = rows
        .into_iter()
        .map(|r| Revision {
            author_id: r.author_id,
            created_at: r.created_at,
            summary: r.summary,
            title: r.title,
            tags: r.tags,
            body: r.body_md,
        })
        .collect();
    Ok(views_with_authors(conn, revisions)?)
}

// ------------------------------------------------------------------------------ closing

/// Closing a question.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CloseInput {
    /// `duplicate` or `off_topic`.
    pub reason: String,
    /// For duplicates: the original's id or URL.
    pub duplicate_of: String,
    pub note: String,
}

/// The original a duplicate points to: a bare id or any URL containing `/qa/questions/<id>`,
/// of another question the viewer may read.
fn duplicate_target(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    this: &QuestionId,
    raw: &str,
) -> AppResult<Option<QuestionId>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(AppError::invalid("duplicate_of", "qa-duplicate-required"));
    }
    let candidate = raw
        .split('/')
        .find_map(QuestionId::parse)
        .ok_or_else(|| AppError::invalid("duplicate_of", "qa-duplicate-invalid"))?;
    if candidate == *this {
        return Err(AppError::invalid("duplicate_of", "qa-duplicate-self"));
    }
    readable_question(conn, &candidate, viewer, phase)
        .map_err(|_| AppError::invalid("duplicate_of", "qa-duplicate-invalid"))?;
    Ok(Some(candidate))
}

/// Closes a question as a duplicate (pointing to a readable original) or off-topic, with a
/// reason. Moderators only. Call inside a write transaction.
pub fn close(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &QuestionId,
    input: &CloseInput,
) -> AppResult<()> {
    let (q, audience) = readable_question(conn, id, viewer, phase)?;
    require(viewer, phase, &audience, Action::Moderate)?;
    if q.closed_reason.is_some() {
        return Err(AppError::conflict("qa-already-closed"));
    }
    let mut c = Checks::new();
    let reason = c.check_opt(
        prassi_db::CloseReason::parse(input.reason.trim())
            .ok_or_else(|| AppError::invalid("reason", "qa-close-reason-invalid")),
    );
    let note = c.check(required("note", &input.note, 500));
    let duplicate = match reason {
        Some(prassi_db::CloseReason::Duplicate) => c.check(duplicate_target(
            conn,
            viewer,
            phase,
            &q.id,
            &input.duplicate_of,
        )),
        _ => None,
    };
    c.finish()?;
    let reason = reason.ok_or_else(|| AppError::internal("reason checked"))?;
    let now = prassi_db::now();
    let closed = diesel::update(
        questions::table
            .find(&q.id)
            .filter(questions::closed_reason.is_null()),
    )
    .set((
        questions::closed_reason.eq(Some(reason)),
        questions::closed_note.eq(Some(note)),
        questions::duplicate_of.eq(duplicate),
        questions::closed_by.eq(viewer.user_id().cloned()),
        questions::closed_at.eq(Some(now)),
        questions::last_activity_at.eq(now),
    ))
    .execute(conn)?;
    // Closed by someone else since it was read: theirs stands.
    if closed != 1 {
        return Err(AppError::conflict("qa-already-closed"));
    }
    unanswered_moves(conn, &q.id, &q.audience, -1)?;
    crate::search::QUESTIONS.touch(conn, q.id.as_str())?;
    Ok(())
}

/// A question leaving (-1) or joining (+1) the unanswered lists as it closes or reopens,
/// when it has no answer. Reads the row this transaction has just updated (and so holds).
fn unanswered_moves(
    conn: &mut DbConnection,
    id: &QuestionId,
    audience: &str,
    sign: i64,
) -> AppResult<()> {
    let answers_now: i32 = questions::table
        .find(id)
        .select(questions::answer_count)
        .first(conn)?;
    if answers_now == 0 {
        let tags = counters::tags_of(conn, id)?;
        counters::questions(conn, audience, &tags, 0, sign)?;
    }
    Ok(())
}

/// Reopens a closed question. Moderators only. Call inside a write transaction.
pub fn reopen(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &QuestionId,
) -> AppResult<()> {
    let (q, audience) = readable_question(conn, id, viewer, phase)?;
    require(viewer, phase, &audience, Action::Moderate)?;
    crate::search::QUESTIONS.touch(conn, q.id.as_str())?;
    if q.closed_reason.is_none() {
        return Err(AppError::conflict("qa-not-closed"));
    }
    let reopened = diesel::update(
        questions::table
            .find(&q.id)
            .filter(questions::closed_reason.is_not_null()),
    )
    .set((
        questions::closed_reason.eq(None::<prassi_db::CloseReason>),
        questions::closed_note.eq(None::<String>),
        questions::duplicate_of.eq(None::<QuestionId>),
        questions::closed_by.eq(None::<UserId>),
        questions::closed_at.eq(None::<NaiveDateTime>),
        questions::last_activity_at.eq(prassi_db::now()),
    ))
    .execute(conn)?;
    // Reopened by someone else since it was read: theirs stands.
    if reopened != 1 {
        return Err(AppError::conflict("qa-not-closed"));
    }
    unanswered_moves(conn, &q.id, &q.audience, 1)?;
    Ok(())
}

// ------------------------------------------------------------------------------ reputation

pub use crate::counters::{REP_ACCEPTED, REP_DOWNVOTE, REP_UPVOTE_ANSWER, REP_UPVOTE_QUESTION};

/// Reputation of `members`, counting only posts the viewer may read (so the number never
/// reveals hidden activity). One query over the maintained counters.
pub fn reputation(
    conn: &mut DbConnection,
    members: &[UserId],
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<HashMap<UserId, i64>> {
    let audiences = access::visible_audiences(viewer, phase);
    Ok(crate::counters::figures(conn, members, &audiences)?
        .into_iter()
        .map(|(who, f)| (who, f.reputation))
        .collect())
}

/// The Q&A lines of a member's profile: reputation, questions, answers, accepted answers,
/// all counted over what the viewer may see.
pub fn profile_activity(
    conn: &mut DbConnection,
    member: &UserId,
    viewer: &Viewer,
    phase: Phase,
    lang: &str,
) -> AppResult<Vec<prassi_core::state::ActivityItem>> {
    use prassi_core::i18n::t;
    let visible = access::visible_audiences(viewer, phase);
    let username: String = users::table
        .find(member)
        .select(users::username)
        .first(conn)?;
    let f = crate::counters::figures(conn, std::slice::from_ref(member), &visible)?
        .get(member)
        .copied()
        .unwrap_or_default();
    let (rep, asked, answered, accepted) = (f.reputation, f.questions, f.answers, f.accepted);
    let item = |label: &str, value: i64, href: String| prassi_core::state::ActivityItem {
        label: t(lang, label),
        value: value.to_string(),
        href,
    };
    Ok(vec![
        item("qa-rep-points-label", rep, "/qa/reputazione".into()),
        item(
            "qa-activity-questions",
            asked,
            format!("/qa?autore={username}"),
        ),
        item("qa-activity-answers", answered, String::new()),
        item("qa-activity-accepted", accepted, String::new()),
    ])
}

// ------------------------------------------------------------------------------ experts

/// An expert whose declared expertise matches the question's tags.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExpertSuggestion {
    pub username: String,
    pub display_name: String,
    /// The matching areas, comma-separated.
    pub matching: String,
    pub invited: bool,
}

/// Experts (role `expert`, approved) whose areas of expertise match a tag of the question by
/// name or by description, excluding the asker; two queries. Private: the caller has shown
/// the question readable and the viewer taking part in it.
fn expert_suggestions(
    conn: &mut DbConnection,
    question: &QuestionId,
    asker: &UserId,
) -> AppResult<Vec<ExpertSuggestion>> {
    use prassi_db::schema::{expert_invitations, user_expertise};
    let question_tags: Vec<Tag> = question_tags::table
        .inner_join(tags::table)
        .filter(question_tags::question_id.eq(question))
        .select(Tag::as_select())
        .load(conn)?;
    let mut keys: Vec<String> = Vec::new();
    for t in &question_tags {
        keys.push(t.name.clone());
        keys.push(t.name.replace('-', " "));
        if !t.description.is_empty() {
            keys.push(t.description.to_lowercase());
        }
    }
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(UserId, String, String, String)> = user_expertise::table
        .inner_join(users::table)
        .filter(user_expertise::area_key.eq_any(&keys))
        .filter(users::role.eq(Role::Expert))
        .filter(users::status.eq(prassi_db::AccountStatus::Active))
        // Only experts who agreed to be found in the directory are suggested.
        .filter(users::directory_consent.eq(true))
        .filter(users::id.ne(asker))
        .order((users::display_name.asc(), user_expertise::label.asc()))
        .limit(100)
        .select((
            users::id,
            users::username,
            users::display_name,
            user_expertise::label,
        ))
        .load(conn)?;
    let invited: Vec<UserId> = expert_invitations::table
        .filter(expert_invitations::question_id.eq(question))
        .select(expert_invitations::expert_id)
        .load(conn)?;
    let mut out: Vec<(UserId, ExpertSuggestion)> = Vec::new();
    for (id, username, display_name, label) in rows {
        match out.iter_mut().find(|(i, _)| *i == id) {
            Some((_, e)) => {
                e.matching.push_str(", ");
                e.matching.push_str(&label);
            }
            None => {
                let invited = invited.contains(&id);
                out.push((
                    id,
                    ExpertSuggestion {
                        username,
                        display_name,
                        matching: label,
                        invited,
                    },
                ));
            }
        }
    }
    Ok(out.into_iter().take(10).map(|(_, e)| e).collect())
}

/// The asker invites an expert to answer; recorded for the notifications module. Call inside a
/// write transaction.
pub fn invite_expert(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    question: &QuestionId,
    expert_username: &str,
) -> AppResult<()> {
    use prassi_db::schema::expert_invitations;
    let (q, audience) = readable_question(conn, question, viewer, phase)?;
    viewer.user_id().ok_or_else(AppError::unauthorized)?;
    let asker = viewer.user_id() == Some(&q.author_id);
    if !(asker && access::can(viewer, phase, &audience, Action::Participate)) {
        return Err(AppError::forbidden().with_message("qa-invite-not-allowed"));
    }
    let expert: Option<UserId> = users::table
        .filter(users::username.eq(expert_username.trim().to_lowercase()))
        .filter(users::role.eq(Role::Expert))
        .filter(users::status.eq(prassi_db::AccountStatus::Active))
        .select(users::id)
        .first(conn)
        .optional()?;
    let expert = expert.ok_or_else(|| AppError::invalid("expert", "qa-expert-invalid"))?;
    diesel::insert_into(expert_invitations::table)
        .values((
            expert_invitations::question_id.eq(&q.id),
            expert_invitations::expert_id.eq(&expert),
            expert_invitations::invited_by.eq(viewer.user_id()),
            expert_invitations::created_at.eq(prassi_db::now()),
        ))
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::conflict("qa-expert-already-invited"),
            other => other.into(),
        })?;
    Ok(())
}

// ------------------------------------------------------------------------------ tag admin

/// Renames a tag (moderators; the caller checks). Call inside a write transaction.
pub fn rename_tag(conn: &mut DbConnection, from: &str, to: &str) -> AppResult<()> {
    let tag = tag_by_name(conn, from).map_err(|_| AppError::invalid("from", "qa-tag-unknown"))?;
    let name = required("to", to, 40)?.to_lowercase().replace(' ', "-");
    if !name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    {
        return Err(AppError::invalid("to", "qa-tag-name-invalid"));
    }
    diesel::update(tags::table.find(&tag.id))
        .set(tags::name.eq(&name))
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::invalid("to", "qa-tag-exists"),
            other => other.into(),
        })?;
    let tagged: Vec<QuestionId> = question_tags::table
        .filter(question_tags::tag_id.eq(&tag.id))
        .select(question_tags::question_id)
        .load(conn)?;
    for q in &tagged {
        crate::search::QUESTIONS.touch(conn, q.as_str())?;
    }
    Ok(())
}

/// Merges tag `from` into `into`: its questions take `into` (once), then `from` is deleted.
/// Call inside a write transaction.
pub fn merge_tags(conn: &mut DbConnection, from: &str, into: &str) -> AppResult<usize> {
    let source =
        tag_by_name(conn, from).map_err(|_| AppError::invalid("from", "qa-tag-unknown"))?;
    let target =
        tag_by_name(conn, into).map_err(|_| AppError::invalid("into", "qa-tag-unknown"))?;
    if source.id == target.id {
        return Err(AppError::invalid("into", "qa-tag-merge-same"));
    }
    let tagged: Vec<QuestionId> = question_tags::table
        .filter(question_tags::tag_id.eq(&source.id))
        .select(question_tags::question_id)
        .load(conn)?;
    let already: Vec<QuestionId> = question_tags::table
        .filter(question_tags::tag_id.eq(&target.id))
        .filter(question_tags::question_id.eq_any(&tagged))
        .select(question_tags::question_id)
        .load(conn)?;
    // The taggings move (keeping their questions' creation times); those already under the
    // target go with the source tag.
    let moved = diesel::update(
        question_tags::table
            .filter(question_tags::tag_id.eq(&source.id))
            .filter(question_tags::question_id.ne_all(&already)),
    )
    .set(question_tags::tag_id.eq(&target.id))
    .execute(conn)?;
    diesel::delete(tags::table.find(&source.id)).execute(conn)?;
    diesel::delete(
        prassi_db::schema::qa_counts::table
            .filter(prassi_db::schema::qa_counts::tag_id.eq(source.id.as_str())),
    )
    .execute(conn)?;
    counters::recount_tag(conn, &target.id)?;
    for q in &tagged {
        crate::search::QUESTIONS.touch(conn, q.as_str())?;
    }
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_never_empty() {
        assert_eq!(slug_of("Quali indicatori usare?"), "quali-indicatori-usare");
        assert_eq!(slug_of("Perché è così?"), "perche-e-cosi");
        assert_eq!(slug_of("???"), "domanda");
    }
}
