//! The agenda: seats never oversold and the waiting list promoted exactly once under
//! concurrency (registrations, cancellations and capacity changes racing), visibility per
//! audience (drafts, groups, the online link), the iCalendar files parsed by a real parser,
//! every form error at once, and every agenda page rendered through HTTP.

use diesel::prelude::*;
use prassi_agenda::service::{self as agenda, EventInput, RegisterInput};
use prassi_core::access::Viewer;
use prassi_db::schema::{agenda_events, agenda_registrations};
use prassi_db::{EventId, RegistrationStatus, UserId};

use super::*;

/// A Rome wall-clock time `days` from now at `hour`:00, as a form sends it.
fn local(days: i64, hour: u32) -> String {
    let day = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc()).date()
        + chrono::Duration::days(days);
    format!("{day}T{hour:02}:00")
}

/// An event input starting in 30 days, 9:00–13:00, in person, with the four-hour template.
fn input(title: &str, capacity: Option<i64>, audience: &str) -> EventInput {
    EventInput {
        title: title.into(),
        description_md: "Incontro della comunità di pratica.".into(),
        theme: "Innovazione sociale".into(),
        starts_at: local(30, 9),
        ends_at: local(30, 13),
        format: "in_person".into(),
        venue: "Palazzo Grandi Stazioni".into(),
        audience: audience.into(),
        capacity: capacity.map(|c| c.to_string()).unwrap_or_default(),
        use_template: "1".into(),
        ..EventInput::default()
    }
}

fn create(app: &TestApp, who: &str, input: &EventInput) -> EventId {
    let v = app.viewer(who);
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| agenda::create(c, &v, phase, input)).unwrap()
}

fn counts(app: &TestApp, id: &EventId) -> (i64, i64) {
    agenda_events::table
        .find(id)
        .select((
            agenda_events::registered_count,
            agenda_events::waiting_count,
        ))
        .first(&mut app.conn())
        .unwrap()
}

/// (registered, waiting) as the rows say, the waiting list in its order.
fn rows(app: &TestApp, id: &EventId) -> (Vec<UserId>, Vec<UserId>) {
    let load = |status| {
        agenda_registrations::table
            .filter(agenda_registrations::event_id.eq(id))
            .filter(agenda_registrations::status.eq(status))
            .order((
                agenda_registrations::created_at.asc(),
                agenda_registrations::id.asc(),
            ))
            .select(agenda_registrations::user_id)
            .load::<UserId>(&mut app.conn())
            .unwrap()
    };
    (
        load(RegistrationStatus::Registered),
        load(RegistrationStatus::Waiting),
    )
}

fn viewer_of(app: &TestApp, id: &UserId) -> Viewer {
    use prassi_db::schema::users;
    let name: String = users::table
        .find(id)
        .select(users::username)
        .first(&mut app.conn())
        .unwrap();
    app.viewer(&name)
}

