//! Checking credentials, with throttling per account and per address.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::Checks;
use prassi_core::mail::{MailContext, Outgoing};
use prassi_core::password;
use prassi_db::models::User;
use prassi_db::schema::{login_attempts, users};
use prassi_db::{AccountStatus, DbConnection, EmailTokenPurpose};

use super::registration::issue_email_token;

/// Failed sign-ins allowed per account in [`THROTTLE_WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins allowed per address in [`THROTTLE_WINDOW_MINUTES`].
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// The throttling window.
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;

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
