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
    /// Longest wait for a free database connection, in milliseconds; then the request
    /// answers 503 with `Retry-After`.
    pub db_pool_timeout_ms: u64,
    /// SQLite only: how long a writer waits for the write lock (`PRAGMA busy_timeout`), in
    /// milliseconds.
    pub sqlite_busy_timeout_ms: u64,
    /// SQLite only: the page cache of each connection, in KiB (`PRAGMA cache_size`).
    pub sqlite_cache_kib: u32,
    /// HTTP worker threads of `prassi serve` (each runs its own event loop).
    pub http_workers: usize,
    /// Threads for blocking work (database, search) shared out among the HTTP workers.
    pub blocking_threads: usize,
    /// The embedded search index writer's memory budget, in MB (at least 15).
    pub search_writer_mb: usize,
    /// Result pages the embedded search engine keeps for repeated searches; 0 keeps none.
    pub search_cache_entries: usize,
    /// Allocator arenas for `prassi serve`: jemalloc's (Rust's allocations, `narenas`) and
    /// glibc's (C libraries', `MALLOC_ARENA_MAX`); 0 leaves each allocator's default.
    pub malloc_arena_max: u32,
    /// The rendered-HTML cache, in KiB (keys and HTML counted); 0 turns it off.
    pub render_cache_kib: usize,
    /// The question threads kept by the question page, in KiB; 0 turns it off.
    pub thread_cache_kib: usize,
    /// Run the outbox worker in this process.
    pub worker: bool,
    /// Which search engine: the embedded index in the data folder, or a Meilisearch server.
    pub search: SearchConfig,
    /// The largest file a member may upload to a group's documents, in bytes
    /// (`PRASSI_UPLOAD_MAX_MB`, 25 MB by default); enforced while the upload streams in.
    pub upload_max_bytes: u64,
    /// Where uploaded files are kept.
    pub storage: StorageConfig,
    /// Reply by email: the reply address, the inbound endpoint's secret, the size limit.
    pub mail_replies: MailReplies,
    /// Expert routing of unanswered questions (`prassi_qa::service::routing`).
    pub expert_routing: ExpertRouting,
}

/// Expert routing (`docs/notifications.md#expert-routing`): a question still open and without
/// answers `after_hours` after it was asked invites up to `experts` matching experts, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpertRouting {
    /// `PRASSI_EXPERT_ROUTING_AFTER_HOURS` (default [`DEFAULT_EXPERT_ROUTING_AFTER_HOURS`]);
    /// 0 turns routing off.
    pub after_hours: u32,
    /// `PRASSI_EXPERT_ROUTING_EXPERTS` (default [`DEFAULT_EXPERT_ROUTING_EXPERTS`], at least 1):
    /// how many experts a question may have invited, invitations by hand included.
    pub experts: u32,
}

impl Default for ExpertRouting {
    fn default() -> Self {
        ExpertRouting {
            after_hours: DEFAULT_EXPERT_ROUTING_AFTER_HOURS,
            experts: DEFAULT_EXPERT_ROUTING_EXPERTS,
        }
    }
}

/// Reply by email (`prassi_notifications::mail`, `docs/notifications.md`).
#[derive(Clone, PartialEq, Eq)]
pub struct MailReplies {
    /// `PRASSI_MAIL_REPLY_ADDRESS`, e.g. `risposte@example.org`: notification emails then carry
    /// `risposte+<token>@example.org` as their `Reply-To`. Unset: reply by email is off.
    pub address: Option<String>,
    /// `PRASSI_MAIL_INBOUND_SECRET`: the bearer secret of `POST /api/v1/mail/inbound`
    /// (at least [`MIN_INBOUND_SECRET_CHARS`] characters). Unset: the endpoint answers 404.
    pub inbound_secret: Option<String>,
    /// `PRASSI_MAIL_INBOUND_MAX_KB` (default [`DEFAULT_MAIL_INBOUND_MAX_KB`]), in bytes: a
    /// larger incoming message is refused before it is parsed.
    pub max_bytes: usize,
}

impl Default for MailReplies {
    fn default() -> Self {
        MailReplies {
            address: None,
            inbound_secret: None,
            max_bytes: DEFAULT_MAIL_INBOUND_MAX_KB * 1024,
        }
    }
}

impl std::fmt::Debug for MailReplies {
    // The secret never reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailReplies")
            .field("address", &self.address)
            .field(
                "inbound_secret",
                &self.inbound_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("max_bytes", &self.max_bytes)
            .finish()
    }
}

