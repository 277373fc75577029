//! What each feed holds, as the viewer may read it. Every function here decides access itself
//! through the owning module's own service (`prassi_qa::service::list`,
//! `prassi_forum::service::readable_category`, `prassi_groups::content::stream::activity`,
//! `prassi_agenda::service::listing::between`) or the same audience filter those use
//! (`visible_audiences` on the wiki page's audience, as recent changes does), so a feed never
//! shows what the item's own page would refuse. Each reads at most [`FEED_LIMIT`] items
//! through an index, with a fixed number of queries and no count.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::i18n::{self, FluentArg};
use prassi_core::markdown;
use prassi_core::pagination::PageRequest;
use prassi_core::people::{authors_by_id, AuthorView};
use prassi_db::schema::{discussions, forum_posts, questions, users, wiki_pages, wiki_revisions};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, DiscussionId, EventStatus, PostId, QuestionId, UserId};

use super::atom::{escape, tag_uri, EntryDoc, FeedDoc};

/// Most entries in a feed.
pub const FEED_LIMIT: i64 = 50;

/// What every feed needs to know about the site and the request.
#[derive(Debug, Clone)]
pub struct Site {
    /// `PRASSI_BASE_URL` without a trailing slash.
    pub base: String,
    pub name: String,
    /// The request's language: the feed's own texts and `xml:lang`.
    pub lang: &'static str,
}

impl Site {
    fn abs(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
    fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }
    fn t_with(&self, key: &str, args: &[(&str, String)]) -> String {
        let args: Vec<(&str, FluentArg)> = args
            .iter()
            .map(|(k, v)| (*k, FluentArg::Str(v.clone())))
            .collect();
        i18n::t_args(self.lang, key, &args)
    }
    /// A feed of this site: `title · site`, with its self and alternate links.
    fn feed(&self, id: &str, title: String, feed_path: &str, page_path: &str) -> FeedDoc {
        FeedDoc {
            id: tag_uri(&self.base, id),
            title: format!("{title} · {}", self.name),
            lang: self.lang.to_owned(),
            self_url: self.abs(feed_path),
            alternate_url: self.abs(page_path),
            author: self.name.clone(),
            entries: Vec::new(),
        }
    }
}

fn lang_of(lang: &str) -> Option<String> {
    (!lang.is_empty()).then(|| lang.to_owned())
}

/// The newest questions the viewer may read, all or under one tag (`NotFound` for an unknown
/// tag, as its page). Through `prassi_qa::service::list`, plus one query for the bodies.
pub fn questions(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    site: &Site,
    tag: Option<&str>,
) -> AppResult<FeedDoc> {
    let (mut doc, tag_name) = match tag {
        Some(name) => {
            let tag = prassi_qa::service::tag_by_name(conn, name)?;
            let enc = prassi_core::web::url_encode(&tag.name);
            let doc = site.feed(
                &format!("feed/qa/tag/{}", tag.id),
                site.t_with("feeds-qa-tag-title", &[("name", tag.name.clone())]),
                &format!("/feed/qa/tags/{enc}"),
                &format!("/qa/tags/{enc}"),
            );
            (doc, Some(tag.name))
        }
        None => (
            site.feed("feed/qa", site.t("feeds-qa-title"), "/feed/qa", "/qa"),
            None,
        ),
    };
    let filter = prassi_qa::service::ListFilter {
        tab: Some(prassi_qa::service::ListTab::Newest),
        tag: tag_name,
        author: None,
    };
    let page = PageRequest {
        page: 1,
        per_page: FEED_LIMIT,
    };
    let (items, _) = prassi_qa::service::list(conn, viewer, phase, &filter, page)?;
    // The bodies of exactly the questions the list let through.
    let ids: Vec<QuestionId> = items.iter().map(|q| QuestionId(q.id.clone())).collect();
    let bodies: HashMap<QuestionId, (String, NaiveDateTime)> = if ids.is_empty() {
        HashMap::new()
    } else {
        questions::table
            .filter(questions::id.one_of(&ids))
            .select((questions::id, questions::body_md, questions::updated_at))
            .load::<(QuestionId, String, NaiveDateTime)>(conn)?
            .into_iter()
            .map(|(id, body, at)| (id, (body, at)))
            .collect()
    };
    doc.entries = items
        .into_iter()
        .map(|q| {
            let (body, updated) = bodies
                .get(&QuestionId(q.id.clone()))
                .map(|(b, at)| (Some(markdown::render(b)), *at))
                .unwrap_or((None, q.created_at));
            EntryDoc {
                id: tag_uri(&site.base, &format!("question/{}", q.id)),
                lang: lang_of(&q.lang),
                updated: updated.max(q.created_at),
                published: Some(q.created_at),
                author: Some(q.author.display_name.clone()),
                link: site.abs(&q.url),
                content_html: body,
                summary: (!q.tags.is_empty())
                    .then(|| site.t_with("feeds-qa-tags", &[("tags", q.tags.join(", "))])),
                title: q.title,
            }
        })
        .collect();
    Ok(doc)
}

