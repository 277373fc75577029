//! Where a member hears about each kind of event — in the platform, by email at once, in the
//! digest, or not at all — and how closely they follow single items (watching, normal,
//! muted). Without a stored choice a kind has its default: email for what is about the member
//! themself (a mention, an answer to their question, their answer accepted, an invitation, a
//! decision on their request, their registration to an event and changes to it), the platform
//! for the rest.

use diesel::prelude::*;
use prassi_core::access::Viewer;
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::EventKind;
use prassi_db::schema::{notification_preferences, notification_watches};
use prassi_db::{DbConnection, UserId};
use serde::{Deserialize, Serialize};

/// Where a kind of event reaches a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// In the platform only (the bell and `/notifiche`).
    Web,
    /// In the platform, and by email at once.
    Email,
    /// In the platform, and in the daily or weekly digest.
    Digest,
    /// Not at all.
    Off,
}

impl Channel {
    /// Every channel, in the order forms show them.
    pub const ALL: [Channel; 4] = [Channel::Web, Channel::Email, Channel::Digest, Channel::Off];

    /// The stored string.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Email => "email",
            Channel::Digest => "digest",
            Channel::Off => "off",
        }
    }

    /// Parses a stored or submitted string.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The kinds a member may be told about, in the order the settings page lists them.
pub const KINDS: &[EventKind] = &[
    EventKind::MemberMentioned,
    EventKind::AnswerPosted,
    EventKind::QaCommentPosted,
    EventKind::AnswerAccepted,
    EventKind::ExpertInvited,
    EventKind::QuestionClosed,
    EventKind::QuestionAsked,
    EventKind::DiscussionStarted,
    EventKind::ReplyPosted,
    EventKind::WikiPageEdited,
    EventKind::WikiTalkPosted,
    EventKind::AnswerPromoted,
    EventKind::WikiReviewDue,
    EventKind::AnswerReviewDue,
    EventKind::GroupRequested,
    EventKind::GroupRequestDecided,
    EventKind::GroupInvited,
    EventKind::GroupMemberJoined,
    EventKind::GroupPublicationProposed,
    EventKind::GroupPublicationDecided,
    EventKind::AgendaRegistered,
    EventKind::AgendaPromoted,
    EventKind::AgendaEventChanged,
    EventKind::AgendaEventCancelled,
    EventKind::PollClosingSoon,
    EventKind::QuestionnaireClosingSoon,
    EventKind::AccountApproved,
    EventKind::AccountRoleChanged,
    EventKind::InvitationAccepted,
];

/// The channel a kind has when the member chose none.
pub fn default_channel(kind: EventKind) -> Channel {
    match kind {
        EventKind::MemberMentioned
        | EventKind::AnswerPosted
        | EventKind::AnswerAccepted
        | EventKind::ExpertInvited
        | EventKind::GroupRequested
        | EventKind::GroupRequestDecided
        | EventKind::GroupInvited
        | EventKind::GroupPublicationDecided
        | EventKind::WikiReviewDue
        | EventKind::AnswerReviewDue
        | EventKind::AnswerPromoted
        | EventKind::AgendaRegistered
        | EventKind::AgendaPromoted
        | EventKind::AgendaEventChanged
        | EventKind::AgendaEventCancelled => Channel::Email,
        _ => Channel::Web,
    }
}

/// Where `kind` reaches `user`. One query.
pub fn channel(conn: &mut DbConnection, user: &UserId, kind: EventKind) -> AppResult<Channel> {
    let stored: Option<String> = notification_preferences::table
        .find((user, kind.as_str()))
        .select(notification_preferences::channel)
        .first(conn)
        .optional()?;
    Ok(stored
        .as_deref()
        .and_then(Channel::parse)
        .unwrap_or_else(|| default_channel(kind)))
}

/// A kind and where it reaches the member, for the settings page and the API.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KindSetting {
    /// The stored kind (`qa.answer_posted`).
    pub kind: String,
    pub channel: Channel,
    /// Whether this is the kind's default (no choice stored).
    pub default: bool,
}

