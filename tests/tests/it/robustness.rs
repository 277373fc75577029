//! Robust rendering and honest forms, across every page type: the demo community is given
//! the values the data can hold — negative scores and reputations (through real down-votes),
//! zero, the largest integers, empty optional fields, very long words, right-to-left text and
//! emoji — and every page reachable by a link is fetched anonymously, as a member and as an
//! administrator, in Italian and English. None may fail. Forms report every field error at
//! once, user text is stored with LF line endings, outside images never load, and content in
//! another language is marked with `lang`.

use super::*;
use diesel::prelude::*;
use std::collections::{BTreeSet, VecDeque};

const RTL: &str = "مريم الحسيني 🌍 עברית";
const LONG_WORD_LEN: usize = 300;

fn long_word() -> String {
    "Sovrintendenzaregionaleperlinnovazionedigitale".repeat(LONG_WORD_LEN / 45 + 1)
}

/// Gives the demo community adversarial values, through the database where a form would
/// refuse them (a score is never typed) and through the pages where a member can.
async fn adversarial_demo(app: &TestApp) -> prassi_server::demo::Logins {
    let logins = prassi_server::demo::fill(&app.platform.state).unwrap();
    use prassi_db::schema::{answers, discussions, questions, users, wiki_pages};
    let mut conn = app.conn();
    let ids: Vec<prassi_db::QuestionId> = questions::table
        .order(questions::created_at.asc())
        .select(questions::id)
        .load(&mut conn)
        .unwrap();
    assert!(ids.len() >= 3, "the demo has questions");
    let title = format!("{RTL} {} 🎉", long_word());
    diesel::update(questions::table.find(&ids[1]))
        .set((
            questions::score.eq(i32::MIN),
            questions::title.eq(&title),
            questions::answer_count.eq(i32::MAX),
        ))
        .execute(&mut conn)
        .unwrap();
    diesel::update(questions::table.find(&ids[2]))
        .set((questions::score.eq(i32::MAX), questions::lang.eq("en")))
        .execute(&mut conn)
        .unwrap();
    diesel::update(answers::table)
        .set(answers::score.eq(0))
        .execute(&mut conn)
        .unwrap();
    diesel::update(users::table.filter(users::username.eq("sara.gallo")))
        .set((
            users::display_name.eq(RTL),
            users::job_title.eq(""),
            users::bio_md.eq(long_word()),
        ))
        .execute(&mut conn)
        .unwrap();
    diesel::update(users::table.filter(users::username.eq("paolo.greco")))
        .set(users::display_name.eq(long_word().chars().take(100).collect::<String>()))
        .execute(&mut conn)
        .unwrap();
    diesel::update(discussions::table)
        .set(discussions::title.eq(format!("{RTL} {}", long_word())))
        .execute(&mut conn)
        .unwrap();
    diesel::update(wiki_pages::table.filter(wiki_pages::slug.ne("")))
        .set(wiki_pages::lang.eq("de"))
        .execute(&mut conn)
        .unwrap();
    // Working groups: a name in other scripts with a very long word, an empty description and
    // stored counters at their extremes.
    {
        use prassi_db::schema::work_groups;
        diesel::update(work_groups::table)
            .set((
                work_groups::name.eq(format!("{RTL} {}", long_word())),
                work_groups::description_md.eq(""),
                work_groups::member_count.eq(i64::MAX),
                work_groups::storage_bytes.eq(i64::MAX),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    // Events: a title in other scripts with a very long word, an empty description, a long
    // theme, stored counters at their extremes, no capacity and capacity zero.
    {
        use prassi_db::schema::agenda_events;
        let ids: Vec<prassi_db::EventId> = agenda_events::table
            .order(agenda_events::starts_at.asc())
            .select(agenda_events::id)
            .load(&mut conn)
            .unwrap();
        assert!(ids.len() >= 3, "the demo has events");
        diesel::update(agenda_events::table.find(&ids[0]))
            .set((
                agenda_events::title.eq(format!("{RTL} {}", long_word())),
                agenda_events::description_md.eq(""),
                agenda_events::theme.eq(long_word()),
                agenda_events::capacity.eq(None::<i64>),
                agenda_events::registered_count.eq(i64::MAX),
                agenda_events::waiting_count.eq(i64::MAX),
                agenda_events::feedback_count.eq(i64::MAX),
                agenda_events::rating_sum.eq(i64::MAX),
                agenda_events::question_count.eq(i64::MAX),
            ))
            .execute(&mut conn)
            .unwrap();
        diesel::update(agenda_events::table.filter(agenda_events::registered_count.eq(0)))
            .set(agenda_events::capacity.eq(Some(0)))
            .execute(&mut conn)
            .unwrap();
    }
    // --- polls (prassi-polls) ---
    // Polls: a question in other scripts with a very long word, an empty description, option
    // labels likewise, stored counters at their extremes (the schema refuses negative ones),
    // an eligible count below zero, and stored rounds that do not parse.
    {
        use prassi_db::schema::{poll_options, polls};
        let ids: Vec<prassi_db::ids::PollId> = polls::table
            .order(polls::created_at.asc())
            .select(polls::id)
            .load(&mut conn)
            .unwrap();
        assert!(ids.len() >= 3, "the demo has polls");
        diesel::update(polls::table.find(&ids[0]))
            .set((
                polls::question.eq(format!("{RTL} {}", long_word())),
                polls::description_md.eq(""),
                polls::voter_count.eq(0),
            ))
            .execute(&mut conn)
            .unwrap();
        diesel::update(poll_options::table.filter(poll_options::poll_id.eq(&ids[0])))
            .set((
                poll_options::label.eq(format!("{RTL} {}", long_word())),
                poll_options::vote_count.eq(i64::MAX),
            ))
            .execute(&mut conn)
            .unwrap();
        diesel::update(polls::table.filter(polls::id.ne(&ids[0])))
            .set((
                polls::voter_count.eq(i64::MAX),
                polls::eligible_count.eq(Some(-1)),
                polls::ranked_rounds.eq(Some("{not json")),
            ))
            .execute(&mut conn)
            .unwrap();
    }
    // --- end of polls ---
    // --- questionnaires (prassi-polls) ---
    // Questionnaires: a title in other scripts with a very long word, an empty description,
    // section, question and option labels likewise, and every stored counter at its extreme
    // (the schema refuses negative ones).
    {
        use prassi_db::schema::{
            questionnaire_options, questionnaire_questions, questionnaire_sections,
            questionnaire_tallies, questionnaires,
        };
        let n: i64 = questionnaires::table.count().get_result(&mut conn).unwrap();
        assert!(n >= 1, "the demo has a questionnaire");
        diesel::update(questionnaires::table)
            .set((
                questionnaires::title.eq(format!("{RTL} {}", long_word())),
                questionnaires::description_md.eq(""),
                questionnaires::response_count.eq(i64::MAX),
            ))
            .execute(&mut conn)
            .unwrap();
        diesel::update(questionnaire_sections::table)
            .set((
                questionnaire_sections::title.eq(format!("{RTL} {}", long_word())),
                questionnaire_sections::intro_md.eq(""),
            ))
            .execute(&mut conn)
            .unwrap();
        diesel::update(questionnaire_questions::table)
            .set((
                questionnaire_questions::text.eq(format!("{RTL} {}", long_word())),
                questionnaire_questions::answer_count.eq(i64::MAX),
                questionnaire_questions::value_sum.eq(i64::MAX),
            ))
            .execute(&mut conn)
            .unwrap();
        diesel::update(questionnaire_options::table)
            .set(questionnaire_options::label.eq(format!("{RTL} {}", long_word())))
            .execute(&mut conn)
            .unwrap();
        diesel::update(questionnaire_tallies::table)
            .set(questionnaire_tallies::tally.eq(i64::MAX))
            .execute(&mut conn)
            .unwrap();
    }
    // --- end of questionnaires ---
    drop(conn);
    // The reported failure: one down-vote through the page makes a score of -1, and the voter
    // must still be able to see the page and withdraw the vote. Two down-votes on the answers
    // of one member give that member a negative reputation.
    let mut voters = Vec::new();
    for name in ["giulia.rossi", "elena.conti", "anna.marino"] {
        let mut voter = app.client().await;
        voter.login(name, &logins.password).await;
        voters.push(voter);
    }
    let page = voters[0].get("/qa").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let mut conn = app.conn();
    let target: (prassi_db::QuestionId, String) = questions::table
        .inner_join(users::table.on(users::id.eq(questions::author_id)))
        .filter(users::username.ne_all(["giulia.rossi", "elena.conti", "anna.marino"]))
        .order(questions::created_at.asc())
        .select((questions::id, questions::title))
        .first(&mut conn)
        .unwrap();
    let answer_rows: Vec<prassi_db::AnswerId> = answers::table
        .inner_join(users::table.on(users::id.eq(answers::author_id)))
        .filter(users::username.ne_all(["giulia.rossi", "elena.conti", "anna.marino"]))
        .select(answers::id)
        .limit(2)
        .load(&mut conn)
        .unwrap();
    drop(conn);
    let url = prassi_qa::service::question_url(&target.0, &target.1);
    for voter in voters.iter_mut() {
        let q = voter.get(&url).await;
        assert_eq!(q.status, StatusCode::OK);
        let csrf = q.csrf().unwrap();
        for (kind, id) in std::iter::once(("question", target.0.as_str().to_owned())).chain(
            answer_rows
                .iter()
                .map(|a| ("answer", a.as_str().to_owned())),
        ) {
            let r = voter
                .post_form(
                    "/qa/voti",
                    &[
                        ("csrf_token", &csrf),
                        ("kind", kind),
                        ("id", &id),
                        ("value", "-1"),
                        ("back", &url),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "vote: {}", r.body);
        }
    }
    let score: i32 = questions::table
        .find(&target.0)
        .select(questions::score)
        .first(&mut app.conn())
        .unwrap();
    assert!(score < 0, "the down-vote counted: {score}");
    let after = voters[0].get(&url).await;
    assert_eq!(
        after.status,
        StatusCode::OK,
        "a negative score renders: {}",
        after.body
    );
    logins
}

/// Every same-site link of a page, without fragments, logout, language switches or exports.
fn links(body: &str) -> Vec<String> {
    // Autoescaping writes "/" in attribute values as an entity.
    let body = body.replace("&#x2F;", "/");
    let mut out = Vec::new();
    let mut rest = body.as_str();
    while let Some(at) = rest.find("href=\"/") {
        rest = &rest[at + 6..];
        let Some(end) = rest.find('"') else { break };
        let href = rest[..end].replace("&amp;", "&");
        let href = href.split('#').next().unwrap_or("").to_owned();
        let skip = href.is_empty()
            || href.starts_with("//")
            || href.starts_with("/static/")
            || href.starts_with("/lingua")
            || href.starts_with("/esci")
            || href.contains("/markdown")
            || href.ends_with(".ics")
            || href.starts_with("/api/");
        if !skip {
            out.push(href);
        }
    }
    out
}

/// Fetches pages breadth-first from `seeds`, up to `limit`, asserting none fails; returns
/// the paths visited.
async fn crawl<S, B>(
    client: &mut prassi_tests::Client<S>,
    seeds: &[&str],
    limit: usize,
) -> Vec<String>
where
    S: actix_web::dev::Service<
        actix_http::Request,
        Response = actix_web::dev::ServiceResponse<B>,
        Error = actix_web::Error,
    >,
    B: actix_web::body::MessageBody,
{
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<String> = seeds.iter().map(|s| s.to_string()).collect();
    let mut visited = Vec::new();
    while let Some(path) = queue.pop_front() {
        if visited.len() >= limit || !seen.insert(path.clone()) {
            continue;
        }
        let r = client.get(&path).await;
        assert!(
            r.status.as_u16() < 500,
            "{path} answered {}: {}",
            r.status,
            r.body.chars().take(400).collect::<String>()
        );
        visited.push(path);
        if r.status == StatusCode::OK {
            for l in links(&r.body) {
                // Pages of a list beyond the second add nothing new.
                let deep_page = l
                    .split("page=")
                    .nth(1)
                    .and_then(|p| p.split('&').next())
                    .and_then(|p| p.parse::<u32>().ok())
                    .is_some_and(|p| p > 2);
                if !deep_page && !seen.contains(&l) {
                    queue.push_back(l);
                }
            }
        }
    }
    visited
}

const SEEDS: &[&str] = &[
    "/",
    "/agenda",
    "/agenda?quando=passati",
    "/agenda/mese",
    // --- polls (prassi-polls) ---
    "/sondaggi",
    "/sondaggi?stato=chiusi",
    // --- end of polls ---
    // --- questionnaires (prassi-polls) ---
    "/questionari",
    "/questionari?stato=chiusi",
    // --- end of questionnaires ---
    "/qa",
    "/qa?tab=votes",
    "/qa?tab=active",
    "/qa?tab=unanswered",
    "/qa/tags",
    "/forum",
    "/forum/menzioni",
    "/wiki/osservati",
    "/qa/reputazione",
    "/forum/categorie",
    "/wiki",
    "/wiki/modifiche",
    "/membri",
    "/cerca?q=comunit%C3%A0",
    "/cerca?q=%F0%9F%8C%8D",
    "/gruppi",
    "/gruppi/inviti",
    "/gruppi/pubblicazioni",
    "/gruppi/nuovo",
    "/profilo",
    "/account/sicurezza",
    "/moderazione",
    "/admin",
    "/qa/domande/nuova",
    "/wiki/nuova",
    "/privacy",
    "/accessibilita",
    "/note-legali",
    "/accedi",
    "/registrati",
    "/password/dimenticata",
];

both_backends! {
    async fn every_page_renders_adversarial_values_for_every_viewer_in_both_languages(app) {
        let logins = adversarial_demo(&app).await;
        let mut admin = app.client().await;
        admin.login("admin", &logins.password).await;
        let qa = admin.get("/qa").await;
        assert_eq!(qa.status, StatusCode::OK);
        // Histories are linked only once a post is edited; the demo's are reached directly.
        let (question, answer): (prassi_db::QuestionId, prassi_db::AnswerId) = {
            use prassi_db::schema::answers;
            answers::table.select((answers::question_id, answers::id)).first(&mut app.conn()).unwrap()
        };
        let histories = [format!("/qa/cronologia/domanda/{question}"), format!("/qa/cronologia/risposta/{answer}")];
        let seeds: Vec<&str> = SEEDS.iter().copied().chain(histories.iter().map(String::as_str)).collect();
        // 360: the questionnaire pages (prassi-polls) take about twenty of the crawl's pages.
        let visited = crawl(&mut admin, &seeds, 360).await;
        assert!(visited.len() > 60, "the crawl reached the page types: {}", visited.len());
        for kind in ["/qa/questions/", "/qa/tags/", "/qa/cronologia/", "/forum/d/", "/forum/c/", "/forum/p/", "/wiki/p/", "/wiki/categoria/", "/wiki/contributi/", "/membri/", "/gruppi/", "/agenda/"] {
            assert!(visited.iter().any(|p| p.starts_with(kind)), "no page of kind {kind} was reached: {visited:?}");
        }
        // --- polls (prassi-polls) ---
        assert!(visited.iter().any(|p| p.starts_with("/sondaggi/")), "no poll page was reached: {visited:?}");
        // --- end of polls ---
        // --- questionnaires (prassi-polls) ---
        assert!(visited.iter().any(|p| p.starts_with("/questionari/")), "no questionnaire page was reached: {visited:?}");
        // The results and a text question's answers lie deeper than the crawl's budget: fetched
        // directly, by the organiser, a member and a visitor, in both languages.
        {
            use prassi_db::schema::{questionnaire_questions, questionnaires};
            let id: String = questionnaires::table.select(questionnaires::id).first(&mut app.conn()).unwrap();
            let text_q: String = questionnaire_questions::table
                .filter(questionnaire_questions::questionnaire_id.eq(&id))
                .filter(questionnaire_questions::kind.eq("long_text"))
                .select(questionnaire_questions::id)
                .first(&mut app.conn())
                .unwrap();
            let paths = [
                format!("/questionari/{id}"),
                format!("/questionari/{id}/risultati"),
                format!("/questionari/{id}/risultati/{text_q}"),
                format!("/questionari/{id}/risultati/{text_q}?page=2"),
                format!("/questionari/{id}/risposte.csv"),
                "/questionari/nuovo".to_owned(),
            ];
            let mut member = app.client().await;
            member.login("giulia.rossi", &logins.password).await;
            let mut visitor = app.client().await;
            for lang in ["it", "en"] {
                for c in [&mut admin, &mut member, &mut visitor] {
                    let r = c.get(&format!("/lingua?lang={lang}&next=/")).await;
                    assert_eq!(r.status, StatusCode::SEE_OTHER);
                    for path in &paths {
                        let r = c.get(path).await;
                        assert!(r.status.as_u16() < 500, "{path} answered {} in {lang}: {}", r.status, r.body.chars().take(400).collect::<String>());
                    }
                }
            }
            let r = admin.get(&format!("/questionari/{id}/risultati")).await;
            assert!(r.status == StatusCode::OK && r.body.contains(&long_word()), "{}", r.body.chars().take(400).collect::<String>());
            let r = admin.get("/lingua?lang=it&next=/").await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
        }
        // --- end of questionnaires ---
        // The same pages as a member and as a visitor, in English.
        let mut member = app.client().await;
        member.login("giulia.rossi", &logins.password).await;
        let mut visitor = app.client().await;
        for c in [&mut member, &mut visitor] {
            let r = c.get("/lingua?lang=en&next=/").await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            for path in visited.iter().take(140) {
                let r = c.get(path).await;
                assert!(r.status.as_u16() < 500, "{path} answered {} in English", r.status);
            }
        }
        // Italian for the visitor too.
        let mut visitor_it = app.client().await;
        for path in visited.iter().take(100) {
            let r = visitor_it.get(path).await;
            assert!(r.status.as_u16() < 500, "{path} answered {}", r.status);
        }
        // The API speaks the same values.
        let r = admin.get("/api/v1/qa/questions?tab=votes").await;
        assert_eq!(r.status, StatusCode::OK);
        let r = admin.get("/").await;
        assert!(r.body.contains(RTL) || r.status == StatusCode::OK);
    }
}

both_backends! {
    async fn forms_report_every_field_error_at_once_and_name_each_field(app) {
        let mut c = app.signed_in("chiede", Role::Member).await;
        let r = c.submit("/qa/domande/nuova", "/qa/domande/nuova", &[("title", ""), ("body_md", ""), ("tags", ""), ("lang", "xx")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        for field in ["title", "body_md", "tags", "lang"] {
            assert!(r.body.contains(&format!("data-summary-for=\"field-{field}\"><span class=\"error-summary-field\">")), "summary names {field}: {}", r.body);
            assert!(r.body.contains(&format!("id=\"field-{field}-error\"")), "{field} is marked");
        }
        assert!(r.body.contains("<title>Errore: "), "the title says there are errors");
        // Registration with four bad fields reports four, keeping what was typed.
        let mut v = app.client().await;
        let r = v.submit("/registrati", "/registrati", &[("username", "x"), ("email", "not-an-email"), ("display_name", ""), ("password", "short"), ("organisation", "Comune di Prova")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        for field in ["username", "email", "display_name", "password"] {
            assert!(r.body.contains(&format!("data-summary-for=\"field-{field}\"")), "registration reports {field}");
        }
        assert!(r.body.contains("Comune di Prova"), "what was typed is kept");
        // The API lists every field too.
        let mut api = app.client().await;
        let t = api.json(Method::POST, "/api/v1/auth/login", &serde_json::json!({"login": "chiede", "password": PASSWORD}), None).await;
        api.bearer = Some(t.json()["token"].as_str().unwrap().to_owned());
        let r = api.json(Method::POST, "/api/v1/qa/questions", &serde_json::json!({"title": "", "body_md": "", "tags": ""}), None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = r.json()["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
        assert_eq!(fields, ["title", "body_md", "tags"]);
        // An organisation named in capitals outside ASCII is found again, not a conflict.
        for _ in 0..2 {
            let r = api.json(Method::PUT, "/api/v1/me/profile", &serde_json::json!({"display_name": "Chi chiede", "organisation": "ÉCOLE"}), None).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        }
    }
}

both_backends! {
    async fn user_text_is_stored_with_lf_and_outside_images_never_load(app) {
        app.tag("appalti", "");
        let mut c = app.signed_in("chiede", Role::Member).await;
        let r = c.submit("/qa/domande/nuova", "/qa/domande/nuova", &[("title", "Una domanda con immagini esterne"), ("body_md", "Primo paragrafo.\r\n\r\n![](https://tracker.example/p.gif)"), ("tags", "appalti")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "an image without alternative text is flagged");
        assert!(r.body.contains("testo alternativo"), "{}", r.body);
        let r = c.submit("/qa/domande/nuova", "/qa/domande/nuova", &[("title", "Una domanda con immagini esterne"), ("body_md", "Primo paragrafo.\r\n\r\n![Logo](https://tracker.example/p.gif)\r\nFine."), ("tags", "appalti"), ("lang", "en")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let body: String = prassi_db::schema::questions::table.select(prassi_db::schema::questions::body_md).first(&mut app.conn()).unwrap();
        assert!(!body.contains('\r'), "stored with LF: {body:?}");
        let page = c.get(&r.location()).await;
        assert!(!page.body.contains("<img src=\"https://tracker.example"), "no outside image");
        assert!(page.body.contains("href=\"https://tracker.example/p.gif\""), "it became a link");
        let csp = page.headers.get("content-security-policy").unwrap().to_str().unwrap().to_owned();
        assert!(csp.contains("img-src 'self';"), "{csp}");
        assert!(page.body.contains("<h1 id=\"domanda-titolo\" lang=\"en\">"), "English content is marked in the Italian page");
        let en = {
            c.get("/lingua?lang=en&next=/").await;
            c.get(&r.location()).await
        };
        assert!(en.body.contains("<h1 id=\"domanda-titolo\">"), "no mark where the languages agree");
    }
}
