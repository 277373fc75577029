//! The Q&A part of the generated dataset (`prassi demo --size`): questions, answers,
//! comments, votes and accepted answers by the generated members, with the big question (30
//! answers, 60 comments) and a few heavy ones (hundreds of answers) that the benchmark's
//! question pages show.
//!
//! Everything that carries a counter goes through the real service functions
//! (`service::{ask, answer, comment, accept}`), so scores, answer counts and whatever else the
//! services maintain are right by construction — except the votes: through `service::vote`
//! they cost ten statements each, so they are written in bulk and every counter a vote moves
//! is moved by the same amounts ([`votes_in_bulk`]); the recount at the end proves it.
//! On PostgreSQL the work is split into lanes that run on several pooled connections at once,
//! partitioned so that two lanes never update the same row (a chunk that still meets a
//! deadlock is retried whole): questions by audience (their counts are per audience), answers
//! by audience and circle (a question is answered by the members of its circle, [`answerer`])
//! after the first answer of each question (which moves the unanswered counts), comments by
//! question, votes and acceptances by the post's author.

use prassi_db::OneOfExt;
use std::collections::{HashMap, HashSet};

use diesel::prelude::*;
use diesel::sql_types::Text;
use prassi_core::access::{Phase, Viewer};
use prassi_core::demo::{body, capitalise, sentence, Dataset, Lanes, Rng, COMPLEMENTS, OBJECTS};
use prassi_core::AppResult;
use prassi_db::{AnswerId, DbConnection, PostKind, QuestionId, TagId, UserId};

use super::{Shape, TAGS};
use crate::service::{self as qa, QuestionInput};

/// Answers and comments of the big question, the one the benchmark's question page shows.
pub const BIG_ANSWERS: usize = 30;
pub const BIG_COMMENTS: usize = 60;
/// The big question's title.
pub const BIG_TITLE: &str =
    "Co-progettazione con il Terzo Settore: come organizzare i tavoli e valutare le proposte?";

