//! Notification events recorded by the actions `modules.rs` does not cover: an expert invited,
//! a question closed, members mentioned in the forum, a wiki talk message, an answer promoted
//! into the wiki. Each action goes through HTTP and records exactly one event of its kind,
//! naming the item, the actor and the item's audience; a refused action records none.

use diesel::prelude::*;
use prassi_db::UserId;

use super::*;

/// One stored event as the tests compare it.
#[derive(Debug, PartialEq, Eq)]
struct Recorded {
    item_kind: String,
    item_id: String,
    actor: Option<UserId>,
    audience: String,
}

impl Recorded {
    fn new(item_kind: &str, item_id: &str, actor: &UserId, audience: &str) -> Self {
        Recorded {
            item_kind: item_kind.into(),
            item_id: item_id.into(),
            actor: Some(actor.clone()),
            audience: audience.into(),
        }
    }
}

/// The events of `kind` recorded so far, oldest first.
fn events(app: &TestApp, kind: prassi_core::notify::EventKind) -> Vec<Recorded> {
    use prassi_db::schema::notification_events as e;
    e::table
        .filter(e::kind.eq(kind.as_str()))
        .order((e::created_at.asc(), e::id.asc()))
        .select((e::item_kind, e::item_id, e::actor_id, e::audience))
        .load::<(String, String, Option<UserId>, String)>(&mut app.conn())
        .unwrap()
        .into_iter()
        .map(|(item_kind, item_id, actor, audience)| Recorded {
            item_kind,
            item_id,
            actor,
            audience,
        })
        .collect()
}

