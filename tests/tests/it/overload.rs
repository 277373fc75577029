//! Overload is answered fast: when every database connection is taken, or every blocking
//! thread is busy, a request answers 503 with `Retry-After` within the pool timeout
//! (`PRASSI_DB_POOL_TIMEOUT_MS`) instead of queueing until its client gives up, and the
//! platform serves again as soon as a connection is free.

use std::time::{Duration, Instant};

use super::*;
use actix_web::http::header;

/// The pool timeout these tests configure.
const BOUND: Duration = Duration::from_millis(400);
/// Slack for a loaded test machine: far below the 10 s requests used to wait.
const MARGIN: Duration = Duration::from_millis(1_500);

/// The same platform on the same database, with a pool of one connection that requests wait
/// [`BOUND`] for.
fn with_one_connection(mut app: TestApp) -> TestApp {
    let mut config = (*app.platform.state.config).clone();
    config.db_pool_size = 1;
    config.db_pool_timeout_ms = u64::try_from(BOUND.as_millis()).unwrap();
    app.platform = prassi_server::init(config).expect("platform with one connection");
    app
}

fn retry_after(resp: &prassi_tests::Resp) -> u64 {
    resp.headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("503 without a numeric Retry-After: {:?}", resp.headers))
}

both_backends! {
    async fn a_request_finding_every_connection_taken_answers_503_with_retry_after_within_the_pool_timeout_then_serves_again(app) {
        let app = with_one_connection(app);
        app.set_phase(3);
        let mut client = app.client().await;
        assert_eq!(client.get("/qa").await.status, StatusCode::OK);

        let held = app.conn();
        for path in ["/qa", "/api/v1/qa/questions"] {
            let started = Instant::now();
            let resp = client.get(path).await;
            let elapsed = started.elapsed();
            assert_eq!(resp.status, StatusCode::SERVICE_UNAVAILABLE, "{path}: {}", resp.body);
            assert!(retry_after(&resp) > 0, "{path}");
            assert!(
                elapsed >= BOUND - Duration::from_millis(50),
                "{path} answered in {elapsed:?}: it should have waited for a connection"
            );
            assert!(elapsed < BOUND + MARGIN, "{path} answered only after {elapsed:?}");
            if path.starts_with("/api/") {
                assert_eq!(resp.json()["error"]["kind"], "unavailable");
            }
        }

        drop(held);
        assert_eq!(client.get("/qa").await.status, StatusCode::OK);
        let api = client.get("/api/v1/qa/questions").await;
        assert_eq!(api.status, StatusCode::OK, "{}", api.body);
    }
}

both_backends! {
    async fn a_signed_in_request_whose_session_cannot_be_loaded_answers_503_with_retry_after_not_500(app) {
        let app = with_one_connection(app);
        app.set_phase(3);
        let mut client = app.signed_in("ornella", Role::Member).await;
        assert_eq!(client.get("/qa").await.status, StatusCode::OK);

        // The session store needs a connection before any handler runs.
        let held = app.conn();
        for path in ["/qa", "/api/v1/qa/questions", "/cerca?q=bilancio"] {
            let started = Instant::now();
            let resp = client.get(path).await;
            let elapsed = started.elapsed();
            assert_eq!(resp.status, StatusCode::SERVICE_UNAVAILABLE, "{path}: {}", resp.body);
            assert!(retry_after(&resp) > 0, "{path}");
            assert!(elapsed < BOUND + MARGIN, "{path} answered only after {elapsed:?}");
            if path.starts_with("/api/") {
                assert_eq!(resp.json()["error"]["kind"], "unavailable", "{path}");
            } else {
                assert!(resp.body.contains("<html"), "{path}: an error page, not a bare status: {}", resp.body);
            }
        }
        drop(held);
        let again = client.get("/qa").await;
        assert_eq!(again.status, StatusCode::OK);
        assert!(again.body.contains("action=\"/esci\""), "still signed in afterwards");
    }
}