impl MailReplies {
    /// Checks a reply address: `local@domain`, the local part without `+` and short enough
    /// to take `+` and a token within the 64 characters a local part may have.
    fn check_address(address: &str) -> Result<String, ConfigError> {
        let address = address.trim();
        let bad = |why: &str| {
            ConfigError(format!(
                "PRASSI_MAIL_REPLY_ADDRESS {address:?}: {why} (e.g. risposte@example.org)"
            ))
        };
        let (local, domain) = address
            .split_once('@')
            .ok_or_else(|| bad("not an address"))?;
        if local.is_empty()
            || domain.is_empty()
            || domain.contains('@')
            || address.chars().any(|c| c.is_whitespace() || c.is_control())
            || address.contains(['<', '>', '"', ',', ';'])
        {
            return Err(bad("not a plain address"));
        }
        if local.contains('+') {
            return Err(bad("the local part must not contain '+'"));
        }
        if local.chars().count() > MAX_REPLY_LOCAL_CHARS {
            return Err(bad(&format!(
                "the local part may have at most {MAX_REPLY_LOCAL_CHARS} characters"
            )));
        }
        Ok(address.to_owned())
    }
}

/// `PRASSI_STORAGE` = `folder` (default: `<data dir>/files`) or `s3` with `PRASSI_S3_BUCKET`,
/// `PRASSI_S3_REGION`, `PRASSI_S3_ENDPOINT` (for S3-compatible servers), and the keys
/// `PRASSI_S3_ACCESS_KEY_ID` and `PRASSI_S3_SECRET_ACCESS_KEY`.
#[derive(Clone, PartialEq, Eq)]
pub enum StorageConfig {
    Folder(PathBuf),
    S3(S3Config),
}

/// An S3 or S3-compatible bucket (MinIO, Garage, Ceph, a cloud provider's).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct S3Config {
    /// The server's address, e.g. `https://s3.example.it` or `http://127.0.0.1:9000`; unset
    /// means Amazon S3 itself. An `http://` address is allowed (a server on the same host or
    /// network); requests then use path-style URLs (`<endpoint>/<bucket>/<key>`).
    pub endpoint: Option<String>,
    pub bucket: String,
    pub region: String,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for StorageConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageConfig::Folder(p) => f.debug_tuple("Folder").field(p).finish(),
            StorageConfig::S3(s) => f.debug_tuple("S3").field(s).finish(),
        }
    }
}

