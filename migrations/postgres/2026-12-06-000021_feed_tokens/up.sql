-- A member's personal Atom feed key (prassi-notifications, feeds): only its SHA-256 is kept.
-- One key per member; making a new one replaces the old, deleting it revokes it. Feed readers
-- cannot sign in, so a feed URL carrying the key reads as its member, checked at every request.
CREATE TABLE feed_tokens (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX feed_tokens_hash_key ON feed_tokens (token_hash);
