//! Stored counters equal their recomputation: after a random sequence of Q&A operations
//! (asking in two audiences, answering, voting up, down, changing and withdrawing, accepting,
//! changing and withdrawing acceptance, closing and reopening, retagging, merging tags), the
//! maintained reputation, activity and list counts are exactly what `recompute` builds from
//! the rows. Pages then read them in a fixed number of queries.

use super::*;
use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_qa::service::{self, CloseInput, EditInput, QuestionInput, VoteInput};

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

both_backends! {
    async fn maintained_counters_equal_their_recomputation_after_random_operations(app) {
        let names = ["ada", "bruno", "carla", "dario", "elsa"];
        for n in names {
            app.user(n, Role::Member);
        }
        app.user("moderatrice", Role::Moderator);
        for t in ["appalti", "valutazione", "inclusione", "bilancio"] {
            app.tag(t, "");
        }
        let mut conn = app.conn();
        let viewers: Vec<_> = names.iter().map(|n| app.viewer(n)).collect();
        let moderator = app.viewer("moderatrice");
        let mut rng = Rng(0x5eed_1234_abcd_0001);
        let mut questions: Vec<prassi_db::QuestionId> = Vec::new();
        let mut answers: Vec<(prassi_db::AnswerId, prassi_db::QuestionId)> = Vec::new();
        let tags = ["appalti", "valutazione", "inclusione", "bilancio"];
        for step in 0..400 {
            let v = &viewers[rng.below(viewers.len())];
            let op = if questions.is_empty() { 0 } else { rng.below(9) };
            // Each operation is its own transaction; refusals (own post, already voted, closed)
            // are part of the sequence and must leave the counters untouched.
            let _ = prassi_db::write_tx(&mut conn, |c| -> prassi_core::AppResult<()> {
                match op {
                    0 => {
                        let t1 = tags[rng.below(tags.len())];
                        let t2 = tags[rng.below(tags.len())];
                        let q = service::ask(c, v, Phase::Open, &QuestionInput {
                            title: format!("Domanda numero {step} sulla comunità"),
                            body_md: "Testo della domanda.".into(),
                            tags: format!("{t1}, {t2}"),
                            audience: if rng.below(2) == 0 { "public".into() } else { "members".into() },
                            lang: String::new(),
                        })?;
                        questions.push(q);
                    }
                    1 | 2 => {
                        let q = questions[rng.below(questions.len())].clone();
                        let a = service::answer(c, v, Phase::Open, &q, "Una risposta utile.")?;
                        answers.push((a, q));
                    }
                    3 | 4 => {
                        let value = [-1, 0, 1][rng.below(3)];
                        let (kind, id) = if answers.is_empty() || rng.below(2) == 0 {
                            ("question", questions[rng.below(questions.len())].as_str().to_owned())
                        } else {
                            ("answer", answers[rng.below(answers.len())].0.as_str().to_owned())
                        };
                        service::vote(c, v, Phase::Open, &VoteInput { kind: kind.into(), id, value })?;
                    }
                    5 => {
                        if let Some((a, q)) = answers.get(rng.below(answers.len().max(1))).cloned() {
                            let choice = if rng.below(3) == 0 { None } else { Some(&a) };
                            service::accept(c, &moderator, Phase::Open, &q, choice)?;
                        }
                    }
                    6 => {
                        let q = questions[rng.below(questions.len())].clone();
                        if rng.below(2) == 0 {
                            service::close(c, &moderator, Phase::Open, &q, &CloseInput {
                                reason: "off_topic".into(),
                                duplicate_of: String::new(),
                                note: "Fuori tema".into(),
                            })?;
                        } else {
                            service::reopen(c, &moderator, Phase::Open, &q)?;
                        }
                    }
                    7 => {
                        let q = questions[rng.below(questions.len())].clone();
                        service::edit_question(c, &moderator, Phase::Open, &q, &EditInput {
                            title: format!("Domanda ritoccata al passo {step}"),
                            body_md: "Testo rivisto.".into(),
                            tags: tags[rng.below(tags.len())].into(),
                            ..Default::default()
                        })?;
                    }
                    _ => {
                        // Now and then two tags become one.
                        if step % 97 == 0 {
                            let from = tags[rng.below(tags.len())];
                            let into = tags[rng.below(tags.len())];
                            service::merge_tags(c, &moderator, from, into)?;
                        }
                    }
                }
                Ok(())
            });
        }
        let maintained = prassi_qa::counters::snapshot(&mut conn).unwrap();
        assert!(!maintained.0.is_empty() && !maintained.1.is_empty(), "the sequence did something");
        assert!(maintained.0.iter().any(|r| r.2 < 0) || maintained.0.iter().any(|r| r.2 > 0), "reputation moved");
        prassi_db::write_tx(&mut conn, prassi_qa::counters::recompute).unwrap();
        let recomputed = prassi_qa::counters::snapshot(&mut conn).unwrap();
        assert_eq!(maintained.1, recomputed.1, "question counts per audience and tag");
        assert_eq!(maintained.0, recomputed.0, "member reputation and activity");
        assert!(!maintained.2.is_empty(), "answers were counted under tags");
        assert_eq!(maintained.2, recomputed.2, "answers and scores per tag, member and audience");
    }
}

