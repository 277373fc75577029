//! Freshness of knowledge (issue 15): what wiki pages and accepted answers share about their
//! review. Either may have an **owner**, a member who keeps it true, and a **review-by date**;
//! readers see when it is due, the owner is told when the date arrives, and `/revisioni` lists
//! what is due. The modules own their columns and their rules (who may set a review, which
//! items count: `prassi_wiki::service::review`, `prassi_qa::service::review`); this module
//! holds what both need, so the two cannot drift apart: the form and API input and its checks
//! (every problem at once), "today", the default next date, the view readers and the API see,
//! and the entry of the lists.
//!
//! Dates are calendar dates in UTC: a review "is due" from the first moment of its date, UTC.

use std::collections::HashMap;

use chrono::{Months, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use prassi_db::schema::users;
use prassi_db::{AccountStatus, DbConnection, UserId};
use serde::{Deserialize, Serialize};

use crate::access::{self, Action, Audience, Phase, Viewer};
use crate::error::{AppError, AppResult};
use crate::input::Checks;
use crate::people::{authors_by_id, AuthorView};

/// How far ahead "mark reviewed" puts the next review when no date is given.
pub const DEFAULT_INTERVAL_MONTHS: u32 = 12;
/// The latest review date accepted, in months from today.
pub const MAX_MONTHS_AHEAD: u32 = 60;
/// The overall list shows what is overdue and what falls due within this many days.
pub const DUE_SOON_DAYS: u64 = 30;
/// Deepest page of the lists (each page reads at most `page × per_page + 1` rows per module).
pub const MAX_LIST_PAGES: i64 = 50;

/// Setting a review: the owner's username and the date (`YYYY-MM-DD`, as a date field sends
/// it; `DD/MM/YYYY` is read too). Both are required; the form's "remove" button and the API's
/// `DELETE` remove a review.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ReviewInput {
    /// The owner's username: an active member who may read the item.
    pub owner: String,
    /// The review-by date, after today and at most five years ahead.
    pub review_by: String,
}

/// Marking an item reviewed (its owner only).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ReviewedInput {
    /// The next review date; `null` or empty for twelve months from today.
    #[schema(nullable = true)]
    pub next_review: Option<String>,
}

/// The review columns of a page or answer, as selected by
/// `(review_owner_id, review_by, reviewed_at, reviewed_by)`.
#[derive(Debug, Clone, Default, Queryable)]
pub struct ReviewColumns {
    pub owner: Option<UserId>,
    pub review_by: Option<NaiveDate>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub reviewed_by: Option<UserId>,
}

/// A review as readers, the forms and the API see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewView {
    /// False for an answer that is no longer its question's accepted answer: its review is
    /// kept (and comes back if it is accepted again) but not shown, listed or notified.
    pub applies: bool,
    /// Who keeps the content true (missing when none was set, or the account is gone).
    pub owner: Option<AuthorView>,
    /// The owner's username, to prefill the form ("" without an owner).
    pub owner_username: String,
    pub review_by: Option<NaiveDate>,
    /// `review_by` as `dd/mm/yyyy` ("" without a date).
    pub review_by_text: String,
    /// The date has arrived: readers see "to be reviewed".
    pub due: bool,
    /// The last time the owner marked it reviewed, and who did.
    pub reviewed_at: Option<NaiveDateTime>,
    pub reviewed_by: Option<AuthorView>,
    /// Viewer-specific: may set, change or remove the owner and date.
    pub can_set: bool,
    /// Viewer-specific: the viewer is the owner and may mark it reviewed.
    pub can_mark_reviewed: bool,
}

/// What the lists show of one item to review.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReviewItem {
    /// `wiki_page` or `answer`.
    pub kind: String,
    /// The page's title, or the question's for an accepted answer.
    pub title: String,
    pub url: String,
    pub review_by: NaiveDate,
    /// `review_by` as `dd/mm/yyyy`.
    pub review_by_text: String,
    /// The date has arrived.
    pub due: bool,
    pub owner: Option<AuthorView>,
    #[serde(skip)]
    pub owner_id: Option<UserId>,
}

impl ReviewItem {
    /// An entry; [`fill_owners`] adds the owners of a whole list in one query.
    pub fn new(
        kind: &str,
        title: String,
        url: String,
        review_by: NaiveDate,
        owner_id: Option<UserId>,
    ) -> Self {
        ReviewItem {
            kind: kind.to_owned(),
            title,
            url,
            review_by_text: date_text(Some(review_by)),
            due: review_by <= today(),
            review_by,
            owner: None,
            owner_id,
        }
    }
}

