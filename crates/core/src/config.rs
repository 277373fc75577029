//! Settings: built-in defaults, then an optional TOML file, then `PRASSI_*` environment
//! variables, each overriding the one before. `docs/configuration.md` lists every setting.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// How outgoing email leaves the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTransport {
    /// Write each message to the log (development default).
    Log,
    /// Write each message as a `.eml` file into this folder.
    File(PathBuf),
    /// Send through an SMTP server, as lettre reads the URL: `smtp://host:port` (plain, e.g. a
    /// local relay), `smtp://host:587?tls=required` (STARTTLS) or `smtps://user:pass@host:465`.
    Smtp(String),
}

/// The whole configuration of one running instance.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: String,
    pub data_dir: PathBuf,
    pub secret_key: Option<String>,
    pub base_url: String,
    pub site_name: String,
    pub theme_dir: Option<PathBuf>,
    pub mail: MailTransport,
    pub mail_from: String,
    /// Whether any reverse proxy is trusted, i.e. `trusted_proxies` is not empty.
    pub trust_proxy: bool,
    /// The reverse proxies whose `X-Forwarded-For` is believed: only a request whose TCP peer
    /// is one of these takes its client address from the header's last entry. Set by
    /// `PRASSI_TRUSTED_PROXIES`; `PRASSI_TRUST_PROXY=true` alone means loopback only.
    pub trusted_proxies: Vec<IpNet>,
    pub db_pool_size: u32,
    /// Run the outbox worker in this process.
    pub worker: bool,
    /// Which search engine: the embedded index in the data folder, or a Meilisearch server.
    pub search: SearchConfig,
}

/// `PRASSI_SEARCH` = `embedded` (default) or `meilisearch` with `PRASSI_MEILI_URL` and
/// `PRASSI_MEILI_KEY` (and optionally `PRASSI_MEILI_INDEX`, default `prassi`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchConfig {
    Embedded,
    Meilisearch {
        url: String,
        key: Option<String>,
        index: String,
    },
}

/// The file form: every key optional, same names as the environment without the prefix.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    bind: Option<String>,
    data_dir: Option<PathBuf>,
    secret_key: Option<String>,
    base_url: Option<String>,
    site_name: Option<String>,
    theme_dir: Option<PathBuf>,
    mail: Option<String>,
    mail_from: Option<String>,
    trust_proxy: Option<bool>,
    trusted_proxies: Option<String>,
    db_pool_size: Option<u32>,
    worker: Option<bool>,
    search: Option<String>,
    meili_url: Option<String>,
    meili_key: Option<String>,
    meili_index: Option<String>,
}

/// A configuration problem, reported before anything starts.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(pub String);

