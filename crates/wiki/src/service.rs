//! Wiki services: pages (audience, parent, categories, protection), `[[links]]` and
//! backlinks, saves conditioned on the revision they started from (three-way merge or
//! conflict), history, differences and restores, recent changes and contributions, watches,
//! talk pages, Markdown export and promotion of accepted Q&A answers. Every read goes through
//! the shared access rule via the page's audience; a page the viewer may not read answers
//! "not found".

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::history::{word_diff, DiffSegment};
use prassi_core::input::{content_lang, optional, required_between, Checks};
use prassi_core::markdown::body_text;
use prassi_core::notify::{self, EventKind, ItemKind};

/// The language of content whose author did not choose one: the site's.
const DEFAULT_LANG: &str = prassi_core::i18n::LANGUAGES[0];
use prassi_core::markdown::{self, Heading, LinkTarget};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_core::people::{author_columns, authors_by_id, AuthorRow, AuthorView};
use prassi_db::models::{WikiPage, WikiRevision, WikiTalk};
use prassi_db::schema::{
    answers, questions, users, wiki_categories, wiki_links, wiki_pages, wiki_promotions,
    wiki_redirects, wiki_revisions, wiki_talk, wiki_watches,
};
use prassi_db::{AnswerId, DbConnection, PageId, QuestionId, TalkId, UserId, WikiRevisionKind};
use serde::{Deserialize, Serialize};

use crate::merge::{self, PageState};

/// Longest page title, in characters.
pub const MAX_TITLE: usize = 120;
/// Longest page body, in characters.
pub const MAX_BODY: usize = 100_000;
/// Most categories on one page.
pub const MAX_CATEGORIES: usize = 10;
/// Longest talk-page comment, in characters.
pub const MAX_TALK: usize = 10_000;
/// Deepest parent chain followed (breadcrumbs and cycle checks).
const MAX_DEPTH: usize = 20;

/// The URL slug of a title; also the key `[[links]]` resolve by, so "Comunità di pratica" and
/// "comunita di pratica" name the same page.
pub fn slug_of(title: &str) -> String {
    markdown::anchor_of(title)
}

/// The page's canonical URL.
pub fn page_url(slug: &str) -> String {
    format!("/wiki/p/{slug}")
}

/// The form that creates a page with this title.
pub fn new_page_url(title: &str) -> String {
    format!("/wiki/nuova?titolo={}", prassi_core::web::url_encode(title))
}

// ------------------------------------------------------------------------------ access

/// A page found by slug (directly or through a redirect left by a rename), and the proof that
/// a viewer may read it: only [`readable_page`] makes one, so functions that take a `&Found`
/// (its view, revisions, differences, talk, export) need no check of their own.
#[derive(Debug, Clone)]
pub struct Found {
    pub page: WikiPage,
    pub audience: Audience,
    /// True when `slug` was an old name of the page.
    pub redirected: bool,
    /// Private: no one outside this module can make a `Found`.
    _proof: Readable,
}

/// The private part of a [`Found`].
#[derive(Debug, Clone, Copy)]
struct Readable;

/// The page at `slug`, or `NotFound` when it does not exist or the viewer may not read it.
pub fn readable_page(
    conn: &mut DbConnection,
    slug: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Found> {
    let slug = slug.to_lowercase();
    let direct: Option<WikiPage> = wiki_pages::table
        .filter(wiki_pages::slug.eq(&slug))
        .select(WikiPage::as_select())
        .first(conn)
        .optional()?;
    let (page, redirected) = match direct {
        Some(p) => (p, false),
        None => {
            let p: WikiPage = wiki_redirects::table
                .inner_join(wiki_pages::table)
                .filter(wiki_redirects::slug.eq(&slug))
                .select(WikiPage::as_select())
                .first(conn)
                .optional()?
                .ok_or_else(AppError::not_found)?;
            (p, true)
        }
    };
    let audience = Audience::from_db(&page.audience).ok_or_else(AppError::not_found)?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    Ok(Found {
        page,
        audience,
        redirected,
        _proof: Readable,
    })
}

/// The edit rule for a page (the shared [`access::check_edit`]): anyone taking part in its
/// audience, and for a protected page only its moderators.
fn edit_rule(page: &WikiPage) -> access::EditRule<'static> {
    access::EditRule {
        editors: access::Editors::Participants,
        moderators_only: page.protected,
    }
}

/// Whether the viewer may edit a page (for the edit links and restore buttons).
pub fn may_edit(viewer: &Viewer, phase: Phase, found: &Found) -> bool {
    access::may_edit(viewer, phase, &found.audience, &edit_rule(&found.page))
}

/// [`may_edit`] as an error: `Unauthorized` for visitors, `Forbidden` for accounts that do not
/// take part in the page's audience, `Forbidden` with `wiki-page-protected` for participants
/// on a protected page.
fn require_edit(viewer: &Viewer, phase: Phase, found: &Found) -> AppResult<()> {
    access::check_edit(viewer, phase, &found.audience, &edit_rule(&found.page)).map_err(|refusal| {
        match refusal {
            access::EditRefusal::NotParticipant => AppError::forbidden(),
            other => other.error("wiki-page-protected"),
        }
    })
}

// ------------------------------------------------------------------------------ input

