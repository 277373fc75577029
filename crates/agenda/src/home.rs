//! The agenda block of the home page: the next events the viewer may see. One query, walked
//! from the events' start index.

use chrono::Utc;
use diesel::prelude::*;
use prassi_core::access::{self, Phase, Viewer};
use prassi_core::error::AppResult;
use prassi_core::module::HomeBlock;
use prassi_db::models::AgendaEvent;
use prassi_db::schema::agenda_events;
use prassi_db::OneOfExt;
use prassi_db::{DbConnection, EventStatus};

use crate::service::EventSummary;

/// How many events the block lists.
pub const HOME_EVENTS: i64 = 4;

/// The block for `viewer`: nothing when the viewer may read no events.
pub fn home_block(
    conn: &mut DbConnection,
    viewer: &Viewer,
    phase: Phase,
) -> AppResult<Option<HomeBlock>> {
    let visible = access::visible_audiences(viewer, phase);
    if visible.is_empty() {
        return Ok(None);
    }
    let rows: Vec<AgendaEvent> = agenda_events::table
        .filter(agenda_events::audience.one_of(&visible))
        .filter(agenda_events::starts_at.ge(Utc::now().naive_utc()))
        .filter(agenda_events::status.ne(EventStatus::Draft))
        .order((agenda_events::starts_at.asc(), agenda_events::id.asc()))
        .limit(HOME_EVENTS)
        .select(AgendaEvent::as_select())
        .load(conn)?;
    let items: Vec<EventSummary> = rows.iter().map(EventSummary::of).collect();
    Ok(Some(HomeBlock {
        template: "agenda/_home.html",
        data: serde_json::json!({ "events": items }),
    }))
}
