-- Reply by email (prassi-notifications, mail). Each notification email carries its own reply
-- address, `<local>+<token>@<domain>`; only the token's SHA-256 is kept, with the member it
-- was sent to and the item a reply goes under. A token works once: `used_at` is set by a
-- conditional update in the transaction that posts the reply. `item_id` names a row of the
-- table `item_kind` says, so it has no foreign key; a reply to an item that is gone is refused.
CREATE TABLE mail_reply_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    item_kind TEXT NOT NULL CHECK (item_kind IN ('question', 'answer', 'qa_comment', 'discussion', 'forum_post', 'wiki_page', 'wiki_talk')),
    item_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX mail_reply_tokens_user_idx ON mail_reply_tokens (user_id);
CREATE INDEX mail_reply_tokens_created_idx ON mail_reply_tokens (created_at);

-- Every incoming message and what became of it: `accepted` with the item it created, or the
-- reason it was refused. Neither the token nor the text is kept. `user_id` is the token's
-- member when the token was known; `item_id` names the created row of `item_kind`.
CREATE TABLE mail_reply_log (
    id TEXT PRIMARY KEY NOT NULL,
    received_at TIMESTAMP NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('cli', 'http')),
    outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'too_large', 'unparsable', 'no_token', 'unknown_token', 'used_token', 'wrong_sender', 'auto_reply', 'empty', 'suspended', 'no_access', 'closed', 'invalid')),
    user_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    item_kind TEXT,
    item_id TEXT,
    size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0)
);
CREATE INDEX mail_reply_log_received_idx ON mail_reply_log (received_at);
CREATE INDEX mail_reply_log_user_idx ON mail_reply_log (user_id);
