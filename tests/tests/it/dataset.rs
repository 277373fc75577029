//! The standard dataset of the benchmarks (`prassi demo --size`), built at its small size: it
//! goes through the service functions, so every stored counter equals what the rows say, and
//! the pages the benchmark measures render on it.

use std::collections::HashMap;

use diesel::prelude::*;
use prassi_core::demo::Size;
use prassi_db::schema::{answers, qa_comments, qa_votes, questions, users, wiki_pages};
use prassi_qa::demo::{Shape, BIG_ANSWERS, BIG_COMMENTS, BIG_TITLE};
use prassi_server::demo::{self, Options};
use prassi_wiki::demo::{BIG_PAGE_BYTES, BIG_PAGE_TITLE};

use crate::*;

both_backends! {
    async fn the_small_dataset_builds_with_counters_equal_to_the_rows_and_its_pages_render(app) {
        let size = Size::Small;
        let (members_made, qa_shape, wiki_pages_made) = (prassi_accounts::demo::members(size), Shape::of(size), prassi_wiki::demo::pages(size));
        let report = demo::generate(
            &app.platform.state,
            &Options { size, seed: 7, jobs: 2 },
        )
        .expect("the dataset builds");
        assert_eq!(report.recounts, [("Q&A counters", true)], "maintained Q&A counters equal their recount");
        let names: Vec<&str> = report.phases.iter().map(|p| p.name).collect();
        assert!(names.contains(&"votes") && names.contains(&"search index"), "{names:?}");

        let mut conn = app.conn();
        // Sizes: the demo community's own content plus exactly what the size asks for.
        let count = |n: i64| usize::try_from(n).unwrap();
        let generated = |c: &mut prassi_db::PooledConn| -> (usize, usize, usize, usize, usize) {
            (
                count(users::table.filter(users::email.like("%@dataset.prassi.invalid")).count().get_result(c).unwrap()),
                count(questions::table.count().get_result(c).unwrap()),
                count(answers::table.count().get_result(c).unwrap()),
                count(qa_comments::table.count().get_result(c).unwrap()),
                count(wiki_pages::table.count().get_result(c).unwrap()),
            )
        };
        let (members, qs, ans, comments, pages) = generated(&mut conn);
        assert_eq!(members, members_made);
        assert!(qs >= qa_shape.questions && qs < qa_shape.questions + 10, "{qs} questions");
        assert!(ans >= qa_shape.answers && ans < qa_shape.answers + 10, "{ans} answers");
        assert!(comments >= qa_shape.comments && comments < qa_shape.comments + 10, "{comments} comments");
        assert!(pages >= wiki_pages_made && pages < wiki_pages_made + 10, "{pages} pages");
        let votes: Vec<(prassi_db::PostKind, String, i32)> = qa_votes::table
            .select((qa_votes::post_kind, qa_votes::post_id, qa_votes::value))
            .load(&mut conn)
            .unwrap();
        assert!(votes.len() >= qa_shape.votes, "{} votes", votes.len());
        assert!(votes.iter().any(|v| v.2 < 0), "some votes are down-votes");

        // Every stored answer count equals the answers, every score the sum of its votes.
        let mut answer_counts: HashMap<String, i32> = HashMap::new();
        for q in answers::table.select(answers::question_id).load::<String>(&mut conn).unwrap() {
            *answer_counts.entry(q).or_default() += 1;
        }
        let mut sums: HashMap<String, i32> = HashMap::new();
        for (_, post, value) in &votes {
            *sums.entry(post.clone()).or_default() += value;
        }
        let stored: Vec<(String, i32, i32)> = questions::table
            .select((questions::id, questions::answer_count, questions::score))
            .load(&mut conn)
            .unwrap();
        for (id, answer_count, score) in &stored {
            assert_eq!(*answer_count, answer_counts.get(id).copied().unwrap_or(0), "answer count of {id}");
            assert_eq!(*score, sums.get(id).copied().unwrap_or(0), "score of question {id}");
        }
        let answer_scores: Vec<(String, i32)> = answers::table
            .select((answers::id, answers::score))
            .load(&mut conn)
            .unwrap();
        for (id, score) in &answer_scores {
            assert_eq!(*score, sums.get(id).copied().unwrap_or(0), "score of answer {id}");
        }
        assert!(
            stored.iter().any(|q| q.2 < 0) || answer_scores.iter().any(|a| a.1 < 0),
            "some scores are negative"
        );
        assert!(stored.iter().any(|q| q.1 == 0), "some questions are unanswered");

        // Maintained reputation and counts equal a recount, and some reputations are negative.
        let maintained = prassi_qa::counters::snapshot(&mut conn).unwrap();
        prassi_db::write_tx(&mut conn, prassi_qa::counters::recompute).unwrap();
        assert_eq!(maintained, prassi_qa::counters::snapshot(&mut conn).unwrap());
        let mut reputation: HashMap<&str, i64> = HashMap::new();
        for (user, _, rep, ..) in &maintained.0 {
            *reputation.entry(user.as_str()).or_default() += rep;
        }
        assert!(reputation.values().any(|r| *r < 0), "some reputations are negative");

        // The big question: 30 answers, 60 comments.
        let big_question_url = report.page("big-question").unwrap().to_owned();
        let big_id = big_question_url.split('/').nth(3).unwrap().to_owned();
        assert_eq!(answer_counts.get(&big_id).copied(), Some(i32::try_from(BIG_ANSWERS).unwrap()));
        let big_comments: i64 = qa_comments::table
            .filter(qa_comments::question_id.eq(&big_id))
            .count()
            .get_result(&mut conn)
            .unwrap();
        assert_eq!(big_comments, i64::try_from(BIG_COMMENTS).unwrap());
        let heavy: Vec<&str> = report.pages.iter().filter(|(l, _)| *l == "heavy-question").map(|(_, p)| p.as_str()).collect();
        assert!(!heavy.is_empty());
        for url in &heavy {
            let id = url.split('/').nth(3).unwrap();
            assert!(answer_counts.get(id).copied().unwrap_or(0) >= 60, "{url} is heavy");
        }
        let big_page: String = wiki_pages::table
            .filter(wiki_pages::title.eq(BIG_PAGE_TITLE))
            .select(wiki_pages::body_md)
            .first(&mut conn)
            .unwrap();
        assert!(big_page.len() >= BIG_PAGE_BYTES);
        drop(conn);

        // The pages the benchmark measures render, for a generated member and a visitor.
        let mut anon = app.client().await;
        assert_eq!(anon.get("/").await.status, StatusCode::OK);
        let mut m = app.client().await;
        m.login(report.page("member").unwrap(), &report.logins.password).await;
        assert_eq!(m.get("/").await.status, StatusCode::OK);
        let page = m.get(&big_question_url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(BIG_TITLE), "the big question's page");
        for path in [
            "/qa".to_owned(),
            "/qa?tab=active".to_owned(),
            "/qa?tab=unanswered".to_owned(),
            "/qa?tab=votes".to_owned(),
            report.page("tag-page").unwrap().to_owned(),
            report.page("big-wiki-page").unwrap().to_owned(),
            report.page("big-event").unwrap().to_owned(),
            "/agenda".to_owned(),
            "/agenda/mese".to_owned(),
            heavy[0].to_owned(),
        ] {
            assert_eq!(m.get(&path).await.status, StatusCode::OK, "{path}");
        }
        let found = m.get("/api/v1/search?q=co-progettazione").await;
        assert_eq!(found.status, StatusCode::OK);
        assert!(found.json()["page"]["total"].as_u64().unwrap() > 0, "the dataset starts indexed: {}", found.body);
    }
}
