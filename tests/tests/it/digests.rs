//! The email digest (prassi-notifications `service/digest.rs`): daily or weekly, what happened
//! since the last digest in what the member may read, nothing twice, nothing when empty, once
//! whatever the instances, with a one-click unsubscribe; the clock is a parameter. Also the
//! agenda's and the polls' notification kinds: registration, promotion, change, cancellation,
//! and "about to close".

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use prassi_db::schema::{notification_digests, notifications, outbox, questions};
use prassi_notifications::service::digest;

use super::*;

/// Every queued email to `username`, oldest first.
fn emails_to(app: &TestApp, username: &str) -> Vec<prassi_core::mail::Email> {
    let to = format!("{username}@example.org");
    outbox::table
        .filter(outbox::topic.eq(prassi_core::mail::TOPIC))
        .order(outbox::id.asc())
        .select(outbox::payload)
        .load::<String>(&mut app.conn())
        .unwrap()
        .iter()
        .map(|p| serde_json::from_str::<prassi_core::mail::Email>(p).unwrap())
        .filter(|m| m.to == to)
        .collect()
}

fn digests_to(app: &TestApp, username: &str) -> Vec<prassi_core::mail::Email> {
    emails_to(app, username)
        .into_iter()
        .filter(|m| m.subject.contains("riepilogo") || m.subject.contains("digest"))
        .collect()
}

/// One hourly pass of the digest at `now`; returns how many were sent.
fn pass(app: &TestApp, now: NaiveDateTime) -> usize {
    let mc = prassi_core::mail::MailContext::for_state(&app.platform.state);
    digest::send_due(&mut app.conn(), &app.platform.state.config, &mc, now).unwrap()
}

fn deliver_all(app: &TestApp) {
    while app.run_worker() > 0 {}
}

/// Moves a question's creation to `at` (content "happens" inside a chosen window).
fn created_at(app: &TestApp, q: &prassi_db::QuestionId, at: NaiveDateTime) {
    diesel::update(questions::table.find(q))
        .set(questions::created_at.eq(at))
        .execute(&mut app.conn())
        .unwrap();
}

