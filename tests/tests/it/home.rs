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
    for section in prassi_server::modules()
        .iter()
        .flat_map(|m| m.home_blocks())
    {
        out.extend((section.build)(&mut app.conn(), viewer, phase).unwrap());
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
                .flat_map(|m| m.home_blocks())
                .map(|s| (s.build)(c, &viewer, phase).unwrap())
                .count()
        });
        add(38, 2);
        let (_, large) = prassi_tests::count_queries(&mut app.conn(), |c| {
            let phase = prassi_core::access::Phase::Open;
            prassi_server::modules()
                .iter()
                .flat_map(|m| m.home_blocks())
                .map(|s| (s.build)(c, &viewer, phase).unwrap())
                .count()
        });
        assert_eq!(few, 8, "Q&A (two), forum, wiki, groups, the agenda, polls and the community have blocks");
        assert_eq!(small, large, "queries must not grow with the content");
        // One or two per block (the groups block asks a member for waiting invitations; the
        // expertise block reads anna's areas, and finds none).
        assert!(small <= 10, "{small} queries for the home blocks");
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

/// The "waiting for your expertise" block of a home page.
fn expertise_block(body: &str) -> &str {
    let start = body
        .find("id=\"home-block-qa-expertise\"")
        .expect("the expertise block");
    &body[start..start + body[start..].find("</section>").unwrap()]
}

/// Declares `username`'s areas of expertise (as the profile form stores them).
fn declare_expertise(app: &TestApp, username: &str, areas: &[&str]) {
    let id: prassi_db::UserId = users::table
        .filter(users::username.eq(username))
        .select(users::id)
        .first(&mut app.conn())
        .unwrap();
    for label in areas {
        diesel::insert_into(prassi_db::schema::user_expertise::table)
            .values(prassi_db::models::UserExpertise {
                user_id: id.clone(),
                area_key: label.to_lowercase(),
                label: (*label).to_owned(),
            })
            .execute(&mut app.conn())
            .unwrap();
    }
    prassi_core::audience_cache::content_changed();
}

both_backends! {
    async fn members_see_the_unanswered_questions_in_their_areas_of_expertise(app) {
        app.set_phase(3);
        app.tag("appalti", "Appalti pubblici");
        app.tag("welfare", "Welfare di comunità");
        app.tag("bilancio", "");
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        declare_expertise(&app, "anna", &["Appalti pubblici", "Bilancio"]);
        app.question("bruno", "Come si calcola la soglia degli affidamenti diretti?").tags("appalti").create();
        app.question("bruno", "Variazioni di bilancio in corso d'anno").tags("bilancio").create();
        app.question("bruno", "Domanda sul welfare, fuori dalle aree").tags("welfare").create();
        app.question("anna", "La mia domanda sugli appalti").tags("appalti").create();
        let answered = app.question("bruno", "Appalti: domanda già risolta").tags("appalti").create();
        app.answer("anna", &answered.id, "Ecco come si fa.");
        let group = app.group("bruno", "Gruppo riservato appalti").create();
        app.question("bruno", "Domanda del gruppo sugli appalti")
            .tags("appalti")
            .audience(&format!("group:{}", group.id))
            .create();

        let mut anna = app.signed_in_as("anna").await;
        let home = anna.get("/").await;
        assert_eq!(home.status, StatusCode::OK);
        let block = expertise_block(&home.body);
        assert!(block.contains("Aspettano la tua competenza"));
        assert!(block.contains("Appalti pubblici, Bilancio"), "the areas: {block}");
        for title in ["Come si calcola la soglia degli affidamenti diretti?", "Variazioni di bilancio in corso d&#x27;anno"] {
            assert!(block.contains(title), "{title} waits for anna: {block}");
        }
        for title in ["fuori dalle aree", "La mia domanda", "già risolta", "Domanda del gruppo"] {
            assert!(!block.contains(title), "{title} is not for anna: {block}");
        }

        // An answer takes the question out at once (the answer is a content write).
        let q = app.question("bruno", "Gare sotto soglia e rotazione").tags("appalti").create();
        assert!(expertise_block(&anna.get("/").await.body).contains("Gare sotto soglia e rotazione"));
        app.answer("bruno", &q.id, "Rispondo io stesso.");
        assert!(!expertise_block(&anna.get("/").await.body).contains("Gare sotto soglia e rotazione"));

        // A member without declared areas is told where to declare them; a visitor gets no block.
        let mut bruno = app.signed_in_as("bruno").await;
        let home = bruno.get("/").await;
        assert!(home.body.contains("home-block-qa-expertise") && home.body.contains("href=\"/profilo\""));
        assert!(home.body.contains("Indica le tue aree di competenza nel profilo"));
        assert!(!home.body.contains("Come si calcola la soglia"), "bruno's own question");
        let visitor = app.client().await.get("/").await;
        assert!(!visitor.body.contains("home-block-qa-expertise"));
    }
}

