//! Search limited to one working group (`/cerca?gruppo=<slug>`, `/api/v1/search?group=<slug>`):
//! only what was made in the group (questions, wiki pages, discussions), never more than the
//! reader's audiences allow, and a group the reader may not read — or that does not exist —
//! answers exactly like a group with no matches.

use super::*;

use prassi_db::models::WorkGroup;

/// Makes a question, a wiki page and a discussion about the "cantiere" in the group through
/// its forms, as `who`; their titles all carry `label`.
async fn group_content(app: &TestApp, who: &str, g: &WorkGroup, label: &str) {
    let mut c = app.signed_in_as(who).await;
    let slug = &g.slug;
    let forms: [(&str, Vec<(&str, String)>); 3] = [
        (
            "domande",
            vec![
                ("title", format!("Domanda {label} sul cantiere")),
                ("body_md", format!("Testo del cantiere {label}.")),
                ("tags", "appalti".into()),
                ("audience", "public".into()),
            ],
        ),
        (
            "wiki",
            vec![
                ("title", format!("Pagina {label} sul cantiere")),
                ("body_md", format!("Testo del cantiere {label}.")),
                ("categories", String::new()),
                ("parent", String::new()),
                ("summary", String::new()),
            ],
        ),
        (
            "discussioni",
            vec![
                ("title", format!("Discussione {label} sul cantiere")),
                ("body_md", format!("Testo del cantiere {label}.")),
            ],
        ),
    ];
    for (section, fields) in forms {
        let form = format!("/gruppi/{slug}/{section}/nuova");
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = c.submit(&form, &form, &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{form}: {}", r.body);
    }
}

/// The three titles [`group_content`] makes for `label`.
fn titles(label: &str) -> Vec<String> {
    let mut out = vec![
        format!("Discussione {label} sul cantiere"),
        format!("Domanda {label} sul cantiere"),
        format!("Pagina {label} sul cantiere"),
    ];
    out.sort();
    out
}

/// A question about the "cantiere" made outside any group.
fn outside_question(app: &TestApp) {
    app.question("coord", "Domanda fuori sul cantiere")
        .body("Testo del cantiere fuori dai gruppi.")
        .tags("appalti")
        .audience("public")
        .create();
}

/// The titles of an API answer's items, sorted.
fn api_titles(page: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap().to_owned())
        .collect();
    out.sort();
    out
}

/// Accounts and groups: `anna` is in listed group A (with `coord`), secret group B is only
/// `coord`'s; public group P has both. Open phase (visitors read public content).
fn setup(app: &TestApp) -> [WorkGroup; 3] {
    app.set_phase(3);
    app.tag("appalti", "Appalti");
    app.user("coord", Role::Member);
    app.user("anna", Role::Member);
    let a = app
        .group("coord", "Gruppo Alfa")
        .slug("alfa")
        .visibility("listed")
        .member("anna")
        .create();
    let b = app
        .group("coord", "Gruppo Beta")
        .slug("beta")
        .visibility("secret")
        .create();
    let p = app
        .group("coord", "Gruppo Pubblico")
        .slug("pubblico")
        .visibility("public")
        .member("anna")
        .create();
    [a, b, p]
}

