//! A page as the viewer sees it (links resolved, breadcrumbs, backlinks), the page and
//! category lists, the Markdown export and the profile line.

use prassi_db::OneOfExt;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::markdown::{self, Heading, LinkTarget};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::people::{author_columns, AuthorRow, AuthorView};
use prassi_db::models::WikiPage;
use prassi_db::schema::{
    questions, users, wiki_categories, wiki_links, wiki_pages, wiki_promotions, wiki_redirects,
    wiki_revisions, wiki_talk, wiki_watches,
};
use prassi_db::{AnswerId, DbConnection, PageId, QuestionId, UserId};
use serde::Serialize;

use super::access::{may_edit, Found};
use super::writing::link_page_part;
use super::{new_page_url, page_url, slug_of, MAX_DEPTH};

/// A page named in a list or a link.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PageRef {
    pub title: String,
    pub slug: String,
    pub url: String,
}

impl PageRef {
    pub(super) fn new(title: String, slug: String) -> Self {
        PageRef {
            url: page_url(&slug),
            title,
            slug,
        }
    }
}

/// A question whose answer was promoted into the page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SourceRef {
    pub title: String,
    pub url: String,
}

/// Everything a page shows.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PageView {
    /// The working group it was written in.
    pub group: Option<prassi_core::groups::GroupLink>,
    pub id: String,
    pub title: String,
    pub slug: String,
    pub url: String,
    pub body_md: String,
    pub body_html: String,
    /// Headings with their anchors, for the table of contents.
    pub toc: Vec<Heading>,
    pub audience: String,
    pub protected: bool,
    pub revision: i32,
    pub categories: Vec<String>,
    /// Ancestors from the root down to the parent.
    pub breadcrumbs: Vec<PageRef>,
    pub parent_title: String,
    pub children: Vec<PageRef>,
    /// Pages the viewer may read that link here.
    pub backlinks: Vec<PageRef>,
    /// Questions whose answers were promoted here.
    pub sources: Vec<SourceRef>,
    pub last_author: Option<AuthorView>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub talk_count: i64,
    /// Viewer-specific.
    pub watching: bool,
    pub can_edit: bool,
    pub can_moderate: bool,
    pub can_talk: bool,
    /// The language of the text (pages mark it with `lang` where it differs).
    pub lang: String,
}

/// Resolves `[[links]]` in `bodies` for the viewer: existing readable pages link to them (by
/// their current slug, following renames); anything else links to the creation form. Two
/// queries whatever the number of links.
fn link_resolver(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    body: &str,
) -> AppResult<HashMap<String, String>> {
    let slugs: Vec<String> = markdown::wiki_link_targets(body)
        .iter()
        .map(|t| slug_of(link_page_part(t)))
        .filter(|s| !s.is_empty())
        .collect();
    if slugs.is_empty() {
        return Ok(HashMap::new());
    }
    let visible = access::visible_audiences(viewer, phase);
    let mut out: HashMap<String, String> = wiki_pages::table
        .filter(wiki_pages::slug.one_of(&slugs))
        .filter(wiki_pages::audience.one_of(&visible))
        .select((wiki_pages::slug, wiki_pages::slug))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let redirected: Vec<(String, String)> = wiki_redirects::table
        .inner_join(wiki_pages::table)
        .filter(wiki_redirects::slug.one_of(&slugs))
        .filter(wiki_pages::audience.one_of(&visible))
        .select((wiki_redirects::slug, wiki_pages::slug))
        .load(conn)?;
    out.extend(redirected);
    Ok(out)
}

/// Renders a body with its links resolved; `missing_title` is the tooltip of links to pages
/// not written yet.
pub(super) fn render(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    body: &str,
    missing_title: &str,
) -> AppResult<(String, Vec<Heading>)> {
    let known = link_resolver(conn, viewer, phase, body)?;
    Ok(markdown::render_document(body, &|target| {
        let (page, section) = match target.split_once('#') {
            Some((p, s)) => (p.trim(), Some(markdown::anchor_of(s))),
            None => (target.trim(), None),
        };
        let fragment = section
            .filter(|s| !s.is_empty())
            .map(|s| format!("#{s}"))
            .unwrap_or_default();
        if page.is_empty() {
            return LinkTarget {
                href: fragment,
                title: String::new(),
            };
        }
        match known.get(&slug_of(page)) {
            Some(slug) => LinkTarget {
                href: format!("{}{fragment}", page_url(slug)),
                title: String::new(),
            },
            None => LinkTarget {
                href: new_page_url(page),
                title: missing_title.to_owned(),
            },
        }
    }))
}

