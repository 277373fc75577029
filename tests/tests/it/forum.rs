//! Forum: categories and audiences, discussions, replies, quoting, @mentions, edits with
//! history, moderation, unread lists.

use super::*;

/// Two categories, public and members-only, made by an administrator through the category
/// form (which no other test fills in as an administrator).
async fn setup(app: &TestApp) {
    let mut a = app.signed_in("admin", Role::Admin).await;
    for (name, audience, position) in [
        ("Piazza pubblica", "public", "1"),
        ("Area membri", "members", "2"),
    ] {
        let r = a
            .submit(
                "/forum/categorie",
                "/forum/categorie",
                &[
                    ("name", name),
                    ("description", "Per confrontarsi"),
                    ("position", position),
                    ("audience", audience),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
}

both_backends! {
    async fn discuss_reply_quote_mention_edit_and_read(app) {
        setup(&app).await;
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.user("carla", Role::Member);
        let mut a = app.signed_in_as("anna").await;
        let r = a.submit("/forum/c/area-membri/nuova", "/forum/c/area-membri/nuova", &[
            ("title", "Co-progettazione con il Terzo Settore"), ("body_md", "Come avete organizzato i tavoli? @bruno tu ci sei passato."),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let url = r.location();
        assert!(url.ends_with("/co-progettazione-con-il-terzo-settore"), "{url}");
        let did = url.split('/').nth(3).unwrap().to_owned();

        // Bruno sees the discussion as unread and sees his mention.
        let mut b = app.signed_in_as("bruno").await;
        let unread = b.get("/api/v1/forum/discussions?unread=true").await.json();
        assert_eq!(unread["page"]["total"], 1);
        assert_eq!(unread["items"][0]["unread"], true);
        let mentions = b.get("/api/v1/forum/mentions").await.json();
        assert_eq!(mentions["page"]["total"], 1);
        assert!(b.get("/forum/menzioni").await.body.contains("Co-progettazione"));
        // Reading marks it read.
        let page = b.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(b.get("/api/v1/forum/discussions?unread=true").await.json()["page"]["total"], 0);
        let first = b.get(&format!("/api/v1/forum/discussions/{did}")).await.json()["posts"][0]["id"].as_str().unwrap().to_owned();
        // Quote the opening post: the form is prefilled; the reply records what it quotes.
        let quoting = b.get(&format!("{url}?cita={first}")).await;
        assert!(quoting.body.contains("&gt; Come avete organizzato"), "the quote is prefilled");
        let r = b.post_form(&format!("/forum/d/{did}/rispondi"), &[("csrf_token", &quoting.csrf().unwrap()), ("body_md", "> Come avete organizzato i tavoli?\n\nCon un avviso pubblico. @carla cosa ne pensi?"), ("quote_of", &first)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // Anna now has something unread: Bruno's reply; opening the discussion reads it.
        assert_eq!(a.get("/api/v1/forum/discussions?unread=true").await.json()["page"]["total"], 1);
        let d = a.get(&format!("/api/v1/forum/discussions/{did}")).await.json();
        assert_eq!(a.get("/api/v1/forum/discussions?unread=true").await.json()["page"]["total"], 0);
        assert_eq!(d["discussion"]["reply_count"], 1);
        assert_eq!(d["posts"][1]["quote_of_number"], 1);
        assert_eq!(d["posts"][1]["author"]["username"], "bruno");
        let mut c = app.signed_in_as("carla").await;
        assert_eq!(c.get("/api/v1/forum/mentions").await.json()["page"]["total"], 1);

        // Anna edits her opening post; the history keeps both versions with a word diff.
        let r = a.submit(&format!("/forum/p/{first}/modifica"), &format!("/forum/p/{first}/modifica"), &[
            ("title", "Co-progettazione con il Terzo Settore (art. 55)"), ("body_md", "Come avete organizzato i tavoli di lavoro?"), ("summary", "precisazione"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let h = a.get(&format!("/api/v1/forum/posts/{first}/revisions")).await.json();
        assert_eq!(h.as_array().unwrap().len(), 2);
        assert!(h[0]["diff"].as_array().unwrap().iter().any(|s| s["kind"] == "insert" && s["text"].as_str().unwrap().contains("lavoro")));
        assert!(h[0]["title_diff"].is_array());
        let history_page = a.get(&format!("/forum/p/{first}/cronologia")).await;
        assert_eq!(history_page.status, StatusCode::OK);
        assert!(history_page.body.contains("<ins>") && history_page.body.contains("lavoro"), "the word diff is shown");
        // Bruno may not edit Anna's post.
        assert_eq!(b.get(&format!("/forum/p/{first}/modifica")).await.status, StatusCode::FORBIDDEN);
        let csrf = b.get("/forum").await.csrf().unwrap();
        let r = b.json(Method::PUT, &format!("/api/v1/forum/posts/{first}"), &json!({"title": "Preso!", "body_md": "x"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Lists: latest and per category.
        assert!(b.get("/forum").await.body.contains("art. 55"));
        assert_eq!(b.get("/api/v1/forum/discussions?category=area-membri").await.json()["page"]["total"], 1);
    }
}

both_backends! {
    async fn moderators_hide_lock_pin_and_move(app) {
        setup(&app).await;
        app.user("mod", Role::Moderator);
        app.user("dario", Role::Member);
        app.user("elsa", Role::Member);
        let mut d = app.signed_in_as("dario").await;
        let csrf = d.get("/forum").await.csrf().unwrap();
        let created = d.json(Method::POST, "/api/v1/forum/discussions", &json!({"category": "area-membri", "title": "Una discussione da moderare", "body_md": "Testo"}), Some(&csrf)).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let did = created.json()["id"].as_str().unwrap().to_owned();
        let mut e = app.signed_in_as("elsa").await;
        let csrf_e = e.get("/forum").await.csrf().unwrap();
        let post = e.json(Method::POST, &format!("/api/v1/forum/discussions/{did}/posts"), &json!({"body_md": "Messaggio fuori luogo"}), Some(&csrf_e)).await.json()["id"].as_str().unwrap().to_owned();
        // Members do not moderate.
        let r = e.json(Method::POST, &format!("/api/v1/forum/discussions/{did}/moderation"), &json!({"action": "lock"}), Some(&csrf_e)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let mut m = app.signed_in_as("mod").await;
        let csrf_m = m.get("/forum").await.csrf().unwrap();
        let r = m.json(Method::POST, &format!("/api/v1/forum/posts/{post}/hidden"), &json!({"reason": ""}), Some(&csrf_m)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a reason is required");
        let page_url = m.get(&format!("/api/v1/forum/discussions/{did}")).await.json()["discussion"]["url"].as_str().unwrap().to_owned();
        let r = m.submit(&page_url, &format!("/forum/p/{post}/nascondi"), &[("reason", "Fuori tema")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let seen = d.get(&format!("/api/v1/forum/discussions/{did}")).await.json();
        assert_eq!(seen["posts"][1]["hidden"], true);
        assert_eq!(seen["posts"][1]["hidden_reason"], "Fuori tema");
        assert_eq!(seen["posts"][1]["body_md"], "", "members do not see a hidden post's text");
        assert!(!d.get(&page_url).await.body.contains("Messaggio fuori luogo"));
        assert_eq!(d.get(&format!("/api/v1/forum/posts/{post}/revisions")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(m.get(&format!("/api/v1/forum/discussions/{did}")).await.json()["posts"][1]["body_md"], "Messaggio fuori luogo");
        // Lock: members can no longer reply; moderators still can.
        let r = m.submit(&page_url, &format!("/forum/d/{did}/moderazione"), &[("action", "lock")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = d.json(Method::POST, &format!("/api/v1/forum/discussions/{did}/posts"), &json!({"body_md": "Ancora io"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.json()["error"]["message"], "forum-discussion-locked");
        let r = m.json(Method::POST, &format!("/api/v1/forum/discussions/{did}/posts"), &json!({"body_md": "Chiudo qui"}), Some(&csrf_m)).await;
        assert_eq!(r.status, StatusCode::CREATED);
        // Pin and move to the public category.
        for body in [json!({"action": "pin"}), json!({"action": "move", "category": "piazza-pubblica"})] {
            let r = m.json(Method::POST, &format!("/api/v1/forum/discussions/{did}/moderation"), &body, Some(&csrf_m)).await;
            assert_eq!(r.status, StatusCode::NO_CONTENT, "{body}");
        }
        let r = m.json(Method::POST, &format!("/api/v1/forum/discussions/{did}/moderation"), &json!({"action": "explode"}), Some(&csrf_m)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let listed = d.get("/api/v1/forum/discussions?category=piazza-pubblica").await.json();
        assert_eq!(listed["items"][0]["pinned"], true);
        assert_eq!(listed["items"][0]["locked"], true);
    }
}

both_backends! {
    async fn members_only_categories_are_invisible_to_visitors(app) {
        setup(&app).await;
        app.set_phase(3);
        app.user("fede", Role::Member);
        app.user("gino", Role::Member);
        let mut f = app.signed_in_as("fede").await;
        let csrf = f.get("/forum").await.csrf().unwrap();
        for (cat, title) in [("piazza-pubblica", "Discussione aperta a tutti"), ("area-membri", "Discussione riservata ai membri @gino")] {
            let r = f.json(Method::POST, "/api/v1/forum/discussions", &json!({"category": cat, "title": title, "body_md": "ciao @gino"}), Some(&csrf)).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        }
        let mut anon = app.client().await;
        let cats = anon.get("/api/v1/forum/categories").await.json();
        assert_eq!(cats.as_array().unwrap().len(), 1, "the members' category is not even listed");
        let list = anon.get("/api/v1/forum/discussions").await.json();
        assert_eq!(list["page"]["total"], 1);
        assert_eq!(list["items"][0]["title"], "Discussione aperta a tutti");
        assert_eq!(anon.get("/forum/c/area-membri").await.status, StatusCode::NOT_FOUND);
        assert_eq!(anon.get("/api/v1/forum/discussions?category=area-membri").await.status, StatusCode::NOT_FOUND);
        let body = anon.get("/forum").await.body;
        assert!(body.contains("Discussione aperta") && !body.contains("riservata"));
        // Visitors read but do not write, and have no unread list or mentions.
        let r = anon.json(Method::POST, "/api/v1/forum/discussions", &json!({"category": "piazza-pubblica", "title": "Anonimo qui", "body_md": "x"}), None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(anon.get("/api/v1/forum/mentions").await.status, StatusCode::UNAUTHORIZED);
        // An open-phase participant reads the public area only, and is never mentioned where
        // they cannot read.
        let mut p = app.client().await;
        p.json(Method::POST, "/api/v1/auth/register", &json!({"username": "ospite", "email": "ospite@example.org", "password": PASSWORD, "display_name": "Ospite", "organisation": "Ente"}), None).await;
        let t = app.link_token("ospite@example.org", "/verifica/");
        p.get(&format!("/verifica/{t}")).await;
        p.login("ospite", PASSWORD).await;
        assert_eq!(p.get("/api/v1/forum/discussions").await.json()["page"]["total"], 1);
        assert_eq!(app.client().await.get("/api/v1/forum/categories").await.status, StatusCode::OK);
        let mut g = app.signed_in_as("gino").await;
        assert_eq!(g.get("/api/v1/forum/mentions").await.json()["page"]["total"], 2);
        // Bad input is a clear error.
        let r = f.json(Method::POST, "/api/v1/forum/discussions", &json!({"category": "piazza-pubblica", "title": "Ciao", "body_md": "x"}), Some(&csrf)).await;
        assert_eq!(r.json()["error"]["message"], "forum-title-too-short");
        let r = f.json(Method::POST, "/api/v1/forum/discussions", &json!({"category": "piazza-pubblica", "title": "Titolo valido", "body_md": ""}), Some(&csrf)).await;
        assert_eq!(r.json()["error"]["field"], "body_md");
        let r = f.json(Method::POST, "/api/v1/forum/discussions", &json!({"category": "inesistente", "title": "Titolo valido", "body_md": "x"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        // Only administrators manage categories.
        assert_eq!(f.get("/forum/categorie").await.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn post_history_refuses_viewers_who_may_not_read_the_category(app) {
        app.set_phase(3);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        let members = app.forum_category("Solo membri", "members");
        let d = app.discussion("anna", &members, "Una discussione riservata").reply("bruno", "Una risposta riservata.").create();
        let post = d.replies[0].clone();
        let phase = prassi_core::access::Phase::Open;
        let mut conn = app.conn();
        let (discussion, revisions) = prassi_forum::service::readable_history(&mut conn, &app.viewer("anna"), phase, &post).unwrap();
        assert_eq!((discussion.id, revisions.len()), (d.id.clone(), 1));
        let refused = prassi_forum::service::readable_history(&mut conn, &prassi_core::access::Viewer::Anonymous, phase, &post).unwrap_err();
        let missing = prassi_forum::service::readable_history(&mut conn, &prassi_core::access::Viewer::Anonymous, phase, &prassi_db::PostId::new()).unwrap_err();
        assert_eq!(refused.kind, prassi_core::error::ErrorKind::NotFound);
        assert_eq!((refused.kind, refused.message), (missing.kind, missing.message), "like a post that does not exist");
        drop(conn);
        let mut anon = app.client().await;
        assert_eq!(anon.get(&format!("/forum/p/{post}/cronologia")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(anon.get(&format!("/api/v1/forum/posts/{post}/revisions")).await.status, StatusCode::NOT_FOUND);
        // The category check lives in the service: page and API answer alike for a category
        // the visitor may not read.
        assert_eq!(anon.get(&format!("/forum/c/{members}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(anon.get(&format!("/api/v1/forum/discussions?category={members}")).await.status, StatusCode::NOT_FOUND);
        let list = prassi_forum::service::list(
            &mut app.conn(),
            &prassi_core::access::Viewer::Anonymous,
            phase,
            &prassi_forum::service::ListFilter { category: Some(members), unread: false },
            prassi_core::pagination::PageRequest { page: 1, per_page: 20 },
        );
        assert_eq!(list.err().map(|e| e.kind), Some(prassi_core::error::ErrorKind::NotFound));
    }
}