/// Parses a comma-separated list of categories: trimmed, inner spaces collapsed, at most 40
/// characters each and [`MAX_CATEGORIES`] in all, repeats (ignoring case) dropped, sorted.
pub fn parse_categories(text: &str) -> AppResult<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.split(',') {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            continue;
        }
        if name.chars().count() > 40 {
            return Err(AppError::invalid("categories", "wiki-category-too-long"));
        }
        if !out.iter().any(|c| c.to_lowercase() == name.to_lowercase()) {
            out.push(name);
        }
    }
    if out.len() > MAX_CATEGORIES {
        return Err(AppError::invalid("categories", "wiki-too-many-categories"));
    }
    out.sort();
    Ok(out)
}

fn validate_title(title: &str) -> AppResult<(String, String)> {
    let title = required_between("title", title, 2, MAX_TITLE, "wiki-title-too-short")?;
    let slug = slug_of(&title);
    if slug.is_empty() {
        return Err(AppError::invalid("title", "wiki-title-invalid"));
    }
    Ok((title, slug))
}

/// The parent named by `title` (empty for none): a page the viewer may read, never `page`
/// itself or one of its descendants.
fn resolve_parent(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    title: &str,
    page: Option<&PageId>,
) -> AppResult<Option<PageId>> {
    let title = title.trim();
    if title.is_empty() {
        return Ok(None);
    }
    let parent = readable_page(conn, &slug_of(title), viewer, phase)
        .map_err(|_| AppError::invalid("parent", "wiki-parent-not-found"))?
        .page;
    if let Some(page) = page {
        let mut cursor = Some(parent.id.clone());
        for _ in 0..MAX_DEPTH {
            let Some(id) = cursor else { break };
            if &id == page {
                return Err(AppError::invalid("parent", "wiki-parent-cycle"));
            }
            cursor = wiki_pages::table
                .find(&id)
                .select(wiki_pages::parent_id)
                .first::<Option<PageId>>(conn)
                .optional()?
                .flatten();
        }
    }
    Ok(Some(parent.id))
}

/// A new page.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PageInput {
    pub title: String,
    pub body_md: String,
    /// Comma-separated category names.
    pub categories: String,
    /// The parent page's title, or empty.
    pub parent: String,
    /// `public` or `members` (or `group:<id>` once groups exist); empty means `members`.
    pub audience: String,
    pub summary: String,
    /// The language of the text (`it`, `en`, `de`, `fr`, `sl`). Default: the site's, `it`.
    pub lang: String,
}

/// A save of an existing page.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SaveInput {
    pub title: String,
    pub body_md: String,
    /// Comma-separated category names.
    pub categories: String,
    /// The parent page's title, or empty.
    pub parent: String,
    pub summary: String,
    /// The language of the text; empty keeps the current one.
    pub lang: String,
    /// The revision the editor started from.
    #[serde(deserialize_with = "prassi_core::input::lenient_i32")]
    pub base_revision: i32,
}

// ------------------------------------------------------------------------------ writing

