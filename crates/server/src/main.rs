//! The `prassi` command line: serve, migrate, user, phase, demo.

use std::io::Read;

use clap::{Parser, Subcommand};
use prassi_core::access::Phase;
use prassi_core::config::Config;
use prassi_db::Role;

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
    /// Fill an empty database with a believable demo community (organisations, members of
    /// every role, profiles) drawn from the source documents, and print the demo logins.
    Demo,
    /// Search index maintenance.
    #[command(subcommand)]
    Search(SearchCommand),
}

#[derive(Subcommand)]
enum SearchCommand {
    /// Rebuild the whole search index from the database (questions and answers, discussions
    /// and replies, wiki pages, consenting members). Running it twice changes nothing. With
    /// the embedded engine, stop `prassi serve` first: one process writes the index at a time.
    Reindex,
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
    let filter = tracing_subscriber::EnvFilter::try_from_env("PRASSI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_env_filter(filter).init();
    if let Err(e) = run(Cli::parse()) {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
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
        Command::Search(SearchCommand::Reindex) => {
            let platform = prassi_server::init(config)?;
            let mut conn = platform.state.db.get()?;
            let started = std::time::Instant::now();
            let counts =
                prassi_search::documents::reindex(&mut conn, platform.state.search.as_ref())
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
        Command::Demo => {
            let platform = prassi_server::init(config)?;
            let logins = prassi_server::demo::fill(&platform.state)?;
            println!(
                "Demo community created. Logins (password for all: {}):",
                logins.password
            );
            for (username, role) in &logins.accounts {
                println!("  {username:<12} {role}");
            }
            Ok(())
        }
    }
}

fn serve(config: Config) -> anyhow::Result<()> {
    let bind = config.bind.clone();
    std::fs::create_dir_all(&config.data_dir)?;
    let data_dir =
        std::fs::canonicalize(&config.data_dir).unwrap_or_else(|_| config.data_dir.clone());
    tracing::info!(data_dir = %data_dir.display(), database = %redact(&config.database_url), "starting Prassi: all local data lives in the data folder");
    let platform = prassi_server::init(config)?;
    {
        let mut conn = platform.state.db.get()?;
        if !prassi_server::demo::has_admin(&mut conn)? {
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
        let server = actix_web::HttpServer::new(move || prassi_server::app(&p)).bind(&bind)?;
        tracing::info!("listening on http://{bind}");
        server.run().await
    })?;
    Ok(())
}

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
