//! The platform around the modules: schema parity of the two backends, the outbox, health,
//! OpenAPI, error pages, languages and static pages.

use super::*;
use diesel::prelude::*;

fn columns(app: &TestApp) -> std::collections::BTreeMap<String, Vec<String>> {
    #[derive(QueryableByName)]
    struct Col {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
    }
    let mut conn = app.conn();
    let mut out = std::collections::BTreeMap::new();
    for table in prassi_db::schema::TABLES {
        let sql = match app.backend {
            prassi_tests::Backend::Sqlite => format!("SELECT name FROM pragma_table_info('{table}') ORDER BY name"),
            prassi_tests::Backend::Postgres => format!(
                "SELECT column_name AS name FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY column_name"
            ),
        };
        let cols: Vec<Col> = diesel::sql_query(sql).load(&mut conn).unwrap();
        out.insert(
            table.to_string(),
            cols.into_iter().map(|c| c.name).collect(),
        );
    }
    out
}

#[actix_web::test]
async fn both_backends_end_with_the_same_tables_and_columns() {
    let sqlite = TestApp::sqlite();
    let lite = columns(&sqlite);
    assert!(
        lite.values().all(|c| !c.is_empty()),
        "every declared table exists: {lite:?}"
    );
    // The migration folders must match one for one.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
    let names = |b: &str| {
        let mut v: Vec<String> = std::fs::read_dir(root.join(b))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    assert_eq!(names("sqlite"), names("postgres"));
    match TestApp::postgres() {
        Some(pg) => assert_eq!(lite, columns(&pg), "SQLite and PostgreSQL schemas differ"),
        None => eprintln!("skipped: schema comparison with PostgreSQL"),
    }
}

both_backends! {
    async fn migrations_are_idempotent(app) {
        assert!(app.platform.state.db.migrate().unwrap().is_empty(), "a second run applies nothing");
    }
}

both_backends! {
    async fn outbox_events_survive_failures_and_are_retried(app) {
        use prassi_db::schema::outbox;
        // The point of this test: an event no handler knows stays, failed, for an operator.
        app.allow_failed_outbox();
        let mut conn = app.conn();
        prassi_db::write_tx(&mut conn, |c| prassi_db::outbox::enqueue(c, "test.unknown", &json!({"n": 1}))).unwrap();
        // A write that fails rolls its event back with it.
        let failed: Result<(), diesel::result::Error> = prassi_db::write_tx(&mut conn, |c| {
            prassi_db::outbox::enqueue(c, "test.rolled-back", &json!({}))?;
            Err(diesel::result::Error::RollbackTransaction)
        });
        assert!(failed.is_err());
        let topics: Vec<String> = outbox::table.select(outbox::topic).load(&mut conn).unwrap();
        assert_eq!(topics, vec!["test.unknown"]);
        // No handler: the event stays, its attempt is counted and pushed into the future.
        assert_eq!(app.run_worker(), 0);
        let (attempts, err, processed): (i32, Option<String>, Option<chrono::NaiveDateTime>) = outbox::table
            .select((outbox::attempts, outbox::last_error, outbox::processed_at)).first(&mut conn).unwrap();
        assert_eq!(attempts, 1);
        assert!(err.unwrap().contains("no handler"));
        assert!(processed.is_none());
        // Not due again yet.
        assert_eq!(app.run_worker(), 0);
        let attempts: i32 = outbox::table.select(outbox::attempts).first(&mut conn).unwrap();
        assert_eq!(attempts, 1, "backoff holds the retry");
        assert_eq!(prassi_db::outbox::pending(&mut conn).unwrap(), 1);
    }
}

both_backends! {
    async fn queued_email_is_delivered_by_the_worker(app) {
        app.set_phase(3);
        let mut c = app.client().await;
        c.json(Method::POST, "/api/v1/auth/register", &json!({"username": "posta", "email": "posta@example.org", "password": PASSWORD, "display_name": "P", "organisation": "E"}), None).await;
        let dir = app.data_dir().join("mail");
        assert!(!dir.exists() || std::fs::read_dir(&dir).unwrap().count() == 0, "nothing is sent inside the request");
        assert_eq!(app.run_worker(), 1);
        let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(files.len(), 1);
        let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
        assert!(text.contains("To: posta@example.org"), "{text}");
        assert_eq!(app.run_worker(), 0, "delivered once");
    }
}

both_backends! {
    async fn health_and_openapi_describe_the_platform(app) {
        let mut c = app.client().await;
        let h = c.get("/healthz").await;
        assert_eq!(h.status, StatusCode::OK);
        let expected = match app.backend { prassi_tests::Backend::Sqlite => "sqlite", prassi_tests::Backend::Postgres => "postgresql" };
        assert_eq!(h.json()["database"], expected);
        assert_eq!(h.json()["status"], "ok");
        let doc = c.get("/api/v1/openapi.json").await.json();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for p in ["/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/me", "/healthz"] {
            assert!(doc["paths"][p].is_object(), "missing {p}");
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    }
}

both_backends! {
    async fn errors_are_friendly_pages_for_people_and_envelopes_for_programs(app) {
        let mut c = app.client().await;
        let page = c.get("/non-esiste").await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
        assert!(page.body.contains("<html") && page.body.contains("Vai al contenuto"), "{}", page.body);
        let api = c.get("/api/v1/non-esiste").await;
        assert_eq!(api.status, StatusCode::NOT_FOUND);
        assert_eq!(api.json()["error"]["kind"], "not_found");
        let bad = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": 5}), None).await;
        assert_eq!(bad.status.as_u16() / 100, 4);
        assert!(bad.json()["error"]["kind"].is_string());
        let bad_id = c.get("/api/v1/members/%00%ff").await;
        assert_eq!(bad_id.status.as_u16() / 100, 4);
    }
}

both_backends! {
    async fn the_interface_speaks_italian_first_and_english_on_request(app) {
        let mut c = app.client().await;
        let it = c.get("/accedi").await;
        assert!(it.body.contains("lang=\"it\"") && it.body.contains("Accedi"));
        c.lang = "en-GB,en;q=0.9".into();
        let en = c.get("/accedi").await;
        assert!(en.body.contains("lang=\"en\"") && en.body.contains("Sign in"), "{}", en.body);
        // The switch wins over the browser and returns to the page.
        let r = c.get("/lingua?lang=it&next=/accedi").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/accedi");
        assert!(c.get("/accedi").await.body.contains("lang=\"it\""));
        // No open redirect.
        assert_eq!(c.get("/lingua?lang=en&next=//evil.example").await.location(), "/");
    }
}

both_backends! {
    async fn legal_pages_and_assets_are_served(app) {
        let mut c = app.client().await;
        for p in ["/privacy", "/note-legali", "/accessibilita"] {
            let r = c.get(p).await;
            assert_eq!(r.status, StatusCode::OK, "{p}");
            assert!(r.body.contains("href=\"/accessibilita\""), "footer links on {p}");
        }
        let css = c.get("/static/prassi.css").await;
        assert_eq!(css.status, StatusCode::OK);
        assert_eq!(c.get("/static/../Cargo.toml").await.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn the_home_page_leads_to_the_spaces_the_viewer_may_use(app) {
        app.user("benvenuta", Role::Member);
        let mut anon = app.client().await;
        let closed = anon.get("/").await.body;
        // Visitors of a closed community learn what it holds, without links into it.
        assert!(closed.contains("modules-title") && closed.contains("Domande e risposte"));
        assert!(!closed.contains("href=\"/qa\"") && !closed.contains("href=\"/forum\""), "no links for visitors of a closed community");
        let mut m = app.signed_in_as("benvenuta").await;
        let home = m.get("/").await.body;
        assert!(home.contains("modules-title"), "members see the module cards");
        assert!(home.contains("Domande e risposte") && home.contains("Forum"));
    }
}
