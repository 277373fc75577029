//! Posting a reply as the member it came from, through the modules' own service functions
//! (`prassi_qa::service::answer`/`comment`, `prassi_forum::service::reply`,
//! `prassi_wiki::service::add_talk`) with the member's viewer built as a signed-in request of
//! theirs would build it (`prassi_core::ctx::viewer_of`: role, status, working groups) and
//! the site's current phase. Those services decide: a member who can no longer read or take
//! part gets their usual `NotFound`/`Forbidden`, a closed question or locked discussion its
//! `Conflict`, a comment over the length limit its `Invalid`.

use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{ItemKind, ItemRef};
use prassi_core::settings::SiteSettings;
use prassi_db::schema::{answers, discussions, forum_posts, qa_comments, wiki_pages, wiki_talk};
use prassi_db::{AnswerId, DbConnection, DiscussionId, PageId, QuestionId, UserId};

use super::receive::Accepted;

/// Posts `body` under `target` as `member`; call inside the write transaction that marks the
/// token used. An item that is gone is `NotFound`, like one the member may not read.
pub(super) fn as_member(
    conn: &mut DbConnection,
    member: &UserId,
    target: &ItemRef,
    body: &str,
) -> AppResult<Accepted> {
    let viewer = prassi_core::ctx::viewer_of(conn, member)?.ok_or_else(AppError::not_found)?;
    let phase: Phase = SiteSettings::load(conn)?.phase;
    let id = target.id.as_str();
    match target.kind {
        ItemKind::Question => {
            let question = QuestionId(id.to_owned());
            let answer = prassi_qa::service::answer(conn, &viewer, phase, &question, body)?;
            let url = prassi_qa::service::readable_question_url(conn, &question, &viewer, phase)?;
            Ok(accepted(
                ItemKind::Answer,
                answer.as_str(),
                format!("{url}#risposta-{answer}"),
            ))
        }
        ItemKind::Answer => {
            let answer = AnswerId(id.to_owned());
            let question: QuestionId = answers::table
                .find(&answer)
                .select(answers::question_id)
                .first(conn)
                .optional()?
                .ok_or_else(AppError::not_found)?;
            qa_comment(conn, &viewer, phase, &question, Some(&answer), body)
        }
        ItemKind::QaComment => {
            let (question, answer): (QuestionId, Option<AnswerId>) = qa_comments::table
                .find(id)
                .select((qa_comments::question_id, qa_comments::answer_id))
                .first(conn)
                .optional()?
                .ok_or_else(AppError::not_found)?;
            qa_comment(conn, &viewer, phase, &question, answer.as_ref(), body)
        }
        ItemKind::Discussion => forum_reply(conn, &viewer, phase, &DiscussionId(id.into()), body),
        ItemKind::ForumPost => {
            let discussion: DiscussionId = forum_posts::table
                .find(id)
                .select(forum_posts::discussion_id)
                .first(conn)
                .optional()?
                .ok_or_else(AppError::not_found)?;
            forum_reply(conn, &viewer, phase, &discussion, body)
        }
        ItemKind::WikiPage => talk(conn, &viewer, phase, &PageId(id.to_owned()), body),
        ItemKind::WikiTalk => {
            let page: PageId = wiki_talk::table
                .find(id)
                .select(wiki_talk::page_id)
                .first(conn)
                .optional()?
                .ok_or_else(AppError::not_found)?;
            talk(conn, &viewer, phase, &page, body)
        }
        ItemKind::Member
        | ItemKind::Group
        | ItemKind::GroupRequest
        | ItemKind::GroupInvitation
        | ItemKind::GroupPublication
        | ItemKind::AgendaEvent
        | ItemKind::AgendaRegistration
        | ItemKind::Poll
        | ItemKind::Questionnaire => Err(AppError::not_found()),
    }
}

fn accepted(kind: ItemKind, id: &str, url: String) -> Accepted {
    Accepted {
        item_kind: kind.as_str().to_owned(),
        item_id: id.to_owned(),
        url,
    }
}

fn qa_comment(
    conn: &mut DbConnection,
    viewer: &prassi_core::access::Viewer,
    phase: Phase,
    question: &QuestionId,
    answer: Option<&AnswerId>,
    body: &str,
) -> AppResult<Accepted> {
    let comment = prassi_qa::service::comment(conn, viewer, phase, question, answer, body)?;
    let url = prassi_qa::service::readable_question_url(conn, question, viewer, phase)?;
    let anchor = match answer {
        Some(a) => format!("#risposta-{a}"),
        None => "#commenti".to_owned(),
    };
    Ok(accepted(
        ItemKind::QaComment,
        comment.as_str(),
        format!("{url}{anchor}"),
    ))
}

fn forum_reply(
    conn: &mut DbConnection,
    viewer: &prassi_core::access::Viewer,
    phase: Phase,
    discussion: &DiscussionId,
    body: &str,
) -> AppResult<Accepted> {
    let post = prassi_forum::service::reply(conn, viewer, phase, discussion, body, None)?;
    let (title, replies): (String, i32) = discussions::table
        .find(discussion)
        .select((discussions::title, discussions::reply_count))
        .first(conn)?;
    // The opening post and the replies, the new one last.
    let page = i64::from(replies) / prassi_forum::service::POSTS_PER_PAGE + 1;
    let query = if page > 1 {
        format!("?page={page}")
    } else {
        String::new()
    };
    Ok(accepted(
        ItemKind::ForumPost,
        post.as_str(),
        format!(
            "{}{query}#post-{post}",
            prassi_forum::service::discussion_url(discussion, &title)
        ),
    ))
}

fn talk(
    conn: &mut DbConnection,
    viewer: &prassi_core::access::Viewer,
    phase: Phase,
    page: &PageId,
    body: &str,
) -> AppResult<Accepted> {
    let slug: String = wiki_pages::table
        .find(page)
        .select(wiki_pages::slug)
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let added = prassi_wiki::service::add_talk(conn, viewer, phase, &slug, body)?;
    let per_page = prassi_core::pagination::PageQuery::default()
        .resolve()
        .per_page;
    let number = (added.position - 1) / per_page + 1;
    Ok(accepted(
        ItemKind::WikiTalk,
        added.id.as_str(),
        format!(
            "{}/discussione?page={number}#commento-{}",
            prassi_wiki::service::page_url(&added.slug),
            added.id
        ),
    ))
}
