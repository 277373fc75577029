//! The phased opening and the access rule: what anonymous visitors, pending applicants, open
//! participants, members, moderators and administrators see and may do in each phase.

use super::*;

both_backends! {
    async fn closed_phase_hides_everything_from_anonymous_visitors(app) {
        app.user("membro", Role::Member);
        let mut anon = app.client().await;
        assert_eq!(anon.get("/").await.status, StatusCode::OK, "the home page is the door");
        let dir = anon.get("/membri").await;
        assert_eq!(dir.status, StatusCode::UNAUTHORIZED);
        assert!(dir.body.contains("/accedi"), "the error page offers to sign in");
        assert_eq!(anon.get("/api/v1/members").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(anon.get("/membri/membro").await.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn closed_phase_registration_follows_the_domain_and_approval_policy(app) {
        let admin = app.user("capo", Role::Admin);
        let _ = admin;
        let mut a = app.signed_in_as("capo").await;
        let r = a.submit("/admin", "/admin/registrazione", &[("allowed_domains", "regione.veneto.it, @Comune.Padova.it")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let mut c = app.client().await;
        let reg = |u: &'static str, e: &'static str| json!({"username": u, "email": e, "password": PASSWORD, "display_name": u, "organisation": "Ente"});
        // An enabled domain joins at once (after confirming the address).
        let r = c.json(Method::POST, "/api/v1/auth/register", &reg("veneto", "a@regione.veneto.it"), None).await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "body={} headers={:?}", r.body, r.headers);
        // Approval is off now: other addresses are refused in the closed phase.
        let r = c.json(Method::POST, "/api/v1/auth/register", &reg("altro", "a@altrove.it"), None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["error"]["message"], "registration-closed");
        let t = app.link_token("a@regione.veneto.it", "/verifica/");
        c.get(&format!("/verifica/{t}")).await;
        c.login("veneto", PASSWORD).await;
        assert_eq!(c.get("/api/v1/me").await.json()["status"], "active");
        // With approval on, others become pending requests.
        a.submit("/admin", "/admin/registrazione", &[("allowed_domains", "regione.veneto.it"), ("require_approval", "on")]).await;
        let mut d = app.client().await;
        assert_eq!(d.json(Method::POST, "/api/v1/auth/register", &reg("chiede", "b@altrove.it"), None).await.status, StatusCode::ACCEPTED);
        let t = app.link_token("b@altrove.it", "/verifica/");
        assert!(d.get(&format!("/verifica/{t}")).await.body.contains("in attesa"));
        // Both policy changes are in the audit log.
        let page = a.get("/admin").await.body;
        assert_eq!(page.matches("site.registration").count(), 2, "{page}");
    }
}

both_backends! {
    async fn pending_applicant_sees_no_more_than_a_visitor_until_approved(app) {
        app.set_phase(2);
        app.user("mod", Role::Moderator);
        let mut p = app.client().await;
        let r = p.submit("/registrati", "/registrati", &[
            ("username", "attesa"), ("display_name", "In Attesa"), ("email", "attesa@uni.example.it"),
            ("password", PASSWORD), ("organisation", "Università"), ("organisation_kind", "university_research"),
            ("request_note", "Studio le comunità di pratica"),
        ]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let t = app.link_token("attesa@uni.example.it", "/verifica/");
        p.get(&format!("/verifica/{t}")).await;
        p.login("attesa", PASSWORD).await;
        let me = p.get("/api/v1/me").await.json();
        assert_eq!(me["status"], "pending");
        assert!(p.get("/").await.body.contains("in attesa") , "the pending banner shows");
        assert_eq!(p.get("/membri").await.status, StatusCode::NOT_FOUND);
        assert_eq!(p.get("/api/v1/members").await.status, StatusCode::NOT_FOUND);

        // The moderator sees the request with its note and approves it.
        let mut m = app.signed_in_as("mod").await;
        let queue = m.get("/moderazione").await;
        assert!(queue.body.contains("Studio le comunità di pratica"));
        let id = me["id"].as_str().unwrap();
        let r = m.submit("/moderazione", &format!("/moderazione/{id}/approva"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(p.get("/api/v1/me").await.json()["status"], "active");
        assert_eq!(p.get("/membri").await.status, StatusCode::OK);
        assert!(app.mails().iter().any(|(to, s, _)| to == "attesa@uni.example.it" && s.contains("approvata")));
    }
}

both_backends! {
    async fn open_phase_lets_visitors_read_public_areas_only(app) {
        app.set_phase(3);
        app.user("visibile", Role::Expert);
        {
            let mut conn = app.conn();
            use diesel::prelude::*;
            use prassi_db::schema::users;
            diesel::update(users::table.filter(users::username.eq("visibile")))
                .set(users::directory_consent.eq(true)).execute(&mut conn).unwrap();
        }
        let mut anon = app.client().await;
        let dir = anon.get("/membri").await;
        assert_eq!(dir.status, StatusCode::OK);
        assert!(dir.body.contains("Visibile"));
        assert_eq!(anon.get("/membri/visibile").await.status, StatusCode::OK);
        assert_eq!(anon.get("/api/v1/members").await.json()["page"]["total"], 1);
        // Taking part still needs an account.
        assert_eq!(anon.get("/profilo").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(anon.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    }
}

both_backends! {
    async fn only_administrators_administer_and_every_change_is_logged(app) {
        app.user("semplice", Role::Member);
        app.user("moderatrice", Role::Moderator);
        app.user("amministra", Role::Admin);
        let mut m = app.signed_in_as("semplice").await;
        assert_eq!(m.get("/admin").await.status, StatusCode::NOT_FOUND);
        assert_eq!(m.get("/moderazione").await.status, StatusCode::NOT_FOUND);
        let csrf = m.get("/profilo").await.csrf().unwrap();
        let r = m.json(Method::PUT, "/api/v1/admin/phase", &json!({"phase": 3}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = m.submit("/profilo", "/admin/fase", &[("phase", "3")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        let mut md = app.signed_in_as("moderatrice").await;
        assert_eq!(md.get("/moderazione").await.status, StatusCode::OK);
        assert_eq!(md.get("/admin").await.status, StatusCode::NOT_FOUND, "moderators do not administer");

        let mut a = app.signed_in_as("amministra").await;
        let csrf = a.get("/admin").await.csrf().unwrap();
        let r = a.json(Method::PUT, "/api/v1/admin/phase", &json!({"phase": 2}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = a.submit("/admin", "/admin/fase", &[("phase", "3")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = a.get("/admin").await.body;
        assert!(page.contains("1 -&gt; 2") && page.contains("2 -&gt; 3"), "{page}");
        assert_eq!(a.get("/api/v1/me").await.json()["phase"], 3);
        let r = a.submit("/admin", "/admin/fase", &[("phase", "7")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Roles: the admin makes the member an expert; nobody changes their own role.
        let members = a.get("/api/v1/me").await.json();
        let own = members["id"].as_str().unwrap().to_owned();
        let r = a.submit("/admin", &format!("/admin/utenti/{own}/ruolo"), &[("role", "member")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

both_backends! {
    async fn suspension_ends_sessions_and_blocks_sign_in(app) {
        let target = app.user("sospeso", Role::Member);
        app.user("admin2", Role::Admin);
        let mut s = app.signed_in_as("sospeso").await;
        let mut a = app.signed_in_as("admin2").await;
        let r = a.submit("/admin", &format!("/admin/utenti/{target}/sospensione"), &[("suspended", "true")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(s.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
        let r = s.submit("/accedi", "/accedi", &[("login", "sospeso"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.body.contains("sospeso"));
    }
}

both_backends! {
    async fn an_invitation_makes_an_approved_member_in_the_closed_phase(app) {
        let mut a = app.signed_in("invita", Role::Admin).await;
        let r = a.submit("/admin", "/admin/inviti", &[("email", "ospite@esperti.example.org"), ("role", "expert")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let token = app.link_token("ospite@esperti.example.org", "/registrati?invito=");
        let mut g = app.client().await;
        let form = g.get(&format!("/registrati?invito={token}")).await;
        assert!(form.body.contains(&token));
        let r = g.post_form("/registrati", &[
            ("csrf_token", &form.csrf().unwrap()), ("invitation", &token),
            ("username", "ospite"), ("display_name", "Ospite Esperta"), ("email", "ospite@esperti.example.org"),
            ("password", PASSWORD), ("organisation", "Centro studi"),
        ]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        g.login("ospite", PASSWORD).await;
        let me = g.get("/api/v1/me").await.json();
        assert_eq!(me["status"], "active");
        assert_eq!(me["role"], "expert");
        // The invitation is spent.
        let mut h = app.client().await;
        let r = h.json(Method::POST, "/api/v1/auth/register", &json!({"username": "altra", "email": "ospite@esperti.example.org", "password": PASSWORD, "display_name": "A", "organisation": "B", "invitation": token}), None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

both_backends! {
    async fn what_visitors_and_pending_applicants_see_in_each_phase(app) {
        app.user("pubblica", Role::Member);
        {
            let mut conn = app.conn();
            use diesel::prelude::*;
            use prassi_db::schema::users;
            diesel::update(users::table.filter(users::username.eq("pubblica")))
                .set(users::directory_consent.eq(true)).execute(&mut conn).unwrap();
        }
        app.pending_user("sospesa");
        // (phase, anonymous directory status, pending directory status, profile visible to both)
        let expected = [
            (1, StatusCode::UNAUTHORIZED, StatusCode::NOT_FOUND, false),
            (2, StatusCode::UNAUTHORIZED, StatusCode::NOT_FOUND, false),
            (3, StatusCode::OK, StatusCode::OK, true),
        ];
        let mut anon = app.client().await;
        let mut p = app.signed_in_as("sospesa").await;
        for (phase, anon_dir, pending_dir, profile_visible) in expected {
            app.set_phase(phase);
            assert_eq!(anon.get("/membri").await.status, anon_dir, "anonymous, phase {phase}");
            assert_eq!(anon.get("/api/v1/members").await.status, anon_dir, "anonymous API, phase {phase}");
            assert_eq!(p.get("/membri").await.status, pending_dir, "pending, phase {phase}");
            let want = if profile_visible { StatusCode::OK } else { StatusCode::NOT_FOUND };
            assert_eq!(anon.get("/membri/pubblica").await.status, want, "anonymous profile, phase {phase}");
            assert_eq!(p.get("/membri/pubblica").await.status, want, "pending profile, phase {phase}");
            // The pending applicant always sees their own status.
            assert_eq!(p.get("/api/v1/me").await.json()["status"], "pending");
            assert_eq!(anon.get("/").await.status, StatusCode::OK);
        }
    }
}

both_backends! {
    async fn role_changes_declines_and_api_approvals_are_logged(app) {
        let member = app.user("promossa", Role::Member);
        let applicant = app.pending_user("respinto");
        let other = app.pending_user("accolta");
        let mut a = app.signed_in("direttrice", Role::Admin).await;
        let r = a.submit("/admin", &format!("/admin/utenti/{member}/ruolo"), &[("role", "expert")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = a.submit("/admin", &format!("/admin/utenti/{member}/ruolo"), &[("role", "emperor")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = a.submit("/moderazione", &format!("/moderazione/{applicant}/rifiuta"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let csrf = a.get("/admin").await.csrf().unwrap();
        let r = a.json(Method::POST, &format!("/api/v1/admin/members/{other}/approve"), &json!({}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        // Approving twice is "not found": nothing is pending any more.
        let r = a.json(Method::POST, &format!("/api/v1/admin/members/{other}/approve"), &json!({}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let log = a.get("/admin").await.body;
        for action in ["member.role", "member.declined", "member.approved"] {
            assert!(log.contains(action), "{action} missing from the audit log");
        }
        let mut p = app.signed_in_as("promossa").await;
        assert_eq!(p.get("/api/v1/me").await.json()["role"], "expert");
        let mut q = app.client().await;
        let r = q.submit("/accedi", "/accedi", &[("login", "respinto"), ("password", PASSWORD)]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "a declined request cannot sign in");
    }
}

both_backends! {
    async fn username_and_email_share_one_throttle(app) {
        app.user("doppia", Role::Member);
        let mut c = app.client().await;
        for login in ["doppia", "doppia@example.org", "DOPPIA", "doppia", "doppia@example.org"] {
            let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": login, "password": "sbagliata sbagliata"}), None).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        }
        let r = c.json(Method::POST, "/api/v1/auth/login", &json!({"login": "doppia@example.org", "password": PASSWORD}), None).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    }
}

both_backends! {
    async fn kept_settings_follow_every_change_whatever_its_path(app) {
        use diesel::prelude::*;
        use prassi_db::schema::site_counters;
        app.user("lettrice", Role::Member);
        let mut m = app.signed_in_as("lettrice").await;
        let sql = |q: &str| {
            diesel::sql_query(q).execute(&mut *app.conn()).unwrap();
        };
        let owner = |body: &str, name: &str| body.contains(name);
        // Written by hand, as a command or another instance would: inserted, updated, deleted.
        sql("INSERT INTO site_settings (key, value, updated_at) VALUES ('legal.org_name', 'Regione Uno', CURRENT_TIMESTAMP)");
        assert!(owner(&m.get("/note-legali").await.body, "Regione Uno"));
        sql("UPDATE site_settings SET value = 'Regione Due' WHERE key = 'legal.org_name'");
        let body = m.get("/note-legali").await.body;
        assert!(owner(&body, "Regione Due") && !owner(&body, "Regione Uno"));
        sql("DELETE FROM site_settings WHERE key = 'legal.org_name'");
        assert!(!owner(&m.get("/note-legali").await.body, "Regione Due"));
        // Through the service, as the administration page does.
        app.set_phase(2);
        assert_eq!(m.get("/api/v1/me").await.status, StatusCode::OK);
        let state = &app.platform.state;
        let phase = state.settings.at(&mut app.conn(), Some(version(&app))).unwrap().phase;
        assert_eq!(phase, prassi_core::access::Phase::from_number("2").unwrap());

        // The first signed-in view after a change reads the settings; the next keeps them.
        app.set_phase(3);
        let db = &state.db;
        let before = db.statements();
        assert_eq!(m.get("/note-legali").await.status, StatusCode::OK);
        let first = db.statements() - before;
        let before = db.statements();
        assert_eq!(m.get("/note-legali").await.status, StatusCode::OK);
        assert_eq!(db.statements() - before + 1, first, "one statement fewer with the settings kept");

        // Settings read inside a transaction that rolls back are never kept, even though the
        // next committed change reaches the same version.
        let v = version(&app);
        let mut conn = app.conn();
        let _ = conn.transaction::<(), diesel::result::Error, _>(|conn| {
            diesel::sql_query("INSERT INTO site_settings (key, value, updated_at) VALUES ('legal.org_name', 'Mai salvata', CURRENT_TIMESTAMP)").execute(conn)?;
            let inside = site_counters::table.filter(site_counters::name.eq("settings_version")).select(site_counters::value).first::<i64>(conn)?;
            assert_eq!(inside, v + 1);
            assert_eq!(state.settings.at(conn, Some(inside)).unwrap().legal.org_name, "Mai salvata");
            Err(diesel::result::Error::RollbackTransaction)
        });
        drop(conn);
        assert_eq!(version(&app), v);
        sql("INSERT INTO site_settings (key, value, updated_at) VALUES ('legal.org_name', 'Regione Tre', CURRENT_TIMESTAMP)");
        assert_eq!(version(&app), v + 1);
        let body = m.get("/note-legali").await.body;
        assert!(owner(&body, "Regione Tre") && !owner(&body, "Mai salvata"));

        fn version(app: &TestApp) -> i64 {
            site_counters::table
                .filter(site_counters::name.eq(prassi_core::settings::VERSION_COUNTER))
                .select(site_counters::value)
                .first(&mut *app.conn())
                .unwrap()
        }
    }
}
