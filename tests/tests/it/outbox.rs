//! The outbox worker: pending events of one item merged into one indexing, backlogs drained in
//! batches with one engine commit each, leases that keep two live workers from running an
//! event twice (a slow mail transport, two workers, every email sent once), expired leases
//! re-claimed only when their holder is gone, completion recorded once and only by the holder,
//! items in flight elsewhere left to their holder, and the index catching up at once when a
//! search engine that was down answers again. Also the test kit's own check: a test that leaves
//! events failed or of an unknown topic fails.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::search::{SearchDoc, SearchEngine, SearchError, SearchQuery, SearchResults};
use prassi_core::worker::{Settings, Worker};
use prassi_db::outbox::{self, Topics};
use prassi_db::schema::outbox as ob;
use prassi_db::{OutboxId, QuestionId};

use super::*;

/// An engine double around the real one: counts the units of work (commits) and the documents
/// written, and can be switched off like a server that went down.
struct Recorder {
    inner: Arc<dyn SearchEngine>,
    up: AtomicBool,
    /// Per unit of work, the ids written.
    commits: Mutex<Vec<Vec<String>>>,
    probes: AtomicUsize,
}

impl Recorder {
    fn around(inner: Arc<dyn SearchEngine>) -> Arc<Self> {
        Arc::new(Recorder {
            inner,
            up: AtomicBool::new(true),
            commits: Mutex::new(Vec::new()),
            probes: AtomicUsize::new(0),
        })
    }
    fn check(&self) -> Result<(), SearchError> {
        if self.up.load(Ordering::SeqCst) {
            Ok(())
        } else {
            Err(SearchError::Unavailable("connection refused".into()))
        }
    }
    fn commits(&self) -> Vec<Vec<String>> {
        self.commits.lock().unwrap().clone()
    }
    /// How many times each document was written.
    fn writes(&self) -> HashMap<String, usize> {
        let mut n = HashMap::new();
        for c in self.commits() {
            for id in c {
                *n.entry(id).or_default() += 1;
            }
        }
        n
    }
}

impl SearchEngine for Recorder {
    fn name(&self) -> &'static str {
        "recorder"
    }
    fn upsert(&self, docs: Vec<SearchDoc>) -> Result<(), SearchError> {
        self.apply(docs, Vec::new())
    }
    fn delete(&self, ids: Vec<String>) -> Result<(), SearchError> {
        self.apply(Vec::new(), ids)
    }
    fn apply(&self, upsert: Vec<SearchDoc>, delete: Vec<String>) -> Result<(), SearchError> {
        self.check()?;
        let ids: Vec<String> = upsert.iter().map(|d| d.id.clone()).collect();
        self.inner.apply(upsert, delete)?;
        self.commits.lock().unwrap().push(ids);
        Ok(())
    }
    fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        self.check()?;
        self.inner.search(q)
    }
    fn clear(&self) -> Result<(), SearchError> {
        self.check()?;
        self.inner.clear()
    }
    fn health(&self) -> Result<(), SearchError> {
        self.probes.fetch_add(1, Ordering::SeqCst);
        self.check()
    }
}

/// Puts a recording engine in front of the app's own.
fn record(app: &mut TestApp) -> Arc<Recorder> {
    let rec = Recorder::around(app.platform.state.search.clone());
    app.platform.state.search = rec.clone();
    rec
}

fn settings() -> Settings {
    Settings {
        probe_every: Duration::ZERO,
        ..Settings::default()
    }
}

/// A member, anna, and the tag she asks with.
fn asker(app: &TestApp) {
    app.user("anna", Role::Member);
    app.tag("appalti", "Appalti");
}

/// Anna's `i`-th question. Its notification event's delivery (nobody watches the tag) is
/// marked done at once: these tests count the search index's events alone.
fn ask(app: &TestApp, i: usize) -> QuestionId {
    let id = app
        .question("anna", &format!("Domanda numero {i} sugli appalti"))
        .body(&format!("Testo della domanda {i} sui capitolati."))
        .create()
        .id;
    diesel::update(ob::table.filter(ob::topic.eq(prassi_core::notify::TOPIC)))
        .set(ob::processed_at.eq(Some(prassi_db::now())))
        .execute(&mut app.conn())
        .unwrap();
    id
}

