-- A tag's questions newest first, walked from an index instead of sorting all of them: each
-- tagging carries its question's creation time (set when the tag is given; a question's
-- creation time never changes).
ALTER TABLE question_tags ADD COLUMN created_at TIMESTAMP NOT NULL DEFAULT '1970-01-01 00:00:00';
UPDATE question_tags
   SET created_at = (SELECT q.created_at FROM questions q WHERE q.id = question_tags.question_id);
CREATE INDEX question_tags_tag_created_idx ON question_tags (tag_id, created_at, question_id);
