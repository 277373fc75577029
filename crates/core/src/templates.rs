//! Tera templates and static assets. The default theme (`themes/default/`) is embedded in the
//! binary; a theme folder on disk (`PRASSI_THEME_DIR`) may override any template or asset by
//! putting a file at the same relative path. Templates show; they do not decide: handlers pass
//! finished values, and the only raw HTML is what `crate::markdown` produced.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;
use serde::Serialize;
use tera::Tera;

#[derive(RustEmbed)]
#[folder = "../../themes/default/templates"]
struct EmbeddedTemplates;

#[derive(RustEmbed)]
#[folder = "../../themes/default/static"]
struct EmbeddedStatic;

/// The compiled templates and where to look for overriding assets.
pub struct Templates {
    pub tera: Tera,
    fragments: Fragments,
    theme_dir: Option<PathBuf>,
}

impl Templates {
    /// Compiles the embedded templates, then the overrides from `theme_dir/templates`.
    pub fn load(theme_dir: Option<&Path>) -> Result<Self, tera::Error> {
        let mut sources: Vec<(String, String)> = Vec::new();
        for name in EmbeddedTemplates::iter() {
            if let Some(file) = EmbeddedTemplates::get(&name) {
                let text = String::from_utf8_lossy(&file.data).into_owned();
                sources.push((name.to_string(), text));
            }
        }
        if let Some(dir) = theme_dir {
            let root = dir.join("templates");
            let mut stack = vec![root.clone()];
            while let Some(d) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&d) else {
                    continue;
                };
                for entry in entries.flatten() {
                    let p = entry.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if let (Ok(rel), Ok(text)) =
                        (p.strip_prefix(&root), std::fs::read_to_string(&p))
                    {
                        let name = rel.to_string_lossy().replace('\\', "/");
                        sources.retain(|(n, _)| *n != name);
                        sources.push((name, text));
                    }
                }
            }
        }
        // Fragments render with their own set: the fragment templates (`_name.html`) and the
        // macros they import. Not a copy of the whole set: parsed templates take megabytes.
        let fragment_sources: Vec<(String, String)> = sources
            .iter()
            .filter(|(name, _)| is_fragment_source(name))
            .cloned()
            .collect();
        let fragments = Fragments::new(with_filters(fragment_sources)?);
        Ok(Templates {
            tera: with_filters(sources)?,
            fragments,
            theme_dir: theme_dir.map(Path::to_path_buf),
        })
    }

    /// The fragment `template` (`_name.html`) rendered with the fields of `values` as its
    /// variables and the viewer's `csrf_token`, and kept in [`crate::render_cache`] under the
    /// template's name and everything `values` feeds to a [`Hash`]er: the same answer shown the
    /// same way to another reader is not rendered again, and a value that changes is another
    /// entry. So a fragment must show nothing but `values`, and `values` must hash all of itself
    /// (plain data with a derived `Hash`: the standard library's `Hash` streams are prefix-free,
    /// so equal streams are equal values). The token is not part of the key: the kept HTML holds
    /// a random per-process placeholder, swapped for the token on the way out (no one can type
    /// the placeholder into a post: it is never sent). `fresh` renders afresh and keeps nothing
    /// (a form shown again with an error).
    pub fn fragment<V: Serialize + Hash>(
        &self,
        template: &str,
        values: &V,
        csrf_token: &str,
        fresh: bool,
    ) -> Result<String, tera::Error> {
        let f = &self.fragments;
        let render = || {
            let mut ctx = tera::Context::from_serialize(values)?;
            ctx.insert("csrf_token", &f.placeholder);
            f.tera.render(template, &ctx)
        };
        let with_token = |html: &str| f.with_token(html, csrf_token);
        if fresh {
            return Ok(with_token(&render()?));
        }
        let mut key = KeyStream(Vec::with_capacity(8192));
        key.0.extend_from_slice(template.as_bytes());
        key.0.push(0);
        values.hash(&mut key);
        crate::render_cache::get_or_render_then("fragment", &key.0, render, with_token)
    }

    /// The default theme's templates (no theme folder), compiled once per process and shared:
    /// every platform a process starts (the integration tests start hundreds) uses the same
    /// compiled set, and a server holds one copy, as before.
    pub fn shared_default() -> Result<std::sync::Arc<Self>, tera::Error> {
        static DEFAULT: std::sync::OnceLock<std::sync::Arc<Templates>> = std::sync::OnceLock::new();
        if let Some(t) = DEFAULT.get() {
            return Ok(t.clone());
        }
        let loaded = std::sync::Arc::new(Self::load(None)?);
        Ok(DEFAULT.get_or_init(|| loaded).clone())
    }

    /// A static asset by relative path: the theme folder's copy if present, else the embedded.
    pub fn asset(&self, path: &str) -> Option<Cow<'static, [u8]>> {
        if path.split('/').any(|seg| seg == ".." || seg.is_empty()) {
            return None;
        }
        if let Some(dir) = &self.theme_dir {
            if let Ok(bytes) = std::fs::read(dir.join("static").join(path)) {
                return Some(Cow::Owned(bytes));
            }
        }
        EmbeddedStatic::get(path).map(|f| f.data)
    }
}

