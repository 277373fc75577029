//! Delivery: the worker's handler of `notifications.deliver`. For one recorded event it finds
//! the recipients ([`recipients`]), drops the actor and everyone who may not read the item now
//! (the access rule, with each recipient's own viewer: a member who left a group hears
//! nothing more from it), and for each writes the notification and, when the member chose
//! email for the kind, queues the email — in one transaction, keyed by (event, recipient), so
//! a retried or doubly-claimed delivery tells nobody twice.

use diesel::prelude::*;
use prassi_core::access::{self, Action, Audience, Viewer};
use prassi_core::error::{AppError, AppResult};
use prassi_core::mail::{MailContext, Outgoing};
use prassi_core::notify::{EventKind, ItemKind, ItemRef};
use prassi_core::settings::SiteSettings;
use prassi_core::AppState;
use prassi_db::models::NotificationEvent;
use prassi_db::schema::{notification_events, notifications, users};
use prassi_db::{DbConnection, NotificationEventId, UserId};

use super::items::{self, Item};
use super::preferences::{self, Channel};
use super::recipients::recipients;

/// Events delivered in one write transaction by [`handle_batch`]: enough that a stream of
/// answers does not queue one transaction per event behind SQLite's single writer, few enough
/// that a chunk holds the writer for milliseconds, not seconds.
pub const PER_TRANSACTION: usize = 50;

/// The outbox's batch handler of `notifications.deliver`: delivers the events named in the
/// payloads, [`PER_TRANSACTION`] per write transaction, each in its own savepoint so that one
/// event that fails (and is retried) undoes only its own deliveries. One outcome per payload.
pub fn handle_batch(state: &AppState, payloads: &[serde_json::Value]) -> Vec<Result<(), String>> {
    let mc = MailContext::for_state(state);
    let mut outcomes = Vec::with_capacity(payloads.len());
    for chunk in payloads.chunks(PER_TRANSACTION) {
        match deliver_chunk(state, &mc, chunk) {
            Ok(o) => outcomes.extend(o),
            // The chunk's transaction failed (no connection, the commit): each event is retried.
            Err(e) => outcomes.extend(chunk.iter().map(|_| Err(e.clone()))),
        }
    }
    outcomes
}

/// One write transaction for `chunk`, each event in its own savepoint; one outcome per payload.
fn deliver_chunk(
    state: &AppState,
    mc: &MailContext,
    chunk: &[serde_json::Value],
) -> Result<Vec<Result<(), String>>, String> {
    let mut conn = state.db.get().map_err(|e| e.to_string())?;
    let deliver_one = |c: &mut DbConnection, payload: &serde_json::Value| {
        let id = event_of(payload)?;
        prassi_db::write_tx(c, |c| deliver(c, &state.config, mc, &id))
            .map(|_| ())
            .map_err(|e: AppError| format!("{e:?}"))
    };
    prassi_db::write_tx(&mut conn, |c| -> AppResult<Vec<Result<(), String>>> {
        Ok(chunk
            .iter()
            .map(|payload| deliver_one(c, payload))
            .collect())
    })
    .map_err(|e| format!("{e:?}"))
}

/// The event an outbox payload names.
fn event_of(payload: &serde_json::Value) -> Result<NotificationEventId, String> {
    payload
        .get("event")
        .and_then(|v| v.as_str())
        .map(|id| NotificationEventId(id.to_owned()))
        .ok_or_else(|| format!("notifications.deliver without an event: {payload}"))
}

/// Whether `viewer` may read `item` now: its audience by the access rule, or, for an item
/// about one member or a group's request, invitation or proposal (no audience of its own),
/// any account in good standing (the recipients of those are named by the item itself).
pub fn may_read(viewer: &Viewer, phase: access::Phase, item: &Item) -> bool {
    match item.audience.as_deref().map(Audience::from_db) {
        Some(Some(audience)) => access::can(viewer, phase, &audience, Action::Read),
        Some(None) => false,
        None => viewer.participates(),
    }
}

