//! Recent changes, contributions, watchlists and page histories; single revisions and the
//! differences between two.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::history::{word_diff, DiffSegment};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::people::{authors_by_id, AuthorView};
use prassi_db::models::WikiRevision;
use prassi_db::schema::{users, wiki_categories, wiki_pages, wiki_revisions, wiki_watches};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, PageId, UserId, WikiRevisionKind};
use serde::Serialize;

use super::access::Found;
use super::page_url;
use super::reading::{render, PageRef};
use super::writing::state_of_revision;

/// One revision in recent changes, contributions, watchlists and page histories.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChangeView {
    pub page: PageRef,
    pub number: i32,
    /// `create`, `edit`, `merge`, `restore` or `promote`.
    pub kind: String,
    pub restored_from: Option<i32>,
    pub summary: String,
    pub title: String,
    pub author: Option<AuthorView>,
    pub created_at: NaiveDateTime,
    /// Size of the body in characters.
    pub size: usize,
    /// The difference against the revision before (empty for the first).
    pub diff_url: String,
    pub revision_url: String,
}

/// Which changes to list.
#[derive(Debug, Clone, Default)]
pub struct ChangeFilter {
    /// Only this page's revisions (its history).
    pub page: Option<PageId>,
    /// Only this member's (by username).
    pub member: Option<String>,
    /// Only pages in this category.
    pub category: Option<String>,
    /// Only pages the viewer watches (their watchlist). A watchlist is always the viewer's
    /// own: visitors, who watch nothing, get `Unauthorized`.
    pub watched: bool,
}

