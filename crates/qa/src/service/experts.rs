//! Experts whose declared expertise matches a question, and invitations to answer: by the
//! asker or a moderator here, by the platform in [`super::routing`], which shares the match.
//! The question page's box is kept per process while the `experts_version` counter (moved by
//! database triggers on every change it shows) and the question's thread version hold
//! ([`kept_expert_suggestions`]).

use diesel::prelude::*;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::lru_budget::LruBudget;
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_db::models::Tag;
use prassi_db::schema::{group_members, question_tags, tags, users};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, GroupId, QuestionId, Role, UserId};
use serde::Serialize;

use super::access::readable_question;

/// An expert whose declared expertise matches the question's tags.
#[derive(Debug, Clone, Hash, Serialize, utoipa::ToSchema)]
pub struct ExpertSuggestion {
    pub username: String,
    pub display_name: String,
    /// The matching areas, comma-separated.
    pub matching: String,
    pub invited: bool,
}

/// The area keys (`user_expertise.area_key`) a tag matches: its name, its name with spaces
/// for hyphens, and its description, lowercased.
pub(super) fn tag_keys(name: &str, description: &str) -> Vec<String> {
    let mut keys = vec![name.to_owned(), name.replace('-', " ")];
    if !description.is_empty() {
        keys.push(description.to_lowercase());
    }
    keys
}

/// The tags of `question`, by name (one query).
pub(super) fn question_tags(conn: &mut DbConnection, question: &QuestionId) -> AppResult<Vec<Tag>> {
    Ok(question_tags::table
        .inner_join(tags::table)
        .filter(question_tags::question_id.eq(question))
        .order(tags::name.asc())
        .select(Tag::as_select())
        .load(conn)?)
}

/// The area keys `tags` (a question's) match.
pub(super) fn keys_of(tags: &[Tag]) -> Vec<String> {
    tags.iter()
        .flat_map(|t| tag_keys(&t.name, &t.description))
        .collect()
}

/// The area keys the tags of `question` match (one query).
pub(super) fn question_keys(
    conn: &mut DbConnection,
    question: &QuestionId,
) -> AppResult<Vec<String>> {
    Ok(keys_of(&question_tags(conn, question)?))
}

/// One declared area of an expert who may be suggested: (id, username, display name, area
/// key, area label).
pub(super) type ExpertArea = (UserId, String, String, String, String);

/// The areas among `keys` of experts who may be suggested or routed (role `expert`, active,
/// consenting to the directory), except `except`; at most `limit` rows, by display name.
pub(super) fn expert_areas(
    conn: &mut DbConnection,
    keys: &[String],
    except: Option<&UserId>,
    limit: i64,
) -> AppResult<Vec<ExpertArea>> {
    use prassi_db::schema::user_expertise;
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = user_expertise::table
        .inner_join(users::table)
        .filter(user_expertise::area_key.one_of(keys))
        // Written into the statement: PostgreSQL's plan for the kept statement then knows
        // how few members are experts and starts from them (`prassi_db::constant`).
        .filter(users::role.eq(prassi_db::constant(Role::Expert.as_str())))
        .filter(users::status.eq(prassi_db::constant(
            prassi_db::AccountStatus::Active.as_str(),
        )))
        // Only experts who agreed to be found in the directory are suggested.
        .filter(users::directory_consent.eq(true))
        .into_boxed();
    if let Some(u) = except {
        q = q.filter(users::id.ne(u));
    }
    Ok(
        q.order((users::display_name.asc(), user_expertise::label.asc()))
            .limit(limit)
            .select((
                users::id,
                users::username,
                users::display_name,
                user_expertise::area_key,
                user_expertise::label,
            ))
            .load(conn)?,
    )
}

/// Experts (role `expert`, approved) whose areas of expertise match one of the question's
/// `tags` by name or by description, excluding the asker; at most two queries (three in a
/// group).
/// Private: the caller has shown the question readable and the viewer taking part in it.
pub(super) fn expert_suggestions(
    conn: &mut DbConnection,
    question: &QuestionId,
    asker: &UserId,
    group: Option<&GroupId>,
    tags: &[Tag],
) -> AppResult<Vec<ExpertSuggestion>> {
    use prassi_db::schema::expert_invitations;
    let keys = keys_of(tags);
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = expert_areas(conn, &keys, Some(asker), 100)?;
    // A group's question is suggested to the group's experts alone: nobody else may answer.
    if let Some(g) = group {
        let ids: Vec<UserId> = rows.iter().map(|r| r.0.clone()).collect();
        let members: Vec<UserId> = if ids.is_empty() {
            Vec::new()
        } else {
            group_members::table
                .filter(group_members::group_id.eq(&g))
                .filter(group_members::user_id.one_of(ids))
                .select(group_members::user_id)
                .load(conn)?
        };
        rows.retain(|r| members.contains(&r.0));
    }
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let invited: Vec<UserId> = expert_invitations::table
        .filter(expert_invitations::question_id.eq(question))
        .select(expert_invitations::expert_id)
        .load(conn)?;
    Ok(suggestions_of(rows, &invited))
}

/// The `site_counters` row that the triggers of migration `2026-12-07-000028_experts_version`
/// move on every change an experts box shows (declared areas; an expert's name, role, status
/// or consent; invitations).
pub const EXPERTS_VERSION: &str = "experts_version";

