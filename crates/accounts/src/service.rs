//! Account services: the rules of registration, sign-in, passwords, profiles, the directory,
//! approvals and site administration. Pages and the JSON API both call these functions, so the
//! two can never disagree. Every function takes a connection; writes run inside the caller's
//! write transaction (`AppState::write`).

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::error::{AppError, AppResult};
pub use prassi_core::mail::MailContext;
use prassi_core::mail::Outgoing;
use prassi_core::notify::{self, Event, EventKind, ItemKind, ItemRef};
use prassi_core::settings::SiteSettings;
use prassi_core::{audit, password, session, tokens};
use prassi_db::models::{
    ApiToken, ApiTokenInsertForm, EmailToken, Invitation, Organisation, OrganisationInsertForm,
    User, UserExpertise, UserInsertForm, UserProfileUpdateForm,
};
use prassi_db::schema::{
    api_tokens, email_tokens, invitations, login_attempts, organisations, user_expertise, users,
};
use prassi_db::{
    AccountStatus, ApiTokenId, DbConnection, EmailTokenPurpose, OrganisationId, OrganisationKind,
    Role, UserId,
};
use serde::{Deserialize, Serialize};

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// Failed sign-ins allowed per account in [`THROTTLE_WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins allowed per address in [`THROTTLE_WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// The throttling window.
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;

// ---------------------------------------------------------------------------------------------
// Validation

/// Lower-cases and checks a username: 3–32 of `a-z 0-9 . _ -`, starting with a letter or digit.
pub fn normalize_username(raw: &str) -> AppResult<String> {
    let u = raw.trim().to_lowercase();
    let ok_len = (3..=32).contains(&u.chars().count());
    let ok_chars = u
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    let ok_start = u.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if ok_len && ok_chars && ok_start {
        Ok(u)
    } else {
        Err(AppError::invalid("username", "username-invalid"))
    }
}

/// Lower-cases and checks an email address (shape only; ownership is proven by the link).
pub fn normalize_email(raw: &str) -> AppResult<String> {
    let e = raw.trim().to_lowercase();
    let valid = e.len() <= 254
        && !e.contains(char::is_whitespace)
        && !e.contains(char::is_control)
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if valid {
        Ok(e)
    } else {
        Err(AppError::invalid("email", "email-invalid"))
    }
}

use prassi_core::input::{
    optional as optional_text, query_term, required as required_text, Checks,
};

fn check_password(field: &str, pw: &str) -> AppResult<()> {
    password::check_policy(pw).map_err(|m| AppError::invalid(field, m))
}

fn hash_password(pw: &str) -> AppResult<String> {
    password::hash(pw).map_err(AppError::internal)
}

