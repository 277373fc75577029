//! `prassi-core`: what every feature crate shares — configuration, the error type, the access
//! rule and the request context that applies it, server-side sessions, CSRF, the Markdown
//! renderer, templates and languages, email, site settings, pagination and the outbox worker.

pub mod access;
pub mod audience_cache;
pub mod audit;
pub mod config;
pub mod csrf;
pub mod ctx;
pub mod demo;
pub mod error;
pub mod groups;
pub mod history;
pub mod i18n;
pub mod input;
pub mod lru_budget;
pub mod mail;
pub mod markdown;
pub mod module;
pub mod notify;
pub mod pagination;
pub mod password;
pub mod people;
pub mod render_cache;
pub mod review;
pub mod search;
pub mod session;
pub mod settings;
pub mod state;
pub mod templates;
pub mod tokens;
pub mod web;
pub mod worker;

pub use access::{Action, Audience, Phase, Viewer};
pub use ctx::Ctx;
pub use error::{AppError, AppResult, ErrorKind};
pub use module::Module;
pub use state::AppState;
