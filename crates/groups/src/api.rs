//! JSON API of working groups under `/api/v1/groups/`: the same services and the same access
//! rule as the pages. A group the caller may not see answers 404 exactly like a missing one.

use actix_web::{web, HttpResponse};
use prassi_core::error::{AppResult, ErrorEnvelope};
use prassi_core::pagination::{PageInfo, PageQuery};
use prassi_core::Ctx;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::service::{
    self, DecideInput, GroupDetail, GroupInput, GroupList, GroupSummary, InvitationView,
    InviteInput, LogView, MemberView, RequestInput, RequestView, ViewerState,
};

/// List filters.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// `true`: only the caller's own groups.
    pub mine: Option<bool>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// `GET /api/v1/groups`
#[utoipa::path(get, path = "/api/v1/groups", tag = "groups", params(ListParams),
    responses((status = 200, body = GroupList),
        (status = 401, description = "Visitors while the community is not open", body = ErrorEnvelope)))]
async fn list(ctx: Ctx, q: web::Query<ListParams>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let mine = q.mine.unwrap_or(false);
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let list = ctx
        .state
        .run(move |conn| service::visible_groups(conn, &viewer, phase, mine, page))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Where a new group lives.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = GroupCreated)]
pub struct Created {
    pub id: String,
    pub slug: String,
    pub url: String,
}

/// `POST /api/v1/groups`
#[utoipa::path(post, path = "/api/v1/groups", tag = "groups", request_body = GroupInput,
    responses((status = 201, body = Created),
        (status = 403, description = "The site setting does not let the caller create groups", body = ErrorEnvelope),
        (status = 422, description = "Every invalid field at once (empty name, taken slug, unknown organisation…)", body = ErrorEnvelope)))]
async fn create(ctx: Ctx, body: web::Json<GroupInput>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, creators) = (ctx.viewer.clone(), ctx.settings.group_creators);
    let g = ctx
        .state
        .write(move |conn| service::create(conn, &viewer, creators, &input))
        .await?;
    Ok(HttpResponse::Created().json(Created {
        id: g.id.0,
        url: service::groups::group_url(&g.slug),
        slug: g.slug,
    }))
}

/// `GET /api/v1/groups/{slug}`
#[utoipa::path(get, path = "/api/v1/groups/{slug}", tag = "groups", params(("slug" = String, Path)),
    responses((status = 200, body = GroupDetail),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope)))]
async fn get(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let d = ctx
        .state
        .run(move |conn| service::show(conn, &s, &viewer, phase))
        .await?;
    Ok(HttpResponse::Ok().json(d))
}

/// `PUT /api/v1/groups/{slug}` (coordinators)
#[utoipa::path(put, path = "/api/v1/groups/{slug}", tag = "groups", params(("slug" = String, Path)),
    request_body = GroupInput,
    responses((status = 200, body = GroupDetail),
        (status = 403, description = "Not a coordinator", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope),
        (status = 422, description = "Invalid fields", body = ErrorEnvelope)))]
async fn update(
    ctx: Ctx,
    slug: web::Path<String>,
    body: web::Json<GroupInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let d = ctx
        .state
        .write(move |conn| {
            service::update(conn, &viewer, phase, &s, &input)?;
            service::show(conn, &s, &viewer, phase)
        })
        .await?;
    Ok(HttpResponse::Ok().json(d))
}

async fn done(ctx: &Ctx, slug: String) -> AppResult<HttpResponse> {
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    let d = ctx
        .state
        .run(move |conn| service::show(conn, &slug, &viewer, phase))
        .await?;
    Ok(HttpResponse::Ok().json(d.viewer))
}

/// `POST /api/v1/groups/{slug}/join` (open groups)
#[utoipa::path(post, path = "/api/v1/groups/{slug}/join", tag = "groups", params(("slug" = String, Path)),
    responses((status = 200, description = "The caller's standing now", body = ViewerState),
        (status = 403, description = "The group is joined by request or invitation", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope)))]
