//! The documents deposit of working groups, through HTTP: types checked by content (allowed
//! and refused), the size limit, path tricks in names, versions, download headers, the access
//! rule for outsiders, deletions with their log lines and the quota; and the S3 store against
//! a real S3-compatible server when `PRASSI_TEST_S3_URL` is set.

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::header;
use actix_web::test::{self, TestRequest};
use diesel::prelude::*;
use prassi_db::models::{GroupMember, WorkGroup};
use prassi_db::schema::{group_document_versions, group_log, group_members, work_groups};
use prassi_db::{GroupId, GroupRole, GroupVisibility, JoinPolicy, UserId};
use prassi_groups::documents::storage::{self, FileStore};

use super::*;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";

/// A zip with stored (uncompressed) entries, enough for the type check (CRCs left at 0).
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let (n, d) = (name.len() as u16, data.len() as u32);
        out.extend_from_slice(b"PK\x03\x04\x14\0\0\0\0\0\0\0\0\0\0\0\0\0");
        out.extend_from_slice(&d.to_le_bytes());
        out.extend_from_slice(&d.to_le_bytes());
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0\0\0\0\0\0\0\0\0\0\0");
        central.extend_from_slice(&d.to_le_bytes());
        central.extend_from_slice(&d.to_le_bytes());
        central.extend_from_slice(&n.to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    let count = entries.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn odt() -> Vec<u8> {
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ])
}

fn docx() -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w:document/>"),
    ])
}

/// A group with `members` (username, role), made directly in the database.
fn group(
    app: &TestApp,
    slug: &str,
    visibility: GroupVisibility,
    members: &[(&UserId, GroupRole)],
) -> GroupId {
    let mut conn = app.conn();
    let now = chrono::Utc::now().naive_utc();
    let id = GroupId::new();
    diesel::insert_into(work_groups::table)
        .values(WorkGroup {
            id: id.clone(),
            slug: slug.into(),
            name: format!("Gruppo {slug}"),
            description_md: String::new(),
            visibility,
            join_policy: JoinPolicy::Request,
            member_count: members.len() as i64,
            coordinator_count: 1,
            storage_bytes: 0,
            created_by: None,
            created_at: now,
            updated_at: now,
        })
        .execute(&mut conn)
        .unwrap();
    for (user, role) in members {
        diesel::insert_into(group_members::table)
            .values(GroupMember {
                group_id: id.clone(),
                user_id: (*user).clone(),
                role: *role,
                joined_at: now,
            })
            .execute(&mut conn)
            .unwrap();
    }
    id
}

/// A raw response with the body as bytes.
struct Raw {
    status: StatusCode,
    headers: header::HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    fn header(&self, name: header::HeaderName) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }
}

/// A signed-in browser for multipart and binary requests: the suite's client signs in (its
/// session cookie is valid on any app of the same platform), this one sends the bytes.
struct Browser {
    cookies: HashMap<String, String>,
    csrf: String,
}

impl Browser {
    async fn signed_in(app: &TestApp, username: &str) -> Self {
        let mut c = app.client().await;
        c.login(username, PASSWORD).await;
        let csrf = c.get("/").await.csrf().unwrap_or_default();
        assert!(!csrf.is_empty(), "a signed-in page carries a CSRF token");
        Browser {
            cookies: c.cookies(),
            csrf,
        }
    }

    fn anonymous() -> Self {
        Browser {
            cookies: HashMap::new(),
            csrf: String::new(),
        }
    }

    fn with_cookies(&self, mut req: TestRequest) -> TestRequest {
        req = req.peer_addr("192.0.2.10:4000".parse().unwrap());
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.insert_header((header::COOKIE, jar.join("; ")));
        }
        req.insert_header((header::ACCEPT_LANGUAGE, "it"))
    }
}