/// A forum category's new discussions and replies, newest first (`NotFound` for a category
/// the viewer may not read, as its page). Hidden posts are left out.
///
/// The newest posts of a category are all in its most recently active discussions (each of
/// those has a post at least as new as its `last_post_at`), so the posts are read from the
/// [`FEED_LIMIT`] discussions last posted in, no older than the oldest of them: two index
/// walks however large the category, and one more to tell opening posts from replies.
pub fn forum_category(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    site: &Site,
    slug: &str,
) -> AppResult<FeedDoc> {
    let (category, _) = prassi_forum::service::readable_category(conn, slug, viewer, phase)?;
    let mut doc = site.feed(
        &format!("feed/forum/{}", category.id),
        site.t_with("feeds-forum-title", &[("name", category.name.clone())]),
        &format!("/feed/forum/c/{}", category.slug),
        &format!("/forum/c/{}", category.slug),
    );
    let recent: Vec<(DiscussionId, String, NaiveDateTime)> = discussions::table
        .filter(discussions::category_id.eq(&category.id))
        .order((discussions::last_post_at.desc(), discussions::id.desc()))
        .limit(FEED_LIMIT)
        .select((
            discussions::id,
            discussions::title,
            discussions::last_post_at,
        ))
        .load(conn)?;
    if recent.is_empty() {
        return Ok(doc);
    }
    let oldest = if recent.len() as i64 == FEED_LIMIT {
        recent.last().map(|r| r.2)
    } else {
        None
    };
    let titles: HashMap<DiscussionId, String> = recent
        .iter()
        .map(|(id, title, _)| (id.clone(), title.clone()))
        .collect();
    let ids: Vec<DiscussionId> = recent.into_iter().map(|r| r.0).collect();
    let mut q = forum_posts::table
        .inner_join(users::table.on(users::id.eq(forum_posts::author_id)))
        .filter(forum_posts::discussion_id.one_of(&ids))
        .filter(forum_posts::hidden_reason.is_null())
        .into_boxed();
    if let Some(t) = oldest {
        q = q.filter(forum_posts::created_at.ge(t));
    }
    type PostRow = (
        PostId,
        DiscussionId,
        String,
        String,
        NaiveDateTime,
        NaiveDateTime,
        String,
    );
    let posts: Vec<PostRow> = q
        .order((forum_posts::created_at.desc(), forum_posts::id.desc()))
        .limit(FEED_LIMIT)
        .select((
            forum_posts::id,
            forum_posts::discussion_id,
            forum_posts::body_md,
            forum_posts::lang,
            forum_posts::created_at,
            forum_posts::updated_at,
            users::display_name,
        ))
        .load(conn)?;
    let openings = opening_posts(conn, &posts.iter().map(|p| p.0.clone()).collect::<Vec<_>>())?;
    doc.entries = posts
        .into_iter()
        .filter_map(|(id, discussion, body, lang, created, updated, author)| {
            let title = titles.get(&discussion)?;
            let opening = openings.contains(&id);
            Some(EntryDoc {
                id: tag_uri(&site.base, &format!("forum-post/{id}")),
                title: if opening {
                    title.clone()
                } else {
                    site.t_with("feeds-forum-reply-title", &[("title", title.clone())])
                },
                lang: lang_of(&lang),
                updated: updated.max(created),
                published: Some(created),
                author: Some(author),
                link: site.abs(&format!(
                    "{}#post-{id}",
                    prassi_forum::service::discussion_url(&discussion, title)
                )),
                content_html: Some(markdown::render(&body)),
                summary: None,
            })
        })
        .collect();
    Ok(doc)
}

