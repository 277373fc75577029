//! `prassi-polls`: polls of the community (Co.PIS: "sondaggi pubblicati in homepage, per
//! ricevere feedback veloci su un tema o un'attività specifica"). A poll asks one question with
//! 2 to 20 options, answered by single, multiple or ranked choice (counted by instant runoff,
//! every round shown); it has an audience (public, members or a working group), an optional
//! close date, and settings for who sees voters and results and whether a vote may change. A
//! poll may be a secret ballot, whose participants and ballots are stored apart; once closed,
//! its organisers record what was decided. Every page and call goes through
//! [`access::readable_poll`] or filters by the viewer's audiences. See `docs/polls.md`.

pub mod access;
pub mod api;
pub mod closing;
pub mod demo;
pub mod home;
pub mod irv;
pub mod pages;
pub mod questionnaires;
pub mod search;
pub mod service;

use actix_web::web;
use prassi_core::module::HomeCard;
use prassi_core::{AppResult, Ctx};

/// The module's searchable items: polls and questionnaires.
static SEARCH_SOURCES: &[prassi_core::search::SearchSource] =
    &[search::POLLS, questionnaires::search::QUESTIONNAIRES];

/// The polls module, as the server's module list holds it.
pub struct Polls;

impl prassi_core::Module for Polls {
    fn notification_kinds(&self) -> &'static [prassi_core::notify::EventKind] {
        use prassi_core::notify::EventKind;
        &[
            EventKind::PollClosingSoon,
            EventKind::QuestionnaireClosingSoon,
        ]
    }

    fn name(&self) -> &'static str {
        "polls"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        api::configure(cfg);
        pages::configure(cfg);
        questionnaires::api::configure(cfg);
        questionnaires::pages::configure(cfg);
    }

    fn openapi(&self) -> Option<utoipa::openapi::OpenApi> {
        use utoipa::OpenApi;
        let mut doc = api::PollsApi::openapi();
        doc.merge(questionnaires::api::QuestionnairesApi::openapi());
        Some(doc)
    }

    fn required_fields(&self) -> &'static [(&'static str, &'static [&'static str])] {
        &[
            ("PollInput", &["question", "kind", "options"]),
            ("PollVoteInput", &["options"]),
            (
                "PollDecisionInput",
                &["decision_md", "deciders", "decided_on"],
            ),
            ("PollHomeInput", &["on_home"]),
            ("QuestionnaireInput", &["title", "sections"]),
            ("QuestionnaireResponseInput", &["answers"]),
            ("QuestionnairePublishInput", &["published"]),
        ]
    }

    fn entry_paths(&self) -> &'static [&'static str] {
        &[
            "/sondaggi",
            "/api/v1/polls",
            "/questionari",
            "/api/v1/questionnaires",
        ]
    }

    fn home_cards(&self) -> &'static [HomeCard] {
        &[
            HomeCard {
                key: "polls",
                href: "/sondaggi",
            },
            HomeCard {
                key: "questionnaires",
                href: "/questionari",
            },
        ]
    }

    fn home_blocks(&self) -> &'static [prassi_core::module::HomeSection] {
        const BLOCKS: &[prassi_core::module::HomeSection] =
            &[prassi_core::module::HomeSection::viewer(
                "polls",
                home::home_block,
            )];
        BLOCKS
    }

    fn search_kinds(&self) -> &'static [prassi_core::search::DocKind] {
        &[
            prassi_core::search::DocKind::Poll,
            prassi_core::search::DocKind::Questionnaire,
        ]
    }

    fn search_sources(&self) -> &'static [prassi_core::search::SearchSource] {
        SEARCH_SOURCES
    }

    fn housekeeping(&self) -> Vec<prassi_core::worker::Housekeeping> {
        vec![std::sync::Arc::new(|_state, conn| {
            service::close::close_due(conn)?;
            closing::tell_due(conn, prassi_db::now()).map(|_| ())
        })]
    }

    fn demo(&self) -> Option<prassi_core::demo::DemoContent> {
        Some(questionnaires::demo::DEMO)
    }
}

/// The poll's page for the request's viewer; a poll whose close date passed is closed first
/// (its final count stored), so every view after the date shows final results.
pub async fn settled_detail(ctx: &Ctx, id: String) -> AppResult<service::PollDetail> {
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let (v2, i2) = (viewer.clone(), id.clone());
    let d = ctx
        .state
        .run(move |conn| service::detail(conn, &v2, phase, &i2))
        .await?;
    if !d.due {
        return Ok(d);
    }
    let pid = prassi_db::ids::PollId(d.id.clone());
    ctx.state
        .write(move |conn| service::finalize_due(conn, &pid))
        .await?;
    ctx.state
        .run(move |conn| service::detail(conn, &viewer, phase, &id))
        .await
}

/// The export of a poll for the request's viewer, closing it first if its date passed.
pub async fn settled_export(ctx: &Ctx, id: String) -> AppResult<service::export::PollExport> {
    settled_detail(ctx, id.clone()).await?;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .run(move |conn| service::export::export(conn, &viewer, phase, &id))
        .await
}