impl Config {
    /// Loads defaults, then `file` (or `PRASSI_CONFIG`, or `./prassi.toml` when present), then
    /// the environment.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let path = file
            .map(Path::to_path_buf)
            .or_else(|| env("PRASSI_CONFIG").map(PathBuf::from))
            .or_else(|| {
                let p = PathBuf::from("prassi.toml");
                p.exists().then_some(p)
            });
        let fc: FileConfig = match path {
            Some(p) => {
                let text = std::fs::read_to_string(&p)
                    .map_err(|e| ConfigError(format!("cannot read {}: {e}", p.display())))?;
                toml::from_str(&text).map_err(|e| ConfigError(format!("{}: {e}", p.display())))?
            }
            None => FileConfig::default(),
        };
        let parse_bool = |k: &str, v: String| -> Result<bool, ConfigError> {
            match v.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => Ok(true),
                "0" | "false" | "no" | "off" => Ok(false),
                _ => Err(ConfigError(format!("{k} must be true or false, not {v:?}"))),
            }
        };

        let data_dir = env("PRASSI_DATA_DIR")
            .map(PathBuf::from)
            .or(fc.data_dir)
            .unwrap_or_else(|| PathBuf::from("./data"));
        let database_url = env("PRASSI_DATABASE_URL")
            .or(fc.database_url)
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("prassi.db").display()));
        let bind = env("PRASSI_BIND")
            .or(fc.bind)
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let base_url = env("PRASSI_BASE_URL")
            .or(fc.base_url)
            .unwrap_or_else(|| format!("http://{bind}"));
        let base_url = base_url.trim_end_matches('/').to_owned();
        url::Url::parse(&base_url)
            .map_err(|e| ConfigError(format!("PRASSI_BASE_URL {base_url:?}: {e}")))?;
        let mail = match env("PRASSI_MAIL").or(fc.mail) {
            None => MailTransport::Log,
            Some(m) if m == "log" => MailTransport::Log,
            Some(m) if m.starts_with("file:") => {
                MailTransport::File(PathBuf::from(m.trim_start_matches("file:")))
            }
            Some(m) if m.starts_with("smtp://") || m.starts_with("smtps://") => {
                MailTransport::Smtp(m)
            }
            Some(m) => {
                return Err(ConfigError(format!(
                    "PRASSI_MAIL must be log, file:<folder> or smtp(s)://..., not {m:?}"
                )))
            }
        };
        let trust_proxy = match env("PRASSI_TRUST_PROXY") {
            Some(v) => Some(parse_bool("PRASSI_TRUST_PROXY", v)?),
            None => fc.trust_proxy,
        };
        let trusted_proxies = match (
            env("PRASSI_TRUSTED_PROXIES").or(fc.trusted_proxies),
            trust_proxy,
        ) {
            (Some(_), Some(false)) => {
                return Err(ConfigError(
                    "PRASSI_TRUSTED_PROXIES is set but PRASSI_TRUST_PROXY is false; remove one"
                        .into(),
                ))
            }
            (Some(list), _) => IpNet::parse_list(&list)
                .map_err(|e| ConfigError(format!("PRASSI_TRUSTED_PROXIES: {e}")))?,
            (None, Some(true)) => IpNet::loopback(),
            (None, _) => Vec::new(),
        };
        let worker = match env("PRASSI_WORKER") {
            Some(v) => parse_bool("PRASSI_WORKER", v)?,
            None => fc.worker.unwrap_or(true),
        };
        let db_pool_size = match env("PRASSI_DB_POOL_SIZE") {
            Some(v) => v
                .parse()
                .map_err(|_| ConfigError(format!("PRASSI_DB_POOL_SIZE {v:?} is not a number")))?,
            None => fc.db_pool_size.unwrap_or(8),
        };
        let search = match env("PRASSI_SEARCH").or(fc.search).as_deref() {
            None | Some("embedded") => SearchConfig::Embedded,
            Some("meilisearch") => SearchConfig::Meilisearch {
                url: env("PRASSI_MEILI_URL").or(fc.meili_url).ok_or_else(|| {
                    ConfigError("PRASSI_SEARCH=meilisearch needs PRASSI_MEILI_URL".into())
                })?,
                key: env("PRASSI_MEILI_KEY").or(fc.meili_key),
                index: env("PRASSI_MEILI_INDEX")
                    .or(fc.meili_index)
                    .unwrap_or_else(|| "prassi".into()),
            },
            Some(other) => {
                return Err(ConfigError(format!(
                    "PRASSI_SEARCH {other:?}: use embedded or meilisearch"
                )))
            }
        };
        Ok(Config {
            database_url,
            bind,
            data_dir,
            secret_key: env("PRASSI_SECRET_KEY").or(fc.secret_key),
            base_url,
            site_name: env("PRASSI_SITE_NAME")
                .or(fc.site_name)
                .unwrap_or_else(|| "Prassi".into()),
            theme_dir: env("PRASSI_THEME_DIR").map(PathBuf::from).or(fc.theme_dir),
            mail,
            mail_from: env("PRASSI_MAIL_FROM")
                .or(fc.mail_from)
                .unwrap_or_else(|| "Prassi <noreply@localhost>".into()),
            trust_proxy: !trusted_proxies.is_empty(),
            trusted_proxies,
            db_pool_size,
            worker,
            search,
        })
    }

    /// A configuration for tests and tools: everything in `data_dir`, email to files there.
    pub fn for_data_dir(data_dir: &Path, database_url: &str) -> Self {
        Config {
            database_url: database_url.to_owned(),
            bind: "127.0.0.1:0".into(),
            data_dir: data_dir.to_path_buf(),
            secret_key: None,
            base_url: "http://localhost".into(),
            site_name: "Prassi".into(),
            theme_dir: None,
            mail: MailTransport::File(data_dir.join("mail")),
            mail_from: "Prassi <noreply@localhost>".into(),
            trust_proxy: false,
            trusted_proxies: Vec::new(),
            db_pool_size: 4,
            worker: false,
            search: SearchConfig::Embedded,
        }
    }

    /// Whether cookies must be marked Secure (the site is served over HTTPS).
    pub fn https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// The session cookie's name: `__Host-prassi_session` over HTTPS (the browser then
    /// insists on `Secure`, `Path=/` and no `Domain`, so no sibling subdomain can plant or
    /// shadow it), `prassi_session` otherwise (browsers refuse `__Host-` cookies over http).
    pub fn session_cookie_name(&self) -> &'static str {
        if self.https() {
            crate::csrf::SECURE_SESSION_COOKIE
        } else {
            crate::csrf::SESSION_COOKIE
        }
    }

    /// The 64-byte key that encrypts session cookies: `PRASSI_SECRET_KEY` when set (at least
    /// [`MIN_SECRET_CHARS`] characters), otherwise `secret.key` in the data folder, created on
    /// first start.
    pub fn session_key_bytes(&self) -> Result<Vec<u8>, ConfigError> {
        use sha2::{Digest, Sha512};
        let long_enough = |k: &str| k.chars().count() >= MIN_SECRET_CHARS;
        let material = match &self.secret_key {
            Some(k) if long_enough(k) => k.clone(),
            Some(_) => {
                return Err(ConfigError(format!(
                    "PRASSI_SECRET_KEY must be at least {MIN_SECRET_CHARS} characters"
                )))
            }
            None => {
                let path = self.data_dir.join("secret.key");
                match std::fs::read_to_string(&path) {
                    Ok(k) if long_enough(k.trim()) => k.trim().to_owned(),
                    // Never silently replace a damaged key: that would sign everyone out.
                    Ok(_) => {
                        return Err(ConfigError(format!(
                            "{} is shorter than {MIN_SECRET_CHARS} characters; restore it or delete it to make a new one",
                            path.display()
                        )))
                    }
                    Err(_) => {
                        let k = crate::tokens::random_token(48);
                        write_private(&path, &k)
                            .map_err(|e| ConfigError(format!("{}: {e}", path.display())))?;
                        k
                    }
                }
            }
        };
        Ok(Sha512::digest(material.as_bytes()).to_vec())
    }
}

