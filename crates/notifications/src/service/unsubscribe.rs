//! One-click unsubscribe (RFC 8058): each notification email carries a link that turns email
//! off for its kind, and each digest one that turns the digest off, for its recipient, without
//! signing in. The link is the member's id, what it stops (a kind, or `digest`) and an
//! HMAC-SHA256 of both under a key derived from the instance's secret key, so nothing is
//! stored and every instance sharing the secret accepts it; it cannot be made for another
//! member or kind.

use hmac::{Hmac, Mac};
use prassi_core::config::Config;
use prassi_core::error::{AppError, AppResult};
use prassi_core::notify::EventKind;
use prassi_db::UserId;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Separates the token's parts (`~` is unreserved in URLs, absent from ids and kinds).
const SEP: char = '~';

/// What a link stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Email for one kind (the notifications stay in the platform).
    Kind(EventKind),
    /// The digest.
    Digest,
}

impl Topic {
    /// As the token writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Kind(k) => k.as_str(),
            Topic::Digest => "digest",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        if s == "digest" {
            return Some(Topic::Digest);
        }
        EventKind::parse(s).map(Topic::Kind)
    }

    /// The message key suffix the unsubscribe page names it with.
    pub fn key(self) -> String {
        self.as_str().replace(['.', '_'], "-")
    }
}

fn mac(config: &Config, user: &UserId, topic: Topic) -> AppResult<HmacSha256> {
    let key = config
        .session_key_bytes()
        .map_err(|e| AppError::internal(e.to_string()))?;
    let mut mac = HmacSha256::new_from_slice(&key).map_err(AppError::internal)?;
    mac.update(b"prassi-unsubscribe\0");
    mac.update(user.0.as_bytes());
    mac.update(b"\0");
    mac.update(topic.as_str().as_bytes());
    Ok(mac)
}

/// The token of the unsubscribe link for `user` and `topic`.
pub fn token(config: &Config, user: &UserId, topic: Topic) -> AppResult<String> {
    let sig = hex::encode(mac(config, user, topic)?.finalize().into_bytes());
    Ok(format!("{}{SEP}{}{SEP}{sig}", user.0, topic.as_str()))
}

fn link(config: &Config, user: &UserId, topic: Topic) -> AppResult<String> {
    Ok(format!(
        "{}/notifiche/disiscriviti/{}",
        config.base_url.trim_end_matches('/'),
        token(config, user, topic)?
    ))
}

/// The link that stops email for `kind`, absolute.
pub fn url(config: &Config, user: &UserId, kind: EventKind) -> AppResult<String> {
    link(config, user, Topic::Kind(kind))
}

/// The link that stops the digest, absolute.
pub fn digest_url(config: &Config, user: &UserId) -> AppResult<String> {
    link(config, user, Topic::Digest)
}

/// The member and topic a token names, when its signature holds (compared in constant time).
/// Anything else is `NotFound`, as an unknown link.
pub fn verify(config: &Config, token: &str) -> AppResult<(UserId, Topic)> {
    let mut parts = token.split(SEP);
    let (Some(user), Some(topic), Some(sig), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(AppError::not_found());
    };
    let topic = Topic::parse(topic).ok_or_else(AppError::not_found)?;
    let user = UserId(user.to_owned());
    let sig = hex::decode(sig).map_err(|_| AppError::not_found())?;
    mac(config, &user, topic)?
        .verify_slice(&sig)
        .map_err(|_| AppError::not_found())?;
    Ok((user, topic))
}
