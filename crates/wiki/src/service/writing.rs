//! Creating, saving (three-way merge or conflict), restoring, settings and watches: every
//! save is conditioned on the revision it started from.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::ctx::require_action as require;
use prassi_core::error::{AppError, AppResult};
use prassi_core::history::{word_diff, DiffSegment};
use prassi_core::input::{content_lang, optional, Checks};
use prassi_core::markdown::{self, body_text};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_core::people::{authors_by_id, AuthorView};
use prassi_db::models::{WikiPage, WikiRevision};
use prassi_db::schema::{
    wiki_categories, wiki_links, wiki_pages, wiki_redirects, wiki_revisions, wiki_watches,
};
use prassi_db::{DbConnection, GroupId, PageId, UserId, WikiRevisionKind};
use serde::{Deserialize, Serialize};

use crate::merge::{self, PageState};

use super::access::{readable_page, require_edit, Found};
use super::input::{parse_categories, resolve_parent, validate_title, PageInput, SaveInput};
use super::{slug_of, DEFAULT_LANG, MAX_BODY};

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
pub(super) fn link_page_part(target: &str) -> &str {
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
    create_with(conn, viewer, phase, input, None)
}

/// Creates a page in a working group: `input.audience` must be the group's content audience
/// (`group:<id>`, or `public` for a public group), as prassi-groups decides it; only the
/// group's members (and administrators) may create there. Call inside a write transaction.
pub fn create_in_group(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    group: &GroupId,
    input: &PageInput,
) -> AppResult<WikiPage> {
    create_with(conn, viewer, phase, input, Some(group))
}

/// Whether the viewer may create content in `group` with `audience`: a member of the group
/// in good standing, or an administrator; the audience is the group's own or public.
fn require_group_author(
    viewer: &Viewer,
    phase: Phase,
    group: &GroupId,
    audience: &Audience,
) -> AppResult<()> {
    let account = viewer.account().ok_or_else(AppError::unauthorized)?;
    let inside = viewer.is_member() && account.groups.contains(group.as_str());
    if !(viewer.is_admin() || inside) {
        return Err(AppError::forbidden());
    }
    match audience {
        Audience::Group(g) if g == group.as_str() => Ok(()),
        Audience::Public => require(viewer, phase, audience, Action::Participate),
        _ => Err(AppError::internal(
            "a group's content has the group's audience",
        )),
    }
}

fn create_with(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    input: &PageInput,
    group: Option<&GroupId>,
) -> AppResult<WikiPage> {
    let author = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut c = Checks::new();
    let audience = c.check_opt(match input.audience.trim() {
        "" => Ok(Audience::Members),
        a => Audience::from_db(a)
            .ok_or_else(|| AppError::invalid("audience", "wiki-audience-invalid")),
    });
    if let (Some(g), Some(audience)) = (group, &audience) {
        require_group_author(viewer, phase, g, audience)?;
    } else if let Some(audience) = &audience {
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
        group_id: group.cloned(),
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

pub(super) fn state_of_revision(
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

pub(super) fn current_state(conn: &mut DbConnection, page: &WikiPage) -> AppResult<PageState> {
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
pub(super) fn apply(
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

pub(super) fn reload(conn: &mut DbConnection, id: &PageId) -> AppResult<WikiPage> {
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
