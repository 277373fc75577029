//! A group's activity stream: its questions (by when they were asked), its discussions (by
//! their latest post), its wiki pages (by their latest change) and its events (by when they
//! were announced; drafts never), newest first.
//!
//! Paging is by cursor, not by offset, so every page costs the same: one query per source
//! (each reading at most `per_page + 1` rows through its `(group_id, …)` index), merged here.
//! The order is total — time, then source, then id — so a cursor names exactly where the
//! previous page stopped. Each source is filtered by the audiences the viewer may read, so
//! the stream never shows what the item's own page would refuse.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_db::schema::{
    agenda_events, discussions, forum_categories, questions, users, wiki_pages,
};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, DiscussionId, EventId, EventStatus, GroupId, PageId, QuestionId};
use serde::Serialize;
use utoipa::ToSchema;

use crate::access::{readable_group, Readable};

/// Largest page of the stream.
pub const MAX_PER_PAGE: i64 = 50;
/// Page size when none is asked for.
pub const DEFAULT_PER_PAGE: i64 = 20;

/// What an item of the stream is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    // The order of the variants breaks ties between sources (see the module comment).
    Page,
    Discussion,
    Question,
    Event,
}

impl ActivityKind {
    fn rank(self) -> u8 {
        match self {
            ActivityKind::Page => 1,
            ActivityKind::Discussion => 2,
            ActivityKind::Question => 3,
            ActivityKind::Event => 4,
        }
    }
    fn from_rank(rank: u8) -> Option<Self> {
        match rank {
            1 => Some(ActivityKind::Page),
            2 => Some(ActivityKind::Discussion),
            3 => Some(ActivityKind::Question),
            4 => Some(ActivityKind::Event),
            _ => None,
        }
    }
}

/// One line of the stream.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = GroupActivityItem)]
pub struct ActivityItem {
    pub kind: ActivityKind,
    pub id: String,
    pub title: String,
    pub url: String,
    /// Who asked the question or opened the discussion; who created the page.
    pub author: Option<String>,
    /// When the question was asked, the discussion last answered, the page last changed.
    pub at: NaiveDateTime,
    /// The language of the content.
    pub lang: String,
}

/// A page of the stream.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActivityPage {
    pub items: Vec<ActivityItem>,
    /// Pass as `before` for the next (older) page; absent on the last page.
    pub next: Option<String>,
}

/// Where a page of the stream starts: strictly after this item in the stream's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    at: NaiveDateTime,
    kind: ActivityKind,
    id: String,
}

impl Cursor {
    /// `<microseconds since the epoch>.<source>.<id>`.
    pub fn encode(&self) -> String {
        format!(
            "{}.{}.{}",
            self.at.and_utc().timestamp_micros(),
            self.kind.rank(),
            self.id
        )
    }
    /// Parses [`Cursor::encode`]; anything else is `None` (the stream then starts at the top).
    pub fn parse(raw: &str) -> Option<Self> {
        let mut parts = raw.splitn(3, '.');
        let micros: i64 = parts.next()?.parse().ok()?;
        let kind = ActivityKind::from_rank(parts.next()?.parse().ok()?)?;
        let id = parts.next()?;
        if id.is_empty()
            || id.len() > 64
            || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return None;
        }
        let at = chrono::DateTime::from_timestamp_micros(micros)?.naive_utc();
        Some(Cursor {
            at,
            kind,
            id: id.to_owned(),
        })
    }
    fn of(item: &ActivityItem) -> Self {
        Cursor {
            at: item.at,
            kind: item.kind,
            id: item.id.clone(),
        }
    }
}

/// How a source compares with the cursor's source at the same instant.
enum Tie<'a> {
    /// This source sorts after the cursor's: rows at the cursor's time come next.
    Include,
    /// This source sorts before the cursor's: rows at the cursor's time were shown.
    Exclude,
    /// The cursor's own source: rows at its time with a smaller id come next.
    Before(&'a str),
}

fn tie<'a>(cursor: &'a Cursor, kind: ActivityKind) -> Tie<'a> {
    match kind.rank().cmp(&cursor.kind.rank()) {
        std::cmp::Ordering::Less => Tie::Include,
        std::cmp::Ordering::Greater => Tie::Exclude,
        std::cmp::Ordering::Equal => Tie::Before(&cursor.id),
    }
}

