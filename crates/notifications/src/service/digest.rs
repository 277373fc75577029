//! The email digest: daily or weekly, per member, what happened since their last digest in
//! what they may read — their notifications of the kinds they send to the digest, new
//! questions in the tags they follow, new answers in the threads and tags they follow, changes
//! to the wiki pages they watch, newly announced events and newly opened polls and
//! questionnaires.
//!
//! - **Nothing twice.** A digest covers the window from where the last one ended
//!   (`notification_digests.last_sent_at`) to now, and every section picks what was created
//!   or changed in that window; windows never overlap, so nothing is told twice.
//! - **Once, whatever the instances.** The hourly pass claims a member by moving
//!   `next_due_at` with a conditional update, in the transaction that queues the mail: two
//!   instances at once send one digest.
//! - **Skipped when empty.** An empty digest queues nothing (its window is used up all the
//!   same).
//! - **The access rule.** Every section is filtered by the audiences the member may read now
//!   ([`access::visible_audiences`] with the member's own viewer), and notification lines are
//!   re-read and re-checked as on the notifications page.
//! - **The clock is a parameter** ([`send_due`] takes `now`), so tests move time.
//!
//! Without a stored choice a member gets the weekly digest; `off` sends none. Each digest
//! carries a one-click unsubscribe link that turns it off.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::mail::{MailContext, Outgoing};
use prassi_core::settings::SiteSettings;
use prassi_db::ids::{PollId, QuestionnaireId};
use prassi_db::schema::{
    agenda_events, answers, notification_digests, notification_watches, notifications, polls,
    question_tags, questionnaires, questions, users, wiki_pages, wiki_watches,
};
use prassi_db::{AccountStatus, DbConnection, EventId, EventStatus, OneOfExt, QuestionId, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::inbox::{self, NotificationView};
use super::preferences::{self, Channel};
use super::recipients::WATCHING;

/// How often a member gets the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Daily,
    Weekly,
    /// No digest.
    Off,
}

impl Frequency {
    /// Every frequency, in the order forms show them.
    pub const ALL: [Frequency; 3] = [Frequency::Daily, Frequency::Weekly, Frequency::Off];
    /// Without a stored choice.
    pub const DEFAULT: Frequency = Frequency::Weekly;

    /// The stored string.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Off => "off",
        }
    }

    /// Parses a stored or submitted string.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The time between two digests; `None` when off.
    pub fn period(self) -> Option<Duration> {
        match self {
            Frequency::Daily => Some(Duration::days(1)),
            Frequency::Weekly => Some(Duration::days(7)),
            Frequency::Off => None,
        }
    }
}

/// Most lines a section shows.
const SECTION_LIMIT: i64 = 10;
/// Most lines of the community's news shown to a member who follows nothing of that kind.
const COMMUNITY_LIMIT: i64 = 5;
/// Most members one hourly pass sends the digest to (the rest go an hour later, so a new
/// instance's first digests spread over the day).
pub const PASS_LIMIT: i64 = 1_000;

/// A member's digest settings, for the settings page and the API.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DigestSettings {
    pub frequency: Frequency,
    /// Whether this is the default (no choice stored).
    pub default: bool,
    /// Where the last digest ended (sent, or skipped as empty).
    pub last_sent_at: Option<NaiveDateTime>,
    /// When the next one is due; absent when off.
    pub next_due_at: Option<NaiveDateTime>,
}

type DigestRow = (String, String, Option<NaiveDateTime>, NaiveDateTime);

fn stored(conn: &mut DbConnection, user: &UserId) -> AppResult<Option<DigestRow>> {
    Ok(notification_digests::table
        .find(user)
        .select(notification_digests::all_columns)
        .first(conn)
        .optional()?)
}