/// Which of `ids` open their discussion (no earlier post in it): one query over those posts,
/// each checked through the `(discussion_id, created_at)` index.
fn opening_posts(conn: &mut DbConnection, ids: &[PostId]) -> AppResult<Vec<PostId>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let earlier = diesel::alias!(forum_posts as earlier);
    Ok(forum_posts::table
        .filter(forum_posts::id.one_of(ids))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            earlier
                .filter(
                    earlier
                        .field(forum_posts::discussion_id)
                        .eq(forum_posts::discussion_id),
                )
                .filter(
                    earlier
                        .field(forum_posts::created_at)
                        .lt(forum_posts::created_at),
                )
                .select(earlier.field(forum_posts::id)),
        )))
        .select(forum_posts::id)
        .load(conn)?)
}

/// The wiki's recent changes the viewer may read: the newest revisions of pages in their
/// audiences, through the `created_at` index (the query of `prassi_wiki::service::changes`,
/// without its count), and one query for the authors.
pub fn wiki_changes(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    site: &Site,
) -> AppResult<FeedDoc> {
    let mut doc = site.feed(
        "feed/wiki/changes",
        site.t("feeds-wiki-title"),
        "/feed/wiki/modifiche",
        "/wiki/modifiche",
    );
    let visible = access::visible_audiences(viewer, phase);
    type Row = (
        String,
        i32,
        Option<UserId>,
        String,
        String,
        prassi_db::WikiRevisionKind,
        NaiveDateTime,
        String,
        String,
    );
    let rows: Vec<Row> = wiki_revisions::table
        .inner_join(wiki_pages::table)
        .filter(wiki_pages::audience.one_of(visible))
        .order((
            wiki_revisions::created_at.desc(),
            wiki_revisions::number.desc(),
        ))
        .limit(FEED_LIMIT)
        .select((
            wiki_revisions::id,
            wiki_revisions::number,
            wiki_revisions::author_id,
            wiki_revisions::title,
            wiki_revisions::summary,
            wiki_revisions::kind,
            wiki_revisions::created_at,
            wiki_pages::slug,
            wiki_pages::lang,
        ))
        .load(conn)?;
    let author_ids: Vec<UserId> = rows.iter().filter_map(|r| r.2.clone()).collect();
    let authors = authors_by_id(conn, &author_ids)?;
    doc.entries = rows
        .into_iter()
        .map(
            |(id, number, author, title, summary, kind, created, slug, lang)| {
                let page = prassi_wiki::service::page_url(&slug);
                let (link, link_label) = if number > 1 {
                    (
                        format!("{page}/differenze?da={}&a={number}", number - 1),
                        site.t("feeds-wiki-diff-link"),
                    )
                } else {
                    (page.clone(), site.t("feeds-wiki-page-link"))
                };
                let kind_label = site.t(&format!("feeds-wiki-kind-{}", kind.as_str()));
                let mut html = format!(
                    "<p>{}</p>",
                    escape(&site.t_with(
                        "feeds-wiki-revision",
                        &[("kind", kind_label), ("number", number.to_string())]
                    ))
                );
                if !summary.is_empty() {
                    html.push_str(&format!(
                        "<blockquote><p>{}</p></blockquote>",
                        escape(&summary)
                    ));
                }
                html.push_str(&format!(
                    "<p><a href=\"{}\">{}</a></p>",
                    escape(&site.abs(&link)),
                    escape(&link_label)
                ));
                EntryDoc {
                    id: tag_uri(&site.base, &format!("wiki-revision/{id}")),
                    title,
                    lang: lang_of(&lang),
                    updated: created,
                    published: Some(created),
                    author: author
                        .as_ref()
                        .and_then(|a| authors.get(a))
                        .map(|a| AuthorView::of(a).display_name),
                    link: site.abs(&link),
                    content_html: Some(html),
                    summary: None,
                }
            },
        )
        .collect();
    Ok(doc)
}