async fn call<S, B>(svc: &S, req: TestRequest) -> Raw
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    match test::try_call_service(svc, req.to_request()).await {
        Ok(resp) => {
            let status = resp.status();
            let headers = resp.headers().clone();
            let body = test::read_body(resp).await.to_vec();
            Raw {
                status,
                headers,
                body,
            }
        }
        Err(e) => {
            let r = e.error_response();
            let (status, headers) = (r.status(), r.headers().clone());
            let body = actix_web::body::to_bytes(r.into_body())
                .await
                .unwrap_or_default()
                .to_vec();
            Raw {
                status,
                headers,
                body,
            }
        }
    }
}

/// A multipart body: text fields, then the file (as a browser orders a form).
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----prassi-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload<S, B>(
    svc: &S,
    who: &Browser,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Raw
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let (ct, body) = multipart(fields, file);
    let sep = if path.contains('?') { '&' } else { '?' };
    let req = who
        .with_cookies(TestRequest::post().uri(&format!("{path}{sep}csrf_token={}", who.csrf)))
        .insert_header((header::CONTENT_TYPE, ct))
        .set_payload(body);
    call(svc, req).await
}

async fn get<S, B>(svc: &S, who: &Browser, path: &str) -> Raw
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    call(svc, who.with_cookies(TestRequest::get().uri(path))).await
}

async fn send<S, B>(svc: &S, who: &Browser, method: Method, path: &str) -> Raw
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let req = who
        .with_cookies(TestRequest::default().method(method).uri(path))
        .insert_header(("x-csrf-token", who.csrf.clone()));
    call(svc, req).await
}

fn storage_bytes(app: &TestApp, id: &GroupId) -> i64 {
    work_groups::table
        .find(id)
        .select(work_groups::storage_bytes)
        .first(&mut app.conn())
        .unwrap()
}

fn stored_files(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| {
                        let p = e.path();
                        if p.is_dir() {
                            count(&p)
                        } else {
                            usize::from(
                                p.file_name()
                                    .and_then(|n| n.to_str())
                                    .is_some_and(storage::valid_key),
                            )
                        }
                    })
                    .sum()
            })
            .unwrap_or(0)
    }
    count(&app.data_dir().join("files"))
}

both_backends! {
    async fn members_upload_allowed_types_and_the_content_decides_the_stored_type(app) {
        let anna = app.user("anna", Role::Member);
        group(&app, "lab", GroupVisibility::Listed, &[(&anna, GroupRole::Member)]);
        let svc = test::init_service(prassi_server::app(&app.platform)).await;
        let b = Browser::signed_in(&app, "anna").await;
        let odt = odt();
        let docx = docx();
        let cases: Vec<(&str, &[u8], &str, &str)> = vec![
            // A PDF named .txt is a PDF: stored and served as one, under a .pdf name.
            ("relazione.txt", PDF, "application/pdf", "relazione.pdf"),
            ("foto.png", PNG, "image/png", "foto.png"),
            ("verbale.odt", &odt, "application/vnd.oasis.opendocument.text", "verbale.odt"),
            ("piano.docx", &docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "piano.docx"),
            ("dati.csv", b"comune;abitanti\nPadova;210000\n", "text/csv; charset=utf-8", "dati.csv"),
            ("note.txt", "Città: è così\n".as_bytes(), "text/plain; charset=utf-8", "note.txt"),
        ];
        for (name, bytes, ct, stored) in cases {
            let r = upload(&svc, &b, "/api/v1/groups/lab/documents", &[("title", name), ("folder", "Verbali")], Some((name, bytes))).await;
            assert_eq!(r.status, StatusCode::CREATED, "{name}: {}", r.text());
            let created = r.json();
            let d = get(&svc, &b, &format!("/api/v1/groups/lab/documents/{}", created["id"].as_str().unwrap())).await;
            let v = &d.json()["versions"][0];
            assert_eq!((v["content_type"].as_str().unwrap(), v["file_name"].as_str().unwrap()), (ct, stored), "{name}");
            let file = get(&svc, &b, created["download_url"].as_str().unwrap()).await;
            assert_eq!(file.status, StatusCode::OK);
            assert_eq!(file.body, bytes, "{name} comes back byte for byte");
            assert_eq!(file.header(header::CONTENT_TYPE), ct);
        }
        let list = get(&svc, &b, "/api/v1/groups/lab/documents?folder=Verbali").await.json();
        assert_eq!(list["documents"].as_array().unwrap().len(), 6);
        let page = get(&svc, &b, "/gruppi/lab/documenti").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("relazione.pdf"), "{}", page.text());
    }
}

