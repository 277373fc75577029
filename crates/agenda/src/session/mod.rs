//! The meeting itself, in the Veneto "Co-Labora" format: question time (`questions.rs`),
//! networking tables (`networking.rs`), feedback and certificates of attendance
//! (`feedback.rs`), and the report that can be published to the wiki (`report.rs`). Each part
//! has its service functions, pages and API, all behind [`crate::access::readable_event`].

pub mod feedback;
pub mod networking;
pub mod questions;
pub mod report;

use actix_web::web;

/// Registers the session parts' HTML and JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    questions::configure(cfg);
    networking::configure(cfg);
    feedback::configure(cfg);
    report::configure(cfg);
}

/// The session parts' OpenAPI paths.
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    let mut doc = questions::QuestionsApi::openapi();
    doc.merge(networking::NetworkingApi::openapi());
    doc.merge(feedback::FeedbackApi::openapi());
    doc.merge(report::ReportApi::openapi());
    doc
}