/// Splits a comma-separated list of expertise areas into (key, label) pairs.
pub fn parse_expertise(raw: &str) -> AppResult<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = Vec::new();
    for label in raw.split([',', ';', '\n']) {
        let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
        if label.is_empty() {
            continue;
        }
        if label.contains(char::is_control) {
            return Err(AppError::invalid("expertise", "field-bad-characters"));
        }
        if label.chars().count() > 60 {
            return Err(AppError::invalid("expertise", "expertise-too-long"));
        }
        let key = label.to_lowercase();
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, label));
        }
    }
    if out.len() > 20 {
        return Err(AppError::invalid("expertise", "expertise-too-many"));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Organisations

/// Finds an organisation by name (case-insensitively) or creates it.
pub fn find_or_create_organisation(
    conn: &mut DbConnection,
    name: &str,
    kind: OrganisationKind,
    region: Option<&str>,
) -> AppResult<OrganisationId> {
    let name = required_text("organisation", name, 200)?;
    let existing: Option<OrganisationId> = organisations::table
        // The same name, or the same ignoring case as the database sees it (SQLite's lower()
        // folds only ASCII): an exact match must always be found, or the insert below would
        // hit the unique name.
        .filter(
            organisations::name
                .eq(&name)
                .or(lower(organisations::name).eq(lower(name.clone()))),
        )
        .select(organisations::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = OrganisationId::new();
    let region = optional_text("region", region, 100)?;
    let region = Some(region.as_str()).filter(|r| !r.is_empty());
    diesel::insert_into(organisations::table)
        .values(OrganisationInsertForm {
            id: &id,
            name: &name,
            kind,
            region,
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    Ok(id)
}

/// All organisations by name.
pub fn list_organisations(conn: &mut DbConnection) -> AppResult<Vec<Organisation>> {
    Ok(organisations::table
        .order(organisations::name.asc())
        .select(Organisation::as_select())
        .load(conn)?)
}

// ---------------------------------------------------------------------------------------------
// Registration

/// What a registration form or API call submits.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RegistrationInput {
    pub username: String,
    pub email: String,
    pub password: String,
    pub display_name: String,
    /// The member's organisation, by name; created if new.
    pub organisation: String,
    /// One of public_administration, university_research, third_sector, company, other.
    #[serde(default)]
    pub organisation_kind: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    /// Why the applicant asks to join (shown to moderators).
    #[serde(default)]
    pub request_note: Option<String>,
    /// The token of an invitation, if any.
    #[serde(default)]
    pub invitation: Option<String>,
}

/// How a registration was received. Deliberately the same for new and already-registered
/// addresses, so registration cannot be used to discover who is a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Registered {
    /// Check your email to continue.
    CheckEmail,
}

/// Registers an account according to the phase and policy. The new account must confirm its
/// address before signing in (an invitation link confirms it already). Call outside a
/// transaction: the password is hashed first — for known and new addresses alike, so timing
/// reveals nothing — and the writes then run in one write transaction of their own. `lang` is
/// the language the person registered in: it is stored on the account, and every email to
/// them is written in it.
pub fn register(
    conn: &mut DbConnection,
    settings: &SiteSettings,
    input: &RegistrationInput,
    lang: &'static str,
    mail_ctx: &MailContext,
) -> AppResult<Registered> {
    let mut c = Checks::new();
    let username = c.check(normalize_username(&input.username));
    let email = c.check(normalize_email(&input.email));
    let display_name = c.check(required_text("display_name", &input.display_name, 100));
    c.check(check_password("password", &input.password));
    let kind = c.check_opt(
        match input.organisation_kind.as_deref().filter(|k| !k.is_empty()) {
            None => Ok(OrganisationKind::Other),
            Some(k) => OrganisationKind::parse(k)
                .ok_or_else(|| AppError::invalid("organisation_kind", "organisation-kind-invalid")),
        },
    );
    let org_name = c.check(required_text("organisation", &input.organisation, 200));
    let region = c.check(optional_text("region", input.region.as_deref(), 100));
    let note = c.check(optional_text(
        "request_note",
        input.request_note.as_deref(),
        2000,
    ));
    c.finish()?;
    let kind = kind.unwrap_or(OrganisationKind::Other);
    let hash = hash_password(&input.password)?;
    prassi_db::write_tx(conn, |conn| {
        let fields = NewAccount {
            username,
            email,
            display_name,
            kind,
            org_name,
            region,
            note,
            hash,
        };
        register_tx(conn, settings, input, fields, lang, mail_ctx)
    })
}

/// Validated registration fields.
struct NewAccount {
    username: String,
    email: String,
    display_name: String,
    kind: OrganisationKind,
    org_name: String,
    region: String,
    note: String,
    hash: String,
}

fn register_tx(
    conn: &mut DbConnection,
    settings: &SiteSettings,
    input: &RegistrationInput,
    f: NewAccount,
    lang: &'static str,
    mail_ctx: &MailContext,
) -> AppResult<Registered> {
    let NewAccount {
        username,
        email,
        display_name,
        kind,
        org_name,
        region,
        note,
        hash,
    } = f;
    let now = prassi_db::now();
    let invitation: Option<Invitation> = match input.invitation.as_deref().filter(|t| !t.is_empty())
    {
        None => None,
        Some(token) => {
            let inv: Option<Invitation> = invitations::table
                .filter(invitations::token_hash.eq(tokens::digest(token)))
                .filter(invitations::accepted_at.is_null())
                .filter(invitations::expires_at.gt(now))
                .select(Invitation::as_select())
                .first(conn)
                .optional()?;
            match inv {
                Some(i) if i.email == email => Some(i),
                _ => return Err(AppError::invalid("invitation", "invitation-invalid")),
            }
        }
    };

    let status = if invitation.is_some() || settings.domain_allowed(&email) {
        AccountStatus::Active
    } else {
        match settings.phase {
            Phase::Closed if settings.require_approval => AccountStatus::Pending,
            Phase::Closed => return Err(AppError::invalid("email", "registration-closed")),
            Phase::Extended => AccountStatus::Pending,
            Phase::Open => AccountStatus::Open,
        }
    };

    let username_taken: bool = diesel::select(diesel::dsl::exists(
        users::table.filter(users::username.eq(&username)),
    ))
    .get_result(conn)?;
    if username_taken {
        return Err(AppError::invalid("username", "username-taken"));
    }
    let existing: Option<User> = users::table
        .filter(users::email.eq(&email))
        .select(User::as_select())
        .first(conn)
        .optional()?;
    if let Some(user) = existing {
        // Tell the owner of the address, and nobody else, that it is already registered (in
        // the owner's language, not the one of whoever tried).
        Outgoing::to_member(conn, &user.id)?.send(
            conn,
            mail_ctx,
            "accounts/already_registered",
            &serde_json::json!({}),
        )?;
        return Ok(Registered::CheckEmail);
    }

    let organisation_id = find_or_create_organisation(conn, &org_name, kind, Some(&region))?;
    let id = UserId::new();
    let role = invitation.as_ref().map(|i| i.role).unwrap_or(Role::Member);
    diesel::insert_into(users::table)
        .values(UserInsertForm {
            id: &id,
            username: &username,
            email: &email,
            password_hash: &hash,
            display_name: &display_name,
            role,
            status,
            email_verified_at: invitation.as_ref().map(|_| now),
            organisation_id: Some(&organisation_id),
            job_title: "",
            bio_md: "",
            directory_consent: false,
            consent_at: None,
            request_note: &note,
            locale: Some(lang),
            created_at: now,
            updated_at: now,
            password_changed_at: now,
        })
        .execute(conn)?;
    match invitation {
        Some(inv) => {
            diesel::update(invitations::table.find(&inv.id))
                .set(invitations::accepted_at.eq(Some(now)))
                .execute(conn)?;
            audit::record(conn, Some(&id), "invitation.accepted", &username, &inv.id)?;
            notify::record(
                conn,
                &Event {
                    kind: EventKind::InvitationAccepted,
                    item: ItemRef::new(ItemKind::Member, &id),
                    actor: Some(id.clone()),
                    audience: prassi_core::Audience::Members,
                },
            )?;
            Outgoing::to_member(conn, &id)?.send(
                conn,
                mail_ctx,
                "accounts/welcome",
                &serde_json::json!({}),
            )?;
        }
        None => {
            let token =
                issue_email_token(conn, &id, EmailTokenPurpose::Verify, Duration::hours(48))?;
            Outgoing::to_member(conn, &id)?.send(
                conn,
                mail_ctx,
                "accounts/verify",
                &serde_json::json!({ "token": token }),
            )?;
        }
    }
    Ok(Registered::CheckEmail)
}

fn issue_email_token(
    conn: &mut DbConnection,
    user: &UserId,
    purpose: EmailTokenPurpose,
    ttl: Duration,
) -> AppResult<String> {
    let token = tokens::random_token(32);
    let now = prassi_db::now();
    diesel::insert_into(email_tokens::table)
        .values(EmailToken {
            id: prassi_db::fresh_id(),
            user_id: user.clone(),
            purpose,
            token_hash: tokens::digest(&token),
            created_at: now,
            expires_at: now + ttl,
            used_at: None,
        })
        .execute(conn)?;
    Ok(token)
}

/// Consumes an emailed token of `purpose`; a used, expired or unknown token is `NotFound`.
fn consume_email_token(
    conn: &mut DbConnection,
    token: &str,
    purpose: EmailTokenPurpose,
) -> AppResult<UserId> {
    let now = prassi_db::now();
    let row: EmailToken = email_tokens::table
        .filter(email_tokens::token_hash.eq(tokens::digest(token)))
        .filter(email_tokens::purpose.eq(purpose))
        .select(EmailToken::as_select())
        .first(conn)
        .optional()?
        .filter(|t| t.used_at.is_none() && t.expires_at > now)
        .ok_or_else(|| AppError::not_found().with_message("token-invalid"))?;
    // Conditional update: a token is consumed once even under concurrent clicks.
    let n = diesel::update(
        email_tokens::table
            .find(&row.id)
            .filter(email_tokens::used_at.is_null()),
    )
    .set(email_tokens::used_at.eq(Some(now)))
    .execute(conn)?;
    if n != 1 {
        return Err(AppError::not_found().with_message("token-invalid"));
    }
    Ok(row.user_id)
}

/// Confirms an address from the emailed link. Returns the account's status afterwards.
pub fn verify_email(conn: &mut DbConnection, token: &str) -> AppResult<AccountStatus> {
    let user_id = consume_email_token(conn, token, EmailTokenPurpose::Verify)?;
    diesel::update(users::table.find(&user_id))
        .set(users::email_verified_at.eq(Some(prassi_db::now())))
        .execute(conn)?;
    Ok(users::table
        .find(&user_id)
        .select(users::status)
        .first(conn)?)
}

// ---------------------------------------------------------------------------------------------
// Sign-in

/// Outcome of checking credentials.
#[derive(Debug)]
pub enum LoginOutcome {
    Success(Box<User>),
    /// Wrong login or password: the same answer whether or not the account exists.
    Invalid,
    /// Correct password, but the address is not confirmed yet (a fresh link was sent).
    Unverified,
    /// Correct password, but the account is suspended.
    Suspended,
}

/// Checks credentials with throttling per account and per address. Throttled attempts fail
/// with `TooMany` before the password is even looked at, for known and unknown accounts alike.
/// Call it outside a transaction: the slow password check must not hold SQLite's write lock,
/// and each write here is a single atomic statement.
pub fn login(
    conn: &mut DbConnection,
    login: &str,
    pw: &str,
    ip: &str,
    mail_ctx: &MailContext,
) -> AppResult<LoginOutcome> {
    let account_key = login.trim().to_lowercase();
    if account_key.contains(char::is_control) || account_key.chars().count() > 254 {
        return Err(AppError::invalid("login", "login-invalid"));
    }
    if account_key.is_empty() || pw.is_empty() {
        let mut c = Checks::new();
        if account_key.is_empty() {
            c.fail("login", "login-required");
        }
        if pw.is_empty() {
            c.fail("password", "field-required");
        }
        c.finish()?;
    }
    let user: Option<User> = users::table
        .filter(
            users::username
                .eq(&account_key)
                .or(users::email.eq(&account_key)),
        )
        .select(User::as_select())
        .first(conn)
        .optional()?;
    // Count attempts per account, whether it was named by username or by email.
    let account_key = user
        .as_ref()
        .map_or(account_key, |u| format!("user:{}", u.id));
    let now = prassi_db::now();
    let since = now - Duration::minutes(THROTTLE_WINDOW_MINUTES);
    let last_success: Option<NaiveDateTime> = login_attempts::table
        .filter(login_attempts::account_key.eq(&account_key))
        .filter(login_attempts::succeeded.eq(true))
        .select(diesel::dsl::max(login_attempts::attempted_at))
        .first(conn)?;
    let account_since = last_success.map_or(since, |s| s.max(since));
    let account_failures: i64 = login_attempts::table
        .filter(login_attempts::account_key.eq(&account_key))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(account_since))
        .count()
        .get_result(conn)?;
    let address_failures: i64 = login_attempts::table
        .filter(login_attempts::ip.eq(ip))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(since))
        .count()
        .get_result(conn)?;
    if account_failures >= MAX_FAILURES_PER_ACCOUNT || address_failures >= MAX_FAILURES_PER_ADDRESS
    {
        return Err(AppError::too_many().with_message("login-throttled"));
    }
    let ok = match &user {
        Some(u) => password::verify(pw, &u.password_hash),
        None => {
            // Same work as for a real account, so timing reveals nothing.
            let _ = password::verify(pw, password::dummy_hash());
            false
        }
    };
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::id.eq(prassi_db::fresh_id()),
            login_attempts::account_key.eq(&account_key),
            login_attempts::ip.eq(ip),
            login_attempts::succeeded.eq(ok),
            login_attempts::attempted_at.eq(now),
        ))
        .execute(conn)?;
    let Some(user) = user.filter(|_| ok) else {
        return Ok(LoginOutcome::Invalid);
    };
    if user.status == AccountStatus::Suspended {
        return Ok(LoginOutcome::Suspended);
    }
    if user.email_verified_at.is_none() {
        prassi_db::write_tx(conn, |conn| -> AppResult<()> {
            let token = issue_email_token(
                conn,
                &user.id,
                EmailTokenPurpose::Verify,
                Duration::hours(48),
            )?;
            Outgoing::to_member(conn, &user.id)?.send(
                conn,
                mail_ctx,
                "accounts/verify",
                &serde_json::json!({ "token": token }),
            )?;
            Ok(())
        })?;
        return Ok(LoginOutcome::Unverified);
    }
    Ok(LoginOutcome::Success(Box::new(user)))
}

