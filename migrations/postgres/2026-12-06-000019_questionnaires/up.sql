-- Questionnaires (issue 14): sections of questions of seven kinds, an audience, open and close
-- dates, anonymous or named answers, one response per member (a draft until submitted), and
-- per-question counters moved in the transaction that submits a response.

CREATE TABLE questionnaires (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    description_md TEXT NOT NULL DEFAULT '',
    -- 'public', 'members' or 'group:<id>' (prassi_core::access::Audience).
    audience TEXT NOT NULL,
    group_id TEXT REFERENCES work_groups (id) ON DELETE SET NULL,
    -- Answers are never shown or exported with the respondent's name (docs/polls.md).
    anonymous BOOLEAN NOT NULL,
    -- A submitted response may be changed until the questionnaire closes.
    allow_edit BOOLEAN NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP,
    -- Closed early by an organiser.
    closed_at TIMESTAMP,
    -- Everyone who reads the questionnaire sees its results.
    results_published BOOLEAN NOT NULL DEFAULT FALSE,
    -- Submitted responses, moved in the transaction that submits one.
    response_count BIGINT NOT NULL DEFAULT 0 CHECK (response_count >= 0),
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (closes_at IS NULL OR closes_at > opens_at)
);
CREATE INDEX questionnaires_created_idx ON questionnaires (created_at, id);

CREATE TABLE questionnaire_sections (
    id TEXT PRIMARY KEY NOT NULL,
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    intro_md TEXT NOT NULL DEFAULT '',
    UNIQUE (questionnaire_id, position)
);

CREATE TABLE questionnaire_questions (
    id TEXT PRIMARY KEY NOT NULL,
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    section_id TEXT NOT NULL REFERENCES questionnaire_sections (id) ON DELETE CASCADE,
    -- The order in the whole questionnaire (sections in order, then questions).
    position INTEGER NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('single', 'multiple', 'short_text', 'long_text', 'scale', 'date', 'matrix')),
    text TEXT NOT NULL,
    help TEXT NOT NULL DEFAULT '',
    required BOOLEAN NOT NULL,
    -- Multiple choice: the fewest and most options an answer names.
    min_choices INTEGER,
    max_choices INTEGER,
    -- Scale: 1 to 5 or 1 to 10, with labels for the ends.
    scale_max INTEGER CHECK (scale_max IS NULL OR scale_max IN (5, 10)),
    scale_min_label TEXT NOT NULL DEFAULT '',
    scale_max_label TEXT NOT NULL DEFAULT '',
    -- Submitted responses that answer the question, and (scale) the sum of their values.
    answer_count BIGINT NOT NULL DEFAULT 0 CHECK (answer_count >= 0),
    value_sum BIGINT NOT NULL DEFAULT 0 CHECK (value_sum >= 0),
    UNIQUE (questionnaire_id, position)
);
CREATE INDEX questionnaire_questions_section_idx ON questionnaire_questions (section_id);

-- The options of a choice question ('choice'), and the rows and columns of a matrix.
CREATE TABLE questionnaire_options (
    id TEXT PRIMARY KEY NOT NULL,
    question_id TEXT NOT NULL REFERENCES questionnaire_questions (id) ON DELETE CASCADE,
    axis TEXT NOT NULL CHECK (axis IN ('choice', 'row', 'column')),
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    UNIQUE (question_id, axis, position)
);

-- The stored counts of submitted answers: for a choice question (row 0, the option's
-- position), a scale (row 0, the value) and a matrix (the row's position, the column's).
-- Made with the question at zero; moved in the transaction that submits or edits a response.
CREATE TABLE questionnaire_tallies (
    question_id TEXT NOT NULL REFERENCES questionnaire_questions (id) ON DELETE CASCADE,
    row_index INTEGER NOT NULL,
    choice INTEGER NOT NULL,
    tally BIGINT NOT NULL DEFAULT 0 CHECK (tally >= 0),
    PRIMARY KEY (question_id, row_index, choice)
);

-- One response per member and questionnaire (the unique key is the rule), a draft until
-- submitted. The respondent is kept on the row even for anonymous questionnaires, to enforce
-- that rule and let them finish a draft; pages and exports never show it (docs/polls.md).
CREATE TABLE questionnaire_responses (
    id TEXT PRIMARY KEY NOT NULL,
    questionnaire_id TEXT NOT NULL REFERENCES questionnaires (id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP,
    UNIQUE (questionnaire_id, user_id)
);
CREATE INDEX questionnaire_responses_status_idx ON questionnaire_responses (questionnaire_id, status);

-- An answer: a choice's position, several (`0,2`), a scale value, a text, a date
-- (YYYY-MM-DD) or a matrix's column per row (`1,,0`).
CREATE TABLE questionnaire_answers (
    response_id TEXT NOT NULL REFERENCES questionnaire_responses (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL REFERENCES questionnaire_questions (id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    PRIMARY KEY (response_id, question_id)
);
CREATE INDEX questionnaire_answers_question_idx ON questionnaire_answers (question_id);
