//! Notifications (prassi-notifications): each kind reaches the right people and nobody else
//! (never a member who may not read the item, whether they lost access before delivery or
//! after), once per event and recipient however often delivery runs, as the member chose
//! (platform, email, off; mutes and watches), with the bell's count, the list, marking read,
//! the API and the one-click unsubscribe of the emails.

use diesel::prelude::*;
use prassi_db::schema::{notification_events, notifications, outbox};

use super::*;

/// The notifications stored for `username`: (kind, item_id).
fn told(app: &TestApp, username: &str) -> Vec<(String, String)> {
    notifications::table
        .filter(notifications::user_id.eq(app.user_id(username)))
        .order(notifications::id.asc())
        .select((notifications::kind, notifications::item_id))
        .load(&mut app.conn())
        .unwrap()
}

/// Every queued email: the payloads as the worker will send them.
fn emails(app: &TestApp) -> Vec<prassi_core::mail::Email> {
    outbox::table
        .filter(outbox::topic.eq(prassi_core::mail::TOPIC))
        .order(outbox::id.asc())
        .select(outbox::payload)
        .load::<String>(&mut app.conn())
        .unwrap()
        .iter()
        .map(|p| serde_json::from_str(p).unwrap())
        .collect()
}

/// Delivers every recorded event (as the worker does).
fn deliver_all(app: &TestApp) {
    while app.run_worker() > 0 {}
}

fn deliver_again(app: &TestApp) -> usize {
    let ids: Vec<prassi_db::NotificationEventId> = notification_events::table
        .select(notification_events::id)
        .load(&mut app.conn())
        .unwrap();
    let mc = prassi_core::mail::MailContext::for_state(&app.platform.state);
    let mut n = 0;
    for id in ids {
        n += prassi_db::write_tx(&mut app.conn(), |c| {
            prassi_notifications::service::deliver::deliver(c, &app.platform.state.config, &mc, &id)
        })
        .unwrap();
    }
    n
}

/// Phase 3, the tag "appalti", members anna and bruno, and anna's question `title` (bruno is
/// the one who answers in the tests that use it).
fn anna_asks_bruno_answers(app: &TestApp, title: &str) -> prassi_tests::Question {
    app.set_phase(3);
    app.tag("appalti", "Appalti pubblici");
    app.user("anna", Role::Member);
    app.user("bruno", Role::Member);
    app.question("anna", title).create()
}

