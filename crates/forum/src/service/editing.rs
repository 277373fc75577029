//! Editing posts (their authors or moderators) and their histories.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::history::{views_with_authors, Revision, RevisionView};
use prassi_core::input::{content_lang, optional, required_between, Checks};
use prassi_core::markdown::body_text;
use prassi_db::models::{Discussion, ForumPost, ForumRevision};
use prassi_db::schema::{discussions, forum_posts, forum_revisions};
use prassi_db::{DbConnection, DiscussionId, PostId};
use serde::{Deserialize, Serialize};

use super::access::readable_discussion;
use super::writing::revision;
use super::{MAX_BODY, MAX_TITLE};

/// An edit of a post (and, for the opening post, of the title).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PostEdit {
    /// Opening posts only: the discussion's title.
    pub title: String,
    pub body_md: String,
    pub summary: String,
    /// The language of the text; empty keeps the current one.
    pub lang: String,
}

/// A post with its discussion, readable by the viewer, even when hidden: private, so only
/// functions that decide what of it to show see it.
pub(super) fn readable_post(
    conn: &mut DbConnection,
    id: &PostId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(ForumPost, Discussion, Audience, bool)> {
    let p: ForumPost = forum_posts::table
        .find(id)
        .select(ForumPost::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let (d, _, audience) = readable_discussion(conn, &p.discussion_id, viewer, phase)?;
    let opening: Option<PostId> = forum_posts::table
        .filter(forum_posts::discussion_id.eq(&d.id))
        .order((forum_posts::created_at.asc(), forum_posts::id.asc()))
        .select(forum_posts::id)
        .first(conn)
        .optional()?;
    let is_opening = opening.as_ref() == Some(&p.id);
    Ok((p, d, audience, is_opening))
}

/// The edit rule for a post (the shared [`access::check_edit`]): its author taking part in
/// the audience, or a moderator; a hidden post only a moderator.
fn edit_rule(post: &ForumPost) -> access::EditRule<'_> {
    access::EditRule {
        editors: access::Editors::Author(&post.author_id),
        moderators_only: post.hidden_reason.is_some(),
    }
}

/// Whether the viewer may edit a post (for the edit links).
pub(super) fn may_edit(
    viewer: &Viewer,
    phase: Phase,
    audience: &Audience,
    post: &ForumPost,
) -> bool {
    access::may_edit(viewer, phase, audience, &edit_rule(post))
}

/// [`may_edit`] as an error: `Unauthorized` for visitors, `Forbidden` with
/// `forum-edit-not-allowed` otherwise.
fn require_edit(
    viewer: &Viewer,
    phase: Phase,
    audience: &Audience,
    post: &ForumPost,
) -> AppResult<()> {
    access::check_edit(viewer, phase, audience, &edit_rule(post))
        .map_err(|refusal| refusal.error("forum-edit-not-allowed"))
}

/// A post the viewer may edit, with what its edit form starts from.
#[derive(Debug, Clone)]
pub struct EditablePost {
    pub post: ForumPost,
    pub discussion: Discussion,
    /// The opening post also carries the discussion's title.
    pub is_opening: bool,
}

/// A post for its edit form: `NotFound` when the viewer may not read it, `Unauthorized` for
/// visitors and `Forbidden` (`forum-edit-not-allowed`) for accounts that may not edit it.
pub fn editable(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &PostId,
) -> AppResult<EditablePost> {
    let (post, discussion, audience, is_opening) = readable_post(conn, id, viewer, phase)?;
    require_edit(viewer, phase, &audience, &post)?;
    Ok(EditablePost {
        post,
        discussion,
        is_opening,
    })
}

/// Edits a post (its author or a moderator); every version is kept. Returns the discussion.
/// Call inside a write transaction.
pub fn edit(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &PostId,
    input: &PostEdit,
) -> AppResult<DiscussionId> {
    let (p, d, audience, is_opening) = readable_post(conn, id, viewer, phase)?;
    require_edit(viewer, phase, &audience, &p)?;
    crate::search::DISCUSSIONS.touch(conn, d.id.as_str())?;
    let editor = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let title = is_opening.then(|| {
        c.check(required_between(
            "title",
            &input.title,
            5,
            MAX_TITLE,
            "forum-title-too-short",
        ))
    });
    let body = c.check(body_text("body_md", &input.body_md, MAX_BODY));
    let summary = c.check(optional("summary", Some(&input.summary), 200));
    let lang = c.check(content_lang("lang", &input.lang, &p.lang));
    c.finish()?;
    let now = prassi_db::now();
    if let Some(t) = &title {
        diesel::update(discussions::table.find(&d.id))
            .set((
                discussions::title.eq(t),
                discussions::lang.eq(&lang),
                discussions::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    diesel::update(forum_posts::table.find(&p.id))
        .set((
            forum_posts::body_md.eq(&body),
            forum_posts::lang.eq(&lang),
            forum_posts::updated_at.eq(now),
        ))
        .execute(conn)?;
    revision(conn, &p.id, &editor, title.as_deref(), &body, &summary)?;
    Ok(d.id)
}

/// A post's discussion and history, newest first with word diffs: readable posts only, and a
/// hidden post's versions only for moderators (others get `NotFound`).
pub fn readable_history(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &PostId,
) -> AppResult<(Discussion, Vec<RevisionView>)> {
    let (post, d, audience, _) = readable_post(conn, id, viewer, phase)?;
    if post.hidden_reason.is_some() && !access::can(viewer, phase, &audience, Action::Moderate) {
        return Err(AppError::not_found());
    }
    Ok((d, history(conn, &post.id)?))
}

/// The history of a post, newest first, with word diffs. The caller checked readability.
fn history(conn: &mut DbConnection, post: &PostId) -> AppResult<Vec<RevisionView>> {
    let rows: Vec<ForumRevision> = forum_revisions::table
        .filter(forum_revisions::post_id.eq(post))
        // The newest 500, oldest first.
        .order((
            forum_revisions::created_at.desc(),
            forum_revisions::id.desc(),
        ))
        .limit(500)
        .select(ForumRevision::as_select())
        .load(conn)?;
    let rows = rows.into_iter().rev();
    let revisions: Vec<Revision> = rows
        .into_iter()
        .map(|r| Revision {
            author_id: r.author_id,
            created_at: r.created_at,
            summary: r.summary,
            title: r.title,
            tags: None,
            body: r.body_md,
        })
        .collect();
    Ok(views_with_authors(conn, revisions)?)
}