/// The agenda's coming events the viewer may see (from the start of today in Rome, the next
/// [`FEED_LIMIT`] by start, drafts never), newest published or changed first. Through
/// `prassi_agenda::service::listing::between`, the agenda's own audience filter.
pub fn agenda(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    site: &Site,
) -> AppResult<FeedDoc> {
    use prassi_agenda::time;
    let mut doc = site.feed(
        "feed/agenda",
        site.t("feeds-agenda-title"),
        "/feed/agenda",
        "/agenda",
    );
    let today = time::to_local(prassi_db::now()).date();
    let from = time::day_start_utc(today);
    let to = from + chrono::Duration::days(3_650);
    let mut events =
        prassi_agenda::service::listing::between(conn, viewer, phase, from, to, FEED_LIMIT)?;
    events.retain(|e| e.status != EventStatus::Draft);
    events.sort_by(|a, b| (b.updated_at, &b.id).cmp(&(a.updated_at, &a.id)));
    doc.entries = events
        .into_iter()
        .map(|e| {
            let when = time::When::of(e.starts_at, e.ends_at);
            let mut line = format!("{} {}–{}", when.date_short, when.start_time, when.end_time);
            line.push_str(" · ");
            line.push_str(&site.t(&format!("agenda-format-{}", e.format.as_str())));
            if !e.venue.is_empty() {
                line.push_str(" · ");
                line.push_str(&e.venue);
            }
            let mut html = String::new();
            if e.status != EventStatus::Published {
                html.push_str(&format!(
                    "<p><strong>{}</strong></p>",
                    escape(&site.t(&format!("agenda-status-{}", e.status.as_str())))
                ));
            }
            html.push_str(&format!("<p>{}</p>", escape(&line)));
            html.push_str(&markdown::render(&e.description_md));
            let title = if e.status == EventStatus::Published {
                e.title.clone()
            } else {
                format!(
                    "{} ({})",
                    e.title,
                    site.t(&format!("agenda-status-{}", e.status.as_str()))
                )
            };
            EntryDoc {
                id: tag_uri(&site.base, &format!("event/{}", e.id)),
                title,
                lang: None,
                updated: e.updated_at.max(e.created_at),
                published: Some(e.created_at),
                author: None,
                link: site.abs(&prassi_agenda::service::event_url(&e.id)),
                content_html: Some(html),
                summary: Some(line),
            }
        })
        .collect();
    Ok(doc)
}

/// A working group's activity stream (its questions, discussions, pages and events), newest
/// first, exactly as `prassi_groups::content::stream::activity` gives it to the viewer:
/// `NotFound` for a group they may not see or whose content they may not read.
pub fn group_activity(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    site: &Site,
    slug: &str,
) -> AppResult<FeedDoc> {
    use prassi_groups::content::stream::{activity, ActivityKind};
    let (group, page) = activity(conn, viewer, phase, slug, None, Some(FEED_LIMIT))?;
    let mut doc = site.feed(
        &format!("feed/group/{}", group.group.id),
        site.t_with("feeds-group-title", &[("name", group.group.name.clone())]),
        &format!("/feed/gruppi/{}/attivita", group.group.slug),
        &format!("/gruppi/{}/attivita", group.group.slug),
    );
    doc.entries = page
        .items
        .into_iter()
        .map(|item| {
            let kind = match item.kind {
                ActivityKind::Question => "question",
                ActivityKind::Discussion => "discussion",
                ActivityKind::Page => "page",
                ActivityKind::Event => "event",
            };
            let label = site.t(&format!("feeds-group-kind-{kind}"));
            EntryDoc {
                id: tag_uri(&site.base, &format!("{kind}/{}", item.id)),
                lang: lang_of(&item.lang),
                updated: item.at,
                published: None,
                author: item.author,
                link: site.abs(&item.url),
                content_html: Some(format!(
                    "<p>{}: <a href=\"{}\">{}</a></p>",
                    escape(&label),
                    escape(&site.abs(&item.url)),
                    escape(&item.title)
                )),
                summary: None,
                title: item.title,
            }
        })
        .collect();
    Ok(doc)
}
