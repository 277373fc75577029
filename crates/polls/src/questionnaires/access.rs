//! The one rule for questionnaires, built on the core access rule as polls' is
//! ([`crate::access`]): a questionnaire is seen by whoever may read its audience, and whoever
//! may not gets `NotFound`, exactly as for an id that does not exist. It is answered by those
//! who may take part in its audience (a public questionnaire: signed-in accounts only, since
//! each answers once).
//!
//! Its organisers (who see the results before they are published, close it early, publish
//! the results and export the responses): its creator while a member in good standing,
//! moderators and administrators, and the coordinators of the working group a group
//! questionnaire belongs to.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Phase, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_db::ids::QuestionnaireId;
use prassi_db::models::Questionnaire;
use prassi_db::schema::questionnaires;
use prassi_db::DbConnection;

/// A questionnaire the viewer may see, and whether they organise it.
#[derive(Debug, Clone)]
pub struct Found {
    pub questionnaire: Questionnaire,
    pub audience: Audience,
    pub manages: bool,
}

impl Found {
    /// `Forbidden` unless the viewer organises the questionnaire.
    pub fn require_manager(&self) -> AppResult<()> {
        if self.manages {
            Ok(())
        } else {
            Err(AppError::forbidden().with_message("questionnaires-organisers-only"))
        }
    }
}

/// Whether `viewer` organises `q` (see the module comment).
pub fn manages(conn: &mut DbConnection, viewer: &Viewer, q: &Questionnaire) -> AppResult<bool> {
    if viewer.is_moderator() {
        return Ok(true);
    }
    let Some(me) = viewer.user_id().filter(|_| viewer.is_member()) else {
        return Ok(false);
    };
    if q.created_by.as_ref() == Some(me) {
        return Ok(true);
    }
    match &q.group_id {
        Some(g) => crate::access::coordinates(conn, viewer, g),
        None => Ok(false),
    }
}

/// The questionnaire `id` as `viewer` may see it, or `NotFound`.
pub fn readable(
    conn: &mut DbConnection,
    id: &str,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Found> {
    let id = QuestionnaireId::parse(id).ok_or_else(AppError::not_found)?;
    let questionnaire: Questionnaire = questionnaires::table
        .find(&id)
        .select(Questionnaire::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    let audience = Audience::from_db(&questionnaire.audience).ok_or_else(|| {
        AppError::internal(format!("stored audience {:?}", questionnaire.audience))
    })?;
    if !access::can(viewer, phase, &audience, Action::Read) {
        return Err(AppError::not_found());
    }
    let manages = manages(conn, viewer, &questionnaire)?;
    Ok(Found {
        questionnaire,
        audience,
        manages,
    })
}
