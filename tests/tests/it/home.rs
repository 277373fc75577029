//! The home page's module blocks (`Module::home_block`): each viewer sees what is new among
//! what they may read and nothing else, at a fixed number of queries whatever the size of the
//! community; the stored member count follows every change of status; the forum's profile
//! lines count only what the viewer may read and follow a discussion's move.

use diesel::prelude::*;
use prassi_db::schema::{site_counters, users};

use super::*;

fn stored_members(app: &TestApp) -> i64 {
    site_counters::table
        .find("active_members")
        .select(site_counters::value)
        .first(&mut app.conn())
        .unwrap()
}

fn counted_members(app: &TestApp) -> i64 {
    users::table
        .filter(users::status.eq(prassi_db::AccountStatus::Active))
        .count()
        .get_result(&mut app.conn())
        .unwrap()
}

/// Every module's home block for the viewer, as the home page builds them.
fn blocks(app: &TestApp, viewer: &prassi_core::Viewer) -> Vec<prassi_core::module::HomeBlock> {
    let phase = app.phase();
    let mut out = Vec::new();
    for build in prassi_server::modules()
        .iter()
        .filter_map(|m| m.home_block())
    {
        out.extend(build(&mut app.conn(), viewer, phase).unwrap());
    }
    out
}

both_backends! {
    async fn the_home_page_shows_each_viewer_what_is_new_among_what_they_may_read(app) {
        app.set_phase(3);
        app.tag("appalti", "Appalti pubblici");
        let mut anna = app.signed_in("anna", Role::Member).await;
        app.user("admin", Role::Admin);
        diesel::update(users::table.filter(users::username.eq("anna")))
            .set(users::directory_consent.eq(true))
            .execute(&mut app.conn())
            .unwrap();
        app.question("anna", "Domanda pubblica sugli appalti").audience("public").create();
        app.question("anna", "Domanda riservata ai membri").create();
        let open = app.forum_category("Piazza aperta", "public");
        let closed = app.forum_category("Stanza dei membri", "members");
        app.discussion("anna", &open, "Discussione aperta a tutti").create();
        app.discussion("anna", &closed, "Discussione solo per membri").create();
        app.wiki_page("anna", "Pagina pubblica del wiki").audience("public").create();
        app.wiki_page("anna", "Pagina riservata del wiki").create();

        let home = anna.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        for title in [
            "Domanda pubblica sugli appalti",
            "Domanda riservata ai membri",
            "Discussione aperta a tutti",
            "Discussione solo per membri",
            "Pagina pubblica del wiki",
            "Pagina riservata del wiki",
        ] {
            assert!(home.body.contains(title), "a member sees {title}");
        }
        assert!(home.body.contains("href=\"/membri/anna\""), "newest members listed");
        assert!(
            home.body.contains(&format!("{} membri", counted_members(&app))),
            "the member count"
        );
        assert!(home.body.contains("2 domande senza risposta"));

        let mut visitor = app.client().await;
        let public = visitor.get("/").await;
        assert_eq!(public.status, StatusCode::OK);
        for title in ["Domanda pubblica sugli appalti", "Discussione aperta a tutti", "Pagina pubblica del wiki"] {
            assert!(public.body.contains(title), "a visitor sees {title}");
        }
        for title in ["Domanda riservata ai membri", "Discussione solo per membri", "Pagina riservata del wiki"] {
            assert!(!public.body.contains(title), "a visitor must not see {title}");
        }
        assert!(public.body.contains("1 domanda senza risposta"), "only the visible unanswered");
        assert!(!public.body.contains("membri attivi") && !public.body.contains(" membri</p>"), "no member count for visitors");

        // In the closed phase a visitor reads nothing: no block at all.
        app.set_phase(1);
        let closed_home = app.client().await.get("/").await;
        assert_eq!(closed_home.status, StatusCode::OK);
        assert!(!closed_home.body.contains("Domanda pubblica sugli appalti"));
        assert!(!closed_home.body.contains("home-block-qa"));

        // An answer is shown at once in the same member's next view (a new cache entry).
        app.set_phase(3);
        let q = app.question("anna", "Terza domanda, con risposta").create();
        app.answer("admin", &q.id, "Ecco la risposta.");
        let again = anna.get("/").await;
        assert!(again.body.contains("Terza domanda, con risposta"));
        assert!(again.body.contains("2 domande senza risposta"), "the answered one is not counted");
    }
}

