//! Polls: one ballot per member under concurrency (the same vote a hundred times at once, many
//! members at once, changes racing), stored counters equal to the ballots, every
//! results-visibility setting for every kind of viewer, ranked choice against rounds counted
//! by hand, secret ballots kept apart from their voters (the schema proves it), the
//! append-only decision record, every error of the forms and the API at once, exports safe in
//! a spreadsheet, search with audiences, the home page's block and the demo.

use diesel::prelude::*;
use prassi_core::access::Viewer;
use prassi_core::AppResult;
use prassi_db::ids::PollId;
use prassi_db::schema::{
    poll_decisions, poll_options, poll_participants, poll_secret_ballots, poll_votes, polls,
};
use prassi_db::UserId;
use prassi_polls::service::vote::VoteOutcome;
use prassi_polls::service::{self as svc, PollInput, VoteInput};

use super::*;

pub(crate) fn input(question: &str, kind: &str, options: &[&str]) -> PollInput {
    PollInput {
        question: question.into(),
        description_md: "Una domanda veloce alla comunità.".into(),
        kind: kind.into(),
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        audience: "members".into(),
        ..PollInput::default()
    }
}

pub(crate) fn create(app: &TestApp, who: &str, input: &PollInput) -> PollId {
    let v = app.viewer(who);
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| svc::create(c, &v, phase, input)).unwrap()
}

fn option_ids(app: &TestApp, id: &PollId) -> Vec<String> {
    poll_options::table
        .filter(poll_options::poll_id.eq(id))
        .order(poll_options::position.asc())
        .select(poll_options::id)
        .load::<prassi_db::ids::PollOptionId>(&mut app.conn())
        .unwrap()
        .into_iter()
        .map(|o| o.0)
        .collect()
}

fn ballot(ids: &[String], picks: &[usize]) -> VoteInput {
    VoteInput {
        options: picks.iter().map(|p| ids[*p].clone()).collect(),
    }
}

fn vote(app: &TestApp, v: &Viewer, id: &PollId, picks: &[usize]) -> AppResult<VoteOutcome> {
    let ids = option_ids(app, id);
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| {
        svc::vote(c, v, phase, id.as_str(), &ballot(&ids, picks))
    })
}

fn close(app: &TestApp, who: &str, id: &PollId) {
    let v = app.viewer(who);
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| svc::close(c, &v, phase, id.as_str())).unwrap()
}

