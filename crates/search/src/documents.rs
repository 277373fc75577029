//! What is indexed, built from the database: questions with their answers, forum discussions
//! with their replies, wiki pages (current revision) and the profiles of members who consented
//! to the directory. The worker rebuilds an item's documents when its outbox event arrives;
//! `reindex` rebuilds everything. Both read the current state, so replaying an event or
//! reindexing twice changes nothing. Both read in bulk: a few queries per 500 items of a kind,
//! whatever their number of answers or replies.

use std::collections::HashMap;
use std::sync::mpsc::SyncSender;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use prassi_core::markdown::to_plain_text;
use prassi_core::search::{DocKind, SearchDoc, SearchEngine, SearchError, Touched};
use prassi_core::AppState;
use prassi_db::models::{Answer, Discussion, ForumCategory, ForumPost, Question, WikiPage};
use prassi_db::schema::{
    answers, discussions, forum_categories, forum_posts, organisations, question_tags, questions,
    tags, user_expertise, users, wiki_categories, wiki_pages,
};
use prassi_db::{AccountStatus, DbConnection, DiscussionId, PageId, QuestionId, UserId};

/// Documents to write and ids to remove for one item.
#[derive(Debug, Default)]
pub struct Change {
    pub upsert: Vec<SearchDoc>,
    pub delete: Vec<String>,
}

fn ts(t: chrono::NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// A question and its answers.
pub fn question(conn: &mut DbConnection, id: &QuestionId) -> QueryResult<Change> {
    let mut all = questions_of(conn, std::slice::from_ref(id))?;
    Ok(all.pop().unwrap_or_default())
}

/// Questions and their answers, one [`Change`] per id in order, in three queries per 500
/// questions (questions, their tags, their answers) whatever their number of answers.
pub fn questions_of(conn: &mut DbConnection, ids: &[QuestionId]) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<QuestionId, Question> = HashMap::with_capacity(ids.len());
    let mut tag_names: HashMap<QuestionId, Vec<String>> = HashMap::new();
    let mut answers_of: HashMap<QuestionId, Vec<Answer>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<Question> = questions::table
            .filter(questions::id.eq_any(chunk))
            .select(Question::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(|q| (q.id.clone(), q)));
        let tagged: Vec<(QuestionId, String)> = question_tags::table
            .inner_join(tags::table)
            .filter(question_tags::question_id.eq_any(chunk))
            .order((question_tags::question_id.asc(), tags::name.asc()))
            .select((question_tags::question_id, tags::name))
            .load(conn)?;
        for (q, name) in tagged {
            tag_names.entry(q).or_default().push(name);
        }
        let answers: Vec<Answer> = answers::table
            .filter(answers::question_id.eq_any(chunk))
            .select(Answer::as_select())
            .load(conn)?;
        for a in answers {
            answers_of.entry(a.question_id.clone()).or_default().push(a);
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("question-{id}");
            let Some(q) = found.get(id) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            let tag_names = tag_names.remove(id).unwrap_or_default();
            let answers = answers_of.remove(id).unwrap_or_default();
            let url = prassi_qa::service::question_url(&q.id, &q.title);
            let mut upsert = Vec::with_capacity(answers.len() + 1);
            upsert.push(SearchDoc {
                id: doc_id,
                kind: DocKind::Question,
                title: q.title.clone(),
                body: to_plain_text(&q.body_md),
                url: url.clone(),
                audience: q.audience.clone(),
                tags: tag_names.clone(),
                created_at: ts(q.created_at),
            });
            for a in answers {
                upsert.push(SearchDoc {
                    id: format!("answer-{}", a.id),
                    kind: DocKind::Answer,
                    title: q.title.clone(),
                    body: to_plain_text(&a.body_md),
                    url: format!("{url}#risposta-{}", a.id),
                    audience: q.audience.clone(),
                    tags: tag_names.clone(),
                    created_at: ts(a.created_at),
                });
            }
            Change {
                upsert,
                delete: Vec::new(),
            }
        })
        .collect())
}

/// A discussion (its opening post) and its replies; hidden posts are removed.
pub fn discussion(conn: &mut DbConnection, id: &DiscussionId) -> QueryResult<Change> {
    let mut all = discussions_of(conn, std::slice::from_ref(id))?;
    Ok(all.pop().unwrap_or_default())
}

