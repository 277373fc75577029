//! Networking tables and the event's report: definitions report every bad line at once, the
//! automatic assignment mixes organisations (and stays within seats when repeats cannot be
//! avoided), choices racing for a table never oversell it, moves keep both counts right, only
//! the facilitator and the organisers write outcomes, the report shows answered questions and
//! outcomes, its publication makes one wiki page crediting organisers and facilitators (and
//! revision 2 of that page the second time), and hidden events answer 404 everywhere.

use std::collections::HashSet;

use diesel::prelude::*;
use prassi_agenda::service::{self as agenda, EventInput, RegisterInput};
use prassi_agenda::session::networking::{self, TablesInput};
use prassi_core::access::Viewer;
use prassi_db::models::{AgendaQuestion, WikiPage};
use prassi_db::schema::{
    agenda_events, agenda_questions, agenda_table_seats, agenda_tables, users, wiki_pages,
    wiki_revisions,
};
use prassi_db::{EventId, UserId};

use super::*;

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
        venue: "Palazzo Grandi Stazioni".into(),
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

fn viewer_of(app: &TestApp, id: &UserId) -> Viewer {
    let name: String = users::table
        .find(id)
        .select(users::username)
        .first(&mut app.conn())
        .unwrap();
    app.viewer(&name)
}

fn register_all(app: &TestApp, id: &EventId, people: &[UserId]) {
    let phase = app.phase();
    for p in people {
        let v = viewer_of(app, p);
        let r = prassi_db::write_tx(&mut app.conn(), |c| {
            agenda::register(c, &v, phase, id.as_str(), &RegisterInput::default())
        })
        .unwrap();
        assert_eq!(r.status, "registered");
    }
}

fn define(
    app: &TestApp,
    who: &str,
    id: &EventId,
    text: &str,
) -> prassi_core::AppResult<networking::Defined> {
    let v = app.viewer(who);
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| {
        networking::define(
            c,
            &v,
            phase,
            id.as_str(),
            &TablesInput {
                definitions: text.into(),
            },
        )
    })
}

fn choose(
    app: &TestApp,
    v: &Viewer,
    id: &EventId,
    table: &str,
) -> prassi_core::AppResult<networking::Chosen> {
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| {
        networking::choose(c, v, phase, id.as_str(), table)
    })
}

/// The event's tables in order: (id, topic, seats, seated_count).
fn tables(app: &TestApp, id: &EventId) -> Vec<(String, String, Option<i64>, i64)> {
    agenda_tables::table
        .filter(agenda_tables::event_id.eq(id))
        .order(agenda_tables::position.asc())
        .select((
            agenda_tables::id,
            agenda_tables::topic,
            agenda_tables::seats,
            agenda_tables::seated_count,
        ))
        .load(&mut app.conn())
        .unwrap()
}

/// Who sits at a table, as the rows say.
fn seated_at(app: &TestApp, table: &str) -> Vec<UserId> {
    agenda_table_seats::table
        .filter(agenda_table_seats::table_id.eq(table))
        .select(agenda_table_seats::user_id)
        .load(&mut app.conn())
        .unwrap()
}

/// Every table's stored count is its rows, within its seats; returns the counts.
fn check_counts(app: &TestApp, id: &EventId) -> Vec<i64> {
    tables(app, id)
        .iter()
        .map(|(t, topic, seats, count)| {
            let rows = seated_at(app, t).len() as i64;
            assert_eq!(*count, rows, "{topic}: stored count and rows");
            assert!(
                seats.is_none_or(|s| rows <= s),
                "{topic}: {rows} over {seats:?}"
            );
            rows
        })
        .collect()
}

