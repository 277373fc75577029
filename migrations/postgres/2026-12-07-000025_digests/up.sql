-- Email digests (prassi-notifications, `service/digest.rs`): how often each member gets one
-- and where the last one ended. Without a row a member gets the weekly digest. The hourly
-- pass claims a member by moving `next_due_at` with a conditional update in the transaction
-- that queues the mail, so two instances never send one digest twice; the next digest starts
-- where the last one ended (`last_sent_at`), so nothing is told twice. An empty digest is not
-- sent, but its window is used up all the same.
CREATE TABLE notification_digests (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    frequency TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'off')),
    last_sent_at TIMESTAMP,
    next_due_at TIMESTAMP NOT NULL
);
CREATE INDEX notification_digests_due_idx ON notification_digests (next_due_at);

-- "About to close" is told once per poll and questionnaire (the hourly pass marks it with a
-- conditional update, as review-due dates are).
ALTER TABLE polls ADD COLUMN closing_notified_at TIMESTAMP;
ALTER TABLE questionnaires ADD COLUMN closing_notified_at TIMESTAMP;