/// Revisions of pages the viewer may read, newest first. Three queries.
pub fn changes(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    filter: &ChangeFilter,
    page: PageRequest,
) -> AppResult<(Vec<ChangeView>, PageInfo)> {
    let visible = access::visible_audiences(viewer, phase);
    let watcher = if filter.watched {
        Some(viewer.user_id().ok_or_else(AppError::unauthorized)?.clone())
    } else {
        None
    };
    let filtered = || {
        let mut q = wiki_revisions::table
            .inner_join(wiki_pages::table)
            .filter(wiki_pages::audience.one_of(visible.clone()))
            .into_boxed();
        if let Some(p) = &filter.page {
            q = q.filter(wiki_revisions::page_id.eq(p.clone()));
        }
        // An unknown member simply has no changes.
        if let Some(m) = &filter.member {
            q = q.filter(
                wiki_revisions::author_id.eq_any(
                    users::table
                        .filter(users::username.eq(m.to_lowercase()))
                        .select(users::id.nullable()),
                ),
            );
        }
        if let Some(c) = &filter.category {
            q = q.filter(
                wiki_revisions::page_id.eq_any(
                    wiki_categories::table
                        .filter(wiki_categories::name.eq(c.clone()))
                        .select(wiki_categories::page_id),
                ),
            );
        }
        if let Some(w) = &watcher {
            q = q.filter(
                wiki_revisions::page_id.eq_any(
                    wiki_watches::table
                        .filter(wiki_watches::user_id.eq(w.clone()))
                        .select(wiki_watches::page_id),
                ),
            );
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    // Everything but the bodies: only their size is shown (`length` counts characters on
    // both backends).
    type Row = (
        i32,
        Option<UserId>,
        String,
        String,
        WikiRevisionKind,
        Option<i32>,
        NaiveDateTime,
        i32,
        String,
        String,
    );
    let rows: Vec<Row> = filtered()
        .order((
            wiki_revisions::created_at.desc(),
            wiki_revisions::number.desc(),
        ))
        .limit(page.per_page)
        .offset(page.offset())
        .select((
            wiki_revisions::number,
            wiki_revisions::author_id,
            wiki_revisions::title,
            wiki_revisions::summary,
            wiki_revisions::kind,
            wiki_revisions::restored_from,
            wiki_revisions::created_at,
            diesel::dsl::sql::<diesel::sql_types::Integer>("length(wiki_revisions.body_md)"),
            wiki_pages::title,
            wiki_pages::slug,
        ))
        .load(conn)?;
    let author_ids: Vec<UserId> = rows.iter().filter_map(|r| r.1.clone()).collect();
    let authors = authors_by_id(conn, &author_ids)?;
    let items = rows
        .into_iter()
        .map(
            |(
                number,
                author_id,
                revision_title,
                summary,
                kind,
                restored_from,
                created_at,
                size,
                title,
                slug,
            )| {
                let url = page_url(&slug);
                ChangeView {
                    diff_url: if number > 1 {
                        format!("{url}/differenze?da={}&a={number}", number - 1)
                    } else {
                        String::new()
                    },
                    revision_url: format!("{url}/revisione/{number}"),
                    page: PageRef::new(title, slug),
                    number,
                    kind: kind.as_str().to_owned(),
                    restored_from,
                    summary,
                    size: usize::try_from(size).unwrap_or(0),
                    title: revision_title,
                    author: author_id
                        .as_ref()
                        .and_then(|a| authors.get(a))
                        .map(AuthorView::of),
                    created_at,
                }
            },
        )
        .collect();
    Ok((items, page.info(total)))
}

/// One revision of a page, rendered.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionDetail {
    pub number: i32,
    pub title: String,
    pub body_md: String,
    pub body_html: String,
    pub categories: String,
    pub summary: String,
    pub kind: String,
    pub author: Option<AuthorView>,
    pub created_at: NaiveDateTime,
    pub is_current: bool,
}

/// Revision `number` of a readable page.
pub fn revision(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    found: &Found,
    number: i32,
    missing_title: &str,
) -> AppResult<RevisionDetail> {
    let (r, _) = state_of_revision(conn, &found.page, number)?;
    let (body_html, _) = render(conn, viewer, phase, &r.body_md, missing_title)?;
    let authors = authors_by_id(conn, r.author_id.as_slice())?;
    Ok(RevisionDetail {
        number: r.number,
        author: r
            .author_id
            .as_ref()
            .and_then(|a| authors.get(a))
            .map(AuthorView::of),
        is_current: r.number == found.page.revision,
        title: r.title,
        body_html,
        body_md: r.body_md,
        categories: r.categories,
        summary: r.summary,
        kind: r.kind.as_str().to_owned(),
        created_at: r.created_at,
    })
}

/// The difference between two revisions of a page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DiffView {
    pub from: RevisionMeta,
    pub to: RevisionMeta,
    pub title_diff: Option<Vec<DiffSegment>>,
    pub categories_diff: Option<Vec<DiffSegment>>,
    /// Word by word.
    pub body_diff: Vec<DiffSegment>,
    pub changed: bool,
}

/// Who saved a revision, when and why.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionMeta {
    pub number: i32,
    pub author: Option<AuthorView>,
    pub created_at: NaiveDateTime,
    pub summary: String,
    pub url: String,
}

/// The word-level difference from revision `from` to revision `to` (either order).
pub fn diff(conn: &mut DbConnection, found: &Found, from: i32, to: i32) -> AppResult<DiffView> {
    let (a, _) = state_of_revision(conn, &found.page, from)?;
    let (b, _) = state_of_revision(conn, &found.page, to)?;
    let ids: Vec<UserId> = [&a.author_id, &b.author_id]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let authors = authors_by_id(conn, &ids)?;
    let url = page_url(&found.page.slug);
    let meta = |r: &WikiRevision| RevisionMeta {
        number: r.number,
        author: r
            .author_id
            .as_ref()
            .and_then(|x| authors.get(x))
            .map(AuthorView::of),
        created_at: r.created_at,
        summary: r.summary.clone(),
        url: format!("{url}/revisione/{}", r.number),
    };
    let changed_text = |x: &str, y: &str| (x != y).then(|| word_diff(x, y));
    Ok(DiffView {
        from: meta(&a),
        to: meta(&b),
        title_diff: changed_text(&a.title, &b.title),
        categories_diff: changed_text(&a.categories, &b.categories),
        changed: a.body_md != b.body_md || a.title != b.title || a.categories != b.categories,
        body_diff: word_diff(&a.body_md, &b.body_md),
    })
}
