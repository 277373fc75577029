//! Atom feeds: every feed parsed back by an independent parser (`feed-rs`) with the entries it
//! should hold, newest first; what visitors may not read (members' and groups' content) never
//! in a feed read without a key; a member's personal key that reads as them, follows them out
//! of a group, dies when renewed, revoked or when the account is suspended; hostile text
//! (markup, very long words, right-to-left scripts) escaped in a feed that still parses; the
//! closed phase for visitors; caching and validators; and the alternate links on the pages.

use diesel::prelude::*;
use prassi_agenda::service::EventInput;
use prassi_db::QuestionId;

use super::*;

/// Parses a feed with feed-rs, failing the test with the document when it is not valid.
fn parse(body: &str) -> feed_rs::model::Feed {
    feed_rs::parser::parse(body.as_bytes())
        .unwrap_or_else(|e| panic!("not a valid feed ({e}):\n{body}"))
}

/// The entries' titles, in the feed's order.
fn titles(feed: &feed_rs::model::Feed) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| {
            e.title
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// The `href` of the feed-level link with `rel`.
fn link(feed: &feed_rs::model::Feed, rel: &str) -> String {
    feed.links
        .iter()
        .find(|l| l.rel.as_deref() == Some(rel))
        .map(|l| l.href.clone())
        .unwrap_or_else(|| panic!("no {rel} link in {:?}", feed.links))
}

/// A page's HTML with the `/` that Tera's escaping writes as `&#x2F;` put back (browsers read
/// both the same).
fn html(r: &prassi_tests::Resp) -> String {
    r.body.replace("&#x2F;", "/")
}

fn header(r: &prassi_tests::Resp, name: &str) -> String {
    r.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned()
}

/// A Rome wall-clock time `days` from now at `hour`:00, as the event form sends it.
fn local(days: i64, hour: u32) -> String {
    let day = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc()).date()
        + chrono::Duration::days(days);
    format!("{day}T{hour:02}:00")
}

fn event(app: &TestApp, who: &str, title: &str, audience: &str, group: &str) {
    let input = EventInput {
        title: title.into(),
        description_md: "Incontro della **comunità** di pratica.".into(),
        starts_at: local(10, 9),
        ends_at: local(10, 13),
        format: "in_person".into(),
        venue: "Sala Europa".into(),
        audience: audience.into(),
        group: group.into(),
        ..EventInput::default()
    };
    let (v, phase) = (app.viewer(who), app.phase());
    prassi_db::write_tx(&mut app.conn(), |c| {
        prassi_agenda::service::create(c, &v, phase, &input)
    })
    .unwrap();
}

fn ask_in_group(
    app: &TestApp,
    who: &str,
    group: &prassi_db::models::WorkGroup,
    title: &str,
) -> QuestionId {
    // A group's content takes the group's audience: public for a public group.
    let audience = if group.visibility == prassi_db::GroupVisibility::Public {
        "public".to_owned()
    } else {
        format!("group:{}", group.id)
    };
    let input = prassi_qa::service::QuestionInput {
        title: title.into(),
        body_md: "Come organizzate il lavoro del gruppo su questo tema?".into(),
        tags: "appalti".into(),
        audience,
        ..Default::default()
    };
    let (v, phase) = (app.viewer(who), app.phase());
    prassi_db::write_tx(&mut app.conn(), |c| {
        prassi_qa::service::ask_in_group(c, &v, phase, &group.id, &input)
    })
    .unwrap()
}

/// Makes a key on `/feed` as a browser would (CSRF token included) and returns it.
async fn make_key<S, B>(client: &mut prassi_tests::Client<S>) -> String
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let page = client.submit("/feed", "/feed", &[]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(header(&page, "cache-control"), "no-store");
    html(&page)
        .split("/feed/qa?token=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no keyed address on the page: {}", page.body))
        .to_owned()
}

