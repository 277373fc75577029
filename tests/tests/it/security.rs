//! CSRF, throttling, session renewal and security headers.

use super::*;

both_backends! {
    async fn state_changes_without_the_csrf_token_are_refused(app) {
        let mut c = app.signed_in("vittima", Role::Member).await;
        // A form post with no token, or a wrong one, is refused and changes nothing.
        let r = c.post_form("/profilo", &[("display_name", "Hacked"), ("organisation", "Evil")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.body.contains("<html"), "browsers get the error page");
        let r = c.post_form("/profilo", &[("csrf_token", "forged"), ("display_name", "Hacked"), ("organisation", "Evil")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = c.post_form("/esci", &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(c.get("/api/v1/me").await.status, StatusCode::OK, "still signed in");
        assert_eq!(c.get("/api/v1/me").await.json()["display_name"], "Vittima");
        // A JSON call made with the session cookie needs the header.
        let body = json!({"display_name": "Hacked", "organisation": "Evil"});
        let r = c.json(Method::PUT, "/api/v1/me/profile", &body, None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.json()["error"]["message"], "error-csrf");
        let token = c.get("/profilo").await.csrf().unwrap();
        let r = c.json(Method::PUT, "/api/v1/me/profile", &json!({"display_name": "Vera", "organisation": "Ente"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        // A bearer-token client carries no ambient authority and needs no CSRF token.
        let mut api = app.client().await;
        let t = api.json(Method::POST, "/api/v1/auth/login", &json!({"login": "vittima", "password": PASSWORD}), None).await.json()["token"].as_str().unwrap().to_owned();
        api.bearer = Some(t);
        let r = api.json(Method::PUT, "/api/v1/me/profile", &json!({"display_name": "Via API", "organisation": "Ente"}), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
}

both_backends! {
    async fn login_form_posted_from_elsewhere_is_refused(app) {
        app.user("bersaglio", Role::Member);
        let mut c = app.client().await;
        // No session and no token: a cross-site login attempt.
        let r = c.post_form("/accedi", &[("login", "bersaglio"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

both_backends! {
    async fn repeated_failures_throttle_the_account_even_with_the_right_password(app) {
        app.user("bersaglio", Role::Member);
        let mut c = app.client().await;
        for _ in 0..5 {
            let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "bersaglio", "password": "sbagliata sbagliata"}), None).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "bersaglio", "password": PASSWORD}), None).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.json()["error"]["message"], "login-throttled");
        // An unknown account is throttled exactly the same way.
        for _ in 0..5 {
            c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "fantasma", "password": "sbagliata sbagliata"}), None).await;
        }
        let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "fantasma", "password": "sbagliata sbagliata"}), None).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        // The HTML form says it too.
        let page = c.submit("/accedi", "/accedi", &[("login", "bersaglio"), ("password", PASSWORD)]).await;
        assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(page.body.contains("Troppi tentativi"));
    }
}

both_backends! {
    async fn many_failures_from_one_address_throttle_every_account_from_it(app) {
        app.user("innocente", Role::Member);
        let mut c = app.client().await;
        c.peer = "198.51.100.7:5000".into();
        for i in 0..20 {
            c.json(Method::POST, "/api/v1/auth/login", &json!({"login": format!("utente{i}"), "password": "sbagliata sbagliata"}), None).await;
        }
        let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "innocente", "password": PASSWORD}), None).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        // From another address the account is fine.
        let mut other = app.client().await;
        other.peer = "203.0.113.9:5000".into();
        let r = other.json(Method::POST, "/api/v1/auth/login", &json!({"login": "innocente", "password": PASSWORD}), None).await;
        assert_eq!(r.status, StatusCode::OK);
    }
}

both_backends! {
    async fn sign_in_renews_the_session_id(app) {
        app.user("rinnovo", Role::Member);
        let mut c = app.client().await;
        c.get("/accedi").await;
        let before = c.cookies().get(prassi_core::csrf::SESSION_COOKIE).cloned().expect("anonymous session for the form");
        c.login("rinnovo", PASSWORD).await;
        let after = c.cookies().get(prassi_core::csrf::SESSION_COOKIE).cloned().unwrap();
        assert_ne!(before, after, "session fixation: the id must change at sign-in");
        let mut fixated = app.client().await;
        fixated.set_cookies([(prassi_core::csrf::SESSION_COOKIE.to_owned(), before)].into());
        assert_eq!(fixated.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    }
}

both_backends! {
    async fn every_response_carries_the_security_headers(app) {
        let mut c = app.client().await;
        for path in ["/", "/accedi", "/api/v1/openapi.json", "/non-esiste", "/static/prassi.css"] {
            let r = c.get(path).await;
            let csp = r.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or("");
            assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{path}: {csp}");
            assert_eq!(r.headers.get("x-content-type-options").unwrap(), "nosniff", "{path}");
            assert_eq!(r.headers.get("referrer-policy").unwrap(), "same-origin", "{path}");
        }
        let mut fresh = app.client().await;
        let r = fresh.get("/accedi").await;
        let cookie = r.headers.get_all("set-cookie").filter_map(|v| v.to_str().ok()).find(|v| v.starts_with(prassi_core::csrf::SESSION_COOKIE)).unwrap_or_default().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    }
}
