//! JSON API of the accounts module under `/api/v1/`. Same services as the pages. Clients
//! authenticate with a bearer token from `POST /api/v1/auth/login`; browser calls made with the
//! session cookie must send the CSRF token in `X-CSRF-Token`.

use actix_web::{web, HttpRequest, HttpResponse};
use prassi_core::access::Phase;
use prassi_core::ctx::AuthVia;
use prassi_core::error::{AppError, AppResult, ErrorEnvelope};
use prassi_core::pagination::PageInfo;
use prassi_core::web::{client_ip, no_store};
use prassi_core::Ctx;
use prassi_db::models::ApiToken;
use prassi_db::{ApiTokenId, UserId};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

use crate::pages::{mail_ctx, sign_in};
use crate::service::{
    self, DirectoryQuery, LoginOutcome, MemberView, OrganisationView, ProfileInput,
    RegistrationInput,
};

/// Answer to a registration or reset request: always the same, whoever asked.
#[derive(Debug, Serialize, ToSchema)]
pub struct Accepted {
    /// `check_email`
    pub status: String,
}

fn accepted() -> HttpResponse {
    no_store(HttpResponse::Accepted().json(Accepted {
        status: "check_email".into(),
    }))
}

/// `POST /api/v1/auth/register`
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts", request_body = RegistrationInput,
    responses((status = 202, body = Accepted),
        (status = 422, description = "Invalid input, a taken username, or registration closed", body = ErrorEnvelope)))]
async fn register(ctx: Ctx, body: web::Json<RegistrationInput>) -> AppResult<HttpResponse> {
    let settings = ctx.settings.clone();
    let mc = mail_ctx(&ctx);
    let lang = ctx.lang;
    let input = body.into_inner();
    ctx.state
        .run(move |conn| service::register(conn, &settings, &input, lang, &mc))
        .await?;
    Ok(accepted())
}

/// Credentials for `POST /api/v1/auth/login`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// Username or email.
    pub login: String,
    pub password: String,
    /// A name for the token, shown on the security page.
    #[serde(default)]
    pub token_name: Option<String>,
    /// `true` to sign in the browser session instead of issuing a token.
    #[serde(default)]
    #[schema(default = false)]
    pub session: bool,
}

/// A successful sign-in.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoginResponse {
    /// The bearer token (absent for session sign-in). Shown once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_id: Option<String>,
    pub user: MemberView,
}

/// `POST /api/v1/auth/login`
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse),
              (status = 401, description = "Unknown account or wrong password, unconfirmed or suspended account", body = ErrorEnvelope),
              (status = 422, description = "An empty login or password", body = ErrorEnvelope),
              (status = 429, description = "Too many failed sign-ins", body = ErrorEnvelope)))]
async fn login(
    ctx: Ctx,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let ip = client_ip(&req, ctx.state.config.trust_proxy);
    let mc = mail_ctx(&ctx);
    let (l, p) = (body.login.clone(), body.password.clone());
    let outcome = ctx
        .state
        .run(move |conn| service::login(conn, &l, &p, &ip, &mc))
        .await?;
    let user = match outcome {
        LoginOutcome::Success(u) => u,
        LoginOutcome::Invalid => return Err(AppError::unauthorized().with_message("login-invalid")),
        LoginOutcome::Unverified => {
            return Err(AppError::unauthorized().with_message("login-unverified"))
        }
        LoginOutcome::Suspended => {
            return Err(AppError::unauthorized().with_message("login-suspended"))
        }
    };
    let id = user.id.clone();
    if body.session {
        sign_in(&ctx, &id)?;
        let view = ctx
            .state
            .run(move |conn| Ok(service::own_account(conn, &id)?.1))
            .await?;
        return Ok(no_store(HttpResponse::Ok().json(LoginResponse {
            token: None,
            token_id: None,
            user: view,
        })));
    }
    let name = body.token_name.unwrap_or_default();
    let (token_id, secret, view) = ctx
        .state
        .write(move |conn| {
            let (tid, secret) = service::create_token(conn, &id, &name)?;
            Ok((tid, secret, service::own_account(conn, &id)?.1))
        })
        .await?;
    Ok(no_store(HttpResponse::Ok().json(LoginResponse {
        token: Some(secret),
        token_id: Some(token_id.0),
        user: view,
    })))
}