both_backends! {
    async fn list_totals_and_reputation_come_from_the_counters(app) {
        app.user("ada", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("appalti", "");
        let public = app.question("ada", "Una domanda di prova 1").body("Testo.").audience("public").create().id;
        app.question("ada", "Una domanda di prova 2").body("Testo.").create();
        let bruno = app.viewer("bruno");
        let mut conn = app.conn();
        prassi_db::write_tx(&mut conn, |c| service::vote(c, &bruno, Phase::Open, &VoteInput { kind: "question".into(), id: public.as_str().into(), value: -1 })).unwrap();
        drop(conn);
        app.set_phase(3);
        let mut visitor = app.client().await;
        let page = visitor.get("/api/v1/qa/questions").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.json()["page"]["total"], 1, "a visitor counts only the public question");
        let mut member = app.signed_in_as("bruno").await;
        let page = member.get("/api/v1/qa/questions?tab=unanswered").await;
        assert_eq!(page.json()["page"]["total"], 2);
        let q = member.get(&format!("/qa/questions/{public}")).await;
        let q = member.get(&q.location()).await;
        assert_eq!(q.status, StatusCode::OK);
        assert!(q.body.contains("-2"), "a negative reputation is shown: {}", q.body);
    }
}

both_backends! {
    async fn forum_category_counts_follow_starts_and_moves(app) {
        use prassi_forum::service::{self as forum, ModerationInput};
        app.user("ada", Role::Member);
        app.user("moderatrice", Role::Moderator);
        for (name, audience) in [("Generale", "public"), ("Riservata", "members")] {
            app.forum_category(name, audience);
        }
        let moderator = app.viewer("moderatrice");
        let mut ids = Vec::new();
        for i in 0..5 {
            let slug = if i % 2 == 0 { "generale" } else { "riservata" };
            ids.push(app.discussion("ada", slug, &format!("Discussione numero {i}")).create().id);
        }
        let mut conn = app.conn();
        prassi_db::write_tx(&mut conn, |c| forum::moderate(c, &moderator, Phase::Open, &ids[0], &ModerationInput { action: "move".into(), category: "riservata".into() })).unwrap();
        use prassi_db::schema::forum_categories as fc;
        let stored: Vec<(String, i64)> = fc::table.order(fc::slug).select((fc::slug, fc::discussion_count)).load(&mut conn).unwrap();
        assert_eq!(stored, [("generale".to_owned(), 2), ("riservata".to_owned(), 3)]);
        prassi_db::write_tx(&mut conn, forum::recount).unwrap();
        let recounted: Vec<(String, i64)> = fc::table.order(fc::slug).select((fc::slug, fc::discussion_count)).load(&mut conn).unwrap();
        assert_eq!(stored, recounted);
        drop(conn);
        app.set_phase(3);
        let mut visitor = app.client().await;
        let r = visitor.get("/api/v1/forum/discussions").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["page"]["total"], 2, "a visitor counts the public category's discussions");
        let mut member = app.signed_in_as("ada").await;
        assert_eq!(member.get("/api/v1/forum/discussions").await.json()["page"]["total"], 5);
    }
}