fn mails(app: &TestApp, n: usize) {
    let mut conn = app.conn();
    prassi_db::write_tx(&mut conn, |c| {
        for i in 0..n {
            prassi_core::mail::enqueue(
                c,
                &prassi_core::mail::Email {
                    to: format!("persona{i}@example.org"),
                    subject: format!("Messaggio {i}"),
                    body: "Ciao".into(),
                    html: None,
                    reply_to: None,
                    list_unsubscribe: None,
                },
            )?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .unwrap();
}

/// A worker whose mail transport takes `delay` per message and records every delivery.
fn mail_worker(delay: Duration, sent: Arc<Mutex<Vec<String>>>) -> Worker {
    let mut w = prassi_server::worker();
    w.register(
        prassi_core::mail::TOPIC,
        Arc::new(move |_state, payload| {
            std::thread::sleep(delay);
            let to = payload["to"].as_str().unwrap_or_default().to_owned();
            sent.lock().unwrap().push(to);
            Ok(())
        }),
    );
    w
}

fn pending(app: &TestApp) -> i64 {
    outbox::pending(&mut app.conn()).unwrap()
}

both_backends! {
    async fn touches_of_one_item_are_merged_into_one_indexing(app) {
        let mut app = app;
        let rec = record(&mut app);
        asker(&app);
        let q = app.question("anna", "Domanda numero 1 sugli appalti").answers(30, "anna").create().id;
        {
            let mut conn = app.conn();
            for _ in 0..20 {
                prassi_db::write_tx(&mut conn, |c| prassi_qa::search::QUESTIONS.touch(c, q.as_str())).unwrap();
            }
        }
        let touches: i64 = ob::table.filter(ob::merge_key.eq(format!("question:{q}"))).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(touches, 21, "the ask and 20 touches (each answer touches itself)");
        let answer_touches: i64 = ob::table.filter(ob::merge_key.like("answer:%")).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(answer_touches, 30);
        let done = prassi_server::worker().with_settings(settings()).run_once(&app.platform.state).unwrap();
        assert!(done >= 51, "{done}");
        assert_eq!(pending(&app), 0);
        let writes = rec.writes();
        assert_eq!(writes.get(&format!("question-{q}")), Some(&1), "the question was indexed once, not 21 times");
        let answers: Vec<_> = writes.iter().filter(|(id, _)| id.starts_with("answer-")).collect();
        assert_eq!(answers.len(), 30);
        assert!(answers.iter().all(|(_, n)| **n == 1), "each answer written once, though touched on its own and rebuilt with its question: {answers:?}");
        assert_eq!(rec.commits().len(), 1, "one engine commit for the whole backlog");
        let found = app.platform.state.search.search(&SearchQuery { text: "dialogo competitivo".into(), audiences: vec!["members".into()], limit: 50, ..Default::default() }).unwrap();
        assert_eq!(found.total, 30);
    }
}

both_backends! {
    async fn a_new_answer_to_a_busy_question_indexes_that_answer_alone(app) {
        let mut app = app;
        asker(&app);
        let q = app.question("anna", "Domanda numero 1 sugli appalti").answers(40, "anna").create().id;
        let w = prassi_server::worker().with_settings(settings());
        w.run_once(&app.platform.state).unwrap();
        assert_eq!(pending(&app), 0);
        let rec = record(&mut app);
        let anna = app.viewer("anna");
        let mut conn = app.conn();
        let a = prassi_db::write_tx(&mut conn, |c| {
            prassi_qa::service::answer(c, &anna, Phase::Closed, &q, "Una risposta nuova sul dialogo competitivo.")
        }).unwrap();
        drop(conn);
        w.run_once(&app.platform.state).unwrap();
        let writes = rec.writes();
        assert_eq!(writes.len(), 1, "one document, not the question's 41: {writes:?}");
        assert_eq!(writes.get(&format!("answer-{a}")), Some(&1));
        // What an answer's document carries from its question follows the question's edits.
        let found = |text: &str| app.platform.state.search.search(&SearchQuery { text: text.into(), audiences: vec!["members".into()], limit: 50, ..Default::default() }).unwrap();
        assert_eq!(found("nuova").hits.first().map(|h| h.title.clone()).as_deref(), Some("Domanda numero 1 sugli appalti"));
        let mut conn = app.conn();
        prassi_db::write_tx(&mut conn, |c| {
            prassi_qa::service::edit_question(c, &anna, Phase::Closed, &q, &prassi_qa::service::EditInput {
                title: "Capitolati e dialogo competitivo".into(),
                body_md: "Testo rivisto.".into(),
                tags: "appalti".into(),
                summary: "titolo".into(),
                ..Default::default()
            })
        }).unwrap();
        drop(conn);
        w.run_once(&app.platform.state).unwrap();
        assert!(found("nuova").hits.iter().all(|h| h.title == "Capitolati e dialogo competitivo"), "{:?}", found("nuova").hits);
    }
}

both_backends! {
    async fn a_backlog_drains_in_batches_with_one_engine_commit_each(app) {
        let mut app = app;
        let rec = record(&mut app);
        asker(&app);
        let questions: Vec<QuestionId> = (0..25).map(|i| ask(&app, i)).collect();
        {
            let mut conn = app.conn();
            for _ in 0..10 {
                prassi_db::write_tx(&mut conn, |c| prassi_qa::search::QUESTIONS.touch(c, questions[0].as_str())).unwrap();
            }
        }
        let keys: Vec<Option<String>> = ob::table.filter(ob::processed_at.is_null()).select(ob::merge_key).distinct().load(&mut app.conn()).unwrap();
        let events = pending(&app);
        let w = prassi_server::worker().with_settings(Settings { batch: 10, ..settings() });
        let done = w.run_once(&app.platform.state).unwrap();
        assert_eq!(done as i64, events);
        assert_eq!(pending(&app), 0);
        let commits = rec.commits();
        assert_eq!(commits.len(), keys.len().div_ceil(10), "{} items in batches of 10: {commits:?}", keys.len());
        let writes = rec.writes();
        for q in &questions {
            assert_eq!(writes.get(&format!("question-{q}")), Some(&1), "{q}");
        }
    }
}

both_backends! {
    async fn two_workers_with_a_slow_mail_transport_send_each_email_once(app) {
        mails(&app, 60);
        let sent = Arc::new(Mutex::new(Vec::new()));
        // Each claim of 8 takes ~320 ms, longer than the lease: only renewal keeps it.
        let s = Settings { lease: Duration::from_millis(300), single: 8, ..settings() };
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let w = mail_worker(Duration::from_millis(40), sent.clone()).with_settings(s);
                let state = app.platform.state.clone();
                std::thread::spawn(move || w.run_once(&state).unwrap())
            })
            .collect();
        let done: usize = workers.into_iter().map(|t| t.join().unwrap()).sum();
        let sent = sent.lock().unwrap().clone();
        assert_eq!(sent.len(), 60, "sent {} times", sent.len());
        let mut distinct = sent.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 60);
        assert_eq!(done, 60, "completion recorded once per email");
        assert_eq!(pending(&app), 0);
        let attempts: Vec<i32> = ob::table.select(ob::attempts).load(&mut app.conn()).unwrap();
        assert!(attempts.iter().all(|a| *a == 0), "{attempts:?}");
    }
}

