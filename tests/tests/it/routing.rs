//! Expert routing (`prassi_qa::service::routing`): unanswered questions invite matching experts
//! once the configured hours have passed, on a clock the tests control (no sleeping), exactly
//! once even when passes run twice or at the same moment; and the moderators' queue of what is
//! still waiting, with invitations by hand.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use prassi_core::config::ExpertRouting;
use prassi_core::notify::EventKind;
use prassi_db::{QuestionId, UserId};
use prassi_qa::service::routing::{self, Routed};

use super::*;

/// 24 hours, `n` experts.
fn settings(n: u32) -> ExpertRouting {
    ExpertRouting {
        after_hours: 24,
        experts: n,
    }
}

/// One routing pass as the housekeeping would run it at `now`.
fn pass(app: &TestApp, n: u32, now: NaiveDateTime) -> Routed {
    routing::route_due(&mut app.conn(), &settings(n), now).unwrap()
}

fn hours(h: i64) -> NaiveDateTime {
    prassi_db::now() + Duration::hours(h)
}

/// An account with `role`, a profile declaring `areas`, and directory consent if `consent`.
fn person(app: &TestApp, username: &str, role: Role, areas: &str, consent: bool) -> UserId {
    let id = app.user(username, role);
    let input = prassi_accounts::service::ProfileInput {
        display_name: format!("Esperta {username}"),
        organisation: "Università di Prova".into(),
        expertise: Some(areas.into()),
        directory_consent: consent,
        ..Default::default()
    };
    prassi_db::write_tx(&mut app.conn(), |c| {
        prassi_accounts::service::update_profile(c, &id, &input)
    })
    .unwrap();
    id
}

fn expert(app: &TestApp, username: &str) -> UserId {
    person(
        app,
        username,
        Role::Expert,
        "Appalti innovativi, Valutazione",
        true,
    )
}

/// Who is invited to `q`: (expert's username, invited by the platform).
fn invited(app: &TestApp, q: &QuestionId) -> Vec<(String, bool)> {
    use prassi_db::schema::{expert_invitations as ei, users};
    ei::table
        .inner_join(users::table.on(users::id.eq(ei::expert_id)))
        .filter(ei::question_id.eq(q))
        .order(users::username.asc())
        .select((users::username, ei::invited_by.is_null()))
        .load(&mut app.conn())
        .unwrap()
}

/// The `ExpertInvited` events about `q`: their actors.
fn invite_events(app: &TestApp, q: &QuestionId) -> Vec<Option<UserId>> {
    use prassi_db::schema::notification_events as e;
    e::table
        .filter(e::kind.eq(EventKind::ExpertInvited.as_str()))
        .filter(e::item_kind.eq("question"))
        .filter(e::item_id.eq(q.as_str()))
        .order(e::id.asc())
        .select(e::actor_id)
        .load(&mut app.conn())
        .unwrap()
}

fn routed_at(app: &TestApp, q: &QuestionId) -> Option<NaiveDateTime> {
    use prassi_db::schema::questions;
    questions::table
        .find(q)
        .select(questions::experts_routed_at)
        .first(&mut app.conn())
        .unwrap()
}

both_backends! {
    async fn nothing_is_routed_before_the_threshold_then_up_to_n_matching_experts_once(app) {
        app.tag("appalti", "Appalti innovativi");
        app.user("curiosa", Role::Member);
        for e in ["esperta1", "esperta2", "esperta3", "esperta4"] {
            expert(&app, e);
        }
        let q = app.question("curiosa", "Come si scrive un bando per appalti innovativi?").create().id;

        assert_eq!(pass(&app, 3, hours(23)), Routed::default(), "23 hours: too early");
        assert_eq!(invited(&app, &q), vec![]);
        assert_eq!(routed_at(&app, &q), None);

        let at = hours(25);
        assert_eq!(pass(&app, 3, at), Routed { questions: 1, invitations: 3 });
        let who = invited(&app, &q);
        assert_eq!(who.len(), 3, "{who:?}");
        assert!(who.iter().all(|(_, by_platform)| *by_platform), "invited by the platform");
        assert_eq!(routed_at(&app, &q), Some(at));
        assert_eq!(invite_events(&app, &q), vec![None, None, None], "one event per invitation, no actor");

        // A later pass, even once more experts appear, leaves the question alone.
        expert(&app, "esperta5");
        assert_eq!(pass(&app, 3, hours(48)), Routed::default());
        assert_eq!(invited(&app, &q).len(), 3);
        assert_eq!(invite_events(&app, &q).len(), 3);

        // The disabled setting routes nothing.
        let q2 = app.question("curiosa", "Un'altra domanda sugli appalti innovativi").create().id;
        let off = ExpertRouting { after_hours: 0, experts: 3 };
        assert_eq!(routing::route_due(&mut app.conn(), &off, hours(1000)).unwrap(), Routed::default());
        assert_eq!(routed_at(&app, &q2), None);
    }
}

