//! Every kind of notification reaches the people it is about and nobody else: each kind's
//! action is done through its module's service, the events are delivered as the worker does,
//! and who was told is compared with who should have been — including a bystander who may
//! read everything and is told nothing, and the actor, who is never told of their own doing.

use diesel::prelude::*;
use prassi_core::error::AppResult;
use prassi_db::schema::notifications;
use prassi_db::DbConnection;

use super::*;

/// The kinds `who` was told, oldest first.
fn kinds(app: &TestApp, who: &str) -> Vec<String> {
    notifications::table
        .filter(notifications::user_id.eq(app.user_id(who)))
        .order(notifications::id.asc())
        .select(notifications::kind)
        .load(&mut app.conn())
        .unwrap()
}

fn write<T>(app: &TestApp, f: impl FnOnce(&mut DbConnection) -> AppResult<T>) -> T {
    prassi_db::write_tx(&mut app.conn(), f).unwrap()
}

/// Delivers what was recorded and returns, for each of `people`, the kinds they were told
/// since the previous call (a running tally kept in `seen`).
fn told_now(
    app: &TestApp,
    seen: &mut std::collections::HashMap<String, usize>,
    people: &[&str],
) -> Vec<(String, Vec<String>)> {
    while app.run_worker() > 0 {}
    people
        .iter()
        .map(|who| {
            let all = kinds(app, who);
            let before = seen.insert((*who).to_owned(), all.len()).unwrap_or(0);
            ((*who).to_owned(), all[before..].to_vec())
        })
        .collect()
}

/// `expected`: (who, kinds told since last time); everyone else in `people` told nothing.
fn check(
    app: &TestApp,
    seen: &mut std::collections::HashMap<String, usize>,
    people: &[&str],
    step: &str,
    expected: &[(&str, &[&str])],
) {
    for (who, mut got) in told_now(app, seen, people) {
        let mut want: Vec<String> = expected
            .iter()
            .find(|(w, _)| *w == who)
            .map(|(_, k)| k.iter().map(|s| (*s).to_owned()).collect())
            .unwrap_or_default();
        got.sort();
        want.sort();
        assert_eq!(
            got, want,
            "{step}: {who} was told {got:?}, should have been told {want:?}"
        );
    }
}