both_backends! {
    async fn an_expired_lease_is_reclaimed_only_when_its_holder_is_gone_and_completion_is_recorded_once(app) {
        mails(&app, 3);
        let lease = chrono::Duration::seconds(60);
        // Holder A claims the three emails and is alive (its lease runs).
        let a = outbox::claim(&mut app.conn(), Topics::Except(&[]), 10, lease, prassi_db::now()).unwrap();
        assert_eq!(a.rows.len(), 3);
        let sent = Arc::new(Mutex::new(Vec::new()));
        let b = mail_worker(Duration::ZERO, sent.clone()).with_settings(settings());
        assert_eq!(b.run_once(&app.platform.state).unwrap(), 0);
        assert!(sent.lock().unwrap().is_empty(), "nothing runs while its holder is alive");
        assert_eq!(outbox::renew(&mut app.conn(), &a.token, lease, prassi_db::now()).unwrap(), 3, "the holder renews");
        // A is gone: its lease ran out without renewal.
        diesel::update(ob::table).set(ob::locked_until.eq(Some(prassi_db::now() - chrono::Duration::seconds(1)))).execute(&mut app.conn()).unwrap();
        assert_eq!(b.run_once(&app.platform.state).unwrap(), 3);
        assert_eq!(sent.lock().unwrap().len(), 3);
        let processed: Vec<Option<chrono::NaiveDateTime>> = ob::table.order(ob::id.asc()).select(ob::processed_at).load(&mut app.conn()).unwrap();
        assert!(processed.iter().all(Option::is_some));
        // A comes back late: it can record nothing, not even over B's outcome.
        let ids: Vec<OutboxId> = a.rows.iter().map(|r| r.id.clone()).collect();
        let mut conn = app.conn();
        assert_eq!(outbox::complete(&mut conn, &a.token, &ids, prassi_db::now()).unwrap(), 0);
        let rows: Vec<&prassi_db::models::OutboxRow> = a.rows.iter().collect();
        assert_eq!(outbox::fail(&mut conn, &a.token, &rows, "late", prassi_db::now()).unwrap(), 0);
        assert_eq!(outbox::renew(&mut conn, &a.token, lease, prassi_db::now()).unwrap(), 0);
        let after: Vec<Option<chrono::NaiveDateTime>> = ob::table.order(ob::id.asc()).select(ob::processed_at).load(&mut conn).unwrap();
        assert_eq!(processed, after, "B's completion stands");
        assert_eq!(b.run_once(&app.platform.state).unwrap(), 0);
        assert_eq!(sent.lock().unwrap().len(), 3, "nothing ran twice");

        // The holder records completion once: a second completion under the same token is void.
        mails(&app, 2);
        let c = outbox::claim(&mut conn, Topics::Except(&[]), 10, lease, prassi_db::now()).unwrap();
        let ids: Vec<OutboxId> = c.rows.iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids.len(), 2);
        assert_eq!(outbox::complete(&mut conn, &c.token, &ids, prassi_db::now()).unwrap(), 2);
        assert_eq!(outbox::complete(&mut conn, &c.token, &ids, prassi_db::now()).unwrap(), 0);
    }
}