/// One page of the group's stream, newest first, as the viewer may read it: `NotFound` for a
/// group the viewer may not see or whose content they may not read. Six queries whatever
/// the size of the group: two for the group, one per source.
pub fn activity(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    before: Option<&str>,
    per_page: Option<i64>,
) -> AppResult<(Readable, ActivityPage)> {
    let group = readable_group(conn, slug, viewer, phase)?;
    group.require_content()?;
    let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE);
    let cursor = before.and_then(Cursor::parse);
    let visible = access::visible_audiences(viewer, phase);
    let page = stream(
        conn,
        std::slice::from_ref(&group.group.id),
        &visible,
        cursor.as_ref(),
        per_page,
    )?;
    Ok((group, page))
}

/// The newest `n` items of the viewer's own groups together (the home page's groups block):
/// four queries, one per source, whatever the number of groups and their size. The caller
/// passes the groups the viewer belongs to; each source is still filtered by the audiences
/// the viewer may read.
pub fn latest_in_groups(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    groups: &[GroupId],
    n: i64,
) -> AppResult<Vec<ActivityItem>> {
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    let visible = access::visible_audiences(viewer, phase);
    Ok(stream(conn, groups, &visible, None, n.clamp(1, MAX_PER_PAGE))?.items)
}

/// One page of the stream of `groups` (one group for its page, several for the home page).
fn stream(
    conn: &mut DbConnection,
    groups: &[GroupId],
    visible: &[String],
    cursor: Option<&Cursor>,
    per_page: i64,
) -> AppResult<ActivityPage> {
    let take = per_page + 1;
    let mut items = Vec::new();

    let mut q = questions::table
        .inner_join(users::table)
        .filter(questions::group_id.one_of(groups))
        .filter(questions::audience.one_of(visible))
        .into_boxed();
    if let Some(c) = cursor {
        q = match tie(c, ActivityKind::Question) {
            Tie::Include => q.filter(questions::created_at.le(c.at)),
            Tie::Exclude => q.filter(questions::created_at.lt(c.at)),
            Tie::Before(id) => q.filter(
                questions::created_at.lt(c.at).or(questions::created_at
                    .eq(c.at)
                    .and(questions::id.lt(QuestionId(id.to_owned())))),
            ),
        };
    }
    let rows: Vec<(QuestionId, String, NaiveDateTime, String, String)> = q
        .order((questions::created_at.desc(), questions::id.desc()))
        .limit(take)
        .select((
            questions::id,
            questions::title,
            questions::created_at,
            users::display_name,
            questions::lang,
        ))
        .load(conn)?;
    items.extend(
        rows.into_iter()
            .map(|(id, title, at, author, lang)| ActivityItem {
                kind: ActivityKind::Question,
                url: prassi_qa::service::question_url(&id, &title),
                id: id.0,
                title,
                author: Some(author),
                at,
                lang,
            }),
    );

    let mut q = discussions::table
        .inner_join(forum_categories::table)
        .inner_join(users::table)
        .filter(forum_categories::group_id.one_of(groups))
        .filter(forum_categories::audience.one_of(visible))
        .into_boxed();
    if let Some(c) = cursor {
        q = match tie(c, ActivityKind::Discussion) {
            Tie::Include => q.filter(discussions::last_post_at.le(c.at)),
            Tie::Exclude => q.filter(discussions::last_post_at.lt(c.at)),
            Tie::Before(id) => q.filter(
                discussions::last_post_at
                    .lt(c.at)
                    .or(discussions::last_post_at
                        .eq(c.at)
                        .and(discussions::id.lt(DiscussionId(id.to_owned())))),
            ),
        };
    }
    let rows: Vec<(DiscussionId, String, NaiveDateTime, String, String)> = q
        .order((discussions::last_post_at.desc(), discussions::id.desc()))
        .limit(take)
        .select((
            discussions::id,
            discussions::title,
            discussions::last_post_at,
            users::display_name,
            discussions::lang,
        ))
        .load(conn)?;
    items.extend(
        rows.into_iter()
            .map(|(id, title, at, author, lang)| ActivityItem {
                kind: ActivityKind::Discussion,
                url: prassi_forum::service::discussion_url(&id, &title),
                id: id.0,
                title,
                author: Some(author),
                at,
                lang,
            }),
    );

    let mut q = wiki_pages::table
        .left_join(users::table.on(wiki_pages::created_by.eq(users::id.nullable())))
        .filter(wiki_pages::group_id.one_of(groups))
        .filter(wiki_pages::audience.one_of(visible))
        .into_boxed();
    if let Some(c) = cursor {
        q = match tie(c, ActivityKind::Page) {
            Tie::Include => q.filter(wiki_pages::updated_at.le(c.at)),
            Tie::Exclude => q.filter(wiki_pages::updated_at.lt(c.at)),
            Tie::Before(id) => q.filter(
                wiki_pages::updated_at.lt(c.at).or(wiki_pages::updated_at
                    .eq(c.at)
                    .and(wiki_pages::id.lt(PageId(id.to_owned())))),
            ),
        };
    }
    let rows: Vec<(
        PageId,
        String,
        String,
        NaiveDateTime,
        Option<String>,
        String,
    )> = q
        .order((wiki_pages::updated_at.desc(), wiki_pages::id.desc()))
        .limit(take)
        .select((
            wiki_pages::id,
            wiki_pages::slug,
            wiki_pages::title,
            wiki_pages::updated_at,
            users::display_name.nullable(),
            wiki_pages::lang,
        ))
        .load(conn)?;
    items.extend(
        rows.into_iter()
            .map(|(id, slug, title, at, author, lang)| ActivityItem {
                kind: ActivityKind::Page,
                url: prassi_wiki::service::page_url(&slug),
                id: id.0,
                title,
                author,
                at,
                lang,
            }),
    );

    // Events (the agenda's table; the groups crate does not depend on the agenda crate).
    let mut q = agenda_events::table
        .left_join(users::table.on(agenda_events::created_by.eq(users::id.nullable())))
        .filter(agenda_events::group_id.one_of(groups))
        .filter(agenda_events::audience.one_of(visible))
        .filter(agenda_events::status.ne(EventStatus::Draft))
        .into_boxed();
    if let Some(c) = cursor {
        q = match tie(c, ActivityKind::Event) {
            Tie::Include => q.filter(agenda_events::created_at.le(c.at)),
            Tie::Exclude => q.filter(agenda_events::created_at.lt(c.at)),
            Tie::Before(id) => q.filter(
                agenda_events::created_at
                    .lt(c.at)
                    .or(agenda_events::created_at
                        .eq(c.at)
                        .and(agenda_events::id.lt(EventId(id.to_owned())))),
            ),
        };
    }
    let rows: Vec<(EventId, String, NaiveDateTime, Option<String>)> = q
        .order((agenda_events::created_at.desc(), agenda_events::id.desc()))
        .limit(take)
        .select((
            agenda_events::id,
            agenda_events::title,
            agenda_events::created_at,
            users::display_name.nullable(),
        ))
        .load(conn)?;
    items.extend(
        rows.into_iter()
            .map(|(id, title, at, author)| ActivityItem {
                kind: ActivityKind::Event,
                url: format!("/agenda/{id}"),
                id: id.0,
                title,
                author,
                at,
                lang: String::new(),
            }),
    );

    // Newest first; at the same instant, by source, then by id (both descending).
    items.sort_by(|a, b| (b.at, b.kind, &b.id).cmp(&(a.at, a.kind, &a.id)));
    let more = items.len() as i64 > per_page;
    items.truncate(usize::try_from(per_page).unwrap_or(usize::MAX));
    let next = if more {
        items.last().map(|i| Cursor::of(i).encode())
    } else {
        None
    };
    Ok(ActivityPage { items, next })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = Cursor {
            at: chrono::DateTime::from_timestamp_micros(1_765_000_000_123_456)
                .map(|d| d.naive_utc())
                .unwrap_or_default(),
            kind: ActivityKind::Discussion,
            id: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b".into(),
        };
        assert_eq!(Cursor::parse(&c.encode()), Some(c));
        for bad in ["", "x", "1.9.abc", "1.2.", "1.2.a'b", "abc.1.x"] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
    }
}
