//! Registration, confirmation, sign-in, sign-out, passwords, tokens, profiles and the directory.

use super::*;

both_backends! {
    async fn registration_confirmation_login_and_logout_ending_the_session(app) {
        app.set_phase(3);
        let mut c = app.client().await;
        let r = c.submit("/registrati", "/registrati", &[
            ("username", "Maria.Verdi"), ("display_name", "Maria Verdi"),
            ("email", "Maria@Comune.example.it"), ("password", PASSWORD),
            ("organisation", "Comune di Esempio"), ("organisation_kind", "public_administration"),
        ]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("Controlla la tua email"));

        // Unconfirmed: the right password is not enough yet, and a fresh link is sent.
        let r = c.submit("/accedi", "/accedi", &[("login", "maria.verdi"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.body.contains("Conferma prima"), "{}", r.body);

        let token = app.link_token("maria@comune.example.it", "/verifica/");
        let r = c.get(&format!("/verifica/{token}")).await;
        assert_eq!(r.status, StatusCode::OK);
        // A link works once.
        assert_eq!(c.get(&format!("/verifica/{token}")).await.status, StatusCode::NOT_FOUND);

        c.login("maria@comune.example.it", PASSWORD).await;
        let me = c.get("/api/v1/me").await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.body);
        assert_eq!(me.json()["username"], "maria.verdi");
        assert_eq!(me.json()["status"], "open", "phase-3 self-registration is an open participant");

        // Keep the session cookie, sign out, and replay the old cookie: the server forgot it.
        let old = c.get("/profilo").await;
        assert_eq!(old.status, StatusCode::OK);
        let token = old.csrf().unwrap();
        let stolen = c.cookies();
        let r = c.post_form("/esci", &[("csrf_token", &token)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(c.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
        c.set_cookies(stolen);
        assert_eq!(c.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED, "a replayed cookie is dead");
        let mut conn = app.conn();
        use diesel::prelude::*;
        let sessions: i64 = prassi_db::schema::sessions::table
            .filter(prassi_db::schema::sessions::user_id.is_not_null())
            .count().get_result(&mut conn).unwrap();
        assert_eq!(sessions, 0, "logout deletes the server-side session");
    }
}

both_backends! {
    async fn registration_answers_alike_for_known_and_new_addresses(app) {
        app.set_phase(3);
        app.user("esistente", Role::Member);
        let mut c = app.client().await;
        let body = |u: &str, e: &str| json!({
            "username": u, "email": e, "password": PASSWORD,
            "display_name": "X", "organisation": "Ente"
        });
        let known = c.json(Method::POST, "/api/v1/auth/register", &body("nuovo1", "esistente@example.org"), None).await;
        let fresh = c.json(Method::POST, "/api/v1/auth/register", &body("nuovo2", "nuovo2@example.org"), None).await;
        assert_eq!(known.status, StatusCode::ACCEPTED);
        assert_eq!(known.status, fresh.status);
        assert_eq!(known.body, fresh.body);
        // The owner of the known address is told, and no second account exists.
        let mails = app.mails();
        assert!(mails.iter().any(|(to, _, b)| to == "esistente@example.org" && b.contains("/password/dimenticata")));
        let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "nuovo1", "password": PASSWORD}), None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
}

both_backends! {
    async fn login_answers_alike_for_unknown_account_and_wrong_password(app) {
        app.user("anna", Role::Member);
        let mut c = app.client().await;
        let wrong = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "anna", "password": "wrong password!!"}), None).await;
        let unknown = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "nobody", "password": "wrong password!!"}), None).await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.status, unknown.status);
        assert_eq!(wrong.body, unknown.body);
        let page_wrong = c.submit("/accedi", "/accedi", &[("login", "anna"), ("password", "nope nope nope")]).await;
        let page_unknown = c.submit("/accedi", "/accedi", &[("login", "ghost"), ("password", "nope nope nope")]).await;
        assert_eq!(page_wrong.status, page_unknown.status);
        assert!(page_wrong.body.contains("Nome utente o password non corretti"), "{}", page_wrong.body);
        assert!(page_unknown.body.contains("Nome utente o password non corretti"));
    }
}