#[cfg(test)]
mod tests {
    use super::{Fragments, Templates};

    #[test]
    fn a_fragment_gets_the_token_wherever_the_placeholder_is() {
        let f = Fragments::new(tera::Tera::default());
        let html = format!("<a>{p}</a><b>{p}{p}</b>é", p = f.placeholder);
        assert_eq!(f.with_token(&html, "T0k"), "<a>T0k</a><b>T0kT0k</b>é");
        assert_eq!(f.with_token("<p>nessuno</p>", "T0k"), "<p>nessuno</p>");
        assert_eq!(f.with_token("", ""), "");
    }

    #[test]
    fn a_theme_folder_overrides_templates_and_assets() {
        let dir =
            std::env::temp_dir().join(format!("prassi-theme-{}", uuid::Uuid::now_v7().simple()));
        let write = |rel: &str, text: &str| {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap_or(&dir)).unwrap_or_default();
            std::fs::write(p, text).unwrap_or_default();
        };
        write("templates/pages/privacy.html", "OVERRIDDEN {{ site_name }}");
        write("static/prassi.css", "body{}");
        let t = Templates::load(Some(&dir)).unwrap_or_else(|e| panic!("{e:?}"));
        let mut ctx = tera::Context::new();
        ctx.insert("site_name", "X");
        assert_eq!(
            t.tera
                .render("pages/privacy.html", &ctx)
                .unwrap_or_default(),
            "OVERRIDDEN X"
        );
        assert_eq!(t.asset("prassi.css").as_deref(), Some(&b"body{}"[..]));
        assert!(
            t.asset("prassi.js").is_some(),
            "the embedded default still serves the rest"
        );
        assert!(t.asset("../secret").is_none());
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Dropping the copies Tera keeps only for compiling changes nothing it renders: blocks,
    /// `super()`, three levels, macros imported by a child, and an include.
    #[test]
    fn the_trimmed_set_renders_what_the_full_set_renders() {
        let sources: Vec<(String, String)> = [
            ("m.html", "{% macro b(x) %}<b>{{ x }}</b>{% endmacro b %}"),
            (
                "base.html",
                "<t>{% block title %}B{% endblock title %}</t>{% block content %}{% endblock content %}<f>{% block foot %}F{% endblock foot %}</f>",
            ),
            (
                "mid.html",
                "{% extends \"base.html\" %}{% block foot %}M{{ super() }}{% endblock foot %}",
            ),
            (
                "page.html",
                "{% extends \"mid.html\" %}{% import \"m.html\" as m %}{% block title %}P {{ super() }}{% endblock title %}{% block content %}{% for i in [1, 2] %}{{ m::b(x=i) }}{% endfor %}{% block inner %}I{% endblock inner %}{% endblock content %}",
            ),
            ("child.html", "{% extends \"base.html\" %}{% block content %}C{% endblock content %}"),
            ("part.html", "{{ 1 + 1 }}{% block p %}P{% endblock p %}"),
            ("inc.html", "{% extends \"base.html\" %}{% block content %}[{% include \"part.html\" %}]{% endblock content %}"),
        ]
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
        let mut full = tera::Tera::default();
        full.add_raw_templates(sources.clone())
            .unwrap_or_else(|e| panic!("{e:?}"));
        let trimmed = super::with_filters(sources).unwrap_or_else(|e| panic!("{e:?}"));
        let ctx = tera::Context::new();
        for name in ["page.html", "mid.html", "child.html", "inc.html"] {
            let want = full.render(name, &ctx).unwrap_or_else(|e| panic!("{e:?}"));
            let got = trimmed
                .render(name, &ctx)
                .unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(got, want, "{name}");
        }
        assert!(
            trimmed.templates["page.html"].ast.is_empty(),
            "the child's tree is gone"
        );
        assert!(trimmed.templates["page.html"].blocks.is_empty());
        assert!(
            !trimmed.templates["part.html"].ast.is_empty(),
            "a template without parent keeps it"
        );
    }
}

/// A template set with the platform's functions and filters.
fn with_filters(sources: Vec<(String, String)>) -> Result<Tera, tera::Error> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_templates(sources)?;
    drop_parse_only_copies(&mut tera);
    tera.register_function("t", crate::i18n::TeraTranslate);
    tera.register_filter("datetime_attr", datetime_attr);
    tera.register_filter("datetime_short", datetime_short);
    tera.register_function("page_links", crate::pagination::tera_page_links);
    Ok(tera)
}

/// Drops the two copies of every page that Tera keeps after compiling but never renders from.
/// Tera stores a template's blocks three times: in its syntax tree, in `blocks` (read only
/// while the inheritance chains are built) and in `blocks_definitions` (what rendering reads).
/// Rendering a template that extends another walks the root parent's tree and takes each
/// block from `blocks_definitions`, so a child's own tree is never read either; `include`
/// and templates without a parent render from their tree, which is kept (Tera refuses to
/// include a template that extends another). For a page that extends `base.html` its
/// `content` block is nearly the whole page: this keeps one copy of it instead of three. The set must not be extended or reloaded afterwards (the server never
/// does: it compiles once).
fn drop_parse_only_copies(tera: &mut Tera) {
    for template in tera.templates.values_mut() {
        template.blocks = Default::default();
        if template.parent.is_some() {
            template.ast = Vec::new();
        }
    }
}

