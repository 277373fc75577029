//! What a notification is about, read fresh from the item's own table: its title, its link and
//! the audience that may read it **now**. Delivery asks before telling anyone, and the
//! notifications page asks again before showing a line, so an item that moved into a group or
//! was deleted since is told to, and shown to, nobody who may not read it. One query per item.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::error::AppResult;
use prassi_core::notify::ItemKind;
use prassi_db::ids::{PollId, QuestionnaireId};
use prassi_db::schema::{
    agenda_events, agenda_registrations, answers, discussions, forum_categories, forum_posts,
    group_invitations, group_publications, group_requests, polls, qa_comments, questionnaires,
    questions, users, wiki_pages, wiki_revisions, wiki_talk, work_groups,
};
use prassi_db::{
    AnswerId, DbConnection, DiscussionId, EventId, GroupId, PageId, PostId, QuestionId, UserId,
};

/// An item as a notification shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The title of the thing (the question's title for an answer, the page's for a talk
    /// message, the group's for a request).
    pub title: String,
    /// A path on the site.
    pub url: String,
    /// Who may read it now (its stored form); `None`: only the member it names (a member item
    /// is read by that member alone).
    pub audience: Option<String>,
    /// The language of its text.
    pub lang: String,
    /// What the line adds to the title: an event's date and time (Rome), a poll's close.
    pub detail: Option<String>,
}