/// The viewer's digest settings. One query.
pub fn settings(conn: &mut DbConnection, viewer: &Viewer) -> AppResult<DigestSettings> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?;
    Ok(match stored(conn, me)? {
        Some((_, f, last, next)) => {
            let frequency = Frequency::parse(&f).unwrap_or(Frequency::DEFAULT);
            DigestSettings {
                frequency,
                default: false,
                last_sent_at: last,
                next_due_at: (frequency != Frequency::Off).then_some(next),
            }
        }
        None => DigestSettings {
            frequency: Frequency::DEFAULT,
            default: true,
            last_sent_at: None,
            next_due_at: None,
        },
    })
}

/// Stores how often `user` gets the digest (submitted as a string: an unknown one is
/// `Invalid` on the field `digest`). Choosing what is already in force changes nothing (the
/// settings form always sends it). Otherwise the next digest is due one period after the last
/// one ended, or at once when none was sent yet; the window it covers is unchanged, so
/// changing the frequency never tells anything twice.
pub fn set_frequency(
    conn: &mut DbConnection,
    user: &UserId,
    frequency: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let Some(frequency) = Frequency::parse(frequency) else {
        let mut problems = prassi_core::input::Checks::new();
        problems.fail("digest", "notifications-digest-unknown");
        return problems.finish();
    };
    let old = stored(conn, user)?;
    let current = old
        .as_ref()
        .and_then(|r| Frequency::parse(&r.1))
        .unwrap_or(Frequency::DEFAULT);
    if current == frequency {
        return Ok(());
    }
    let last = old.as_ref().and_then(|r| r.2);
    let next = match (frequency.period(), last) {
        (Some(p), Some(l)) => l + p,
        (Some(_), None) => now,
        // Kept for when the member turns it back on.
        (None, _) => old.as_ref().map_or(now, |r| r.3),
    };
    diesel::delete(notification_digests::table.find(user)).execute(conn)?;
    diesel::insert_into(notification_digests::table)
        .values((
            notification_digests::user_id.eq(user),
            notification_digests::frequency.eq(frequency.as_str()),
            notification_digests::last_sent_at.eq(last),
            notification_digests::next_due_at.eq(next),
        ))
        .execute(conn)?;
    Ok(())
}

/// One line of a digest section.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Line {
    pub title: String,
    pub url: String,
    /// The question an answer belongs to's title is the line's title; this says who answered,
    /// when an event starts, when a poll closes.
    pub detail: Option<String>,
}

/// What one digest holds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Digest {
    /// Notifications of the kinds the member sends to the digest, unread.
    pub notifications: Vec<NotificationView>,
    /// New questions in the tags the member follows (or the community's newest, when they
    /// follow no tag: `questions_followed` says which).
    pub questions: Vec<Line>,
    pub questions_followed: bool,
    /// New answers to questions the member follows or in tags they follow.
    pub answers: Vec<Line>,
    /// Wiki pages the member watches that changed (or the community's latest changes).
    pub pages: Vec<Line>,
    pub pages_followed: bool,
    /// Events announced in the window that are still to come.
    pub events: Vec<Line>,
    /// Polls and questionnaires opened in the window and still open.
    pub polls: Vec<Line>,
}

impl Digest {
    /// Whether there is nothing to tell.
    pub fn is_empty(&self) -> bool {
        self.notifications.is_empty()
            && self.questions.is_empty()
            && self.answers.is_empty()
            && self.pages.is_empty()
            && self.events.is_empty()
            && self.polls.is_empty()
    }
}

