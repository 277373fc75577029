//! Expert routing: a question still open and without answers some hours after it was asked
//! (`PRASSI_EXPERT_ROUTING_AFTER_HOURS`) invites, once and automatically, up to
//! `PRASSI_EXPERT_ROUTING_EXPERTS` experts whose declared expertise matches its tags (the
//! match of the question page's suggestions, [`super::experts`]), who were not invited yet and
//! who may take part in it. Moderators see the questions still unanswered after routing in a
//! queue, with the experts invited and the others they may invite by hand.
//!
//! Why it is shaped this way:
//!
//! - **The clock is a parameter.** [`route_due`] takes `now`, so the hourly housekeeping passes
//!   the wall clock and tests pass times before and after the threshold without sleeping.
//! - **Once per question.** A question is claimed by the conditional update that sets
//!   `questions.experts_routed_at` only while it is unset (and the question still open and
//!   unanswered), inside the transaction that writes the invitations: two passes, on one
//!   instance or two, never route a question twice. The claim stays set even when no expert
//!   matched: the question then waits in the moderators' queue instead of being retried hourly.
//! - **Invitations by hand count.** Experts the asker (or a moderator) already invited count
//!   towards the number, and are never invited again (`expert_invitations` is keyed by
//!   question and expert). An invitation by the platform has no `invited_by`; its
//!   `ExpertInvited` event has no actor.
//! - **Only experts who may answer.** Each candidate is checked with the access rule, as a
//!   request of theirs would be ([`prassi_core::access::can`], `Participate`): a group question
//!   only reaches experts in that group.
//! - **Bounded.** A pass routes at most [`DUE_BATCH`] questions, walking a partial index of the
//!   questions due; each question looks at most [`CANDIDATES`] expert areas. The queue is a
//!   page of a partial index, its count stops at [`QUEUE_COUNT_CAP`].

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use prassi_core::access::{self, Account, Action, Audience, Phase, Viewer};
use prassi_core::config::ExpertRouting;
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{self, Event, EventKind, ItemKind, ItemRef};
use prassi_core::pagination::{PageInfo, PageRequest};
use prassi_db::models::Question;
use prassi_db::schema::{expert_invitations, group_members, question_tags, questions, tags, users};
use prassi_db::{AccountStatus, DbConnection, GroupId, OneOfExt, QuestionId, Role, UserId};
use serde::Serialize;

use super::experts::{expert_areas, question_keys, suggestions_of, tag_keys, ExpertArea};
use super::ExpertSuggestion;

/// How many due questions one pass routes (the rest wait for the next pass).
pub const DUE_BATCH: i64 = 100;
/// How many matching expert areas routing considers per question.
pub const CANDIDATES: i64 = 100;
/// Where the queue stops counting.
pub const QUEUE_COUNT_CAP: i64 = 500;

/// What one routing pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Routed {
    /// Questions this pass settled.
    pub questions: usize,
    /// Invitations it made.
    pub invitations: usize,
}

/// The moment before which a question is due, or `None` when routing is off.
fn cutoff(settings: &ExpertRouting, now: NaiveDateTime) -> Option<NaiveDateTime> {
    (settings.after_hours > 0).then(|| now - chrono::Duration::hours(settings.after_hours.into()))
}

/// Routes the questions due at `now`, oldest first, each in its own write transaction
/// (hourly housekeeping; `now` is the wall clock there). Needs no viewer: it does only what
/// the clock and the configuration decided.
pub fn route_due(
    conn: &mut DbConnection,
    settings: &ExpertRouting,
    now: NaiveDateTime,
) -> AppResult<Routed> {
    let Some(before) = cutoff(settings, now) else {
        return Ok(Routed::default());
    };
    let due: Vec<QuestionId> = questions::table
        .filter(questions::experts_routed_at.is_null())
        .filter(questions::answer_count.eq(0))
        .filter(questions::closed_reason.is_null())
        .filter(questions::created_at.le(before))
        .order(questions::created_at.asc())
        .limit(DUE_BATCH)
        .select(questions::id)
        .load(conn)?;
    if due.is_empty() {
        return Ok(Routed::default());
    }
    let phase = prassi_core::settings::SiteSettings::load(conn)?.phase;
    let mut out = Routed::default();
    for id in due {
        if let Some(n) =
            prassi_db::write_tx(conn, |c| route_question(c, settings, phase, &id, now))?
        {
            out.questions += 1;
            out.invitations += n;
        }
    }
    Ok(out)
}

