//! Running the platform: `HEAD` and the favicon, the session cookie over https, `Retry-After`,
//! error pages that know the viewer, the request log, client addresses behind a proxy, which
//! commands reach Meilisearch, one answer for sections a viewer may not read, and the demo on
//! a database that already has its administrator.

use std::sync::Arc;

use actix_web::body::{BodySize, MessageBody};
use actix_web::http::header;
use actix_web::test::{self, TestRequest};
use diesel::prelude::*;

use super::*;

/// `app` served at an https base URL.
fn over_https(app: &mut TestApp) {
    let mut config = (*app.platform.state.config).clone();
    config.base_url = "https://comunita.example.org".into();
    app.platform.state.config = Arc::new(config);
}

/// `app` behind a reverse proxy at `proxy`.
fn behind_proxy(app: &mut TestApp, proxy: &str) {
    let mut config = (*app.platform.state.config).clone();
    config.trusted_proxies = prassi_core::config::IpNet::parse_list(proxy).unwrap();
    config.trust_proxy = true;
    app.platform.state.config = Arc::new(config);
}

fn set_cookie_of(headers: &header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

both_backends! {
    async fn head_answers_wherever_get_does_with_the_same_status_and_headers_and_no_body(app) {
        let svc = test::init_service(prassi_server::app(&app.platform)).await;
        for path in ["/", "/accedi", "/healthz", "/static/prassi.css", "/favicon.ico", "/api/v1/openapi.json", "/pagina-che-non-esiste", "/api/v1/nulla"] {
            let get = test::call_service(&svc, TestRequest::get().uri(path).to_request()).await;
            let (get_status, get_headers) = (get.status(), get.headers().clone());
            let get_body = test::read_body(get).await;
            let head = test::call_service(&svc, TestRequest::default().method(Method::HEAD).uri(path).to_request()).await;
            assert_eq!(head.status(), get_status, "HEAD {path}");
            assert_ne!(head.status(), StatusCode::METHOD_NOT_ALLOWED);
            for name in [header::CONTENT_TYPE, header::CACHE_CONTROL, header::CONTENT_SECURITY_POLICY, header::X_CONTENT_TYPE_OPTIONS] {
                assert_eq!(head.headers().get(&name), get_headers.get(&name), "HEAD {path}: {name}");
            }
            // The size a GET body has is still announced (Content-Length on the wire)…
            match head.response().body().size() {
                BodySize::Sized(n) => assert_eq!(n as usize, get_body.len(), "HEAD {path}: announced size"),
                BodySize::None => assert!(get_body.is_empty(), "HEAD {path}"),
                BodySize::Stream => {}
            }
            if path == "/static/prassi.css" {
                assert!(matches!(head.response().body().size(), BodySize::Sized(n) if n > 1000), "HEAD {path} announces the stylesheet's length");
            }
            // …but no byte of it is sent.
            assert!(test::read_body(head).await.is_empty(), "HEAD {path} has a body");
        }
        // The real routes still answer 404 to HEAD where GET does, and a GET-only action is not
        // opened to other methods.
        let head = test::call_service(&svc, TestRequest::default().method(Method::HEAD).uri("/membri/nessuno").to_request()).await;
        assert_eq!(head.status(), StatusCode::NOT_FOUND);
        let put = test::call_service(&svc, TestRequest::default().method(Method::PUT).uri("/healthz").to_request()).await;
        assert_ne!(put.status(), StatusCode::OK);
    }
}

both_backends! {
    async fn the_favicon_is_served_at_the_root_and_with_the_static_files(app) {
        let mut c = app.client().await;
        let ico = c.get("/favicon.ico").await;
        assert_eq!(ico.status, StatusCode::OK);
        assert_eq!(ico.headers.get(header::CONTENT_TYPE).unwrap(), "image/x-icon");
        assert!(ico.headers.get(header::CACHE_CONTROL).unwrap().to_str().unwrap().starts_with("public"));
        let svg = c.get("/static/favicon.svg").await;
        assert_eq!(svg.status, StatusCode::OK);
        assert_eq!(svg.headers.get(header::CONTENT_TYPE).unwrap(), "image/svg+xml");
        assert!(svg.body.starts_with("<svg"));
        // The .ico really is an icon file (its bytes are not UTF-8, so check them raw).
        let svc = test::init_service(prassi_server::app(&app.platform)).await;
        let bytes = test::call_and_read_body(&svc, TestRequest::get().uri("/favicon.ico").to_request()).await;
        assert_eq!(&bytes[..4], &[0, 0, 1, 0], "ICO header");
    }
}

both_backends! {
    async fn over_https_the_session_cookie_has_the_host_prefix_and_still_signs_in(app) {
        let mut app = app;
        app.user("anna", Role::Member);
        // Over plain http (development) the name has no prefix, which browsers would refuse.
        let mut plain = app.client().await;
        let r = plain.get("/accedi").await;
        assert!(set_cookie_of(&r.headers, "prassi_session").is_some(), "{:?}", r.headers);
        over_https(&mut app);
        let mut c = app.client().await;
        let r = c.get("/accedi").await;
        let cookie = set_cookie_of(&r.headers, "__Host-prassi_session").expect("a __Host- session cookie");
        assert!(cookie.contains("Secure"), "{cookie}");
        assert!(cookie.contains("Path=/"), "{cookie}");
        assert!(cookie.contains("HttpOnly"), "{cookie}");
        assert!(!cookie.to_ascii_lowercase().contains("domain="), "{cookie}");
        assert!(set_cookie_of(&r.headers, "prassi_session").is_none());
        // The CSRF guard and the sessions know the new name: signing in and out works.
        c.login("anna", PASSWORD).await;
        let page = c.get("/account/sicurezza").await;
        assert_eq!(page.status, StatusCode::OK);
        let token = page.csrf().unwrap();
        assert_eq!(c.post_form("/esci", &[("csrf_token", &token)]).await.status, StatusCode::SEE_OTHER);
        assert_ne!(c.get("/account/sicurezza").await.status, StatusCode::OK, "signed out");
        // Without the token, the cookie alone does not let a form through.
        c.login("anna", PASSWORD).await;
        assert_eq!(c.post_form("/esci", &[]).await.status, StatusCode::FORBIDDEN);
    }
}

both_backends! {
    async fn every_too_many_answer_says_when_to_retry(app) {
        app.user("bruno", Role::Member);
        let mut api = app.client().await;
        let mut last = None;
        for _ in 0..6 {
            last = Some(api.json(Method::POST, "/api/v1/auth/login", &json!({"login": "bruno", "password": "wrong password here"}), None).await);
        }
        let r = last.unwrap();
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
        assert_eq!(r.json()["error"]["kind"], "too_many");
        let after: u32 = r.headers.get(header::RETRY_AFTER).expect("Retry-After on the API").to_str().unwrap().parse().unwrap();
        assert!(after > 0 && after <= 15 * 60, "{after}");
        // The sign-in form, shown again with the error, says it too.
        let mut page = app.client().await;
        let r = page.submit("/accedi", "/accedi", &[("login", "bruno"), ("password", "wrong password here")]).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(r.headers.get(header::CONTENT_TYPE).unwrap().to_str().unwrap().starts_with("text/html"));
        assert!(r.headers.get(header::RETRY_AFTER).is_some(), "Retry-After on the form");
    }
}

both_backends! {
    async fn error_pages_show_a_signed_in_member_their_own_header(app) {
        app.user("carla", Role::Member);
        // A visitor gets the signed-out header.
        let mut anon = app.client().await;
        let r = anon.get("/pagina-che-non-esiste").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains("href=\"/accedi\"") && !r.body.contains("action=\"/esci\""));
        let mut c = app.signed_in_as("carla").await;
        let signed_in = |body: &str| body.contains("Carla") && body.contains("action=\"/esci\"") && !body.contains("href=\"/accedi\"");
        // A route that does not exist (no handler ran), a handler's own 404, a CSRF refusal,
        // an error under a HEAD request.
        let routing = c.get("/pagina-che-non-esiste").await;
        assert_eq!(routing.status, StatusCode::NOT_FOUND);
        assert!(signed_in(&routing.body), "routing 404: {}", routing.body);
        let handler = c.get("/membri/nessuno-con-questo-nome").await;
        assert_eq!(handler.status, StatusCode::NOT_FOUND);
        assert!(signed_in(&handler.body), "handler 404: {}", handler.body);
        let refused = c.post_form("/profilo", &[("display_name", "Carla")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(signed_in(&refused.body), "CSRF 403: {}", refused.body);
        // The sign-out form on an error page carries a working token.
        let token = routing.csrf().unwrap();
        assert_eq!(c.post_form("/esci", &[("csrf_token", &token)]).await.status, StatusCode::SEE_OTHER);
        let after = c.get("/pagina-che-non-esiste").await;
        assert!(after.body.contains("href=\"/accedi\""), "signed out now");
        // The API keeps its JSON envelope.
        let api = c.get("/api/v1/nulla").await;
        assert_eq!(api.status, StatusCode::NOT_FOUND);
        assert_eq!(api.json()["error"]["kind"], "not_found");
    }
}

#[actix_web::test]
async fn the_request_log_line_redacts_tokens_in_emailed_links_and_invitations() {
    let line =
        |uri: &str| prassi_core::web::request_line(&TestRequest::get().uri(uri).to_srv_request());
    assert_eq!(
        line("/verifica/Zm9vYmFyYmF6"),
        "GET /verifica/[redacted] HTTP/1.1"
    );
    assert_eq!(
        line("/password/reimposta/Zm9vYmFy"),
        "GET /password/reimposta/[redacted] HTTP/1.1"
    );
    assert_eq!(
        line("/registrati?invito=Zm9vYmFy"),
        "GET /registrati?invito=[redacted] HTTP/1.1"
    );
    // An encoded variant that routes to the same handler is redacted too.
    assert_eq!(
        line("/%76erifica/Zm9vYmFy"),
        "GET /verifica/[redacted] HTTP/1.1"
    );
    assert_eq!(line("/qa?page=2"), "GET /qa?page=2 HTTP/1.1");
    // The application's logger is built with that line (and builds).
    let _ = prassi_server::request_logger();
}

both_backends! {
    async fn sign_in_throttling_believes_forwarded_addresses_only_from_the_trusted_proxy(app) {
        let mut app = app;
        behind_proxy(&mut app, "10.0.0.5");
        let svc = test::init_service(prassi_server::app(&app.platform)).await;
        let attempt = |peer: &str, forwarded: &str, n: usize| {
            TestRequest::post()
                .uri("/api/v1/auth/login")
                .peer_addr(peer.parse().unwrap())
                .insert_header(("x-forwarded-for", forwarded.to_owned()))
                .set_json(json!({"login": format!("nessuno{n}"), "password": "wrong password here"}))
                .to_request()
        };
        // 20 failures from one client, each for another account, through the proxy.
        for n in 0..20 {
            let r = test::call_service(&svc, attempt("10.0.0.5:40000", "6.6.6.6, 203.0.113.7", n)).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        }
        let r = test::call_service(&svc, attempt("10.0.0.5:40000", "203.0.113.7", 99)).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the client behind the proxy is throttled");
        // Another client behind the same proxy is not (the proxy's own address is not counted,
        // nor the entry the client wrote itself).
        let r = test::call_service(&svc, attempt("10.0.0.5:40001", "203.0.113.7, 203.0.113.8", 99)).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        // A client reaching the app directly cannot pose as someone else, nor escape its count
        // by changing the header.
        let r = test::call_service(&svc, attempt("198.51.100.2:5000", "10.9.9.9", 98)).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        for n in 0..20 {
            let r = test::call_service(&svc, attempt("198.51.100.3:5000", &format!("192.0.2.{n}"), 200 + n)).await;
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        }
        let r = test::call_service(&svc, attempt("198.51.100.3:5000", "192.0.2.250", 300)).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "the header did not help a direct client");
        // The throttled addresses are the ones recorded.
        use prassi_db::schema::login_attempts;
        let mut conn = app.conn();
        let mut ips: Vec<String> = login_attempts::table.select(login_attempts::ip).distinct().load(&mut conn).unwrap();
        ips.sort();
        assert_eq!(ips, ["198.51.100.2", "198.51.100.3", "203.0.113.7", "203.0.113.8"]);
    }
}

/// A TCP listener that counts the connections made to it and closes each at once.
struct Listener {
    url: String,
    count: Arc<std::sync::atomic::AtomicUsize>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl Listener {
    fn start() -> Self {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let count = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (c, s) = (count.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        c.fetch_add(1, Ordering::SeqCst);
                        drop(stream);
                    }
                    Err(_) => std::thread::sleep(std::time::Duration::from_millis(5)),
                }
            }
        });
        Listener { url, count, stop }
    }

    fn connections(&self) -> usize {
        // Give a connection made just now the time to be accepted.
        std::thread::sleep(std::time::Duration::from_millis(200));
        self.count.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

#[test]
fn only_serving_contacts_meilisearch_at_start() {
    let meili = Listener::start();
    let dir = std::env::temp_dir().join(format!("prassi-ops-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut config = prassi_core::config::Config::for_data_dir(
        &dir,
        &format!("sqlite://{}", dir.join("prassi.db").display()),
    );
    config.search = prassi_core::config::SearchConfig::Meilisearch {
        url: meili.url.clone(),
        key: None,
        index: "prassi".into(),
    };
    // What every command but `serve` does (`phase`, `migrate`, `user`, `demo`): no contact.
    let platform = prassi_server::init(config.clone()).unwrap();
    assert_eq!(platform.state.search.name(), "meilisearch");
    drop(platform);
    assert_eq!(meili.connections(), 0, "a command contacted Meilisearch");
    // `serve` creates the index and applies the settings at start (here the server hangs up,
    // so it warns and starts anyway).
    let serving = prassi_server::init_for_serving(config).unwrap();
    assert!(
        meili.connections() >= 1,
        "serve did not contact Meilisearch"
    );
    drop(serving);
    let _ = std::fs::remove_dir_all(&dir);
}

both_backends! {
    async fn in_phase_1_the_forum_api_answers_like_the_other_modules(app) {
        app.set_phase(1);
        app.user("dario", Role::Member);
        app.pending_user("paola");
        let sections = ["/api/v1/forum/categories", "/api/v1/forum/discussions", "/api/v1/forum/mentions", "/api/v1/qa/questions", "/api/v1/qa/tags"];
        // Visitors are asked to sign in.
        let mut anon = app.client().await;
        for path in sections {
            let r = anon.get(path).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "anonymous {path}: {}", r.body);
            assert_eq!(r.json()["error"]["kind"], "unauthorized");
        }
        assert_eq!(anon.get("/forum").await.status, StatusCode::UNAUTHORIZED, "the page agrees");
        // A pending account is told there is nothing to see.
        let mut pending = app.signed_in_as("paola").await;
        for path in sections {
            let r = pending.get(path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "pending {path}: {}", r.body);
        }
        assert_eq!(pending.get("/forum").await.status, StatusCode::NOT_FOUND, "the page agrees");
        // Members read.
        let mut member = app.signed_in_as("dario").await;
        for path in sections {
            assert_eq!(member.get(path).await.status, StatusCode::OK, "member {path}");
        }
    }
}

both_backends! {
    async fn the_demo_fills_a_database_whose_only_account_is_its_administrator(app) {
        // The README's path: an administrator first (named like the demo's own), then the demo.
        app.user("admin", Role::Admin);
        let logins = prassi_server::demo::fill(&app.platform.state).unwrap();
        assert_eq!(logins.kept, ["admin"]);
        assert!(logins.accounts.iter().all(|(u, _)| u != "admin"), "the existing administrator is not recreated");
        assert!(logins.accounts.iter().any(|(_, role)| *role == "moderator"));
        {
            use prassi_db::schema::{questions, users};
            let mut conn = app.conn();
            let admins: i64 = users::table.filter(users::username.eq("admin")).count().get_result(&mut conn).unwrap();
            assert_eq!(admins, 1);
            let questions: i64 = questions::table.count().get_result(&mut conn).unwrap();
            assert!(questions > 0, "the demo content is there");
        }
        // The administrator keeps their own password; the demo accounts use the printed one.
        let mut a = app.signed_in_as("admin").await;
        assert_eq!(a.get("/admin").await.status, StatusCode::OK);
        let (demo_user, _) = &logins.accounts[0];
        app.client().await.login(demo_user, &logins.password).await;
        // A second run refuses, and says why.
        let err = prassi_server::demo::fill(&app.platform.state).err().expect("a second demo is refused").to_string();
        assert!(err.contains("not administrators"), "{err}");
    }
}

both_backends! {
    async fn the_demo_refuses_members_or_content_and_changes_nothing(app) {
        use prassi_db::schema::users;
        app.user("admin", Role::Admin);
        // Content made by the administrator.
        {
            let mut conn = app.conn();
            let admin = app.viewer("admin");
            prassi_db::write_tx(&mut conn, |c| prassi_forum::service::create_category(c, &admin, &prassi_forum::service::CategoryInput { name: "Bacheca".into(), description: "Annunci della redazione".into(), audience: "members".into(), ..Default::default() })).unwrap();
        }
        let err = prassi_server::demo::fill(&app.platform.state).err().expect("content is refused").to_string();
        assert!(err.contains("content"), "{err}");
        // A member.
        app.user("ugo", Role::Member);
        let err = prassi_server::demo::fill(&app.platform.state).err().expect("members are refused").to_string();
        assert!(err.contains("not administrators") && err.contains("ugo"), "{err}");
        let mut conn = app.conn();
        let n: i64 = users::table.count().get_result(&mut conn).unwrap();
        assert_eq!(n, 2, "nothing was added");
    }
}
