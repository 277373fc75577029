//! The request context every handler starts from: who is asking (from the session cookie or a
//! bearer token), the site settings, the language, and helpers to render pages. Loading costs
//! one query for the settings and one for the account, once per request.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use diesel::prelude::*;
use prassi_db::models::User;
use prassi_db::schema::{api_tokens, users};
use prassi_db::{AccountStatus, DbConnection, UserId};
use serde::Serialize;

use crate::access::{self, Account, Action, Audience, Phase, Viewer};
use crate::error::{AppError, AppResult};
use crate::settings::SiteSettings;
use crate::state::AppState;
use crate::{csrf, i18n, session, tokens};

const FLASH_KEY: &str = "flash";

/// How the viewer authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthVia {
    None,
    Session,
    Token,
}

/// Everything a handler needs to know about the request.
#[derive(Clone)]
pub struct Ctx {
    pub state: AppState,
    pub viewer: Viewer,
    pub settings: SiteSettings,
    pub lang: &'static str,
    pub via: AuthVia,
    pub session: Session,
    pub path: String,
}

impl Ctx {
    /// The site's phase.
    pub fn phase(&self) -> Phase {
        self.settings.phase
    }

    /// The access rule for this viewer.
    pub fn can(&self, audience: &Audience, action: Action) -> bool {
        access::can(&self.viewer, self.settings.phase, audience, action)
    }

    /// Fails with `NotFound` unless the viewer may read `audience` (private answers like
    /// missing), or with `Unauthorized`/`Forbidden` unless they may do `action`.
    pub fn require(&self, audience: &Audience, action: Action) -> AppResult<()> {
        if !self.can(audience, Action::Read) {
            return Err(AppError::not_found());
        }
        if action == Action::Read {
            Ok(())
        } else {
            require_action(&self.viewer, self.settings.phase, audience, action)
        }
    }

    /// Whole sections (lists, directories): visitors who may not read are asked to sign in;
    /// signed-in accounts that may not read get "not found".
    pub fn require_section(&self) -> AppResult<()> {
        if self.can(&Audience::Public, Action::Read) {
            Ok(())
        } else if self.viewer.account().is_none() {
            Err(AppError::unauthorized())
        } else {
            Err(AppError::not_found())
        }
    }

    /// Shows a form page again with the error next to its field (and in the summary) when the
    /// client can fix it — invalid input (422), a conflict (409), throttling (429), wrong
    /// credentials (401) — and passes any other error on to the error page.
    pub fn form_error(
        &self,
        template: &str,
        mut context: tera::Context,
        err: AppError,
    ) -> AppResult<HttpResponse> {
        use crate::error::ErrorKind;
        if !matches!(
            err.kind,
            ErrorKind::Invalid | ErrorKind::Conflict | ErrorKind::TooMany | ErrorKind::Unauthorized
        ) {
            return Err(err);
        }
        let field = err.field.clone().unwrap_or_default();
        let message = self.t(&err.message);
        let mut errors = std::collections::HashMap::new();
        errors.insert(field.clone(), message.clone());
        context.insert("errors", &errors);
        context.insert(
            "error_list",
            &[serde_json::json!({ "field": field, "message": message })],
        );
        self.csrf_token()?;
        self.render_status(err.kind.status(), template, context)
    }

    /// The signed-in account, or `Unauthorized`.
    pub fn account(&self) -> AppResult<&Account> {
        self.viewer.account().ok_or_else(AppError::unauthorized)
    }

    /// Administrators only; others get `NotFound` for admin pages (they need not know).
    pub fn require_admin(&self) -> AppResult<&Account> {
        if self.viewer.is_admin() {
            self.account()
        } else {
            Err(AppError::not_found())
        }
    }

    /// Moderators and administrators only.
    pub fn require_moderator(&self) -> AppResult<&Account> {
        if self.viewer.is_moderator() {
            self.account()
        } else {
            Err(AppError::not_found())
        }
    }

    /// Translates a message key in the request's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// The CSRF token for forms, created (with a session) when first needed.
    pub fn csrf_token(&self) -> AppResult<String> {
        csrf::token(&self.session)
    }

    /// Shows a one-time notice (a message key) on the next page rendered for this session.
    pub fn flash(&self, kind: &str, key: &str) {
        if let Err(e) = self.session.insert(FLASH_KEY, (kind, key)) {
            tracing::warn!(error = %e, "cannot store flash message");
        }
    }

    /// Renders `template` with the common values every page has.
    pub fn render(&self, template: &str, mut context: tera::Context) -> AppResult<HttpResponse> {
        self.fill_common(&mut context)?;
        let html = self.state.templates.tera.render(template, &context)?;
        Ok(HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(html))
    }

    /// Renders with a status other than 200 (a form with errors: 422).
    pub fn render_status(
        &self,
        status: actix_web::http::StatusCode,
        template: &str,
        context: tera::Context,
    ) -> AppResult<HttpResponse> {
        let mut resp = self.render(template, context)?;
        *resp.status_mut() = status;
        Ok(resp)
    }

    fn fill_common(&self, context: &mut tera::Context) -> AppResult<()> {
        let cfg = &self.state.config;
        context.insert("site_name", &cfg.site_name);
        context.insert("lang", self.lang);
        context.insert("languages", i18n::LANGUAGES);
        context.insert("path", &self.path);
        context.insert("phase", &self.settings.phase.number());
        context.insert("me", &self.viewer.account().map(ViewerSummary::of));
        context.insert("is_member", &self.viewer.is_member());
        context.insert("is_moderator", &self.viewer.is_moderator());
        context.insert("is_admin", &self.viewer.is_admin());
        context.insert(
            "can_read_public",
            &self.can(&Audience::Public, Action::Read),
        );
        // Signed-in pages carry a logout form, so they always need a token.
        let token = if self.viewer.account().is_some() && self.via == AuthVia::Session {
            Some(self.csrf_token()?)
        } else {
            csrf::existing_token(&self.session)
        };
        context.insert("csrf_token", &token.unwrap_or_default());
        if let Ok(Some((kind, key))) = self.session.get::<(String, String)>(FLASH_KEY) {
            self.session.remove(FLASH_KEY);
            context.insert("flash_kind", &kind);
            context.insert("flash_text", &self.t(&key));
        }
        Ok(())
    }

