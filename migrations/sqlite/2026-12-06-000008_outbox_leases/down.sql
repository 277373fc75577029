DROP INDEX outbox_lease_idx;
DROP INDEX outbox_merge_idx;
ALTER TABLE outbox DROP COLUMN merge_key;
ALTER TABLE outbox DROP COLUMN lease_token;
