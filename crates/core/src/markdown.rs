//! The one Markdown renderer: pulldown-cmark to HTML, then ammonia with a strict allow-list.
//! Raw HTML in the source is escaped, not passed through; no svg, math, style or iframe; links
//! only http, https and mailto, all with `rel="nofollow ugc noopener"`. Templates may print its
//! output unescaped — and nothing else.

use std::collections::HashSet;

use pulldown_cmark::{html, Event, Options, Parser};

/// Renders user Markdown to safe HTML.
pub fn render(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    // Raw HTML becomes text: a user cannot smuggle markup past the parser.
    let parser = Parser::new_ext(source, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    sanitizer().clean(&unsafe_html).to_string()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    BUILDER.get_or_init(|| {
        let tags: HashSet<&str> = [
            "a",
            "p",
            "br",
            "hr",
            "em",
            "strong",
            "del",
            "code",
            "pre",
            "blockquote",
            "ul",
            "ol",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "input",
            "img",
            "sup",
            "sub",
        ]
        .into_iter()
        .collect();
        let mut b = ammonia::Builder::default();
        b.tags(tags)
            .clean_content_tags(
                ["script", "style", "svg", "math", "iframe"]
                    .into_iter()
                    .collect(),
            )
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("nofollow ugc noopener"))
            .url_relative(ammonia::UrlRelative::PassThrough)
            .generic_attributes(HashSet::new())
            .tag_attributes(
                [
                    ("a", ["href", "title"].into_iter().collect::<HashSet<_>>()),
                    ("img", ["src", "alt", "title"].into_iter().collect()),
                    ("th", ["align"].into_iter().collect()),
                    ("td", ["align"].into_iter().collect()),
                    (
                        "input",
                        ["type", "checked", "disabled"].into_iter().collect(),
                    ),
                    ("h1", ["id"].into_iter().collect()),
                    ("h2", ["id"].into_iter().collect()),
                    ("h3", ["id"].into_iter().collect()),
                    ("h4", ["id"].into_iter().collect()),
                    ("ol", ["start"].into_iter().collect()),
                ]
                .into_iter()
                .collect(),
            )
            .set_tag_attribute_value("input", "disabled", "");
        b
    })
}

/// Plain text from Markdown (for snippets, titles and search documents).
pub fn to_plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !out.ends_with(' ') => {
                out.push(' ')
            }
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn raw_html_is_escaped_not_executed() {
        let out = render("hello <script>alert(1)</script> <b onclick=x>b</b>");
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<b "), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }

    #[test]
    fn links_are_restricted_and_marked() {
        let out = render("[a](javascript:alert(1)) [b](https://example.org) [c](mailto:x@y.it)");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains(r#"href="https://example.org""#), "{out}");
        assert!(out.contains(r#"rel="nofollow ugc noopener""#), "{out}");
        assert!(out.contains("mailto:x@y.it"), "{out}");
    }

    #[test]
    fn data_urls_and_event_attributes_are_dropped() {
        let out = render("![x](data:image/svg+xml;base64,AAAA)\n\n# Title {#t .evil onclick=y}");
        assert!(!out.contains("data:"), "{out}");
        assert!(!out.contains(" onclick"), "{out}");
        assert!(!out.contains("class="), "{out}");
    }

    #[test]
    fn tables_and_code_survive() {
        let out = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nlet x = 1 < 2;\n```");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("1 &lt; 2"), "{out}");
    }
}