/// `POST /api/v1/auth/logout`: revokes the presented token, or ends the cookie session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts",
    responses((status = 204), (status = 401, body = ErrorEnvelope)))]
async fn logout(ctx: Ctx, req: HttpRequest) -> AppResult<HttpResponse> {
    ctx.account()?;
    match ctx.via {
        AuthVia::Token => {
            let secret = req
                .headers()
                .get(actix_web::http::header::AUTHORIZATION)
                .and_then(|h| h.to_str().ok())
                .and_then(|h| h.strip_prefix("Bearer "))
                .unwrap_or("")
                .trim()
                .to_owned();
            ctx.state
                .write(move |conn| service::revoke_token_secret(conn, &secret))
                .await?;
        }
        _ => ctx.session.purge(),
    }
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in account.
#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    #[serde(flatten)]
    pub member: MemberView,
    pub email: String,
    /// The site's phase (1 closed, 2 extended, 3 open).
    pub phase: u8,
}

/// `GET /api/v1/me`
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = ErrorEnvelope)))]
async fn me(ctx: Ctx) -> AppResult<HttpResponse> {
    let id = ctx.account()?.id.clone();
    let (user, view) = ctx
        .state
        .run(move |conn| service::own_account(conn, &id))
        .await?;
    Ok(no_store(HttpResponse::Ok().json(Me {
        member: view,
        email: user.email,
        phase: ctx.phase().number(),
    })))
}

/// `PUT /api/v1/me/profile`
#[utoipa::path(put, path = "/api/v1/me/profile", tag = "accounts", request_body = ProfileInput,
    responses((status = 200, body = MemberView), (status = 401, body = ErrorEnvelope),
        (status = 422, body = ErrorEnvelope)))]
async fn update_profile(ctx: Ctx, body: web::Json<ProfileInput>) -> AppResult<HttpResponse> {
    let id = ctx.account()?.id.clone();
    let input = body.into_inner();
    let view = ctx
        .state
        .write(move |conn| {
            service::update_profile(conn, &id, &input)?;
            Ok(service::own_account(conn, &id)?.1)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// A password change.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// `POST /api/v1/me/password`: ends every browser session of the account.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", request_body = PasswordChange,
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 422, description = "Wrong current password or unacceptable new one", body = ErrorEnvelope)))]
async fn change_password(ctx: Ctx, body: web::Json<PasswordChange>) -> AppResult<HttpResponse> {
    let id = ctx.account()?.id.clone();
    let b = body.into_inner();
    let uid = id.clone();
    ctx.state
        .run(move |conn| service::change_password(conn, &uid, &b.current_password, &b.new_password))
        .await?;
    if ctx.via == AuthVia::Session {
        sign_in(&ctx, &id)?;
    }
    Ok(HttpResponse::NoContent().finish())
}

/// `GET /api/v1/me/tokens`
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "accounts",
    responses((status = 200, body = [ApiTokenView]), (status = 401, body = ErrorEnvelope)))]
async fn tokens(ctx: Ctx) -> AppResult<HttpResponse> {
    let id = ctx.account()?.id.clone();
    let list = ctx
        .state
        .run(move |conn| service::list_tokens(conn, &id))
        .await?;
    Ok(no_store(HttpResponse::Ok().json(
        list.into_iter().map(ApiTokenView::from).collect::<Vec<_>>(),
    )))
}

/// A token as listed (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenView {
    pub id: String,
    pub name: String,
    pub created_at: chrono::NaiveDateTime,
    pub last_used_at: Option<chrono::NaiveDateTime>,
    pub revoked_at: Option<chrono::NaiveDateTime>,
}