both_backends! {
    async fn a_member_limited_to_their_group_finds_only_its_content(app) {
        let [a, b, _] = setup(&app);
        group_content(&app, "anna", &a, "alfa").await;
        group_content(&app, "coord", &b, "beta").await;
        outside_question(&app);
        app.run_worker();
        let mut c = app.signed_in_as("anna").await;

        // Everywhere: A's content and the outside question, never the secret group's.
        let all = c.get("/api/v1/search?q=cantiere").await.json();
        let mut expected = titles("alfa");
        expected.push("Domanda fuori sul cantiere".into());
        expected.sort();
        assert_eq!(api_titles(&all), expected);

        // In A: only A's, on the page (with the limit said and a way out) and in the API.
        let page = c.get("/cerca?q=cantiere&gruppo=alfa").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Risultati nel gruppo «Gruppo Alfa»"), "{}", page.body);
        assert!(page.body.contains("href=\"/cerca?q=cantiere&amp;tag=&amp;from=&amp;until=&amp;kind=\""), "{}", page.body);
        assert!(page.body.contains("name=\"gruppo\" value=\"alfa\""));
        for t in titles("alfa") {
            // Titles are highlighted: "… sul <mark>cantiere</mark>".
            let shown = t.trim_end_matches(" cantiere");
            assert!(page.body.contains(shown), "{t} missing");
        }
        assert!(!page.body.contains("Domanda fuori sul"));
        assert!(!page.body.contains("beta"));
        let api = c.get("/api/v1/search?q=cantiere&group=alfa").await.json();
        assert_eq!(api_titles(&api), titles("alfa"));
        assert_eq!(api["page"]["total"], 3);
    }
}

both_backends! {
    async fn a_group_the_reader_may_not_see_answers_like_an_unknown_one(app) {
        let [_, b, _] = setup(&app);
        group_content(&app, "coord", &b, "beta").await;
        outside_question(&app);
        app.run_worker();

        // Its member finds the secret group's content: there is something to hide.
        let mut coord = app.signed_in_as("coord").await;
        let theirs = coord.get("/api/v1/search?q=cantiere&group=beta").await.json();
        assert_eq!(api_titles(&theirs), titles("beta"));

        let mut anna = app.signed_in_as("anna").await;
        let hidden = anna.get("/api/v1/search?q=cantiere&group=beta").await;
        let unknown = anna.get("/api/v1/search?q=cantiere&group=nessuno").await;
        assert_eq!(hidden.status, StatusCode::OK);
        assert_eq!(unknown.status, StatusCode::OK);
        assert_eq!(hidden.json(), unknown.json());
        assert_eq!(hidden.json()["page"]["total"], 0);
        assert_eq!(hidden.json()["items"], json!([]));

        let hidden = anna.get("/cerca?q=cantiere&gruppo=beta").await;
        let unknown = anna.get("/cerca?q=cantiere&gruppo=nessuno").await;
        assert_eq!(hidden.status, StatusCode::OK);
        assert_eq!(unknown.status, StatusCode::OK);
        // The same page but for the slug the reader typed (echoed as typed).
        assert_eq!(hidden.body.replace("beta", "nessuno"), unknown.body);
        assert!(!hidden.body.contains("Gruppo Beta"));
        assert!(!hidden.body.contains("Domanda beta"));
        assert!(hidden.body.contains("Nessun contenuto corrisponde alla ricerca."));
    }
}

both_backends! {
    async fn a_visitor_limited_to_a_public_group_finds_its_public_content_only(app) {
        let [a, _, p] = setup(&app);
        group_content(&app, "anna", &p, "pubblico").await;
        group_content(&app, "anna", &a, "alfa").await;
        outside_question(&app);
        app.run_worker();
        let mut visitor = app.client().await;

        let page = visitor.get("/cerca?q=cantiere&gruppo=pubblico").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Risultati nel gruppo «Gruppo Pubblico»"), "{}", page.body);
        for t in titles("pubblico") {
            // Titles are highlighted: "… sul <mark>cantiere</mark>".
            let shown = t.trim_end_matches(" cantiere");
            assert!(page.body.contains(shown), "{t} missing");
        }
        assert!(!page.body.contains("Domanda fuori sul"));
        let api = visitor.get("/api/v1/search?q=cantiere&group=pubblico").await.json();
        assert_eq!(api_titles(&api), titles("pubblico"));

        // The listed group's content is its members': for a visitor, like an unknown group.
        let listed = visitor.get("/api/v1/search?q=cantiere&group=alfa").await.json();
        let unknown = visitor.get("/api/v1/search?q=cantiere&group=nessuno").await.json();
        assert_eq!(listed, unknown);
        assert_eq!(listed["page"]["total"], 0);
    }
}
