//! Validation of user text shared by every module: trimmed, bounded in characters, and free of
//! NUL and other control characters (PostgreSQL refuses NUL in text; SQLite would store it),
//! so bad input is always a clear `Invalid` error and never a database failure.

use crate::error::{AppError, AppResult, ErrorKind, FieldError};

/// Collects the outcome of every field check of a form, so that all problems are reported at
/// once instead of the first one (GOV.UK and Designers Italia patterns). Check each field with
/// [`Checks::check`], which gives the value or a placeholder, then call [`Checks::finish`]
/// before using any value:
///
/// ```ignore
/// let mut c = Checks::new();
/// let title = c.check(required("title", &input.title, 200));
/// let body = c.check(required("body_md", &input.body_md, 50_000));
/// c.finish()?;
/// ```
#[derive(Debug, Default)]
#[must_use = "call finish() to report the errors"]
pub struct Checks {
    fields: Vec<FieldError>,
    other: Option<AppError>,
}

impl Checks {
    /// No problem recorded yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value, or its type's default after recording the error. Invalid-input errors are
    /// collected (one per field, first wins); any other error (a database failure) is kept
    /// and returned by `finish` instead, since it is not the person's to fix.
    pub fn check<T: Default>(&mut self, result: AppResult<T>) -> T {
        self.check_opt(result).unwrap_or_default()
    }

    /// Like [`Checks::check`] for values without a default.
    pub fn check_opt<T>(&mut self, result: AppResult<T>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.record(e);
                None
            }
        }
    }

    /// Records a problem found by hand.
    pub fn fail(&mut self, field: &str, message: &str) {
        self.record(AppError::invalid(field, message));
    }

    /// Whether `field` already has a problem (later checks that depend on it can be skipped).
    pub fn has(&self, field: &str) -> bool {
        self.fields.iter().any(|f| f.field == field)
    }

    fn record(&mut self, e: AppError) {
        if e.kind == ErrorKind::Invalid {
            for f in e.field_errors() {
                if !self.has(&f.field) {
                    self.fields.push(f);
                }
            }
        } else if self.other.is_none() {
            self.other = Some(e);
        }
    }

    /// `Ok` when every check passed; else the first non-input error, or one `Invalid` error
    /// listing every field at fault.
    pub fn finish(self) -> AppResult<()> {
        if let Some(e) = self.other {
            return Err(e);
        }
        match AppError::invalid_fields(self.fields) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// Languages user content may be written in (primary tags, with each language's own name):
/// the interface languages first, then the languages of Italy's recognised minorities that
/// public administrations publish in.
pub const CONTENT_LANGUAGES: &[(&str, &str)] = &[
    ("it", "Italiano"),
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("sl", "Slovenščina"),
];

/// The language of a piece of user content: one of [`CONTENT_LANGUAGES`]; empty gives
/// `default` (the site's language, or the thread's for an answer or reply).
pub fn content_lang(field: &str, raw: &str, default: &str) -> AppResult<String> {
    match raw.trim() {
        "" => Ok(default.to_owned()),
        code => CONTENT_LANGUAGES
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map(|(c, _)| (*c).to_owned())
            .ok_or_else(|| AppError::invalid(field, "content-lang-invalid")),
    }
}

/// User text as the platform stores it: line endings normalised to LF. Browsers submit
/// textareas with CRLF while the API, the demo and imports use LF; without this one place, the
/// first browser edit of any text would differ from the previous version on every line.
pub fn normalize_newlines(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('\r') {
        std::borrow::Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(raw)
    }
}

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

/// An optional text of at most `max` characters; absent becomes empty. Line endings become LF.
pub fn optional(field: &str, raw: Option<&str>, max: usize) -> AppResult<String> {
    let normalized = normalize_newlines(raw.unwrap_or(""));
    let v = normalized.trim();
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

    #[test]
    fn line_endings_become_lf() {
        assert_eq!(
            required("f", "a\r\n\r\nb\rc\n", 10).unwrap_or_default(),
            "a\n\nb\nc"
        );
        assert_eq!(normalize_newlines("x\ny"), "x\ny");
    }

    #[test]
    fn checks_report_every_field_once() {
        let mut c = Checks::new();
        let a: String = c.check(required("title", "", 10));
        let b: String = c.check(required("body", "", 10));
        let d: String = c.check(required("title", "this is far too long", 10));
        let ok: String = c.check(required("tags", "x", 10));
        assert_eq!(
            (a.as_str(), b.as_str(), d.as_str(), ok.as_str()),
            ("", "", "", "x")
        );
        let err = c.finish().err().map(|e| e.fields).unwrap_or_default();
        let names: Vec<_> = err.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["title", "body"]);
        assert!(Checks::new().finish().is_ok());
    }
}