/// Writes a page's links and categories for its new body (replacing the old ones).
fn index_page(
    conn: &mut DbConnection,
    page: &PageId,
    body: &str,
    categories: &[String],
) -> AppResult<()> {
    diesel::delete(wiki_links::table.filter(wiki_links::from_page_id.eq(page))).execute(conn)?;
    let mut targets: Vec<String> = markdown::wiki_link_targets(body)
        .iter()
        .map(|t| slug_of(link_page_part(t)))
        .filter(|s| !s.is_empty())
        .collect();
    targets.sort();
    targets.dedup();
    for to in targets.iter().take(500) {
        diesel::insert_into(wiki_links::table)
            .values((
                wiki_links::from_page_id.eq(page),
                wiki_links::to_slug.eq(to),
            ))
            .execute(conn)?;
    }
    diesel::delete(wiki_categories::table.filter(wiki_categories::page_id.eq(page)))
        .execute(conn)?;
    for name in categories {
        diesel::insert_into(wiki_categories::table)
            .values((
                wiki_categories::page_id.eq(page),
                wiki_categories::name.eq(name),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// `Page#Section` → `Page`.
fn link_page_part(target: &str) -> &str {
    target.split('#').next().unwrap_or(target).trim()
}

/// Whether a slug is free for `page` (or for a new page): no other page has it, now or as an
/// old name.
fn slug_free(conn: &mut DbConnection, slug: &str, page: Option<&PageId>) -> AppResult<bool> {
    let owner: Option<PageId> = wiki_pages::table
        .filter(wiki_pages::slug.eq(slug))
        .select(wiki_pages::id)
        .first(conn)
        .optional()?;
    let redirect: Option<PageId> = wiki_redirects::table
        .find(slug)
        .select(wiki_redirects::page_id)
        .first(conn)
        .optional()?;
    let other = |o: &Option<PageId>| o.as_ref().is_some_and(|id| Some(id) != page);
    Ok(!other(&owner) && !other(&redirect))
}

fn watch(conn: &mut DbConnection, user: &UserId, page: &PageId) -> AppResult<()> {
    let watching: bool =
        diesel::select(diesel::dsl::exists(wiki_watches::table.find((user, page))))
            .get_result(conn)?;
    if watching {
        return Ok(());
    }
    // A simultaneous request of the same member may get there first: that is fine.
    prassi_db::insert_unless_exists(conn, |c| {
        diesel::insert_into(wiki_watches::table)
            .values((
                wiki_watches::user_id.eq(user),
                wiki_watches::page_id.eq(page),
                wiki_watches::created_at.eq(prassi_db::now()),
            ))
            .execute(c)
    })?;
    Ok(())
}

struct NewRevision<'a> {
    page: &'a PageId,
    number: i32,
    author: &'a UserId,
    state: &'a PageState,
    summary: &'a str,
    kind: WikiRevisionKind,
    restored_from: Option<i32>,
}

fn insert_revision(conn: &mut DbConnection, r: NewRevision<'_>) -> AppResult<()> {
    diesel::insert_into(wiki_revisions::table)
        .values(WikiRevision {
            id: prassi_db::fresh_id(),
            page_id: r.page.clone(),
            number: r.number,
            author_id: Some(r.author.clone()),
            title: r.state.title.clone(),
            body_md: r.state.body.clone(),
            categories: r.state.categories.join(", "),
            summary: r.summary.to_owned(),
            kind: r.kind,
            restored_from: r.restored_from,
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    Ok(())
}

/// Creates a page (revision 1) and watches it for its creator. Call inside a write transaction.
pub fn create(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    input: &PageInput,
) -> AppResult<WikiPage> {
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let audience = c.check_opt(match input.audience.trim() {
        "" => Ok(Audience::Members),
        a => Audience::from_db(a)
            .ok_or_else(|| AppError::invalid("audience", "wiki-audience-invalid")),
    });
    if let Some(audience) = &audience {
        if !access::can(viewer, phase, audience, Action::Participate) {
            if access::can(viewer, phase, audience, Action::Read) {
                return Err(AppError::forbidden());
            }
            c.fail("audience", "wiki-audience-invalid");
        }
    }
    let (title, slug) = c.check(validate_title(&input.title));
    let body = c.check(body_text("body_md", &input.body_md, MAX_BODY));
    let categories = c.check(parse_categories(&input.categories));
    let summary = c.check(optional("summary", Some(&input.summary), 200));
    let parent = c.check(resolve_parent(conn, viewer, phase, &input.parent, None));
    let lang = c.check(content_lang("lang", &input.lang, DEFAULT_LANG));
    if !c.has("title") && !slug_free(conn, &slug, None)? {
        c.fail("title", "wiki-title-taken");
    }
    c.finish()?;
    let audience = audience.ok_or_else(|| AppError::internal("audience checked"))?;
    let now = prassi_db::now();
    let page = WikiPage {
        id: PageId::new(),
        slug,
        title: title.clone(),
        body_md: body.clone(),
        audience: audience.to_db(),
        parent_id: parent.clone(),
        protected: false,
        revision: 1,
        created_by: Some(author.clone()),
        created_at: now,
        updated_at: now,
        lang,
    };
    diesel::insert_into(wiki_pages::table)
        .values(&page)
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::invalid("title", "wiki-title-taken"),
            other => other.into(),
        })?;
    let state = PageState {
        title,
        body,
        categories,
        parent,
    };
    insert_revision(
        conn,
        NewRevision {
            page: &page.id,
            number: 1,
            author: &author,
            state: &state,
            summary: &summary,
            kind: WikiRevisionKind::Create,
            restored_from: None,
        },
    )?;
    index_page(conn, &page.id, &state.body, &state.categories)?;
    watch(conn, &author, &page.id)?;
    crate::search::PAGES.touch(conn, page.id.as_str())?;
    notify::happened(
        conn,
        EventKind::WikiPageCreated,
        ItemKind::WikiPage,
        &page.id,
        &author,
        &page.audience,
    )?;
    Ok(page)
}

/// What a save did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum SaveOutcome {
    /// Saved as the next revision (or nothing changed: `revision` is then the current one).
    Saved { revision: i32, slug: String },
    /// The page had changed since `base_revision`; the changes did not overlap and were
    /// merged into a new revision.
    Merged { revision: i32, slug: String },
    /// The page had changed and the changes overlap: nothing was saved.
    Conflict(Box<Conflict>),
}

/// Everything the editor needs to resolve a conflict: the current page, their own text, and
/// the difference between the two.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Conflict {
    /// The revision the page is at now; resubmit with it as `base_revision`.
    pub current_revision: i32,
    pub current_title: String,
    pub current_body_md: String,
    pub current_categories: String,
    pub current_parent: String,
    /// Who saved the current revision.
    pub current_author: Option<AuthorView>,
    /// The editor's submission, untouched.
    pub mine: SaveInput,
    /// `title`, `body_md` and/or `parent`: what both sides changed.
    pub fields: Vec<String>,
    /// From the current text to the editor's text, word by word.
    pub diff: Vec<DiffSegment>,
}

fn state_of_revision(
    conn: &mut DbConnection,
    page: &WikiPage,
    number: i32,
) -> AppResult<(WikiRevision, PageState)> {
    let r: WikiRevision = wiki_revisions::table
        .filter(wiki_revisions::page_id.eq(&page.id))
        .filter(wiki_revisions::number.eq(number))
        .select(WikiRevision::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let state = PageState {
        title: r.title.clone(),
        body: r.body_md.clone(),
        categories: parse_categories(&r.categories).unwrap_or_default(),
        parent: page.parent_id.clone(),
    };
    Ok((r, state))
}

fn current_state(conn: &mut DbConnection, page: &WikiPage) -> AppResult<PageState> {
    let mut categories: Vec<String> = wiki_categories::table
        .filter(wiki_categories::page_id.eq(&page.id))
        .select(wiki_categories::name)
        .load(conn)?;
    categories.sort();
    Ok(PageState {
        title: page.title.clone(),
        body: page.body_md.clone(),
        categories,
        parent: page.parent_id.clone(),
    })
}

/// Moves the page from `page.revision` to `state` as the next revision, if nobody moved it
/// first. `Ok(false)` means the page changed underneath: reload and try again.
fn apply(
    conn: &mut DbConnection,
    page: &WikiPage,
    state: &PageState,
    author: &UserId,
    summary: &str,
    kind: WikiRevisionKind,
    restored_from: Option<i32>,
) -> AppResult<bool> {
    let slug = slug_of(&state.title);
    if slug != page.slug && !slug_free(conn, &slug, Some(&page.id))? {
        return Err(AppError::invalid("title", "wiki-title-taken"));
    }
    let next = page.revision + 1;
    let moved = diesel::update(
        wiki_pages::table
            .filter(wiki_pages::id.eq(&page.id))
            .filter(wiki_pages::revision.eq(page.revision)),
    )
    .set((
        wiki_pages::title.eq(&state.title),
        wiki_pages::slug.eq(&slug),
        wiki_pages::body_md.eq(&state.body),
        wiki_pages::parent_id.eq(&state.parent),
        wiki_pages::revision.eq(next),
        wiki_pages::updated_at.eq(prassi_db::now()),
    ))
    .execute(conn)
    .map_err(|e| match e {
        diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ) => AppError::invalid("title", "wiki-title-taken"),
        other => other.into(),
    })?;
    if moved == 0 {
        return Ok(false);
    }
    if slug != page.slug {
        // The old name keeps working: links and bookmarks follow the page.
        diesel::delete(wiki_redirects::table.find(&slug)).execute(conn)?;
        diesel::insert_into(wiki_redirects::table)
            .values((
                wiki_redirects::slug.eq(&page.slug),
                wiki_redirects::page_id.eq(&page.id),
                wiki_redirects::created_at.eq(prassi_db::now()),
            ))
            .execute(conn)?;
    }
    insert_revision(
        conn,
        NewRevision {
            page: &page.id,
            number: next,
            author,
            state,
            summary,
            kind,
            restored_from,
        },
    )?;
    index_page(conn, &page.id, &state.body, &state.categories)?;
    watch(conn, author, &page.id)?;
    crate::search::PAGES.touch(conn, page.id.as_str())?;
    notify::happened(
        conn,
        EventKind::WikiPageEdited,
        ItemKind::WikiPage,
        &page.id,
        author,
        &page.audience,
    )?;
    Ok(true)
}

fn reload(conn: &mut DbConnection, id: &PageId) -> AppResult<WikiPage> {
    Ok(wiki_pages::table
        .find(id)
        .select(WikiPage::as_select())
        .first(conn)?)
}

/// Saves an edit made from `input.base_revision`. If the page is still at that revision the
/// edit becomes the next one; if it moved on, the edit is merged three-way with what changed,
/// or — when both touched the same lines — nothing is written and the conflict is returned.
/// The update is conditioned on the revision read, so of two concurrent saves from the same
/// base exactly one wins outright. Call inside a write transaction.
pub fn save(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    input: &SaveInput,
) -> AppResult<SaveOutcome> {
    let found = readable_page(conn, slug, viewer, phase)?;
    require_edit(viewer, phase, &found)?;
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let (title, _) = c.check(validate_title(&input.title));
    let mine = PageState {
        title,
        body: c.check(body_text("body_md", &input.body_md, MAX_BODY)),
        categories: c.check(parse_categories(&input.categories)),
        parent: c.check(resolve_parent(
            conn,
            viewer,
            phase,
            &input.parent,
            Some(&found.page.id),
        )),
    };
    let summary = c.check(optional("summary", Some(&input.summary), 200));
    let lang = c.check(content_lang("lang", &input.lang, &found.page.lang));
    let base_number = input.base_revision;
    if base_number < 1 || base_number > found.page.revision {
        c.fail("base_revision", "wiki-base-invalid");
    }
    c.finish()?;
    let mut page = found.page;
    if lang != page.lang {
        // The language is a property of the page, not of a revision (like its audience).
        diesel::update(wiki_pages::table.find(&page.id))
            .set(wiki_pages::lang.eq(&lang))
            .execute(conn)?;
        crate::search::PAGES.touch(conn, page.id.as_str())?;
    }
    // At most a few rounds: each lost round means another save committed in between.
    for _ in 0..5 {
        let theirs = current_state(conn, &page)?;
        let (result, kind) = if page.revision == base_number {
            (mine.clone(), WikiRevisionKind::Edit)
        } else {
            let (_, mut base) = state_of_revision(conn, &page, base_number)?;
            // The parent is not versioned: the base is taken to have today's parent unless the
            // editor's form says otherwise.
            base.parent = theirs.parent.clone();
            match merge::merge(&base, &theirs, &mine) {
                Ok(merged) => (merged, WikiRevisionKind::Merge),
                Err(fields) => {
                    return Ok(SaveOutcome::Conflict(Box::new(conflict(
                        conn, &page, &theirs, input, fields,
                    )?)))
                }
            }
        };
        if result == theirs {
            return Ok(SaveOutcome::Saved {
                revision: page.revision,
                slug: page.slug,
            });
        }
        if apply(conn, &page, &result, &author, &summary, kind, None)? {
            let slug = slug_of(&result.title);
            let revision = page.revision + 1;
            return Ok(if kind == WikiRevisionKind::Merge {
                SaveOutcome::Merged { revision, slug }
            } else {
                SaveOutcome::Saved { revision, slug }
            });
        }
        page = reload(conn, &page.id)?;
    }
    Err(AppError::conflict("wiki-edit-busy"))
}

/// The title of the page's parent, or empty.
fn parent_title(conn: &mut DbConnection, page: &WikiPage) -> AppResult<String> {
    Ok(match &page.parent_id {
        Some(p) => wiki_pages::table
            .find(p)
            .select(wiki_pages::title)
            .first::<String>(conn)
            .optional()?
            .unwrap_or_default(),
        None => String::new(),
    })
}

/// The page at `slug` and its edit form filled with the current revision, for a viewer who may
/// edit it (`Unauthorized` for visitors, `Forbidden` when protected).
pub fn edit_form(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
) -> AppResult<(Found, SaveInput)> {
    let found = readable_page(conn, slug, viewer, phase)?;
    require_edit(viewer, phase, &found)?;
    let state = current_state(conn, &found.page)?;
    let form = SaveInput {
        title: state.title,
        body_md: state.body,
        categories: state.categories.join(", "),
        parent: parent_title(conn, &found.page)?,
        summary: String::new(),
        lang: found.page.lang.clone(),
        base_revision: found.page.revision,
    };
    Ok((found, form))
}

fn conflict(
    conn: &mut DbConnection,
    page: &WikiPage,
    theirs: &PageState,
    input: &SaveInput,
    fields: Vec<&'static str>,
) -> AppResult<Conflict> {
    let last_author: Option<UserId> = wiki_revisions::table
        .filter(wiki_revisions::page_id.eq(&page.id))
        .filter(wiki_revisions::number.eq(page.revision))
        .select(wiki_revisions::author_id)
        .first::<Option<UserId>>(conn)
        .optional()?
        .flatten();
    let authors = authors_by_id(conn, last_author.as_slice())?;
    let parent_title = parent_title(conn, page)?;
    Ok(Conflict {
        current_revision: page.revision,
        current_title: theirs.title.clone(),
        current_body_md: theirs.body.clone(),
        current_categories: theirs.categories.join(", "),
        current_parent: parent_title,
        current_author: last_author
            .as_ref()
            .and_then(|a| authors.get(a))
            .map(AuthorView::of),
        diff: word_diff(&theirs.body, &input.body_md),
        mine: input.clone(),
        fields: fields.into_iter().map(str::to_owned).collect(),
    })
}

/// Brings back revision `number` as a new revision. `base_revision` is the revision the
/// restorer was looking at: if the page moved on since, nothing is written (`Conflict`), so a
/// restore never discards an edit its author has not seen. Call inside a write transaction.
pub fn restore(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    number: i32,
    base_revision: i32,
    summary: &str,
) -> AppResult<i32> {
    let found = readable_page(conn, slug, viewer, phase)?;
    require_edit(viewer, phase, &found)?;
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let page = found.page;
    if base_revision != page.revision {
        return Err(AppError::conflict("wiki-restore-stale"));
    }
    if number >= page.revision {
        return Err(AppError::invalid("revision", "wiki-restore-invalid"));
    }
    let summary = optional("summary", Some(summary), 200)?;
    let (_, mut state) = state_of_revision(conn, &page, number)?;
    state.parent = page.parent_id.clone();
    if !apply(
        conn,
        &page,
        &state,
        &author,
        &summary,
        WikiRevisionKind::Restore,
        Some(number),
    )? {
        return Err(AppError::conflict("wiki-restore-stale"));
    }
    Ok(page.revision + 1)
}

/// Page settings only moderators change.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SettingsInput {
    /// Only moderators may edit a protected page.
    pub protected: bool,
    /// `public` or `members` (or `group:<id>`); empty keeps the current audience.
    pub audience: String,
}