/// A page found with [`readable_page`] as the viewer sees it: a fixed number of queries, plus
/// one per ancestor level for the breadcrumbs (at most 20).
pub fn page_view(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    found: &Found,
    missing_title: &str,
) -> AppResult<PageView> {
    let page = &found.page;
    let visible = access::visible_audiences(viewer, phase);
    let (body_html, toc) = render(conn, viewer, phase, &page.body_md, missing_title)?;
    let mut categories: Vec<String> = wiki_categories::table
        .filter(wiki_categories::page_id.eq(&page.id))
        .select(wiki_categories::name)
        .load(conn)?;
    categories.sort();
    let breadcrumbs = ancestors(conn, page, &visible)?;
    let children: Vec<PageRef> = wiki_pages::table
        .filter(wiki_pages::parent_id.eq(&page.id))
        .filter(wiki_pages::audience.one_of(&visible))
        .order(wiki_pages::title.asc())
        .limit(200)
        .select((wiki_pages::title, wiki_pages::slug))
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(t, s)| PageRef::new(t, s))
        .collect();
    let mut names: Vec<String> = wiki_redirects::table
        .filter(wiki_redirects::page_id.eq(&page.id))
        .select(wiki_redirects::slug)
        .load(conn)?;
    names.push(page.slug.clone());
    let backlinks: Vec<PageRef> = wiki_links::table
        .inner_join(wiki_pages::table)
        .filter(wiki_links::to_slug.one_of(&names))
        .filter(wiki_pages::audience.one_of(&visible))
        .filter(wiki_pages::id.ne(&page.id))
        .order(wiki_pages::title.asc())
        .limit(500)
        .select((wiki_pages::title, wiki_pages::slug))
        .distinct()
        .load::<(String, String)>(conn)?
        .into_iter()
        .map(|(t, s)| PageRef::new(t, s))
        .collect();
    let sources: Vec<SourceRef> = wiki_promotions::table
        .inner_join(questions::table.on(questions::id.eq(wiki_promotions::question_id)))
        .filter(wiki_promotions::page_id.eq(&page.id))
        .filter(questions::audience.one_of(&visible))
        .order(wiki_promotions::created_at.asc())
        .select((questions::id, questions::title, wiki_promotions::answer_id))
        .load::<(QuestionId, String, AnswerId)>(conn)?
        .into_iter()
        .map(|(id, title, answer)| SourceRef {
            url: format!(
                "{}#risposta-{answer}",
                prassi_qa::service::question_url(&id, &title)
            ),
            title,
        })
        .collect();
    let last_author: Option<AuthorRow> = wiki_revisions::table
        .inner_join(users::table)
        .filter(wiki_revisions::page_id.eq(&page.id))
        .filter(wiki_revisions::number.eq(page.revision))
        .select(author_columns())
        .first(conn)
        .optional()?;
    let talk_count: i64 = wiki_talk::table
        .filter(wiki_talk::page_id.eq(&page.id))
        .count()
        .get_result(conn)?;
    let watching = match viewer.user_id() {
        Some(me) => diesel::select(diesel::dsl::exists(
            wiki_watches::table.find((me, &page.id)),
        ))
        .get_result(conn)?,
        None => false,
    };
    let audience = &found.audience;
    let group = prassi_core::groups::link(conn, page.group_id.as_ref())?;
    Ok(PageView {
        group,
        lang: page.lang.clone(),
        id: page.id.0.clone(),
        title: page.title.clone(),
        slug: page.slug.clone(),
        url: page_url(&page.slug),
        body_md: page.body_md.clone(),
        body_html,
        toc,
        audience: page.audience.clone(),
        protected: page.protected,
        revision: page.revision,
        categories,
        parent_title: breadcrumbs
            .last()
            .map(|p| p.title.clone())
            .unwrap_or_default(),
        breadcrumbs,
        children,
        backlinks,
        sources,
        last_author: last_author.as_ref().map(AuthorView::of),
        created_at: page.created_at,
        updated_at: page.updated_at,
        talk_count,
        watching,
        can_edit: may_edit(viewer, phase, found),
        can_moderate: access::can(viewer, phase, audience, Action::Moderate),
        can_talk: access::can(viewer, phase, audience, Action::Participate),
    })
}