both_backends! {
    async fn every_feed_parses_with_its_entries_newest_first_and_links_to_itself(app) {
        app.set_phase(3);
        app.user("anna", Role::Admin);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Contratti pubblici");
        app.tag("valutazione", "Valutare le politiche");
        app.question("bruno", "Come si scrive un capitolato sociale?").tags("appalti").audience("public").body("Serve un **esempio** concreto.").create();
        app.question("bruno", "Quali indicatori di impatto usate?").tags("valutazione").audience("public").lang("en").create();
        let cat = app.forum_category("Piazza pubblica", "public");
        app.discussion("bruno", &cat, "Presentiamoci tutti quanti").reply("anna", "Benvenuti a tutti!").create();
        app.wiki_page("anna", "Guida alla coprogettazione").audience("public").body("Prima versione della guida.").create();
        let (v, phase) = (app.viewer("bruno"), app.phase());
        prassi_db::write_tx(&mut app.conn(), |c| prassi_wiki::service::save(c, &v, phase, "guida-alla-coprogettazione", &prassi_wiki::service::SaveInput {
            title: "Guida alla coprogettazione".into(),
            body_md: "Seconda versione della guida, più completa.".into(),
            categories: "Metodo".into(),
            summary: "Aggiunti gli esempi".into(),
            base_revision: 1,
            ..Default::default()
        })).unwrap();
        event(&app, "anna", "Laboratorio di coprogettazione", "public", "");
        let g = app.group("anna", "Rete dei comuni").visibility("public").slug("rete").create();
        ask_in_group(&app, "anna", &g, "Come coordiniamo la rete dei comuni?");

        let mut visitor = app.client().await;
        // Q&A, all.
        let r = visitor.get("/feed/qa").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(header(&r, "content-type"), "application/atom+xml; charset=utf-8");
        assert_eq!(header(&r, "cache-control"), "public, max-age=300");
        assert!(!header(&r, "last-modified").is_empty());
        let f = parse(&r.body);
        assert_eq!(titles(&f), ["Come coordiniamo la rete dei comuni?", "Quali indicatori di impatto usate?", "Come si scrive un capitolato sociale?"], "newest first");
        assert_eq!(link(&f, "self"), "http://localhost/feed/qa");
        assert_eq!(link(&f, "alternate"), "http://localhost/qa");
        assert_eq!(f.language.as_deref(), Some("it"));
        let e = &f.entries[2];
        assert!(e.id.starts_with("tag:localhost,2026:question/"), "{}", e.id);
        assert_eq!(e.authors[0].name.as_deref(), Some("Bruno"));
        assert!(e.links[0].href.starts_with("http://localhost/qa/questions/"), "{:?}", e.links);
        assert!(e.content.as_ref().and_then(|c| c.body.as_deref()).unwrap_or("").contains("<strong>esempio</strong>"));
        assert!(e.updated.is_some() && e.published.is_some());
        assert!(r.body.contains("xml:lang=\"en\""), "the English question says so");
        // The same document again: 304 for the validator it carried.
        let etag = header(&r, "etag");
        assert!(etag.starts_with('"'), "{etag}");
        let again = visitor.get_with_header("/feed/qa", "if-none-match", &etag).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED);
        assert!(again.body.is_empty());
        let stale = visitor.get_with_header("/feed/qa", "if-none-match", "\"something else\"").await;
        assert_eq!(stale.status, StatusCode::OK);
        // Q&A, per tag; an unknown tag is not found, as its page.
        let f = parse(&visitor.get("/feed/qa/tags/appalti").await.body);
        assert_eq!(titles(&f), ["Come coordiniamo la rete dei comuni?", "Come si scrive un capitolato sociale?"]);
        assert_eq!(link(&f, "alternate"), "http://localhost/qa/tags/appalti");
        assert_eq!(visitor.get("/feed/qa/tags/nessuno").await.status, StatusCode::NOT_FOUND);
        // A forum category: the opening post and the reply, newest first.
        let f = parse(&visitor.get(&format!("/feed/forum/c/{cat}")).await.body);
        assert_eq!(titles(&f), ["Risposta a: Presentiamoci tutti quanti", "Presentiamoci tutti quanti"]);
        assert!(f.entries[0].links[0].href.contains("#post-"), "{:?}", f.entries[0].links);
        assert_eq!(visitor.get("/feed/forum/c/nessuna").await.status, StatusCode::NOT_FOUND);
        // Wiki recent changes: the edit (with its summary and a link to the difference), then
        // the creation.
        let f = parse(&visitor.get("/feed/wiki/modifiche").await.body);
        assert_eq!(titles(&f), ["Guida alla coprogettazione", "Guida alla coprogettazione"]);
        let html = f.entries[0].content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
        assert!(html.contains("Aggiunti gli esempi") && html.contains("revisione 2"), "{html}");
        assert!(f.entries[0].links[0].href.ends_with("/wiki/p/guida-alla-coprogettazione/differenze?da=1&a=2"), "{:?}", f.entries[0].links);
        // The agenda.
        let f = parse(&visitor.get("/feed/agenda").await.body);
        assert_eq!(titles(&f), ["Laboratorio di coprogettazione"]);
        let html = f.entries[0].content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
        assert!(html.contains("Sala Europa") && html.contains("<strong>comunità</strong>"), "{html}");
        // A public group's activity.
        let f = parse(&visitor.get("/feed/gruppi/rete/attivita").await.body);
        assert_eq!(titles(&f), ["Come coordiniamo la rete dei comuni?"]);
        assert_eq!(link(&f, "alternate"), "http://localhost/gruppi/rete/attivita");
        // In English, the feed's own texts follow the request's language.
        visitor.lang = "en".into();
        let f = parse(&visitor.get(&format!("/feed/forum/c/{cat}")).await.body);
        assert_eq!(f.language.as_deref(), Some("en"));
        assert_eq!(titles(&f)[0], "Reply to: Presentiamoci tutti quanti");
    }
}