/// Generates the Q&A part, then compares the counters the services maintained with their
/// recount (and keeps the recount). Adds the benchmark pages `big-question`, `heavy-question`
/// (each) and `tag-page`.
pub(super) fn dataset(run: &mut Dataset<'_>) -> anyhow::Result<()> {
    let shape = Shape::of(run.size);
    let lanes = run.lanes;
    let members: &[Viewer] = &run.members;
    if members.is_empty() {
        anyhow::bail!("the Q&A dataset needs the generated members");
    }
    let rng = &mut run.rng;

    // ---- questions
    let question_ops: Vec<QuestionOp> = (0..shape.questions)
        .map(|i| {
            let author = if i == 0 {
                1 % members.len()
            } else {
                rng.skewed(members.len(), 1.8)
            };
            let title = if i == 0 {
                BIG_TITLE.to_owned()
            } else {
                question_title(rng)
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
                body: body(rng, 1, 3),
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
    let questions: Vec<QuestionId> = lanes.write(
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
    run.timer.done("questions", questions.len());

    // ---- answers: the big question 30, the heavy ones hundreds, 15% none, the rest skewed
    let n_q = questions.len();
    let mut per_question = vec![0usize; n_q];
    per_question[0] = BIG_ANSWERS.min(shape.answers);
    let heavy: Vec<usize> = (1..=shape.heavy.len()).filter(|&q| q < n_q).collect();
    for (&q, &n) in heavy.iter().zip(shape.heavy) {
        per_question[q] = n;
    }
    let fixed: usize = per_question.iter().sum();
    let mut ordinary: Vec<usize> = (heavy.len() + 1..n_q)
        .filter(|_| !rng.chance(0.15))
        .collect();
    rng.shuffle(&mut ordinary);
    if !ordinary.is_empty() {
        for _ in 0..shape.answers.saturating_sub(fixed) {
            per_question[ordinary[rng.skewed(ordinary.len(), 1.3)]] += 1;
        }
    }
    let circles = CIRCLES.min(members.len() / 2).max(1);
    let mut answer_ops: Vec<AnswerOp> = Vec::with_capacity(shape.answers);
    for (q, &n) in per_question.iter().enumerate() {
        for _ in 0..n {
            answer_ops.push(AnswerOp {
                question: q,
                author: answerer(rng, members.len(), circles, q, question_ops[q].author),
                body: body(rng, 1, 4),
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
    let first_ids = lanes.write(&first, |&i, _| lane_of(answer_ops[i].question), answer)?;
    let rest_ids = lanes.write(
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
    run.timer.done("answers", answers.len());
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
    let mut comment_ops: Vec<CommentOp> = Vec::with_capacity(shape.comments);
    for k in 0..BIG_COMMENTS.min(shape.comments) {
        let answer = if k < 6 || big_answers.is_empty() {
            None
        } else {
            Some(big_answers[(k - 6) % big_answers.len()])
        };
        comment_ops.push(CommentOp {
            question: 0,
            answer,
            author: rng.below(members.len()),
            body: comment_text(rng),
        });
    }
    while comment_ops.len() < shape.comments && !answer_ops.is_empty() {
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
            body: comment_text(rng),
        });
    }
    let comments = lanes.write(
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
    run.timer.done("comments", comments.len());

    // ---- votes: one per member and post, never on one's own; a few members attract
    // down-votes, so some scores and reputations end negative
    let mut seen: HashSet<(usize, bool, usize)> = HashSet::with_capacity(shape.votes);
    let mut vote_ops: Vec<VoteOp> = Vec::with_capacity(shape.votes);
    let contrarian = |m: usize| m % 23 == 7;
    // The big question and its answers get a believable spread first.
    let big_targets: Vec<(bool, usize)> = std::iter::once((true, 0))
        .chain(big_answers.iter().map(|&a| (false, a)))
        .collect();
    let mut attempts = 0usize;
    while vote_ops.len() < shape.votes && attempts < shape.votes * 20 {
        attempts += 1;
        let (is_question, post) = if vote_ops.len() < 400.min(shape.votes / 4) {
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
    let votes = votes_in_bulk(lanes, &vote_ops, members, &questions, &answers)?;
    run.timer.done("votes", votes);

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
    let accepted = lanes.write(
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
    run.timer.done("accepted answers", accepted.len());

    // ---- counters: the services kept them; prove it against a recount (and keep the recount)
    let mut conn = lanes.state.db.get()?;
    let counters_consistent = prassi_db::write_tx(&mut conn, |c| -> AppResult<bool> {
        let maintained = crate::counters::snapshot(c)?;
        crate::counters::recompute(c)?;
        Ok(maintained == crate::counters::snapshot(c)?)
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    drop(conn);
    if !counters_consistent {
        tracing::warn!("maintained Q&A counters differed from their recount; the recount is kept");
    }
    run.timer
        .done("counters check", usize::from(counters_consistent));
    run.recounts.push(("Q&A counters", counters_consistent));

    run.pages
        .push(("big-question", qa::question_url(&questions[0], BIG_TITLE)));
    for &q in &heavy {
        run.pages.push((
            "heavy-question",
            qa::question_url(&questions[q], &question_ops[q].title),
        ));
    }
    run.pages
        .push(("tag-page", format!("/qa/tags/{}", TAGS[0].0)));
    Ok(())
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
/// `service::vote` would move it (the same points, from
/// `crate::counters::vote_points`): the posts' scores, the authors' reputation in the
/// question's audience and, for answers, their score under each of the question's tags.
/// Through the service a vote costs about ten statements; here 240,000 cost a few hundred.
/// The generator never makes a vote `vote` would refuse (one's own post, a second vote on a
/// post: the primary key would refuse that too). On PostgreSQL the votes are split into
/// `lanes.jobs` lanes by the post's author, each one write transaction on its own connection: every
/// row a vote writes or moves is its post's or its post author's, so the lanes never meet.
/// Returns the votes written.
fn votes_in_bulk(
    lanes: Lanes<'_>,
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
    let state = lanes.state;
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

    let jobs = lanes.jobs.max(1);
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
            .or_default() += crate::counters::vote_points(kind, op.value);
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
                    diesel::update(q::table.filter(q::id.one_of(ids)))
                        .set(q::score.eq(q::score + *amount))
                        .execute(c)?;
                }
            }
            for (amount, posts) in &answer_scores {
                for chunk in posts.chunks(1_000) {
                    let ids: Vec<&AnswerId> = chunk.iter().map(|&i| &answers[i]).collect();
                    diesel::update(a::table.filter(a::id.one_of(ids)))
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

// ------------------------------------------------------------------------------ operations

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

// ------------------------------------------------------------------------------ text

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

// ------------------------------------------------------------------------------ vocabulary

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