async fn join(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let s2 = s.clone();
    ctx.state
        .write(move |conn| service::join(conn, &viewer, phase, &s2))
        .await?;
    done(&ctx, s).await
}

/// `POST /api/v1/groups/{slug}/leave`
#[utoipa::path(post, path = "/api/v1/groups/{slug}/leave", tag = "groups", params(("slug" = String, Path)),
    responses((status = 204, description = "Left the group"),
        (status = 409, description = "The caller is the group's last coordinator, or not a member", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope)))]
async fn leave(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let s2 = s.clone();
    ctx.state
        .write(move |conn| service::leave(conn, &viewer, phase, &s2))
        .await?;
    // The caller may no longer see a secret group: answer with nothing rather than a 404.
    Ok(HttpResponse::NoContent().finish())
}

/// `DELETE /api/v1/groups/{slug}/requests`: withdraws the caller's pending request.
#[utoipa::path(delete, path = "/api/v1/groups/{slug}/requests", tag = "groups", params(("slug" = String, Path)),
    responses((status = 200, description = "The caller's standing now", body = ViewerState),
        (status = 409, description = "The caller has no pending request", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope)))]
async fn withdraw(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let s2 = s.clone();
    ctx.state
        .write(move |conn| service::withdraw(conn, &viewer, phase, &s2))
        .await?;
    done(&ctx, s).await
}

/// `POST /api/v1/groups/{slug}/requests`
#[utoipa::path(post, path = "/api/v1/groups/{slug}/requests", tag = "groups", params(("slug" = String, Path)),
    request_body = RequestInput,
    responses((status = 201, body = RequestView),
        (status = 409, description = "A request is already pending, or the caller is a member", body = ErrorEnvelope),
        (status = 403, description = "The group is not joined by request", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope),
        (status = 422, description = "Empty or overlong message", body = ErrorEnvelope)))]
async fn request(
    ctx: Ctx,
    slug: web::Path<String>,
    body: web::Json<RequestInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let d = ctx
        .state
        .write(move |conn| {
            service::request(conn, &viewer, phase, &s, &input)?;
            service::show(conn, &s, &viewer, phase)
        })
        .await?;
    Ok(HttpResponse::Created().json(d.viewer.request))
}

/// `GET /api/v1/groups/{slug}/requests` (coordinators): the pending requests.
#[utoipa::path(get, path = "/api/v1/groups/{slug}/requests", tag = "groups", params(("slug" = String, Path)),
    responses((status = 200, body = [RequestView]),
        (status = 403, description = "Not a coordinator", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope)))]
async fn requests(ctx: Ctx, slug: web::Path<String>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let list = ctx
        .state
        .run(move |conn| service::pending_requests(conn, &viewer, phase, &s))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// `POST /api/v1/groups/{slug}/requests/{id}` (coordinators): accept or refuse.
#[utoipa::path(post, path = "/api/v1/groups/{slug}/requests/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = String, Path)), request_body = DecideInput,
    responses((status = 204, description = "Decided"),
        (status = 409, description = "Already decided (by another coordinator)", body = ErrorEnvelope),
        (status = 403, description = "Not a coordinator", body = ErrorEnvelope),
        (status = 404, description = "No such group or request", body = ErrorEnvelope),
        (status = 422, description = "Unknown decision, overlong reason", body = ErrorEnvelope)))]
async fn decide(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    body: web::Json<DecideInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (slug, id) = path.into_inner();
    let input = body.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::decide(conn, &viewer, phase, &slug, &id, &input))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An invitation made.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationCreated {
    pub id: String,
}

