//! Freshness of knowledge (issue 15): review owners and review-by dates on wiki pages and
//! accepted answers. Every bad input of the forms and the API reported at once; who may set
//! a review and who may mark it reviewed; the quiet line before the date and the notice after
//! it, escaped, in both languages; the lists holding only what the viewer may read; the hourly
//! task recording exactly one event per due item and date, even run twice or concurrently;
//! moving acceptance; and the demo's overdue page.
//!
//! Time passing is simulated by moving a stored `review_by` back (the forms refuse past dates).

use chrono::{Days, Months, NaiveDate};
use diesel::prelude::*;
use prassi_core::review::{today, ReviewInput};
use prassi_db::schema::{answers, notification_events, users, wiki_pages};
use prassi_db::{AnswerId, QuestionId};

use super::*;

/// A URL as templates print it in an attribute (Tera escapes `/`).
fn esc(url: &str) -> String {
    url.replace('/', "&#x2F;")
}

/// A date as the notices print it (dd/mm/yyyy, escaped).
fn shown(d: NaiveDate) -> String {
    esc(&d.format("%d/%m/%Y").to_string())
}

fn in_days(n: u64) -> NaiveDate {
    today() + Days::new(n)
}

fn days_ago(n: u64) -> NaiveDate {
    today() - Days::new(n)
}

fn input(owner: &str, date: NaiveDate) -> ReviewInput {
    ReviewInput {
        owner: owner.into(),
        review_by: date.to_string(),
    }
}

/// Sets a page's review as `who` through the service.
fn set_page(app: &TestApp, who: &str, slug: &str, owner: &str, date: NaiveDate) {
    let (v, phase) = (app.viewer(who), app.phase());
    prassi_db::write_tx(&mut app.conn(), |c| {
        prassi_wiki::service::set_page_review(c, &v, phase, slug, Some(&input(owner, date)))
    })
    .unwrap();
}

/// Sets an answer's review as `who` through the service.
fn set_answer(app: &TestApp, who: &str, answer: &AnswerId, owner: &str, date: NaiveDate) {
    let (v, phase) = (app.viewer(who), app.phase());
    prassi_db::write_tx(&mut app.conn(), |c| {
        prassi_qa::service::set_answer_review(c, &v, phase, answer, Some(&input(owner, date)))
    })
    .unwrap();
}

fn accept(app: &TestApp, asker: &str, question: &QuestionId, answer: Option<&AnswerId>) {
    let (v, phase) = (app.viewer(asker), app.phase());
    prassi_db::write_tx(&mut app.conn(), |c| {
        prassi_qa::service::accept(c, &v, phase, question, answer)
    })
    .unwrap();
}

/// Time passes: the page's review date is now `date`.
fn move_page_date(app: &TestApp, slug: &str, date: NaiveDate) {
    diesel::update(wiki_pages::table.filter(wiki_pages::slug.eq(slug)))
        .set(wiki_pages::review_by.eq(date))
        .execute(&mut app.conn())
        .unwrap();
}

fn move_answer_date(app: &TestApp, answer: &AnswerId, date: NaiveDate) {
    diesel::update(answers::table.find(answer))
        .set(answers::review_by.eq(date))
        .execute(&mut app.conn())
        .unwrap();
}

fn events(app: &TestApp, kind: &str) -> Vec<(String, Option<String>, String)> {
    notification_events::table
        .filter(notification_events::kind.eq(kind))
        .order(notification_events::id.asc())
        .select((
            notification_events::item_id,
            notification_events::actor_id,
            notification_events::audience,
        ))
        .load::<(String, Option<prassi_db::UserId>, String)>(&mut app.conn())
        .unwrap()
        .into_iter()
        .map(|(i, a, au)| (i, a.map(|a| a.to_string()), au))
        .collect()
}

fn housekeeping(app: &TestApp) {
    prassi_server::worker()
        .housekeeping(&app.platform.state)
        .unwrap();
}

/// A question by anna with two answers (bruno's accepted), in `members`.
fn answered(app: &TestApp) -> prassi_tests::Question {
    app.tag("appalti", "");
    let q = app
        .question("anna", "Come si calcola la soglia di un appalto?")
        .answer("bruno", "Si somma il valore di tutti i lotti.")
        .answer("carla", "Dipende dal tipo di contratto.")
        .create();
    accept(app, "anna", &q.id, Some(&q.answers[0]));
    q
}

