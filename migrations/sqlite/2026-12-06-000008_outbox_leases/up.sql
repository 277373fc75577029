-- Outbox leases and merging. A claim writes a lease token with the lease's end; renewals and
-- completion are conditional on that token, so only the holder records an event done, once.
-- Events for the same item (a search `touch` of one question) carry a merge key, so a worker
-- handles all pending events of an item once; a partial index finds them.
ALTER TABLE outbox ADD COLUMN lease_token TEXT;
ALTER TABLE outbox ADD COLUMN merge_key TEXT;
CREATE INDEX outbox_merge_idx ON outbox (merge_key) WHERE processed_at IS NULL;
CREATE INDEX outbox_lease_idx ON outbox (lease_token) WHERE processed_at IS NULL;