/// Which items a list holds.
#[derive(Debug, Clone)]
pub enum ReviewScope {
    /// Everything whose date is on or before this one (overdue and due soon).
    DueBy(NaiveDate),
    /// Everything this member owns, whatever its date.
    Owner(UserId),
}

/// Today's date (UTC).
pub fn today() -> NaiveDate {
    prassi_db::now().date()
}

/// The horizon of the overall list: [`DUE_SOON_DAYS`] from today.
pub fn due_soon_horizon() -> NaiveDate {
    let t = today();
    t.checked_add_days(chrono::Days::new(DUE_SOON_DAYS))
        .unwrap_or(t)
}

/// `dd/mm/yyyy`, or "" for no date.
pub fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

/// A date as a date field (`YYYY-MM-DD`) or a person (`DD/MM/YYYY`) writes it.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(raw, "%d/%m/%Y"))
        .ok()
}

/// A review date: given, well-formed, after `today` and at most [`MAX_MONTHS_AHEAD`] ahead.
fn check_date(field: &str, raw: &str, today: NaiveDate) -> AppResult<NaiveDate> {
    if raw.trim().is_empty() {
        return Err(AppError::invalid(field, "review-date-required"));
    }
    let d = parse_date(raw).ok_or_else(|| AppError::invalid(field, "review-date-invalid"))?;
    if d <= today {
        return Err(AppError::invalid(field, "review-date-past"));
    }
    let latest = today
        .checked_add_months(Months::new(MAX_MONTHS_AHEAD))
        .unwrap_or(NaiveDate::MAX);
    if d > latest {
        return Err(AppError::invalid(field, "review-date-too-far"));
    }
    Ok(d)
}

/// The owner named in a form: an existing account (by username, `@` allowed), active, that
/// may read an item of `audience`.
fn check_owner(
    conn: &mut DbConnection,
    phase: Phase,
    audience: &Audience,
    raw: &str,
) -> AppResult<UserId> {
    let name = raw.trim().trim_start_matches('@').to_lowercase();
    if name.is_empty() {
        return Err(AppError::invalid("owner", "review-owner-required"));
    }
    let unknown = || AppError::invalid("owner", "review-owner-unknown");
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(unknown());
    }
    let (id, status): (UserId, AccountStatus) = users::table
        .filter(users::username.eq(&name))
        .select((users::id, users::status))
        .first(conn)
        .optional()?
        .ok_or_else(unknown)?;
    if status != AccountStatus::Active {
        return Err(AppError::invalid("owner", "review-owner-not-member"));
    }
    let owner = crate::ctx::viewer_of(conn, &id)?.ok_or_else(unknown)?;
    if !access::can(&owner, phase, audience, Action::Read) {
        return Err(AppError::invalid("owner", "review-owner-cannot-read"));
    }
    Ok(id)
}

/// Checks a review's owner and date together and reports every problem at once (fields
/// `owner` and `review_by`). `audience` is the item's: the owner must be able to read it.
pub fn check_input(
    conn: &mut DbConnection,
    phase: Phase,
    audience: &Audience,
    input: &ReviewInput,
) -> AppResult<(UserId, NaiveDate)> {
    let mut c = Checks::new();
    let owner = c.check_opt(check_owner(conn, phase, audience, &input.owner));
    let date = c.check_opt(check_date("review_by", &input.review_by, today()));
    c.finish()?;
    owner
        .zip(date)
        .ok_or_else(|| AppError::internal("review checks passed without values"))
}

/// The next review date of "mark reviewed": the one given (field `next_review`, checked like
/// `review_by`), or [`DEFAULT_INTERVAL_MONTHS`] from today.
pub fn check_next(input: &ReviewedInput) -> AppResult<NaiveDate> {
    let t = today();
    match input
        .next_review
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(raw) => check_date("next_review", raw, t),
        None => t
            .checked_add_months(Months::new(DEFAULT_INTERVAL_MONTHS))
            .ok_or_else(|| AppError::internal("next review date out of range")),
    }
}

/// Whether `viewer` may mark an item reviewed: its owner, in good standing.
pub fn is_owner(viewer: &Viewer, cols: &ReviewColumns) -> bool {
    viewer.is_member() && cols.owner.is_some() && viewer.user_id() == cols.owner.as_ref()
}