both_backends! {
    async fn an_item_in_flight_elsewhere_waits_for_its_holder(app) {
        let mut app = app;
        let rec = record(&mut app);
        asker(&app);
        let w = prassi_server::worker().with_settings(settings());
        w.run_once(&app.platform.state).unwrap();
        let q = ask(&app, 1);
        let lease = chrono::Duration::seconds(60);
        let topics = [prassi_core::search::TOPIC.to_owned()];
        // Another worker holds the question's event (it is indexing it right now)...
        let a = outbox::claim(&mut app.conn(), Topics::Only(&topics), 1, lease, prassi_db::now()).unwrap();
        assert_eq!(a.rows.len(), 1);
        assert_eq!(a.rows[0].merge_key.as_deref(), Some(format!("question:{q}").as_str()));
        // ...when an edit touches it again: this worker leaves it to the holder.
        prassi_db::write_tx(&mut app.conn(), |c| prassi_qa::search::QUESTIONS.touch(c, q.as_str())).unwrap();
        w.run_once(&app.platform.state).unwrap();
        assert!(!rec.writes().contains_key(&format!("question-{q}")), "{:?}", rec.commits());
        assert_eq!(pending(&app), 2);
        // The holder is gone: both events are handled, the item once.
        diesel::update(ob::table).set(ob::locked_until.eq(Some(prassi_db::now() - chrono::Duration::seconds(1)))).execute(&mut app.conn()).unwrap();
        assert_eq!(w.run_once(&app.platform.state).unwrap(), 2);
        assert_eq!(rec.writes().get(&format!("question-{q}")), Some(&1));
        assert_eq!(pending(&app), 0);
    }
}

