//! The meeting itself: question time (questions sent and supported with stored counts that
//! stay exact under thirty simultaneous supports, one support per member, the organisers'
//! order, answers, hiding, and conversion into a Q&A question with its accepted answer, once),
//! feedback after the event (attendees only, changes keeping the sums right under
//! concurrency, the organisers' exact summary, every bad field at once), and the certificate
//! of attendance (attendees only). Every rule is proved through HTTP on both backends.

use super::*;

use diesel::prelude::*;
use prassi_agenda::service::{self as agenda, EventInput, RegisterInput};
use prassi_agenda::session::{feedback, questions};
use prassi_core::access::Viewer;
use prassi_db::schema::{
    agenda_events, agenda_feedback, agenda_question_supports, agenda_questions,
    agenda_registrations, answers, questions as qa_questions, users,
};
use prassi_db::{EventId, RegistrationStatus, UserId};

/// A Rome wall-clock time `days` from now at `hour`:00, as a form sends it.
fn local(days: i64, hour: u32) -> String {
    let day = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc()).date()
        + chrono::Duration::days(days);
    format!("{day}T{hour:02}:00")
}

/// An event input starting in 30 days, 9:00–13:00, in person, with the four-hour template.
fn input(title: &str, audience: &str) -> EventInput {
    EventInput {
        title: title.into(),
        description_md: "Incontro della comunità di pratica.".into(),
        starts_at: local(30, 9),
        ends_at: local(30, 13),
        format: "in_person".into(),
        venue: "Palazzo Balbi, Venezia".into(),
        audience: audience.into(),
        use_template: "1".into(),
        ..EventInput::default()
    }
}

fn create(app: &TestApp, who: &str, input: &EventInput) -> EventId {
    let v = app.viewer(who);
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| agenda::create(c, &v, phase, input)).unwrap()
}

fn username_of(app: &TestApp, id: &UserId) -> String {
    users::table
        .find(id)
        .select(users::username)
        .first(&mut app.conn())
        .unwrap()
}

fn register(app: &TestApp, who: &str, id: &EventId) {
    let (v, phase) = (app.viewer(who), app.phase());
    prassi_db::write_tx(&mut app.conn(), |c| {
        agenda::register(c, &v, phase, id.as_str(), &RegisterInput::default())
    })
    .unwrap();
}

/// Moves the event to yesterday, 9:00–13:00 Rome time (registration needs a future event, so
/// tests register first and then let time pass).
fn finish(app: &TestApp, id: &EventId) {
    let starts = prassi_agenda::time::parse_local(&local(-1, 9)).unwrap();
    let ends = prassi_agenda::time::parse_local(&local(-1, 13)).unwrap();
    diesel::update(agenda_events::table.find(id))
        .set((
            agenda_events::starts_at.eq(starts),
            agenda_events::ends_at.eq(ends),
        ))
        .execute(&mut app.conn())
        .unwrap();
}

/// Records as present the registrations of `people`, through the organisers' own service.
fn attend(app: &TestApp, organiser: &str, id: &EventId, people: &[&str]) {
    let ids: Vec<String> = people
        .iter()
        .map(|p| {
            agenda_registrations::table
                .inner_join(users::table)
                .filter(agenda_registrations::event_id.eq(id))
                .filter(users::username.eq(*p))
                .filter(agenda_registrations::status.eq(RegistrationStatus::Registered))
                .select(agenda_registrations::id)
                .first::<prassi_db::RegistrationId>(&mut app.conn())
                .unwrap()
                .0
        })
        .collect();
    let (v, phase) = (app.viewer(organiser), app.phase());
    prassi_db::write_tx(&mut app.conn(), |c| {
        agenda::record_attendance(c, &v, phase, id.as_str(), &ids)
    })
    .unwrap();
}

/// (question_count, support counts as stored, support rows) of an event's questions.
fn question_count(app: &TestApp, id: &EventId) -> i64 {
    agenda_events::table
        .find(id)
        .select(agenda_events::question_count)
        .first(&mut app.conn())
        .unwrap()
}

fn supports(app: &TestApp, qid: &str) -> (i64, i64) {
    let stored: i64 = agenda_questions::table
        .find(qid)
        .select(agenda_questions::support_count)
        .first(&mut app.conn())
        .unwrap();
    let rows: i64 = agenda_question_supports::table
        .filter(agenda_question_supports::question_id.eq(qid))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    (stored, rows)
}