both_backends! {
    async fn inviting_an_expert_records_one_event_for_the_question_and_a_refused_invitation_none(app) {
        use prassi_core::notify::EventKind::ExpertInvited;
        app.tag("appalti", "Appalti innovativi");
        let asker = app.user("curiosa", Role::Member);
        app.user("luminare", Role::Expert);
        app.user("passante", Role::Member);
        let q = app.question("curiosa", "Chi conosce bene gli appalti innovativi?").create().id;
        let invite = format!("/api/v1/qa/questions/{q}/invitations");

        // Only the asker invites.
        let mut other = app.signed_in_as("passante").await;
        let csrf = other.get("/qa").await.csrf().unwrap();
        let r = other.json(Method::POST, &invite, &json!({"expert": "luminare"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(events(&app, ExpertInvited), vec![]);

        let mut c = app.signed_in_as("curiosa").await;
        let csrf = c.get("/qa").await.csrf().unwrap();
        let r = c.json(Method::POST, &invite, &json!({"expert": "luminare"}), Some(&csrf)).await;
        assert!(r.status.is_success(), "{}", r.body);
        assert_eq!(
            events(&app, ExpertInvited),
            vec![Recorded::new("question", q.as_str(), &asker, "members")]
        );
        // Inviting the same expert again is refused and adds nothing.
        let r = c.json(Method::POST, &invite, &json!({"expert": "luminare"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(events(&app, ExpertInvited).len(), 1);
    }
}

both_backends! {
    async fn closing_a_question_records_one_event_by_the_moderator_and_a_refused_close_none(app) {
        use prassi_core::notify::EventKind::QuestionClosed;
        app.tag("appalti", "Appalti innovativi");
        app.user("prima", Role::Member);
        let moderator = app.user("vigile", Role::Moderator);
        let q = app.question("prima", "Domanda fuori tema sugli appalti").audience("public").create().id;
        let close = format!("/api/v1/qa/questions/{q}/close");
        let body = json!({"reason": "off_topic", "duplicate_of": "", "note": "Fuori tema"});

        // A member, even the asker, does not close.
        let mut member = app.signed_in_as("prima").await;
        let csrf = member.get("/qa").await.csrf().unwrap();
        let r = member.json(Method::POST, &close, &body, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(events(&app, QuestionClosed), vec![]);

        let mut m = app.signed_in_as("vigile").await;
        let csrf = m.get("/qa").await.csrf().unwrap();
        let r = m.json(Method::POST, &close, &body, Some(&csrf)).await;
        assert!(r.status.is_success(), "{}", r.body);
        assert_eq!(
            events(&app, QuestionClosed),
            vec![Recorded::new("question", q.as_str(), &moderator, "public")]
        );
        // Closing it again is refused and adds nothing.
        let r = m.json(Method::POST, &close, &body, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(events(&app, QuestionClosed).len(), 1);
    }
}

both_backends! {
    async fn a_forum_post_naming_members_records_one_mention_event_and_one_naming_nobody_none(app) {
        use prassi_core::notify::EventKind::MemberMentioned;
        let category = app.forum_category("Generale", "members");
        let anna = app.user("anna", Role::Member);
        let bruno = app.user("bruno", Role::Member);
        app.user("carla", Role::Member);

        // Two members named in the opening post: one event, for the post.
        let mut a = app.signed_in_as("anna").await;
        let csrf = a.get("/forum").await.csrf().unwrap();
        let r = a.json(Method::POST, "/api/v1/forum/discussions", &json!({
            "category": category, "title": "Tavoli di co-progettazione", "body_md": "Che ne pensate, @bruno e @carla?",
        }), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let did = r.json()["id"].as_str().unwrap().to_owned();
        let opening = a.get(&format!("/api/v1/forum/discussions/{did}")).await.json()["posts"][0]["id"]
            .as_str().unwrap().to_owned();
        assert_eq!(
            events(&app, MemberMentioned),
            vec![Recorded::new("forum_post", &opening, &anna, "members")]
        );

        // Naming only oneself or someone who does not exist mentions nobody.
        let mut b = app.signed_in_as("bruno").await;
        let csrf = b.get("/forum").await.csrf().unwrap();
        let replies = format!("/api/v1/forum/discussions/{did}/posts");
        let r = b.json(Method::POST, &replies, &json!({"body_md": "Io ci sono, @bruno. Chiedo anche a @nessuno."}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(events(&app, MemberMentioned).len(), 1);

        // A reply naming a member: one more event, for the reply.
        let r = b.json(Method::POST, &replies, &json!({"body_md": "@anna ti scrivo in privato."}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let posts = b.get(&format!("/api/v1/forum/discussions/{did}")).await.json()["posts"].clone();
        let reply = posts[2]["id"].as_str().unwrap().to_owned();
        assert_eq!(
            events(&app, MemberMentioned),
            vec![
                Recorded::new("forum_post", &opening, &anna, "members"),
                Recorded::new("forum_post", &reply, &bruno, "members"),
            ]
        );
    }
}

both_backends! {
    async fn a_wiki_talk_message_records_one_event_for_the_message_and_a_refused_one_none(app) {
        use prassi_core::notify::EventKind::WikiTalkPosted;
        app.user("anna", Role::Member);
        let bruno = app.user("bruno", Role::Member);
        app.wiki_page("anna", "Glossario").audience("public").create();
        let mut b = app.signed_in_as("bruno").await;
        let csrf = b.get("/wiki").await.csrf().unwrap();
        let talk = "/api/v1/wiki/pages/glossario/talk";

        let r = b.json(Method::POST, talk, &json!({"body_md": "  "}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(events(&app, WikiTalkPosted), vec![]);

        let r = b.json(Method::POST, talk, &json!({"body_md": "Manca la voce **outcome**."}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.json()["id"].as_str().unwrap().to_owned();
        assert_eq!(
            events(&app, WikiTalkPosted),
            vec![Recorded::new("wiki_talk", &id, &bruno, "public")]
        );
    }
}

both_backends! {
    async fn promoting_an_answer_records_one_event_for_the_page_and_a_refused_promotion_none(app) {
        use prassi_core::notify::EventKind::AnswerPromoted;
        app.tag("appalti", "Appalti innovativi");
        app.user("chiede", Role::Member);
        app.user("esperta", Role::Expert);
        let curator = app.user("curatore", Role::Member);
        let q = app
            .question("chiede", "Come si organizza un tavolo di co-progettazione?")
            .answer("esperta", "Con un avviso pubblico e **tre incontri**.")
            .create();
        let (qid, aid) = (q.id, q.answers[0].clone());
        let mut c = app.signed_in_as("curatore").await;
        let csrf = c.get("/wiki").await.csrf().unwrap();
        let promote = |mode: &str, title: &str| json!({"answer_id": aid.as_str(), "mode": mode, "title": title});

        // Not accepted yet: refused, nothing recorded.
        let r = c.json(Method::POST, "/api/v1/wiki/promote", &promote("new", "Co-progettazione"), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(events(&app, AnswerPromoted), vec![]);

        let mut asker = app.signed_in_as("chiede").await;
        let csrf_q = asker.get("/qa").await.csrf().unwrap();
        let r = asker.json(Method::POST, &format!("/api/v1/qa/questions/{qid}/accept"), &json!({"answer_id": aid.as_str()}), Some(&csrf_q)).await;
        assert!(r.status.is_success(), "{}", r.body);

        // Into a new page: one event, for the page.
        let r = c.json(Method::POST, "/api/v1/wiki/promote", &promote("new", "Co-progettazione"), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let new_page = r.json()["id"].as_str().unwrap().to_owned();
        assert_eq!(
            events(&app, AnswerPromoted),
            vec![Recorded::new("wiki_page", &new_page, &curator, "members")]
        );

        // Appended to an existing page: one more, for that page.
        let existing = app.wiki_page("curatore", "Terzo settore").audience("members").create();
        let r = c.json(Method::POST, "/api/v1/wiki/promote", &promote("append", "Terzo settore"), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        assert_eq!(
            events(&app, AnswerPromoted),
            vec![
                Recorded::new("wiki_page", &new_page, &curator, "members"),
                Recorded::new("wiki_page", existing.id.as_str(), &curator, "members"),
            ]
        );
        // The same answer into the same page again is refused and adds nothing.
        let r = c.json(Method::POST, "/api/v1/wiki/promote", &promote("append", "Terzo settore"), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(events(&app, AnswerPromoted).len(), 2);
    }
}

// Moderator-only writes are decided inside the services, not only by their handlers (whose own
// checks answer 404 over HTTP): a direct call by anyone else is refused, changes nothing and,
// like every refused action, records nothing.
both_backends! {
    async fn the_services_refuse_tag_curation_categories_and_others_watchlists_to_the_wrong_viewer(app) {
        use prassi_core::access::Viewer;
        use prassi_core::error::ErrorKind;
        use prassi_db::schema::{forum_categories, notification_events, tags};
        app.user("anna", Role::Member);
        app.user("vigile", Role::Moderator);
        app.user("capo", Role::Admin);
        let (member, moderator, admin) = (app.viewer("anna"), app.viewer("vigile"), app.viewer("capo"));
        app.tag("appalti", "");
        app.tag("valutazione", "");
        let kind = |r: prassi_core::AppResult<()>| r.err().map(|e| e.kind);
        let tag = prassi_qa::service::TagInput { name: "bilancio".into(), description: String::new() };
        let category = prassi_forum::service::CategoryInput { name: "Bacheca".into(), audience: "members".into(), ..Default::default() };
        let mut conn = app.conn();
        let mut run = |f: &dyn Fn(&mut prassi_db::DbConnection) -> prassi_core::AppResult<()>| {
            kind(prassi_db::write_tx(&mut conn, |c| f(c)))
        };
        use prassi_qa::service::{create_tag, merge_tags, rename_tag};
        use prassi_forum::service::create_category;
        for (who, refused) in [(&Viewer::Anonymous, ErrorKind::Unauthorized), (&member, ErrorKind::Forbidden)] {
            assert_eq!(run(&|c| create_tag(c, who, &tag).map(drop)), Some(refused));
            assert_eq!(run(&|c| rename_tag(c, who, "appalti", "acquisti")), Some(refused));
            assert_eq!(run(&|c| merge_tags(c, who, "valutazione", "appalti").map(drop)), Some(refused));
            assert_eq!(run(&|c| create_category(c, who, &category).map(drop)), Some(refused));
        }
        // Categories are for administrators, not moderators.
        assert_eq!(run(&|c| create_category(c, &moderator, &category).map(drop)), Some(ErrorKind::Forbidden));
        let mut names: Vec<String> = tags::table.select(tags::name).order(tags::name.asc()).load(&mut app.conn()).unwrap();
        assert_eq!(names, ["appalti", "valutazione"], "nothing changed");
        assert_eq!(forum_categories::table.count().get_result::<i64>(&mut app.conn()).unwrap(), 0);
        assert_eq!(notification_events::table.count().get_result::<i64>(&mut app.conn()).unwrap(), 0);

        assert_eq!(run(&|c| create_tag(c, &moderator, &tag).map(drop)), None);
        assert_eq!(run(&|c| rename_tag(c, &moderator, "bilancio", "bilanci")), None);
        assert_eq!(run(&|c| merge_tags(c, &moderator, "valutazione", "appalti").map(drop)), None);
        assert_eq!(run(&|c| create_category(c, &admin, &category).map(drop)), None);
        names = tags::table.select(tags::name).order(tags::name.asc()).load(&mut app.conn()).unwrap();
        assert_eq!(names, ["appalti", "bilanci"]);

        // A watchlist is always the viewer's own: a visitor has none.
        let watched = prassi_wiki::service::ChangeFilter { watched: true, ..Default::default() };
        let request = prassi_core::pagination::PageQuery::default().resolve();
        let r = prassi_wiki::service::changes(&mut app.conn(), &Viewer::Anonymous, prassi_core::access::Phase::Open, &watched, request);
        assert_eq!(r.err().map(|e| e.kind), Some(ErrorKind::Unauthorized));
    }
}