/// The readable ancestors of a page, root first (one query per level, at most
/// [`MAX_DEPTH`]; wikis are shallow).
fn ancestors(
    conn: &mut DbConnection,
    page: &WikiPage,
    visible: &[String],
) -> AppResult<Vec<PageRef>> {
    let mut out = Vec::new();
    let mut cursor = page.parent_id.clone();
    let mut seen: HashSet<PageId> = HashSet::new();
    while let Some(id) = cursor {
        if out.len() >= MAX_DEPTH || !seen.insert(id.clone()) {
            break;
        }
        let row: Option<(String, String, String, Option<PageId>)> = wiki_pages::table
            .find(&id)
            .select((
                wiki_pages::title,
                wiki_pages::slug,
                wiki_pages::audience,
                wiki_pages::parent_id,
            ))
            .first(conn)
            .optional()?;
        let Some((title, slug, audience, parent)) = row else {
            break;
        };
        if !visible.contains(&audience) {
            break;
        }
        out.push(PageRef::new(title, slug));
        cursor = parent;
    }
    out.reverse();
    Ok(out)
}

/// A page in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PageSummary {
    pub title: String,
    pub slug: String,
    pub url: String,
    pub audience: String,
    pub protected: bool,
    pub revision: i32,
    pub updated_at: NaiveDateTime,
    /// The language of the page (lists mark titles with `lang` where it differs).
    pub lang: String,
}

/// The pages the viewer may read, by title; optionally one category's. Two queries.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    category: Option<&str>,
    page: PageRequest,
) -> AppResult<(Vec<PageSummary>, PageInfo)> {
    let visible = access::visible_audiences(viewer, phase);
    let filtered = || {
        let mut q = wiki_pages::table
            .filter(wiki_pages::audience.one_of(visible.clone()))
            .into_boxed();
        if let Some(c) = category {
            q = q.filter(
                wiki_pages::id.eq_any(
                    wiki_categories::table
                        .filter(wiki_categories::name.eq(c.to_owned()))
                        .select(wiki_categories::page_id),
                ),
            );
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    // Titles and settings, never the bodies.
    let rows: Vec<(String, String, String, bool, i32, NaiveDateTime, String)> = filtered()
        .order((wiki_pages::title.asc(), wiki_pages::id.asc()))
        .limit(page.per_page)
        .offset(page.offset())
        .select((
            wiki_pages::title,
            wiki_pages::slug,
            wiki_pages::audience,
            wiki_pages::protected,
            wiki_pages::revision,
            wiki_pages::updated_at,
            wiki_pages::lang,
        ))
        .load(conn)?;
    let items = rows
        .into_iter()
        .map(
            |(title, slug, audience, protected, revision, updated_at, lang)| PageSummary {
                url: page_url(&slug),
                title,
                slug,
                audience,
                protected,
                revision,
                updated_at,
                lang,
            },
        )
        .collect();
    Ok((items, page.info(total)))
}

/// A category with how many pages the viewer may read in it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CategoryCount {
    pub name: String,
    pub count: i64,
    pub url: String,
}

/// The categories of the pages the viewer may read (one query).
pub fn categories(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Vec<CategoryCount>> {
    let visible = access::visible_audiences(viewer, phase);
    let rows: Vec<(String, i64)> = wiki_categories::table
        .inner_join(wiki_pages::table)
        .filter(wiki_pages::audience.one_of(&visible))
        .group_by(wiki_categories::name)
        .select((wiki_categories::name, diesel::dsl::count_star()))
        .order(wiki_categories::name.asc())
        .limit(500)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(name, count)| CategoryCount {
            url: category_url(&name),
            name,
            count,
        })
        .collect())
}

/// The page listing a category.
pub fn category_url(name: &str) -> String {
    format!("/wiki/categoria/{}", prassi_core::web::url_encode(name))
}

/// The page as a Markdown document: its title as a heading, then its body.
pub fn export_markdown(found: &Found) -> String {
    let page = &found.page;
    format!("# {}\n\n{}\n", page.title, page.body_md.trim_end())
}

/// A member's wiki activity on their profile: revisions of pages the viewer may read.
pub fn profile_activity(
    conn: &mut DbConnection,
    member: &UserId,
    viewer: &Viewer,
    phase: Phase,
    lang: &str,
) -> AppResult<Vec<prassi_core::state::ActivityItem>> {
    let visible = access::visible_audiences(viewer, phase);
    let edits: i64 = wiki_revisions::table
        .inner_join(wiki_pages::table)
        .filter(wiki_revisions::author_id.eq(member))
        .filter(wiki_pages::audience.one_of(&visible))
        .count()
        .get_result(conn)?;
    let username: String = users::table
        .find(member)
        .select(users::username)
        .first(conn)?;
    Ok(vec![prassi_core::state::ActivityItem {
        label: prassi_core::i18n::t(lang, "wiki-profile-edits"),
        value: edits.to_string(),
        href: format!("/wiki/contributi/{username}"),
    }])
}
