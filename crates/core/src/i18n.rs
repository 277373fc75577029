//! Interface languages: Italian first, English second. Messages live in Fluent files under
//! `themes/default/locales/<lang>/`, embedded in the binary; Fluent gives proper plural forms
//! (`{ $count -> [one] ... *[other] ... }`). The language comes from the `lang` cookie set by
//! the switch, else the browser's `Accept-Language`, else Italian.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use actix_web::HttpRequest;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

// The embedded message catalogues.
fluent_templates::static_loader! {
    pub static LOCALES = {
        locales: "../../themes/default/locales",
        fallback_language: "it",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Languages offered, first is the default.
pub const LANGUAGES: &[&str] = &["it", "en"];
/// Cookie remembering the chosen language.
pub const LANG_COOKIE: &str = "lang";

/// A supported language.
pub fn supported(code: &str) -> Option<&'static str> {
    LANGUAGES.iter().copied().find(|l| *l == code)
}

/// The language for this request.
pub fn negotiate(req: &HttpRequest) -> &'static str {
    if let Some(l) = req.cookie(LANG_COOKIE).and_then(|c| supported(c.value())) {
        return l;
    }
    if let Some(header) = req
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
    {
        let mut best: Option<(&'static str, f32)> = None;
        for part in header.split(',') {
            let mut it = part.trim().split(';');
            let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = it
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Some(l) = supported(primary) {
                if best.is_none_or(|(_, bq)| q > bq) {
                    best = Some((l, q));
                }
            }
        }
        if let Some((l, _)) = best {
            return l;
        }
    }
    LANGUAGES[0]
}

fn langid(lang: &str) -> LanguageIdentifier {
    lang.parse()
        .unwrap_or_else(|_| LanguageIdentifier::default())
}

/// Translates `key`; unknown keys come back as the key itself, so a missing message is
/// visible rather than blank.
pub fn t(lang: &str, key: &str) -> String {
    plain(lang, key).unwrap_or_else(|| key.to_owned())
}

/// Messages without arguments of one language, by key (see [`plain`]).
type Memo = RwLock<HashMap<Box<str>, Box<str>, foldhash::fast::RandomState>>;

/// One memo per offered language.
fn memos() -> &'static [Memo] {
    static MEMO: OnceLock<Vec<Memo>> = OnceLock::new();
    MEMO.get_or_init(|| LANGUAGES.iter().map(|_| Memo::default()).collect())
}

/// A message without arguments. Those of the offered languages are kept once looked up: a
/// page asks for dozens, and each Fluent lookup parses the language tag, walks two hash maps
/// and formats the pattern. Only keys the catalogues have are kept, so the memo is bounded by
/// them whatever keys are asked for.
fn plain(lang: &str, key: &str) -> Option<String> {
    let Some(at) = LANGUAGES.iter().position(|l| *l == lang) else {
        return LOCALES.try_lookup(&langid(lang), key);
    };
    let memo = &memos()[at];
    if let Some(text) = memo
        .read()
        .ok()
        .and_then(|m| m.get(key).map(|t| t.to_string()))
    {
        return Some(text);
    }
    let text = LOCALES.try_lookup(&langid(lang), key)?;
    if let Ok(mut m) = memo.write() {
        m.insert(key.into(), text.as_str().into());
    }
    Some(text)
}

/// Translates `key` with arguments; a numeric `count` selects the plural form.
pub fn t_args(lang: &str, key: &str, args: &[(&str, FluentArg)]) -> String {
    let map: HashMap<std::borrow::Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| {
            let value = match v {
                FluentArg::Num(n) => FluentValue::from(*n),
                FluentArg::Str(s) => FluentValue::from(s.clone()),
            };
            (std::borrow::Cow::Owned((*k).to_owned()), value)
        })
        .collect();
    LOCALES
        .try_lookup_with_args(&langid(lang), key, &map)
        .unwrap_or_else(|| key.to_owned())
}

/// The `t(key=…, lang=…, …)` function of every template. Every other argument is passed to
/// Fluent under its kebab-case name. Numbers of any sign and size, booleans and null are all
/// accepted, so a negative score or an empty optional field can never fail a page: scores,
/// reputations and differences go below zero, and Fluent's plural rules handle them.
pub struct TeraTranslate;

impl tera::Function for TeraTranslate {
    fn call(
        &self,
        args: &HashMap<String, serde_json::Value>,
    ) -> Result<serde_json::Value, tera::Error> {
        let key = args
            .get("key")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| tera::Error::msg("t(): the `key` argument is required"))?;
        let lang = args
            .get("lang")
            .and_then(serde_json::Value::as_str)
            .and_then(supported)
            .unwrap_or(LANGUAGES[0]);
        let map: HashMap<std::borrow::Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "key" | "lang" | "__tera_one_off"))
            .map(|(k, v)| (std::borrow::Cow::Owned(kebab(k)), json_to_fluent(v)))
            .collect();
        let text = if map.is_empty() {
            plain(lang, key)
        } else {
            LOCALES.try_lookup_with_args(&langid(lang), key, &map)
        };
        // A missing key shows the same marker fluent-templates uses, which tests look for.
        Ok(serde_json::Value::String(text.unwrap_or_else(|| {
            format!("Unknown localization key: {key:?}")
        })))
    }
}

