//! Forum services: categories (each with an audience), discussions and replies, quoting,
//! @mentions, edits with history, moderation (hide with a reason, lock, pin, move) and the
//! lists (latest activity, per category, unread). Every read is filtered by the shared access
//! rule through the category's audience; a discussion the viewer may not read answers
//! "not found".

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::history::{views_with_authors, Revision, RevisionView};
use prassi_core::input::{content_lang, optional, required, required_between, Checks};
use prassi_core::markdown::body_text;
use prassi_core::notify::{self, EventKind, ItemKind};

/// The language of content whose author did not choose one: the site's.
const DEFAULT_LANG: &str = prassi_core::i18n::LANGUAGES[0];
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::people::{author_columns, authors_by_id, AuthorRow, AuthorView};
use prassi_db::models::{Discussion, ForumCategory, ForumPost, ForumRevision};
use prassi_db::schema::{
    discussions, forum_categories, forum_posts, forum_reads, forum_revisions, mentions, users,
};
use prassi_db::{CategoryId, DbConnection, DiscussionId, PostId, UserId};
use serde::{Deserialize, Serialize};

/// Longest discussion title, in characters.
pub const MAX_TITLE: usize = 150;
/// Longest post, in characters.
pub const MAX_BODY: usize = 30_000;
/// Posts per discussion page.
pub const POSTS_PER_PAGE: i64 = 50;

/// The URL slug of a title.
pub fn slug_of(title: &str) -> String {
    let s: String = slug::slugify(title).chars().take(80).collect();
    let s = s.trim_end_matches('-').to_owned();
    if s.is_empty() {
        "discussione".into()
    } else {
        s
    }
}

/// The canonical page of a discussion.
pub fn discussion_url(id: &DiscussionId, title: &str) -> String {
    format!("/forum/d/{id}/{}", slug_of(title))
}

fn category_url(slug: &str) -> String {
    format!("/forum/c/{slug}")
}

// ------------------------------------------------------------------------------ access

fn audience_of(category: &ForumCategory) -> AppResult<Audience> {
    Audience::from_db(&category.audience).ok_or_else(AppError::not_found)
}

/// A discussion and its category, or `NotFound` when the viewer may not read it.
pub fn readable_discussion(
    conn: &mut DbConnection,
    id: &DiscussionId,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(Discussion, ForumCategory, Audience)> {
    let row: Option<(Discussion, ForumCategory)> = discussions::table
        .inner_join(forum_categories::table)
        .filter(discussions::id.eq(id))
        .select((Discussion::as_select(), ForumCategory::as_select()))
        .first(conn)
        .optional()?;
    let (d, c) = row.ok_or_else(AppError::not_found)?;
    let audience = audience_of(&c)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    Ok((d, c, audience))
}

/// A category by slug, or `NotFound` when the viewer may not read it.
pub fn readable_category(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<(ForumCategory, Audience)> {
    let c: ForumCategory = forum_categories::table
        .filter(forum_categories::slug.eq(slug.to_lowercase()))
        .select(ForumCategory::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let audience = audience_of(&c)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    Ok((c, audience))
}

// ------------------------------------------------------------------------------ categories

/// A category as listed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CategoryView {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub description: String,
    pub position: i32,
    pub audience: String,
    pub url: String,
    pub discussion_count: i64,
}

/// The categories the viewer may read, in order, with their discussion counts (one query: the
/// counts are kept on the categories).
pub fn categories(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Vec<CategoryView>> {
    let visible = access::visible_audiences(viewer, phase);
    let rows: Vec<ForumCategory> = forum_categories::table
        .filter(forum_categories::audience.eq_any(&visible))
        .order((
            forum_categories::position.asc(),
            forum_categories::name.asc(),
        ))
        .limit(200)
        .select(ForumCategory::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|c| CategoryView {
            discussion_count: c.discussion_count,
            url: category_url(&c.slug),
            id: c.id.0,
            name: c.name,
            slug: c.slug,
            description: c.description,
            position: c.position,
            audience: c.audience,
        })
        .collect())
}

/// A new category (administrators).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CategoryInput {
    pub name: String,
    pub description: String,
    /// Order among categories; an empty form field counts as 0.
    #[serde(deserialize_with = "prassi_core::input::lenient_i32")]
    pub position: i32,
    /// `public` or `members` (or `group:<id>` once groups exist).
    pub audience: String,
}

/// Creates a category; the caller checks that the viewer administers.
pub fn create_category(conn: &mut DbConnection, input: &CategoryInput) -> AppResult<CategoryId> {
    let mut c = Checks::new();
    let name = c.check(required("name", &input.name, 80));
    let description = c.check(optional("description", Some(&input.description), 500));
    let audience = c.check_opt(
        Audience::from_db(input.audience.trim())
            .ok_or_else(|| AppError::invalid("audience", "forum-category-invalid")),
    );
    c.finish()?;
    let audience = audience.ok_or_else(|| AppError::internal("audience checked"))?;
    let id = CategoryId::new();
    diesel::insert_into(forum_categories::table)
        .values(ForumCategory {
            id: id.clone(),
            slug: slug_of(&name),
            name,
            description,
            position: input.position,
            audience: audience.to_db(),
            created_at: prassi_db::now(),
            discussion_count: 0,
        })
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::invalid("name", "forum-category-exists"),
            other => other.into(),
        })?;
    Ok(id)
}

