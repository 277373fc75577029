//! Tera templates and static assets. The default theme (`themes/default/`) is embedded in the
//! binary; a theme folder on disk (`PRASSI_THEME_DIR`) may override any template or asset by
//! putting a file at the same relative path. Templates show; they do not decide: handlers pass
//! finished values, and the only raw HTML is what `crate::markdown` produced.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rust_embed::RustEmbed;
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
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(sources)?;
        tera.register_function("t", crate::i18n::TeraTranslate);
        Ok(Templates {
            tera,
            theme_dir: theme_dir.map(Path::to_path_buf),
        })
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
    use super::Templates;

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
}
