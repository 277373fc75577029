//! Q&A: asking, answering, commenting, voting, accepting; audiences; bad input; concurrent
//! votes keeping exact scores; the question page's fixed query count.

use super::*;
use diesel::prelude::*;
use prassi_core::access::{Phase, Viewer};
use prassi_qa::service::{self, VoteInput};

/// Creates the tags every Q&A test uses.
fn tags(app: &TestApp) {
    app.tag("appalti", "Appalti per l'innovazione");
    app.tag("valutazione", "Misurazione e valutazione degli outcome");
}

both_backends! {
    async fn ask_answer_comment_vote_and_accept_through_the_pages(app) {
        tags(&app);
        app.user("chiede", Role::Member);
        app.user("risponde", Role::Member);
        app.user("esperta", Role::Expert);
        let mut asker = app.signed_in_as("chiede").await;
        let r = asker.submit("/qa/domande/nuova", "/qa/domande/nuova", &[
            ("title", "Come si scrive un capitolato per un appalto innovativo?"),
            ("body_md", "Cerchiamo **esempi** di capitolati."), ("tags", "appalti, valutazione"), ("audience", "members"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let url = r.location();
        assert!(url.starts_with("/qa/questions/") && url.ends_with("/come-si-scrive-un-capitolato-per-un-appalto-innovativo"), "{url}");
        let qid = url.split('/').nth(3).unwrap().to_owned();

        let mut member = app.signed_in_as("risponde").await;
        let r = member.submit(&url, &format!("/qa/questions/{qid}/risposte"), &[("body_md", "Partite dal fabbisogno.")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let mut expert = app.signed_in_as("esperta").await;
        let r = expert.submit(&url, &format!("/qa/questions/{qid}/risposte"), &[("body_md", "Usate il dialogo competitivo.")]).await;
        let expert_answer = r.location().rsplit("#risposta-").next().unwrap().to_owned();
        let r = member.submit(&url, &format!("/qa/questions/{qid}/commenti"), &[("body", "Ottima domanda"), ("answer_id", "")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = asker.submit(&url, &format!("/qa/questions/{qid}/commenti"), &[("body", "Grazie!"), ("answer_id", &expert_answer)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

        // Votes: up on the question and on the expert's answer; never on one's own post.
        let r = member.submit(&url, "/qa/voti", &[("kind", "question"), ("id", &qid), ("value", "1"), ("back", &url)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = asker.submit(&url, "/qa/voti", &[("kind", "answer"), ("id", &expert_answer), ("value", "1"), ("back", &url)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = asker.submit(&url, "/qa/voti", &[("kind", "question"), ("id", &qid), ("value", "1"), ("back", &url)]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "no vote on one's own post");

        // The asker accepts the expert's answer: it comes first and is marked.
        let r = asker.submit(&url, &format!("/qa/questions/{qid}/accetta"), &[("answer_id", &expert_answer)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let api = member.get(&format!("/api/v1/qa/questions/{qid}")).await.json();
        assert_eq!(api["question"]["score"], 1);
        assert_eq!(api["question"]["answer_count"], 2);
        assert_eq!(api["question"]["accepted_answer_id"], expert_answer.as_str());
        assert_eq!(api["answers"][0]["id"], expert_answer.as_str());
        assert_eq!(api["answers"][0]["accepted"], true);
        assert_eq!(api["answers"][0]["author"]["is_expert"], true);
        assert_eq!(api["answers"][0]["score"], 1);
        assert_eq!(api["answers"][0]["comments"][0]["body"], "Grazie!");
        assert_eq!(api["question_comments"][0]["body"], "Ottima domanda");
        let page = member.get(&url).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<strong>esempi</strong>"));
        // Someone else may not accept.
        let r = member.submit(&url, &format!("/qa/questions/{qid}/accetta"), &[("answer_id", "")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Lists: newest shows it; unanswered does not; the tag page and the tag count do.
        assert!(member.get("/qa").await.body.contains("Come si scrive un capitolato"));
        assert!(!member.get("/qa?tab=unanswered").await.body.contains("Come si scrive un capitolato"));
        let tagged = member.get("/api/v1/qa/questions?tag=valutazione").await.json();
        assert_eq!(tagged["page"]["total"], 1);
        assert!(member.get("/qa/tags/appalti").await.body.contains("esperta"), "top answerers list the expert");
        // A slug that drifted redirects to the canonical URL.
        let r = member.get(&format!("/qa/questions/{qid}/vecchio-titolo")).await;
        assert_eq!(r.status, StatusCode::MOVED_PERMANENTLY);
        assert_eq!(r.location(), url);
    }
}

both_backends! {
    async fn members_only_questions_are_invisible_to_visitors_everywhere(app) {
        app.set_phase(3);
        tags(&app);
        app.user("socia", Role::Member);
        let public = app.question("socia", "Una domanda pubblica sugli appalti").audience("public").create().id;
        let private = app.question("socia", "Una domanda riservata ai membri").create().id;
        let mut anon = app.client().await;
        let list = anon.get("/qa").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("Una domanda pubblica"));
        assert!(!list.body.contains("riservata"));
        let api = anon.get("/api/v1/qa/questions").await.json();
        assert_eq!(api["page"]["total"], 1, "counts never include what the viewer may not see");
        let tags = anon.get("/api/v1/qa/tags").await.json();
        let appalti = tags.as_array().unwrap().iter().find(|t| t["name"] == "appalti").unwrap();
        assert_eq!(appalti["question_count"], 1);
        assert_eq!(anon.get(&format!("/api/v1/qa/questions/{public}")).await.status, StatusCode::OK);
        let hidden = anon.get(&format!("/api/v1/qa/questions/{private}")).await;
        let missing = anon.get(&format!("/api/v1/qa/questions/{}", prassi_db::QuestionId::new())).await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
        assert_eq!(hidden.body, missing.body, "private answers exactly like missing");
        assert_eq!(anon.get(&format!("/qa/questions/{private}/x")).await.status, StatusCode::NOT_FOUND);
        // Visitors read but do not take part.
        let r = anon.json(Method::POST, "/api/v1/qa/votes", &json!({"kind": "question", "id": public.to_string(), "value": 1}), None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(anon.get("/qa/domande/nuova").await.status, StatusCode::UNAUTHORIZED);
        // In the closed phase even the public question is hidden from visitors.
        app.set_phase(1);
        assert_eq!(anon.get("/api/v1/qa/questions").await.status, StatusCode::UNAUTHORIZED, "the API answers like the page");
        assert_eq!(anon.get("/api/v1/qa/tags").await.status, StatusCode::UNAUTHORIZED, "not even the vocabulary");
        assert_eq!(anon.get("/qa").await.status, StatusCode::UNAUTHORIZED);
    }
}

both_backends! {
    async fn bad_input_gets_clear_errors(app) {
        tags(&app);
        app.user("attento", Role::Member);
        app.user("altro", Role::Member);
        let mut c = app.signed_in_as("attento").await;
        let csrf = c.get("/qa/domande/nuova").await.csrf().unwrap();
        let post = |title: &str, body: &str, tags: &str| json!({"title": title, "body_md": body, "tags": tags, "audience": "members"});
        let cases = [
            (post("Una domanda ben formulata?", "", "appalti"), "body_md", "field-required"),
            (post(&"x".repeat(151), "corpo", "appalti"), "title", "field-too-long"),
            (post("Breve?", "corpo", "appalti"), "title", "qa-title-too-short"),
            (post("Una domanda ben formulata?", "corpo", "inesistente"), "tags", "qa-tag-unknown"),
            (post("Una domanda ben formulata?", "corpo", ""), "tags", "qa-tags-count"),
            (post("Una domanda ben formulata?", "corpo", "a b c d e f"), "tags", "qa-tags-count"),
        ];
        for (body, field, message) in cases {
            let r = c.json(Method::POST, "/api/v1/qa/questions", &body, Some(&csrf)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert_eq!(r.json()["error"]["field"], field);
            assert_eq!(r.json()["error"]["message"], message);
        }
        // The HTML form shows the error next to the field and keeps the text.
        let r = c.submit("/qa/domande/nuova", "/qa/domande/nuova", &[("title", "Una domanda ben formulata?"), ("body_md", "Il mio testo prezioso"), ("tags", "inesistente")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Il mio testo prezioso"));
        let q = app.question("altro", "Domanda di un altro membro").create().id;
        let vote = |v: i32| json!({"kind": "question", "id": q.to_string(), "value": v});
        assert_eq!(c.json(Method::POST, "/api/v1/qa/votes", &vote(1), Some(&csrf)).await.status, StatusCode::OK);
        let twice = c.json(Method::POST, "/api/v1/qa/votes", &vote(1), Some(&csrf)).await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        assert_eq!(twice.json()["error"]["message"], "qa-vote-already");
        assert_eq!(c.json(Method::POST, "/api/v1/qa/votes", &vote(7), Some(&csrf)).await.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Changing and withdrawing keep the score equal to the sum of votes.
        assert_eq!(c.json(Method::POST, "/api/v1/qa/votes", &vote(-1), Some(&csrf)).await.json()["score"], -1);
        assert_eq!(c.json(Method::POST, "/api/v1/qa/votes", &vote(0), Some(&csrf)).await.json()["score"], 0);
        let r = c.json(Method::POST, "/api/v1/qa/questions/not-an-id/answers", &json!({"body_md": "x"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = c.json(Method::POST, &format!("/api/v1/qa/questions/{q}/answers"), &json!({"body_md": "   "}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

both_backends! {
    async fn concurrent_votes_keep_exact_scores(app) {
        tags(&app);
        app.user("autrice", Role::Member);
        let q = app.question("autrice", "Una domanda molto votata").create().id;
        let voters: Vec<Viewer> = (0..12)
            .map(|i| {
                let name = format!("votante{i}");
                app.user(&name, Role::Member);
                app.viewer(&name)
            })
            .collect();
        let db = app.platform.state.db.clone();
        let handles: Vec<_> = voters
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let db = db.clone();
                let q = q.clone();
                std::thread::spawn(move || {
                    let mut conn = db.get().unwrap();
                    let value = if i % 3 == 0 { -1 } else { 1 };
                    for attempt in 0..20 {
                        let r = prassi_db::write_tx(&mut conn, |c| {
                            service::vote(c, &v, Phase::Open, &VoteInput { kind: "question".into(), id: q.to_string(), value })
                        });
                        match r {
                            Ok(_) => return value,
                            Err(e) if attempt < 19 && e.kind == prassi_core::ErrorKind::Internal => std::thread::sleep(std::time::Duration::from_millis(20)),
                            Err(e) => panic!("vote failed: {e}"),
                        }
                    }
                    unreachable!()
                })
            })
            .collect();
        let expected: i32 = handles.into_iter().map(|h| h.join().unwrap()).sum();
        use prassi_db::schema::{qa_votes, questions};
        let mut conn = app.conn();
        let score: i32 = questions::table.find(&q).select(questions::score).first(&mut conn).unwrap();
        let sum: Option<i64> = qa_votes::table.filter(qa_votes::post_id.eq(q.as_str())).select(diesel::dsl::sum(qa_votes::value)).first(&mut conn).unwrap();
        assert_eq!(expected, 12 - 4 - 4, "8 up, 4 down");
        assert_eq!(score, expected);
        assert_eq!(i64::from(score), sum.unwrap_or(0));
    }
}

both_backends! {
    async fn question_page_uses_a_fixed_number_of_queries(app) {
        tags(&app);
        app.user("fulcro", Role::Member);
        let small = app.question("fulcro", "Domanda con una sola risposta").create().id;
        let big = app.question("fulcro", "Domanda con trenta risposte e sessanta commenti").create().id;
        let mut helpers = Vec::new();
        for i in 0..30 {
            let name = format!("aiuto{i}");
            app.user(&name, Role::Member);
            helpers.push(app.viewer(&name));
        }
        {
            let mut conn = app.conn();
            prassi_db::write_tx(&mut conn, |c| service::answer(c, &helpers[0], Phase::Open, &small, "Una risposta").map(|_| ())).unwrap();
            for h in &helpers {
                prassi_db::write_tx(&mut conn, |c| -> prassi_core::AppResult<()> {
                    let a = service::answer(c, h, Phase::Open, &big, "Una delle trenta risposte")?;
                    service::comment(c, h, Phase::Open, &big, Some(&a), "primo commento")?;
                    service::comment(c, h, Phase::Open, &big, Some(&a), "secondo commento")?;
                    Ok(())
                })
                .unwrap();
            }
        }
        let reader = app.viewer("aiuto0");
        let mut conn = app.conn();
        let (page_small, q_small) = prassi_tests::count_queries(&mut conn, |c| service::question_page(c, &small, &reader, Phase::Closed).unwrap());
        let (page_big, q_big) = prassi_tests::count_queries(&mut conn, |c| service::question_page(c, &big, &reader, Phase::Closed).unwrap());
        assert_eq!(page_small.answers.len(), 1);
        assert_eq!(page_big.answers.len(), 30);
        assert_eq!(page_big.answers.iter().map(|a| a.comments.len()).sum::<usize>(), 60);
        assert_eq!(q_small, q_big, "the query count does not grow with answers and comments");
        assert!(q_big <= 14, "{q_big} queries");
        // The list is bounded too: page sizes are capped.
        let mut c = app.signed_in_as("fulcro").await;
        assert_eq!(c.get("/api/v1/qa/questions?per_page=100000").await.json()["page"]["per_page"], 100);
    }
}

both_backends! {
    async fn edits_keep_every_revision_with_a_readable_diff(app) {
        tags(&app);
        app.user("scrive", Role::Member);
        app.user("estraneo", Role::Member);
        app.user("moderatore", Role::Moderator);
        let q = app.question("scrive", "Come valutare gli outcome sociali?").create().id;
        let mut author = app.signed_in_as("scrive").await;
        let r = author.submit(&format!("/qa/modifica/domanda/{q}"), &format!("/qa/modifica/domanda/{q}"), &[
            ("title", "Come valutare gli outcome sociali dei progetti?"), ("body_md", "Come si fa davvero?"),
            ("tags", "appalti, valutazione"), ("summary", "Titolo più preciso"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(r.location().ends_with("/come-valutare-gli-outcome-sociali-dei-progetti"), "{}", r.location());
        let history = author.get(&format!("/api/v1/qa/questions/{q}/revisions")).await.json();
        assert_eq!(history.as_array().unwrap().len(), 2);
        assert_eq!(history[0]["number"], 2);
        assert_eq!(history[0]["summary"], "Titolo più preciso");
        let diff = history[0]["diff"].as_array().unwrap();
        assert!(diff.iter().any(|s| s["kind"] == "insert" && s["text"].as_str().unwrap().contains("davvero")), "{diff:?}");
        assert!(diff.iter().any(|s| s["kind"] == "equal" && s["text"].as_str().unwrap().contains("Come")), "words, not whole lines: {diff:?}");
        assert!(history[0]["title_diff"].as_array().unwrap().iter().any(|s| s["kind"] == "insert" && s["text"].as_str().unwrap().contains("progetti")));
        assert!(history[0]["tags_diff"].is_array());
        assert!(author.get(&r.location()).await.body.replace("&#x2F;", "/").contains(&format!("/qa/modifica/domanda/{q}")), "the author sees the edit link");
        let page = author.get(&format!("/qa/cronologia/domanda/{q}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<ins") && page.body.contains("davvero"));
        // Someone else may not edit; a moderator may.
        let mut other = app.signed_in_as("estraneo").await;
        assert_eq!(other.get(&format!("/qa/modifica/domanda/{q}")).await.status, StatusCode::FORBIDDEN);
        let csrf = other.get("/qa").await.csrf().unwrap();
        let r = other.json(Method::PUT, &format!("/api/v1/qa/questions/{q}"), &json!({"title": "Titolo rubato da altri", "body_md": "x", "tags": "appalti"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let answer = app.answer("estraneo", &q, "Prima versione della risposta");
        let mut m = app.signed_in_as("moderatore").await;
        let csrf = m.get("/qa").await.csrf().unwrap();
        let r = m.json(Method::PUT, &format!("/api/v1/qa/answers/{answer}"), &json!({"body_md": "Seconda versione della risposta", "summary": "refuso"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        let h = m.get(&format!("/api/v1/qa/answers/{answer}/revisions")).await.json();
        assert_eq!(h.as_array().unwrap().len(), 2);
        assert!(h[0]["diff"].as_array().unwrap().iter().any(|s| s["kind"] == "delete" && s["text"].as_str().unwrap().contains("Prima")));
        let page = m.get(&format!("/api/v1/qa/questions/{q}")).await.json();
        assert_eq!(page["answers"][0]["body_md"], "Seconda versione della risposta");
        assert_eq!(page["answers"][0]["revision_count"], 2);
        // History of a question the viewer may not see answers like a missing one.
        app.set_phase(3);
        let mut anon = app.client().await;
        assert_eq!(anon.get(&format!("/qa/cronologia/domanda/{q}")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(anon.get(&format!("/api/v1/qa/answers/{answer}/revisions")).await.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn moderators_close_as_duplicate_or_off_topic_and_reopen(app) {
        tags(&app);
        app.user("prima", Role::Member);
        app.user("seconda", Role::Member);
        app.user("vigile", Role::Moderator);
        let original = app.question("prima", "Domanda originale sugli appalti").create().id;
        let copy = app.question("seconda", "Domanda ripetuta sugli appalti").create().id;
        let mut member = app.signed_in_as("prima").await;
        let csrf = member.get("/qa").await.csrf().unwrap();
        let close = |reason: &str, dup: &str, note: &str| json!({"reason": reason, "duplicate_of": dup, "note": note});
        let r = member.json(Method::POST, &format!("/api/v1/qa/questions/{copy}/close"), &close("off_topic", "", "no"), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "members do not close");
        let mut m = app.signed_in_as("vigile").await;
        let csrf_m = m.get("/qa").await.csrf().unwrap();
        let cases = [
            (close("nonsense", "", "motivo"), "reason"),
            (close("duplicate", "", "motivo"), "duplicate_of"),
            (close("duplicate", &copy.to_string(), "motivo"), "duplicate_of"),
            (close("duplicate", &prassi_db::QuestionId::new().to_string(), "motivo"), "duplicate_of"),
            (close("off_topic", "", ""), "note"),
        ];
        for (body, field) in cases {
            let r = m.json(Method::POST, &format!("/api/v1/qa/questions/{copy}/close"), &body, Some(&csrf_m)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert_eq!(r.json()["error"]["field"], field);
        }
        // Closing through the page with the original's URL.
        let original_url = member.get(&format!("/api/v1/qa/questions/{original}")).await.json()["question"]["url"].as_str().unwrap().to_owned();
        let copy_url = member.get(&format!("/api/v1/qa/questions/{copy}")).await.json()["question"]["url"].as_str().unwrap().to_owned();
        let r = m.submit(&copy_url, &format!("/qa/questions/{copy}/chiudi"), &[("reason", "duplicate"), ("duplicate_of", &format!("https://prassi.example{original_url}")), ("note", "Già discussa")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(m.get(&copy_url).await.body.replace("&#x2F;", "/").contains(&format!("/qa/questions/{copy}/riapri")), "moderators see the reopen form");
        let page = member.get(&format!("/api/v1/qa/questions/{copy}")).await.json();
        assert_eq!(page["question"]["closed_reason"], "duplicate");
        assert_eq!(page["question"]["duplicate_url"], original_url.as_str());
        assert!(member.get(&copy_url).await.body.replace("&#x2F;", "/").contains(&original_url));
        let r = member.json(Method::POST, &format!("/api/v1/qa/questions/{copy}/answers"), &json!({"body_md": "Provo a rispondere"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "closed questions take no answers");
        let r = m.json(Method::POST, &format!("/api/v1/qa/questions/{copy}/close"), &close("off_topic", "", "ancora"), Some(&csrf_m)).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        // Reopen: answers are welcome again.
        let r = m.submit(&copy_url, &format!("/qa/questions/{copy}/riapri"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = member.json(Method::POST, &format!("/api/v1/qa/questions/{copy}/answers"), &json!({"body_md": "Ora posso rispondere"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = m.json(Method::POST, &format!("/api/v1/qa/questions/{copy}/reopen"), &json!({}), Some(&csrf_m)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "not closed");
    }
}

both_backends! {
    async fn reputation_follows_the_published_rule_and_shows_on_profiles(app) {
        tags(&app);
        app.user("asker", Role::Member);
        app.user("helper", Role::Member);
        app.user("voter1", Role::Member);
        app.user("voter2", Role::Member);
        let asked = app.question("asker", "Una domanda per guadagnare punti").answer("helper", "Risposta utile").create();
        let (q, a) = (asked.id, asked.answers[0].clone());
        let v = |n: &str| app.viewer(n);
        let mut conn = app.conn();
        let vote = |c: &mut prassi_db::DbConnection, who: &str, kind: &str, id: &str, value: i32| {
            service::vote(c, &v(who), Phase::Closed, &VoteInput { kind: kind.into(), id: id.into(), value }).map(|_| ())
        };
        prassi_db::write_tx(&mut conn, |c| -> prassi_core::AppResult<()> {
            vote(c, "voter1", "answer", a.as_str(), 1)?;
            vote(c, "voter2", "answer", a.as_str(), 1)?;
            vote(c, "voter1", "question", q.as_str(), 1)?;
            vote(c, "voter2", "question", q.as_str(), -1)?;
            service::accept(c, &v("asker"), Phase::Closed, &q, Some(&a))
        })
        .unwrap();
        let ids = [v("asker").user_id().unwrap().clone(), v("helper").user_id().unwrap().clone()];
        let rep = service::reputation(&mut conn, &ids, &v("voter1"), Phase::Closed).unwrap();
        assert_eq!(rep[&ids[0]], 5 - 2, "one up, one down on the question");
        assert_eq!(rep[&ids[1]], 2 * 10 + 15, "two up-votes and an accepted answer");
        // Counted only over what the viewer may see: a visitor of the open site sees nothing
        // here, all of it being for members.
        let public_only =
            service::reputation(&mut conn, &ids, &prassi_core::access::Viewer::Anonymous, Phase::Open).unwrap();
        assert_eq!(public_only[&ids[1]], 0);
        drop(conn);
        // The profile and the question page show it; the help page explains it.
        {
            let mut conn = app.conn();
            use prassi_db::schema::users;
            diesel::update(users::table.filter(users::username.eq("helper"))).set(users::directory_consent.eq(true)).execute(&mut conn).unwrap();
        }
        let mut c = app.signed_in_as("voter1").await;
        let profile = c.get("/api/v1/members/helper").await.json();
        let activity = profile["activity"].as_array().unwrap();
        assert_eq!(activity[0]["value"], "35");
        assert_eq!(activity[2]["value"], "1", "one answer");
        assert_eq!(activity[3]["value"], "1", "one accepted");
        assert!(c.get("/membri/helper").await.body.contains("35"));
        let page = c.get(&format!("/api/v1/qa/questions/{q}")).await.json();
        assert_eq!(page["answers"][0]["author"]["reputation"], 35);
        let help = c.get("/qa/reputazione").await;
        assert_eq!(help.status, StatusCode::OK);
        assert!(help.body.contains("15") && help.body.contains("10"));
    }
}

both_backends! {
    async fn askers_see_matching_experts_and_invite_them(app) {
        tags(&app);
        app.user("curiosa", Role::Member);
        app.user("luminare", Role::Expert);
        app.user("riservato", Role::Expert);
        app.user("passante", Role::Member);
        let mut e = app.signed_in_as("luminare").await;
        e.submit("/profilo", "/profilo", &[("display_name", "Luminare"), ("organisation", "Università"), ("expertise", "Appalti per l'innovazione"), ("directory_consent", "on")]).await;
        let mut r = app.signed_in_as("riservato").await;
        r.submit("/profilo", "/profilo", &[("display_name", "Riservato"), ("organisation", "Università"), ("expertise", "appalti")]).await;
        let q = app.question("curiosa", "Chi conosce bene gli appalti innovativi?").create().id;
        let mut asker = app.signed_in_as("curiosa").await;
        let page = asker.get(&format!("/api/v1/qa/questions/{q}")).await.json();
        let experts = page["experts"].as_array().unwrap();
        assert_eq!(experts.len(), 1, "matched by the tag's description; experts without directory consent are not suggested: {experts:?}");
        assert_eq!(experts[0]["username"], "luminare");
        assert_eq!(experts[0]["invited"], false);
        let url = page["question"]["url"].as_str().unwrap().to_owned();
        let r2 = asker.submit(&url, &format!("/qa/questions/{q}/invita"), &[("expert", "luminare")]).await;
        assert_eq!(r2.status, StatusCode::SEE_OTHER, "{}", r2.body);
        assert_eq!(asker.get(&format!("/api/v1/qa/questions/{q}")).await.json()["experts"][0]["invited"], true);
        let csrf = asker.get("/qa").await.csrf().unwrap();
        let again = asker.json(Method::POST, &format!("/api/v1/qa/questions/{q}/invitations"), &json!({"expert": "luminare"}), Some(&csrf)).await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        let not_expert = asker.json(Method::POST, &format!("/api/v1/qa/questions/{q}/invitations"), &json!({"expert": "passante"}), Some(&csrf)).await;
        assert_eq!(not_expert.status, StatusCode::UNPROCESSABLE_ENTITY);
        let mut other = app.signed_in_as("passante").await;
        let csrf = other.get("/qa").await.csrf().unwrap();
        let r3 = other.json(Method::POST, &format!("/api/v1/qa/questions/{q}/invitations"), &json!({"expert": "luminare"}), Some(&csrf)).await;
        assert_eq!(r3.status, StatusCode::FORBIDDEN, "only the asker invites");
        let mut conn = app.conn();
        use prassi_db::schema::expert_invitations;
        let n: i64 = expert_invitations::table.count().get_result(&mut conn).unwrap();
        assert_eq!(n, 1, "recorded once, for the notifications module");
    }
}

both_backends! {
    async fn the_kept_experts_box_follows_every_change_it_shows(app) {
        use prassi_db::schema::users;
        tags(&app);
        app.user("curiosa", Role::Member);
        app.user("luminare", Role::Expert);
        app.user("seconda", Role::Expert);
        let mut e = app.signed_in_as("luminare").await;
        e.submit("/profilo", "/profilo", &[("display_name", "Luminare"), ("organisation", "Università"), ("expertise", "Appalti per l'innovazione"), ("directory_consent", "on")]).await;
        let q = app.question("curiosa", "Chi conosce bene gli appalti innovativi?").create().id;
        let mut asker = app.signed_in_as("curiosa").await;
        let api = format!("/api/v1/qa/questions/{q}");
        let db = &app.platform.state.db;
        // The box as the API shows it, and the statements that view ran.
        macro_rules! view {
            () => {{
                let before = db.statements();
                let page = asker.get(&api).await.json();
                let ran = db.statements() - before;
                let experts: Vec<(String, bool)> = page["experts"].as_array().unwrap().iter()
                    .map(|e| (e["display_name"].as_str().unwrap().to_owned(), e["invited"].as_bool().unwrap()))
                    .collect();
                (experts, ran)
            }};
        }
        let (first, _) = view!();
        assert_eq!(first, [("Luminare".to_owned(), false)]);
        // Kept: the next view reads neither the experts' areas nor the invitations.
        let (again, kept) = view!();
        assert_eq!(again, first);
        let write = |sql: &dyn Fn(&mut prassi_db::DbConnection)| sql(&mut app.conn());
        // Each change below is made by another path than the box's own (a page, plain SQL)
        // and shows on the next view, which reads the box again (two statements more than a
        // kept view), then keeps it.
        macro_rules! changed {
            ($want:expr) => {{
                let (experts, ran) = view!();
                assert_eq!(experts, $want);
                assert_eq!(ran, kept + 2, "read again after the change");
                let (experts, ran) = view!();
                assert_eq!(experts, $want);
                assert_eq!(ran, kept, "kept again");
            }};
        }
        // Another expert declares the area, through the profile page.
        let mut s2 = app.signed_in_as("seconda").await;
        s2.submit("/profilo", "/profilo", &[("display_name", "Seconda"), ("organisation", "Regione"), ("expertise", "Appalti per l'innovazione"), ("directory_consent", "on")]).await;
        changed!([("Luminare".to_owned(), false), ("Seconda".to_owned(), false)]);
        // An expert's name, changed in the database by hand.
        write(&|c| {
            diesel::update(users::table.filter(users::username.eq("luminare")))
                .set(users::display_name.eq("Luminare Bianchi"))
                .execute(c)
                .unwrap();
        });
        changed!([("Luminare Bianchi".to_owned(), false), ("Seconda".to_owned(), false)]);
        // An invitation, through the page.
        let url = service::question_url(&q, "Chi conosce bene gli appalti innovativi?");
        let r = asker.submit(&url, &format!("/qa/questions/{q}/invita"), &[("expert", "seconda")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        changed!([("Luminare Bianchi".to_owned(), false), ("Seconda".to_owned(), true)]);
        // An expert no longer an expert, and one who withdraws consent to the directory.
        write(&|c| {
            diesel::update(users::table.filter(users::username.eq("luminare")))
                .set(users::role.eq(Role::Member))
                .execute(c)
                .unwrap();
        });
        changed!([("Seconda".to_owned(), true)]);
        write(&|c| {
            diesel::update(users::table.filter(users::username.eq("seconda")))
                .set(users::directory_consent.eq(false))
                .execute(c)
                .unwrap();
        });
        let (experts, _) = view!();
        assert!(experts.is_empty(), "{experts:?}");
        let (_, ran) = view!();
        assert_eq!(ran, kept);
        // A change the box does not show (a member's preferred language) keeps it.
        write(&|c| {
            diesel::update(users::table.filter(users::username.eq("seconda")))
                .set(users::locale.eq(Some("en")))
                .execute(c)
                .unwrap();
        });
        let (_, ran) = view!();
        assert_eq!(ran, kept);
    }
}

both_backends! {
    async fn the_kept_question_part_follows_votes_comments_and_errors(app) {
        tags(&app);
        app.user("chiede", Role::Member);
        app.user("lettore", Role::Member);
        let title = "Domanda per la parte tenuta in memoria";
        let q = app.question("chiede", title).create().id;
        let page = service::question_url(&q, title);
        let part = |body: &str| {
            let at = body.find("<article class=\"qa-question\"").expect("the question's part");
            body[at..].split("</article>").next().unwrap_or_default().to_owned()
        };
        let mut reader = app.signed_in_as("lettore").await;
        let first = reader.get(&page).await;
        assert!(part(&first.body).contains(title));
        assert!(part(&first.body).contains("aria-pressed=\"false\""));
        // The kept part carries this reader's own token in its forms.
        let again = reader.get(&page).await;
        let token = again.csrf().unwrap();
        assert!(part(&again.body).contains(&format!("name=\"csrf_token\" value=\"{token}\"")));
        let mut other = app.signed_in_as("chiede").await;
        let theirs = other.get(&page).await;
        assert!(part(&theirs.body).contains(&format!("name=\"csrf_token\" value=\"{}\"", theirs.csrf().unwrap())));
        assert!(!part(&theirs.body).contains(&token), "never another reader's token");
        // The reader's vote shows in their part, not in the asker's.
        let r = reader.submit(&page, "/qa/voti", &[("kind", "question"), ("id", q.as_str()), ("value", "1"), ("back", &page)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let voted = part(&reader.get(&page).await.body);
        assert!(voted.contains("aria-pressed=\"true\""), "{voted}");
        assert!(!part(&other.get(&page).await.body).contains("aria-pressed"), "the asker does not vote");
        // A comment too long comes back in the question's part with the error and the text
        // sent; the next view is the kept part, without them.
        let long = "parola ".repeat(100);
        let comments = format!("/qa/questions/{q}/commenti");
        let r = reader.submit(&page, &comments, &[("body", long.as_str()), ("answer_id", "")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let sent = part(&r.body);
        assert!(sent.contains("id=\"commento-domanda-error\"") && sent.contains(long.trim_end()), "{sent}");
        assert!(sent.contains(&format!("name=\"csrf_token\" value=\"{}\"", r.csrf().unwrap())));
        let after = part(&reader.get(&page).await.body);
        assert!(!after.contains("commento-domanda-error") && !after.contains(long.trim_end()));
        // A comment on the question shows to every reader.
        let r = reader.submit(&page, &comments, &[("body", "Un commento sulla domanda"), ("answer_id", "")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(part(&other.get(&page).await.body).contains("Un commento sulla domanda"));
        assert!(part(&reader.get(&page).await.body).contains("Un commento sulla domanda"));
    }
}

both_backends! {
    async fn one_members_questions_are_listed_by_author_with_their_total_in_every_tab(app) {
        use prassi_core::pagination::PageRequest;
        use prassi_qa::service::{list, ListFilter, ListTab};
        tags(&app);
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        let first = app.question("anna", "La prima domanda di Anna").create().id;
        let second = app.question("anna", "La seconda domanda di Anna").create().id;
        let other = app.question("bruno", "Una domanda di Bruno").create().id;
        let reader = app.viewer("bruno");
        let mut conn = app.conn();
        let page = PageRequest { page: 1, per_page: 20 };
        for tab in [ListTab::Newest, ListTab::Active, ListTab::Unanswered, ListTab::Votes] {
            // The author's name in any case, as the link from a profile carries it.
            let by_anna = ListFilter { tab: Some(tab), author: Some("Anna".into()), ..Default::default() };
            let (items, info) = list(&mut conn, &reader, Phase::Open, &by_anna, page).unwrap();
            let mut ids: Vec<String> = items.iter().map(|q| q.id.clone()).collect();
            ids.sort();
            let mut want = vec![first.0.clone(), second.0.clone()];
            want.sort();
            assert_eq!(ids, want, "{tab:?}");
            assert_eq!(info.total, 2, "{tab:?}");
        }
        let nobody = ListFilter { author: Some("nessuno".into()), ..Default::default() };
        let (items, info) = list(&mut conn, &reader, Phase::Open, &nobody, page).unwrap();
        assert!(items.is_empty() && info.total == 0);
        // The page, through its address.
        let mut c = app.signed_in_as("bruno").await;
        let body = c.get("/qa?autore=anna").await.body;
        assert!(body.contains("La prima domanda di Anna") && body.contains("La seconda domanda di Anna"));
        assert!(!body.contains("Una domanda di Bruno"), "{other:?}");
    }
}

both_backends! {
    async fn moderators_rename_and_merge_tags(app) {
        tags(&app);
        app.user("etichette", Role::Moderator);
        app.user("semplice2", Role::Member);
        let q1 = app.question("semplice2", "Prima domanda con tag appalti").create().id;
        let q2 = app.question("semplice2", "Seconda domanda con due tag").body("x").tags("appalti, valutazione").create().id;
        let mut member = app.signed_in_as("semplice2").await;
        let csrf = member.get("/qa").await.csrf().unwrap();
        let r = member.json(Method::POST, "/api/v1/qa/tags/rename", &json!({"from": "appalti", "to": "procurement"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "members do not curate tags");
        let mut m = app.signed_in_as("etichette").await;
        let r = m.submit("/qa/tags", "/qa/tags/rinomina", &[("from", "appalti"), ("to", "Appalti Innovativi")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = m.submit("/qa/tags", "/qa/tags/rinomina", &[("from", "valutazione"), ("to", "appalti-innovativi")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "the name is taken");
        let r = m.submit("/qa/tags", "/qa/tags/unisci", &[("from", "valutazione"), ("into", "valutazione")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = m.submit("/qa/tags", "/qa/tags/unisci", &[("from", "valutazione"), ("into", "appalti-innovativi")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let tags = m.get("/api/v1/qa/tags").await.json();
        let names: Vec<&str> = tags.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["appalti-innovativi"]);
        assert_eq!(tags[0]["question_count"], 2, "each question once");
        for q in [q1, q2] {
            let page = m.get(&format!("/api/v1/qa/questions/{q}")).await.json();
            assert_eq!(page["question"]["tags"], json!(["appalti-innovativi"]));
        }
    }
}

/// Every page of a tag's list for `viewer`, walked 5 at a time.
fn tag_list_ids(
    app: &TestApp,
    viewer: &Viewer,
    tab: service::ListTab,
) -> Vec<prassi_db::QuestionId> {
    let mut conn = app.conn();
    let mut out = Vec::new();
    for page in 1..=10 {
        let filter = service::ListFilter {
            tab: Some(tab),
            tag: Some("Appalti".into()),
            author: None,
        };
        let request = prassi_core::pagination::PageRequest { page, per_page: 5 };
        let (rows, info) = service::list(&mut conn, viewer, Phase::Open, &filter, request).unwrap();
        out.extend(rows.into_iter().map(|q| prassi_db::QuestionId(q.id)));
        assert!(info.total >= out.len() as i64);
        if out.len() as i64 >= info.total {
            assert_eq!(
                out.len() as i64,
                info.total,
                "the pages hold exactly the total"
            );
            break;
        }
    }
    // A first page of a usual size (its limit written as a literal on PostgreSQL, see
    // `prassi_db::Paged`) holds the same questions as the walk.
    let filter = service::ListFilter {
        tab: Some(tab),
        tag: Some("Appalti".into()),
        author: None,
    };
    let request = prassi_core::pagination::PageRequest {
        page: 1,
        per_page: 10,
    };
    let (rows, _) = service::list(&mut conn, viewer, Phase::Open, &filter, request).unwrap();
    let first: Vec<prassi_db::QuestionId> = rows
        .into_iter()
        .map(|q| prassi_db::QuestionId(q.id))
        .collect();
    assert_eq!(first[..], out[..out.len().min(10)]);
    out
}

both_backends! {
    async fn a_tags_questions_come_newest_first_from_the_taggings_for_every_viewer_tab_retag_and_merge(app) {
        tags(&app);
        app.user("autrice", Role::Member);
        app.user("rispondente", Role::Member);
        let v = app.viewer("autrice");
        // (id, audience public?, under "appalti"?, answered?)
        let mut asked: Vec<(prassi_db::QuestionId, bool, bool, bool)> = Vec::new();
        for i in 0..14 {
            let public = i % 3 == 0;
            let tagged = i % 4 != 0;
            let answered = i % 5 == 1;
            let mut question = app.question("autrice", &format!("Domanda numero {i} sulle etichette"))
                .tags(if tagged { "appalti, valutazione" } else { "valutazione" })
                .audience(if public { "public" } else { "members" });
            if answered {
                question = question.answer("rispondente", "Così.");
            }
            asked.push((question.create().id, public, tagged, answered));
        }
        let expected = |asked: &[(prassi_db::QuestionId, bool, bool, bool)], signed_in: bool, unanswered: bool| -> Vec<prassi_db::QuestionId> {
            asked.iter().rev()
                .filter(|(_, public, tagged, answered)| *tagged && (signed_in || *public) && !(unanswered && *answered))
                .map(|(id, ..)| id.clone())
                .collect()
        };
        let check = |asked: &[(prassi_db::QuestionId, bool, bool, bool)], when: &str| {
            for (viewer, signed_in) in [(Viewer::Anonymous, false), (v.clone(), true)] {
                for (tab, unanswered) in [(service::ListTab::Newest, false), (service::ListTab::Unanswered, true)] {
                    assert_eq!(
                        tag_list_ids(&app, &viewer, tab),
                        expected(asked, signed_in, unanswered),
                        "{when}: signed in {signed_in}, {tab:?}"
                    );
                }
            }
        };
        check(&asked, "as asked");

        // Tagged later, an old question takes the place of its creation time, not the top.
        let old = asked[4].0.clone();
        {
            let mut conn = app.conn();
            prassi_db::write_tx(&mut conn, |c| service::edit_question(c, &v, Phase::Open, &old, &service::EditInput {
                title: "Domanda numero 4 sulle etichette".into(), body_md: "Come si fa?".into(),
                tags: "valutazione, appalti".into(), summary: String::new(), lang: String::new(),
            })).unwrap();
        }
        asked[4].2 = true;
        check(&asked, "after a retag");

        // Merged in, every question of the other tag joins at its own place.
        {
            app.user("redazione", Role::Moderator);
            let moderator = app.viewer("redazione");
            let mut conn = app.conn();
            prassi_db::write_tx(&mut conn, |c| service::merge_tags(c, &moderator, "valutazione", "appalti")).unwrap();
        }
        for q in &mut asked {
            q.2 = true;
        }
        check(&asked, "after a merge");
        let mut reader = app.signed_in_as("autrice").await;
        let page = reader.get("/qa/tags/appalti").await;
        assert_eq!(page.status, StatusCode::OK);
    }
}

both_backends! {
    async fn cached_answer_blocks_give_each_reader_their_own_token_and_vote_and_the_current_score(app) {
        tags(&app);
        for who in ["chiede", "risponde", "lettore1", "lettore2"] {
            app.user(who, Role::Member);
        }
        let title = "Domanda per i blocchi di risposta in cache";
        let asked = app.question("chiede", title).answer("risponde", "Una risposta **utile**.").create();
        let (q, answer) = (asked.id, asked.answers[0].clone());
        let page = service::question_url(&q, title);
        let mut r1 = app.signed_in_as("lettore1").await;
        let mut r2 = app.signed_in_as("lettore2").await;
        // The same answer block, shown to two readers: each page carries only its reader's token,
        // in every form.
        for _ in 0..2 {
            let p1 = r1.get(&page).await;
            let p2 = r2.get(&page).await;
            let (t1, t2) = (p1.csrf().unwrap(), p2.csrf().unwrap());
            assert_ne!(t1, t2);
            for (p, mine, theirs) in [(&p1, &t1, &t2), (&p2, &t2, &t1)] {
                assert!(!p.body.contains(theirs.as_str()), "another reader's token");
                assert_eq!(
                    p.body.matches("name=\"csrf_token\" value=\"").count(),
                    p.body.matches(&format!("name=\"csrf_token\" value=\"{mine}\"")).count(),
                    "every form carries the reader's own token"
                );
                assert!(p.body.contains("<strong>utile</strong>"));
            }
        }
        // A vote changes the voter's block and the score everybody sees.
        let r = r2.submit(&page, "/qa/voti", &[("kind", "answer"), ("id", answer.as_str()), ("value", "1"), ("back", &page)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let p2 = r2.get(&page).await;
        let p1 = r1.get(&page).await;
        let block = |body: &str| body[body.find(&format!("id=\"risposta-{answer}\"")).unwrap()..].to_owned();
        assert!(block(&p2.body).contains("aria-pressed=\"true\""), "the voter sees their vote");
        assert!(!block(&p1.body).contains("aria-pressed=\"true\""), "the other reader does not");
        for p in [&p1, &p2] {
            assert!(block(&p.body).contains("</span>1</p>"), "the new score");
        }
        // An edit shows at once.
        let editor = app.viewer("risponde");
        {
            let mut conn = app.conn();
            prassi_db::write_tx(&mut conn, |c| service::edit_answer(c, &editor, Phase::Open, &answer, &service::EditInput {
                title: String::new(), body_md: "Una risposta *rivista*.".into(), tags: String::new(),
                summary: String::new(), lang: String::new(),
            })).unwrap();
        }
        let p1 = r1.get(&page).await;
        assert!(p1.body.contains("<em>rivista</em>") && !p1.body.contains("<strong>utile</strong>"));
        // A comment too long comes back in its answer's form, with the error and the text sent;
        // the next view of that block is the kept one, without them.
        let long = "parola ".repeat(100);
        let comments = format!("/qa/questions/{q}/commenti");
        let r = r1.submit(&page, &comments, &[("body", long.as_str()), ("answer_id", answer.as_str())]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let sent = block(&r.body);
        assert!(sent.contains(&format!("id=\"commento-{answer}-error\"")), "the error in the answer's form");
        assert!(sent.contains("aria-invalid=\"true\"") && sent.contains(long.trim_end()), "the text sent, kept");
        assert!(sent.contains(&format!("name=\"csrf_token\" value=\"{}\"", r.csrf().unwrap())));
        let p1 = r1.get(&page).await;
        assert!(!block(&p1.body).contains("aria-invalid") && !p1.body.contains(long.trim_end()));
        // A comment and a change of the author's reputation show to every reader at once.
        let r = r1.submit(&page, &comments, &[("body", "Un commento nuovo"), ("answer_id", answer.as_str())]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let rep = |body: &str| {
            let b = block(body);
            let at = b.find("qa-rep-inline").unwrap();
            b[at..at + 200].to_owned()
        };
        let before = rep(&r2.get(&page).await.body);
        let other = app.question("chiede", "Un'altra domanda per la reputazione").answer("risponde", "Un'altra risposta.").create();
        let r = r1.submit(&page, "/qa/voti", &[("kind", "answer"), ("id", other.answers[0].as_str()), ("value", "1"), ("back", &page)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        for reader in [&mut r1, &mut r2] {
            let p = reader.get(&page).await;
            assert!(block(&p.body).contains("Un commento nuovo"));
            assert_ne!(rep(&p.body), before, "the author's new reputation");
        }
    }
}

both_backends! {
    async fn the_kept_thread_follows_every_change_a_question_page_shows(app) {
        use prassi_db::schema::users;
        tags(&app);
        for who in ["chiede", "risponde", "commenta", "lettore", "altro"] {
            app.user(who, Role::Member);
        }
        let title = "Domanda per il filo tenuto in memoria";
        let asked = app.question("chiede", title).answer("risponde", "Prima risposta.").create();
        let (q, answer) = (asked.id.clone(), asked.answers[0].clone());
        let page = service::question_url(&q, title);
        let write = |f: &dyn Fn(&mut prassi_db::DbConnection) -> prassi_core::AppResult<()>| {
            let mut conn = app.conn();
            prassi_db::write_tx(&mut conn, |c| f(c)).unwrap();
        };
        let (commenta, altro, lettore) = (app.viewer("commenta"), app.viewer("altro"), app.viewer("lettore"));
        write(&|c| service::comment(c, &commenta, Phase::Open, &q, Some(&answer), "Un commento di prova").map(drop));
        let mut reader = app.signed_in_as("lettore").await;
        for _ in 0..2 {
            assert!(reader.get(&page).await.body.contains("Un commento di prova"));
        }
        let block = |body: &str| {
            let at = body.find(&format!("id=\"risposta-{answer}\"")).expect("the answer's block");
            body[at..].split("<article class=\"qa-answer").next().unwrap_or_default().to_owned()
        };
        // The names of an answer's and a comment's authors, and an author's role, live in
        // `users`: changed there by whatever path, they show at once.
        {
            let mut conn = app.conn();
            for (who, name) in [("risponde", "Rita Rinominata"), ("commenta", "Carlo Cambiato")] {
                diesel::update(users::table.filter(users::username.eq(who)))
                    .set(users::display_name.eq(name))
                    .execute(&mut conn)
                    .unwrap();
            }
        }
        let p = reader.get(&page).await;
        assert!(block(&p.body).contains("Rita Rinominata") && block(&p.body).contains("Carlo Cambiato"));
        assert!(!block(&p.body).contains("badge-expert"));
        diesel::update(users::table.filter(users::username.eq("risponde")))
            .set(users::role.eq(Role::Expert))
            .execute(&mut app.conn())
            .unwrap();
        assert!(block(&reader.get(&page).await.body).contains("badge-expert"), "the new role's badge");
        // A new answer; an edit, which also makes the answer's history link appear.
        write(&|c| service::answer(c, &altro, Phase::Open, &q, "Seconda risposta.").map(drop));
        let editor = app.viewer("risponde");
        write(&|c| service::edit_answer(c, &editor, Phase::Open, &answer, &service::EditInput {
            title: String::new(), body_md: "Prima risposta, *rivista*.".into(), tags: String::new(),
            summary: String::new(), lang: String::new(),
        }).map(drop));
        let p = reader.get(&page).await;
        assert!(p.body.contains("Seconda risposta.") && p.body.contains("<em>rivista</em>"));
        assert!(block(&p.body).contains("cronologia"), "the history link");
        // What a transaction saw is never kept: an answer posted and read in a transaction that
        // rolls back leaves the same version as before, which the next real answer moves again.
        {
            let mut conn = app.conn();
            let undone = prassi_db::write_tx(&mut conn, |c| -> prassi_core::AppResult<()> {
                service::answer(c, &lettore, Phase::Open, &q, "Risposta mai scritta.")?;
                let seen = service::question_page(c, &q, &lettore, Phase::Open)?;
                assert!(seen.answers.iter().any(|a| a.body_md == "Risposta mai scritta."));
                Err(prassi_core::AppError::conflict("qa-vote-changed"))
            });
            assert!(undone.is_err());
        }
        write(&|c| service::answer(c, &lettore, Phase::Open, &q, "Risposta vera.").map(drop));
        let p = reader.get(&page).await;
        assert!(p.body.contains("Risposta vera.") && !p.body.contains("Risposta mai scritta."));
        assert_eq!(p.body.matches("<article class=\"qa-answer").count(), 3, "three answers");
        // The question's tags are kept with its thread: a tag renamed by a moderator shows.
        assert!(p.body.contains("/qa/tags/appalti\""));
        app.user("modera", Role::Moderator);
        let moderator = app.viewer("modera");
        write(&|c| service::rename_tag(c, &moderator, "appalti", "appalti-pubblici"));
        let p = reader.get(&page).await;
        assert!(p.body.contains("/qa/tags/appalti-pubblici\"") && !p.body.contains("/qa/tags/appalti\""));
    }
}

both_backends! {
    async fn history_refuses_viewers_who_may_not_read_the_question_like_a_missing_post(app) {
        app.set_phase(3);
        tags(&app);
        app.user("socia", Role::Member);
        app.user("aiuta", Role::Member);
        let q = app.question("socia", "Una domanda riservata ai membri").answer("aiuta", "Una risposta riservata.").create();
        let (qid, aid) = (q.id.to_string(), q.answers[0].to_string());
        app.pending_user("attesa");
        let mut conn = app.conn();
        let history = |c: &mut prassi_db::DbConnection, kind, id: &str, who: &Viewer| {
            service::history(c, kind, id, who, Phase::Open)
        };
        // A member reads both histories, each with its question.
        let (question, revisions) = history(&mut conn, prassi_db::PostKind::Question, &qid, &app.viewer("aiuta")).unwrap();
        assert_eq!((question.id.to_string(), revisions.len()), (qid.clone(), 1));
        let (question, revisions) = history(&mut conn, prassi_db::PostKind::Answer, &aid, &app.viewer("aiuta")).unwrap();
        assert_eq!((question.id.to_string(), revisions.len()), (qid.clone(), 1));
        // A visitor of the open site and an account awaiting approval may not read it: the
        // service answers as it does for an id that does not exist, whoever calls it.
        let missing = prassi_db::QuestionId::new().to_string();
        let gone = history(&mut conn, prassi_db::PostKind::Question, &missing, &Viewer::Anonymous).unwrap_err();
        assert_eq!(gone.kind, prassi_core::error::ErrorKind::NotFound);
        for who in [Viewer::Anonymous, app.viewer("attesa")] {
            for (kind, id) in [(prassi_db::PostKind::Question, &qid), (prassi_db::PostKind::Answer, &aid)] {
                let refused = history(&mut conn, kind, id, &who).unwrap_err();
                assert_eq!((refused.kind, &refused.message), (gone.kind, &gone.message), "{kind:?} for {who:?}");
            }
        }
        drop(conn);
        // The page and the API say the same.
        let mut anon = app.client().await;
        for path in [
            format!("/qa/cronologia/domanda/{qid}"),
            format!("/qa/cronologia/risposta/{aid}"),
            format!("/api/v1/qa/questions/{qid}/revisions"),
            format!("/api/v1/qa/answers/{aid}/revisions"),
        ] {
            assert_eq!(anon.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        let mut member = app.signed_in_as("socia").await;
        assert_eq!(member.get(&format!("/api/v1/qa/answers/{aid}/revisions")).await.status, StatusCode::OK);
    }
}

both_backends! {
    async fn a_list_page_reads_its_questions_with_their_tags_in_one_statement(app) {
        use prassi_core::pagination::PageRequest;
        use prassi_qa::service::{list, ListFilter, ListTab};
        tags(&app);
        app.tag("zanzare", "Ultimo in ordine alfabetico");
        app.user("chiede", Role::Member);
        // Newest first: three tags (given out of order), one tag, two tags.
        let a = app.question("chiede", "Prima domanda con tre tag").tags("zanzare, appalti, valutazione").create().id;
        let b = app.question("chiede", "Seconda domanda con un tag").tags("valutazione").create().id;
        let c = app.question("chiede", "Terza domanda con due tag").tags("valutazione, appalti").create().id;
        let reader = app.viewer("chiede");
        let page = PageRequest { page: 1, per_page: 20 };
        let mut conn = app.conn();
        let newest = ListFilter { tab: Some(ListTab::Newest), ..Default::default() };
        let ((items, info), n) = prassi_tests::count_queries(&mut conn, |conn| list(conn, &reader, Phase::Open, &newest, page).unwrap());
        let got: Vec<(String, Vec<String>)> = items.iter().map(|q| (q.id.clone(), q.tags.clone())).collect();
        assert_eq!(got, vec![
            (c.0.clone(), vec!["appalti".to_string(), "valutazione".into()]),
            (b.0.clone(), vec!["valutazione".to_string()]),
            (a.0.clone(), vec!["appalti".to_string(), "valutazione".into(), "zanzare".into()]),
        ]);
        assert_eq!(info.total, 3);
        // The total (maintained counts), the page's ids in order, their rows with authors and tags.
        assert_eq!(n, 3, "statements of a list page");
        // A tag's list adds the tag's lookup; a page past the end reads no rows.
        let tagged = ListFilter { tag: Some("appalti".into()), ..Default::default() };
        let ((items, _), n) = prassi_tests::count_queries(&mut conn, |conn| list(conn, &reader, Phase::Open, &tagged, page).unwrap());
        assert_eq!(items.iter().map(|q| q.id.clone()).collect::<Vec<_>>(), vec![c.0.clone(), a.0.clone()]);
        assert_eq!(n, 4, "statements of a tag's list page");
        let far = PageRequest { page: 5, per_page: 20 };
        let ((items, _), n) = prassi_tests::count_queries(&mut conn, |conn| list(conn, &reader, Phase::Open, &newest, far).unwrap());
        assert!(items.is_empty());
        assert_eq!(n, 2, "a page past the end: the total and the ids");
    }
}

both_backends! {
    async fn a_list_shows_each_question_as_it_is_now_in_the_readers_language(app) {
        // Each question of a list is a kept fragment (`qa/_summary.html`): kept by everything it
        // shows, so a change or another language is another rendering, never the kept one.
        tags(&app);
        app.user("chiede", Role::Member);
        app.user("risponde", Role::Member);
        let q = app.question("chiede", "Una domanda da seguire nella lista").create().id;
        let mut c = app.signed_in_as("risponde").await;
        let page = c.get("/qa").await.body;
        assert!(page.contains("Una domanda da seguire nella lista") && page.contains("0 risposte"), "{page}");
        c.get("/lingua?lang=en&next=/").await;
        let en = c.get("/qa").await.body;
        assert!(en.contains("0 answers") && !en.contains("0 risposte"), "{en}");
        c.get("/lingua?lang=it&next=/").await;
        app.answer("risponde", &q, "La risposta che cambia il conteggio della lista.");
        let page = c.get("/qa").await.body;
        assert!(page.contains("1 risposta") && !page.contains("0 risposte"), "{page}");
        // The active tab shows the last activity; the newest tab does not; a tag's page titles
        // its questions one level below its own heading.
        assert!(c.get("/qa?tab=active").await.body.contains("ultima attività"));
        let newest = c.get("/qa").await.body;
        assert!(!newest.contains("ultima attività") && newest.contains("<h2 class=\"qa-summary-title\">"), "{newest}");
        let tag = c.get("/qa/tags/appalti").await.body;
        assert!(tag.contains("<h3 class=\"qa-summary-title\">") && tag.contains("1 risposta"), "{tag}");
    }
}