/// The experts box of one question as of an experts version and a thread version (which
/// moves when the question's tags change).
struct KeptExperts {
    experts_version: i64,
    thread_version: i64,
    suggestions: Vec<ExpertSuggestion>,
}

/// Experts boxes kept per process: an eighth of the thread cache's budget
/// (`PRASSI_THREAD_CACHE_KIB`), set with it.
static KEPT: LruBudget<QuestionId, KeptExperts> = LruBudget::new(512 << 10);

/// Sets the byte budget of the kept experts boxes; 0 keeps none.
pub(super) fn set_budget(bytes: usize) {
    KEPT.set_budget(bytes);
}

/// [`expert_suggestions`] of a question outside a working group, kept per process while the
/// experts version (`experts_version`, read by the caller in the statement that read the
/// question, after which this reads) and the question's thread version hold: a busy question
/// page then reads no expertise at all. A group's question is not kept (its box also follows
/// the group's members) nor is anything read inside a transaction.
pub(super) fn kept_expert_suggestions(
    conn: &mut DbConnection,
    question: &QuestionId,
    asker: &UserId,
    group: Option<&GroupId>,
    tags: &[Tag],
    versions: Option<(i64, i64)>,
) -> AppResult<Vec<ExpertSuggestion>> {
    let keep = group.is_none() && KEPT.budget() > 0 && !prassi_db::in_transaction(conn);
    let Some((experts_version, thread_version)) = versions.filter(|_| keep) else {
        return expert_suggestions(conn, question, asker, group, tags);
    };
    let current = |k: &KeptExperts| {
        k.experts_version == experts_version && k.thread_version == thread_version
    };
    if let Some(kept) = KEPT.get(question).filter(|k| current(k)) {
        return Ok(kept.suggestions.clone());
    }
    let suggestions = expert_suggestions(conn, question, asker, group, tags)?;
    let size = suggestions
        .iter()
        .map(|e| e.username.len() + e.display_name.len() + e.matching.len() + 96)
        .sum::<usize>()
        + question.0.len()
        + 64;
    let kept = KeptExperts {
        experts_version,
        thread_version,
        suggestions: suggestions.clone(),
    };
    // A slower reader never replaces a newer box with an older one.
    KEPT.keep(question.clone(), std::sync::Arc::new(kept), size, |k| {
        (k.experts_version, k.thread_version) <= (experts_version, thread_version)
    });
    Ok(suggestions)
}

/// Rows of [`expert_areas`] as suggestions, one per expert with their matching areas, the
/// first ten.
pub(super) fn suggestions_of(rows: Vec<ExpertArea>, invited: &[UserId]) -> Vec<ExpertSuggestion> {
    let mut out: Vec<(UserId, ExpertSuggestion)> = Vec::new();
    for (id, username, display_name, _key, label) in rows {
        match out.iter_mut().find(|(i, _)| *i == id) {
            Some((_, e)) => {
                e.matching.push_str(", ");
                e.matching.push_str(&label);
            }
            None => {
                let invited = invited.contains(&id);
                out.push((
                    id,
                    ExpertSuggestion {
                        username,
                        display_name,
                        matching: label,
                        invited,
                    },
                ));
            }
        }
    }
    out.into_iter().take(10).map(|(_, e)| e).collect()
}

/// The asker, or a moderator of the question's audience, invites an expert to answer;
/// recorded for the notifications module. The expert must be able to take part in the
/// question (a group question: a member of the group). Call inside a write transaction.
pub fn invite_expert(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
    question: &QuestionId,
    expert_username: &str,
) -> AppResult<()> {
    use prassi_db::schema::expert_invitations;
    let (q, audience) = readable_question(conn, question, viewer, phase)?;
    let inviter = viewer.user_id().ok_or_else(AppError::unauthorized)?;
    let asker = viewer.user_id() == Some(&q.author_id);
    if !((asker && access::can(viewer, phase, &audience, Action::Participate))
        || access::can(viewer, phase, &audience, Action::Moderate))
    {
        return Err(AppError::forbidden().with_message("qa-invite-not-allowed"));
    }
    let expert: Option<UserId> = users::table
        .filter(users::username.eq(expert_username.trim().to_lowercase()))
        .filter(users::role.eq(Role::Expert))
        .filter(users::status.eq(prassi_db::AccountStatus::Active))
        .select(users::id)
        .first(conn)
        .optional()?;
    let expert = expert.ok_or_else(|| AppError::invalid("expert", "qa-expert-invalid"))?;
    if !super::routing::may_answer(conn, &expert, phase, &audience)? {
        return Err(AppError::invalid("expert", "qa-expert-no-access"));
    }
    diesel::insert_into(expert_invitations::table)
        .values((
            expert_invitations::question_id.eq(&q.id),
            expert_invitations::expert_id.eq(&expert),
            expert_invitations::invited_by.eq(viewer.user_id()),
            expert_invitations::created_at.eq(prassi_db::now()),
        ))
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::conflict("qa-expert-already-invited"),
            other => other.into(),
        })?;
    notify::happened(
        conn,
        EventKind::ExpertInvited,
        ItemKind::Question,
        &q.id,
        inviter,
        &q.audience,
    )?;
    Ok(())
}