impl From<ApiToken> for ApiTokenView {
    fn from(t: ApiToken) -> Self {
        ApiTokenView {
            id: t.id.0,
            name: t.name,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// `DELETE /api/v1/me/tokens/{id}`
#[utoipa::path(delete, path = "/api/v1/me/tokens/{id}", tag = "accounts",
    params(("id" = String, Path, description = "The token's id")),
    responses((status = 204), (status = 401, body = ErrorEnvelope),
        (status = 404, description = "No such token of this account", body = ErrorEnvelope)))]
async fn revoke(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let me = ctx.account()?.id.clone();
    let id = ApiTokenId::parse(&id).ok_or_else(AppError::not_found)?;
    ctx.state
        .write(move |conn| service::revoke_token(conn, &me, &id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A password-reset request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetRequest {
    pub email: String,
}

/// `POST /api/v1/auth/password-reset`
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "accounts", request_body = ResetRequest,
    responses((status = 202, body = Accepted), (status = 422, body = ErrorEnvelope)))]
async fn reset_request(ctx: Ctx, body: web::Json<ResetRequest>) -> AppResult<HttpResponse> {
    let mc = mail_ctx(&ctx);
    let email = body.into_inner().email;
    ctx.state
        .write(move |conn| service::request_password_reset(conn, &email, &mc))
        .await?;
    Ok(accepted())
}

/// Completing a reset with the emailed token.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResetConfirm {
    pub token: String,
    pub password: String,
}

/// `POST /api/v1/auth/password-reset/confirm`
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "accounts", request_body = ResetConfirm,
    responses((status = 204), (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
async fn reset_confirm(ctx: Ctx, body: web::Json<ResetConfirm>) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    ctx.state
        .run(move |conn| service::reset_password(conn, &b.token, &b.password))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A page of the member directory.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberPage {
    pub items: Vec<MemberView>,
    pub page: PageInfo,
}

/// `GET /api/v1/members`
#[utoipa::path(get, path = "/api/v1/members", tag = "accounts",
    params(
        ("q" = Option<String>, Query, description = "Words in the name, job title or username."),
        ("expertise" = Option<String>, Query, description = "An area of expertise (case-insensitive)."),
        ("organisation" = Option<String>, Query, description = "An organisation id."),
        ("page" = Option<i64>, Query, description = "Page number, from 1."),
        ("per_page" = Option<i64>, Query, description = "Members per page."),
    ),
    responses((status = 200, body = MemberPage),
        (status = 401, description = "Visitors, while the directory is not public", body = ErrorEnvelope),
        (status = 404, description = "Accounts that may not see the directory", body = ErrorEnvelope)))]
async fn members(ctx: Ctx, q: web::Query<DirectoryQuery>) -> AppResult<HttpResponse> {
    if !prassi_core::access::can_see_directory(&ctx.viewer, ctx.phase()) {
        return Err(if ctx.viewer.account().is_none() {
            AppError::unauthorized()
        } else {
            AppError::not_found()
        });
    }
    let q = q.into_inner();
    let (items, page) = ctx
        .state
        .run(move |conn| service::directory(conn, &q))
        .await?;
    Ok(HttpResponse::Ok().json(MemberPage { items, page }))
}

/// `GET /api/v1/members/{username}`
#[utoipa::path(get, path = "/api/v1/members/{username}", tag = "accounts",
    params(("username" = String, Path, description = "The member's username")),
    responses((status = 200, body = MemberProfile),
        (status = 404, description = "No such member, or not visible to the caller", body = ErrorEnvelope)))]
async fn member(ctx: Ctx, username: web::Path<String>) -> AppResult<HttpResponse> {
    let username = username.into_inner();
    let viewer = ctx.viewer.clone();
    let phase = ctx.phase();
    let (state, lang) = (ctx.state.clone(), ctx.lang);
    let (member, activity) = ctx
        .state
        .run(move |conn| {
            service::member_profile_with_activity(conn, &state, &username, &viewer, phase, lang)
        })
        .await?;
    Ok(HttpResponse::Ok().json(MemberProfile { member, activity }))
}

/// A member's profile with what they did in the community (each module's lines).
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberProfile {
    #[serde(flatten)]
    pub member: MemberView,
    pub activity: Vec<prassi_core::state::ActivityItem>,
}

