//! Statements are prepared once per connection: filters over a list of values (the reader's
//! audiences, a page's ids) go through `prassi_db::OneOfExt::one_of`, which matches exactly
//! what `IN (…)` matches and gives diesel a statement it can keep, so a page viewed again, by
//! the same reader or by one in a different number of groups, prepares nothing new.

use super::*;
use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_db::schema::users;
use prassi_db::OneOfExt;
use prassi_tests::count_statements;

both_backends! {
    async fn one_of_matches_exactly_what_an_in_list_matches_for_every_length(app) {
        let names = ["ugo", "vera", "walter", "xenia", "yuri", "zoe"];
        for n in names {
            app.user(n, Role::Member);
        }
        let mut conn = app.conn();
        for len in 0..=names.len() {
            // The wanted names, one that does not exist, and a repeat.
            let mut wanted: Vec<String> = names[..len].iter().map(|n| n.to_string()).collect();
            wanted.push("nessuno".into());
            if len > 0 {
                wanted.push(names[0].into());
            }
            for list in [&wanted[..len], &wanted[..]] {
                let got: Vec<String> = users::table
                    .filter(users::username.one_of(list))
                    .select(users::username)
                    .order(users::username)
                    .load(&mut conn)
                    .expect("one_of");
                let expected: Vec<String> = users::table
                    .filter(users::username.eq_any(list))
                    .select(users::username)
                    .order(users::username)
                    .load(&mut conn)
                    .expect("eq_any");
                assert_eq!(got, expected, "list {list:?}");
                let mut want: Vec<String> = names[..len].iter().map(|n| n.to_string()).collect();
                want.sort();
                assert_eq!(got, want, "list {list:?}");
            }
        }
        // Inside a boxed query, combined with other conditions, and negated.
        let boxed: Vec<String> = users::table
            .into_boxed()
            .filter(users::username.one_of(["ugo", "vera", "walter"]))
            .filter(diesel::dsl::not(users::username.one_of(vec!["vera".to_string()])))
            .select(users::username)
            .order(users::username)
            .load(&mut conn)
            .expect("boxed one_of");
        assert_eq!(boxed, ["ugo", "walter"]);
    }
}

both_backends! {
    async fn list_and_question_pages_prepare_their_statements_once_whatever_the_readers_groups(app) {
        for n in ["ada", "bruno", "coordina"] {
            app.user(n, Role::Member);
        }
        app.tag("appalti", "");
        // ada reads 3 audiences (public, members, one group), bruno 4 (two groups).
        app.group("coordina", "Appalti verdi").member("ada").member("bruno").create();
        app.group("coordina", "Bilanci partecipati").member("bruno").create();
        let q = app
            .question("coordina", "Come si scrive un capitolato verde?")
            .answers(3, "ada")
            .create();
        let (ada, bruno) = (app.viewer("ada"), app.viewer("bruno"));
        assert_eq!(prassi_core::access::visible_audiences(&ada, Phase::Open).len(), 3);
        assert_eq!(prassi_core::access::visible_audiences(&bruno, Phase::Open).len(), 4);
        // A connection of its own, so its statement cache starts empty.
        let db = prassi_db::Database::connect(&app.platform.state.config.database_url, 1)
            .expect("own pool");
        let mut conn = db.get().expect("connection");
        let view = |c: &mut prassi_db::DbConnection, who: &prassi_core::access::Viewer| {
            let (list, _) = prassi_qa::service::list(
                c,
                who,
                Phase::Open,
                &Default::default(),
                prassi_core::pagination::PageRequest { page: 1, per_page: 20 },
            )
            .expect("list");
            assert_eq!(list.len(), 1);
            let page = prassi_qa::service::question_page(c, &q.id, who, Phase::Open)
                .expect("question page");
            assert_eq!(page.answers.len(), 3);
        };
        // The question page keeps the thread it read while the question's thread version
        // holds: moving it (as any write to the thread does) makes the next view read it again.
        let moved = |c: &mut prassi_db::DbConnection| {
            use prassi_db::schema::questions;
            diesel::update(questions::table.find(&q.id))
                .set(questions::thread_version.eq(questions::thread_version + 1))
                .execute(c)
                .expect("move the thread version");
        };
        let (_, first) = count_statements(&mut conn, |c| view(c, &ada));
        assert!(first.started >= 5, "{first:?}");
        // Every distinct statement was kept for next time: none was too variable to cache.
        assert_eq!(first.newly_cached, first.distinct, "{first:?}");
        // Another reader, in another number of groups: the same statements, nothing new.
        moved(&mut conn);
        let (_, second) = count_statements(&mut conn, |c| view(c, &bruno));
        assert_eq!(second.started, first.started, "{second:?}");
        assert_eq!(second.newly_cached, 0, "{second:?}");
        // With the thread and the experts box kept: five statements fewer (answers,
        // comments, revision counts, tags; the experts' areas matching the tag).
        let (_, again) = count_statements(&mut conn, |c| view(c, &ada));
        assert_eq!(again.newly_cached, 0, "{again:?}");
        assert_eq!(again.started + 5, first.started, "{again:?}");
    }
}

both_backends! {
    async fn a_signed_in_request_reads_its_session_member_and_bell_in_two_statements(app) {
        // The legal notes page reads nothing of its own: what is counted is the request's
        // context. Settings kept (each client views the page once before it is counted).
        app.user("lettrice", Role::Member);
        let first = app.group("lettrice", "Gruppo di lettura").create();
        let second = app.group("lettrice", "Secondo gruppo").create();
        let db = &app.platform.state.db;
        let mut member = app.signed_in_as("lettrice").await;
        let mut visitor = app.client().await;
        // The sign-in form keeps its CSRF token in a session: a visitor with a session.
        assert_eq!(visitor.get("/accedi").await.status, StatusCode::OK);
        let mut stranger = app.client().await;
        // Statements of a second view of the page (the first one keeps the settings).
        macro_rules! second_view {
            ($client:expr) => {{
                assert_eq!($client.get("/note-legali").await.status, StatusCode::OK);
                let before = db.statements();
                assert_eq!($client.get("/note-legali").await.status, StatusCode::OK);
                db.statements() - before
            }};
        }
        // The session with its member, their groups and the settings' version; the bell.
        assert_eq!(second_view!(member), 2, "member");
        // The session (no member) with the settings' version.
        assert_eq!(second_view!(visitor), 1, "visitor with a session");
        // No session: the settings.
        assert_eq!(second_view!(stranger), 1, "visitor without a session");
        // A static asset has no context: the member's session alone.
        let before = db.statements();
        assert_eq!(member.get("/static/prassi.css").await.status, StatusCode::OK);
        assert_eq!(db.statements() - before, 1, "a static asset");
        // The member came with their groups (a row each): both groups' reserved pages open.
        for g in [&first, &second] {
            let r = member.get(&format!("/gruppi/{}/membri", g.slug)).await;
            assert_eq!(r.status, StatusCode::OK, "{}", g.slug);
        }
    }
}
