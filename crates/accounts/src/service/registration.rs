//! Registration by phase and policy, invitations accepted, and the emailed one-time tokens
//! that confirm an address (also used by sign-in and password resets).

use chrono::Duration;
use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::{optional as optional_text, required as required_text, Checks};
use prassi_core::mail::{MailContext, Outgoing};
use prassi_core::notify::{self, Event, EventKind, ItemKind, ItemRef};
use prassi_core::settings::SiteSettings;
use prassi_core::{audit, tokens};
use prassi_db::models::{EmailToken, Invitation, User, UserInsertForm};
use prassi_db::schema::{email_tokens, invitations, users};
use prassi_db::{AccountStatus, DbConnection, EmailTokenPurpose, OrganisationKind, Role, UserId};
use serde::{Deserialize, Serialize};

use super::organisations::find_or_create_organisation;
use super::validation::{check_password, hash_password, normalize_email, normalize_username};

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

pub(super) fn issue_email_token(
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
pub(super) fn consume_email_token(
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