fn detail(app: &TestApp, v: &Viewer, id: &PollId) -> svc::PollDetail {
    let phase = app.phase();
    svc::detail(&mut app.conn(), v, phase, id.as_str()).unwrap()
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

/// (voter_count, vote_count per option) as stored.
fn stored(app: &TestApp, id: &PollId) -> (i64, Vec<i64>) {
    let voters: i64 = polls::table
        .find(id)
        .select(polls::voter_count)
        .first(&mut app.conn())
        .unwrap();
    let counts: Vec<i64> = poll_options::table
        .filter(poll_options::poll_id.eq(id))
        .order(poll_options::position.asc())
        .select(poll_options::vote_count)
        .load(&mut app.conn())
        .unwrap();
    (voters, counts)
}

/// (ballots, votes per option) as the rows say.
fn counted(app: &TestApp, id: &PollId, options: usize) -> (i64, Vec<i64>) {
    let rows: Vec<String> = poll_votes::table
        .filter(poll_votes::poll_id.eq(id))
        .select(poll_votes::choices)
        .load(&mut app.conn())
        .unwrap();
    let mut counts = vec![0i64; options];
    for r in &rows {
        for p in svc::decode(r) {
            counts[p as usize] += 1;
        }
    }
    (rows.len() as i64, counts)
}

/// Runs `f` for every item on `threads` threads with their own connections (a pool of their
/// own), all starting together; returns the results in the items' order.
fn race<T: Send + 'static, R: Send + 'static>(
    app: &TestApp,
    items: Vec<T>,
    threads: usize,
    f: impl Fn(&mut prassi_db::DbConnection, T) -> R + Send + Sync + 'static,
) -> Vec<R> {
    let f = std::sync::Arc::new(f);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(threads));
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

/// The same member's identical ballot sent `n` times at once on 8 connections.
fn same_vote_at_once(
    app: &TestApp,
    v: &Viewer,
    id: &PollId,
    picks: &[usize],
    n: usize,
) -> Vec<AppResult<VoteOutcome>> {
    let input = ballot(&option_ids(app, id), picks);
    let (phase, poll, v) = (app.phase(), id.clone(), v.clone());
    race(app, vec![(); n], 8, move |conn, ()| {
        prassi_db::write_tx(conn, |c| svc::vote(c, &v, phase, poll.as_str(), &input))
    })
}

both_backends! {
    async fn a_hundred_simultaneous_identical_votes_count_exactly_once(app) {
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let socio = app.viewer("socio");
        // Votes may not change: one is recorded, the others are told they already voted.
        let fixed = create(&app, "admin", &input("Quando ci vediamo?", "single", &["Martedì", "Giovedì"]));
        let results = same_vote_at_once(&app, &socio, &fixed, &[1], 100);
        let recorded = results.iter().filter(|r| matches!(r, Ok(VoteOutcome::Recorded))).count();
        let refused: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(recorded, 1, "{results:?}");
        assert_eq!(refused.len(), 99);
        assert!(refused.iter().all(|e| e.message == "polls-already-voted"), "{refused:?}");
        assert_eq!(stored(&app, &fixed), (1, vec![0, 1]));
        assert_eq!(counted(&app, &fixed, 2), (1, vec![0, 1]));
        // Votes may change: the same ballot again changes nothing, whatever the timing.
        let mut open = input("Quale formato preferite?", "multiple", &["In presenza", "Online", "Ibrido"]);
        open.allow_change = true;
        let changing = create(&app, "admin", &open);
        let results = same_vote_at_once(&app, &socio, &changing, &[0, 2], 100);
        assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
        assert_eq!(results.iter().filter(|r| matches!(r, Ok(VoteOutcome::Recorded))).count(), 1);
        assert_eq!(results.iter().filter(|r| matches!(r, Ok(VoteOutcome::Unchanged))).count(), 99);
        assert_eq!(stored(&app, &changing), (1, vec![1, 0, 1]));
        // A secret ballot: one participant, one ballot.
        let mut secret = input("Approvate il regolamento?", "single", &["Sì", "No"]);
        secret.secret = true;
        let secret = create(&app, "admin", &secret);
        let results = same_vote_at_once(&app, &socio, &secret, &[0], 100);
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
        let n = |t: &str| -> i64 {
            match t {
                "participants" => poll_participants::table.filter(poll_participants::poll_id.eq(&secret)).count().get_result(&mut app.conn()).unwrap(),
                _ => poll_secret_ballots::table.filter(poll_secret_ballots::poll_id.eq(&secret)).count().get_result(&mut app.conn()).unwrap(),
            }
        };
        assert_eq!((n("participants"), n("ballots")), (1, 1));
        assert_eq!(stored(&app, &secret).0, 1);
    }
}

both_backends! {
    async fn many_members_voting_and_changing_at_once_keep_the_counters_equal_to_the_ballots(app) {
        app.user("admin", Role::Admin);
        let mut i = input("Quali temi per il prossimo incontro?", "multiple", &["Appalti", "Valutazione", "Finanza di impatto", "PBR"]);
        i.max_choices = "2".into();
        i.allow_change = true;
        let id = create(&app, "admin", &i);
        let people = app.members("voto", 120, "Comune di Padova");
        let viewers: Vec<Viewer> = people.iter().map(|p| viewer_of(&app, p)).collect();
        let ids = option_ids(&app, &id);
        let phase = app.phase();
        let jobs: Vec<(Viewer, VoteInput)> = viewers.iter().enumerate().map(|(k, v)| (v.clone(), ballot(&ids, &[k % 4, (k + 1) % 4]))).collect();
        let poll = id.clone();
        let results = race(&app, jobs, 8, move |conn, (v, b)| {
            prassi_db::write_tx(conn, |c| svc::vote(c, &v, phase, poll.as_str(), &b))
        });
        assert!(results.iter().all(|r| matches!(r, Ok(VoteOutcome::Recorded))), "{results:?}");
        assert_eq!(stored(&app, &id), counted(&app, &id, 4));
        assert_eq!(stored(&app, &id).0, 120);
        // Half change their minds while the other half vote the same again, each twice at once.
        let jobs: Vec<(Viewer, VoteInput)> = viewers
            .iter()
            .enumerate()
            .flat_map(|(k, v)| {
                let b = if k % 2 == 0 { ballot(&ids, &[(k + 2) % 4]) } else { ballot(&ids, &[k % 4, (k + 1) % 4]) };
                [(v.clone(), b.clone()), (v.clone(), b)]
            })
            .collect();
        let poll = id.clone();
        let results = race(&app, jobs, 8, move |conn, (v, b)| {
            prassi_db::write_tx(conn, |c| svc::vote(c, &v, phase, poll.as_str(), &b))
        });
        assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
        let changed = results.iter().filter(|r| matches!(r, Ok(VoteOutcome::Changed))).count();
        assert_eq!(changed, 60, "each change counted once");
        let (voters, counts) = stored(&app, &id);
        assert_eq!((voters, counts.clone()), counted(&app, &id, 4), "the counters are the ballots");
        assert_eq!(voters, 120);
        assert_eq!(counts.iter().sum::<i64>(), 60 * 2 + 60);
    }
}

/// The viewers of the visibility grid.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Visitor,
    Member,
    Voter,
    Organiser,
}

both_backends! {
    async fn every_results_visibility_setting_for_every_kind_of_viewer(app) {
        app.set_phase(3);
        app.user("mod", Role::Moderator);
        app.user("socio", Role::Member);
        app.user("votante", Role::Member);
        let viewers = [(Who::Visitor, Viewer::Anonymous), (Who::Member, app.viewer("socio")), (Who::Voter, app.viewer("votante")), (Who::Organiser, app.viewer("mod"))];
        use Who::*;
        // (setting, secret, closed) → who sees the results.
        #[rustfmt::skip]
        let grid: Vec<(&str, bool, bool, &[Who])> = vec![
            ("always", false, false, &[Visitor, Member, Voter, Organiser]),
            ("always", false, true, &[Visitor, Member, Voter, Organiser]),
            ("after_vote", false, false, &[Voter, Organiser]),
            ("after_vote", false, true, &[Visitor, Member, Voter, Organiser]),
            ("after_close", false, false, &[]),
            ("after_close", false, true, &[Visitor, Member, Voter, Organiser]),
            ("organisers", false, false, &[Organiser]),
            ("organisers", false, true, &[Organiser]),
            ("always", true, false, &[]),
            ("always", true, true, &[Visitor, Member, Voter, Organiser]),
            ("after_vote", true, false, &[]),
            ("after_vote", true, true, &[Visitor, Member, Voter, Organiser]),
            ("after_close", true, false, &[]),
            ("after_close", true, true, &[Visitor, Member, Voter, Organiser]),
            ("organisers", true, false, &[]),
            ("organisers", true, true, &[Organiser]),
        ];
        for (setting, secret, closed, expected) in grid {
            let mut i = input(&format!("Visibilità {setting} {secret} {closed}"), "single", &["Sì", "No"]);
            i.audience = "public".into();
            i.results = setting.into();
            i.secret = secret;
            let id = create(&app, "mod", &i);
            vote(&app, &app.viewer("votante"), &id, &[0]).unwrap();
            if closed {
                close(&app, "mod", &id);
            }
            for (who, v) in &viewers {
                let d = detail(&app, v, &id);
                let sees = expected.contains(who);
                assert_eq!(d.results.is_some(), sees, "{setting} secret={secret} closed={closed}: {who:?}");
                assert_eq!(d.results_hidden.is_none(), sees);
                if let Some(r) = &d.results {
                    assert_eq!(r.bars[0].count, 1, "the vote is counted for {who:?} ({setting} {secret} {closed})");
                }
                // Voters are shown only with the results, never for a secret ballot.
                assert!(d.voters.is_empty());
            }
            // The API agrees with the service, for a visitor and for the organiser.
            let mut anon = app.client().await;
            let r = anon.get(&format!("/api/v1/polls/{id}")).await.json();
            assert_eq!(!r["results"].is_null(), expected.contains(&Visitor), "{setting} {secret} {closed}");
        }
        // Voters shown: with the results, by name and choice.
        let mut i = input("Chi viene alla visita di studio?", "single", &["Io", "Non io"]);
        i.show_voters = true;
        i.results = "after_vote".into();
        let id = create(&app, "mod", &i);
        vote(&app, &app.viewer("votante"), &id, &[0]).unwrap();
        assert!(detail(&app, &app.viewer("socio"), &id).voters.is_empty(), "not before the member votes");
        let d = detail(&app, &app.viewer("votante"), &id);
        assert_eq!(d.voters.len(), 1);
        assert_eq!(d.voters[0].choices, vec!["Io".to_owned()]);
    }
}

