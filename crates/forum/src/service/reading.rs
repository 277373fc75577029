//! The discussion lists (latest activity, per category, unread) and the discussion page.

use prassi_db::OneOfExt;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::people::{author_columns, AuthorRow, AuthorView};
use prassi_db::models::{Discussion, ForumCategory, ForumPost};
use prassi_db::schema::{
    discussions, forum_categories, forum_posts, forum_reads, forum_revisions, users,
};
use prassi_db::{DbConnection, DiscussionId, PostId, UserId};
use serde::Serialize;

use super::access::{readable_category, readable_discussion};
use super::editing::may_edit;
use super::{category_url, discussion_url, POSTS_PER_PAGE};

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
            .filter(forum_categories::audience.one_of(visible.clone()))
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
            .filter(forum_categories::audience.one_of(visible.clone()))
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
            .filter(forum_reads::discussion_id.one_of(rows.iter().map(|(d, _, _)| d.id.clone())))
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
        .filter(forum_revisions::post_id.one_of(&ids))
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
pub(super) fn mark_read(
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
