//! Writing a feed as Atom (RFC 4287) with `atom_syndication`, from the neutral [`FeedDoc`] the
//! sources build. Kept apart from the sources so that every feed gets the same document-level
//! parts (`self` and `alternate` links, `xml:lang`, an author, a generator) and the same
//! treatment of user text: titles and plain summaries are text (escaped by the writer),
//! contents are HTML that the shared Markdown renderer sanitized (then escaped again as the
//! `type="html"` text of the element), and characters XML 1.0 cannot carry are dropped.

use atom_syndication::{
    Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, TextType, WriteConfig,
};
use chrono::{NaiveDateTime, TimeZone, Utc};
use prassi_core::error::{AppError, AppResult};

/// One entry of a feed, before it is written.
#[derive(Debug, Clone)]
pub struct EntryDoc {
    /// A stable `tag:` URI (see [`tag_uri`]).
    pub id: String,
    pub title: String,
    /// The language of the title and content, when the content says it.
    pub lang: Option<String>,
    pub updated: NaiveDateTime,
    pub published: Option<NaiveDateTime>,
    /// Display name; `None` leaves the feed's author (the site) as the entry's.
    pub author: Option<String>,
    /// Absolute URL of the item's page.
    pub link: String,
    /// Sanitized HTML (the Markdown renderer's output, or markup built with [`escape`]).
    pub content_html: Option<String>,
    /// Plain text.
    pub summary: Option<String>,
}

/// A whole feed, before it is written.
#[derive(Debug, Clone)]
pub struct FeedDoc {
    /// A stable `tag:` URI.
    pub id: String,
    pub title: String,
    /// The language of the feed's own texts (the request's).
    pub lang: String,
    /// Absolute URL of the feed itself, without any key.
    pub self_url: String,
    /// Absolute URL of the HTML page the feed follows.
    pub alternate_url: String,
    /// Who the feed is from when an entry names nobody: the site.
    pub author: String,
    /// Newest first.
    pub entries: Vec<EntryDoc>,
}

impl FeedDoc {
    /// When the feed last changed: its newest entry's `updated`, or the Unix epoch for an
    /// empty feed (a fixed value, so an empty feed keeps its validator between requests).
    pub fn updated(&self) -> NaiveDateTime {
        self.entries
            .iter()
            .map(|e| e.updated)
            .max()
            .unwrap_or_default()
    }
}

/// A `tag:` URI (RFC 4151) for something of this site: `tag:<host>,2026:<path>`. Ids of rows
/// are UUIDs that never change, so an entry keeps its id when its title (and so its page's
/// address) changes.
pub fn tag_uri(base_url: &str, path: &str) -> String {
    let host = url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| "prassi.invalid".to_owned());
    format!("tag:{host},2026:{path}")
}

/// Escapes text for inclusion in HTML that this module builds itself.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Drops the characters XML 1.0 cannot hold at all (controls other than tab and line breaks,
/// lone surrogates cannot occur in a `String`, U+FFFE and U+FFFF): the stored text is already
/// free of controls, this keeps a feed well-formed whatever reaches it.
fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && *c != '\u{FFFE}' && *c != '\u{FFFF}')
        })
        .collect()
}

fn when(t: NaiveDateTime) -> FixedDateTime {
    Utc.from_utc_datetime(&t).fixed_offset()
}

fn text(value: &str, lang: Option<&String>) -> Text {
    Text {
        value: xml_text(value),
        lang: lang.cloned(),
        ..Text::default()
    }
}

fn link(href: &str, rel: &str, mime: Option<&str>) -> Link {
    Link {
        href: xml_text(href),
        rel: rel.to_owned(),
        mime_type: mime.map(str::to_owned),
        ..Link::default()
    }
}

fn entry(e: &EntryDoc) -> Entry {
    Entry {
        id: xml_text(&e.id),
        title: text(&e.title, e.lang.as_ref()),
        updated: when(e.updated),
        published: e.published.map(when),
        authors: e
            .author
            .iter()
            .map(|name| Person {
                name: xml_text(name),
                ..Person::default()
            })
            .collect(),
        links: vec![link(&e.link, "alternate", Some("text/html"))],
        summary: e.summary.as_deref().map(|s| text(s, e.lang.as_ref())),
        content: e.content_html.as_deref().map(|html| Content {
            value: Some(xml_text(html)),
            content_type: Some("html".to_owned()),
            lang: e.lang.clone(),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

/// The feed as an Atom document (UTF-8, with the XML declaration).
pub fn write(doc: &FeedDoc) -> AppResult<String> {
    let feed = Feed {
        id: xml_text(&doc.id),
        title: Text {
            value: xml_text(&doc.title),
            r#type: TextType::Text,
            ..Text::default()
        },
        updated: when(doc.updated()),
        lang: Some(doc.lang.clone()),
        authors: vec![Person {
            name: xml_text(&doc.author),
            ..Person::default()
        }],
        generator: Some(Generator {
            value: "Prassi".to_owned(),
            ..Generator::default()
        }),
        links: vec![
            link(&doc.self_url, "self", Some("application/atom+xml")),
            link(&doc.alternate_url, "alternate", Some("text/html")),
        ],
        entries: doc.entries.iter().map(entry).collect(),
        ..Feed::default()
    };
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: None,
    };
    let bytes = feed
        .write_with_config(Vec::new(), config)
        .map_err(AppError::internal)?;
    String::from_utf8(bytes).map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_uris_name_the_host_and_survive_a_bad_base() {
        assert_eq!(
            tag_uri("https://prassi.example.it", "question/1"),
            "tag:prassi.example.it,2026:question/1"
        );
        assert_eq!(
            tag_uri("not a url", "x"),
            "tag:prassi.invalid,2026:x".to_owned()
        );
    }

    #[test]
    fn text_xml_cannot_hold_is_dropped_and_markup_is_escaped() {
        assert_eq!(xml_text("a\u{1}b\u{FFFF}\tc"), "ab\tc");
        assert_eq!(
            escape("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