/// Deletes sign-in attempts older than a day (housekeeping).
pub fn purge_old_attempts(conn: &mut DbConnection) -> AppResult<usize> {
    let cutoff = prassi_db::now() - Duration::days(1);
    Ok(
        diesel::delete(login_attempts::table.filter(login_attempts::attempted_at.lt(cutoff)))
            .execute(conn)?,
    )
}

// ---------------------------------------------------------------------------------------------
// Passwords

/// Changes the password after checking the current one, and ends every session of the
/// account (the caller renews its own). Returns the new `password_changed_at`. Call outside a
/// transaction: hashing happens before the write transaction opens.
pub fn change_password(
    conn: &mut DbConnection,
    user_id: &UserId,
    current: &str,
    new: &str,
) -> AppResult<NaiveDateTime> {
    let stored: String = users::table
        .find(user_id)
        .select(users::password_hash)
        .first(conn)?;
    let mut c = Checks::new();
    if !password::verify(current, &stored) {
        c.fail("current_password", "password-wrong");
    }
    c.check(check_password("new_password", new));
    c.finish()?;
    let hash = hash_password(new)?;
    prassi_db::write_tx(conn, |conn| store_password(conn, user_id, &hash))
}

fn store_password(
    conn: &mut DbConnection,
    user_id: &UserId,
    hash: &str,
) -> AppResult<NaiveDateTime> {
    let now = prassi_db::now();
    diesel::update(users::table.find(user_id))
        .set((
            users::password_hash.eq(hash),
            users::password_changed_at.eq(now),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    session::end_all_sessions(conn, user_id)?;
    Ok(now)
}

/// Starts a password reset. Always succeeds the same way: an email goes out only if the
/// address belongs to an account.
pub fn request_password_reset(
    conn: &mut DbConnection,
    email: &str,
    mail_ctx: &MailContext,
) -> AppResult<()> {
    let Ok(email) = normalize_email(email) else {
        return Err(AppError::invalid("email", "email-invalid"));
    };
    let user: Option<(UserId, AccountStatus)> = users::table
        .filter(users::email.eq(&email))
        .select((users::id, users::status))
        .first(conn)
        .optional()?;
    if let Some((id, status)) = user {
        // At most three links per quarter of an hour: the form cannot flood an inbox.
        let recent: i64 = email_tokens::table
            .filter(email_tokens::user_id.eq(&id))
            .filter(email_tokens::purpose.eq(EmailTokenPurpose::Reset))
            .filter(email_tokens::created_at.gt(prassi_db::now() - Duration::minutes(15)))
            .count()
            .get_result(conn)?;
        if status != AccountStatus::Suspended && recent < 3 {
            let token = issue_email_token(conn, &id, EmailTokenPurpose::Reset, Duration::hours(1))?;
            Outgoing::to_member(conn, &id)?.send(
                conn,
                mail_ctx,
                "accounts/reset",
                &serde_json::json!({ "token": token }),
            )?;
        }
    }
    Ok(())
}

/// Whether a reset token is currently usable (to show the form or an error).
pub fn reset_token_valid(conn: &mut DbConnection, token: &str) -> AppResult<bool> {
    let now = prassi_db::now();
    Ok(diesel::select(diesel::dsl::exists(
        email_tokens::table
            .filter(email_tokens::token_hash.eq(tokens::digest(token)))
            .filter(email_tokens::purpose.eq(EmailTokenPurpose::Reset))
            .filter(email_tokens::used_at.is_null())
            .filter(email_tokens::expires_at.gt(now)),
    ))
    .get_result(conn)?)
}

/// Completes a reset: sets the password, confirms the address (the link proved it), ends all
/// sessions and revokes all API tokens — a reset is account recovery. Call outside a
/// transaction: hashing happens before the write transaction opens.
pub fn reset_password(conn: &mut DbConnection, token: &str, new: &str) -> AppResult<UserId> {
    check_password("password", new)?;
    let hash = hash_password(new)?;
    prassi_db::write_tx(conn, |conn| reset_password_tx(conn, token, &hash))
}

fn reset_password_tx(conn: &mut DbConnection, token: &str, hash: &str) -> AppResult<UserId> {
    let user_id = consume_email_token(conn, token, EmailTokenPurpose::Reset)?;
    store_password(conn, &user_id, hash)?;
    let now = prassi_db::now();
    diesel::update(
        users::table
            .find(&user_id)
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(Some(now)))
    .execute(conn)?;
    diesel::update(
        api_tokens::table
            .filter(api_tokens::user_id.eq(&user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(now)))
    .execute(conn)?;
    Ok(user_id)
}

// ---------------------------------------------------------------------------------------------
// API tokens

/// Creates a bearer token; the secret is returned once and only its digest is kept.
pub fn create_token(
    conn: &mut DbConnection,
    user_id: &UserId,
    name: &str,
) -> AppResult<(ApiTokenId, String)> {
    let name = match name.trim() {
        "" => "API".to_owned(),
        n => required_text("name", n, 100)?,
    };
    let secret = format!("prs_{}", tokens::random_token(32));
    let id = ApiTokenId::new();
    diesel::insert_into(api_tokens::table)
        .values(ApiTokenInsertForm {
            id: &id,
            user_id,
            name: &name,
            token_hash: &tokens::digest(&secret),
            created_at: prassi_db::now(),
        })
        .execute(conn)?;
    Ok((id, secret))
}

/// The account's tokens, newest first, revoked ones included (for the security page).
pub fn list_tokens(conn: &mut DbConnection, user_id: &UserId) -> AppResult<Vec<ApiToken>> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::created_at.desc())
        .limit(100)
        .select(ApiToken::as_select())
        .load(conn)?)
}

