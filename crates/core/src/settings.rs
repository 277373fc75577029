//! Site-wide settings kept in the database, so every app instance sees the same phase,
//! registration policy and the facts the legal pages print (who runs the site, their contacts,
//! the accessibility statement). Every request needs them: each process keeps the last ones it
//! read ([`SettingsCache`]) under the settings' version, which the database moves on every
//! change and a signed-in request reads with its member.

use std::sync::{Arc, RwLock};

use chrono::NaiveDate;
use diesel::prelude::*;
use prassi_db::schema::{site_counters, site_settings};
use prassi_db::DbConnection;
use serde::Serialize;

use crate::access::Phase;
use crate::ctx::Ctx;

/// Setting keys.
pub const PHASE: &str = "phase";
pub const ALLOWED_DOMAINS: &str = "allowed_domains";
pub const REQUIRE_APPROVAL: &str = "require_approval";
pub const GROUP_CREATORS: &str = "group_creators";

/// Who may create working groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupCreators {
    /// Administrators only (the default).
    #[default]
    Admins,
    /// Any member in good standing.
    Members,
}

impl GroupCreators {
    pub const ALL: &'static [GroupCreators] = &[GroupCreators::Admins, GroupCreators::Members];
    /// The stored text form.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupCreators::Admins => "admins",
            GroupCreators::Members => "members",
        }
    }
    /// Parses the stored text form.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

/// The settings as a typed value.
#[derive(Debug, Clone, Serialize)]
pub struct SiteSettings {
    pub phase: Phase,
    /// Email domains whose owners may self-register as members while closed (phase 1).
    pub allowed_domains: Vec<String>,
    /// While closed, accept registrations from other domains as requests for approval.
    pub require_approval: bool,
    /// Who may create working groups.
    pub group_creators: GroupCreators,
    /// What the privacy notice, the legal notes and the accessibility statement print.
    pub legal: LegalSettings,
}

impl Default for SiteSettings {
    fn default() -> Self {
        SiteSettings {
            phase: Phase::Closed,
            allowed_domains: Vec::new(),
            require_approval: true,
            group_creators: GroupCreators::Admins,
            legal: LegalSettings::default(),
        }
    }
}

/// The `site_counters` row that triggers on `site_settings` move on every change, by whatever
/// path (migration `2026-12-07-000027_settings_version`).
pub const VERSION_COUNTER: &str = "settings_version";

/// The type of [`version_subquery`].
pub type VersionSubquery = diesel::dsl::SingleValue<
    diesel::dsl::Select<
        diesel::dsl::Filter<
            site_counters::table,
            diesel::dsl::Eq<site_counters::name, &'static str>,
        >,
        site_counters::value,
    >,
>;

/// The settings' version as a subquery, for a statement a request runs anyway to select
/// beside its own columns (NULL on a database without the counter: nothing is kept then).
pub fn version_subquery() -> VersionSubquery {
    counter_subquery(VERSION_COUNTER)
}

/// The `site_counters` row `name` as a subquery (NULL when the row is missing), for versions
/// that triggers move and a statement reads beside its own columns.
pub fn counter_subquery(name: &'static str) -> VersionSubquery {
    site_counters::table
        .filter(site_counters::name.eq(name))
        .select(site_counters::value)
        .single_value()
}

/// The settings one process keeps for one database, with the version they were read at. A
/// kept copy is used only for the version a request has just read in the database, so an
/// instance sees another's change on its next signed-in request; what a transaction reads is
/// never kept (a rollback would bring the same version back with other content).
#[derive(Debug, Default)]
pub struct SettingsCache(RwLock<Option<(i64, Arc<SiteSettings>)>>);