impl std::fmt::Debug for S3Config {
    // The secret key never reaches a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Config")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key_id", &self.access_key_id)
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
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
    db_pool_timeout_ms: Option<u64>,
    sqlite_busy_timeout_ms: Option<u64>,
    sqlite_cache_kib: Option<u32>,
    http_workers: Option<usize>,
    blocking_threads: Option<usize>,
    search_writer_mb: Option<usize>,
    search_cache_entries: Option<usize>,
    malloc_arena_max: Option<u32>,
    render_cache_kib: Option<usize>,
    thread_cache_kib: Option<usize>,
    worker: Option<bool>,
    search: Option<String>,
    meili_url: Option<String>,
    meili_key: Option<String>,
    meili_index: Option<String>,
    upload_max_mb: Option<u64>,
    storage: Option<String>,
    s3_endpoint: Option<String>,
    s3_bucket: Option<String>,
    s3_region: Option<String>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
    mail_reply_address: Option<String>,
    mail_inbound_secret: Option<String>,
    mail_inbound_max_kb: Option<usize>,
    expert_routing_after_hours: Option<u32>,
    expert_routing_experts: Option<u32>,
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
            None => fc.db_pool_size.unwrap_or_else(default_db_pool_size),
        };
        // Whole numbers read the same way: the environment wins, then the file, then the
        // default; anything below `min` is refused with the setting's name.
        fn number<T>(
            name: &str,
            env: Option<String>,
            file: Option<T>,
            default: T,
            min: T,
        ) -> Result<T, ConfigError>
        where
            T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
        {
            let value = match env {
                Some(v) => v
                    .trim()
                    .parse()
                    .map_err(|_| ConfigError(format!("{name} {v:?} is not a whole number")))?,
                None => file.unwrap_or(default),
            };
            if value < min {
                return Err(ConfigError(format!(
                    "{name} must be at least {min}, not {value}"
                )));
            }
            Ok(value)
        }
        let db_pool_size = db_pool_size.max(1);
        let db_pool_timeout_ms = number(
            "PRASSI_DB_POOL_TIMEOUT_MS",
            env("PRASSI_DB_POOL_TIMEOUT_MS"),
            fc.db_pool_timeout_ms,
            DEFAULT_DB_POOL_TIMEOUT_MS,
            1,
        )?;
        let sqlite_busy_timeout_ms = number(
            "PRASSI_SQLITE_BUSY_TIMEOUT_MS",
            env("PRASSI_SQLITE_BUSY_TIMEOUT_MS"),
            fc.sqlite_busy_timeout_ms,
            DEFAULT_SQLITE_BUSY_TIMEOUT_MS,
            0,
        )?;
        let sqlite_cache_kib = number(
            "PRASSI_SQLITE_CACHE_KIB",
            env("PRASSI_SQLITE_CACHE_KIB"),
            fc.sqlite_cache_kib,
            DEFAULT_SQLITE_CACHE_KIB,
            0,
        )?;
        let http_workers = number(
            "PRASSI_HTTP_WORKERS",
            env("PRASSI_HTTP_WORKERS"),
            fc.http_workers,
            default_http_workers(),
            1,
        )?;
        let blocking_threads = number(
            "PRASSI_BLOCKING_THREADS",
            env("PRASSI_BLOCKING_THREADS"),
            fc.blocking_threads,
            default_blocking_threads(db_pool_size),
            1,
        )?;
        let search_writer_mb = number(
            "PRASSI_SEARCH_WRITER_MB",
            env("PRASSI_SEARCH_WRITER_MB"),
            fc.search_writer_mb,
            DEFAULT_SEARCH_WRITER_MB,
            MIN_SEARCH_WRITER_MB,
        )?;
        let search_cache_entries = number(
            "PRASSI_SEARCH_CACHE_ENTRIES",
            env("PRASSI_SEARCH_CACHE_ENTRIES"),
            fc.search_cache_entries,
            DEFAULT_SEARCH_CACHE_ENTRIES,
            0,
        )?;
        let malloc_arena_max = number(
            "PRASSI_MALLOC_ARENA_MAX",
            env("PRASSI_MALLOC_ARENA_MAX"),
            fc.malloc_arena_max,
            DEFAULT_MALLOC_ARENA_MAX,
            0,
        )?;
        let render_cache_kib = number(
            "PRASSI_RENDER_CACHE_KIB",
            env("PRASSI_RENDER_CACHE_KIB"),
            fc.render_cache_kib,
            DEFAULT_RENDER_CACHE_KIB,
            0,
        )?;
        let thread_cache_kib = number(
            "PRASSI_THREAD_CACHE_KIB",
            env("PRASSI_THREAD_CACHE_KIB"),
            fc.thread_cache_kib,
            DEFAULT_THREAD_CACHE_KIB,
            0,
        )?;
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
        let upload_max_mb = number(
            "PRASSI_UPLOAD_MAX_MB",
            env("PRASSI_UPLOAD_MAX_MB"),
            fc.upload_max_mb,
            DEFAULT_UPLOAD_MAX_MB,
            1,
        )?;
        let storage = match env("PRASSI_STORAGE").or(fc.storage).as_deref() {
            None | Some("folder") => StorageConfig::Folder(data_dir.join("files")),
            Some("s3") => StorageConfig::S3(S3Config {
                endpoint: env("PRASSI_S3_ENDPOINT")
                    .or(fc.s3_endpoint)
                    .map(|e| e.trim_end_matches('/').to_owned()),
                bucket: env("PRASSI_S3_BUCKET").or(fc.s3_bucket).ok_or_else(|| {
                    ConfigError("PRASSI_STORAGE=s3 needs PRASSI_S3_BUCKET".into())
                })?,
                region: env("PRASSI_S3_REGION")
                    .or(fc.s3_region)
                    .unwrap_or_else(|| "us-east-1".into()),
                access_key_id: env("PRASSI_S3_ACCESS_KEY_ID").or(fc.s3_access_key_id),
                secret_access_key: env("PRASSI_S3_SECRET_ACCESS_KEY").or(fc.s3_secret_access_key),
            }),
            Some(other) => {
                return Err(ConfigError(format!(
                    "PRASSI_STORAGE {other:?}: use folder or s3"
                )))
            }
        };
        let mail_replies = MailReplies {
            address: env("PRASSI_MAIL_REPLY_ADDRESS")
                .or(fc.mail_reply_address)
                .filter(|a| !a.trim().is_empty())
                .map(|a| MailReplies::check_address(&a))
                .transpose()?,
            inbound_secret: match env("PRASSI_MAIL_INBOUND_SECRET")
                .or(fc.mail_inbound_secret)
                .filter(|s| !s.is_empty())
            {
                Some(s) if s.chars().count() < MIN_INBOUND_SECRET_CHARS => {
                    return Err(ConfigError(format!(
                        "PRASSI_MAIL_INBOUND_SECRET must be at least {MIN_INBOUND_SECRET_CHARS} characters"
                    )))
                }
                other => other,
            },
            max_bytes: number(
                "PRASSI_MAIL_INBOUND_MAX_KB",
                env("PRASSI_MAIL_INBOUND_MAX_KB"),
                fc.mail_inbound_max_kb,
                DEFAULT_MAIL_INBOUND_MAX_KB,
                1,
            )?
            .saturating_mul(1024),
        };
        let expert_routing = ExpertRouting {
            after_hours: number(
                "PRASSI_EXPERT_ROUTING_AFTER_HOURS",
                env("PRASSI_EXPERT_ROUTING_AFTER_HOURS"),
                fc.expert_routing_after_hours,
                DEFAULT_EXPERT_ROUTING_AFTER_HOURS,
                0,
            )?,
            experts: number(
                "PRASSI_EXPERT_ROUTING_EXPERTS",
                env("PRASSI_EXPERT_ROUTING_EXPERTS"),
                fc.expert_routing_experts,
                DEFAULT_EXPERT_ROUTING_EXPERTS,
                1,
            )?,
        };
        if let StorageConfig::S3(s3) = &storage {
            if let Some(e) = &s3.endpoint {
                url::Url::parse(e)
                    .map_err(|err| ConfigError(format!("PRASSI_S3_ENDPOINT {e:?}: {err}")))?;
            }
        }
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
            db_pool_timeout_ms,
            sqlite_busy_timeout_ms,
            sqlite_cache_kib,
            http_workers,
            blocking_threads,
            search_writer_mb,
            search_cache_entries,
            malloc_arena_max,
            render_cache_kib,
            thread_cache_kib,
            worker,
            search,
            upload_max_bytes: upload_max_mb.saturating_mul(1024 * 1024),
            storage,
            mail_replies,
            expert_routing,
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
            // Longer than in production: tests run many platforms at once on few cores, and a
            // test that wants the short bound sets it.
            db_pool_timeout_ms: 5_000,
            sqlite_busy_timeout_ms: DEFAULT_SQLITE_BUSY_TIMEOUT_MS,
            sqlite_cache_kib: DEFAULT_SQLITE_CACHE_KIB,
            http_workers: 1,
            blocking_threads: default_blocking_threads(4),
            search_writer_mb: MIN_SEARCH_WRITER_MB,
            search_cache_entries: DEFAULT_SEARCH_CACHE_ENTRIES,
            malloc_arena_max: DEFAULT_MALLOC_ARENA_MAX,
            render_cache_kib: DEFAULT_RENDER_CACHE_KIB,
            thread_cache_kib: DEFAULT_THREAD_CACHE_KIB,
            worker: false,
            search: SearchConfig::Embedded,
            upload_max_bytes: DEFAULT_UPLOAD_MAX_MB * 1024 * 1024,
            storage: StorageConfig::Folder(data_dir.join("files")),
            mail_replies: MailReplies::default(),
            expert_routing: ExpertRouting::default(),
        }
    }

    /// The database pool's bounds, as `prassi_db::Database::connect_with` takes them.
    pub fn pool_settings(&self) -> prassi_db::pool::PoolSettings {
        prassi_db::pool::PoolSettings {
            max_size: self.db_pool_size,
            timeout: std::time::Duration::from_millis(self.db_pool_timeout_ms),
            sqlite_busy_timeout: std::time::Duration::from_millis(self.sqlite_busy_timeout_ms),
            sqlite_cache_kib: self.sqlite_cache_kib,
        }
    }

    /// The blocking threads each HTTP worker may use: `blocking_threads` shared out among
    /// `http_workers`, rounded up, at least one.
    pub fn blocking_threads_per_worker(&self) -> usize {
        self.blocking_threads
            .div_ceil(self.http_workers.max(1))
            .max(1)
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

/// Database connections per instance, unless `PRASSI_DB_POOL_SIZE` says otherwise: two per
/// core, between 4 and 8. Each connection has a blocking thread (with its own allocator heap)
/// and, on SQLite, a page cache; on two cores 8 connections took 12 MB more than 4 and served
/// no more requests (2026-12-07, docs/performance.md).
pub fn default_db_pool_size() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
    u32::try_from(cores.saturating_mul(2))
        .unwrap_or(u32::MAX)
        .clamp(4, 8)
}
/// How long a request waits for a database connection before it answers 503.
pub const DEFAULT_DB_POOL_TIMEOUT_MS: u64 = 1_500;
/// How long a SQLite writer waits for the write lock before it gives up.
pub const DEFAULT_SQLITE_BUSY_TIMEOUT_MS: u64 = 5_000;
/// SQLite's page cache per connection, in KiB (SQLite's own default is 2,000). The operating
/// system caches the file too, so a page SQLite does not keep costs a read from memory, not
/// from disk: at 256 instead of 1,024 the process held 5 MB less after the harness's pages and
/// peaked 7.7 MB lower while answers were posted, with request rates within the machine's
/// noise (2026-12-07, docs/performance.md).
pub const DEFAULT_SQLITE_CACHE_KIB: u32 = 256;
/// The embedded search writer's memory budget, in MB.
pub const DEFAULT_SEARCH_WRITER_MB: usize = 20;
/// tantivy refuses a writer with less than 15 MB.
pub const MIN_SEARCH_WRITER_MB: usize = 15;
/// Result pages the embedded engine keeps (a page of 20 hits with snippets is about 10 KB).
pub const DEFAULT_SEARCH_CACHE_ENTRIES: usize = 256;
/// Allocator arenas. With glibc serving everything (until 2026-12-07), measured on 2 cores
/// under 64 connections and writes: 342 MB resident with glibc's default (8 per core), 110 MB
/// with 2 arenas, 95 MB with 1. jemalloc's per-thread caches take most allocations without
/// touching an arena, so 1 and 2 served the same; two, one per core of the reference machine.
pub const DEFAULT_MALLOC_ARENA_MAX: u32 = 2;
/// The rendered-HTML cache (Markdown and page fragments): 8 MiB holds the posts and answer
/// blocks of a few dozen busy question pages.
pub const DEFAULT_RENDER_CACHE_KIB: usize = 8_192;
/// The question threads (answers and comments) the question page keeps: 4 MiB holds those of a
/// few dozen busy questions.
pub const DEFAULT_THREAD_CACHE_KIB: usize = 4_096;

