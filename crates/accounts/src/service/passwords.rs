//! Changing a password, and resetting a forgotten one through an emailed link.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::Checks;
use prassi_core::mail::{MailContext, Outgoing};
use prassi_core::{password, session, tokens};
use prassi_db::schema::{api_tokens, email_tokens, users};
use prassi_db::{AccountStatus, DbConnection, EmailTokenPurpose, UserId};

use super::registration::{consume_email_token, issue_email_token};
use super::validation::{check_password, hash_password, normalize_email};

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