/// The item, or `None` when it no longer exists.
pub fn resolve(conn: &mut DbConnection, kind: ItemKind, id: &str) -> AppResult<Option<Item>> {
    let id = id.to_owned();
    Ok(match kind {
        ItemKind::Question => questions::table
            .find(QuestionId(id))
            .select((
                questions::id,
                questions::title,
                questions::audience,
                questions::lang,
            ))
            .first::<(QuestionId, String, String, String)>(conn)
            .optional()?
            .map(|(id, title, audience, lang)| Item {
                url: prassi_qa::service::question_url(&id, &title),
                title,
                audience: Some(audience),
                lang,
                detail: None,
            }),
        ItemKind::Answer => answers::table
            .inner_join(questions::table)
            .filter(answers::id.eq(AnswerId(id.clone())))
            .select((
                questions::id,
                questions::title,
                questions::audience,
                answers::lang,
            ))
            .first::<(QuestionId, String, String, String)>(conn)
            .optional()?
            .map(|(q, title, audience, lang)| Item {
                url: format!(
                    "{}#risposta-{id}",
                    prassi_qa::service::question_url(&q, &title)
                ),
                title,
                audience: Some(audience),
                lang,
                detail: None,
            }),
        ItemKind::QaComment => qa_comments::table
            .inner_join(questions::table.on(questions::id.eq(qa_comments::question_id)))
            .filter(qa_comments::id.eq(&id))
            .select((
                questions::id,
                questions::title,
                questions::audience,
                questions::lang,
            ))
            .first::<(QuestionId, String, String, String)>(conn)
            .optional()?
            .map(|(q, title, audience, lang)| Item {
                url: format!("{}#c-{id}", prassi_qa::service::question_url(&q, &title)),
                title,
                audience: Some(audience),
                lang,
                detail: None,
            }),
        ItemKind::Discussion => discussions::table
            .inner_join(forum_categories::table)
            .filter(discussions::id.eq(DiscussionId(id)))
            .select((
                discussions::id,
                discussions::title,
                forum_categories::audience,
                discussions::lang,
            ))
            .first::<(DiscussionId, String, String, String)>(conn)
            .optional()?
            .map(|(d, title, audience, lang)| Item {
                url: prassi_forum::service::discussion_url(&d, &title),
                title,
                audience: Some(audience),
                lang,
                detail: None,
            }),
        ItemKind::ForumPost => forum_posts::table
            .inner_join(discussions::table.inner_join(forum_categories::table))
            .filter(forum_posts::id.eq(PostId(id.clone())))
            .filter(forum_posts::hidden_reason.is_null())
            .select((
                discussions::id,
                discussions::title,
                forum_categories::audience,
                forum_posts::lang,
            ))
            .first::<(DiscussionId, String, String, String)>(conn)
            .optional()?
            .map(|(d, title, audience, lang)| Item {
                url: format!(
                    "{}#post-{id}",
                    prassi_forum::service::discussion_url(&d, &title)
                ),
                title,
                audience: Some(audience),
                lang,
                detail: None,
            }),
        ItemKind::WikiPage => wiki_pages::table
            .find(PageId(id))
            .select((
                wiki_pages::slug,
                wiki_pages::title,
                wiki_pages::audience,
                wiki_pages::lang,
            ))
            .first::<(String, String, String, String)>(conn)
            .optional()?
            .map(|(slug, title, audience, lang)| Item {
                url: prassi_wiki::service::page_url(&slug),
                title,
                audience: Some(audience),
                lang,
                detail: None,
            }),
        ItemKind::WikiTalk => wiki_talk::table
            .inner_join(wiki_pages::table)
            .filter(wiki_talk::id.eq(&id))
            .select((
                wiki_pages::slug,
                wiki_pages::title,
                wiki_pages::audience,
                wiki_pages::lang,
            ))
            .first::<(String, String, String, String)>(conn)
            .optional()?
            .map(|(slug, title, audience, lang)| Item {
                url: format!("/wiki/p/{slug}/discussione"),
                title,
                audience: Some(audience),
                lang,
                detail: None,
            }),
        ItemKind::Group => group(conn, &GroupId(id))?,
        ItemKind::GroupRequest => {
            let g: Option<GroupId> = group_requests::table
                .find(&id)
                .select(group_requests::group_id)
                .first(conn)
                .optional()?;
            group_of(conn, g)?
        }
        ItemKind::GroupInvitation => {
            let g: Option<GroupId> = group_invitations::table
                .find(&id)
                .select(group_invitations::group_id)
                .first(conn)
                .optional()?;
            group_of(conn, g)?
        }
        ItemKind::GroupPublication => {
            let g: Option<GroupId> = group_publications::table
                .find(&id)
                .select(group_publications::group_id)
                .first(conn)
                .optional()?;
            group_of(conn, g)?.map(|item| Item {
                url: format!("{}/pubblicazioni", item.url),
                ..item
            })
        }
        ItemKind::AgendaEvent => event(conn, &EventId(id))?,
        ItemKind::AgendaRegistration => {
            let e: Option<EventId> = agenda_registrations::table
                .find(&id)
                .select(agenda_registrations::event_id)
                .first(conn)
                .optional()?;
            match e {
                Some(e) => event(conn, &e)?,
                None => None,
            }
        }
        ItemKind::Poll => polls::table
            .find(PollId(id))
            .select((
                polls::id,
                polls::question,
                polls::audience,
                polls::closes_at,
            ))
            .first::<(PollId, String, String, Option<NaiveDateTime>)>(conn)
            .optional()?
            .map(|(id, question, audience, closes)| Item {
                url: prassi_polls::service::poll_url(&id),
                title: question,
                audience: Some(audience),
                lang: String::new(),
                detail: closes.map(rome),
            }),
        ItemKind::Questionnaire => questionnaires::table
            .find(QuestionnaireId(id))
            .select((
                questionnaires::id,
                questionnaires::title,
                questionnaires::audience,
                questionnaires::closes_at,
            ))
            .first::<(QuestionnaireId, String, String, Option<NaiveDateTime>)>(conn)
            .optional()?
            .map(|(id, title, audience, closes)| Item {
                url: prassi_polls::questionnaires::questionnaire_url(&id),
                title,
                audience: Some(audience),
                lang: String::new(),
                detail: closes.map(rome),
            }),
        ItemKind::Member => users::table
            .find(UserId(id))
            .select(users::display_name)
            .first::<String>(conn)
            .optional()?
            .map(|name| Item {
                title: name,
                url: "/profilo".to_owned(),
                audience: None,
                lang: String::new(),
                detail: None,
            }),
    })
}

