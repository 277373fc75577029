//! Settings: built-in defaults, then an optional TOML file, then `PRASSI_*` environment
//! variables, each overriding the one before. `docs/configuration.md` lists every setting.

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
    /// Honour `X-Forwarded-For` from a reverse proxy when throttling by address.
    pub trust_proxy: bool,
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
            Some(v) => parse_bool("PRASSI_TRUST_PROXY", v)?,
            None => fc.trust_proxy.unwrap_or(false),
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
            trust_proxy,
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
            db_pool_size: 4,
            worker: false,
            search: SearchConfig::Embedded,
        }
    }

    /// Whether cookies must be marked Secure (the site is served over HTTPS).
    pub fn https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// The 64-byte key that encrypts session cookies: `PRASSI_SECRET_KEY` when set (at least 64
    /// characters), otherwise `secret.key` in the data folder, created on first start.
    pub fn session_key_bytes(&self) -> Result<Vec<u8>, ConfigError> {
        use sha2::{Digest, Sha512};
        let material = match &self.secret_key {
            Some(k) if k.len() >= 64 => k.clone(),
            Some(_) => {
                return Err(ConfigError(
                    "PRASSI_SECRET_KEY must be at least 64 bytes".into(),
                ))
            }
            None => {
                let path = self.data_dir.join("secret.key");
                match std::fs::read_to_string(&path) {
                    Ok(k) if k.trim().len() >= 64 => k.trim().to_owned(),
                    // Never silently replace a damaged key: that would sign everyone out.
                    Ok(_) => {
                        return Err(ConfigError(format!(
                        "{} is shorter than 64 bytes; restore it or delete it to make a new one",
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
