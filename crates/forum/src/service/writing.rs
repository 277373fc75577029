//! Opening discussions and replying, with the counts, read marks, revisions and notification
//! events each post moves.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{content_lang, required_between, Checks};
use prassi_core::markdown::body_text;
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_db::models::{Discussion, ForumCategory, ForumPost, ForumRevision};
use prassi_db::schema::{discussions, forum_categories, forum_posts, forum_revisions};
use prassi_db::{CategoryId, DbConnection, DiscussionId, GroupId, PostId, UserId};
use serde::{Deserialize, Serialize};

use super::access::{readable_category, readable_discussion};
use super::mentions::record_mentions;
use super::reading::mark_read;
use super::{DEFAULT_LANG, MAX_BODY, MAX_TITLE};

pub(super) fn revision(
    conn: &mut DbConnection,
    post: &PostId,
    author: &UserId,
    title: Option<&str>,
    body: &str,
    summary: &str,
) -> AppResult<()> {
    diesel::insert_into(forum_revisions::table)
        .values(ForumRevision {
            id: prassi_db::fresh_id(),
            post_id: post.clone(),
            author_id: Some(author.clone()),
            title: title.map(str::to_owned),
            body_md: body.to_owned(),
            summary: summary.to_owned(),
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    Ok(())
}

/// Moves a category's stored discussion count.
pub(super) fn count_discussions(
    conn: &mut DbConnection,
    category: &CategoryId,
    delta: i64,
) -> AppResult<()> {
    diesel::update(forum_categories::table.find(category))
        .set(forum_categories::discussion_count.eq(forum_categories::discussion_count + delta))
        .execute(conn)?;
    Ok(())
}

/// Recomputes every category's discussion count from the discussions, and the members'
/// forum counters (`prassi recount`).
pub fn recount(conn: &mut DbConnection) -> AppResult<()> {
    diesel::sql_query(
        "UPDATE forum_categories SET discussion_count = \
         (SELECT COUNT(*) FROM discussions d WHERE d.category_id = forum_categories.id)",
    )
    .execute(conn)?;
    crate::counters::recompute(conn)
}

/// A new discussion.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DiscussionInput {
    pub title: String,
    pub body_md: String,
    /// The language of the text (`it`, `en`, `de`, `fr`, `sl`). Default: the site's, `it`.
    pub lang: String,
}

/// Opens a discussion in a category. Call inside a write transaction.
pub fn start(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    category_slug: &str,
    input: &DiscussionInput,
) -> AppResult<DiscussionId> {
    let (category, audience) = readable_category(conn, category_slug, viewer, phase)?;
    require(viewer, phase, &audience, Action::Participate)?;
    start_checked(conn, viewer, phase, &category.id, &audience, input)
}

/// A working group, as prassi-groups describes it to start a discussion in it.
#[derive(Debug, Clone)]
pub struct GroupPlace<'a> {
    pub id: &'a GroupId,
    pub slug: &'a str,
    pub name: &'a str,
    /// The group's content audience (`group:<id>`, or `public` for a public group).
    pub audience: Audience,
}

/// Opens a discussion in a working group's own category, made the first time it is needed
/// with the group's content audience. Only the group's members (and administrators) may start
/// one. Call inside a write transaction.
pub fn start_in_group(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    group: &GroupPlace<'_>,
    input: &DiscussionInput,
) -> AppResult<DiscussionId> {
    let account = viewer.account().ok_or_else(AppError::unauthorized)?;
    let inside = viewer.is_member() && account.groups.contains(group.id.as_str());
    if !(viewer.is_admin() || inside) {
        return Err(AppError::forbidden());
    }
    match &group.audience {
        Audience::Group(g) if g == group.id.as_str() => {}
        Audience::Public => require(viewer, phase, &group.audience, Action::Participate)?,
        _ => {
            return Err(AppError::internal(
                "a group's content has the group's audience",
            ))
        }
    }
    let category = group_category(conn, group)?;
    start_checked(conn, viewer, phase, &category, &group.audience, input)
}

/// The group's own category, made if missing. Its slug is `gruppo-<group slug>`, or
/// `gruppo-<group id>` when a category already holds that name.
pub fn group_category(conn: &mut DbConnection, group: &GroupPlace<'_>) -> AppResult<CategoryId> {
    if let Some(id) = existing_group_category(conn, group.id)? {
        return Ok(id);
    }
    for slug in [
        format!("gruppo-{}", group.slug),
        format!("gruppo-{}", group.id),
    ] {
        let row = ForumCategory {
            id: CategoryId::new(),
            name: group.name.to_owned(),
            slug,
            description: String::new(),
            position: 1000,
            audience: group.audience.to_db(),
            created_at: prassi_db::now(),
            discussion_count: 0,
            group_id: Some(group.id.clone()),
        };
        if prassi_db::insert_unless_exists(conn, |c| {
            diesel::insert_into(forum_categories::table)
                .values(&row)
                .execute(c)
        })? {
            return Ok(row.id);
        }
        // Another request made the group's category first, or the slug is taken.
        if let Some(id) = existing_group_category(conn, group.id)? {
            return Ok(id);
        }
    }
    Err(AppError::internal("no free slug for the group's category"))
}

