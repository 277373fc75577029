//! The `prassi` command line: serve, migrate, user, phase, demo, search, mail, healthcheck.
//! Only `serve` (and `search reindex`, on its first call) contact a Meilisearch server.

use std::io::Read;

use clap::{Parser, Subcommand};
use prassi_core::access::Phase;
use prassi_core::config::Config;
use prassi_db::Role;

/// jemalloc serves Rust's allocations: with glibc's malloc (capped at two arenas to bound
/// memory) the big question page served about 600 requests a second at 8 connections, with
/// jemalloc (per-thread caches in front of two arenas) about 930, in less memory
/// (2026-12-07, docs/performance.md). Its settings: [`tune_malloc`].
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Prassi — a platform for communities of practice in public administration.
///
/// With no settings it keeps everything (the SQLite database and the secret key) in ./data;
/// set PRASSI_DATABASE_URL=postgres://... to use PostgreSQL instead.
#[derive(Parser)]
#[command(name = "prassi", version, about, long_about)]
struct Cli {
    /// A TOML configuration file (default: $PRASSI_CONFIG, or ./prassi.toml when present).
    #[arg(long, global = true)]
    config: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (the default): applies migrations, starts the background worker and
    /// listens on PRASSI_BIND (default 127.0.0.1:8080).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts from the command line.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Show the opening phase, or set it: 1 closed (invited/approved members only),
    /// 2 extended (anyone may request membership), 3 open (anonymous visitors read public
    /// areas, anyone may register to take part).
    Phase {
        /// The new phase: 1, 2 or 3.
        phase: Option<String>,
    },
    /// Fill a new database with a believable demo community (organisations, members of every
    /// role, profiles, Q&A, forum, wiki) drawn from the source documents, and print the demo
    /// logins. The database may already hold administrators (they are kept), but no other
    /// accounts and no content.
    ///
    /// With --size, also generate the standard dataset the benchmarks run on (bench/run.sh):
    /// `small` (50 members, 200 questions, 1,000 answers) or `large` (1,000 members, 10,000
    /// questions, 100,000 answers, 30,000 comments, 240,000 votes, 1,000 wiki pages), built
    /// through the service functions, then indexed for search in one pass. Prints the time of
    /// each phase and the pages the benchmark uses.
    Demo {
        /// `small` or `large`.
        #[arg(long, value_parser = ["small", "large"])]
        size: Option<String>,
        /// Seed of the generated text and shape (same seed, same dataset).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Connections that write at once on PostgreSQL (SQLite always uses one).
        #[arg(long, default_value_t = 4)]
        jobs: usize,
    },
    /// Search index maintenance.
    #[command(subcommand)]
    Search(SearchCommand),
    /// Incoming mail (reply by email).
    #[command(subcommand)]
    Mail(MailCommand),
    /// Recompute the stored counters (Q&A reputation, activity and list counts) from the
    /// questions, answers and votes, in one transaction, and say whether they had drifted.
    /// They are kept in step by every write; this proves it, or repairs data imported by hand.
    Recount,
    /// Run the hourly tasks once, now: clean-ups, reminders, expert routing, review dates,
    /// polls closing and about to close, digests. `prassi serve` runs them every hour; this
    /// runs them on demand (or from cron when no server runs a worker). What they queue
    /// (notifications, emails) is delivered by the server's worker. Prints the time taken and
    /// the emails queued.
    Housekeeping,
    /// Ask the server running on PRASSI_BIND (over loopback when it listens on every address)
    /// for GET /healthz; exit 0 when it answers 200, 1 otherwise. For container health checks:
    /// it reads the settings but touches neither the database nor the data folder.
    Healthcheck,
}

#[derive(Subcommand)]
enum SearchCommand {
    /// Rebuild the whole search index from the database (questions and answers, discussions
    /// and replies, wiki pages, consenting members). Running it twice changes nothing. With
    /// the embedded engine, stop `prassi serve` first: one process writes the index at a time.
    Reindex,
}

