//! `prassi demo --size small|large`: the standard dataset the benchmarks run on (issue 10) —
//! the demo community of [`super::fill`] plus generated members, questions, answers, comments,
//! votes, accepted answers and wiki pages, with Italian text drawn from a vocabulary by a
//! seeded generator (the same seed gives the same text and shape; ids and times differ).
//!
//! Everything that carries a counter goes through the real service functions
//! (`prassi_qa::service::{ask, answer, comment, accept}`, `prassi_wiki::service::create`,
//! `prassi_accounts::service::update_profile`), so scores, answer counts and whatever else the
//! services maintain are right by construction — except the votes: through
//! `prassi_qa::service::vote` they cost ten statements each, so they are written in bulk and
//! every counter a vote moves is moved by the same amounts (`votes_in_bulk`); the recount at
//! the end proves it. Only the `users` rows are inserted directly, all with one argon2 hash
//! computed once (hashing a thousand passwords would take a minute).
//! Work runs in chunked write transactions; on PostgreSQL it is split into lanes that run on
//! several pooled connections at once, partitioned so that two lanes never update the same row
//! (a chunk that still meets a deadlock is retried whole): questions by audience (their counts
//! are per audience), answers by audience and circle (a question is answered by the members of
//! its circle, `answerer`) after the first answer of each question (which moves the
//! unanswered counts), comments by question, votes and acceptances by the post's author.
//! At the end the maintained Q&A counters are compared with their recount (which is kept), the
//! pending search events are dropped and the index is rebuilt in one pass.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types::Text;
use prassi_accounts::service::{self as accounts, ProfileInput};
use prassi_core::access::{Account, Phase, Viewer};
use prassi_core::{AppResult, AppState};
use prassi_db::schema::outbox;
use prassi_db::{
    AccountStatus, AnswerId, DbConnection, OrganisationKind, PostKind, QuestionId, Role, TagId,
    UserId,
};
use prassi_qa::service::{self as qa, QuestionInput};
use prassi_wiki::service::{self as wiki, PageInput};

use super::{Logins, COPIS_TOPICS, TAGS, VENETO_THEMES};

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub name: &'static str,
    pub members: usize,
    pub questions: usize,
    /// Answers in all, the big question's 30 and the heavy questions' included.
    pub answers: usize,
    /// Comments in all, the big question's 60 included.
    pub comments: usize,
    pub votes: usize,
    pub wiki_pages: usize,
    /// Answers of the few heavy questions (besides the big question).
    pub heavy: &'static [usize],
}

impl Size {
    /// For tests and the harness check in CI: builds in seconds.
    pub const SMALL: Size = Size {
        name: "small",
        members: 50,
        questions: 200,
        answers: 1_000,
        comments: 400,
        votes: 2_400,
        wiki_pages: 20,
        heavy: &[60, 120],
    };
    /// A real national community (issue 10): what the benchmark figures are measured on.
    pub const LARGE: Size = Size {
        name: "large",
        members: 1_000,
        questions: 10_000,
        answers: 100_000,
        comments: 30_000,
        votes: 240_000,
        wiki_pages: 1_000,
        heavy: &[250, 400, 800],
    };

    /// `small` or `large`.
    pub fn named(name: &str) -> Option<Size> {
        match name {
            "small" => Some(Self::SMALL),
            "large" => Some(Self::LARGE),
            _ => None,
        }
    }
}

/// Answers and comments of the big question, the one the benchmark's question page shows.
pub const BIG_ANSWERS: usize = 30;
pub const BIG_COMMENTS: usize = 60;
/// The size of the big wiki page, in bytes (at least).
pub const BIG_PAGE_BYTES: usize = 50 * 1024;
/// The big question's title.
pub const BIG_TITLE: &str =
    "Co-progettazione con il Terzo Settore: come organizzare i tavoli e valutare le proposte?";
/// The big wiki page's title.
pub const BIG_PAGE_TITLE: &str = "Guida completa alla co-progettazione con il Terzo Settore";

/// How to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub size: Size,
    /// Seeds the text and the shape of the data.
    pub seed: u64,
    /// Lanes that write at once (PostgreSQL only; SQLite has one writer anyway).
    pub jobs: usize,
}

/// One timed phase.
#[derive(Debug, Clone)]
pub struct PhaseTime {
    pub name: &'static str,
    pub items: usize,
    pub elapsed: Duration,
}

/// What was made, for the command to print and the benchmark to use.
pub struct Report {
    pub logins: Logins,
    /// A generated member (password: `logins.password`).
    pub member: String,
    pub big_question_url: String,
    /// The questions with hundreds of answers.
    pub heavy_question_urls: Vec<String>,
    pub big_page_url: String,
    /// A tag for the tag page.
    pub tag: String,
    /// Whether the counters the services maintained equalled their recount at the end.
    pub counters_consistent: bool,
    pub phases: Vec<PhaseTime>,
    pub total: Duration,
}

