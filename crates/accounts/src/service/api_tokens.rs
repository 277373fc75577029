//! Bearer tokens for the JSON API: created, listed and revoked by their owner.

use diesel::prelude::*;
use prassi_core::error::{AppError, AppResult};
use prassi_core::input::required as required_text;
use prassi_core::tokens;
use prassi_db::models::{ApiToken, ApiTokenInsertForm};
use prassi_db::schema::api_tokens;
use prassi_db::{ApiTokenId, DbConnection, UserId};

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
