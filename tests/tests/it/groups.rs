//! Working groups: visibility x join policy x viewer kind over every group route (a hidden
//! group answers exactly like a missing one), membership and its counters, requests and
//! invitations, the last coordinator, concurrent decisions, bad input, the site setting on who
//! creates groups, and `group:<id>` audiences made readable by `Viewer.groups`.

use super::*;

use prassi_db::models::WorkGroup;

/// The viewer kinds of the matrix, as the usernames the setup signs in.
const KINDS: [&str; 5] = ["anon", "outsider", "member", "coord", "admin"];

/// Accounts for every kind, in the open phase (visitors may read public content).
fn people(app: &TestApp) {
    app.set_phase(3);
    app.user("coord", Role::Member);
    app.user("member", Role::Member);
    app.user("outsider", Role::Member);
    app.user("admin", Role::Admin);
}

fn group(app: &TestApp, name: &str, visibility: &str, policy: &str) -> WorkGroup {
    app.group("coord", name)
        .visibility(visibility)
        .join_policy(policy)
        .member("member")
        .create()
}

fn count(app: &TestApp, slug: &str) -> (i64, i64) {
    use diesel::prelude::*;
    use prassi_db::schema::work_groups;
    work_groups::table
        .filter(work_groups::slug.eq(slug))
        .select((work_groups::member_count, work_groups::coordinator_count))
        .first(&mut app.conn())
        .unwrap()
}