/// Protects or unprotects a page and sets its audience. Moderators of both the current and the
/// new audience only. Call inside a write transaction.
pub fn set_settings(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    input: &SettingsInput,
) -> AppResult<String> {
    let found = readable_page(conn, slug, viewer, phase)?;
    require(viewer, phase, &found.audience, Action::Moderate)?;
    let audience = match input.audience.trim() {
        "" => found.audience.clone(),
        a => Audience::from_db(a)
            .filter(|a| access::can(viewer, phase, a, Action::Moderate))
            .ok_or_else(|| AppError::invalid("audience", "wiki-audience-invalid"))?,
    };
    diesel::update(wiki_pages::table.find(&found.page.id))
        .set((
            wiki_pages::protected.eq(input.protected),
            wiki_pages::audience.eq(audience.to_db()),
        ))
        .execute(conn)?;
    crate::search::PAGES.touch(conn, found.page.id.as_str())?;
    Ok(found.page.slug)
}

/// Starts or stops watching a page. Call inside a write transaction.
pub fn set_watch(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    on: bool,
) -> AppResult<String> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let found = readable_page(conn, slug, viewer, phase)?;
    if on {
        watch(conn, &me, &found.page.id)?;
    } else {
        diesel::delete(wiki_watches::table.find((&me, &found.page.id))).execute(conn)?;
    }
    Ok(found.page.slug)
}

