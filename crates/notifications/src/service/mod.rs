//! The notifications service: delivery of recorded events, the member's inbox, preferences
//! and watch levels, the email digest, and one-click unsubscribe.

pub mod deliver;
pub mod digest;
pub mod inbox;
pub mod items;
pub mod preferences;
pub mod recipients;
pub mod unsubscribe;