fn organisation_of(app: &TestApp, user: &UserId) -> Option<String> {
    users::table
        .find(user)
        .select(users::organisation_id)
        .first::<Option<String>>(&mut app.conn())
        .unwrap()
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

both_backends! {
    async fn defining_tables_reports_every_bad_line_at_once_and_keeps_what_was_typed(app) {
        app.user("admin", Role::Admin);
        app.user("fabio", Role::Member);
        let id = create(&app, "admin", &input("Tavoli sul welfare", "members"));
        let mut admin = app.signed_in_as("admin").await;
        let page = format!("/agenda/{id}/tavoli");
        let bad = "Welfare generativo | @nessuno | 8\n | @fabio | 5\nMobilità | @fabio | tanti\n\nwelfare  GENERATIVO\nA | b | c | d\nCasa | | 0";
        let r = admin.submit(&page, &page, &[("definitions", bad)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("<title>Errore:"), "the title says so");
        for (line, text) in [(1, "il facilitatore non è un membro attivo"), (2, "manca il tema"),
            (3, "i posti devono essere un numero intero"), (5, "questo tema è già in un&#x27;altra riga"),
            (6, "troppe parti"), (7, "i posti devono essere un numero intero")] {
            assert!(r.body.contains(&format!("Riga {line}: {text}")), "line {line}: {}", r.body);
        }
        assert!(r.body.contains("href=\"#field-definitions\""));
        assert!(r.body.contains("welfare  GENERATIVO"), "what was typed is kept");
        assert!(tables(&app, &id).is_empty(), "nothing written");
        // The API names each line.
        let csrf = admin.get("/agenda").await.csrf().unwrap();
        let r = admin.json(Method::PUT, &format!("/api/v1/agenda/events/{id}/tables"), &json!({ "definitions": bad }), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let fields: Vec<(String, String)> = r.json()["error"]["fields"].as_array().unwrap().iter()
            .map(|f| (f["field"].as_str().unwrap().to_owned(), f["message"].as_str().unwrap().to_owned())).collect();
        assert_eq!(fields, [
            ("definitions.1", "agenda-tb-facilitator-unknown"),
            ("definitions.2", "agenda-tb-topic-missing"),
            ("definitions.3", "agenda-tb-seats-invalid"),
            ("definitions.5", "agenda-tb-topic-duplicate"),
            ("definitions.6", "agenda-tb-line-invalid"),
            ("definitions.7", "agenda-tb-seats-invalid"),
        ].map(|(f, m)| (f.to_owned(), m.to_owned())));
        // Good lines are saved in order; the form shows them back as they are stored.
        let good = "Welfare generativo | @fabio | 8\nMobilità sostenibile\nCasa | | 4";
        let r = admin.submit(&page, &page, &[("definitions", good)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let saved = tables(&app, &id);
        let shape: Vec<(&str, Option<i64>)> = saved.iter().map(|(_, t, s, _)| (t.as_str(), *s)).collect();
        assert_eq!(shape, [("Welfare generativo", Some(8)), ("Mobilità sostenibile", None), ("Casa", Some(4))]);
        let r = admin.get(&page).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Welfare generativo | @fabio | 8"), "{}", r.body);
        assert!(r.body.contains("Tavolo 1: Welfare generativo"));
        // Only those who manage the event define tables.
        let mut fabio = app.signed_in_as("fabio").await;
        let fcsrf = fabio.get("/agenda").await.csrf().unwrap();
        let r = fabio.json(Method::PUT, &format!("/api/v1/agenda/events/{id}/tables"), &json!({ "definitions": "X" }), Some(&fcsrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(tables(&app, &id).len(), 3);
    }
}

both_backends! {
    async fn automatic_assignment_puts_four_organisations_at_every_table_of_four(app) {
        app.user("admin", Role::Admin);
        let id = create(&app, "admin", &input("Comunità di pratica: innovazione sociale", "members"));
        // Registered organisation by organisation: the hardest order for a greedy deal.
        let mut people = Vec::new();
        for (prefix, org) in [("ente-a", "Comune di Asolo"), ("ente-b", "Comune di Belluno"),
            ("ente-c", "Regione del Veneto"), ("ente-d", "ULSS 6 Euganea")] {
            people.extend(app.members(prefix, 4, org));
        }
        register_all(&app, &id, &people);
        define(&app, "admin", &id, "Welfare | | 4\nMobilità | | 4\nCasa | | 4\nLavoro | | 4").unwrap();
        let mut admin = app.signed_in_as("admin").await;
        let page = format!("/agenda/{id}/tavoli");
        assert!(admin.get(&page).await.body.contains("16 iscritti non hanno ancora un tavolo"));
        let r = admin.submit(&page, &format!("/agenda/{id}/tavoli/assegna"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(check_counts(&app, &id), [4, 4, 4, 4]);
        for (t, topic, _, _) in tables(&app, &id) {
            let orgs: HashSet<Option<String>> = seated_at(&app, &t).iter().map(|u| organisation_of(&app, u)).collect();
            assert_eq!(orgs.len(), 4, "{topic}: four organisations");
        }
        let how: Vec<String> = agenda_table_seats::table.select(agenda_table_seats::how).load(&mut app.conn()).unwrap();
        assert!(how.iter().all(|h| h == "assigned") && how.len() == 16);
        // Organisers see who sits where, with organisations; everyone has a table now.
        let body = admin.get(&page).await.body;
        assert!(body.contains("Persona ente-c 2") && body.contains("Regione del Veneto"), "{body}");
        assert!(body.contains("Tutti gli iscritti hanno un tavolo"));
        // Again: nothing to do.
        let csrf = admin.get("/agenda").await.csrf().unwrap();
        let r = admin.json(Method::POST, &format!("/api/v1/agenda/events/{id}/tables/assignment"), &json!({}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json(), json!({ "assigned": 0, "without_table": 0 }));
        assert_eq!(check_counts(&app, &id), [4, 4, 4, 4]);
    }
}

both_backends! {
    async fn when_repeats_are_unavoidable_the_assignment_spreads_them_and_stays_within_seats(app) {
        app.user("admin", Role::Admin);
        let id = create(&app, "admin", &input("Tavoli stretti", "members"));
        let a = app.members("rip-a", 5, "Comune di Rovigo");
        let b = app.members("rip-b", 3, "Comune di Adria");
        // A1, B1, A2, B2, A3, B3, A4, A5: six seats for eight, first come first served.
        let order = vec![a[0].clone(), b[0].clone(), a[1].clone(), b[1].clone(), a[2].clone(), b[2].clone(), a[3].clone(), a[4].clone()];
        register_all(&app, &id, &order);
        define(&app, "admin", &id, "Primo | | 3\nSecondo | | 3").unwrap();
        let t = tables(&app, &id);
        // A1 chose the first table before the assignment: they keep it.
        choose(&app, &viewer_of(&app, &a[0]), &id, &t[0].0).unwrap();
        let v = app.viewer("admin");
        let phase = app.phase();
        let done = prassi_db::write_tx(&mut app.conn(), |c| networking::assign_all(c, &v, phase, id.as_str())).unwrap();
        assert_eq!((done.assigned, done.without_table), (5, 2));
        assert_eq!(check_counts(&app, &id), [3, 3]);
        assert!(seated_at(&app, &t[0].0).contains(&a[0]));
        for (table, topic, _, _) in &t {
            let at = seated_at(&app, table);
            let from_a = at.iter().filter(|u| a.contains(u)).count();
            assert!((1..=2).contains(&from_a), "{topic}: the repeats are spread, {from_a} of A");
        }
        // The last two to register are the ones left out.
        let seated: Vec<UserId> = agenda_table_seats::table.select(agenda_table_seats::user_id).load(&mut app.conn()).unwrap();
        assert!(!seated.contains(&a[3]) && !seated.contains(&a[4]));
        // A participant who cancels is unseated by the next assignment, and their seat goes
        // to the first one left out.
        let leaving = viewer_of(&app, &b[2]);
        prassi_db::write_tx(&mut app.conn(), |c| agenda::cancel(c, &leaving, phase, id.as_str())).unwrap();
        let done = prassi_db::write_tx(&mut app.conn(), |c| networking::assign_all(c, &v, phase, id.as_str())).unwrap();
        assert_eq!((done.assigned, done.without_table), (1, 1));
        assert_eq!(check_counts(&app, &id), [3, 3]);
        let seated: Vec<UserId> = agenda_table_seats::table.select(agenda_table_seats::user_id).load(&mut app.conn()).unwrap();
        assert!(seated.contains(&a[3]) && !seated.contains(&b[2]));
    }
}

both_backends! {
    async fn forty_participants_racing_for_a_ten_seat_table_seat_exactly_ten(app) {
        app.user("admin", Role::Admin);
        let id = create(&app, "admin", &input("Tavoli molto richiesti", "members"));
        let people = app.members("corsa", 40, "Comune di Treviso");
        register_all(&app, &id, &people);
        define(&app, "admin", &id, "Piccolo | | 10\nGrande").unwrap();
        let t = tables(&app, &id);
        let (small, big) = (t[0].0.clone(), t[1].0.clone());
        let viewers: Vec<Viewer> = people.iter().map(|p| viewer_of(&app, p)).collect();
        let phase = app.phase();
        let (event, table) = (id.clone(), small.clone());
        let results = race(&app, viewers.clone(), 8, move |conn, v| {
            prassi_db::write_tx(conn, |c| networking::choose(c, &v, phase, event.as_str(), &table))
        });
        let won = results.iter().filter(|r| r.is_ok()).count();
        let full = results.iter().filter(|r| r.as_ref().is_err_and(|e| e.message == "agenda-tb-table-full")).count();
        assert_eq!((won, full), (10, 30), "{:?}", results.iter().filter(|r| r.is_err()).collect::<Vec<_>>());
        assert_eq!(check_counts(&app, &id), [10, 0]);
        // Now the ten move to the big table while the thirty race for the ten freed seats and
        // the big one: every seat row and count stays right, the small table never above ten.
        let jobs: Vec<(Viewer, String)> = viewers.iter().zip(&results).map(|(v, r)| {
            (v.clone(), if r.is_ok() { big.clone() } else { small.clone() })
        }).collect();
        let event = id.clone();
        let results = race(&app, jobs, 8, move |conn, (v, table)| {
            prassi_db::write_tx(conn, |c| networking::choose(c, &v, phase, event.as_str(), &table))
        });
        assert!(results.iter().all(|r| r.is_ok() || r.as_ref().is_err_and(|e| e.message == "agenda-tb-table-full")), "{results:?}");
        let counts = check_counts(&app, &id);
        let refused = results.iter().filter(|r| r.is_err()).count() as i64;
        assert_eq!(counts[1], 10, "the ten moved");
        assert_eq!(counts[0], 30 - refused, "each of the thirty sits at the small table or was refused");
        assert!(counts[0] <= 10);
        let rows: i64 = agenda_table_seats::table.count().get_result(&mut app.conn()).unwrap();
        assert_eq!(rows, counts.iter().sum::<i64>());
    }
}

both_backends! {
    async fn moving_keeps_both_counts_and_removing_a_table_unseats_its_people(app) {
        app.user("admin", Role::Admin);
        app.user("estraneo", Role::Member);
        let id = create(&app, "admin", &input("Tavoli in movimento", "members"));
        let people = app.members("mossa", 3, "Comune di Schio");
        register_all(&app, &id, &people);
        define(&app, "admin", &id, "Alfa | | 2\nBeta | | 2").unwrap();
        let t = tables(&app, &id);
        let mut first = app.signed_in_as("mossa1").await;
        let page = format!("/agenda/{id}/tavoli");
        let r = first.submit(&page, &format!("/agenda/{id}/tavoli/{}/scegli", t[0].0), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(check_counts(&app, &id), [1, 0]);
        let r = first.submit(&page, &format!("/agenda/{id}/tavoli/{}/scegli", t[1].0), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(check_counts(&app, &id), [0, 1]);
        // Choosing one's own table again changes nothing.
        let r = choose(&app, &viewer_of(&app, &people[0]), &id, &t[1].0).unwrap();
        assert!(!r.moved);
        assert_eq!(check_counts(&app, &id), [0, 1]);
        // The page shows the viewer's table and, to a participant, who sits where.
        let body = first.get(&page).await.body;
        assert!(body.contains("Il tuo tavolo: Beta") && body.contains("Persona mossa 1"), "{body}");
        // Beta fills up: a third choice is refused with the reason on the page.
        choose(&app, &viewer_of(&app, &people[1]), &id, &t[1].0).unwrap();
        let mut third = app.signed_in_as("mossa3").await;
        let r = third.submit(&page, &format!("/agenda/{id}/tavoli/{}/scegli", t[1].0), &[]).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("Il tavolo è al completo"), "{}", r.body);
        assert_eq!(check_counts(&app, &id), [0, 2]);
        // Someone not registered may not sit, and sees topics and counts but no names.
        let mut outsider = app.signed_in_as("estraneo").await;
        let csrf = outsider.get("/agenda").await.csrf().unwrap();
        let r = outsider.json(Method::POST, &format!("/api/v1/agenda/events/{id}/tables/{}/choice", t[0].0), &json!({}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(r.json()["error"]["message"], "agenda-tb-not-registered");
        let list = outsider.get(&format!("/api/v1/agenda/events/{id}/tables")).await.json();
        assert_eq!(list["tables"][1]["seated_count"], 2);
        assert!(list["tables"][1]["people"].is_null() && !list["names_shown"].as_bool().unwrap());
        assert!(!outsider.get(&page).await.body.contains("Persona mossa 1"));
        // A table of another event is not found.
        let other = create(&app, "admin", &input("Un altro evento", "members"));
        let r = outsider.json(Method::POST, &format!("/api/v1/agenda/events/{other}/tables/{}/choice", t[0].0), &json!({}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        // Fewer seats than the people at Beta: refused; Beta removed: its people are unseated.
        let err = define(&app, "admin", &id, "Alfa | | 2\nBeta | | 1").unwrap_err();
        assert_eq!(err.fields[0].field, "definitions.2");
        assert_eq!(err.fields[0].message, "agenda-tb-seats-below-seated");
        let done = define(&app, "admin", &id, "alfa | | 3\nGamma").unwrap();
        assert_eq!(done.unseated, 2);
        let now = tables(&app, &id);
        assert_eq!(now[0].0, t[0].0, "Alfa matched by its topic keeps its id");
        assert_eq!((now[0].1.as_str(), now[0].2), ("alfa", Some(3)));
        assert_eq!(check_counts(&app, &id), [0, 0]);
        let rows: i64 = agenda_table_seats::table.count().get_result(&mut app.conn()).unwrap();
        assert_eq!(rows, 0);
    }
}

both_backends! {
    async fn only_the_facilitator_and_the_organisers_write_a_tables_outcomes(app) {
        app.user("admin", Role::Admin);
        app.user("fabio", Role::Member);
        app.user("paola", Role::Member);
        let id = create(&app, "admin", &input("Esiti dei tavoli", "members"));
        define(&app, "admin", &id, "Welfare | @fabio | 6\nCasa").unwrap();
        let t = tables(&app, &id);
        let outcomes = format!("/api/v1/agenda/events/{id}/tables/{}/outcomes", t[0].0);
        let form = format!("/agenda/{id}/tavoli/{}/esiti", t[0].0);
        // A participant at the table: not theirs to write.
        let mut paola = app.signed_in_as("paola").await;
        let csrf = paola.get("/agenda").await.csrf().unwrap();
        let r = paola.json(Method::PUT, &outcomes, &json!({ "outcomes_md": "Mio" }), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(paola.get(&form).await.status, StatusCode::FORBIDDEN);
        let r = paola.post_form(&form, &[("csrf_token", csrf.as_str()), ("outcomes_md", "Mio")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Nor a visitor's.
        let mut anon = app.client().await;
        assert_eq!(anon.json(Method::PUT, &outcomes, &json!({ "outcomes_md": "x" }), None).await.status, StatusCode::UNAUTHORIZED);
        // The facilitator writes them through the form; too long is refused with the field named.
        let mut fabio = app.signed_in_as("fabio").await;
        assert!(fabio.get(&format!("/agenda/{id}/tavoli")).await.body.contains(&format!("{}/esiti", t[0].0)), "the facilitator's link");
        let long = "x".repeat(20_001);
        let r = fabio.submit(&form, &form, &[("outcomes_md", &long)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("href=\"#field-outcomes_md\""));
        let r = fabio.submit(&form, &form, &[("outcomes_md", "**Proposta**: un registro comune delle pratiche.")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let body = paola.get(&format!("/agenda/{id}/tavoli")).await.body;
        assert!(body.contains("<strong>Proposta</strong>: un registro comune"), "{body}");
        // The organisers may write them too, for any table.
        let mut admin = app.signed_in_as("admin").await;
        let acsrf = admin.get("/agenda").await.csrf().unwrap();
        let r = admin.json(Method::PUT, &format!("/api/v1/agenda/events/{id}/tables/{}/outcomes", t[1].0), &json!({ "outcomes_md": "Casa: due proposte." }), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["outcomes_md"], "Casa: due proposte.");
        // But the facilitator of one table not of another.
        let fcsrf = fabio.get("/agenda").await.csrf().unwrap();
        let r = fabio.json(Method::PUT, &format!("/api/v1/agenda/events/{id}/tables/{}/outcomes", t[1].0), &json!({ "outcomes_md": "No" }), Some(&fcsrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let stored: Vec<String> = agenda_tables::table.filter(agenda_tables::event_id.eq(&id)).order(agenda_tables::position.asc())
            .select(agenda_tables::outcomes_md).load(&mut app.conn()).unwrap();
        assert_eq!(stored, ["**Proposta**: un registro comune delle pratiche.", "Casa: due proposte."]);
    }
}

/// An answered question of question time, written as the questions part would.
fn answered_question(app: &TestApp, id: &EventId, body: &str, answer: &str, position: Option<i32>) {
    diesel::insert_into(agenda_questions::table)
        .values(AgendaQuestion {
            id: prassi_db::fresh_id(),
            event_id: id.clone(),
            author_id: None,
            body: body.into(),
            support_count: 0,
            position,
            status: if answer.is_empty() {
                "open".into()
            } else {
                "answered".into()
            },
            answer_md: answer.into(),
            answered_by: None,
            answered_at: (!answer.is_empty()).then(prassi_db::now),
            qa_question_id: None,
            created_at: prassi_db::now(),
        })
        .execute(&mut app.conn())
        .unwrap();
}

fn report_page(app: &TestApp, id: &EventId) -> WikiPage {
    let page: prassi_db::PageId = agenda_events::table
        .find(id)
        .select(agenda_events::report_page_id)
        .first::<Option<prassi_db::PageId>>(&mut app.conn())
        .unwrap()
        .expect("published");
    wiki_pages::table
        .find(&page)
        .select(WikiPage::as_select())
        .first(&mut app.conn())
        .unwrap()
}

both_backends! {
    async fn the_report_is_published_as_one_wiki_page_crediting_organisers_and_facilitators(app) {
        app.user("admin", Role::Admin);
        app.user("fabio", Role::Member);
        app.user("sara", Role::Member);
        app.user("socio", Role::Member);
        let mut i = input("Co-Labora: welfare generativo", "members");
        i.speakers = "2 | Jane Doe | Ricercatrice | Queen Margaret University".into();
        i.organisers = "sara".into();
        let id = create(&app, "admin", &i);
        define(&app, "admin", &id, "Welfare di comunità | @fabio | 6\nCasa e abitare").unwrap();
        let t = tables(&app, &id);
        let fv = app.viewer("fabio");
        let phase = app.phase();
        prassi_db::write_tx(&mut app.conn(), |c| networking::write_outcomes(c, &fv, phase, id.as_str(), &t[0].0,
            &networking::OutcomesInput { outcomes_md: "Un registro comune delle *pratiche*.".into() })).unwrap();
        answered_question(&app, &id, "Come si misura l'impatto sociale?", "Con indicatori condivisi tra gli enti.", Some(1));
        answered_question(&app, &id, "Chi coordina la rete?", "Il Comune capofila.", None);
        answered_question(&app, &id, "Domanda ancora aperta", "", Some(2));
        diesel::update(agenda_events::table.find(&id))
            .set((agenda_events::feedback_count.eq(3), agenda_events::rating_sum.eq(13)))
            .execute(&mut app.conn()).unwrap();

        // Whoever sees the event reads the report.
        let mut socio = app.signed_in_as("socio").await;
        let r = socio.get(&format!("/agenda/{id}/resoconto")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        for s in ["Jane Doe", "Come si misura l&#x27;impatto sociale?", "Con indicatori condivisi", "Welfare di comunità",
            "Un registro comune delle <em>pratiche</em>", "3 valutazioni, media 4,3 su 5", "Fabio", "Sara"] {
            assert!(r.body.contains(s), "{s}: {}", r.body);
        }
        assert!(!r.body.contains("Domanda ancora aperta"));
        assert!(!r.body.contains("/resoconto/pubblica"), "no publish button for a member");
        let json = socio.get(&format!("/api/v1/agenda/events/{id}/report")).await.json();
        let questions: Vec<&str> = json["questions"].as_array().unwrap().iter().map(|q| q["body"].as_str().unwrap()).collect();
        assert_eq!(questions, ["Come si misura l'impatto sociale?", "Chi coordina la rete?"], "ordered ones first");
        assert_eq!(json["feedback"], json!({ "count": 3, "average": 4.3 }));
        assert!(json["published"].is_null());
        // A member who does not manage the event may not publish it.
        let csrf = socio.get("/agenda").await.csrf().unwrap();
        let r = socio.json(Method::POST, &format!("/api/v1/agenda/events/{id}/report/publication"), &json!({}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // An organiser publishes: one page, with the event's audience, crediting everyone.
        let mut admin = app.signed_in_as("admin").await;
        let report = format!("/agenda/{id}/resoconto");
        let r = admin.submit(&report, &format!("{report}/pubblica"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = report_page(&app, &id);
        assert_eq!(page.title, "Resoconto: Co-Labora: welfare generativo");
        assert_eq!((page.audience.as_str(), page.revision), ("members", 1));
        let credits = page.body_md.lines().last().unwrap();
        for s in ["**Crediti**", "[Admin](/membri/admin)", "[Sara](/membri/sara)", "[Fabio](/membri/fabio)", &format!("(/agenda/{id})")] {
            assert!(credits.contains(s), "{s}: {credits}");
        }
        for s in ["## Programma", "Jane Doe (Ricercatrice, Queen Margaret University)", "## Domande e risposte",
            "> Come si misura l'impatto sociale?", "Con indicatori condivisi tra gli enti.", "### 1\\. Welfare di comunità",
            "Un registro comune delle *pratiche*.", "Nessun esito registrato.", "3 valutazioni, media 4,3 su 5."] {
            assert!(page.body_md.contains(s), "{s}: {}", page.body_md);
        }
        let wiki = socio.get(&format!("/wiki/p/{}", page.slug)).await;
        assert_eq!(wiki.status, StatusCode::OK);
        assert!(wiki.body.contains("Crediti") && wiki.body.contains(&format!("href=\"/agenda/{id}\"")), "{}", wiki.body);
        let body = socio.get(&report).await.body;
        assert!(body.contains("Pubblicato nel wiki (revisione 1)") && body.contains(&page.slug), "the report links its page: {body}");

        // Publishing again with nothing changed writes no revision; after a change, revision 2
        // of the same page, and still one page.
        let acsrf = admin.get("/agenda").await.csrf().unwrap();
        let publication = format!("/api/v1/agenda/events/{id}/report/publication");
        let r = admin.json(Method::POST, &publication, &json!({}), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!((r.json()["created"].as_bool(), r.json()["revision"].as_i64()), (Some(false), Some(1)));
        prassi_db::write_tx(&mut app.conn(), |c| networking::write_outcomes(c, &fv, phase, id.as_str(), &t[0].0,
            &networking::OutcomesInput { outcomes_md: "Un registro comune, aperto a tutti gli enti.".into() })).unwrap();
        let r = admin.json(Method::POST, &publication, &json!({}), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["revision"], 2);
        assert_eq!(r.json()["url"], format!("/wiki/p/{}", page.slug));
        let again = report_page(&app, &id);
        assert_eq!((again.id.clone(), again.revision), (page.id.clone(), 2));
        assert!(again.body_md.contains("aperto a tutti gli enti"));
        let pages: i64 = wiki_pages::table.filter(wiki_pages::title.like("Resoconto:%")).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(pages, 1);
        let revisions: i64 = wiki_revisions::table.filter(wiki_revisions::page_id.eq(&page.id)).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(revisions, 2, "the page has its history");
    }
}

both_backends! {
    async fn a_public_events_report_is_a_public_page_under_a_free_title(app) {
        app.set_phase(3);
        app.user("admin", Role::Admin);
        let id = create(&app, "admin", &input("Rigenerazione urbana", "public"));
        // Another page holds the plain title already: the date tells them apart.
        app.wiki_page("admin", "Resoconto: Rigenerazione urbana").body("Un altro resoconto.").create();
        let mut admin = app.signed_in_as("admin").await;
        let csrf = admin.get("/agenda").await.csrf().unwrap();
        let r = admin.json(Method::POST, &format!("/api/v1/agenda/events/{id}/report/publication"), &json!({}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let page = report_page(&app, &id);
        let day = local(30, 9)[..10].split('-').rev().collect::<Vec<_>>().join("/");
        assert_eq!(page.title, format!("Resoconto: Rigenerazione urbana ({day})"));
        assert_eq!(page.audience, "public");
        let mut anon = app.client().await;
        assert_eq!(anon.get(&format!("/wiki/p/{}", page.slug)).await.status, StatusCode::OK);
        assert_eq!(anon.get(&format!("/agenda/{id}/resoconto")).await.status, StatusCode::OK);
        assert_eq!(anon.get(&format!("/agenda/{id}/tavoli")).await.status, StatusCode::OK);
    }
}

both_backends! {
    async fn hidden_events_answer_not_found_for_tables_and_report(app) {
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let mut draft = input("Evento in bozza", "members");
        draft.status = "draft".into();
        let draft_id = create(&app, "admin", &draft);
        let g = app.group("admin", "Laboratorio riservato").visibility("secret").create();
        let mut grp = input("Incontro del laboratorio", "members");
        grp.group = g.slug.clone();
        let group_id = create(&app, "admin", &grp);
        for id in [&draft_id, &group_id] {
            define(&app, "admin", id, "Segreto | | 5").unwrap();
        }
        let missing = "01900000-0000-7000-8000-000000000000".to_owned();
        let mut socio = app.signed_in_as("socio").await;
        let csrf = socio.get("/agenda").await.csrf().unwrap();
        let mut answers = Vec::new();
        for id in [draft_id.0.clone(), group_id.0.clone(), missing] {
            let table = tables(&app, &EventId(id.clone())).first().map(|t| t.0.clone()).unwrap_or_else(|| "x".into());
            let mut statuses = Vec::new();
            for path in [format!("/agenda/{id}/tavoli"), format!("/agenda/{id}/resoconto"), format!("/agenda/{id}/tavoli/{table}/esiti"),
                format!("/api/v1/agenda/events/{id}/tables"), format!("/api/v1/agenda/events/{id}/report")] {
                statuses.push(socio.get(&path).await.status);
            }
            for (method, path) in [(Method::POST, format!("/api/v1/agenda/events/{id}/tables/{table}/choice")),
                (Method::POST, format!("/api/v1/agenda/events/{id}/tables/assignment")),
                (Method::PUT, format!("/api/v1/agenda/events/{id}/tables")),
                (Method::PUT, format!("/api/v1/agenda/events/{id}/tables/{table}/outcomes")),
                (Method::POST, format!("/api/v1/agenda/events/{id}/report/publication"))] {
                let r = socio.json(method, &path, &json!({ "definitions": "", "outcomes_md": "" }), Some(&csrf)).await;
                statuses.push(r.status);
                answers.push(r.body);
            }
            for path in [format!("/agenda/{id}/tavoli/{table}/scegli"), format!("/agenda/{id}/resoconto/pubblica"), format!("/agenda/{id}/tavoli/assegna")] {
                statuses.push(socio.post_form(&path, &[("csrf_token", csrf.as_str())]).await.status);
            }
            assert!(statuses.iter().all(|s| *s == StatusCode::NOT_FOUND), "{id}: {statuses:?}");
        }
        // Exactly like a missing event: the same body.
        assert_eq!(answers[0..5], answers[10..15]);
        assert_eq!(answers[5..10], answers[10..15]);
        // Those who manage them see them.
        let mut admin = app.signed_in_as("admin").await;
        assert_eq!(admin.get(&format!("/agenda/{draft_id}/tavoli")).await.status, StatusCode::OK);
        assert_eq!(admin.get(&format!("/agenda/{group_id}/resoconto")).await.status, StatusCode::OK);
        // A draft's report is not published: its page would show members what they may not see.
        let acsrf = admin.get("/agenda").await.csrf().unwrap();
        let r = admin.json(Method::POST, &format!("/api/v1/agenda/events/{draft_id}/report/publication"), &json!({}), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["error"]["message"], "agenda-rp-draft");
        assert!(admin.get(&format!("/agenda/{draft_id}/resoconto")).await.body.contains("L&#x27;evento è in bozza"));
        // A group's report is a page of the group, for the group.
        let r = admin.json(Method::POST, &format!("/api/v1/agenda/events/{group_id}/report/publication"), &json!({}), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let page = report_page(&app, &group_id);
        assert_eq!((page.audience.clone(), page.group_id.clone()), (format!("group:{}", g.id), Some(g.id.clone())));
        assert_eq!(socio.get(&format!("/wiki/p/{}", page.slug)).await.status, StatusCode::NOT_FOUND);
    }
}
