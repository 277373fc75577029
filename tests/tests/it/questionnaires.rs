//! Questionnaires: one response per member under concurrency (the same member submitting many
//! times at once on its own pool), drafts that keep whatever was typed and submissions that
//! check everything, stored counters equal to the submitted answers (edits move them by the
//! difference), every error of the forms and the API at once with nothing typed lost,
//! results for organisers and after publication, exports safe in a spreadsheet and without
//! names for anonymous questionnaires, search with audiences, and the demo.

use std::collections::BTreeMap;

use diesel::prelude::*;
use prassi_core::access::Viewer;
use prassi_core::AppResult;
use prassi_db::ids::QuestionnaireId;
use prassi_db::schema::{
    questionnaire_answers, questionnaire_options, questionnaire_questions, questionnaire_responses,
    questionnaire_tallies, questionnaires,
};
use prassi_db::UserId;
use prassi_polls::questionnaires::create::{QuestionInput, QuestionnaireInput, SectionInput};
use prassi_polls::questionnaires::respond::{RespondOutcome, ResponseInput};
use prassi_polls::questionnaires::{self as qn, create, respond};
use serde_json::Value;

use super::*;

fn question(kind: &str, text: &str) -> QuestionInput {
    QuestionInput {
        kind: kind.into(),
        text: text.into(),
        ..QuestionInput::default()
    }
}

/// A questionnaire with one question of every kind: 1 single (required), 2 multiple (1–2),
/// 3 short text, 4 long text, 5 scale 1–5 (required), 6 date, 7 matrix 2×3.
fn sample(title: &str) -> QuestionnaireInput {
    let mut single = question("single", "Avete svolto processi partecipativi nel 2026?");
    single.required = true;
    single.options = vec!["Sì".into(), "No".into()];
    let mut multiple = question("multiple", "Quali strumenti avete usato?");
    multiple.options = vec![
        "Assemblee".into(),
        "Questionari online".into(),
        "World café".into(),
    ];
    multiple.max_choices = "2".into();
    let mut scale = question("scale", "Quanto è stato utile il processo?");
    scale.required = true;
    scale.scale_max = "5".into();
    scale.scale_min_label = "Per nulla".into();
    scale.scale_max_label = "Moltissimo".into();
    let mut matrix = question("matrix", "Quanto sono stati difficili questi aspetti?");
    matrix.rows = vec![
        "Coinvolgere i cittadini".into(),
        "Restituire i risultati".into(),
    ];
    matrix.columns = vec!["Poco".into(), "Abbastanza".into(), "Molto".into()];
    QuestionnaireInput {
        title: title.into(),
        description_md: "Un questionario interno sulle attività di partecipazione.".into(),
        sections: vec![
            SectionInput {
                title: "I processi".into(),
                intro_md: "Le attività dell'ultimo anno.".into(),
                questions: vec![
                    single,
                    multiple,
                    question("short_text", "Il titolo del processo principale"),
                    question("long_text", "Raccontate com'è andata"),
                ],
            },
            SectionInput {
                title: "Valutazione".into(),
                intro_md: String::new(),
                questions: vec![scale, question("date", "Quando si è concluso?"), matrix],
            },
        ],
        audience: "members".into(),
        ..QuestionnaireInput::default()
    }
}

fn make(app: &TestApp, who: &str, input: &QuestionnaireInput) -> QuestionnaireId {
    let v = app.viewer(who);
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| create::create(c, &v, phase, input)).unwrap()
}

/// Question ids in order, and per question its options / rows / columns ids.
struct Ids {
    questions: Vec<String>,
    choice: Vec<Vec<String>>,
    rows: Vec<Vec<String>>,
    columns: Vec<Vec<String>>,
}

fn ids(app: &TestApp, id: &QuestionnaireId) -> Ids {
    let qs: Vec<prassi_db::ids::QuestionnaireQuestionId> = questionnaire_questions::table
        .filter(questionnaire_questions::questionnaire_id.eq(id))
        .order(questionnaire_questions::position.asc())
        .select(questionnaire_questions::id)
        .load(&mut app.conn())
        .unwrap();
    let of = |q: &prassi_db::ids::QuestionnaireQuestionId, axis: &str| -> Vec<String> {
        questionnaire_options::table
            .filter(questionnaire_options::question_id.eq(q))
            .filter(questionnaire_options::axis.eq(axis))
            .order(questionnaire_options::position.asc())
            .select(questionnaire_options::id)
            .load::<prassi_db::ids::QuestionnaireOptionId>(&mut app.conn())
            .unwrap()
            .into_iter()
            .map(|o| o.0)
            .collect()
    };
    Ids {
        choice: qs.iter().map(|q| of(q, "choice")).collect(),
        rows: qs.iter().map(|q| of(q, "row")).collect(),
        columns: qs.iter().map(|q| of(q, "column")).collect(),
        questions: qs.into_iter().map(|q| q.0).collect(),
    }
}

