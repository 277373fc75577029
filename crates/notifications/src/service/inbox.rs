//! A member's notifications: pages of them newest first (by cursor, so every page costs the
//! same however long the history), marking one or all read, and the unread count. Every line
//! is re-checked before it is shown: its item is read fresh ([`super::items`]) and the access
//! rule decides, so a notification about something the member may no longer read is not
//! shown (it stays stored, and shows again if access returns).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::ItemKind;
use prassi_db::schema::{notifications, users};
use prassi_db::{DbConnection, OneOfExt, UserId};
use serde::Serialize;
use utoipa::ToSchema;

use super::deliver::may_read;
use super::items;

/// Largest page.
pub const MAX_PER_PAGE: i64 = 50;
/// Page size when none is asked for.
pub const DEFAULT_PER_PAGE: i64 = 20;

/// One notification as the member sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationView {
    pub id: String,
    /// The stored kind (`qa.answer_posted`).
    pub kind: String,
    /// The kind as a message key suffix (`qa-answer-posted`).
    pub kind_key: String,
    /// Who did it, when a member did.
    pub actor: Option<String>,
    /// What it is about.
    pub title: String,
    pub url: String,
    /// The language of the item's text, when known.
    pub lang: String,
    /// What the line adds to the title: an event's date and time, a poll's close.
    pub detail: Option<String>,
    pub created_at: NaiveDateTime,
    pub read: bool,
}

/// A page of notifications.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InboxPage {
    pub items: Vec<NotificationView>,
    /// Pass as `before` for the next (older) page; absent on the last page.
    pub next: Option<String>,
    /// Unread notifications the member may read, counted up to 100.
    pub unread: i64,
}

/// The columns of a [`Row`].
pub(crate) const ROW: (
    notifications::id,
    notifications::kind,
    notifications::item_kind,
    notifications::item_id,
    notifications::actor_id,
    notifications::created_at,
    notifications::read_at,
) = (
    notifications::id,
    notifications::kind,
    notifications::item_kind,
    notifications::item_id,
    notifications::actor_id,
    notifications::created_at,
    notifications::read_at,
);

/// A notification as stored: id, kind, item kind, item id, actor, created, read.
pub(crate) type Row = (
    String,
    String,
    String,
    String,
    Option<String>,
    NaiveDateTime,
    Option<NaiveDateTime>,
);

/// A page of the viewer's notifications, newest first, older than `before` when given; only
/// unread ones with `unread_only`. Three queries and one per line (its item), whatever the
/// length of the history.
pub fn page(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    before: Option<&str>,
    unread_only: bool,
    per_page: Option<i64>,
) -> AppResult<InboxPage> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE);
    let mut q = notifications::table
        .filter(notifications::user_id.eq(&me))
        .into_boxed();
    if let Some(b) = before {
        q = q.filter(notifications::id.lt(b.to_owned()));
    }
    if unread_only {
        q = q.filter(notifications::read_at.is_null());
    }
    let mut rows: Vec<Row> = q
        .order(notifications::id.desc())
        .limit(per_page + 1)
        .select(ROW)
        .load(conn)?;
    let next = if rows.len() as i64 > per_page {
        rows.truncate(per_page as usize);
        rows.last().map(|r| r.0.clone())
    } else {
        None
    };
    let items_out = views(conn, viewer, phase, rows)?;
    let visible = access::visible_audiences(viewer, phase);
    let unread = prassi_core::notify::unread_count(conn, &me, &visible)?;
    Ok(InboxPage {
        items: items_out,
        next,
        unread,
    })
}

/// The lines of `rows` the viewer may read now, as they are shown: actors' names in one query,
/// then each item read fresh and checked by the access rule (one query per line). The
/// notifications page and the digest show lines through it.
pub(crate) fn views(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    rows: Vec<Row>,
) -> AppResult<Vec<NotificationView>> {
    let actor_ids: Vec<String> = rows.iter().filter_map(|r| r.4.clone()).collect();
    let actors: Vec<(UserId, String)> = if actor_ids.is_empty() {
        Vec::new()
    } else {
        users::table
            .filter(users::id.one_of(actor_ids.iter().map(|a| UserId(a.clone()))))
            .select((users::id, users::display_name))
            .load(conn)?
    };
    let mut items_out = Vec::with_capacity(rows.len());
    for (id, kind, item_kind, item_id, actor, created_at, read_at) in rows {
        let Some(ik) = ItemKind::parse(&item_kind) else {
            continue;
        };
        let Some(item) = items::resolve_for(conn, &kind, ik, &item_id, created_at)? else {
            continue;
        };
        if !may_read(viewer, phase, &item) {
            continue;
        }
        items_out.push(NotificationView {
            id,
            kind_key: kind.replace(['.', '_'], "-"),
            kind,
            actor: actor.and_then(|a| {
                actors
                    .iter()
                    .find(|(id, _)| id.0 == a)
                    .map(|(_, name)| name.clone())
            }),
            title: item.title,
            url: item.url,
            lang: item.lang,
            detail: item.detail,
            created_at,
            read: read_at.is_some(),
        });
    }
    Ok(items_out)
}

/// Marks one of the viewer's notifications read (again is fine). Another member's, or an
/// unknown id, is `NotFound`.
pub fn mark_read(conn: &mut DbConnection, viewer: &Viewer, id: &str) -> AppResult<()> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?;
    let mine: bool = diesel::select(diesel::dsl::exists(
        notifications::table
            .filter(notifications::id.eq(id))
            .filter(notifications::user_id.eq(me)),
    ))
    .get_result(conn)?;
    if !mine {
        return Err(AppError::not_found());
    }
    diesel::update(
        notifications::table
            .filter(notifications::id.eq(id))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(prassi_db::now()))
    .execute(conn)?;
    Ok(())
}

/// Marks every notification of the viewer read; returns how many were unread.
pub fn mark_all_read(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<usize> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?;
    Ok(diesel::update(
        notifications::table
            .filter(notifications::user_id.eq(me))
            .filter(notifications::read_at.is_null()),
    )
    .set(notifications::read_at.eq(prassi_db::now()))
    .execute(conn)?)
}
