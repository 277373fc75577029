//! Reminders the day before: every hour the worker looks for events starting in the next 24
//! hours and emails each registered participant not yet reminded, in their language, through
//! the outbox. Marking the reminder sent is a conditional update (`reminded_at IS NULL`) in the
//! transaction that queues the mail, so several instances running the same hourly task send
//! each reminder once.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use prassi_core::error::AppResult;
use prassi_core::mail::{MailContext, Outgoing};
use prassi_core::AppState;
use prassi_db::schema::{agenda_events, agenda_registrations};
use prassi_db::{DbConnection, EventId, EventStatus, RegistrationId, RegistrationStatus, UserId};

/// Most reminders one pass sends (the rest go an hour later).
const PASS_LIMIT: i64 = 2_000;

/// Sends the reminders due now; returns how many.
pub fn send_due(state: &AppState, conn: &mut DbConnection) -> AppResult<usize> {
    let now = Utc::now().naive_utc();
    let due: Vec<(
        RegistrationId,
        UserId,
        EventId,
        String,
        chrono::NaiveDateTime,
    )> = agenda_registrations::table
        .inner_join(agenda_events::table)
        .filter(agenda_registrations::status.eq(RegistrationStatus::Registered))
        .filter(agenda_registrations::reminded_at.is_null())
        .filter(agenda_events::status.eq(EventStatus::Published))
        .filter(agenda_events::starts_at.gt(now))
        .filter(agenda_events::starts_at.le(now + Duration::hours(24)))
        .order(agenda_events::starts_at.asc())
        .limit(PASS_LIMIT)
        .select((
            agenda_registrations::id,
            agenda_registrations::user_id,
            agenda_events::id,
            agenda_events::title,
            agenda_events::starts_at,
        ))
        .load(conn)?;
    let mail = MailContext::for_state(state);
    let mut sent = 0;
    for (id, user, event, title, starts_at) in due {
        sent += prassi_db::write_tx(conn, |c| -> AppResult<usize> {
            let marked = diesel::update(
                agenda_registrations::table
                    .find(&id)
                    .filter(agenda_registrations::reminded_at.is_null()),
            )
            .set(agenda_registrations::reminded_at.eq(Some(now)))
            .execute(c)?;
            if marked == 1 {
                Outgoing::to_member(c, &user)?.send(
                    c,
                    &mail,
                    "agenda/reminder",
                    &serde_json::json!({
                        "title": title,
                        "when": crate::time::When::of(starts_at, starts_at),
                        "url": crate::service::event_url(&event),
                    }),
                )?;
            }
            Ok(marked)
        })?;
    }
    Ok(sent)
}