/// On a runtime with a single blocking thread, kept busy: a request queued behind it gives up
/// after the pool timeout with 503, and its work never runs later.
fn queued_work_gives_up_within_the_pool_timeout(app: TestApp) {
    let app = with_one_connection(app);
    let state = app.platform.state.clone();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(1)
        .build()
        .expect("runtime");
    rt.block_on(async move {
        let busy = actix_web::web::block(|| std::thread::sleep(BOUND * 3));
        let ran = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = ran.clone();
        let started = Instant::now();
        let result = state
            .run(move |_conn| {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
                Ok(())
            })
            .await;
        let elapsed = started.elapsed();
        let err = result.expect_err("no thread was free");
        assert_eq!(err.kind, prassi_core::error::ErrorKind::Unavailable);
        assert!(elapsed < BOUND + MARGIN, "gave up only after {elapsed:?}");
        // Work without a connection (a search) is bound the same way.
        let started = Instant::now();
        let searched = state.block(|| Ok(())).await;
        assert_eq!(
            searched.expect_err("no thread was free").kind,
            prassi_core::error::ErrorKind::Unavailable
        );
        assert!(started.elapsed() < BOUND + MARGIN);
        busy.await.expect("the busy job ends");
        // Once the thread is free the abandoned job is dropped unstarted, and new work runs.
        state.run(|_conn| Ok(())).await.expect("served again");
        assert!(!ran.load(std::sync::atomic::Ordering::SeqCst));
    });
}

#[test]
fn work_queued_for_a_blocking_thread_gives_up_within_the_pool_timeout_sqlite() {
    queued_work_gives_up_within_the_pool_timeout(TestApp::sqlite());
}

#[test]
fn work_queued_for_a_blocking_thread_gives_up_within_the_pool_timeout_postgres() {
    if let Some(app) = TestApp::postgres() {
        queued_work_gives_up_within_the_pool_timeout(app);
    }
}

/// The pool pings a connection before handing it out only after a quiet spell
/// (`prassi_db::PING_BYPASS`): under load a checkout costs no round trip.
fn backend_pid(conn: &mut prassi_db::DbConnection) -> diesel::QueryResult<i32> {
    use diesel::prelude::*;
    diesel::select(diesel::dsl::sql::<diesel::sql_types::Integer>(
        "pg_backend_pid()",
    ))
    .get_result(conn)
}

both_backends! {
    async fn a_busy_pool_hands_out_connections_without_pinging_them(app) {
        use diesel::prelude::*;
        let db = prassi_db::Database::connect(&app.platform.state.config.database_url, 1).expect("pool");
        let one = |db: &prassi_db::Database| {
            let mut c = db.get().expect("connection");
            diesel::select(diesel::dsl::sql::<diesel::sql_types::Integer>("1")).execute(&mut c).expect("select");
        };
        one(&db);
        let (statements, pings) = (db.statements(), db.pings());
        one(&db);
        one(&db);
        assert_eq!((db.statements() - statements, db.pings() - pings), (2, 0), "no ping while busy");
        std::thread::sleep(prassi_db::PING_BYPASS + Duration::from_millis(100));
        let (statements, pings) = (db.statements(), db.pings());
        one(&db);
        assert_eq!(
            (db.statements() - statements, db.pings() - pings),
            (1, 1),
            "after a quiet spell a ping, not counted among the statements"
        );
    }
}

/// PostgreSQL ended a pooled connection (a restart, `pg_terminate_backend`): while the pool is
/// busy the next statement on it fails once and the connection is dropped, never handed out
/// again; after a quiet spell the ping finds it closed and nothing fails.
#[actix_web::test]
async fn a_connection_the_server_closed_is_dropped_and_never_handed_out_again() {
    use diesel::prelude::*;
    let Some(app) = TestApp::postgres() else {
        return;
    };
    let db =
        prassi_db::Database::connect(&app.platform.state.config.database_url, 1).expect("pool");
    let terminate = |pid: i32| {
        diesel::sql_query(format!("SELECT pg_terminate_backend({pid})"))
            .execute(&mut app.conn())
            .expect("terminate");
        // The backend exits on the signal; give it a moment, well inside the bypass window.
        std::thread::sleep(Duration::from_millis(50));
    };
    let first = backend_pid(&mut db.get().expect("connection")).expect("pid");
    terminate(first);
    let found = backend_pid(&mut db.get().expect("connection"));
    let err = found.expect_err("the ended connection, handed out without a ping, fails once");
    assert!(
        matches!(
            err,
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ClosedConnection,
                _
            )
        ),
        "{err:?}"
    );
    let second = backend_pid(&mut db.get().expect("connection")).expect("a new connection serves");
    assert_ne!(second, first);
    // Quiet, then ended: the ping on the way out finds it closed and a new one is opened.
    terminate(second);
    std::thread::sleep(prassi_db::PING_BYPASS);
    let third =
        backend_pid(&mut db.get().expect("connection")).expect("nothing fails after a quiet spell");
    assert_ne!(third, second);
}
