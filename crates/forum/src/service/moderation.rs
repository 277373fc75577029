//! Hiding posts and locking, pinning or moving discussions: moderators of the audience only.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::required;
use prassi_db::schema::{discussions, forum_posts};
use prassi_db::{DbConnection, DiscussionId, PostId};
use serde::{Deserialize, Serialize};

use super::access::{readable_category, readable_discussion};
use super::editing::readable_post;
use super::writing::count_discussions;

/// Hides a post with a reason, or (with `None`) shows it again. Moderators only. Returns the
/// discussion. Call inside a write transaction.
pub fn set_hidden(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &PostId,
    reason: Option<&str>,
) -> AppResult<DiscussionId> {
    let (p, d, audience, _) = readable_post(conn, id, viewer, phase)?;
    require(viewer, phase, &audience, Action::Moderate)?;
    crate::search::DISCUSSIONS.touch(conn, d.id.as_str())?;
    let reason = match reason {
        Some(r) => Some(
            required("reason", r, 300)
                .map_err(|_| AppError::invalid("reason", "forum-hide-reason-required"))?,
        ),
        None => None,
    };
    diesel::update(forum_posts::table.find(&p.id))
        .set((
            forum_posts::hidden_by.eq(reason.as_ref().and(viewer.user_id())),
            forum_posts::hidden_reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(d.id)
}

/// A moderation action on a discussion.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ModerationInput {
    /// `lock`, `unlock`, `pin`, `unpin` or `move`.
    pub action: String,
    /// For `move`: the target category's slug.
    pub category: String,
}

/// Locks, unlocks, pins, unpins or moves a discussion. Moderators of its audience only; a move
/// needs readable source and target. Call inside a write transaction.
pub fn moderate(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &DiscussionId,
    input: &ModerationInput,
) -> AppResult<()> {
    let (d, _, audience) = readable_discussion(conn, id, viewer, phase)?;
    require(viewer, phase, &audience, Action::Moderate)?;
    crate::search::DISCUSSIONS.touch(conn, d.id.as_str())?;
    let target = discussions::table.find(&d.id);
    match input.action.as_str() {
        "lock" => diesel::update(target)
            .set(discussions::locked.eq(true))
            .execute(conn)?,
        "unlock" => diesel::update(target)
            .set(discussions::locked.eq(false))
            .execute(conn)?,
        "pin" => diesel::update(target)
            .set(discussions::pinned.eq(true))
            .execute(conn)?,
        "unpin" => diesel::update(target)
            .set(discussions::pinned.eq(false))
            .execute(conn)?,
        "move" => {
            let (category, to) = readable_category(conn, &input.category, viewer, phase)
                .map_err(|_| AppError::invalid("category", "forum-category-invalid"))?;
            if !access::can(viewer, phase, &to, Action::Moderate) {
                return Err(AppError::invalid("category", "forum-category-invalid"));
            }
            let moved = diesel::update(target.filter(discussions::category_id.eq(&d.category_id)))
                .set(discussions::category_id.eq(&category.id))
                .execute(conn)?;
            if moved == 1 {
                count_discussions(conn, &d.category_id, -1)?;
                count_discussions(conn, &category.id, 1)?;
                crate::counters::discussion_moved(
                    conn,
                    &d.id,
                    &d.author_id,
                    &d.category_id,
                    &category.id,
                )?;
            }
            moved
        }
        _ => return Err(AppError::invalid("action", "forum-moderation-invalid")),
    };
    Ok(())
}
