-- Notifications (prassi-notifications): what each member was told, how closely they follow
-- items, and where they want to hear about each kind of event.

-- One row per event and recipient: the unique key makes delivery exactly once, however often
-- the worker retries. `audience` is the item's audience when it was delivered (the unread
-- count filters by it); pages re-check the item's current audience before showing it.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES notification_events (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    audience TEXT NOT NULL CHECK (audience IN ('public', 'members') OR audience LIKE 'group:_%'),
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    UNIQUE (event_id, user_id)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);
CREATE INDEX notifications_unread_idx ON notifications (user_id, created_at) WHERE read_at IS NULL;
CREATE INDEX notifications_item_idx ON notifications (item_kind, item_id, kind);

-- How closely a member follows an item: `watching` (every event), `normal` (what is about
-- them), `muted` (nothing, not even as a participant).
CREATE TABLE notification_watches (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_kind TEXT NOT NULL CHECK (item_kind IN
        ('question', 'discussion', 'forum_category', 'tag', 'wiki_page', 'group')),
    item_id TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('watching', 'normal', 'muted')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, item_kind, item_id)
);
CREATE INDEX notification_watches_item_idx ON notification_watches (item_kind, item_id, level);

-- Where a member hears about a kind of event; without a row, the kind's default.
CREATE TABLE notification_preferences (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('web', 'email', 'digest', 'off')),
    PRIMARY KEY (user_id, kind)
);