both_backends! {
    async fn experts_invited_by_hand_count_towards_n_and_are_not_invited_again(app) {
        app.tag("appalti", "Appalti innovativi");
        let asker = app.user("curiosa", Role::Member);
        for e in ["esperta1", "esperta2", "esperta3"] {
            expert(&app, e);
        }
        let q = app.question("curiosa", "Chi conosce bene gli appalti innovativi?").create().id;
        let mut c = app.signed_in_as("curiosa").await;
        let csrf = c.get("/qa").await.csrf().unwrap();
        let r = c.json(Method::POST, &format!("/api/v1/qa/questions/{q}/invitations"), &json!({"expert": "esperta2"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);

        assert_eq!(pass(&app, 2, hours(25)), Routed { questions: 1, invitations: 1 });
        let who = invited(&app, &q);
        assert_eq!(who.len(), 2, "the invitation by hand counts towards the two: {who:?}");
        assert!(who.contains(&("esperta2".into(), false)), "still the asker's invitation: {who:?}");
        assert_eq!(who.iter().filter(|(_, p)| *p).count(), 1);
        assert_eq!(invite_events(&app, &q), vec![Some(asker), None]);

        // Enough invitations by hand already: routing settles the question and invites nobody.
        let q2 = app.question("curiosa", "Seconda domanda sugli appalti innovativi").create().id;
        for e in ["esperta1", "esperta3"] {
            let r = c.json(Method::POST, &format!("/api/v1/qa/questions/{q2}/invitations"), &json!({"expert": e}), Some(&csrf)).await;
            assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        }
        assert_eq!(pass(&app, 2, hours(25)), Routed { questions: 1, invitations: 0 });
        assert_eq!(invited(&app, &q2).len(), 2);
        assert!(routed_at(&app, &q2).is_some());
    }
}

both_backends! {
    async fn non_matching_suspended_or_non_consenting_experts_members_and_the_asker_are_never_invited(app) {
        app.tag("appalti", "Appalti innovativi");
        person(&app, "curiosa", Role::Expert, "Appalti innovativi", true);
        expert(&app, "giusta");
        person(&app, "altrove", Role::Expert, "Cucina regionale", true);
        person(&app, "riservata", Role::Expert, "Appalti innovativi", false);
        person(&app, "semplice", Role::Member, "Appalti innovativi", true);
        let sospesa = expert(&app, "sospesa");
        {
            use prassi_db::schema::users;
            diesel::update(users::table.find(&sospesa))
                .set(users::status.eq(prassi_db::AccountStatus::Suspended))
                .execute(&mut app.conn())
                .unwrap();
        }
        // The tag's name with spaces matches too.
        person(&app, "pernome", Role::Expert, "appalti", true);
        let q = app.question("curiosa", "Quali clausole per un appalto innovativo?").create().id;
        assert_eq!(pass(&app, 10, hours(25)), Routed { questions: 1, invitations: 2 });
        assert_eq!(invited(&app, &q), vec![("giusta".into(), true), ("pernome".into(), true)]);
    }
}

both_backends! {
    async fn questions_answered_or_closed_before_the_threshold_are_not_routed(app) {
        app.tag("appalti", "Appalti innovativi");
        app.user("curiosa", Role::Member);
        app.user("vigile", Role::Moderator);
        expert(&app, "esperta1");
        let answered = app.question("curiosa", "Domanda che riceve subito una risposta").answer("vigile", "Ecco come.").create().id;
        let closed = app.question("curiosa", "Domanda chiusa perché fuori tema").create().id;
        let mut m = app.signed_in_as("vigile").await;
        let csrf = m.get("/qa").await.csrf().unwrap();
        let r = m.json(Method::POST, &format!("/api/v1/qa/questions/{closed}/close"), &json!({"reason": "off_topic", "duplicate_of": "", "note": "Fuori tema"}), Some(&csrf)).await;
        assert!(r.status.is_success(), "{}", r.body);
        let open = app.question("curiosa", "Domanda ancora aperta sugli appalti").create().id;

        assert_eq!(pass(&app, 3, hours(25)), Routed { questions: 1, invitations: 1 });
        assert_eq!(invited(&app, &answered), vec![]);
        assert_eq!(invited(&app, &closed), vec![]);
        assert_eq!(routed_at(&app, &answered), None);
        assert_eq!(routed_at(&app, &closed), None);
        assert_eq!(invited(&app, &open), vec![("esperta1".into(), true)]);

        // A question answered between the pass's read and its claim is skipped by the claim.
        let late = app.question("curiosa", "Domanda a cui si risponde all'ultimo").create().id;
        app.answer("vigile", &late, "Arrivo in tempo.");
        let phase = app.phase();
        let r = prassi_db::write_tx(&mut app.conn(), |c| routing::route_question(c, &settings(3), phase, &late, hours(25))).unwrap();
        assert_eq!(r, None);
        assert_eq!(invited(&app, &late), vec![]);
    }
}

both_backends! {
    async fn group_questions_only_invite_experts_who_belong_to_the_group(app) {
        app.tag("appalti", "Appalti innovativi");
        app.user("coordina", Role::Member);
        app.user("curiosa", Role::Member);
        expert(&app, "dentro");
        expert(&app, "fuori");
        let group = app.group("coordina", "Gruppo appalti").member("curiosa").member("dentro").create();
        let input = prassi_qa::service::QuestionInput {
            title: "Come organizziamo la gara del gruppo?".into(),
            body_md: "Serve un parere esperto sugli appalti innovativi.".into(),
            tags: "appalti".into(),
            audience: format!("group:{}", group.id),
            ..Default::default()
        };
        let (v, phase) = (app.viewer("curiosa"), app.phase());
        let q = prassi_db::write_tx(&mut app.conn(), |c| prassi_qa::service::ask_in_group(c, &v, phase, &group.id, &input)).unwrap();

        assert_eq!(pass(&app, 3, hours(25)), Routed { questions: 1, invitations: 1 });
        assert_eq!(invited(&app, &q), vec![("dentro".into(), true)]);

        // Nor may anyone invite an expert outside the group by hand.
        let mut c = app.signed_in_as("curiosa").await;
        let csrf = c.get("/qa").await.csrf().unwrap();
        let r = c.json(Method::POST, &format!("/api/v1/qa/questions/{q}/invitations"), &json!({"expert": "fuori"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(invited(&app, &q).len(), 1);
        // The question's page suggests the group's expert, never the one outside it.
        let page = c.get(&prassi_qa::service::question_url(&q, &input.title)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Esperta dentro"), "{}", page.body);
        assert!(!page.body.contains("Esperta fuori"), "an expert outside the group is not suggested");
    }
}

both_backends! {
    async fn two_passes_at_the_same_moment_on_two_connections_invite_each_expert_once(app) {
        app.tag("appalti", "Appalti innovativi");
        app.user("curiosa", Role::Member);
        for e in ["esperta1", "esperta2", "esperta3", "esperta4"] {
            expert(&app, e);
        }
        let questions: Vec<QuestionId> = (0..6)
            .map(|i| app.question("curiosa", &format!("Domanda numero {i} sugli appalti innovativi")).create().id)
            .collect();
        let at = hours(25);
        let barrier = std::sync::Barrier::new(2);
        let results: Vec<Routed> = std::thread::scope(|s| {
            let runs: Vec<_> = (0..2)
                .map(|_| {
                    let mut conn = app.conn();
                    let barrier = &barrier;
                    s.spawn(move || {
                        barrier.wait();
                        routing::route_due(&mut conn, &settings(3), at).unwrap()
                    })
                })
                .collect();
            runs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let total: usize = results.iter().map(|r| r.questions).sum();
        assert_eq!(total, 6, "each question routed by exactly one pass: {results:?}");
        assert_eq!(results.iter().map(|r| r.invitations).sum::<usize>(), 18);
        for q in &questions {
            assert_eq!(invited(&app, q).len(), 3);
            assert_eq!(invite_events(&app, q).len(), 3);
        }
    }
}

both_backends! {
    async fn moderators_see_the_queue_and_invite_more_experts_others_get_not_found(app) {
        app.tag("appalti", "Appalti innovativi");
        app.user("curiosa", Role::Member);
        let moderator = app.user("vigile", Role::Moderator);
        expert(&app, "esperta1");
        expert(&app, "esperta2");
        let waiting = app.question("curiosa", "Domanda che aspetta ancora un esperto").create().id;
        let answered = app.question("curiosa", "Domanda a cui risponde l'esperta").create().id;
        let recent = app.question("curiosa", "Domanda appena fatta").create().id;
        // Only the first two are old enough: route them, then answer one.
        let phase = app.phase();
        for q in [&waiting, &answered] {
            let r = prassi_db::write_tx(&mut app.conn(), |c| routing::route_question(c, &settings(1), phase, q, hours(25))).unwrap();
            assert_eq!(r, Some(1));
        }
        app.answer("esperta1", &answered, "Ecco la mia risposta.");

        // Members, experts and visitors: not found, page and API alike.
        for who in ["curiosa", "esperta1"] {
            let mut c = app.signed_in_as(who).await;
            assert_eq!(c.get("/qa/moderazione/in-attesa").await.status, StatusCode::NOT_FOUND);
            assert_eq!(c.get("/api/v1/qa/routing/queue").await.status, StatusCode::NOT_FOUND);
        }
        let mut anon = app.client().await;
        assert_eq!(anon.get("/qa/moderazione/in-attesa").await.status, StatusCode::NOT_FOUND);

        let mut m = app.signed_in_as("vigile").await;
        let moderation = m.get("/moderazione").await;
        assert!(moderation.body.contains("href=\"/qa/moderazione/in-attesa\""), "linked from the moderators' page");
        let queue = m.get("/api/v1/qa/routing/queue").await;
        assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
        let queue = queue.json();
        let items = queue["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "routed, open, unanswered only: {items:?}");
        assert_eq!(items[0]["id"], waiting.as_str());
        assert_eq!(queue["page"]["total"], 1);
        assert_eq!(items[0]["invited"].as_array().unwrap().len(), 1);
        assert_eq!(items[0]["invited"][0]["invited_by"], serde_json::Value::Null);
        let invited_first = items[0]["invited"][0]["username"].as_str().unwrap().to_owned();
        let other = if invited_first == "esperta1" { "esperta2" } else { "esperta1" };
        assert_eq!(items[0]["suggestions"].as_array().unwrap().len(), 1);
        assert_eq!(items[0]["suggestions"][0]["username"], other);
        assert_eq!(routed_at(&app, &recent), None);

        // The page lists it with a form; the moderator invites the other expert by hand.
        let page = m.get("/qa/moderazione/in-attesa").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("Domanda che aspetta ancora un esperto"));
        assert!(!page.body.contains("Domanda a cui risponde"));
        assert!(!page.body.contains("Domanda appena fatta"));
        assert!(page.body.contains("invitato dalla piattaforma"));
        assert!(page.body.contains("24 ore") && page.body.contains("fino a 3 esperti"), "the configured threshold and number: {}", page.body);
        assert!(page.body.contains("1 domanda in attesa"));
        let action = format!("/qa/moderazione/in-attesa/{waiting}/invita");
        assert!(page.body.contains(&action));
        let r = m.submit("/qa/moderazione/in-attesa", &action, &[("expert", other)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(r.location().starts_with("/qa/moderazione/in-attesa"));
        assert_eq!(invited(&app, &waiting).len(), 2);
        assert_eq!(invite_events(&app, &waiting), vec![None, Some(moderator)]);
        let after = m.get("/api/v1/qa/routing/queue").await.json();
        let by: Vec<&serde_json::Value> = after["items"][0]["invited"].as_array().unwrap().iter().map(|i| &i["invited_by"]).collect();
        assert!(by.contains(&&json!("Vigile")) && by.contains(&&serde_json::Value::Null), "{by:?}");
        assert_eq!(after["items"][0]["suggestions"], json!([]));
        let page = m.get("/qa/moderazione/in-attesa").await;
        assert!(page.body.contains("invitato da Vigile"), "{}", page.body);

        // Without a CSRF token the form is refused.
        let r = m.post_form(&action, &[("expert", other)]).await;
        assert_ne!(r.status, StatusCode::SEE_OTHER);

        // Members may not invite through the queue's form.
        let mut c = app.signed_in_as("curiosa").await;
        let r = c.submit("/qa", &action, &[("expert", other)]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // In English too.
        m.lang = "en".into();
        let page = m.get("/qa/moderazione/in-attesa").await;
        assert!(page.body.contains("Questions waiting for experts"), "{}", page.body);
    }
}
