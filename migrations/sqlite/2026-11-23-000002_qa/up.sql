-- Q&A: questions with tags, answers, comments, votes, edit history and expert invitations.
-- Scores and answer counts are kept by conditional updates in the same transaction as the
-- vote or answer that changes them; the unique index on votes makes "one vote per member".

CREATE TABLE tags (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX tags_name_key ON tags (name);

CREATE TABLE questions (
    id TEXT PRIMARY KEY NOT NULL,
    author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL,
    audience TEXT NOT NULL,
    score INTEGER NOT NULL,
    answer_count INTEGER NOT NULL,
    accepted_answer_id TEXT,
    closed_reason TEXT CHECK (closed_reason IN ('duplicate', 'off_topic')),
    closed_note TEXT,
    duplicate_of TEXT REFERENCES questions (id) ON DELETE SET NULL,
    closed_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    closed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    last_activity_at TIMESTAMP NOT NULL
);
CREATE INDEX questions_audience_created_idx ON questions (audience, created_at);
CREATE INDEX questions_activity_idx ON questions (last_activity_at);
CREATE INDEX questions_author_idx ON questions (author_id);

CREATE TABLE question_tags (
    question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    tag_id TEXT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (question_id, tag_id)
);
CREATE INDEX question_tags_tag_idx ON question_tags (tag_id);

CREATE TABLE answers (
    id TEXT PRIMARY KEY NOT NULL,
    question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body_md TEXT NOT NULL,
    score INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX answers_question_idx ON answers (question_id);
CREATE INDEX answers_author_idx ON answers (author_id);

CREATE TABLE qa_comments (
    id TEXT PRIMARY KEY NOT NULL,
    question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    answer_id TEXT REFERENCES answers (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX qa_comments_question_idx ON qa_comments (question_id);

CREATE TABLE qa_votes (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    post_kind TEXT NOT NULL CHECK (post_kind IN ('question', 'answer')),
    post_id TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value IN (-1, 1)),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, post_kind, post_id)
);
CREATE INDEX qa_votes_post_idx ON qa_votes (post_kind, post_id);

CREATE TABLE qa_revisions (
    id TEXT PRIMARY KEY NOT NULL,
    post_kind TEXT NOT NULL CHECK (post_kind IN ('question', 'answer')),
    post_id TEXT NOT NULL,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    title TEXT,
    body_md TEXT NOT NULL,
    tags TEXT,
    summary TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX qa_revisions_post_idx ON qa_revisions (post_kind, post_id, created_at);

CREATE TABLE expert_invitations (
    question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    expert_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invited_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (question_id, expert_id)
);
