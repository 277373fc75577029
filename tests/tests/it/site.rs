//! The site's own pages: the privacy notice, legal notes and accessibility statement filled from
//! the settings administrators keep at /admin (never a bracket placeholder), the accessibility
//! feedback form and its list for administrators, and the layout's menu without JavaScript.

use super::*;
use diesel::prelude::*;
use prassi_db::models::A11yReportStatus;
use prassi_db::schema::{a11y_reports, audit_log};

/// The text of `<main>`: what a page says, without the layout around it.
fn main_of(body: &str) -> &str {
    let start = body.find("<main").unwrap_or(0);
    let end = body[start..]
        .find("</main>")
        .map_or(body.len(), |e| start + e);
    &body[start..end]
}

/// The body with Tera's HTML escapes undone (it escapes `/` and `'` too), for plain searches.
fn text(body: &str) -> String {
    body.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn assert_no_placeholder(path: &str, body: &str) {
    let main = main_of(body);
    assert!(
        !main.contains('[') && !main.contains(']'),
        "{path} shows a bracket placeholder: {}",
        main.lines()
            .find(|l| l.contains('[') || l.contains(']'))
            .unwrap_or_default()
    );
}

/// Every field of the legal settings form, as an administrator fills it.
const LEGAL: &[(&str, &str)] = &[
    ("org_name", "Comune di Roccabella"),
    ("org_address", "Piazza del Municipio 1, 35100 Roccabella"),
    ("org_pec", "protocollo@pec.roccabella.example.it"),
    ("contact_email", "Accessibilita@Roccabella.example.it"),
    ("dpo_contact", "rpd@roccabella.example.it"),
    ("hosting_provider", "Nuvola Pubblica S.p.A."),
    ("legal_basis", "deliberazione della Giunta n. 12 del 2025"),
    ("a11y_status", "non_compliant"),
    ("a11y_method", "third_party"),
    ("a11y_drafted_on", "2025-03-10"),
    ("a11y_reviewed_on", "01/06/2025"),
    ("site_published_on", "2025-01-07"),
    (
        "a11y_statement_url",
        "https://form.agid.gov.it/view/abc-123",
    ),
];

both_backends! {
    async fn legal_pages_show_no_placeholders_and_describe_the_real_cookies_by_default(app) {
        for lang in ["it", "en"] {
            let mut c = app.client().await;
            c.lang = lang.into();
            for path in ["/privacy", "/accessibilita", "/note-legali"] {
                let r = c.get(path).await;
                assert_eq!(r.status, StatusCode::OK, "{path} ({lang})");
                assert_no_placeholder(path, &r.body);
            }
        }
        let mut c = app.client().await;
        let privacy = c.get("/privacy").await;
        // Exactly the cookies the platform sets, and no cookie "that protects forms".
        assert!(text(&privacy.body).contains("<code>prassi_session</code>"));
        assert!(text(&privacy.body).contains("<code>lang</code>"));
        assert!(text(&privacy.body).contains("conservato sul server"), "the CSRF token lives in the session");
        assert!(!text(&privacy.body).contains("quello che protegge i moduli"));
        assert!(text(&privacy.body).contains("non sono ancora stati pubblicati"), "a neutral sentence for the controller");
        assert!(!text(&privacy.body).contains("Ultimo aggiornamento"), "no date until the settings are saved");
        let a11y = c.get("/accessibilita").await;
        assert!(text(&a11y.body).contains("Parzialmente conforme"));
        assert!(text(&a11y.body).contains("L'amministrazione che gestisce"), "{}", main_of(&a11y.body));
        assert!(text(&a11y.body).contains("href=\"/accessibilita/segnalazione\""), "the statement links the feedback form");
        assert!(text(&a11y.body).contains("https://form.agid.gov.it/"), "and the AgID enforcement procedure");
    }
}

both_backends! {
    async fn admin_fills_the_legal_pages_from_the_settings(app) {
        let mut a = app.signed_in("capo", Role::Admin).await;
        let r = a.submit("/admin", "/admin/pagine-legali", LEGAL).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // The form shows what was saved.
        let admin = a.get("/admin").await;
        assert!(text(&admin.body).contains("value=\"Comune di Roccabella\""));
        assert!(text(&admin.body).contains("value=\"01/06/2025\""), "dates are shown as dd/mm/yyyy");
        assert!(text(&admin.body).contains("value=\"10/03/2025\""), "and read as yyyy-mm-dd too");
        assert!(text(&admin.body).contains("value=\"accessibilita@roccabella.example.it\""), "addresses in lower case");

        let mut c = app.client().await;
        let privacy = c.get("/privacy").await;
        assert_no_placeholder("/privacy", &privacy.body);
        for want in ["Comune di Roccabella", "Piazza del Municipio 1", "protocollo@pec.roccabella.example.it",
                     "rpd@roccabella.example.it", "Nuvola Pubblica S.p.A.", "deliberazione della Giunta n. 12"] {
            assert!(text(&privacy.body).contains(want), "privacy lacks {want}");
        }
        let today = prassi_core::settings::long_date(chrono::Utc::now().date_naive(), "it");
        assert!(text(&privacy.body).contains(&format!("Ultimo aggiornamento: {today}.")), "the save date is shown");
        let a11y = c.get("/accessibilita").await;
        assert_no_placeholder("/accessibilita", &a11y.body);
        for want in ["Comune di Roccabella si impegna", "Non conforme", "10 marzo 2025", "1 giugno 2025",
                     "7 gennaio 2025", "effettuata da terzi", "https://form.agid.gov.it/view/abc-123",
                     "mailto:accessibilita@roccabella.example.it"] {
            assert!(text(&a11y.body).contains(want), "statement lacks {want}");
        }
        assert!(!text(&a11y.body).contains("non è ancora stata completata"), "the evaluation is dated now");
        let legal = c.get("/note-legali").await;
        assert_no_placeholder("/note-legali", &legal.body);
        assert!(text(&legal.body).contains("è gestito da Comune di Roccabella"));
        // English too.
        c.lang = "en".into();
        let a11y = c.get("/accessibilita").await;
        assert!(text(&a11y.body).contains("Not compliant") && text(&a11y.body).contains("10 March 2025"));

        let mut conn = app.conn();
        let logged: i64 = audit_log::table.filter(audit_log::action.eq("site.legal")).count().get_result(&mut conn).unwrap();
        assert_eq!(logged, 1);

        // Emptying a field brings its neutral sentence back.
        let mut cleared: Vec<(&str, &str)> = LEGAL.to_vec();
        cleared.retain(|(k, _)| *k != "org_name" && *k != "hosting_provider");
        let r = a.submit("/admin", "/admin/pagine-legali", &cleared).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        c.lang = "it".into();
        let privacy = c.get("/privacy").await;
        assert_no_placeholder("/privacy", &privacy.body);
        assert!(!text(&privacy.body).contains("Comune di Roccabella"));
        assert!(text(&privacy.body).contains("fornitori dei servizi tecnici"));
    }
}

both_backends! {
    async fn legal_settings_report_every_field_error_at_once_and_only_admins_may_save(app) {
        app.user("capo", Role::Admin);
        app.user("socio", Role::Moderator);
        let mut a = app.signed_in_as("capo").await;
        let r = a.submit("/admin", "/admin/pagine-legali", &[
            ("org_name", "Comune di Prova"),
            ("org_pec", "not an address"),
            ("contact_email", "x@"),
            ("a11y_status", "almost"),
            ("a11y_method", "self"),
            ("a11y_drafted_on", "2025-05-10"),
            ("a11y_reviewed_on", "2025-05-01"),
            ("site_published_on", "2999-01-01"),
            ("a11y_statement_url", "javascript:alert(1)"),
        ]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        for field in ["org_pec", "contact_email", "a11y_status", "a11y_reviewed_on", "site_published_on", "a11y_statement_url"] {
            assert!(text(&r.body).contains(&format!("id=\"field-{field}-error\"")), "no error for {field}");
            assert!(text(&r.body).contains(&format!("href=\"#field-{field}\"")), "the summary links {field}");
        }
        assert!(text(&r.body).contains("value=\"Comune di Prova\""), "what was typed is kept");
        assert!(text(&r.body).contains("value=\"not an address\""));
        let c = a.get("/privacy").await;
        assert!(!text(&c.body).contains("Comune di Prova"), "nothing was saved");

        let mut m = app.signed_in_as("socio").await;
        let r = m.submit("/profilo", "/admin/pagine-legali", &[("org_name", "Hijack")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(!text(&m.get("/privacy").await.body).contains("Hijack"));
    }
}

both_backends! {
    async fn anyone_reports_an_accessibility_problem_and_admins_track_it(app) {
        // Phase 1 (closed): the form is still open to anonymous visitors.
        app.user("capo", Role::Admin);
        app.user("socio", Role::Member);
        let mut a = app.signed_in_as("capo").await;
        let mut legal: Vec<(&str, &str)> = LEGAL.to_vec();
        legal.retain(|(k, _)| *k != "a11y_statement_url");
        assert_eq!(a.submit("/admin", "/admin/pagine-legali", &legal).await.status, StatusCode::SEE_OTHER);

        let mut v = app.client().await;
        let form = v.get("/accessibilita/segnalazione?pagina=/forum").await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(text(&form.body).contains("value=\"/forum\""), "the page address is filled in");
        assert!(text(&v.get("/accessibilita/segnalazione?pagina=//evil.example").await.body).contains("name=\"page_url\" value=\"\""));

        // Every problem at once.
        let r = v.submit("/accessibilita/segnalazione", "/accessibilita/segnalazione", &[
            ("page_url", "javascript:alert(1)"), ("description", "rotto"), ("email", "nope"),
        ]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        for field in ["page_url", "description", "email"] {
            assert!(text(&r.body).contains(&format!("id=\"field-{field}-error\"")), "no error for {field}: {}", r.body);
        }
        assert!(text(&r.body).contains(">rotto</textarea>"), "the description is kept");
        // Without a CSRF token nothing is stored.
        let r = v.post_form("/accessibilita/segnalazione", &[
            ("page_url", "/forum"), ("description", "Il menu non si apre con la tastiera"),
        ]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        let r = v.submit("/accessibilita/segnalazione", "/accessibilita/segnalazione", &[
            ("page_url", "/forum"), ("description", "Il menu non si apre con la tastiera"),
            ("email", "Lettrice@Example.org"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), "/accessibilita/segnalazione/inviata");
        let thanks = v.get("/accessibilita/segnalazione/inviata").await;
        assert!(text(&thanks.body).contains("Segnalazione inviata"));
        // A signed-in member's report is stored with the account.
        let mut s = app.signed_in_as("socio").await;
        let r = s.submit("/accessibilita/segnalazione", "/accessibilita/segnalazione", &[
            ("page_url", "https://prassi.example.it/wiki"), ("description", "Le immagini non hanno testo alternativo"),
        ]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

        let mut conn = app.conn();
        let rows: Vec<(String, String, String, Option<prassi_db::UserId>, A11yReportStatus)> = a11y_reports::table
            .order(a11y_reports::created_at.asc())
            .select((a11y_reports::id, a11y_reports::page_url, a11y_reports::contact_email, a11y_reports::reporter_id, a11y_reports::status))
            .load(&mut conn).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1, "/forum");
        assert_eq!(rows[0].2, "lettrice@example.org");
        assert!(rows[0].3.is_none() && rows[1].3.is_some());
        assert_eq!(rows[0].4, A11yReportStatus::New);
        // The administration's contact address hears of it.
        assert!(app.mails().iter().any(|(to, _, body)| to == "accessibilita@roccabella.example.it" && body.contains("Il menu non si apre")));

        // Administrators list them and move them along; nobody else sees the list.
        let admin = a.get("/admin").await;
        assert!(text(&admin.body).contains("2 nuove segnalazioni"), "{}", main_of(&admin.body));
        let list = a.get("/admin/segnalazioni").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(text(&list.body).contains("Il menu non si apre con la tastiera"));
        assert!(text(&list.body).contains("@socio"));
        let id = rows[0].0.clone();
        let r = a.submit("/admin/segnalazioni", &format!("/admin/segnalazioni/{id}/stato"), &[("status", "in_progress")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = a.submit("/admin/segnalazioni", &format!("/admin/segnalazioni/{id}/stato"), &[("status", "resolved")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let status: A11yReportStatus = a11y_reports::table.find(&id).select(a11y_reports::status).first(&mut conn).unwrap();
        assert_eq!(status, A11yReportStatus::Resolved);
        let resolved = a.get("/admin/segnalazioni?stato=resolved").await;
        assert!(text(&resolved.body).contains("Il menu non si apre"));
        assert!(!text(&resolved.body).contains("Le immagini non hanno"));
        let r = a.submit("/admin/segnalazioni", &format!("/admin/segnalazioni/{id}/stato"), &[("status", "bogus")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let unknown = uuid::Uuid::now_v7();
        let r = a.submit("/admin/segnalazioni", &format!("/admin/segnalazioni/{unknown}/stato"), &[("status", "new")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let logged: i64 = audit_log::table.filter(audit_log::action.eq("a11y_report.status")).count().get_result(&mut conn).unwrap();
        assert_eq!(logged, 2);

        assert_eq!(s.get("/admin/segnalazioni").await.status, StatusCode::NOT_FOUND);
        let r = s.submit("/profilo", &format!("/admin/segnalazioni/{id}/stato"), &[("status", "new")]).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(v.get("/admin/segnalazioni").await.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn accessibility_reports_are_limited_per_client_address(app) {
        let mut v = app.client().await;
        let send = |n: usize| vec![("page_url", "/".to_owned()), ("description", format!("Problema numero {n} sulla home"))];
        for n in 0..prassi_accounts::service::MAX_REPORTS_PER_ADDRESS as usize {
            let f = send(n);
            let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = v.submit("/accessibilita/segnalazione", "/accessibilita/segnalazione", &fields).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
        let f = send(99);
        let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = v.submit("/accessibilita/segnalazione", "/accessibilita/segnalazione", &fields).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(text(&r.body).contains("troppe segnalazioni"), "{}", r.body);
        assert!(text(&r.body).contains("Problema numero 99"), "the text is kept for later");
        // Another address is not affected.
        let mut w = app.client().await;
        w.peer = "198.51.100.7:5000".into();
        let r = w.submit("/accessibilita/segnalazione", "/accessibilita/segnalazione", &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
}

both_backends! {
    async fn the_main_menu_is_a_disclosure_that_works_without_javascript(app) {
        app.user("capo", Role::Admin);
        let mut c = app.client().await;
        for signed_in in [false, true] {
            if signed_in {
                c.login("capo", PASSWORD).await;
            }
            let r = c.get("/").await;
            let body = &text(&r.body);
            let nav = body.find("class=\"main-nav\"").expect("main nav");
            let details = body[nav..].find("<details class=\"nav-menu\">").expect("a <details> menu") + nav;
            let summary = body[details..].find("<summary class=\"nav-toggle\">").expect("a summary") + details;
            let end = body[details..].find("</details>").expect("closed details") + details;
            let menu = &body[summary..end];
            assert!(menu.contains("Menu</summary>"), "the summary says Menu");
            assert!(!body[details..summary].contains(" open"), "collapsed by default; CSS shows it on wide screens");
            assert!(menu.contains("<ul>") && menu.contains("href=\"/\""), "the links are inside the disclosure");
            assert!(menu.contains(if signed_in { "href=\"/admin\"" } else { "href=\"/accedi\"" }));
            // The search stays outside the menu, always reachable.
            let search = body.find("id=\"site-search\"").expect("search box");
            assert!(search < details);
            assert!(body.contains("<link rel=\"icon\" href=\"/favicon.ico\">"));
            assert!(body.contains("href=\"/accessibilita/segnalazione?pagina=/\""), "the footer links the feedback form");
        }
        let css = c.get("/static/prassi.css").await.body;
        assert!(css.contains(".nav-menu::details-content"));
        assert!(css.contains("overflow-wrap: anywhere"), "buttons wrap");
    }
}

both_backends! {
    async fn the_forum_category_form_has_no_required_select_without_a_placeholder(app) {
        let mut a = app.signed_in("capo", Role::Admin).await;
        let r = a.get("/forum/categorie").await;
        assert_eq!(r.status, StatusCode::OK);
        let at = r.body.find("name=\"audience\"").expect("audience select");
        let tag_end = r.body[at..].find('>').unwrap() + at;
        assert!(!r.body[at..tag_end].contains("required"), "{}", &r.body[at..tag_end]);
    }
}

both_backends! {
    async fn the_kept_header_and_footer_follow_the_viewer_and_the_page(app) {
        use prassi_db::schema::users;
        app.user("anna", Role::Member);
        app.user("giulia", Role::Moderator);
        let nav = |body: &str| {
            let at = body.find("<div class=\"header-center\"").expect("the header's navigation");
            body[at..].split("</header>").next().unwrap_or_default().to_owned()
        };
        let footer = |body: &str| {
            let at = body.find("<footer").expect("the footer");
            body[at..].to_owned()
        };
        let mut anna = app.signed_in_as("anna").await;
        let mut giulia = app.signed_in_as("giulia").await;
        // The second round is served from the kept fragments.
        for _ in 0..2 {
            let a = anna.get("/qa").await;
            let token = a.csrf().unwrap();
            let mine = nav(&a.body);
            assert!(mine.contains(&format!("name=\"csrf_token\" value=\"{token}\"")), "{mine}");
            assert!(mine.contains("<a href=\"/qa\" aria-current=\"page\">"), "{mine}");
            assert!(!mine.contains("href=\"/moderazione\""));
            let me = a.body.split("class=\"header-slim-user\">").nth(1).unwrap_or_default();
            assert!(me.split("</p>").next().unwrap_or_default().to_lowercase().contains("anna"), "{me}");
            let g = giulia.get("/qa").await;
            let theirs = nav(&g.body);
            assert!(theirs.contains(&format!("value=\"{}\"", g.csrf().unwrap())));
            assert!(!theirs.contains(&token), "never another viewer's token");
            assert!(theirs.contains("href=\"/moderazione\""), "the moderator's link");
        }
        // Another page: its own current link and its own address in the footer's report link.
        let w = anna.get("/wiki").await;
        assert!(nav(&w.body).contains("<a href=\"/wiki\" aria-current=\"page\">"));
        assert!(!nav(&w.body).contains("<a href=\"/qa\" aria-current"));
        assert!(footer(&w.body).contains("?pagina=&#x2F;wiki\""), "{}", footer(&w.body));
        // A visitor: the sign-in link, no logout form, no bell.
        let mut visitor = app.client().await;
        let v = visitor.get("/qa").await;
        assert!(nav(&v.body).contains("href=\"/accedi\"") && !nav(&v.body).contains("/esci"));
        // A change of rights shows on the next view.
        diesel::update(users::table.filter(users::username.eq("anna")))
            .set(users::role.eq(Role::Moderator))
            .execute(&mut app.conn())
            .unwrap();
        assert!(nav(&anna.get("/qa").await.body).contains("href=\"/moderazione\""));
        // English: the same page in the other language.
        anna.get("/lingua?lang=en&next=/").await;
        let en = anna.get("/qa").await;
        assert!(en.body.contains("<html lang=\"en\""));
        assert!(nav(&en.body).contains(">Questions</a>"), "{}", nav(&en.body));
        anna.get("/lingua?lang=it&next=/").await;
        assert!(nav(&anna.get("/qa").await.body).contains(">Domande</a>"));
    }
}