both_backends! {
    async fn setting_owner_and_date_reports_every_bad_input_at_once_in_forms_and_api(app) {
        for u in ["anna", "bruno", "carla"] {
            app.user(u, Role::Member);
        }
        app.pending_user("paola");
        let g = app.group("anna", "Gruppo appalti").member("bruno").create();
        let group_audience = format!("group:{}", g.id);
        let page = app.wiki_page("anna", "Guida alle soglie").create();
        app.wiki_page("anna", "Pagina del gruppo").audience(&group_audience).create();
        let mut bruno = app.signed_in_as("bruno").await;

        // The form: both fields wrong, both reported, everything typed kept.
        let r = bruno
            .submit("/wiki/p/guida-alle-soglie/verifica", "/wiki/p/guida-alle-soglie/verifica", &[("owner", ""), ("review_by", "domani")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("<title>Errore:"), "{}", r.body);
        assert!(r.body.contains("Indica il nome utente del responsabile della revisione."));
        assert!(r.body.contains("Scrivi la data nella forma gg"));
        assert!(r.body.contains("href=\"#field-owner\"") && r.body.contains("href=\"#field-review_by\""));
        assert!(r.body.contains("value=\"domani\""), "typed value kept");

        // The API: every field at fault in `error.fields`.
        let csrf = bruno.get("/wiki/p/guida-alle-soglie").await.csrf();
        let cases = [
            (json!({"owner": "nessuno", "review_by": days_ago(1).to_string()}), "review-owner-unknown", "review-date-past"),
            (json!({"owner": "paola", "review_by": (today() + Months::new(61)).to_string()}), "review-owner-not-member", "review-date-too-far"),
            (json!({"owner": "", "review_by": today().to_string()}), "review-owner-required", "review-date-past"),
            (json!({"owner": "carla\u{0}", "review_by": ""}), "review-owner-unknown", "review-date-required"),
        ];
        for (body, owner_error, date_error) in cases {
            let r = bruno.json(Method::PUT, "/api/v1/wiki/pages/guida-alle-soglie/review", &body, csrf.as_deref()).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {}", r.body);
            let fields = r.json()["error"]["fields"].clone();
            assert_eq!(
                fields,
                json!([{"field": "owner", "message": owner_error}, {"field": "review_by", "message": date_error}]),
                "{body}"
            );
        }
        // The owner must be able to read the page: carla is not in the group.
        let r = bruno
            .json(Method::PUT, "/api/v1/wiki/pages/pagina-del-gruppo/review", &json!({"owner": "carla", "review_by": in_days(10).to_string()}), csrf.as_deref())
            .await;
        assert_eq!(r.json()["error"]["fields"], json!([{"field": "owner", "message": "review-owner-cannot-read"}]));
        // Nothing was written by any refusal.
        let stored: Option<NaiveDate> = wiki_pages::table.find(&page.id).select(wiki_pages::review_by).first(&mut app.conn()).unwrap();
        assert_eq!(stored, None);

        // Visitors are asked to sign in; carla may not see the group's page at all.
        let mut visitor = app.client().await;
        let r = visitor.json(Method::PUT, "/api/v1/wiki/pages/guida-alle-soglie/review", &json!({"owner": "anna", "review_by": in_days(10).to_string()}), None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let mut carla = app.signed_in_as("carla").await;
        let ccsrf = carla.get("/wiki").await.csrf();
        let r = carla.json(Method::PUT, "/api/v1/wiki/pages/pagina-del-gruppo/review", &json!({"owner": "carla", "review_by": in_days(10).to_string()}), ccsrf.as_deref()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // A good request: 200 with the review; "@" and capitals in the username are fine.
        let r = bruno
            .json(Method::PUT, "/api/v1/wiki/pages/guida-alle-soglie/review", &json!({"owner": "@Carla", "review_by": in_days(10).to_string()}), csrf.as_deref())
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let v = r.json();
        assert_eq!(v["owner"]["username"], "carla");
        assert_eq!(v["review_by"], in_days(10).to_string());
        assert_eq!(v["due"], false);
        assert_eq!(v["can_set"], true);
        assert_eq!(v["can_mark_reviewed"], false, "bruno is not the owner");
        // The form too, with the date as people write it; then removal.
        let r = bruno
            .submit("/wiki/p/guida-alle-soglie/verifica", "/wiki/p/guida-alle-soglie/verifica", &[("owner", "anna"), ("review_by", &in_days(20).format("%d/%m/%Y").to_string())])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), "/wiki/p/guida-alle-soglie");
        let api = bruno.get("/api/v1/wiki/pages/guida-alle-soglie/review").await.json();
        assert_eq!((api["owner"]["username"].as_str(), api["review_by"].as_str()), (Some("anna"), Some(in_days(20).to_string().as_str())));
        let r = bruno
            .submit("/wiki/p/guida-alle-soglie/verifica", "/wiki/p/guida-alle-soglie/verifica", &[("owner", ""), ("review_by", ""), ("azione", "rimuovi")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let api = bruno.get("/api/v1/wiki/pages/guida-alle-soglie/review").await.json();
        assert!(api["owner"].is_null() && api["review_by"].is_null(), "{api}");
    }
}

both_backends! {
    async fn answers_take_a_review_only_when_accepted_and_from_the_asker_the_author_or_moderators(app) {
        for u in ["anna", "bruno", "carla", "dario"] {
            app.user(u, Role::Member);
        }
        app.user("mara", Role::Moderator);
        let q = answered(&app);
        let (accepted, other) = (&q.answers[0], &q.answers[1]);
        let mut dario = app.signed_in_as("dario").await;
        let csrf = dario.get("/qa").await.csrf();
        let body = json!({"owner": "bruno", "review_by": in_days(30).to_string()});
        // A bystander may not; the asker, the answer's author and a moderator may.
        let r = dario.json(Method::PUT, &format!("/api/v1/qa/answers/{accepted}/review"), &body, csrf.as_deref()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        assert_eq!(r.json()["error"]["message"], "review-not-allowed");
        for who in ["anna", "bruno", "mara"] {
            let mut c = app.signed_in_as(who).await;
            let t = c.get("/qa").await.csrf();
            let r = c.json(Method::PUT, &format!("/api/v1/qa/answers/{accepted}/review"), &body, t.as_deref()).await;
            assert_eq!(r.status, StatusCode::OK, "{who}: {}", r.body);
            assert_eq!(r.json()["applies"], true);
        }
        // Not on an answer that is not accepted, even with good fields.
        let mut carla = app.signed_in_as("carla").await;
        let t = carla.get("/qa").await.csrf();
        let r = carla.json(Method::PUT, &format!("/api/v1/qa/answers/{other}/review"), &body, t.as_deref()).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["error"]["message"], "review-answer-not-accepted");
        // The form on the question page reports every field at once.
        let question_url = dario.get(&format!("/qa/questions/{}", q.id)).await.location();
        let mut anna = app.signed_in_as("anna").await;
        let page = anna.get(&question_url).await;
        assert!(page.body.contains(&format!("action=\"{}\"", esc(&format!("/qa/risposte/{accepted}/verifica")))), "{}", page.body);
        let r = anna
            .submit(&question_url, &format!("/qa/risposte/{accepted}/verifica"), &[("owner", "nessuno"), ("review_by", "2020-01-01")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("Non esiste un account con questo nome utente."));
        assert!(r.body.contains("La data di revisione deve essere successiva a oggi."));
        // Unknown or malformed answers answer like missing ones.
        let r = anna.get("/qa/risposte/non-un-id/verifica").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = anna.get(&format!("/api/v1/qa/answers/{}/review", AnswerId::new())).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn readers_see_a_quiet_line_before_the_date_and_an_escaped_notice_after_it(app) {
        for u in ["anna", "bruno", "carla"] {
            app.user(u, Role::Member);
        }
        diesel::update(users::table.filter(users::username.eq("bruno")))
            .set(users::display_name.eq("<b>Bruno</b> & co"))
            .execute(&mut app.conn())
            .unwrap();
        app.wiki_page("anna", "Guida alle soglie").create();
        let q = answered(&app);
        set_page(&app, "anna", "guida-alle-soglie", "bruno", in_days(40));
        set_answer(&app, "anna", &q.answers[0], "bruno", in_days(50));
        let mut anna = app.signed_in_as("anna").await;
        let question_url = anna.get(&format!("/qa/questions/{}", q.id)).await.location();

        let page = anna.get("/wiki/p/guida-alle-soglie").await;
        let planned = format!("Revisione prevista entro il {}, a cura di <a href=\"/membri/bruno\">&lt;b&gt;Bruno&lt;&#x2F;b&gt; &amp; co</a>.", shown(in_days(40)));
        assert!(page.body.contains(&planned), "{}", page.body);
        assert!(!page.body.contains("Contenuto da rivedere"));
        let qpage = anna.get(&question_url).await;
        assert!(qpage.body.contains(&format!("Revisione prevista entro il {}", shown(in_days(50)))), "{}", qpage.body);
        assert!(!qpage.body.contains("<b>Bruno</b>"), "names are escaped");

        // The date arrives: the notice, on the page and under the accepted answer.
        move_page_date(&app, "guida-alle-soglie", today());
        move_answer_date(&app, &q.answers[0], days_ago(3));
        let page = anna.get("/wiki/p/guida-alle-soglie").await;
        assert!(page.body.contains("<strong class=\"review-prefix\">Contenuto da rivedere:</strong>"), "{}", page.body);
        assert!(page.body.contains(&format!("revisione prevista entro il {}", shown(today()))));
        let qpage = anna.get(&question_url).await;
        assert!(qpage.body.contains(&format!("Contenuto da rivedere:</strong> revisione prevista entro il {}", shown(days_ago(3)))), "{}", qpage.body);
        // In English, and for a member who may not set anything: the notice, no forms.
        app.user("dario", Role::Member);
        let mut dario = app.signed_in_as("dario").await;
        dario.lang = "en".into();
        let page = dario.get("/wiki/p/guida-alle-soglie").await;
        assert!(page.body.contains("To be reviewed:</strong> review was due by"), "{}", page.body);
        let qpage = dario.get(&question_url).await;
        assert!(qpage.body.contains("To be reviewed:"));
        assert!(!qpage.body.contains("verifica\""), "no review form for a bystander");
        // What the notices cost: at most three queries on a question page, two on a wiki page.
        let (reader, phase) = (app.viewer("dario"), app.phase());
        let mut conn = app.conn();
        let (review, n) = prassi_tests::count_queries(&mut conn, |c| {
            prassi_qa::service::accepted_review(c, &reader, phase, &q.id).unwrap()
        });
        assert!(review.is_some_and(|r| r.review.due) && n <= 3, "{n} queries");
        let found = prassi_wiki::service::readable_page(&mut conn, "guida-alle-soglie", &reader, phase).unwrap();
        let (review, n) = prassi_tests::count_queries(&mut conn, |c| {
            prassi_wiki::service::page_review(c, &reader, phase, &found).unwrap()
        });
        assert!(review.due && n <= 2, "{n} queries");
        drop(conn);
        // The owner removed: the notice says so.
        diesel::delete(users::table.filter(users::username.eq("bruno"))).execute(&mut app.conn()).unwrap();
        let page = anna.get("/wiki/p/guida-alle-soglie").await;
        assert!(page.body.contains("(senza responsabile)"), "{}", page.body);
    }
}

both_backends! {
    async fn the_owner_marks_reviewed_and_the_next_date_follows(app) {
        for u in ["anna", "bruno"] {
            app.user(u, Role::Member);
        }
        let page = app.wiki_page("anna", "Guida alle soglie").create();
        set_page(&app, "anna", "guida-alle-soglie", "bruno", in_days(5));
        move_page_date(&app, "guida-alle-soglie", days_ago(2));
        // anna set it, but only the owner marks it reviewed.
        let mut anna = app.signed_in_as("anna").await;
        let csrf = anna.get("/wiki").await.csrf();
        let r = anna.json(Method::POST, "/api/v1/wiki/pages/guida-alle-soglie/review/done", &json!({"next_review": null}), csrf.as_deref()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.json()["error"]["message"], "review-not-owner");
        // The owner sees the button on the page; without a date, twelve months from today.
        let mut bruno = app.signed_in_as("bruno").await;
        let view = bruno.get("/wiki/p/guida-alle-soglie").await;
        assert!(view.body.contains(&format!("action=\"{}/fatta\"", esc("/wiki/p/guida-alle-soglie/verifica"))), "{}", view.body);
        let r = bruno.submit("/wiki/p/guida-alle-soglie", "/wiki/p/guida-alle-soglie/verifica/fatta", &[("next_review", "")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let (by, reviewed_by, reviewed_at): (Option<NaiveDate>, Option<prassi_db::UserId>, Option<chrono::NaiveDateTime>) = wiki_pages::table
            .find(&page.id)
            .select((wiki_pages::review_by, wiki_pages::reviewed_by, wiki_pages::reviewed_at))
            .first(&mut app.conn())
            .unwrap();
        assert_eq!(by, today().checked_add_months(Months::new(12)));
        assert_eq!(reviewed_by.map(|u| u.to_string()), Some(app.viewer("bruno").user_id().unwrap().to_string()));
        assert!(reviewed_at.is_some());
        let view = bruno.get("/wiki/p/guida-alle-soglie").await;
        assert!(!view.body.contains("Contenuto da rivedere"));
        // A chosen date through the API; a bad one is refused with its field.
        let t = bruno.get("/wiki").await.csrf();
        let r = bruno.json(Method::POST, "/api/v1/wiki/pages/guida-alle-soglie/review/done", &json!({"next_review": "ieri"}), t.as_deref()).await;
        assert_eq!(r.json()["error"]["fields"], json!([{"field": "next_review", "message": "review-date-invalid"}]));
        let r = bruno.json(Method::POST, "/api/v1/wiki/pages/guida-alle-soglie/review/done", &json!({"next_review": in_days(90).to_string()}), t.as_deref()).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["review_by"], in_days(90).to_string());
        assert_eq!(r.json()["reviewed_by"]["username"], "bruno");
        // The review page shows who reviewed and when.
        let form = bruno.get("/wiki/p/guida-alle-soglie/verifica").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("Ultima revisione:"), "{}", form.body);
    }
}

both_backends! {
    async fn the_lists_show_only_what_the_viewer_may_read(app) {
        for u in ["anna", "bruno", "carla"] {
            app.user(u, Role::Member);
        }
        let g = app.group("anna", "Gruppo appalti").member("bruno").create();
        let group_audience = format!("group:{}", g.id);
        app.wiki_page("anna", "Pagina aperta").create();
        app.wiki_page("anna", "Pagina del gruppo").audience(&group_audience).create();
        app.wiki_page("anna", "Pagina lontana").create();
        app.tag("appalti", "");
        let q = app.question("anna", "Domanda riservata al gruppo?").audience(&group_audience).answer("bruno", "Risposta del gruppo.").create();
        accept(&app, "anna", &q.id, Some(&q.answers[0]));
        set_page(&app, "anna", "pagina-aperta", "bruno", in_days(10));
        set_page(&app, "anna", "pagina-del-gruppo", "bruno", in_days(10));
        set_page(&app, "anna", "pagina-lontana", "carla", in_days(200));
        set_answer(&app, "anna", &q.answers[0], "bruno", in_days(10));
        move_page_date(&app, "pagina-aperta", days_ago(1));
        move_answer_date(&app, &q.answers[0], days_ago(5));

        // bruno (in the group): everything due, the overdue answer first.
        let mut bruno = app.signed_in_as("bruno").await;
        let list = bruno.get("/api/v1/reviews").await.json();
        let titles: Vec<&str> = list["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
        assert_eq!(titles, ["Domanda riservata al gruppo?", "Pagina aperta", "Pagina del gruppo"], "{list}");
        assert_eq!(list["items"][0]["kind"], "answer");
        assert_eq!(list["items"][0]["due"], true);
        assert_eq!(list["items"][2]["due"], false);
        let html = bruno.get("/revisioni").await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(html.body.contains("Pagina del gruppo") && html.body.contains("Domanda riservata al gruppo?"));
        // carla (not in the group): only the open page; her own far page only in "mine".
        let mut carla = app.signed_in_as("carla").await;
        let list = carla.get("/api/v1/reviews").await.json();
        let titles: Vec<&str> = list["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap()).collect();
        assert_eq!(titles, ["Pagina aperta"], "{list}");
        let html = carla.get("/revisioni").await;
        assert!(!html.body.contains("Pagina del gruppo") && !html.body.contains("Domanda riservata"));
        let mine = carla.get("/api/v1/reviews?mine=true").await.json();
        assert_eq!(mine["items"].as_array().unwrap().len(), 1);
        assert_eq!(mine["items"][0]["title"], "Pagina lontana");
        let mine_html = carla.get("/revisioni/mie").await;
        assert!(mine_html.body.contains("Pagina lontana"), "{}", mine_html.body);
        // bruno's own list holds his three items, not carla's.
        let mine = bruno.get("/api/v1/reviews?mine=true").await.json();
        assert_eq!(mine["items"].as_array().unwrap().len(), 3, "{mine}");
        // The owner leaves the group: the group's items leave his lists.
        diesel::delete(prassi_db::schema::group_members::table.filter(prassi_db::schema::group_members::user_id.eq(app.viewer("bruno").user_id().unwrap())))
            .execute(&mut app.conn())
            .unwrap();
        let mine = bruno.get("/api/v1/reviews?mine=true").await.json();
        assert_eq!(mine["items"].as_array().unwrap().len(), 1, "{mine}");
        // Paging: one per page, prev/next, no count.
        let p2 = app.signed_in_as("anna").await.get("/api/v1/reviews?per_page=1&page=2").await.json();
        assert_eq!(p2["items"].as_array().unwrap().len(), 1);
        assert_eq!((p2["has_prev"].as_bool(), p2["has_next"].as_bool()), (Some(true), Some(true)), "{p2}");
        // Visitors are asked to sign in.
        let mut visitor = app.client().await;
        assert_eq!(visitor.get("/revisioni").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(visitor.get("/api/v1/reviews").await.status, StatusCode::UNAUTHORIZED);
        // The wiki links to the list.
        assert!(bruno.get("/wiki").await.body.contains("href=\"/revisioni\""));
    }
}

both_backends! {
    async fn the_hourly_task_records_one_event_per_due_item_even_run_twice_or_concurrently(app) {
        for u in ["anna", "bruno", "carla"] {
            app.user(u, Role::Member);
        }
        for t in ["Uno", "Due", "Tre", "Quattro"] {
            app.wiki_page("anna", t).create();
            set_page(&app, "anna", &t.to_lowercase(), "bruno", in_days(10));
        }
        let q = answered(&app);
        set_answer(&app, "anna", &q.answers[0], "bruno", in_days(10));
        // Due: uno, due, tre and the accepted answer; quattro is not due yet.
        for s in ["uno", "due"] {
            move_page_date(&app, s, days_ago(1));
        }
        move_page_date(&app, "tre", today());
        move_answer_date(&app, &q.answers[0], days_ago(1));

        // Two instances at once, then the platform's own pass twice more.
        let run = |app: &TestApp| {
            let mut c1 = app.conn();
            let mut c2 = app.conn();
            std::thread::scope(|s| {
                let a = s.spawn(move || {
                    prassi_wiki::service::notify_due_pages(&mut c1).unwrap() + prassi_qa::service::notify_due_answers(&mut c1).unwrap()
                });
                let b = s.spawn(move || {
                    prassi_wiki::service::notify_due_pages(&mut c2).unwrap() + prassi_qa::service::notify_due_answers(&mut c2).unwrap()
                });
                a.join().unwrap() + b.join().unwrap()
            })
        };
        assert_eq!(run(&app), 4, "four items recorded between the two instances");
        housekeeping(&app);
        housekeeping(&app);
        let pages = events(&app, "wiki.review_due");
        assert_eq!(pages.len(), 3, "{pages:?}");
        assert!(pages.iter().all(|(_, actor, audience)| actor.is_none() && audience == "members"));
        let ids: std::collections::HashSet<&str> = pages.iter().map(|(i, _, _)| i.as_str()).collect();
        assert_eq!(ids.len(), 3);
        let answer_events = events(&app, "qa.review_due");
        assert_eq!(answer_events, vec![(q.answers[0].to_string(), None, "members".to_string())]);

        // Marked reviewed: a new date, notified again when it arrives (once).
        let (bruno, phase) = (app.viewer("bruno"), app.phase());
        prassi_db::write_tx(&mut app.conn(), |c| {
            prassi_wiki::service::mark_page_reviewed(c, &bruno, phase, "uno", &Default::default())
        })
        .unwrap();
        housekeeping(&app);
        assert_eq!(events(&app, "wiki.review_due").len(), 3, "the new date is a year away");
        // A year passes: the new date arrives and is recorded once.
        move_page_date(&app, "uno", today());
        housekeeping(&app);
        assert_eq!(events(&app, "wiki.review_due").len(), 4);
        housekeeping(&app);
        assert_eq!(events(&app, "wiki.review_due").len(), 4);

        // An answer no longer accepted is not notified.
        accept(&app, "anna", &q.id, Some(&q.answers[1]));
        set_answer(&app, "anna", &q.answers[1], "bruno", in_days(3));
        set_answer_pending_on_old(&app, &q.answers[0]);
        housekeeping(&app);
        assert_eq!(events(&app, "qa.review_due").len(), 1);
        move_answer_date(&app, &q.answers[1], today());
        housekeeping(&app);
        assert_eq!(events(&app, "qa.review_due").len(), 2);
    }
}

/// Makes the old accepted answer's review look never notified, so only the acceptance check
/// keeps the task from recording it.
fn set_answer_pending_on_old(app: &TestApp, answer: &AnswerId) {
    diesel::update(answers::table.find(answer))
        .set(answers::review_notified_at.eq(None::<chrono::NaiveDateTime>))
        .execute(&mut app.conn())
        .unwrap();
}

both_backends! {
    async fn moving_acceptance_keeps_the_review_on_its_answer_and_shows_it_only_while_accepted(app) {
        for u in ["anna", "bruno", "carla"] {
            app.user(u, Role::Member);
        }
        let q = answered(&app);
        let (first, second) = (&q.answers[0], &q.answers[1]);
        set_answer(&app, "anna", first, "bruno", in_days(4));
        move_answer_date(&app, first, days_ago(1));
        let mut anna = app.signed_in_as("anna").await;
        let url = anna.get(&format!("/qa/questions/{}", q.id)).await.location();
        assert!(anna.get(&url).await.body.contains("Contenuto da rivedere"));
        assert_eq!(anna.get("/api/v1/reviews").await.json()["items"].as_array().unwrap().len(), 1);

        // Acceptance moves to the second answer: the first keeps its review, hidden.
        accept(&app, "anna", &q.id, Some(second));
        let page = anna.get(&url).await;
        assert!(!page.body.contains("Contenuto da rivedere"), "{}", page.body);
        assert!(page.body.contains(&format!("action=\"{}\"", esc(&format!("/qa/risposte/{second}/verifica")))), "the new accepted answer can take a review");
        let v = anna.get(&format!("/api/v1/qa/answers/{first}/review")).await.json();
        assert_eq!((v["applies"].as_bool(), v["due"].as_bool(), v["can_set"].as_bool()), (Some(false), Some(false), Some(false)), "{v}");
        assert_eq!(v["owner"]["username"], "bruno", "kept on the answer");
        let v = anna.get(&format!("/api/v1/qa/answers/{second}/review")).await.json();
        assert!(v["owner"].is_null() && v["applies"] == true);
        assert!(anna.get("/api/v1/reviews").await.json()["items"].as_array().unwrap().is_empty());
        // The owner cannot mark a hidden review; acceptance withdrawn altogether shows nothing.
        let mut bruno = app.signed_in_as("bruno").await;
        let t = bruno.get("/qa").await.csrf();
        let r = bruno.json(Method::POST, &format!("/api/v1/qa/answers/{first}/review/done"), &json!({"next_review": null}), t.as_deref()).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        accept(&app, "anna", &q.id, None);
        assert!(!anna.get(&url).await.body.contains("review-notice"));
        // Accepted again: the review comes back as it was.
        accept(&app, "anna", &q.id, Some(first));
        assert!(anna.get(&url).await.body.contains("Contenuto da rivedere"));
        let r = bruno.json(Method::POST, &format!("/api/v1/qa/answers/{first}/review/done"), &json!({"next_review": null}), t.as_deref()).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(!anna.get(&url).await.body.contains("Contenuto da rivedere"));
    }
}

both_backends! {
    async fn the_demo_has_an_overdue_page_with_its_owner(app) {
        let logins = prassi_server::demo::fill(&app.platform.state).unwrap();
        let mut giulia = app.client().await;
        giulia.login("giulia.rossi", &logins.password).await;
        let page = giulia.get("/wiki/p/fasi-di-apertura").await;
        assert!(page.body.contains("Contenuto da rivedere:"), "{}", page.body);
        assert!(page.body.contains("href=\"/membri/luca.ferrari\""));
        let list = giulia.get("/api/v1/reviews").await.json();
        assert_eq!(list["items"][0]["url"], "/wiki/p/fasi-di-apertura", "{list}");
        housekeeping(&app);
        assert_eq!(events(&app, "wiki.review_due").len(), 1);
    }
}