    /// A redirect after a successful form post (303 See Other).
    pub fn redirect(location: &str) -> HttpResponse {
        HttpResponse::SeeOther()
            .insert_header((header::LOCATION, location))
            .finish()
    }
}

/// The access rule as an error for services: `Unauthorized` for visitors, `Forbidden` for
/// accounts, when `viewer` may not do `action` on something it can already see.
pub fn require_action(
    viewer: &Viewer,
    phase: Phase,
    audience: &Audience,
    action: Action,
) -> AppResult<()> {
    if access::can(viewer, phase, audience, action) {
        Ok(())
    } else if viewer.account().is_none() {
        Err(AppError::unauthorized())
    } else {
        Err(AppError::forbidden())
    }
}

/// What templates know about the signed-in viewer.
#[derive(Debug, Serialize)]
pub struct ViewerSummary {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: &'static str,
    pub status: &'static str,
}

impl ViewerSummary {
    fn of(a: &Account) -> Self {
        ViewerSummary {
            id: a.id.to_string(),
            username: a.username.clone(),
            display_name: a.display_name.clone(),
            role: a.role.as_str(),
            status: a.status.as_str(),
        }
    }
}

impl FromRequest for Ctx {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            if let Some(ctx) = req.extensions().get::<Ctx>() {
                return Ok(ctx.clone());
            }
            let state = req
                .app_data::<web::Data<AppState>>()
                .map(|d| d.get_ref().clone())
                .ok_or_else(|| AppError::internal("AppState missing"))?;
            let session = req.get_session();
            let bearer = bearer_token(&req);
            let session_user: Option<String> = session
                .get::<String>(session::USER_KEY)
                .map_err(AppError::internal)?;
            let auth_at: Option<i64> = session
                .get::<i64>(session::AUTH_AT_KEY)
                .map_err(AppError::internal)?;
            let (settings, resolved) = state
                .run(move |conn| {
                    let settings = SiteSettings::load(conn)?;
                    let resolved = match (bearer, session_user) {
                        (Some(token), _) => {
                            resolve_token(conn, &token)?.map(|u| (u, AuthVia::Token))
                        }
                        (None, Some(uid)) => resolve_session_user(conn, &uid, auth_at)?
                            .map(|u| (u, AuthVia::Session)),
                        (None, None) => None,
                    };
                    Ok((settings, resolved))
                })
                .await?;
            let (viewer, via) = match resolved {
                Some((user, via)) => (
                    Viewer::Account(Account {
                        id: user.id,
                        username: user.username,
                        display_name: user.display_name,
                        role: user.role,
                        status: user.status,
                        // Working-group membership arrives with the groups module.
                        groups: HashSet::new(),
                    }),
                    via,
                ),
                None => {
                    if bearer_token(&req).is_some() {
                        // A bad token is an error, not a silent anonymous request.
                        return Err(AppError::unauthorized().with_message("error-bad-token"));
                    }
                    if session
                        .get::<String>(session::USER_KEY)
                        .ok()
                        .flatten()
                        .is_some()
                    {
                        // The sign-in was ended (password change, suspension): forget it.
                        session.remove(session::USER_KEY);
                        session.remove(session::AUTH_AT_KEY);
                    }
                    (Viewer::Anonymous, AuthVia::None)
                }
            };
            let ctx = Ctx {
                state,
                viewer,
                settings,
                lang: i18n::negotiate(&req),
                via,
                session,
                path: req.path().to_owned(),
            };
            req.extensions_mut().insert(ctx.clone());
            Ok(ctx)
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
}

fn resolve_session_user(
    conn: &mut DbConnection,
    uid: &str,
    auth_at: Option<i64>,
) -> AppResult<Option<User>> {
    let Some(id) = UserId::parse(uid) else {
        return Ok(None);
    };
    let user: Option<User> = users::table
        .find(&id)
        .select(User::as_select())
        .first(conn)
        .optional()?;
    Ok(user.filter(|u| {
        u.status != AccountStatus::Suspended
            // A password change after this sign-in ends it, whatever the session row says.
            && auth_at.is_some_and(|at| at >= u.password_changed_at.and_utc().timestamp())
    }))
}

fn resolve_token(conn: &mut DbConnection, token: &str) -> AppResult<Option<User>> {
    let digest = tokens::digest(token);
    let found: Option<(String, Option<chrono::NaiveDateTime>, User)> = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(&digest))
        .filter(api_tokens::revoked_at.is_null())
        .select((api_tokens::id, api_tokens::last_used_at, User::as_select()))
        .first(conn)
        .optional()?;
    let Some((token_id, last_used, user)) = found else {
        return Ok(None);
    };
    if user.status == AccountStatus::Suspended {
        return Ok(None);
    }
    let now = prassi_db::now();
    // Record use at most once a minute: no write on every API call.
    if last_used.is_none_or(|t| now - t > chrono::Duration::minutes(1)) {
        diesel::update(api_tokens::table.find(&token_id))
            .set(api_tokens::last_used_at.eq(Some(now)))
            .execute(conn)?;
    }
    Ok(Some(user))
}