/// A complete answer to [`sample`]: single `yes`, multiple `picks`, scale `scale`, matrix
/// columns per row.
fn full(
    ids: &Ids,
    yes: usize,
    picks: &[usize],
    scale: i64,
    matrix: [usize; 2],
    submit: bool,
) -> ResponseInput {
    let mut answers = BTreeMap::new();
    answers.insert(ids.questions[0].clone(), json!(ids.choice[0][yes]));
    answers.insert(
        ids.questions[1].clone(),
        json!(picks
            .iter()
            .map(|p| ids.choice[1][*p].clone())
            .collect::<Vec<_>>()),
    );
    answers.insert(
        ids.questions[2].clone(),
        json!("Bilancio partecipato di quartiere"),
    );
    answers.insert(
        ids.questions[3].clone(),
        json!("Tre incontri pubblici e un questionario."),
    );
    answers.insert(ids.questions[4].clone(), json!(scale));
    answers.insert(ids.questions[5].clone(), json!("2026-10-15"));
    let mut m = serde_json::Map::new();
    for (r, c) in matrix.iter().enumerate() {
        m.insert(ids.rows[6][r].clone(), json!(ids.columns[6][*c]));
    }
    answers.insert(ids.questions[6].clone(), Value::Object(m));
    ResponseInput { answers, submit }
}