both_backends! {
    async fn members_and_group_content_never_reaches_a_feed_read_without_a_key(app) {
        app.set_phase(3);
        app.user("anna", Role::Admin);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Contratti pubblici");
        app.question("bruno", "Domanda pubblica sugli appalti").tags("appalti").audience("public").create();
        app.question("bruno", "Domanda riservata ai membri").tags("appalti").audience("members").create();
        let g = app.group("anna", "Laboratorio riservato").slug("lab").member("bruno").create();
        ask_in_group(&app, "bruno", &g, "Domanda del gruppo riservato");
        let public = app.forum_category("Piazza", "public");
        let members = app.forum_category("Sala dei membri", "members");
        app.discussion("bruno", &public, "Discussione pubblica aperta").create();
        app.discussion("bruno", &members, "Discussione tra membri soltanto").create();
        app.wiki_page("anna", "Pagina pubblica del wiki").audience("public").create();
        app.wiki_page("anna", "Pagina riservata del wiki").audience("members").create();
        event(&app, "anna", "Evento pubblico aperto", "public", "");
        event(&app, "anna", "Evento riservato ai membri", "members", "");
        event(&app, "anna", "Evento del laboratorio", "group", "lab");

        let mut visitor = app.client().await;
        let mut all = String::new();
        for path in ["/feed/qa", "/feed/qa/tags/appalti", &format!("/feed/forum/c/{public}"), "/feed/wiki/modifiche", "/feed/agenda"] {
            let r = visitor.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
            parse(&r.body);
            all.push_str(&r.body);
        }
        for public_item in ["Domanda pubblica sugli appalti", "Discussione pubblica aperta", "Pagina pubblica del wiki", "Evento pubblico aperto"] {
            assert!(all.contains(public_item), "{public_item} missing");
        }
        for private_item in ["riservata ai membri", "gruppo riservato", "tra membri soltanto", "Pagina riservata", "riservato ai membri", "Evento del laboratorio"] {
            assert!(!all.contains(private_item), "{private_item} leaked into a public feed");
        }
        // A members' category and a listed group answer like things that do not exist.
        assert_eq!(visitor.get(&format!("/feed/forum/c/{members}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(visitor.get("/feed/gruppi/lab/attivita").await.status, StatusCode::NOT_FOUND);
        assert_eq!(visitor.get("/feed/gruppi/nessuno/attivita").await.status, StatusCode::NOT_FOUND);
        // A bad key is not found, and never falls back to the visitor's view.
        assert_eq!(visitor.get("/feed/qa?token=sbagliata").await.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn a_personal_key_reads_as_its_member_and_stops_when_they_leave_renew_revoke_or_are_suspended(app) {
        app.set_phase(1);
        app.user("anna", Role::Admin);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Contratti pubblici");
        app.question("anna", "Domanda riservata ai membri").tags("appalti").audience("members").create();
        let g = app.group("anna", "Laboratorio riservato").slug("lab").member("bruno").create();
        ask_in_group(&app, "anna", &g, "Domanda del laboratorio");
        let mut bruno = app.signed_in_as("bruno").await;
        // The page offers the feeds (the group's among them) and makes a key shown once.
        let page = bruno.get("/feed").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(html(&page).contains("http://localhost/feed/gruppi/lab/attivita"), "{}", page.body);
        let key = make_key(&mut bruno).await;
        assert!(key.len() >= 30, "{key}");
        let stored: String = prassi_db::schema::feed_tokens::table.select(prassi_db::schema::feed_tokens::token_hash).first(&mut app.conn()).unwrap();
        assert_ne!(stored, key, "only the digest is stored");
        assert_eq!(stored, prassi_core::tokens::digest(&key));
        assert!(!bruno.get("/feed").await.body.contains(&key), "the key is shown only once");
        // The key is never written to the request log.
        assert_eq!(prassi_core::web::redact_url("/feed/qa", &format!("token={key}")), "/feed/qa?token=[redacted]");

        // A reader without a session, with the key: what bruno reads, privately.
        let mut reader = app.client().await;
        assert_eq!(reader.get("/feed/qa").await.status, StatusCode::UNAUTHORIZED, "closed phase, no key");
        let r = reader.get(&format!("/feed/qa?token={key}")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(header(&r, "cache-control"), "private, no-cache");
        let f = parse(&r.body);
        assert_eq!(titles(&f), ["Domanda del laboratorio", "Domanda riservata ai membri"]);
        assert_eq!(link(&f, "self"), format!("http://localhost/feed/qa?token={key}"));
        let group_feed = format!("/feed/gruppi/lab/attivita?token={key}");
        assert_eq!(titles(&parse(&reader.get(&group_feed).await.body)), ["Domanda del laboratorio"]);

        // Bruno leaves the group: at the next request its items are gone, its feed not found.
        let csrf = bruno.get("/gruppi/lab").await.csrf().unwrap();
        let r = bruno.post_form("/gruppi/lab/lascia", &[("csrf_token", &csrf)]).await;
        assert!(r.status.is_redirection(), "{}: {}", r.status, r.body);
        let f = parse(&reader.get(&format!("/feed/qa?token={key}")).await.body);
        assert_eq!(titles(&f), ["Domanda riservata ai membri"]);
        assert_eq!(reader.get(&group_feed).await.status, StatusCode::NOT_FOUND);

        // Renewing makes the old key useless; revoking makes the new one useless too.
        let renewed = make_key(&mut bruno).await;
        assert_ne!(renewed, key);
        assert_eq!(reader.get(&format!("/feed/qa?token={key}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(reader.get(&format!("/feed/qa?token={renewed}")).await.status, StatusCode::OK);
        let r = bruno.submit("/feed", "/feed/revoca", &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(reader.get(&format!("/feed/qa?token={renewed}")).await.status, StatusCode::NOT_FOUND);
        let n: i64 = prassi_db::schema::feed_tokens::table.count().get_result(&mut app.conn()).unwrap();
        assert_eq!(n, 0);

        // A suspended member's key stops working.
        let again = make_key(&mut bruno).await;
        assert_eq!(reader.get(&format!("/feed/agenda?token={again}")).await.status, StatusCode::OK);
        diesel::update(prassi_db::schema::users::table.filter(prassi_db::schema::users::username.eq("bruno")))
            .set(prassi_db::schema::users::status.eq(prassi_db::AccountStatus::Suspended))
            .execute(&mut app.conn())
            .unwrap();
        assert_eq!(reader.get(&format!("/feed/agenda?token={again}")).await.status, StatusCode::NOT_FOUND);

        // Making a key needs the CSRF token, as every form.
        let mut anna = app.signed_in_as("anna").await;
        assert_eq!(anna.post_form("/feed", &[]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(anna.post_form("/feed/revoca", &[]).await.status, StatusCode::FORBIDDEN);
    }
}

both_backends! {
    async fn hostile_text_comes_out_escaped_and_the_feed_still_parses(app) {
        app.set_phase(3);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Contratti pubblici");
        let long_word = "Parola".repeat(18);
        let hostile = "<script>alert('x')</script> & \"virgolette\"";
        let rtl = "سؤال عن المشتريات العامة";
        app.question("bruno", &format!("{hostile} titolo")).tags("appalti").audience("public")
            .body(&format!("<script>alert(1)</script> <img src=x onerror=alert(2)> [link](javascript:alert(3)) {long_word}"))
            .create();
        app.question("bruno", &format!("{rtl} {long_word}")).tags("appalti").audience("public").lang("fr").create();
        let cat = app.forum_category("Piazza", "public");
        app.discussion("bruno", &cat, &format!("{hostile} discussione")).body("<iframe src=x></iframe> testo").create();
        app.wiki_page("bruno", &format!("{rtl} pagina")).audience("public").create();
        let mut visitor = app.client().await;
        for path in ["/feed/qa", &format!("/feed/forum/c/{cat}"), "/feed/wiki/modifiche"] {
            let r = visitor.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
            assert!(!r.body.contains("<script"), "raw markup in {path}: {}", r.body);
            assert!(!r.body.contains("<iframe") && !r.body.contains("<img"), "raw markup in {path}");
            let f = parse(&r.body);
            for e in &f.entries {
                let html = e.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
                assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("href=\"javascript") && !html.contains("<iframe"), "unsafe content in {path}: {html}");
            }
        }
        let f = parse(&visitor.get("/feed/qa").await.body);
        // Titles are text: the parser gives back exactly what was written.
        assert_eq!(titles(&f), [format!("{rtl} {long_word}"), format!("{hostile} titolo")]);
        let f = parse(&visitor.get("/feed/wiki/modifiche").await.body);
        assert_eq!(titles(&f), [format!("{rtl} pagina")]);
    }
}

both_backends! {
    async fn in_the_closed_phase_visitors_get_401_and_members_read_their_feeds_in_their_browser(app) {
        app.set_phase(1);
        app.user("bruno", Role::Member);
        app.tag("appalti", "Contratti pubblici");
        app.question("bruno", "Domanda riservata ai membri").tags("appalti").audience("members").create();
        let mut visitor = app.client().await;
        for path in ["/feed/qa", "/feed/qa/tags/appalti", "/feed/wiki/modifiche", "/feed/agenda", "/feed/forum/c/piazza", "/feed/gruppi/lab/attivita", "/feed"] {
            assert_eq!(visitor.get(path).await.status, StatusCode::UNAUTHORIZED, "{path}");
        }
        // No page offers visitors the feeds they may not read.
        assert!(!html(&visitor.get("/accedi").await).contains("<a href=\"/feed\""));
        // A pending account is treated like a visitor, but answered like an account.
        app.pending_user("paola");
        let mut paola = app.client().await;
        paola.login("paola", PASSWORD).await;
        assert_eq!(paola.get("/feed/qa").await.status, StatusCode::NOT_FOUND);
        // A member's own browser session reads the feed as them, privately.
        let mut bruno = app.signed_in_as("bruno").await;
        let r = bruno.get("/feed/qa").await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(header(&r, "cache-control"), "private, no-cache");
        assert_eq!(titles(&parse(&r.body)), ["Domanda riservata ai membri"]);
        // An empty feed is still a valid feed.
        let f = parse(&bruno.get("/feed/wiki/modifiche").await.body);
        assert!(f.entries.is_empty());
    }
}

both_backends! {
    async fn pages_with_a_feed_announce_it_in_their_head(app) {
        app.set_phase(3);
        app.user("anna", Role::Admin);
        app.tag("appalti", "Contratti pubblici");
        let cat = app.forum_category("Piazza", "public");
        app.group("anna", "Rete dei comuni").visibility("public").slug("rete").create();
        let mut visitor = app.client().await;
        for (page, feed) in [
            ("/qa", "/feed/qa".to_owned()),
            ("/qa/tags/appalti", "/feed/qa/tags/appalti".to_owned()),
            (&format!("/forum/c/{cat}"), format!("/feed/forum/c/{cat}")),
            ("/wiki/modifiche", "/feed/wiki/modifiche".to_owned()),
            ("/agenda", "/feed/agenda".to_owned()),
            ("/gruppi/rete/attivita", "/feed/gruppi/rete/attivita".to_owned()),
        ] {
            let r = visitor.get(page).await;
            assert_eq!(r.status, StatusCode::OK, "{page}");
            let page_html = html(&r);
            let head = page_html.split("</head>").next().unwrap_or_default();
            assert!(head.contains("<link rel=\"alternate\" type=\"application/atom+xml\"") && head.contains(&format!("href=\"{feed}\"")), "{page} does not announce {feed}: {head}");
            assert_eq!(visitor.get(&feed).await.status, StatusCode::OK, "{feed}");
        }
        // Every page's footer leads to the feeds page, which lists them for visitors too (no
        // key form without an account).
        assert!(html(&visitor.get("/qa").await).contains("<a href=\"/feed\">"));
        let r = visitor.get("/feed").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(html(&r).contains("http://localhost/feed/wiki/modifiche") && !html(&r).contains("action=\"/feed\""), "{}", r.body);
    }
}