/// Routes one question if it is still due at `now`: claims it, then invites up to the
/// configured number of experts (those invited before count). `Ok(None)` when it was not due
/// (answered, closed, too recent, or routed by another pass). Call inside a write transaction.
pub fn route_question(
    conn: &mut DbConnection,
    settings: &ExpertRouting,
    phase: Phase,
    id: &QuestionId,
    now: NaiveDateTime,
) -> AppResult<Option<usize>> {
    let Some(before) = cutoff(settings, now) else {
        return Ok(None);
    };
    let claimed = diesel::update(
        questions::table
            .find(id)
            .filter(questions::experts_routed_at.is_null())
            .filter(questions::answer_count.eq(0))
            .filter(questions::closed_reason.is_null())
            .filter(questions::created_at.le(before)),
    )
    .set(questions::experts_routed_at.eq(Some(now)))
    .execute(conn)?;
    if claimed == 0 {
        return Ok(None);
    }
    let q: Question = questions::table
        .find(id)
        .select(Question::as_select())
        .first(conn)?;
    let audience = Audience::from_db(&q.audience)
        .ok_or_else(|| AppError::internal(format!("stored audience {:?}", q.audience)))?;
    let invited: Vec<UserId> = expert_invitations::table
        .filter(expert_invitations::question_id.eq(id))
        .select(expert_invitations::expert_id)
        .load(conn)?;
    let wanted = usize::try_from(settings.experts).unwrap_or(usize::MAX);
    let room = wanted.saturating_sub(invited.len());
    if room == 0 {
        return Ok(Some(0));
    }
    let keys = question_keys(conn, id)?;
    let rows = expert_areas(conn, &keys, Some(&q.author_id), CANDIDATES)?;
    let candidates = ranked(&rows, &invited);
    let viewers = expert_viewers(conn, &rows, &[&audience])?;
    let mut made = 0;
    for expert in candidates {
        if made == room {
            break;
        }
        let may = viewers
            .get(expert)
            .is_some_and(|v| access::can(v, phase, &audience, Action::Participate));
        if !may {
            continue;
        }
        diesel::insert_into(expert_invitations::table)
            .values((
                expert_invitations::question_id.eq(id),
                expert_invitations::expert_id.eq(expert),
                expert_invitations::invited_by.eq(None::<UserId>),
                expert_invitations::created_at.eq(now),
            ))
            .execute(conn)?;
        notify::record(
            conn,
            &Event {
                kind: EventKind::ExpertInvited,
                item: ItemRef::new(ItemKind::Question, id),
                actor: None,
                audience: audience.clone(),
            },
        )?;
        made += 1;
    }
    Ok(Some(made))
}

/// The experts of `rows` not in `invited`, most matching areas first (then by display name,
/// the order of the rows).
fn ranked<'a>(rows: &'a [ExpertArea], invited: &[UserId]) -> Vec<&'a UserId> {
    let mut order: Vec<(&UserId, usize)> = Vec::new();
    for (id, ..) in rows {
        if invited.contains(id) {
            continue;
        }
        match order.iter_mut().find(|(i, _)| *i == id) {
            Some((_, n)) => *n += 1,
            None => order.push((id, 1)),
        }
    }
    // Stable: equal counts keep the display-name order.
    order.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    order.into_iter().map(|(id, _)| id).collect()
}