impl SettingsCache {
    /// The settings as of `version` (read by the caller from the database, `None` when it
    /// read none): the kept ones if they are that version's, else loaded (one query) and
    /// kept.
    pub fn at(
        &self,
        conn: &mut DbConnection,
        version: Option<i64>,
    ) -> QueryResult<Arc<SiteSettings>> {
        let Some(version) = version else {
            return SiteSettings::load(conn).map(Arc::new);
        };
        if let Ok(kept) = self.0.read() {
            if let Some((v, settings)) = kept.as_ref() {
                if *v == version {
                    return Ok(Arc::clone(settings));
                }
            }
        }
        // Read after the version, so never older than it.
        let settings = Arc::new(SiteSettings::load(conn)?);
        if !prassi_db::in_transaction(conn) {
            if let Ok(mut kept) = self.0.write() {
                // A slower request never puts older settings back.
                if kept.as_ref().is_none_or(|(v, _)| *v <= version) {
                    *kept = Some((version, Arc::clone(&settings)));
                }
            }
        }
        Ok(settings)
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
                GROUP_CREATORS => {
                    if let Some(c) = GroupCreators::parse(&v) {
                        s.group_creators = c
                    }
                }
                _ => s.legal.read(&k, v),
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

// ---------------------------------------------------------------------------------------------
// Legal pages and the accessibility statement

/// Compliance status of the accessibility statement, as the AgID model words it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Compliance {
    Compliant,
    /// The default until an assessment says otherwise.
    #[default]
    Partial,
    NonCompliant,
}

impl Compliance {
    pub const ALL: &'static [Compliance] = &[
        Compliance::Compliant,
        Compliance::Partial,
        Compliance::NonCompliant,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::Compliant => "compliant",
            Compliance::Partial => "partial",
            Compliance::NonCompliant => "non_compliant",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

/// How the accessibility statement was assessed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessment {
    /// A self-assessment by the administration (the AgID model's first option).
    #[default]
    SelfAssessment,
    /// An assessment by a third party.
    ThirdParty,
}

impl Assessment {
    pub const ALL: &'static [Assessment] = &[Assessment::SelfAssessment, Assessment::ThirdParty];
    pub fn as_str(self) -> &'static str {
        match self {
            Assessment::SelfAssessment => "self",
            Assessment::ThirdParty => "third_party",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == s)
    }
}

/// Key prefix of the legal settings in `site_settings`.
pub const LEGAL_PREFIX: &str = "legal.";

/// Who runs the site and what its accessibility statement says, as administrators set them at
/// `/admin`. Empty text and `None` mean "not given": the pages then print a neutral sentence,
/// never a placeholder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LegalSettings {
    /// The administration's name (denominazione): the data controller and site owner.
    pub org_name: String,
    /// Its registered address.
    pub org_address: String,
    /// Its certified email (PEC).
    pub org_pec: String,
    /// The address for privacy requests, accessibility feedback and content reports.
    pub contact_email: String,
    /// How to reach the data protection officer (an email or PEC address).
    pub dpo_contact: String,
    /// The hosting provider, processor under art. 28 GDPR.
    pub hosting_provider: String,
    /// The act or law under which the community is run (the legal basis of the processing).
    pub legal_basis: String,
    pub a11y_status: Compliance,
    pub a11y_method: Assessment,
    /// When the accessibility statement was first drafted.
    pub a11y_drafted_on: Option<NaiveDate>,
    /// When it was last reviewed.
    pub a11y_reviewed_on: Option<NaiveDate>,
    /// When the site went online.
    pub site_published_on: Option<NaiveDate>,
    /// The official statement published on form.agid.gov.it, if any.
    pub a11y_statement_url: String,
    /// When these settings were last saved (set on every save).
    pub updated_on: Option<NaiveDate>,
}

impl LegalSettings {
    /// Applies one stored `legal.*` setting; other keys and unreadable values are ignored.
    fn read(&mut self, key: &str, value: String) {
        let Some(name) = key.strip_prefix(LEGAL_PREFIX) else {
            return;
        };
        let date = || NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
        match name {
            "org_name" => self.org_name = value,
            "org_address" => self.org_address = value,
            "org_pec" => self.org_pec = value,
            "contact_email" => self.contact_email = value,
            "dpo_contact" => self.dpo_contact = value,
            "hosting_provider" => self.hosting_provider = value,
            "legal_basis" => self.legal_basis = value,
            "a11y_status" => self.a11y_status = Compliance::parse(&value).unwrap_or_default(),
            "a11y_method" => self.a11y_method = Assessment::parse(&value).unwrap_or_default(),
            "a11y_drafted_on" => self.a11y_drafted_on = date(),
            "a11y_reviewed_on" => self.a11y_reviewed_on = date(),
            "site_published_on" => self.site_published_on = date(),
            "a11y_statement_url" => self.a11y_statement_url = value,
            "updated_on" => self.updated_on = date(),
            _ => {}
        }
    }

