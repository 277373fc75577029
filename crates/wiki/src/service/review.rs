//! Freshness of wiki pages (issue 15): a page's review owner and review-by date, who may set
//! them (whoever may edit the page), "mark reviewed" by the owner, the pages due for review in
//! the lists, the hourly task that records `wiki.review_due` once per date, and the combined
//! list of pages and accepted answers `/revisioni` shows. The shared checks and views are in
//! [`prassi_core::review`]; the answers' side is `prassi_qa::service::review`.

use chrono::NaiveDate;
use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_core::pagination::PageRequest;
use prassi_core::review::{
    self, ReviewColumns, ReviewInput, ReviewItem, ReviewScope, ReviewView, ReviewedInput,
};
use prassi_db::schema::wiki_pages;
use prassi_db::{DbConnection, OneOfExt, PageId, UserId};
use serde::Serialize;

use super::access::{may_edit, readable_page, require_edit, Found};
use super::page_url;

/// Most pages one pass of the hourly task notifies (the rest wait for the next pass).
const NOTIFY_BATCH: i64 = 500;

fn columns(conn: &mut DbConnection, page: &PageId) -> AppResult<ReviewColumns> {
    Ok(wiki_pages::table
        .find(page)
        .select((
            wiki_pages::review_owner_id,
            wiki_pages::review_by,
            wiki_pages::reviewed_at,
            wiki_pages::reviewed_by,
        ))
        .first(conn)?)
}

/// The review of a page the viewer reads ([`readable_page`]'s proof), with what the viewer may
/// do about it; two queries at most.
pub fn page_review(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    found: &Found,
) -> AppResult<ReviewView> {
    let cols = columns(conn, &found.page.id)?;
    review::view(conn, &cols, viewer, true, may_edit(viewer, phase, found))
}