/// Builds the standard dataset on a new database (the same condition as [`super::fill`]).
pub fn generate(state: &AppState, opts: &Options) -> anyhow::Result<Report> {
    let started = Instant::now();
    let mut phases = Vec::new();
    let jobs = match state.db.kind() {
        prassi_db::BackendKind::Sqlite => 1,
        prassi_db::BackendKind::Postgres => opts.jobs.max(1),
    };
    let size = opts.size;
    let mut rng = Rng::new(opts.seed);
    let mut timer = Timer::new(&mut phases);

    let logins = super::fill(state)?;
    timer.done("demo community", logins.accounts.len());

    let members = members(state, &mut rng, size.members, &logins.password)?;
    timer.done("members", members.len());

    // ---- questions
    let question_ops: Vec<QuestionOp> = (0..size.questions)
        .map(|i| {
            let author = if i == 0 {
                1 % members.len()
            } else {
                rng.skewed(members.len(), 1.8)
            };
            let title = if i == 0 {
                BIG_TITLE.to_owned()
            } else {
                question_title(&mut rng)
            };
            let n_tags = 1 + rng.below(3);
            let mut tags: Vec<&str> = Vec::new();
            while tags.len() < n_tags {
                let t = TAGS[rng.skewed(TAGS.len(), 1.5)].0;
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
            QuestionOp {
                author,
                title,
                body: body(&mut rng, 1, 3),
                tags: tags.join(", "),
                audience: if i == 0 || rng.chance(0.7) {
                    "members"
                } else {
                    "public"
                },
            }
        })
        .collect();
    // A question moves the counts of its audience and its author's counters in that audience:
    // one lane per audience, and the lanes never meet.
    let questions: Vec<QuestionId> = run(
        state,
        jobs,
        &question_ops,
        |op, _| audience_lane(op.audience),
        |conn, op| {
            qa::ask(
                conn,
                &members[op.author],
                Phase::Closed,
                &QuestionInput {
                    title: op.title.clone(),
                    body_md: op.body.clone(),
                    tags: op.tags.clone(),
                    audience: op.audience.into(),
                    lang: String::new(),
                },
            )
        },
    )?;
    timer.done("questions", questions.len());

    // ---- answers: the big question 30, the heavy ones hundreds, 15% none, the rest skewed
    let n_q = questions.len();
    let mut per_question = vec![0usize; n_q];
    per_question[0] = BIG_ANSWERS.min(size.answers);
    let heavy: Vec<usize> = (1..=size.heavy.len()).filter(|&q| q < n_q).collect();
    for (&q, &n) in heavy.iter().zip(size.heavy) {
        per_question[q] = n;
    }
    let fixed: usize = per_question.iter().sum();
    let mut ordinary: Vec<usize> = (heavy.len() + 1..n_q)
        .filter(|_| !rng.chance(0.15))
        .collect();
    rng.shuffle(&mut ordinary);
    if !ordinary.is_empty() {
        for _ in 0..size.answers.saturating_sub(fixed) {
            per_question[ordinary[rng.skewed(ordinary.len(), 1.3)]] += 1;
        }
    }
    let circles = CIRCLES.min(members.len() / 2).max(1);
    let mut answer_ops: Vec<AnswerOp> = Vec::with_capacity(size.answers);
    for (q, &n) in per_question.iter().enumerate() {
        for _ in 0..n {
            answer_ops.push(AnswerOp {
                question: q,
                author: answerer(&mut rng, members.len(), circles, q, question_ops[q].author),
                body: body(&mut rng, 1, 4),
            });
        }
    }
    // Interleaved, as a community writes them.
    rng.shuffle(&mut answer_ops);
    // A question's first answer also moves the unanswered counts of its audience: those run
    // first, one lane per audience. The others move only the question's row and their author's
    // counters in the audience: one lane per audience and circle (see `answerer`), and the
    // lanes never meet.
    let mut answered = vec![false; n_q];
    let (first, rest): (Vec<usize>, Vec<usize>) = (0..answer_ops.len())
        .partition(|&i| !std::mem::replace(&mut answered[answer_ops[i].question], true));
    let answer = |conn: &mut DbConnection, &i: &usize| {
        let op = &answer_ops[i];
        qa::answer(
            conn,
            &members[op.author],
            Phase::Closed,
            &questions[op.question],
            &op.body,
        )
    };
    let lane_of = |q: usize| audience_lane(question_ops[q].audience);
    let first_ids = run(
        state,
        jobs,
        &first,
        |&i, _| lane_of(answer_ops[i].question),
        answer,
    )?;
    let rest_ids = run(
        state,
        jobs,
        &rest,
        |&i, _| {
            let q = answer_ops[i].question;
            lane_of(q) * circles + q % circles
        },
        answer,
    )?;
    // In the order of `answer_ops`: comments, votes and acceptances name answers by position.
    let mut answers: Vec<Option<AnswerId>> = vec![None; answer_ops.len()];
    for (&i, id) in first.iter().zip(first_ids).chain(rest.iter().zip(rest_ids)) {
        answers[i] = Some(id);
    }
    let answers: Vec<AnswerId> = answers
        .into_iter()
        .collect::<Option<_>>()
        .ok_or_else(|| anyhow::anyhow!("an answer left no id"))?;
    timer.done("answers", answers.len());
    let answers_of = |q: usize| -> Vec<usize> {
        answer_ops
            .iter()
            .enumerate()
            .filter(|(_, a)| a.question == q)
            .map(|(i, _)| i)
            .collect()
    };
    let big_answers = answers_of(0);

    // ---- comments: 60 on the big question (6 on it, the rest on its answers), then 30% on
    // questions and 70% on answers
    let mut comment_ops: Vec<CommentOp> = Vec::with_capacity(size.comments);
    for k in 0..BIG_COMMENTS.min(size.comments) {
        let answer = if k < 6 || big_answers.is_empty() {
            None
        } else {
            Some(big_answers[(k - 6) % big_answers.len()])
        };
        comment_ops.push(CommentOp {
            question: 0,
            answer,
            author: rng.below(members.len()),
            body: comment_text(&mut rng),
        });
    }
    while comment_ops.len() < size.comments && !answer_ops.is_empty() {
        let (question, answer) = if rng.chance(0.3) {
            (rng.below(n_q), None)
        } else {
            let a = rng.below(answer_ops.len());
            (answer_ops[a].question, Some(a))
        };
        if question == 0 {
            continue;
        }
        comment_ops.push(CommentOp {
            question,
            answer,
            author: rng.below(members.len()),
            body: comment_text(&mut rng),
        });
    }
    let comments = run(
        state,
        jobs,
        &comment_ops,
        |op, _| op.question,
        |conn, op| {
            qa::comment(
                conn,
                &members[op.author],
                Phase::Closed,
                &questions[op.question],
                op.answer.map(|a| &answers[a]),
                &op.body,
            )
        },
    )?;
    timer.done("comments", comments.len());

    // ---- votes: one per member and post, never on one's own; a few members attract
    // down-votes, so some scores and reputations end negative
    let mut seen: HashSet<(usize, bool, usize)> = HashSet::with_capacity(size.votes);
    let mut vote_ops: Vec<VoteOp> = Vec::with_capacity(size.votes);
    let contrarian = |m: usize| m % 23 == 7;
    // The big question and its answers get a believable spread first.
    let big_targets: Vec<(bool, usize)> = std::iter::once((true, 0))
        .chain(big_answers.iter().map(|&a| (false, a)))
        .collect();
    let mut attempts = 0usize;
    while vote_ops.len() < size.votes && attempts < size.votes * 20 {
        attempts += 1;
        let (is_question, post) = if vote_ops.len() < 400.min(size.votes / 4) {
            big_targets[rng.below(big_targets.len())]
        } else if rng.chance(0.2) {
            (true, rng.below(n_q))
        } else if answer_ops.is_empty() {
            continue;
        } else {
            (false, rng.below(answer_ops.len()))
        };
        let (post_author, question) = if is_question {
            (question_ops[post].author, post)
        } else {
            (answer_ops[post].author, answer_ops[post].question)
        };
        let voter = rng.below(members.len());
        if voter == post_author || !seen.insert((voter, is_question, post)) {
            continue;
        }
        let down = if contrarian(post_author) { 0.95 } else { 0.12 };
        vote_ops.push(VoteOp {
            voter,
            is_question,
            post,
            question,
            author: post_author,
            value: if rng.chance(down) { -1 } else { 1 },
        });
    }
    let votes = votes_in_bulk(state, jobs, &vote_ops, &members, &questions, &answers)?;
    timer.done("votes", votes);

    // ---- accepted answers: the big question's, and 45% of the others that have answers
    let mut first_answers: Vec<Vec<usize>> = vec![Vec::new(); n_q];
    for (i, a) in answer_ops.iter().enumerate() {
        if first_answers[a.question].len() < 8 {
            first_answers[a.question].push(i);
        }
    }
    let mut accept_ops: Vec<(usize, usize)> = Vec::new();
    for (q, list) in first_answers.iter().enumerate() {
        if !list.is_empty() && (q == 0 || rng.chance(0.45)) {
            accept_ops.push((q, list[rng.below(list.len())]));
        }
    }
    let accepted = run(
        state,
        jobs,
        &accept_ops,
        // Lanes by the answer's author: acceptance moves the answerer's reputation.
        |&(_, a), _| answer_ops[a].author,
        |conn, &(q, a)| {
            qa::accept(
                conn,
                &members[question_ops[q].author],
                Phase::Closed,
                &questions[q],
                Some(&answers[a]),
            )
        },
    )?;
    timer.done("accepted answers", accepted.len());

    // ---- wiki pages: linked to earlier pages, some with parents; one of 50 KB, first
    let mut titles: Vec<String> = Vec::with_capacity(size.wiki_pages);
    let mut page_ops: Vec<PageOp> = Vec::with_capacity(size.wiki_pages);
    for i in 0..size.wiki_pages {
        let title = if i == 0 {
            BIG_PAGE_TITLE.to_owned()
        } else {
            format!("{} ({})", capitalise(rng.word(OBJECTS)), i)
        };
        let body = if i == 0 {
            big_page(&mut rng)
        } else {
            page_body(&mut rng, &titles)
        };
        let parent = if i > 0 && rng.chance(0.2) {
            titles[rng.below(titles.len())].clone()
        } else {
            String::new()
        };
        let mut cats = vec![rng.word(CATEGORIES)];
        if rng.chance(0.4) {
            let c = rng.word(CATEGORIES);
            if !cats.contains(&c) {
                cats.push(c);
            }
        }
        page_ops.push(PageOp {
            author: rng.below(members.len()),
            title: title.clone(),
            body,
            parent,
            categories: cats.join(", "),
            audience: if i == 0 || rng.chance(0.5) {
                "public"
            } else {
                "members"
            },
        });
        titles.push(title);
    }
    // One lane: pages name their parents, written in order.
    let pages = run(
        state,
        1,
        &page_ops,
        |_, _| 0,
        |conn, op| {
            wiki::create(
                conn,
                &members[op.author],
                Phase::Closed,
                &PageInput {
                    title: op.title.clone(),
                    body_md: op.body.clone(),
                    categories: op.categories.clone(),
                    parent: op.parent.clone(),
                    audience: op.audience.into(),
                    summary: "prima stesura".into(),
                    lang: String::new(),
                },
            )
        },
    )?;
    timer.done("wiki pages", pages.len());

    // ---- counters: the services kept them; prove it against a recount (and keep the recount)
    let mut conn = state.db.get()?;
    let counters_consistent = prassi_db::write_tx(&mut conn, |c| -> AppResult<bool> {
        let maintained = prassi_qa::counters::snapshot(c)?;
        prassi_qa::counters::recompute(c)?;
        Ok(maintained == prassi_qa::counters::snapshot(c)?)
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    drop(conn);
    if !counters_consistent {
        tracing::warn!("maintained Q&A counters differed from their recount; the recount is kept");
    }
    timer.done("counters check", usize::from(counters_consistent));

    // ---- search: one pass instead of the events the services queued
    let indexed = reindex(state)?;
    timer.done("search index", indexed);

    let member = match &members[1 % members.len()] {
        Viewer::Account(a) => a.username.clone(),
        Viewer::Anonymous => String::new(),
    };
    Ok(Report {
        logins,
        member,
        big_question_url: qa::question_url(&questions[0], BIG_TITLE),
        heavy_question_urls: heavy
            .iter()
            .map(|&q| qa::question_url(&questions[q], &question_ops[q].title))
            .collect(),
        big_page_url: pages
            .first()
            .map(|p| wiki::page_url(&p.slug))
            .unwrap_or_default(),
        tag: TAGS[0].0.to_owned(),
        counters_consistent,
        phases,
        total: started.elapsed(),
    })
}

/// Drops the search events the generator queued (still pending) and rebuilds the index from
/// the database in one pass, as `prassi search reindex` does. Returns the documents written.
fn reindex(state: &AppState) -> anyhow::Result<usize> {
    let mut conn = state.db.get()?;
    diesel::delete(
        outbox::table
            .filter(outbox::topic.eq(prassi_core::search::TOPIC))
            .filter(outbox::processed_at.is_null()),
    )
    .execute(&mut conn)?;
    let counts = prassi_search::documents::reindex(&mut conn, state)
        .map_err(|e| anyhow::anyhow!("reindex: {e}"))?;
    Ok(counts.values().sum())
}

// ------------------------------------------------------------------------------ lanes

/// Members fall into this many circles, and a question is answered only by members of its
/// circle ([`answerer`]): answers to questions of different circles never update the same
/// rows, so they run in parallel lanes on PostgreSQL.
const CIRCLES: usize = 8;

/// The lane of an audience's work: `public` and `members` never share a counter row.
fn audience_lane(audience: &str) -> usize {
    usize::from(audience == "public")
}

/// A member of question `q`'s circle (the members `m` with `m % circles == q % circles`)
/// other than its asker, `members` being at least `2 * circles`.
fn answerer(rng: &mut Rng, members: usize, circles: usize, q: usize, asker: usize) -> usize {
    let circle = q % circles;
    let size = members.saturating_sub(circle).div_ceil(circles).max(1);
    let j = rng.below(size);
    let author = circle + circles * j;
    if author != asker {
        author
    } else if size > 1 {
        circle + circles * ((j + 1) % size)
    } else {
        (author + 1) % members.max(1)
    }
}

// ------------------------------------------------------------------------------ votes

/// Writes the votes in bulk and moves every counter a vote moves by exactly what
/// `prassi_qa::service::vote` would move it (the same points, from
/// `prassi_qa::counters::vote_points`): the posts' scores, the authors' reputation in the
/// question's audience and, for answers, their score under each of the question's tags.
/// Through the service a vote costs about ten statements; here 240,000 cost a few hundred.
/// The generator never makes a vote `vote` would refuse (one's own post, a second vote on a
/// post: the primary key would refuse that too). On PostgreSQL the votes are split into
/// `jobs` lanes by the post's author, each one write transaction on its own connection: every
/// row a vote writes or moves is its post's or its post author's, so the lanes never meet.
/// Returns the votes written.
fn votes_in_bulk(
    state: &AppState,
    jobs: usize,
    ops: &[VoteOp],
    members: &[Viewer],
    questions: &[QuestionId],
    answers: &[AnswerId],
) -> anyhow::Result<usize> {
    use prassi_db::schema::{question_tags, questions as q};
    let user = |m: usize| -> anyhow::Result<UserId> {
        members[m]
            .user_id()
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("a generated member without an account"))
    };
    // What `vote` reads of the question: its audience and its tags.
    let mut conn = state.db.get()?;
    let audience: HashMap<QuestionId, String> = q::table
        .select((q::id, q::audience))
        .load::<(QuestionId, String)>(&mut conn)?
        .into_iter()
        .collect();
    let mut tags: HashMap<QuestionId, Vec<TagId>> = HashMap::new();
    for (question, tag) in question_tags::table
        .select((question_tags::question_id, question_tags::tag_id))
        .load::<(QuestionId, TagId)>(&mut conn)?
    {
        tags.entry(question).or_default().push(tag);
    }
    drop(conn);

    let jobs = jobs.max(1);
    let mut lanes: Vec<VoteLane> = (0..jobs).map(|_| VoteLane::default()).collect();
    for op in ops {
        let (voter, author) = (user(op.voter)?, user(op.author)?);
        if voter == author {
            anyhow::bail!("a generated vote on the voter's own post");
        }
        let question = &questions[op.question];
        let audience = audience
            .get(question)
            .ok_or_else(|| anyhow::anyhow!("a vote on a question that is not stored"))?;
        let lane = &mut lanes[op.author % jobs];
        let (kind, post) = if op.is_question {
            *lane.question_scores.entry(op.post).or_default() += op.value;
            (PostKind::Question, questions[op.post].0.clone())
        } else {
            *lane.answer_scores.entry(op.post).or_default() += op.value;
            for tag in tags.get(question).into_iter().flatten() {
                let key = vec![tag.0.clone(), author.0.clone(), audience.clone()];
                *lane.tag_scores.entry(key).or_default() += i64::from(op.value);
            }
            (PostKind::Answer, answers[op.post].0.clone())
        };
        *lane
            .reputation
            .entry(vec![author.0.clone(), audience.clone()])
            .or_default() += prassi_qa::counters::vote_points(kind, op.value);
        lane.rows.push((voter, kind, post, op.value));
    }
    let written: Vec<anyhow::Result<usize>> = std::thread::scope(|s| {
        let handles: Vec<_> = lanes
            .into_iter()
            .map(|lane| {
                s.spawn(move || -> anyhow::Result<usize> {
                    let mut conn = state.db.get()?;
                    Ok(lane.write(&mut conn, questions, answers)?)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("a vote lane panicked")))
            })
            .collect()
    });
    written.into_iter().sum()
}

/// One lane of [`votes_in_bulk`]: its votes, and what they move.
#[derive(Default)]
struct VoteLane {
    /// Voter, post kind, post id, value.
    rows: Vec<(UserId, PostKind, String, i32)>,
    /// Score moves by position in the questions and answers lists.
    question_scores: HashMap<usize, i32>,
    answer_scores: HashMap<usize, i32>,
    /// Reputation by (member, audience).
    reputation: HashMap<Vec<String>, i64>,
    /// Answer score by (tag, answerer, audience).
    tag_scores: HashMap<Vec<String>, i64>,
}

impl VoteLane {
    /// Writes the lane in one write transaction; returns its votes.
    fn write(
        mut self,
        conn: &mut DbConnection,
        questions: &[QuestionId],
        answers: &[AnswerId],
    ) -> QueryResult<usize> {
        use prassi_db::schema::{answers as a, qa_votes, questions as q};
        // In primary-key order: each page of the key's index is written once, not over and
        // over.
        self.rows
            .sort_unstable_by(|x, y| (&x.0, x.1.as_str(), &x.2).cmp(&(&y.0, y.1.as_str(), &y.2)));
        // Posts grouped by how much their score moves: one update per amount and 1,000 posts.
        let by_amount = |scores: &HashMap<usize, i32>| {
            let mut out: HashMap<i32, Vec<usize>> = HashMap::new();
            for (&post, &amount) in scores.iter().filter(|(_, n)| **n != 0) {
                out.entry(amount).or_default().push(post);
            }
            out
        };
        let (question_scores, answer_scores) = (
            by_amount(&self.question_scores),
            by_amount(&self.answer_scores),
        );
        prassi_db::write_tx(conn, |c| -> QueryResult<()> {
            let now = prassi_db::now();
            for chunk in self.rows.chunks(1_000) {
                let values: Vec<_> = chunk
                    .iter()
                    .map(|(voter, kind, post, value)| {
                        (
                            qa_votes::user_id.eq(voter),
                            qa_votes::post_kind.eq(*kind),
                            qa_votes::post_id.eq(post),
                            qa_votes::value.eq(*value),
                            qa_votes::created_at.eq(now),
                        )
                    })
                    .collect();
                let insert = diesel::insert_into(qa_votes::table).values(&values);
                // A multi-row insert is the same SQL on both backends, but diesel builds it
                // only for each backend's own connection.
                match c {
                    DbConnection::Sqlite(c) => insert.execute(c),
                    DbConnection::Postgresql(c) => insert.execute(c),
                }?;
            }
            for (amount, posts) in &question_scores {
                for chunk in posts.chunks(1_000) {
                    let ids: Vec<&QuestionId> = chunk.iter().map(|&i| &questions[i]).collect();
                    diesel::update(q::table.filter(q::id.eq_any(ids)))
                        .set(q::score.eq(q::score + *amount))
                        .execute(c)?;
                }
            }
            for (amount, posts) in &answer_scores {
                for chunk in posts.chunks(1_000) {
                    let ids: Vec<&AnswerId> = chunk.iter().map(|&i| &answers[i]).collect();
                    diesel::update(a::table.filter(a::id.eq_any(ids)))
                        .set(a::score.eq(a::score + *amount))
                        .execute(c)?;
                }
            }
            bump_many(
                c,
                "qa_member_stats",
                &["user_id", "audience"],
                "reputation",
                &self.reputation,
            )?;
            bump_many(
                c,
                "qa_tag_answerers",
                &["tag_id", "user_id", "audience"],
                "score",
                &self.tag_scores,
            )
        })?;
        Ok(self.rows.len())
    }
}

/// Adds amounts to many counter rows of `table`, 300 rows a statement: what
/// `prassi_db::counters::bump` does for one row (`INSERT … ON CONFLICT (keys) DO UPDATE SET
/// column = column + excluded.column`), with several rows of values. Each map key holds the
/// values of `keys` (bound); zero amounts are skipped, as `bump` skips them. The backends
/// differ only in their bind placeholders.
fn bump_many(
    conn: &mut DbConnection,
    table: &'static str,
    keys: &[&'static str],
    column: &'static str,
    amounts: &HashMap<Vec<String>, i64>,
) -> QueryResult<()> {
    let rows: Vec<(&Vec<String>, i64)> = amounts
        .iter()
        .filter(|(_, n)| **n != 0)
        .map(|(k, n)| (k, *n))
        .collect();
    let postgres = matches!(conn, DbConnection::Postgresql(_));
    for chunk in rows.chunks(300) {
        let mut n = 0;
        let values: Vec<String> = chunk
            .iter()
            .map(|(key, amount)| {
                let params: Vec<String> = key
                    .iter()
                    .map(|_| {
                        n += 1;
                        if postgres {
                            format!("${n}")
                        } else {
                            "?".to_owned()
                        }
                    })
                    .collect();
                format!("({}, {amount})", params.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO {table} ({keys}, {column}) VALUES {values} \
             ON CONFLICT ({keys}) DO UPDATE SET {column} = {table}.{column} + excluded.{column}",
            keys = keys.join(", "),
            values = values.join(", "),
        );
        let binds = chunk
            .iter()
            .flat_map(|(key, _)| key.iter().map(String::as_str));
        match conn {
            DbConnection::Sqlite(c) => {
                let mut q = diesel::sql_query(sql).into_boxed::<diesel::sqlite::Sqlite>();
                for v in binds {
                    q = q.bind::<Text, _>(v);
                }
                q.execute(c)?;
            }
            DbConnection::Postgresql(c) => {
                let mut q = diesel::sql_query(sql).into_boxed::<diesel::pg::Pg>();
                for v in binds {
                    q = q.bind::<Text, _>(v);
                }
                q.execute(c)?;
            }
        }
    }
    Ok(())
}

/// Phase timing.
struct Timer<'a> {
    phases: &'a mut Vec<PhaseTime>,
    since: Instant,
}

impl<'a> Timer<'a> {
    fn new(phases: &'a mut Vec<PhaseTime>) -> Self {
        Self {
            phases,
            since: Instant::now(),
        }
    }
    fn done(&mut self, name: &'static str, items: usize) {
        let elapsed = self.since.elapsed();
        tracing::info!(phase = name, items, elapsed = ?elapsed, "dataset phase done");
        self.phases.push(PhaseTime {
            name,
            items,
            elapsed,
        });
        self.since = Instant::now();
    }
}

// ------------------------------------------------------------------------------ execution

/// Operations per write transaction.
const CHUNK: usize = 2_000;

/// Runs `f` on every op, in chunked write transactions, and returns the results in the ops'
/// order. With `jobs > 1` the ops are split into lanes by `lane` (ops of one lane run in
/// order on one connection; lanes at once): give ops that update the same rows the same lane.
/// A chunk that fails is rolled back and retried (a deadlock between lanes), up to 3 times.
fn run<T, R, L, F>(
    state: &AppState,
    jobs: usize,
    ops: &[T],
    lane: L,
    f: F,
) -> anyhow::Result<Vec<R>>
where
    T: Sync,
    R: Send,
    L: Fn(&T, usize) -> usize,
    F: Fn(&mut DbConnection, &T) -> AppResult<R> + Sync,
{
    let jobs = jobs.max(1);
    let mut lanes: Vec<Vec<usize>> = vec![Vec::new(); jobs];
    for (i, op) in ops.iter().enumerate() {
        lanes[lane(op, i) % jobs].push(i);
    }
    let run_lane = |indices: &[usize]| -> anyhow::Result<Vec<(usize, R)>> {
        let mut conn = state.db.get()?;
        let mut out = Vec::with_capacity(indices.len());
        for chunk in indices.chunks(CHUNK) {
            let mut tries = 0;
            let done = loop {
                tries += 1;
                let attempt = prassi_db::write_tx(&mut conn, |c| {
                    chunk
                        .iter()
                        .map(|&i| f(c, &ops[i]).map(|r| (i, r)))
                        .collect::<AppResult<Vec<_>>>()
                });
                match attempt {
                    Ok(done) => break done,
                    Err(e) if tries < 3 => {
                        tracing::warn!(error = %e, "dataset chunk failed; retrying it");
                    }
                    Err(e) => anyhow::bail!("{e}"),
                }
            };
            out.extend(done);
        }
        Ok(out)
    };
    let mut results: Vec<Option<R>> = Vec::new();
    results.resize_with(ops.len(), || None);
    if jobs == 1 {
        for (i, r) in run_lane(&lanes[0])? {
            results[i] = Some(r);
        }
    } else {
        let outs: Vec<anyhow::Result<Vec<(usize, R)>>> = std::thread::scope(|s| {
            let handles: Vec<_> = lanes.iter().map(|l| s.spawn(|| run_lane(l))).collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(anyhow::anyhow!("a dataset lane panicked")))
                })
                .collect()
        });
        for out in outs {
            for (i, r) in out? {
                results[i] = Some(r);
            }
        }
    }
    results
        .into_iter()
        .map(|r| r.ok_or_else(|| anyhow::anyhow!("an operation left no result")))
        .collect()
}

struct QuestionOp {
    author: usize,
    title: String,
    body: String,
    tags: String,
    audience: &'static str,
}

struct AnswerOp {
    question: usize,
    author: usize,
    body: String,
}

struct CommentOp {
    question: usize,
    answer: Option<usize>,
    author: usize,
    body: String,
}

struct VoteOp {
    voter: usize,
    is_question: bool,
    post: usize,
    question: usize,
    author: usize,
    value: i32,
}

struct PageOp {
    author: usize,
    title: String,
    body: String,
    parent: String,
    categories: String,
    audience: &'static str,
}

// ------------------------------------------------------------------------------ members

/// Inserts the members directly with one shared hash of the demo password, then fills their
/// profiles through the service (organisation, expertise, directory consent for 40%).
fn members(
    state: &AppState,
    rng: &mut Rng,
    n: usize,
    password: &str,
) -> anyhow::Result<Vec<Viewer>> {
    let hash =
        prassi_core::password::hash(password).map_err(|e| anyhow::anyhow!("password hash: {e}"))?;
    struct M {
        username: String,
        name: String,
        role: Role,
        org: usize,
        job: &'static str,
        areas: String,
        bio: String,
        consent: bool,
    }
    let all_areas: Vec<&str> = VENETO_THEMES
        .iter()
        .chain(COPIS_TOPICS.iter())
        .copied()
        .collect();
    let list: Vec<M> = (0..n)
        .map(|i| {
            let first = rng.word(FIRST_NAMES);
            let last = rng.word(LAST_NAMES);
            let role = match i % 50 {
                0 if i > 0 => Role::Moderator,
                1..=3 => Role::Expert,
                _ => Role::Member,
            };
            let mut areas: Vec<&str> = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let a = *rng.pick(&all_areas);
                if !areas.contains(&a) {
                    areas.push(a);
                }
            }
            M {
                username: format!("{}.{}{}", first.to_lowercase(), last.to_lowercase(), i + 1),
                name: format!("{first} {last}"),
                role,
                org: rng.skewed(ORGANISATIONS.len(), 1.6),
                job: rng.word(JOBS),
                areas: areas.join(", "),
                bio: paragraph(rng, 1, 2),
                consent: rng.chance(0.4),
            }
        })
        .collect();
    let mut conn = state.db.get()?;
    let viewers = prassi_db::write_tx(&mut conn, |conn| -> AppResult<Vec<Viewer>> {
        let mut orgs = Vec::with_capacity(ORGANISATIONS.len());
        for (name, kind, region) in ORGANISATIONS {
            orgs.push(accounts::find_or_create_organisation(
                conn,
                name,
                *kind,
                Some(*region),
            )?);
        }
        let mut viewers = Vec::with_capacity(list.len());
        for m in &list {
            let email = format!("{}@dataset.prassi.invalid", m.username);
            let id = accounts::insert_confirmed_user(
                conn,
                &m.username,
                &email,
                &m.name,
                &hash,
                m.role,
                Some(&orgs[m.org]),
            )?;
            let (org, kind, region) = ORGANISATIONS[m.org];
            accounts::update_profile(
                conn,
                &id,
                &ProfileInput {
                    display_name: m.name.clone(),
                    organisation: org.into(),
                    organisation_kind: Some(kind.as_str().into()),
                    region: Some(region.into()),
                    job_title: Some(m.job.into()),
                    expertise: Some(m.areas.clone()),
                    bio_md: Some(m.bio.clone()),
                    directory_consent: m.consent,
                },
            )?;
            viewers.push(Viewer::Account(Account {
                id,
                username: m.username.clone(),
                display_name: m.name.clone(),
                role: m.role,
                status: AccountStatus::Active,
                groups: Default::default(),
            }));
        }
        Ok(viewers)
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    if viewers.is_empty() {
        anyhow::bail!("the dataset needs at least one member");
    }
    Ok(viewers)
}

// ------------------------------------------------------------------------------ text

/// SplitMix64: small, fast, and the same sequence on every platform and version.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
    /// In `0..n`, small values likelier: the larger `exp`, the more skewed.
    fn skewed(&mut self, n: usize, exp: f64) -> usize {
        ((self.unit().powf(exp) * n as f64) as usize).min(n.saturating_sub(1))
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(0.35) {
        s.push_str(rng.word(CONNECTORS));
        s.push(' ');
        s.push_str(rng.word(SUBJECTS));
    } else {
        s.push_str(&capitalise(rng.word(SUBJECTS)));
    }
    s.push(' ');
    s.push_str(rng.word(VERBS));
    s.push(' ');
    let object = rng.word(OBJECTS);
    if rng.chance(0.12) {
        s.push_str(&format!("**{object}**"));
    } else {
        s.push_str(object);
    }
    if rng.chance(0.8) {
        s.push(' ');
        s.push_str(rng.word(COMPLEMENTS));
    }
    s.push('.');
    s
}

fn paragraph(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    (0..n).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

/// One to a few paragraphs, sometimes with a list.
fn body(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    let mut parts: Vec<String> = (0..n).map(|_| paragraph(rng, 2, 4)).collect();
    if rng.chance(0.2) {
        let items: Vec<String> = (0..2 + rng.below(3))
            .map(|_| format!("- {} {}", rng.word(OBJECTS), rng.word(COMPLEMENTS)))
            .collect();
        parts.insert(rng.below(parts.len() + 1), items.join("\n"));
    }
    parts.join("\n\n")
}

fn question_title(rng: &mut Rng) -> String {
    let object = rng.word(OBJECTS);
    let complement = rng.word(COMPLEMENTS);
    match rng.below(5) {
        0 => format!("Come {} {object} {complement}?", rng.word(INFINITIVES)),
        1 => format!("Qualcuno ha già {} {object}?", rng.word(PARTICIPLES)),
        2 => format!(
            "Quali criteri usare per {} {object}?",
            rng.word(INFINITIVES)
        ),
        3 => format!("{}: esperienze {complement}?", capitalise(object)),
        _ => format!(
            "È possibile {} {object} {complement}?",
            rng.word(INFINITIVES)
        ),
    }
}

fn comment_text(rng: &mut Rng) -> String {
    let opener = rng.word(COMMENT_OPENERS);
    format!("{opener} {}", sentence(rng))
}

/// A wiki page of 1–5 KB with headings and links to earlier pages (and now and then to one
/// not written yet).
fn page_body(rng: &mut Rng, earlier: &[String]) -> String {
    let mut out = paragraph(rng, 2, 4);
    for _ in 0..1 + rng.below(3) {
        out.push_str(&format!("\n\n## {}\n\n", capitalise(rng.word(OBJECTS))));
        out.push_str(&paragraph(rng, 2, 5));
        if !earlier.is_empty() && rng.chance(0.7) {
            out.push_str(&format!(
                " Vedi anche [[{}]].",
                earlier[rng.below(earlier.len())]
            ));
        }
    }
    if rng.chance(0.1) {
        out.push_str(&format!(
            "\n\nDa scrivere: [[{} (bozza)]].",
            capitalise(rng.word(OBJECTS))
        ));
    }
    out
}

/// The 50 KB page: sections, lists and a table.
fn big_page(rng: &mut Rng) -> String {
    let mut out = String::from(
        "Questa guida raccoglie le esperienze della comunità sulla **co-progettazione** \
         (art. 55 del Codice del Terzo Settore), dalla programmazione alla valutazione.\n",
    );
    let mut section = 1;
    while out.len() < BIG_PAGE_BYTES {
        out.push_str(&format!(
            "\n## {section}. {}\n\n",
            capitalise(rng.word(OBJECTS))
        ));
        for _ in 0..3 {
            out.push_str(&paragraph(rng, 3, 5));
            out.push_str("\n\n");
        }
        if section % 3 == 0 {
            out.push_str("| Fase | Chi | Quando |\n|---|---|---|\n");
            for _ in 0..4 {
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    capitalise(rng.word(OBJECTS)),
                    rng.word(SUBJECTS),
                    rng.word(COMPLEMENTS)
                ));
            }
            out.push('\n');
        } else {
            for _ in 0..3 {
                out.push_str(&format!(
                    "- {} {}\n",
                    rng.word(OBJECTS),
                    rng.word(COMPLEMENTS)
                ));
            }
        }
        section += 1;
    }
    out
}

// ------------------------------------------------------------------------------ vocabulary

const SUBJECTS: &[&str] = &[
    "il nostro comune",
    "la regione",
    "l'ufficio di piano",
    "il responsabile del procedimento",
    "la cabina di regia",
    "il partenariato",
    "l'unione dei comuni",
    "il gruppo di lavoro",
    "la direzione generale",
    "l'ente capofila",
    "il servizio sociale professionale",
    "l'ambito territoriale",
    "la giunta",
    "il nucleo di valutazione",
    "la centrale di committenza",
    "l'ufficio per la transizione digitale",
    "il tavolo di co-progettazione",
    "la rete delle associazioni",
    "il segretario comunale",
    "l'organismo indipendente di valutazione",
];

const VERBS: &[&str] = &[
    "ha avviato",
    "sta valutando",
    "ha sperimentato",
    "deve definire",
    "ha pubblicato",
    "propone",
    "ha concluso",
    "intende rafforzare",
    "ha rivisto",
    "sta ridisegnando",
    "ha finanziato",
    "ha condiviso",
    "sta misurando",
    "ha semplificato",
    "ha affidato",
    "coordina",
    "ha documentato",
    "sta preparando",
];

const OBJECTS: &[&str] = &[
    "un avviso di co-progettazione",
    "la consultazione preliminare di mercato",
    "un sistema di indicatori di outcome",
    "il piano triennale per l'informatica",
    "una convenzione per la gestione associata",
    "il patto di collaborazione per i beni comuni",
    "un appalto pre-commerciale",
    "il bilancio di genere",
    "la mappatura dei servizi digitali",
    "un protocollo con le scuole del territorio",
    "il regolamento sull'amministrazione condivisa",
    "lo sportello unico per le imprese",
    "un contratto pay-by-result",
    "la rendicontazione sociale",
    "il piano integrato di attività e organizzazione",
    "la valutazione d'impatto del progetto",
    "un fondo rotativo per l'economia circolare",
    "la rigenerazione degli spazi dismessi",
    "il lavoro agile negli uffici",
    "un percorso di formazione per i dipendenti",
    "la piattaforma per la partecipazione civica",
    "l'accordo di programma con la provincia",
    "il distretto del commercio",
    "la carta dei servizi",
    "un laboratorio di innovazione sociale",
    "il monitoraggio dei fondi europei",
    "la gestione dei dati aperti",
    "un bando per le imprese sociali",
    "il servizio di assistenza domiciliare",
    "la mobilità sostenibile casa-lavoro",
];

const COMPLEMENTS: &[&str] = &[
    "entro la fine dell'anno",
    "con il supporto di Formez",
    "nell'ambito del PNRR",
    "insieme alle associazioni del territorio",
    "per i servizi sociali",
    "secondo il nuovo codice dei contratti",
    "con risorse del Fondo sociale europeo",
    "in tre comuni pilota",
    "coinvolgendo le università",
    "per le persone più fragili",
    "nella programmazione 2021-2027",
    "senza costi aggiuntivi per l'ente",
    "con un gruppo di esperti esterni",
    "dopo una fase di ascolto dei cittadini",
    "con indicatori condivisi",
    "in collaborazione con la camera di commercio",
    "nei piccoli comuni montani",
    "per ridurre i tempi dei procedimenti",
];

const CONNECTORS: &[&str] = &[
    "Inoltre",
    "Per questo",
    "In pratica",
    "Nella nostra esperienza",
    "D'altra parte",
    "Di conseguenza",
    "Da qualche mese",
    "Come previsto dal bando",
    "Nel frattempo",
    "A nostro avviso",
];

const INFINITIVES: &[&str] = &[
    "avviare",
    "gestire",
    "valutare",
    "rendicontare",
    "finanziare",
    "organizzare",
    "semplificare",
    "monitorare",
    "progettare",
    "rivedere",
];

const PARTICIPLES: &[&str] = &[
    "sperimentato",
    "avviato",
    "gestito",
    "valutato",
    "pubblicato",
    "adottato",
];

const COMMENT_OPENERS: &[&str] = &[
    "Grazie!",
    "Concordo.",
    "Una precisazione:",
    "Domanda:",
    "Utile, grazie.",
    "Da noi è andata diversamente.",
    "Aggiungo una cosa.",
    "Hai un riferimento?",
];

const CATEGORIES: &[&str] = &[
    "Metodo",
    "Temi",
    "Strumenti",
    "Normativa",
    "Esperienze",
    "Valutazione",
    "Digitale",
];

const FIRST_NAMES: &[&str] = &[
    "Marco",
    "Giulia",
    "Luca",
    "Francesca",
    "Andrea",
    "Chiara",
    "Matteo",
    "Sara",
    "Alessandro",
    "Elena",
    "Davide",
    "Valentina",
    "Simone",
    "Martina",
    "Federico",
    "Laura",
    "Stefano",
    "Silvia",
    "Roberto",
    "Paola",
    "Giorgio",
    "Anna",
    "Nicola",
    "Elisa",
    "Paolo",
    "Roberta",
    "Massimo",
    "Cristina",
    "Fabio",
    "Monica",
    "Antonio",
    "Irene",
    "Giovanni",
    "Marta",
    "Riccardo",
    "Alessia",
    "Enrico",
    "Claudia",
    "Michele",
    "Serena",
];

const LAST_NAMES: &[&str] = &[
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "DeLuca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "Martini",
    "Leone",
    "Longo",
    "Gentile",
    "Martinelli",
    "Vitale",
    "Lombardo",
    "Serra",
    "Coppola",
    "DeSantis",
    "Marchetti",
    "Parisi",
    "Villa",
    "Conte",
    "Ferraro",
    "Ferri",
    "Fabbri",
    "Bianco",
    "Marini",
    "Grasso",
    "Valentini",
    "Messina",
];

const JOBS: &[&str] = &[
    "Funzionario amministrativo",
    "Istruttrice direttiva",
    "Responsabile dei servizi sociali",
    "Dirigente del settore sviluppo economico",
    "Assistente sociale",
    "Responsabile della transizione digitale",
    "Project manager fondi europei",
    "Ricercatrice",
    "Coordinatore di cooperativa sociale",
    "Segretario comunale",
    "Esperta di valutazione",
    "Funzionaria dell'ufficio di piano",
];

const ORGANISATIONS: &[(&str, OrganisationKind, &str)] = &[
    (
        "Comune di Verona",
        OrganisationKind::PublicAdministration,
        "Veneto",
    ),
    (
        "Comune di Vicenza",
        OrganisationKind::PublicAdministration,
        "Veneto",
    ),
    (
        "Comune di Treviso",
        OrganisationKind::PublicAdministration,
        "Veneto",
    ),
    (
        "Comune di Bologna",
        OrganisationKind::PublicAdministration,
        "Emilia-Romagna",
    ),
    (
        "Comune di Modena",
        OrganisationKind::PublicAdministration,
        "Emilia-Romagna",
    ),
    (
        "Comune di Parma",
        OrganisationKind::PublicAdministration,
        "Emilia-Romagna",
    ),
    (
        "Comune di Milano",
        OrganisationKind::PublicAdministration,
        "Lombardia",
    ),
    (
        "Comune di Bergamo",
        OrganisationKind::PublicAdministration,
        "Lombardia",
    ),
    (
        "Comune di Torino",
        OrganisationKind::PublicAdministration,
        "Piemonte",
    ),
    (
        "Comune di Firenze",
        OrganisationKind::PublicAdministration,
        "Toscana",
    ),
    (
        "Comune di Napoli",
        OrganisationKind::PublicAdministration,
        "Campania",
    ),
    (
        "Comune di Bari",
        OrganisationKind::PublicAdministration,
        "Puglia",
    ),
    (
        "Comune di Palermo",
        OrganisationKind::PublicAdministration,
        "Sicilia",
    ),
    (
        "Comune di Cagliari",
        OrganisationKind::PublicAdministration,
        "Sardegna",
    ),
    (
        "Comune di Trento",
        OrganisationKind::PublicAdministration,
        "Trentino-Alto Adige",
    ),
    (
        "Regione Lombardia",
        OrganisationKind::PublicAdministration,
        "Lombardia",
    ),
    (
        "Regione Toscana",
        OrganisationKind::PublicAdministration,
        "Toscana",
    ),
    (
        "Regione Puglia",
        OrganisationKind::PublicAdministration,
        "Puglia",
    ),
    (
        "Regione Siciliana",
        OrganisationKind::PublicAdministration,
        "Sicilia",
    ),
    (
        "Unione dei Comuni della Bassa Romagna",
        OrganisationKind::PublicAdministration,
        "Emilia-Romagna",
    ),
    (
        "ASL Roma 1",
        OrganisationKind::PublicAdministration,
        "Lazio",
    ),
    ("INPS", OrganisationKind::PublicAdministration, "Lazio"),
    (
        "Università di Bologna",
        OrganisationKind::UniversityResearch,
        "Emilia-Romagna",
    ),
    (
        "Politecnico di Milano",
        OrganisationKind::UniversityResearch,
        "Lombardia",
    ),
    (
        "Università di Padova",
        OrganisationKind::UniversityResearch,
        "Veneto",
    ),
    (
        "Università Federico II",
        OrganisationKind::UniversityResearch,
        "Campania",
    ),
    (
        "Cooperativa sociale Il Ponte",
        OrganisationKind::ThirdSector,
        "Veneto",
    ),
    (
        "Fondazione Comunità Solidale",
        OrganisationKind::ThirdSector,
        "Lombardia",
    ),
    (
        "Associazione Reti di Quartiere",
        OrganisationKind::ThirdSector,
        "Piemonte",
    ),
    (
        "Consorzio Servizi Digitali",
        OrganisationKind::Company,
        "Lazio",
    ),
];