/// Delivers one event; returns how many members were told. Call inside a write transaction.
pub fn deliver(
    conn: &mut DbConnection,
    config: &prassi_core::config::Config,
    mc: &MailContext,
    id: &NotificationEventId,
) -> AppResult<usize> {
    let Some(event) = notification_events::table
        .find(id)
        .select(NotificationEvent::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(0);
    };
    let (Some(kind), Some(item_kind)) = (
        EventKind::parse(&event.kind),
        ItemKind::parse(&event.item_kind),
    ) else {
        // A kind this build does not know (a newer instance wrote it): nobody to tell.
        return Ok(0);
    };
    let Some(item) = items::resolve_for(
        conn,
        &event.kind,
        item_kind,
        &event.item_id,
        event.created_at,
    )?
    else {
        return Ok(0);
    };
    let phase = SiteSettings::load(conn)?.phase;
    let actor_name: Option<String> = match &event.actor_id {
        Some(a) => users::table
            .find(a)
            .select(users::display_name)
            .first(conn)
            .optional()?,
        None => None,
    };
    let mut told = 0;
    for user in recipients(conn, kind, item_kind, &event.item_id)? {
        if event.actor_id.as_ref() == Some(&user) {
            continue;
        }
        let Some(viewer) = prassi_core::ctx::viewer_of(conn, &user)? else {
            continue;
        };
        if !may_read(&viewer, phase, &item) {
            continue;
        }
        let channel = preferences::channel(conn, &user, kind)?;
        if channel == Channel::Off {
            continue;
        }
        // An expert hears of an invitation to a question once, however many are invited later.
        if kind == EventKind::ExpertInvited && already_told(conn, &user, &event)? {
            continue;
        }
        let inserted = prassi_db::insert_unless_exists(conn, |c| {
            diesel::insert_into(notifications::table)
                .values((
                    notifications::id.eq(prassi_db::fresh_id()),
                    notifications::user_id.eq(&user),
                    notifications::event_id.eq(&event.id),
                    notifications::kind.eq(&event.kind),
                    notifications::item_kind.eq(&event.item_kind),
                    notifications::item_id.eq(&event.item_id),
                    notifications::actor_id.eq(&event.actor_id),
                    notifications::audience.eq(item_audience(&item, &event)),
                    notifications::created_at.eq(event.created_at),
                ))
                .execute(c)
        })?;
        if !inserted {
            continue;
        }
        told += 1;
        if channel == Channel::Email {
            email(
                conn,
                config,
                mc,
                &user,
                kind,
                item_kind,
                &event,
                &item,
                actor_name.as_deref(),
            )?;
        }
    }
    Ok(told)
}

/// The audience a notification row keeps for the bell's count: the item's own, else the
/// event's.
fn item_audience(item: &Item, event: &NotificationEvent) -> String {
    item.audience
        .clone()
        .unwrap_or_else(|| event.audience.clone())
}

fn already_told(
    conn: &mut DbConnection,
    user: &UserId,
    event: &NotificationEvent,
) -> AppResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        notifications::table
            .filter(notifications::item_kind.eq(&event.item_kind))
            .filter(notifications::item_id.eq(&event.item_id))
            .filter(notifications::kind.eq(&event.kind))
            .filter(notifications::user_id.eq(user)),
    ))
    .get_result(conn)?)
}

/// Queues the notification's email, in the recipient's language, with a reply address (when
/// reply by email is configured and the item takes replies) and a one-click unsubscribe link.
#[allow(clippy::too_many_arguments)]
fn email(
    conn: &mut DbConnection,
    config: &prassi_core::config::Config,
    mc: &MailContext,
    user: &UserId,
    kind: EventKind,
    item_kind: ItemKind,
    event: &NotificationEvent,
    item: &Item,
    actor: Option<&str>,
) -> AppResult<()> {
    let to = Outgoing::to_member(conn, user)?;
    let unsubscribe = super::unsubscribe::url(config, user, kind)?;
    let mut email = to.render(
        mc,
        "notifications/notify",
        &serde_json::json!({
            "kind": kind.as_str().replace(['.', '_'], "-"),
            "actor": actor,
            "title": item.title,
            "url": item.url,
            "detail": item.detail,
            "unsubscribe": unsubscribe,
        }),
    )?;
    email.reply_to = crate::mail::reply_address(
        conn,
        config,
        user,
        &ItemRef {
            kind: item_kind,
            id: event.item_id.clone(),
        },
    )?;
    email.list_unsubscribe = Some(unsubscribe);
    prassi_core::mail::enqueue(conn, &email).map_err(AppError::from)?;
    Ok(())
}