both_backends! {
    async fn every_group_route_answers_each_viewer_kind_and_hidden_is_missing(app) {
        people(&app);
        for (visibility, policy) in [("public", "open"), ("listed", "request"), ("secret", "invitation")] {
            let g = group(&app, &format!("Gruppo {visibility}"), visibility, policy);
            for kind in KINDS {
                let mut c = app.client().await;
                if kind != "anon" {
                    c.login(kind, PASSWORD).await;
                }
                let sees = match (visibility, kind) {
                    ("public", _) => true,
                    ("listed", k) => k != "anon",
                    (_, k) => !matches!(k, "anon" | "outsider"),
                };
                let reads = match (visibility, kind) {
                    ("public", _) => true,
                    (_, k) => matches!(k, "member" | "coord" | "admin"),
                };
                let coordinates = matches!(kind, "coord" | "admin");
                let hidden = |status: StatusCode| if sees { status } else { StatusCode::NOT_FOUND };
                let content = if reads { StatusCode::OK } else { StatusCode::NOT_FOUND };
                let run = if coordinates { StatusCode::OK } else { hidden(StatusCode::FORBIDDEN) };
                let signed = |s: StatusCode| if kind == "anon" { StatusCode::UNAUTHORIZED } else { s };
                let base = format!("/gruppi/{}", g.slug);
                let api = format!("/api/v1/groups/{}", g.slug);
                let expected = [
                    (base.clone(), hidden(StatusCode::OK)),
                    (format!("{base}/membri"), content),
                    (format!("{base}/registro"), run),
                    (format!("{base}/richieste"), run),
                    (format!("{base}/impostazioni"), run),
                    (api.clone(), hidden(StatusCode::OK)),
                    (format!("{api}/members"), content),
                    (format!("{api}/log"), signed(run)),
                    (format!("{api}/requests"), signed(run)),
                ];
                for (path, want) in expected {
                    let r = c.get(&path).await;
                    assert_eq!(r.status, want, "{kind} GET {path} ({visibility}): {}", r.body);
                    if r.status == StatusCode::NOT_FOUND {
                        // Exactly like a group that does not exist.
                        let missing = c.get(&path.replace(&g.slug, "nessun-gruppo-cosi")).await;
                        assert_eq!(missing.status, StatusCode::NOT_FOUND, "{path}");
                        assert_eq!(r.body.replace(&g.slug, "nessun-gruppo-cosi"), missing.body, "{kind} {path}");
                    }
                }
                // Writes: a hidden group answers like a missing one too.
                if kind != "anon" {
                    let token = c.get("/gruppi").await.csrf().unwrap();
                    for (path, body) in [
                        (format!("{api}/join"), json!({})),
                        (format!("{api}/requests"), json!({"message": "Vorrei entrare"})),
                        (format!("{api}/invitations"), json!({"username": "outsider"})),
                        (format!("{api}/members/member/role"), json!({"role": "coordinator"})),
                    ] {
                        let method = if path.ends_with("/role") { Method::PUT } else { Method::POST };
                        let r = c.json(method.clone(), &path, &body, Some(&token)).await;
                        let missing = c.json(method, &path.replace(&g.slug, "nessun-gruppo-cosi"), &body, Some(&token)).await;
                        assert_eq!(missing.status, StatusCode::NOT_FOUND);
                        if !sees {
                            assert_eq!(r.status, StatusCode::NOT_FOUND, "{kind} POST {path}");
                            assert_eq!(r.body, missing.body, "{kind} POST {path}");
                        } else {
                            assert_ne!(r.status, StatusCode::NOT_FOUND, "{kind} POST {path}: {}", r.body);
                            assert!(r.status.as_u16() < 500, "{kind} POST {path}: {}", r.body);
                        }
                    }
                }
            }
        }
        // Lists and counts hold only what each viewer may see.
        let mut anon = app.client().await;
        let list = anon.get("/api/v1/groups").await.json();
        assert_eq!(list["page"]["total"], 1, "{list}");
        let mut outsider = app.signed_in_as("outsider").await;
        let list = outsider.get("/api/v1/groups").await.json();
        assert_eq!(list["page"]["total"], 2, "{list}");
        assert!(!outsider.get("/gruppi").await.body.contains("Gruppo secret"));
        let mut member = app.signed_in_as("member").await;
        assert_eq!(member.get("/api/v1/groups").await.json()["page"]["total"], 3);
        assert_eq!(member.get("/api/v1/groups?mine=true").await.json()["page"]["total"], 3);
        // The outsider joined the open group during the matrix.
        assert_eq!(outsider.get("/api/v1/groups?mine=true").await.json()["page"]["total"], 1);
        let mut admin = app.signed_in_as("admin").await;
        assert_eq!(admin.get("/api/v1/groups").await.json()["page"]["total"], 3);
        // Profiles: "member of" names only the groups the viewer may see.
        // (The hook the profile page runs, as each viewer.)
        let member_id = app.viewer("member").user_id().unwrap().clone();
        let member_of = |who: &str| {
            let v = if who == "anon" { prassi_core::access::Viewer::Anonymous } else { app.viewer(who) };
            let lines = prassi_groups::home::profile_activity(&mut app.conn(), &member_id, &v, app.phase(), "it").unwrap();
            lines.into_iter().map(|l| l.value).collect::<Vec<_>>().join(" ")
        };
        let seen = member_of("outsider");
        assert!(seen.contains("Gruppo listed") && !seen.contains("Gruppo secret"), "{seen}");
        let seen = member_of("anon");
        assert!(seen.contains("Gruppo public") && !seen.contains("Gruppo listed"), "{seen}");
        assert!(member_of("coord").contains("Gruppo secret"), "a fellow member sees the group");
    }
}

