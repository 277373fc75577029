//! The moderators' queue of expert routing: the page `/qa/moderazione/in-attesa`, its invite
//! form, and `GET /api/v1/qa/routing/queue`. Thin handlers over
//! [`crate::service::routing::queue`] (which decides who may see what) and
//! [`crate::service::invite_expert`] (the asker's invitation, open to moderators too).

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppError, AppResult, ErrorEnvelope};
use prassi_core::pagination::{PageInfo, PageQuery};
use prassi_core::Ctx;
use prassi_db::QuestionId;
use serde::{Deserialize, Serialize};
use tera::Context;
use utoipa::{IntoParams, ToSchema};

use crate::service::{self, routing};

/// The queue page's address.
pub const QUEUE_PATH: &str = "/qa/moderazione/in-attesa";

/// `?page=&per_page=` of the queue.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

impl QueueParams {
    fn resolve(&self) -> prassi_core::pagination::PageRequest {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
        }
        .resolve()
    }
}

/// A page of the moderators' queue.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoutingQueue {
    pub items: Vec<routing::QueueItem>,
    /// The total stops counting at 500.
    pub page: PageInfo,
    /// Hours a question waits before experts are invited; 0 when routing is off.
    pub after_hours: u32,
    /// Experts routing invites per question, invitations by hand included.
    pub experts: u32,
}

async fn load(ctx: &Ctx, params: &QueueParams) -> AppResult<RoutingQueue> {
    let (viewer, phase, page) = (ctx.viewer.clone(), ctx.phase(), params.resolve());
    let (items, page) = ctx
        .state
        .run(move |conn| routing::queue(conn, &viewer, phase, page))
        .await?;
    let settings = ctx.state.config.expert_routing;
    Ok(RoutingQueue {
        items,
        page,
        after_hours: settings.after_hours,
        experts: settings.experts,
    })
}

async fn page(ctx: Ctx, q: web::Query<QueueParams>) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let queue = load(&ctx, &q).await?;
    ctx.csrf_token()?;
    let mut c = Context::new();
    c.insert("queue", &queue);
    c.insert("page", &queue.page);
    c.insert("page_base", QUEUE_PATH);
    ctx.render("qa/routing_queue.html", c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueInviteForm {
    pub expert: String,
}

async fn invite(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<QueueInviteForm>,
) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let id = QuestionId::parse(&id).ok_or_else(AppError::not_found)?;
    let expert = form.into_inner().expert;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let anchor = format!("#domanda-{id}");
    ctx.state
        .write(move |conn| service::invite_expert(conn, &viewer, phase, &id, &expert))
        .await?;
    ctx.flash("success", "qa-expert-invited");
    Ok(Ctx::redirect(&format!("{QUEUE_PATH}{anchor}")))
}

/// `GET /api/v1/qa/routing/queue` (moderators): open questions still without answers after
/// expert routing, newest first, with the experts invited and the others who could be.
#[utoipa::path(get, path = "/api/v1/qa/routing/queue", tag = "qa", params(QueueParams),
    responses((status = 200, body = RoutingQueue),
        (status = 404, description = "The caller is not a moderator", body = ErrorEnvelope)))]
pub async fn queue_api(ctx: Ctx, q: web::Query<QueueParams>) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let queue = load(&ctx, &q).await?;
    Ok(HttpResponse::Ok().json(queue))
}

/// Registers the queue's page, form and JSON route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(QUEUE_PATH, web::get().to(page))
        .route(
            "/qa/moderazione/in-attesa/{id}/invita",
            web::post().to(invite),
        )
        .route("/api/v1/qa/routing/queue", web::get().to(queue_api));
}