/// `GET /api/v1/organisations`
#[utoipa::path(get, path = "/api/v1/organisations", tag = "accounts",
    responses((status = 200, body = [OrganisationView])))]
async fn organisations(ctx: Ctx) -> AppResult<HttpResponse> {
    // Registration needs the list, so it is as public as the registration form.
    let list = ctx.state.run(service::list_organisations).await?;
    Ok(HttpResponse::Ok().json(
        list.into_iter()
            .map(OrganisationView::from)
            .collect::<Vec<_>>(),
    ))
}

/// A phase change.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
pub struct PhaseBody {
    /// 1 closed, 2 extended, 3 open.
    #[schema(minimum = 1, maximum = 3)]
    pub phase: u8,
}

/// `PUT /api/v1/admin/phase` (administrators)
#[utoipa::path(put, path = "/api/v1/admin/phase", tag = "admin", request_body = PhaseBody,
    responses((status = 200, body = PhaseBody),
        (status = 404, description = "The caller is not an administrator", body = ErrorEnvelope),
        (status = 422, description = "Not a phase", body = ErrorEnvelope)))]
async fn set_phase(ctx: Ctx, body: web::Json<PhaseBody>) -> AppResult<HttpResponse> {
    let actor = ctx.require_admin()?.id.clone();
    let phase = Phase::from_number(&body.phase.to_string())
        .ok_or_else(|| AppError::invalid("phase", "phase-invalid"))?;
    ctx.state
        .write(move |conn| service::set_phase(conn, Some(&actor), phase))
        .await?;
    Ok(HttpResponse::Ok().json(PhaseBody {
        phase: phase.number(),
    }))
}

/// `POST /api/v1/admin/members/{id}/approve` (moderators)
#[utoipa::path(post, path = "/api/v1/admin/members/{id}/approve", tag = "admin",
    params(("id" = String, Path, description = "The account's id")),
    responses((status = 204),
        (status = 404, description = "Not a moderator, or no pending account with this id", body = ErrorEnvelope)))]
async fn approve(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let actor = ctx.require_moderator()?.id.clone();
    let target = UserId::parse(&id).ok_or_else(AppError::not_found)?;
    let mc = mail_ctx(&ctx);
    ctx.state
        .write(move |conn| service::approve(conn, &actor, &target, &mc))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The module's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(register, login, logout, me, update_profile, change_password, tokens, revoke,
          reset_request, reset_confirm, members, member, organisations, set_phase, approve),
    components(schemas(ErrorEnvelope, prassi_core::error::ErrorBody, RegistrationInput, Accepted,
        LoginRequest, LoginResponse, MemberView, OrganisationView, Me, ProfileInput,
        PasswordChange, ApiTokenView, ResetRequest, ResetConfirm, MemberPage, PageInfo, PhaseBody,
        MemberProfile, prassi_core::state::ActivityItem)),
    tags((name = "accounts", description = "Registration, sign-in, profiles and the member directory"),
         (name = "admin", description = "Site administration"))
)]
pub struct AccountsApi;

/// Registers the module's JSON routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api/v1/auth/register", web::post().to(register))
        .route("/api/v1/auth/login", web::post().to(login))
        .route("/api/v1/auth/logout", web::post().to(logout))
        .route("/api/v1/auth/password-reset", web::post().to(reset_request))
        .route(
            "/api/v1/auth/password-reset/confirm",
            web::post().to(reset_confirm),
        )
        .route("/api/v1/me", web::get().to(me))
        .route("/api/v1/me/profile", web::put().to(update_profile))
        .route("/api/v1/me/password", web::post().to(change_password))
        .route("/api/v1/me/tokens", web::get().to(tokens))
        .route("/api/v1/me/tokens/{id}", web::delete().to(revoke))
        .route("/api/v1/members", web::get().to(members))
        .route("/api/v1/members/{username}", web::get().to(member))
        .route("/api/v1/organisations", web::get().to(organisations))
        .route("/api/v1/admin/phase", web::put().to(set_phase))
        .route(
            "/api/v1/admin/members/{id}/approve",
            web::post().to(approve),
        );
}
