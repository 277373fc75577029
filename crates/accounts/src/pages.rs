//! HTML pages of the accounts module. Handlers are thin: parse, authorize, call the service,
//! render. Forms post back to themselves; an invalid form is shown again (422) with the
//! submitted values (never the password) and the error next to its field.

use actix_web::{web, HttpRequest, HttpResponse};
use prassi_core::access::Phase;
use prassi_core::error::{AppError, AppResult};
use prassi_core::pagination::PageQuery;
use prassi_core::session::{AUTH_AT_KEY, CSRF_KEY, USER_KEY};
use prassi_core::web::{client_ip, safe_next};
use prassi_core::Ctx;
use prassi_db::OneOfExt;
use prassi_db::{AccountStatus, ApiTokenId, OrganisationKind, Role, UserId};
use serde::Deserialize;
use tera::Context;

use crate::service::{
    self, DirectoryQuery, LoginOutcome, MailContext, ProfileInput, RegistrationInput,
};

/// What the services need to write emails (links, site name, templates). The language is
/// not in it: each mail is written in its recipient's.
pub fn mail_ctx(ctx: &Ctx) -> MailContext {
    MailContext::for_state(&ctx.state)
}

/// Marks the session signed in as `user`, with a fresh session id and CSRF token.
pub fn sign_in(ctx: &Ctx, user: &UserId) -> AppResult<()> {
    ctx.session.renew();
    ctx.session.remove(CSRF_KEY);
    ctx.session
        .insert(USER_KEY, user.as_str())
        .map_err(AppError::internal)?;
    ctx.session
        .insert(AUTH_AT_KEY, chrono::Utc::now().timestamp())
        .map_err(AppError::internal)?;
    Ok(())
}

/// `{value, label}` pairs for a select, labels translated from `<prefix><value>`.
fn options(ctx: &Ctx, prefix: &str, values: &[&str]) -> Vec<serde_json::Value> {
    values
        .iter()
        .map(|v| serde_json::json!({ "value": v, "label": ctx.t(&format!("{prefix}{v}")) }))
        .collect()
}

fn organisation_kinds(ctx: &Ctx) -> Vec<serde_json::Value> {
    let kinds: Vec<&str> = OrganisationKind::ALL.iter().map(|k| k.as_str()).collect();
    options(ctx, "org-kind-", &kinds)
}

// ------------------------------------------------------------------------------ registration

#[derive(Debug, Deserialize)]
pub struct InviteQuery {
    pub invito: Option<String>,
}

fn registration_context(ctx: &Ctx, form: &RegistrationInput) -> Context {
    let mut c = Context::new();
    let mut shown = form.clone();
    shown.password = String::new();
    c.insert("form", &shown);
    c.insert("kind_options", &organisation_kinds(ctx));
    c.insert("require_approval", &ctx.settings.require_approval);
    c.insert("has_domains", &!ctx.settings.allowed_domains.is_empty());
    c
}

async fn register_form(ctx: Ctx, q: web::Query<InviteQuery>) -> AppResult<HttpResponse> {
    if ctx.viewer.account().is_some() {
        return Ok(Ctx::redirect("/"));
    }
    ctx.csrf_token()?;
    let form = RegistrationInput {
        invitation: q.into_inner().invito,
        ..Default::default()
    };
    ctx.render("accounts/register.html", registration_context(&ctx, &form))
}

async fn register_submit(ctx: Ctx, form: web::Form<RegistrationInput>) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let settings = ctx.settings.clone();
    let mc = mail_ctx(&ctx);
    let lang = ctx.lang;
    let input = form.clone();
    match ctx
        .state
        .run(move |conn| service::register(conn, &settings, &input, lang, &mc))
        .await
    {
        Ok(_) => ctx.render("accounts/check_email.html", Context::new()),
        Err(e) => ctx.form_error(
            "accounts/register.html",
            registration_context(&ctx, &form),
            e,
        ),
    }
}

