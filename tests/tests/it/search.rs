//! Search: one conformance suite every engine passes (always on the embedded engine; on
//! Meilisearch when `PRASSI_TEST_MEILI_URL` is set), audiences never leaking through results,
//! counts or facets, the outbox catching the index up after the engine was down, reindexing,
//! and the results page and API.

use std::sync::Arc;

use prassi_core::search::{
    DocKind, SearchDoc, SearchEngine, SearchError, SearchQuery, SearchResults,
};
use prassi_search::embedded::Embedded;

use super::*;
use diesel::prelude::*;

fn doc(
    id: &str,
    kind: DocKind,
    title: &str,
    body: &str,
    audience: &str,
    tags: &[&str],
    at: i64,
) -> SearchDoc {
    SearchDoc {
        id: id.into(),
        kind,
        title: title.into(),
        body: body.into(),
        url: format!("/x/{id}"),
        audience: audience.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        created_at: at,
        group_id: None,
    }
}

fn query(text: &str, audiences: &[&str]) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        audiences: audiences.iter().map(|a| a.to_string()).collect(),
        limit: 20,
        ..Default::default()
    }
}

fn ids(r: &SearchResults) -> Vec<&str> {
    r.hits.iter().map(|h| h.id.as_str()).collect()
}

const ALL: &[&str] = &["public", "members", "group:g1"];