/// The shortest secret key accepted, in characters.
pub const MIN_SECRET_CHARS: usize = 64;

/// An IP network (`10.0.0.0/8`, `fd00::/8`) or a single address (`172.28.0.10`, `::1`), for
/// the list of trusted proxies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    /// Parses `addr` or `addr/prefix`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("{text:?} is not an IP address or network"))?;
        let addr = addr.to_canonical();
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{text:?}: the prefix length must be 0 to {max}"))?,
        };
        Ok(IpNet { addr, prefix })
    }

    /// Parses a list separated by commas and/or white space; an empty list is an error.
    pub fn parse_list(text: &str) -> Result<Vec<Self>, String> {
        let list = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(Self::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if list.is_empty() {
            return Err("the list is empty".into());
        }
        Ok(list)
    }

    /// `127.0.0.0/8` and `::1`: what `PRASSI_TRUST_PROXY=true` trusts.
    pub fn loopback() -> Vec<Self> {
        vec![
            IpNet {
                addr: IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 0)),
                prefix: 8,
            },
            IpNet {
                addr: IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
                prefix: 128,
            },
        ]
    }

    /// Whether `ip` lies in this network (IPv4-mapped IPv6 addresses count as IPv4).
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip.to_canonical()) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

impl std::fmt::Display for IpNet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

fn write_private(path: &Path, content: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(content.as_bytes())?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::{Config, IpNet};

    #[test]
    fn the_secret_key_is_counted_in_characters_as_its_message_says() {
        let dir = std::env::temp_dir();
        let with = |key: String| {
            let mut c = Config::for_data_dir(&dir, "sqlite://unused.db");
            c.secret_key = Some(key);
            c.session_key_bytes()
        };
        // 64 characters of two bytes each: long enough.
        assert!(with("é".repeat(64)).is_ok());
        // 64 bytes but 32 characters: too short, and the message says characters.
        let err = with("é".repeat(32))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("at least 64 characters"), "{err}");
    }

    fn ip(s: &str) -> std::net::IpAddr {
        s.parse()
            .unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED))
    }

    #[test]
    fn proxy_networks_match_addresses_and_reject_nonsense() {
        let nets = IpNet::parse_list("172.28.0.10, 10.0.0.0/8 fd00::/8").unwrap_or_default();
        assert_eq!(nets.len(), 3);
        assert!(nets[0].contains(ip("172.28.0.10")));
        assert!(!nets[0].contains(ip("172.28.0.11")));
        assert!(nets[1].contains(ip("10.200.3.4")));
        assert!(
            nets[1].contains(ip("::ffff:10.1.2.3")),
            "IPv4-mapped peers count as IPv4"
        );
        assert!(!nets[1].contains(ip("11.0.0.1")));
        assert!(nets[2].contains(ip("fd12::1")));
        assert!(!nets[2].contains(ip("10.0.0.1")));
        let all = IpNet::parse("0.0.0.0/0").unwrap_or_else(|_| IpNet::loopback()[0]);
        assert!(all.contains(ip("203.0.113.9")));
        assert!(IpNet::loopback().iter().any(|n| n.contains(ip("::1"))));
        assert!(IpNet::parse("10.0.0.0/33").is_err());
        assert!(IpNet::parse("proxy.local").is_err());
        assert!(IpNet::parse_list(" , ").is_err());
    }
}
