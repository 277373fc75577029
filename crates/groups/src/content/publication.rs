//! From group work to public knowledge (what Formez calls the groups' "products"): a member
//! proposes one of the group's wiki pages, as it is at its current revision; a site moderator
//! or administrator approves it or refuses it with a reason the group sees.
//!
//! Approval writes a public wiki page through the wiki services, so it has a full history: the
//! first approval of a group page creates "<title> (<group>)", later approvals of the same
//! group page save a new revision of that public page. The body ends with a "Contributi" line
//! naming the group (with a link back to it) and everyone who wrote a revision of the group
//! page up to the proposed one. The decision is a conditional update on `status = 'pending'`
//! in the same transaction as the wiki write, so two moderators deciding at once cannot both
//! apply: the second gets a conflict and nothing of theirs is written.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{optional, Checks};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_db::models::{GroupLogEntry, GroupPublication, WikiPage, WorkGroup};
use prassi_db::schema::{
    group_log, group_publications, users, wiki_pages, wiki_revisions, work_groups,
};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, GroupId, PageId, PublicationId, PublicationStatus, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{readable_group, Readable};

/// Longest refusal reason, in characters.
pub const MAX_REASON: usize = 1_000;
/// Most proposals listed at once.
const LIST_LIMIT: i64 = 100;

/// A proposal: which of the group's pages.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct ProposeInput {
    /// The slug of one of the group's wiki pages.
    pub page: String,
}

/// A moderator's decision.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct DecisionInput {
    /// `approve` or `refuse`.
    pub decision: String,
    /// Why it was refused (required to refuse; shown to the group).
    pub reason: String,
}

/// A proposal as the group and the moderators see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicationView {
    pub id: String,
    /// `pending`, `approved` or `refused`.
    #[schema(value_type = String)]
    pub status: PublicationStatus,
    pub page_title: String,
    pub page_url: String,
    /// The revision of the group page that was proposed.
    pub revision: i32,
    pub proposed_by: Option<String>,
    pub decided_by: Option<String>,
    /// Why it was refused.
    pub reason: String,
    /// The public page it became (approved proposals whose page still exists).
    pub public_url: Option<String>,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

/// A pending proposal as the moderators see it: the group, and the text to be published.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PendingView {
    #[serde(flatten)]
    pub publication: PublicationView,
    pub group_name: String,
    pub group_url: String,
    /// The proposed revision's text, rendered and sanitized.
    pub body_html: String,
}

/// What a decision did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Decided {
    /// `approved` or `refused`.
    #[schema(value_type = String)]
    pub status: PublicationStatus,
    /// The public page (approvals).
    pub public_url: Option<String>,
}

