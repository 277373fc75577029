-- The agenda (prassi-agenda): community events with their programme, organisers, partners and
-- linked activities, registrations with seats and a waiting list, and members' calendar feeds.

CREATE TABLE agenda_events (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    description_md TEXT NOT NULL,
    theme TEXT NOT NULL DEFAULT '',
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
    venue TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL,
    group_id TEXT REFERENCES work_groups (id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'postponed', 'cancelled')),
    capacity BIGINT CHECK (capacity IS NULL OR capacity >= 0),
    registered_count BIGINT NOT NULL DEFAULT 0,
    waiting_count BIGINT NOT NULL DEFAULT 0,
    registration_opens_at TIMESTAMP,
    registration_closes_at TIMESTAMP,
    -- iCalendar SEQUENCE: bumped by every change a calendar must pick up.
    sequence INTEGER NOT NULL DEFAULT 0,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (ends_at > starts_at),
    CHECK (registered_count >= 0 AND waiting_count >= 0),
    -- Seats are never oversold: the last line of defence behind the conditional updates.
    CHECK (capacity IS NULL OR registered_count <= capacity)
);
CREATE INDEX agenda_events_start_idx ON agenda_events (starts_at, id);
CREATE INDEX agenda_events_group_idx ON agenda_events (group_id, starts_at);
CREATE INDEX agenda_events_theme_idx ON agenda_events (theme, starts_at);

CREATE TABLE agenda_organisers (
    event_id TEXT NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX agenda_organisers_user_idx ON agenda_organisers (user_id, event_id);

CREATE TABLE agenda_registrations (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('registered', 'waiting', 'cancelled')),
    -- The participant chose to appear in the public list of participants.
    show_publicly BOOLEAN NOT NULL DEFAULT FALSE,
    attended BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    promoted_at TIMESTAMP,
    cancelled_at TIMESTAMP,
    reminded_at TIMESTAMP
);
-- One live registration (or place in the waiting list) per member and event.
CREATE UNIQUE INDEX agenda_registrations_live_key ON agenda_registrations (event_id, user_id)
    WHERE status <> 'cancelled';
-- The waiting list in order, and the participants list.
CREATE INDEX agenda_registrations_queue_idx ON agenda_registrations (event_id, status, created_at, id);
CREATE INDEX agenda_registrations_user_idx ON agenda_registrations (user_id, created_at);

CREATE TABLE agenda_blocks (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('introduction', 'talk', 'question_time',
        'tables_presentation', 'tables', 'feedback', 'break', 'other')),
    starts_at TIMESTAMP NOT NULL,
    duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),
    title TEXT NOT NULL
);
CREATE UNIQUE INDEX agenda_blocks_position_key ON agenda_blocks (event_id, position);

CREATE TABLE agenda_speakers (
    id TEXT PRIMARY KEY NOT NULL,
    block_id TEXT NOT NULL REFERENCES agenda_blocks (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    affiliation TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_speakers_block_idx ON agenda_speakers (block_id, position);

CREATE TABLE agenda_partners (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    city TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_partners_event_idx ON agenda_partners (event_id, position);

CREATE TABLE agenda_links (
    id TEXT PRIMARY KEY NOT NULL,
    event_id TEXT NOT NULL REFERENCES agenda_events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    happens_on TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_links_event_idx ON agenda_links (event_id, position);

-- A member's personal calendar feed: the SHA-256 of a secret token (calendar apps cannot sign in).
CREATE TABLE agenda_feed_tokens (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX agenda_feed_tokens_hash_key ON agenda_feed_tokens (token_hash);
