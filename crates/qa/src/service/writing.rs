//! Asking, answering, commenting, voting and accepting, each in the caller's write
//! transaction, with the counters and notification events it moves.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{content_lang, required_between, Checks};
use prassi_core::markdown::body_text;
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_db::models::{Answer, QaComment, QaRevision, Question, Tag};
use prassi_db::schema::{
    answers, qa_comments, qa_revisions, qa_votes, question_tags, questions, tags,
};
use prassi_db::OneOfExt;
use prassi_db::{AnswerId, CommentId, DbConnection, GroupId, PostKind, QuestionId, TagId, UserId};
use serde::{Deserialize, Serialize};

use crate::counters;

use super::access::readable_question;
use super::{DEFAULT_LANG, MAX_BODY, MAX_COMMENT, MAX_TITLE, REP_ACCEPTED, TAGS_PER_QUESTION};

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
        .filter(tags::name.one_of(&names))
        .select(Tag::as_select())
        .load(conn)?;
    if found.len() != names.len() {
        return Err(AppError::invalid("tags", "qa-tag-unknown"));
    }
    Ok(found)
}

/// What one saved version records.
pub(super) struct RevisionInput<'a> {
    pub(super) kind: PostKind,
    pub(super) post_id: &'a str,
    pub(super) author: &'a UserId,
    pub(super) title: Option<&'a str>,
    pub(super) body: &'a str,
    pub(super) tags: Option<&'a str>,
    pub(super) summary: &'a str,
}

pub(super) fn revision(conn: &mut DbConnection, r: RevisionInput<'_>) -> AppResult<()> {
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
pub(super) fn question_fields(
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
    ask_with(conn, viewer, phase, input, None)
}

/// Asks a question in a working group: `input.audience` must be the group's content audience
/// (`group:<id>`, or `public` for a public group), as prassi-groups decides it; only the
/// group's members (and administrators) may ask there. Call inside a write transaction.
pub fn ask_in_group(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    group: &GroupId,
    input: &QuestionInput,
) -> AppResult<QuestionId> {
    ask_with(conn, viewer, phase, input, Some(group))
}

/// Whether the viewer may create content in `group` with `audience`: a member of the group
/// in good standing, or an administrator; the audience is the group's own or public.
fn require_group_author(
    viewer: &Viewer,
    phase: Phase,
    group: &GroupId,
    audience: &Audience,
) -> AppResult<()> {
    let account = viewer.account().ok_or_else(AppError::unauthorized)?;
    let inside = viewer.is_member() && account.groups.contains(group.as_str());
    if !(viewer.is_admin() || inside) {
        return Err(AppError::forbidden());
    }
    match audience {
        Audience::Group(g) if g == group.as_str() => Ok(()),
        Audience::Public => require(viewer, phase, audience, Action::Participate),
        _ => Err(AppError::internal(
            "a group's content has the group's audience",
        )),
    }
}

fn ask_with(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    input: &QuestionInput,
    group: Option<&GroupId>,
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
    match group {
        Some(g) => require_group_author(viewer, phase, g, &audience)?,
        None => require(viewer, phase, &audience, Action::Participate)?,
    }
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
            group_id: group.cloned(),
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
        questions::thread_version.eq(questions::thread_version + 1),
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
    crate::search::ANSWERS.touch(conn, id.as_str())?;
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
        .set((
            questions::last_activity_at.eq(now),
            questions::thread_version.eq(questions::thread_version + 1),
        ))
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
    // Scores feed figures kept per audience (a tag's top answerers).
    prassi_core::audience_cache::content_changed();
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
            super::thread::touch(conn, &question_id)?;
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
    prassi_core::audience_cache::content_changed();
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
