//! The one Markdown renderer: pulldown-cmark to HTML, then ammonia with a strict allow-list.
//! Raw HTML in the source is escaped, not passed through; no svg, math, style or iframe; links
//! only http, https and mailto, all with `rel="nofollow ugc noopener"`. Images are shown only
//! from the platform itself: `![alt](https://elsewhere/…)` becomes a plain link, so no reader's
//! browser ever fetches a third-party image (a tracking pixel). Templates may print its output
//! unescaped — and nothing else.

use std::collections::HashSet;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// Renders user Markdown to safe HTML. Headings get no `id`: outside documents (which number
/// their own anchors) a user-chosen id could collide with the page's own anchors.
///
/// The output depends on the source alone, so it is kept in the rendered-HTML cache
/// ([`crate::render_cache`]): a page of 30 answers renders only the posts it has not met yet.
pub fn render(source: &str) -> String {
    if source.len() > MAX_CACHED_SOURCE {
        return render_uncached(source);
    }
    crate::render_cache::get_or_render("markdown", source.as_bytes(), || {
        Ok::<_, std::convert::Infallible>(render_uncached(source))
    })
    .unwrap_or_else(|never| match never {})
}

/// Sources longer than this are rendered every time (one long document would evict many
/// posts).
const MAX_CACHED_SOURCE: usize = 64 * 1024;

fn render_uncached(source: &str) -> String {
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    let events = parse(source, base_options()).map(|event| match event {
        Event::Start(Tag::Heading { level, .. }) => Event::Start(Tag::Heading {
            level,
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        }),
        other => other,
    });
    html::push_html(&mut unsafe_html, events);
    sanitizer().clean(&unsafe_html).to_string()
}

fn base_options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    options.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    options
}

/// The parser's events, with raw HTML turned into text (a user cannot smuggle markup past it)
/// and images from elsewhere turned into links (see [`is_local`]).
fn parse(source: &str, options: Options) -> impl Iterator<Item = Event<'_>> {
    let mut link_depth = 0usize;
    // For each open image: Some(has text) when it became a link, None when it stays an image
    // or was dropped (inside a link), so its end closes the right thing.
    let mut images: Vec<(bool, Option<(CowStr<'_>, bool)>)> = Vec::new();
    Parser::new_ext(source, options).flat_map(move |event| -> Vec<Event<'_>> {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => vec![Event::Text(raw)],
            Event::Start(Tag::Link { .. }) => {
                link_depth += 1;
                vec![event]
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                vec![event]
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) if !is_local(&dest_url) => {
                if link_depth > 0 {
                    // An outside image inside a link: its alternative text stays, as text.
                    images.push((false, None));
                    Vec::new()
                } else {
                    images.push((true, Some((dest_url.clone(), false))));
                    vec![Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id: "".into(),
                    })]
                }
            }
            Event::Start(Tag::Image { .. }) => {
                images.push((false, None));
                vec![event]
            }
            Event::Text(t) if matches!(images.last(), Some((true, Some(_)))) => {
                if let Some((_, Some((_, has_text)))) = images.last_mut() {
                    *has_text |= !t.trim().is_empty();
                }
                vec![Event::Text(t)]
            }
            Event::End(TagEnd::Image) => match images.pop() {
                Some((true, Some((url, has_text)))) => {
                    let mut out = Vec::new();
                    if !has_text {
                        out.push(Event::Text(url));
                    }
                    out.push(Event::End(TagEnd::Link));
                    out
                }
                Some((false, None)) if link_depth > 0 => Vec::new(),
                _ => vec![Event::End(TagEnd::Image)],
            },
            other => vec![other],
        }
    })
}

/// Whether an image address is on the platform itself: a path from the root, never a
/// protocol-relative `//host` address.
fn is_local(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/\\")
}