both_backends! {
    async fn ranked_choice_is_counted_by_instant_runoff_as_counted_by_hand(app) {
        app.user("mod", Role::Moderator);
        let mut i = input("In che ordine affrontiamo le priorità?", "ranked", &["Alfa", "Beta", "Gamma", "Delta"]);
        i.results = "always".into();
        let id = create(&app, "mod", &i);
        // The hand-counted example of prassi_polls::irv: 9 ballots, three rounds.
        let ballots: Vec<&[usize]> = vec![&[0], &[0], &[0], &[0], &[1, 2], &[1, 0], &[2, 1], &[2, 1], &[3, 2]];
        let people = app.members("rango", 9, "Comune di Bologna");
        for (p, b) in people.iter().zip(&ballots) {
            vote(&app, &viewer_of(&app, p), &id, b).unwrap();
        }
        // Open: members see first preferences only; the organiser sees the rounds, counted live.
        let member = detail(&app, &viewer_of(&app, &people[0]), &id);
        let r = member.results.unwrap();
        assert_eq!(r.basis, "first_preferences");
        assert_eq!(r.bars.iter().map(|b| b.count).collect::<Vec<_>>(), vec![4, 2, 2, 1]);
        let live = detail(&app, &app.viewer("mod"), &id).results.unwrap();
        assert_eq!((live.basis.as_str(), live.rounds.len(), live.is_final), ("runoff", 3, false));
        assert!(polls::table.find(&id).select(polls::ranked_rounds).first::<Option<String>>(&mut app.conn()).unwrap().is_none(), "nothing stored before closing");
        close(&app, "mod", &id);
        let stored_rounds: Option<String> = polls::table.find(&id).select(polls::ranked_rounds).first(&mut app.conn()).unwrap();
        assert!(stored_rounds.is_some(), "the rounds are stored at closing");
        let r = detail(&app, &viewer_of(&app, &people[0]), &id).results.unwrap();
        let rounds: Vec<Vec<Option<i64>>> = r.rounds.iter().map(|x| x.counts.clone()).collect();
        assert_eq!(rounds, vec![
            vec![Some(4), Some(2), Some(2), Some(1)],
            vec![Some(4), Some(2), Some(3), None],
            vec![Some(5), None, Some(4), None],
        ]);
        assert_eq!(r.rounds[0].eliminated, vec!["Delta".to_owned()]);
        assert_eq!(r.rounds[1].eliminated, vec!["Beta".to_owned()]);
        assert_eq!(r.winner.as_deref(), Some("Alfa"));
        assert!(r.is_final);
        // Views read the stored rounds: a ballot changed behind the poll's back does not move them.
        diesel::update(poll_votes::table.filter(poll_votes::poll_id.eq(&id))).set(poll_votes::choices.eq("3")).execute(&mut app.conn()).unwrap();
        assert_eq!(detail(&app, &app.viewer("mod"), &id).results.unwrap().winner.as_deref(), Some("Alfa"));
        // The page shows every round and the winner.
        let mut c = app.signed_in_as("mod").await;
        let page = c.get(&format!("/sondaggi/{id}")).await;
        assert_eq!(page.status, StatusCode::OK);
        for s in ["Turno 1", "Turno 3", "Vince «Alfa»", "esce Delta", "<svg class=\"poll-bar\""] {
            assert!(page.body.contains(s), "{s}: {}", page.body);
        }
        // Through the API and the form: a ranked ballot names options in order.
        let mut i = input("Un'altra classifica", "ranked", &["Uno", "Due", "Tre"]);
        i.min_choices = "2".into();
        let other = create(&app, "mod", &i);
        let ids = option_ids(&app, &other);
        let r = c.submit(&format!("/sondaggi/{other}"), &format!("/sondaggi/{other}/voto"), &[("rank_".to_owned() + &ids[2], "1".to_owned()), ("rank_".to_owned() + &ids[0], "2".to_owned())].iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>()).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let mine: String = poll_votes::table.filter(poll_votes::poll_id.eq(&other)).select(poll_votes::choices).first(&mut app.conn()).unwrap();
        assert_eq!(mine, "2,0");
    }
}

