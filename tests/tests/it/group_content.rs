//! A working group's content in the other modules: questions, wiki pages and discussions made
//! from the group carry its audience (readable by its members, missing for everyone else, in
//! pages, lists, counts and search; public for a public group), only members create there, the
//! group's activity stream (order, cursor paging, audience), and the path from a group page to
//! a public wiki page (proposal, refusal with a reason, approval with credit and history, a
//! second decision refused).

use super::*;

use diesel::prelude::*;
use prassi_db::models::WorkGroup;

/// Accounts for every kind of viewer, in the open phase (visitors may read public content).
fn people(app: &TestApp) {
    app.set_phase(3);
    app.tag("appalti", "Appalti");
    app.user("coord", Role::Member);
    app.user("member", Role::Member);
    app.user("outsider", Role::Member);
    app.user("admin", Role::Admin);
    app.user("moderator", Role::Moderator);
}

fn group(app: &TestApp, name: &str, visibility: &str) -> WorkGroup {
    app.group("coord", name)
        .visibility(visibility)
        .join_policy("request")
        .member("member")
        .create()
}

/// Makes a question, a page and a discussion in the group through its forms, as `who`;
/// returns their URLs.
async fn make_content(app: &TestApp, who: &str, g: &WorkGroup, word: &str) -> [String; 3] {
    let mut c = app.signed_in_as(who).await;
    let slug = &g.slug;
    let q = c
        .submit(
            &format!("/gruppi/{slug}/domande/nuova"),
            &format!("/gruppi/{slug}/domande/nuova"),
            &[
                ("title", &format!("Domanda {word} sugli appalti")),
                ("body_md", &format!("Testo {word} della domanda.")),
                ("tags", "appalti"),
                ("audience", "public"),
            ],
        )
        .await;
    assert_eq!(q.status, StatusCode::SEE_OTHER, "{}", q.body);
    let p = c
        .submit(
            &format!("/gruppi/{slug}/wiki/nuova"),
            &format!("/gruppi/{slug}/wiki/nuova"),
            &[
                ("title", &format!("Pagina {word}")),
                ("body_md", &format!("Testo {word} della pagina.")),
                ("categories", ""),
                ("parent", ""),
                ("summary", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let d = c
        .submit(
            &format!("/gruppi/{slug}/discussioni/nuova"),
            &format!("/gruppi/{slug}/discussioni/nuova"),
            &[
                ("title", &format!("Discussione {word}")),
                ("body_md", &format!("Testo {word} della discussione.")),
            ],
        )
        .await;
    assert_eq!(d.status, StatusCode::SEE_OTHER, "{}", d.body);
    [q.location(), p.location(), d.location()]
}

fn audiences(app: &TestApp, g: &WorkGroup) -> Vec<String> {
    use prassi_db::schema::{forum_categories, questions, wiki_pages};
    let mut conn = app.conn();
    let mut out: Vec<String> = questions::table
        .filter(questions::group_id.eq(&g.id))
        .select(questions::audience)
        .load(&mut conn)
        .unwrap();
    out.extend(
        wiki_pages::table
            .filter(wiki_pages::group_id.eq(&g.id))
            .select(wiki_pages::audience)
            .load::<String>(&mut conn)
            .unwrap(),
    );
    out.extend(
        forum_categories::table
            .filter(forum_categories::group_id.eq(&g.id))
            .select(forum_categories::audience)
            .load::<String>(&mut conn)
            .unwrap(),
    );
    out
}

/// `who` gets "not found" for `url`, and none of its text.
macro_rules! hidden {
    ($c:ident, $who:expr, $url:expr, $word:expr) => {{
        let r = $c.get($url).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{} must not see {}",
            $who,
            $url
        );
        // The address itself may be echoed (the wiki offers to create a missing page); the
        // text never is.
        assert!(!r.body.contains(&format!("Testo {}", $word)), "{}", $url);
    }};
}

/// The group's question, page and discussion are in none of `c`'s lists.
macro_rules! absent_from_lists {
    ($c:ident, $title:expr, $word:expr) => {{
        let list = $c.get("/api/v1/qa/questions").await.json();
        assert!(!list.to_string().contains(&$title), "{list}");
        let html = $c.get("/qa").await;
        assert!(!html.body.contains(&$title));
        let pages = $c.get("/api/v1/wiki/pages").await;
        assert!(!pages.body.contains(&format!("Pagina {}", $word)));
        let forum = $c.get("/api/v1/forum/discussions").await;
        assert!(!forum.body.contains(&format!("Discussione {}", $word)));
    }};
}

both_backends! {
    async fn content_of_listed_and_secret_groups_is_their_members_and_missing_to_everyone_else(app) {
        people(&app);
        for (made, visibility) in [(1, "listed"), (2, "secret")] {
            let g = group(&app, &format!("Gruppo {visibility}"), visibility);
            let word = format!("riservato{visibility}");
            let urls = make_content(&app, "member", &g, &word).await;
            // The group's audience was forced, whatever the form said.
            let expected = format!("group:{}", g.id);
            let got = audiences(&app, &g);
            assert_eq!(got.len(), 3, "one question, one page, the group's category: {got:?}");
            assert!(got.iter().all(|a| *a == expected), "{got:?}");

            let mut member = app.signed_in_as("member").await;
            let mut coord = app.signed_in_as("coord").await;
            let mut admin = app.signed_in_as("admin").await;
            let mut outsider = app.signed_in_as("outsider").await;
            let mut anon = app.client().await;
            for url in &urls {
                for (who, c) in [("member", &mut member), ("coord", &mut coord), ("admin", &mut admin)] {
                    let r = c.get(url).await;
                    assert_eq!(r.status, StatusCode::OK, "{who} reads {url}");
                    assert!(r.body.contains(&word), "{who} reads {url}");
                }
                hidden!(outsider, "outsider", url, word);
                hidden!(anon, "anon", url, word);
            }
            // The question and the page name their group, linked.
            for url in &urls[..2] {
                let body = member.get(url).await.body;
                assert!(body.contains(&format!("Gruppo di lavoro: <a href=\"&#x2F;gruppi&#x2F;{}\">{}</a>", g.slug, g.name)), "{url}: {body}");
            }
            // Lists and counts.
            let title = format!("Domanda {word}");
            let listed = member.get("/api/v1/qa/questions").await.json();
            assert!(listed.to_string().contains(&title), "{listed}");
            absent_from_lists!(outsider, title, word);
            absent_from_lists!(anon, title, word);
            let outsider_total = outsider.get("/api/v1/qa/questions").await.json()["page"]["total"].as_i64().unwrap();
            let member_total = member.get("/api/v1/qa/questions").await.json()["page"]["total"].as_i64().unwrap();
            assert_eq!(member_total, outsider_total + made, "counts follow the audience too");
            // The group-side forms: missing for those who may not read the group's content.
            for path in ["domande/nuova", "wiki/nuova", "discussioni/nuova", "attivita", "pubblicazioni"] {
                let url = format!("/gruppi/{}/{path}", g.slug);
                assert_eq!(outsider.get(&url).await.status, StatusCode::NOT_FOUND, "{url}");
                assert_eq!(anon.get(&url).await.status, StatusCode::NOT_FOUND, "{url}");
                assert_eq!(member.get(&url).await.status, StatusCode::OK, "{url}");
            }
            // The same missing answer as for a group that does not exist.
            let unknown = outsider.get("/api/v1/groups/non-esiste/activity").await;
            let hidden = outsider.get(&format!("/api/v1/groups/{}/activity", g.slug)).await;
            assert_eq!(unknown.status, hidden.status);
            assert_eq!(unknown.body, hidden.body);
        }
    }
}

both_backends! {
    async fn content_of_a_public_group_is_public_and_only_members_create_it(app) {
        people(&app);
        let g = group(&app, "Laboratorio pubblico", "public");
        let urls = make_content(&app, "member", &g, "aperto").await;
        assert!(audiences(&app, &g).iter().all(|a| a == "public"));
        let mut anon = app.client().await;
        for url in &urls {
            let r = anon.get(url).await;
            assert_eq!(r.status, StatusCode::OK, "{url}");
            assert!(r.body.contains("aperto"));
        }
        let act = anon.get(&format!("/api/v1/groups/{}/activity", g.slug)).await.json();
        assert_eq!(act["items"].as_array().unwrap().len(), 3, "{act}");

        // An outsider sees the group but may not make content in it.
        let mut outsider = app.signed_in_as("outsider").await;
        let form = outsider.get(&format!("/gruppi/{}/domande/nuova", g.slug)).await;
        assert_eq!(form.status, StatusCode::FORBIDDEN);
        let csrf = outsider.get("/qa").await.csrf().unwrap();
        let r = outsider.json(Method::POST, &format!("/api/v1/groups/{}/questions", g.slug),
            &json!({"title": "Domanda di un estraneo al gruppo", "body_md": "Testo.", "tags": "appalti"}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        let r = outsider.json(Method::POST, &format!("/api/v1/groups/{}/discussions", g.slug),
            &json!({"title": "Discussione di un estraneo", "body_md": "Testo."}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        // A visitor is asked to sign in.
        assert_eq!(anon.get(&format!("/gruppi/{}/wiki/nuova", g.slug)).await.status, StatusCode::UNAUTHORIZED);
        // An administrator acts in any group.
        let mut admin = app.signed_in_as("admin").await;
        let csrf = admin.get("/qa").await.csrf().unwrap();
        let r = admin.json(Method::POST, &format!("/api/v1/groups/{}/pages", g.slug),
            &json!({"title": "Pagina dell'amministrazione", "body_md": "Testo."}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        // Bad input answers every error at once, keeping the group.
        let mut member = app.signed_in_as("member").await;
        let r = member.submit(&format!("/gruppi/{}/domande/nuova", g.slug), &format!("/gruppi/{}/domande/nuova", g.slug),
            &[("title", "corta"), ("body_md", ""), ("tags", "")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("href=\"#field-title\"") && r.body.contains("href=\"#field-body_md\"") && r.body.contains("href=\"#field-tags\""), "{}", r.body);
        assert!(r.body.contains("Laboratorio pubblico"));
        // Only one forum category per group, however many discussions.
        use prassi_db::schema::forum_categories;
        let n: i64 = forum_categories::table.filter(forum_categories::group_id.eq(&g.id)).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(n, 1);
    }
}

both_backends! {
    async fn the_activity_stream_is_newest_first_paged_by_cursor_and_filtered_by_audience(app) {
        people(&app);
        let g = group(&app, "Tavolo cultura", "listed");
        let phase = prassi_core::access::Phase::Open;
        let member = app.viewer("member");
        let mut expected: Vec<String> = Vec::new();
        for i in 0..7 {
            let title = format!("Elemento numero {i} del tavolo");
            let mut conn = app.conn();
            prassi_db::write_tx(&mut conn, |c| match i % 3 {
                0 => prassi_groups::content::ask(c, &member, phase, &g.slug, &prassi_qa::service::QuestionInput {
                    title: title.clone(), body_md: "Testo.".into(), tags: "appalti".into(), ..Default::default()
                }),
                1 => prassi_groups::content::create_page(c, &member, phase, &g.slug, &prassi_wiki::service::PageInput {
                    title: title.clone(), body_md: "Testo.".into(), ..Default::default()
                }),
                _ => prassi_groups::content::start_discussion(c, &member, phase, &g.slug, &prassi_forum::service::DiscussionInput {
                    title: title.clone(), body_md: "Testo.".into(), ..Default::default()
                }),
            }).unwrap();
            expected.push(title);
        }
        // Content of the same audience outside the group is not in the stream.
        app.question("member", "Una domanda fuori dal gruppo").tags("appalti").audience(&format!("group:{}", g.id)).create();
        expected.reverse();

        let mut c = app.signed_in_as("member").await;
        let mut seen: Vec<String> = Vec::new();
        let mut url = format!("/api/v1/groups/{}/activity?per_page=3", g.slug);
        let mut pages = 0;
        loop {
            let page = c.get(&url).await.json();
            pages += 1;
            let items = page["items"].as_array().unwrap();
            assert!(items.len() <= 3);
            seen.extend(items.iter().map(|i| i["title"].as_str().unwrap().to_owned()));
            match page["next"].as_str() {
                Some(next) => url = format!("/api/v1/groups/{}/activity?per_page=3&before={}", g.slug, prassi_core::web::url_encode(next)),
                None => break,
            }
        }
        assert_eq!(seen, expected, "newest first, every item once");
        assert_eq!(pages, 3);
        let first = c.get(&format!("/api/v1/groups/{}/activity", g.slug)).await.json();
        let kinds: Vec<&str> = first["items"].as_array().unwrap().iter().map(|i| i["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds, ["question", "discussion", "page", "question", "discussion", "page", "question"]);
        // A broken cursor starts at the top instead of failing.
        let top = c.get(&format!("/api/v1/groups/{}/activity?before=rotto", g.slug)).await;
        assert_eq!(top.status, StatusCode::OK);
        // The HTML page, with the link to older items.
        let html = c.get(&format!("/gruppi/{}/attivita", g.slug)).await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(html.body.contains(&expected[0]));
        // Outsiders and visitors: as for a missing group.
        let mut outsider = app.signed_in_as("outsider").await;
        assert_eq!(outsider.get(&format!("/api/v1/groups/{}/activity", g.slug)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(outsider.get(&format!("/gruppi/{}/attivita", g.slug)).await.status, StatusCode::NOT_FOUND);
        let mut anon = app.client().await;
        assert_eq!(anon.get(&format!("/api/v1/groups/{}/activity", g.slug)).await.status, StatusCode::NOT_FOUND);

        // A fixed number of queries whatever the size of the group.
        let viewer = app.viewer("member");
        let mut conn = app.conn();
        let (_, q) = prassi_tests::count_queries(&mut conn, |conn| {
            prassi_groups::content::stream::activity(conn, &viewer, phase, &g.slug, None, Some(3)).unwrap()
        });
        assert!(q <= 6, "{q} queries");
    }
}

both_backends! {
    async fn a_group_page_becomes_a_public_page_with_credit_and_history_after_approval(app) {
        people(&app);
        let g = group(&app, "Laboratorio innovazione", "listed");
        let slug = g.slug.clone();
        // Two authors write the group page.
        let mut m = app.signed_in_as("member").await;
        let csrf = m.get("/qa").await.csrf().unwrap();
        let r = m.json(Method::POST, &format!("/api/v1/groups/{slug}/pages"),
            &json!({"title": "Linee guida riuso", "body_md": "Prima stesura delle linee guida."}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let page_url = r.json()["url"].as_str().unwrap().to_owned();
        let page_slug = page_url.rsplit('/').next().unwrap().to_owned();
        let coord = app.viewer("coord");
        let mut conn = app.conn();
        prassi_db::write_tx(&mut conn, |c| prassi_wiki::service::save(c, &coord, prassi_core::access::Phase::Open, &page_slug, &prassi_wiki::service::SaveInput {
            title: "Linee guida riuso".into(), body_md: "Linee guida per il riuso delle soluzioni.".into(), base_revision: 1, ..Default::default()
        })).unwrap();
        drop(conn);

        // Proposed through the form; a second proposal of the same page is refused cleanly.
        let r = m.submit(&format!("/gruppi/{slug}/pubblicazioni"), &format!("/gruppi/{slug}/pubblicazioni"), &[("page", &page_slug)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = m.submit(&format!("/gruppi/{slug}/pubblicazioni"), &format!("/gruppi/{slug}/pubblicazioni"), &[("page", &page_slug)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        // An outsider may not propose (the group's content is missing to them).
        let mut outsider = app.signed_in_as("outsider").await;
        let ocsrf = outsider.get("/qa").await.csrf().unwrap();
        let r = outsider.json(Method::POST, &format!("/api/v1/groups/{slug}/publications"), &json!({"page": page_slug}), Some(&ocsrf)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // Moderators see the queue; members do not.
        let mut moderator = app.signed_in_as("moderator").await;
        let queue = moderator.get("/api/v1/groups/publications/pending").await.json();
        assert_eq!(queue.as_array().unwrap().len(), 1, "{queue}");
        assert!(queue[0]["body_html"].as_str().unwrap().contains("riuso delle soluzioni"));
        let id = queue[0]["id"].as_str().unwrap().to_owned();
        assert_eq!(m.get("/api/v1/groups/publications/pending").await.status, StatusCode::NOT_FOUND);

        // A refusal needs a reason, and the group sees it.
        let mcsrf = moderator.get("/qa").await.csrf().unwrap();
        let r = moderator.json(Method::POST, &format!("/api/v1/groups/publications/{id}/decision"), &json!({"decision": "refuse"}), Some(&mcsrf)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = moderator.submit("/gruppi/pubblicazioni", &format!("/gruppi/pubblicazioni/{id}"), &[("decision", "refuse"), ("reason", "Mancano le fonti normative.")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let list = m.get(&format!("/gruppi/{slug}/pubblicazioni")).await;
        assert!(list.body.contains("Mancano le fonti normative."), "{}", list.body);
        // A second decision on it changes nothing.
        let r = moderator.json(Method::POST, &format!("/api/v1/groups/publications/{id}/decision"), &json!({"decision": "approve"}), Some(&mcsrf)).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let n: i64 = prassi_db::schema::wiki_pages::table.filter(prassi_db::schema::wiki_pages::audience.eq("public")).count().get_result(&mut app.conn()).unwrap();
        assert_eq!(n, 0);

        // Proposed again and approved: a public page crediting the group and both authors.
        let r = m.json(Method::POST, &format!("/api/v1/groups/{slug}/publications"), &json!({"page": page_slug}), Some(&csrf)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id2 = r.json()["id"].as_str().unwrap().to_owned();
        let r = moderator.json(Method::POST, &format!("/api/v1/groups/publications/{id2}/decision"), &json!({"decision": "approve"}), Some(&mcsrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let public_url = r.json()["public_url"].as_str().unwrap().to_owned();
        let again = moderator.json(Method::POST, &format!("/api/v1/groups/publications/{id2}/decision"), &json!({"decision": "refuse", "reason": "Ci ho ripensato."}), Some(&mcsrf)).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "the second decision is refused cleanly");
        let mut anon = app.client().await;
        let public = anon.get(&public_url).await;
        assert_eq!(public.status, StatusCode::OK, "{public_url}");
        assert!(public.body.contains("riuso delle soluzioni"));
        assert!(public.body.contains("Contributi") && public.body.contains("Member") && public.body.contains("Coord"), "{}", public.body);
        assert!(public.body.contains(&format!("/gruppi/{slug}")), "links back to the group");
        // The group page itself stays the group's.
        assert_eq!(anon.get(&page_url).await.status, StatusCode::NOT_FOUND);
        let list = m.get(&format!("/api/v1/groups/{slug}/publications")).await.json();
        assert_eq!(list[0]["status"], "approved");
        assert_eq!(list[0]["public_url"], public_url.as_str());
        assert_eq!(list[1]["status"], "refused");
        assert_eq!(list[1]["reason"], "Mancano le fonti normative.");

        // The group page changes and is approved again: a new revision of the same public page.
        let member = app.viewer("member");
        let mut conn = app.conn();
        prassi_db::write_tx(&mut conn, |c| prassi_wiki::service::save(c, &member, prassi_core::access::Phase::Open, &page_slug, &prassi_wiki::service::SaveInput {
            title: "Linee guida riuso".into(), body_md: "Linee guida per il riuso, seconda edizione.".into(), base_revision: 2, ..Default::default()
        })).unwrap();
        drop(conn);
        let r = m.json(Method::POST, &format!("/api/v1/groups/{slug}/publications"), &json!({"page": page_slug}), Some(&csrf)).await;
        let id3 = r.json()["id"].as_str().unwrap().to_owned();
        let mut admin = app.signed_in_as("admin").await;
        let acsrf = admin.get("/qa").await.csrf().unwrap();
        let r = admin.json(Method::POST, &format!("/api/v1/groups/publications/{id3}/decision"), &json!({"decision": "approve"}), Some(&acsrf)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["public_url"], public_url.as_str());
        let public_slug = public_url.rsplit('/').next().unwrap();
        let history = anon.get(&format!("/api/v1/wiki/pages/{public_slug}/revisions")).await.json();
        assert_eq!(history["page"]["total"], 2, "{history}");
        assert!(history["items"][0]["summary"].as_str().unwrap().contains("Laboratorio innovazione"));
        assert!(anon.get(&public_url).await.body.contains("seconda edizione"));

        // Every step is in the group's log.
        use prassi_db::schema::group_log;
        let actions: Vec<String> = group_log::table.filter(group_log::group_id.eq(&g.id))
            .filter(group_log::action.like("publication_%")).select(group_log::action).load(&mut app.conn()).unwrap();
        for a in ["publication_proposed", "publication_refused", "publication_approved"] {
            assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
        }
        // Three proposals and three decisions, each one event about the proposal, for the group.
        use prassi_core::notify::EventKind;
        use prassi_db::schema::notification_events as e;
        for (kind, ids) in [(EventKind::GroupPublicationProposed, [&id, &id2, &id3]), (EventKind::GroupPublicationDecided, [&id, &id2, &id3])] {
            let got: Vec<(String, String, String)> = e::table.filter(e::kind.eq(kind.as_str()))
                .order((e::created_at.asc(), e::id.asc()))
                .select((e::item_kind, e::item_id, e::audience)).load(&mut app.conn()).unwrap();
            let want: Vec<(String, String, String)> = ids.iter()
                .map(|i| ("group_publication".to_owned(), (*i).clone(), format!("group:{}", g.id))).collect();
            assert_eq!(got, want, "{}", kind.as_str());
        }

        // The moderators' page lists what is pending (nothing now), and is missing to members.
        let html = moderator.get("/gruppi/pubblicazioni").await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(html.body.contains("Nessuna proposta in attesa"), "{}", html.body);
        assert_eq!(m.get("/gruppi/pubblicazioni").await.status, StatusCode::NOT_FOUND);
    }
}