/// Checks Markdown a member is about to save: `required` text of at most `max` characters
/// (line endings normalised), and every image has alternative text — an image without it is
/// flagged to its author (`markdown-image-alt-missing`) rather than published unreadable.
pub fn body_text(field: &str, raw: &str, max: usize) -> crate::error::AppResult<String> {
    let text = crate::input::required(field, raw, max)?;
    check_images(field, &text)?;
    Ok(text)
}

/// Like [`body_text`] for text that may be empty.
pub fn optional_body_text(field: &str, raw: &str, max: usize) -> crate::error::AppResult<String> {
    let text = crate::input::optional(field, Some(raw), max)?;
    check_images(field, &text)?;
    Ok(text)
}

fn check_images(field: &str, text: &str) -> crate::error::AppResult<()> {
    if !text.contains("![") {
        return Ok(());
    }
    let mut in_image = false;
    let mut has_alt = false;
    for event in Parser::new_ext(text, base_options() | Options::ENABLE_WIKILINKS) {
        match event {
            Event::Start(Tag::Image { .. }) => {
                in_image = true;
                has_alt = false;
            }
            Event::Text(t) | Event::Code(t) if in_image => has_alt |= !t.trim().is_empty(),
            Event::End(TagEnd::Image) => {
                if !has_alt {
                    return Err(crate::error::AppError::invalid(
                        field,
                        "markdown-image-alt-missing",
                    ));
                }
                in_image = false;
            }
            _ => {}
        }
    }
    Ok(())
}

/// A heading of a rendered document, for its table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    pub text: String,
    /// The `id` of the heading in the rendered HTML.
    pub anchor: String,
}

/// Where a `[[link]]` points, as the caller resolved it.
#[derive(Debug, Clone)]
pub struct LinkTarget {
    pub href: String,
    /// A tooltip (e.g. "page not written yet"); empty for none.
    pub title: String,
}

/// The targets of the `[[links]]` in a document, in order of appearance, without repeats
/// (the text before `|`, trimmed).
pub fn wiki_link_targets(source: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for event in Parser::new_ext(source, base_options() | Options::ENABLE_WIKILINKS) {
        if let Event::Start(Tag::Link {
            link_type: LinkType::WikiLink { .. },
            dest_url,
            ..
        }) = event
        {
            let target = dest_url.trim().to_owned();
            if !target.is_empty() && !out.contains(&target) {
                out.push(target);
            }
        }
    }
    out
}

/// Element ids the page layout uses; a heading never takes one (it gets `-2`).
const RESERVED_IDS: &[&str] = &["contenuto", "site-search", "error-summary-title", "main"];

/// Renders a document: `[[links]]` go where `resolve` says, every heading gets a unique
/// anchor (its own `{#id}` if given, else a slug of its text). Returns the safe HTML and the
/// headings in order.
pub fn render_document(
    source: &str,
    resolve: &dyn Fn(&str) -> LinkTarget,
) -> (String, Vec<Heading>) {
    let mut events: Vec<Event<'_>> =
        parse(source, base_options() | Options::ENABLE_WIKILINKS).collect();
    let mut headings = Vec::new();
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let level = *level as u8;
                let own = id.as_ref().map(|s| s.to_string());
                let mut text = String::new();
                for e in &events[i + 1..] {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        _ => {}
                    }
                }
                let base = own
                    .map(|o| anchor_of(&o))
                    .filter(|a| !a.is_empty())
                    .unwrap_or_else(|| anchor_of(&text));
                let base = if base.is_empty() {
                    "sezione".to_owned()
                } else {
                    base
                };
                let mut anchor = base.clone();
                let mut n = 2;
                while !used.insert(anchor.clone()) {
                    anchor = format!("{base}-{n}");
                    n += 1;
                }
                events[i] = Event::Start(Tag::Heading {
                    level: heading_level(level),
                    id: Some(anchor.clone().into()),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                });
                headings.push(Heading {
                    level,
                    text: text.trim().to_owned(),
                    anchor,
                });
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                let target = resolve(dest_url.trim());
                events[i] = Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink {
                        has_pothole: *has_pothole,
                    },
                    dest_url: target.href.into(),
                    title: target.title.into(),
                    id: "".into(),
                });
            }
            _ => {}
        }
        i += 1;
    }
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events.into_iter());
    (sanitizer().clean(&unsafe_html).to_string(), headings)
}