/// The item of a notification of `kind` recorded at `at`: [`resolve`], and for a change to a
/// wiki page the link goes to that change's differences (`…/differenze?da=N-1&a=N`, the
/// revision that was the page's newest at `at`) rather than to the page. One more query then.
pub fn resolve_for(
    conn: &mut DbConnection,
    kind: &str,
    item_kind: ItemKind,
    id: &str,
    at: NaiveDateTime,
) -> AppResult<Option<Item>> {
    let Some(mut item) = resolve(conn, item_kind, id)? else {
        return Ok(None);
    };
    if kind == prassi_core::notify::EventKind::InvitationAccepted.as_str() {
        // The inviter is shown the new member's profile, not their own.
        let username: Option<String> = users::table
            .find(UserId(id.to_owned()))
            .select(users::username)
            .first(conn)
            .optional()?;
        if let Some(u) = username {
            item.url = format!("/membri/{u}");
        }
    }
    if kind == prassi_core::notify::EventKind::WikiPageEdited.as_str()
        && item_kind == ItemKind::WikiPage
    {
        let number: Option<i32> = wiki_revisions::table
            .filter(wiki_revisions::page_id.eq(id))
            .filter(wiki_revisions::created_at.le(at))
            .order(wiki_revisions::number.desc())
            .select(wiki_revisions::number)
            .first(conn)
            .optional()?;
        if let Some(n) = number.filter(|n| *n > 1) {
            item.url = format!("{}/differenze?da={}&a={n}", item.url, n - 1);
        }
    }
    Ok(Some(item))
}

/// A date and time as Rome's clocks show it (`15/03/2027 09:30`).
pub fn rome(at: NaiveDateTime) -> String {
    let w = prassi_agenda::time::When::of(at, at);
    format!("{} {}", w.date_short, w.start_time)
}

/// An event as an item, with its start as the detail. (An event taken back to draft still
/// resolves: those registered are told it was withdrawn.)
fn event(conn: &mut DbConnection, id: &EventId) -> AppResult<Option<Item>> {
    Ok(agenda_events::table
        .find(id)
        .select((
            agenda_events::title,
            agenda_events::audience,
            agenda_events::starts_at,
        ))
        .first::<(String, String, NaiveDateTime)>(conn)
        .optional()?
        .map(|(title, audience, starts)| Item {
            url: prassi_agenda::service::event_url(id),
            title,
            audience: Some(audience),
            lang: String::new(),
            detail: Some(rome(starts)),
        }))
}

/// The group a request, invitation or proposal belongs to, when it still exists.
fn group_of(conn: &mut DbConnection, id: Option<GroupId>) -> AppResult<Option<Item>> {
    match id {
        Some(g) => group(conn, &g),
        None => Ok(None),
    }
}

/// A working group as an item: members of the group read it; its page decides the rest.
fn group(conn: &mut DbConnection, id: &GroupId) -> AppResult<Option<Item>> {
    Ok(work_groups::table
        .find(id)
        .select((work_groups::slug, work_groups::name))
        .first::<(String, String)>(conn)
        .optional()?
        .map(|(slug, name)| Item {
            url: prassi_groups::service::groups::group_url(&slug),
            title: name,
            audience: None,
            lang: String::new(),
            detail: None,
        }))
}

/// Sets the viewer's watch level on an item they may read: a question, discussion, wiki page
/// (read through [`resolve`] and the access rule), a forum category, a tag or a group (read
/// through their modules' own guarded functions). An item the viewer may not read answers
/// `NotFound`, like one that does not exist.
pub fn set_watch_checked(
    conn: &mut DbConnection,
    viewer: &prassi_core::access::Viewer,
    phase: prassi_core::access::Phase,
    item_kind: &str,
    item_id: &str,
    level: &str,
) -> AppResult<()> {
    use prassi_core::access::{self, Action, Audience};
    let readable = match item_kind {
        "question" | "discussion" | "wiki_page" => {
            let kind = ItemKind::parse(item_kind).ok_or_else(prassi_core::AppError::not_found)?;
            resolve(conn, kind, item_id)?
                .is_some_and(|item| super::deliver::may_read(viewer, phase, &item))
        }
        "forum_category" => {
            use prassi_db::schema::forum_categories;
            forum_categories::table
                .find(item_id)
                .select(forum_categories::audience)
                .first::<String>(conn)
                .optional()?
                .and_then(|a| Audience::from_db(&a))
                .is_some_and(|a| access::can(viewer, phase, &a, Action::Read))
        }
        "tag" => {
            use prassi_db::schema::tags;
            let exists: bool =
                diesel::select(diesel::dsl::exists(tags::table.find(item_id))).get_result(conn)?;
            exists
                && (access::can(viewer, phase, &Audience::Members, Action::Read)
                    || access::can(viewer, phase, &Audience::Public, Action::Read))
        }
        "group" => {
            viewer.is_member() && viewer.account().is_some_and(|a| a.groups.contains(item_id))
        }
        _ => false,
    };
    if !readable {
        return Err(prassi_core::AppError::not_found());
    }
    super::preferences::set_watch(conn, viewer, item_kind, item_id, level)
}
