//! Experts whose declared expertise matches a question, and the asker's invitations.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::{self, EventKind, ItemKind};
use prassi_db::models::Tag;
use prassi_db::schema::{question_tags, tags, users};
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, QuestionId, Role, UserId};
use serde::Serialize;

use super::access::readable_question;

/// An expert whose declared expertise matches the question's tags.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ExpertSuggestion {
    pub username: String,
    pub display_name: String,
    /// The matching areas, comma-separated.
    pub matching: String,
    pub invited: bool,
}

/// Experts (role `expert`, approved) whose areas of expertise match a tag of the question by
/// name or by description, excluding the asker; two queries. Private: the caller has shown
/// the question readable and the viewer taking part in it.
pub(super) fn expert_suggestions(
    conn: &mut DbConnection,
    question: &QuestionId,
    asker: &UserId,
) -> AppResult<Vec<ExpertSuggestion>> {
    use prassi_db::schema::{expert_invitations, user_expertise};
    let question_tags: Vec<Tag> = question_tags::table
        .inner_join(tags::table)
        .filter(question_tags::question_id.eq(question))
        .select(Tag::as_select())
        .load(conn)?;
    let mut keys: Vec<String> = Vec::new();
    for t in &question_tags {
        keys.push(t.name.clone());
        keys.push(t.name.replace('-', " "));
        if !t.description.is_empty() {
            keys.push(t.description.to_lowercase());
        }
    }
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(UserId, String, String, String)> = user_expertise::table
        .inner_join(users::table)
        .filter(user_expertise::area_key.one_of(&keys))
        .filter(users::role.eq(Role::Expert))
        .filter(users::status.eq(prassi_db::AccountStatus::Active))
        // Only experts who agreed to be found in the directory are suggested.
        .filter(users::directory_consent.eq(true))
        .filter(users::id.ne(asker))
        .order((users::display_name.asc(), user_expertise::label.asc()))
        .limit(100)
        .select((
            users::id,
            users::username,
            users::display_name,
            user_expertise::label,
        ))
        .load(conn)?;
    let invited: Vec<UserId> = expert_invitations::table
        .filter(expert_invitations::question_id.eq(question))
        .select(expert_invitations::expert_id)
        .load(conn)?;
    let mut out: Vec<(UserId, ExpertSuggestion)> = Vec::new();
    for (id, username, display_name, label) in rows {
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
    Ok(out.into_iter().take(10).map(|(_, e)| e).collect())
}

/// The asker invites an expert to answer; recorded for the notifications module. Call inside a
/// write transaction.
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
    if !(asker && access::can(viewer, phase, &audience, Action::Participate)) {
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
