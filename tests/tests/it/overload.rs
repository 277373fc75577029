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