/// The access-rule view of the experts in `rows` (active experts, as [`expert_areas`] finds
/// them), each with the groups among those of `audiences` they belong to: all the rule needs
/// to decide whether they may take part in content of these audiences. One query, none when
/// no audience is a group's.
fn expert_viewers(
    conn: &mut DbConnection,
    rows: &[ExpertArea],
    audiences: &[&Audience],
) -> AppResult<HashMap<UserId, Viewer>> {
    let groups: Vec<GroupId> = audiences
        .iter()
        .filter_map(|a| match a {
            Audience::Group(g) => Some(GroupId(g.clone())),
            _ => None,
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut ids: Vec<UserId> = rows.iter().map(|r| r.0.clone()).collect();
    ids.sort();
    ids.dedup();
    let mut member_of: HashMap<UserId, HashSet<String>> = HashMap::new();
    if !groups.is_empty() && !ids.is_empty() {
        let pairs: Vec<(UserId, GroupId)> = group_members::table
            .filter(group_members::group_id.one_of(&groups))
            .filter(group_members::user_id.one_of(&ids))
            .select((group_members::user_id, group_members::group_id))
            .load(conn)?;
        for (u, g) in pairs {
            member_of.entry(u).or_default().insert(g.0);
        }
    }
    let mut out = HashMap::new();
    for (id, username, display_name, ..) in rows {
        if out.contains_key(id) {
            continue;
        }
        out.insert(
            id.clone(),
            Viewer::Account(Account {
                id: id.clone(),
                username: username.clone(),
                display_name: display_name.clone(),
                role: Role::Expert,
                status: AccountStatus::Active,
                groups: member_of.remove(id).unwrap_or_default(),
            }),
        );
    }
    Ok(out)
}

/// Whether the account `user` may take part in content of `audience`, as a request of theirs
/// would be judged (their role, standing and groups): who may be invited to answer.
pub fn may_answer(
    conn: &mut DbConnection,
    user: &UserId,
    phase: Phase,
    audience: &Audience,
) -> AppResult<bool> {
    Ok(prassi_core::ctx::viewer_of(conn, user)?
        .is_some_and(|v| access::can(&v, phase, audience, Action::Participate)))
}

/// An expert invited to answer a question in the queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvitedExpert {
    pub username: String,
    pub display_name: String,
    /// Who invited them: a member's display name, or `None` for the platform (routing).
    pub invited_by: Option<String>,
    pub invited_at: NaiveDateTime,
}

/// A question in the moderators' queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    pub id: String,
    pub title: String,
    pub url: String,
    pub tags: Vec<String>,
    pub created_at: NaiveDateTime,
    /// When routing settled it.
    pub routed_at: NaiveDateTime,
    /// The experts invited so far, by hand or by the platform, first invited first.
    pub invited: Vec<InvitedExpert>,
    /// Matching experts not invited yet who may answer (at most ten).
    pub suggestions: Vec<ExpertSuggestion>,
}

