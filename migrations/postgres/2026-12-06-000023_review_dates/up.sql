-- Freshness of knowledge (issue 15). A wiki page or an accepted answer may have an owner who
-- keeps it true and a date by which it should be reviewed. `review_notified_at` is set (by a
-- conditional update, so several instances notify once) when the hourly task records the
-- "review due" event, and cleared whenever `review_by` changes: one event per due date.
-- `reviewed_at`/`reviewed_by` say who last marked the content reviewed. All nullable: existing
-- rows carry no review. On answers the columns stay when acceptance moves and mean something
-- only while the answer is its question's accepted one.
ALTER TABLE wiki_pages ADD COLUMN review_owner_id TEXT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE wiki_pages ADD COLUMN review_by DATE;
ALTER TABLE wiki_pages ADD COLUMN review_notified_at TIMESTAMP;
ALTER TABLE wiki_pages ADD COLUMN reviewed_at TIMESTAMP;
ALTER TABLE wiki_pages ADD COLUMN reviewed_by TEXT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE answers ADD COLUMN review_owner_id TEXT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE answers ADD COLUMN review_by DATE;
ALTER TABLE answers ADD COLUMN review_notified_at TIMESTAMP;
ALTER TABLE answers ADD COLUMN reviewed_at TIMESTAMP;
ALTER TABLE answers ADD COLUMN reviewed_by TEXT REFERENCES users (id) ON DELETE SET NULL;

-- The lists: everything due by a date (overall), one owner's items by date (mine), and what the
-- hourly task still has to notify. Partial, so rows without a review cost nothing.
CREATE INDEX wiki_pages_review_by_idx ON wiki_pages (review_by) WHERE review_by IS NOT NULL;
CREATE INDEX wiki_pages_review_owner_idx ON wiki_pages (review_owner_id, review_by) WHERE review_owner_id IS NOT NULL;
CREATE INDEX wiki_pages_review_pending_idx ON wiki_pages (review_by) WHERE review_notified_at IS NULL AND review_owner_id IS NOT NULL;
CREATE INDEX answers_review_by_idx ON answers (review_by) WHERE review_by IS NOT NULL;
CREATE INDEX answers_review_owner_idx ON answers (review_owner_id, review_by) WHERE review_owner_id IS NOT NULL;
CREATE INDEX answers_review_pending_idx ON answers (review_by) WHERE review_notified_at IS NULL AND review_owner_id IS NOT NULL;
-- ON DELETE SET NULL of an account looks these up.
CREATE INDEX wiki_pages_reviewed_by_idx ON wiki_pages (reviewed_by) WHERE reviewed_by IS NOT NULL;
CREATE INDEX answers_reviewed_by_idx ON answers (reviewed_by) WHERE reviewed_by IS NOT NULL;
