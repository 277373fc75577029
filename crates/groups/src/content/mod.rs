//! A group's content in the other modules and its path to public knowledge.
//!
//! - creating: questions, wiki pages and discussions made from the group (`/gruppi/{slug}/…/
//!   nuova`) go through the Q&A, wiki and forum services (`ask_in_group`, `create_in_group`,
//!   `start_in_group`) with the group's content audience, forced — `group:<id>` for listed
//!   and secret groups, `public` for public ones — and the group recorded on the row, so the
//!   access rule decides who reads them everywhere (pages, lists, counts, search);
//! - [`stream`]: the group's activity across them, newest first, by cursor;
//! - [`publication`]: proposals to publish a group page as a public wiki page, and the
//!   moderators' decisions.
//!
//! Pages ([`pages`]) and the JSON API ([`api`]) call the same functions.

pub mod api;
pub mod pages;
pub mod publication;
pub mod stream;

use actix_web::web;
use prassi_core::access::Viewer;
use prassi_core::error::{AppError, AppResult};
use prassi_db::DbConnection;

use crate::access::{readable_group, Readable};

/// Registers the content routes (pages and API).
pub fn configure(cfg: &mut web::ServiceConfig) {
    api::configure(cfg);
    pages::configure(cfg);
}

/// The group with this slug, for making content in it: `NotFound` when the viewer may not see
/// it or read its content, `Unauthorized` for visitors, `Forbidden` for accounts that are not
/// its members (administrators may act in any group).
pub fn group_for_writing(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: prassi_core::access::Phase,
    slug: &str,
) -> AppResult<Readable> {
    let group = readable_group(conn, slug, viewer, phase)?;
    group.require_content()?;
    if viewer.account().is_none() {
        return Err(AppError::unauthorized());
    }
    group.require_participant()?;
    Ok(group)
}

/// What a group form needs to know about its group.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct GroupRef {
    pub name: String,
    pub slug: String,
    pub url: String,
}

impl From<&Readable> for GroupRef {
    fn from(r: &Readable) -> Self {
        GroupRef {
            name: r.group.name.clone(),
            slug: r.group.slug.clone(),
            url: format!("/gruppi/{}", r.group.slug),
        }
    }
}

/// How one kind of item is made in a group ([`ask`], [`create_page`], [`start_discussion`]):
/// the new item's address.
pub type Create<I> =
    fn(&mut DbConnection, &Viewer, prassi_core::access::Phase, &str, &I) -> AppResult<String>;

/// Makes an item with `create` for the signed-in viewer in one write transaction, for the page
/// and the API handlers alike.
pub(crate) async fn create<I: Send + 'static>(
    ctx: &prassi_core::Ctx,
    slug: &str,
    input: I,
    create: Create<I>,
) -> AppResult<String> {
    ctx.account()?;
    let (viewer, phase, slug) = (ctx.viewer.clone(), ctx.phase(), slug.to_owned());
    ctx.state
        .write(move |conn| create(conn, &viewer, phase, &slug, &input))
        .await
}

/// Makes a question in the group (see the module comment). Call inside a write transaction.
pub fn ask(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: prassi_core::access::Phase,
    slug: &str,
    input: &prassi_qa::service::QuestionInput,
) -> AppResult<String> {
    let group = group_for_writing(conn, viewer, phase, slug)?;
    let mut input = input.clone();
    input.audience = group.content_audience().to_db();
    let id = prassi_qa::service::ask_in_group(conn, viewer, phase, &group.group.id, &input)?;
    Ok(prassi_qa::service::question_url(&id, &input.title))
}

/// Makes a wiki page in the group. Call inside a write transaction.
pub fn create_page(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: prassi_core::access::Phase,
    slug: &str,
    input: &prassi_wiki::service::PageInput,
) -> AppResult<String> {
    let group = group_for_writing(conn, viewer, phase, slug)?;
    let mut input = input.clone();
    input.audience = group.content_audience().to_db();
    let page = prassi_wiki::service::create_in_group(conn, viewer, phase, &group.group.id, &input)?;
    Ok(prassi_wiki::service::page_url(&page.slug))
}

/// Opens a discussion in the group's own forum category. Call inside a write transaction.
pub fn start_discussion(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: prassi_core::access::Phase,
    slug: &str,
    input: &prassi_forum::service::DiscussionInput,
) -> AppResult<String> {
    let group = group_for_writing(conn, viewer, phase, slug)?;
    let place = prassi_forum::service::GroupPlace {
        id: &group.group.id,
        slug: &group.group.slug,
        name: &group.group.name,
        audience: group.content_audience(),
    };
    let id = prassi_forum::service::start_in_group(conn, viewer, phase, &place, input)?;
    Ok(prassi_forum::service::discussion_url(&id, &input.title))
}