/// One page of the moderators' queue: questions routed and still open without answers,
/// among those the moderator may read and moderate, newest first; with the total, counted
/// up to [`QUEUE_COUNT_CAP`]. Anyone but a moderator gets `NotFound`. Seven queries whatever
/// the page holds.
pub fn queue(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    page: PageRequest,
) -> AppResult<(Vec<QueueItem>, PageInfo)> {
    if !viewer.is_moderator() {
        return Err(AppError::not_found());
    }
    let audiences: Vec<String> = access::visible_audiences(viewer, phase)
        .into_iter()
        .filter(|a| {
            Audience::from_db(a).is_some_and(|a| access::can(viewer, phase, &a, Action::Moderate))
        })
        .collect();
    if audiences.is_empty() {
        return Ok((Vec::new(), page.info(0)));
    }
    let waiting = || {
        questions::table
            .filter(questions::experts_routed_at.is_not_null())
            .filter(questions::answer_count.eq(0))
            .filter(questions::closed_reason.is_null())
            .filter(questions::audience.one_of(audiences.clone()))
    };
    let counted: Vec<QuestionId> = waiting()
        .order((questions::created_at.desc(), questions::id.desc()))
        .limit(QUEUE_COUNT_CAP)
        .select(questions::id)
        .load(conn)?;
    let total = i64::try_from(counted.len()).unwrap_or(QUEUE_COUNT_CAP);
    let found: Vec<(Question, Option<NaiveDateTime>)> = waiting()
        .order((questions::created_at.desc(), questions::id.desc()))
        .limit(page.per_page)
        .offset(page.offset())
        .select((Question::as_select(), questions::experts_routed_at))
        .load(conn)?;
    if found.is_empty() {
        return Ok((Vec::new(), page.info(total)));
    }
    let ids: Vec<QuestionId> = found.iter().map(|(q, _)| q.id.clone()).collect();

    // Tags, and the expertise keys they match, per question.
    let tagged: Vec<(QuestionId, String, String)> = question_tags::table
        .inner_join(tags::table)
        .filter(question_tags::question_id.one_of(&ids))
        .order((question_tags::question_id.asc(), tags::name.asc()))
        .select((question_tags::question_id, tags::name, tags::description))
        .load(conn)?;
    let mut tag_names: HashMap<&QuestionId, Vec<String>> = HashMap::new();
    let mut keys_of: HashMap<&QuestionId, HashSet<String>> = HashMap::new();
    for (q, name, description) in &tagged {
        tag_names.entry(q).or_default().push(name.clone());
        keys_of
            .entry(q)
            .or_default()
            .extend(tag_keys(name, description));
    }

    // Invitations, with the experts' and inviters' names.
    let invitations: Vec<(QuestionId, UserId, Option<UserId>, NaiveDateTime)> =
        expert_invitations::table
            .filter(expert_invitations::question_id.one_of(&ids))
            .order(expert_invitations::created_at.asc())
            .select((
                expert_invitations::question_id,
                expert_invitations::expert_id,
                expert_invitations::invited_by,
                expert_invitations::created_at,
            ))
            .load(conn)?;
    let mut people: Vec<UserId> = invitations
        .iter()
        .flat_map(|(_, e, by, _)| std::iter::once(e.clone()).chain(by.clone()))
        .collect();
    people.sort();
    people.dedup();
    let names: HashMap<UserId, (String, String)> = if people.is_empty() {
        HashMap::new()
    } else {
        users::table
            .filter(users::id.one_of(&people))
            .select((users::id, users::username, users::display_name))
            .load::<(UserId, String, String)>(conn)?
            .into_iter()
            .map(|(id, u, d)| (id, (u, d)))
            .collect()
    };

    // Matching experts for the whole page, and whether each may answer each question.
    let mut all_keys: Vec<String> = keys_of.values().flatten().cloned().collect();
    all_keys.sort();
    all_keys.dedup();
    let rows = expert_areas(conn, &all_keys, None, CANDIDATES * 5)?;
    let page_audiences: Vec<Audience> = found
        .iter()
        .filter_map(|(q, _)| Audience::from_db(&q.audience))
        .collect();
    let viewers = expert_viewers(conn, &rows, &page_audiences.iter().collect::<Vec<_>>())?;

    let mut items = Vec::with_capacity(found.len());
    for (q, routed_at) in &found {
        let audience = Audience::from_db(&q.audience);
        let invited_ids: Vec<UserId> = invitations
            .iter()
            .filter(|(qid, ..)| *qid == q.id)
            .map(|(_, e, ..)| e.clone())
            .collect();
        let invited = invitations
            .iter()
            .filter(|(qid, ..)| *qid == q.id)
            .filter_map(|(_, e, by, at)| {
                let (username, display_name) = names.get(e)?.clone();
                Some(InvitedExpert {
                    username,
                    display_name,
                    invited_by: by.as_ref().and_then(|b| names.get(b)).map(|n| n.1.clone()),
                    invited_at: *at,
                })
            })
            .collect();
        let keys = keys_of.get(&q.id);
        let matching: Vec<ExpertArea> = rows
            .iter()
            .filter(|(id, _, _, key, _)| {
                *id != q.author_id
                    && !invited_ids.contains(id)
                    && keys.is_some_and(|k| k.contains(key))
                    && audience.as_ref().is_some_and(|a| {
                        viewers
                            .get(id)
                            .is_some_and(|v| access::can(v, phase, a, Action::Participate))
                    })
            })
            .cloned()
            .collect();
        items.push(QueueItem {
            id: q.id.to_string(),
            title: q.title.clone(),
            url: super::question_url(&q.id, &q.title),
            tags: tag_names.remove(&q.id).unwrap_or_default(),
            created_at: q.created_at,
            routed_at: routed_at.unwrap_or(q.created_at),
            invited,
            suggestions: suggestions_of(matching, &invited_ids),
        });
    }
    Ok((items, page.info(total)))
}