both_backends! {
    async fn password_change_ends_the_other_sessions_but_keeps_this_one(app) {
        app.user("paolo", Role::Member);
        let mut a = app.client().await;
        let mut b = app.client().await;
        a.login("paolo", PASSWORD).await;
        b.login("paolo", PASSWORD).await;
        assert_eq!(b.get("/api/v1/me").await.status, StatusCode::OK);
        let new_pw = "una nuova password lunga";
        let r = a.submit("/account/sicurezza", "/account/password", &[
            ("current_password", PASSWORD), ("new_password", new_pw),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(a.get("/api/v1/me").await.status, StatusCode::OK, "the changing session survives");
        assert_eq!(b.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED, "the other session ended");
        // The old password no longer works; the new one does.
        let mut c = app.client().await;
        let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "paolo", "password": PASSWORD}), None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        c.login("paolo", new_pw).await;
    }
}

both_backends! {
    async fn password_change_refuses_a_wrong_current_password_and_a_short_new_one(app) {
        let mut a = app.signed_in("lucia", Role::Member).await;
        let r = a.submit("/account/sicurezza", "/account/password", &[
            ("current_password", "not my password"), ("new_password", "abbastanza lunga davvero"),
        ]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("La password attuale non è corretta"));
        let r = a.submit("/account/sicurezza", "/account/password", &[
            ("current_password", PASSWORD), ("new_password", "corta"),
        ]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("almeno 12 caratteri"));
        // 128 characters are accepted, 129 are not.
        let long: String = "a".repeat(129);
        let csrf = a.get("/account/sicurezza").await.csrf();
        let r = a.json(Method::POST, "/api/v1/me/password", &json!({"current_password": PASSWORD, "new_password": long}), csrf.as_deref()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["error"]["message"], "password-too-long");
        let ok: String = "b".repeat(128);
        let r = a.json(Method::POST, "/api/v1/me/password", &json!({"current_password": PASSWORD, "new_password": ok}), csrf.as_deref()).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    }
}

both_backends! {
    async fn password_reset_by_email_token_revokes_everything(app) {
        app.user("gino", Role::Member);
        let mut api = app.client().await;
        let r = api.json(Method::POST, "/api/v1/auth/login", &json!({"login": "gino", "password": PASSWORD}), None).await;
        let token = r.json()["token"].as_str().unwrap().to_owned();
        let mut c = app.client().await;
        // Same answer for unknown and known addresses.
        let unknown = c.submit("/password/dimenticata", "/password/dimenticata", &[("email", "ignoto@example.org")]).await;
        let known = c.submit("/password/dimenticata", "/password/dimenticata", &[("email", "gino@example.org")]).await;
        assert_eq!(unknown.status, known.status);
        assert!(!app.mails().iter().any(|(to, _, _)| to == "ignoto@example.org"));
        let reset = app.link_token("gino@example.org", "/password/reimposta/");
        let page = c.get(&format!("/password/reimposta/{reset}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let r = c.post_form(&format!("/password/reimposta/{reset}"), &[("csrf_token", &page.csrf().unwrap()), ("password", "ricominciamo da capo")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(c.get(&format!("/password/reimposta/{reset}")).await.status, StatusCode::NOT_FOUND, "one use only");
        assert!(c.get("/accedi").await.body.contains("Password aggiornata"), "the notice survives the redirect");
        api.bearer = Some(token);
        assert_eq!(api.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED, "tokens revoked by a reset");
        c.login("gino", "ricominciamo da capo").await;
    }
}

both_backends! {
    async fn api_tokens_authenticate_are_listed_and_revocable(app) {
        app.user("tina", Role::Member);
        let mut c = app.client().await;
        let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "tina", "password": PASSWORD, "token_name": "script"}), None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let token = r.json()["token"].as_str().unwrap().to_owned();
        c.bearer = Some(token.clone());
        let me = c.get("/api/v1/me").await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.json()["username"], "tina");
        let list = c.get("/api/v1/me/tokens").await.json();
        assert_eq!(list[0]["name"], "script");
        assert!(list[0].get("token_hash").is_none() && !list.to_string().contains(&token));
        // The security page lists it too.
        let mut browser = app.signed_in_as("tina").await;
        assert!(browser.get("/account/sicurezza").await.body.contains("script"));
        // Logout with a token revokes that token.
        let r = c.json(Method::POST, "/api/v1/auth/logout", &json!({}), None).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(c.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
        c.bearer = Some("prs_forged".into());
        let r = c.get("/api/v1/me").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.json()["error"]["kind"], "unauthorized");
    }
}