/// One HTTP worker per core, at most four: each worker is a thread with its own event loop
/// and its own blocking threads, and more than four add memory, not speed, when every request
/// ends up waiting for one of a handful of database connections.
fn default_http_workers() -> usize {
    std::thread::available_parallelism()
        .map_or(2, std::num::NonZeroUsize::get)
        .clamp(1, 4)
}

/// One blocking thread per database connection plus two for search (which needs no
/// connection): more threads would only wait for a connection, each with its own stack and,
/// under glibc, often its own malloc arena.
fn default_blocking_threads(db_pool_size: u32) -> usize {
    usize::try_from(db_pool_size)
        .unwrap_or(usize::MAX)
        .saturating_add(2)
}

/// The largest upload to a group's documents, in MB, unless `PRASSI_UPLOAD_MAX_MB` says
/// otherwise.
pub const DEFAULT_UPLOAD_MAX_MB: u64 = 25;

/// The largest incoming reply-by-email message, in KB, unless `PRASSI_MAIL_INBOUND_MAX_KB`
/// says otherwise: a written reply with its quoted thread, not attachments.
pub const DEFAULT_MAIL_INBOUND_MAX_KB: usize = 256;

/// Hours an open question waits for an answer before experts are invited.
pub const DEFAULT_EXPERT_ROUTING_AFTER_HOURS: u32 = 24;