/// `POST /api/v1/groups/{slug}/invitations` (coordinators)
#[utoipa::path(post, path = "/api/v1/groups/{slug}/invitations", tag = "groups", params(("slug" = String, Path)),
    request_body = InviteInput,
    responses((status = 201, body = InvitationCreated),
        (status = 409, description = "Already invited", body = ErrorEnvelope),
        (status = 403, description = "Not a coordinator", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope),
        (status = 422, description = "Unknown member, or already a member", body = ErrorEnvelope)))]
async fn invite(
    ctx: Ctx,
    slug: web::Path<String>,
    body: web::Json<InviteInput>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let input = body.into_inner();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let id = ctx
        .state
        .write(move |conn| service::invite(conn, &viewer, phase, &s, &input))
        .await?;
    Ok(HttpResponse::Created().json(InvitationCreated { id: id.0 }))
}

/// An answer to an invitation.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(as = GroupInvitationAnswer)]
pub struct AnswerBody {
    /// `true` to join, `false` to decline.
    pub accept: bool,
}

/// `POST /api/v1/groups/{slug}/invitations/{id}` (the invitee): accept or decline.
#[utoipa::path(post, path = "/api/v1/groups/{slug}/invitations/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = String, Path)), request_body = AnswerBody,
    responses((status = 204, description = "Answered"),
        (status = 409, description = "Already answered", body = ErrorEnvelope),
        (status = 404, description = "No such group or invitation for the caller", body = ErrorEnvelope)))]