both_backends! {
    async fn every_kind_reaches_the_people_it_is_about_and_nobody_else(app) {
        app.user("admin", Role::Admin);
        app.user("moda", Role::Moderator);
        for who in ["anna", "bruno", "carla", "dario", "zeno"] {
            app.user(who, Role::Member);
        }
        let people = ["admin", "moda", "anna", "bruno", "carla", "dario", "zeno"];
        let mut seen = std::collections::HashMap::new();
        let phase = app.phase();
        let mc = prassi_core::mail::MailContext::for_state(&app.platform.state);

        // Accounts: an approval, a role change, an accepted invitation.
        let piera = app.pending_user("piera");
        write(&app, |c| prassi_accounts::service::approve(c, &app.user_id("moda"), &piera, &mc));
        write(&app, |c| prassi_accounts::service::set_role(c, &app.user_id("admin"), &app.user_id("dario"), Role::Expert));
        write(&app, |c| prassi_accounts::service::invite(c, &app.user_id("admin"), "ivo@example.org", Role::Member, "it", &mc));
        let token = app.link_token("ivo@example.org", "/registrati?invito=");
        let settings = prassi_core::settings::SiteSettings::load(&mut app.conn()).unwrap();
        write(&app, |c| prassi_accounts::service::register(c, &settings, &prassi_accounts::service::RegistrationInput {
            username: "ivo".into(),
            email: "ivo@example.org".into(),
            password: PASSWORD.into(),
            display_name: "Ivo".into(),
            organisation: "Comune di Prova".into(),
            invitation: Some(token.clone()),
            ..Default::default()
        }, "it", &mc));
        let mut all: Vec<&str> = people.to_vec();
        all.extend(["piera", "ivo"]);
        check(&app, &mut seen, &all, "accounts", &[
            ("piera", &["accounts.member_approved"]),
            ("dario", &["accounts.role_changed"]),
            ("admin", &["accounts.invitation_accepted"]),
        ]);
        let mut admin_client = app.signed_in_as("admin").await;
        assert!(admin_client.get("/notifiche").await.body.contains("membri&#x2F;ivo"), "the inviter is shown the new member");

        // Q&A: a question in a followed tag, an answer, a comment on it, acceptance, closing.
        let tag = app.tag("appalti", "Appalti");
        write(&app, |c| prassi_notifications::service::preferences::set_watch(c, &app.viewer("carla"), "tag", tag.as_str(), "watching"));
        let q = app.question("anna", "Soglie per gli affidamenti").tags("appalti").create();
        check(&app, &mut seen, &all, "question asked", &[("carla", &["qa.question_asked"])]);
        let a = app.answer("bruno", &q.id, "La soglia è di 140.000 euro.");
        check(&app, &mut seen, &all, "answer", &[("anna", &["qa.answer_posted"])]);
        write(&app, |c| prassi_qa::service::comment(c, &app.viewer("dario"), phase, &q.id, Some(&a), "Vale anche per i servizi?"));
        check(&app, &mut seen, &all, "comment", &[("bruno", &["qa.comment_posted"]), ("anna", &["qa.comment_posted"])]);
        write(&app, |c| prassi_qa::service::accept(c, &app.viewer("anna"), phase, &q.id, Some(&a)));
        check(&app, &mut seen, &all, "accepted", &[("bruno", &["qa.answer_accepted"])]);
        let other = app.question("bruno", "Domanda fuori tema").create();
        write(&app, |c| prassi_qa::service::close(c, &app.viewer("moda"), phase, &other.id, &prassi_qa::service::CloseInput {
            reason: "off_topic".into(),
            note: "Non riguarda la pubblica amministrazione.".into(),
            ..Default::default()
        }));
        // (Asked with the fixture's default tag, which carla follows.)
        check(&app, &mut seen, &all, "closed", &[("bruno", &["qa.question_closed"]), ("carla", &["qa.question_asked"])]);

        // Wiki: the accepted answer made into a page tells its author; talk tells watchers.
        write(&app, |c| prassi_wiki::service::promote(c, &app.viewer("anna"), phase, &a, &prassi_wiki::service::PromoteInput {
            mode: "new".into(),
            title: "Soglie degli affidamenti".into(),
        }));
        check(&app, &mut seen, &all, "promoted", &[("bruno", &["wiki.answer_promoted"])]);
        app.wiki_page("anna", "Guida ai bandi").body("Prima versione.").create();
        write(&app, |c| prassi_wiki::service::set_watch(c, &app.viewer("dario"), phase, "guida-ai-bandi", true));
        check(&app, &mut seen, &all, "page created", &[]);
        write(&app, |c| prassi_wiki::service::add_talk(c, &app.viewer("carla"), phase, "guida-ai-bandi", "Manca la sezione sulle scadenze."));
        // The page's author watches it from its creation.
        check(&app, &mut seen, &all, "talk", &[("dario", &["wiki.talk_posted"]), ("anna", &["wiki.talk_posted"])]);

        // Forum: a new discussion in a watched category, a reply, a mention.
        let cat = app.forum_category("Dialogo", "members");
        let cat_id: String = prassi_db::schema::forum_categories::table
            .filter(prassi_db::schema::forum_categories::slug.eq(&cat))
            .select(prassi_db::schema::forum_categories::id)
            .first(&mut app.conn())
            .unwrap();
        write(&app, |c| prassi_notifications::service::preferences::set_watch(c, &app.viewer("zeno"), "forum_category", &cat_id, "muted"));
        write(&app, |c| prassi_notifications::service::preferences::set_watch(c, &app.viewer("dario"), "forum_category", &cat_id, "watching"));
        let d = app.discussion("anna", &cat, "Come organizziamo il tavolo?").create();
        check(&app, &mut seen, &all, "discussion", &[("dario", &["forum.discussion_started"])]);
        write(&app, |c| prassi_forum::service::reply(c, &app.viewer("bruno"), phase, &d.id, "Propongo martedì.", None));
        check(&app, &mut seen, &all, "reply", &[("anna", &["forum.reply_posted"])]);
        write(&app, |c| prassi_forum::service::reply(c, &app.viewer("carla"), phase, &d.id, "D'accordo con @bruno e chiedo a @zeno.", None));
        check(&app, &mut seen, &all, "mention", &[
            ("anna", &["forum.reply_posted"]),
            ("bruno", &["forum.reply_posted", "forum.member_mentioned"]),
            ("zeno", &["forum.member_mentioned"]),
        ]);

        // Groups: a request, its decision, a join, a publication proposal and its decision.
        let g = app.group("anna", "Tavolo bandi").member("bruno").create();
        check(&app, &mut seen, &all, "group made", &[("bruno", &["groups.invited"]), ("anna", &["groups.member_joined"])]);
        let req = write(&app, |c| prassi_groups::service::request(c, &app.viewer("carla"), phase, &g.slug, &prassi_groups::service::RequestInput {
            message: "Vorrei partecipare.".into(),
        }));
        check(&app, &mut seen, &all, "request", &[("anna", &["groups.requested"])]);
        write(&app, |c| prassi_groups::service::decide(c, &app.viewer("anna"), phase, &g.slug, req.as_str(), &prassi_groups::service::DecideInput {
            decision: "accept".into(),
            reason: String::new(),
        }));
        check(&app, &mut seen, &all, "decided", &[("carla", &["groups.request_decided"]), ("anna", &["groups.member_joined"])]);
        let page = write(&app, |c| prassi_wiki::service::create_in_group(c, &app.viewer("bruno"), phase, &g.id, &prassi_wiki::service::PageInput {
            title: "Bozza del bando".into(),
            body_md: "Testo della bozza.".into(),
            audience: format!("group:{}", g.id),
            ..Default::default()
        }));
        let p = write(&app, |c| prassi_groups::content::publication::propose(c, &app.viewer("bruno"), phase, &g.slug, &prassi_groups::content::publication::ProposeInput {
            page: page.slug.clone(),
        }));
        check(&app, &mut seen, &all, "proposed", &[("moda", &["groups.publication_proposed"])]);
        write(&app, |c| prassi_groups::content::publication::decide(c, &app.viewer("moda"), phase, &p, &prassi_groups::content::publication::DecisionInput {
            decision: "approve".into(),
            reason: String::new(),
        }));
        check(&app, &mut seen, &all, "publication decided", &[("bruno", &["groups.publication_decided"])]);

        // The agenda: a change of time tells those registered or waiting (not the organiser).
        use prassi_agenda::service::{self as agenda, EventInput, RegisterInput};
        let day = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc()).date() + chrono::Duration::days(20);
        let input = EventInput {
            title: "Incontro sui bandi".into(),
            description_md: "Incontro.".into(),
            theme: "Bandi".into(),
            starts_at: format!("{day}T09:00"),
            ends_at: format!("{day}T13:00"),
            format: "in_person".into(),
            venue: "Roma".into(),
            audience: "members".into(),
            capacity: "1".into(),
            ..EventInput::default()
        };
        let ev = write(&app, |c| agenda::create(c, &app.viewer("admin"), phase, &input));
        for who in ["carla", "dario"] {
            write(&app, |c| agenda::register(c, &app.viewer(who), phase, ev.as_str(), &RegisterInput::default()));
        }
        check(&app, &mut seen, &all, "registered", &[("carla", &["agenda.registered"]), ("dario", &["agenda.registered"])]);
        let mut moved = input.clone();
        moved.starts_at = format!("{day}T10:00");
        write(&app, |c| agenda::update(c, &app.viewer("admin"), phase, ev.as_str(), &moved));
        check(&app, &mut seen, &all, "moved", &[("carla", &["agenda.event_changed"]), ("dario", &["agenda.event_changed"])]);

        // A group questionnaire about to close: the member with a draft and those who have
        // not answered; not someone outside the group.
        let closes = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc() + chrono::Duration::hours(10));
        let qn = write(&app, |c| prassi_polls::questionnaires::create::create(c, &app.viewer("anna"), phase, &prassi_polls::questionnaires::create::QuestionnaireInput {
            title: "Fabbisogni del tavolo".into(),
            audience: "group".into(),
            group: g.slug.clone(),
            closes_at: closes.format("%Y-%m-%dT%H:%M").to_string(),
            sections: vec![prassi_polls::questionnaires::create::SectionInput {
                title: "Fabbisogni".into(),
                intro_md: String::new(),
                questions: vec![prassi_polls::questionnaires::create::QuestionInput {
                    kind: "short_text".into(),
                    text: "Di cosa avete bisogno?".into(),
                    ..Default::default()
                }],
            }],
            ..Default::default()
        }));
        let _ = qn;
        let n = prassi_polls::closing::tell_due(&mut app.conn(), prassi_db::now()).unwrap();
        assert_eq!(n, 1);
        check(&app, &mut seen, &all, "questionnaire closing", &[
            ("bruno", &["questionnaires.closing_soon"]),
            ("carla", &["questionnaires.closing_soon"]),
        ]);
        assert!(kinds(&app, "zeno").iter().all(|k| k == "forum.member_mentioned"), "the bystander heard only their mention");
    }
}
