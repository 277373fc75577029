//! The OpenAPI document at `/api/v1/openapi.json` as generated clients and schemathesis read
//! it: every `{param}` of a path declared on each of its operations with a type, no path
//! parameter that is not in the path (a query struct without `parameter_in = Query`), request
//! bodies that say which fields they need and what the others default to, a response for every
//! operation, and no `$ref` that leads nowhere. Each test lists every offender at once.
//! The whole document is also compared with the reviewed copy in `tests/snapshots/`, so an API
//! change shows up as a diff (`PRASSI_UPDATE_SNAPSHOTS=1` rewrites the copy).

use super::*;
use serde_json::Value;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// `(method, path, operation)` for every operation of the document.
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("path item") {
            if METHODS.contains(&method.as_str()) {
                out.push((method.to_uppercase(), path.clone(), op.clone()));
            }
        }
    }
    out
}

/// The `{name}` segments of a path template.
fn template_params(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

/// Follows a `$ref` (one level) inside the document.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => doc
            .pointer(r.trim_start_matches('#'))
            .unwrap_or(&Value::Null),
        None => schema,
    }
}

/// Whether a schema admits `null` (OpenAPI 3.1 type lists, `oneOf`/`anyOf` with null, or 3.0's
/// `nullable`).
fn nullable(schema: &Value) -> bool {
    schema["nullable"] == Value::Bool(true)
        || schema["type"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == "null"))
        || ["oneOf", "anyOf"].iter().any(|k| {
            schema[*k]
                .as_array()
                .is_some_and(|alts| alts.iter().any(|a| a["type"] == "null"))
        })
}

fn every_ref(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    _ => every_ref(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| every_ref(v, out)),
        _ => {}
    }
}