/// Discussions and their posts, one [`Change`] per id in order, in two queries per 500
/// discussions whatever their number of posts.
pub fn discussions_of(conn: &mut DbConnection, ids: &[DiscussionId]) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<DiscussionId, (Discussion, ForumCategory)> =
        HashMap::with_capacity(ids.len());
    let mut posts_of: HashMap<DiscussionId, Vec<ForumPost>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(Discussion, ForumCategory)> = discussions::table
            .inner_join(forum_categories::table)
            .filter(discussions::id.eq_any(chunk))
            .select((Discussion::as_select(), ForumCategory::as_select()))
            .load(conn)?;
        found.extend(rows.into_iter().map(|r| (r.0.id.clone(), r)));
        // In each discussion's order (oldest first): a reply's position gives its page.
        let posts: Vec<ForumPost> = forum_posts::table
            .filter(forum_posts::discussion_id.eq_any(chunk))
            .order((
                forum_posts::discussion_id.asc(),
                forum_posts::created_at.asc(),
                forum_posts::id.asc(),
            ))
            .select(ForumPost::as_select())
            .load(conn)?;
        for p in posts {
            posts_of.entry(p.discussion_id.clone()).or_default().push(p);
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("discussion-{id}");
            let Some((d, c)) = found.get(id) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            let posts = posts_of.get(id).map_or(&[][..], Vec::as_slice);
            discussion_change(doc_id, d, c, posts)
        })
        .collect())
}

fn discussion_change(
    doc_id: String,
    d: &Discussion,
    c: &ForumCategory,
    posts: &[ForumPost],
) -> Change {
    let url = prassi_forum::service::discussion_url(&d.id, &d.title);
    let mut change = Change::default();
    for (i, p) in posts.iter().enumerate() {
        let hidden = p.hidden_reason.is_some();
        if i == 0 {
            change.upsert.push(SearchDoc {
                id: doc_id.clone(),
                kind: DocKind::Discussion,
                title: d.title.clone(),
                body: if hidden {
                    String::new()
                } else {
                    to_plain_text(&p.body_md)
                },
                url: url.clone(),
                audience: c.audience.clone(),
                tags: vec![c.slug.clone()],
                created_at: ts(d.created_at),
            });
            continue;
        }
        let reply_id = format!("reply-{}", p.id);
        if hidden {
            change.delete.push(reply_id);
            continue;
        }
        let page = i as i64 / prassi_forum::service::POSTS_PER_PAGE + 1;
        let page_part = if page > 1 {
            format!("?page={page}")
        } else {
            String::new()
        };
        change.upsert.push(SearchDoc {
            id: reply_id,
            kind: DocKind::Reply,
            title: d.title.clone(),
            body: to_plain_text(&p.body_md),
            url: format!("{url}{page_part}#post-{}", p.id),
            audience: c.audience.clone(),
            tags: vec![c.slug.clone()],
            created_at: ts(p.created_at),
        });
    }
    change
}

/// A wiki page's current revision.
pub fn wiki(conn: &mut DbConnection, id: &PageId) -> QueryResult<Change> {
    let mut all = wikis_of(conn, std::slice::from_ref(id))?;
    Ok(all.pop().unwrap_or_default())
}

/// Wiki pages (current revisions), one [`Change`] per id in order, in two queries per 500.
pub fn wikis_of(conn: &mut DbConnection, ids: &[PageId]) -> QueryResult<Vec<Change>> {
    let mut found: HashMap<PageId, WikiPage> = HashMap::with_capacity(ids.len());
    let mut categories_of: HashMap<PageId, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<WikiPage> = wiki_pages::table
            .filter(wiki_pages::id.eq_any(chunk))
            .select(WikiPage::as_select())
            .load(conn)?;
        found.extend(rows.into_iter().map(|p| (p.id.clone(), p)));
        let categories: Vec<(PageId, String)> = wiki_categories::table
            .filter(wiki_categories::page_id.eq_any(chunk))
            .order((wiki_categories::page_id.asc(), wiki_categories::name.asc()))
            .select((wiki_categories::page_id, wiki_categories::name))
            .load(conn)?;
        for (page, name) in categories {
            categories_of.entry(page).or_default().push(name);
        }
    }
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("wiki-{id}");
            let Some(p) = found.get(id) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            Change {
                upsert: vec![SearchDoc {
                    id: doc_id,
                    kind: DocKind::Wiki,
                    title: p.title.clone(),
                    body: to_plain_text(&p.body_md),
                    url: prassi_wiki::service::page_url(&p.slug),
                    audience: p.audience.clone(),
                    tags: categories_of.get(id).cloned().unwrap_or_default(),
                    created_at: ts(p.created_at),
                }],
                delete: Vec::new(),
            }
        })
        .collect())
}