/// Experts a question may have invited by routing (invitations by hand count).
pub const DEFAULT_EXPERT_ROUTING_EXPERTS: u32 = 3;

/// The shortest inbound-mail secret accepted, in characters.
pub const MIN_INBOUND_SECRET_CHARS: usize = 32;

/// The longest local part of a reply address: with `+` and a 32-character token it stays
/// within the 64 characters RFC 5321 allows.
pub const MAX_REPLY_LOCAL_CHARS: usize = 31;

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

    #[test]
    fn the_default_pool_is_two_connections_per_core_between_four_and_eight() {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        let size = super::default_db_pool_size();
        assert!((4..=8).contains(&size), "{size}");
        assert_eq!(size as usize, (2 * cores).clamp(4, 8));
        if std::env::var_os("PRASSI_DB_POOL_SIZE").is_none() {
            let file =
                std::env::temp_dir().join(format!("prassi-pool-{}.toml", std::process::id()));
            let _ = std::fs::write(&file, "sqlite_cache_kib = 512\n");
            let c = Config::load(Some(&file));
            let _ = std::fs::remove_file(&file);
            let Ok(c) = c else {
                panic!("{:?}", c.err());
            };
            assert_eq!(
                c.db_pool_size, size,
                "a file without db_pool_size takes the default"
            );
        }
    }

    #[test]
    fn memory_and_concurrency_bounds_come_from_the_file_and_refuse_values_below_their_minimum() {
        let dir = std::env::temp_dir().join(format!("prassi-config-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("prassi.toml");
        let load = |text: &str| {
            let _ = std::fs::write(&file, text);
            Config::load(Some(&file))
        };
        let c = load(
            "db_pool_size = 3\ndb_pool_timeout_ms = 250\nsqlite_busy_timeout_ms = 700\n\
             sqlite_cache_kib = 512\nhttp_workers = 2\nblocking_threads = 3\n\
             search_writer_mb = 40\nmalloc_arena_max = 0\n",
        );
        let Ok(c) = c else {
            panic!("{:?}", c.err());
        };
        let pool = c.pool_settings();
        assert_eq!(pool.max_size, 3);
        assert_eq!(pool.timeout, std::time::Duration::from_millis(250));
        assert_eq!(
            pool.sqlite_busy_timeout,
            std::time::Duration::from_millis(700)
        );
        assert_eq!(pool.sqlite_cache_kib, 512);
        assert_eq!(
            c.blocking_threads_per_worker(),
            2,
            "3 threads over 2 workers, rounded up"
        );
        assert_eq!((c.search_writer_mb, c.malloc_arena_max), (40, 0));
        // Defaults: the pool size plus two blocking threads.
        let c = load("db_pool_size = 6\n").map(|c| c.blocking_threads);
        assert_eq!(c.ok(), Some(8));
        for (text, name) in [
            ("search_writer_mb = 10\n", "PRASSI_SEARCH_WRITER_MB"),
            ("db_pool_timeout_ms = 0\n", "PRASSI_DB_POOL_TIMEOUT_MS"),
            ("http_workers = 0\n", "PRASSI_HTTP_WORKERS"),
        ] {
            let err = load(text).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(name), "{text}: {err}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn reply_by_email_settings_are_checked_when_loaded_and_the_secret_is_never_shown() {
        let dir = std::env::temp_dir().join(format!("prassi-config-mail-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("prassi.toml");
        let load = |text: &str| {
            let _ = std::fs::write(&file, text);
            Config::load(Some(&file))
        };
        let secret = "s".repeat(super::MIN_INBOUND_SECRET_CHARS);
        let c = load(&format!(
            "mail_reply_address = \"risposte@example.org\"\nmail_inbound_secret = \"{secret}\"\nmail_inbound_max_kb = 64\n"
        ));
        let Ok(c) = c else {
            panic!("{:?}", c.err());
        };
        assert_eq!(
            c.mail_replies.address.as_deref(),
            Some("risposte@example.org")
        );
        assert_eq!(c.mail_replies.max_bytes, 64 * 1024);
        assert!(
            !format!("{c:?}").contains(&secret),
            "the secret is redacted"
        );
        let c = load("").map(|c| c.mail_replies);
        assert_eq!(c.ok(), Some(super::MailReplies::default()));
        for (text, name) in [
            (
                "mail_reply_address = \"risposte+x@example.org\"\n",
                "PRASSI_MAIL_REPLY_ADDRESS",
            ),
            (
                "mail_reply_address = \"risposte\"\n",
                "PRASSI_MAIL_REPLY_ADDRESS",
            ),
            (
                "mail_reply_address = \"una-casella-dal-nome-davvero-troppo-lungo@example.org\"\n",
                "PRASSI_MAIL_REPLY_ADDRESS",
            ),
            (
                "mail_inbound_secret = \"corto\"\n",
                "PRASSI_MAIL_INBOUND_SECRET",
            ),
            ("mail_inbound_max_kb = 0\n", "PRASSI_MAIL_INBOUND_MAX_KB"),
        ] {
            let err = load(text).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(name), "{text}: {err}");
        }
        let _ = std::fs::remove_dir_all(&dir);
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
