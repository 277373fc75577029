//! Notification events: a typed record of what happened (an answer was posted, a member was
//! approved), to which item, by whom, and who may read that item. Modules call [`record`]
//! inside the write transaction that makes the change, so an event exists exactly when its
//! change does (a rolled-back write leaves none), with an outbox event ([`TOPIC`]) that makes
//! the notifications module (`prassi-notifications`) work out who should hear about it
//! (authors, participants, watchers, the member named by the item), check with the access rule
//! that each may read the item, and tell them in the platform or by email.
//!
//! Kinds and item kinds are enums with stable stored strings: renaming a variant is free,
//! changing its string is a migration.

use diesel::prelude::*;
use prassi_db::models::NotificationEvent;
use prassi_db::schema::notification_events;
use prassi_db::{DbConnection, NotificationEventId, UserId};

use crate::access::Audience;

/// What happened. Stored as `<module>.<what>`; add a variant (with its module's prefix) when a
/// module starts recording a new kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// A membership request (or an open-phase participant) was approved. Item: the member.
    AccountApproved,
    /// An administrator changed a member's role. Item: the member.
    AccountRoleChanged,
    /// Someone registered through an invitation. Item: the new member (the inviter is in
    /// `invitations.invited_by`).
    InvitationAccepted,
    /// Item: the question.
    QuestionAsked,
    /// Item: the answer.
    AnswerPosted,
    /// Item: the comment.
    QaCommentPosted,
    /// Item: the accepted answer.
    AnswerAccepted,
    /// Item: the question (the expert is in `expert_invitations`).
    ExpertInvited,
    /// Item: the question.
    QuestionClosed,
    /// Item: the discussion.
    DiscussionStarted,
    /// Item: the reply (a forum post).
    ReplyPosted,
    /// Item: the post (the members named are in `mentions`).
    MemberMentioned,
    /// Item: the page.
    WikiPageCreated,
    /// Item: the page.
    WikiPageEdited,
    /// Item: the talk message.
    WikiTalkPosted,
    /// An accepted answer became a wiki page. Item: the page.
    AnswerPromoted,
    /// A member asked to join a working group. Item: the request.
    GroupRequested,
    /// A coordinator accepted or refused a request to join. Item: the request.
    GroupRequestDecided,
    /// A coordinator invited a member to a working group. Item: the invitation.
    GroupInvited,
    /// A member joined a working group (open join, accepted request or invitation). Item: the
    /// group.
    GroupMemberJoined,
    /// A member proposed a group page for publication. Item: the proposal.
    GroupPublicationProposed,
    /// A moderator approved or refused a proposal. Item: the proposal.
    GroupPublicationDecided,
    /// A wiki page's review date arrived (recorded once per date by the hourly task, with no
    /// actor). Item: the page; the recipient is its review owner (`wiki_pages.review_owner_id`).
    WikiReviewDue,
    /// An accepted answer's review date arrived (as [`EventKind::WikiReviewDue`]). Item: the
    /// answer; the recipient is its review owner (`answers.review_owner_id`).
    AnswerReviewDue,
    /// A member registered to an event, or joined its waiting list (recorded with no actor:
    /// the platform confirms). Item: the registration.
    AgendaRegistered,
    /// A seat freed up and went to a member of the waiting list. Item: the registration.
    AgendaPromoted,
    /// An event's date, time, place or status changed (not to cancelled). Item: the event;
    /// the recipients are those registered or waiting.
    AgendaEventChanged,
    /// An event was cancelled. Item: the event.
    AgendaEventCancelled,
    /// A poll closes within a day (recorded once by the hourly task, with no actor). Item: the
    /// poll.
    PollClosingSoon,
    /// A questionnaire closes within a day (as [`EventKind::PollClosingSoon`]). Item: the
    /// questionnaire.
    QuestionnaireClosingSoon,
}