/// A member's profile, indexed only while they consent to the directory and take part.
pub fn member(conn: &mut DbConnection, id: &UserId) -> QueryResult<Change> {
    let mut all = members_of(conn, std::slice::from_ref(id))?;
    Ok(all.pop().unwrap_or_default())
}

/// Members' profiles, one [`Change`] per id in order (a removal for those not listed), in two
/// queries per 500.
pub fn members_of(conn: &mut DbConnection, ids: &[UserId]) -> QueryResult<Vec<Change>> {
    type Row = (
        UserId,
        String,
        String,
        String,
        String,
        bool,
        AccountStatus,
        Option<String>,
        chrono::NaiveDateTime,
    );
    let mut found: HashMap<UserId, Row> = HashMap::with_capacity(ids.len());
    let mut areas_of: HashMap<UserId, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<Row> = users::table
            .left_join(organisations::table)
            .filter(users::id.eq_any(chunk))
            .select((
                users::id,
                users::username,
                users::display_name,
                users::job_title,
                users::bio_md,
                users::directory_consent,
                users::status,
                organisations::name.nullable(),
                users::created_at,
            ))
            .load(conn)?;
        found.extend(rows.into_iter().map(|r| (r.0.clone(), r)));
        let areas: Vec<(UserId, String)> = user_expertise::table
            .filter(user_expertise::user_id.eq_any(chunk))
            .order((
                user_expertise::user_id.asc(),
                user_expertise::area_key.asc(),
            ))
            .select((user_expertise::user_id, user_expertise::label))
            .load(conn)?;
        for (user, label) in areas {
            areas_of.entry(user).or_default().push(label);
        }
    }
    let listed = |r: &Row| r.5 && matches!(r.6, AccountStatus::Active | AccountStatus::Open);
    Ok(ids
        .iter()
        .map(|id| {
            let doc_id = format!("member-{id}");
            let Some(r) = found.get(id).filter(|r| listed(r)) else {
                return Change {
                    delete: vec![doc_id],
                    ..Default::default()
                };
            };
            let areas = areas_of.get(id).cloned().unwrap_or_default();
            let body = [
                r.3.clone(),
                r.7.clone().unwrap_or_default(),
                areas.join(", "),
                to_plain_text(&r.4),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
            Change {
                upsert: vec![SearchDoc {
                    id: doc_id,
                    kind: DocKind::Member,
                    title: r.2.clone(),
                    body,
                    url: format!("/membri/{}", r.1),
                    // The directory rule: members always, everyone in the open phase.
                    audience: "public".into(),
                    tags: areas,
                    created_at: ts(r.8),
                }],
                delete: Vec::new(),
            }
        })
        .collect())
}

/// The documents of one touched item.
pub fn change_of(conn: &mut DbConnection, t: &Touched) -> Result<Change, String> {
    let err = |e: diesel::result::Error| e.to_string();
    match t.item.as_str() {
        "question" => question(conn, &QuestionId(t.id.clone())).map_err(err),
        "discussion" => discussion(conn, &DiscussionId(t.id.clone())).map_err(err),
        "wiki" => wiki(conn, &PageId(t.id.clone())).map_err(err),
        "member" => member(conn, &UserId(t.id.clone())).map_err(err),
        other => Err(format!("unknown search item {other:?}")),
    }
}

/// Applies a change to the engine (one commit where the engine can).
pub fn apply(engine: &dyn SearchEngine, change: Change) -> Result<(), SearchError> {
    engine.apply(change.upsert, change.delete)
}

/// The documents of many touched items, one outcome per item in order, built in bulk by kind
/// (a few queries per 500 items of a kind, see [`questions_of`]); an item of an unknown kind
/// fails alone.
pub fn changes_of(conn: &mut DbConnection, items: &[Touched]) -> Vec<Result<Change, String>> {
    let mut out: Vec<Option<Result<Change, String>>> = items.iter().map(|_| None).collect();
    bulk(conn, items, &mut out, "question", QuestionId, questions_of);
    bulk(
        conn,
        items,
        &mut out,
        "discussion",
        DiscussionId,
        discussions_of,
    );
    bulk(conn, items, &mut out, "wiki", PageId, wikis_of);
    bulk(conn, items, &mut out, "member", UserId, members_of);
    out.into_iter()
        .zip(items)
        .map(|(c, t)| c.unwrap_or_else(|| Err(format!("unknown search item {:?}", t.item))))
        .collect()
}

