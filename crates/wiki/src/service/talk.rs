//! Talk pages: adding a comment and reading them.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{Action, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::markdown::{self, body_text};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::people::{author_columns, AuthorRow, AuthorView};
use prassi_db::models::WikiTalk;
use prassi_db::schema::{users, wiki_talk};
use prassi_db::{DbConnection, TalkId};
use serde::Serialize;

use super::access::{readable_page, Found};
use super::MAX_TALK;

/// A comment just added.
#[derive(Debug, Clone)]
pub struct TalkAdded {
    /// The page's slug.
    pub slug: String,
    pub id: TalkId,
    /// Its place on the talk page, from 1 (talk pages list oldest first).
    pub position: i64,
}

/// Adds a comment to a page's talk page (anyone taking part in its audience, protected or
/// not). Call inside a write transaction.
pub fn add_talk(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    body_md: &str,
) -> AppResult<TalkAdded> {
    let found = readable_page(conn, slug, viewer, phase)?;
    require(viewer, phase, &found.audience, Action::Participate)?;
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let body = body_text("body_md", body_md, MAX_TALK)?;
    let id = TalkId::new();
    diesel::insert_into(wiki_talk::table)
        .values(WikiTalk {
            id: id.clone(),
            page_id: found.page.id.clone(),
            author_id: author.clone(),
            body_md: body,
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    let position: i64 = wiki_talk::table
        .filter(wiki_talk::page_id.eq(&found.page.id))
        .count()
        .get_result(conn)?;
    notify::happened(
        conn,
        EventKind::WikiTalkPosted,
        ItemKind::WikiTalk,
        &id,
        &author,
        &found.page.audience,
    )?;
    Ok(TalkAdded {
        slug: found.page.slug,
        id,
        position,
    })
}

/// A comment on a talk page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TalkView {
    pub id: String,
    pub author: AuthorView,
    pub body_html: String,
    pub created_at: NaiveDateTime,
}

/// A page of a talk page, oldest first. Two queries.
pub fn talk(
    conn: &mut DbConnection,
    found: &Found,
    request: PageRequest,
) -> AppResult<(Vec<TalkView>, PageInfo)> {
    let page = &found.page.id;
    let total: i64 = wiki_talk::table
        .filter(wiki_talk::page_id.eq(page))
        .count()
        .get_result(conn)?;
    let rows: Vec<(WikiTalk, AuthorRow)> = wiki_talk::table
        .inner_join(users::table)
        .filter(wiki_talk::page_id.eq(page))
        .order((wiki_talk::created_at.asc(), wiki_talk::id.asc()))
        .limit(request.per_page)
        .offset(request.offset())
        .select((WikiTalk::as_select(), author_columns()))
        .load(conn)?;
    Ok((
        rows.into_iter()
            .map(|(t, a)| TalkView {
                id: t.id.0,
                author: AuthorView::of(&a),
                body_html: markdown::render(&t.body_md),
                created_at: t.created_at,
            })
            .collect(),
        request.info(total),
    ))
}
