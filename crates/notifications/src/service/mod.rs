//! The notifications service: delivery of recorded events, the member's inbox, preferences
//! and watch levels, and one-click unsubscribe.

pub mod deliver;
pub mod inbox;
pub mod items;
pub mod preferences;
pub mod recipients;
pub mod unsubscribe;