    /// Every setting as a stored `(key, value)` pair (dates as `YYYY-MM-DD`, `None` as empty).
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let d = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        [
            ("org_name", Some(self.org_name.clone())),
            ("org_address", Some(self.org_address.clone())),
            ("org_pec", Some(self.org_pec.clone())),
            ("contact_email", Some(self.contact_email.clone())),
            ("dpo_contact", Some(self.dpo_contact.clone())),
            ("hosting_provider", Some(self.hosting_provider.clone())),
            ("legal_basis", Some(self.legal_basis.clone())),
            ("a11y_status", Some(self.a11y_status.as_str().to_owned())),
            ("a11y_method", Some(self.a11y_method.as_str().to_owned())),
            ("a11y_drafted_on", d(self.a11y_drafted_on)),
            ("a11y_reviewed_on", d(self.a11y_reviewed_on)),
            ("site_published_on", d(self.site_published_on)),
            ("a11y_statement_url", Some(self.a11y_statement_url.clone())),
            ("updated_on", d(self.updated_on)),
        ]
        .into_iter()
        .map(|(k, v)| (format!("{LEGAL_PREFIX}{k}"), v.unwrap_or_default()))
        .collect()
    }

    /// What the legal pages print, with dates written out in `lang`.
    pub fn page(&self, lang: &str) -> LegalPage {
        let d = |d: Option<NaiveDate>| d.map(|d| long_date(d, lang)).unwrap_or_default();
        LegalPage {
            org_name: self.org_name.clone(),
            org_address: self.org_address.clone(),
            org_pec: self.org_pec.clone(),
            contact_email: self.contact_email.clone(),
            dpo_contact: self.dpo_contact.clone(),
            dpo_contact_is_email: self.dpo_contact.contains('@'),
            hosting_provider: self.hosting_provider.clone(),
            legal_basis: self.legal_basis.clone(),
            a11y_status: self.a11y_status.as_str(),
            a11y_method: self.a11y_method.as_str(),
            a11y_drafted_on: d(self.a11y_drafted_on),
            a11y_reviewed_on: d(self.a11y_reviewed_on),
            site_published_on: d(self.site_published_on),
            a11y_statement_url: self.a11y_statement_url.clone(),
            updated_on: d(self.updated_on),
        }
    }
}

/// The legal settings as templates get them: finished strings, empty when not given.
#[derive(Debug, Clone, Serialize)]
pub struct LegalPage {
    pub org_name: String,
    pub org_address: String,
    pub org_pec: String,
    pub contact_email: String,
    pub dpo_contact: String,
    pub dpo_contact_is_email: bool,
    pub hosting_provider: String,
    pub legal_basis: String,
    /// `compliant`, `partial` or `non_compliant`.
    pub a11y_status: &'static str,
    /// `self` or `third_party`.
    pub a11y_method: &'static str,
    pub a11y_drafted_on: String,
    pub a11y_reviewed_on: String,
    pub site_published_on: String,
    pub a11y_statement_url: String,
    pub updated_on: String,
}

/// The context of a legal page: `legal` (a [`LegalPage`]), `site_url` (the base URL) and
/// `session_cookie` (the session cookie's name, which the privacy notice lists).
pub fn legal_context(ctx: &Ctx) -> tera::Context {
    let mut c = tera::Context::new();
    c.insert("legal", &ctx.settings.legal.page(ctx.lang));
    c.insert("site_url", &ctx.state.config.base_url);
    c.insert("session_cookie", ctx.state.config.session_cookie_name());
    c
}

/// A date written out: "6 dicembre 2026", "6 December 2026".
pub fn long_date(d: NaiveDate, lang: &str) -> String {
    use chrono::Datelike;
    const IT: [&str; 12] = [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = if lang == "en" { &EN } else { &IT };
    let month = months.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{} {} {}", d.day(), month, d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_settings_survive_a_round_trip_and_ignore_bad_values() {
        let l = LegalSettings {
            org_name: "Comune di Prova".into(),
            a11y_status: Compliance::NonCompliant,
            a11y_method: Assessment::ThirdParty,
            a11y_drafted_on: NaiveDate::from_ymd_opt(2026, 12, 6),
            ..LegalSettings::default()
        };
        let mut back = LegalSettings::default();
        for (k, v) in l.to_pairs() {
            back.read(&k, v);
        }
        assert_eq!(back, l);
        back.read("legal.a11y_status", "bogus".into());
        back.read("legal.a11y_drafted_on", "06/12/2026".into());
        assert_eq!(back.a11y_status, Compliance::Partial);
        assert_eq!(back.a11y_drafted_on, None);
    }

    #[test]
    fn dates_are_written_out_in_the_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default();
        assert_eq!(long_date(d, "it"), "6 dicembre 2026");
        assert_eq!(long_date(d, "en"), "6 December 2026");
    }
}