fn answer(
    app: &TestApp,
    v: &Viewer,
    id: &QuestionnaireId,
    input: &ResponseInput,
) -> AppResult<RespondOutcome> {
    let phase = app.phase();
    prassi_db::write_tx(&mut app.conn(), |c| {
        respond::respond(c, v, phase, id.as_str(), input)
    })
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

/// The stored counters: (response_count, per question (answer_count, value_sum), every tally
/// as (question position, row, value, count) with count > 0).
type Stored = (i64, Vec<(i64, i64)>, Vec<(i32, i32, i32, i64)>);

fn stored(app: &TestApp, id: &QuestionnaireId) -> Stored {
    let n: i64 = questionnaires::table
        .find(id)
        .select(questionnaires::response_count)
        .first(&mut app.conn())
        .unwrap();
    let qs: Vec<(i64, i64)> = questionnaire_questions::table
        .filter(questionnaire_questions::questionnaire_id.eq(id))
        .order(questionnaire_questions::position.asc())
        .select((
            questionnaire_questions::answer_count,
            questionnaire_questions::value_sum,
        ))
        .load(&mut app.conn())
        .unwrap();
    let mut t: Vec<(i32, i32, i32, i64)> = questionnaire_tallies::table
        .inner_join(questionnaire_questions::table)
        .filter(questionnaire_questions::questionnaire_id.eq(id))
        .filter(questionnaire_tallies::tally.gt(0))
        .select((
            questionnaire_questions::position,
            questionnaire_tallies::row_index,
            questionnaire_tallies::choice,
            questionnaire_tallies::tally,
        ))
        .load(&mut app.conn())
        .unwrap();
    t.sort();
    (n, qs, t)
}

/// The same counters, recounted from the submitted answers.
fn recounted(app: &TestApp, id: &QuestionnaireId) -> Stored {
    let kinds: Vec<(prassi_db::ids::QuestionnaireQuestionId, i32, String)> =
        questionnaire_questions::table
            .filter(questionnaire_questions::questionnaire_id.eq(id))
            .order(questionnaire_questions::position.asc())
            .select((
                questionnaire_questions::id,
                questionnaire_questions::position,
                questionnaire_questions::kind,
            ))
            .load(&mut app.conn())
            .unwrap();
    let n: i64 = questionnaire_responses::table
        .filter(questionnaire_responses::questionnaire_id.eq(id))
        .filter(questionnaire_responses::status.eq("submitted"))
        .count()
        .get_result(&mut app.conn())
        .unwrap();
    let rows: Vec<(prassi_db::ids::QuestionnaireQuestionId, String)> = questionnaire_answers::table
        .inner_join(questionnaire_responses::table)
        .filter(questionnaire_responses::questionnaire_id.eq(id))
        .filter(questionnaire_responses::status.eq("submitted"))
        .select((
            questionnaire_answers::question_id,
            questionnaire_answers::value,
        ))
        .load(&mut app.conn())
        .unwrap();
    let mut qs = vec![(0i64, 0i64); kinds.len()];
    let mut t: BTreeMap<(i32, i32, i32), i64> = BTreeMap::new();
    for (q, value) in rows {
        let (i, (_, pos, kind)) = kinds.iter().enumerate().find(|(_, k)| k.0 == q).unwrap();
        let (keys, sum) = respond::counts_of(qn::Kind::parse(kind).unwrap(), &value);
        qs[i].0 += 1;
        qs[i].1 += sum;
        for (r, v) in keys {
            *t.entry((*pos, r, v)).or_default() += 1;
        }
    }
    (
        n,
        qs,
        t.into_iter().map(|((a, b, c), d)| (a, b, c, d)).collect(),
    )
}

both_backends! {
    async fn many_simultaneous_submissions_by_one_member_make_exactly_one_response(app) {
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let id = make(&app, "admin", &sample("Questionario sulla partecipazione"));
        let ids = ids(&app, &id);
        let socio = app.viewer("socio");
        let db = prassi_db::Database::connect(&app.platform.state.config.database_url, 8).unwrap();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
        let phase = app.phase();
        let handles: Vec<_> = (0..8)
            .map(|t| {
                let mut conn = db.get().unwrap();
                let (barrier, v, qid) = (barrier.clone(), socio.clone(), id.clone());
                // Half submit, half save drafts, each a few times.
                let input = full(&ids, t % 2, &[0, 2], 4, [0, 2], t % 2 == 0);
                std::thread::spawn(move || {
                    barrier.wait();
                    (0..5)
                        .map(|_| prassi_db::write_tx(&mut conn, |c| respond::respond(c, &v, phase, qid.as_str(), &input)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let results: Vec<AppResult<RespondOutcome>> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
        let rows: i64 = questionnaire_responses::table.filter(questionnaire_responses::questionnaire_id.eq(&id)).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(rows, 1, "{results:?}");
        let submitted = results.iter().filter(|r| matches!(r, Ok(RespondOutcome::Submitted))).count();
        assert_eq!(submitted, 1, "{results:?}");
        // Every other save is a draft saved before the submission, or refused after it.
        for r in &results {
            match r {
                Ok(RespondOutcome::Submitted | RespondOutcome::Draft) => {}
                Err(e) => assert!(e.message == "questionnaires-already-responded", "{e:?}"),
                Ok(other) => panic!("{other:?}"),
            }
        }
        let s = stored(&app, &id);
        assert_eq!(s.0, 1);
        assert_eq!(s, recounted(&app, &id), "the counters are the submitted answers");
        // The same through the API: a second submission is refused with 409.
        let mut c = app.signed_in_as("socio").await;
        let csrf = c.get("/sondaggi").await.csrf().unwrap();
        let body = serde_json::to_value(full(&ids, 0, &[1], 2, [1, 1], true)).unwrap();
        let r = c.json(Method::PUT, &format!("/api/v1/questionnaires/{id}/response"), &body, Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["error"]["message"], "questionnaires-already-responded");
    }
}

both_backends! {
    async fn many_members_submitting_and_editing_at_once_keep_the_counters_equal_to_the_answers(app) {
        app.user("admin", Role::Admin);
        let mut input = sample("Questionario modificabile");
        input.allow_edit = true;
        let id = make(&app, "admin", &input);
        let ids = ids(&app, &id);
        let people = app.members("risp", 24, "Regione Emilia-Romagna");
        let viewers: Vec<Viewer> = people.iter().map(|p| viewer_of(&app, p)).collect();
        let db = prassi_db::Database::connect(&app.platform.state.config.database_url, 8).unwrap();
        let phase = app.phase();
        let run = |round: usize| {
            let lanes: Vec<Vec<(Viewer, ResponseInput)>> = (0..8)
                .map(|lane| {
                    viewers
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| k % 8 == lane)
                        .map(|(k, v)| (v.clone(), full(&ids, (k + round) % 2, &[(k + round) % 3], ((k + round) % 5 + 1) as i64, [(k + round) % 3, k % 3], true)))
                        .collect()
                })
                .collect();
            let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
            let handles: Vec<_> = lanes
                .into_iter()
                .map(|lane| {
                    let mut conn = db.get().unwrap();
                    let (barrier, qid) = (barrier.clone(), id.clone());
                    std::thread::spawn(move || {
                        barrier.wait();
                        lane.into_iter()
                            .map(|(v, i)| prassi_db::write_tx(&mut conn, |c| respond::respond(c, &v, phase, qid.as_str(), &i)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap()).collect::<Vec<_>>()
        };
        let first = run(0);
        assert!(first.iter().all(|r| matches!(r, Ok(RespondOutcome::Submitted))), "{first:?}");
        assert_eq!(stored(&app, &id), recounted(&app, &id));
        let second = run(1);
        assert!(second.iter().all(|r| matches!(r, Ok(RespondOutcome::Updated))), "{second:?}");
        let s = stored(&app, &id);
        assert_eq!(s, recounted(&app, &id), "edits moved the counters by the difference");
        assert_eq!(s.0, 24);
        assert_eq!(s.1[4].0, 24, "every response answers the scale");
    }
}

both_backends! {
    async fn drafts_keep_whatever_was_typed_and_submitting_checks_every_answer_at_once(app) {
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let mut input = sample("Questionario sulle attività di partecipazione");
        input.allow_edit = true;
        let id = make(&app, "admin", &input);
        let ids = ids(&app, &id);
        let mut c = app.signed_in_as("socio").await;
        let page = format!("/questionari/{id}");
        let action = format!("/questionari/{id}/risposta");
        let q = |i: usize| format!("q-{}", ids.questions[i]);
        // The notice about anonymity comes before the form.
        let body = c.get(&page).await.body;
        let (notice, form) = (body.find("Questionario nominativo.").unwrap(), body.find("questionnaire-form").unwrap());
        assert!(notice < form, "the notice is before the form");
        // A draft with the required questions empty and a half-written text: saved as typed.
        let r = c.submit(&page, &action, &[(&q(2), "Bilancio partecipato"), (&q(3), ""), ("action", "draft")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let body = c.get(&page).await.body;
        assert!(body.contains("value=\"Bilancio partecipato\"") && body.contains("Hai una bozza salvata"), "{body}");
        assert_eq!(stored(&app, &id).0, 0, "a draft counts nothing");
        // Submitting: every problem at once, each linked, and nothing typed is lost.
        let long = "Abbiamo coinvolto tre quartieri.";
        let fields = [(q(1), ids.choice[0][0].clone()), (q(3), long.to_owned()), (q(5), "15/10/2026".to_owned()), (format!("{}-{}", q(6), ids.rows[6][0]), ids.columns[6][1].clone()), ("action".to_owned(), "submit".to_owned())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let r = c.submit(&page, &action, &fields).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        for (i, why) in [(0, "obbligatoria"), (1, "Scegli tra le opzioni proposte"), (4, "obbligatoria"), (5, "2027-03-15")] {
            assert!(r.body.contains(&format!("href=\"#field-{}\"", q(i))), "question {i}: {}", r.body);
            assert!(r.body.contains(why), "{why}");
        }
        assert!(r.body.contains("<title>Errore: "), "{}", r.body);
        assert!(r.body.contains(long) && r.body.contains("value=\"15&#x2F;10&#x2F;2026\""), "typed text kept");
        assert!(r.body.contains(&format!("value=\"{}\" aria-label=\"Coinvolgere i cittadini: Abbastanza\" checked", ids.columns[6][1])), "matrix choice kept");
        assert_eq!(stored(&app, &id).0, 0);
        // Through the API: the same checks, 422 with every field.
        let csrf = c.get("/questionari").await.csrf().unwrap();
        let url = format!("/api/v1/questionnaires/{id}/response");
        let mut bad = full(&ids, 0, &[0, 1, 2], 9, [0, 0], true);
        bad.answers.insert(ids.questions[0].clone(), json!(ids.choice[1][0]));
        bad.answers.insert(ids.questions[5].clone(), json!("ieri"));
        let r = c.json(Method::PUT, &url, &serde_json::to_value(&bad).unwrap(), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let got: Vec<(String, String)> = r.json()["error"]["fields"].as_array().unwrap().iter().map(|f| (f["field"].as_str().unwrap().to_owned(), f["message"].as_str().unwrap().to_owned())).collect();
        assert_eq!(got, vec![
            (q(0), "questionnaires-option-unknown".to_owned()),
            (q(1), "questionnaires-too-many-choices".to_owned()),
            (q(4), "questionnaires-scale-out-of-range".to_owned()),
            (q(5), "questionnaires-date-invalid".to_owned()),
        ]);
        // A complete response is counted; the page form submits it.
        let good = full(&ids, 0, &[0, 2], 4, [0, 2], true);
        let r = c.json(Method::PUT, &url, &serde_json::to_value(&good).unwrap(), Some(&csrf)).await;
        assert_eq!((r.status, r.json()["outcome"].as_str()), (StatusCode::OK, Some("submitted")), "{}", r.body);
        let s = stored(&app, &id);
        assert_eq!(s.0, 1);
        assert_eq!(s.1[4], (1, 4), "the scale's count and sum");
        // Edited (allowed here): the counters move by the difference.
        let edit = full(&ids, 1, &[1], 2, [1, 2], true);
        let r = c.json(Method::PUT, &url, &serde_json::to_value(&edit).unwrap(), Some(&csrf)).await;
        assert_eq!(r.json()["outcome"], "updated", "{}", r.body);
        let s = stored(&app, &id);
        assert_eq!(s, recounted(&app, &id));
        assert_eq!((s.0, s.1[4]), (1, (1, 2)));
        // A submitted response does not go back to a draft.
        let mut draft = edit.clone();
        draft.submit = false;
        let r = c.json(Method::PUT, &url, &serde_json::to_value(&draft).unwrap(), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        // Closed: saving answers 409, on the page too.
        let mut a = app.signed_in_as("admin").await;
        let acsrf = a.get("/questionari").await.csrf().unwrap();
        let r = a.json(Method::POST, &format!("/api/v1/questionnaires/{id}/close"), &json!({}), Some(&acsrf)).await;
        assert_eq!((r.status, r.json()["state"].as_str()), (StatusCode::OK, Some("closed")), "{}", r.body);
        let r = c.json(Method::PUT, &url, &serde_json::to_value(&edit).unwrap(), Some(&csrf)).await;
        assert_eq!((r.status, r.json()["error"]["message"].as_str()), (StatusCode::CONFLICT, Some("questionnaires-closed")));
        let r = c.post_form(&action, &[("csrf_token", &csrf), (&q(2), "Tardi"), ("action", "submit")]).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert!(r.body.contains("Il questionario è chiuso"));
    }
}

both_backends! {
    async fn bad_questionnaires_list_every_error_at_once_in_the_api_and_the_form(app) {
        app.user("admin", Role::Admin);
        let mut a = app.signed_in_as("admin").await;
        let csrf = a.get("/questionari").await.csrf().unwrap();
        let q = |kind: &str, extra: Value| {
            let mut v = json!({"kind": kind, "text": "Domanda"});
            for (k, x) in extra.as_object().unwrap() {
                v[k] = x.clone();
            }
            json!({"title": "T", "sections": [{"title": "S", "questions": [v]}]})
        };
        let cases: Vec<(Value, &str, &str)> = vec![
            (json!({"title": "T", "sections": []}), "sections", "questionnaires-sections-missing"),
            (json!({"title": "T", "sections": [{"title": "S", "questions": []}]}), "s1-questions", "questionnaires-questions-missing"),
            (q("single", json!({"options": ["Solo"]})), "q1-1-options", "questionnaires-options-too-few"),
            (q("single", json!({"options": []})), "q1-1-options", "questionnaires-options-missing"),
            (q("multiple", json!({"options": "Sì\n  sì "})), "q1-1-options", "questionnaires-option-duplicate"),
            (q("multiple", json!({"options": ["A", "B"], "min_choices": 2, "max_choices": 1})), "q1-1-min_choices", "questionnaires-min-above-max"),
            (q("multiple", json!({"options": ["A", "B"], "max_choices": 3})), "q1-1-max_choices", "questionnaires-max-above-options"),
            (q("scale", json!({"scale_max": 7, "scale_min_label": "a", "scale_max_label": "b"})), "q1-1-scale_max", "questionnaires-scale-invalid"),
            (q("scale", json!({"scale_max": 10})), "q1-1-scale_min_label", "field-required"),
            (q("matrix", json!({"rows": ["R"], "columns": ["Solo"]})), "q1-1-columns", "questionnaires-options-too-few"),
            (q("ranked", json!({})), "q1-1-kind", "questionnaires-kind-invalid"),
            (json!({"title": "T", "sections": [{"title": "S", "questions": [{"kind": "date", "text": "Q"}]}], "opens_at": "2031-05-01T10:00", "closes_at": "2031-04-01T10:00"}), "closes_at", "questionnaires-close-before-open"),
            (json!({"title": "T", "sections": [{"title": "S", "questions": [{"kind": "date", "text": "Q"}]}], "closes_at": "2020-04-01T10:00"}), "closes_at", "questionnaires-close-in-past"),
        ];
        for (body, field, message) in cases {
            let r = a.json(Method::POST, "/api/v1/questionnaires", &body, Some(&csrf)).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.body);
            let fields = r.json()["error"]["fields"].as_array().unwrap().clone();
            assert!(fields.iter().any(|f| f["field"] == field && f["message"] == message), "{body}: {fields:?}");
        }
        // Everything wrong at once.
        let r = a.json(Method::POST, "/api/v1/questionnaires", &json!({"title": "", "sections": [{"title": "", "questions": [{"kind": "single", "text": "", "options": ["x"]}]}], "audience": "tutti"}), Some(&csrf)).await;
        let fields: Vec<String> = r.json()["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
        assert_eq!(fields, vec!["title", "s1-title", "q1-1-text", "q1-1-options", "audience"]);
        // The builder form: one more slot on request, then every error in the summary with
        // what was typed kept; empty slots are dropped.
        let r = a.submit("/questionari/nuovo", "/questionari/nuovo", &[("title", "Indagine"), ("s1-title", "Processi"), ("q1-1-kind", "single"), ("q1-1-text", "Avete svolto processi?"), ("add", "section")]).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Sezione 2") && r.body.contains("value=\"Avete svolto processi?\""), "{}", r.body);
        let r = a.submit("/questionari/nuovo", "/questionari/nuovo", &[("title", ""), ("s1-title", "Processi"), ("q1-1-kind", "single"), ("q1-1-text", "Avete svolto processi?"), ("q1-1-options", "Sì\r\nsì"), ("q1-2-kind", "single"), ("q1-3-kind", "scale"), ("q1-3-text", "Utilità"), ("q1-3-scale_max", "10"), ("opens_at", "2031-05-01T10:00"), ("closes_at", "2031-04-01T10:00")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        for anchor in ["title", "q1-1-options", "q1-2-scale_min_label", "closes_at"] {
            assert!(r.body.contains(&format!("href=\"#field-{anchor}\"")), "{anchor}: {}", r.body);
        }
        assert!(r.body.contains("Sì\nsì") && r.body.contains("value=\"Utilità\""), "{}", r.body);
        let r = a.submit("/questionari/nuovo", "/questionari/nuovo", &[("title", "Indagine"), ("s1-title", "Processi"), ("q1-1-kind", "single"), ("q1-1-text", "Avete svolto processi?"), ("q1-1-options", "Sì\r\nNo"), ("q1-1-required", "1"), ("q1-2-kind", "single"), ("s2-title", ""), ("q2-1-kind", "single"), ("anonymous", "1")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let created: (String, bool) = questionnaires::table.select((questionnaires::id, questionnaires::anonymous)).first(&mut app.conn()).unwrap();
        assert!(created.1);
        let n: i64 = questionnaire_questions::table.filter(questionnaire_questions::questionnaire_id.eq(&created.0)).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(n, 1, "the empty slots were dropped");
        assert_eq!(r.location(), format!("/questionari/{}", created.0));
    }
}

both_backends! {
    async fn who_creates_who_sees_and_a_hidden_questionnaire_answers_like_a_missing_one(app) {
        app.user("mod", Role::Moderator);
        app.user("coord", Role::Member);
        app.user("socio", Role::Member);
        app.user("fuori", Role::Member);
        let g = app.group("coord", "Piazza riservata").visibility("secret").member("socio").create();
        let mut fuori = app.signed_in_as("fuori").await;
        let fcsrf = fuori.get("/questionari").await.csrf().unwrap();
        let body = serde_json::to_value(sample("Questionario")).unwrap();
        assert_eq!(fuori.json(Method::POST, "/api/v1/questionnaires", &body, Some(&fcsrf)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(fuori.get("/questionari/nuovo").await.status, StatusCode::FORBIDDEN);
        let mut coord = app.signed_in_as("coord").await;
        let ccsrf = coord.get("/questionari").await.csrf().unwrap();
        let r = coord.json(Method::POST, "/api/v1/questionnaires", &body, Some(&ccsrf)).await;
        assert_eq!((r.status, r.json()["error"]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("group")));
        let mut with_group = body.clone();
        with_group["group"] = json!(g.slug);
        let r = coord.json(Method::POST, "/api/v1/questionnaires", &with_group, Some(&ccsrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.json()["id"].as_str().unwrap().to_owned();
        // Outside the group: exactly like a missing questionnaire, everywhere.
        let missing = "01900000-0000-7000-8000-000000000000";
        for path in ["", "/risultati", "/risposte.csv"] {
            let hidden = fuori.get(&format!("/questionari/{id}{path}")).await;
            let none = fuori.get(&format!("/questionari/{missing}{path}")).await;
            assert_eq!((hidden.status, hidden.body.replace(&id, "")), (StatusCode::NOT_FOUND, none.body.replace(missing, "")), "{path}");
        }
        let r = fuori.json(Method::PUT, &format!("/api/v1/questionnaires/{id}/response"), &json!({"answers": {}}), Some(&fcsrf)).await;
        let none = fuori.json(Method::PUT, &format!("/api/v1/questionnaires/{missing}/response"), &json!({"answers": {}}), Some(&fcsrf)).await;
        assert_eq!((r.status, r.body), (StatusCode::NOT_FOUND, none.body));
        // A member answers; results only for organisers until published.
        let qid = QuestionnaireId(id.clone());
        let ids = ids(&app, &qid);
        assert_eq!(answer(&app, &app.viewer("socio"), &qid, &full(&ids, 0, &[0], 5, [2, 2], true)).unwrap(), RespondOutcome::Submitted);
        let mut socio = app.signed_in_as("socio").await;
        assert_eq!(socio.get(&format!("/questionari/{id}/risultati")).await.status, StatusCode::FORBIDDEN);
        assert_eq!(socio.get(&format!("/questionari/{id}/risposte.csv")).await.status, StatusCode::FORBIDDEN);
        let r = coord.get(&format!("/questionari/{id}/risultati")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("<svg class=\"poll-bar\"") && r.body.contains("Media: <strong>5,0</strong>"), "{}", r.body);
        let r = coord.json(Method::PUT, &format!("/api/v1/questionnaires/{id}/publication"), &json!({"published": true}), Some(&ccsrf)).await;
        assert_eq!(r.json()["results_published"], true, "{}", r.body);
        let r = socio.get(&format!("/api/v1/questionnaires/{id}/results")).await.json();
        assert_eq!(r["response_count"], 1);
        assert_eq!(r["questions"][0]["bars"][0]["count"], 1);
        assert_eq!(r["questions"][4]["average"], "5.0");
        assert_eq!(r["questions"][6]["rows"][1]["cells"][2]["count"], 1);
        assert_eq!(r["questions"][2]["texts"][0], "Bilancio partecipato di quartiere");
        // The member organises nothing; a moderator outside a secret group does not even see it.
        let p = socio.get(&format!("/api/v1/questionnaires/{id}")).await.json();
        assert_eq!((p["manages"].as_bool(), p["my_status"].as_str()), (Some(false), Some("submitted")));
        let mut m = app.signed_in_as("mod").await;
        assert_eq!(m.get(&format!("/api/v1/questionnaires/{id}")).await.status, StatusCode::NOT_FOUND);
        let members = make(&app, "coord", &{ let mut i = sample("Per tutti"); i.group = g.slug.clone(); i.audience = "group".into(); i });
        assert_eq!(coord.get(&format!("/api/v1/questionnaires/{members}")).await.json()["manages"], true);
    }
}

both_backends! {
    async fn exports_are_safe_in_a_spreadsheet_and_name_respondents_only_when_named(app) {
        app.user("admin", Role::Admin);
        let mut named = sample("=HYPERLINK(\"http://x\")");
        named.sections[0].questions[1].options[0] = "+SUM(A1)".into();
        let mut anonymous = named.clone();
        anonymous.anonymous = true;
        let named = make(&app, "admin", &named);
        let anonymous = make(&app, "admin", &anonymous);
        let people = app.members("csv", 3, "@Comune");
        for id in [&named, &anonymous] {
            let ids = ids(&app, id);
            for (k, p) in people.iter().enumerate() {
                let mut a = full(&ids, k % 2, &[0], (k + 1) as i64, [k % 3, 0], true);
                a.answers.insert(ids.questions[3].clone(), json!("-2+3 =cmd|' /C calc'!A0"));
                answer(&app, &viewer_of(&app, p), id, &a).unwrap();
            }
        }
        // A draft is never exported.
        app.user("bozzista", Role::Member);
        for id in [&named, &anonymous] {
            let ids = ids(&app, id);
            answer(&app, &app.viewer("bozzista"), id, &full(&ids, 0, &[0], 1, [0, 0], false)).unwrap();
        }
        let mut a = app.signed_in_as("admin").await;
        let csv = a.get(&format!("/questionari/{named}/risposte.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.body.lines().count(), 4, "{}", csv.body);
        assert!(csv.body.starts_with("\"username\",\"nome\",\"inviato_il\""), "{}", csv.body);
        assert!(csv.body.contains("\"'+SUM(A1)\"") && csv.body.contains("\"'-2+3 =cmd|' /C calc'!A0\""), "{}", csv.body);
        assert!(csv.body.contains("\"csv1\"") && csv.body.contains("Coinvolgere i cittadini"), "{}", csv.body);
        let csv = a.get(&format!("/questionari/{anonymous}/risposte.csv")).await;
        assert_eq!(csv.body.lines().count(), 4);
        assert!(!csv.body.contains("csv1") && !csv.body.contains("Persona") && !csv.body.contains("inviato_il"), "{}", csv.body);
        let json = a.get(&format!("/questionari/{anonymous}/risposte.json")).await;
        let e: Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(e["rows"].as_array().unwrap().len(), 3);
        assert!(e["rows"].as_array().unwrap().iter().all(|r| r["username"].is_null() && r["submitted_at"].is_null()));
        assert_eq!(e["columns"].as_array().unwrap().len(), 8, "a column per question, one per matrix row");
        // The page never shows who answered an anonymous questionnaire.
        let page = a.get(&format!("/questionari/{anonymous}/risultati")).await;
        assert!(!page.body.contains("Persona csv"), "{}", page.body);
        let r = a.get(&format!("/api/v1/questionnaires/{anonymous}/export")).await;
        assert_eq!(r.json()["rows"].as_array().unwrap().len(), 3);
    }
}

both_backends! {
    async fn questionnaires_are_searchable_with_their_audience(app) {
        app.set_phase(3);
        app.user("admin", Role::Admin);
        app.user("socio", Role::Member);
        let mut public = sample("Indagine sulla partecipazione nei piccoli comuni");
        public.audience = "public".into();
        make(&app, "admin", &public);
        make(&app, "admin", &sample("Partecipazione: un'indagine riservata"));
        app.run_worker();
        let titles = |page: Value| -> Vec<String> {
            page["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_owned()).collect()
        };
        let mut anon = app.client().await;
        let mut socio = app.signed_in_as("socio").await;
        assert_eq!(titles(anon.get("/api/v1/search?q=partecipazione").await.json()), vec!["Indagine sulla partecipazione nei piccoli comuni".to_owned()]);
        assert_eq!(titles(socio.get("/api/v1/search?q=partecipazione&kind=questionnaire").await.json()).len(), 2);
        assert_eq!(titles(socio.get("/api/v1/search?q=Valutazione&kind=questionnaire").await.json()).len(), 2, "section titles are part of the document");
        let page = socio.get("/cerca?q=partecipazione").await;
        assert!(page.body.contains("Questionario"), "{}", page.body);
    }
}

both_backends! {
    async fn the_demo_adds_the_emilia_romagna_survey_with_responses_and_published_results(app) {
        let logins = prassi_server::demo::fill(&app.platform.state).unwrap();
        let all: Vec<(String, String, i64, bool, Option<chrono::NaiveDateTime>)> = questionnaires::table
            .select((questionnaires::id, questionnaires::title, questionnaires::response_count, questionnaires::results_published, questionnaires::closed_at))
            .load(&mut app.conn())
            .unwrap();
        assert_eq!(all.len(), 1);
        let (id, title, responses, published, closed) = all[0].clone();
        assert!(title.contains("partecipazione"), "{title}");
        assert!((15..=25).contains(&responses), "{responses}");
        assert!(published && closed.is_some());
        let qid = QuestionnaireId(id.clone());
        assert_eq!(stored(&app, &qid), recounted(&app, &qid));
        let kinds: Vec<String> = questionnaire_questions::table.filter(questionnaire_questions::questionnaire_id.eq(&id)).select(questionnaire_questions::kind).load(&mut app.conn()).unwrap();
        for k in qn::Kind::ALL {
            assert!(kinds.iter().any(|x| x == k.as_str()), "a question of kind {}", k.as_str());
        }
        // A demo member sees the published results.
        let mut anna = app.client().await;
        anna.login("anna.marino", &logins.password).await;
        let page = anna.get(&format!("/questionari/{id}/risultati")).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("Focus group") && page.body.contains("Media:"), "{}", page.body);
        let page = anna.get(&format!("/questionari/{id}")).await;
        assert!(page.body.contains("Questionario nominativo.") && page.body.contains("Hai inviato le tue risposte"), "{}", page.body);
    }
}