/// A comment just added.
#[derive(Debug, Clone)]
pub struct TalkAdded {
    /// The page's slug.
    pub slug: String,
    pub id: TalkId,
    /// Its place on the talk page, from 1 (talk pages list oldest first).
    pub position: i64,
}

/// Adds a comment to a page's talk page (anyone taking part in its audience, protected or
/// not). Call inside a write transaction.
pub fn add_talk(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    body_md: &str,
) -> AppResult<TalkAdded> {
    let found = readable_page(conn, slug, viewer, phase)?;
    require(viewer, phase, &found.audience, Action::Participate)?;
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let body = body_text("body_md", body_md, MAX_TALK)?;
    let id = TalkId::new();
    diesel::insert_into(wiki_talk::table)
        .values(WikiTalk {
            id: id.clone(),
            page_id: found.page.id.clone(),
            author_id: author,
            body_md: body,
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    let position: i64 = wiki_talk::table
        .filter(wiki_talk::page_id.eq(&found.page.id))
        .count()
        .get_result(conn)?;
    Ok(TalkAdded {
        slug: found.page.slug,
        id,
        position,
    })
}

// ------------------------------------------------------------------------------ promotion

/// Promoting an accepted answer: into a new page, or appended to an existing one.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PromoteInput {
    /// `new` or `append`.
    pub mode: String,
    /// The new page's title, or the title of the page to append to.
    pub title: String,
}

/// The answer to promote with its question, checked: readable, accepted, and the viewer takes
/// part in the question's audience.
pub fn promotable_answer(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    answer: &AnswerId,
) -> AppResult<(
    prassi_db::models::Question,
    Audience,
    prassi_db::models::Answer,
    AuthorRow,
)> {
    let row: Option<(prassi_db::models::Answer, AuthorRow)> = answers::table
        .inner_join(users::table)
        .filter(answers::id.eq(answer))
        .select((prassi_db::models::Answer::as_select(), author_columns()))
        .first(conn)
        .optional()?;
    let (a, author) = row.ok_or_else(AppError::not_found)?;
    let (q, audience) = prassi_qa::service::readable_question(conn, &a.question_id, viewer, phase)?;
    require(viewer, phase, &audience, Action::Participate)?;
    if q.accepted_answer_id.as_ref() != Some(&a.id) {
        return Err(AppError::invalid("answer", "wiki-promote-not-accepted"));
    }
    Ok((q, audience, a, author))
}

/// Escapes Markdown punctuation so text is shown as written.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The section an answer becomes: the question as heading, the answer, and a credit line naming
/// the author and linking back to the question.
fn promoted_section(
    q: &prassi_db::models::Question,
    a: &prassi_db::models::Answer,
    author: &AuthorRow,
) -> String {
    let question_url = format!(
        "{}#risposta-{}",
        prassi_qa::service::question_url(&q.id, &q.title),
        a.id
    );
    format!(
        "## {}\n\n{}\n\n*Fonte: risposta di {} ([@{}](/membri/{})) alla domanda [{}]({}).*\n",
        md_escape(&q.title),
        a.body_md.trim_end(),
        md_escape(&author.2),
        md_escape(&author.1),
        author.1,
        md_escape(&q.title),
        question_url
    )
}

/// Promotes an accepted answer into a new page (with the question's audience) or appends it to
/// an existing page whose readers may all read the question. Records the promotion so the
/// question shows it. Returns the page's slug. Call inside a write transaction.
pub fn promote(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    answer: &AnswerId,
    input: &PromoteInput,
) -> AppResult<String> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let (q, q_audience, a, author) = promotable_answer(conn, viewer, phase, answer)?;
    let section = promoted_section(&q, &a, &author);
    let (page_id, slug, revision) = match input.mode.as_str() {
        "new" => {
            let page = create(
                conn,
                viewer,
                phase,
                &PageInput {
                    title: input.title.clone(),
                    body_md: section,
                    audience: q_audience.to_db(),
                    summary: String::new(),
                    ..Default::default()
                },
            )?;
            diesel::update(wiki_revisions::table.filter(wiki_revisions::page_id.eq(&page.id)))
                .set(wiki_revisions::kind.eq(WikiRevisionKind::Promote))
                .execute(conn)?;
            (page.id, page.slug, 1)
        }
        "append" => {
            let found = readable_page(conn, &slug_of(&input.title), viewer, phase)
                .map_err(|_| AppError::invalid("title", "wiki-promote-page-not-found"))?;
            require_edit(viewer, phase, &found)?;
            if !access::is_within(&found.audience, &q_audience) {
                return Err(AppError::invalid("title", "wiki-promote-audience"));
            }
            let already: bool = diesel::select(diesel::dsl::exists(
                wiki_promotions::table.find((&a.id, &found.page.id)),
            ))
            .get_result(conn)?;
            if already {
                return Err(AppError::invalid("title", "wiki-promote-already"));
            }
            let mut page = found.page;
            let mut done = None;
            for _ in 0..5 {
                let mut state = current_state(conn, &page)?;
                state.body = format!("{}\n\n{}", state.body.trim_end(), section);
                if apply(
                    conn,
                    &page,
                    &state,
                    &me,
                    "",
                    WikiRevisionKind::Promote,
                    None,
                )? {
                    done = Some(page.revision + 1);
                    break;
                }
                page = reload(conn, &page.id)?;
            }
            let revision = done.ok_or_else(|| AppError::conflict("wiki-edit-busy"))?;
            (page.id, page.slug, revision)
        }
        _ => return Err(AppError::invalid("mode", "wiki-promote-mode")),
    };
    diesel::insert_into(wiki_promotions::table)
        .values((
            wiki_promotions::answer_id.eq(&a.id),
            wiki_promotions::page_id.eq(&page_id),
            wiki_promotions::question_id.eq(&q.id),
            wiki_promotions::revision.eq(revision),
            wiki_promotions::promoted_by.eq(&me),
            wiki_promotions::created_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    Ok(slug)
}

// ------------------------------------------------------------------------------ reading

/// A page named in a list or a link.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PageRef {
    pub title: String,
    pub slug: String,
    pub url: String,
}

impl PageRef {
    fn new(title: String, slug: String) -> Self {
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
        .filter(wiki_pages::slug.eq_any(&slugs))
        .filter(wiki_pages::audience.eq_any(&visible))
        .select((wiki_pages::slug, wiki_pages::slug))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let redirected: Vec<(String, String)> = wiki_redirects::table
        .inner_join(wiki_pages::table)
        .filter(wiki_redirects::slug.eq_any(&slugs))
        .filter(wiki_pages::audience.eq_any(&visible))
        .select((wiki_redirects::slug, wiki_pages::slug))
        .load(conn)?;
    out.extend(redirected);
    Ok(out)
}

/// Renders a body with its links resolved; `missing_title` is the tooltip of links to pages
/// not written yet.
fn render(
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
        .filter(wiki_pages::audience.eq_any(&visible))
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
        .filter(wiki_links::to_slug.eq_any(&names))
        .filter(wiki_pages::audience.eq_any(&visible))
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
        .filter(questions::audience.eq_any(&visible))
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
    Ok(PageView {
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
            .filter(wiki_pages::audience.eq_any(visible.clone()))
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
        .filter(wiki_pages::audience.eq_any(&visible))
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

/// One revision in recent changes, contributions, watchlists and page histories.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChangeView {
    pub page: PageRef,
    pub number: i32,
    /// `create`, `edit`, `merge`, `restore` or `promote`.
    pub kind: String,
    pub restored_from: Option<i32>,
    pub summary: String,
    pub title: String,
    pub author: Option<AuthorView>,
    pub created_at: NaiveDateTime,
    /// Size of the body in characters.
    pub size: usize,
    /// The difference against the revision before (empty for the first).
    pub diff_url: String,
    pub revision_url: String,
}

/// Which changes to list.
#[derive(Debug, Clone, Default)]
pub struct ChangeFilter {
    /// Only this page's revisions (its history).
    pub page: Option<PageId>,
    /// Only this member's (by username).
    pub member: Option<String>,
    /// Only pages in this category.
    pub category: Option<String>,
    /// Only pages this account watches.
    pub watched_by: Option<UserId>,
}

/// Revisions of pages the viewer may read, newest first. Three queries.
pub fn changes(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    filter: &ChangeFilter,
    page: PageRequest,
) -> AppResult<(Vec<ChangeView>, PageInfo)> {
    let visible = access::visible_audiences(viewer, phase);
    let filtered = || {
        let mut q = wiki_revisions::table
            .inner_join(wiki_pages::table)
            .filter(wiki_pages::audience.eq_any(visible.clone()))
            .into_boxed();
        if let Some(p) = &filter.page {
            q = q.filter(wiki_revisions::page_id.eq(p.clone()));
        }
        // An unknown member simply has no changes.
        if let Some(m) = &filter.member {
            q = q.filter(
                wiki_revisions::author_id.eq_any(
                    users::table
                        .filter(users::username.eq(m.to_lowercase()))
                        .select(users::id.nullable()),
                ),
            );
        }
        if let Some(c) = &filter.category {
            q = q.filter(
                wiki_revisions::page_id.eq_any(
                    wiki_categories::table
                        .filter(wiki_categories::name.eq(c.clone()))
                        .select(wiki_categories::page_id),
                ),
            );
        }
        if let Some(w) = &filter.watched_by {
            q = q.filter(
                wiki_revisions::page_id.eq_any(
                    wiki_watches::table
                        .filter(wiki_watches::user_id.eq(w.clone()))
                        .select(wiki_watches::page_id),
                ),
            );
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    // Everything but the bodies: only their size is shown (`length` counts characters on
    // both backends).
    type Row = (
        i32,
        Option<UserId>,
        String,
        String,
        WikiRevisionKind,
        Option<i32>,
        NaiveDateTime,
        i32,
        String,
        String,
    );
    let rows: Vec<Row> = filtered()
        .order((
            wiki_revisions::created_at.desc(),
            wiki_revisions::number.desc(),
        ))
        .limit(page.per_page)
        .offset(page.offset())
        .select((
            wiki_revisions::number,
            wiki_revisions::author_id,
            wiki_revisions::title,
            wiki_revisions::summary,
            wiki_revisions::kind,
            wiki_revisions::restored_from,
            wiki_revisions::created_at,
            diesel::dsl::sql::<diesel::sql_types::Integer>("length(wiki_revisions.body_md)"),
            wiki_pages::title,
            wiki_pages::slug,
        ))
        .load(conn)?;
    let author_ids: Vec<UserId> = rows.iter().filter_map(|r| r.1.clone()).collect();
    let authors = authors_by_id(conn, &author_ids)?;
    let items = rows
        .into_iter()
        .map(
            |(
                number,
                author_id,
                revision_title,
                summary,
                kind,
                restored_from,
                created_at,
                size,
                title,
                slug,
            )| {
                let url = page_url(&slug);
                ChangeView {
                    diff_url: if number > 1 {
                        format!("{url}/differenze?da={}&a={number}", number - 1)
                    } else {
                        String::new()
                    },
                    revision_url: format!("{url}/revisione/{number}"),
                    page: PageRef::new(title, slug),
                    number,
                    kind: kind.as_str().to_owned(),
                    restored_from,
                    summary,
                    size: usize::try_from(size).unwrap_or(0),
                    title: revision_title,
                    author: author_id
                        .as_ref()
                        .and_then(|a| authors.get(a))
                        .map(AuthorView::of),
                    created_at,
                }
            },
        )
        .collect();
    Ok((items, page.info(total)))
}

/// One revision of a page, rendered.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionDetail {
    pub number: i32,
    pub title: String,
    pub body_md: String,
    pub body_html: String,
    pub categories: String,
    pub summary: String,
    pub kind: String,
    pub author: Option<AuthorView>,
    pub created_at: NaiveDateTime,
    pub is_current: bool,
}

/// Revision `number` of a readable page.
pub fn revision(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    found: &Found,
    number: i32,
    missing_title: &str,
) -> AppResult<RevisionDetail> {
    let (r, _) = state_of_revision(conn, &found.page, number)?;
    let (body_html, _) = render(conn, viewer, phase, &r.body_md, missing_title)?;
    let authors = authors_by_id(conn, r.author_id.as_slice())?;
    Ok(RevisionDetail {
        number: r.number,
        author: r
            .author_id
            .as_ref()
            .and_then(|a| authors.get(a))
            .map(AuthorView::of),
        is_current: r.number == found.page.revision,
        title: r.title,
        body_html,
        body_md: r.body_md,
        categories: r.categories,
        summary: r.summary,
        kind: r.kind.as_str().to_owned(),
        created_at: r.created_at,
    })
}

/// The difference between two revisions of a page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DiffView {
    pub from: RevisionMeta,
    pub to: RevisionMeta,
    pub title_diff: Option<Vec<DiffSegment>>,
    pub categories_diff: Option<Vec<DiffSegment>>,
    /// Word by word.
    pub body_diff: Vec<DiffSegment>,
    pub changed: bool,
}

/// Who saved a revision, when and why.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevisionMeta {
    pub number: i32,
    pub author: Option<AuthorView>,
    pub created_at: NaiveDateTime,
    pub summary: String,
    pub url: String,
}

/// The word-level difference from revision `from` to revision `to` (either order).
pub fn diff(conn: &mut DbConnection, found: &Found, from: i32, to: i32) -> AppResult<DiffView> {
    let (a, _) = state_of_revision(conn, &found.page, from)?;
    let (b, _) = state_of_revision(conn, &found.page, to)?;
    let ids: Vec<UserId> = [&a.author_id, &b.author_id]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let authors = authors_by_id(conn, &ids)?;
    let url = page_url(&found.page.slug);
    let meta = |r: &WikiRevision| RevisionMeta {
        number: r.number,
        author: r
            .author_id
            .as_ref()
            .and_then(|x| authors.get(x))
            .map(AuthorView::of),
        created_at: r.created_at,
        summary: r.summary.clone(),
        url: format!("{url}/revisione/{}", r.number),
    };
    let changed_text = |x: &str, y: &str| (x != y).then(|| word_diff(x, y));
    Ok(DiffView {
        from: meta(&a),
        to: meta(&b),
        title_diff: changed_text(&a.title, &b.title),
        categories_diff: changed_text(&a.categories, &b.categories),
        changed: a.body_md != b.body_md || a.title != b.title || a.categories != b.categories,
        body_diff: word_diff(&a.body_md, &b.body_md),
    })
}

/// A comment on a talk page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TalkView {
    pub id: String,
    pub author: AuthorView,
    pub body_html: String,
    pub created_at: NaiveDateTime,
}

/// A page of a talk page, oldest first. Two queries.
pub fn talk(
    conn: &mut DbConnection,
    found: &Found,
    request: PageRequest,
) -> AppResult<(Vec<TalkView>, PageInfo)> {
    let page = &found.page.id;
    let total: i64 = wiki_talk::table
        .filter(wiki_talk::page_id.eq(page))
        .count()
        .get_result(conn)?;
    let rows: Vec<(WikiTalk, AuthorRow)> = wiki_talk::table
        .inner_join(users::table)
        .filter(wiki_talk::page_id.eq(page))
        .order((wiki_talk::created_at.asc(), wiki_talk::id.asc()))
        .limit(request.per_page)
        .offset(request.offset())
        .select((WikiTalk::as_select(), author_columns()))
        .load(conn)?;
    Ok((
        rows.into_iter()
            .map(|(t, a)| TalkView {
                id: t.id.0,
                author: AuthorView::of(&a),
                body_html: markdown::render(&t.body_md),
                created_at: t.created_at,
            })
            .collect(),
        request.info(total),
    ))
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
        .filter(wiki_pages::audience.eq_any(&visible))
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
