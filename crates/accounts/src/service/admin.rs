//! Moderation and administration: membership requests, phase and registration policy,
//! roles, suspensions, invitations and accounts made directly.

use chrono::Duration;
use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::required as required_text;
use prassi_core::mail::{MailContext, Outgoing};
use prassi_core::notify::{self, Event, EventKind, ItemKind, ItemRef};
use prassi_core::settings::SiteSettings;
use prassi_core::{audit, session, tokens};
use prassi_db::models::{Invitation, Organisation, User, UserInsertForm};
use prassi_db::schema::{invitations, organisations, users};
use prassi_db::OneOfExt;
use prassi_db::{AccountStatus, DbConnection, OrganisationId, Role, UserId};

use super::validation::{check_password, hash_password, normalize_email, normalize_username};

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
        .filter(users::status.one_of([AccountStatus::Pending, AccountStatus::Open]))
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

/// Changes who may create working groups and logs it.
pub fn set_group_creators(
    conn: &mut DbConnection,
    actor: &UserId,
    who: prassi_core::settings::GroupCreators,
) -> AppResult<()> {
    prassi_core::settings::set(conn, prassi_core::settings::GROUP_CREATORS, who.as_str())?;
    audit::record(conn, Some(actor), "site.group_creators", who.as_str(), "")?;
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