both_backends! {
    async fn join_request_and_invitation_follow_the_join_policy(app) {
        people(&app);
        let open = group(&app, "Laboratorio aperto", "public", "open");
        let by_request = group(&app, "Progetto su richiesta", "listed", "request");
        let by_invitation = group(&app, "Tavolo su invito", "listed", "invitation");
        let mut o = app.signed_in_as("outsider").await;
        let token = o.get("/gruppi").await.csrf().unwrap();
        // Open: join at once through the page form; counters move.
        let page = format!("/gruppi/{}", open.slug);
        let r = o.submit(&page, &format!("{page}/unisciti"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(count(&app, &open.slug), (3, 1));
        // By request: joining is refused, asking works, a second request is refused cleanly.
        let api = format!("/api/v1/groups/{}", by_request.slug);
        assert_eq!(o.json(Method::POST, &format!("{api}/join"), &json!({}), Some(&token)).await.status, StatusCode::FORBIDDEN);
        let r = o.json(Method::POST, &format!("{api}/requests"), &json!({"message": "Lavoro al progetto"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let again = o.json(Method::POST, &format!("{api}/requests"), &json!({"message": "Di nuovo"}), Some(&token)).await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
        assert_eq!(again.json()["error"]["message"], "groups-request-pending");
        let page = format!("/gruppi/{}", by_request.slug);
        let shown = o.submit(&page, &format!("{page}/richiedi"), &[("message", "Ancora")]).await;
        assert_eq!(shown.status, StatusCode::CONFLICT);
        assert!(shown.body.contains("error-summary"), "{}", shown.body);
        // The coordinator refuses with a reason the requester sees.
        let mut c = app.signed_in_as("coord").await;
        let ctoken = c.get("/gruppi").await.csrf().unwrap();
        let pending = c.get(&format!("{api}/requests")).await.json();
        let id = pending[0]["id"].as_str().unwrap().to_owned();
        let r = c.json(Method::POST, &format!("{api}/requests/{id}"), &json!({"decision": "refuse", "reason": "Il gruppo è solo per i partner"}), Some(&ctoken)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        assert!(o.get(&page).await.body.contains("Il gruppo è solo per i partner"));
        assert_eq!(count(&app, &by_request.slug), (2, 1));
        // By invitation: asking is refused; an invitation is accepted from /gruppi/inviti.
        let api = format!("/api/v1/groups/{}", by_invitation.slug);
        assert_eq!(o.json(Method::POST, &format!("{api}/requests"), &json!({"message": "x"}), Some(&token)).await.status, StatusCode::FORBIDDEN);
        let r = c.json(Method::POST, &format!("{api}/invitations"), &json!({"username": "outsider"}), Some(&ctoken)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let twice = c.json(Method::POST, &format!("{api}/invitations"), &json!({"username": "outsider"}), Some(&ctoken)).await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        let inv = o.get("/gruppi/inviti").await;
        assert!(inv.body.contains("Tavolo su invito"), "{}", inv.body);
        let id = o.get("/api/v1/groups/invitations").await.json()[0]["id"].as_str().unwrap().to_owned();
        let r = o.submit("/gruppi/inviti", &format!("/gruppi/{}/inviti/{id}", by_invitation.slug), &[("answer", "accept")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(count(&app, &by_invitation.slug), (3, 1));
        // Every change is in the log.
        let log = c.get(&format!("{api}/log")).await.json();
        let actions: Vec<&str> = log["items"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert!(actions.contains(&"invited") && actions.contains(&"invitation_accepted") && actions.contains(&"created"), "{actions:?}");
        // Removing a member moves the counter back.
        let r = c.json(Method::DELETE, &format!("{api}/members/outsider"), &json!({}), Some(&ctoken)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        assert_eq!(count(&app, &by_invitation.slug), (2, 1));
    }
}

both_backends! {
    async fn the_last_coordinator_can_neither_leave_nor_be_demoted(app) {
        people(&app);
        let g = group(&app, "Tavolo regionale", "listed", "request");
        let api = format!("/api/v1/groups/{}", g.slug);
        let mut c = app.signed_in_as("coord").await;
        let token = c.get("/gruppi").await.csrf().unwrap();
        let r = c.json(Method::POST, &format!("{api}/leave"), &json!({}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["error"]["message"], "groups-last-coordinator");
        let r = c.json(Method::PUT, &format!("{api}/members/coord/role"), &json!({"role": "member"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        let page = format!("/gruppi/{}", g.slug);
        let shown = c.submit(&page, &format!("{page}/lascia"), &[]).await;
        assert_eq!(shown.status, StatusCode::CONFLICT);
        assert!(shown.body.contains("error-summary"));
        assert_eq!(count(&app, &g.slug), (2, 1));
        // With a second coordinator, leaving works.
        let r = c.json(Method::PUT, &format!("{api}/members/member/role"), &json!({"role": "coordinator"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        assert_eq!(count(&app, &g.slug), (2, 2));
        let r = c.json(Method::POST, &format!("{api}/leave"), &json!({}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        assert_eq!(count(&app, &g.slug), (1, 1));
    }
}

both_backends! {
    async fn two_coordinators_demoting_each_other_at_once_leave_one_coordinator(app) {
        people(&app);
        let g = app.group("coord", "Due coordinatori").coordinator("member").create();
        assert_eq!(count(&app, &g.slug), (2, 2));
        let phase = app.phase();
        let handles: Vec<_> = [("coord", "member"), ("member", "coord")]
            .into_iter()
            .map(|(who, whom)| {
                let viewer = app.viewer(who);
                let mut conn = app.conn();
                let slug = g.slug.clone();
                std::thread::spawn(move || {
                    prassi_db::write_tx(&mut conn, |c| {
                        prassi_groups::service::set_role(c, &viewer, phase, &slug, whom, "member")
                    })
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let ok = results.iter().filter(|r| r.is_ok()).count();
        assert!(ok <= 1, "{results:?}");
        assert_eq!(count(&app, &g.slug).1, 1, "{results:?}");
    }
}

both_backends! {
    async fn two_coordinators_accepting_the_same_request_at_once_admit_the_member_once(app) {
        people(&app);
        let g = app.group("coord", "Progetto condiviso").coordinator("member").create();
        let requester = app.viewer("outsider");
        let phase = app.phase();
        let slug = g.slug.clone();
        let id = prassi_db::write_tx(&mut app.conn(), |c| {
            prassi_groups::service::request(c, &requester, phase, &slug, &prassi_groups::service::RequestInput { message: "Posso entrare?".into() })
        }).unwrap();
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
        let handles: Vec<_> = ["coord", "member"]
            .into_iter()
            .map(|who| {
                let viewer = app.viewer(who);
                let mut conn = app.conn();
                let (slug, id, barrier) = (g.slug.clone(), id.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    prassi_db::write_tx(&mut conn, |c| {
                        prassi_groups::service::decide(c, &viewer, phase, &slug, id.as_str(),
                            &prassi_groups::service::DecideInput { decision: "accept".into(), reason: String::new() })
                    })
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
        let err = results.into_iter().find_map(|r| r.err()).unwrap();
        assert_eq!(err.kind, prassi_core::error::ErrorKind::Conflict, "{err:?}");
        assert_eq!(err.message, "groups-request-decided");
        assert_eq!(count(&app, &g.slug), (3, 2));
        // Through HTTP too: deciding again is a clear conflict.
        let mut c = app.signed_in_as("coord").await;
        let token = c.get("/gruppi").await.csrf().unwrap();
        let r = c.json(Method::POST, &format!("/api/v1/groups/{}/requests/{}", g.slug, id.as_str()), &json!({"decision": "accept"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    }
}

both_backends! {
    async fn bad_group_input_lists_every_error_at_once(app) {
        people(&app);
        let mut a = app.signed_in_as("admin").await;
        let token = a.get("/gruppi").await.csrf().unwrap();
        let r = a.json(Method::POST, "/api/v1/groups", &json!({
            "name": "", "slug": "Non Valido!", "visibility": "nascosto", "join_policy": "forse",
            "organisations": "Ente che non esiste", "description_md": "x".repeat(30_000),
        }), Some(&token)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let mut fields: Vec<String> = r.json()["error"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_owned()).collect();
        fields.sort();
        assert_eq!(fields, ["description_md", "join_policy", "name", "organisations", "slug", "visibility"]);
        // Overlong name; a taken slug (derived or given).
        let r = a.json(Method::POST, "/api/v1/groups", &json!({"name": "n".repeat(500), "visibility": "public", "join_policy": "open"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let ok = a.json(Method::POST, "/api/v1/groups", &json!({"name": "Tavolo Veneto", "visibility": "public", "join_policy": "open", "organisations": "Comune di Prova"}), Some(&token)).await;
        assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
        assert_eq!(ok.json()["slug"], "tavolo-veneto");
        let dup = a.json(Method::POST, "/api/v1/groups", &json!({"name": "Tavolo  veneto", "visibility": "public", "join_policy": "open"}), Some(&token)).await;
        assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", dup.body);
        assert_eq!(dup.json()["error"]["message"], "groups-slug-taken");
        let dup = a.json(Method::POST, "/api/v1/groups", &json!({"name": "Altro", "slug": "tavolo-veneto", "visibility": "public", "join_policy": "open"}), Some(&token)).await;
        assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
        // The form shows every error in the summary and keeps what was typed.
        let r = a.submit("/gruppi/nuovo", "/gruppi/nuovo", &[("name", ""), ("description_md", "Tenuto"), ("visibility", "x"), ("join_policy", "open")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("error-summary") && r.body.contains("#field-name") && r.body.contains("#field-visibility"), "{}", r.body);
        assert!(r.body.contains("Tenuto"));
        // Unknown member, unknown role: 422, never 500.
        let api = "/api/v1/groups/tavolo-veneto";
        let r = a.json(Method::POST, &format!("{api}/invitations"), &json!({"username": "nessuno"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let r = a.json(Method::PUT, &format!("{api}/members/nessuno/role"), &json!({"role": "capo"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(r.json()["error"]["fields"].as_array().unwrap().len(), 2);
        let r = a.json(Method::PUT, &format!("{api}/members/outsider/role"), &json!({"role": "member"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let mut o = app.signed_in_as("outsider").await;
        let otoken = o.get("/gruppi").await.csrf().unwrap();
        let long = o.json(Method::POST, &format!("{api}/join"), &json!({}), Some(&otoken)).await;
        assert_eq!(long.status, StatusCode::OK, "{}", long.body);
    }
}

both_backends! {
    async fn the_site_setting_decides_who_creates_groups(app) {
        people(&app);
        let mut m = app.signed_in_as("outsider").await;
        let body = json!({"name": "Il mio gruppo", "visibility": "listed", "join_policy": "request"});
        let token = m.get("/gruppi").await.csrf().unwrap();
        assert_eq!(m.json(Method::POST, "/api/v1/groups", &body, Some(&token)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(m.get("/gruppi/nuovo").await.status, StatusCode::FORBIDDEN);
        let mut a = app.signed_in_as("admin").await;
        let r = a.submit("/admin", "/admin/gruppi", &[("group_creators", "members")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(m.get("/gruppi/nuovo").await.status, StatusCode::OK);
        let r = m.json(Method::POST, "/api/v1/groups", &body, Some(&token)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let g = m.get("/api/v1/groups/il-mio-gruppo").await.json();
        assert_eq!(g["viewer"]["standing"], "coordinator");
        assert_eq!(g["member_count"], 1);
        let fresh = app.signed_in("nuovo", Role::Member).await.get("/").await;
        assert!(fresh.body.contains("<a href=\"/gruppi\">"), "{}", fresh.body);
        // The home page links the section and shows the member's groups.
        let home = m.get("/").await;
        assert_eq!(home.status, StatusCode::OK, "{}", home.body);
        assert!(home.body.contains("href=\"/gruppi\""), "{}", home.body);
        assert!(home.body.contains("Il mio gruppo"), "{}", home.body);
    }
}

both_backends! {
    async fn group_audience_content_is_readable_by_group_members_only(app) {
        people(&app);
        let g = group(&app, "Piazza riservata", "secret", "invitation");
        let audience = format!("group:{}", g.id.0);
        // Fixtures act as the member would: their groups are loaded like a request's.
        let page = app.wiki_page("member", "Verbale del gruppo").audience(&audience).create();
        let url = prassi_wiki::service::page_url(&page.slug);
        let mut m = app.signed_in_as("member").await;
        let r = m.get(&url).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let mut o = app.signed_in_as("outsider").await;
        assert_eq!(o.get(&url).await.status, StatusCode::NOT_FOUND);
        let mut a = app.signed_in_as("admin").await;
        assert_eq!(a.get(&url).await.status, StatusCode::OK);
        // Leaving the group takes the page away at the next request.
        let mut c = app.signed_in_as("coord").await;
        let token = c.get("/gruppi").await.csrf().unwrap();
        let r = c.json(Method::DELETE, &format!("/api/v1/groups/{}/members/member", g.slug), &json!({}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
        assert_eq!(m.get(&url).await.status, StatusCode::NOT_FOUND);
    }
}

both_backends! {
    async fn a_group_with_content_keeps_its_side_of_the_public_line(app) {
        use prassi_groups::service::{update, GroupInput};
        app.set_phase(3);
        app.tag("appalti", "Appalti pubblici");
        app.user("anna", Role::Member);
        let open = app.group("anna", "Laboratorio aperto").visibility("public").join_policy("open").create();
        let reserved = app.group("anna", "Tavolo riservato").visibility("listed").create();
        let anna = app.viewer("anna");
        let phase = app.phase();
        let input = |name: &str, visibility: &str| GroupInput {
            name: name.into(),
            visibility: visibility.into(),
            join_policy: "open".into(),
            ..Default::default()
        };
        // No content yet: any change is allowed, and back.
        let mut conn = app.conn();
        update(&mut conn, &anna, phase, &open.slug, &input("Laboratorio aperto", "listed")).unwrap();
        update(&mut conn, &anna, phase, &open.slug, &input("Laboratorio aperto", "public")).unwrap();
        drop(conn);
        let anna = app.viewer("anna");
        for group in [&open, &reserved] {
            let q = prassi_qa::service::QuestionInput {
                title: format!("Una domanda del gruppo {}", group.name),
                body_md: "Come si fa?".into(),
                tags: "appalti".into(),
                audience: prassi_groups::access::audience_of(group).to_db(),
                lang: String::new(),
            };
            prassi_db::write_tx(&mut app.conn(), |c| {
                prassi_qa::service::ask_in_group(c, &anna, phase, &group.id, &q)
            })
            .unwrap();
        }
        let mut conn = app.conn();
        let refused = update(&mut conn, &anna, phase, &open.slug, &input("Laboratorio aperto", "listed"));
        assert!(
            matches!(&refused, Err(e) if e.kind == prassi_core::error::ErrorKind::Invalid),
            "public → listed with content: {refused:?}"
        );
        let refused = update(&mut conn, &anna, phase, &reserved.slug, &input("Tavolo riservato", "public"));
        assert!(refused.is_err(), "listed → public with content");
        update(&mut conn, &anna, phase, &reserved.slug, &input("Tavolo riservato", "secret"))
            .expect("listed and secret may swap");
    }
}

both_backends! {
    async fn a_member_withdraws_a_pending_request_and_may_ask_again(app) {
        people(&app);
        let g = group(&app, "Progetto su richiesta", "listed", "request");
        let mut o = app.signed_in_as("outsider").await;
        let token = o.get("/gruppi").await.csrf().unwrap();
        let api = format!("/api/v1/groups/{}", g.slug);
        let page = format!("/gruppi/{}", g.slug);
        // Nothing pending yet: withdrawing is a conflict, not a 500 or a silent success.
        let none = o.json(Method::DELETE, &format!("{api}/requests"), &json!({}), Some(&token)).await;
        assert_eq!(none.status, StatusCode::CONFLICT, "{}", none.body);
        assert_eq!(none.json()["error"]["message"], "groups-request-not-pending");
        // Ask through the page, see the withdraw button, withdraw through the page.
        let r = o.submit(&page, &format!("{page}/richiedi"), &[("message", "Lavoro al progetto")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let shown = o.get(&page).await;
        assert!(shown.body.contains(&format!("{}/richiedi/ritira", g.slug)), "{}", shown.body);
        let r = o.submit(&page, &format!("{page}/richiedi/ritira"), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let after = o.get(&page).await;
        assert!(after.body.contains("Hai ritirato la tua richiesta"), "{}", after.body);
        // The coordinators no longer see it, and the log says who withdrew.
        let mut c = app.signed_in_as("coord").await;
        assert_eq!(c.get(&format!("{api}/requests")).await.json().as_array().unwrap().len(), 0);
        let log = c.get(&format!("{api}/log")).await.json();
        assert!(log["items"].as_array().unwrap().iter().any(|e| e["action"] == "request_withdrawn"), "{log}");
        assert!(c.get(&format!("{page}/registro")).await.body.contains("ha ritirato la richiesta di entrare"));
        // A new request may follow, and the API withdraws it too.
        let r = o.json(Method::POST, &format!("{api}/requests"), &json!({"message": "Ci riprovo"}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = o.json(Method::DELETE, &format!("{api}/requests"), &json!({}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["request"]["status"], "withdrawn");
        assert_eq!(count(&app, &g.slug), (2, 1));
        // Leaving a group one is not in is a conflict with its own message.
        let r = o.json(Method::POST, &format!("{api}/leave"), &json!({}), Some(&token)).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        assert_eq!(r.json()["error"]["message"], "groups-you-are-not-a-member");
        // A visitor cannot withdraw anything; a hidden group answers like a missing one.
        let secret = group(&app, "Tavolo riservato", "secret", "request");
        let hidden = o.json(Method::DELETE, &format!("/api/v1/groups/{}/requests", secret.slug), &json!({}), Some(&token)).await;
        let missing = o.json(Method::DELETE, "/api/v1/groups/nessuno/requests", &json!({}), Some(&token)).await;
        assert_eq!((hidden.status, hidden.body.clone()), (missing.status, missing.body.clone()));
        assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    }
}