// ------------------------------------------------------------------------------ writing

fn revision(
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

/// The usernames mentioned as `@username` in a text (lower-cased, deduplicated).
pub fn mentioned_usernames(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '@');
        if chars[i] == '@' && starts_word {
            let name: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                .collect::<String>()
                .trim_end_matches(['.', '-'])
                .to_lowercase();
            if (3..=32).contains(&name.len()) && !out.contains(&name) {
                out.push(name.clone());
            }
            i += 1 + name.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Records the mentions in `body` of members who may read `audience` (never the author).
/// Mentions are kept for the notifications module; members see theirs on a page now.
fn record_mentions(
    conn: &mut DbConnection,
    phase: Phase,
    audience: &Audience,
    post: &PostId,
    author: &UserId,
    body: &str,
) -> AppResult<()> {
    let names = mentioned_usernames(body);
    if names.is_empty() {
        return Ok(());
    }
    let found: Vec<(
        UserId,
        String,
        String,
        prassi_db::Role,
        prassi_db::AccountStatus,
    )> = users::table
        .filter(users::username.eq_any(&names))
        .select((
            users::id,
            users::username,
            users::display_name,
            users::role,
            users::status,
        ))
        .load(conn)?;
    for (id, username, display_name, role, status) in found {
        let them = Viewer::Account(access::Account {
            id: id.clone(),
            username,
            display_name,
            role,
            status,
            groups: Default::default(),
        });
        if id == *author || !access::can(&them, phase, audience, Action::Read) {
            continue;
        }
        diesel::insert_into(mentions::table)
            .values((
                mentions::post_id.eq(post),
                mentions::user_id.eq(&id),
                mentions::mentioned_by.eq(author),
                mentions::created_at.eq(prassi_db::now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Moves a category's stored discussion count.
fn count_discussions(conn: &mut DbConnection, category: &CategoryId, delta: i64) -> AppResult<()> {
    diesel::update(forum_categories::table.find(category))
        .set(forum_categories::discussion_count.eq(forum_categories::discussion_count + delta))
        .execute(conn)?;
    Ok(())
}

/// Recomputes every category's discussion count from the discussions (`prassi recount`).
pub fn recount(conn: &mut DbConnection) -> AppResult<()> {
    diesel::sql_query(
        "UPDATE forum_categories SET discussion_count = \
         (SELECT COUNT(*) FROM discussions d WHERE d.category_id = forum_categories.id)",
    )
    .execute(conn)?;
    Ok(())
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
            category_id: category.id.clone(),
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
    count_discussions(conn, &category.id, 1)?;
    let post = PostId::new();
    insert_post(conn, &id, &post, &author, &body, None, &lang)?;
    revision(conn, &post, &author, Some(&title), &body, "")?;
    record_mentions(conn, phase, &audience, &post, &author, &body)?;
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
fn readable_post(
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
fn may_edit(viewer: &Viewer, phase: Phase, audience: &Audience, post: &ForumPost) -> bool {
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

// ------------------------------------------------------------------------------ moderation

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
            }
            moved
        }
        _ => return Err(AppError::invalid("action", "forum-moderation-invalid")),
    };
    Ok(())
}

// ------------------------------------------------------------------------------ reading

/// A discussion in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DiscussionSummary {
    pub id: String,
    pub title: String,
    pub url: String,
    pub category: CategoryRef,
    pub author: AuthorView,
    pub reply_count: i32,
    pub last_post_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub pinned: bool,
    pub locked: bool,
    /// New posts since the viewer last read it (always false for visitors).
    pub unread: bool,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
}

/// A category named in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CategoryRef {
    pub name: String,
    pub url: String,
}

/// Which discussions to list.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// A category slug.
    pub category: Option<String>,
    /// Only discussions with posts the viewer has not read.
    pub unread: bool,
}

/// One page of discussions the viewer may read: pinned first within a category, then by last
/// activity. A category the viewer may not read answers `NotFound`, like an unknown one;
/// the unread list `Unauthorized` to visitors. Four queries whatever the page size, one
/// more for a category.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    filter: &ListFilter,
    page: PageRequest,
) -> AppResult<(Vec<DiscussionSummary>, PageInfo)> {
    if let Some(slug) = &filter.category {
        readable_category(conn, slug, viewer, phase)?;
    }
    list_readable(conn, viewer, phase, filter, page)
}

/// A category's page: the category (`NotFound` when the viewer may not read it), its
/// audience and one page of its discussions.
pub fn category_page(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
    page: PageRequest,
) -> AppResult<(ForumCategory, Audience, Vec<DiscussionSummary>, PageInfo)> {
    let (category, audience) = readable_category(conn, slug, viewer, phase)?;
    let filter = ListFilter {
        category: Some(category.slug.clone()),
        unread: false,
    };
    let (items, info) = list_readable(conn, viewer, phase, &filter, page)?;
    Ok((category, audience, items, info))
}

/// [`list`] once the caller has shown the filter's category readable (the query itself keeps
/// to readable audiences).
fn list_readable(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    filter: &ListFilter,
    page: PageRequest,
) -> AppResult<(Vec<DiscussionSummary>, PageInfo)> {
    let visible = access::visible_audiences(viewer, phase);
    let me = viewer.user_id().cloned();
    if filter.unread && me.is_none() {
        return Err(AppError::unauthorized());
    }
    let filtered = || {
        let mut q = discussions::table
            .inner_join(forum_categories::table)
            .inner_join(users::table)
            .filter(forum_categories::audience.eq_any(visible.clone()))
            .into_boxed();
        if let Some(slug) = &filter.category {
            q = q.filter(forum_categories::slug.eq(slug.to_lowercase()));
        }
        if filter.unread {
            if let Some(me) = &me {
                // Unread: never opened, or a post newer than the last visit.
                q = q.filter(
                    discussions::id.ne_all(
                        forum_reads::table
                            .filter(forum_reads::user_id.eq(me.clone()))
                            .filter(forum_reads::last_read_at.ge(discussions::last_post_at))
                            .select(forum_reads::discussion_id),
                    ),
                );
            }
        }
        q
    };
    // The total comes from the counts kept on the categories, except for the unread list
    // (which depends on the member's read marks).
    let total: i64 = if filter.unread {
        filtered().count().get_result(conn)?
    } else {
        let mut counts = forum_categories::table
            .filter(forum_categories::audience.eq_any(visible.clone()))
            .into_boxed();
        if let Some(slug) = &filter.category {
            counts = counts.filter(forum_categories::slug.eq(slug.to_lowercase()));
        }
        counts
            .select(forum_categories::discussion_count)
            .load::<i64>(conn)?
            .into_iter()
            .sum()
    };
    let ordered = if filter.category.is_some() {
        filtered().order((
            discussions::pinned.desc(),
            discussions::last_post_at.desc(),
            discussions::id.desc(),
        ))
    } else {
        filtered().order((discussions::last_post_at.desc(), discussions::id.desc()))
    };
    let rows: Vec<(Discussion, ForumCategory, AuthorRow)> = ordered
        .limit(page.per_page)
        .offset(page.offset())
        .select((
            Discussion::as_select(),
            ForumCategory::as_select(),
            author_columns(),
        ))
        .load(conn)?;
    // The viewer's read marks for this page's discussions only.
    let read_marks: HashMap<DiscussionId, NaiveDateTime> = match &me {
        Some(me) => forum_reads::table
            .filter(forum_reads::user_id.eq(me))
            .filter(forum_reads::discussion_id.eq_any(rows.iter().map(|(d, _, _)| d.id.clone())))
            .select((forum_reads::discussion_id, forum_reads::last_read_at))
            .load::<(DiscussionId, NaiveDateTime)>(conn)?
            .into_iter()
            .collect(),
        None => HashMap::new(),
    };
    let items = rows
        .into_iter()
        .map(|(d, c, a)| DiscussionSummary {
            lang: d.lang.clone(),
            url: discussion_url(&d.id, &d.title),
            unread: me.is_some() && read_marks.get(&d.id).is_none_or(|r| *r < d.last_post_at),
            id: d.id.0,
            title: d.title,
            category: CategoryRef {
                url: category_url(&c.slug),
                name: c.name,
            },
            author: AuthorView::of(&a),
            reply_count: d.reply_count,
            last_post_at: d.last_post_at,
            created_at: d.created_at,
            pinned: d.pinned,
            locked: d.locked,
        })
        .collect();
    Ok((items, page.info(total)))
}

/// A post on the discussion page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PostView {
    pub id: String,
    /// 1 is the opening post.
    pub number: i64,
    pub author: AuthorView,
    /// Empty when hidden and the viewer does not moderate.
    pub body_html: String,
    pub body_md: String,
    pub hidden: bool,
    pub hidden_reason: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub edited: bool,
    pub revision_count: i64,
    pub can_edit: bool,
    pub url_edit: String,
    pub url_history: String,
    pub quote_url: String,
    pub quote_of_number: Option<i64>,
    pub is_opening: bool,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
}

/// The discussion itself on its page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DiscussionDetail {
    pub id: String,
    pub title: String,
    pub url: String,
    pub category: CategoryRef,
    pub category_slug: String,
    pub audience: String,
    pub pinned: bool,
    pub locked: bool,
    pub author: AuthorView,
    pub reply_count: i32,
    pub created_at: NaiveDateTime,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
}

