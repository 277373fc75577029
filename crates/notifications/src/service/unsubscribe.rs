//! One-click unsubscribe (RFC 8058): each notification email carries a link that turns email
//! off for its kind, for its recipient, without signing in. The link is the member's id, the
//! kind and an HMAC-SHA256 of both under a key derived from the instance's secret key, so
//! nothing is stored and every instance sharing the secret accepts it; it cannot be made for
//! another member or kind.

use hmac::{Hmac, Mac};
use prassi_core::config::Config;
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::EventKind;
use prassi_db::UserId;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Separates the token's parts (`~` is unreserved in URLs, absent from ids and kinds).
const SEP: char = '~';

fn mac(config: &Config, user: &UserId, kind: EventKind) -> AppResult<HmacSha256> {
    let key = config
        .session_key_bytes()
        .map_err(|e| AppError::internal(e.to_string()))?;
    let mut mac = HmacSha256::new_from_slice(&key).map_err(AppError::internal)?;
    mac.update(b"prassi-unsubscribe\0");
    mac.update(user.0.as_bytes());
    mac.update(b"\0");
    mac.update(kind.as_str().as_bytes());
    Ok(mac)
}

/// The token of the unsubscribe link for `user` and `kind`.
pub fn token(config: &Config, user: &UserId, kind: EventKind) -> AppResult<String> {
    let sig = hex::encode(mac(config, user, kind)?.finalize().into_bytes());
    Ok(format!("{}{SEP}{}{SEP}{sig}", user.0, kind.as_str()))
}

/// The link itself, absolute.
pub fn url(config: &Config, user: &UserId, kind: EventKind) -> AppResult<String> {
    Ok(format!(
        "{}/notifiche/disiscriviti/{}",
        config.base_url.trim_end_matches('/'),
        token(config, user, kind)?
    ))
}

/// The member and kind a token names, when its signature holds (compared in constant time).
/// Anything else is `NotFound`, as an unknown link.
pub fn verify(config: &Config, token: &str) -> AppResult<(UserId, EventKind)> {
    let mut parts = token.split(SEP);
    let (Some(user), Some(kind), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(AppError::not_found());
    };
    let kind = EventKind::parse(kind).ok_or_else(AppError::not_found)?;
    let user = UserId(user.to_owned());
    let sig = hex::decode(sig).map_err(|_| AppError::not_found())?;
    mac(config, &user, kind)?
        .verify_slice(&sig)
        .map_err(|_| AppError::not_found())?;
    Ok((user, kind))
}
