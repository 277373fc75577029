//! The forum block of the home page: the discussions with the latest activity among those the
//! viewer may read. One query, walked from the activity index.

use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::module::HomeBlock;
use prassi_db::schema::{discussions, forum_categories};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, DiscussionId};
use serde::Serialize;

/// How many discussions the block lists.
pub const HOME_DISCUSSIONS: i64 = 5;

#[derive(Debug, Serialize)]
struct HomeDiscussion {
    title: String,
    url: String,
    category: String,
    replies: i32,
    last_post_at: chrono::NaiveDateTime,
    lang: String,
}

/// The block for `viewer`: nothing when the viewer may read no category.
pub fn home_block(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Option<HomeBlock>> {
    let visible = access::visible_audiences(viewer, phase);
    if visible.is_empty() {
        return Ok(None);
    }
    let rows: Vec<(
        DiscussionId,
        String,
        i32,
        chrono::NaiveDateTime,
        String,
        String,
    )> = discussions::table
        .inner_join(forum_categories::table)
        .filter(forum_categories::audience.one_of(&visible))
        .order((discussions::last_post_at.desc(), discussions::id.desc()))
        .limit(HOME_DISCUSSIONS)
        .select((
            discussions::id,
            discussions::title,
            discussions::reply_count,
            discussions::last_post_at,
            discussions::lang,
            forum_categories::name,
        ))
        .load(conn)?;
    let items: Vec<HomeDiscussion> = rows
        .into_iter()
        .map(
            |(id, title, replies, last_post_at, lang, category)| HomeDiscussion {
                url: crate::service::discussion_url(&id, &title),
                title,
                category,
                replies,
                last_post_at,
                lang,
            },
        )
        .collect();
    Ok(Some(HomeBlock {
        template: "forum/_home.html",
        data: serde_json::json!({ "discussions": items }),
    }))
}
