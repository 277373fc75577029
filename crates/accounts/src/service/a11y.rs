//! Accessibility feedback (the AgID model's "meccanismo di feedback"): reports from any
//! page, throttled per address, and their handling by administrators.

use chrono::Duration;
use diesel::prelude::*;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::Checks;
use prassi_core::mail::{MailContext, Outgoing};
use prassi_core::{audit, tokens};
use prassi_db::models::{A11yReport, A11yReportId, A11yReportStatus};
use prassi_db::schema::a11y_reports;
use prassi_db::{DbConnection, UserId};
use serde::{Deserialize, Serialize};

use super::legal::{optional_email, optional_web_url};

/// Reports one client address may send in [`REPORT_WINDOW_MINUTES`].
pub const MAX_REPORTS_PER_ADDRESS: i64 = 5;
/// The window of the report limit.
pub const REPORT_WINDOW_MINUTES: i64 = 60;

/// What the feedback form sends.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct ReportInput {
    /// The page with the problem: a local path (`/forum`) or an `http(s)` address.
    pub page_url: String,
    pub description: String,
    /// Optional: where to answer.
    pub email: String,
}

/// A local path or an `http(s)` address, at most 500 characters.
fn page_address(field: &str, raw: &str) -> AppResult<String> {
    let v = prassi_core::input::required(field, raw, 500)?;
    let local = v.starts_with('/') && !v.starts_with("//") && !v.contains(char::is_whitespace);
    if local || optional_web_url(field, &v, 500).is_ok() {
        Ok(v)
    } else {
        Err(AppError::invalid(field, "a11y-report-url-invalid"))
    }
}

/// Checks the feedback form, reporting every field at fault.
pub fn check_report(input: &ReportInput) -> AppResult<ReportInput> {
    let mut c = Checks::new();
    let page_url = c.check(page_address("page_url", &input.page_url));
    let description = c.check(prassi_core::input::required_between(
        "description",
        &input.description,
        10,
        5_000,
        "a11y-report-description-too-short",
    ));
    let email = c.check(optional_email("email", &input.email));
    c.finish()?;
    Ok(ReportInput {
        page_url,
        description,
        email,
    })
}

/// Stores a report from `ip` (at most [`MAX_REPORTS_PER_ADDRESS`] an hour per address) and,
/// when the administration gave a contact address, emails it there. Run it in a write
/// transaction.
pub fn send_report(
    conn: &mut DbConnection,
    input: &ReportInput,
    reporter: Option<&UserId>,
    ip: &str,
    lang: &str,
    mail_ctx: &MailContext,
    notify: &str,
) -> AppResult<A11yReportId> {
    let report = check_report(input)?;
    let ip_hash = tokens::digest(ip);
    let now = prassi_db::now();
    let recent: i64 = a11y_reports::table
        .filter(a11y_reports::ip_hash.eq(&ip_hash))
        .filter(a11y_reports::created_at.gt(now - Duration::minutes(REPORT_WINDOW_MINUTES)))
        .count()
        .get_result(conn)?;
    if recent >= MAX_REPORTS_PER_ADDRESS {
        return Err(AppError::too_many().with_message("a11y-report-throttled"));
    }
    let id = A11yReportId::new();
    diesel::insert_into(a11y_reports::table)
        .values(A11yReport {
            id: id.clone(),
            page_url: report.page_url.clone(),
            description: report.description.clone(),
            contact_email: report.email.clone(),
            reporter_id: reporter.cloned(),
            ip_hash,
            status: A11yReportStatus::New,
            created_at: now,
            updated_at: now,
        })
        .execute(conn)?;
    if !notify.is_empty() {
        // The contact address is the administration's: its member's language if it is one,
        // else the reporter's.
        Outgoing::to_address(conn, notify, lang)?.send(
            conn,
            mail_ctx,
            "accounts/a11y_report",
            &serde_json::json!({
                "page_url": report.page_url,
                "contact": report.email,
                "description": report.description,
                "description_lines": report.description.lines().collect::<Vec<_>>(),
            }),
        )?;
    }
    Ok(id)
}

/// A page of reports for the administrators, newest first, optionally by status.
pub fn a11y_reports(
    conn: &mut DbConnection,
    status: Option<A11yReportStatus>,
    page: prassi_core::pagination::PageRequest,
) -> AppResult<(Vec<A11yReport>, prassi_core::pagination::PageInfo)> {
    let filtered = || {
        let mut q = a11y_reports::table.into_boxed();
        if let Some(s) = status {
            q = q.filter(a11y_reports::status.eq(s));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order(a11y_reports::created_at.desc())
        .limit(page.per_page)
        .offset(page.offset())
        .select(A11yReport::as_select())
        .load(conn)?;
    Ok((rows, page.info(total)))
}

/// How many reports wait for an administrator (status `new`).
pub fn new_a11y_report_count(conn: &mut DbConnection) -> AppResult<i64> {
    Ok(a11y_reports::table
        .filter(a11y_reports::status.eq(A11yReportStatus::New))
        .count()
        .get_result(conn)?)
}

/// Moves a report to `status` and logs it; an unknown report is `NotFound`.
pub fn set_a11y_report_status(
    conn: &mut DbConnection,
    actor: &UserId,
    id: &A11yReportId,
    status: A11yReportStatus,
) -> AppResult<()> {
    let n = diesel::update(a11y_reports::table.find(id))
        .set((
            a11y_reports::status.eq(status),
            a11y_reports::updated_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    audit::record(
        conn,
        Some(actor),
        "a11y_report.status",
        id.as_str(),
        status.as_str(),
    )?;
    Ok(())
}