/// Builds the changes of the items of one kind with its bulk builder, into their places.
fn bulk<I>(
    conn: &mut DbConnection,
    items: &[Touched],
    out: &mut [Option<Result<Change, String>>],
    kind: &str,
    id: fn(String) -> I,
    build: fn(&mut DbConnection, &[I]) -> QueryResult<Vec<Change>>,
) {
    let (at, ids): (Vec<usize>, Vec<I>) = items
        .iter()
        .enumerate()
        .filter(|(_, t)| t.item == kind)
        .map(|(i, t)| (i, id(t.id.clone())))
        .unzip();
    if ids.is_empty() {
        return;
    }
    match build(conn, &ids) {
        Ok(changes) => {
            for (i, c) in at.into_iter().zip(changes) {
                out[i] = Some(Ok(c));
            }
        }
        Err(e) => {
            for i in at {
                out[i] = Some(Err(e.to_string()));
            }
        }
    }
}

/// The outbox batch handler of `search.index`: rebuilds the documents of every touched item
/// from the database (each item once, however many events named it) and writes them all to
/// the engine in one unit of work — one commit. One outcome per payload: an item that cannot
/// be built fails alone; an engine that is down fails them all, and the worker probes it
/// ([`probe`]) and retries them at once when it answers.
pub fn handle_batch(state: &AppState, payloads: &[serde_json::Value]) -> Vec<Result<(), String>> {
    let mut outcomes: Vec<Result<(), String>> = Vec::with_capacity(payloads.len());
    // The items to build, and for each payload the item it names.
    let mut items: Vec<Touched> = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut item_of: Vec<Option<usize>> = Vec::with_capacity(payloads.len());
    for p in payloads {
        match serde_json::from_value::<Touched>(p.clone()) {
            Ok(t) => {
                let n = items.len();
                let i = *index.entry((t.item.clone(), t.id.clone())).or_insert(n);
                if i == n {
                    items.push(t);
                }
                item_of.push(Some(i));
            }
            Err(e) => {
                item_of.push(None);
                outcomes.push(Err(e.to_string()));
            }
        }
    }
    let built = match state.db.get() {
        Ok(mut conn) => changes_of(&mut conn, &items),
        Err(e) => items.iter().map(|_| Err(e.to_string())).collect(),
    };
    let (mut upsert, mut delete) = (Vec::new(), Vec::new());
    let mut results: Vec<Result<(), String>> = Vec::with_capacity(built.len());
    for b in built {
        match b {
            Ok(c) => {
                upsert.extend(c.upsert);
                delete.extend(c.delete);
                results.push(Ok(()));
            }
            Err(e) => results.push(Err(e)),
        }
    }
    if !upsert.is_empty() || !delete.is_empty() {
        if let Err(e) = state.search.apply(upsert, delete) {
            let e = e.to_string();
            for r in results.iter_mut().filter(|r| r.is_ok()) {
                *r = Err(e.clone());
            }
        }
    }
    // Payloads that did not parse already have their outcome; the rest take their item's.
    let mut parsed_errors = outcomes.into_iter();
    item_of
        .into_iter()
        .map(|i| match i {
            Some(i) => results
                .get(i)
                .cloned()
                .unwrap_or_else(|| Err("no outcome".into())),
            None => parsed_errors
                .next()
                .unwrap_or_else(|| Err("payload".into())),
        })
        .collect()
}

/// The outbox handler of one `search.index` event (a batch of one).
pub fn handle(state: &AppState, payload: &serde_json::Value) -> Result<(), String> {
    handle_batch(state, std::slice::from_ref(payload))
        .pop()
        .unwrap_or_else(|| Err("no outcome".into()))
}

/// The worker's probe of the engine: a cheap health call.
pub fn probe(state: &AppState) -> Result<(), String> {
    state.search.health().map_err(|e| e.to_string())
}

/// How many documents a reindex wrote, by kind.
pub type Counts = HashMap<&'static str, usize>;

/// Documents per engine write during a reindex: one commit each on the embedded engine (each
/// writes and syncs a segment that is merged again later), one task on Meilisearch (which
/// indexes large batches best). A batch holds roughly 1 KB per document, and at most three
/// are in memory at once (being read, waiting, being indexed).
const REINDEX_BATCH: usize = 10_000;