fn existing_group_category(
    conn: &mut DbConnection,
    group: &GroupId,
) -> AppResult<Option<CategoryId>> {
    Ok(forum_categories::table
        .filter(forum_categories::group_id.eq(group))
        .select(forum_categories::id)
        .first(conn)
        .optional()?)
}

fn start_checked(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    category: &CategoryId,
    audience: &Audience,
    input: &DiscussionInput,
) -> AppResult<DiscussionId> {
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let title = c.check(required_between(
        "title",
        &input.title,
        5,
        MAX_TITLE,
        "forum-title-too-short",
    ));
    let body = c.check(body_text("body_md", &input.body_md, MAX_BODY));
    let lang = c.check(content_lang("lang", &input.lang, DEFAULT_LANG));
    c.finish()?;
    let now = prassi_db::now();
    let id = DiscussionId::new();
    diesel::insert_into(discussions::table)
        .values(Discussion {
            id: id.clone(),
            category_id: category.clone(),
            author_id: author.clone(),
            title: title.clone(),
            pinned: false,
            locked: false,
            reply_count: 0,
            last_post_at: now,
            created_at: now,
            updated_at: now,
            lang: lang.clone(),
        })
        .execute(conn)?;
    count_discussions(conn, category, 1)?;
    crate::counters::member(conn, &author, category, 1, 1)?;
    let post = PostId::new();
    insert_post(conn, &id, &post, &author, &body, None, &lang)?;
    revision(conn, &post, &author, Some(&title), &body, "")?;
    record_mentions(conn, phase, audience, &post, &author, &body)?;
    mark_read(conn, &author, &id, now)?;
    crate::search::DISCUSSIONS.touch(conn, id.as_str())?;
    notify::happened(
        conn,
        EventKind::DiscussionStarted,
        ItemKind::Discussion,
        &id,
        &author,
        &audience.to_db(),
    )?;
    Ok(id)
}

fn insert_post(
    conn: &mut DbConnection,
    discussion: &DiscussionId,
    id: &PostId,
    author: &UserId,
    body: &str,
    quote_of: Option<&PostId>,
    lang: &str,
) -> AppResult<()> {
    let now = prassi_db::now();
    diesel::insert_into(forum_posts::table)
        .values(ForumPost {
            id: id.clone(),
            discussion_id: discussion.clone(),
            author_id: author.clone(),
            body_md: body.to_owned(),
            quote_of: quote_of.cloned(),
            hidden_reason: None,
            hidden_by: None,
            created_at: now,
            updated_at: now,
            lang: lang.to_owned(),
        })
        .execute(conn)?;
    Ok(())
}

/// Replies to a discussion in its language, optionally quoting one of its posts. Call inside
/// a write transaction.
pub fn reply(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    discussion: &DiscussionId,
    body_md: &str,
    quote_of: Option<&PostId>,
) -> AppResult<PostId> {
    reply_in(conn, viewer, phase, discussion, body_md, quote_of, "")
}

/// Replies to a discussion; `lang` is the reply's language (empty: the discussion's).
pub fn reply_in(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    discussion: &DiscussionId,
    body_md: &str,
    quote_of: Option<&PostId>,
    lang: &str,
) -> AppResult<PostId> {
    let (d, _, audience) = readable_discussion(conn, discussion, viewer, phase)?;
    require(viewer, phase, &audience, Action::Participate)?;
    let moderates = access::can(viewer, phase, &audience, Action::Moderate);
    if d.locked && !moderates {
        return Err(AppError::conflict("forum-discussion-locked"));
    }
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let body = c.check(body_text("body_md", body_md, MAX_BODY));
    let lang = c.check(content_lang("lang", lang, &d.lang));
    c.finish()?;
    if let Some(q) = quote_of {
        let same: bool = diesel::select(diesel::dsl::exists(
            forum_posts::table
                .find(q)
                .filter(forum_posts::discussion_id.eq(&d.id)),
        ))
        .get_result(conn)?;
        if !same {
            return Err(AppError::invalid("quote_of", "forum-quote-invalid"));
        }
    }
    let id = PostId::new();
    insert_post(conn, &d.id, &id, &author, &body, quote_of, &lang)?;
    let now = prassi_db::now();
    // Conditioned on the discussion still being open for non-moderators: a lock committed
    // since it was read wins, and this reply is rolled back.
    let mut counted = diesel::update(discussions::table.find(&d.id)).into_boxed();
    if !moderates {
        counted = counted.filter(discussions::locked.eq(false));
    }
    let counted = counted
        .set((
            discussions::reply_count.eq(discussions::reply_count + 1),
            discussions::last_post_at.eq(now),
        ))
        .execute(conn)?;
    if counted != 1 {
        return Err(AppError::conflict("forum-discussion-locked"));
    }
    crate::counters::member(conn, &author, &d.category_id, 0, 1)?;
    crate::search::DISCUSSIONS.touch(conn, d.id.as_str())?;
    revision(conn, &id, &author, None, &body, "")?;
    record_mentions(conn, phase, &audience, &id, &author, &body)?;
    mark_read(conn, &author, &d.id, now)?;
    notify::happened(
        conn,
        EventKind::ReplyPosted,
        ItemKind::ForumPost,
        &id,
        &author,
        &audience.to_db(),
    )?;
    Ok(id)
}
