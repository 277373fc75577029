//! The legal pages' settings administrators fill in at `/admin`, checked field by field.

use chrono::NaiveDate;
use prassi_core::audit;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::Checks;
use prassi_core::settings::{Assessment, Compliance, LegalSettings};
use prassi_db::{DbConnection, UserId};
use serde::{Deserialize, Serialize};

use super::validation::normalize_email;

/// The legal settings as the admin form sends them: every field is text.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct LegalInput {
    pub org_name: String,
    pub org_address: String,
    pub org_pec: String,
    pub contact_email: String,
    pub dpo_contact: String,
    pub hosting_provider: String,
    pub legal_basis: String,
    pub a11y_status: String,
    pub a11y_method: String,
    pub a11y_drafted_on: String,
    pub a11y_reviewed_on: String,
    pub site_published_on: String,
    pub a11y_statement_url: String,
}

impl LegalInput {
    /// The form filled with the current settings.
    pub fn of(l: &LegalSettings) -> Self {
        // Dates are shown as people type them (text fields; see `optional_past_date`).
        let d = |d: Option<NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string());
        LegalInput {
            org_name: l.org_name.clone(),
            org_address: l.org_address.clone(),
            org_pec: l.org_pec.clone(),
            contact_email: l.contact_email.clone(),
            dpo_contact: l.dpo_contact.clone(),
            hosting_provider: l.hosting_provider.clone(),
            legal_basis: l.legal_basis.clone(),
            a11y_status: l.a11y_status.as_str().to_owned(),
            a11y_method: l.a11y_method.as_str().to_owned(),
            a11y_drafted_on: d(l.a11y_drafted_on).unwrap_or_default(),
            a11y_reviewed_on: d(l.a11y_reviewed_on).unwrap_or_default(),
            site_published_on: d(l.site_published_on).unwrap_or_default(),
            a11y_statement_url: l.a11y_statement_url.clone(),
        }
    }
}

/// An optional email address: empty, or a valid address (lower-cased).
pub(super) fn optional_email(field: &str, raw: &str) -> AppResult<String> {
    let v = raw.trim();
    if v.is_empty() {
        Ok(String::new())
    } else {
        normalize_email(v).map_err(|_| AppError::invalid(field, "email-invalid"))
    }
}

/// An optional date, `DD/MM/YYYY` (as the form shows it: a text field, which every browser
/// and assistive technology handles alike) or `YYYY-MM-DD`, not after `today`.
fn optional_past_date(field: &str, raw: &str, today: NaiveDate) -> AppResult<Option<NaiveDate>> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let d = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .map_err(|_| AppError::invalid(field, "date-invalid"))?;
    if d > today {
        Err(AppError::invalid(field, "date-in-future"))
    } else {
        Ok(Some(d))
    }
}

/// An optional `http(s)` address of at most `max` characters.
pub(super) fn optional_web_url(field: &str, raw: &str, max: usize) -> AppResult<String> {
    let v = prassi_core::input::optional(field, Some(raw), max)?;
    if v.is_empty() {
        return Ok(v);
    }
    match url::Url::parse(&v) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(v),
        _ => Err(AppError::invalid(field, "url-invalid")),
    }
}

/// Checks the whole form, reporting every field at fault; `today` bounds the dates.
pub fn check_legal(input: &LegalInput, today: NaiveDate) -> AppResult<LegalSettings> {
    let mut c = Checks::new();
    let org_name = c.check(prassi_core::input::optional(
        "org_name",
        Some(&input.org_name),
        200,
    ));
    let org_address = c.check(prassi_core::input::optional(
        "org_address",
        Some(&input.org_address),
        300,
    ));
    let org_pec = c.check(optional_email("org_pec", &input.org_pec));
    let contact_email = c.check(optional_email("contact_email", &input.contact_email));
    let dpo_contact = c.check(optional_email("dpo_contact", &input.dpo_contact));
    let hosting_provider = c.check(prassi_core::input::optional(
        "hosting_provider",
        Some(&input.hosting_provider),
        200,
    ));
    let legal_basis = c.check(prassi_core::input::optional(
        "legal_basis",
        Some(&input.legal_basis),
        500,
    ));
    let a11y_status = Compliance::parse(input.a11y_status.trim());
    if a11y_status.is_none() {
        c.fail("a11y_status", "choice-invalid");
    }
    let a11y_method = Assessment::parse(input.a11y_method.trim());
    if a11y_method.is_none() {
        c.fail("a11y_method", "choice-invalid");
    }
    let drafted = c.check(optional_past_date(
        "a11y_drafted_on",
        &input.a11y_drafted_on,
        today,
    ));
    let reviewed = c.check(optional_past_date(
        "a11y_reviewed_on",
        &input.a11y_reviewed_on,
        today,
    ));
    if let (Some(d), Some(r)) = (drafted, reviewed) {
        if r < d {
            c.fail("a11y_reviewed_on", "a11y-reviewed-before-drafted");
        }
    }
    let published = c.check(optional_past_date(
        "site_published_on",
        &input.site_published_on,
        today,
    ));
    let statement_url = c.check(optional_web_url(
        "a11y_statement_url",
        &input.a11y_statement_url,
        500,
    ));
    c.finish()?;
    Ok(LegalSettings {
        org_name,
        org_address,
        org_pec,
        contact_email,
        dpo_contact,
        hosting_provider,
        legal_basis,
        a11y_status: a11y_status.unwrap_or_default(),
        a11y_method: a11y_method.unwrap_or_default(),
        a11y_drafted_on: drafted,
        a11y_reviewed_on: reviewed,
        site_published_on: published,
        a11y_statement_url: statement_url,
        updated_on: Some(today),
    })
}

/// Stores the legal settings (all of them, in the caller's transaction) and logs it.
pub fn set_legal_settings(
    conn: &mut DbConnection,
    actor: &UserId,
    legal: &LegalSettings,
) -> AppResult<()> {
    for (key, value) in legal.to_pairs() {
        prassi_core::settings::set(conn, &key, &value)?;
    }
    audit::record(
        conn,
        Some(actor),
        "site.legal",
        &legal.org_name,
        &format!("a11y_status={}", legal.a11y_status.as_str()),
    )?;
    Ok(())
}