/// The behaviour every engine must show.
fn conformance(engine: &dyn SearchEngine) {
    engine.clear().unwrap();
    engine
        .upsert(vec![
            doc(
                "question-1",
                DocKind::Question,
                "Gestione associata dei servizi nei comuni",
                "Come si organizza una convenzione tra enti?",
                "public",
                &["gestione-associata"],
                1_700_000_000,
            ),
            doc(
                "answer-1",
                DocKind::Answer,
                "Gestione associata dei servizi nei comuni",
                "Con una convenzione approvata dai consigli del comune capofila.",
                "public",
                &["gestione-associata"],
                1_700_100_000,
            ),
            doc(
                "wiki-1",
                DocKind::Wiki,
                "Rigenerazione urbana",
                "La città si trasforma con la partecipazione dei cittadini.",
                "members",
                &["Temi"],
                1_710_000_000,
            ),
            doc(
                "discussion-1",
                DocKind::Discussion,
                "Valutazione degli outcome",
                "Indicatori di impatto sociale per i progetti.",
                "members",
                &["misurazione"],
                1_720_000_000,
            ),
            doc(
                "reply-1",
                DocKind::Reply,
                "Riservato al gruppo",
                "Verbale riservato del tavolo sulla valutazione.",
                "group:g1",
                &["tavolo"],
                1_720_000_100,
            ),
            doc(
                "member-1",
                DocKind::Member,
                "Giulia Rossi",
                "Funzionaria · Regione del Veneto · valutazione",
                "public",
                &["Valutazione"],
                1_690_000_000,
            ),
            doc(
                "wiki-2",
                DocKind::Wiki,
                "Pagina con <script>alert(1)</script>",
                "Testo con <b>markup</b> & simboli: valutazione <img src=x onerror=y>.",
                "public",
                &[],
                1_730_000_000,
            ),
        ])
        .unwrap();

    // Relevance basics: a title match ranks first; nothing without the words.
    let r = engine.search(&query("gestione associata", ALL)).unwrap();
    assert_eq!(
        r.hits.first().map(|h| h.id.as_str()),
        Some("question-1"),
        "{:?}",
        ids(&r)
    );
    assert!(!ids(&r).contains(&"wiki-1"));
    // Italian: "comune" finds "comuni" and the plural finds the singular; accents fold.
    assert!(ids(&engine.search(&query("comune", ALL)).unwrap()).contains(&"question-1"));
    assert!(ids(&engine.search(&query("convenzioni", ALL)).unwrap()).contains(&"answer-1"));
    assert!(ids(&engine.search(&query("citta", ALL)).unwrap()).contains(&"wiki-1"));
    // Typos.
    assert!(ids(&engine.search(&query("rigenerazoine", ALL)).unwrap()).contains(&"wiki-1"));
    assert!(ids(&engine.search(&query("valutazone", ALL)).unwrap()).contains(&"discussion-1"));
    // Audiences: inside the query, so totals and facets agree.
    let public = engine.search(&query("valutazione", &["public"])).unwrap();
    let mut seen = ids(&public);
    seen.sort();
    assert_eq!(seen, vec!["member-1", "wiki-2"]);
    assert_eq!(public.total, 2);
    let facet_total: usize = public.kinds.iter().map(|k| k.count).sum();
    assert_eq!(facet_total, 2, "{:?}", public.kinds);
    assert!(public
        .kinds
        .iter()
        .all(|k| k.kind != DocKind::Discussion && k.kind != DocKind::Reply));
    let members = engine
        .search(&query("valutazione", &["public", "members"]))
        .unwrap();
    assert_eq!(members.total, 3);
    assert!(
        !ids(&members).contains(&"reply-1"),
        "a group's content stays in the group"
    );
    assert_eq!(engine.search(&query("valutazione", ALL)).unwrap().total, 4);
    assert_eq!(engine.search(&query("valutazione", &[])).unwrap().total, 0);
    // Filters: kind (facets still count every kind), tag, dates.
    let mut q = query("valutazione", ALL);
    q.kinds = vec![DocKind::Discussion];
    let r = engine.search(&q).unwrap();
    assert_eq!(ids(&r), vec!["discussion-1"]);
    assert_eq!(r.kinds.iter().map(|k| k.count).sum::<usize>(), 4);
    let mut q = query("valutazione", ALL);
    q.tag = Some("tavolo".into());
    assert_eq!(ids(&engine.search(&q).unwrap()), vec!["reply-1"]);
    let mut q = query("valutazione", ALL);
    q.tag = Some(r#"x" OR audience = "public"#.into());
    assert_eq!(
        engine.search(&q).unwrap().total,
        0,
        "a tag is a value, never filter syntax"
    );
    let mut q = query("valutazione", ALL);
    q.from = Some(1_715_000_000);
    q.until = Some(1_725_000_000);
    let mut dated = ids(&engine.search(&q).unwrap())
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    dated.sort();
    assert_eq!(dated, vec!["discussion-1", "reply-1"]);
    // Escaping: snippets and titles are escaped text with marks added afterwards.
    let r = engine.search(&query("simboli", &["public"])).unwrap();
    let hit = r.hits.iter().find(|h| h.id == "wiki-2").unwrap();
    assert!(
        hit.snippet_html.contains("<mark>simboli</mark>"),
        "{}",
        hit.snippet_html
    );
    assert!(
        !hit.snippet_html.contains("<b>") && hit.snippet_html.contains("&lt;b&gt;"),
        "{}",
        hit.snippet_html
    );
    assert!(!hit.snippet_html.contains("<img"), "{}", hit.snippet_html);
    assert!(
        !hit.title_html.contains("<script") && hit.title_html.contains("&lt;script&gt;"),
        "{}",
        hit.title_html
    );
    // The same search again gives the same page, and never one from before a change (an
    // engine may keep result pages: they must follow every write, and every reader's
    // audiences).
    let before = engine.search(&query("mobilita", ALL)).unwrap();
    assert_eq!(
        ids(&engine.search(&query("mobilita", ALL)).unwrap()),
        ids(&before)
    );
    assert!(!ids(&before).contains(&"wiki-1"));
    // Replacing and deleting.
    engine
        .upsert(vec![doc(
            "wiki-1",
            DocKind::Wiki,
            "Rigenerazione urbana",
            "Nuovo testo sulla mobilità.",
            "members",
            &[],
            1_710_000_000,
        )])
        .unwrap();
    assert!(!ids(&engine.search(&query("citta", ALL)).unwrap()).contains(&"wiki-1"));
    assert!(ids(&engine.search(&query("mobilita", ALL)).unwrap()).contains(&"wiki-1"));
    assert!(!ids(&engine.search(&query("mobilita", &["public"])).unwrap()).contains(&"wiki-1"));
    engine
        .delete(vec!["wiki-1".into(), "missing".into()])
        .unwrap();
    assert_eq!(
        engine.search(&query("rigenerazione", ALL)).unwrap().total,
        0
    );
    // Paging.
    let mut q = query("valutazione", ALL);
    q.limit = 2;
    let first = engine.search(&q).unwrap();
    q.offset = 2;
    let second = engine.search(&q).unwrap();
    assert_eq!(first.hits.len(), 2);
    assert_eq!(second.hits.len(), 2);
    assert!(first
        .hits
        .iter()
        .all(|h| second.hits.iter().all(|g| g.id != h.id)));
}

#[test]
fn the_embedded_engine_passes_the_conformance_suite() {
    let dir = std::env::temp_dir().join(format!("prassi-search-{}", uuid::Uuid::now_v7().simple()));
    let engine = Embedded::open(&dir).unwrap();
    conformance(&engine);
    drop(engine);
    // The index survives a restart.
    let reopened = Embedded::open(&dir).unwrap();
    assert!(reopened.search(&query("convenzione", ALL)).unwrap().total >= 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_meilisearch_engine_passes_the_conformance_suite() {
    let Ok(url) = std::env::var("PRASSI_TEST_MEILI_URL") else {
        eprintln!("skipped: Meilisearch conformance suite (set PRASSI_TEST_MEILI_URL to run it against a real server)");
        return;
    };
    let key = std::env::var("PRASSI_TEST_MEILI_KEY").ok();
    let index = format!("prassi-test-{}", uuid::Uuid::now_v7().simple());
    let engine = prassi_search::meili::Meili::connect(&url, key.as_deref(), &index).unwrap();
    conformance(&engine);
}

/// Relays to an engine that can be replaced at run time: the platform first talks to a
/// Meilisearch address where nothing listens (a real client, really unreachable), then to a
/// working engine — as when the search server comes back.
struct Relay {
    target: std::sync::RwLock<Arc<dyn SearchEngine>>,
}

impl Relay {
    fn get(&self) -> Arc<dyn SearchEngine> {
        self.target.read().unwrap().clone()
    }
}

impl SearchEngine for Relay {
    fn name(&self) -> &'static str {
        "relay"
    }
    fn upsert(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError> {
        self.get().upsert(docs)
    }
    fn delete(&self, ids: Vec<String>) -> Result<(), SearchError> {
        self.get().delete(ids)
    }
    fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        self.get().search(q)
    }
    fn clear(&self) -> Result<(), SearchError> {
        self.get().clear()
    }
}

/// The engine a test should end up on: Meilisearch when a server is given, else embedded.
fn working_engine(app: &TestApp) -> Arc<dyn SearchEngine> {
    match std::env::var("PRASSI_TEST_MEILI_URL") {
        Ok(url) => {
            let key = std::env::var("PRASSI_TEST_MEILI_KEY").ok();
            let index = format!("prassi-test-{}", uuid::Uuid::now_v7().simple());
            Arc::new(prassi_search::meili::Meili::connect(&url, key.as_deref(), &index).unwrap())
        }
        Err(_) => app.platform.state.search.clone(),
    }
}

both_backends! {
    async fn content_flows_to_the_index_through_the_outbox_and_never_leaks(app) {
        let mut app = app;
        app.platform.state.search = working_engine(&app);
        app.tag("appalti", "Appalti");
        app.user("anna", Role::Member);
        app.user("bruno", Role::Expert);
        let mut a = app.signed_in_as("anna").await;
        let csrf = a.get("/qa").await.csrf().unwrap();
        let ask = |title: &'static str, audience: &'static str| json!({"title": title, "body_md": "Cerchiamo esempi di **capitolati** per i comuni.", "tags": "appalti", "audience": audience});
        let public = a.json(Method::POST, "/api/v1/qa/questions", &ask("Appalti innovativi nei comuni piccoli", "public"), Some(&csrf)).await.json()["id"].as_str().unwrap().to_owned();
        let private = a.json(Method::POST, "/api/v1/qa/questions", &ask("Appalti riservati ai membri della rete", "members"), Some(&csrf)).await.json()["id"].as_str().unwrap().to_owned();
        let mut b = app.signed_in_as("bruno").await;
        let csrf_b = b.get("/qa").await.csrf().unwrap();
        let answer = b.json(Method::POST, &format!("/api/v1/qa/questions/{public}/answers"), &json!({"body_md": "Il dialogo competitivo funziona bene anche per un comune piccolo."}), Some(&csrf_b)).await.json()["id"].as_str().unwrap().to_owned();
        // Nothing is searchable until the worker runs; then everything is.
        assert_eq!(a.get("/api/v1/search?q=appalti").await.json()["page"]["total"], 0);
        assert!(app.run_worker() >= 3);
        let found = a.get("/api/v1/search?q=appalto").await.json();
        assert_eq!(found["page"]["total"], 3, "both questions and the answer (it carries its question's title): {found}");
        let dialog = a.get("/api/v1/search?q=dialogo+competitivo").await.json();
        assert_eq!(dialog["items"][0]["kind"], "answer");
        assert!(dialog["items"][0]["url"].as_str().unwrap().ends_with(&format!("#risposta-{answer}")), "results lead straight to the answer");
        assert!(dialog["items"][0]["snippet_html"].as_str().unwrap().contains("<mark>dialogo</mark>"));

        // Open phase: a visitor sees the public question and its answer — never the members'
        // one, in results, totals or facets.
        app.set_phase(3);
        let mut anon = app.client().await;
        let seen = anon.get("/api/v1/search?q=appalti").await.json();
        assert_eq!(seen["page"]["total"], 2, "{seen}");
        let seen_ids: Vec<&str> = seen["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert!(seen_ids.contains(&format!("question-{public}").as_str()) && seen_ids.contains(&format!("answer-{answer}").as_str()), "{seen}");
        assert!(!seen.to_string().contains(&private));
        let facets: i64 = seen["kinds"].as_array().unwrap().iter().map(|k| k["count"].as_i64().unwrap()).sum();
        assert_eq!(facets, 2, "{seen}");
        let page = anon.get("/cerca?q=riservati").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("membri della rete"));
        assert_eq!(anon.get("/api/v1/search?q=appalti&kind=question&tag=appalti").await.json()["page"]["total"], 1);

        // Edits and moderation follow: a question moved to members leaves the public index.
        let csrf = a.get("/qa").await.csrf().unwrap();
        let r = a.json(Method::PUT, &format!("/api/v1/qa/questions/{public}"), &json!({"title": "Appalti innovativi nei comuni piccoli e medi", "body_md": "Testo nuovo sul partenariato per l'innovazione.", "tags": "appalti"}), Some(&csrf)).await;
        assert!(r.status.is_success(), "{}", r.body);
        app.run_worker();
        assert_eq!(anon.get("/api/v1/search?q=partenariato").await.json()["page"]["total"], 1);
        assert_eq!(anon.get("/api/v1/search?q=capitolati").await.json()["page"]["total"], 0, "the old text is gone");
    }
}

both_backends! {
    async fn writing_works_while_the_engine_is_down_and_the_index_catches_up(app) {
        let mut app = app;
        let unreachable = prassi_search::meili::Meili::connect("http://127.0.0.1:9", None, "prassi").unwrap();
        let relay = Arc::new(Relay { target: std::sync::RwLock::new(Arc::new(unreachable)) });
        let working = working_engine(&app);
        app.platform.state.search = relay.clone();
        let mut a = app.signed_in("anna", Role::Member).await;
        // Writing works; searching says the service is unavailable.
        let r = a.submit("/wiki/nuova", "/wiki/nuova", &[("title", "Coprogettazione"), ("body_md", "Il partenariato con il terzo settore."), ("audience", "members")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        app.run_worker();
        let queued: i64 = prassi_db::schema::outbox::table
            .filter(prassi_db::schema::outbox::topic.eq(prassi_core::search::TOPIC))
            .filter(prassi_db::schema::outbox::processed_at.is_null())
            .count()
            .get_result(&mut app.conn())
            .unwrap();
        assert!(queued >= 1, "the index update fails and stays queued");
        let page = a.get("/cerca?q=partenariato").await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(page.body.contains("/wiki"), "the page offers other ways in");
        let api = a.get("/api/v1/search?q=partenariato").await;
        assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(api.json()["error"]["kind"], "unavailable");
        // The engine returns; once the retry is due the worker catches up by itself.
        *relay.target.write().unwrap() = working;
        {
            use diesel::prelude::*;
            use prassi_db::schema::outbox;
            let mut conn = app.conn();
            diesel::update(outbox::table.filter(outbox::processed_at.is_null()))
                .set(outbox::available_at.eq(prassi_db::now()))
                .execute(&mut conn)
                .unwrap();
        }
        assert!(app.run_worker() >= 1);
        let found = a.get("/api/v1/search?q=partenariato").await.json();
        assert_eq!(found["page"]["total"], 1, "{found}");
        assert_eq!(found["items"][0]["url"], "/wiki/p/coprogettazione");
    }
}

both_backends! {
    async fn reindex_rebuilds_everything_and_twice_changes_nothing(app) {
        prassi_server::demo::fill(&app.platform.state).unwrap();
        let engine = app.platform.state.search.clone();
        let mut conn = app.conn();
        let first = prassi_search::documents::reindex(&mut conn, &app.platform.state).unwrap();
        let everything = |text: &str| engine.search(&query(text, &["public", "members"])).unwrap();
        let before = everything("comunità");
        let second = prassi_search::documents::reindex(&mut conn, &app.platform.state).unwrap();
        assert_eq!(first, second);
        let after = everything("comunità");
        assert_eq!(before.total, after.total);
        assert_eq!(ids(&before), ids(&after));
        for kind in ["question", "answer", "discussion", "wiki", "member"] {
            assert!(first.get(kind).copied().unwrap_or(0) > 0, "{kind}: {first:?}");
        }
        // Members who do not consent to the directory are not indexed.
        let listed = engine.search(&SearchQuery { kinds: vec![DocKind::Member], ..query("", &["public"]) }).unwrap();
        assert!(listed.total > 0 && listed.total < 9, "{}", listed.total);
    }
}

both_backends! {
    async fn the_results_page_filters_highlights_and_pages_without_javascript(app) {
        let mut app = app;
        app.platform.state.search = working_engine(&app);
        app.user("anna", Role::Member);
        for i in 0..25 {
            app.wiki_page("anna", &format!("Scheda di valorizzazione {i}"))
                .body(&format!("Esperienza numero {i} di cooperazione tra comuni <em>veneti</em>."))
                .categories(if i % 2 == 0 { "Pari" } else { "Dispari" })
                .create();
        }
        app.run_worker();
        let mut a = app.signed_in_as("anna").await;
        let empty = a.get("/cerca").await;
        assert_eq!(empty.status, StatusCode::OK);
        let p1 = a.get("/cerca?q=cooperazione").await;
        assert_eq!(p1.status, StatusCode::OK);
        assert!(p1.body.contains("<mark>cooperazione</mark>"), "highlighted");
        assert!(p1.body.contains("&lt;em&gt;veneti&lt;/em&gt;") || p1.body.contains("veneti"), "escaped");
        assert!(!p1.body.contains("<em>veneti</em>"));
        assert!(p1.body.replace("&#x2F;", "/").contains("/wiki/p/scheda-di-valorizzazione-"));
        let api = a.get("/api/v1/search?q=cooperazione").await.json();
        assert_eq!(api["page"]["total"], 25);
        assert_eq!(api["page"]["pages"], 2);
        assert_eq!(api["items"].as_array().unwrap().len(), 20);
        let p2 = a.get("/api/v1/search?q=cooperazione&page=2").await.json();
        assert_eq!(p2["items"].as_array().unwrap().len(), 5);
        assert_eq!(a.get("/api/v1/search?q=cooperazione&tag=Pari").await.json()["page"]["total"], 13);
        assert_eq!(a.get("/api/v1/search?q=cooperazione&kind=question").await.json()["page"]["total"], 0);
        assert_eq!(a.get("/api/v1/search?q=cooperazione&from=2000-01-01&until=2001-01-01").await.json()["page"]["total"], 0);
        // Bad filters are clear errors, not failures.
        let bad = a.get("/api/v1/search?q=x&from=ieri").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a.get("/cerca?q=x&kind=nulla").await.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Typing suggestions: the last word matches as a prefix.
        assert_eq!(a.get("/api/v1/search?q=valorizz").await.json()["page"]["total"], 25);
    }
}