both_backends! {
    async fn an_answer_tells_the_asker_once_in_the_platform_and_by_email_whatever_the_retries(app) {
        let q = anna_asks_bruno_answers(&app, "Soglie degli affidamenti diretti");
        app.answer("bruno", &q.id, "La soglia è di 140.000 euro.");
        deliver_all(&app);
        assert_eq!(told(&app, "anna").len(), 1, "the asker is told");
        assert_eq!(told(&app, "anna")[0].0, "qa.answer_posted");
        assert!(told(&app, "bruno").is_empty(), "nobody hears of their own doing");
        // Delivering every event again, as a retry or a second worker would, tells nobody twice.
        assert_eq!(deliver_again(&app), 0);
        assert_eq!(told(&app, "anna").len(), 1);
        let mails: Vec<_> = emails(&app).into_iter().filter(|m| m.to == "anna@example.org").collect();
        assert_eq!(mails.len(), 1, "one email: answers to my question come by email by default");
        let m = &mails[0];
        assert!(m.subject.contains("Bruno ha risposto") && m.subject.contains("Soglie degli affidamenti diretti"), "{}", m.subject);
        assert!(m.body.contains("/qa/questions/") && m.body.contains("#risposta-"), "{}", m.body);
        let unsubscribe = m.list_unsubscribe.clone().expect("List-Unsubscribe");
        assert!(m.body.contains(&unsubscribe));
        let message = prassi_core::mail::message(&app.platform.state.config, m).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains("List-Unsubscribe: <") && raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{raw}");

        // The bell and the list.
        let mut anna = app.signed_in_as("anna").await;
        let home = anna.get("/").await;
        assert!(home.body.contains("href=\"/notifiche\"") && home.body.contains("badge-unread\">1<"), "the bell counts one");
        let list = anna.get("/notifiche").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Bruno ha risposto") && list.body.contains("Soglie degli affidamenti diretti"), "{}", list.body);
        let id: String = notifications::table
            .filter(notifications::user_id.eq(app.user_id("anna")))
            .select(notifications::id)
            .first(&mut app.conn())
            .unwrap();
        let csrf = list.csrf().unwrap();
        let r = anna.post_form(&format!("/notifiche/{id}/letta"), &[("csrf_token", &csrf)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let home = anna.get("/").await;
        assert!(!home.body.contains("badge-unread"), "read: the bell is quiet");
        // Somebody else's notification is unknown to bruno.
        let mut bruno = app.signed_in_as("bruno").await;
        let page = bruno.get("/notifiche").await;
        let r = bruno.post_form(&format!("/notifiche/{id}/letta"), &[("csrf_token", &page.csrf().unwrap())]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // One click on the link, without a session, turns this kind's email off.
        let path = unsubscribe.split_once("://").unwrap().1;
        let path = &path[path.find('/').unwrap()..];
        let mut mail_client = app.client().await;
        let r = mail_client.post_form(path, &[("List-Unsubscribe", "One-Click")]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let channel = prassi_notifications::service::preferences::channel(
            &mut app.conn(), &app.user_id("anna"), prassi_core::notify::EventKind::AnswerPosted).unwrap();
        assert_eq!(channel, prassi_notifications::service::preferences::Channel::Web);
        let forged = path.replace("qa.answer_posted", "qa.answer_accepted");
        assert_eq!(mail_client.post_form(&forged, &[]).await.status, StatusCode::NOT_FOUND, "a token is for one kind");
        app.answer("bruno", &q.id, "Aggiungo un dettaglio sulla rotazione.");
        deliver_all(&app);
        assert_eq!(told(&app, "anna").len(), 2, "still told in the platform");
        assert_eq!(emails(&app).iter().filter(|m| m.to == "anna@example.org").count(), 1, "but no more email");
    }
}

both_backends! {
    async fn nobody_is_told_about_what_they_may_not_read_even_after_losing_access(app) {
        app.set_phase(3);
        app.tag("appalti", "Appalti pubblici");
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.user("carla", Role::Member);
        let g = app.group("anna", "Tavolo appalti").member("bruno").member("carla").create();
        let ask = |who: &str, title: &str| {
            let v = app.viewer(who);
            let input = prassi_qa::service::QuestionInput {
                title: title.into(),
                body_md: "Testo della domanda nel gruppo.".into(),
                tags: "appalti".into(),
                audience: format!("group:{}", g.id),
                ..Default::default()
            };
            prassi_db::write_tx(&mut app.conn(), |c| prassi_qa::service::ask_in_group(c, &v, app.phase(), &g.id, &input)).unwrap()
        };
        let q = ask("anna", "Domanda riservata al tavolo");
        app.answer("carla", &q, "Prima risposta di Carla.");
        app.answer("bruno", &q, "Risposta di Bruno.");
        deliver_all(&app);
        assert!(told(&app, "carla").iter().any(|(k, _)| k == "qa.answer_posted"), "a participant is told");
        let mut carla = app.signed_in_as("carla").await;
        assert!(carla.get("/notifiche").await.body.contains("Domanda riservata al tavolo"));

        // Carla leaves the group: she hears nothing more, and what she was told is no longer shown.
        let v = app.viewer("carla");
        prassi_db::write_tx(&mut app.conn(), |c| prassi_groups::service::leave(c, &v, app.phase(), &g.slug)).unwrap();
        let before = told(&app, "carla").len();
        app.answer("bruno", &q, "Seconda risposta di Bruno.");
        deliver_all(&app);
        assert_eq!(told(&app, "carla").len(), before, "no delivery to a member who left");
        assert!(told(&app, "anna").len() >= 2, "the asker still hears");
        let mut carla = app.signed_in_as("carla").await;
        let page = carla.get("/notifiche").await;
        assert!(!page.body.contains("Domanda riservata al tavolo"), "not shown after losing access");
        // What remains is the invitation that brought her into the group: shown and counted.
        assert!(page.body.contains("badge-unread\">1<"), "the bell counts only what she may read");
        let api = carla.get("/api/v1/notifications").await.json();
        let kinds: Vec<&str> = api["items"].as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["groups.invited"]);
        assert_eq!(api["unread"], 1);
    }
}

both_backends! {
    async fn channels_mutes_and_watches_decide_who_hears_what(app) {
        app.set_phase(3);
        app.tag("appalti", "Appalti pubblici");
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.user("dora", Role::Member);
        let tag_id: String = prassi_db::schema::tags::table
            .filter(prassi_db::schema::tags::name.eq("appalti"))
            .select(prassi_db::schema::tags::id)
            .first(&mut app.conn())
            .unwrap();
        let mut dora = app.signed_in_as("dora").await;
        let t = dora.get("/").await.csrf().unwrap();
        // Dora follows the tag through the API, and asks for its new questions by email.
        let r = dora.json(Method::PUT, "/api/v1/notifications/watches", &serde_json::json!({"item_kind": "tag", "item_id": tag_id, "level": "watching"}), Some(&t)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let r = dora.json(Method::PUT, "/api/v1/notifications/preferences", &serde_json::json!({"channels": [{"kind": "qa.question_asked", "channel": "email"}]}), Some(&t)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let bad = dora.json(Method::PUT, "/api/v1/notifications/preferences", &serde_json::json!({"channels": [{"kind": "qa.nothing", "channel": "email"}, {"kind": "qa.other", "channel": "web"}]}), Some(&t)).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(bad.json()["error"]["fields"].as_array().unwrap().len(), 2, "every error at once: {}", bad.body);
        let q = app.question("anna", "Nuova domanda sugli appalti").tags("appalti").create();
        // Anna turns answers off; she will not be told of bruno's answer.
        let mut anna = app.signed_in_as("anna").await;
        let form = anna.get("/notifiche/impostazioni").await;
        assert_eq!(form.status, StatusCode::OK);
        let r = anna.post_form("/notifiche/impostazioni", &[("csrf_token", &form.csrf().unwrap()), ("canale-qa.answer_posted", "off")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        app.answer("bruno", &q.id, "Una risposta che Anna non vuole sapere.");
        deliver_all(&app);
        assert!(told(&app, "dora").iter().any(|(k, id)| k == "qa.question_asked" && *id == q.id.0), "the tag's watcher is told");
        assert!(emails(&app).iter().any(|m| m.to == "dora@example.org"), "by email, as she chose");
        assert!(told(&app, "anna").is_empty(), "anna turned answers off");
        // Bruno, a participant, mutes the question: the next answer does not reach him.
        let mut bruno = app.signed_in_as("bruno").await;
        let page = bruno.get(&prassi_qa::service::question_url(&q.id, "Nuova domanda sugli appalti")).await;
        let r = bruno.post_form("/notifiche/segui", &[("csrf_token", &page.csrf().unwrap()), ("item_kind", "question"), ("item_id", &q.id.0), ("level", "muted"), ("back", "/qa")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/qa".to_owned()));
        app.user("elio", Role::Member);
        app.answer("elio", &q.id, "Una terza voce.");
        deliver_all(&app);
        assert!(!told(&app, "bruno").iter().any(|(k, _)| k == "qa.answer_posted"), "muted");
        // A watch on an item the member may not read answers like a missing item.
        let t = bruno.get("/").await.csrf().unwrap();
        let r = bruno.json(Method::PUT, "/api/v1/notifications/watches", &serde_json::json!({"item_kind": "question", "item_id": "nessuna", "level": "watching"}), Some(&t)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn two_workers_delivering_the_same_event_at_once_tell_each_member_once(app) {
        let q = anna_asks_bruno_answers(&app, "Domanda per due consegne");
        app.answer("bruno", &q.id, "Risposta consegnata una volta.");
        let id: prassi_db::NotificationEventId = notification_events::table
            .filter(notification_events::kind.eq("qa.answer_posted"))
            .select(notification_events::id)
            .first(&mut app.conn())
            .unwrap();
        let db = prassi_db::Database::connect(&app.platform.state.config.database_url, 4).unwrap();
        let mc = prassi_core::mail::MailContext::for_state(&app.platform.state);
        let config = app.platform.state.config.clone();
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let (db, mc, config, id) = (db.clone(), mc.clone(), config.clone(), id.clone());
                std::thread::spawn(move || {
                    let mut conn = db.get().unwrap();
                    prassi_db::write_tx(&mut conn, |c| {
                        prassi_notifications::service::deliver::deliver(c, &config, &mc, &id)
                    })
                    .unwrap()
                })
            })
            .collect();
        let total: usize = handles.into_iter().map(|h| h.join().unwrap()).sum();
        assert_eq!(total, 1, "told once in all");
        assert_eq!(told(&app, "anna").len(), 1);
        assert_eq!(emails(&app).iter().filter(|m| m.to == "anna@example.org").count(), 1, "one email");
        deliver_all(&app);
        assert_eq!(told(&app, "anna").len(), 1);
    }
}

both_backends! {
    async fn the_api_lists_pages_and_marks_all_read(app) {
        app.set_phase(3);
        app.tag("appalti", "Appalti pubblici");
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        for i in 0..25 {
            let q = app.question("anna", &format!("Domanda numero {i} per la paginazione")).create();
            app.answer("bruno", &q.id, "Risposta.");
        }
        deliver_all(&app);
        let mut anna = app.signed_in_as("anna").await;
        let first = anna.get("/api/v1/notifications?per_page=20").await.json();
        assert_eq!(first["items"].as_array().unwrap().len(), 20);
        assert_eq!(first["unread"], 25);
        assert_eq!(first["items"][0]["title"], "Domanda numero 24 per la paginazione", "newest first");
        let next = first["next"].as_str().unwrap().to_owned();
        let second = anna.get(&format!("/api/v1/notifications?per_page=20&before={next}")).await.json();
        assert_eq!(second["items"].as_array().unwrap().len(), 5);
        assert!(second["next"].is_null());
        let page = anna.get("/notifiche").await;
        assert!(page.body.contains("25 notifiche da leggere"));
        assert!(page.body.contains("/notifiche?prima="), "a link to older ones");
        let r = anna.post_form("/notifiche/lette", &[("csrf_token", &page.csrf().unwrap())]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(anna.get("/api/v1/notifications").await.json()["unread"], 0);
        assert_eq!(anna.get("/api/v1/notifications?unread=true").await.json()["items"].as_array().unwrap().len(), 0);
        let visitor = app.client().await.get("/notifiche").await;
        assert!(matches!(visitor.status, StatusCode::UNAUTHORIZED | StatusCode::SEE_OTHER), "{}", visitor.status);
    }
}

both_backends! {
    async fn item_pages_show_the_members_watch_level_and_change_it(app) {
        app.tag("appalti", "Appalti");
        for who in ["anna", "bruno", "carla"] {
            app.user(who, Role::Member);
        }
        let q = app.question("bruno", "Domanda da seguire").tags("appalti").audience("public").create();
        let url = prassi_qa::service::question_url(&q.id, "Domanda da seguire");
        let mut anna = app.signed_in_as("anna").await;
        let page = anna.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("action=\"/notifiche/segui\"") && page.body.contains("<option value=\"normal\" selected>"), "{}", page.body);
        let r = anna.post_form("/notifiche/segui", &[
            ("csrf_token", &page.csrf().unwrap()),
            ("item_kind", "question"),
            ("item_id", q.id.as_str()),
            ("level", "watching"),
            ("back", &url),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), url);
        let page = anna.get(&url).await;
        assert!(page.body.contains("<option value=\"watching\" selected>"), "the page shows the new level");
        // Watching, anna hears of an answer to a question she neither asked nor answered.
        app.answer("carla", &q.id, "Una risposta di Carla.");
        deliver_all(&app);
        assert!(told(&app, "anna").iter().any(|(k, _)| k == "qa.answer_posted"));
        // The tag, a forum category and its discussion show the control too; a visitor sees none.
        for path in ["/qa/tags/appalti".to_owned()] {
            let p = anna.get(&path).await;
            assert!(p.body.contains("name=\"item_kind\" value=\"tag\""), "{path}");
        }
        let slug = app.forum_category("Dialogo", "members");
        let d = app.discussion("bruno", &slug, "Una discussione").create();
        let p = anna.get(&format!("/forum/c/{slug}")).await;
        assert!(p.body.contains("name=\"item_kind\" value=\"forum_category\""));
        let durl = prassi_forum::service::discussion_url(&d.id, "Una discussione");
        let p = anna.get(&durl).await;
        assert!(p.body.contains("name=\"item_kind\" value=\"discussion\""));
        app.set_phase(3);
        let mut visitor = app.client().await;
        let p = visitor.get(&url).await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(!p.body.contains("/notifiche/segui"), "no control for a visitor");
        // A group's page shows it to its members only.
        let g = app.group("bruno", "Tavolo").member("carla").create();
        let gurl = prassi_groups::service::groups::group_url(&g.slug);
        let mut carla = app.signed_in_as("carla").await;
        assert!(carla.get(&gurl).await.body.contains("name=\"item_kind\" value=\"group\""));
        assert!(!anna.get(&gurl).await.body.contains("name=\"item_kind\" value=\"group\""));
    }
}

both_backends! {
    async fn a_change_to_a_watched_wiki_page_links_to_its_differences(app) {
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.wiki_page("anna", "Guida ai bandi").body("Prima versione.").create();
        let phase = app.phase();
        let bruno = app.viewer("bruno");
        prassi_db::write_tx(&mut app.conn(), |c| prassi_wiki::service::set_watch(c, &bruno, phase, "guida-ai-bandi", true)).unwrap();
        let anna = app.viewer("anna");
        prassi_db::write_tx(&mut app.conn(), |c| prassi_wiki::service::save(c, &anna, phase, "guida-ai-bandi", &prassi_wiki::service::SaveInput {
            title: "Guida ai bandi".into(),
            body_md: "Seconda versione, con le scadenze.".into(),
            summary: "Scadenze".into(),
            base_revision: 1,
            ..Default::default()
        })).unwrap();
        deliver_all(&app);
        assert_eq!(told(&app, "bruno"), vec![("wiki.page_edited".to_owned(), told(&app, "bruno")[0].1.clone())]);
        let mut b = app.signed_in_as("bruno").await;
        let list = b.get("/notifiche").await;
        assert!(list.body.contains("guida-ai-bandi&#x2F;differenze?da=1&amp;a=2"), "{}", list.body);
        // A later change does not move the first notification's link.
        prassi_db::write_tx(&mut app.conn(), |c| prassi_wiki::service::save(c, &anna, phase, "guida-ai-bandi", &prassi_wiki::service::SaveInput {
            title: "Guida ai bandi".into(),
            body_md: "Terza versione.".into(),
            summary: "Ancora".into(),
            base_revision: 2,
            ..Default::default()
        })).unwrap();
        deliver_all(&app);
        let list = b.get("/notifiche").await;
        assert!(list.body.contains("differenze?da=1&amp;a=2") && list.body.contains("differenze?da=2&amp;a=3"), "{}", list.body);
    }
}

both_backends! {
    async fn a_stream_of_answers_is_delivered_in_batches_and_a_bad_event_fails_alone(app) {
        let q = anna_asks_bruno_answers(&app, "Soglie degli affidamenti diretti");
        // More events than one delivery transaction takes, so the batch spans several.
        let n = 2 * prassi_notifications::service::deliver::PER_TRANSACTION + 7;
        for i in 0..n {
            app.answer("bruno", &q.id, &format!("Risposta numero {i} sulle soglie."));
        }
        let events: Vec<prassi_db::NotificationEventId> = notification_events::table
            .filter(notification_events::kind.eq("qa.answer_posted"))
            .order(notification_events::created_at.asc())
            .select(notification_events::id)
            .load(&mut app.conn())
            .unwrap();
        assert_eq!(events.len(), n);
        let mut payloads: Vec<serde_json::Value> =
            events.iter().map(|e| serde_json::json!({ "event": e.0 })).collect();
        payloads.insert(60, serde_json::json!({ "not_an_event": true }));
        let outcomes = prassi_notifications::service::deliver::handle_batch(&app.platform.state, &payloads);
        assert_eq!(outcomes.len(), n + 1, "one outcome per payload, in order");
        assert!(outcomes[60].as_ref().is_err_and(|e| e.contains("without an event")), "{:?}", outcomes[60]);
        assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), n, "the bad payload fails alone");
        assert_eq!(told(&app, "anna").len(), n, "every answer told once");
        assert_eq!(emails(&app).iter().filter(|m| m.to == "anna@example.org").count(), n);
        // The worker, which runs the same handler on the outbox's events, tells nobody twice.
        deliver_all(&app);
        assert_eq!(told(&app, "anna").len(), n);
        assert_eq!(emails(&app).iter().filter(|m| m.to == "anna@example.org").count(), n);
        let pending: i64 = outbox::table
            .filter(outbox::topic.eq(prassi_core::notify::TOPIC))
            .filter(outbox::processed_at.is_null())
            .count()
            .get_result(&mut app.conn())
            .unwrap();
        assert_eq!(pending, 0, "the worker's batch lane drains the deliveries");
    }
}
