//! The integration suite: one binary, every test through the real HTTP stack, each on SQLite
//! and (with `PRASSI_TEST_DATABASE_URL`) on PostgreSQL.

#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod accounts;
mod agenda;
mod agenda_sessions;
mod agenda_tables;
mod counters;
mod dataset;
mod digests;
mod events;
mod feeds;
mod forum;
mod freshness;
mod group_content;
mod group_documents;
mod group_search;
mod groups;
mod home;
mod mail_replies;
mod modules;
mod notifications;
mod openapi;
mod operations;
mod outbox;
mod overload;
mod phases;
mod platform;
mod polls;
mod qa;
mod questionnaires;
mod recipients;
mod robustness;
mod routing;
mod schema;
mod search;
mod security;
mod site;
mod statements;
mod wiki;

pub use actix_web::http::{Method, StatusCode};
pub use prassi_db::Role;
pub use prassi_tests::{both_backends, TestApp, PASSWORD};
pub use serde_json::json;