async fn verify(ctx: Ctx, token: web::Path<String>) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let status = ctx
        .state
        .write(move |conn| service::verify_email(conn, &token))
        .await?;
    let mut c = Context::new();
    c.insert("pending", &(status == AccountStatus::Pending));
    ctx.render("accounts/verified.html", c)
}

// ------------------------------------------------------------------------------ sign in / out

#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct LoginForm {
    pub login: String,
    #[serde(skip_serializing)]
    pub password: String,
    pub next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    pub next: Option<String>,
}

fn login_context(form: &LoginForm) -> Context {
    let mut c = Context::new();
    c.insert("form", form);
    c.insert("next", &safe_next(form.next.as_deref()));
    c
}

async fn login_form(ctx: Ctx, q: web::Query<NextQuery>) -> AppResult<HttpResponse> {
    if ctx.viewer.account().is_some() {
        return Ok(Ctx::redirect(&safe_next(q.next.as_deref())));
    }
    ctx.csrf_token()?;
    let form = LoginForm {
        next: q.into_inner().next,
        ..Default::default()
    };
    ctx.render("accounts/login.html", login_context(&form))
}

async fn login_submit(
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<LoginForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let ip = client_ip(&req, ctx.state.config.trust_proxy);
    let mc = mail_ctx(&ctx);
    let (login, pw) = (form.login.clone(), form.password.clone());
    let outcome = ctx
        .state
        .run(move |conn| service::login(conn, &login, &pw, &ip, &mc))
        .await;
    let err = match outcome {
        Ok(LoginOutcome::Success(user)) => {
            sign_in(&ctx, &user.id)?;
            return Ok(Ctx::redirect(&safe_next(form.next.as_deref())));
        }
        Ok(LoginOutcome::Invalid) => AppError::unauthorized().with_message("login-invalid"),
        Ok(LoginOutcome::Unverified) => AppError::unauthorized().with_message("login-unverified"),
        Ok(LoginOutcome::Suspended) => AppError::unauthorized().with_message("login-suspended"),
        Err(e) => e,
    };
    ctx.form_error("accounts/login.html", login_context(&form), err)
}

async fn logout(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.session.purge();
    Ok(Ctx::redirect("/"))
}

// ------------------------------------------------------------------------------ passwords

#[derive(Debug, Default, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct EmailForm {
    pub email: String,
}

async fn forgot_form(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.csrf_token()?;
    let mut c = Context::new();
    c.insert("form", &EmailForm::default());
    ctx.render("accounts/forgot.html", c)
}

async fn forgot_submit(ctx: Ctx, form: web::Form<EmailForm>) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let mc = mail_ctx(&ctx);
    let email = form.email.clone();
    match ctx
        .state
        .write(move |conn| service::request_password_reset(conn, &email, &mc))
        .await
    {
        Ok(()) => ctx.render("accounts/check_email.html", Context::new()),
        Err(e) => {
            let mut c = Context::new();
            c.insert("form", &form);
            ctx.form_error("accounts/forgot.html", c, e)
        }
    }
}