#[derive(Subcommand)]
enum MailCommand {
    /// Post the reply read from standard input (reply by email).
    ///
    /// Reads one message (RFC 5322) as a mail server's pipe delivers it and posts it as the
    /// reply it answers, as its member. Exit status (sysexits.h): 0 posted;
    /// 65 refused for the message (too large, unreadable, empty, automatic, invalid); 67 for
    /// the address or sender (no, unknown or used reply address, wrong sender); 77 for the
    /// member's rights (suspended, no longer allowed, closed); 69 not configured; 75 try
    /// again later. See docs/notifications.md.
    Receive,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an approved account with a confirmed address. The password is read from
    /// standard input (at least 12 characters).
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
        /// member, expert, moderator or admin.
        #[arg(long, default_value = "member")]
        role: String,
        /// Name shown to others (default: the username).
        #[arg(long)]
        display_name: Option<String>,
        /// Organisation name (created if new).
        #[arg(long)]
        organisation: Option<String>,
    },
}

fn main() {
    let cli = Cli::parse();
    if let Err(e) = init_logging().and_then(|()| run(cli)) {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

/// Logs go to standard error (standard output is for what commands print): filtered by
/// `PRASSI_LOG`, as text (coloured only when standard error is a terminal) or, with
/// `PRASSI_LOG_FORMAT=json`, one JSON object per line.
fn init_logging() -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_env("PRASSI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let format = std::env::var("PRASSI_LOG_FORMAT")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format.as_str() {
        "" | "text" => builder
            .with_ansi(std::io::stderr().is_terminal())
            .try_init(),
        "json" => builder
            .json()
            .flatten_event(true)
            .with_current_span(false)
            .with_ansi(false)
            .try_init(),
        other => anyhow::bail!("PRASSI_LOG_FORMAT must be text or json, not {other:?}"),
    }
    .map_err(|e| anyhow::anyhow!("logging: {e}"))
}

/// SQLite's page cache per connection for the one-off commands that write in bulk, in KiB:
/// with the default 1 MB, inserting 100,000s of rows rewrites the same index pages over and
/// over (the large dataset's answers take a quarter longer, its vote inserts 2.5 times).
const BULK_SQLITE_CACHE_KIB: u32 = 64 * 1024;

/// The configuration of a one-off command that writes in bulk (`search reindex`, `demo`): at
/// least [`prassi_search::embedded::BULK_WRITER_MB`] for the embedded index's writer (two
/// indexing threads) and [`BULK_SQLITE_CACHE_KIB`] of page cache per SQLite connection;
/// `serve` keeps the configured bounds.
fn bulk(mut config: Config) -> Config {
    config.search_writer_mb = config
        .search_writer_mb
        .max(prassi_search::embedded::BULK_WRITER_MB);
    config.sqlite_cache_kib = config.sqlite_cache_kib.max(BULK_SQLITE_CACHE_KIB);
    config
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::load(cli.config.as_deref())?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::Migrate => {
            let platform = prassi_server::init(config)?;
            println!("database ready ({})", platform.state.db.kind().name());
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Create {
                    username,
                    email,
                    role,
                    display_name,
                    organisation,
                },
        } => {
            let role = Role::parse(&role).ok_or_else(|| {
                anyhow::anyhow!("role must be member, expert, moderator or admin")
            })?;
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']).to_owned();
            let platform = prassi_server::init(config)?;
            let mut conn = platform.state.db.get()?;
            let display = display_name.unwrap_or_else(|| username.clone());
            let id = prassi_db::write_tx(&mut conn, |conn| {
                let org = match organisation.as_deref() {
                    Some(name) => Some(prassi_accounts::service::find_or_create_organisation(
                        conn,
                        name,
                        prassi_db::OrganisationKind::Other,
                        None,
                    )?),
                    None => None,
                };
                prassi_accounts::service::create_user_direct(
                    conn,
                    &username,
                    &email,
                    &display,
                    &password,
                    role,
                    org.as_ref(),
                )
            })
            .map_err(|e| anyhow::anyhow!("{}", prassi_core::i18n::t("en", &e.message)))?;
            println!("created {role} {username} ({id})");
            Ok(())
        }
        Command::Phase { phase } => {
            let platform = prassi_server::init(config)?;
            let mut conn = platform.state.db.get()?;
            match phase {
                None => {
                    let s = prassi_core::settings::SiteSettings::load(&mut conn)?;
                    println!("phase {}", s.phase.number());
                }
                Some(p) => {
                    let phase = Phase::from_number(&p)
                        .ok_or_else(|| anyhow::anyhow!("the phase is 1, 2 or 3"))?;
                    prassi_db::write_tx(&mut conn, |conn| {
                        prassi_accounts::service::set_phase(conn, None, phase)
                    })
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                    println!("phase {}", phase.number());
                }
            }
            Ok(())
        }
        Command::Recount => {
            let platform = prassi_server::init(config)?;
            let mut conn = platform.state.db.get()?;
            let started = std::time::Instant::now();
            let (before, after) = prassi_db::write_tx(&mut conn, |c| {
                let before = prassi_qa::counters::snapshot(c)?;
                prassi_qa::counters::recompute(c)?;
                prassi_forum::service::recount(c)?;
                Ok::<_, prassi_core::AppError>((before, prassi_qa::counters::snapshot(c)?))
            })
            .map_err(|e| anyhow::anyhow!("recount: {e}"))?;
            println!(
                "Recounted {} member rows and {} list counts in {:.1?}: {}",
                after.0.len(),
                after.1.len(),
                started.elapsed(),
                if before == after {
                    "no drift"
                } else {
                    "drift repaired"
                }
            );
            Ok(())
        }
        Command::Search(SearchCommand::Reindex) => {
            let platform = prassi_server::init(bulk(config))?;
            let mut conn = platform.state.db.get()?;
            let started = std::time::Instant::now();
            let counts = prassi_search::documents::reindex(&mut conn, &platform.state)
                .map_err(|e| anyhow::anyhow!("reindex: {e}"))?;
            let mut kinds: Vec<_> = counts.into_iter().collect();
            kinds.sort();
            let total: usize = kinds.iter().map(|(_, n)| n).sum();
            println!(
                "Indexed {total} documents with the {} engine in {:.1?}:",
                platform.state.search.name(),
                started.elapsed()
            );
            for (kind, n) in kinds {
                println!("  {kind:<10} {n}");
            }
            Ok(())
        }
        Command::Housekeeping => {
            let platform = prassi_server::init(config)?;
            let before = prassi_server::queued_emails(&platform.state)?;
            let started = std::time::Instant::now();
            prassi_server::worker()
                .housekeeping(&platform.state)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let queued = prassi_server::queued_emails(&platform.state)? - before;
            println!(
                "housekeeping done in {:.2} s; {queued} emails queued",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Demo { size, seed, jobs } => {
            let mut config = config;
            if size.is_none() && config.mail == prassi_core::config::MailTransport::Log {
                // The demo's addresses are invented: its mail goes to the outgoing mail folder
                // (`<data>/mail`, `.eml` files to read) unless PRASSI_MAIL says otherwise.
                config.mail =
                    prassi_core::config::MailTransport::File(config.data_dir.join("mail"));
            }
            let platform = prassi_server::init(bulk(config))?;
            let Some(size) = size else {
                let logins = prassi_server::demo::fill(&platform.state)?;
                print_logins(&logins);
                let told = prassi_server::demo::tell(&platform.state)?;
                println!(
                    "Notifications delivered: {}; digests sent: {}; emails: {} ({}).",
                    told.notifications,
                    told.digests,
                    told.emails,
                    match &platform.state.config.mail {
                        prassi_core::config::MailTransport::File(dir) =>
                            format!("written to {}", dir.display()),
                        prassi_core::config::MailTransport::Log =>
                            "written to the log; PRASSI_MAIL=file:<folder> keeps them as files"
                                .to_owned(),
                        prassi_core::config::MailTransport::Smtp(_) => "sent by SMTP".to_owned(),
                    }
                );
                return Ok(());
            };
            use prassi_server::demo;
            let size = demo::Size::named(&size)
                .ok_or_else(|| anyhow::anyhow!("the size is small or large"))?;
            println!(
                "Generating the {} dataset on {} (seed {seed})…",
                size.name(),
                platform.state.db.kind().name()
            );
            let report = demo::generate(&platform.state, &demo::Options { size, seed, jobs })?;
            print_logins(&report.logins);
            for note in &report.notes {
                println!("{note}");
            }
            println!("Phases:");
            for p in &report.phases {
                println!(
                    "  {:<18} {:>8} items {:>8.1} s",
                    p.name,
                    p.items,
                    p.elapsed.as_secs_f64()
                );
            }
            let indexing = report
                .phases
                .iter()
                .filter(|p| p.name == "search index")
                .map(|p| p.elapsed.as_secs_f64())
                .sum::<f64>();
            println!(
                "Total: {:.1} s ({:.1} s without the search index)",
                report.total.as_secs_f64(),
                report.total.as_secs_f64() - indexing
            );
            for (what, equal) in &report.recounts {
                println!(
                    "{what}: {}",
                    if *equal {
                        "maintained values equal their recount"
                    } else {
                        "DIFFERED from their recount (the recount is kept)"
                    }
                );
            }
            println!("Benchmark pages:");
            for (label, page) in &report.pages {
                println!("  {label:<13} {page}");
            }
            Ok(())
        }
        Command::Healthcheck => healthcheck(&config.bind),
        Command::Mail(MailCommand::Receive) => {
            let code = match prassi_server::init(config) {
                Ok(platform) => {
                    prassi_notifications::mail::cli::receive_from(&platform.state, std::io::stdin())
                }
                Err(e) => {
                    eprintln!("error: {e:#}");
                    prassi_notifications::mail::EX_TEMPFAIL
                }
            };
            std::process::exit(code)
        }
    }
}

fn print_logins(logins: &prassi_server::demo::Logins) {
    println!(
        "Demo community created. Logins (password for all: {}):",
        logins.password
    );
    for (username, role) in &logins.accounts {
        println!("  {username:<12} {role}");
    }
    if !logins.kept.is_empty() {
        println!(
            "Existing administrators kept, with their own passwords: {}",
            logins.kept.join(", ")
        );
    }
}

/// `prassi healthcheck`: a plain HTTP/1.0 `GET /healthz` to the local server.
fn healthcheck(bind: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, TcpStream, ToSocketAddrs};
    use std::time::Duration;
    let mut addr = bind
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .ok_or_else(|| anyhow::anyhow!("PRASSI_BIND {bind:?} is not an address:port"))?;
    // A server listening on every address answers on loopback.
    if addr.ip().is_unspecified() {
        addr.set_ip(match addr.ip() {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
        });
    }
    let timeout = Duration::from_secs(5);
    let mut stream =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| anyhow::anyhow!("{addr}: {e}"))?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    stream.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n")?;
    let mut answer = Vec::new();
    // The server closes the connection after an HTTP/1.0 answer; the status line is enough.
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    let status_line = answer.lines().next().unwrap_or_default().to_owned();
    if status_line.split_whitespace().nth(1) == Some("200") {
        println!("ok: {status_line}");
        Ok(())
    } else {
        anyhow::bail!("http://{addr}/healthz answered {status_line:?}")
    }
}