both_backends! {
    async fn the_index_catches_up_as_soon_as_the_engine_answers_again(app) {
        let mut app = app;
        let rec = record(&mut app);
        asker(&app);
        let w = prassi_server::worker().with_settings(settings());
        w.run_once(&app.platform.state).unwrap();
        rec.up.store(false, Ordering::SeqCst);
        let first = ask(&app, 1);
        assert_eq!(w.run_once(&app.platform.state).unwrap(), 0);
        let failed: Vec<(i32, chrono::NaiveDateTime)> = ob::table.filter(ob::processed_at.is_null()).select((ob::attempts, ob::available_at)).load(&mut app.conn()).unwrap();
        assert!(failed.iter().all(|(a, at)| *a == 1 && *at > prassi_db::now()), "failed once, retry scheduled: {failed:?}");
        // While the engine is down the worker probes it and claims nothing: what is written
        // meanwhile waits without failing.
        let second = ask(&app, 2);
        let probes = rec.probes.load(Ordering::SeqCst);
        assert_eq!(w.run_once(&app.platform.state).unwrap(), 0);
        assert!(rec.probes.load(Ordering::SeqCst) > probes);
        let untried: i64 = ob::table.filter(ob::processed_at.is_null()).filter(ob::attempts.eq(0)).count().get_result(&mut app.conn()).unwrap();
        assert!(untried >= 1, "new events are not failed while the engine is known down");
        // A long outage: retries pushed an hour away.
        diesel::update(ob::table.filter(ob::processed_at.is_null()).filter(ob::attempts.gt(0)))
            .set((ob::attempts.eq(11), ob::available_at.eq(prassi_db::now() + chrono::Duration::hours(1))))
            .execute(&mut app.conn()).unwrap();
        // The engine returns: the running worker notices within its probe interval and catches up.
        let s = Settings { probe_every: Duration::from_millis(200), idle_poll: Duration::from_millis(50), ..Settings::default() };
        prassi_server::worker().with_settings(s).spawn(app.platform.state.clone());
        actix_web::rt::time::sleep(Duration::from_millis(300)).await;
        assert!(pending(&app) >= 2, "nothing drains while the engine is down");
        let back = Instant::now();
        rec.up.store(true, Ordering::SeqCst);
        while pending(&app) > 0 {
            assert!(back.elapsed() < Duration::from_secs(10), "caught up within seconds, not after the backoff");
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
        let writes = rec.writes();
        assert_eq!(writes.get(&format!("question-{first}")), Some(&1));
        assert_eq!(writes.get(&format!("question-{second}")), Some(&1));
        eprintln!("caught up {:?} after the engine returned", back.elapsed());
    }
}

/// Asks `n` questions, 500 per transaction; returns their ids.
fn ask_many(app: &TestApp, v: &prassi_core::access::Viewer, n: usize) -> Vec<QuestionId> {
    let mut ids = Vec::with_capacity(n);
    let mut conn = app.conn();
    for start in (0..n).step_by(500) {
        let batch = prassi_db::write_tx(&mut conn, |c| {
            (start..(start + 500).min(n))
                .map(|i| {
                    prassi_qa::service::ask(c, v, Phase::Closed, &prassi_qa::service::QuestionInput {
                        title: format!("Domanda numero {i} sugli appalti dei comuni"),
                        body_md: format!("Testo della domanda {i}: capitolati, convenzioni e gestione associata dei servizi."),
                        tags: "appalti".into(),
                        audience: "members".into(),
                        lang: String::new(),
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap();
        ids.extend(batch);
    }
    ids
}

/// The age of the oldest pending event, in seconds.
fn lag(app: &TestApp) -> f64 {
    let oldest: Option<chrono::NaiveDateTime> = ob::table
        .filter(ob::processed_at.is_null())
        .select(diesel::dsl::min(ob::created_at))
        .first(&mut app.conn())
        .unwrap();
    oldest.map_or(0.0, |t| {
        (prassi_db::now() - t).num_milliseconds() as f64 / 1000.0
    })
}

both_backends! {
    /// Not a check but the figures of docs/performance.md ("Indexing through the outbox"), with
    /// the embedded engine. Run by hand on an optimised build:
    /// `cargo test --release -p prassi-tests --test it outbox::backlog_benchmark -- --ignored --nocapture`
    #[ignore = "benchmark: run by hand with --release"]
    async fn backlog_benchmark(app) {
        let mut app = app;
        let rec = record(&mut app);
        asker(&app);
        let v = app.viewer("anna");
        let w = prassi_server::worker();
        w.run_once(&app.platform.state).unwrap();
        let backend = format!("{:?}", app.backend);

        // A: 20,000 events on 20,000 different questions (nothing to merge).
        let t = Instant::now();
        let questions = ask_many(&app, &v, 20_000);
        eprintln!("[{backend}] setup: 20,000 questions in {:.1} s", t.elapsed().as_secs_f64());
        let commits = rec.commits().len();
        let t = Instant::now();
        let done = w.run_once(&app.platform.state).unwrap();
        let secs = t.elapsed().as_secs_f64();
        eprintln!("[{backend}] A: {done} events, 20,000 items, 20,000 documents drained in {secs:.1} s ({:.0} events/s, {} commits)", done as f64 / secs, rec.commits().len() - commits);
        assert_eq!(pending(&app), 0);

        // B: 20,000 answers to 2,000 of those questions (10 each), in one transaction per 500.
        let t = Instant::now();
        {
            let mut conn = app.conn();
            for start in (0..20_000).step_by(500) {
                prassi_db::write_tx(&mut conn, |c| {
                    for i in start..start + 500 {
                        prassi_qa::service::answer(c, &v, Phase::Closed, &questions[i % 2_000], &format!("Risposta {i}: il dialogo competitivo funziona anche per un comune piccolo."))?;
                    }
                    Ok::<_, prassi_core::error::AppError>(())
                }).unwrap();
            }
        }
        eprintln!("[{backend}] setup: 20,000 answers in {:.1} s", t.elapsed().as_secs_f64());
        let commits = rec.commits().len();
        let t = Instant::now();
        let done = w.run_once(&app.platform.state).unwrap();
        let secs = t.elapsed().as_secs_f64();
        eprintln!("[{backend}] B: {done} events, 2,000 items, 22,000 documents drained in {secs:.1} s ({:.0} events/s, {} commits)", done as f64 / secs, rec.commits().len() - commits);
        assert_eq!(pending(&app), 0);

        // C: the running worker under a steady 500 answers/s for 20 s; how far behind is the index?
        prassi_server::worker().spawn(app.platform.state.clone());
        let writer = {
            let state = app.platform.state.clone();
            let v = v.clone();
            let questions = questions.clone();
            std::thread::spawn(move || {
                let start = Instant::now();
                let mut conn = state.db.get().unwrap();
                let mut n = 0usize;
                while start.elapsed() < Duration::from_secs(20) {
                    // 50 answers every 100 ms, one transaction each.
                    for _ in 0..50 {
                        let q = &questions[(n * 7919) % questions.len()];
                        prassi_db::write_tx(&mut conn, |c| prassi_qa::service::answer(c, &v, Phase::Closed, q, "Una risposta breve ma utile sul partenariato.")).unwrap();
                        n += 1;
                    }
                    let due = Duration::from_millis(100 * (n as u64 / 50));
                    if let Some(wait) = due.checked_sub(start.elapsed()) {
                        std::thread::sleep(wait);
                    }
                }
                (n, start.elapsed().as_secs_f64())
            })
        };
        let mut worst: f64 = 0.0;
        while !writer.is_finished() {
            worst = worst.max(lag(&app));
            actix_web::rt::time::sleep(Duration::from_millis(100)).await;
        }
        let (written, secs) = writer.join().unwrap();
        let t = Instant::now();
        while pending(&app) > 0 {
            worst = worst.max(lag(&app));
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
        eprintln!("[{backend}] C: {written} answers in {secs:.1} s ({:.0}/s); index at most {worst:.2} s behind; drained {:.2} s after the last write", written as f64 / secs, t.elapsed().as_secs_f64());
    }
}

both_backends! {
    async fn a_test_that_leaves_outbox_events_failed_or_with_an_unknown_topic_fails(app) {
        // Delivered email leaves nothing to report.
        mails(&app, 1);
        assert_eq!(app.run_worker(), 1);
        assert_eq!(app.outbox_problems().unwrap(), Vec::<String>::new());
        // An event no handler knows, and an email whose transport fails.
        prassi_db::write_tx(&mut app.conn(), |c| outbox::enqueue(c, "test.nobody", &json!({"n": 1}))).unwrap();
        mails(&app, 1);
        let mut failing = prassi_server::worker().with_settings(settings());
        failing.register(prassi_core::mail::TOPIC, Arc::new(|_state, _payload| Err("the mail server refused".into())));
        assert_eq!(failing.run_once(&app.platform.state).unwrap(), 0);
        let problems = app.outbox_problems().unwrap();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("test.nobody") && p.contains("no handler knows the topic")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains(prassi_core::mail::TOPIC) && p.contains("failed 1 time(s)") && p.contains("the mail server refused")), "{problems:?}");
        // Dropping the app at the end of the test fails it, after cleaning up.
        let dir = app.data_dir().to_owned();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(app)));
        let panic = outcome.expect_err("the test fails");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(message.contains("2 outbox event(s)") && message.contains("allow_failed_outbox"), "{message}");
        assert!(!dir.exists(), "the test's folder is removed all the same");
    }
}

both_backends! {
    async fn allow_failed_outbox_lets_a_test_about_failure_end_with_failed_events(app) {
        // What the opt-out is for: the failure is the subject of the test.
        app.allow_failed_outbox();
        prassi_db::write_tx(&mut app.conn(), |c| outbox::enqueue(c, "test.nobody", &json!({}))).unwrap();
        assert_eq!(app.run_worker(), 0);
        assert_eq!(app.outbox_problems().unwrap().len(), 1);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(app)));
        assert!(outcome.is_ok(), "the opt-out holds");
    }
}