/// Every kind with the viewer's channel. One query.
pub fn settings(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<Vec<KindSetting>> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?;
    let stored: Vec<(String, String)> = notification_preferences::table
        .filter(notification_preferences::user_id.eq(me))
        .select((
            notification_preferences::kind,
            notification_preferences::channel,
        ))
        .load(conn)?;
    Ok(KINDS
        .iter()
        .map(|k| {
            let chosen = stored
                .iter()
                .find(|(kind, _)| kind == k.as_str())
                .and_then(|(_, c)| Channel::parse(c));
            KindSetting {
                kind: k.as_str().to_owned(),
                channel: chosen.unwrap_or_else(|| default_channel(*k)),
                default: chosen.is_none(),
            }
        })
        .collect())
}

/// Stores the viewer's channels: `(kind, channel)` pairs as submitted. Every unknown kind or
/// channel is reported at once (`Invalid`, one field per pair); nothing is stored then.
pub fn set_channels(
    conn: &mut DbConnection,
    viewer: &Viewer,
    choices: &[(String, String)],
) -> AppResult<()> {
    set_all(conn, viewer, choices, None)
}

/// Stores the viewer's channels and, when given, how often they get the digest (the settings
/// form sends both). Every problem is reported at once; nothing is stored then.
pub fn set_all(
    conn: &mut DbConnection,
    viewer: &Viewer,
    choices: &[(String, String)],
    digest: Option<&str>,
) -> AppResult<()> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut problems = prassi_core::input::Checks::new();
    let mut parsed = Vec::new();
    for (kind, channel) in choices {
        let k = KINDS.iter().copied().find(|k| k.as_str() == kind);
        let c = Channel::parse(channel);
        match (k, c) {
            (Some(k), Some(c)) => parsed.push((k, c)),
            (None, _) => problems.fail(kind, "notifications-kind-unknown"),
            (_, None) => problems.fail(kind, "notifications-channel-unknown"),
        }
    }
    if digest.is_some_and(|f| super::digest::Frequency::parse(f).is_none()) {
        problems.fail("digest", "notifications-digest-unknown");
    }
    problems.finish()?;
    for (kind, channel) in parsed {
        set_channel(conn, &me, kind, channel)?;
    }
    if let Some(f) = digest {
        super::digest::set_frequency(conn, &me, f, prassi_db::now())?;
    }
    Ok(())
}

/// Stores one channel (the default is stored too: a later change of defaults leaves it).
pub fn set_channel(
    conn: &mut DbConnection,
    user: &UserId,
    kind: EventKind,
    channel: Channel,
) -> AppResult<()> {
    diesel::delete(notification_preferences::table.find((user, kind.as_str()))).execute(conn)?;
    diesel::insert_into(notification_preferences::table)
        .values((
            notification_preferences::user_id.eq(user),
            notification_preferences::kind.eq(kind.as_str()),
            notification_preferences::channel.eq(channel.as_str()),
        ))
        .execute(conn)?;
    Ok(())
}

/// What a member may watch.
pub const WATCHABLE: &[&str] = &[
    "question",
    "discussion",
    "forum_category",
    "tag",
    "wiki_page",
    "group",
];

/// Sets the viewer's level on an item they may read (the caller has shown it readable with
/// [`crate::service::items`]); `normal` removes the row.
pub fn set_watch(
    conn: &mut DbConnection,
    viewer: &Viewer,
    item_kind: &str,
    item_id: &str,
    level: &str,
) -> AppResult<()> {
    use crate::service::recipients::{MUTED, NORMAL, WATCHING};
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let mut problems = prassi_core::input::Checks::new();
    if !WATCHABLE.contains(&item_kind) {
        problems.fail("item_kind", "notifications-watch-kind-unknown");
    }
    if ![WATCHING, NORMAL, MUTED].contains(&level) {
        problems.fail("level", "notifications-watch-level-unknown");
    }
    problems.finish()?;
    diesel::delete(notification_watches::table.find((&me, item_kind, item_id))).execute(conn)?;
    if level != NORMAL {
        diesel::insert_into(notification_watches::table)
            .values((
                notification_watches::user_id.eq(&me),
                notification_watches::item_kind.eq(item_kind),
                notification_watches::item_id.eq(item_id),
                notification_watches::level.eq(level),
                notification_watches::created_at.eq(prassi_db::now()),
            ))
            .execute(conn)?;
    }
    Ok(())
}