/// Revokes one of the account's tokens; someone else's token answers `NotFound`.
pub fn revoke_token(
    conn: &mut DbConnection,
    user_id: &UserId,
    token_id: &ApiTokenId,
) -> AppResult<()> {
    let n = diesel::update(
        api_tokens::table
            .find(token_id)
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .set(api_tokens::revoked_at.eq(Some(prassi_db::now())))
    .execute(conn)?;
    if n == 1 {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

/// Revokes the token presented with this request (API logout).
pub fn revoke_token_secret(conn: &mut DbConnection, secret: &str) -> AppResult<()> {
    diesel::update(api_tokens::table.filter(api_tokens::token_hash.eq(tokens::digest(secret))))
        .set(api_tokens::revoked_at.eq(Some(prassi_db::now())))
        .execute(conn)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Profiles and the directory

/// A member as shown on profiles, in the directory and in the API.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberView {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub status: String,
    pub organisation: Option<OrganisationView>,
    pub job_title: String,
    pub expertise: Vec<String>,
    pub bio_html: String,
    pub bio_md: String,
    pub directory_consent: bool,
    pub created_at: NaiveDateTime,
}

/// An organisation as shown to people.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrganisationView {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub region: Option<String>,
}

impl From<Organisation> for OrganisationView {
    fn from(o: Organisation) -> Self {
        OrganisationView {
            id: o.id.0,
            name: o.name,
            kind: o.kind.as_str().into(),
            region: o.region,
        }
    }
}

/// Builds views for `rows` with two further queries in all (organisations are joined already;
/// expertise comes in one `IN` query), whatever the number of rows.
fn member_views(
    conn: &mut DbConnection,
    rows: Vec<(User, Option<Organisation>)>,
) -> AppResult<Vec<MemberView>> {
    let ids: Vec<UserId> = rows.iter().map(|(u, _)| u.id.clone()).collect();
    let mut areas: HashMap<UserId, Vec<String>> = HashMap::new();
    if !ids.is_empty() {
        let all: Vec<UserExpertise> = user_expertise::table
            .filter(user_expertise::user_id.eq_any(&ids))
            .order(user_expertise::label.asc())
            .select(UserExpertise::as_select())
            .load(conn)?;
        for e in all {
            areas.entry(e.user_id).or_default().push(e.label);
        }
    }
    Ok(rows
        .into_iter()
        .map(|(u, org)| MemberView {
            expertise: areas.remove(&u.id).unwrap_or_default(),
            id: u.id.0,
            username: u.username,
            display_name: u.display_name,
            role: u.role.as_str().into(),
            status: u.status.as_str().into(),
            organisation: org.map(Into::into),
            job_title: u.job_title,
            bio_html: prassi_core::markdown::render(&u.bio_md),
            bio_md: u.bio_md,
            directory_consent: u.directory_consent,
            created_at: u.created_at,
        })
        .collect())
}

/// One member by username, as `viewer` may see them: members who consented to the directory
/// are visible to whoever may read public content; others only to themselves and moderators.
pub fn member_profile(
    conn: &mut DbConnection,
    username: &str,
    viewer: &prassi_core::Viewer,
    phase: Phase,
) -> AppResult<MemberView> {
    let Ok(username) = normalize_username(username) else {
        return Err(AppError::not_found());
    };
    let row: Option<(User, Option<Organisation>)> = users::table
        .left_join(organisations::table)
        .filter(users::username.eq(username))
        .select((User::as_select(), Option::<Organisation>::as_select()))
        .first(conn)
        .optional()?;
    let (user, org) = row.ok_or_else(AppError::not_found)?;
    let is_self = viewer.user_id() == Some(&user.id);
    let listed = user.directory_consent
        && matches!(user.status, AccountStatus::Active | AccountStatus::Open)
        && prassi_core::access::can_see_directory(viewer, phase);
    if !(is_self || listed || viewer.is_moderator()) {
        return Err(AppError::not_found());
    }
    member_views(conn, vec![(user, org)])?
        .pop()
        .ok_or_else(AppError::not_found)
}

/// A profile with every module's activity lines, as `viewer` may see them.
pub fn member_profile_with_activity(
    conn: &mut DbConnection,
    state: &prassi_core::AppState,
    username: &str,
    viewer: &prassi_core::Viewer,
    phase: Phase,
    lang: &str,
) -> AppResult<(MemberView, Vec<prassi_core::state::ActivityItem>)> {
    let member = member_profile(conn, username, viewer, phase)?;
    let id = UserId::parse(&member.id).ok_or_else(AppError::not_found)?;
    let activity = state.profile_activity(conn, &id, viewer, phase, lang)?;
    Ok((member, activity))
}

/// Directory filters.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
pub struct DirectoryQuery {
    /// Words in the name, job title or username.
    pub q: Option<String>,
    /// An area of expertise (case-insensitive).
    pub expertise: Option<String>,
    /// An organisation id.
    pub organisation: Option<String>,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
}

/// One page of the directory: consenting members in good standing.
pub fn directory(
    conn: &mut DbConnection,
    query: &DirectoryQuery,
) -> AppResult<(Vec<MemberView>, prassi_core::pagination::PageInfo)> {
    let page = prassi_core::pagination::PageQuery {
        page: query.page,
        per_page: query.per_page,
    }
    .resolve();
    let filtered = || {
        let mut q = users::table
            .left_join(organisations::table)
            .filter(users::directory_consent.eq(true))
            .filter(users::status.eq_any([AccountStatus::Active, AccountStatus::Open]))
            .into_boxed();
        if let Some(text) = query_term(query.q.as_deref(), 100) {
            let pattern = format!("%{}%", escape_like(&text.to_lowercase()));
            q = q.filter(
                lower(users::display_name)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(users::job_title).like(pattern.clone()).escape('\\'))
                    .or(users::username.like(pattern).escape('\\')),
            );
        }
        if let Some(area) = query_term(query.expertise.as_deref(), 60) {
            q = q.filter(
                users::id.eq_any(
                    user_expertise::table
                        .filter(user_expertise::area_key.eq(area.to_lowercase()))
                        .select(user_expertise::user_id),
                ),
            );
        }
        if let Some(org) = query.organisation.as_deref().filter(|t| !t.is_empty()) {
            // A malformed id matches nothing rather than reaching the database.
            let id = OrganisationId::parse(org).map(|o| o.0).unwrap_or_default();
            q = q.filter(users::organisation_id.eq(id));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<(User, Option<Organisation>)> = filtered()
        .order((users::display_name.asc(), users::id.asc()))
        .limit(page.per_page)
        .offset(page.offset())
        .select((User::as_select(), Option::<Organisation>::as_select()))
        .load(conn)?;
    Ok((member_views(conn, rows)?, page.info(total)))
}

/// Expertise areas declared by consenting members, with counts, for the directory filter.
pub fn directory_areas(conn: &mut DbConnection) -> AppResult<Vec<(String, i64)>> {
    let rows: Vec<(String, i64)> = user_expertise::table
        .inner_join(users::table)
        .filter(users::directory_consent.eq(true))
        .filter(users::status.eq_any([AccountStatus::Active, AccountStatus::Open]))
        .group_by(user_expertise::area_key)
        .select((user_expertise::area_key, diesel::dsl::count_star()))
        .order(user_expertise::area_key.asc())
        .limit(200)
        .load(conn)?;
    Ok(rows)
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// What the profile form submits.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProfileInput {
    pub display_name: String,
    pub organisation: String,
    #[serde(default)]
    pub organisation_kind: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub job_title: Option<String>,
    /// Comma-separated areas of expertise.
    #[serde(default)]
    pub expertise: Option<String>,
    #[serde(default)]
    pub bio_md: Option<String>,
    /// Explicit consent to appear in the member directory ("on" from a checkbox).
    #[serde(default, deserialize_with = "checkbox")]
    pub directory_consent: bool,
}

fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<B>::deserialize(d)? {
        None => false,
        Some(B::Bool(b)) => b,
        Some(B::Text(t)) => matches!(t.as_str(), "on" | "true" | "1" | "yes"),
    })
}

/// Saves the profile. Consent keeps its original time while it stays given.
pub fn update_profile(
    conn: &mut DbConnection,
    user_id: &UserId,
    input: &ProfileInput,
) -> AppResult<()> {
    let mut c = Checks::new();
    let display_name = c.check(required_text("display_name", &input.display_name, 100));
    c.check(required_text("organisation", &input.organisation, 200));
    let job_title = c.check(optional_text("job_title", input.job_title.as_deref(), 150));
    let bio = c.check(prassi_core::markdown::optional_body_text(
        "bio_md",
        input.bio_md.as_deref().unwrap_or(""),
        5000,
    ));
    let areas = c.check(parse_expertise(input.expertise.as_deref().unwrap_or("")));
    let kind = c.check_opt(
        match input.organisation_kind.as_deref().filter(|k| !k.is_empty()) {
            None => Ok(OrganisationKind::Other),
            Some(k) => OrganisationKind::parse(k)
                .ok_or_else(|| AppError::invalid("organisation_kind", "organisation-kind-invalid")),
        },
    );
    c.check(optional_text("region", input.region.as_deref(), 100));
    c.finish()?;
    let kind = kind.unwrap_or(OrganisationKind::Other);
    let org =
        find_or_create_organisation(conn, &input.organisation, kind, input.region.as_deref())?;
    let previous: Option<NaiveDateTime> = users::table
        .find(user_id)
        .select(users::consent_at)
        .first(conn)?;
    let now = prassi_db::now();
    let consent_at = if input.directory_consent {
        Some(previous.unwrap_or(now))
    } else {
        None
    };
    diesel::update(users::table.find(user_id))
        .set(UserProfileUpdateForm {
            display_name: &display_name,
            organisation_id: Some(&org),
            job_title: &job_title,
            bio_md: &bio,
            directory_consent: input.directory_consent,
            consent_at,
            updated_at: now,
        })
        .execute(conn)?;
    diesel::delete(user_expertise::table.filter(user_expertise::user_id.eq(user_id)))
        .execute(conn)?;
    // One statement per area (at most 20): diesel's multi-backend connection has no batch
    // insert, and this runs inside one transaction anyway.
    for (area_key, label) in areas {
        diesel::insert_into(user_expertise::table)
            .values(UserExpertise {
                user_id: user_id.clone(),
                area_key,
                label,
            })
            .execute(conn)?;
    }
    crate::search::MEMBERS.touch(conn, user_id.as_str())?;
    Ok(())
}

/// The account's own full record (for the profile form and `/api/v1/me`).
pub fn own_account(conn: &mut DbConnection, user_id: &UserId) -> AppResult<(User, MemberView)> {
    let row: (User, Option<Organisation>) = users::table
        .left_join(organisations::table)
        .filter(users::id.eq(user_id))
        .select((User::as_select(), Option::<Organisation>::as_select()))
        .first(conn)?;
    let user = row.0.clone();
    let view = member_views(conn, vec![row])?
        .pop()
        .ok_or_else(AppError::not_found)?;
    Ok((user, view))
}

// ---------------------------------------------------------------------------------------------
// Moderation and administration

/// Membership requests awaiting a decision (confirmed addresses only), oldest first.
pub fn pending_requests(conn: &mut DbConnection) -> AppResult<Vec<(User, Option<Organisation>)>> {
    Ok(users::table
        .left_join(organisations::table)
        .filter(users::status.eq(AccountStatus::Pending))
        .filter(users::email_verified_at.is_not_null())
        .order(users::created_at.asc())
        .limit(200)
        .select((User::as_select(), Option::<Organisation>::as_select()))
        .load(conn)?)
}

/// Approves a pending request (or promotes an open-phase participant) to member.
pub fn approve(
    conn: &mut DbConnection,
    actor: &UserId,
    target: &UserId,
    mail_ctx: &MailContext,
) -> AppResult<()> {
    let username: String = users::table
        .find(target)
        .filter(users::status.eq_any([AccountStatus::Pending, AccountStatus::Open]))
        .select(users::username)
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    diesel::update(users::table.find(target))
        .set((
            users::status.eq(AccountStatus::Active),
            users::updated_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    audit::record(conn, Some(actor), "member.approved", &username, "")?;
    notify::record(
        conn,
        &Event {
            kind: EventKind::AccountApproved,
            item: ItemRef::new(ItemKind::Member, target),
            actor: Some(actor.clone()),
            audience: prassi_core::Audience::Members,
        },
    )?;
    // The applicant reads the email in the language they registered in.
    Outgoing::to_member(conn, target)?.send(
        conn,
        mail_ctx,
        "accounts/approved",
        &serde_json::json!({}),
    )?;
    crate::search::MEMBERS.touch(conn, target.as_str())?;
    Ok(())
}

/// Declines a pending request: the account is suspended (kept, so the address cannot simply
/// ask again unnoticed), and the decision is logged.
pub fn decline(conn: &mut DbConnection, actor: &UserId, target: &UserId) -> AppResult<()> {
    let username: String = users::table
        .find(target)
        .filter(users::status.eq(AccountStatus::Pending))
        .select(users::username)
        .first(conn)
        .optional()?
        .ok_or_else(AppError::not_found)?;
    set_status(conn, target, AccountStatus::Suspended)?;
    audit::record(conn, Some(actor), "member.declined", &username, "")?;
    Ok(())
}

fn set_status(conn: &mut DbConnection, target: &UserId, status: AccountStatus) -> AppResult<()> {
    diesel::update(users::table.find(target))
        .set((
            users::status.eq(status),
            users::updated_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    if status == AccountStatus::Suspended {
        session::end_all_sessions(conn, target)?;
    }
    Ok(())
}

/// Changes the phase and logs it.
pub fn set_phase(conn: &mut DbConnection, actor: Option<&UserId>, phase: Phase) -> AppResult<()> {
    let before = SiteSettings::load(conn)?.phase;
    prassi_core::settings::set(
        conn,
        prassi_core::settings::PHASE,
        &phase.number().to_string(),
    )?;
    audit::record(
        conn,
        actor,
        "site.phase",
        &phase.number().to_string(),
        &format!("{} -> {}", before.number(), phase.number()),
    )?;
    Ok(())
}

/// Changes the closed-phase registration policy and logs it.
pub fn set_registration_policy(
    conn: &mut DbConnection,
    actor: &UserId,
    allowed_domains: &str,
    require_approval: bool,
) -> AppResult<()> {
    let domains = prassi_core::settings::parse_domains(allowed_domains).join(",");
    prassi_core::settings::set(conn, prassi_core::settings::ALLOWED_DOMAINS, &domains)?;
    prassi_core::settings::set(
        conn,
        prassi_core::settings::REQUIRE_APPROVAL,
        if require_approval { "true" } else { "false" },
    )?;
    audit::record(
        conn,
        Some(actor),
        "site.registration",
        &domains,
        &format!("require_approval={require_approval}"),
    )?;
    Ok(())
}

/// Changes a member's role (administrators only; nobody changes their own).
pub fn set_role(
    conn: &mut DbConnection,
    actor: &UserId,
    target: &UserId,
    role: Role,
) -> AppResult<()> {
    if actor == target {
        return Err(AppError::forbidden().with_message("cannot-change-self"));
    }
    let username: String = users::table
        .find(target)
        .select(users::username)
        .first(conn)?;
    diesel::update(users::table.find(target))
        .set((users::role.eq(role), users::updated_at.eq(prassi_db::now())))
        .execute(conn)?;
    audit::record(conn, Some(actor), "member.role", &username, role.as_str())?;
    notify::record(
        conn,
        &Event {
            kind: EventKind::AccountRoleChanged,
            item: ItemRef::new(ItemKind::Member, target),
            actor: Some(actor.clone()),
            audience: prassi_core::Audience::Members,
        },
    )?;
    Ok(())
}

/// Suspends or reactivates a member (administrators only; nobody suspends themselves).
pub fn set_suspended(
    conn: &mut DbConnection,
    actor: &UserId,
    target: &UserId,
    suspended: bool,
) -> AppResult<()> {
    if actor == target {
        return Err(AppError::forbidden().with_message("cannot-change-self"));
    }
    let username: String = users::table
        .find(target)
        .select(users::username)
        .first(conn)?;
    let status = if suspended {
        AccountStatus::Suspended
    } else {
        AccountStatus::Active
    };
    set_status(conn, target, status)?;
    audit::record(
        conn,
        Some(actor),
        if suspended {
            "member.suspended"
        } else {
            "member.reactivated"
        },
        &username,
        "",
    )?;
    crate::search::MEMBERS.touch(conn, target.as_str())?;
    Ok(())
}

/// Invites an address to join; the link registers an approved, confirmed member.
pub fn invite(
    conn: &mut DbConnection,
    actor: &UserId,
    email: &str,
    role: Role,
    lang: &str,
    mail_ctx: &MailContext,
) -> AppResult<()> {
    let email = normalize_email(email)?;
    let token = tokens::random_token(32);
    let now = prassi_db::now();
    diesel::insert_into(invitations::table)
        .values(Invitation {
            id: prassi_db::fresh_id(),
            email: email.clone(),
            role,
            organisation_id: None,
            invited_by: Some(actor.clone()),
            token_hash: tokens::digest(&token),
            created_at: now,
            expires_at: now + Duration::days(14),
            accepted_at: None,
        })
        .execute(conn)?;
    audit::record(conn, Some(actor), "invitation.sent", &email, role.as_str())?;
    // The invitee has no account yet, so no language of their own: the inviter's, unless the
    // address does belong to a member.
    Outgoing::to_address(conn, &email, lang)?.send(
        conn,
        mail_ctx,
        "accounts/invite",
        &serde_json::json!({ "token": token }),
    )?;
    Ok(())
}

/// A page of accounts for the administrators, optionally by status.
pub fn admin_users(
    conn: &mut DbConnection,
    status: Option<AccountStatus>,
    page: prassi_core::pagination::PageRequest,
) -> AppResult<(Vec<User>, prassi_core::pagination::PageInfo)> {
    let filtered = || {
        let mut q = users::table.into_boxed();
        if let Some(s) = status {
            q = q.filter(users::status.eq(s));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order(users::created_at.desc())
        .limit(page.per_page)
        .offset(page.offset())
        .select(User::as_select())
        .load(conn)?;
    Ok((rows, page.info(total)))
}

/// Creates an approved, confirmed account directly (command line, demo data).
pub fn create_user_direct(
    conn: &mut DbConnection,
    username: &str,
    email: &str,
    display_name: &str,
    pw: &str,
    role: Role,
    organisation: Option<&OrganisationId>,
) -> AppResult<UserId> {
    let username = normalize_username(username)?;
    let email = normalize_email(email)?;
    check_password("password", pw)?;
    let display_name = required_text("display_name", display_name, 100)?;
    let hash = hash_password(pw)?;
    insert_confirmed_user(
        conn,
        &username,
        &email,
        &display_name,
        &hash,
        role,
        organisation,
    )
}

/// Inserts an approved, confirmed account whose fields are already checked and whose password
/// is already hashed: the common end of [`create_user_direct`], and what the generated dataset
/// uses to give a thousand members one hash (argon2 per member would take minutes).
pub fn insert_confirmed_user(
    conn: &mut DbConnection,
    username: &str,
    email: &str,
    display_name: &str,
    hash: &str,
    role: Role,
    organisation: Option<&OrganisationId>,
) -> AppResult<UserId> {
    let id = UserId::new();
    let now = prassi_db::now();
    diesel::insert_into(users::table)
        .values(UserInsertForm {
            id: &id,
            username,
            email,
            password_hash: hash,
            display_name,
            role,
            status: AccountStatus::Active,
            email_verified_at: Some(now),
            organisation_id: organisation,
            job_title: "",
            bio_md: "",
            directory_consent: false,
            consent_at: None,
            request_note: "",
            locale: None,
            created_at: now,
            updated_at: now,
            password_changed_at: now,
        })
        .execute(conn)
        .map_err(|e| match e {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            ) => AppError::conflict("account-exists"),
            other => other.into(),
        })?;
    Ok(id)
}

/// Counts members in good standing (for the home page).
pub fn member_count(conn: &mut DbConnection) -> AppResult<i64> {
    Ok(users::table
        .filter(users::status.eq(AccountStatus::Active))
        .count()
        .get_result(conn)?)
}

// ---------------------------------------------------------------------------------------------
// Legal pages: the settings administrators fill in at /admin

use chrono::NaiveDate;
use prassi_core::settings::{Assessment, Compliance, LegalSettings};
use prassi_db::models::{A11yReport, A11yReportId, A11yReportStatus};
use prassi_db::schema::a11y_reports;

/// The legal settings as the admin form sends them: every field is text.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct LegalInput {
    pub org_name: String,
    pub org_address: String,
    pub org_pec: String,
    pub contact_email: String,
    pub dpo_contact: String,
    pub hosting_provider: String,
    pub legal_basis: String,
    pub a11y_status: String,
    pub a11y_method: String,
    pub a11y_drafted_on: String,
    pub a11y_reviewed_on: String,
    pub site_published_on: String,
    pub a11y_statement_url: String,
}

impl LegalInput {
    /// The form filled with the current settings.
    pub fn of(l: &LegalSettings) -> Self {
        // Dates are shown as people type them (text fields; see `optional_past_date`).
        let d = |d: Option<NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string());
        LegalInput {
            org_name: l.org_name.clone(),
            org_address: l.org_address.clone(),
            org_pec: l.org_pec.clone(),
            contact_email: l.contact_email.clone(),
            dpo_contact: l.dpo_contact.clone(),
            hosting_provider: l.hosting_provider.clone(),
            legal_basis: l.legal_basis.clone(),
            a11y_status: l.a11y_status.as_str().to_owned(),
            a11y_method: l.a11y_method.as_str().to_owned(),
            a11y_drafted_on: d(l.a11y_drafted_on).unwrap_or_default(),
            a11y_reviewed_on: d(l.a11y_reviewed_on).unwrap_or_default(),
            site_published_on: d(l.site_published_on).unwrap_or_default(),
            a11y_statement_url: l.a11y_statement_url.clone(),
        }
    }
}

/// An optional email address: empty, or a valid address (lower-cased).
fn optional_email(field: &str, raw: &str) -> AppResult<String> {
    let v = raw.trim();
    if v.is_empty() {
        Ok(String::new())
    } else {
        normalize_email(v).map_err(|_| AppError::invalid(field, "email-invalid"))
    }
}

/// An optional date, `DD/MM/YYYY` (as the form shows it: a text field, which every browser
/// and assistive technology handles alike) or `YYYY-MM-DD`, not after `today`.
fn optional_past_date(field: &str, raw: &str, today: NaiveDate) -> AppResult<Option<NaiveDate>> {
    let v = raw.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let d = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .map_err(|_| AppError::invalid(field, "date-invalid"))?;
    if d > today {
        Err(AppError::invalid(field, "date-in-future"))
    } else {
        Ok(Some(d))
    }
}

/// An optional `http(s)` address of at most `max` characters.
fn optional_web_url(field: &str, raw: &str, max: usize) -> AppResult<String> {
    let v = prassi_core::input::optional(field, Some(raw), max)?;
    if v.is_empty() {
        return Ok(v);
    }
    match url::Url::parse(&v) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => Ok(v),
        _ => Err(AppError::invalid(field, "url-invalid")),
    }
}

/// Checks the whole form, reporting every field at fault; `today` bounds the dates.
pub fn check_legal(input: &LegalInput, today: NaiveDate) -> AppResult<LegalSettings> {
    let mut c = Checks::new();
    let org_name = c.check(prassi_core::input::optional(
        "org_name",
        Some(&input.org_name),
        200,
    ));
    let org_address = c.check(prassi_core::input::optional(
        "org_address",
        Some(&input.org_address),
        300,
    ));
    let org_pec = c.check(optional_email("org_pec", &input.org_pec));
    let contact_email = c.check(optional_email("contact_email", &input.contact_email));
    let dpo_contact = c.check(optional_email("dpo_contact", &input.dpo_contact));
    let hosting_provider = c.check(prassi_core::input::optional(
        "hosting_provider",
        Some(&input.hosting_provider),
        200,
    ));
    let legal_basis = c.check(prassi_core::input::optional(
        "legal_basis",
        Some(&input.legal_basis),
        500,
    ));
    let a11y_status = Compliance::parse(input.a11y_status.trim());
    if a11y_status.is_none() {
        c.fail("a11y_status", "choice-invalid");
    }
    let a11y_method = Assessment::parse(input.a11y_method.trim());
    if a11y_method.is_none() {
        c.fail("a11y_method", "choice-invalid");
    }
    let drafted = c.check(optional_past_date(
        "a11y_drafted_on",
        &input.a11y_drafted_on,
        today,
    ));
    let reviewed = c.check(optional_past_date(
        "a11y_reviewed_on",
        &input.a11y_reviewed_on,
        today,
    ));
    if let (Some(d), Some(r)) = (drafted, reviewed) {
        if r < d {
            c.fail("a11y_reviewed_on", "a11y-reviewed-before-drafted");
        }
    }
    let published = c.check(optional_past_date(
        "site_published_on",
        &input.site_published_on,
        today,
    ));
    let statement_url = c.check(optional_web_url(
        "a11y_statement_url",
        &input.a11y_statement_url,
        500,
    ));
    c.finish()?;
    Ok(LegalSettings {
        org_name,
        org_address,
        org_pec,
        contact_email,
        dpo_contact,
        hosting_provider,
        legal_basis,
        a11y_status: a11y_status.unwrap_or_default(),
        a11y_method: a11y_method.unwrap_or_default(),
        a11y_drafted_on: drafted,
        a11y_reviewed_on: reviewed,
        site_published_on: published,
        a11y_statement_url: statement_url,
        updated_on: Some(today),
    })
}

/// Stores the legal settings (all of them, in the caller's transaction) and logs it.
pub fn set_legal_settings(
    conn: &mut DbConnection,
    actor: &UserId,
    legal: &LegalSettings,
) -> AppResult<()> {
    for (key, value) in legal.to_pairs() {
        prassi_core::settings::set(conn, &key, &value)?;
    }
    audit::record(
        conn,
        Some(actor),
        "site.legal",
        &legal.org_name,
        &format!("a11y_status={}", legal.a11y_status.as_str()),
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Accessibility feedback (the AgID model's "meccanismo di feedback")

/// Reports one client address may send in [`REPORT_WINDOW_MINUTES`].
pub const MAX_REPORTS_PER_ADDRESS: i64 = 5;
/// The window of the report limit.
pub const REPORT_WINDOW_MINUTES: i64 = 60;

/// What the feedback form sends.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct ReportInput {
    /// The page with the problem: a local path (`/forum`) or an `http(s)` address.
    pub page_url: String,
    pub description: String,
    /// Optional: where to answer.
    pub email: String,
}

/// A local path or an `http(s)` address, at most 500 characters.
fn page_address(field: &str, raw: &str) -> AppResult<String> {
    let v = prassi_core::input::required(field, raw, 500)?;
    let local = v.starts_with('/') && !v.starts_with("//") && !v.contains(char::is_whitespace);
    if local || optional_web_url(field, &v, 500).is_ok() {
        Ok(v)
    } else {
        Err(AppError::invalid(field, "a11y-report-url-invalid"))
    }
}

/// Checks the feedback form, reporting every field at fault.
pub fn check_report(input: &ReportInput) -> AppResult<ReportInput> {
    let mut c = Checks::new();
    let page_url = c.check(page_address("page_url", &input.page_url));
    let description = c.check(prassi_core::input::required_between(
        "description",
        &input.description,
        10,
        5_000,
        "a11y-report-description-too-short",
    ));
    let email = c.check(optional_email("email", &input.email));
    c.finish()?;
    Ok(ReportInput {
        page_url,
        description,
        email,
    })
}

/// Stores a report from `ip` (at most [`MAX_REPORTS_PER_ADDRESS`] an hour per address) and,
/// when the administration gave a contact address, emails it there. Run it in a write
/// transaction.
pub fn send_report(
    conn: &mut DbConnection,
    input: &ReportInput,
    reporter: Option<&UserId>,
    ip: &str,
    lang: &str,
    mail_ctx: &MailContext,
    notify: &str,
) -> AppResult<A11yReportId> {
    let report = check_report(input)?;
    let ip_hash = tokens::digest(ip);
    let now = prassi_db::now();
    let recent: i64 = a11y_reports::table
        .filter(a11y_reports::ip_hash.eq(&ip_hash))
        .filter(a11y_reports::created_at.gt(now - Duration::minutes(REPORT_WINDOW_MINUTES)))
        .count()
        .get_result(conn)?;
    if recent >= MAX_REPORTS_PER_ADDRESS {
        return Err(AppError::too_many().with_message("a11y-report-throttled"));
    }
    let id = A11yReportId::new();
    diesel::insert_into(a11y_reports::table)
        .values(A11yReport {
            id: id.clone(),
            page_url: report.page_url.clone(),
            description: report.description.clone(),
            contact_email: report.email.clone(),
            reporter_id: reporter.cloned(),
            ip_hash,
            status: A11yReportStatus::New,
            created_at: now,
            updated_at: now,
        })
        .execute(conn)?;
    if !notify.is_empty() {
        // The contact address is the administration's: its member's language if it is one,
        // else the reporter's.
        Outgoing::to_address(conn, notify, lang)?.send(
            conn,
            mail_ctx,
            "accounts/a11y_report",
            &serde_json::json!({
                "page_url": report.page_url,
                "contact": report.email,
                "description": report.description,
                "description_lines": report.description.lines().collect::<Vec<_>>(),
            }),
        )?;
    }
    Ok(id)
}

/// A page of reports for the administrators, newest first, optionally by status.
pub fn a11y_reports(
    conn: &mut DbConnection,
    status: Option<A11yReportStatus>,
    page: prassi_core::pagination::PageRequest,
) -> AppResult<(Vec<A11yReport>, prassi_core::pagination::PageInfo)> {
    let filtered = || {
        let mut q = a11y_reports::table.into_boxed();
        if let Some(s) = status {
            q = q.filter(a11y_reports::status.eq(s));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order(a11y_reports::created_at.desc())
        .limit(page.per_page)
        .offset(page.offset())
        .select(A11yReport::as_select())
        .load(conn)?;
    Ok((rows, page.info(total)))
}

/// How many reports wait for an administrator (status `new`).
pub fn new_a11y_report_count(conn: &mut DbConnection) -> AppResult<i64> {
    Ok(a11y_reports::table
        .filter(a11y_reports::status.eq(A11yReportStatus::New))
        .count()
        .get_result(conn)?)
}

/// Moves a report to `status` and logs it; an unknown report is `NotFound`.
pub fn set_a11y_report_status(
    conn: &mut DbConnection,
    actor: &UserId,
    id: &A11yReportId,
    status: A11yReportStatus,
) -> AppResult<()> {
    let n = diesel::update(a11y_reports::table.find(id))
        .set((
            a11y_reports::status.eq(status),
            a11y_reports::updated_at.eq(prassi_db::now()),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(AppError::not_found());
    }
    audit::record(
        conn,
        Some(actor),
        "a11y_report.status",
        id.as_str(),
        status.as_str(),
    )?;
    Ok(())
}
