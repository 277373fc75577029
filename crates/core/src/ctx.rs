//! The request context every handler starts from: who is asking (from the session cookie or a
//! bearer token), the site settings, the language, and helpers to render pages. For a request
//! with a session, the session store reads all of it with the session, in one blocking call
//! ([`session_and_member`]): one statement for the session, its member, their working groups
//! and the settings' version (the settings themselves are read again only when that version
//! moved), one for the unread notifications. A bearer token, or a request without a session,
//! takes one call of its own (for a token: the token with its user, the groups, the settings;
//! otherwise the settings).

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use diesel::prelude::*;
use prassi_db::schema::{api_tokens, group_members, sessions, users};
use prassi_db::{AccountStatus, DbConnection, UserId};
use serde::Serialize;

use crate::access::{self, Account, Action, Audience, Phase, Viewer};
use crate::error::{AppError, AppResult};
use crate::session::SessionState;
use crate::settings::{SettingsCache, SiteSettings};
use crate::state::AppState;
use crate::{csrf, i18n, session, tokens};

const FLASH_KEY: &str = "flash";

/// A template value that makes [`Ctx::render`] leave the one-time notice for the next page
/// (error pages set it: the notice belongs to the page the person was going to).
pub const KEEP_FLASH: &str = "keep_flash";

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
    pub settings: Arc<SiteSettings>,
    pub lang: &'static str,
    pub via: AuthVia,
    pub session: Session,
    pub path: String,
    /// Unread notifications of a member signed in with a session (the bell), capped at
    /// [`crate::notify::UNREAD_CAP`]; `None` for visitors and API tokens.
    pub unread: Option<i64>,
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

    /// Shows a form page again with every error next to its field and in the summary at the
    /// top, when the client can fix it — invalid input (422), a conflict (409), throttling
    /// (429), wrong credentials (401) — and passes any other error on to the error page.
    /// The template gets `errors` (field → message) and `error_list` ([{field, message}]);
    /// the layout then prefixes the title with "Errore:", and each summary entry is prefixed
    /// with the label its field has on the page (see [`name_fields_in_summary`]).
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
        let mut errors = std::collections::HashMap::new();
        let mut list = Vec::new();
        for f in err.field_errors() {
            let message = self.t(&f.message);
            errors
                .entry(f.field.clone())
                .or_insert_with(|| message.clone());
            list.push(serde_json::json!({ "field": f.field, "message": message }));
        }
        context.insert("errors", &errors);
        context.insert("error_list", &list);
        self.csrf_token()?;
        self.fill_common(&mut context)?;
        let html = self.state.templates.tera.render(template, &context)?;
        Ok(HttpResponse::build(err.kind.status())
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(name_fields_in_summary(&html)))
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

    /// The token a page's forms carry (`csrf_token` in every page's values): signed-in pages
    /// carry a logout form, so they always have one; others only if the session has one.
    pub fn page_csrf_token(&self) -> AppResult<String> {
        let token = if self.viewer.account().is_some() && self.via == AuthVia::Session {
            Some(self.csrf_token()?)
        } else {
            csrf::existing_token(&self.session)
        };
        Ok(token.unwrap_or_default())
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
        context.insert("content_languages", &content_language_options());
        context.insert("path", &self.path);
        context.insert("phase", &self.settings.phase.number());
        context.insert("me", &self.viewer.account().map(ViewerSummary::of));
        context.insert("is_member", &self.viewer.is_member());
        context.insert("unread", &self.unread);
        let can_read_public = self.can(&Audience::Public, Action::Read);
        context.insert("is_moderator", &self.viewer.is_moderator());
        context.insert("is_admin", &self.viewer.is_admin());
        context.insert("can_read_public", &can_read_public);
        let token = self.page_csrf_token()?;
        // The header's navigation and the footer are the same for every viewer with the same
        // links on the same page: kept fragments, rendered once (a third of a short page's
        // template work).
        let nav = SiteNav {
            site_name: &cfg.site_name,
            lang: self.lang,
            path: &self.path,
            signed_in: self.viewer.account().is_some(),
            unread: self.unread,
            is_moderator: self.viewer.is_moderator(),
            is_admin: self.viewer.is_admin(),
            can_read_public,
        };
        let templates = &self.state.templates;
        context.insert(
            "site_nav",
            &templates.fragment("partials/_site_nav.html", &nav, &token, false)?,
        );
        let footer = SiteFooter {
            site_name: &cfg.site_name,
            lang: self.lang,
            path: &self.path,
            can_read_public,
        };
        context.insert(
            "site_footer",
            &templates.fragment("partials/_site_footer.html", &footer, "", false)?,
        );
        context.insert("csrf_token", &token);
        if context.contains_key(KEEP_FLASH) {
            return Ok(());
        }
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

/// What `partials/_site_nav.html` shows: the values of its kept fragment (see
/// [`crate::templates::Templates::fragment`]).
#[derive(Serialize, Hash)]
struct SiteNav<'a> {
    site_name: &'a str,
    lang: &'a str,
    path: &'a str,
    signed_in: bool,
    unread: Option<i64>,
    is_moderator: bool,
    is_admin: bool,
    can_read_public: bool,
}