async fn answer(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    body: web::Json<AnswerBody>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (slug, id) = path.into_inner();
    let accept = body.accept;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::respond(conn, &viewer, phase, &slug, &id, accept))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /api/v1/groups/invitations`: the caller's pending invitations.
#[utoipa::path(get, path = "/api/v1/groups/invitations", tag = "groups",
    responses((status = 200, body = [InvitationView]),
        (status = 401, description = "Not signed in", body = ErrorEnvelope)))]
async fn my_invitations(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.account()?;
    let viewer = ctx.viewer.clone();
    let list = ctx
        .state
        .run(move |conn| service::my_invitations(conn, &viewer))
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// A page of members.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = GroupMemberList)]
pub struct MemberList {
    pub items: Vec<MemberView>,
    pub page: PageInfo,
}

/// Paging.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// `GET /api/v1/groups/{slug}/members` (who may read the group's content)
#[utoipa::path(get, path = "/api/v1/groups/{slug}/members", tag = "groups",
    params(("slug" = String, Path), PageParams),
    responses((status = 200, body = MemberList),
        (status = 404, description = "No such group, or its content is hidden from the caller", body = ErrorEnvelope)))]
async fn members(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<PageParams>,
) -> AppResult<HttpResponse> {
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let (items, page) = ctx
        .state
        .run(move |conn| service::members(conn, &viewer, phase, &s, page))
        .await?;
    Ok(HttpResponse::Ok().json(MemberList { items, page }))
}

/// A role to give.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[schema(as = GroupRoleBody)]
pub struct RoleBody {
    /// `coordinator` or `member`.
    pub role: String,
}

/// `PUT /api/v1/groups/{slug}/members/{username}/role` (coordinators)
#[utoipa::path(put, path = "/api/v1/groups/{slug}/members/{username}/role", tag = "groups",
    params(("slug" = String, Path), ("username" = String, Path)), request_body = RoleBody,
    responses((status = 204, description = "Changed"),
        (status = 409, description = "The last coordinator cannot be demoted", body = ErrorEnvelope),
        (status = 403, description = "Not a coordinator", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope),
        (status = 422, description = "Unknown member or role", body = ErrorEnvelope)))]
async fn set_role(
    ctx: Ctx,
    path: web::Path<(String, String)>,
    body: web::Json<RoleBody>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (slug, username) = path.into_inner();
    let role = body.into_inner().role;
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::set_role(conn, &viewer, phase, &slug, &username, &role))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// `DELETE /api/v1/groups/{slug}/members/{username}` (coordinators)
#[utoipa::path(delete, path = "/api/v1/groups/{slug}/members/{username}", tag = "groups",
    params(("slug" = String, Path), ("username" = String, Path)),
    responses((status = 204, description = "Removed"),
        (status = 409, description = "The last coordinator cannot be removed", body = ErrorEnvelope),
        (status = 403, description = "Not a coordinator", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope),
        (status = 422, description = "Unknown member", body = ErrorEnvelope)))]
async fn remove(ctx: Ctx, path: web::Path<(String, String)>) -> AppResult<HttpResponse> {
    ctx.account()?;
    let (slug, username) = path.into_inner();
    let (viewer, phase) = (ctx.viewer.clone(), ctx.phase());
    ctx.state
        .write(move |conn| service::remove(conn, &viewer, phase, &slug, &username))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A page of the log.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = GroupLogList)]
pub struct LogList {
    pub items: Vec<LogView>,
    pub page: PageInfo,
}

/// `GET /api/v1/groups/{slug}/log` (coordinators and administrators)
#[utoipa::path(get, path = "/api/v1/groups/{slug}/log", tag = "groups",
    params(("slug" = String, Path), PageParams),
    responses((status = 200, body = LogList),
        (status = 403, description = "Not a coordinator", body = ErrorEnvelope),
        (status = 404, description = "No such group, or hidden from the caller", body = ErrorEnvelope)))]
async fn log(
    ctx: Ctx,
    slug: web::Path<String>,
    q: web::Query<PageParams>,
) -> AppResult<HttpResponse> {
    ctx.account()?;
    let page = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .resolve();
    let (viewer, phase, s) = (ctx.viewer.clone(), ctx.phase(), slug.into_inner());
    let (items, page) = ctx
        .state
        .run(move |conn| service::group_log(conn, &viewer, phase, &s, page))
        .await?;
    Ok(HttpResponse::Ok().json(LogList { items, page }))
}

#[derive(OpenApi)]
#[openapi(
    paths(list, create, get, update, join, leave, request, withdraw, requests, decide, invite, answer,
        my_invitations, members, set_role, remove, log),
    components(schemas(GroupList, GroupSummary, GroupInput, Created, GroupDetail, ViewerState,
        RequestInput, RequestView, DecideInput, InviteInput, InvitationCreated, AnswerBody,
        InvitationView, MemberList, MemberView, RoleBody, LogList, LogView)),
    tags((name = "groups", description = "Working groups: membership, requests, invitations, roles, log"))
)]
pub struct GroupsApi;

/// Registers the module's JSON routes (fixed paths before `{slug}`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/groups", web::get().to(list))
        .route("/api/v1/groups", web::post().to(create))
        .route("/api/v1/groups/invitations", web::get().to(my_invitations))
        .route("/api/v1/groups/{slug}", web::get().to(get))
        .route("/api/v1/groups/{slug}", web::put().to(update))
        .route("/api/v1/groups/{slug}/join", web::post().to(join))
        .route("/api/v1/groups/{slug}/leave", web::post().to(leave))
        .route("/api/v1/groups/{slug}/requests", web::get().to(requests))
        .route("/api/v1/groups/{slug}/requests", web::post().to(request))
        .route("/api/v1/groups/{slug}/requests", web::delete().to(withdraw))
        .route(
            "/api/v1/groups/{slug}/requests/{id}",
            web::post().to(decide),
        )
        .route("/api/v1/groups/{slug}/invitations", web::post().to(invite))
        .route(
            "/api/v1/groups/{slug}/invitations/{id}",
            web::post().to(answer),
        )
        .route("/api/v1/groups/{slug}/members", web::get().to(members))
        .route(
            "/api/v1/groups/{slug}/members/{username}",
            web::delete().to(remove),
        )
        .route(
            "/api/v1/groups/{slug}/members/{username}/role",
            web::put().to(set_role),
        )
        .route("/api/v1/groups/{slug}/log", web::get().to(log));
}