/// Rebuilds the whole index from the database: clears it, then writes every item in batches.
/// Running it twice gives the same index.
///
/// Reading overlaps indexing: a scoped thread reads the items in bulk (a few queries per 500
/// items, see [`questions_of`]) and builds their documents on `conn`, while the calling
/// thread hands full batches to the engine; a channel of one batch bounds what waits between
/// them. Logs how long each side worked.
pub fn reindex(conn: &mut DbConnection, engine: &dyn SearchEngine) -> Result<Counts, String> {
    let started = Instant::now();
    engine.clear().map_err(|e| e.to_string())?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<SearchDoc>>(1);
    std::thread::scope(|s| {
        let reader = s.spawn(move || read_all(conn, tx));
        let mut counts = Counts::new();
        let mut indexing = Duration::ZERO;
        let mut written = Ok(());
        for batch in rx.iter() {
            for d in &batch {
                *counts.entry(d.kind.as_str()).or_default() += 1;
            }
            let at = Instant::now();
            let done = engine.upsert(batch);
            indexing += at.elapsed();
            if let Err(e) = done {
                written = Err(e.to_string());
                break;
            }
        }
        // A reader still sending learns that indexing stopped and stops too.
        drop(rx);
        let reading = reader
            .join()
            .unwrap_or_else(|_| Err("the reading thread panicked".into()));
        written?;
        let reading = reading?;
        tracing::info!(
            documents = counts.values().sum::<usize>(),
            reading = ?reading,
            indexing = ?indexing,
            total = ?started.elapsed(),
            "search index rebuilt"
        );
        Ok(counts)
    })
}

/// The reading side of [`reindex`]: every item's documents, in batches of [`REINDEX_BATCH`].
/// Returns the time spent reading and building (not waiting for the indexer).
fn read_all(conn: &mut DbConnection, tx: SyncSender<Vec<SearchDoc>>) -> Result<Duration, String> {
    let err = |e: diesel::result::Error| e.to_string();
    let mut out = Batches {
        tx,
        batch: Vec::with_capacity(REINDEX_BATCH),
        reading: Duration::ZERO,
    };
    let at = Instant::now();
    let questions: Vec<QuestionId> = questions::table
        .select(questions::id)
        .order(questions::id)
        .load(conn)
        .map_err(err)?;
    let discussions: Vec<DiscussionId> = discussions::table
        .select(discussions::id)
        .order(discussions::id)
        .load(conn)
        .map_err(err)?;
    let pages: Vec<PageId> = wiki_pages::table
        .select(wiki_pages::id)
        .order(wiki_pages::id)
        .load(conn)
        .map_err(err)?;
    let members: Vec<UserId> = users::table
        .filter(users::directory_consent.eq(true))
        .select(users::id)
        .order(users::id)
        .load(conn)
        .map_err(err)?;
    out.reading += at.elapsed();
    out.items(conn, &questions, questions_of)?;
    out.items(conn, &discussions, discussions_of)?;
    out.items(conn, &pages, wikis_of)?;
    out.items(conn, &members, members_of)?;
    out.send()?;
    Ok(out.reading)
}

/// Documents on their way from the reading thread to the engine.
struct Batches {
    tx: SyncSender<Vec<SearchDoc>>,
    batch: Vec<SearchDoc>,
    reading: Duration,
}

impl Batches {
    /// Builds the documents of `ids` with `build`, 500 items a time, sending every full batch.
    fn items<I>(
        &mut self,
        conn: &mut DbConnection,
        ids: &[I],
        build: fn(&mut DbConnection, &[I]) -> QueryResult<Vec<Change>>,
    ) -> Result<(), String> {
        for chunk in ids.chunks(500) {
            let at = Instant::now();
            let changes = build(conn, chunk).map_err(|e| e.to_string())?;
            // The index was cleared: removals (items gone since their ids were read) have
            // nothing to remove.
            self.batch
                .extend(changes.into_iter().flat_map(|c| c.upsert));
            self.reading += at.elapsed();
            if self.batch.len() >= REINDEX_BATCH {
                self.send()?;
            }
        }
        Ok(())
    }

    fn send(&mut self) -> Result<(), String> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(REINDEX_BATCH));
        // Fails only when the indexing side stopped (its error is the one reported).
        self.tx
            .send(batch)
            .map_err(|_| "indexing stopped".to_owned())
    }
}