both_backends! {
    async fn html_svg_and_unknown_files_are_refused_by_content_with_every_error_at_once(app) {
        let anna = app.user("anna", Role::Member);
        let gid = group(&app, "lab", GroupVisibility::Listed, &[(&anna, GroupRole::Member)]);
        let svc = test::init_service(prassi_server::app(&app.platform)).await;
        let b = Browser::signed_in(&app, "anna").await;
        let plain_zip = zip(&[("a.txt", b"x")]);
        let macro_zip = zip(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"x"), ("word/vbaProject.bin", b"x")]);
        let refused: Vec<(&str, &[u8], &str)> = vec![
            ("bando.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "documents-type-markup"),
            ("logo.png", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>", "documents-type-markup"),
            ("logo.svg", b"<?xml version=\"1.0\"?><svg/>", "documents-type-markup"),
            ("pagina.txt", b"  <html><body>hi</body></html>", "documents-type-markup"),
            ("programma.exe", b"MZ\x90\0\x03\0\0\0", "documents-type-not-allowed"),
            ("archivio.zip", &plain_zip, "documents-type-not-allowed"),
            ("macro.docm", &macro_zip, "documents-type-macros"),
            ("binario.txt", b"a\0b", "documents-type-text-invalid"),
            ("vuoto.pdf", b"", "documents-file-empty"),
        ];
        for (name, bytes, key) in refused {
            let r = upload(&svc, &b, "/api/v1/groups/lab/documents", &[("title", "Titolo")], Some((name, bytes))).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {}", r.text());
            assert_eq!(r.json()["error"]["fields"][0]["message"], key, "{name}");
        }
        // The page form: a missing title and a refused file, both reported at once, the typed
        // description kept.
        let r = upload(&svc, &b, "/gruppi/lab/documenti", &[("title", ""), ("description_md", "Bozza *uno*")], Some(("x.pdf", b"<html></html>"))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        let html = r.text();
        assert!(html.contains("href=\"#field-title\"") && html.contains("href=\"#field-file\""), "{html}");
        assert!(html.contains("Bozza *uno*"), "{html}");
        assert!(html.contains("HTML, SVG"), "{html}");
        // No file is required: a clear error, not a 500.
        let r = upload(&svc, &b, "/gruppi/lab/documenti", &[("title", "T")], None).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Nothing half-written stays: no row, no quota, no file.
        let rows: i64 = group_document_versions::table.count().get_result(&mut app.conn()).unwrap();
        assert_eq!((rows, storage_bytes(&app, &gid), stored_files(&app)), (0, 0, 0));
    }
}

both_backends! {
    async fn a_file_over_the_configured_limit_is_refused_while_streaming_and_nothing_stays(app) {
        let anna = app.user("anna", Role::Member);
        let gid = group(&app, "lab", GroupVisibility::Listed, &[(&anna, GroupRole::Member)]);
        // The same platform with a 1 KB limit.
        let mut config = (*app.platform.state.config).clone();
        config.upload_max_bytes = 1024;
        let small = prassi_server::Platform {
            state: prassi_core::AppState { config: Arc::new(config), ..app.platform.state.clone() },
            session_key: app.platform.session_key.clone(),
        };
        let svc = test::init_service(prassi_server::app(&small)).await;
        let b = Browser::signed_in(&app, "anna").await;
        let mut big = PDF.to_vec();
        big.resize(4096, b' ');
        let r = upload(&svc, &b, "/gruppi/lab/documenti", &[("title", "Grande")], Some(("grande.pdf", &big))).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
        assert!(r.text().contains("supera la dimensione massima"), "{}", r.text());
        assert!(r.text().contains("value=\"Grande\""), "the title is kept");
        let r = upload(&svc, &b, "/api/v1/groups/lab/documents", &[("title", "Grande")], Some(("grande.pdf", &big))).await;
        assert_eq!(r.json()["error"]["fields"][0]["message"], "documents-file-too-large");
        // Just under the limit passes.
        let r = upload(&svc, &b, "/api/v1/groups/lab/documents", &[("title", "Piccolo")], Some(("piccolo.pdf", &big[..1000]))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        assert_eq!(storage_bytes(&app, &gid), 1000);
        assert_eq!(stored_files(&app), 1);
    }
}

both_backends! {
    async fn path_tricks_in_file_names_leave_only_a_clean_last_component(app) {
        let anna = app.user("anna", Role::Member);
        group(&app, "lab", GroupVisibility::Listed, &[(&anna, GroupRole::Member)]);
        let svc = test::init_service(prassi_server::app(&app.platform)).await;
        let b = Browser::signed_in(&app, "anna").await;
        for (raw, stored) in [
            ("../../etc/passwd", "passwd.pdf"),
            ("/var/www/.htaccess.pdf", "htaccess.pdf"),
            ("a\u{202e}fdp.exe", "afdp.pdf"),
        ] {
            let r = upload(&svc, &b, "/api/v1/groups/lab/documents", &[("title", "T")], Some((raw, PDF))).await;
            assert_eq!(r.status, StatusCode::CREATED, "{raw}: {}", r.text());
            let id = r.json()["id"].as_str().unwrap().to_owned();
            let d = get(&svc, &b, &format!("/api/v1/groups/lab/documents/{id}")).await.json();
            assert_eq!(d["versions"][0]["file_name"], stored, "{raw}");
        }
        for raw in ["..", "../", "  . "] {
            let r = upload(&svc, &b, "/api/v1/groups/lab/documents", &[("title", "T")], Some((raw, PDF))).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{raw}");
            assert_eq!(r.json()["error"]["fields"][0]["message"], "documents-file-name-invalid", "{raw}");
        }
        // Only content-addressed names are on disk.
        assert!(!app.data_dir().join("files/passwd.pdf").exists());
        assert_eq!(stored_files(&app), 1, "four uploads of the same bytes share one file");
    }
}

both_backends! {
    async fn new_versions_keep_the_old_ones_downloadable_with_exact_headers(app) {
        let anna = app.user("anna", Role::Member);
        let bruno = app.user("bruno", Role::Member);
        group(&app, "lab", GroupVisibility::Secret, &[(&anna, GroupRole::Member), (&bruno, GroupRole::Member)]);
        let svc = test::init_service(prassi_server::app(&app.platform)).await;
        let a = Browser::signed_in(&app, "anna").await;
        let r = upload(&svc, &a, "/gruppi/lab/documenti", &[("title", "Relazione finale"), ("description_md", "Prima *bozza*"), ("folder", "Esiti")], Some(("Relazione è finale.pdf", PDF))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let doc_url = r.header(header::LOCATION);
        assert!(doc_url.starts_with("/gruppi/lab/documenti/"), "{doc_url}");
        // Another member adds version 2 from the document page's form.
        let bb = Browser::signed_in(&app, "bruno").await;
        let v2: Vec<u8> = [PDF, b"% v2\n"].concat();
        let r = upload(&svc, &bb, &format!("{doc_url}/versioni"), &[], Some(("relazione-v2.pdf", &v2))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        let page = get(&svc, &a, &doc_url).await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(html.contains("<em>bozza</em>") && html.contains("relazione-v2.pdf") && html.contains("versioni&#x2F;1"), "{html}");
        let v1 = get(&svc, &a, &format!("{doc_url}/versioni/1")).await;
        assert_eq!(v1.status, StatusCode::OK);
        assert_eq!(v1.body, PDF);
        assert_eq!(v1.header(header::CONTENT_TYPE), "application/pdf");
        assert_eq!(
            v1.header(header::CONTENT_DISPOSITION),
            "attachment; filename=\"Relazione _ finale.pdf\"; filename*=UTF-8''Relazione%20%C3%A8%20finale.pdf"
        );
        assert_eq!(v1.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(v1.header(header::CACHE_CONTROL), "private, no-store");
        let v2r = get(&svc, &a, &format!("{doc_url}/versioni/2")).await;
        assert_eq!(v2r.body, v2);
        assert_eq!(
            v2r.header(header::CONTENT_DISPOSITION),
            "attachment; filename=\"relazione-v2.pdf\"; filename*=UTF-8''relazione-v2.pdf"
        );
        let id = doc_url.rsplit('/').next().unwrap();
        let api = get(&svc, &a, &format!("/api/v1/groups/lab/documents/{id}/versions/1")).await;
        assert_eq!((api.status, api.body.as_slice()), (StatusCode::OK, PDF), "the API download is the same");
        let d = get(&svc, &a, &format!("/api/v1/groups/lab/documents/{id}")).await.json();
        assert_eq!(d["current_version"], 2);
        assert_eq!(d["versions"].as_array().unwrap().len(), 2);
        // No version 3, and no version 0.
        for n in ["3", "0", "x"] {
            assert_eq!(get(&svc, &a, &format!("{doc_url}/versioni/{n}")).await.status, StatusCode::NOT_FOUND);
        }
    }
}

both_backends! {
    async fn outsiders_get_404_for_hidden_groups_documents_and_downloads(app) {
        let anna = app.user("anna", Role::Member);
        let carla = app.user("carla", Role::Member);
        app.user("dario", Role::Member);
        group(&app, "riservato", GroupVisibility::Listed, &[(&anna, GroupRole::Coordinator)]);
        group(&app, "segreto", GroupVisibility::Secret, &[(&anna, GroupRole::Coordinator)]);
        group(&app, "altro", GroupVisibility::Secret, &[(&carla, GroupRole::Coordinator)]);
        let svc = test::init_service(prassi_server::app(&app.platform)).await;
        let a = Browser::signed_in(&app, "anna").await;
        let mut urls = Vec::new();
        for slug in ["riservato", "segreto"] {
            let r = upload(&svc, &a, &format!("/api/v1/groups/{slug}/documents"), &[("title", "Riservato")], Some(("r.pdf", PDF))).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
            let c = r.json();
            let id = c["id"].as_str().unwrap().to_owned();
            urls.extend([
                format!("/gruppi/{slug}/documenti"),
                format!("/gruppi/{slug}/documenti/nuovo"),
                c["url"].as_str().unwrap().to_owned(),
                c["download_url"].as_str().unwrap().to_owned(),
                format!("/api/v1/groups/{slug}/documents"),
                format!("/api/v1/groups/{slug}/documents/{id}"),
                format!("/api/v1/groups/{slug}/documents/{id}/versions/1"),
            ]);
        }
        let carla_b = Browser::signed_in(&app, "carla").await;
        let dario = Browser::signed_in(&app, "dario").await;
        let visitor = Browser::anonymous();
        for (who, b) in [("member of another group", &carla_b), ("community member", &dario), ("visitor", &visitor)] {
            for url in &urls {
                let r = get(&svc, b, url).await;
                // The upload form asks visitors to sign in first; everything else is 404.
                if url.ends_with("/nuovo") && who == "visitor" {
                    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{who} {url}");
                    continue;
                }
                assert_eq!(r.status, StatusCode::NOT_FOUND, "{who} {url}: {}", r.text());
                assert!(!r.text().contains("%PDF"), "{who} {url}");
            }
            let r = upload(&svc, b, "/api/v1/groups/segreto/documents", &[("title", "X")], Some(("x.pdf", PDF))).await;
            assert!(matches!(r.status, StatusCode::NOT_FOUND | StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN), "{who}: {}", r.status);
            assert_ne!(r.status, StatusCode::CREATED);
        }
        // A community member sees the listed group exists but may not upload to it.
        let r = upload(&svc, &dario, "/api/v1/groups/riservato/documents", &[("title", "X")], Some(("x.pdf", PDF))).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "content of a listed group is its members'");
    }
}

both_backends! {
    async fn deletions_are_logged_move_the_quota_and_free_files_no_version_uses(app) {
        let anna = app.user("anna", Role::Member);
        let bruno = app.user("bruno", Role::Member);
        let carla = app.user("carla", Role::Member);
        let gid = group(&app, "lab", GroupVisibility::Listed, &[(&anna, GroupRole::Member), (&bruno, GroupRole::Member), (&carla, GroupRole::Coordinator)]);
        let svc = test::init_service(prassi_server::app(&app.platform)).await;
        let a = Browser::signed_in(&app, "anna").await;
        let bb = Browser::signed_in(&app, "bruno").await;
        let c = Browser::signed_in(&app, "carla").await;
        let first = upload(&svc, &a, "/api/v1/groups/lab/documents", &[("title", "Uno")], Some(("uno.pdf", PDF))).await.json();
        let id = first["id"].as_str().unwrap().to_owned();
        let png_doc = upload(&svc, &a, "/api/v1/groups/lab/documents", &[("title", "Due")], Some(("due.png", PNG))).await.json();
        // Version 2 of "Uno" has the same bytes as the PNG document: one stored file for both.
        let r = upload(&svc, &a, &format!("/api/v1/groups/lab/documents/{id}/versions"), &[], Some(("uno.png", PNG))).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let total = (PDF.len() + 2 * PNG.len()) as i64;
        assert_eq!(storage_bytes(&app, &gid), total);
        assert_eq!(stored_files(&app), 2);
        // The coordinator sees the quota on the documents page; a member does not.
        let quota_line = "Spazio occupato dal gruppo";
        assert!(get(&svc, &c, "/gruppi/lab/documenti").await.text().contains(quota_line));
        assert!(!get(&svc, &a, "/gruppi/lab/documenti").await.text().contains(quota_line));
        assert!(get(&svc, &a, "/api/v1/groups/lab/documents").await.json()["storage_bytes"].is_null());
        // Another member may delete neither the document nor its versions.
        let r = send(&svc, &bb, Method::DELETE, &format!("/api/v1/groups/lab/documents/{id}/versions/2")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = send(&svc, &bb, Method::DELETE, &format!("/api/v1/groups/lab/documents/{id}")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // The uploader deletes version 2: the file stays (the PNG document still uses it), v1
        // becomes current again.
        let r = send(&svc, &a, Method::DELETE, &format!("/api/v1/groups/lab/documents/{id}/versions/2")).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        assert_eq!(storage_bytes(&app, &gid), total - PNG.len() as i64);
        assert_eq!(stored_files(&app), 2);
        let d = get(&svc, &a, &format!("/api/v1/groups/lab/documents/{id}")).await.json();
        assert_eq!(d["current_version"], 1);
        assert_eq!(get(&svc, &a, &format!("/api/v1/groups/lab/documents/{id}/versions/2")).await.status, StatusCode::NOT_FOUND);
        // The coordinator deletes the PNG document through the page form: now the file goes.
        let png_url = png_doc["url"].as_str().unwrap();
        let r = call(&svc, c.with_cookies(TestRequest::post().uri(&format!("{png_url}/elimina")))
            .insert_header((header::CONTENT_TYPE, "application/x-www-form-urlencoded"))
            .set_payload(format!("csrf_token={}", c.csrf))).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
        assert_eq!(storage_bytes(&app, &gid), PDF.len() as i64);
        assert_eq!(stored_files(&app), 1);
        assert_eq!(get(&svc, &a, png_url).await.status, StatusCode::NOT_FOUND);
        // Deleting the last version of "Uno" deletes the document and empties the quota.
        let r = send(&svc, &c, Method::DELETE, &format!("/api/v1/groups/lab/documents/{id}/versions/1")).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!((storage_bytes(&app, &gid), stored_files(&app)), (0, 0));
        assert_eq!(get(&svc, &a, "/api/v1/groups/lab/documents").await.json()["documents"].as_array().unwrap().len(), 0);
        let actions: Vec<(String, Option<UserId>)> = group_log::table
            .filter(group_log::group_id.eq(&gid))
            .order((group_log::created_at.asc(), group_log::id.asc()))
            .select((group_log::action, group_log::actor_id))
            .load(&mut app.conn())
            .unwrap();
        let names: Vec<&str> = actions.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(names, ["document_uploaded", "document_uploaded", "document_version_added", "document_version_deleted", "document_deleted", "document_version_deleted"]);
        assert_eq!(actions[4].1.as_ref(), Some(&carla), "the log names who deleted");
    }
}

/// The S3-compatible server of `PRASSI_TEST_S3_URL`, or `None` after saying loudly that the
/// S3 path is not tested: set `PRASSI_TEST_S3_URL` (e.g. `http://127.0.0.1:9000`),
/// `PRASSI_TEST_S3_BUCKET` (an existing bucket, default `prassi-test`),
/// `PRASSI_TEST_S3_ACCESS_KEY_ID`, `PRASSI_TEST_S3_SECRET_ACCESS_KEY` and optionally
/// `PRASSI_TEST_S3_REGION` (default `us-east-1`).
fn s3_config(test: &str) -> Option<prassi_core::config::StorageConfig> {
    let Some(url) = std::env::var("PRASSI_TEST_S3_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!(
            "\n*** SKIPPED {test}: PRASSI_TEST_S3_URL not set — the S3 store was NOT tested ***\n"
        );
        return None;
    };
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    Some(prassi_core::config::StorageConfig::S3(
        prassi_core::config::S3Config {
            endpoint: Some(url),
            bucket: var("PRASSI_TEST_S3_BUCKET").unwrap_or_else(|| "prassi-test".into()),
            region: var("PRASSI_TEST_S3_REGION").unwrap_or_else(|| "us-east-1".into()),
            access_key_id: var("PRASSI_TEST_S3_ACCESS_KEY_ID"),
            secret_access_key: var("PRASSI_TEST_S3_SECRET_ACCESS_KEY"),
        },
    ))
}

/// The S3 store passes the same conformance checks as the folder store, against a real
/// S3-compatible server (see [`s3_config`]).
#[actix_web::test]
async fn the_s3_store_passes_the_store_conformance_checks() {
    let Some(config) = s3_config("the_s3_store_passes_the_store_conformance_checks") else {
        return;
    };
    let store = FileStore::from_config(&config).expect("an S3 store from the test settings");
    assert!(matches!(store, FileStore::Object(_)));
    assert_eq!(storage::conformance(&store).await, Ok(()));
}

/// Through HTTP on a platform whose storage is the S3 server: an upload lands in the bucket
/// (nothing in the data folder), downloads come back byte for byte, a new version keeps the
/// old one, and deleting the document removes its files from the bucket.
#[actix_web::test]
async fn uploads_and_downloads_go_through_the_s3_store_when_it_is_configured() {
    let Some(storage) =
        s3_config("uploads_and_downloads_go_through_the_s3_store_when_it_is_configured")
    else {
        return;
    };
    let app = TestApp::sqlite();
    let anna = app.user("anna", Role::Member);
    group(
        &app,
        "lab",
        GroupVisibility::Listed,
        &[(&anna, GroupRole::Member)],
    );
    let mut config = (*app.platform.state.config).clone();
    config.storage = storage.clone();
    let on_s3 = prassi_server::Platform {
        state: prassi_core::AppState {
            config: Arc::new(config),
            ..app.platform.state.clone()
        },
        session_key: app.platform.session_key.clone(),
    };
    let svc = test::init_service(prassi_server::app(&on_s3)).await;
    let b = Browser::signed_in(&app, "anna").await;
    // Unique bytes per run, so a bucket shared between runs cannot make the test pass.
    let v1 = format!(
        "{}% run {}\n",
        String::from_utf8_lossy(PDF),
        uuid::Uuid::now_v7()
    );
    let v2 = format!("{v1}% second version\n");
    let r = upload(
        &svc,
        &b,
        "/api/v1/groups/lab/documents",
        &[("title", "Relazione")],
        Some(("relazione.pdf", v1.as_bytes())),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(stored_files(&app), 0, "nothing in the data folder");
    let store = FileStore::from_config(&storage).unwrap();
    let k1 = storage::content_key(v1.as_bytes());
    assert!(
        store.exists(&k1).await.unwrap(),
        "the file is in the bucket"
    );
    let file = get(&svc, &b, created["download_url"].as_str().unwrap()).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.body, v1.as_bytes());
    assert_eq!(file.header(header::CONTENT_TYPE), "application/pdf");
    // A second version; the first stays downloadable.
    let r = upload(
        &svc,
        &b,
        &format!("/api/v1/groups/lab/documents/{id}/versions"),
        &[],
        Some(("relazione.pdf", v2.as_bytes())),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    for (n, bytes) in [(1, &v1), (2, &v2)] {
        let f = get(
            &svc,
            &b,
            &format!("/gruppi/lab/documenti/{id}/versioni/{n}"),
        )
        .await;
        assert_eq!(
            (f.status, f.body.as_slice()),
            (StatusCode::OK, bytes.as_bytes()),
            "version {n}"
        );
    }
    // Deleting the document deletes both files from the bucket.
    let r = send(
        &svc,
        &b,
        Method::DELETE,
        &format!("/api/v1/groups/lab/documents/{id}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let k2 = storage::content_key(v2.as_bytes());
    assert!(
        !store.exists(&k1).await.unwrap() && !store.exists(&k2).await.unwrap(),
        "files left in the bucket"
    );
}

both_backends! {
    async fn the_demo_deposits_documents_with_versions_and_publishes_a_group_page(app) {
        use prassi_db::schema::{group_documents, group_publications, wiki_pages};
        prassi_server::demo::fill(&app.platform.state).unwrap();
        let mut conn = app.conn();
        let docs: i64 = group_documents::table.count().get_result(&mut conn).unwrap();
        let keys: Vec<(String, i32)> = group_document_versions::table
            .select((group_document_versions::storage_key, group_document_versions::version))
            .load(&mut conn)
            .unwrap();
        assert_eq!((docs, keys.len()), (5, 6), "five documents, one with a second version");
        assert!(keys.iter().any(|(_, v)| *v == 2));
        // Every version's file is in the store, and the quota counts them.
        assert_eq!(stored_files(&app), 6);
        let store = FileStore::of(&app.platform.state).unwrap();
        for (key, _) in &keys {
            assert!(store.exists(key).await.unwrap(), "{key}");
        }
        let used: Vec<i64> = work_groups::table.select(work_groups::storage_bytes).load(&mut conn).unwrap();
        assert!(used.iter().all(|b| *b > 0), "every demo group has documents: {used:?}");
        // The lab's page went through the publication flow into a public page with credit.
        let (status, public): (prassi_db::PublicationStatus, Option<prassi_db::PageId>) = group_publications::table
            .select((group_publications::status, group_publications::public_page_id))
            .first(&mut conn)
            .unwrap();
        assert_eq!(status, prassi_db::PublicationStatus::Approved);
        let (audience, body): (String, String) = wiki_pages::table
            .find(public.expect("the public page"))
            .select((wiki_pages::audience, wiki_pages::body_md))
            .first(&mut conn)
            .unwrap();
        assert_eq!(audience, "public");
        assert!(body.contains("Luca Ferrari") && body.contains("Sara Gallo") && body.contains("/gruppi/"), "{body}");
    }
}