fn serve(config: Config) -> anyhow::Result<()> {
    tune_malloc(config.malloc_arena_max);
    let bind = config.bind.clone();
    std::fs::create_dir_all(&config.data_dir)?;
    let data_dir =
        std::fs::canonicalize(&config.data_dir).unwrap_or_else(|_| config.data_dir.clone());
    tracing::info!(data_dir = %data_dir.display(), database = %redact(&config.database_url), "starting Prassi: all local data lives in the data folder");
    if config.trust_proxy {
        let proxies: Vec<String> = config
            .trusted_proxies
            .iter()
            .map(ToString::to_string)
            .collect();
        tracing::info!(
            proxies = %proxies.join(", "),
            "client addresses come from X-Forwarded-For only on requests from these proxies"
        );
    }
    let platform = prassi_server::init_for_serving(config)?;
    {
        let mut conn = platform.state.db.get()?;
        if !prassi_accounts::demo::has_admin(&mut conn)? {
            tracing::info!(
                "no administrator yet: create one with `prassi user create --username admin --email you@example.org --role admin` (password on standard input), or fill a demo community with `prassi demo`"
            );
        }
    }
    let system = actix_web::rt::System::new();
    system.block_on(async move {
        if platform.state.config.worker {
            prassi_server::worker().spawn(platform.state.clone());
        }
        let p = platform.clone();
        let config = &platform.state.config;
        // Threads are the main cost in memory: each worker has its own event loop and its own
        // blocking threads (tokio's default is 512 shared out among the workers), and under
        // glibc a busy thread often gets its own malloc arena. See docs/configuration.md.
        let server = actix_web::HttpServer::new(move || prassi_server::app(&p))
            .workers(config.http_workers)
            .worker_max_blocking_threads(config.blocking_threads_per_worker())
            .bind(&bind)?;
        tracing::info!(
            workers = config.http_workers,
            blocking_threads_per_worker = config.blocking_threads_per_worker(),
            db_pool_size = config.db_pool_size,
            db_pool_timeout_ms = config.db_pool_timeout_ms,
            "listening on http://{bind}"
        );
        server.run().await
    })?;
    Ok(())
}

