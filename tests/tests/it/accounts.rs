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

// ---------------------------------------------------------------------------------------------
// Mail in the recipient's language, HTML parts, notification events

/// Every queued email as queued, oldest first.
fn queued_mails(app: &TestApp) -> Vec<prassi_core::mail::Email> {
    use diesel::prelude::*;
    use prassi_db::schema::outbox;
    let rows: Vec<String> = outbox::table
        .filter(outbox::topic.eq(prassi_core::mail::TOPIC))
        .order(outbox::id.asc())
        .select(outbox::payload)
        .load(&mut app.conn())
        .unwrap();
    rows.iter()
        .map(|p| serde_json::from_str(p).unwrap())
        .collect()
}

fn set_locale(app: &TestApp, id: &prassi_db::UserId, locale: &str) {
    use diesel::prelude::*;
    use prassi_db::schema::users;
    diesel::update(users::table.find(id))
        .set(users::locale.eq(Some(locale)))
        .execute(&mut app.conn())
        .unwrap();
}

both_backends! {
    async fn mail_is_written_in_the_recipients_language_whatever_page_caused_it(app) {
        app.set_phase(3);
        // Someone registers from the English pages: the language is stored with the account.
        let mut en = app.client().await;
        en.lang = "en".into();
        let r = en.submit("/registrati", "/registrati", &[
            ("username", "emma"), ("display_name", "Emma Stone"), ("email", "emma@example.org"),
            ("password", PASSWORD), ("organisation", "University"),
        ]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let verify = queued_mails(&app).into_iter().rev().find(|m| m.to == "emma@example.org").unwrap();
        assert_eq!(verify.subject, "Confirm your email address");
        assert!(verify.body.starts_with("To complete the registration, open this link (valid for 48 hours):\n\n"), "{}", verify.body);
        assert!(verify.body.contains("/verifica/"), "{}", verify.body);

        // A reset asked for from an Italian page still reaches her in English…
        let mut it = app.client().await;
        let r = it.submit("/password/dimenticata", "/password/dimenticata", &[("email", "emma@example.org")]).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
        let reset = queued_mails(&app).into_iter().rev().find(|m| m.to == "emma@example.org").unwrap();
        assert_eq!(reset.subject, "Reset your password");
        assert!(reset.body.contains("/password/reimposta/"), "{}", reset.body);
        // …and a member whose language is unknown reads Italian even from an English page.
        app.user("paolo", Role::Member);
        let r = en.submit("/password/dimenticata", "/password/dimenticata", &[("email", "paolo@example.org")]).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.body);
        let reset = queued_mails(&app).into_iter().rev().find(|m| m.to == "paolo@example.org").unwrap();
        assert_eq!(reset.subject, "Reimposta la password");

        // An Italian administrator approves an English applicant: the applicant reads English,
        // and the approval is recorded as a notification event.
        let applicant = app.pending_user("jane");
        set_locale(&app, &applicant, "en");
        let mut a = app.signed_in("direttrice", Role::Admin).await;
        let r = a.submit("/moderazione", &format!("/moderazione/{applicant}/approva"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let approved = queued_mails(&app).into_iter().rev().find(|m| m.to == "jane@example.org").unwrap();
        assert_eq!(approved.subject, "Your membership request has been approved");
        assert!(approved.body.starts_with("Welcome to the community! You can now access every members' area:\n\n"), "{}", approved.body);
        assert!(approved.body.ends_with("/accedi\n"), "{:?}", approved.body);
        assert!(approved.html.as_deref().is_some_and(|h| h.contains("<html lang=\"en\">") && h.contains("/accedi\">")), "{:?}", approved.html);

        use diesel::prelude::*;
        use prassi_db::schema::{notification_events as ne, users};
        let admin: prassi_db::UserId = users::table.filter(users::username.eq("direttrice")).select(users::id).first(&mut app.conn()).unwrap();
        let events: Vec<prassi_db::models::NotificationEvent> = ne::table
            .select(prassi_db::models::NotificationEvent::as_select())
            .load(&mut app.conn()).unwrap();
        assert_eq!(events.len(), 1, "{events:?}");
        let e = &events[0];
        assert_eq!((e.kind.as_str(), e.item_kind.as_str(), e.item_id.as_str(), e.audience.as_str()),
            ("accounts.member_approved", "member", applicant.as_str(), "members"));
        assert_eq!(e.actor_id.as_ref(), Some(&admin));
    }
}

both_backends! {
    async fn a_mails_html_part_escapes_what_people_typed_and_the_text_part_keeps_it(app) {
        // The administration's contact is a member who reads English.
        let admin = app.user("contatto", Role::Admin);
        set_locale(&app, &admin, "en");
        let mc = prassi_core::mail::MailContext::for_state(&app.platform.state);
        let input = prassi_accounts::service::ReportInput {
            page_url: "/forum?a=1&b=2".into(),
            description: "<script>alert(1)</script> & <b>bold</b>\nsecond line".into(),
            email: String::new(),
        };
        prassi_db::write_tx(&mut app.conn(), |c| {
            prassi_accounts::service::send_report(c, &input, None, "192.0.2.1", "it", &mc, "contatto@example.org")
        }).unwrap();
        let m = queued_mails(&app).into_iter().find(|m| m.to == "contatto@example.org").unwrap();
        assert_eq!(m.subject, "New accessibility report");
        assert!(m.body.contains("<script>alert(1)</script> & <b>bold</b>\nsecond line"), "plain text is not escaped: {}", m.body);
        assert!(m.body.contains(": not given\n"), "{}", m.body);
        let html = m.html.unwrap();
        assert!(!html.contains("<script>") && !html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; &lt;b&gt;bold&lt;&#x2F;b&gt;<br>second line"), "{html}");
        assert!(html.contains("&#x2F;forum?a=1&amp;b=2"), "{html}");

        // The worker sends it as multipart/alternative (the test transport writes `.eml` files).
        app.run_worker();
        let sent: Vec<String> = std::fs::read_dir(app.data_dir().join("mail")).unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .filter(|eml| eml.contains("To: contatto@example.org"))
            .collect();
        assert_eq!(sent.len(), 1);
        assert!(sent[0].contains("multipart/alternative") && sent[0].contains("text/html"), "{}", sent[0]);
    }
}

both_backends! {
    async fn a_notification_event_exists_only_if_its_transaction_commits(app) {
        use diesel::prelude::*;
        use prassi_core::notify::{self, Event, EventKind, ItemKind, ItemRef};
        let member = app.user("marta", Role::Member);
        let event = Event {
            kind: EventKind::AnswerPosted,
            item: ItemRef::new(ItemKind::Answer, &prassi_db::AnswerId::new()),
            actor: Some(member.clone()),
            audience: prassi_core::Audience::Group("g1".into()),
        };
        let count = || -> i64 {
            prassi_db::schema::notification_events::table.count().get_result(&mut app.conn()).unwrap()
        };
        let failed: Result<(), prassi_core::AppError> = prassi_db::write_tx(&mut app.conn(), |c| {
            notify::record(c, &event)?;
            Err(prassi_core::AppError::conflict("later-step-failed"))
        });
        assert!(failed.is_err());
        assert_eq!(count(), 0, "a rolled-back write leaves no event");

        prassi_db::write_tx(&mut app.conn(), |c| notify::record(c, &event)).unwrap();
        assert_eq!(count(), 1);
        let (kind, audience): (String, String) = prassi_db::schema::notification_events::table
            .select((prassi_db::schema::notification_events::kind, prassi_db::schema::notification_events::audience))
            .first(&mut app.conn()).unwrap();
        assert_eq!(EventKind::parse(&kind), Some(EventKind::AnswerPosted));
        assert_eq!(prassi_core::Audience::from_db(&audience), Some(prassi_core::Audience::Group("g1".into())));
    }
}