both_backends! {
    async fn visitors_before_the_open_phase_learn_what_the_community_is_and_how_to_join(app) {
        app.tag("appalti", "Appalti pubblici");
        app.user("anna", Role::Member);
        app.question("anna", "Una domanda riservata ai membri").create();
        for (phase, step) in [
            (1u8, "Chiedi l&#x27;accesso con l&#x27;indirizzo email del tuo ente"),
            (2, "Compila la richiesta di adesione"),
            (3, "Registrati con il tuo indirizzo email"),
        ] {
            app.set_phase(phase);
            let home = app.client().await.get("/").await;
            assert_eq!(home.status, StatusCode::OK);
            assert!(home.body.contains("Come partecipare") && home.body.contains(step), "phase {phase}: {}", home.body);
            assert!(home.body.contains("Una comunità di pratica è un gruppo di persone"), "what a community of practice is");
            // What the community holds, named in every phase, linked only when it may be read.
            assert!(home.body.contains("Domande e risposte") || home.body.contains("Spazi della comunità"));
            assert_eq!(home.body.contains("href=\"/qa\""), phase == 3, "phase {phase}: links to the spaces");
            assert!(!home.body.contains("Una domanda riservata ai membri"));
        }
        let mut anna = app.signed_in_as("anna").await;
        let home = anna.get("/").await;
        assert!(!home.body.contains("Come partecipare"), "members are past joining");
        assert!(home.body.contains("Una domanda riservata ai membri"));
        // The page's second half is a kept fragment: the same on the next view, and another
        // one in another language.
        assert!(!anna.get("/").await.body.contains("Come partecipare"));
        anna.get("/lingua?lang=en&next=/").await;
        let en = anna.get("/").await.body;
        assert!(en.contains("href=\"/qa\"") && !en.contains("Spazi della comunità"), "{en}");
        let mut visitor = app.client().await;
        visitor.get("/lingua?lang=en&next=/").await;
        let visitor_en = visitor.get("/").await.body;
        assert!(visitor_en.contains("How to join") && !visitor_en.contains("Come partecipare"), "{visitor_en}");
    }
}

