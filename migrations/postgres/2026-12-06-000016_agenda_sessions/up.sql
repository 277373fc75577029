-- The agenda's meeting itself (the Veneto format): question time, networking tables,
-- feedback after the event, and the report published to the wiki.

-- Questions participants send before and during the event; others support them.
CREATE TABLE agenda_questions (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    body TEXT NOT NULL,
    -- Kept in the transaction that adds or removes a support.
    support_count BIGINT NOT NULL DEFAULT 0 CHECK (support_count >= 0),
    -- The organisers' order for question time (NULL: not ordered yet, after the ordered ones).
    position INTEGER,
    status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'hidden')),
    answer_md TEXT NOT NULL DEFAULT '',
    answered_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    answered_at TIMESTAMP,
    -- The Q&A question it became.
    qa_question_id TEXT REFERENCES questions (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX agenda_questions_event_idx ON agenda_questions (event_id, status, support_count);

CREATE TABLE agenda_question_supports (
    question_id TEXT NOT NULL REFERENCES agenda_questions (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (question_id, user_id)
);

-- Networking tables: a topic, a facilitator, seats, and the outcomes the facilitator writes.
CREATE TABLE agenda_tables (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    topic TEXT NOT NULL,
    facilitator_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    seats BIGINT CHECK (seats IS NULL OR seats >= 0),
    seated_count BIGINT NOT NULL DEFAULT 0,
    outcomes_md TEXT NOT NULL DEFAULT '',
    outcomes_at TIMESTAMP,
    CHECK (seated_count >= 0),
    CHECK (seats IS NULL OR seated_count <= seats)
);
CREATE INDEX agenda_tables_event_idx ON agenda_tables (event_id, position);

-- Who sits at which table: one table per participant and event.
CREATE TABLE agenda_table_seats (
    event_id TEXT NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    table_id TEXT NOT NULL REFERENCES agenda_tables (id) ON DELETE CASCADE,
    -- 'chosen' by the participant or 'assigned' by the organisers.
    how TEXT NOT NULL CHECK (how IN ('chosen', 'assigned')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX agenda_table_seats_table_idx ON agenda_table_seats (table_id);

-- Feedback after the event: one per attendee, a rating from 1 to 5 and a comment.
CREATE TABLE agenda_feedback (
    event_id TEXT NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_id, user_id)
);

-- Stored summaries the pages show, kept by the transactions that change them.
ALTER TABLE agenda_events ADD COLUMN feedback_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agenda_events ADD COLUMN rating_sum BIGINT NOT NULL DEFAULT 0;
ALTER TABLE agenda_events ADD COLUMN question_count BIGINT NOT NULL DEFAULT 0;
-- The wiki page the report was published to.
ALTER TABLE agenda_events ADD COLUMN report_page_id TEXT REFERENCES wiki_pages (id) ON DELETE SET NULL;