async fn document(app: &TestApp) -> Value {
    let mut c = app.client().await;
    let r = c.get("/api/v1/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    r.json()
}

both_backends! {
    async fn every_path_parameter_is_declared_with_a_type_on_every_operation(app) {
        let doc = document(&app).await;
        let ops = operations(&doc);
        assert!(ops.len() > 60, "only {} operations", ops.len());
        let mut problems = Vec::new();
        for (method, path, op) in &ops {
            let declared: Vec<&Value> = op["parameters"]
                .as_array()
                .map(|ps| ps.iter().filter(|p| p["in"] == "path").collect())
                .unwrap_or_default();
            let names = template_params(path);
            for name in &names {
                match declared.iter().find(|p| p["name"] == name.as_str()) {
                    None => problems.push(format!("{method} {path}: `{name}` not declared")),
                    Some(p) => {
                        if p["required"] != Value::Bool(true) {
                            problems.push(format!("{method} {path}: `{name}` not required"));
                        }
                        let ty = &p["schema"]["type"];
                        if ty != "string" && ty != "integer" {
                            problems.push(format!("{method} {path}: `{name}` has type {ty}"));
                        }
                    }
                }
            }
            for p in &declared {
                let name = p["name"].as_str().unwrap_or_default();
                if !names.iter().any(|n| n == name) {
                    problems.push(format!("{method} {path}: path parameter `{name}` is not in the path"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        // Spot checks of types: ids and slugs are text, a revision number is a number.
        let revision = &doc["paths"]["/api/v1/wiki/pages/{slug}/revisions/{number}"]["get"]["parameters"];
        let number = revision.as_array().unwrap().iter().find(|p| p["name"] == "number").unwrap();
        assert_eq!(number["schema"]["type"], "integer");
        let question = &doc["paths"]["/api/v1/qa/questions/{id}"]["put"]["parameters"][0];
        assert_eq!((question["name"].as_str(), question["schema"]["type"].as_str()), (Some("id"), Some("string")));
        // Query structs are documented in the query.
        let list = doc["paths"]["/api/v1/qa/questions"]["get"]["parameters"].as_array().unwrap();
        assert!(list.iter().any(|p| p["name"] == "tag" && p["in"] == "query" && p["required"] != true));
    }
}

both_backends! {
    async fn request_bodies_require_their_fields_and_default_the_rest(app) {
        let doc = document(&app).await;
        let mut problems = Vec::new();
        let mut checked = 0;
        for (method, path, op) in operations(&doc) {
            let Some(content) = op["requestBody"]["content"].as_object() else { continue };
            for (media, body) in content {
                let schema = resolve(&doc, &body["schema"]);
                let Some(props) = schema["properties"].as_object() else { continue };
                checked += 1;
                let at = format!("{method} {path} ({media}, {})", body["schema"]["$ref"]);
                let Some(required) = schema["required"].as_array().filter(|r| !r.is_empty()) else {
                    problems.push(format!("{at}: no `required` list"));
                    continue;
                };
                for r in required {
                    let r = r.as_str().unwrap_or_default();
                    if !props.contains_key(r) {
                        problems.push(format!("{at}: required `{r}` is not a property"));
                    }
                }
                for (name, prop) in props {
                    let is_required = required.iter().any(|r| r == name.as_str());
                    let prop = resolve(&doc, prop);
                    if !is_required && !nullable(prop) && prop.get("default").is_none() {
                        problems.push(format!("{at}: `{name}` is optional but neither nullable nor defaulted"));
                    }
                }
            }
        }
        assert!(checked > 30, "only {checked} request bodies checked");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        // The fields the services refuse empty are required, also in form-shared inputs.
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["LoginRequest"]["required"], json!(["login", "password"]));
        assert_eq!(schemas["QuestionInput"]["required"], json!(["title", "body_md", "tags"]));
        assert_eq!(schemas["QuestionInput"]["properties"]["audience"]["default"], "");
        assert_eq!(schemas["SaveInput"]["required"], json!(["title", "body_md", "base_revision"]));
    }
}

both_backends! {
    async fn every_operation_documents_its_answers_and_every_reference_resolves(app) {
        let doc = document(&app).await;
        let mut problems = Vec::new();
        for (method, path, op) in operations(&doc) {
            let Some(responses) = op["responses"].as_object().filter(|r| !r.is_empty()) else {
                problems.push(format!("{method} {path}: no response"));
                continue;
            };
            if !responses.keys().any(|s| s.starts_with('2')) {
                problems.push(format!("{method} {path}: no success response"));
            }
            // What the platform answers on every JSON route, whatever the handler does.
            if path.starts_with("/api/v1/") {
                for status in ["401", "503"] {
                    if !responses.contains_key(status) {
                        problems.push(format!("{method} {path}: no {status}"));
                    }
                }
                if op.get("requestBody").is_some() {
                    for status in ["400", "413"] {
                        if !responses.contains_key(status) {
                            problems.push(format!("{method} {path}: no {status}"));
                        }
                    }
                }
            }
        }
        let mut refs = Vec::new();
        every_ref(&doc, &mut refs);
        assert!(!refs.is_empty());
        for r in refs {
            let found = r
                .strip_prefix('#')
                .and_then(|p| doc.pointer(p))
                .is_some_and(|v| !v.is_null());
            if !found {
                problems.push(format!("dangling $ref {r}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

/// Modules merge into one document in which a schema name means one thing: when two modules
/// define a schema of the same name, the merge keeps the first and the other module's
/// operations silently describe the wrong body (the wiki's `Created`, without `url`, once
/// read as the Q&A's).
#[test]
fn schemas_of_the_same_name_in_two_modules_are_the_same() {
    let modules = std::iter::once(("site", prassi_server::site::SiteApi::openapi_doc())).chain(
        prassi_server::modules()
            .iter()
            .filter_map(|m| m.openapi().map(|doc| (m.name(), doc))),
    );
    let mut seen: std::collections::BTreeMap<String, (&str, Value)> = Default::default();
    let mut problems = Vec::new();
    for (module, doc) in modules {
        let doc = serde_json::to_value(&doc).unwrap();
        for (name, schema) in doc["components"]["schemas"]
            .as_object()
            .into_iter()
            .flatten()
        {
            match seen.get(name) {
                Some((first, s)) if s != schema => {
                    problems.push(format!("`{name}` differs between {first} and {module}"))
                }
                Some(_) => {}
                None => {
                    seen.insert(name.clone(), (module, schema.clone()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

both_backends! {
    async fn timestamps_are_documented_as_the_server_writes_them(app) {
        app.user("paolo", Role::Member);
        let mut c = app.client().await;
        let doc = document(&app).await;
        c.login("paolo", PASSWORD).await;
        let me = c.get("/api/v1/me").await.json();
        let created = me["created_at"].as_str().unwrap();
        let schema = &doc["components"]["schemas"]["MemberView"]["properties"]["created_at"];
        // RFC 3339 (with an offset) is what `format: date-time` promises; anything else needs
        // the pattern `openapi_document` gives.
        let rfc3339 = chrono::DateTime::parse_from_rfc3339(created).is_ok();
        assert_eq!(schema["format"] == "date-time", rfc3339, "{created} documented as {schema}");
        if !rfc3339 {
            assert!(chrono::NaiveDateTime::parse_from_str(created, "%Y-%m-%dT%H:%M:%S%.f").is_ok(), "{created}");
            assert!(schema["pattern"].is_string(), "{schema}");
        }
    }
}

/// Where the reviewed copy of the served document lives.
fn snapshot_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots/openapi.json")
}

/// The value with every object's keys in order, so the snapshot does not depend on how
/// `serde_json` or the modules happen to order them.
fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&map[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// One line of a line diff.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Line {
    Same(usize, usize),
    Gone(usize),
    New(usize),
}

/// The shortest line diff of `a` and `b` (Myers), or `None` when they differ in more than
/// `limit` lines (too many to read anyway).
fn line_diff(a: &[&str], b: &[&str], limit: usize) -> Option<Vec<Line>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let off = (n + m + 1) as usize;
    let mut v = vec![0isize; 2 * off + 1];
    let at = |k: isize| (k + off as isize) as usize;
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=(limit.min((n + m) as usize) as isize) {
        trace.push(v[at(-d)..=at(d)].to_vec());
        for k in (-d..=d).step_by(2) {
            let mut x = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
                v[at(k + 1)]
            } else {
                v[at(k - 1)] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                // Walk back through the saved frontiers.
                let mut out = Vec::new();
                let (mut x, mut y) = (n, m);
                for d in (1..=d).rev() {
                    let saved = &trace[d as usize];
                    let get = |k: isize| saved[(k + d) as usize];
                    let k = x - y;
                    let prev_k = if k == -d || (k != d && get(k - 1) < get(k + 1)) {
                        k + 1
                    } else {
                        k - 1
                    };
                    let prev_x = get(prev_k);
                    let prev_y = prev_x - prev_k;
                    while x > prev_x && y > prev_y {
                        x -= 1;
                        y -= 1;
                        out.push(Line::Same(x as usize, y as usize));
                    }
                    out.push(if prev_k == k + 1 {
                        Line::New(prev_y as usize)
                    } else {
                        Line::Gone(prev_x as usize)
                    });
                    (x, y) = (prev_x, prev_y);
                }
                while x > 0 && y > 0 {
                    x -= 1;
                    y -= 1;
                    out.push(Line::Same(x as usize, y as usize));
                }
                out.reverse();
                return Some(out);
            }
        }
    }
    None
}

/// What a failing snapshot prints: the changed lines with two lines of context, at most
/// `max_lines` of them, and how to accept the change.
fn diff_hint(committed: &str, served: &str, max_lines: usize) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (committed.lines().collect(), served.lines().collect());
    let mut out = Vec::new();
    match line_diff(&a, &b, 2_000) {
        Some(lines) => {
            let changed: Vec<usize> = (0..lines.len())
                .filter(|&i| !matches!(lines[i], Line::Same(..)))
                .collect();
            let near = |i: usize| changed.iter().any(|&c| c.abs_diff(i) <= 2);
            let mut last = None;
            for (i, line) in lines.iter().enumerate().filter(|(i, _)| near(*i)) {
                if last.is_some_and(|l: usize| l + 1 != i) || last.is_none() {
                    let (x, y) = match *line {
                        Line::Same(x, y) => (x, y),
                        Line::Gone(x) => (x, 0),
                        Line::New(y) => (0, y),
                    };
                    out.push(format!(
                        "@@ snapshot line {}, served line {} @@",
                        x + 1,
                        y + 1
                    ));
                }
                last = Some(i);
                out.push(match *line {
                    Line::Same(x, _) => format!("  {}", a[x]),
                    Line::Gone(x) => format!("- {}", a[x]),
                    Line::New(y) => format!("+ {}", b[y]),
                });
            }
            let removed = lines.iter().filter(|l| matches!(l, Line::Gone(_))).count();
            out.insert(
                0,
                format!(
                    "{removed} line(s) removed, {} added:",
                    changed.len() - removed
                ),
            );
        }
        None => out.push(format!(
            "more than 2,000 lines differ ({} in the snapshot, {} served)",
            a.len(),
            b.len()
        )),
    }
    if out.len() > max_lines {
        let more = out.len() - max_lines;
        out.truncate(max_lines);
        out.push(format!("... and {more} more diff lines"));
    }
    format!(
        "the served /api/v1/openapi.json differs from {} (- snapshot, + served):\n{}\n\n\
         If the API change is intended, rewrite the snapshot and review it as part of the change:\n  \
         PRASSI_UPDATE_SNAPSHOTS=1 cargo test -p prassi-tests --test it openapi::the_served_document_matches_the_committed_snapshot\n  \
         git diff tests/snapshots/openapi.json",
        snapshot_path().display(),
        out.join("\n")
    )
}

/// An API change is a reviewed diff: the served document (keys sorted, pretty-printed) must
/// equal `tests/snapshots/openapi.json`. `PRASSI_UPDATE_SNAPSHOTS=1` rewrites the file instead.
/// The document does not depend on the database, so SQLite is enough.
#[actix_web::test]
async fn the_served_document_matches_the_committed_snapshot() {
    let app = TestApp::sqlite();
    let served = serde_json::to_string_pretty(&sorted(&document(&app).await)).unwrap() + "\n";
    let path = snapshot_path();
    if std::env::var("PRASSI_UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &served).unwrap();
        eprintln!("snapshot written: {}", path.display());
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "no snapshot at {} ({e}); create it with PRASSI_UPDATE_SNAPSHOTS=1",
            path.display()
        )
    });
    assert!(
        committed == served,
        "{}",
        diff_hint(&committed, &served, 120)
    );
}

/// The snapshot's failure message is readable: it shows what changed, where, and nothing else.
#[test]
fn the_snapshot_diff_shows_the_changed_lines_with_context() {
    let keys = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
    let body: Vec<String> = keys
        .iter()
        .zip(1..)
        .map(|(k, n)| format!("  \"{k}\": {n}"))
        .collect();
    let before = format!("{{\n{}\n}}\n", body.join(",\n"));
    let after = before
        .replace("\"b\": 2", "\"b\": 20")
        .replace("  \"k\": 11\n", "  \"k\": 11,\n  \"l\": 12\n");
    let hint = diff_hint(&before, &after, 120);
    assert!(hint.contains("2 line(s) removed, 3 added:"), "{hint}");
    assert!(hint.contains("-   \"b\": 2,\n+   \"b\": 20,"), "{hint}");
    assert!(hint.contains("+   \"l\": 12"), "{hint}");
    assert!(
        hint.contains("  \"d\": 4") && !hint.contains("\"f\": 6"),
        "only context around changes: {hint}"
    );
    assert_eq!(
        hint.matches("@@ snapshot line").count(),
        2,
        "two hunks: {hint}"
    );
    assert!(hint.contains("PRASSI_UPDATE_SNAPSHOTS=1"), "{hint}");
    let a: Vec<&str> = before.lines().collect();
    assert_eq!(
        line_diff(&a, &a, 10)
            .unwrap()
            .iter()
            .filter(|l| !matches!(l, Line::Same(..)))
            .count(),
        0
    );
    let b: Vec<&str> = after.lines().collect();
    assert!(line_diff(&a, &b, 2).is_none(), "over the limit");
}