/// What `partials/_site_footer.html` shows.
#[derive(Serialize, Hash)]
struct SiteFooter<'a> {
    site_name: &'a str,
    lang: &'a str,
    path: &'a str,
    can_read_public: bool,
}

/// The choices of the content-language field, for `macros::content_lang`.
fn content_language_options() -> Vec<serde_json::Value> {
    crate::input::CONTENT_LANGUAGES
        .iter()
        .map(|(code, name)| serde_json::json!({ "value": code, "label": name }))
        .collect()
}

/// Puts each field's visible label in front of its entry in the error summary, so that the
/// summary names the field it links to (WCAG 3.3.1, GOV.UK pattern). The summary macro marks
/// each entry with `data-summary-for="field-<name>"`; the label is the text of the page's
/// `<label for="field-<name>">` (already escaped, as rendered). Entries whose field has no
/// label on the page stay as they are.
pub fn name_fields_in_summary(html: &str) -> String {
    const MARK: &str = "data-summary-for=\"";
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(at) = rest.find(MARK) {
        let after = &rest[at + MARK.len()..];
        let Some(end) = after.find('"') else { break };
        let id = &after[..end];
        let Some(close) = after[end..].find('>') else {
            break;
        };
        let upto = at + MARK.len() + end + close + 1;
        out.push_str(&rest[..upto]);
        if let Some(label) = label_text(html, id) {
            out.push_str("<span class=\"error-summary-field\">");
            out.push_str(&label);
            out.push_str(":</span> ");
        }
        rest = &rest[upto..];
    }
    out.push_str(rest);
    out
}