/// A page of a discussion.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DiscussionPage {
    pub discussion: DiscussionDetail,
    pub posts: Vec<PostView>,
    pub page: PageInfo,
}

/// One page of a discussion in a fixed number of queries (discussion, page of posts with
/// authors, post numbering, revision counts), and marks it read for the viewer.
pub fn discussion_page(
    conn: &mut DbConnection,
    id: &DiscussionId,
    viewer: &Viewer,
    phase: Phase,
    page: i64,
) -> AppResult<DiscussionPage> {
    let (d, c, audience) = readable_discussion(conn, id, viewer, phase)?;
    let author: AuthorRow = users::table
        .find(&d.author_id)
        .select(author_columns())
        .first(conn)?;
    let request = prassi_core::pagination::PageQuery {
        page: Some(page),
        per_page: Some(POSTS_PER_PAGE),
    }
    .resolve();
    // All ids in order, to number posts and resolve quotes across pages (ids only: cheap).
    let order: Vec<PostId> = forum_posts::table
        .filter(forum_posts::discussion_id.eq(&d.id))
        .order((forum_posts::created_at.asc(), forum_posts::id.asc()))
        .select(forum_posts::id)
        .load(conn)?;
    let numbers: HashMap<PostId, i64> = order
        .iter()
        .enumerate()
        .map(|(i, p)| (p.clone(), i as i64 + 1))
        .collect();
    let rows: Vec<(ForumPost, AuthorRow)> = forum_posts::table
        .inner_join(users::table)
        .filter(forum_posts::discussion_id.eq(&d.id))
        .order((forum_posts::created_at.asc(), forum_posts::id.asc()))
        .limit(request.per_page)
        .offset(request.offset())
        .select((ForumPost::as_select(), author_columns()))
        .load(conn)?;
    let ids: Vec<PostId> = rows.iter().map(|(p, _)| p.id.clone()).collect();
    let revision_counts: HashMap<PostId, i64> = forum_revisions::table
        .filter(forum_revisions::post_id.eq_any(&ids))
        .group_by(forum_revisions::post_id)
        .select((forum_revisions::post_id, diesel::dsl::count_star()))
        .load::<(PostId, i64)>(conn)?
        .into_iter()
        .collect();
    let moderates = access::can(viewer, phase, &audience, Action::Moderate);
    let url = discussion_url(&d.id, &d.title);
    let posts = rows
        .into_iter()
        .map(|(p, a)| {
            let hidden = p.hidden_reason.is_some();
            let revisions = revision_counts.get(&p.id).copied().unwrap_or(1);
            let number = numbers.get(&p.id).copied().unwrap_or(0);
            PostView {
                lang: p.lang.clone(),
                body_html: if hidden && !moderates {
                    String::new()
                } else {
                    prassi_core::markdown::render(&p.body_md)
                },
                body_md: if hidden && !moderates {
                    String::new()
                } else {
                    p.body_md.clone()
                },
                can_edit: may_edit(viewer, phase, &audience, &p),
                url_edit: format!("/forum/p/{}/modifica", p.id),
                url_history: format!("/forum/p/{}/cronologia", p.id),
                quote_url: format!("{url}?page={}&cita={}#rispondi", request.page, p.id),
                quote_of_number: p.quote_of.as_ref().and_then(|q| numbers.get(q).copied()),
                is_opening: number == 1,
                edited: revisions > 1,
                revision_count: revisions,
                id: p.id.0,
                number,
                author: AuthorView::of(&a),
                hidden,
                hidden_reason: p.hidden_reason,
                created_at: p.created_at,
                updated_at: p.updated_at,
            }
        })
        .collect();
    if let Some(me) = viewer.user_id() {
        mark_read(conn, me, &d.id, prassi_db::now())?;
    }
    Ok(DiscussionPage {
        discussion: DiscussionDetail {
            lang: d.lang.clone(),
            id: d.id.0.clone(),
            title: d.title.clone(),
            url,
            category: CategoryRef {
                url: category_url(&c.slug),
                name: c.name.clone(),
            },
            category_slug: c.slug,
            audience: c.audience,
            pinned: d.pinned,
            locked: d.locked,
            author: AuthorView::of(&author),
            reply_count: d.reply_count,
            created_at: d.created_at,
        },
        posts,
        page: request.info(order.len() as i64),
    })
}