async fn reset_form(ctx: Ctx, token: web::Path<String>) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let t = token.clone();
    if !ctx
        .state
        .run(move |conn| service::reset_token_valid(conn, &t))
        .await?
    {
        return Err(AppError::not_found().with_message("token-invalid"));
    }
    ctx.csrf_token()?;
    let mut c = Context::new();
    c.insert("token", &token);
    ctx.render("accounts/reset.html", c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewPasswordForm {
    pub password: String,
}

async fn reset_submit(
    ctx: Ctx,
    token: web::Path<String>,
    form: web::Form<NewPasswordForm>,
) -> AppResult<HttpResponse> {
    let token = token.into_inner();
    let t = token.clone();
    let pw = form.into_inner().password;
    match ctx
        .state
        .run(move |conn| service::reset_password(conn, &t, &pw))
        .await
    {
        Ok(_) => {
            // Whatever this browser was signed in as is over; a fresh session carries the notice.
            ctx.session.remove(USER_KEY);
            ctx.session.remove(AUTH_AT_KEY);
            ctx.session.renew();
            ctx.flash("success", "password-reset-done");
            Ok(Ctx::redirect("/accedi"))
        }
        Err(e) => {
            let mut c = Context::new();
            c.insert("token", &token);
            ctx.form_error("accounts/reset.html", c, e)
        }
    }
}

// ------------------------------------------------------------------------------ security page

async fn security_context(ctx: &Ctx) -> AppResult<Context> {
    let me = ctx.account()?.id.clone();
    let tokens = ctx
        .state
        .run(move |conn| service::list_tokens(conn, &me))
        .await?;
    let mut c = Context::new();
    c.insert("tokens", &tokens);
    Ok(c)
}

async fn security(ctx: Ctx) -> AppResult<HttpResponse> {
    let c = security_context(&ctx).await?;
    ctx.render("accounts/security.html", c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangePasswordForm {
    pub current_password: String,
    pub new_password: String,
}

async fn change_password(ctx: Ctx, form: web::Form<ChangePasswordForm>) -> AppResult<HttpResponse> {
    let me = ctx.account()?.id.clone();
    let form = form.into_inner();
    let id = me.clone();
    match ctx
        .state
        .run(move |conn| {
            service::change_password(conn, &id, &form.current_password, &form.new_password)
        })
        .await
    {
        Ok(_) => {
            // Every session was ended; this one continues under a new id.
            sign_in(&ctx, &me)?;
            ctx.flash("success", "password-changed");
            Ok(Ctx::redirect("/account/sicurezza"))
        }
        Err(e) => {
            let c = security_context(&ctx).await?;
            ctx.form_error("accounts/security.html", c, e)
        }
    }
}

async fn sign_out_everywhere(ctx: Ctx) -> AppResult<HttpResponse> {
    let me = ctx.account()?.id.clone();
    let id = me.clone();
    ctx.state
        .write(move |conn| Ok(prassi_core::session::end_all_sessions(conn, &id)?))
        .await?;
    sign_in(&ctx, &me)?;
    ctx.flash("success", "sessions-ended");
    Ok(Ctx::redirect("/account/sicurezza"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    pub name: String,
}

async fn create_token(ctx: Ctx, form: web::Form<TokenForm>) -> AppResult<HttpResponse> {
    let me = ctx.account()?.id.clone();
    let name = form.into_inner().name;
    let (_, secret) = ctx
        .state
        .write(move |conn| service::create_token(conn, &me, &name))
        .await?;
    let mut c = security_context(&ctx).await?;
    c.insert("new_token", &secret);
    ctx.render("accounts/security.html", c)
}

async fn revoke_token(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let me = ctx.account()?.id.clone();
    let id = ApiTokenId::parse(&id).ok_or_else(AppError::not_found)?;
    ctx.state
        .write(move |conn| service::revoke_token(conn, &me, &id))
        .await?;
    ctx.flash("success", "token-revoked-done");
    Ok(Ctx::redirect("/account/sicurezza"))
}

// ------------------------------------------------------------------------------ profile

async fn profile_context(ctx: &Ctx, form: Option<ProfileInput>) -> AppResult<Context> {
    let me = ctx.account()?.id.clone();
    let (user, view, orgs) = ctx
        .state
        .run(move |conn| {
            let (user, view) = service::own_account(conn, &me)?;
            Ok((user, view, service::list_organisations(conn)?))
        })
        .await?;
    let form = form.unwrap_or_else(|| ProfileInput {
        display_name: view.display_name.clone(),
        organisation: view
            .organisation
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
        organisation_kind: view.organisation.as_ref().map(|o| o.kind.clone()),
        region: view.organisation.as_ref().and_then(|o| o.region.clone()),
        job_title: Some(view.job_title.clone()),
        expertise: Some(view.expertise.join(", ")),
        bio_md: Some(view.bio_md.clone()),
        directory_consent: user.directory_consent,
    });
    let mut c = Context::new();
    c.insert("form", &form);
    c.insert("member", &view);
    c.insert("organisations", &orgs);
    c.insert("kind_options", &organisation_kinds(ctx));
    Ok(c)
}

async fn profile_form(ctx: Ctx) -> AppResult<HttpResponse> {
    let c = profile_context(&ctx, None).await?;
    ctx.render("accounts/profile_edit.html", c)
}

async fn profile_submit(ctx: Ctx, form: web::Form<ProfileInput>) -> AppResult<HttpResponse> {
    let me = ctx.account()?.clone();
    let form = form.into_inner();
    let input = form.clone();
    let id = me.id.clone();
    match ctx
        .state
        .write(move |conn| service::update_profile(conn, &id, &input))
        .await
    {
        Ok(()) => {
            ctx.flash("success", "profile-saved");
            Ok(Ctx::redirect(&format!("/membri/{}", me.username)))
        }
        Err(e) => {
            let c = profile_context(&ctx, Some(form)).await?;
            ctx.form_error("accounts/profile_edit.html", c, e)
        }
    }
}

async fn member_page(ctx: Ctx, username: web::Path<String>) -> AppResult<HttpResponse> {
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
    let mut c = Context::new();
    c.insert("activity", &activity);
    c.insert(
        "is_self",
        &(ctx.viewer.user_id().map(|i| i.as_str()) == Some(member.id.as_str())),
    );
    c.insert("member", &member);
    ctx.render("accounts/member.html", c)
}

// ------------------------------------------------------------------------------ directory

async fn directory(ctx: Ctx, q: web::Query<DirectoryQuery>) -> AppResult<HttpResponse> {
    ctx.require_section()?;
    let q = q.into_inner();
    let query = q.clone();
    let (members, info, areas, orgs) = ctx
        .state
        .run(move |conn| {
            let (members, info) = service::directory(conn, &query)?;
            Ok((
                members,
                info,
                service::directory_areas(conn)?,
                service::list_organisations(conn)?,
            ))
        })
        .await?;
    let mut c = Context::new();
    c.insert("members", &members);
    c.insert("page", &info);
    c.insert("areas", &areas);
    c.insert("organisations", &orgs);
    c.insert("q", &q.q.clone().unwrap_or_default());
    c.insert("expertise", &q.expertise.clone().unwrap_or_default());
    c.insert("organisation", &q.organisation.clone().unwrap_or_default());
    let params: Vec<String> = [
        ("q", &q.q),
        ("expertise", &q.expertise),
        ("organisation", &q.organisation),
    ]
    .into_iter()
    .filter_map(|(k, v)| {
        v.as_deref()
            .filter(|v| !v.is_empty())
            .map(|v| format!("{k}={}", prassi_core::web::url_encode(v)))
    })
    .collect();
    let base = if params.is_empty() {
        "/membri".to_owned()
    } else {
        format!("/membri?{}", params.join("&"))
    };
    c.insert("page_base", &base);
    ctx.render("accounts/directory.html", c)
}

// ------------------------------------------------------------------------------ moderation

async fn moderation(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.require_moderator()?;
    let requests = ctx.state.run(service::pending_requests).await?;
    let rows: Vec<serde_json::Value> = requests
        .into_iter()
        .map(|(u, o)| {
            serde_json::json!({
                "id": u.id.0, "username": u.username, "display_name": u.display_name,
                "email": u.email, "request_note": u.request_note,
                "organisation": o.map(|o| o.name), "created_at": u.created_at,
            })
        })
        .collect();
    let mut c = Context::new();
    c.insert("requests", &rows);
    ctx.render("accounts/moderation.html", c)
}

async fn approve(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let actor = ctx.require_moderator()?.id.clone();
    let target = UserId::parse(&id).ok_or_else(AppError::not_found)?;
    let mc = mail_ctx(&ctx);
    ctx.state
        .write(move |conn| service::approve(conn, &actor, &target, &mc))
        .await?;
    ctx.flash("success", "request-approved");
    Ok(Ctx::redirect("/moderazione"))
}

async fn decline(ctx: Ctx, id: web::Path<String>) -> AppResult<HttpResponse> {
    let actor = ctx.require_moderator()?.id.clone();
    let target = UserId::parse(&id).ok_or_else(AppError::not_found)?;
    ctx.state
        .write(move |conn| service::decline(conn, &actor, &target))
        .await?;
    ctx.flash("success", "request-declined");
    Ok(Ctx::redirect("/moderazione"))
}

// ------------------------------------------------------------------------------ administration

#[derive(Debug, Default, Deserialize)]
pub struct AdminQuery {
    pub stato: Option<String>,
    pub page: Option<i64>,
}

/// Everything the administrators' page shows; `legal` is the legal-pages form (the saved
/// settings, or what was just submitted when it has errors).
async fn admin_context(
    ctx: &Ctx,
    q: &AdminQuery,
    legal: &service::LegalInput,
) -> AppResult<Context> {
    let status = q.stato.as_deref().and_then(AccountStatus::parse);
    let page = PageQuery {
        page: q.page,
        per_page: Some(50),
    }
    .resolve();
    let (users, info, log, new_reports) = ctx
        .state
        .run(move |conn| {
            let (users, info) = service::admin_users(conn, status, page)?;
            Ok((
                users,
                info,
                prassi_core::audit::recent(conn, 50)?,
                service::new_a11y_report_count(conn)?,
            ))
        })
        .await?;
    let rows: Vec<serde_json::Value> = users
        .into_iter()
        .map(|u| {
            serde_json::json!({
                "id": u.id.0, "username": u.username, "display_name": u.display_name,
                "email": u.email, "role": u.role.as_str(), "status": u.status.as_str(),
                "verified": u.email_verified_at.is_some(), "created_at": u.created_at,
            })
        })
        .collect();
    let mut c = Context::new();
    c.insert("users", &rows);
    c.insert("page", &info);
    c.insert("status_filter", &q.stato.clone().unwrap_or_default());
    c.insert(
        "statuses",
        &AccountStatus::ALL
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>(),
    );
    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
    c.insert("roles", &roles);
    c.insert("role_options", &options(ctx, "role-", &roles));
    c.insert("log", &log);
    c.insert("allowed_domains", &ctx.settings.allowed_domains.join(", "));
    c.insert("require_approval", &ctx.settings.require_approval);
    c.insert("group_creators", ctx.settings.group_creators.as_str());
    let creators: Vec<&str> = prassi_core::settings::GroupCreators::ALL
        .iter()
        .map(|g| g.as_str())
        .collect();
    c.insert(
        "group_creators_options",
        &options(ctx, "admin-group-creators-", &creators),
    );
    c.insert(
        "page_base",
        &match &q.stato {
            Some(s) if !s.is_empty() => format!("/admin?stato={}", prassi_core::web::url_encode(s)),
            _ => "/admin".to_owned(),
        },
    );
    c.insert("legal", legal);
    let statuses: Vec<&str> = Compliance::ALL.iter().map(|s| s.as_str()).collect();
    c.insert(
        "a11y_status_options",
        &options(ctx, "a11y-status-", &statuses),
    );
    let methods: Vec<&str> = Assessment::ALL.iter().map(|m| m.as_str()).collect();
    c.insert(
        "a11y_method_options",
        &options(ctx, "a11y-method-", &methods),
    );
    c.insert("new_reports", &new_reports);
    Ok(c)
}

async fn admin(ctx: Ctx, q: web::Query<AdminQuery>) -> AppResult<HttpResponse> {
    ctx.require_admin()?;
    let legal = service::LegalInput::of(&ctx.settings.legal);
    let c = admin_context(&ctx, &q, &legal).await?;
    ctx.render("accounts/admin.html", c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PhaseForm {
    pub phase: String,
}

async fn admin_phase(ctx: Ctx, form: web::Form<PhaseForm>) -> AppResult<HttpResponse> {
    let actor = ctx.require_admin()?.id.clone();
    let phase = Phase::from_number(&form.phase)
        .ok_or_else(|| AppError::invalid("phase", "phase-invalid"))?;
    ctx.state
        .write(move |conn| service::set_phase(conn, Some(&actor), phase))
        .await?;
    ctx.flash("success", "phase-changed");
    Ok(Ctx::redirect("/admin"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    pub allowed_domains: String,
    pub require_approval: Option<String>,
}

async fn admin_policy(ctx: Ctx, form: web::Form<PolicyForm>) -> AppResult<HttpResponse> {
    let actor = ctx.require_admin()?.id.clone();
    let form = form.into_inner();
    let approval = form.require_approval.is_some();
    ctx.state
        .write(move |conn| {
            service::set_registration_policy(conn, &actor, &form.allowed_domains, approval)
        })
        .await?;
    ctx.flash("success", "policy-saved");
    Ok(Ctx::redirect("/admin"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GroupCreatorsForm {
    pub group_creators: String,
}

async fn admin_group_creators(
    ctx: Ctx,
    form: web::Form<GroupCreatorsForm>,
) -> AppResult<HttpResponse> {
    let actor = ctx.require_admin()?.id.clone();
    let who = prassi_core::settings::GroupCreators::parse(&form.group_creators)
        .ok_or_else(|| AppError::invalid("group_creators", "admin-group-creators-invalid"))?;
    ctx.state
        .write(move |conn| service::set_group_creators(conn, &actor, who))
        .await?;
    ctx.flash("success", "policy-saved");
    Ok(Ctx::redirect("/admin"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub role: String,
}

async fn admin_invite(ctx: Ctx, form: web::Form<InviteForm>) -> AppResult<HttpResponse> {
    let actor = ctx.require_admin()?.id.clone();
    let form = form.into_inner();
    let role = Role::parse(&form.role).unwrap_or(Role::Member);
    let mc = mail_ctx(&ctx);
    let lang = ctx.lang;
    ctx.state
        .write(move |conn| service::invite(conn, &actor, &form.email, role, lang, &mc))
        .await?;
    ctx.flash("success", "invitation-sent");
    Ok(Ctx::redirect("/admin"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RoleForm {
    pub role: String,
}

async fn admin_role(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<RoleForm>,
) -> AppResult<HttpResponse> {
    let actor = ctx.require_admin()?.id.clone();
    let target = UserId::parse(&id).ok_or_else(AppError::not_found)?;
    let role = Role::parse(&form.role).ok_or_else(|| AppError::invalid("role", "role-invalid"))?;
    ctx.state
        .write(move |conn| service::set_role(conn, &actor, &target, role))
        .await?;
    ctx.flash("success", "role-changed");
    Ok(Ctx::redirect("/admin"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SuspendForm {
    pub suspended: String,
}

async fn admin_suspend(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<SuspendForm>,
) -> AppResult<HttpResponse> {
    let actor = ctx.require_admin()?.id.clone();
    let target = UserId::parse(&id).ok_or_else(AppError::not_found)?;
    let suspended = form.suspended == "true";
    ctx.state
        .write(move |conn| service::set_suspended(conn, &actor, &target, suspended))
        .await?;
    ctx.flash(
        "success",
        if suspended {
            "member-suspended"
        } else {
            "member-reactivated"
        },
    );
    Ok(Ctx::redirect("/admin"))
}

// ------------------------------------------------------------------------------ legal pages

use prassi_core::settings::{Assessment, Compliance};
use prassi_db::models::{A11yReportId, A11yReportStatus};

/// `POST /admin/pagine-legali`: the facts the privacy notice, the legal notes and the
/// accessibility statement print. Every field error is reported at once, on the admin page.
async fn admin_legal(ctx: Ctx, form: web::Form<service::LegalInput>) -> AppResult<HttpResponse> {
    let actor = ctx.require_admin()?.id.clone();
    let form = form.into_inner();
    let today = chrono::Utc::now().date_naive();
    let legal = match service::check_legal(&form, today) {
        Ok(l) => l,
        Err(err) => {
            let c = admin_context(&ctx, &AdminQuery::default(), &form).await?;
            return ctx.form_error("accounts/admin.html", c, err);
        }
    };
    ctx.state
        .write(move |conn| service::set_legal_settings(conn, &actor, &legal))
        .await?;
    ctx.flash("success", "legal-saved");
    Ok(Ctx::redirect("/admin#legal-title"))
}

#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    /// The page the visitor came from, to fill the form in.
    pub pagina: Option<String>,
}

fn report_context(ctx: &Ctx, form: &service::ReportInput) -> Context {
    let mut c = prassi_core::settings::legal_context(ctx);
    c.insert("form", form);
    c
}

/// `GET /accessibilita/segnalazione`: the accessibility feedback form, for anyone, in every
/// phase.
async fn report_form(ctx: Ctx, q: web::Query<ReportQuery>) -> AppResult<HttpResponse> {
    ctx.csrf_token()?;
    let page_url = prassi_core::input::query_term(q.pagina.as_deref(), 500)
        .filter(|p| p.starts_with('/') && !p.starts_with("//"))
        .unwrap_or_default();
    let form = service::ReportInput {
        page_url,
        ..Default::default()
    };
    ctx.render("pages/segnalazione.html", report_context(&ctx, &form))
}

/// `POST /accessibilita/segnalazione`: stores the report (limited per client address) and
/// shows the confirmation page.
async fn report_submit(
    ctx: Ctx,
    req: HttpRequest,
    form: web::Form<service::ReportInput>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let ip = client_ip(&req, ctx.state.config.trust_proxy);
    let reporter = ctx.viewer.account().map(|a| a.id.clone());
    let mc = mail_ctx(&ctx);
    let lang = ctx.lang;
    let notify = ctx.settings.legal.contact_email.clone();
    let input = form.clone();
    let sent = ctx
        .state
        .write(move |conn| {
            service::send_report(conn, &input, reporter.as_ref(), &ip, lang, &mc, &notify)
        })
        .await;
    match sent {
        Ok(_) => Ok(Ctx::redirect("/accessibilita/segnalazione/inviata")),
        Err(err) => ctx.form_error("pages/segnalazione.html", report_context(&ctx, &form), err),
    }
}

/// `GET /accessibilita/segnalazione/inviata`: the thank-you page after a report.
async fn report_sent(ctx: Ctx) -> AppResult<HttpResponse> {
    ctx.render(
        "pages/segnalazione-inviata.html",
        prassi_core::settings::legal_context(&ctx),
    )
}

/// `GET /admin/segnalazioni` (`?stato=&page=`): the accessibility reports, newest first.
async fn admin_reports(ctx: Ctx, q: web::Query<AdminQuery>) -> AppResult<HttpResponse> {
    ctx.require_admin()?;
    let status = q.stato.as_deref().and_then(A11yReportStatus::parse);
    let page = PageQuery {
        page: q.page,
        per_page: Some(50),
    }
    .resolve();
    let (reports, info, names) = ctx
        .state
        .run(move |conn| {
            use diesel::prelude::*;
            use prassi_db::schema::users;
            let (reports, info) = service::a11y_reports(conn, status, page)?;
            let ids: Vec<UserId> = reports
                .iter()
                .filter_map(|r| r.reporter_id.clone())
                .collect();
            let names: std::collections::HashMap<UserId, String> = users::table
                .filter(users::id.one_of(&ids))
                .select((users::id, users::username))
                .load::<(UserId, String)>(conn)?
                .into_iter()
                .collect();
            Ok((reports, info, names))
        })
        .await?;
    let rows: Vec<serde_json::Value> = reports
        .into_iter()
        .map(|r| {
            let reporter = r.reporter_id.as_ref().and_then(|id| names.get(id));
            serde_json::json!({
                "id": r.id.0, "page_url": r.page_url, "description": r.description,
                "contact_email": r.contact_email, "reporter": reporter,
                "status": r.status.as_str(), "created_at": r.created_at,
            })
        })
        .collect();
    let statuses: Vec<&str> = A11yReportStatus::ALL.iter().map(|s| s.as_str()).collect();
    let mut c = Context::new();
    c.insert("reports", &rows);
    c.insert("page", &info);
    c.insert("status_filter", &q.stato.clone().unwrap_or_default());
    c.insert(
        "status_options",
        &options(&ctx, "a11y-report-status-", &statuses),
    );
    c.insert(
        "page_base",
        &match &q.stato {
            Some(s) if !s.is_empty() => format!(
                "/admin/segnalazioni?stato={}",
                prassi_core::web::url_encode(s)
            ),
            _ => "/admin/segnalazioni".to_owned(),
        },
    );
    ctx.render("accounts/admin_reports.html", c)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportStatusForm {
    pub status: String,
}

/// `POST /admin/segnalazioni/{id}/stato`: moves a report to `new`, `in_progress` or `resolved`.
async fn admin_report_status(
    ctx: Ctx,
    id: web::Path<String>,
    form: web::Form<ReportStatusForm>,
) -> AppResult<HttpResponse> {
    let actor = ctx.require_admin()?.id.clone();
    let id = A11yReportId::parse(&id).ok_or_else(AppError::not_found)?;
    let status = A11yReportStatus::parse(&form.status)
        .ok_or_else(|| AppError::invalid("status", "choice-invalid"))?;
    ctx.state
        .write(move |conn| service::set_a11y_report_status(conn, &actor, &id, status))
        .await?;
    ctx.flash("success", "a11y-report-status-changed");
    Ok(Ctx::redirect("/admin/segnalazioni"))
}

/// Registers the module's HTML routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/registrati", web::get().to(register_form))
        .route("/registrati", web::post().to(register_submit))
        .route("/verifica/{token}", web::get().to(verify))
        .route("/accedi", web::get().to(login_form))
        .route("/accedi", web::post().to(login_submit))
        .route("/esci", web::post().to(logout))
        .route("/password/dimenticata", web::get().to(forgot_form))
        .route("/password/dimenticata", web::post().to(forgot_submit))
        .route("/password/reimposta/{token}", web::get().to(reset_form))
        .route("/password/reimposta/{token}", web::post().to(reset_submit))
        .route("/account/sicurezza", web::get().to(security))
        .route("/account/password", web::post().to(change_password))
        .route("/account/esci-ovunque", web::post().to(sign_out_everywhere))
        .route("/account/token", web::post().to(create_token))
        .route("/account/token/{id}/revoca", web::post().to(revoke_token))
        .route("/profilo", web::get().to(profile_form))
        .route("/profilo", web::post().to(profile_submit))
        .route("/membri", web::get().to(directory))
        .route("/membri/{username}", web::get().to(member_page))
        .route("/moderazione", web::get().to(moderation))
        .route("/moderazione/{id}/approva", web::post().to(approve))
        .route("/moderazione/{id}/rifiuta", web::post().to(decline))
        .route("/admin", web::get().to(admin))
        .route("/admin/fase", web::post().to(admin_phase))
        .route("/admin/registrazione", web::post().to(admin_policy))
        .route("/admin/gruppi", web::post().to(admin_group_creators))
        .route("/admin/inviti", web::post().to(admin_invite))
        .route("/admin/utenti/{id}/ruolo", web::post().to(admin_role))
        .route(
            "/admin/utenti/{id}/sospensione",
            web::post().to(admin_suspend),
        )
        .route("/admin/pagine-legali", web::post().to(admin_legal))
        .route("/admin/segnalazioni", web::get().to(admin_reports))
        .route(
            "/admin/segnalazioni/{id}/stato",
            web::post().to(admin_report_status),
        )
        .route("/accessibilita/segnalazione", web::get().to(report_form))
        .route("/accessibilita/segnalazione", web::post().to(report_submit))
        .route(
            "/accessibilita/segnalazione/inviata",
            web::get().to(report_sent),
        );
}