impl EventKind {
    /// Every kind, for tests and for the notifications module's settings.
    pub const ALL: &'static [EventKind] = &[
        EventKind::AccountApproved,
        EventKind::AccountRoleChanged,
        EventKind::InvitationAccepted,
        EventKind::QuestionAsked,
        EventKind::AnswerPosted,
        EventKind::QaCommentPosted,
        EventKind::AnswerAccepted,
        EventKind::ExpertInvited,
        EventKind::QuestionClosed,
        EventKind::DiscussionStarted,
        EventKind::ReplyPosted,
        EventKind::MemberMentioned,
        EventKind::WikiPageCreated,
        EventKind::WikiPageEdited,
        EventKind::WikiTalkPosted,
        EventKind::AnswerPromoted,
        EventKind::GroupRequested,
        EventKind::GroupRequestDecided,
        EventKind::GroupInvited,
        EventKind::GroupMemberJoined,
        EventKind::GroupPublicationProposed,
        EventKind::GroupPublicationDecided,
        EventKind::WikiReviewDue,
        EventKind::AnswerReviewDue,
        EventKind::AgendaRegistered,
        EventKind::AgendaPromoted,
        EventKind::AgendaEventChanged,
        EventKind::AgendaEventCancelled,
        EventKind::PollClosingSoon,
        EventKind::QuestionnaireClosingSoon,
    ];

    /// The stored string. Never change one: stored events would stop parsing.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::AccountApproved => "accounts.member_approved",
            EventKind::AccountRoleChanged => "accounts.role_changed",
            EventKind::InvitationAccepted => "accounts.invitation_accepted",
            EventKind::QuestionAsked => "qa.question_asked",
            EventKind::AnswerPosted => "qa.answer_posted",
            EventKind::QaCommentPosted => "qa.comment_posted",
            EventKind::AnswerAccepted => "qa.answer_accepted",
            EventKind::ExpertInvited => "qa.expert_invited",
            EventKind::QuestionClosed => "qa.question_closed",
            EventKind::DiscussionStarted => "forum.discussion_started",
            EventKind::ReplyPosted => "forum.reply_posted",
            EventKind::MemberMentioned => "forum.member_mentioned",
            EventKind::WikiPageCreated => "wiki.page_created",
            EventKind::WikiPageEdited => "wiki.page_edited",
            EventKind::WikiTalkPosted => "wiki.talk_posted",
            EventKind::AnswerPromoted => "wiki.answer_promoted",
            EventKind::GroupRequested => "groups.requested",
            EventKind::GroupRequestDecided => "groups.request_decided",
            EventKind::GroupInvited => "groups.invited",
            EventKind::GroupMemberJoined => "groups.member_joined",
            EventKind::GroupPublicationProposed => "groups.publication_proposed",
            EventKind::GroupPublicationDecided => "groups.publication_decided",
            EventKind::WikiReviewDue => "wiki.review_due",
            EventKind::AnswerReviewDue => "qa.review_due",
            EventKind::AgendaRegistered => "agenda.registered",
            EventKind::AgendaPromoted => "agenda.promoted",
            EventKind::AgendaEventChanged => "agenda.event_changed",
            EventKind::AgendaEventCancelled => "agenda.event_cancelled",
            EventKind::PollClosingSoon => "polls.closing_soon",
            EventKind::QuestionnaireClosingSoon => "questionnaires.closing_soon",
        }
    }

    /// Parses a stored string.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

/// The kind of item an event is about: which table `ItemRef::id` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// `users`.
    Member,
    /// `questions`.
    Question,
    /// `answers`.
    Answer,
    /// `qa_comments`.
    QaComment,
    /// `discussions`.
    Discussion,
    /// `forum_posts`.
    ForumPost,
    /// `wiki_pages`.
    WikiPage,
    /// `wiki_talk`.
    WikiTalk,
    /// `work_groups`.
    Group,
    /// `group_requests`.
    GroupRequest,
    /// `group_invitations`.
    GroupInvitation,
    /// `group_publications`.
    GroupPublication,
    /// `agenda_events`.
    AgendaEvent,
    /// `agenda_registrations`.
    AgendaRegistration,
    /// `polls`.
    Poll,
    /// `questionnaires`.
    Questionnaire,
}

impl ItemKind {
    /// Every item kind.
    pub const ALL: &'static [ItemKind] = &[
        ItemKind::Member,
        ItemKind::Question,
        ItemKind::Answer,
        ItemKind::QaComment,
        ItemKind::Discussion,
        ItemKind::ForumPost,
        ItemKind::WikiPage,
        ItemKind::WikiTalk,
        ItemKind::Group,
        ItemKind::GroupRequest,
        ItemKind::GroupInvitation,
        ItemKind::GroupPublication,
        ItemKind::AgendaEvent,
        ItemKind::AgendaRegistration,
        ItemKind::Poll,
        ItemKind::Questionnaire,
    ];

    /// The stored string. Never change one.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Member => "member",
            ItemKind::Question => "question",
            ItemKind::Answer => "answer",
            ItemKind::QaComment => "qa_comment",
            ItemKind::Discussion => "discussion",
            ItemKind::ForumPost => "forum_post",
            ItemKind::WikiPage => "wiki_page",
            ItemKind::WikiTalk => "wiki_talk",
            ItemKind::Group => "group",
            ItemKind::GroupRequest => "group_request",
            ItemKind::GroupInvitation => "group_invitation",
            ItemKind::GroupPublication => "group_publication",
            ItemKind::AgendaEvent => "agenda_event",
            ItemKind::AgendaRegistration => "agenda_registration",
            ItemKind::Poll => "poll",
            ItemKind::Questionnaire => "questionnaire",
        }
    }

    /// Parses a stored string.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

/// The item an event is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    pub kind: ItemKind,
    pub id: String,
}

impl ItemRef {
    /// `kind` and any typed id (`&question_id`, `&user_id`).
    pub fn new(kind: ItemKind, id: &impl std::fmt::Display) -> Self {
        ItemRef {
            kind,
            id: id.to_string(),
        }
    }
}