/// Whether a template belongs to the fragments' set: fragments are named `_name.html`, and
/// they may import macros (`macros.html` in any folder).
fn is_fragment_source(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.starts_with('_') || file == "macros.html"
}

/// The fragments' own template set (see [`Templates::fragment`]) and the placeholder their
/// kept HTML carries where the viewer's CSRF token goes.
struct Fragments {
    tera: Tera,
    placeholder: String,
    /// Finds the placeholder (built once: `str::replace` builds a searcher per call).
    finder: memchr::memmem::Finder<'static>,
}

impl Fragments {
    fn new(tera: Tera) -> Self {
        let placeholder = format!("csrf{}", crate::tokens::random_token(24));
        let finder = memchr::memmem::Finder::new(placeholder.as_bytes()).into_owned();
        Fragments {
            tera,
            placeholder,
            finder,
        }
    }

    /// `html` with the viewer's token where the placeholder is.
    fn with_token(&self, html: &str, token: &str) -> String {
        let mut out = String::with_capacity(html.len() + 8 * token.len());
        let mut from = 0;
        for at in self.finder.find_iter(html.as_bytes()) {
            out.push_str(&html[from..at]);
            out.push_str(token);
            from = at + self.placeholder.len();
        }
        out.push_str(&html[from..]);
        out
    }
}

/// A [`Hasher`] that keeps the bytes it is fed instead of mixing them: a fragment's key.
struct KeyStream(Vec<u8>);

impl Hasher for KeyStream {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        0
    }
}

/// A stored time (UTC) as a `<time datetime>` value: `2026-12-06T10:05:00Z`. What
/// `date(format="%Y-%m-%dT%H:%M:%SZ")` gives, without parsing the format string for every post
/// of a long page.
fn datetime_attr(
    value: &serde_json::Value,
    _: &std::collections::HashMap<String, serde_json::Value>,
) -> tera::Result<serde_json::Value> {
    use chrono::{Datelike, Timelike};
    let t = stored_time(value)?;
    Ok(serde_json::Value::String(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )))
}

/// A stored time as shown in lists and threads: `06/12/2026 10:05` (what
/// `date(format="%d/%m/%Y %H:%M")` gives).
fn datetime_short(
    value: &serde_json::Value,
    _: &std::collections::HashMap<String, serde_json::Value>,
) -> tera::Result<serde_json::Value> {
    use chrono::{Datelike, Timelike};
    let t = stored_time(value)?;
    Ok(serde_json::Value::String(format!(
        "{:02}/{:02}/{:04} {:02}:{:02}",
        t.day(),
        t.month(),
        t.year(),
        t.hour(),
        t.minute()
    )))
}

/// A time as serde writes it: a `NaiveDateTime` string, an RFC 3339 string, or seconds.
fn stored_time(value: &serde_json::Value) -> tera::Result<chrono::NaiveDateTime> {
    let parsed = match value {
        serde_json::Value::String(s) => s.parse::<chrono::NaiveDateTime>().ok().or_else(|| {
            chrono::DateTime::parse_from_rfc3339(s)
                .ok()
                .map(|d| d.naive_utc())
        }),
        serde_json::Value::Number(n) => n
            .as_i64()
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
            .map(|d| d.naive_utc()),
        _ => None,
    };
    parsed.ok_or_else(|| tera::Error::msg(format!("not a time: {value}")))
}

#[cfg(test)]
mod time_filter_tests {
    use super::*;

    #[test]
    fn the_time_filters_print_what_the_date_filter_printed() {
        let mut tera = Tera::default();
        tera.register_filter("datetime_attr", datetime_attr);
        tera.register_filter("datetime_short", datetime_short);
        for value in [
            serde_json::json!("2026-12-06T10:05:07.123456"),
            serde_json::json!("2026-01-02T03:04:05"),
            serde_json::json!("1970-01-01T00:00:00"),
            serde_json::json!(1_765_015_507),
        ] {
            let mut ctx = tera::Context::new();
            ctx.insert("t", &value);
            let ours = tera
                .render_str("{{ t | datetime_attr }}|{{ t | datetime_short }}", &ctx)
                .unwrap_or_else(|e| panic!("{value}: {e:?}"));
            let builtin = tera
                .render_str(
                    r#"{{ t | date(format="%Y-%m-%dT%H:%M:%SZ") }}|{{ t | date(format="%d/%m/%Y %H:%M") }}"#,
                    &ctx,
                )
                .unwrap_or_else(|e| panic!("{value}: {e:?}"));
            assert_eq!(ours, builtin, "{value}");
        }
        let mut ctx = tera::Context::new();
        ctx.insert("t", "yesterday");
        assert!(tera.render_str("{{ t | datetime_short }}", &ctx).is_err());
    }
}