/// Allocator settings read only when the process starts, so `serve` executes itself again,
/// once, with them in the environment (same process id, same arguments), before any thread
/// exists. A value already in the environment wins. `max` is `PRASSI_MALLOC_ARENA_MAX`
/// (0: each allocator's own default).
///
/// - **jemalloc** (Rust's allocations), `_RJEM_MALLOC_CONF`: `max` arenas behind the
///   per-thread caches, and a background thread that gives freed pages back to the system
///   after 100 ms (`dirty_decay_ms:100,muzzy_decay_ms:0`). At jemalloc's defaults (8 arenas
///   on two cores, 10 s decay) the harness's question, list and wiki pages held 109–125 MB,
///   with these 91–104 MB; at 0 ms the big question page lost a fifth of its requests
///   (2026-12-07, docs/performance.md).
/// - **glibc** (what C libraries such as SQLite allocate): it gives threads that allocate at
///   the same time their own arenas (up to 8 per core) and keeps large freed blocks (its
///   threshold for mapping a block of its own rises with every large block freed, up to
///   32 MiB, and the top of a heap is returned only past a threshold that rises with it). So
///   `MALLOC_ARENA_MAX` is `max` and both thresholds are fixed at 1 MiB (`GLIBC_TUNABLES`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_malloc(max: u32) {
    use std::os::unix::process::CommandExt;
    let unset = |name: &str| std::env::var_os(name).is_none();
    let arenas = max > 0 && unset("MALLOC_ARENA_MAX");
    let tunables = unset("GLIBC_TUNABLES");
    let jemalloc = unset(JEMALLOC_CONF);
    if !arenas && !tunables && !jemalloc {
        return;
    }
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => {
            tracing::warn!(error = %e, "cannot find the program to tune malloc; keeping the allocators' defaults");
            return;
        }
    };
    let mut args = std::env::args_os();
    let mut command = std::process::Command::new(exe);
    if let Some(arg0) = args.next() {
        command.arg0(arg0);
    }
    command.args(args);
    if arenas {
        command.env("MALLOC_ARENA_MAX", max.to_string());
    }
    if tunables {
        command.env(
            "GLIBC_TUNABLES",
            "glibc.malloc.mmap_threshold=1048576:glibc.malloc.trim_threshold=1048576",
        );
    }
    if jemalloc {
        command.env(JEMALLOC_CONF, jemalloc_conf(max));
    }
    // `exec` returns only when it failed.
    let e = command.exec();
    tracing::warn!(error = %e, "cannot tune malloc; keeping the allocators' defaults");
}

/// The variable jemalloc reads its settings from (tikv-jemallocator prefixes its symbols
/// with `_rjem_`, and the variable's name with them).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const JEMALLOC_CONF: &str = "_RJEM_MALLOC_CONF";

/// jemalloc's settings for `max` arenas (0: its own default, four per core).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn jemalloc_conf(max: u32) -> String {
    let arenas = if max > 0 {
        format!("narenas:{max},")
    } else {
        String::new()
    };
    format!("{arenas}background_thread:true,dirty_decay_ms:100,muzzy_decay_ms:0")
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_malloc(_max: u32) {}

/// Hides a password in a database URL for the log.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}