fn kebab(name: &str) -> String {
    name.replace('_', "-")
}

/// Any JSON value as a Fluent argument: integers stay integers (negative ones too), other
/// numbers become floats, and everything else its text.
fn json_to_fluent(v: &serde_json::Value) -> FluentValue<'static> {
    match v {
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => FluentValue::from(i),
            (None, Some(u)) => FluentValue::from(u),
            _ => FluentValue::from(n.as_f64().unwrap_or(0.0)),
        },
        serde_json::Value::String(s) => FluentValue::from(s.clone()),
        serde_json::Value::Null => FluentValue::from(String::new()),
        serde_json::Value::Bool(b) => FluentValue::from(b.to_string()),
        other => FluentValue::from(other.to_string()),
    }
}

/// An argument to [`t_args`].
#[derive(Debug, Clone)]
pub enum FluentArg {
    Num(i64),
    Str(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_translate_any_number_sign_and_empty_values() {
        use tera::Function;
        let call = |count: serde_json::Value| {
            let mut args = HashMap::new();
            args.insert("key".to_owned(), serde_json::json!("members-count"));
            args.insert("lang".to_owned(), serde_json::json!("it"));
            args.insert("count".to_owned(), count);
            TeraTranslate.call(&args)
        };
        for v in [
            serde_json::json!(-1),
            serde_json::json!(0),
            serde_json::json!(i64::MIN),
            serde_json::json!(u64::MAX),
            serde_json::json!(-2.5),
            serde_json::Value::Null,
            serde_json::json!(true),
        ] {
            let out = call(v.clone());
            assert!(out.is_ok(), "{v}: {out:?}");
        }
        let minus = call(serde_json::json!(-3)).ok();
        assert!(
            minus
                .as_ref()
                .and_then(|v| v.as_str())
                .is_some_and(|s| s.contains('3')),
            "{minus:?}"
        );
    }

    #[test]
    fn plain_messages_are_kept_once_and_missing_keys_never() {
        let first = t("it", "qa-section");
        assert_ne!(first, "qa-section", "a message the catalogue has");
        assert_eq!(t("it", "qa-section"), first, "the same text from the memo");
        assert_ne!(t("en", "qa-section"), first, "each language its own");
        assert!(memos()[0]
            .read()
            .is_ok_and(|m| m.contains_key("qa-section")));
        for i in 0..500 {
            let key = format!("no-such-key-{i}");
            assert_eq!(t("it", &key), key);
            assert!(
                !memos()[0]
                    .read()
                    .is_ok_and(|m| m.contains_key(key.as_str())),
                "a key the catalogues lack is never kept"
            );
        }
    }

    #[test]
    fn plural_forms_follow_the_count() {
        let one = t_args("it", "members-count", &[("count", FluentArg::Num(1))]);
        let many = t_args("it", "members-count", &[("count", FluentArg::Num(3))]);
        assert_ne!(one, many);
        assert!(one.contains('1') && many.contains('3'), "{one} / {many}");
        let en = t_args("en", "members-count", &[("count", FluentArg::Num(1))]);
        assert!(en.contains("member") && !en.contains("members"), "{en}");
    }

    #[test]
    fn every_italian_key_has_an_english_twin() {
        let read = |lang: &str| -> Vec<String> {
            let dir = format!(
                "{}/../../themes/default/locales/{lang}",
                env!("CARGO_MANIFEST_DIR")
            );
            let mut keys = Vec::new();
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                keys.extend(
                    text.lines()
                        .filter(|l| {
                            l.starts_with(|c: char| c.is_ascii_lowercase()) && l.contains(" =")
                        })
                        .filter_map(|l| l.split(" =").next().map(str::to_owned)),
                );
            }
            keys
        };
        let (it, en) = (read("it"), read("en"));
        assert!(!it.is_empty());
        let mut seen = std::collections::HashSet::new();
        let dupes: Vec<_> = it.iter().filter(|k| !seen.insert(*k)).collect();
        assert!(dupes.is_empty(), "keys defined twice: {dupes:?}");
        let missing: Vec<_> = it.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing.is_empty(), "missing in en: {missing:?}");
        let extra: Vec<_> = en.iter().filter(|k| !it.contains(k)).collect();
        assert!(extra.is_empty(), "missing in it: {extra:?}");
    }
}