/// The view of an item's review columns; one query for the owner and the last reviewer (none
/// without them). `applies` is false for an answer no longer accepted.
pub fn view(
    conn: &mut DbConnection,
    cols: &ReviewColumns,
    viewer: &Viewer,
    applies: bool,
    can_set: bool,
) -> AppResult<ReviewView> {
    let ids: Vec<UserId> = cols
        .owner
        .iter()
        .chain(cols.reviewed_by.iter())
        .cloned()
        .collect();
    let authors = authors_by_id(conn, &ids)?;
    let author = |id: &Option<UserId>| {
        id.as_ref()
            .and_then(|id| authors.get(id))
            .map(AuthorView::of)
    };
    let owner = author(&cols.owner);
    Ok(ReviewView {
        applies,
        owner_username: owner
            .as_ref()
            .map(|o| o.username.clone())
            .unwrap_or_default(),
        owner,
        review_by: cols.review_by,
        review_by_text: date_text(cols.review_by),
        due: applies && cols.review_by.is_some_and(|d| d <= today()),
        reviewed_at: cols.reviewed_at,
        reviewed_by: author(&cols.reviewed_by),
        can_set,
        can_mark_reviewed: applies && is_owner(viewer, cols),
    })
}

/// Adds the owners to list entries, in one query.
pub fn fill_owners(conn: &mut DbConnection, items: &mut [ReviewItem]) -> AppResult<()> {
    let mut ids: Vec<UserId> = items.iter().filter_map(|i| i.owner_id.clone()).collect();
    ids.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    ids.dedup();
    let authors: HashMap<UserId, _> = authors_by_id(conn, &ids)?;
    for item in items {
        item.owner = item
            .owner_id
            .as_ref()
            .and_then(|id| authors.get(id))
            .map(AuthorView::of);
    }
    Ok(())
}

/// The review form as posted: owner and date, and `azione=rimuovi` from the "remove" button.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub owner: String,
    pub review_by: String,
    pub azione: String,
}

impl ReviewForm {
    /// `None` for the "remove" button, else the input to check.
    pub fn input(&self) -> Option<ReviewInput> {
        (self.azione != "rimuovi").then(|| ReviewInput {
            owner: self.owner.clone(),
            review_by: self.review_by.clone(),
        })
    }
}

/// What `review/form.html` needs besides the review: the item and where the forms post.
pub struct FormPage<'a> {
    pub item_title: &'a str,
    pub item_kind: &'a str,
    pub back_url: &'a str,
    pub action: &'a str,
}

/// The context of `review/form.html` (the template both modules' review pages render), with the forms filled from `form` and `done_form` (what
/// was typed) or from the stored review.
pub fn form_context(
    page: &FormPage<'_>,
    review: &ReviewView,
    form: Option<&ReviewForm>,
    next_review: &str,
) -> tera::Context {
    let mut c = tera::Context::new();
    c.insert("item_title", page.item_title);
    c.insert("item_kind", page.item_kind);
    c.insert("back_url", page.back_url);
    c.insert("action", page.action);
    c.insert("review", review);
    let (owner, by) = match form {
        Some(f) => (f.owner.clone(), f.review_by.clone()),
        None => (
            review.owner_username.clone(),
            review.review_by.map(|d| d.to_string()).unwrap_or_default(),
        ),
    };
    c.insert(
        "form",
        &serde_json::json!({ "owner": owner, "review_by": by }),
    );
    c.insert(
        "done_form",
        &serde_json::json!({ "next_review": next_review }),
    );
    c
}

/// Renders `review/form.html` for `page`: with every error of a refused submit, or as a form
/// to fill (with the signed-in viewer's CSRF token). The Q&A and wiki review pages share it.
pub fn render_form(
    ctx: &crate::Ctx,
    page: &FormPage<'_>,
    review: &ReviewView,
    form: Option<&ReviewForm>,
    next_review: &str,
    error: Option<AppError>,
) -> AppResult<actix_web::HttpResponse> {
    let c = form_context(page, review, form, next_review);
    match error {
        Some(e) => ctx.form_error("review/form.html", c, e),
        None => {
            if ctx.viewer.account().is_some() {
                ctx.csrf_token()?;
            }
            ctx.render("review/form.html", c)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_both_written_forms_and_checked_against_today() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
        assert_eq!(
            parse_date("2027-04-02"),
            NaiveDate::from_ymd_opt(2027, 4, 2)
        );
        assert_eq!(
            parse_date(" 02/04/2027 "),
            NaiveDate::from_ymd_opt(2027, 4, 2)
        );
        assert_eq!(parse_date("2027-02-30"), None);
        let err = |raw: &str| check_date("d", raw, today).err().map(|e| e.message);
        assert_eq!(err(""), Some("review-date-required".into()));
        assert_eq!(err("domani"), Some("review-date-invalid".into()));
        assert_eq!(err("2027-03-01"), Some("review-date-past".into()));
        assert_eq!(err("2032-03-02"), Some("review-date-too-far".into()));
        assert_eq!(err("2032-03-01"), None);
        assert_eq!(err("2027-03-02"), None);
        assert_eq!(date_text(NaiveDate::from_ymd_opt(2027, 3, 2)), "02/03/2027");
    }
}