both_backends! {
    async fn home_blocks_cost_the_same_queries_for_two_items_or_forty(app) {
        app.set_phase(3);
        app.tag("appalti", "Appalti pubblici");
        app.user("anna", Role::Member);
        let cat = app.forum_category("Piazza", "public");
        let viewer = app.viewer("anna");
        let add = |n: usize, from: usize| {
            for i in from..from + n {
                app.question("anna", &format!("Domanda numero {i} della prova")).create();
                app.discussion("anna", &cat, &format!("Discussione numero {i}")).create();
                app.wiki_page("anna", &format!("Pagina numero {i}")).create();
            }
        };
        add(2, 0);
        let (few, small) = prassi_tests::count_queries(&mut app.conn(), |c| {
            let phase = prassi_core::access::Phase::Open;
            prassi_server::modules()
                .iter()
                .filter_map(|m| m.home_block())
                .map(|b| b(c, &viewer, phase).unwrap())
                .count()
        });
        add(38, 2);
        let (_, large) = prassi_tests::count_queries(&mut app.conn(), |c| {
            let phase = prassi_core::access::Phase::Open;
            prassi_server::modules()
                .iter()
                .filter_map(|m| m.home_block())
                .map(|b| b(c, &viewer, phase).unwrap())
                .count()
        });
        assert_eq!(few, 7, "Q&A, forum, wiki, groups, the agenda, polls and the community have blocks");
        assert_eq!(small, large, "queries must not grow with the content");
        // One or two per block (the groups block asks a member for waiting invitations).
        assert!(small <= 9, "{small} queries for the home blocks");
        let all = blocks(&app, &viewer);
        let qa = all.iter().find(|b| b.template == "qa/_home.html").unwrap();
        assert_eq!(qa.data["questions"].as_array().unwrap().len(), 5);
        assert_eq!(qa.data["questions"][0]["title"], "Domanda numero 39 della prova", "newest first");
    }
}

both_backends! {
    async fn the_stored_member_count_follows_every_change_of_status(app) {
        use prassi_db::AccountStatus;
        assert_eq!(stored_members(&app), counted_members(&app));
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.pending_user("carla");
        assert_eq!(stored_members(&app), counted_members(&app));
        let before = stored_members(&app);
        let set = |who: &str, status: AccountStatus| {
            diesel::update(users::table.filter(users::username.eq(who)))
                .set(users::status.eq(status))
                .execute(&mut app.conn())
                .unwrap();
        };
        set("carla", AccountStatus::Active);
        assert_eq!(stored_members(&app), before + 1, "approved");
        set("anna", AccountStatus::Suspended);
        assert_eq!(stored_members(&app), before, "suspended");
        set("anna", AccountStatus::Suspended);
        assert_eq!(stored_members(&app), before, "a status written again moves nothing");
        diesel::update(users::table.filter(users::username.eq("bruno")))
            .set(users::display_name.eq("Bruno B."))
            .execute(&mut app.conn())
            .unwrap();
        assert_eq!(stored_members(&app), before, "other columns move nothing");
        assert_eq!(stored_members(&app), counted_members(&app));

        // What the home page shows to a member is the stored figure.
        diesel::update(site_counters::table.find("active_members"))
            .set(site_counters::value.eq(4242))
            .execute(&mut app.conn())
            .unwrap();
        let mut c = app.signed_in_as("bruno").await;
        assert!(c.get("/").await.body.contains("4242 membri"));
    }
}

both_backends! {
    async fn forum_profile_lines_count_only_what_the_viewer_may_read_and_follow_a_move(app) {
        app.set_phase(3);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        let mut admin = app.signed_in("admin", Role::Admin).await;
        let open = app.forum_category("Piazza aperta", "public");
        let closed = app.forum_category("Stanza dei membri", "members");
        app.discussion("anna", &open, "Aperta a tutti").reply("bruno", "Concordo.").create();
        let hidden = app
            .discussion("anna", &closed, "Solo per membri")
            .reply("bruno", "Anche qui.")
            .reply("anna", "Grazie.")
            .create();
        let anna = app.viewer("anna");
        let member_id = anna.user_id().unwrap().clone();
        let lines = |viewer: &prassi_core::Viewer| -> Vec<String> {
            prassi_forum::counters::profile_activity(
                &mut app.conn(),
                &member_id,
                viewer,
                app.phase(),
                "it",
            )
            .unwrap()
            .into_iter()
            .map(|i| i.value)
            .collect()
        };
        let visitor = prassi_core::Viewer::Anonymous;
        assert_eq!(lines(&anna), ["2", "3"], "discussions started, posts written");
        assert_eq!(lines(&visitor), ["1", "1"], "a visitor counts only the public category");

        let profile = admin.get("/membri/anna").await;
        assert!(profile.body.contains("Discussioni avviate"), "the forum lines are on the profile");

        // A moderator moves the members' discussion into the public category.
        let page = admin.get("/forum").await;
        let token = page.csrf().unwrap();
        let moved = admin
            .post_form(
                &format!("/forum/d/{}/moderazione", hidden.id),
                &[("csrf_token", &token), ("action", "move"), ("category", &open)],
            )
            .await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
        assert_eq!(lines(&visitor), ["2", "3"], "now all public");

        let maintained = prassi_forum::counters::snapshot(&mut app.conn()).unwrap();
        prassi_forum::counters::recompute(&mut app.conn()).unwrap();
        assert_eq!(maintained, prassi_forum::counters::snapshot(&mut app.conn()).unwrap());
    }
}