/// Sets (`Some`) or removes (`None`) a page's review owner and date; for those who may edit
/// the page. The owner must be an active member who may read it; every problem is reported at
/// once. A new date is notified again when it arrives. Call inside a write transaction;
/// returns the page's slug.
pub fn set_page_review(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    input: Option<&ReviewInput>,
) -> AppResult<String> {
    let found = readable_page(conn, slug, viewer, phase)?;
    require_edit(viewer, phase, &found)?;
    let (owner, date) = match input {
        Some(input) => {
            let (owner, date) = review::check_input(conn, phase, &found.audience, input)?;
            (Some(owner), Some(date))
        }
        None => (None, None),
    };
    diesel::update(wiki_pages::table.find(&found.page.id))
        .set((
            wiki_pages::review_owner_id.eq(owner),
            wiki_pages::review_by.eq(date),
            wiki_pages::review_notified_at.eq(None::<chrono::NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(found.page.slug)
}

/// The owner marks the page reviewed: the next date is the one given or twelve months from
/// today, and who reviewed when is kept. Others get `Forbidden` (`review-not-owner`). Call
/// inside a write transaction; returns the page's slug.
pub fn mark_page_reviewed(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    input: &ReviewedInput,
) -> AppResult<String> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_page(conn, slug, viewer, phase)?;
    let cols = columns(conn, &found.page.id)?;
    if !review::is_owner(viewer, &cols) {
        return Err(AppError::forbidden().with_message("review-not-owner"));
    }
    let next = review::check_next(input)?;
    // Conditioned on the owner read: a concurrent change of owner wins.
    let changed = diesel::update(
        wiki_pages::table
            .find(&found.page.id)
            .filter(wiki_pages::review_owner_id.eq(&me)),
    )
    .set((
        wiki_pages::review_by.eq(next),
        wiki_pages::review_notified_at.eq(None::<chrono::NaiveDateTime>),
        wiki_pages::reviewed_at.eq(prassi_db::now()),
        wiki_pages::reviewed_by.eq(&me),
    ))
    .execute(conn)?;
    if changed != 1 {
        return Err(AppError::conflict("error-conflict"));
    }
    Ok(found.page.slug)
}

/// Pages in `scope` the viewer may read, earliest date first, at most `limit`: through the
/// index on `review_by` (overall) or on `(review_owner_id, review_by)` (one owner).
pub fn review_pages(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    scope: &ReviewScope,
    limit: i64,
) -> AppResult<Vec<ReviewItem>> {
    let visible = access::visible_audiences(viewer, phase);
    let mut q = wiki_pages::table
        .filter(wiki_pages::review_by.is_not_null())
        .filter(wiki_pages::audience.one_of(&visible))
        .into_boxed();
    q = match scope {
        ReviewScope::DueBy(d) => q.filter(wiki_pages::review_by.le(*d)),
        ReviewScope::Owner(u) => q.filter(wiki_pages::review_owner_id.eq(u.clone())),
    };
    let rows: Vec<(String, String, NaiveDate, Option<UserId>)> = q
        .order((wiki_pages::review_by.asc(), wiki_pages::id.asc()))
        .limit(limit)
        .select((
            wiki_pages::title,
            wiki_pages::slug,
            wiki_pages::review_by.assume_not_null(),
            wiki_pages::review_owner_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(title, slug, by, owner)| {
            ReviewItem::new("wiki_page", title, page_url(&slug), by, owner)
        })
        .collect())
}

/// One page of the combined list of pages and accepted answers to review.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewList {
    pub items: Vec<ReviewItem>,
    pub page: i64,
    pub has_prev: bool,
    pub has_next: bool,
}

/// Wiki pages and accepted answers in `scope` the viewer may read, earliest date first. Pages
/// go no deeper than [`review::MAX_LIST_PAGES`]: each source reads at most
/// `page × per_page + 1` rows through its index, and no count is made.
pub fn review_list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    scope: &ReviewScope,
    page: PageRequest,
) -> AppResult<ReviewList> {
    let number = page.page.clamp(1, review::MAX_LIST_PAGES);
    let end = number * page.per_page;
    let mut items = review_pages(conn, viewer, phase, scope, end + 1)?;
    items.extend(prassi_qa::service::review_answers(
        conn,
        viewer,
        phase,
        scope,
        end + 1,
    )?);
    items.sort_by(|a, b| {
        a.review_by
            .cmp(&b.review_by)
            .then_with(|| a.title.cmp(&b.title))
    });
    let has_next = items.len() as i64 > end && number < review::MAX_LIST_PAGES;
    let start = usize::try_from(end - page.per_page).unwrap_or(0);
    let mut items: Vec<ReviewItem> = items
        .into_iter()
        .skip(start)
        .take(usize::try_from(page.per_page).unwrap_or(0))
        .collect();
    review::fill_owners(conn, &mut items)?;
    Ok(ReviewList {
        items,
        page: number,
        has_prev: number > 1,
        has_next,
    })
}

/// The hourly task: records `wiki.review_due` for every page whose review date has arrived,
/// that has an owner and was not notified for that date. Each page is claimed by a conditional
/// update of `review_notified_at` in the transaction that records its event, so two instances
/// running together record one event per page and date. Returns how many it recorded.
pub fn notify_due_pages(conn: &mut DbConnection) -> AppResult<usize> {
    let today = review::today();
    let due: Vec<(PageId, String)> = wiki_pages::table
        .filter(wiki_pages::review_notified_at.is_null())
        .filter(wiki_pages::review_owner_id.is_not_null())
        .filter(wiki_pages::review_by.le(today))
        .order(wiki_pages::review_by.asc())
        .limit(NOTIFY_BATCH)
        .select((wiki_pages::id, wiki_pages::audience))
        .load(conn)?;
    let mut recorded = 0;
    for (id, audience) in due {
        let done = prassi_db::write_tx(conn, |c| -> AppResult<bool> {
            let claimed = diesel::update(
                wiki_pages::table
                    .find(&id)
                    .filter(wiki_pages::review_notified_at.is_null())
                    .filter(wiki_pages::review_owner_id.is_not_null())
                    .filter(wiki_pages::review_by.le(today)),
            )
            .set(wiki_pages::review_notified_at.eq(prassi_db::now()))
            .execute(c)?;
            if claimed == 1 {
                notify::record_about(
                    c,
                    EventKind::WikiReviewDue,
                    ItemKind::WikiPage,
                    &id,
                    None,
                    &audience,
                )?;
            }
            Ok(claimed == 1)
        })?;
        recorded += usize::from(done);
    }
    Ok(recorded)
}