fn register(app: &TestApp, v: &Viewer, id: &EventId) -> prassi_core::AppResult<String> {
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| {
        agenda::register(c, v, phase, id.as_str(), &RegisterInput::default())
    })
    .map(|r| r.status)
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
    async fn two_hundred_simultaneous_registrations_for_fifty_seats_seat_exactly_fifty(app) {
        app.user("admin", Role::Admin);
        let id = create(&app, "admin", &input("Comunità di pratica: innovazione sociale", Some(50), "members"));
        let people = app.members("posto", 200, "Comune di Padova");
        let viewers: Vec<Viewer> = people.iter().map(|p| viewer_of(&app, p)).collect();
        let phase = app.phase();
        let event = id.clone();
        let results = race(&app, viewers, 8, move |conn, v| {
            prassi_db::write_tx(conn, |c| agenda::register(c, &v, phase, event.as_str(), &RegisterInput::default()))
                .map(|r| r.status)
        });
        let failed: Vec<_> = results.iter().filter(|r| r.is_err()).collect();
        assert!(failed.is_empty(), "every registration answers: {failed:?}");
        let seated = results.iter().filter(|r| r.as_ref().is_ok_and(|s| s == "registered")).count();
        let waiting = results.iter().filter(|r| r.as_ref().is_ok_and(|s| s == "waiting")).count();
        assert_eq!((seated, waiting), (50, 150));
        assert_eq!(counts(&app, &id), (50, 150));
        let (reg, wait) = rows(&app, &id);
        assert_eq!((reg.len(), wait.len()), (50, 150));
        // Each waiting member sees their own place: 1…150, each once.
        let mut places: Vec<i64> = Vec::new();
        for p in &wait {
            let v = viewer_of(&app, p);
            let d = prassi_db::write_tx(&mut app.conn(), |c| agenda::detail(c, &v, phase, id.as_str())).unwrap();
            places.push(d.mine.unwrap().position.unwrap());
        }
        assert_eq!(places, (1..=150).collect::<Vec<_>>());
        // A second registration of the same member is a conflict, and changes nothing.
        let again = register(&app, &viewer_of(&app, &people[0]), &id).unwrap_err();
        assert_eq!(again.message, "agenda-already-registered");
        assert_eq!(counts(&app, &id), (50, 150));
    }
}

both_backends! {
    async fn concurrent_cancellations_promote_the_first_in_line_each_exactly_once(app) {
        app.user("admin", Role::Admin);
        let id = create(&app, "admin", &input("Tavolo sulla povertà", Some(10), "members"));
        let people = app.members("canc", 30, "Comune di Verona");
        for p in &people {
            register(&app, &viewer_of(&app, p), &id).unwrap();
        }
        let (seated, line) = rows(&app, &id);
        assert_eq!((seated.len(), line.len()), (10, 20));
        // Eight seated members cancel at once, while two waiting members leave the list.
        let leaving: Vec<Viewer> = seated[..8].iter().chain(&line[..2]).map(|p| viewer_of(&app, p)).collect();
        let phase = app.phase();
        let event = id.clone();
        // Registrations are confirmed by notifications the worker delivers: deliver them first.
        app.run_worker();
        let before = app.mails().len();
        let results = race(&app, leaving, 10, move |conn, v| {
            prassi_db::write_tx(conn, |c| agenda::cancel(c, &v, phase, event.as_str()))
        });
        assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
        // The eight seats went to the next eight in line (after the two who left), in order.
        let (now_seated, now_waiting) = rows(&app, &id);
        assert_eq!(counts(&app, &id), (10, 10));
        assert_eq!((now_seated.len(), now_waiting.len()), (10, 10));
        let promoted: Vec<&UserId> = line[2..10].iter().collect();
        for p in &promoted {
            assert!(now_seated.contains(p), "the first in line is promoted");
        }
        assert_eq!(now_waiting, line[10..].to_vec(), "nobody skipped, order kept");
        // Each promoted member is told once. A waiting member who left may have been promoted
        // (and told) a moment before their own cancellation ran; then their seat moved on.
        app.run_worker();
        app.run_worker();
        let mails = &app.mails()[before..];
        let told = |p: &UserId| {
            let addr = format!("{}@example.org", viewer_of(&app, p).account().unwrap().username);
            mails.iter().filter(|(to, _, _)| *to == addr).count()
        };
        for p in promoted {
            assert_eq!(told(p), 1, "{mails:?}");
        }
        assert!(line[..2].iter().all(|p| told(p) <= 1));
        assert!(line[10..].iter().all(|p| told(p) == 0), "nobody still waiting was told");
        assert_eq!(mails.len(), 8 + line[..2].iter().map(told).sum::<usize>());
        assert!(mails[0].1.contains("Tavolo sulla povertà"), "{:?}", mails[0]);
    }
}

