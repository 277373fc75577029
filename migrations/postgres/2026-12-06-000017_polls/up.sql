-- Polls (issue 14): a question with 2 to 20 options, single, multiple or ranked choice, an
-- audience, when results are shown, secret ballots and the decision records of closed polls.

CREATE TABLE polls (
    id TEXT PRIMARY KEY NOT NULL,
    question TEXT NOT NULL,
    description_md TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'ranked')),
    min_choices INTEGER NOT NULL,
    max_choices INTEGER NOT NULL,
    -- 'public', 'members' or 'group:<id>' (prassi_core::access::Audience).
    audience TEXT NOT NULL,
    group_id TEXT REFERENCES work_groups (id) ON DELETE SET NULL,
    show_voters BOOLEAN NOT NULL,
    results_visibility TEXT NOT NULL
        CHECK (results_visibility IN ('always', 'after_vote', 'after_close', 'organisers')),
    allow_change BOOLEAN NOT NULL,
    secret BOOLEAN NOT NULL,
    -- Chosen by moderators for the home page.
    on_home BOOLEAN NOT NULL DEFAULT FALSE,
    closes_at TIMESTAMP,
    -- When the poll was closed (early, or when its close date passed): results are final.
    closed_at TIMESTAMP,
    -- Moved in the transaction that records a ballot.
    voter_count BIGINT NOT NULL DEFAULT 0 CHECK (voter_count >= 0),
    -- Who could read the poll when it closed, counted then.
    eligible_count BIGINT,
    -- The instant-runoff rounds (JSON), counted once when a ranked poll closes.
    ranked_rounds TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (min_choices >= 1 AND min_choices <= max_choices AND max_choices <= 20),
    -- A secret ballot never shows voters and never lets a vote change.
    CHECK (NOT secret OR (NOT show_voters AND NOT allow_change))
);
CREATE INDEX polls_created_idx ON polls (created_at, id);
CREATE INDEX polls_home_idx ON polls (on_home, closed_at, created_at);

CREATE TABLE poll_options (
    id TEXT PRIMARY KEY NOT NULL,
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    -- Moved in the transaction that records a named ballot; for a secret ballot, counted once
    -- at closing.
    vote_count BIGINT NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
    UNIQUE (poll_id, position)
);

-- Named ballots: one per member and poll (the primary key is the rule). `choices` holds the
-- chosen options' positions, in order of preference for a ranked poll (`2,0,1`).
CREATE TABLE poll_votes (
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    choices TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (poll_id, user_id)
);

-- Secret ballots, in two tables with nothing that links them: who took part (so nobody votes
-- twice) and what the ballots say. No user, no shared id, no time; the ballot key is random
-- and the ballots are rewritten in random order when the poll closes (docs/polls.md).
CREATE TABLE poll_participants (
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (poll_id, user_id)
);

CREATE TABLE poll_secret_ballots (
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (poll_id, id)
);

-- What was decided after a poll closed. Append-only: a correction is a new entry naming the
-- one it corrects (each entry is corrected at most once, so the record is one line).
CREATE TABLE poll_decisions (
    id TEXT PRIMARY KEY NOT NULL,
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    decision_md TEXT NOT NULL,
    -- Who decided (a body, a role, people), as written.
    deciders TEXT NOT NULL,
    -- The day of the decision, YYYY-MM-DD.
    decided_on TEXT NOT NULL,
    turnout BIGINT NOT NULL,
    eligible BIGINT NOT NULL,
    corrects_id TEXT UNIQUE REFERENCES poll_decisions (id) ON DELETE CASCADE,
    recorded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX poll_decisions_poll_idx ON poll_decisions (poll_id, recorded_at);
-- One first entry per poll; every later one corrects the latest.
CREATE UNIQUE INDEX poll_decisions_first_idx ON poll_decisions (poll_id) WHERE corrects_id IS NULL;

CREATE FUNCTION prassi_poll_decisions_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'poll decisions are append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER poll_decisions_append_only
BEFORE UPDATE OF id, poll_id, decision_md, deciders, decided_on, turnout, eligible, corrects_id, recorded_at
ON poll_decisions
FOR EACH ROW EXECUTE FUNCTION prassi_poll_decisions_append_only();