fn log(
    conn: &mut DbConnection,
    group: &GroupId,
    actor: &UserId,
    action: &str,
    detail: &str,
) -> AppResult<()> {
    diesel::insert_into(group_log::table)
        .values(GroupLogEntry {
            // Log lines have no id newtype of their own; a time-ordered id keeps them in order.
            id: PublicationId::new().0,
            group_id: group.clone(),
            actor_id: Some(actor.clone()),
            action: action.into(),
            subject_id: None,
            detail: detail.into(),
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    Ok(())
}

/// The group's own wiki pages (slug, title) the viewer may read, by title, for the proposal
/// form.
pub fn group_pages(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    group: &Readable,
) -> AppResult<Vec<(String, String)>> {
    let visible = prassi_core::access::visible_audiences(viewer, phase);
    Ok(wiki_pages::table
        .filter(wiki_pages::group_id.eq(&group.group.id))
        .filter(wiki_pages::audience.one_of(&visible))
        .order(wiki_pages::title.asc())
        .limit(500)
        .select((wiki_pages::slug, wiki_pages::title))
        .load(conn)?)
}

/// Proposes one of the group's pages for publication (members of the group and
/// administrators). A page has at most one pending proposal. Call inside a write transaction.
pub fn propose(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
    input: &ProposeInput,
) -> AppResult<PublicationId> {
    let group = readable_group(conn, slug, viewer, phase)?;
    group.require_content()?;
    let actor = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    group.require_participant()?;
    let page_slug = input.page.trim().to_lowercase();
    if page_slug.is_empty() {
        return Err(AppError::invalid(
            "page",
            "groups-publication-page-required",
        ));
    }
    let page: WikiPage = wiki_pages::table
        .filter(wiki_pages::slug.eq(&page_slug))
        .filter(wiki_pages::group_id.eq(&group.group.id))
        .select(WikiPage::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| AppError::invalid("page", "groups-publication-page-unknown"))?;
    let id = PublicationId::new();
    let row = GroupPublication {
        id: id.clone(),
        group_id: group.group.id.clone(),
        page_id: page.id.clone(),
        revision: page.revision,
        status: PublicationStatus::Pending,
        public_page_id: None,
        proposed_by: Some(actor.clone()),
        decided_by: None,
        reason: String::new(),
        created_at: prassi_db::now(),
        decided_at: None,
    };
    // One pending proposal per page, held by a unique partial index.
    let added = prassi_db::insert_unless_exists(conn, |c| {
        diesel::insert_into(group_publications::table)
            .values(&row)
            .execute(c)
    })?;
    if !added {
        return Err(AppError::invalid("page", "groups-publication-pending"));
    }
    log(
        conn,
        &group.group.id,
        &actor,
        "publication_proposed",
        &format!("{} (rev. {})", page.title, page.revision),
    )?;
    notify::happened(
        conn,
        EventKind::GroupPublicationProposed,
        ItemKind::GroupPublication,
        &id,
        &actor,
        &format!("group:{}", group.group.id),
    )?;
    Ok(id)
}

/// Display names by id, in one query.
fn names(
    conn: &mut DbConnection,
    ids: impl IntoIterator<Item = UserId>,
) -> AppResult<std::collections::HashMap<UserId, String>> {
    let mut ids: Vec<UserId> = ids.into_iter().collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(users::table
        .filter(users::id.one_of(&ids))
        .select((users::id, users::display_name))
        .load::<(UserId, String)>(conn)?
        .into_iter()
        .collect())
}

/// Proposals with their pages and the people named, in three queries.
fn views(
    conn: &mut DbConnection,
    rows: Vec<GroupPublication>,
) -> AppResult<Vec<(PublicationView, GroupPublication)>> {
    let mut page_ids: Vec<PageId> = rows
        .iter()
        .flat_map(|p| [Some(p.page_id.clone()), p.public_page_id.clone()])
        .flatten()
        .collect();
    page_ids.sort();
    page_ids.dedup();
    let pages: std::collections::HashMap<PageId, (String, String)> = if page_ids.is_empty() {
        Default::default()
    } else {
        wiki_pages::table
            .filter(wiki_pages::id.one_of(&page_ids))
            .select((wiki_pages::id, wiki_pages::slug, wiki_pages::title))
            .load::<(PageId, String, String)>(conn)?
            .into_iter()
            .map(|(id, slug, title)| (id, (slug, title)))
            .collect()
    };
    let people = names(
        conn,
        rows.iter()
            .flat_map(|p| [p.proposed_by.clone(), p.decided_by.clone()])
            .flatten(),
    )?;
    Ok(rows
        .into_iter()
        .map(|p| {
            let (slug, title) = pages.get(&p.page_id).cloned().unwrap_or_default();
            let view = PublicationView {
                id: p.id.0.clone(),
                status: p.status,
                page_url: prassi_wiki::service::page_url(&slug),
                page_title: title,
                revision: p.revision,
                proposed_by: p.proposed_by.as_ref().and_then(|u| people.get(u).cloned()),
                decided_by: p.decided_by.as_ref().and_then(|u| people.get(u).cloned()),
                reason: p.reason.clone(),
                public_url: p
                    .public_page_id
                    .as_ref()
                    .and_then(|id| pages.get(id))
                    .map(|(slug, _)| prassi_wiki::service::page_url(slug)),
                created_at: p.created_at,
                decided_at: p.decided_at,
            };
            (view, p)
        })
        .collect())
}

/// The group's proposals, newest first, with their decisions (whoever may read the group's
/// content).
pub fn group_publications(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    slug: &str,
) -> AppResult<(Readable, Vec<PublicationView>)> {
    let group = readable_group(conn, slug, viewer, phase)?;
    group.require_content()?;
    let rows: Vec<GroupPublication> = group_publications::table
        .filter(group_publications::group_id.eq(&group.group.id))
        .order((
            group_publications::created_at.desc(),
            group_publications::id.desc(),
        ))
        .limit(LIST_LIMIT)
        .select(GroupPublication::as_select())
        .load(conn)?;
    let list = views(conn, rows)?.into_iter().map(|(v, _)| v).collect();
    Ok((group, list))
}

/// Site moderators and administrators; others are told the page does not exist.
fn require_moderator(viewer: &Viewer) -> AppResult<UserId> {
    match viewer.user_id() {
        None => Err(AppError::unauthorized()),
        Some(u) if viewer.is_moderator() => Ok(u.clone()),
        Some(_) => Err(AppError::not_found()),
    }
}

/// The pending proposals of every group, oldest first, with the text to be published
/// (moderators and administrators). A fixed number of queries.
pub fn pending(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<Vec<PendingView>> {
    require_moderator(viewer)?;
    let rows: Vec<GroupPublication> = group_publications::table
        .filter(group_publications::status.eq(PublicationStatus::Pending))
        .order((
            group_publications::created_at.asc(),
            group_publications::id.asc(),
        ))
        .limit(LIST_LIMIT)
        .select(GroupPublication::as_select())
        .load(conn)?;
    let mut group_ids: Vec<GroupId> = rows.iter().map(|p| p.group_id.clone()).collect();
    group_ids.sort();
    group_ids.dedup();
    let groups: std::collections::HashMap<GroupId, (String, String)> = if group_ids.is_empty() {
        Default::default()
    } else {
        work_groups::table
            .filter(work_groups::id.one_of(&group_ids))
            .select((work_groups::id, work_groups::slug, work_groups::name))
            .load::<(GroupId, String, String)>(conn)?
            .into_iter()
            .map(|(id, slug, name)| (id, (slug, name)))
            .collect()
    };
    let keys: Vec<(PageId, i32)> = rows
        .iter()
        .map(|p| (p.page_id.clone(), p.revision))
        .collect();
    let page_ids: Vec<PageId> = keys.iter().map(|(p, _)| p.clone()).collect();
    let bodies: std::collections::HashMap<(PageId, i32), String> = if page_ids.is_empty() {
        Default::default()
    } else {
        wiki_revisions::table
            .filter(wiki_revisions::page_id.one_of(&page_ids))
            .select((
                wiki_revisions::page_id,
                wiki_revisions::number,
                wiki_revisions::body_md,
            ))
            .load::<(PageId, i32, String)>(conn)?
            .into_iter()
            .filter(|(p, n, _)| keys.contains(&(p.clone(), *n)))
            .map(|(p, n, b)| ((p, n), b))
            .collect()
    };
    Ok(views(conn, rows)?
        .into_iter()
        .map(|(publication, p)| {
            let (slug, name) = groups.get(&p.group_id).cloned().unwrap_or_default();
            let body = bodies
                .get(&(p.page_id.clone(), p.revision))
                .map(String::as_str)
                .unwrap_or("");
            PendingView {
                publication,
                group_name: name,
                group_url: format!("/gruppi/{slug}"),
                body_html: prassi_core::markdown::render(body),
            }
        })
        .collect())
}

/// Escapes the characters that would make a name Markdown.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '<' | '>' | '!' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The first `max` characters of `text`.
fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// Approves or refuses a pending proposal (moderators and administrators). Approval writes the
/// public page (see the module comment); a proposal already decided gives a conflict. Call
/// inside a write transaction.
pub fn decide(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    id: &PublicationId,
    input: &DecisionInput,
) -> AppResult<Decided> {
    let actor = require_moderator(viewer)?;
    let p: GroupPublication = group_publications::table
        .find(id)
        .select(GroupPublication::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let mut c = Checks::new();
    let approve = match input.decision.trim() {
        "approve" => Some(true),
        "refuse" => Some(false),
        _ => {
            c.fail("decision", "groups-publication-decision-invalid");
            None
        }
    };
    let reason = c.check(optional("reason", Some(&input.reason), MAX_REASON));
    if approve == Some(false) && reason.is_empty() {
        c.fail("reason", "groups-publication-reason-required");
    }
    c.finish()?;
    let approve = approve.ok_or_else(|| AppError::internal("decision checked"))?;
    let status = if approve {
        PublicationStatus::Approved
    } else {
        PublicationStatus::Refused
    };
    // Only one decision ever applies: the one that finds the proposal still pending.
    let claimed = diesel::update(
        group_publications::table
            .find(id)
            .filter(group_publications::status.eq(PublicationStatus::Pending)),
    )
    .set((
        group_publications::status.eq(status),
        group_publications::decided_by.eq(&actor),
        group_publications::decided_at.eq(prassi_db::now()),
        group_publications::reason.eq(if approve { "" } else { reason.as_str() }),
    ))
    .execute(conn)?;
    if claimed != 1 {
        return Err(AppError::conflict("groups-publication-decided"));
    }
    let page_title: String = wiki_pages::table
        .find(&p.page_id)
        .select(wiki_pages::title)
        .first(conn)?;
    let (action, detail, public_url) = if approve {
        let public = publish(conn, viewer, phase, &p)?;
        diesel::update(group_publications::table.find(id))
            .set(group_publications::public_page_id.eq(&public.id))
            .execute(conn)?;
        (
            "publication_approved",
            format!("{page_title} → {}", public.title),
            Some(prassi_wiki::service::page_url(&public.slug)),
        )
    } else {
        (
            "publication_refused",
            format!("{page_title}: {reason}"),
            None,
        )
    };
    log(conn, &p.group_id, &actor, action, &detail)?;
    notify::happened(
        conn,
        EventKind::GroupPublicationDecided,
        ItemKind::GroupPublication,
        id,
        &actor,
        &format!("group:{}", p.group_id),
    )?;
    Ok(Decided { status, public_url })
}

/// Writes the public page of an approved proposal and returns it.
fn publish(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    p: &GroupPublication,
) -> AppResult<WikiPage> {
    let group: WorkGroup = work_groups::table
        .find(&p.group_id)
        .select(WorkGroup::as_select())
        .first(conn)?;
    let source: WikiPage = wiki_pages::table
        .find(&p.page_id)
        .select(WikiPage::as_select())
        .first(conn)?;
    let (title, body, categories): (String, String, String) = wiki_revisions::table
        .filter(wiki_revisions::page_id.eq(&p.page_id))
        .filter(wiki_revisions::number.eq(p.revision))
        .select((
            wiki_revisions::title,
            wiki_revisions::body_md,
            wiki_revisions::categories,
        ))
        .first(conn)?;
    // Everyone who wrote a revision up to the proposed one, in order of their first one.
    let writers: Vec<(i32, String)> = wiki_revisions::table
        .inner_join(users::table)
        .filter(wiki_revisions::page_id.eq(&p.page_id))
        .filter(wiki_revisions::number.le(p.revision))
        .order(wiki_revisions::number.asc())
        .limit(5_000)
        .select((wiki_revisions::number, users::display_name))
        .load(conn)?;
    let mut authors: Vec<String> = Vec::new();
    for (_, name) in writers {
        if !authors.contains(&name) {
            authors.push(name);
        }
    }
    let credit = format!(
        "**Contributi**: {} — gruppo di lavoro [{}](/gruppi/{})",
        authors
            .iter()
            .map(|a| md_escape(a))
            .collect::<Vec<_>>()
            .join(", "),
        md_escape(&group.name),
        group.slug
    );
    let body = format!("{}\n\n---\n\n{credit}\n", body.trim_end());
    let summary = clip(
        &format!(
            "Pubblicazione dal gruppo «{}» (revisione {}); contributi: {}",
            group.name,
            p.revision,
            authors.join(", ")
        ),
        200,
    );
    // A later approval of the same group page updates the page an earlier one made.
    let earlier: Option<WikiPage> = group_publications::table
        .inner_join(
            wiki_pages::table.on(group_publications::public_page_id.eq(wiki_pages::id.nullable())),
        )
        .filter(group_publications::page_id.eq(&p.page_id))
        .filter(group_publications::status.eq(PublicationStatus::Approved))
        .filter(group_publications::id.ne(&p.id))
        .order(group_publications::decided_at.desc())
        .select(WikiPage::as_select())
        .first(conn)
        .optional()?;
    let public_slug = match earlier {
        Some(public) => {
            let parent: String = match &public.parent_id {
                Some(parent) => wiki_pages::table
                    .find(parent)
                    .select(wiki_pages::title)
                    .first(conn)
                    .optional()?
                    .unwrap_or_default(),
                None => String::new(),
            };
            let outcome = prassi_wiki::service::save(
                conn,
                viewer,
                phase,
                &public.slug,
                &prassi_wiki::service::SaveInput {
                    title: public.title.clone(),
                    body_md: body,
                    categories,
                    parent,
                    summary,
                    lang: source.lang.clone(),
                    base_revision: public.revision,
                },
            )?;
            match outcome {
                prassi_wiki::service::SaveOutcome::Saved { slug, .. }
                | prassi_wiki::service::SaveOutcome::Merged { slug, .. } => slug,
                prassi_wiki::service::SaveOutcome::Conflict(_) => {
                    return Err(AppError::conflict("groups-publication-decided"))
                }
            }
        }
        None => {
            let suffix = format!(" ({})", group.name);
            let room = prassi_wiki::service::MAX_TITLE.saturating_sub(suffix.chars().count());
            let public_title = format!("{}{suffix}", clip(&title, room.max(10)));
            prassi_wiki::service::create(
                conn,
                viewer,
                phase,
                &prassi_wiki::service::PageInput {
                    title: clip(&public_title, prassi_wiki::service::MAX_TITLE),
                    body_md: body,
                    categories,
                    parent: String::new(),
                    audience: "public".into(),
                    summary,
                    lang: source.lang.clone(),
                },
            )
            .map_err(|e| match e.kind {
                // The only field a moderator cannot fix here is the title: another page has it.
                prassi_core::error::ErrorKind::Invalid => {
                    AppError::conflict("groups-publication-title-taken")
                }
                _ => e,
            })?
            .slug
        }
    };
    Ok(wiki_pages::table
        .filter(wiki_pages::slug.eq(&public_slug))
        .select(WikiPage::as_select())
        .first(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_become_markdown() {
        assert_eq!(md_escape("Anna [admin](x)"), "Anna \\[admin\\]\\(x\\)");
        assert_eq!(md_escape("Luca Rossi"), "Luca Rossi");
    }
}