/// What `viewer` is told for the window `(since, until]`. About ten bounded queries, and one
/// per notification line.
pub fn build(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> AppResult<Digest> {
    let me = viewer.user_id().ok_or_else(AppError::unauthorized)?.clone();
    let visible = access::visible_audiences(viewer, phase);
    let mut d = Digest {
        notifications: digest_notifications(conn, viewer, phase, &me, since, until)?,
        ..Digest::default()
    };

    let followed_tags: Vec<String> = watched(conn, &me, "tag")?;
    let followed_questions: Vec<String> = watched(conn, &me, "question")?;
    d.questions_followed = !followed_tags.is_empty();
    let mut q = questions::table
        .filter(questions::created_at.gt(since))
        .filter(questions::created_at.le(until))
        .filter(questions::audience.one_of(visible.clone()))
        .filter(questions::author_id.ne(&me))
        .into_boxed();
    if d.questions_followed {
        q = q.filter(
            questions::id.eq_any(
                question_tags::table
                    .filter(question_tags::tag_id.one_of(followed_tags.clone()))
                    .select(question_tags::question_id),
            ),
        );
    }
    let rows: Vec<(QuestionId, String)> = q
        .order((questions::created_at.desc(), questions::id.desc()))
        .limit(if d.questions_followed {
            SECTION_LIMIT
        } else {
            COMMUNITY_LIMIT
        })
        .select((questions::id, questions::title))
        .load(conn)?;
    d.questions = rows
        .into_iter()
        .map(|(id, title)| Line {
            url: prassi_qa::service::question_url(&id, &title),
            title,
            detail: None,
        })
        .collect();

    if !followed_tags.is_empty() || !followed_questions.is_empty() {
        let mut a = answers::table
            .inner_join(questions::table)
            .inner_join(users::table.on(users::id.eq(answers::author_id)))
            .filter(answers::created_at.gt(since))
            .filter(answers::created_at.le(until))
            .filter(questions::audience.one_of(visible.clone()))
            .filter(answers::author_id.ne(&me))
            // Answers to the member's own questions are notifications of their own.
            .filter(questions::author_id.ne(&me))
            .into_boxed();
        let in_tags = questions::id.eq_any(
            question_tags::table
                .filter(question_tags::tag_id.one_of(followed_tags.clone()))
                .select(question_tags::question_id),
        );
        let watched_q = questions::id.one_of(
            followed_questions
                .iter()
                .map(|q| QuestionId(q.clone()))
                .collect::<Vec<_>>(),
        );
        a = match (followed_tags.is_empty(), followed_questions.is_empty()) {
            (false, false) => a.filter(in_tags.or(watched_q)),
            (false, true) => a.filter(in_tags),
            _ => a.filter(watched_q),
        };
        let rows: Vec<(String, QuestionId, String, String)> = a
            .order((answers::created_at.desc(), answers::id.desc()))
            .limit(SECTION_LIMIT)
            .select((
                answers::id,
                questions::id,
                questions::title,
                users::display_name,
            ))
            .load(conn)?;
        d.answers = rows
            .into_iter()
            .map(|(answer, q, title, author)| Line {
                url: format!(
                    "{}#risposta-{answer}",
                    prassi_qa::service::question_url(&q, &title)
                ),
                title,
                detail: Some(author),
            })
            .collect();
    }

    let mut pages_watched: Vec<String> = wiki_watches::table
        .filter(wiki_watches::user_id.eq(&me))
        .limit(super::recipients::MAX_RECIPIENTS)
        .select(wiki_watches::page_id)
        .load(conn)?;
    pages_watched.extend(watched(conn, &me, "wiki_page")?);
    d.pages_followed = !pages_watched.is_empty();
    let mut p = wiki_pages::table
        .filter(wiki_pages::updated_at.gt(since))
        .filter(wiki_pages::updated_at.le(until))
        .filter(wiki_pages::audience.one_of(visible.clone()))
        .into_boxed();
    if d.pages_followed {
        p = p.filter(wiki_pages::id.one_of(pages_watched));
    }
    let rows: Vec<(String, String)> = p
        .order((wiki_pages::updated_at.desc(), wiki_pages::id.desc()))
        .limit(if d.pages_followed {
            SECTION_LIMIT
        } else {
            COMMUNITY_LIMIT
        })
        .select((wiki_pages::slug, wiki_pages::title))
        .load(conn)?;
    d.pages = rows
        .into_iter()
        .map(|(slug, title)| Line {
            url: prassi_wiki::service::page_url(&slug),
            title,
            detail: None,
        })
        .collect();

    let rows: Vec<(EventId, String, NaiveDateTime)> = agenda_events::table
        .filter(agenda_events::status.eq(EventStatus::Published))
        .filter(agenda_events::created_at.gt(since))
        .filter(agenda_events::created_at.le(until))
        .filter(agenda_events::starts_at.gt(until))
        .filter(agenda_events::audience.one_of(visible.clone()))
        .order((agenda_events::starts_at.asc(), agenda_events::id.asc()))
        .limit(SECTION_LIMIT)
        .select((
            agenda_events::id,
            agenda_events::title,
            agenda_events::starts_at,
        ))
        .load(conn)?;
    d.events = rows
        .into_iter()
        .map(|(id, title, starts)| Line {
            url: prassi_agenda::service::event_url(&id),
            title,
            detail: Some(super::items::rome(starts)),
        })
        .collect();

    let open_polls: Vec<(PollId, String, Option<NaiveDateTime>)> = polls::table
        .filter(polls::created_at.gt(since))
        .filter(polls::created_at.le(until))
        .filter(polls::closed_at.is_null())
        .filter(polls::closes_at.is_null().or(polls::closes_at.gt(until)))
        .filter(polls::audience.one_of(visible.clone()))
        .order((polls::created_at.desc(), polls::id.desc()))
        .limit(SECTION_LIMIT)
        .select((polls::id, polls::question, polls::closes_at))
        .load(conn)?;
    let open_questionnaires: Vec<(QuestionnaireId, String, Option<NaiveDateTime>)> =
        questionnaires::table
            .filter(questionnaires::opens_at.gt(since))
            .filter(questionnaires::opens_at.le(until))
            .filter(questionnaires::closed_at.is_null())
            .filter(
                questionnaires::closes_at
                    .is_null()
                    .or(questionnaires::closes_at.gt(until)),
            )
            .filter(questionnaires::audience.one_of(visible))
            .order((questionnaires::opens_at.desc(), questionnaires::id.desc()))
            .limit(SECTION_LIMIT)
            .select((
                questionnaires::id,
                questionnaires::title,
                questionnaires::closes_at,
            ))
            .load(conn)?;
    let closes = |c: Option<NaiveDateTime>| c.map(super::items::rome);
    d.polls = open_polls
        .into_iter()
        .map(|(id, question, c)| Line {
            url: prassi_polls::service::poll_url(&id),
            title: question,
            detail: closes(c),
        })
        .chain(open_questionnaires.into_iter().map(|(id, title, c)| Line {
            url: prassi_polls::questionnaires::questionnaire_url(&id),
            title,
            detail: closes(c),
        }))
        .collect();
    Ok(d)
}

/// The ids of the items of `item_kind` the member watches.
fn watched(conn: &mut DbConnection, me: &UserId, item_kind: &str) -> AppResult<Vec<String>> {
    Ok(notification_watches::table
        .filter(notification_watches::user_id.eq(me))
        .filter(notification_watches::item_kind.eq(item_kind))
        .filter(notification_watches::level.eq(WATCHING))
        .limit(super::recipients::MAX_RECIPIENTS)
        .select(notification_watches::item_id)
        .load(conn)?)
}

/// The member's unread notifications of the window, of the kinds they send to the digest.
fn digest_notifications(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    me: &UserId,
    since: NaiveDateTime,
    until: NaiveDateTime,
) -> AppResult<Vec<NotificationView>> {
    let kinds: Vec<String> = preferences::settings(conn, viewer)?
        .into_iter()
        .filter(|k| k.channel == Channel::Digest)
        .map(|k| k.kind)
        .collect();
    if kinds.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<inbox::Row> = notifications::table
        .filter(notifications::user_id.eq(me))
        .filter(notifications::read_at.is_null())
        .filter(notifications::created_at.gt(since))
        .filter(notifications::created_at.le(until))
        .filter(notifications::kind.one_of(kinds))
        .order(notifications::id.desc())
        .limit(inbox::MAX_PER_PAGE)
        .select(inbox::ROW)
        .load(conn)?;
    inbox::views(conn, viewer, phase, rows)
}

/// Sends the digests due at `now` (at most [`PASS_LIMIT`]), each member in their own write
/// transaction; returns how many were sent (empty ones are not).
pub fn send_due(
    conn: &mut DbConnection,
    config: &prassi_core::config::Config,
    mc: &MailContext,
    now: NaiveDateTime,
) -> AppResult<usize> {
    let due: Vec<(UserId, Option<DigestRow>)> = users::table
        .left_join(notification_digests::table)
        .filter(users::status.one_of([AccountStatus::Active, AccountStatus::Open]))
        .filter(users::email_verified_at.is_not_null())
        .filter(
            notification_digests::user_id
                .is_null()
                .or(notification_digests::frequency
                    .ne(Frequency::Off.as_str())
                    .and(notification_digests::next_due_at.le(now))),
        )
        .order(users::id.asc())
        .limit(PASS_LIMIT)
        .select((users::id, notification_digests::all_columns.nullable()))
        .load(conn)?;
    let mut sent = 0;
    for (user, row) in due {
        if prassi_db::write_tx(conn, |c| send_one(c, config, mc, &user, row.as_ref(), now))? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Claims and sends one member's digest; `false` when another instance claimed it first or
/// there was nothing to tell.
fn send_one(
    conn: &mut DbConnection,
    config: &prassi_core::config::Config,
    mc: &MailContext,
    user: &UserId,
    row: Option<&DigestRow>,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let frequency = row
        .and_then(|r| Frequency::parse(&r.1))
        .unwrap_or(Frequency::DEFAULT);
    let Some(period) = frequency.period() else {
        return Ok(false);
    };
    let claimed = match row {
        None => prassi_db::insert_unless_exists(conn, |c| {
            diesel::insert_into(notification_digests::table)
                .values((
                    notification_digests::user_id.eq(user),
                    notification_digests::frequency.eq(frequency.as_str()),
                    notification_digests::last_sent_at.eq(Some(now)),
                    notification_digests::next_due_at.eq(now + period),
                ))
                .execute(c)
        })?,
        Some((_, _, _, next)) => {
            diesel::update(
                notification_digests::table
                    .find(user)
                    .filter(notification_digests::next_due_at.eq(next)),
            )
            .set((
                notification_digests::last_sent_at.eq(Some(now)),
                notification_digests::next_due_at.eq(now + period),
            ))
            .execute(conn)?
                == 1
        }
    };
    if !claimed {
        return Ok(false);
    }
    // A digest never reaches further back than one period (a member who turns it back on
    // after months gets the last week, not the whole history).
    let since = row
        .and_then(|r| r.2)
        .map_or(now - period, |last| last.max(now - period));
    let Some(viewer) = prassi_core::ctx::viewer_of(conn, user)? else {
        return Ok(false);
    };
    let phase = SiteSettings::load(conn)?.phase;
    let digest = build(conn, &viewer, phase, since, now)?;
    if digest.is_empty() {
        return Ok(false);
    }
    let to = Outgoing::to_member(conn, user)?;
    let unsubscribe = super::unsubscribe::digest_url(config, user)?;
    let mut email = to.render(
        mc,
        "notifications/digest",
        &serde_json::json!({
            "digest": digest,
            "frequency": frequency.as_str(),
            "unsubscribe": unsubscribe,
        }),
    )?;
    email.list_unsubscribe = Some(unsubscribe);
    prassi_core::mail::enqueue(conn, &email)?;
    Ok(true)
}
