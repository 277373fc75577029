-- User text is stored with LF line endings (browsers submit CRLF; see prassi_core::input).
-- Text saved before input was normalised is converted here, revisions included, so the
-- first browser edit does not show every line as changed.

UPDATE users SET bio_md = replace(replace(bio_md, E'\r\n', E'\n'), E'\r', E'\n') WHERE bio_md LIKE '%' || E'\r' || '%';
UPDATE users SET request_note = replace(replace(request_note, E'\r\n', E'\n'), E'\r', E'\n') WHERE request_note LIKE '%' || E'\r' || '%';
UPDATE tags SET description = replace(replace(description, E'\r\n', E'\n'), E'\r', E'\n') WHERE description LIKE '%' || E'\r' || '%';
UPDATE questions SET title = replace(replace(title, E'\r\n', E'\n'), E'\r', E'\n') WHERE title LIKE '%' || E'\r' || '%';
UPDATE questions SET body_md = replace(replace(body_md, E'\r\n', E'\n'), E'\r', E'\n') WHERE body_md LIKE '%' || E'\r' || '%';
UPDATE questions SET closed_note = replace(replace(closed_note, E'\r\n', E'\n'), E'\r', E'\n') WHERE closed_note LIKE '%' || E'\r' || '%';
UPDATE answers SET body_md = replace(replace(body_md, E'\r\n', E'\n'), E'\r', E'\n') WHERE body_md LIKE '%' || E'\r' || '%';
UPDATE qa_comments SET body = replace(replace(body, E'\r\n', E'\n'), E'\r', E'\n') WHERE body LIKE '%' || E'\r' || '%';
UPDATE qa_revisions SET title = replace(replace(title, E'\r\n', E'\n'), E'\r', E'\n') WHERE title LIKE '%' || E'\r' || '%';
UPDATE qa_revisions SET body_md = replace(replace(body_md, E'\r\n', E'\n'), E'\r', E'\n') WHERE body_md LIKE '%' || E'\r' || '%';
UPDATE qa_revisions SET summary = replace(replace(summary, E'\r\n', E'\n'), E'\r', E'\n') WHERE summary LIKE '%' || E'\r' || '%';
UPDATE forum_categories SET description = replace(replace(description, E'\r\n', E'\n'), E'\r', E'\n') WHERE description LIKE '%' || E'\r' || '%';
UPDATE discussions SET title = replace(replace(title, E'\r\n', E'\n'), E'\r', E'\n') WHERE title LIKE '%' || E'\r' || '%';
UPDATE forum_posts SET body_md = replace(replace(body_md, E'\r\n', E'\n'), E'\r', E'\n') WHERE body_md LIKE '%' || E'\r' || '%';
UPDATE forum_posts SET hidden_reason = replace(replace(hidden_reason, E'\r\n', E'\n'), E'\r', E'\n') WHERE hidden_reason LIKE '%' || E'\r' || '%';
UPDATE forum_revisions SET title = replace(replace(title, E'\r\n', E'\n'), E'\r', E'\n') WHERE title LIKE '%' || E'\r' || '%';
UPDATE forum_revisions SET body_md = replace(replace(body_md, E'\r\n', E'\n'), E'\r', E'\n') WHERE body_md LIKE '%' || E'\r' || '%';
UPDATE forum_revisions SET summary = replace(replace(summary, E'\r\n', E'\n'), E'\r', E'\n') WHERE summary LIKE '%' || E'\r' || '%';
UPDATE wiki_pages SET title = replace(replace(title, E'\r\n', E'\n'), E'\r', E'\n') WHERE title LIKE '%' || E'\r' || '%';
UPDATE wiki_pages SET body_md = replace(replace(body_md, E'\r\n', E'\n'), E'\r', E'\n') WHERE body_md LIKE '%' || E'\r' || '%';
UPDATE wiki_revisions SET title = replace(replace(title, E'\r\n', E'\n'), E'\r', E'\n') WHERE title LIKE '%' || E'\r' || '%';
UPDATE wiki_revisions SET body_md = replace(replace(body_md, E'\r\n', E'\n'), E'\r', E'\n') WHERE body_md LIKE '%' || E'\r' || '%';
UPDATE wiki_revisions SET summary = replace(replace(summary, E'\r\n', E'\n'), E'\r', E'\n') WHERE summary LIKE '%' || E'\r' || '%';
UPDATE wiki_talk SET body_md = replace(replace(body_md, E'\r\n', E'\n'), E'\r', E'\n') WHERE body_md LIKE '%' || E'\r' || '%';

-- The language of user content (BCP 47 primary tag). Pages mark content with `lang` where it
-- differs from the interface, so screen readers pronounce it right (WCAG 3.1.2).

ALTER TABLE questions ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
ALTER TABLE answers ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
ALTER TABLE discussions ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
ALTER TABLE forum_posts ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
ALTER TABLE wiki_pages ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