async fn follow_tag(app: &TestApp, who: &str, tag: &prassi_db::TagId) {
    let mut c = app.signed_in_as(who).await;
    let csrf = c.get("/notifiche").await.csrf().unwrap();
    let r = c
        .json(
            Method::PUT,
            "/api/v1/notifications/watches",
            &json!({"item_kind": "tag", "item_id": tag.0, "level": "watching"}),
            Some(&csrf),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
}

both_backends! {
    async fn the_digest_tells_what_happened_since_the_last_one_in_what_the_member_may_read_and_nothing_twice(app) {
        let appalti = app.tag("appalti", "Appalti pubblici");
        app.tag("personale", "Personale");
        for who in ["anna", "bruno", "carla"] {
            app.user(who, Role::Member);
        }
        follow_tag(&app, "anna", &appalti).await;
        let g = app.group("bruno", "Tavolo riservato").member("carla").create();
        let now = prassi_db::now() + Duration::minutes(1);

        // In anna's followed tag, in a group she is not in, in another tag.
        let open = app.question("bruno", "Soglie degli affidamenti diretti").tags("appalti").create();
        let v = app.viewer("bruno");
        let input = prassi_qa::service::QuestionInput {
            title: "Domanda riservata del tavolo".into(),
            body_md: "Solo per il gruppo.".into(),
            tags: "appalti".into(),
            audience: format!("group:{}", g.id),
            ..Default::default()
        };
        prassi_db::write_tx(&mut app.conn(), |c| prassi_qa::service::ask_in_group(c, &v, app.phase(), &g.id, &input)).unwrap();
        app.question("carla", "Ferie dei dipendenti comunali").tags("personale").create();
        // Anna sends answers to her questions to the digest rather than by email at once.
        let mut anna = app.signed_in_as("anna").await;
        let page = anna.get("/notifiche/impostazioni").await;
        assert!(page.body.contains("name=\"digest\""), "the settings offer the digest");
        let r = anna.post_form("/notifiche/impostazioni", &[
            ("csrf_token", &page.csrf().unwrap()),
            ("canale-qa.answer_posted", "digest"),
            ("digest", "weekly"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let mine = app.question("anna", "Come si nomina il RUP?").tags("appalti").create();
        app.answer("carla", &mine.id, "Con determina del dirigente.");
        deliver_all(&app);
        assert!(emails_to(&app, "anna").is_empty(), "the answer waits for the digest");

        assert!(pass(&app, now) >= 1);
        let d = digests_to(&app, "anna");
        assert_eq!(d.len(), 1, "{d:?}");
        let body = &d[0].body;
        assert!(d[0].subject.contains("riepilogo della settimana"), "{}", d[0].subject);
        assert!(body.contains("Soglie degli affidamenti diretti"), "{body}");
        assert!(body.contains("Carla ha risposto") && body.contains("Come si nomina il RUP?"), "the digest's notification: {body}");
        assert!(!body.contains("Domanda riservata del tavolo"), "nothing from a group she is not in: {body}");
        assert!(!body.contains("Ferie dei dipendenti"), "only the tags she follows: {body}");
        let html = d[0].html.clone().unwrap();
        assert!(html.contains("<h2>") && html.contains("Soglie degli affidamenti diretti"));
        let unsubscribe = d[0].list_unsubscribe.clone().expect("List-Unsubscribe");
        assert!(body.contains(&unsubscribe));
        // Carla, in the group and following nothing, sees the community's news and the group's.
        let c = digests_to(&app, "carla");
        assert_eq!(c.len(), 1);
        assert!(c[0].body.contains("Domanda riservata del tavolo") && c[0].body.contains("Soglie degli affidamenti"), "{}", c[0].body);

        // The same hour again, or another instance: nothing more.
        assert_eq!(pass(&app, now), 0);
        assert_eq!(digests_to(&app, "anna").len(), 1);

        // A week later: only what is new. The old question is not told again.
        let later = app.question("bruno", "Rotazione degli inviti").tags("appalti").create();
        created_at(&app, &later.id, now + Duration::days(3));
        created_at(&app, &open.id, now - Duration::days(1));
        let week = now + Duration::days(7) + Duration::minutes(1);
        assert_eq!(pass(&app, week - Duration::minutes(2)), 0, "not due before the week is over");
        pass(&app, week);
        let d = digests_to(&app, "anna");
        assert_eq!(d.len(), 2);
        assert!(d[1].body.contains("Rotazione degli inviti"), "{}", d[1].body);
        assert!(!d[1].body.contains("Soglie degli affidamenti diretti") && !d[1].body.contains("Come si nomina il RUP?"), "nothing twice: {}", d[1].body);

        // Nothing new: no digest at all, and the window is used up.
        let two_weeks = week + Duration::days(7) + Duration::minutes(1);
        assert_eq!(pass(&app, two_weeks), 0, "empty digests are not sent");
        let last: Option<NaiveDateTime> = notification_digests::table
            .find(app.user_id("anna"))
            .select(notification_digests::last_sent_at)
            .first(&mut app.conn())
            .unwrap();
        assert_eq!(last, Some(two_weeks));

        // The one-click link, without a session, turns the digest off.
        let path = unsubscribe.split_once("://").unwrap().1;
        let path = &path[path.find('/').unwrap()..];
        let mut mail_client = app.client().await;
        let page = mail_client.get(path).await;
        assert!(page.body.contains("riepilogo"), "{}", page.body);
        let r = mail_client.post_form(path, &[("List-Unsubscribe", "One-Click")]).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v = app.viewer("anna");
        let s = digest::settings(&mut app.conn(), &v).unwrap();
        assert_eq!(s.frequency, digest::Frequency::Off);
        let fresh = app.question("bruno", "Ancora appalti").tags("appalti").create();
        created_at(&app, &fresh.id, two_weeks + Duration::days(1));
        pass(&app, two_weeks + Duration::days(8));
        assert_eq!(digests_to(&app, "anna").len(), 2, "off: no more digests");
        // A token for the digest cannot be turned into one for another member.
        let forged = path.replace(&app.user_id("anna").0, &app.user_id("bruno").0);
        assert_eq!(mail_client.get(&forged).await.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn daily_digests_two_instances_at_once_and_every_settings_error_at_once(app) {
        for who in ["anna", "bruno"] {
            app.user(who, Role::Member);
        }
        app.tag("appalti", "");
        // Bad values in the form: every one reported at once, nothing stored.
        let mut anna = app.signed_in_as("anna").await;
        let page = anna.get("/notifiche/impostazioni").await;
        let r = anna.post_form("/notifiche/impostazioni", &[
            ("csrf_token", &page.csrf().unwrap()),
            ("canale-qa.answer_posted", "piccione"),
            ("digest", "ogni-ora"),
        ]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("err-digest") && r.body.contains("err-qa-answer-posted"), "{}", r.body);
        // The API: daily.
        let csrf = anna.get("/notifiche").await.csrf().unwrap();
        let r = anna.json(Method::PUT, "/api/v1/notifications/digest", &json!({"frequency": "daily"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["frequency"], "daily");
        let r = anna.json(Method::PUT, "/api/v1/notifications/digest", &json!({"frequency": "hourly"}), Some(&csrf)).await;
        assert!(r.status.is_client_error(), "{}", r.body);
        let r = anna.get("/api/v1/notifications/digest").await;
        assert_eq!(r.json()["frequency"], "daily");
        // A stranger has no digest settings to read or change.
        let mut stranger = app.client().await;
        assert_eq!(stranger.get("/api/v1/notifications/digest").await.status, StatusCode::UNAUTHORIZED);
        assert!(!stranger.get("/notifiche/impostazioni").await.status.is_success());

        let now = prassi_db::now() + Duration::minutes(1);
        let q = app.question("bruno", "Prima domanda").tags("appalti").create();
        created_at(&app, &q.id, now - Duration::hours(2));
        // Two instances run the hourly pass at the same moment: one digest each.
        let run = || {
            let mut c = app.conn();
            let mc = prassi_core::mail::MailContext::for_state(&app.platform.state);
            let config = app.platform.state.config.clone();
            move || digest::send_due(&mut c, &config, &mc, now).unwrap()
        };
        let (a, b) = (run(), run());
        let sent = std::thread::scope(|s| {
            let x = s.spawn(a);
            let y = s.spawn(b);
            x.join().unwrap() + y.join().unwrap()
        });
        assert_eq!(digests_to(&app, "anna").len(), 1, "once, whatever the instances");
        assert_eq!(sent, 1, "anna's (bruno asked the only question: his digest is empty)");
        assert!(digests_to(&app, "anna")[0].subject.contains("del giorno"));
        assert!(digests_to(&app, "anna")[0].body.contains("Prima domanda"));
        // A day later, a daily digest again with what is new.
        let q2 = app.question("bruno", "Seconda domanda").tags("appalti").create();
        created_at(&app, &q2.id, now + Duration::hours(5));
        pass(&app, now + Duration::days(1) + Duration::minutes(1));
        let d = digests_to(&app, "anna");
        assert_eq!(d.len(), 2);
        assert!(d[1].body.contains("Seconda domanda") && !d[1].body.contains("Prima domanda"), "{}", d[1].body);
    }
}

both_backends! {
    async fn registrations_promotions_changes_and_closing_polls_reach_the_right_members(app) {
        use prassi_agenda::service::{self as agenda, EventInput, RegisterInput};
        app.user("admin", Role::Admin);
        for who in ["anna", "bruno", "carla", "dario"] {
            app.user(who, Role::Member);
        }
        let day = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc()).date() + Duration::days(20);
        let input = EventInput {
            title: "Incontro sul PNRR".into(),
            description_md: "Incontro della comunità.".into(),
            theme: "PNRR".into(),
            starts_at: format!("{day}T09:00"),
            ends_at: format!("{day}T13:00"),
            format: "in_person".into(),
            venue: "Roma".into(),
            audience: "members".into(),
            capacity: "1".into(),
            ..EventInput::default()
        };
        let admin = app.viewer("admin");
        let phase = app.phase();
        let id = prassi_db::write_tx(&mut app.conn(), |c| agenda::create(c, &admin, phase, &input)).unwrap();
        for who in ["anna", "bruno"] {
            let v = app.viewer(who);
            prassi_db::write_tx(&mut app.conn(), |c| agenda::register(c, &v, phase, id.as_str(), &RegisterInput::default())).unwrap();
        }
        deliver_all(&app);
        let kinds = |who: &str| -> Vec<String> {
            notifications::table
                .filter(notifications::user_id.eq(app.user_id(who)))
                .order(notifications::id.asc())
                .select(notifications::kind)
                .load(&mut app.conn())
                .unwrap()
        };
        assert_eq!(kinds("anna"), ["agenda.registered"]);
        assert_eq!(kinds("bruno"), ["agenda.registered"], "the waiting list is confirmed too");
        assert!(kinds("carla").is_empty());
        let m = emails_to(&app, "anna");
        assert_eq!(m.len(), 1, "confirmed by email by default");
        assert!(m[0].body.contains("Incontro sul PNRR") && m[0].body.contains("09:00"), "{}", m[0].body);

        // Anna cancels: bruno is promoted and told, once.
        let v = app.viewer("anna");
        prassi_db::write_tx(&mut app.conn(), |c| agenda::cancel(c, &v, phase, id.as_str())).unwrap();
        deliver_all(&app);
        deliver_all(&app);
        assert_eq!(kinds("bruno"), ["agenda.registered", "agenda.promoted"]);
        assert!(!kinds("anna").contains(&"agenda.promoted".to_owned()));

        // Cancelling the event tells bruno (registered), not anna (who left) nor the admin.
        let mut cancelled = input.clone();
        cancelled.status = "cancelled".into();
        prassi_db::write_tx(&mut app.conn(), |c| agenda::update(c, &admin, phase, id.as_str(), &cancelled)).unwrap();
        deliver_all(&app);
        assert_eq!(kinds("bruno").last().unwrap(), "agenda.event_cancelled");
        assert_eq!(kinds("anna"), ["agenda.registered"]);
        assert!(kinds("admin").is_empty());
        let mut bruno = app.signed_in_as("bruno").await;
        let list = bruno.get("/notifiche").await;
        assert!(list.body.contains("ha annullato") && list.body.contains("Incontro sul PNRR"), "{}", list.body);

        // A group's poll about to close: its members who have not voted, once; nobody else.
        let g = app.group("carla", "Tavolo PNRR").member("dario").member("anna").create();
        let v = app.viewer("carla");
        let closes = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc() + Duration::hours(12));
        let poll = prassi_polls::service::create::PollInput {
            question: "Quando ci vediamo?".into(),
            kind: "single".into(),
            options: vec!["Lunedì".into(), "Martedì".into()],
            audience: "group".into(),
            group: g.slug.clone(),
            closes_at: closes.format("%Y-%m-%dT%H:%M").to_string(),
            ..Default::default()
        };
        let pid = prassi_db::write_tx(&mut app.conn(), |c| prassi_polls::service::create::create(c, &v, phase, &poll)).unwrap();
        let option = prassi_polls::service::vote::options_of(&mut app.conn(), &pid).unwrap()[0].id.0.clone();
        let dario = app.viewer("dario");
        let ballot = prassi_polls::service::vote::VoteInput { options: vec![option] };
        prassi_db::write_tx(&mut app.conn(), |c| prassi_polls::service::vote::vote(c, &dario, phase, pid.as_str(), &ballot)).unwrap();
        let now = prassi_db::now();
        assert_eq!(prassi_polls::closing::tell_due(&mut app.conn(), now - Duration::hours(13)).unwrap(), 0, "not yet within a day");
        assert_eq!(prassi_polls::closing::tell_due(&mut app.conn(), now).unwrap(), 1);
        assert_eq!(prassi_polls::closing::tell_due(&mut app.conn(), now).unwrap(), 0, "once");
        deliver_all(&app);
        assert!(kinds("anna").contains(&"polls.closing_soon".to_owned()), "a member who has not voted");
        assert!(!kinds("carla").contains(&"polls.closing_soon".to_owned()), "not its author");
        assert!(!kinds("dario").contains(&"polls.closing_soon".to_owned()), "dario voted");
        assert!(!kinds("bruno").contains(&"polls.closing_soon".to_owned()), "not in the group");
    }
}

both_backends! {
    async fn the_demo_delivers_notifications_an_expert_invitation_and_digests_into_the_mail_folder(app) {
        prassi_server::demo::fill(&app.platform.state).unwrap();
        let told = prassi_server::demo::tell(&app.platform.state).unwrap();
        assert!(told.notifications > 0 && told.digests > 0 && told.emails > 0, "{told:?}");
        let invited: i64 = notifications::table
            .filter(notifications::kind.eq("qa.expert_invited"))
            .count()
            .get_result(&mut app.conn())
            .unwrap();
        assert!(invited >= 1, "the demo routes a question to an expert");
        let folder = app.data_dir().join("mail");
        let files: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert_eq!(files.len() as i64, told.emails, "every email is in the folder");
        assert!(
            files.iter().any(|m| m.contains("riepilogo") && m.contains("List-Unsubscribe")),
            "a digest is among them"
        );
        app.check_outbox();
    }
}