both_backends! {
    async fn the_whole_home_page_costs_a_fixed_number_of_statements_for_every_viewer_and_phase(app) {
        app.tag("appalti", "Appalti pubblici");
        app.user("anna", Role::Member);
        app.user("mod", Role::Moderator);
        app.user("bruno", Role::Member);
        declare_expertise(&app, "anna", &["Appalti pubblici"]);
        let cat = app.forum_category("Piazza", "public");
        app.group("bruno", "Gruppo di prova").member("anna").create();
        let add = |n: usize, from: usize| {
            for i in from..from + n {
                app.question("bruno", &format!("Domanda numero {i}")).tags("appalti").audience("public").create();
                app.question("bruno", &format!("Domanda riservata {i}")).tags("appalti").create();
                app.discussion("bruno", &cat, &format!("Discussione numero {i}")).create();
                app.wiki_page("bruno", &format!("Pagina numero {i}")).audience("public").create();
                let mut poll = super::polls::input(&format!("Sondaggio {i}"), "single", &["Sì", "No"]);
                poll.on_home = true;
                super::polls::create(&app, "mod", &poll);
            }
        };
        // Statements of one view of `/` after a content write (every block built), then of a
        // view right after it (every block kept, unless another test wrote in between).
        async fn two_views<S, B>(app: &TestApp, client: &mut prassi_tests::Client<S>) -> (u64, u64)
        where
            S: actix_web::dev::Service<actix_http::Request, Response = actix_web::dev::ServiceResponse<B>, Error = actix_web::Error>,
            B: actix_web::body::MessageBody,
        {
            let db = &app.platform.state.db;
            prassi_core::audience_cache::content_changed();
            let before = db.statements();
            assert_eq!(client.get("/").await.status, StatusCode::OK);
            let cold = db.statements() - before;
            let before = db.statements();
            assert_eq!(client.get("/").await.status, StatusCode::OK);
            (cold, db.statements() - before)
        }
        async fn views(app: &TestApp, who: Option<&str>) -> (u64, u64) {
            match who {
                Some(u) => two_views(app, &mut app.signed_in_as(u).await).await,
                None => two_views(app, &mut app.client().await).await,
            }
        }
        add(2, 0);
        let mut small = Vec::new();
        for phase in [1u8, 2, 3] {
            for who in [None, Some("anna"), Some("mod")] {
                // Set before every measure, as below, so that each first view finds the kept
                // site settings in the same state (a change makes the next signed-in request
                // read them).
                app.set_phase(phase);
                small.push((phase, who, views(&app, who).await));
            }
        }
        add(18, 2);
        for (phase, who, (cold, warm)) in small {
            app.set_phase(phase);
            let (cold_large, _) = views(&app, who).await;
            assert_eq!(cold, cold_large, "phase {phase}, {who:?}: statements grew with the content");
            assert!(warm <= cold, "phase {phase}, {who:?}: a kept view costs more ({warm} > {cold})");
            // Anonymous: the phase and the settings; members: the session and their account,
            // then one hop for every block (a few queries each: the groups block reads four
            // activity sources, the expertise block up to five steps).
            let ceiling = if who.is_none() { 12 } else { 34 };
            assert!(cold <= ceiling, "phase {phase}, {who:?}: {cold} statements for the home page");
            eprintln!("home page, phase {phase}, {who:?}: {cold} statements built, {warm} kept");
        }
    }
}

both_backends! {
    async fn a_members_home_shows_the_latest_activity_of_their_groups_and_of_no_other(app) {
        app.set_phase(3);
        app.tag("appalti", "Appalti pubblici");
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        let mine = app.group("anna", "Laboratorio appalti").member("bruno").create();
        let other = app.group("bruno", "Tavolo riservato").create();
        let ask = |g: &prassi_db::models::WorkGroup, title: &str| {
            let v = app.viewer("bruno");
            let input = prassi_qa::service::QuestionInput {
                title: title.into(),
                body_md: "Testo della domanda nel gruppo.".into(),
                tags: "appalti".into(),
                audience: format!("group:{}", g.id),
                ..Default::default()
            };
            prassi_db::write_tx(&mut app.conn(), |c| {
                prassi_qa::service::ask_in_group(c, &v, app.phase(), &g.id, &input)
            })
            .unwrap();
        };
        ask(&mine, "Domanda nel mio laboratorio");
        ask(&other, "Domanda del tavolo altrui");
        let home = app.signed_in_as("anna").await.get("/").await;
        let start = home.body.find("id=\"home-block-groups\"").expect("the groups block");
        let block = &home.body[start..start + home.body[start..].find("</section>").unwrap()];
        assert!(block.contains("Ultime novità nei tuoi gruppi") && block.contains("Laboratorio appalti"), "{block}");
        assert!(block.contains("Domanda nel mio laboratorio"), "{block}");
        assert!(!home.body.contains("Domanda del tavolo altrui"));
    }
}
