//! The agenda's rules: events and their programme, partners and linked activities
//! (`events.rs`), registrations with seats and the waiting list (`registration.rs`), lists and
//! calendars (`listing.rs`), and iCalendar feeds with members' secret feed tokens (`feeds.rs`).
//! Pages and the API call these functions; every one starts from
//! [`crate::access::readable_event`] or filters by the audiences the viewer may read.

pub mod events;
pub mod feeds;
pub mod listing;
pub mod registration;

pub use events::{create, detail, update, EventDetail, EventInput};
pub use listing::{list, month, EventSummary, ListFilter, Listing, MonthView};
pub use registration::{
    cancel, export_csv, participants, record_attendance, register, Participants, RegisterInput,
};

use prassi_db::EventId;

/// The address of an event's page.
pub fn event_url(id: &EventId) -> String {
    format!("/agenda/{id}")
}

/// The event's iCalendar file.
pub fn ics_url(id: &EventId) -> String {
    format!("/agenda/{id}/evento.ics")
}