/// The text of `<label for="{id}">` up to its first inner tag, trimmed.
fn label_text(html: &str, id: &str) -> Option<String> {
    let open = format!("<label for=\"{id}\"");
    let start = html.find(&open)?;
    let body = &html[start..];
    let text_start = body.find('>')? + 1;
    let text = &body[text_start..];
    let text_end = text.find('<').unwrap_or(text.len());
    let label = text[..text_end].trim();
    (!label.is_empty()).then(|| label.to_owned())
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
            // A session's member, the settings and the bell were read by the session store in
            // the trip that loaded the session (see [`session_and_member`]); a bearer token,
            // or a sign-in this request changed before asking, takes its own trip.
            let found =
                session::take_found().filter(|f| bearer.is_none() && f.user_key == session_user);
            let kept = Arc::clone(&state.settings);
            let (settings, resolved, unread) = match found {
                Some(f) => {
                    let resolved = f.member.map(|(u, groups)| (u, AuthVia::Session, groups));
                    (f.settings, resolved, f.unread)
                }
                None => {
                    state
                        .run(move |conn| {
                            let mut version = None;
                            let resolved = match (bearer, session_user) {
                                (Some(token), _) => match resolve_token(conn, &token)? {
                                    Some(u) if u.status == AccountStatus::Active => {
                                        let groups = group_ids_of(conn, &u.id)?;
                                        Some((u, AuthVia::Token, groups))
                                    }
                                    Some(u) => Some((u, AuthVia::Token, HashSet::new())),
                                    None => None,
                                },
                                (None, Some(uid)) => {
                                    let member = resolve_session_user(conn, &uid, auth_at)?;
                                    version = member.settings_version;
                                    member.user.map(|(u, groups)| (u, AuthVia::Session, groups))
                                }
                                (None, None) => None,
                            };
                            let settings = kept.at(conn, version)?;
                            let unread = match &resolved {
                                Some((user, AuthVia::Session, groups)) => {
                                    Some(unread_of(conn, user, groups, settings.phase)?)
                                }
                                _ => None,
                            };
                            Ok((settings, resolved, unread))
                        })
                        .await?
                }
            };
            let (viewer, via) = match resolved {
                Some((user, via, groups)) => (
                    Viewer::Account(Account {
                        id: user.id,
                        username: user.username,
                        display_name: user.display_name,
                        role: user.role,
                        status: user.status,
                        groups,
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
                unread,
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

/// The access-rule view of the account `user` as a request of theirs would load it (groups
/// included), for work done on someone's behalf without their session: a calendar feed read
/// by its secret token, a question asked in their name. `None` for an unknown account.
pub fn viewer_of(conn: &mut DbConnection, user: &UserId) -> AppResult<Option<Viewer>> {
    let Some((username, display_name, role, status)) = users::table
        .find(user)
        .select((
            users::username,
            users::display_name,
            users::role,
            users::status,
        ))
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let groups = group_ids_of(conn, user)?;
    Ok(Some(Viewer::Account(Account {
        id: user.clone(),
        username,
        display_name,
        role,
        status,
        groups,
    })))
}

/// The ids of the working groups `user` belongs to (what `Account::groups` holds); one query.
pub fn group_ids_of(conn: &mut DbConnection, user: &UserId) -> AppResult<HashSet<String>> {
    let ids: Vec<prassi_db::GroupId> = group_members::table
        .filter(group_members::user_id.eq(user))
        .select(group_members::group_id)
        .load(conn)?;
    Ok(ids.into_iter().map(|g| g.0).collect())
}

/// What a request needs of its member: who they are for the access rule and the page, and
/// when their password last changed (a sign-in made before it no longer holds). Not the whole
/// row: a request never carries the password hash, the biography or the e-mail address.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub(crate) struct MemberRow {
    pub(crate) id: UserId,
    pub(crate) username: String,
    pub(crate) display_name: String,
    pub(crate) role: prassi_db::Role,
    pub(crate) status: AccountStatus,
    pub(crate) password_changed_at: chrono::NaiveDateTime,
}

/// What the session's member query finds: the member with their working groups, when the
/// sign-in still holds, and the settings' version it read along.
struct SessionMember {
    user: Option<(MemberRow, HashSet<String>)>,
    settings_version: Option<i64>,
}

/// The member a session is signed in as, with the ids of their working groups (one query: a
/// row per group, each with the settings' version), unless suspended or signed in before their
/// last password change (neither, when the session holds no valid member id).
fn resolve_session_user(
    conn: &mut DbConnection,
    uid: &str,
    auth_at: Option<i64>,
) -> AppResult<SessionMember> {
    let Some(id) = UserId::parse(uid) else {
        return Ok(SessionMember {
            user: None,
            settings_version: None,
        });
    };
    let rows: Vec<(MemberRow, Option<prassi_db::GroupId>, Option<i64>)> = users::table
        .left_join(group_members::table)
        .filter(users::id.eq(&id))
        .select((
            MemberRow::as_select(),
            group_members::group_id.nullable(),
            crate::settings::version_subquery(),
        ))
        .load(conn)?;
    let settings_version = rows.first().and_then(|(_, _, v)| *v);
    let user = signed_in_member(
        rows.into_iter().map(|(u, g, _)| (Some(u), g)),
        id.as_str(),
        auth_at,
    );
    Ok(SessionMember {
        user,
        settings_version,
    })
}

/// The member of `uid` from rows of (member, one of their working groups), with the ids of
/// their groups (none unless in good standing), if the sign-in still holds: not suspended,
/// and made after their last password change.
fn signed_in_member(
    rows: impl Iterator<Item = (Option<MemberRow>, Option<prassi_db::GroupId>)>,
    uid: &str,
    auth_at: Option<i64>,
) -> Option<(MemberRow, HashSet<String>)> {
    let mut member = None;
    let mut groups = HashSet::new();
    for (user, group) in rows {
        if member.is_none() {
            member = user;
        }
        if let Some(g) = group {
            groups.insert(g.0);
        }
    }
    let user = member.filter(|u| {
        u.id.as_str() == uid
            && u.status != AccountStatus::Suspended
            // A password change after this sign-in ends it, whatever the session row says.
            && auth_at.is_some_and(|at| at >= u.password_changed_at.and_utc().timestamp())
    })?;
    if user.status != AccountStatus::Active {
        groups.clear();
    }
    Some((user, groups))
}

/// The bell of a signed-in page: unread notifications among what the member may read now
/// (one query, capped).
fn unread_of(
    conn: &mut DbConnection,
    user: &MemberRow,
    groups: &HashSet<String>,
    phase: Phase,
) -> AppResult<i64> {
    let viewer = Viewer::Account(Account {
        id: user.id.clone(),
        username: String::new(),
        display_name: String::new(),
        role: user.role,
        status: user.status,
        groups: groups.clone(),
    });
    let visible = access::visible_audiences(&viewer, phase);
    Ok(crate::notify::unread_count(conn, &user.id, &visible)?)
}

/// What the session store found with a session's state, for the request's context (see
/// [`session_and_member`]).
pub(crate) struct SessionFound {
    /// The member id the session's state holds, if any.
    pub(crate) user_key: Option<String>,
    /// That member with their working groups, if the sign-in still holds.
    pub(crate) member: Option<(MemberRow, HashSet<String>)>,
    pub(crate) settings: Arc<SiteSettings>,
    /// The bell, for a sign-in that holds.
    pub(crate) unread: Option<i64>,
}

/// A live session's state with what was found with it, or the error of a state that is not
/// JSON.
pub(crate) type SessionLoad = Result<(SessionState, SessionFound), serde_json::Error>;

/// The live session whose key has the digest `id`, in one trip to the database: its state,
/// read in one statement with its member, their working groups and the settings' version
/// (a row per group), then the settings (kept ones while the version holds) and, for a
/// sign-in that still holds, the unread count. So a signed-in request reads its session, its
/// member and its bell in two statements and one blocking hop. `None` for no live session.
pub(crate) fn session_and_member(
    conn: &mut DbConnection,
    kept: &SettingsCache,
    id: &str,
) -> AppResult<Option<SessionLoad>> {
    // The state, the member, one of their groups, the settings' version.
    type Row = (
        String,
        Option<MemberRow>,
        Option<prassi_db::GroupId>,
        Option<i64>,
    );
    let rows: Vec<Row> = sessions::table
        // Flat joins: SQLite materialises a nested (users ⋈ group_members) whole first.
        .left_join(users::table)
        .left_join(group_members::table.on(group_members::user_id.eq(users::id)))
        .filter(sessions::id.eq(id))
        .filter(sessions::expires_at.gt(prassi_db::now()))
        .select((
            sessions::state,
            Option::<MemberRow>::as_select(),
            group_members::group_id.nullable(),
            crate::settings::version_subquery(),
        ))
        .load(conn)?;
    let Some((text, _, _, version)) = rows.first() else {
        return Ok(None);
    };
    let version = *version;
    let state: SessionState = match serde_json::from_str(text) {
        Ok(state) => state,
        Err(e) => return Ok(Some(Err(e))),
    };
    fn value<T: serde::de::DeserializeOwned>(state: &SessionState, key: &str) -> Option<T> {
        state.get(key).and_then(|v| serde_json::from_str(v).ok())
    }
    let user_key: Option<String> = value(&state, session::USER_KEY);
    let auth_at: Option<i64> = value(&state, session::AUTH_AT_KEY);
    let member = user_key.as_deref().and_then(|uid| {
        signed_in_member(rows.into_iter().map(|(_, u, g, _)| (u, g)), uid, auth_at)
    });
    let settings = kept.at(conn, version)?;
    let unread = match &member {
        Some((user, groups)) => Some(unread_of(conn, user, groups, settings.phase)?),
        None => None,
    };
    let found = SessionFound {
        user_key,
        member,
        settings,
        unread,
    };
    Ok(Some(Ok((state, found))))
}

fn resolve_token(conn: &mut DbConnection, token: &str) -> AppResult<Option<MemberRow>> {
    let digest = tokens::digest(token);
    let found: Option<(String, Option<chrono::NaiveDateTime>, MemberRow)> = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(&digest))
        .filter(api_tokens::revoked_at.is_null())
        .select((
            api_tokens::id,
            api_tokens::last_used_at,
            MemberRow::as_select(),
        ))
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

#[cfg(test)]
mod summary_tests {
    use super::name_fields_in_summary;

    #[test]
    fn summary_entries_name_their_fields() {
        let html = r##"<ul><li><a href="#field-title" data-summary-for="field-title">Required</a></li>
<li><a href="#field-x" data-summary-for="field-x">Other</a></li></ul>
<label for="field-title">Titolo &amp; oggetto <span>(obbligatorio)</span></label>"##;
        let out = name_fields_in_summary(html);
        assert!(
            out.contains(r#"data-summary-for="field-title"><span class="error-summary-field">Titolo &amp; oggetto:</span> Required"#),
            "{out}"
        );
        assert!(out.contains(r#"data-summary-for="field-x">Other"#), "{out}");
    }
}