#[derive(QueryableByName)]
struct Col {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

fn columns_of(app: &TestApp, table: &str) -> Vec<String> {
    let sql = match app.backend {
        prassi_tests::Backend::Sqlite => {
            format!("SELECT name FROM pragma_table_info('{table}') ORDER BY name")
        }
        prassi_tests::Backend::Postgres => format!(
            "SELECT column_name::text AS name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = '{table}' ORDER BY column_name"
        ),
    };
    diesel::sql_query(sql)
        .load::<Col>(&mut app.conn())
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect()
}

#[derive(QueryableByName, Debug)]
struct Fk {
    #[diesel(sql_type = diesel::sql_types::Text)]
    child: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    parent: String,
}

fn keys_of(app: &TestApp, table: &str) -> Vec<String> {
    let sql = match app.backend {
        prassi_tests::Backend::Sqlite => format!("SELECT '{table}' AS child, \"table\" AS parent FROM pragma_foreign_key_list('{table}')"),
        prassi_tests::Backend::Postgres => format!(
            "SELECT tc.table_name::text AS child, ccu.table_name::text AS parent \
             FROM information_schema.table_constraints AS tc \
             JOIN information_schema.constraint_column_usage AS ccu \
               ON ccu.constraint_schema = tc.constraint_schema AND ccu.constraint_name = tc.constraint_name \
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = '{table}'"
        ),
    };
    let mut v: Vec<String> = diesel::sql_query(sql)
        .load::<Fk>(&mut app.conn())
        .unwrap()
        .into_iter()
        .map(|k| {
            assert_eq!(k.child, table);
            k.parent
        })
        .collect();
    v.sort();
    v
}

both_backends! {
    async fn secret_ballots_keep_who_voted_and_what_apart(app) {
        // The schema: ballots carry the poll, a key and the content; nothing else.
        assert_eq!(columns_of(&app, "poll_secret_ballots"), vec!["content", "id", "poll_id"]);
        assert_eq!(columns_of(&app, "poll_participants"), vec!["poll_id", "user_id"]);
        assert_eq!(keys_of(&app, "poll_secret_ballots"), vec!["polls"], "no key to users or to participants");
        assert_eq!(keys_of(&app, "poll_participants"), vec!["polls", "users"]);
        for table in ["poll_secret_ballots", "poll_participants"] {
            for col in columns_of(&app, table) {
                assert!(!col.ends_with("_at") && !col.contains("time") && !col.contains("date") && !col.contains("seq"), "{table}.{col}");
            }
        }
        if app.backend == prassi_tests::Backend::Sqlite {
            #[derive(QueryableByName)]
            struct Sql {
                #[diesel(sql_type = diesel::sql_types::Text)]
                sql: String,
            }
            for table in ["poll_secret_ballots", "poll_participants"] {
                let s: Sql = diesel::sql_query(format!("SELECT sql FROM sqlite_master WHERE name = '{table}'")).get_result(&mut app.conn()).unwrap();
                assert!(s.sql.contains("WITHOUT ROWID"), "{table} has no rowid to order it by: {}", s.sql);
            }
        }
        // Voting: the ballot's key is random (UUID version 4, no time in it).
        app.user("admin", Role::Admin);
        let mut i = input("Approvate il regolamento della comunità?", "single", &["Sì", "No", "Astensione"]);
        i.secret = true;
        let id = create(&app, "admin", &i);
        let people = app.members("urna", 6, "Regione Emilia-Romagna");
        for (k, p) in people.iter().enumerate() {
            vote(&app, &viewer_of(&app, p), &id, &[[0, 0, 1, 0, 2, 0][k]]).unwrap();
        }
        let keys: Vec<String> = poll_secret_ballots::table.filter(poll_secret_ballots::poll_id.eq(&id)).select(poll_secret_ballots::id).load(&mut app.conn()).unwrap();
        assert_eq!(keys.len(), 6);
        assert!(keys.iter().all(|k| uuid::Uuid::parse_str(k).unwrap().get_version_num() == 4), "{keys:?}");
        // Nobody sees counts before closing, not even an administrator; nothing moved them.
        assert_eq!(stored(&app, &id), (6, vec![0, 0, 0]));
        assert!(detail(&app, &app.viewer("admin"), &id).results.is_none());
        let mut admin = app.signed_in_as("admin").await;
        let r = admin.get(&format!("/api/v1/polls/{id}/export")).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        // A voter cannot vote again, nor change.
        let again = vote(&app, &viewer_of(&app, &people[0]), &id, &[1]).unwrap_err();
        assert_eq!(again.message, "polls-already-voted");
        // Creating a secret ballot that shows voters or lets votes change is refused.
        let mut bad = i.clone();
        bad.show_voters = true;
        bad.allow_change = true;
        let csrf = admin.get("/sondaggi").await.csrf().unwrap();
        let r = admin.json(Method::POST, "/api/v1/polls", &serde_json::to_value(&bad).unwrap(), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<String> = r.json()["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
        assert_eq!(fields, vec!["show_voters", "allow_change"]);
        // Closing counts the ballots once and writes them again under new random keys.
        close(&app, "admin", &id);
        assert_eq!(stored(&app, &id), (6, vec![4, 1, 1]));
        let after: Vec<String> = poll_secret_ballots::table.filter(poll_secret_ballots::poll_id.eq(&id)).select(poll_secret_ballots::id).load(&mut app.conn()).unwrap();
        assert_eq!(after.len(), 6);
        assert!(after.iter().all(|k| !keys.contains(k)), "new keys after closing");
        let d = detail(&app, &viewer_of(&app, &people[1]), &id);
        assert_eq!(d.results.unwrap().bars.iter().map(|b| b.count).collect::<Vec<_>>(), vec![4, 1, 1]);
        assert!(d.voted && d.my_choices.is_empty(), "the voter's own choice is not known");
        // The export has the ballots without names, sorted by content.
        let e = admin.get(&format!("/api/v1/polls/{id}/export")).await.json();
        let ballots = e["ballots"].as_array().unwrap();
        assert_eq!(ballots.len(), 6);
        assert!(ballots.iter().all(|b| b["username"].is_null()));
    }
}

both_backends! {
    async fn the_decision_record_is_append_only_and_corrections_append(app) {
        app.user("admin", Role::Admin);
        app.user("coord", Role::Member);
        app.user("socio", Role::Member);
        app.user("fuori", Role::Member);
        let g = app.group("coord", "Piazza dei funzionari").member("socio").create();
        let mut i = input("Adottiamo il calendario degli incontri?", "single", &["Sì", "No"]);
        i.group = g.slug.clone();
        let id = create(&app, "coord", &i);
        vote(&app, &app.viewer("socio"), &id, &[0]).unwrap();
        let mut coord = app.signed_in_as("coord").await;
        let csrf = coord.get("/sondaggi").await.csrf().unwrap();
        let url = format!("/api/v1/polls/{id}/decisions");
        let entry = json!({"decision_md": "Il calendario è adottato.", "deciders": "Gruppo di lavoro", "decided_on": "2026-12-01"});
        // Not before closing.
        let r = coord.json(Method::POST, &url, &entry, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        // The coordinator organises the group's poll: closes it; turnout against the group.
        let r = coord.json(Method::POST, &format!("/api/v1/polls/{id}/close"), &json!({}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["eligible_count"], 2, "the group's two members");
        // A member who does not organise it may not record anything.
        let mut socio = app.signed_in_as("socio").await;
        let scsrf = socio.get("/sondaggi").await.csrf().unwrap();
        assert_eq!(socio.json(Method::POST, &url, &entry, Some(&scsrf)).await.status, StatusCode::FORBIDDEN);
        // Someone outside the group does not even see the poll.
        let mut fuori = app.signed_in_as("fuori").await;
        let fcsrf = fuori.get("/sondaggi").await.csrf().unwrap();
        assert_eq!(fuori.json(Method::POST, &url, &entry, Some(&fcsrf)).await.status, StatusCode::NOT_FOUND);
        let r = coord.json(Method::POST, &url, &entry, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let first = r.json()["id"].as_str().unwrap().to_owned();
        let d = &r.json()["poll"]["decisions"][0];
        assert_eq!((d["turnout"].as_i64(), d["eligible"].as_i64()), (Some(1), Some(2)));
        // A second first entry is refused; a correction appends and names the first.
        let r = coord.json(Method::POST, &url, &entry, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["error"]["message"], "polls-decision-exists");
        let correction = json!({"decision_md": "Il calendario è adottato, con l'incontro di marzo spostato ad aprile.", "deciders": "Gruppo di lavoro", "decided_on": "2026-12-02", "corrects": first});
        let r = coord.json(Method::POST, &url, &correction, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let decisions = r.json()["poll"]["decisions"].as_array().unwrap().clone();
        assert_eq!(decisions.len(), 2);
        assert_eq!(decisions[0]["corrected_by"], decisions[1]["id"]);
        assert_eq!(decisions[1]["corrects"], json!(first));
        // The same entry is not corrected twice: correct the latest.
        let r = coord.json(Method::POST, &url, &correction, Some(&csrf)).await;
        assert_eq!(r.json()["error"]["message"], "polls-decision-already-corrected");
        // Nothing changes an entry: no route does, and the database refuses an UPDATE.
        let r = coord.json(Method::PUT, &format!("{url}/{first}"), &entry, Some(&csrf)).await;
        assert!(r.status == StatusCode::NOT_FOUND || r.status == StatusCode::METHOD_NOT_ALLOWED, "{}", r.status);
        let refused = diesel::update(poll_decisions::table.filter(poll_decisions::id.eq(&first))).set(poll_decisions::decision_md.eq("Riscritta")).execute(&mut app.conn());
        assert!(refused.is_err(), "an UPDATE of a decision is refused");
        let text: String = poll_decisions::table.filter(poll_decisions::id.eq(&first)).select(poll_decisions::decision_md).first(&mut app.conn()).unwrap();
        assert_eq!(text, "Il calendario è adottato.");
        // The page shows both, the first marked as corrected.
        let page = socio.get(&format!("/sondaggi/{id}")).await;
        assert!(page.body.contains("spostato ad aprile") && page.body.contains("corretta"), "{}", page.body);
        assert!(page.body.contains("Hanno votato 1 su 2 aventi diritto"));
        // Through the form: errors at once, kept.
        let r = coord.submit(&format!("/sondaggi/{id}"), &format!("/sondaggi/{id}/decisione"), &[("decision_md", ""), ("deciders", ""), ("decided_on", "2999-01-01"), ("corrects", "")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for f in ["decision_md", "deciders", "decided_on"] {
            assert!(r.body.contains(&format!("href=\"#field-{f}\"")), "{f}");
        }
    }
}

both_backends! {
    async fn bad_poll_input_and_bad_ballots_list_every_error_at_once(app) {
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let mut admin = app.signed_in_as("admin").await;
        let csrf = admin.get("/sondaggi").await.csrf().unwrap();
        let cases: Vec<(serde_json::Value, &str, &str)> = vec![
            (json!({"question": "Q", "kind": "single", "options": []}), "options", "polls-options-missing"),
            (json!({"question": "Q", "kind": "single", "options": ["Solo"]}), "options", "polls-options-too-few"),
            (json!({"question": "Q", "kind": "single", "options": (1..=21).map(|n| n.to_string()).collect::<Vec<_>>()}), "options", "polls-options-too-many"),
            (json!({"question": "Q", "kind": "single", "options": ["Sì", "  sì "]}), "options", "polls-option-duplicate"),
            (json!({"question": "Q", "kind": "single", "options": ["Sì", "", "No"]}), "options", "polls-option-empty"),
            (json!({"question": "Q", "kind": "single", "options": "Sì\n\nNo"}), "options", "polls-option-empty"),
            (json!({"question": "Q", "kind": "single", "options": ["A", "B"], "closes_at": "2020-01-01T10:00"}), "closes_at", "polls-close-in-past"),
            (json!({"question": "Q", "kind": "multiple", "options": ["A", "B", "C"], "min_choices": 3, "max_choices": 2}), "min_choices", "polls-min-above-max"),
            (json!({"question": "Q", "kind": "multiple", "options": ["A", "B", "C"], "max_choices": "4"}), "max_choices", "polls-max-above-options"),
        ];
        for (body, field, message) in cases {
            let r = admin.json(Method::POST, "/api/v1/polls", &body, Some(&csrf)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.body);
            let fields = r.json()["error"]["fields"].as_array().unwrap().clone();
            assert!(fields.iter().any(|f| f["field"] == field && f["message"] == message), "{body}: {fields:?}");
        }
        // Everything wrong at once.
        let r = admin.json(Method::POST, "/api/v1/polls", &json!({"question": "", "kind": "a caso", "options": ["x"], "closes_at": "ieri", "audience": "tutti", "results": "mai"}), Some(&csrf)).await;
        let fields: Vec<String> = r.json()["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
        assert_eq!(fields, vec!["question", "kind", "options", "closes_at", "audience", "results"]);
        // The form: every error in the summary, what was typed kept.
        let r = admin.submit("/sondaggi/nuovo", "/sondaggi/nuovo", &[("question", ""), ("kind", "multiple"), ("options", "Appalti\nappalti"), ("min_choices", "5"), ("max_choices", "1")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for anchor in ["question", "options", "min_choices"] {
            assert!(r.body.contains(&format!("href=\"#field-{anchor}\"")), "{anchor}: {}", r.body);
        }
        assert!(r.body.contains("Appalti\nappalti") && r.body.contains("<title>Errore: "), "{}", r.body);
        // Ballots.
        let a = create(&app, "admin", &input("Prima domanda", "single", &["A", "B"]));
        let b = create(&app, "admin", &input("Seconda domanda", "single", &["C", "D"]));
        let mut socio = app.signed_in_as("socio").await;
        let scsrf = socio.get("/sondaggi").await.csrf().unwrap();
        let other = option_ids(&app, &b)[0].clone();
        let r = socio.json(Method::POST, &format!("/api/v1/polls/{a}/vote"), &json!({"options": [other]}), Some(&scsrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "an option of another poll");
        assert_eq!(r.json()["error"]["fields"][0]["message"], "polls-option-unknown");
        let mine = option_ids(&app, &a);
        let r = socio.json(Method::POST, &format!("/api/v1/polls/{a}/vote"), &json!({"options": [mine[0], mine[1]]}), Some(&scsrf)).await;
        assert_eq!(r.json()["error"]["fields"][0]["message"], "polls-choose-one");
        let r = socio.json(Method::POST, &format!("/api/v1/polls/{a}/vote"), &json!({"options": [mine[0]]}), Some(&scsrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = socio.json(Method::POST, &format!("/api/v1/polls/{a}/vote"), &json!({"options": [mine[1]]}), Some(&scsrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "a second vote where changes are not allowed");
        // The page form answers the same, on the poll's page, with the summary.
        let r = socio.submit(&format!("/sondaggi/{b}"), &format!("/sondaggi/{b}/voto"), &[]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("href=\"#field-options\""), "{}", r.body);
        close(&app, "admin", &b);
        let d = option_ids(&app, &b)[1].clone();
        let r = socio.json(Method::POST, &format!("/api/v1/polls/{b}/vote"), &json!({"options": [d]}), Some(&scsrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "a vote after closing");
        assert_eq!(r.json()["error"]["message"], "polls-closed");
        // A poll the voter may not read answers like a missing one.
        app.user("coord", Role::Member);
        let g = app.group("coord", "Laboratorio riservato").visibility("secret").create();
        let mut gi = input("Solo per il gruppo", "single", &["A", "B"]);
        gi.group = g.slug.clone();
        let hidden = create(&app, "coord", &gi);
        let hid = option_ids(&app, &hidden)[0].clone();
        let r = socio.json(Method::POST, &format!("/api/v1/polls/{hidden}/vote"), &json!({"options": [hid]}), Some(&scsrf)).await;
        let missing = socio.json(Method::POST, "/api/v1/polls/01900000-0000-7000-8000-000000000000/vote", &json!({"options": [hid]}), Some(&scsrf)).await;
        assert_eq!((r.status, r.body.clone()), (StatusCode::NOT_FOUND, missing.body));
        // Visitors are asked to sign in.
        let mut anon = app.client().await;
        let r = anon.json(Method::POST, &format!("/api/v1/polls/{a}/vote"), &json!({"options": [mine[0]]}), None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
}

both_backends! {
    async fn moderators_admins_and_coordinators_create_and_only_moderators_choose_the_home_page(app) {
        app.user("mod", Role::Moderator);
        app.user("coord", Role::Member);
        app.user("socio", Role::Member);
        let g = app.group("coord", "Tavolo povertà").member("socio").create();
        let mut socio = app.signed_in_as("socio").await;
        let scsrf = socio.get("/sondaggi").await.csrf().unwrap();
        let body = serde_json::to_value(input("Una domanda", "single", &["A", "B"])).unwrap();
        assert_eq!(socio.json(Method::POST, "/api/v1/polls", &body, Some(&scsrf)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(socio.get("/sondaggi/nuovo").await.status, StatusCode::FORBIDDEN);
        let mut coord = app.signed_in_as("coord").await;
        let ccsrf = coord.get("/sondaggi").await.csrf().unwrap();
        let r = coord.json(Method::POST, "/api/v1/polls", &body, Some(&ccsrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "a coordinator names their group");
        assert_eq!(r.json()["error"]["field"], "group");
        let mut with_group = body.clone();
        with_group["group"] = json!(g.slug);
        with_group["on_home"] = json!(true);
        let r = coord.json(Method::POST, "/api/v1/polls", &with_group, Some(&ccsrf)).await;
        assert_eq!(r.json()["error"]["fields"][0]["field"], "on_home", "{}", r.body);
        with_group["on_home"] = json!(false);
        let r = coord.json(Method::POST, "/api/v1/polls", &with_group, Some(&ccsrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.json()["id"].as_str().unwrap().to_owned();
        let p = coord.get(&format!("/api/v1/polls/{id}")).await.json();
        assert_eq!((p["manages"].as_bool(), p["audience"].as_str()), (Some(true), Some(format!("group:{}", g.id).as_str())));
        // Only moderators put a poll on the home page.
        let r = coord.json(Method::PUT, &format!("/api/v1/polls/{id}/home"), &json!({"on_home": true}), Some(&ccsrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "coordinators do not choose the home page's polls");
        let mut i = input("Per tutti", "single", &["A", "B"]);
        i.on_home = true;
        let members_poll = create(&app, "mod", &i);
        let r = coord.json(Method::PUT, &format!("/api/v1/polls/{members_poll}/home"), &json!({"on_home": false}), Some(&ccsrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let mut m = app.signed_in_as("mod").await;
        let mcsrf = m.get("/sondaggi").await.csrf().unwrap();
        let r = m.json(Method::PUT, &format!("/api/v1/polls/{members_poll}/home"), &json!({"on_home": false}), Some(&mcsrf)).await;
        assert_eq!((r.status, r.json()["on_home"].as_bool()), (StatusCode::OK, Some(false)));
        // Organisers close early; others may not.
        assert_eq!(socio.json(Method::POST, &format!("/api/v1/polls/{members_poll}/close"), &json!({}), Some(&scsrf)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(m.json(Method::POST, &format!("/api/v1/polls/{members_poll}/close"), &json!({}), Some(&mcsrf)).await.status, StatusCode::OK);
        assert_eq!(m.json(Method::POST, &format!("/api/v1/polls/{members_poll}/close"), &json!({}), Some(&mcsrf)).await.status, StatusCode::CONFLICT);
    }
}

both_backends! {
    async fn every_poll_page_renders_and_the_exports_are_safe_in_a_spreadsheet(app) {
        app.user("admin", Role::Admin);
        let mut i = input("Quale strumento usate?", "multiple", &["=HYPERLINK(\"http://x\")", "+SUM(A1)", "Foglio condiviso"]);
        i.show_voters = true;
        i.results = "always".into();
        let id = create(&app, "admin", &i);
        let people = app.members("csv", 3, "@Comune");
        for (k, p) in people.iter().enumerate() {
            vote(&app, &viewer_of(&app, p), &id, &[k % 3]).unwrap();
        }
        let mut admin = app.signed_in_as("admin").await;
        for path in ["/sondaggi", "/sondaggi?stato=aperti", "/sondaggi?stato=chiusi", "/sondaggi/nuovo", &format!("/sondaggi/{id}")] {
            let r = admin.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        }
        let csv = admin.get(&format!("/sondaggi/{id}/risultati.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.body.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{}", csv.body);
        assert!(csv.body.contains("\"'+SUM(A1)\""), "{}", csv.body);
        assert_eq!(csv.body.lines().count(), 4);
        let ballots = admin.get(&format!("/sondaggi/{id}/schede.csv")).await;
        assert_eq!(ballots.body.lines().count(), 4, "{}", ballots.body);
        assert!(ballots.body.contains("\"'=HYPERLINK("), "{}", ballots.body);
        let json = admin.get(&format!("/sondaggi/{id}/risultati.json")).await;
        let e: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(e["ballots"].as_array().unwrap().len(), 3);
        assert_eq!(e["poll"]["voter_count"], 3);
        // Members may not export.
        let mut member = app.client().await;
        member.login("csv1", PASSWORD).await;
        assert_eq!(member.get(&format!("/sondaggi/{id}/risultati.csv")).await.status, StatusCode::FORBIDDEN);
    }
}

both_backends! {
    async fn polls_are_searchable_with_their_audience(app) {
        app.set_phase(3);
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let mut public = input("Quale mobilità sostenibile per i piccoli comuni?", "single", &["Bici", "Navette"]);
        public.audience = "public".into();
        create(&app, "admin", &public);
        create(&app, "admin", &input("Mobilità: un sondaggio riservato", "single", &["Sì", "No"]));
        app.run_worker();
        let titles = |page: serde_json::Value| -> Vec<String> {
            page["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_owned()).collect()
        };
        let mut anon = app.client().await;
        let mut socio = app.signed_in_as("socio").await;
        assert_eq!(titles(anon.get("/api/v1/search?q=mobilit%C3%A0").await.json()), vec!["Quale mobilità sostenibile per i piccoli comuni?".to_owned()]);
        assert_eq!(titles(socio.get("/api/v1/search?q=mobilit%C3%A0&kind=poll").await.json()).len(), 2);
        assert_eq!(titles(socio.get("/api/v1/search?q=Navette").await.json()).len(), 1, "options are part of the document");
        let page = socio.get("/cerca?q=mobilit%C3%A0").await;
        assert!(page.body.contains("Sondaggio"), "{}", page.body);
    }
}

both_backends! {
    async fn the_home_page_shows_the_chosen_open_polls_with_their_form_in_a_fixed_number_of_queries(app) {
        app.user("mod", Role::Moderator);
        app.user("socio", Role::Member);
        let mut chosen = input("Su quale tema il prossimo incontro?", "single", &["Appalti", "Valutazione"]);
        chosen.on_home = true;
        let id = create(&app, "mod", &chosen);
        create(&app, "mod", &input("Un sondaggio non scelto", "single", &["A", "B"]));
        let mut socio = app.signed_in_as("socio").await;
        let home = socio.get("/").await;
        assert!(home.body.contains("Su quale tema il prossimo incontro?"), "{}", home.body);
        assert!(!home.body.contains("Un sondaggio non scelto"));
        // The block's vote posts to the vote route and comes back home.
        let a = option_ids(&app, &id)[0].clone();
        let csrf = home.csrf().unwrap();
        let r = socio.post_form(&format!("/sondaggi/{id}/voto"), &[("csrf_token", &csrf), ("options", &a), ("back", "/")]).await;
        assert_eq!((r.status, r.location()), (StatusCode::SEE_OTHER, "/".to_owned()), "{}", r.body);
        let home = socio.get("/").await;
        assert!(home.body.contains("Hai votato: grazie!") && home.body.contains("Voto registrato."), "{}", home.body);
        // Four queries whatever the number of polls.
        let v = app.viewer("socio");
        let phase = app.phase();
        let (_, few) = prassi_tests::count_queries(&mut app.conn(), |c| prassi_polls::home::home_block(c, &v, phase).unwrap());
        for n in 0..5 {
            let mut more = input(&format!("Altro sondaggio {n}"), "multiple", &["A", "B", "C"]);
            more.on_home = true;
            create(&app, "mod", &more);
        }
        let (block, many) = prassi_tests::count_queries(&mut app.conn(), |c| prassi_polls::home::home_block(c, &v, phase).unwrap());
        assert_eq!((few, many), (4, 4));
        assert_eq!(block.unwrap().data["polls"].as_array().unwrap().len(), 3);
        // Closed polls leave the block.
        close(&app, "mod", &id);
        let home = socio.get("/").await;
        assert!(!home.body.contains("Su quale tema il prossimo incontro?"));
    }
}

both_backends! {
    async fn a_poll_past_its_close_date_is_closed_by_its_first_view_or_the_hourly_pass(app) {
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let mut i = input("Scadenza vicina", "ranked", &["A", "B", "C"]);
        i.closes_at = prassi_agenda::time::form_value(chrono::Utc::now().naive_utc() + chrono::Duration::hours(2));
        let viewed = create(&app, "admin", &i);
        let swept = create(&app, "admin", &i);
        for id in [&viewed, &swept] {
            vote(&app, &app.viewer("socio"), id, &[1, 0]).unwrap();
        }
        let past = prassi_db::now() - chrono::Duration::minutes(5);
        diesel::update(polls::table).set(polls::closes_at.eq(Some(past))).execute(&mut app.conn()).unwrap();
        // A ballot after the date is refused even before anyone closed the poll.
        let late = vote(&app, &app.viewer("admin"), &viewed, &[0]).unwrap_err();
        assert_eq!(late.message, "polls-closed");
        let mut socio = app.signed_in_as("socio").await;
        let p = socio.get(&format!("/api/v1/polls/{viewed}")).await.json();
        assert_eq!(p["state"], "closed");
        assert_eq!(p["eligible_count"], 2);
        assert_eq!(p["results"]["winner"], "B");
        let closed: Option<chrono::NaiveDateTime> = polls::table.find(&swept).select(polls::closed_at).first(&mut app.conn()).unwrap();
        assert!(closed.is_none());
        prassi_server::worker().housekeeping(&app.platform.state).unwrap();
        let (closed, rounds): (Option<chrono::NaiveDateTime>, Option<String>) = polls::table.find(&swept).select((polls::closed_at, polls::ranked_rounds)).first(&mut app.conn()).unwrap();
        assert_eq!(closed, Some(past), "closed at its date, not when the pass ran");
        assert!(rounds.is_some());
    }
}

both_backends! {
    async fn the_demo_adds_a_home_poll_and_a_closed_secret_ballot_with_its_decision(app) {
        let logins = prassi_server::demo::fill(&app.platform.state).unwrap();
        let all: Vec<prassi_db::models::Poll> = polls::table.select(prassi_db::models::Poll::as_select()).load(&mut app.conn()).unwrap();
        assert_eq!(all.len(), 3);
        let home = all.iter().find(|p| p.on_home).expect("a home-page poll");
        assert!(home.closed_at.is_none() && home.voter_count >= 3);
        let secret = all.iter().find(|p| p.secret).expect("a secret ballot");
        assert!(secret.closed_at.is_some() && secret.eligible_count.is_some());
        let decisions: i64 = poll_decisions::table.filter(poll_decisions::poll_id.eq(&secret.id)).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(decisions, 1);
        let ranked = all.iter().find(|p| p.kind == "ranked").unwrap();
        assert!(ranked.ranked_rounds.is_some());
        // A demo member sees the home poll with its form, and the closed ballot's decision.
        let mut anna = app.client().await;
        anna.login("anna.marino", &logins.password).await;
        let page = anna.get("/").await;
        assert!(page.body.contains(&home.question), "{}", page.body);
        let page = anna.get(&format!("/sondaggi/{}", secret.id)).await;
        assert!(page.body.contains("Assemblea dei referenti") && page.body.contains("Sì, approvo"), "{}", page.body);
    }
}
