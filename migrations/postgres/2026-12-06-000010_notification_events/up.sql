-- What happened, to which item, by whom: written by the modules inside the transaction that
-- makes the change (prassi_core::notify::record), so an event exists exactly when its change
-- does. The notifications module will read these rows to tell members; until then they are
-- only stored. `kind` is an open vocabulary (each module adds its own, typed in Rust as
-- prassi_core::notify::EventKind), so it has no CHECK; `item_id` names a row of the table
-- `item_kind` says, so it has no foreign key either.
CREATE TABLE notification_events (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    item_kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    audience TEXT NOT NULL CHECK (audience IN ('public', 'members') OR audience LIKE 'group:_%'),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX notification_events_created_idx ON notification_events (created_at);
CREATE INDEX notification_events_item_idx ON notification_events (item_kind, item_id);