both_backends! {
    async fn capacity_changes_promote_at_once_and_never_drop_below_the_seats_taken(app) {
        app.user("admin", Role::Admin);
        let id = create(&app, "admin", &input("Rigenerazione urbana", Some(5), "members"));
        let people = app.members("capi", 12, "Comune di Vicenza");
        for p in &people {
            register(&app, &viewer_of(&app, p), &id).unwrap();
        }
        assert_eq!(counts(&app, &id), (5, 7));
        let mut admin = app.signed_in_as("admin").await;
        let csrf = admin.get("/agenda").await.csrf().unwrap();
        // Below the seats taken: refused with the field named, nothing changes.
        let mut body = serde_json::to_value(input("Rigenerazione urbana", Some(3), "members")).unwrap();
        let r = admin.json(Method::PUT, &format!("/api/v1/agenda/events/{id}"), &body, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json()["error"]["fields"][0]["field"], "capacity");
        assert_eq!(counts(&app, &id), (5, 7));
        // Raised to 9 while four waiting members race to leave: seats are never oversold,
        // the list moves in order, and the counters match the rows.
        body["capacity"] = json!("9");
        let phase = app.phase();
        let (_, line) = rows(&app, &id);
        let leaving: Vec<Viewer> = line[3..7].iter().map(|p| viewer_of(&app, p)).collect();
        let event = id.clone();
        let admin_v = app.viewer("admin");
        let input9: EventInput = serde_json::from_value(body.clone()).unwrap();
        let mut jobs: Vec<Option<Viewer>> = leaving.into_iter().map(Some).collect();
        jobs.insert(2, None);
        let results = race(&app, jobs, 5, move |conn, who| match who {
            Some(v) => prassi_db::write_tx(conn, |c| agenda::cancel(c, &v, phase, event.as_str())),
            None => prassi_db::write_tx(conn, |c| agenda::update(c, &admin_v, phase, event.as_str(), &input9).map(|_| ())),
        });
        // A waiting member may have been promoted before their cancellation ran: both fine.
        assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
        let (seated, waiting) = rows(&app, &id);
        let (reg, wait) = counts(&app, &id);
        assert_eq!((reg, wait), (seated.len() as i64, waiting.len() as i64), "counters match rows");
        assert!(reg <= 9);
        assert_eq!(reg + wait, 8, "12 people, 4 left");
        assert!(wait == 0 || reg == 9, "no free seat while someone waits: {reg} {wait}");
        // The page says so too.
        let page = admin.get(&format!("/agenda/{id}")).await;
        assert!(page.body.contains("Posti: 9"), "{}", page.body);
    }
}

