-- Counters that Q&A and forum pages show, kept in the transaction that moves them (prassi-qa's
-- counters module, the forum's service) instead of being aggregated over every vote and question per view.

-- Per member and audience: reputation (by the published rule), questions, answers and
-- answers accepted on other members' questions.
CREATE TABLE qa_member_stats (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    reputation BIGINT NOT NULL DEFAULT 0,
    questions BIGINT NOT NULL DEFAULT 0,
    answers BIGINT NOT NULL DEFAULT 0,
    accepted BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, audience)
);

-- Per audience and tag ('' for all questions): questions, and those still unanswered (no
-- answer and not closed).
CREATE TABLE qa_counts (
    audience TEXT NOT NULL,
    tag_id TEXT NOT NULL,
    questions BIGINT NOT NULL DEFAULT 0,
    unanswered BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (audience, tag_id)
);

-- Per tag, member and audience: answers given to questions with the tag and their total
-- score (the tag page's "top answerers").
CREATE TABLE qa_tag_answerers (
    tag_id TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    audience TEXT NOT NULL,
    answers BIGINT NOT NULL DEFAULT 0,
    score BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (tag_id, user_id, audience)
);

-- The values for what is already stored; the same statements as prassi_qa::counters::recompute.
INSERT INTO qa_member_stats (user_id, audience, reputation, questions, answers, accepted)
SELECT user_id, audience, SUM(rep), SUM(qs), SUM(ans), SUM(acc) FROM (
    SELECT q.author_id AS user_id, q.audience AS audience,
           CASE WHEN v.value > 0 THEN 5 ELSE -2 END AS rep, 0 AS qs, 0 AS ans, 0 AS acc
      FROM qa_votes v JOIN questions q ON q.id = v.post_id
     WHERE v.post_kind = 'question' AND v.value <> 0
    UNION ALL
    SELECT a.author_id, q.audience, CASE WHEN v.value > 0 THEN 10 ELSE -2 END, 0, 0, 0
      FROM qa_votes v JOIN answers a ON a.id = v.post_id JOIN questions q ON q.id = a.question_id
     WHERE v.post_kind = 'answer' AND v.value <> 0
    UNION ALL
    SELECT a.author_id, q.audience, 15, 0, 0, 1
      FROM questions q JOIN answers a ON a.id = q.accepted_answer_id
     WHERE a.author_id <> q.author_id
    UNION ALL
    SELECT author_id, audience, 0, 1, 0, 0 FROM questions
    UNION ALL
    SELECT a.author_id, q.audience, 0, 0, 1, 0
      FROM answers a JOIN questions q ON q.id = a.question_id
) s GROUP BY user_id, audience;

INSERT INTO qa_counts (audience, tag_id, questions, unanswered)
SELECT audience, '', COUNT(*),
       SUM(CASE WHEN answer_count = 0 AND closed_reason IS NULL THEN 1 ELSE 0 END)
  FROM questions GROUP BY audience;

INSERT INTO qa_counts (audience, tag_id, questions, unanswered)
SELECT q.audience, qt.tag_id, COUNT(*),
       SUM(CASE WHEN q.answer_count = 0 AND q.closed_reason IS NULL THEN 1 ELSE 0 END)
  FROM questions q JOIN question_tags qt ON qt.question_id = q.id
 GROUP BY q.audience, qt.tag_id;

INSERT INTO qa_tag_answerers (tag_id, user_id, audience, answers, score)
SELECT qt.tag_id, a.author_id, q.audience, COUNT(*), SUM(a.score)
  FROM answers a JOIN questions q ON q.id = a.question_id
  JOIN question_tags qt ON qt.question_id = q.id
 GROUP BY qt.tag_id, a.author_id, q.audience;

-- The lists' orders, walked from the newest (or best) row and stopped after a page, instead of
-- sorting every visible question per view. The audience is filtered during the walk: an index
-- led by the audience tempted SQLite's planner (without statistics) to fetch every visible
-- question and sort them, and the visible counts now come from qa_counts.
DROP INDEX questions_audience_created_idx;
DROP INDEX questions_activity_idx;
CREATE INDEX questions_created_idx ON questions (created_at, id);
CREATE INDEX questions_active_idx ON questions (last_activity_at, id);
CREATE INDEX questions_score_idx ON questions (score, created_at);
CREATE INDEX questions_unanswered_idx ON questions (created_at, id)
    WHERE answer_count = 0 AND closed_reason IS NULL;

-- Discussions per forum category, moved when a discussion is started or moved.
ALTER TABLE forum_categories ADD COLUMN discussion_count BIGINT NOT NULL DEFAULT 0;
UPDATE forum_categories SET discussion_count =
    (SELECT COUNT(*) FROM discussions d WHERE d.category_id = forum_categories.id);

-- The question page counts the revisions of its posts by id (both kinds at once): without an
-- index led by the id that was a scan of every revision per view.
CREATE INDEX qa_revisions_post_id_idx ON qa_revisions (post_id);
