//! Test fixtures for the integration suite: a whole platform per test on a fresh SQLite file,
//! or on a fresh PostgreSQL schema when `PRASSI_TEST_DATABASE_URL` is set, driven through the
//! real actix-web stack (middleware, sessions, CSRF, templates) by a cookie-keeping client.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test fixtures fail loudly"
)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::test::{self, TestRequest};
use diesel::prelude::*;
use prassi_core::config::Config;
use prassi_db::Role;
use prassi_server::Platform;

mod fixtures;
pub use fixtures::{Discussion, DiscussionBuilder, Question, QuestionBuilder, WikiPageBuilder};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// One isolated platform.
pub struct TestApp {
    pub platform: Platform,
    pub backend: Backend,
    dir: PathBuf,
    pg: Option<(String, String)>,
    /// Set by [`TestApp::allow_failed_outbox`].
    failed_outbox_allowed: AtomicBool,
}

/// The password every fixture account uses.
pub const PASSWORD: &str = "correct horse battery staple";

/// The argon2id hash of [`PASSWORD`], made once per test run and shared by every fixture
/// account (signing in still verifies it): hashing is deliberately slow, and the suite makes
/// hundreds of accounts. Accounts made through the platform's forms hash their own.
pub fn password_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| prassi_core::password::hash(PASSWORD).expect("hash the fixture password"))
}

impl TestApp {
    /// A platform on a fresh SQLite file in a fresh temporary folder.
    pub fn sqlite() -> Self {
        let dir = temp_dir();
        let url = format!("sqlite://{}", dir.join("prassi.db").display());
        Self::with(Backend::Sqlite, dir, url, None)
    }

