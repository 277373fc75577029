//! Site-wide settings kept in the database, so every app instance sees the same phase and
//! registration policy. Read once per request in a single query.

use diesel::prelude::*;
use prassi_db::schema::site_settings;
use prassi_db::DbConnection;
use serde::Serialize;

use crate::access::Phase;

/// Setting keys.
pub const PHASE: &str = "phase";
pub const ALLOWED_DOMAINS: &str = "allowed_domains";
pub const REQUIRE_APPROVAL: &str = "require_approval";

/// The settings as a typed value.
#[derive(Debug, Clone, Serialize)]
pub struct SiteSettings {
    pub phase: Phase,
    /// Email domains whose owners may self-register as members while closed (phase 1).
    pub allowed_domains: Vec<String>,
    /// While closed, accept registrations from other domains as requests for approval.
    pub require_approval: bool,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            phase: Phase::Closed,
            allowed_domains: Vec::new(),
            require_approval: true,
        }
    }
}

impl SiteSettings {
    /// Loads all settings in one query; missing keys take their defaults.
    pub fn load(conn: &mut DbConnection) -> QueryResult<Self> {
        let rows: Vec<(String, String)> = site_settings::table
            .select((site_settings::key, site_settings::value))
            .load(conn)?;
        let mut s = SiteSettings::default();
        for (k, v) in rows {
            match k.as_str() {
                PHASE => {
                    if let Some(p) = Phase::from_number(&v) {
                        s.phase = p
                    }
                }
                ALLOWED_DOMAINS => s.allowed_domains = parse_domains(&v),
                REQUIRE_APPROVAL => s.require_approval = v == "true",
                _ => {}
            }
        }
        Ok(s)
    }

    /// Whether `email` belongs to an allowed domain.
    pub fn domain_allowed(&self, email: &str) -> bool {
        email
            .rsplit_once('@')
            .map(|(_, d)| d.to_ascii_lowercase())
            .is_some_and(|d| self.allowed_domains.contains(&d))
    }
}

/// Normalises a comma- or newline-separated domain list.
pub fn parse_domains(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split([',', '\n', ' ', ';'])
        .map(|d| d.trim().trim_start_matches('@').to_ascii_lowercase())
        .filter(|d| !d.is_empty() && d.contains('.'))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Writes one setting (insert or update, portable across backends).
pub fn set(conn: &mut DbConnection, key: &str, value: &str) -> QueryResult<()> {
    let now = prassi_db::now();
    let n = diesel::update(site_settings::table.find(key))
        .set((
            site_settings::value.eq(value),
            site_settings::updated_at.eq(now),
        ))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(site_settings::table)
            .values((
                site_settings::key.eq(key),
                site_settings::value.eq(value),
                site_settings::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}
