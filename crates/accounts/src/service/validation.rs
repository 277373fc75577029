//! The shapes of usernames, email addresses, passwords and expertise lists.

use prassi_core::error::{AppError, AppResult};
use prassi_core::password;

/// Lower-cases and checks a username: 3–32 of `a-z 0-9 . _ -`, starting with a letter or digit.
pub fn normalize_username(raw: &str) -> AppResult<String> {
    let u = raw.trim().to_lowercase();
    let ok_len = (3..=32).contains(&u.chars().count());
    let ok_chars = u
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    let ok_start = u.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if ok_len && ok_chars && ok_start {
        Ok(u)
    } else {
        Err(AppError::invalid("username", "username-invalid"))
    }
}

/// Lower-cases and checks an email address (shape only; ownership is proven by the link).
pub fn normalize_email(raw: &str) -> AppResult<String> {
    let e = raw.trim().to_lowercase();
    let valid = e.len() <= 254
        && !e.contains(char::is_whitespace)
        && !e.contains(char::is_control)
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if valid {
        Ok(e)
    } else {
        Err(AppError::invalid("email", "email-invalid"))
    }
}

pub(super) fn check_password(field: &str, pw: &str) -> AppResult<()> {
    password::check_policy(pw).map_err(|m| AppError::invalid(field, m))
}

pub(super) fn hash_password(pw: &str) -> AppResult<String> {
    password::hash(pw).map_err(AppError::internal)
}

/// Splits a comma-separated list of expertise areas into (key, label) pairs.
pub fn parse_expertise(raw: &str) -> AppResult<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for label in raw.split([',', ';', '\n']) {
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() {
            continue;
        }
        if label.contains(char::is_control) {
            return Err(AppError::invalid("expertise", "field-bad-characters"));
        }
        if label.chars().count() > 60 {
            return Err(AppError::invalid("expertise", "expertise-too-long"));
        }
        let key = label.to_lowercase();
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, label));
        }
    }
    if out.len() > 20 {
        return Err(AppError::invalid("expertise", "expertise-too-many"));
    }
    Ok(out)
}
