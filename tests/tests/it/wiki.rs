//! Wiki: pages, edits by other members, history, differences, restores, [[links]] and
//! backlinks, renames, protection, audiences, concurrent saves (merge and conflict), watches,
//! talk pages, export and promotion of accepted Q&A answers.

use prassi_core::access::Phase;
use prassi_wiki::service as wiki;

use super::*;

fn unescape(html: &str) -> String {
    html.replace("&#x2F;", "/").replace("&amp;", "&")
}

both_backends! {
    async fn members_create_edit_each_others_pages_with_history_diff_and_restore(app) {
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        let mut a = app.signed_in_as("anna").await;
        let r = a.submit("/wiki/nuova", "/wiki/nuova", &[
            ("title", "Comunità di pratica"),
            ("body_md", "Una comunità di pratica è un gruppo di persone.\n\nSi incontra online."),
            ("categories", "Metodo, Glossario"), ("parent", ""), ("audience", "members"), ("summary", "prima stesura"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), "/wiki/p/comunita-di-pratica");

        // Bruno improves Anna's page from revision 1.
        let mut b = app.signed_in_as("bruno").await;
        let form = b.get("/wiki/p/comunita-di-pratica/modifica").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains(r#"name="base_revision" value="1""#), "the form carries its base revision");
        let r = b.post_form("/wiki/p/comunita-di-pratica/modifica", &[
            ("csrf_token", &form.csrf().unwrap()), ("title", "Comunità di pratica"),
            ("body_md", "Una comunità di pratica è un gruppo di persone che condividono una pratica.\n\nSi incontra online."),
            ("categories", "Metodo, Glossario"), ("parent", ""), ("summary", "definizione più precisa"), ("base_revision", "1"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

        // History: two revisions with authors, times and summaries.
        let h = b.get("/api/v1/wiki/pages/comunita-di-pratica/revisions").await.json();
        assert_eq!(h["page"]["total"], 2);
        assert_eq!(h["items"][0]["number"], 2);
        assert_eq!(h["items"][0]["author"]["username"], "bruno");
        assert_eq!(h["items"][0]["summary"], "definizione più precisa");
        assert_eq!(h["items"][0]["kind"], "edit");
        assert_eq!(h["items"][1]["author"]["username"], "anna");
        assert_eq!(h["items"][1]["kind"], "create");
        let history = b.get("/wiki/p/comunita-di-pratica/cronologia").await;
        assert_eq!(history.status, StatusCode::OK);
        assert!(history.body.contains("definizione più precisa"));

        // The difference is word by word.
        let d = b.get("/api/v1/wiki/pages/comunita-di-pratica/diff?from=1&to=2").await.json();
        let inserted: String = d["body_diff"].as_array().unwrap().iter()
            .filter(|s| s["kind"] == "insert").map(|s| s["text"].as_str().unwrap()).collect();
        assert_eq!(inserted.trim(), "persone che condividono una pratica.");
        assert!(d["body_diff"].as_array().unwrap().iter().any(|s| s["kind"] == "delete" && s["text"].as_str().unwrap().contains("persone.")));
        let page = b.get("/wiki/p/comunita-di-pratica/differenze?da=1&a=2").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<ins>") && page.body.contains("condividono"), "the diff page marks inserted words");

        // An old revision can be read, and restored as a new revision.
        let old = a.get("/wiki/p/comunita-di-pratica/revisione/1").await;
        assert_eq!(old.status, StatusCode::OK);
        assert!(old.body.contains("gruppo di persone."));
        let stale = a.post_form("/wiki/p/comunita-di-pratica/ripristina", &[
            ("csrf_token", &old.csrf().unwrap()), ("revision", "1"), ("base_revision", "1"), ("summary", ""),
        ]).await;
        assert_eq!(stale.status, StatusCode::SEE_OTHER);
        assert!(stale.location().ends_with("/cronologia"), "a restore from a stale view shows the history instead");
        assert_eq!(a.get("/api/v1/wiki/pages/comunita-di-pratica").await.json()["revision"], 2, "nothing was written");
        let r = a.post_form("/wiki/p/comunita-di-pratica/ripristina", &[
            ("csrf_token", &old.csrf().unwrap()), ("revision", "1"), ("base_revision", "2"), ("summary", "torno alla prima"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let now = a.get("/api/v1/wiki/pages/comunita-di-pratica").await.json();
        assert_eq!(now["revision"], 3);
        assert_eq!(now["body_md"], "Una comunità di pratica è un gruppo di persone.\n\nSi incontra online.");
        assert_eq!(now["categories"], json!(["Glossario", "Metodo"]));
        let h = a.get("/api/v1/wiki/pages/comunita-di-pratica/revisions").await.json();
        assert_eq!(h["items"][0]["kind"], "restore");
        assert_eq!(h["items"][0]["restored_from"], 1);
        assert_eq!(h["page"]["total"], 3, "every version is still there");

        // Recent changes, filters and contributions.
        let all = a.get("/api/v1/wiki/changes").await.json();
        assert_eq!(all["page"]["total"], 3);
        assert_eq!(a.get("/api/v1/wiki/changes?member=bruno").await.json()["page"]["total"], 1);
        assert_eq!(a.get("/api/v1/wiki/changes?category=Glossario").await.json()["page"]["total"], 3);
        assert_eq!(a.get("/api/v1/wiki/changes?category=Altro").await.json()["page"]["total"], 0);
        let contributions = a.get("/wiki/contributi/bruno").await;
        assert_eq!(contributions.status, StatusCode::OK);
        assert!(contributions.body.contains("definizione più precisa"));
        assert!(a.get("/wiki/modifiche?membro=anna").await.body.contains("torno alla prima"));
        assert!(a.get("/wiki/categoria/Glossario").await.body.contains("Comunità di pratica"));
        // The profile counts the member's wiki edits.
        assert!(unescape(&b.get("/membri/bruno").await.body).contains("/wiki/contributi/bruno"));

        // Markdown export.
        let md = a.get("/wiki/p/comunita-di-pratica/markdown").await;
        assert_eq!(md.status, StatusCode::OK);
        assert!(md.headers.get("content-type").unwrap().to_str().unwrap().starts_with("text/markdown"));
        assert!(md.body.starts_with("# Comunità di pratica\n\nUna comunità di pratica"), "{}", md.body);
    }
}

both_backends! {
    async fn links_resolve_missing_pages_open_the_form_and_backlinks_follow_renames(app) {
        app.user("anna", Role::Member);
        app.wiki_page("anna", "I dieci temi").body("Elenco dei temi.").create();
        app.wiki_page("anna", "Formato degli incontri").body("# Formato\n\n## Interventi\n\nVedi [[I dieci temi|i temi]] e [[Tavoli di networking]].\n\n## Question time\n\nDomande.").create();
        let mut a = app.signed_in_as("anna").await;
        let p = a.get("/wiki/p/formato-degli-incontri").await;
        assert_eq!(p.status, StatusCode::OK);
        let body = unescape(&p.body);
        assert!(body.contains(r#"href="/wiki/p/i-dieci-temi""#), "an existing page is linked");
        assert!(body.contains(">i temi</a>"), "the label is shown");
        assert!(body.contains(r#"href="/wiki/nuova?titolo=Tavoli%20di%20networking""#), "a missing page links to its creation form: {body}");
        let api = a.get("/api/v1/wiki/pages/formato-degli-incontri").await.json();
        let anchors: Vec<&str> = api["toc"].as_array().unwrap().iter().map(|h| h["anchor"].as_str().unwrap()).collect();
        assert_eq!(anchors, vec!["formato", "interventi", "question-time"]);
        assert!(api["body_html"].as_str().unwrap().contains(r#"<h2 id="question-time">"#));

        // The missing link opens a prefilled creation form; creating the page resolves it.
        let form = a.get("/wiki/nuova?titolo=Tavoli+di+networking").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains(r#"value="Tavoli di networking""#));
        let r = a.post_form("/wiki/nuova", &[("csrf_token", &form.csrf().unwrap()), ("title", "Tavoli di networking"), ("body_md", "Tavoli tematici."), ("audience", "members")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(unescape(&a.get("/wiki/p/formato-degli-incontri").await.body).contains(r#"href="/wiki/p/tavoli-di-networking""#));
        // An existing title opens the page instead of an empty form.
        assert_eq!(a.get("/wiki/nuova?titolo=i+dieci+temi").await.location(), "/wiki/p/i-dieci-temi");
        // The same title twice is refused.
        let again = a.submit("/wiki/nuova", "/wiki/nuova", &[("title", "I Dieci Temi"), ("body_md", "x"), ("audience", "members")]).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Backlinks.
        let temi = a.get("/api/v1/wiki/pages/i-dieci-temi").await.json();
        assert_eq!(temi["backlinks"][0]["slug"], "formato-degli-incontri");
        assert!(a.get("/wiki/p/i-dieci-temi").await.body.contains("Formato degli incontri"));

        // Renaming keeps the old name working and links resolving.
        let csrf = a.get("/wiki").await.csrf().unwrap();
        let r = a.json(Method::PUT, "/api/v1/wiki/pages/i-dieci-temi", &json!({"title": "I dieci temi di Co.PIS", "body_md": "Elenco dei temi.", "categories": "Metodo", "base_revision": 1}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["slug"], "i-dieci-temi-di-co-pis");
        let old = a.get("/wiki/p/i-dieci-temi").await;
        assert_eq!(old.status, StatusCode::FOUND, "a temporary redirect: the old name can be taken back by another rename");
        assert_eq!(old.location(), "/wiki/p/i-dieci-temi-di-co-pis");
        assert!(unescape(&a.get("/wiki/p/formato-degli-incontri").await.body).contains(r#"href="/wiki/p/i-dieci-temi-di-co-pis""#));
        assert_eq!(a.get("/api/v1/wiki/pages/i-dieci-temi-di-co-pis").await.json()["backlinks"][0]["slug"], "formato-degli-incontri");
        // The old name is not free for another page.
        let taken = a.json(Method::POST, "/api/v1/wiki/pages", &json!({"title": "I dieci temi", "body_md": "x"}), Some(&csrf)).await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Parents: breadcrumbs and sub-pages; a page cannot become its own ancestor.
        let r = a.json(Method::PUT, "/api/v1/wiki/pages/tavoli-di-networking", &json!({"title": "Tavoli di networking", "body_md": "Tavoli tematici.", "parent": "Formato degli incontri", "base_revision": 1}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let child = a.get("/api/v1/wiki/pages/tavoli-di-networking").await.json();
        assert_eq!(child["breadcrumbs"][0]["slug"], "formato-degli-incontri");
        assert_eq!(a.get("/api/v1/wiki/pages/formato-degli-incontri").await.json()["children"][0]["slug"], "tavoli-di-networking");
        let cycle = a.json(Method::PUT, "/api/v1/wiki/pages/formato-degli-incontri", &json!({"title": "Formato degli incontri", "body_md": "x", "parent": "Tavoli di networking", "base_revision": 1}), Some(&csrf)).await;
        assert_eq!(cycle.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(cycle.json()["error"]["message"], "wiki-parent-cycle");
    }
}

both_backends! {
    async fn protection_limits_editing_to_moderators_and_audiences_limit_reading(app) {
        app.user("anna", Role::Member);
        app.user("mod", Role::Moderator);
        app.set_phase(3);
        app.wiki_page("anna", "Pagina pubblica").body("Vedi [[Pagina riservata]].").audience("public").create();
        app.wiki_page("anna", "Pagina riservata").body("Solo per i membri. Vedi [[Pagina pubblica]].").create();
        let mut m = app.signed_in_as("mod").await;
        let p = m.get("/wiki/p/pagina-pubblica").await;
        assert!(p.body.contains("/impostazioni"), "moderators see the settings form");
        let r = m.post_form("/wiki/p/pagina-pubblica/impostazioni", &[("csrf_token", &p.csrf().unwrap()), ("protected", "1"), ("audience", "public")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

        let mut a = app.signed_in_as("anna").await;
        assert_eq!(a.get("/wiki/p/pagina-pubblica/modifica").await.status, StatusCode::FORBIDDEN);
        let csrf = a.get("/wiki").await.csrf().unwrap();
        let r = a.json(Method::PUT, "/api/v1/wiki/pages/pagina-pubblica", &json!({"title": "Pagina pubblica", "body_md": "Vandalismo", "base_revision": 1}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.json()["error"]["message"], "wiki-page-protected");
        let r = a.json(Method::PUT, "/api/v1/wiki/pages/pagina-pubblica/settings", &json!({"protected": false}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "members do not change protection");
        // Its talk page stays open to members.
        let r = a.json(Method::POST, "/api/v1/wiki/pages/pagina-pubblica/talk", &json!({"body_md": "Propongo di aggiungere un esempio."}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let csrf_m = m.get("/wiki").await.csrf().unwrap();
        let r = m.json(Method::PUT, "/api/v1/wiki/pages/pagina-pubblica", &json!({"title": "Pagina pubblica", "body_md": "Vedi [[Pagina riservata]]. Aggiornata.", "categories": "Metodo", "base_revision": 1}), Some(&csrf_m)).await;
        assert_eq!(r.status, StatusCode::OK, "moderators edit protected pages: {}", r.body);

        // Anonymous visitors (open phase) read the public page, never the members' one — not
        // by URL, list, changes, backlinks or link colour.
        let mut anon = app.client().await;
        let p = anon.get("/wiki/p/pagina-pubblica").await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(!unescape(&p.body).contains("/wiki/p/pagina-riservata"), "a link to a hidden page looks like a missing one");
        assert_eq!(anon.get("/wiki/p/pagina-riservata").await.status, StatusCode::NOT_FOUND);
        assert_eq!(anon.get("/api/v1/wiki/pages/pagina-riservata").await.status, StatusCode::NOT_FOUND);
        assert_eq!(anon.get("/wiki/p/pagina-riservata/cronologia").await.status, StatusCode::NOT_FOUND);
        assert_eq!(anon.get("/wiki/p/pagina-riservata/markdown").await.status, StatusCode::NOT_FOUND);
        assert_eq!(anon.get("/api/v1/wiki/pages").await.json()["page"]["total"], 1);
        let changes = anon.get("/api/v1/wiki/changes").await.json();
        assert!(changes["items"].as_array().unwrap().iter().all(|c| c["page"]["slug"] == "pagina-pubblica"));
        assert_eq!(anon.get("/api/v1/wiki/pages/pagina-pubblica").await.json()["backlinks"], json!([]));
        assert_eq!(a.get("/api/v1/wiki/pages/pagina-pubblica").await.json()["backlinks"][0]["slug"], "pagina-riservata");
        let cats = anon.get("/api/v1/wiki/categories").await;
        assert_eq!(cats.json()[0]["count"], 1, "{}", cats.body);
        // Visitors do not edit.
        assert_ne!(anon.get("/wiki/p/pagina-pubblica/modifica").await.status, StatusCode::OK);
        let r = anon.json(Method::PUT, "/api/v1/wiki/pages/pagina-pubblica", &json!({"title": "x", "body_md": "y", "base_revision": 2}), None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        // A members-only page moved to the public by a moderator becomes readable.
        let r = m.json(Method::PUT, "/api/v1/wiki/pages/pagina-riservata/settings", &json!({"protected": false, "audience": "public"}), Some(&csrf_m)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(anon.get("/wiki/p/pagina-riservata").await.status, StatusCode::OK);
    }
}

/// The body of a page with three paragraphs, paragraph `n` (1-based) replaced.
fn three(first: &str, second: &str, third: &str) -> String {
    format!("{first}\n\n{second}\n\n{third}")
}

both_backends! {
    async fn concurrent_saves_from_one_base_merge_when_they_do_not_overlap(app) {
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.wiki_page("anna", "Agenda").body(&three("Apertura.", "Interventi.", "Chiusura.")).create();
        let mut a = app.signed_in_as("anna").await;
        let mut b = app.signed_in_as("bruno").await;
        let fa = a.get("/wiki/p/agenda/modifica").await.csrf().unwrap();
        let fb = b.get("/wiki/p/agenda/modifica").await.csrf().unwrap();
        let body_a = three("Apertura alle 10.", "Interventi.", "Chiusura.");
        let body_b = three("Apertura.", "Interventi.", "Chiusura con feedback.");
        let fields_a = [("csrf_token", fa.as_str()), ("title", "Agenda"), ("body_md", body_a.as_str()), ("summary", "orario"), ("base_revision", "1")];
        let fields_b = [("csrf_token", fb.as_str()), ("title", "Agenda"), ("body_md", body_b.as_str()), ("summary", "feedback"), ("base_revision", "1")];
        let (ra, rb) = futures_util::future::join(
            a.post_form("/wiki/p/agenda/modifica", &fields_a),
            b.post_form("/wiki/p/agenda/modifica", &fields_b),
        ).await;
        assert_eq!(ra.status, StatusCode::SEE_OTHER, "{}", ra.body);
        assert_eq!(rb.status, StatusCode::SEE_OTHER, "{}", rb.body);
        let now = a.get("/api/v1/wiki/pages/agenda").await.json();
        assert_eq!(now["body_md"], three("Apertura alle 10.", "Interventi.", "Chiusura con feedback."), "both edits survive");
        assert_eq!(now["revision"], 3);
        let h = a.get("/api/v1/wiki/pages/agenda/revisions").await.json();
        let kinds: Vec<&str> = h["items"].as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, vec!["merge", "edit", "create"], "exactly one save won outright; the other was merged");
    }
}

both_backends! {
    async fn concurrent_overlapping_saves_show_a_conflict_that_keeps_the_editors_text(app) {
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.wiki_page("anna", "Agenda").body(&three("Apertura.", "Interventi.", "Chiusura.")).create();
        let mut a = app.signed_in_as("anna").await;
        let mut b = app.signed_in_as("bruno").await;
        let fa = a.get("/wiki/p/agenda/modifica").await.csrf().unwrap();
        let fb = b.get("/wiki/p/agenda/modifica").await.csrf().unwrap();
        let body_a = three("Apertura alle 10 con i saluti.", "Interventi.", "Chiusura.");
        let body_b = three("Apertura alle 9:30 in plenaria.", "Interventi.", "Chiusura.");
        let fields_a = [("csrf_token", fa.as_str()), ("title", "Agenda"), ("body_md", body_a.as_str()), ("summary", ""), ("base_revision", "1")];
        let fields_b = [("csrf_token", fb.as_str()), ("title", "Agenda"), ("body_md", body_b.as_str()), ("summary", ""), ("base_revision", "1")];
        let (ra, rb) = futures_util::future::join(
            a.post_form("/wiki/p/agenda/modifica", &fields_a),
            b.post_form("/wiki/p/agenda/modifica", &fields_b),
        ).await;
        let statuses = [ra.status, rb.status];
        assert!(statuses.contains(&StatusCode::SEE_OTHER) && statuses.contains(&StatusCode::CONFLICT), "one wins, one conflicts: {statuses:?}");
        let (winner, loser, loser_body, mut loser_client) = if ra.status == StatusCode::SEE_OTHER {
            (body_a.clone(), rb, body_b.clone(), b)
        } else {
            (body_b.clone(), ra, body_a.clone(), a)
        };
        // The conflict page keeps the loser's text in the form, shows the current text, and
        // bases the form on the current revision.
        let page = loser.body.replace("&#x2F;", "/");
        let loser_first = loser_body.lines().next().unwrap();
        let winner_first = winner.lines().next().unwrap();
        assert!(page.contains(loser_first), "the editor's text is preserved");
        assert!(page.contains(winner_first), "the current text is shown");
        assert!(page.contains(r#"name="base_revision" value="2""#), "{page}");
        let now = loser_client.get("/api/v1/wiki/pages/agenda").await.json();
        assert_eq!(now["body_md"], winner.as_str(), "nothing was overwritten");
        assert_eq!(now["revision"], 2);

        // Through the API: a stale, overlapping save answers 409 with both texts.
        let csrf = loser_client.get("/wiki").await.csrf().unwrap();
        let r = loser_client.json(Method::PUT, "/api/v1/wiki/pages/agenda", &json!({"title": "Agenda", "body_md": loser_body, "base_revision": 1}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        let c = r.json();
        assert_eq!(c["error"]["kind"], "conflict");
        assert_eq!(c["conflict"]["mine"]["body_md"], loser_body.as_str());
        assert_eq!(c["conflict"]["current_body_md"], winner.as_str());
        assert_eq!(c["conflict"]["current_revision"], 2);
        assert_eq!(c["conflict"]["fields"], json!(["body_md"]));
        assert!(c["conflict"]["diff"].as_array().unwrap().iter().any(|s| s["kind"] == "insert"));

        // Having seen the conflict, the editor resubmits from the current revision.
        let resolved = three(&format!("{winner_first} Poi i saluti."), "Interventi.", "Chiusura.");
        let r = loser_client.post_form("/wiki/p/agenda/modifica", &[("csrf_token", &csrf), ("title", "Agenda"), ("body_md", &resolved), ("base_revision", "2")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(loser_client.get("/api/v1/wiki/pages/agenda").await.json()["revision"], 3);
    }
}

both_backends! {
    async fn many_concurrent_saves_never_lose_an_edit(app) {
        app.user("anna", Role::Member);
        let lines: Vec<String> = (1..=6).map(|i| format!("Riga {i}.")).collect();
        app.wiki_page("anna", "Registro").body(&lines.join("\n\n")).create();
        let mut clients = Vec::new();
        for i in 0..6 {
            let name = format!("editor{i}");
            let mut c = app.signed_in(&name, Role::Member).await;
            let csrf = c.get("/wiki").await.csrf().unwrap();
            clients.push((c, csrf));
        }
        // Six members each change a different paragraph, all from revision 1, at once.
        let futures = clients.iter_mut().enumerate().map(|(i, (c, csrf))| {
            let mut mine = lines.clone();
            mine[i] = format!("Riga {} modificata da editor{i}.", i + 1);
            let body = json!({"title": "Registro", "body_md": mine.join("\n\n"), "base_revision": 1});
            let csrf = csrf.clone();
            async move { c.json(Method::PUT, "/api/v1/wiki/pages/registro", &body, Some(&csrf)).await }
        });
        let results = futures_util::future::join_all(futures).await;
        let outcomes: Vec<String> = results.iter().map(|r| {
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.json()["outcome"].as_str().unwrap().to_owned()
        }).collect();
        assert_eq!(outcomes.iter().filter(|o| *o == "saved").count(), 1, "{outcomes:?}");
        assert_eq!(outcomes.iter().filter(|o| *o == "merged").count(), 5, "{outcomes:?}");
        let (c, _) = &mut clients[0];
        let now = c.get("/api/v1/wiki/pages/registro").await.json();
        assert_eq!(now["revision"], 7);
        for i in 0..6 {
            assert!(now["body_md"].as_str().unwrap().contains(&format!("modificata da editor{i}.")), "{}", now["body_md"]);
        }
    }
}

both_backends! {
    async fn watchers_see_changes_to_watched_pages_and_talk_pages_collect_comments(app) {
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.wiki_page("anna", "Glossario").body("Termini.").create();
        app.wiki_page("anna", "Altro").body("Altro.").create();
        let mut b = app.signed_in_as("bruno").await;
        let p = b.get("/wiki/p/glossario").await;
        let r = b.post_form("/wiki/p/glossario/osserva", &[("csrf_token", &p.csrf().unwrap()), ("watch", "1")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(b.get("/api/v1/wiki/pages/glossario").await.json()["watching"], true);
        // Anna edits both pages; Bruno's watchlist shows only the watched one.
        let mut a = app.signed_in_as("anna").await;
        let csrf = a.get("/wiki").await.csrf().unwrap();
        for slug in ["glossario", "altro"] {
            let r = a.json(Method::PUT, &format!("/api/v1/wiki/pages/{slug}"), &json!({"title": if slug == "altro" { "Altro" } else { "Glossario" }, "body_md": "Aggiornato.", "summary": format!("modifica di {slug}"), "base_revision": 1}), Some(&csrf)).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        }
        let w = b.get("/api/v1/wiki/changes?watched=true").await.json();
        assert!(w["items"].as_array().unwrap().iter().all(|c| c["page"]["slug"] == "glossario"));
        assert_eq!(w["items"][0]["summary"], "modifica di glossario");
        let page = b.get("/wiki/osservati").await;
        assert!(page.body.contains("modifica di glossario") && !page.body.contains("modifica di altro"));
        // Creators watch their pages.
        assert_eq!(a.get("/api/v1/wiki/pages/altro").await.json()["watching"], true);
        // Stop watching.
        let csrf_b = b.get("/wiki").await.csrf().unwrap();
        assert_eq!(b.json(Method::DELETE, "/api/v1/wiki/pages/glossario/watch", &json!({}), Some(&csrf_b)).await.status, StatusCode::NO_CONTENT);
        assert_eq!(b.get("/api/v1/wiki/changes?watched=true").await.json()["page"]["total"], 0);
        assert_ne!(app.client().await.get("/wiki/osservati").await.status, StatusCode::OK, "visitors have no watchlist");

        // The talk page.
        let talk = b.get("/wiki/p/glossario/discussione").await;
        assert_eq!(talk.status, StatusCode::OK);
        let r = b.post_form("/wiki/p/glossario/discussione", &[("csrf_token", &talk.csrf().unwrap()), ("body_md", "Manca la voce **outcome**.")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(r.location().contains("#commento-"));
        let empty = b.post_form("/wiki/p/glossario/discussione", &[("csrf_token", &talk.csrf().unwrap()), ("body_md", "  ")]).await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        let list = a.get("/api/v1/wiki/pages/glossario/talk").await.json();
        assert_eq!(list["page"]["total"], 1);
        assert!(list["items"][0]["body_html"].as_str().unwrap().contains("<strong>outcome</strong>"));
        assert_eq!(a.get("/api/v1/wiki/pages/glossario").await.json()["talk_count"], 1);
        assert!(a.get("/wiki/p/glossario/discussione").await.body.contains("Manca la voce"));
    }
}

both_backends! {
    async fn accepted_answers_are_promoted_into_new_or_existing_pages_with_credit(app) {
        app.user("chiede", Role::Member);
        app.user("esperta", Role::Expert);
        app.user("curatore", Role::Member);
        app.tag("appalti", "Appalti");
        let mut asker = app.signed_in_as("chiede").await;
        let csrf_q = asker.get("/qa").await.csrf().unwrap();
        let q = asker.json(Method::POST, "/api/v1/qa/questions", &json!({"title": "Come si organizza un tavolo di co-progettazione?", "body_md": "Cerco esempi.", "tags": "appalti", "audience": "members"}), Some(&csrf_q)).await;
        assert_eq!(q.status, StatusCode::CREATED, "{}", q.body);
        let qid = q.json()["id"].as_str().unwrap().to_owned();
        let mut e = app.signed_in_as("esperta").await;
        let csrf_e = e.get("/qa").await.csrf().unwrap();
        let ans = e.json(Method::POST, &format!("/api/v1/qa/questions/{qid}/answers"), &json!({"body_md": "Con un avviso pubblico e **tre incontri**."}), Some(&csrf_e)).await;
        assert_eq!(ans.status, StatusCode::CREATED, "{}", ans.body);
        let aid = ans.json()["id"].as_str().unwrap().to_owned();

        let mut c = app.signed_in_as("curatore").await;
        let csrf = c.get("/wiki").await.csrf().unwrap();
        // Only accepted answers are promoted.
        let r = c.json(Method::POST, "/api/v1/wiki/promote", &json!({"answer_id": aid, "mode": "new", "title": "Co-progettazione"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["error"]["message"], "wiki-promote-not-accepted");
        let r = asker.json(Method::POST, &format!("/api/v1/qa/questions/{qid}/accept"), &json!({"answer_id": aid}), Some(&csrf_q)).await;
        assert!(r.status.is_success(), "{}", r.body);
        let qa_page = c.get(&format!("/api/v1/qa/questions/{qid}")).await.json();
        assert_eq!(qa_page["answers"][0]["promote_url"], format!("/wiki/promuovi/{aid}"));

        // Into a new page, through the form.
        let r = c.submit(&format!("/wiki/promuovi/{aid}"), &format!("/wiki/promuovi/{aid}"), &[("mode", "new"), ("title", "Co-progettazione")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), "/wiki/p/co-progettazione");
        let p = c.get("/api/v1/wiki/pages/co-progettazione").await.json();
        let body = p["body_md"].as_str().unwrap();
        assert!(body.contains("Con un avviso pubblico e **tre incontri**."), "{body}");
        assert!(body.contains("[@esperta](/membri/esperta)"), "credits the author: {body}");
        assert!(body.contains(&format!("/qa/questions/{qid}/")) && body.contains(&format!("#risposta-{aid}")), "links back: {body}");
        assert_eq!(p["audience"], "members", "the page keeps the question's audience");
        assert_eq!(p["sources"][0]["title"], "Come si organizza un tavolo di co-progettazione?");
        let h = c.get("/api/v1/wiki/pages/co-progettazione/revisions").await.json();
        assert_eq!(h["items"][0]["kind"], "promote");
        // The question shows where its answer went.
        let qa_page = asker.get(&format!("/api/v1/qa/questions/{qid}")).await.json();
        assert_eq!(qa_page["answers"][0]["wiki_pages"][0]["url"], "/wiki/p/co-progettazione");
        let question_html = asker.get(qa_page["question"]["url"].as_str().unwrap()).await;
        assert!(unescape(&question_html.body).contains("/wiki/p/co-progettazione"));
        // Twice into the same page is refused.
        let r = c.json(Method::POST, "/api/v1/wiki/promote", &json!({"answer_id": aid, "mode": "append", "title": "Co-progettazione"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

        // Appended to an existing page as a new revision.
        app.wiki_page("curatore", "Terzo settore").body("Introduzione.").create();
        let r = c.json(Method::POST, "/api/v1/wiki/promote", &json!({"answer_id": aid, "mode": "append", "title": "Terzo settore"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let p = c.get("/api/v1/wiki/pages/terzo-settore").await.json();
        assert_eq!(p["revision"], 2);
        assert!(p["body_md"].as_str().unwrap().starts_with("Introduzione.\n\n## Come si organizza"));
        // Never into a page more public than the question.
        app.wiki_page("curatore", "Pagina aperta").body("Per tutti.").audience("public").create();
        let r = c.json(Method::POST, "/api/v1/wiki/promote", &json!({"answer_id": aid, "mode": "append", "title": "Pagina aperta"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["error"]["message"], "wiki-promote-audience");
    }
}

both_backends! {
    async fn bad_wiki_input_gets_clear_errors_not_failures(app) {
        app.user("anna", Role::Member);
        app.wiki_page("anna", "Esistente").body("Testo.").create();
        let mut a = app.signed_in_as("anna").await;
        let csrf = a.get("/wiki").await.csrf().unwrap();
        for (body, field) in [
            (json!({"title": "", "body_md": "x"}), "title"),
            (json!({"title": "!!!", "body_md": "x"}), "title"),
            (json!({"title": "Valida", "body_md": "  "}), "body_md"),
            (json!({"title": "Valida", "body_md": "x", "audience": "chiunque"}), "audience"),
            (json!({"title": "Valida", "body_md": "x", "parent": "Inesistente"}), "parent"),
            (json!({"title": "Valida", "body_md": "x", "categories": "a,b,c,d,e,f,g,h,i,j,k"}), "categories"),
        ] {
            let r = a.json(Method::POST, "/api/v1/wiki/pages", &body, Some(&csrf)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.body);
            assert_eq!(r.json()["error"]["field"], field, "{body}");
        }
        for base in [0, 9] {
            let r = a.json(Method::PUT, "/api/v1/wiki/pages/esistente", &json!({"title": "Esistente", "body_md": "y", "base_revision": base}), Some(&csrf)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        }
        assert_eq!(a.get("/wiki/p/non-esiste").await.status, StatusCode::NOT_FOUND);
        assert_eq!(a.get("/wiki/p/esistente/revisione/7").await.status, StatusCode::NOT_FOUND);
        assert_eq!(a.get("/api/v1/wiki/pages/esistente/diff?from=1&to=5").await.status, StatusCode::NOT_FOUND);
        assert_eq!(a.get("/wiki/promuovi/non-un-id").await.status, StatusCode::NOT_FOUND);
        // A form error keeps what was typed.
        let r = a.submit("/wiki/nuova", "/wiki/nuova", &[("title", "X"), ("body_md", "Il mio testo lungo"), ("audience", "members")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Il mio testo lungo"));
        // Markdown is sanitised.
        let r = a.json(Method::PUT, "/api/v1/wiki/pages/esistente", &json!({"title": "Esistente", "body_md": "<script>alert(1)</script> [x](javascript:alert(1))", "base_revision": 1}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK);
        let html = a.get("/wiki/p/esistente").await.body;
        assert!(html.contains("&lt;script&gt;alert(1)") && !html.contains("<script>alert"), "{html}");
        assert!(!html.contains(r#"href="javascript"#), "{html}");
    }
}

both_backends! {
    async fn a_page_costs_the_same_queries_with_one_link_or_forty(app) {
        app.user("anna", Role::Member);
        for i in 0..20 {
            app.wiki_page("anna", &format!("Voce {i}")).body("Testo.").create();
        }
        let links: String = (0..40).map(|i| format!("[[Voce {i}]] ")).collect();
        app.wiki_page("anna", "Piccola").body("Vedi [[Voce 1]].").create();
        app.wiki_page("anna", "Grande").body(&format!("# Indice\n\n{links}\n\n## Altro\n\nFine.")).create();
        for i in 0..20 {
            app.wiki_page("anna", &format!("Rimando {i}")).body("Vedi [[Grande]] e [[Piccola]].").create();
        }
        let reader = app.viewer("anna");
        let mut conn = app.conn();
        let view = |c: &mut prassi_db::DbConnection, slug: &str| {
            let found = wiki::readable_page(c, slug, &reader, Phase::Closed).unwrap();
            wiki::page_view(c, &reader, Phase::Closed, &found, "").unwrap()
        };
        let (small, q_small) = prassi_tests::count_queries(&mut conn, |c| view(c, "piccola"));
        let (big, q_big) = prassi_tests::count_queries(&mut conn, |c| view(c, "grande"));
        assert_eq!(small.backlinks.len(), 20);
        assert_eq!(big.backlinks.len(), 20);
        assert_eq!(big.body_html.matches("/wiki/p/voce-").count(), 20);
        assert_eq!(big.body_html.matches("/wiki/nuova?titolo=").count(), 20);
        assert_eq!(q_small, q_big, "a page view's queries do not grow with its links");
    }
}

both_backends! {
    async fn the_demo_adds_linked_wiki_pages_and_a_promoted_answer(app) {
        prassi_server::demo::fill(&app.platform.state).unwrap();
        let giulia = app.viewer("giulia.rossi");
        let mut conn = app.conn();
        let (pages, info) = wiki::list(&mut conn, &giulia, Phase::Closed, None, prassi_core::pagination::PageRequest { page: 1, per_page: 50 }).unwrap();
        assert!(info.total >= 5, "{pages:?}");
        let view_of = |conn: &mut prassi_db::DbConnection, slug: &str| {
            let found = wiki::readable_page(conn, slug, &giulia, Phase::Closed).unwrap();
            wiki::page_view(conn, &giulia, Phase::Closed, &found, "").unwrap()
        };
        let view = view_of(&mut conn, "comunita-di-pratica");
        assert_eq!(view.revision, 2, "a second member improved it");
        assert!(view.body_html.contains("/wiki/p/formato-degli-incontri") && view.body_html.contains("/wiki/nuova?titolo=Glossario"));
        assert!(view.children.len() >= 3);
        assert!(pages.iter().any(|p| {
            view_of(&mut conn, &p.slug).sources.len() == 1
        }), "an accepted answer was promoted");
    }
}

both_backends! {
    async fn strangers_are_refused_on_every_wiki_route(app) {
        app.user("anna", Role::Member);
        app.set_phase(3);
        app.wiki_page("anna", "Riservata").body("Solo membri.").create();
        app.wiki_page("anna", "Aperta").body("Per tutti.").audience("public").create();
        let mut anon = app.client().await;
        // A page the visitor may not read answers like one that does not exist, on every read.
        for path in [
            "/wiki/p/riservata", "/wiki/p/riservata/cronologia", "/wiki/p/riservata/differenze?da=1&a=1",
            "/wiki/p/riservata/revisione/1", "/wiki/p/riservata/discussione", "/wiki/p/riservata/markdown",
            "/api/v1/wiki/pages/riservata", "/api/v1/wiki/pages/riservata/revisions",
            "/api/v1/wiki/pages/riservata/revisions/1", "/api/v1/wiki/pages/riservata/diff?from=1&to=1",
            "/api/v1/wiki/pages/riservata/talk", "/api/v1/wiki/pages/riservata/markdown",
        ] {
            assert_eq!(anon.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        // Every write needs an account, even on a page the visitor may read.
        for (method, path, body) in [
            (Method::POST, "/api/v1/wiki/pages", json!({"title": "Nuova", "body_md": "x"})),
            (Method::PUT, "/api/v1/wiki/pages/aperta", json!({"title": "Aperta", "body_md": "y", "base_revision": 1})),
            (Method::POST, "/api/v1/wiki/pages/aperta/restore", json!({"revision": 1, "base_revision": 1})),
            (Method::PUT, "/api/v1/wiki/pages/aperta/settings", json!({"protected": true})),
            (Method::PUT, "/api/v1/wiki/pages/aperta/watch", json!({})),
            (Method::DELETE, "/api/v1/wiki/pages/aperta/watch", json!({})),
            (Method::POST, "/api/v1/wiki/pages/aperta/talk", json!({"body_md": "x"})),
            (Method::POST, "/api/v1/wiki/promote", json!({"answer_id": prassi_db::AnswerId::new().0, "mode": "new", "title": "x"})),
        ] {
            let r = anon.json(method.clone(), path, &body, None).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{method} {path}: {}", r.body);
        }
        assert_eq!(anon.get("/api/v1/wiki/changes?watched=true").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(anon.get("/api/v1/wiki/pages/aperta").await.json()["revision"], 1, "nothing was written");
        // In the closed phase the whole section is for members.
        app.set_phase(1);
        let mut closed = app.client().await;
        for path in ["/api/v1/wiki/pages", "/api/v1/wiki/changes", "/api/v1/wiki/categories", "/api/v1/search?q=aperta"] {
            assert_eq!(closed.get(path).await.status, StatusCode::UNAUTHORIZED, "{path}");
        }
        assert_ne!(closed.get("/wiki").await.status, StatusCode::OK);
        assert_ne!(closed.get("/cerca?q=aperta").await.status, StatusCode::OK);
    }
}

both_backends! {
    async fn revisions_diffs_talk_and_export_refuse_viewers_who_may_not_read_the_page(app) {
        app.set_phase(3);
        app.user("anna", Role::Member);
        let page = app.wiki_page("anna", "Pagina riservata").create();
        let slug = page.slug.clone();
        // The service gives no page, hence no proof to ask for its revisions with.
        let refused = wiki::readable_page(&mut app.conn(), &slug, &prassi_core::access::Viewer::Anonymous, Phase::Open).unwrap_err();
        assert_eq!(refused.kind, prassi_core::error::ErrorKind::NotFound);
        let mut anon = app.client().await;
        let mut member = app.signed_in_as("anna").await;
        for path in [
            format!("/api/v1/wiki/pages/{slug}/revisions"),
            format!("/api/v1/wiki/pages/{slug}/revisions/1"),
            format!("/api/v1/wiki/pages/{slug}/diff?from=1&to=1"),
            format!("/api/v1/wiki/pages/{slug}/talk"),
            format!("/api/v1/wiki/pages/{slug}/markdown"),
            format!("/wiki/p/{slug}/cronologia"),
        ] {
            assert_eq!(anon.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
            assert_eq!(member.get(&path).await.status, StatusCode::OK, "{path}");
        }
    }
}