both_backends! {
    async fn directory_lists_only_consenting_members_and_filters(app) {
        app.user("franca", Role::Expert);
        app.user("nadia", Role::Member);
        let mut f = app.signed_in_as("franca").await;
        let r = f.submit("/profilo", "/profilo", &[
            ("display_name", "Franca Neri"), ("organisation", "Università di Padova"),
            ("organisation_kind", "university_research"), ("job_title", "Docente"),
            ("expertise", "Valutazione degli outcome, Finanza di impatto"),
            ("bio_md", "Ciao <script>alert(1)</script> **mondo**"), ("directory_consent", "on"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let mut n = app.signed_in_as("nadia").await;
        let list = n.get("/membri").await;
        assert!(list.body.contains("Franca Neri"));
        assert!(list.body.contains("href=\"/membri/franca\""));
        assert!(!list.body.contains("href=\"/membri/nadia\""), "no consent, not listed");
        let filtered = n.get("/membri?expertise=finanza+di+impatto").await;
        assert!(filtered.body.contains("Franca Neri"));
        let none = n.get("/membri?expertise=urbanistica").await;
        assert!(!none.body.contains("Franca Neri"));
        let api = n.get("/api/v1/members?expertise=Valutazione%20degli%20outcome").await.json();
        assert_eq!(api["page"]["total"], 1);
        assert_eq!(api["items"][0]["organisation"]["name"], "Università di Padova");
        let org = api["items"][0]["organisation"]["id"].as_str().unwrap().to_owned();
        let by_org = n.get(&format!("/api/v1/members?organisation={org}")).await.json();
        assert_eq!(by_org["page"]["total"], 1);
        // The profile is sanitised Markdown.
        let profile = n.get("/membri/franca").await;
        assert!(profile.body.contains("<strong>mondo</strong>"));
        assert!(!profile.body.contains("<script>alert"));
        // Without consent a profile answers like a missing one.
        let hidden = f.get("/membri/nadia").await;
        let missing = f.get("/membri/nessuno").await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        assert_eq!(hidden.status, missing.status);
        // Withdrawing consent removes the listing.
        f.submit("/profilo", "/profilo", &[("display_name", "Franca Neri"), ("organisation", "Università di Padova")]).await;
        assert!(!n.get("/membri").await.body.contains("Franca Neri"));
    }
}

both_backends! {
    async fn invalid_profile_input_is_a_clear_error_not_a_crash(app) {
        let mut c = app.signed_in("ugo", Role::Member).await;
        let r = c.submit("/profilo", "/profilo", &[("display_name", ""), ("organisation", "X")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("obbligatorio"));
        let long = "x".repeat(200);
        let r = c.submit("/profilo", "/profilo", &[("display_name", "Ugo"), ("organisation", "X"), ("job_title", &long)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let csrf = c.get("/profilo").await.csrf().unwrap();
        let r = c.json(Method::PUT, "/api/v1/me/profile", &json!({"display_name": "Ugo", "organisation": "X", "organisation_kind": "planet"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["error"]["field"], "organisation_kind");
        let r = c.json(Method::PUT, "/api/v1/me/profile", &json!({"display_name": "Ugo\u{0}", "organisation": "X"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "NUL is refused, not a database error");
        assert_eq!(r.json()["error"]["message"], "field-bad-characters");
        let r = c.get("/membri?q=%00&expertise=%00&organisation=%00").await;
        assert_eq!(r.status, StatusCode::OK);
        let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "u\u{0}go", "password": "x"}), None).await;
        assert_eq!(r.status.as_u16() / 100, 4);
        let r = c.json(Method::PUT, "/api/v1/me/profile", &json!("not an object"), Some(&csrf)).await;
        assert_eq!(r.status.as_u16() / 100, 4);
        assert!(r.json()["error"]["kind"].is_string());
    }
}
