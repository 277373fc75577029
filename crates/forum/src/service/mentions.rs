//! @mentions: found in a post's text, recorded for the members named who may read it, and
//! listed for each member.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::people::{authors_by_id, AuthorView};
use prassi_db::schema::{discussions, forum_categories, forum_posts, mentions, users};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, DiscussionId, PostId, UserId};
use serde::Serialize;

use super::discussion_url;

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

/// Records the mentions in `body` of members who may read `audience` (never the author), and
/// one `forum.member_mentioned` event for the post when it named anyone. Mentions are kept for
/// the notifications module; members see theirs on a page now.
pub(super) fn record_mentions(
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
        .filter(users::username.one_of(&names))
        .select((
            users::id,
            users::username,
            users::display_name,
            users::role,
            users::status,
        ))
        .load(conn)?;
    let mut mentioned = 0;
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
        mentioned += 1;
    }
    if mentioned > 0 {
        notify::happened(
            conn,
            EventKind::MemberMentioned,
            ItemKind::ForumPost,
            post,
            author,
            &audience.to_db(),
        )?;
    }
    Ok(())
}

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
            .filter(forum_categories::audience.one_of(visible.clone()))
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
            let excerpt = prassi_core::markdown::excerpt(&body, 200);
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