both_backends! {
    async fn events_follow_their_audience_drafts_are_their_managers_and_the_link_is_for_participants(app) {
        app.set_phase(3);
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        app.user("altro", Role::Member);
        let mut public = input("Evento pubblico online", None, "public");
        public.format = "online".into();
        public.venue = String::new();
        public.online_url = "https://meet.example.org/segreto-123".into();
        let pub_id = create(&app, "admin", &public);
        let members_id = create(&app, "admin", &input("Evento per i membri", None, "members"));
        let mut draft = input("Evento in bozza", None, "members");
        draft.status = "draft".into();
        let draft_id = create(&app, "admin", &draft);
        let g = app.group("socio", "Laboratorio riservato").visibility("secret").create();
        let mut grp = input("Incontro del laboratorio", None, "members");
        grp.group = g.slug.clone();
        let group_id = create(&app, "socio", &grp);

        let mut anon = app.client().await;
        let mut socio = app.signed_in_as("socio").await;
        let mut altro = app.signed_in_as("altro").await;
        // Visitors: only the public event; the others answer exactly like a missing id.
        assert_eq!(anon.get(&format!("/agenda/{pub_id}")).await.status, StatusCode::OK);
        let missing = anon.get("/api/v1/agenda/events/01900000-0000-7000-8000-000000000000").await;
        for hidden in [&members_id, &draft_id, &group_id] {
            let r = anon.get(&format!("/api/v1/agenda/events/{hidden}")).await;
            assert_eq!((r.status, r.body.clone()), (missing.status, missing.body.clone()), "{hidden}");
            assert_eq!(anon.get(&format!("/agenda/{hidden}")).await.status, StatusCode::NOT_FOUND);
        }
        // A member outside the group: no group event, no draft; lists and feeds agree.
        assert_eq!(altro.get(&format!("/agenda/{members_id}")).await.status, StatusCode::OK);
        assert_eq!(altro.get(&format!("/agenda/{group_id}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(altro.get(&format!("/agenda/{draft_id}")).await.status, StatusCode::NOT_FOUND);
        let list = altro.get("/api/v1/agenda/events").await.json();
        let titles: Vec<&str> = list["items"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert_eq!(list["page"]["total"], 2);
        let feed = altro.get("/agenda/calendario.ics").await.body;
        assert!(!feed.contains("Incontro del laboratorio") && !feed.contains("bozza"), "{feed}");
        // The group's member sees its event, and the group link; the event has its group's audience.
        let r = socio.get(&format!("/agenda/{group_id}")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Gruppo di lavoro:"), "{}", r.body);
        let aud: String = agenda_events::table.find(&group_id).select(agenda_events::audience).first(&mut app.conn()).unwrap();
        assert_eq!(aud, format!("group:{}", g.id));
        // The group's activity stream and the agenda filtered by the group show it, to members only.
        assert!(socio.get(&format!("/gruppi/{}/attivita", g.slug)).await.body.contains("Incontro del laboratorio"));
        let by_group = socio.get(&format!("/api/v1/agenda/events?group={}", g.slug)).await.json();
        assert_eq!(by_group["page"]["total"], 1, "{by_group}");
        assert!(socio.get(&format!("/agenda?gruppo={}", g.slug)).await.body.contains("Incontro del laboratorio"));
        let hidden = altro.get(&format!("/api/v1/agenda/events?group={}", g.slug)).await.json();
        assert_eq!(hidden["page"]["total"], 0);
        // The online link: hidden until registered.
        assert!(!socio.get(&format!("/agenda/{pub_id}")).await.body.contains("segreto-123"));
        assert!(!anon.get(&format!("/agenda/{pub_id}")).await.body.contains("segreto-123"));
        let csrf = socio.get("/agenda").await.csrf().unwrap();
        let r = socio.json(Method::POST, &format!("/api/v1/agenda/events/{pub_id}/registration"), &json!({}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert!(socio.get(&format!("/agenda/{pub_id}")).await.body.contains("segreto-123"));
        // Visitors cannot register; only organisers see the participants.
        let r = anon.post_form(&format!("/agenda/{pub_id}/iscrizione"), &[]).await;
        assert_ne!(r.status, StatusCode::OK);
        assert_eq!(altro.get(&format!("/api/v1/agenda/events/{pub_id}/participants")).await.status, StatusCode::FORBIDDEN);
        let mut admin = app.signed_in_as("admin").await;
        let p = admin.get(&format!("/api/v1/agenda/events/{pub_id}/participants")).await.json();
        assert_eq!(p["registered"].as_array().unwrap().len(), 1);
    }
}

both_backends! {
    async fn bad_event_input_lists_every_error_at_once(app) {
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let mut admin = app.signed_in_as("admin").await;
        let csrf = admin.get("/agenda").await.csrf().unwrap();
        let bad = json!({
            "title": "", "starts_at": local(10, 12), "ends_at": local(10, 9), "format": "a cavallo",
            "capacity": "-3", "audience": "tutti", "status": "forse",
            "online_url": "javascript:alert(1)"
        });
        let r = admin.json(Method::POST, "/api/v1/agenda/events", &bad, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let fields: Vec<String> = r.json()["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
        for f in ["title", "ends_at", "format", "capacity", "audience", "status", "online_url"] {
            assert!(fields.iter().any(|x| x == f), "{f} in {fields:?}");
        }
        // The programme: an unknown block kind, overlapping blocks, a malformed line.
        let mut i = input("Programma sbagliato", None, "members");
        i.use_template = String::new();
        i.programme = "09:00 | 60 | concerto | Musica".into();
        let r = admin.json(Method::POST, "/api/v1/agenda/events", &serde_json::to_value(&i).unwrap(), Some(&csrf)).await;
        assert_eq!(r.json()["error"]["fields"][0]["message"], "agenda-block-kind-unknown", "{}", r.body);
        i.programme = "09:00 | 60 | talk | Uno\n09:30 | 30 | talk | Due".into();
        let r = admin.json(Method::POST, "/api/v1/agenda/events", &serde_json::to_value(&i).unwrap(), Some(&csrf)).await;
        assert_eq!(r.json()["error"]["fields"][0]["message"], "agenda-block-overlap", "{}", r.body);
        i.programme = "alle nove, intervento".into();
        let r = admin.json(Method::POST, "/api/v1/agenda/events", &serde_json::to_value(&i).unwrap(), Some(&csrf)).await;
        assert_eq!(r.json()["error"]["fields"][0]["message"], "agenda-programme-line-invalid");
        // The page form: every error in the summary, what was typed kept.
        let r = admin.submit("/agenda/nuovo", "/agenda/nuovo", &[("title", ""), ("starts_at", "ieri"), ("ends_at", ""), ("format", "in_person"), ("theme", "Il mio tema")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for anchor in ["#field-title", "#field-starts_at", "#field-ends_at", "#field-venue"] {
            assert!(r.body.contains(&format!("href=\"{anchor}\"")), "{anchor}: {}", r.body);
        }
        assert!(r.body.contains("Il mio tema"));
        // A member who coordinates nothing may not create events; nothing was written.
        let mut socio = app.signed_in_as("socio").await;
        let scsrf = socio.get("/agenda").await.csrf().unwrap();
        let r = socio.json(Method::POST, "/api/v1/agenda/events", &serde_json::to_value(input("X", None, "members")).unwrap(), Some(&scsrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let n: i64 = agenda_events::table.count().get_result(&mut app.conn()).unwrap();
        assert_eq!(n, 0);
    }
}

both_backends! {
    async fn the_icalendar_files_parse_and_the_personal_feed_follows_its_token(app) {
        use icalendar::Component;
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let mut i = input("Economia circolare, città; e «sostenibilità»", None, "members");
        i.programme = String::new();
        let id = create(&app, "admin", &i);
        let mut socio = app.signed_in_as("socio").await;
        let ics = socio.get(&format!("/agenda/{id}/evento.ics")).await;
        assert_eq!(ics.status, StatusCode::OK);
        assert!(ics.body.contains("\r\n"), "CRLF line endings");
        let cal: icalendar::Calendar = ics.body.parse().expect("a valid calendar");
        let events: Vec<&icalendar::Event> = cal.components.iter().filter_map(|c| c.as_event()).collect();
        assert_eq!(events.len(), 1);
        let e = events[0];
        assert_eq!(e.get_summary(), Some("Economia circolare, città; e «sostenibilità»"));
        assert_eq!(e.get_uid(), Some(format!("{id}@prassi").as_str()));
        assert_eq!(e.property_value("SEQUENCE"), Some("0"));
        // Cancelling bumps the sequence and carries STATUS:CANCELLED; the UID stays.
        let mut admin = app.signed_in_as("admin").await;
        let csrf = admin.get("/agenda").await.csrf().unwrap();
        let mut c = serde_json::to_value(&i).unwrap();
        c["status"] = json!("cancelled");
        let r = admin.json(Method::PUT, &format!("/api/v1/agenda/events/{id}"), &c, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let cal: icalendar::Calendar = socio.get(&format!("/agenda/{id}/evento.ics")).await.body.parse().unwrap();
        let e = cal.components.iter().find_map(|c| c.as_event()).unwrap();
        assert_eq!(e.get_uid(), Some(format!("{id}@prassi").as_str()));
        assert_eq!(e.property_value("SEQUENCE"), Some("1"));
        assert_eq!(e.property_value("STATUS"), Some("CANCELLED"));
        // The personal feed: a secret address shown once, which a calendar app reads without a
        // session; a new one revokes the old; revoking leaves nothing.
        let page = socio.submit("/agenda/calendario", "/agenda/calendario", &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let url = page.body.split("calendario.ics?token=").nth(1).unwrap().split('"').next().unwrap().to_owned();
        let mut app_client = app.client().await;
        let feed = app_client.get(&format!("/agenda/calendario.ics?token={url}")).await;
        assert_eq!(feed.status, StatusCode::OK);
        let cal: icalendar::Calendar = feed.body.parse().unwrap();
        assert_eq!(cal.components.iter().filter_map(|c| c.as_event()).count(), 1, "the members' event, for a member");
        assert_eq!(app_client.get("/agenda/calendario.ics").await.body.matches("BEGIN:VEVENT").count(), 0, "without the token: a visitor's feed");
        socio.submit("/agenda/calendario", "/agenda/calendario", &[]).await;
        assert_eq!(app_client.get(&format!("/agenda/calendario.ics?token={url}")).await.status, StatusCode::NOT_FOUND);
        socio.submit("/agenda/calendario", "/agenda/calendario/revoca", &[]).await;
        let n: i64 = prassi_db::schema::agenda_feed_tokens::table.count().get_result(&mut app.conn()).unwrap();
        assert_eq!(n, 0);
    }
}

both_backends! {
    async fn every_agenda_page_renders_and_the_participants_export_is_safe(app) {
        app.user("admin", Role::Admin);
        let id = create(&app, "admin", &{
            let mut i = input("Pratiche di sostenibilità urbana", Some(2), "members");
            i.partners = "Queen Margaret University | Edimburgo | Regno Unito | università".into();
            i.links = "Study visit a Edimburgo | visita di studio | ottobre 2019 | https://example.org/visita".into();
            i
        });
        let people = app.members("zeta", 3, "=HYPERLINK(\"http://x\")");
        for p in &people {
            register(&app, &viewer_of(&app, p), &id).unwrap();
        }
        let mut admin = app.signed_in_as("admin").await;
        let month = {
            let d = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc()).date() + chrono::Duration::days(30);
            format!("/agenda/mese?anno={}&mese={}", chrono::Datelike::year(&d), chrono::Datelike::month(&d))
        };
        for path in ["/agenda", "/agenda?quando=passati", "/agenda/mese", &month, "/agenda/settimana", "/agenda/nuovo", "/agenda/calendario",
            &format!("/agenda/{id}"), &format!("/agenda/{id}/modifica"), &format!("/agenda/{id}/partecipanti")] {
            let r = admin.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        }
        assert!(admin.get(&month).await.body.contains("Pratiche di sostenibilità urbana"));
        let page = admin.get(&format!("/agenda/{id}")).await.body;
        for s in ["Queen Margaret University", "Tavoli di networking", "Question time", "visita di studio"] {
            assert!(page.contains(s), "{s}");
        }
        let csv = admin.get(&format!("/agenda/{id}/partecipanti.csv")).await;
        assert!(csv.body.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{}", csv.body);
        assert_eq!(csv.body.lines().count(), 4);
        // Attendance: ticked ones are present.
        let p = admin.get(&format!("/api/v1/agenda/events/{id}/participants")).await.json();
        let first = p["registered"][0]["registration_id"].as_str().unwrap().to_owned();
        let r = admin.submit(&format!("/agenda/{id}/partecipanti"), &format!("/agenda/{id}/presenze"), &[("presente", &first)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let p = admin.get(&format!("/api/v1/agenda/events/{id}/participants")).await.json();
        assert_eq!(p["registered"][0]["attended"], true);
        assert_eq!(p["registered"][1]["attended"], false);
        assert_eq!(p["waiting"].as_array().unwrap().len(), 1);
    }
}

both_backends! {
    async fn participants_are_reminded_the_day_before_once_in_their_language(app) {
        app.user("admin", Role::Admin);
        let soon = chrono::Utc::now().naive_utc() + chrono::Duration::hours(20);
        let mut tomorrow = input("Gestione associata dei servizi", None, "members");
        tomorrow.starts_at = prassi_agenda::time::form_value(soon);
        tomorrow.ends_at = prassi_agenda::time::form_value(soon + chrono::Duration::hours(4));
        tomorrow.use_template = String::new();
        let id = create(&app, "admin", &tomorrow);
        let later = create(&app, "admin", &input("Public management", None, "members"));
        let people = app.members("memo", 3, "Comune di Rovigo");
        // One reads English.
        use prassi_db::schema::users;
        diesel::update(users::table.find(&people[1])).set(users::locale.eq(Some("en"))).execute(&mut app.conn()).unwrap();
        for p in &people[..2] {
            register(&app, &viewer_of(&app, p), &id).unwrap();
        }
        register(&app, &viewer_of(&app, &people[2]), &later).unwrap();
        let before = app.mails().len();
        prassi_server::worker().housekeeping(&app.platform.state).unwrap();
        // The same hourly pass sends the members' first digests: only reminders are counted.
        let reminders = |app: &TestApp| -> Vec<(String, String, String)> {
            app.mails()[before..].iter().filter(|m| !m.1.contains("riepilogo") && !m.1.contains("digest")).cloned().collect()
        };
        let mails = reminders(&app);
        assert_eq!(mails.len(), 2, "{mails:?}");
        let it = mails.iter().find(|m| m.0 == "memo1@example.org").unwrap();
        let en = mails.iter().find(|m| m.0 == "memo2@example.org").unwrap();
        assert!(it.1.starts_with("Domani") && en.1.starts_with("Tomorrow"), "{mails:?}");
        assert!(it.2.contains(&format!("/agenda/{id}")));
        // The next hour sends nothing again.
        prassi_server::worker().housekeeping(&app.platform.state).unwrap();
        assert_eq!(reminders(&app).len(), 2);
    }
}

both_backends! {
    async fn events_are_searchable_with_their_audience_and_drafts_are_not(app) {
        app.set_phase(3);
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let mut public = input("Laboratorio sulla mobilità sostenibile", None, "public");
        public.partners = "Barcelona Activa | Barcellona | Spagna | agenzia".into();
        create(&app, "admin", &public);
        create(&app, "admin", &input("Seminario riservato sulla mobilità", None, "members"));
        let mut draft = input("Bozza sulla mobilità", None, "members");
        draft.status = "draft".into();
        create(&app, "admin", &draft);
        app.run_worker();
        let titles = |page: serde_json::Value| -> Vec<String> {
            page["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_owned()).collect()
        };
        let mut anon = app.client().await;
        let mut socio = app.signed_in_as("socio").await;
        let seen = titles(anon.get("/api/v1/search?q=mobilit%C3%A0").await.json());
        assert_eq!(seen, vec!["Laboratorio sulla mobilità sostenibile".to_owned()], "{seen:?}");
        let mut seen = titles(socio.get("/api/v1/search?q=mobilit%C3%A0&kind=event").await.json());
        seen.sort();
        assert_eq!(seen, vec!["Laboratorio sulla mobilità sostenibile".to_owned(), "Seminario riservato sulla mobilità".to_owned()]);
        // Partners and the programme are part of the document.
        assert_eq!(titles(socio.get("/api/v1/search?q=Barcelona").await.json()).len(), 1);
        let page = socio.get("/cerca?q=mobilit%C3%A0").await;
        assert!(page.body.contains("Evento"), "{}", page.body);
    }
}

both_backends! {
    async fn the_demo_publishes_the_ten_meetings_a_full_one_and_a_past_one_with_its_report(app) {
        use prassi_db::schema::{agenda_questions, agenda_tables};
        prassi_server::demo::fill(&app.platform.state).unwrap();
        let mut conn = app.conn();
        let events: Vec<prassi_db::models::AgendaEvent> = agenda_events::table
            .select(prassi_db::models::AgendaEvent::as_select())
            .load(&mut conn)
            .unwrap();
        assert_eq!(events.len(), 10);
        let full = events.iter().find(|e| e.capacity == Some(e.registered_count) && e.waiting_count > 0).expect("a full meeting with a waiting list");
        assert_eq!((full.registered_count, full.waiting_count), (3, 2));
        let now = chrono::Utc::now().naive_utc();
        let past: Vec<_> = events.iter().filter(|e| e.ends_at < now).collect();
        assert_eq!(past.len(), 1);
        let p = past[0];
        assert!(p.title.contains("innovazione urbana"), "{}", p.title);
        assert_eq!(p.feedback_count, 3);
        let answered: i64 = agenda_questions::table
            .filter(agenda_questions::event_id.eq(&p.id))
            .filter(agenda_questions::status.eq("answered"))
            .count()
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(answered, 2);
        let outcomes: Vec<String> = agenda_tables::table
            .filter(agenda_tables::event_id.eq(&p.id))
            .select(agenda_tables::outcomes_md)
            .load(&mut conn)
            .unwrap();
        assert_eq!(outcomes.len(), 2);
        assert!(outcomes.iter().all(|o| !o.is_empty()));
        let page = p.report_page_id.clone().expect("the report is in the wiki");
        let body: String = prassi_db::schema::wiki_pages::table
            .find(&page)
            .select(prassi_db::schema::wiki_pages::body_md)
            .first(&mut conn)
            .unwrap();
        assert!(body.contains("Milton Keynes") && body.contains(&format!("/agenda/{}", p.id)), "{body}");
        // Partners and linked activities of the seed are there.
        let partners: i64 = prassi_db::schema::agenda_partners::table.count().get_result(&mut conn).unwrap();
        assert!(partners >= 15, "{partners}");
    }
}

both_backends! {
    async fn cancelling_or_moving_an_event_tells_everyone_registered_or_waiting(app) {
        app.user("admin", Role::Admin);
        let i = input("Pratiche di sostenibilità urbana", Some(1), "members");
        let id = create(&app, "admin", &i);
        let people = app.members("avviso", 3, "Comune di Treviso");
        for p in &people[..2] {
            register(&app, &viewer_of(&app, p), &id).unwrap();
        }
        assert_eq!(counts(&app, &id), (1, 1));
        let mut admin = app.signed_in_as("admin").await;
        let csrf = admin.get("/agenda").await.csrf().unwrap();
        // Moving it tells the seated and the waiting member, not the one who never registered.
        app.run_worker();
        let before = app.mails().len();
        let mut moved = serde_json::to_value(&i).unwrap();
        moved["capacity"] = json!("1");
        moved["starts_at"] = json!(local(31, 10));
        moved["ends_at"] = json!(local(31, 14));
        let r = admin.json(Method::PUT, &format!("/api/v1/agenda/events/{id}"), &moved, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        app.run_worker();
        let mails = app.mails()[before..].to_vec();
        let to: Vec<&str> = mails.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(to.len(), 2, "{mails:?}");
        assert!(to.contains(&"avviso1@example.org") && to.contains(&"avviso2@example.org"));
        assert!(mails[0].2.contains("10:00"), "the new time: {}", mails[0].2);
        // Cancelling tells them again, and says so.
        let before = app.mails().len();
        moved["status"] = json!("cancelled");
        let r = admin.json(Method::PUT, &format!("/api/v1/agenda/events/{id}"), &moved, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        app.run_worker();
        let mails = app.mails()[before..].to_vec();
        assert_eq!(mails.len(), 2, "{mails:?}");
        assert!(mails.iter().all(|m| m.2.contains("annullato")), "{mails:?}");
        // A cancelled event takes no registrations.
        let r = register(&app, &viewer_of(&app, &people[2]), &id).unwrap_err();
        assert_eq!(r.message, "agenda-registration-cancelled");
    }
}
