//! Whether a viewer may read or edit a page: [`Found`] is the proof of reading that the
//! page's views, history, talk and export take, and the shared edit rule as it applies to pages.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::models::WikiPage;
use prassi_db::schema::{wiki_pages, wiki_redirects};
use prassi_db::DbConnection;

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
pub(super) fn require_edit(viewer: &Viewer, phase: Phase, found: &Found) -> AppResult<()> {
    access::check_edit(viewer, phase, &found.audience, &edit_rule(&found.page)).map_err(|refusal| {
        match refusal {
            access::EditRefusal::NotParticipant => AppError::forbidden(),
            other => other.error("wiki-page-protected"),
        }
    })
}