fn heading_level(level: u8) -> HeadingLevel {
    match level {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A heading anchor: lower-case letters and digits (accents folded) joined by dashes.
pub fn anchor_of(text: &str) -> String {
    slug::slugify(text)
        .chars()
        .take(80)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
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
                    ("h5", ["id"].into_iter().collect()),
                    ("h6", ["id"].into_iter().collect()),
                    ("ol", ["start"].into_iter().collect()),
                ]
                .into_iter()
                .collect(),
            )
            .set_tag_attribute_value("input", "disabled", "")
            // Belt and braces behind `parse`: an image is only ever loaded from the platform.
            .attribute_filter(|element, attribute, value| {
                if element == "img" && attribute == "src" && !is_local(value) {
                    None
                } else {
                    Some(value.into())
                }
            });
        b
    })
}

/// Plain text from Markdown (for snippets, titles and search documents).
pub fn to_plain_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for event in Parser::new_ext(source, base_options() | Options::ENABLE_WIKILINKS) {
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

/// The first `max_chars` characters of [`to_plain_text`], with `…` when the text is longer:
/// the same text, but the Markdown is read only as far as the excerpt needs (a list page shows
/// twenty of them, and a body may be long).
pub fn excerpt(source: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(source.len().min(4 * max_chars + 16));
    // Characters in `out` from its first non-space one on (what trimming would keep, with any
    // trailing spaces).
    let mut kept = 0usize;
    fn push(out: &mut String, kept: &mut usize, text: &str) {
        let counted = if *kept == 0 { text.trim_start() } else { text };
        *kept += counted.chars().count();
        out.push_str(text);
    }
    for event in Parser::new_ext(source, base_options() | Options::ENABLE_WIKILINKS) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut out, &mut kept, &t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) if !out.ends_with(' ') => {
                push(&mut out, &mut kept, " ")
            }
            _ => {}
        }
        // Once the trimmed text is longer than the excerpt, what follows cannot change it:
        // the whole text's trimmed form begins with this one's.
        if kept > max_chars && out.trim().chars().count() > max_chars {
            break;
        }
    }
    let text = out.trim();
    let mut chars = text.chars();
    let mut excerpt: String = chars.by_ref().take(max_chars).collect();
    if chars.next().is_some() {
        excerpt.push('…');
    }
    excerpt
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt is the whole text's plain form cut, whatever the Markdown: read only as far
    /// as needed, it must give the same characters and the same ellipsis.
    #[test]
    fn an_excerpt_is_the_plain_text_cut_whatever_the_markdown() {
        use rand::{Rng, SeedableRng};
        let reference = |md: &str, max: usize| {
            let plain = to_plain_text(md);
            let mut out: String = plain.chars().take(max).collect();
            if plain.chars().count() > max {
                out.push('…');
            }
            out
        };
        let pieces = [
            "parola ",
            "**forte** ",
            "`codice` ",
            "\n\n",
            "\n",
            "   ",
            "- punto\n",
            "# Titolo\n",
            "[link][r]",
            "\n\n[r]: https://example.org\n",
            "<b>x</b>",
            "ò è ",
            "Ελληνικά ",
            "漢字",
            "> citazione\n",
            "```\nblocco\n```\n",
            "[[Pagina wiki]] ",
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "\u{00a0}",
            "x",
        ];
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let mut cases: Vec<String> = ["", " ", "\n\n", "a", "é"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for len in [0usize, 1, 5, 19, 20, 21, 22, 40, 219, 220, 221, 400] {
            cases.push("a".repeat(len));
            cases.push(format!("{}   \n\n", "b".repeat(len)));
            cases.push(format!("{} [x][r]\n\n[r]: /wiki/x", "c".repeat(len)));
        }
        for _ in 0..3000 {
            let n = rng.gen_range(0..60);
            cases.push(
                (0..n)
                    .map(|_| pieces[rng.gen_range(0..pieces.len())])
                    .collect(),
            );
        }
        for md in &cases {
            for max in [0usize, 1, 3, 20, 200, 220] {
                assert_eq!(
                    excerpt(md, max),
                    reference(md, max),
                    "{max} chars of {md:?}"
                );
            }
        }
    }

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
    fn outside_images_become_links_and_local_ones_stay() {
        let out = render("![Logo della Regione](https://tracker.example/p.gif) ![](https://x.example/a.png) ![Grafico](/static/g.png) [![Dentro](https://y.example/i.png)](https://z.example)");
        assert!(!out.contains("<img src=\"https"), "{out}");
        assert!(
            out.contains(r#"<a href="https://tracker.example/p.gif" rel="nofollow ugc noopener">Logo della Regione</a>"#),
            "{out}"
        );
        assert!(
            out.contains(r#">https://x.example/a.png</a>"#),
            "an image without text links with its address: {out}"
        );
        assert!(
            out.contains(r#"<img src="/static/g.png" alt="Grafico">"#),
            "{out}"
        );
        assert!(
            out.contains(">Dentro</a>") && !out.contains("y.example"),
            "{out}"
        );
        assert!(!render("![a](//evil.example/x.png)").contains("<img"));
    }

    #[test]
    fn images_without_alternative_text_are_flagged() {
        assert!(body_text("body_md", "![](/static/g.png)", 100).is_err());
        assert!(body_text("body_md", "![ ](https://x.example/a.png)", 100).is_err());
        assert!(body_text("body_md", "![Grafico](/static/g.png)", 100).is_ok());
        assert!(body_text("body_md", "`![](x)` in code", 100).is_ok());
        assert!(optional_body_text("body_md", "", 100).is_ok());
    }

    #[test]
    fn tables_and_code_survive() {
        let out = render("| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nlet x = 1 < 2;\n```");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("1 &lt; 2"), "{out}");
    }

    #[test]
    fn documents_resolve_wiki_links_and_anchor_headings() {
        let src = "# Intro\n\nSee [[Comunità di pratica]] and [[Temi|the themes]].\n\n## Intro\n\n`[[not a link]]`\n\n### Custom {#mine}";
        assert_eq!(
            wiki_link_targets(src),
            vec!["Comunità di pratica".to_owned(), "Temi".to_owned()]
        );
        let (html, headings) = render_document(src, &|t| LinkTarget {
            href: format!("/wiki/p/{}", anchor_of(t)),
            title: if t == "Temi" {
                "missing".into()
            } else {
                String::new()
            },
        });
        assert!(html.contains(r#"<a href="/wiki/p/comunita-di-pratica" rel="nofollow ugc noopener">Comunità di pratica</a>"#), "{html}");
        assert!(
            html.contains(r#"href="/wiki/p/temi" title="missing""#),
            "{html}"
        );
        assert!(html.contains(">the themes</a>"), "{html}");
        assert!(html.contains("<code>[[not a link]]</code>"), "{html}");
        let anchors: Vec<&str> = headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, vec!["intro", "intro-2", "mine"]);
        assert!(html.contains(r#"<h2 id="intro-2">"#), "{html}");
    }

    #[test]
    fn wiki_link_targets_cannot_inject_markup() {
        let (html, _) = render_document("[[x\" onmouseover=\"y|<b>z</b>]]", &|t| LinkTarget {
            href: format!("/wiki/nuova?titolo={}", crate::web::url_encode(t)),
            title: t.to_owned(),
        });
        assert!(!html.contains("<b>"), "{html}");
        assert!(!html.contains(" onmouseover=\"y"), "{html}");
    }
}