/// Records that `user` has read `discussion` up to `at` (insert or move forward; portable).
fn mark_read(
    conn: &mut DbConnection,
    user: &UserId,
    discussion: &DiscussionId,
    at: NaiveDateTime,
) -> AppResult<()> {
    let key = forum_reads::table
        .filter(forum_reads::user_id.eq(user))
        .filter(forum_reads::discussion_id.eq(discussion));
    let n = diesel::update(key)
        .set(forum_reads::last_read_at.eq(at))
        .execute(conn)?;
    if n == 0 {
        // Another request of the same member may get there first: their mark is as good.
        prassi_db::insert_unless_exists(conn, |c| {
            diesel::insert_into(forum_reads::table)
                .values((
                    forum_reads::user_id.eq(user),
                    forum_reads::discussion_id.eq(discussion),
                    forum_reads::last_read_at.eq(at),
                ))
                .execute(c)
        })?;
    }
    Ok(())
}

// ------------------------------------------------------------------------------ mentions

/// A mention of the viewer.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MentionView {
    pub discussion_title: String,
    pub url: String,
    pub by: AuthorView,
    pub created_at: NaiveDateTime,
    pub excerpt: String,
}

/// The viewer's mentions, newest first, only in discussions they may still read and not in
/// hidden posts.
pub fn my_mentions(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    page: PageRequest,
) -> AppResult<(Vec<MentionView>, PageInfo)> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let visible = access::visible_audiences(viewer, phase);
    let base = || {
        mentions::table
            .inner_join(
                forum_posts::table
                    .inner_join(discussions::table.inner_join(forum_categories::table)),
            )
            .filter(mentions::user_id.eq(me.clone()))
            .filter(forum_categories::audience.eq_any(visible.clone()))
            .filter(forum_posts::hidden_reason.is_null())
    };
    let total: i64 = base().count().get_result(conn)?;
    let rows: Vec<(
        Option<UserId>,
        NaiveDateTime,
        String,
        DiscussionId,
        String,
        PostId,
    )> = base()
        .order(mentions::created_at.desc())
        .limit(page.per_page)
        .offset(page.offset())
        .select((
            mentions::mentioned_by,
            mentions::created_at,
            forum_posts::body_md,
            discussions::id,
            discussions::title,
            forum_posts::id,
        ))
        .load(conn)?;
    let by_ids: Vec<UserId> = rows.iter().filter_map(|r| r.0.clone()).collect();
    let authors = authors_by_id(conn, &by_ids)?;
    let items = rows
        .into_iter()
        .filter_map(|(by, at, body, did, title, pid)| {
            let by = by.and_then(|b| authors.get(&b)).map(AuthorView::of)?;
            let plain = prassi_core::markdown::to_plain_text(&body);
            let mut excerpt: String = plain.chars().take(200).collect();
            if plain.chars().count() > 200 {
                excerpt.push('…');
            }
            Some(MentionView {
                url: format!("{}#post-{pid}", discussion_url(&did, &title)),
                discussion_title: title,
                by,
                created_at: at,
                excerpt,
            })
        })
        .collect();
    Ok((items, page.info(total)))
}

#[cfg(test)]
mod tests {
    use super::mentioned_usernames;

    #[test]
    fn mentions_are_found_at_word_starts_only() {
        assert_eq!(
            mentioned_usernames(
                "Ciao @Giulia.Rossi e @marco_b, scrivete a info@comune.it. @ab @giulia.rossi"
            ),
            vec!["giulia.rossi", "marco_b"]
        );
    }
}