    /// A platform on a fresh PostgreSQL schema, or `None` (and a note on stderr) when
    /// `PRASSI_TEST_DATABASE_URL` is unset.
    pub fn postgres() -> Option<Self> {
        let Some(base) = std::env::var("PRASSI_TEST_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
        else {
            eprintln!("skipped: PostgreSQL run (PRASSI_TEST_DATABASE_URL is not set)");
            return None;
        };
        let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
        let mut admin =
            PgConnection::establish(&base).expect("PRASSI_TEST_DATABASE_URL must connect");
        diesel::sql_query(format!("CREATE SCHEMA {schema}"))
            .execute(&mut admin)
            .expect("create schema");
        let sep = if base.contains('?') { '&' } else { '?' };
        // Commits do not wait for the WAL to reach the disk: a test's database is thrown away,
        // and transactions, locks and constraints behave exactly as with a flush.
        let url =
            format!("{base}{sep}options=-csearch_path%3D{schema}%20-csynchronous_commit%3Doff");
        Some(Self::with(
            Backend::Postgres,
            temp_dir(),
            url,
            Some((base, schema)),
        ))
    }

    fn with(backend: Backend, dir: PathBuf, url: String, pg: Option<(String, String)>) -> Self {
        if let Ok(filter) = std::env::var("PRASSI_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let config = Config::for_data_dir(&dir, &url);
        let platform = prassi_server::init(config).expect("platform starts");
        TestApp {
            platform,
            backend,
            dir,
            pg,
            failed_outbox_allowed: AtomicBool::new(false),
        }
    }

    /// A connection for fixtures and assertions.
    pub fn conn(&self) -> prassi_db::PooledConn {
        self.platform.state.db.get().expect("connection")
    }

    /// An approved, confirmed account with [`PASSWORD`] (its hash made once, [`password_hash`]).
    pub fn user(&self, username: &str, role: Role) -> prassi_db::UserId {
        let mut conn = self.conn();
        prassi_db::write_tx(&mut conn, |c| {
            let org = prassi_accounts::service::find_or_create_organisation(
                c,
                "Comune di Prova",
                prassi_db::OrganisationKind::PublicAdministration,
                Some("Veneto"),
            )?;
            prassi_accounts::service::insert_confirmed_user(
                c,
                username,
                &format!("{username}@example.org"),
                &capitalise(username),
                password_hash(),
                role,
                Some(&org),
            )
        })
        .expect("fixture user")
    }

    /// The access-rule view of an existing account, for calling services directly.
    pub fn viewer(&self, username: &str) -> prassi_core::access::Viewer {
        use prassi_db::schema::users;
        let mut conn = self.conn();
        let (id, role, status): (prassi_db::UserId, Role, prassi_db::AccountStatus) = users::table
            .filter(users::username.eq(username))
            .select((users::id, users::role, users::status))
            .first(&mut conn)
            .expect("fixture account");
        prassi_core::access::Viewer::Account(prassi_core::access::Account {
            id: id.clone(),
            username: username.into(),
            display_name: username.into(),
            role,
            status,
            // As a request would load it, so `group:<id>` audiences work for fixtures too.
            groups: if status == prassi_db::AccountStatus::Active {
                prassi_core::ctx::group_ids_of(&mut conn, &id).expect("fixture groups")
            } else {
                Default::default()
            },
        })
    }

    /// Sets the phase directly.
    pub fn set_phase(&self, phase: u8) {
        let mut conn = self.conn();
        prassi_core::settings::set(&mut conn, "phase", &phase.to_string()).expect("phase");
    }

    /// Runs one pass of the outbox worker.
    pub fn run_worker(&self) -> usize {
        prassi_server::worker()
            .run_once(&self.platform.state)
            .expect("worker pass")
    }

    /// Every email queued so far (processed or not), oldest first: (to, subject, body).
    pub fn mails(&self) -> Vec<(String, String, String)> {
        use prassi_db::schema::outbox;
        let mut conn = self.conn();
        let rows: Vec<String> = outbox::table
            .filter(outbox::topic.eq(prassi_core::mail::TOPIC))
            .order(outbox::id.asc())
            .select(outbox::payload)
            .load(&mut conn)
            .expect("outbox");
        rows.into_iter()
            .map(|p| {
                let m: prassi_core::mail::Email = serde_json::from_str(&p).expect("email json");
                (m.to, m.subject, m.body)
            })
            .collect()
    }

    /// The token in the newest email to `to` whose body contains `path` (e.g. `/verifica/`).
    pub fn link_token(&self, to: &str, path: &str) -> String {
        let mails = self.mails();
        let body = mails
            .iter()
            .rev()
            .find(|(t, _, b)| t == to && b.contains(path))
            .map(|(_, _, b)| b.clone())
            .unwrap_or_else(|| panic!("no mail to {to} with {path}: {mails:?}"));
        let start = body.find(path).unwrap() + path.len();
        body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }

    /// The folder holding this platform's data.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// A client with its own cookie jar, talking to a fresh app instance.
    pub async fn client(
        &self,
    ) -> Client<
        impl Service<
            actix_http::Request,
            Response = ServiceResponse<impl MessageBody>,
            Error = actix_web::Error,
        >,
    > {
        let svc = test::init_service(prassi_server::app(&self.platform)).await;
        Client {
            svc,
            cookies: HashMap::new(),
            peer: "192.0.2.10:4000".into(),
            bearer: None,
            lang: "it".into(),
        }
    }
}

/// The outbox topics [`prassi_server::worker`] has handlers for (every module's, from the
/// module list). An event of any other topic would wait forever in production; [`TestApp`]
/// fails the test that leaves one.
pub fn known_outbox_topics() -> Vec<String> {
    prassi_server::worker().topics()
}

/// What [`TestApp::outbox_problems`] reads of an event: topic, attempts, last error,
/// processed at, payload.
type OutboxLine = (
    String,
    i32,
    Option<String>,
    Option<chrono::NaiveDateTime>,
    String,
);

impl TestApp {
    /// Lets this test end with outbox events that failed (waiting for a retry) or whose topic
    /// no handler knows. Only for tests about failure itself; say why where you call it.
    pub fn allow_failed_outbox(&self) {
        self.failed_outbox_allowed.store(true, Ordering::SeqCst);
    }

    /// What is wrong with the outbox now: one line per event that failed and still waits
    /// (`attempts > 0`, not processed) or whose topic is not in [`known_outbox_topics`].
    pub fn outbox_problems(&self) -> Result<Vec<String>, String> {
        use prassi_db::schema::outbox;
        let mut conn = self
            .platform
            .state
            .db
            .get()
            .map_err(|e| format!("no connection to read the outbox: {e:?}"))?;
        let known = known_outbox_topics();
        let rows: Vec<OutboxLine> = outbox::table
            .filter(
                outbox::processed_at
                    .is_null()
                    .and(outbox::attempts.gt(0))
                    .or(outbox::topic.ne_all(&known)),
            )
            .order(outbox::id.asc())
            .select((
                outbox::topic,
                outbox::attempts,
                outbox::last_error,
                outbox::processed_at,
                outbox::payload,
            ))
            .load(&mut conn)
            .map_err(|e| format!("reading the outbox: {e}"))?;
        Ok(rows
            .into_iter()
            .map(|(topic, attempts, error, processed, payload)| {
                let payload: String = payload.chars().take(160).collect();
                let mut state = Vec::new();
                if !known.contains(&topic) {
                    state.push("no handler knows the topic".to_owned());
                }
                if processed.is_none() && attempts > 0 {
                    state.push(format!(
                        "failed {attempts} time(s), waits for a retry: {}",
                        error.unwrap_or_default()
                    ));
                }
                let state = state.join("; ");
                format!("  {topic} ({state}) {payload}")
            })
            .collect())
    }

    /// Panics when [`TestApp::outbox_problems`] finds any, unless the test opted out with
    /// [`TestApp::allow_failed_outbox`]. Runs when the app is dropped, at the end of every test.
    pub fn check_outbox(&self) {
        if self.failed_outbox_allowed.load(Ordering::SeqCst) {
            return;
        }
        match self.outbox_problems() {
            Ok(problems) if problems.is_empty() => {}
            Ok(problems) => panic!(
                "the test left {} outbox event(s) failed or with an unknown topic \
                 (a worker would retry or keep them forever); fix the cause, or call \
                 app.allow_failed_outbox() with a comment if the failure is what the test is about:\n{}",
                problems.len(),
                problems.join("\n")
            ),
            Err(e) => panic!("could not check the outbox at the end of the test: {e}"),
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Checked before clean-up, reported after it (a panic here would skip it). Never while
        // the test is already failing: a panic during unwinding aborts the whole run.
        let outbox = if std::thread::panicking() {
            Ok(())
        } else {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.check_outbox()))
        };
        if let Some((base, schema)) = &self.pg {
            if let Ok(mut c) = PgConnection::establish(base) {
                let _ = diesel::sql_query(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                    .execute(&mut c);
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Err(panic) = outbox {
            std::panic::resume_unwind(panic);
        }
    }
}

/// A fresh folder for a test's data: under `PRASSI_TEST_TMPDIR` when set, else in memory
/// (`/dev/shm`) when the machine has it, else the system's temporary folder. SQLite syncs every
/// commit to disk (`synchronous = FULL`); on a memory file system that costs nothing, and the
/// database behaves the same.
fn temp_dir() -> PathBuf {
    let base = std::env::var_os("PRASSI_TEST_TMPDIR")
        .map(PathBuf::from)
        .or_else(|| {
            let shm = PathBuf::from("/dev/shm");
            shm.is_dir().then_some(shm)
        })
        .unwrap_or_else(std::env::temp_dir);
    let dir = base.join(format!("prassi-test-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A response as the tests see it.
#[derive(Debug)]
pub struct Resp {
    pub status: StatusCode,
    pub headers: actix_web::http::header::HeaderMap,
    pub body: String,
}

impl Resp {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    /// The `Location` header.
    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }
    /// The CSRF token of the first form on the page.
    pub fn csrf(&self) -> Option<String> {
        let marker = "name=\"csrf_token\" value=\"";
        let start = self.body.find(marker)? + marker.len();
        let end = self.body[start..].find('"')? + start;
        Some(self.body[start..end].to_owned()).filter(|t| !t.is_empty())
    }
}

/// A browser-like client: keeps cookies, finds CSRF tokens, or speaks JSON with a bearer token.
pub struct Client<S> {
    svc: S,
    cookies: HashMap<String, String>,
    pub peer: String,
    pub bearer: Option<String>,
    pub lang: String,
}

impl<S, B> Client<S>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    async fn send(&mut self, mut req: TestRequest) -> Resp {
        req = req
            .peer_addr(self.peer.parse().expect("peer"))
            .insert_header((header::ACCEPT_LANGUAGE, self.lang.clone()));
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.insert_header((header::COOKIE, jar.join("; ")));
        }
        if let Some(t) = &self.bearer {
            req = req.insert_header((header::AUTHORIZATION, format!("Bearer {t}")));
        }
        let resp = match test::try_call_service(&self.svc, req.to_request()).await {
            Ok(r) => r,
            Err(e) => {
                // What the server sends for an error a middleware returned: its response.
                let r = e.error_response();
                let (status, headers) = (r.status(), r.headers().clone());
                let bytes = actix_web::body::to_bytes(r.into_body())
                    .await
                    .unwrap_or_default();
                return Resp {
                    status,
                    headers,
                    body: String::from_utf8_lossy(&bytes).into_owned(),
                };
            }
        };
        for c in resp.response().cookies() {
            let expired =
                c.max_age().is_some_and(|a| a.is_zero() || a.is_negative()) || c.value().is_empty();
            if expired {
                self.cookies.remove(c.name());
            } else {
                self.cookies
                    .insert(c.name().to_owned(), c.value().to_owned());
            }
        }
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = test::read_body(resp).await;
        let body = String::from_utf8_lossy(&bytes).into_owned();
        // Every page of every test doubles as a check that no message key is missing.
        assert!(
            !body.contains("Unknown localization key"),
            "a message key is missing: {}",
            body.lines()
                .find(|l| l.contains("Unknown localization key"))
                .unwrap_or_default()
        );
        Resp {
            status,
            headers,
            body,
        }
    }

    /// `GET path`.
    pub async fn get(&mut self, path: &str) -> Resp {
        self.send(TestRequest::get().uri(path)).await
    }

    /// `GET path` with one more request header (a validator such as `If-None-Match`).
    pub async fn get_with_header(&mut self, path: &str, name: &str, value: &str) -> Resp {
        self.send(
            TestRequest::get()
                .uri(path)
                .insert_header((name.to_owned(), value.to_owned())),
        )
        .await
    }

    /// Posts a form as a browser would: first loads `form_page` to obtain the CSRF token.
    pub async fn submit(&mut self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> Resp {
        let page = self.get(form_page).await;
        let token = page.csrf().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form(action, &all).await
    }

    /// Posts exactly these form fields (no CSRF token added).
    pub async fn post_form(&mut self, action: &str, fields: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(fields).expect("form");
        self.send(
            TestRequest::post()
                .uri(action)
                .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
                .set_payload(body),
        )
        .await
    }

    /// Sends JSON with `method`, adding `X-CSRF-Token` when given.
    pub async fn json(
        &mut self,
        method: Method,
        path: &str,
        body: &serde_json::Value,
        csrf: Option<&str>,
    ) -> Resp {
        let mut req = TestRequest::default()
            .method(method)
            .uri(path)
            .insert_header((header::CONTENT_TYPE, "application/json"))
            .set_payload(body.to_string());
        if let Some(t) = csrf {
            req = req.insert_header(("x-csrf-token", t.to_owned()));
        }
        self.send(req).await
    }

    /// Signs in through the login form; panics unless it redirects.
    pub async fn login(&mut self, login: &str, password: &str) {
        let r = self
            .submit(
                "/accedi",
                "/accedi",
                &[("login", login), ("password", password)],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "login of {login} failed: {}",
            r.body
        );
    }

    /// Whether the client holds a session cookie.
    pub fn has_session_cookie(&self) -> bool {
        self.cookies.contains_key(prassi_core::csrf::SESSION_COOKIE)
    }

    /// The cookies held now (to replay them later, as a thief with a stolen cookie would).
    pub fn cookies(&self) -> HashMap<String, String> {
        self.cookies.clone()
    }

    /// Replaces the cookie jar.
    pub fn set_cookies(&mut self, cookies: HashMap<String, String>) {
        self.cookies = cookies;
    }

    /// Forgets every cookie (a new browser).
    pub fn clear_cookies(&mut self) {
        self.cookies.clear();
    }
}

/// Counts the statements a closure sends to the database (to prove a page costs a fixed
/// number of queries).
pub fn count_queries<T>(
    conn: &mut prassi_db::DbConnection,
    f: impl FnOnce(&mut prassi_db::DbConnection) -> T,
) -> (T, usize) {
    let (out, counts) = count_statements(conn, f);
    (out, counts.started)
}

/// What a closure did with the connection's statements: how many it ran, and how many of
/// them the connection prepared and kept in its statement cache for the next time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatementCounts {
    pub started: usize,
    /// Distinct statements by their SQL text (binds aside).
    pub distinct: usize,
    pub newly_cached: usize,
}

/// Runs `f` and counts its statements (see [`StatementCounts`]).
pub fn count_statements<T>(
    conn: &mut prassi_db::DbConnection,
    f: impl FnOnce(&mut prassi_db::DbConnection) -> T,
) -> (T, StatementCounts) {
    use diesel::connection::{Instrumentation, InstrumentationEvent};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::sync::Mutex;
    type Texts = Arc<Mutex<std::collections::BTreeSet<String>>>;
    struct Counter(Arc<AtomicUsize>, Arc<AtomicUsize>, Texts);
    impl Instrumentation for Counter {
        fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
            match event {
                InstrumentationEvent::StartQuery { query, .. } => {
                    self.0.fetch_add(1, Ordering::SeqCst);
                    let text = query.to_string();
                    let sql = text.split(" -- binds:").next().unwrap_or_default();
                    if let Ok(mut texts) = self.2.lock() {
                        texts.insert(sql.to_owned());
                    }
                }
                InstrumentationEvent::CacheQuery { .. } => {
                    self.1.fetch_add(1, Ordering::SeqCst);
                }
                _ => {}
            }
        }
    }
    let (started, cached) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let texts: Texts = Arc::default();
    conn.set_instrumentation(Counter(started.clone(), cached.clone(), texts.clone()));
    let out = f(conn);
    // Stop counting: the pooled connection goes back with a no-op instrumentation.
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    let counts = StatementCounts {
        started: started.load(Ordering::SeqCst),
        distinct: texts.lock().map(|t| t.len()).unwrap_or(0),
        newly_cached: cached.load(Ordering::SeqCst),
    };
    (out, counts)
}

/// Declares a test that runs once on SQLite and once on PostgreSQL (when configured).
#[macro_export]
macro_rules! both_backends {
    ($(#[$m:meta])* async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($app: $crate::TestApp) $body
            $(#[$m])*
            #[actix_web::test]
            async fn sqlite() {
                run($crate::TestApp::sqlite()).await
            }
            $(#[$m])*
            #[actix_web::test]
            async fn postgres() {
                if let Some(app) = $crate::TestApp::postgres() {
                    run(app).await
                }
            }
        }
    };
}