/// The event's feedback as stored (count, sum) and as the rows say.
fn feedback_sums(app: &TestApp, id: &EventId) -> ((i64, i64), (i64, i64)) {
    let stored = agenda_events::table
        .find(id)
        .select((agenda_events::feedback_count, agenda_events::rating_sum))
        .first(&mut app.conn())
        .unwrap();
    let ratings: Vec<i32> = agenda_feedback::table
        .filter(agenda_feedback::event_id.eq(id))
        .select(agenda_feedback::rating)
        .load(&mut app.conn())
        .unwrap();
    (
        stored,
        (
            ratings.len() as i64,
            ratings.iter().map(|r| i64::from(*r)).sum(),
        ),
    )
}

/// Runs `f` for every item on `threads` threads with their own connections, all starting
/// together; returns the results in the items' order.
fn race<T: Send + 'static, R: Send + 'static>(
    app: &TestApp,
    items: Vec<T>,
    threads: usize,
    f: impl Fn(&mut prassi_db::DbConnection, T) -> R + Send + Sync + 'static,
) -> Vec<R> {
    let f = std::sync::Arc::new(f);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(threads));
    // A pool of its own, one connection per thread (the app's pool is small in tests).
    let db = prassi_db::Database::connect(&app.platform.state.config.database_url, threads as u32)
        .unwrap();
    let mut lanes: Vec<Vec<(usize, T)>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, item) in items.into_iter().enumerate() {
        lanes[i % threads].push((i, item));
    }
    let handles: Vec<_> = lanes
        .into_iter()
        .map(|lane| {
            let mut conn = db.get().unwrap();
            let (f, barrier) = (f.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                lane.into_iter()
                    .map(|(i, item)| (i, f(&mut conn, item)))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut out: Vec<(usize, R)> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    out.sort_by_key(|(i, _)| *i);
    out.into_iter().map(|(_, r)| r).collect()
}

/// The only question of an event with this body.
fn question_id(app: &TestApp, id: &EventId, body: &str) -> String {
    agenda_questions::table
        .filter(agenda_questions::event_id.eq(id))
        .filter(agenda_questions::body.eq(body))
        .select(agenda_questions::id)
        .first(&mut app.conn())
        .unwrap()
}

fn ask(app: &TestApp, who: &str, id: &EventId, body: &str) -> String {
    let (v, phase) = (app.viewer(who), app.phase());
    prassi_db::write_tx(&mut app.conn(), |c| {
        questions::submit(
            c,
            &v,
            phase,
            id.as_str(),
            &questions::AgendaQuestionInput { body: body.into() },
        )
    })
    .unwrap()
    .id
}

both_backends! {
    async fn participants_send_and_support_questions_with_counts_kept_and_one_support_each(app) {
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        app.user("altro", Role::Member);
        app.user("esterno", Role::Member);
        let id = create(&app, "admin", &input("Question time sulla transizione digitale", "members"));
        register(&app, "socio", &id);
        register(&app, "altro", &id);
        let list = format!("/agenda/{id}/domande");
        let mut socio = app.signed_in_as("socio").await;
        // The page form: empty, then too long — each reported on its field, what was typed kept.
        let r = socio.submit(&list, &list, &[("body", "   ")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("href=\"#field-body\""), "{}", r.body);
        let long = "perché ".repeat(150);
        let r = socio.submit(&list, &list, &[("body", &long)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("href=\"#field-body\"") && r.body.contains(long.trim()), "typed text kept");
        assert_eq!(question_count(&app, &id), 0);
        // A real question, in other scripts and with a very long word.
        let body = format!("Come gestire i dati aperti? Ελληνικά, 中文, {}", "x".repeat(300));
        let r = socio.submit(&list, &list, &[("body", &body)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let q = question_id(&app, &id, &body);
        assert_eq!(r.location(), format!("/agenda/{id}/domande#domanda-{q}"));
        assert_eq!(question_count(&app, &id), 1);
        let page = socio.get(&list).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Ελληνικά, 中文") && page.body.contains("Una domanda finora."), "{}", page.body);
        assert!(!page.body.contains(&format!("{}/sostegno", q)), "no support button on one's own question");
        // Not registered: refused, nothing written; a visitor must sign in.
        let mut esterno = app.signed_in_as("esterno").await;
        let ecsrf = esterno.get("/agenda").await.csrf().unwrap();
        let api = format!("/api/v1/agenda/events/{id}/questions");
        let r = esterno.json(Method::POST, &api, &json!({"body": "Posso chiedere?"}), Some(&ecsrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        let mut anon = app.client().await;
        assert_eq!(anon.json(Method::POST, &api, &json!({"body": "?"}), None).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(question_count(&app, &id), 1);
        // Support: a toggle through the API, an explicit wish through the page form.
        let mut altro = app.signed_in_as("altro").await;
        let acsrf = altro.get("/agenda").await.csrf().unwrap();
        let toggle = format!("{api}/{q}/support");
        let r = altro.json(Method::POST, &toggle, &json!({}), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!((r.json()["supported"].clone(), r.json()["support_count"].clone()), (json!(true), json!(1)));
        let r = altro.json(Method::POST, &toggle, &json!({}), Some(&acsrf)).await;
        assert_eq!((r.json()["supported"].clone(), r.json()["support_count"].clone()), (json!(false), json!(0)));
        assert_eq!(supports(&app, &q), (0, 0));
        for _ in 0..2 {
            let r = altro.submit(&list, &format!("{list}/{q}/sostegno"), &[("sostegno", "1")]).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
        assert_eq!(supports(&app, &q), (1, 1), "one support per member");
        let page = altro.get(&list).await.body;
        assert!(page.contains("aria-pressed=\"true\"") && page.contains("1 sostegno."), "{page}");
        // One's own question, and someone not taking part: refused, counts unchanged.
        let scsrf = socio.get("/agenda").await.csrf().unwrap();
        let r = socio.json(Method::POST, &toggle, &json!({}), Some(&scsrf)).await;
        assert_eq!((r.status, r.json()["error"]["message"].clone()), (StatusCode::CONFLICT, json!("agenda-q-support-own")));
        let r = esterno.json(Method::POST, &toggle, &json!({}), Some(&ecsrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(supports(&app, &q), (1, 1));
        // Withdrawn through the page; then the event ends and question time closes.
        altro.submit(&list, &format!("{list}/{q}/sostegno"), &[("sostegno", "0")]).await;
        assert_eq!(supports(&app, &q), (0, 0));
        finish(&app, &id);
        let r = altro.json(Method::POST, &toggle, &json!({}), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let r = socio.json(Method::POST, &api, &json!({"body": "Troppo tardi?"}), Some(&scsrf)).await;
        assert_eq!((r.status, r.json()["error"]["message"].clone()), (StatusCode::CONFLICT, json!("agenda-q-closed")));
        let page = socio.get(&list).await.body;
        assert!(page.contains("terminato: non si possono più inviare") && !page.contains("name=\"body\""), "{page}");
        // The API list says the same as the page.
        let l = socio.get(&api).await.json();
        assert_eq!((l["question_count"].clone(), l["can_ask"].clone(), l["ended"].clone()), (json!(1), json!(false), json!(true)));
        assert_eq!(l["open"][0]["mine"], true);
    }
}

both_backends! {
    async fn thirty_members_supporting_one_question_at_once_count_thirty(app) {
        app.user("admin", Role::Admin);
        app.user("autrice", Role::Member);
        let id = create(&app, "admin", &input("Semplificazione amministrativa", "members"));
        register(&app, "autrice", &id);
        let q = ask(&app, "autrice", &id, "Quali moduli unificati usate?");
        let people = app.members("sost", 30, "Comune di Treviso");
        for p in &people {
            register(&app, &username_of(&app, p), &id);
        }
        let viewers: Vec<Viewer> = people.iter().map(|p| app.viewer(&username_of(&app, p))).collect();
        let phase = app.phase();
        let run = |want: Option<bool>, viewers: Vec<Viewer>| {
            let (event, q) = (id.clone(), q.clone());
            race(&app, viewers, 10, move |conn, v| {
                prassi_db::write_tx(conn, |c| questions::support(c, &v, phase, event.as_str(), &q, want))
            })
        };
        // Everyone at once: thirty supports, thirty rows.
        let results = run(None, viewers.clone());
        assert!(results.iter().all(|r| r.as_ref().is_ok_and(|s| s.supported)), "{results:?}");
        assert_eq!(supports(&app, &q), (30, 30));
        // The same thirty once more, wanting to support: still one each.
        let results = run(Some(true), viewers.clone());
        assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
        assert_eq!(supports(&app, &q), (30, 30));
        // Half withdraw at once while the other half press again: fifteen left.
        let (leave, stay) = viewers.split_at(15);
        let leaving = run(Some(false), leave.to_vec());
        let staying = run(Some(true), stay.to_vec());
        assert!(leaving.iter().chain(&staying).all(|r| r.is_ok()));
        assert_eq!(supports(&app, &q), (15, 15));
        // The page shows the stored count.
        let mut admin = app.signed_in_as("admin").await;
        assert!(admin.get(&format!("/agenda/{id}/domande")).await.body.contains("15 sostegni."));
    }
}

both_backends! {
    async fn only_organisers_order_answer_and_hide_and_a_hidden_event_answers_not_found(app) {
        app.user("admin", Role::Admin);
        app.user("coord", Role::Member);
        app.user("socio", Role::Member);
        app.user("altro", Role::Member);
        let g = app.group("coord", "Laboratorio dati").visibility("secret").member("socio").create();
        let mut i = input("Incontro del laboratorio dati", "members");
        i.group = g.slug.clone();
        let id = create(&app, "coord", &i);
        register(&app, "socio", &id);
        let q1 = ask(&app, "socio", &id, "Prima domanda, la più vecchia");
        let q2 = ask(&app, "socio", &id, "Seconda domanda");
        let q3 = ask(&app, "coord", &id, "Terza domanda, sostenuta");
        let (v, phase) = (app.viewer("socio"), app.phase());
        prassi_db::write_tx(&mut app.conn(), |c| questions::support(c, &v, phase, id.as_str(), &q3, None)).unwrap();
        let api = format!("/api/v1/agenda/events/{id}/questions");
        let list = format!("/agenda/{id}/domande");
        let order = |l: &serde_json::Value| -> Vec<String> {
            l["open"].as_array().unwrap().iter().map(|q| q["id"].as_str().unwrap().to_owned()).collect()
        };
        let mut socio = app.signed_in_as("socio").await;
        // Unordered: the most supported first, then the oldest.
        assert_eq!(order(&socio.get(&api).await.json()), vec![q3.clone(), q1.clone(), q2.clone()]);
        // A member outside the group: the event, its questions and every action are "not found".
        let mut altro = app.signed_in_as("altro").await;
        let acsrf = altro.get("/agenda").await.csrf().unwrap();
        let missing = altro.get("/api/v1/agenda/events/01900000-0000-7000-8000-000000000000/questions").await;
        let r = altro.get(&api).await;
        assert_eq!((r.status, r.body.clone()), (missing.status, missing.body.clone()));
        assert_eq!(altro.get(&list).await.status, StatusCode::NOT_FOUND);
        assert_eq!(altro.get(&format!("{list}/{q1}")).await.status, StatusCode::NOT_FOUND);
        let r = altro.json(Method::PUT, &format!("{api}/{q1}/answer"), &json!({"answer_md": "No"}), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = altro.post_form(&format!("{list}/{q1}/nascondi"), &[("csrf_token", &acsrf), ("nascondi", "1")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        // A participant who sees the event may not answer, order or hide: forbidden.
        let scsrf = socio.get("/agenda").await.csrf().unwrap();
        let r = socio.json(Method::PUT, &format!("{api}/{q1}/answer"), &json!({"answer_md": "Mi rispondo"}), Some(&scsrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = socio.post_form(&format!("{list}/{q1}/ordine"), &[("csrf_token", &scsrf), ("position", "1")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = socio.post_form(&format!("{list}/{q1}/nascondi"), &[("csrf_token", &scsrf), ("nascondi", "1")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let page = socio.get(&list).await.body;
        assert!(!page.contains("/ordine") && !page.contains("/nascondi"), "no organisers' controls");
        // The coordinator orders: a bad position is reported on its field, a good one moves it.
        let mut coord = app.signed_in_as("coord").await;
        let manage = coord.get(&list).await.body;
        assert!(manage.contains(&format!("{q2}/ordine")) && manage.contains(&format!("{q2}/nascondi")), "{manage}");
        let r = coord.submit(&list, &format!("{list}/{q2}/ordine"), &[("position", "prima")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("href=\"#field-position\"") && r.body.contains("value=\"prima\""), "{}", r.body);
        let r = coord.submit(&list, &format!("{list}/{q2}/ordine"), &[("position", "1")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(order(&socio.get(&api).await.json()), vec![q2.clone(), q3.clone(), q1.clone()]);
        // Hiding: gone for participants (like a missing question), not counted, back on request.
        assert_eq!(question_count(&app, &id), 3);
        let r = coord.submit(&list, &format!("{list}/{q1}/nascondi"), &[("nascondi", "1")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        coord.submit(&list, &format!("{list}/{q1}/nascondi"), &[("nascondi", "1")]).await;
        assert_eq!(question_count(&app, &id), 2, "hidden once, counted once");
        assert_eq!(socio.get(&format!("{list}/{q1}")).await.status, StatusCode::NOT_FOUND);
        let r = socio.json(Method::POST, &format!("{api}/{q1}/support"), &json!({}), Some(&scsrf)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(!socio.get(&list).await.body.contains("Prima domanda"));
        let l = coord.get(&api).await.json();
        assert_eq!(l["hidden"][0]["id"], q1.as_str());
        let ccsrf = coord.get("/agenda").await.csrf().unwrap();
        let r = coord.json(Method::PUT, &format!("{api}/{q1}/answer"), &json!({"answer_md": "Risposta"}), Some(&ccsrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "a hidden question is not answered");
        coord.submit(&list, &format!("{list}/{q1}/nascondi"), &[("nascondi", "0")]).await;
        assert_eq!(question_count(&app, &id), 3);
        // Answering: every error at once, then the answer recorded, rendered and sanitised.
        let r = coord.json(Method::PUT, &format!("{api}/{q2}/answer"), &json!({"answer_md": ""}), Some(&ccsrf)).await;
        assert_eq!((r.status, r.json()["error"]["fields"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("answer_md")));
        let r = coord.json(Method::PUT, &format!("{api}/{q2}/answer"), &json!({"answer_md": "**Sì**, dal 2027 <script>alert(1)</script>"}), Some(&ccsrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let a = r.json();
        assert_eq!(a["status"], "answered");
        let html = a["answer_html"].as_str().unwrap();
        assert!(html.contains("<strong>Sì</strong>") && !html.contains("<script"), "{html}");
        let l = socio.get(&api).await.json();
        assert_eq!(order(&l), vec![q3.clone(), q1.clone()]);
        assert_eq!(l["answered"][0]["id"], q2.as_str());
        assert!(l["answered"][0]["answer_md"].is_null(), "the source is for the organisers");
        let page = socio.get(&list).await.body;
        assert!(page.contains("<strong>Sì</strong>") && !page.contains("<script>alert"), "{page}");
        // The question's own page, for both.
        assert_eq!(socio.get(&format!("{list}/{q2}")).await.status, StatusCode::OK);
        let manage = coord.get(&format!("{list}/{q2}")).await.body;
        assert!(manage.contains("id=\"field-answer_md\"") && manage.contains("id=\"in-qa\""), "{manage}");
    }
}

both_backends! {
    async fn an_answered_question_becomes_a_qa_question_with_its_accepted_answer_once(app) {
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        app.user("partito", Role::Member);
        app.tag("appalti", "Contratti pubblici");
        let id = create(&app, "admin", &input("Appalti e PNRR", "members"));
        register(&app, "socio", &id);
        register(&app, "partito", &id);
        let q = ask(&app, "socio", &id, "Come si gestisce il subappalto nei progetti PNRR?");
        let open = ask(&app, "socio", &id, "Una domanda ancora aperta");
        let list = format!("/agenda/{id}/domande");
        let mut admin = app.signed_in_as("admin").await;
        let to_qa = |qid: &str| format!("{list}/{qid}/in-qa");
        // Not answered yet: refused.
        let r = admin.submit(&format!("{list}/{open}"), &to_qa(&open), &[("title", "Una domanda ancora aperta"), ("tags", "appalti")]).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        admin.submit(&format!("{list}/{q}"), &format!("{list}/{q}/risposta"), &[("answer_md", "Con l'autorizzazione della **stazione appaltante**.")]).await;
        // Bad title and unknown tag: both reported at once, nothing made.
        let r = admin.submit(&format!("{list}/{q}"), &to_qa(&q), &[("title", "Corto"), ("tags", "inesistente")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("href=\"#field-title\"") && r.body.contains("href=\"#field-tags\""), "{}", r.body);
        let n: i64 = qa_questions::table.count().get_result(&mut app.conn()).unwrap();
        assert_eq!(n, 0);
        // Converted: asked by its author, answered by the organiser, accepted, stored.
        let title = "Subappalto nei progetti PNRR: come si gestisce?";
        let r = admin.submit(&format!("{list}/{q}"), &to_qa(&q), &[("title", title), ("tags", "appalti")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let url = r.location();
        assert!(url.starts_with("/qa/questions/"), "{url}");
        let (qa_id, author, audience, accepted): (prassi_db::QuestionId, UserId, String, Option<prassi_db::AnswerId>) = qa_questions::table
            .filter(qa_questions::title.eq(title))
            .select((qa_questions::id, qa_questions::author_id, qa_questions::audience, qa_questions::accepted_answer_id))
            .first(&mut app.conn())
            .unwrap();
        assert_eq!(username_of(&app, &author), "socio");
        assert_eq!(audience, "members");
        let (answer_author, answer_body): (UserId, String) = answers::table
            .find(accepted.expect("an accepted answer"))
            .select((answers::author_id, answers::body_md))
            .first(&mut app.conn())
            .unwrap();
        assert_eq!(username_of(&app, &answer_author), "admin");
        assert!(answer_body.contains("stazione appaltante"));
        let stored: Option<prassi_db::QuestionId> = agenda_questions::table
            .find(&q)
            .select(agenda_questions::qa_question_id)
            .first(&mut app.conn())
            .unwrap();
        assert_eq!(stored, Some(qa_id));
        // Visible at its address, with the answer; the question time links to it.
        let mut socio = app.signed_in_as("socio").await;
        let page = socio.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(title) && page.body.contains("stazione appaltante") && page.body.contains("Appalti e PNRR"), "{}", page.body);
        assert!(socio.get(&list).await.body.contains(&url.replace('/', "&#x2F;")), "linked (as Tera escapes it)");
        // A second conversion is a conflict and makes nothing.
        let csrf = admin.get("/agenda").await.csrf().unwrap();
        let r = admin.post_form(&to_qa(&q), &[("csrf_token", &csrf), ("title", title), ("tags", "appalti")]).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        let n: i64 = qa_questions::table.count().get_result(&mut app.conn()).unwrap();
        assert_eq!(n, 1);
        // An author no longer a member: the organiser asks in their place.
        let q2 = ask(&app, "partito", &id, "Chi controlla le dichiarazioni dei subappaltatori?");
        admin.submit(&format!("{list}/{q2}"), &format!("{list}/{q2}/risposta"), &[("answer_md", "Il RUP.")]).await;
        diesel::update(users::table.filter(users::username.eq("partito")))
            .set(users::status.eq(prassi_db::AccountStatus::Suspended))
            .execute(&mut app.conn())
            .unwrap();
        let title2 = "Chi controlla le dichiarazioni dei subappaltatori?";
        let r = admin.submit(&format!("{list}/{q2}"), &to_qa(&q2), &[("title", title2), ("tags", "appalti")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let (author, accepted): (UserId, Option<prassi_db::AnswerId>) = qa_questions::table
            .filter(qa_questions::title.eq(title2))
            .select((qa_questions::author_id, qa_questions::accepted_answer_id))
            .first(&mut app.conn())
            .unwrap();
        assert_eq!(username_of(&app, &author), "admin");
        assert!(accepted.is_some());
    }
}

both_backends! {
    async fn feedback_is_for_attendees_after_the_end_and_the_summary_is_exact(app) {
        app.user("admin", Role::Admin);
        for p in ["uno", "due", "tre", "assente", "esterno"] {
            app.user(p, Role::Member);
        }
        let id = create(&app, "admin", &input("Welfare di comunità", "members"));
        for p in ["uno", "due", "tre", "assente"] {
            register(&app, p, &id);
        }
        let api = format!("/api/v1/agenda/events/{id}/feedback");
        let page = format!("/agenda/{id}/feedback");
        let mut uno = app.signed_in_as("uno").await;
        let ucsrf = uno.get("/agenda").await.csrf().unwrap();
        // Before the end nobody may give feedback, attended or not.
        attend(&app, "admin", &id, &["uno", "due", "tre"]);
        let r = uno.json(Method::PUT, &api, &json!({"rating": 5, "comment": ""}), Some(&ucsrf)).await;
        assert_eq!((r.status, r.json()["error"]["message"].clone()), (StatusCode::CONFLICT, json!("agenda-fb-not-yet")));
        assert!(uno.get(&page).await.body.contains("Potrai lasciare il tuo feedback al termine"));
        finish(&app, &id);
        // Those who did not attend: forbidden; bad input: every field at once, nothing stored.
        let mut assente = app.signed_in_as("assente").await;
        let acsrf = assente.get("/agenda").await.csrf().unwrap();
        let r = assente.json(Method::PUT, &api, &json!({"rating": 4, "comment": ""}), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let mut esterno = app.signed_in_as("esterno").await;
        let ecsrf = esterno.get("/agenda").await.csrf().unwrap();
        assert_eq!(esterno.json(Method::PUT, &api, &json!({"rating": 4}), Some(&ecsrf)).await.status, StatusCode::FORBIDDEN);
        assert!(esterno.get(&page).await.body.contains("riservato a chi ha partecipato"));
        let long = "è".repeat(2_001);
        for rating in [json!(0), json!(6), json!("tanto"), json!(null)] {
            let r = uno.json(Method::PUT, &api, &json!({"rating": rating, "comment": long}), Some(&ucsrf)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{rating}: {}", r.body);
            let fields: Vec<String> = r.json()["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
            assert_eq!(fields, ["rating", "comment"], "{rating}");
        }
        let r = uno.submit(&page, &page, &[("comment", &long)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("href=\"#field-rating\"") && r.body.contains("href=\"#field-comment\"") && r.body.contains(&long), "{}", r.body);
        assert_eq!(feedback_sums(&app, &id), ((0, 0), (0, 0)));
        // Three attendees: 5, 4 and 4 with a comment — then the first changes to 2.
        let r = uno.submit(&page, &page, &[("rating", "5"), ("comment", "")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let mut due = app.signed_in_as("due").await;
        let dcsrf = due.get("/agenda").await.csrf().unwrap();
        assert_eq!(due.json(Method::PUT, &api, &json!({"rating": 4}), Some(&dcsrf)).await.status, StatusCode::OK);
        let mut tre = app.signed_in_as("tre").await;
        let tcsrf = tre.get("/agenda").await.csrf().unwrap();
        let r = tre.json(Method::PUT, &api, &json!({"rating": "4", "comment": "Tavoli utilissimi, più tempo per le domande."}), Some(&tcsrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(feedback_sums(&app, &id), ((3, 13), (3, 13)));
        assert_eq!(r.json()["average"], json!(4.3));
        let r = uno.json(Method::PUT, &api, &json!({"rating": 2, "comment": "Ripensandoci, troppo lungo."}), Some(&ucsrf)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.json()["mine"]["rating"], 2);
        assert_eq!(feedback_sums(&app, &id), ((3, 10), (3, 10)), "a change moves the sum, not the count");
        // The organisers' summary: count, average to one decimal, distribution, comments.
        let mut admin = app.signed_in_as("admin").await;
        let s = admin.get(&api).await.json();
        assert_eq!((s["count"].clone(), s["average"].clone(), s["average_tenths"].clone()), (json!(3), json!(3.3), json!(33)));
        let dist: Vec<(i64, i64)> = s["distribution"].as_array().unwrap().iter().map(|d| (d["rating"].as_i64().unwrap(), d["count"].as_i64().unwrap())).collect();
        assert_eq!(dist, [(1, 0), (2, 1), (3, 0), (4, 2), (5, 0)]);
        assert_eq!(s["distribution"][3]["percent"], 67);
        assert_eq!(s["comments"].as_array().unwrap().len(), 2);
        let html = admin.get(&page).await.body;
        assert!(html.contains("valutazione media di 3,3 su 5") && html.contains("Tavoli utilissimi"), "{html}");
        // Everyone else: count and average only.
        let s = esterno.get(&api).await.json();
        assert_eq!((s["count"].clone(), s["average"].clone()), (json!(3), json!(3.3)));
        assert!(s["distribution"].as_array().unwrap().is_empty() && s["comments"].as_array().unwrap().is_empty());
        let html = due.get(&page).await.body;
        assert!(html.contains("3,3 su 5") && !html.contains("Tavoli utilissimi") && html.contains("checked"), "{html}");
        // One member changing their feedback many times at once: the sums still match the rows.
        let v = app.viewer("due");
        let phase = app.phase();
        let event = id.clone();
        let results = race(&app, (0..12).collect::<Vec<i32>>(), 6, move |conn, i| {
            let input = feedback::AgendaFeedbackInput { rating: (i % 5 + 1).to_string(), comment: String::new() };
            prassi_db::write_tx(conn, |c| feedback::give(c, &v, phase, event.as_str(), &input))
        });
        assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
        let (stored, rows) = feedback_sums(&app, &id);
        assert_eq!(stored, rows);
        assert_eq!(stored.0, 3);
    }
}

both_backends! {
    async fn the_certificate_of_attendance_is_for_attendees_only(app) {
        app.user("admin", Role::Admin);
        for p in ["maria", "assente", "esterno", "coord"] {
            app.user(p, Role::Member);
        }
        diesel::update(users::table.filter(users::username.eq("maria")))
            .set(users::display_name.eq("Maria Chiara Dall'Òglio"))
            .execute(&mut app.conn())
            .unwrap();
        let id = create(&app, "admin", &input("Co-Labora: rigenerazione urbana", "members"));
        register(&app, "maria", &id);
        register(&app, "assente", &id);
        attend(&app, "admin", &id, &["maria"]);
        let cert = format!("/agenda/{id}/attestato");
        let mut maria = app.signed_in_as("maria").await;
        // Not before the event.
        assert_eq!(maria.get(&cert).await.status, StatusCode::CONFLICT);
        finish(&app, &id);
        let r = maria.get(&cert).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        for s in ["Maria Chiara Dall&#x27;Òglio", "Co-Labora: rigenerazione urbana", "dalle 09:00 alle 13:00", "4 ore", "Prassi", "Admin", "agenda-certificate", "<main", "lang=\"it\""] {
            assert!(r.body.contains(s), "{s}: {}", r.body);
        }
        // The print rules (one A4 sheet, no site header) are in the theme's stylesheet.
        let css = maria.get("/static/prassi.css").await;
        assert!(css.status == StatusCode::OK && css.body.contains("@page") && css.body.contains("body:has(.agenda-certificate)"));
        // The event page links to it for her.
        assert!(maria.get(&format!("/agenda/{id}")).await.body.contains(&format!("{id}/attestato")));
        // Registered without attending, or not registered: forbidden; a visitor: not found.
        let mut assente = app.signed_in_as("assente").await;
        assert_eq!(assente.get(&cert).await.status, StatusCode::FORBIDDEN);
        let mut esterno = app.signed_in_as("esterno").await;
        assert_eq!(esterno.get(&cert).await.status, StatusCode::FORBIDDEN);
        let mut anon = app.client().await;
        assert_eq!(anon.get(&cert).await.status, StatusCode::NOT_FOUND);
        // An event of a secret group: a member outside it gets "not found".
        let g = app.group("coord", "Gruppo riservato").visibility("secret").create();
        let mut gi = input("Riunione riservata", "members");
        gi.group = g.slug.clone();
        let gid = create(&app, "coord", &gi);
        assert_eq!(esterno.get(&format!("/agenda/{gid}/attestato")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(esterno.get(&format!("/agenda/{gid}/feedback")).await.status, StatusCode::NOT_FOUND);
        // The English page.
        let mut en = app.signed_in_as("maria").await;
        en.lang = "en".into();
        let r = en.get(&cert).await;
        assert!(r.body.contains("Certificate of attendance") && r.body.contains("from 09:00 to 13:00") && r.body.contains("4 hours"), "{}", r.body);
    }
}
