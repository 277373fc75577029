//! The forum's per-member counters, kept in the transaction that moves them: discussions
//! started and posts written per member and category (`forum_member_stats`). A profile sums
//! them over the categories the viewer may read — one row per category, whatever the number
//! of posts. [`recompute`] rebuilds them from the discussions and posts (`prassi recount`);
//! a test proves the maintained values equal it.

use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::state::ActivityItem;
use prassi_db::schema::{forum_categories, forum_member_stats, forum_posts};
use prassi_db::OneOfExt;
use prassi_db::{CategoryId, DbConnection, DiscussionId, UserId};

/// The statement that fills the table from the discussions and posts.
const RECOMPUTE_SQL: &str =
    "INSERT INTO forum_member_stats (user_id, category_id, discussions, posts) \
     SELECT user_id, category_id, SUM(started), SUM(written) FROM ( \
         SELECT author_id AS user_id, category_id, 1 AS started, 0 AS written FROM discussions \
         UNION ALL \
         SELECT p.author_id, d.category_id, 0, 1 \
           FROM forum_posts p JOIN discussions d ON d.id = p.discussion_id \
     ) s GROUP BY user_id, category_id";

/// Moves a member's counters in a category.
pub(crate) fn member(
    conn: &mut DbConnection,
    user: &UserId,
    category: &CategoryId,
    discussions: i64,
    posts: i64,
) -> AppResult<()> {
    prassi_db::counters::bump(
        conn,
        "forum_member_stats",
        &[
            ("user_id", user.as_str()),
            ("category_id", category.as_str()),
        ],
        &[("discussions", discussions), ("posts", posts)],
    )?;
    Ok(())
}

/// Moves the counters of a discussion's author and of everyone who posted in it from one
/// category to another. Reads the discussion's posts grouped by author: bounded by the
/// discussion, at the time of the move.
pub(crate) fn discussion_moved(
    conn: &mut DbConnection,
    discussion: &DiscussionId,
    author: &UserId,
    from: &CategoryId,
    to: &CategoryId,
) -> AppResult<()> {
    member(conn, author, from, -1, 0)?;
    member(conn, author, to, 1, 0)?;
    let posters: Vec<(UserId, i64)> = forum_posts::table
        .filter(forum_posts::discussion_id.eq(discussion))
        .group_by(forum_posts::author_id)
        .select((forum_posts::author_id, diesel::dsl::count_star()))
        .load(conn)?;
    for (who, posts) in posters {
        member(conn, &who, from, 0, -posts)?;
        member(conn, &who, to, 0, posts)?;
    }
    Ok(())
}

/// Rebuilds the table from the discussions and posts.
pub fn recompute(conn: &mut DbConnection) -> AppResult<()> {
    diesel::delete(forum_member_stats::table).execute(conn)?;
    diesel::sql_query(RECOMPUTE_SQL).execute(conn)?;
    Ok(())
}

/// The table as sorted rows without all-zero rows, to compare maintained and recomputed.
pub fn snapshot(conn: &mut DbConnection) -> AppResult<Vec<(String, String, i64, i64)>> {
    Ok(forum_member_stats::table
        .filter(
            forum_member_stats::discussions
                .ne(0)
                .or(forum_member_stats::posts.ne(0)),
        )
        .order((forum_member_stats::user_id, forum_member_stats::category_id))
        .select((
            forum_member_stats::user_id,
            forum_member_stats::category_id,
            forum_member_stats::discussions,
            forum_member_stats::posts,
        ))
        .load(conn)?)
}

/// The forum lines of a member's profile: discussions started and posts written, counted
/// over the categories the viewer may read. One query.
pub fn profile_activity(
    conn: &mut DbConnection,
    member: &UserId,
    viewer: &Viewer,
    phase: Phase,
    lang: &str,
) -> AppResult<Vec<ActivityItem>> {
    use prassi_core::i18n::t;
    let visible = access::visible_audiences(viewer, phase);
    if visible.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, i64)> = forum_member_stats::table
        .inner_join(forum_categories::table)
        .filter(forum_member_stats::user_id.eq(member))
        .filter(forum_categories::audience.one_of(&visible))
        .select((forum_member_stats::discussions, forum_member_stats::posts))
        .load(conn)?;
    let (started, written) = rows
        .into_iter()
        .fold((0, 0), |(d, p), (dd, pp)| (d + dd, p + pp));
    let item = |label: &str, value: i64| ActivityItem {
        label: t(lang, label),
        value: value.to_string(),
        href: String::new(),
    };
    Ok(vec![
        item("forum-activity-discussions", started),
        item("forum-activity-posts", written),
    ])
}