/// One thing that happened.
#[derive(Debug, Clone)]
pub struct Event {
    pub kind: EventKind,
    pub item: ItemRef,
    /// Who did it; `None` for the platform itself.
    pub actor: Option<UserId>,
    /// Who may read the item now (its audience, or `Members` for things about a member): the
    /// notifications module tells nobody who may not.
    pub audience: Audience,
}

/// Stores `event`; call inside the write transaction that makes the change.
pub fn record(conn: &mut DbConnection, event: &Event) -> QueryResult<NotificationEventId> {
    let id = NotificationEventId::new();
    diesel::insert_into(notification_events::table)
        .values(NotificationEvent {
            id: id.clone(),
            kind: event.kind.as_str().to_owned(),
            item_kind: event.item.kind.as_str().to_owned(),
            item_id: event.item.id.clone(),
            actor_id: event.actor.clone(),
            audience: event.audience.to_db(),
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    // Delivery runs in the worker (prassi-notifications), from the outbox: it commits or rolls
    // back with the change, and a failed delivery is retried.
    prassi_db::outbox::enqueue(conn, TOPIC, &serde_json::json!({ "event": id.0 }))?;
    Ok(id)
}

/// Outbox topic of events waiting to be delivered to their recipients.
pub const TOPIC: &str = "notifications.deliver";

/// Most unread notifications the bell counts ("99+" beyond).
pub const UNREAD_CAP: i64 = 100;

/// How many unread notifications `user` has among what `visible` (the audiences they may read
/// now) covers, counted up to [`UNREAD_CAP`]: one query on the unread index, whatever the size
/// of the member's history.
pub fn unread_count(
    conn: &mut DbConnection,
    user: &UserId,
    visible: &[String],
) -> QueryResult<i64> {
    use prassi_db::schema::notifications;
    use prassi_db::OneOfExt;
    let ids: Vec<String> = notifications::table
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .filter(notifications::audience.one_of(visible))
        .order(notifications::created_at.desc())
        .limit(UNREAD_CAP)
        .select(notifications::id)
        .load(conn)?;
    Ok(ids.len() as i64)
}

/// [`record`] in one line, as modules write it beside their other effects: `actor` did
/// `kind` to the item `item`/`id`, which `audience` (its stored form) may read.
pub fn happened(
    conn: &mut DbConnection,
    kind: EventKind,
    item: ItemKind,
    id: &impl std::fmt::Display,
    actor: &UserId,
    audience: &str,
) -> crate::AppResult<()> {
    record_about(conn, kind, item, id, Some(actor), audience)
}

/// As [`happened`], with the actor optional: `None` when the platform itself did it (a
/// confirmation, a date that arrived).
pub fn record_about(
    conn: &mut DbConnection,
    kind: EventKind,
    item: ItemKind,
    id: &impl std::fmt::Display,
    actor: Option<&UserId>,
    audience: &str,
) -> crate::AppResult<()> {
    let audience = Audience::from_db(audience)
        .ok_or_else(|| crate::AppError::internal(format!("stored audience {audience:?}")))?;
    record(
        conn,
        &Event {
            kind,
            item: ItemRef::new(item, id),
            actor: actor.cloned(),
            audience,
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_have_distinct_stable_strings_that_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for k in EventKind::ALL {
            let s = k.as_str();
            assert!(seen.insert(s), "{s} twice");
            assert_eq!(EventKind::parse(s), Some(*k));
            let (module, what) = s.split_once('.').unwrap_or_default();
            assert!(
                !module.is_empty() && !what.is_empty(),
                "{s} is <module>.<what>"
            );
        }
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::parse(k.as_str()), Some(*k));
        }
        assert_eq!(EventKind::AnswerPosted.as_str(), "qa.answer_posted");
        assert_eq!(EventKind::parse("qa.nothing"), None);
    }
}

/// A member's watch level on an item, as item pages show it (the "follow" control).
#[derive(Debug, Clone, Hash, serde::Serialize)]
pub struct WatchState {
    /// `question`, `discussion`, `forum_category`, `tag`, `wiki_page` or `group`.
    pub item_kind: &'static str,
    pub item_id: String,
    /// `watching`, `normal` or `muted`.
    pub level: String,
}

/// The viewer's watch level on an item, or `None` for a reader who is not signed in (the
/// control is not shown). One query, by primary key.
pub fn watch_state(
    conn: &mut DbConnection,
    viewer: &crate::access::Viewer,
    item_kind: &'static str,
    item_id: &str,
) -> QueryResult<Option<WatchState>> {
    use prassi_db::schema::notification_watches;
    let Some(me) = viewer.user_id() else {
        return Ok(None);
    };
    if !viewer.participates() {
        return Ok(None);
    }
    let level: Option<String> = notification_watches::table
        .find((me, item_kind, item_id))
        .select(notification_watches::level)
        .first(conn)
        .optional()?;
    Ok(Some(WatchState {
        item_kind,
        item_id: item_id.to_owned(),
        level: level.unwrap_or_else(|| "normal".to_owned()),
    }))
}
