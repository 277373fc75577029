//! Validation of user text shared by every module: trimmed, bounded in characters, and free of
//! NUL and other control characters (PostgreSQL refuses NUL in text; SQLite would store it),
//! so bad input is always a clear `Invalid` error and never a database failure.

use crate::error::{AppError, AppResult};

fn has_forbidden_chars(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

/// A required text of at most `max` characters.
pub fn required(field: &str, raw: &str, max: usize) -> AppResult<String> {
    let v = optional(field, Some(raw), max)?;
    if v.is_empty() {
        Err(AppError::invalid(field, "field-required"))
    } else {
        Ok(v)
    }
}

/// A required text of `min` to `max` characters; shorter is `too_short` (a message key).
pub fn required_between(
    field: &str,
    raw: &str,
    min: usize,
    max: usize,
    too_short: &str,
) -> AppResult<String> {
    let v = required(field, raw, max)?;
    if v.chars().count() < min {
        Err(AppError::invalid(field, too_short))
    } else {
        Ok(v)
    }
}

/// An optional text of at most `max` characters; absent becomes empty.
pub fn optional(field: &str, raw: Option<&str>, max: usize) -> AppResult<String> {
    let v = raw.unwrap_or("").trim();
    if has_forbidden_chars(v) {
        Err(AppError::invalid(field, "field-bad-characters"))
    } else if v.chars().count() > max {
        Err(AppError::invalid(field, "field-too-long"))
    } else {
        Ok(v.to_owned())
    }
}

/// A search or filter term from a query string: control characters dropped, length capped.
/// Never an error, since a filter that matches nothing is a fine answer.
pub fn query_term(raw: Option<&str>, max: usize) -> Option<String> {
    let v: String = raw?.chars().filter(|c| !c.is_control()).take(max).collect();
    let v = v.trim().to_owned();
    (!v.is_empty()).then_some(v)
}

/// Deserialises a whole number that may arrive as JSON number or as form text; an empty form
/// field counts as 0. Use with `#[serde(deserialize_with = "prassi_core::input::lenient_i32")]`.
pub fn lenient_i32<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    use serde::Deserialize;
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        Int(i32),
        Text(String),
    }
    match N::deserialize(d)? {
        N::Int(n) => Ok(n),
        N::Text(t) if t.trim().is_empty() => Ok(0),
        N::Text(t) => t.trim().parse().map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_but_newlines_kept() {
        assert!(required("f", "a\0b", 10).is_err());
        assert!(required("f", "a\u{1b}b", 10).is_err());
        assert_eq!(required("f", " a\nb ", 10).unwrap_or_default(), "a\nb");
        assert!(required("f", "   ", 10).is_err());
        assert!(required("f", "àèìòù", 5).is_ok(), "characters, not bytes");
        assert!(required("f", "àèìòùx", 5).is_err());
        assert_eq!(query_term(Some(" x\0y "), 10), Some("xy".into()));
        assert_eq!(query_term(Some("\0"), 10), None);
    }
}
