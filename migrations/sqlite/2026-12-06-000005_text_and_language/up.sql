-- User text is stored with LF line endings (browsers submit CRLF; see prassi_core::input).
-- Text saved before input was normalised is converted here, revisions included, so the
-- first browser edit does not show every line as changed.

UPDATE users SET bio_md = replace(replace(bio_md, char(13) || char(10), char(10)), char(13), char(10)) WHERE bio_md LIKE '%' || char(13) || '%';
UPDATE users SET request_note = replace(replace(request_note, char(13) || char(10), char(10)), char(13), char(10)) WHERE request_note LIKE '%' || char(13) || '%';
UPDATE tags SET description = replace(replace(description, char(13) || char(10), char(10)), char(13), char(10)) WHERE description LIKE '%' || char(13) || '%';
UPDATE questions SET title = replace(replace(title, char(13) || char(10), char(10)), char(13), char(10)) WHERE title LIKE '%' || char(13) || '%';
UPDATE questions SET body_md = replace(replace(body_md, char(13) || char(10), char(10)), char(13), char(10)) WHERE body_md LIKE '%' || char(13) || '%';
UPDATE questions SET closed_note = replace(replace(closed_note, char(13) || char(10), char(10)), char(13), char(10)) WHERE closed_note LIKE '%' || char(13) || '%';
UPDATE answers SET body_md = replace(replace(body_md, char(13) || char(10), char(10)), char(13), char(10)) WHERE body_md LIKE '%' || char(13) || '%';
UPDATE qa_comments SET body = replace(replace(body, char(13) || char(10), char(10)), char(13), char(10)) WHERE body LIKE '%' || char(13) || '%';
UPDATE qa_revisions SET title = replace(replace(title, char(13) || char(10), char(10)), char(13), char(10)) WHERE title LIKE '%' || char(13) || '%';
UPDATE qa_revisions SET body_md = replace(replace(body_md, char(13) || char(10), char(10)), char(13), char(10)) WHERE body_md LIKE '%' || char(13) || '%';
UPDATE qa_revisions SET summary = replace(replace(summary, char(13) || char(10), char(10)), char(13), char(10)) WHERE summary LIKE '%' || char(13) || '%';
UPDATE forum_categories SET description = replace(replace(description, char(13) || char(10), char(10)), char(13), char(10)) WHERE description LIKE '%' || char(13) || '%';
UPDATE discussions SET title = replace(replace(title, char(13) || char(10), char(10)), char(13), char(10)) WHERE title LIKE '%' || char(13) || '%';
UPDATE forum_posts SET body_md = replace(replace(body_md, char(13) || char(10), char(10)), char(13), char(10)) WHERE body_md LIKE '%' || char(13) || '%';
UPDATE forum_posts SET hidden_reason = replace(replace(hidden_reason, char(13) || char(10), char(10)), char(13), char(10)) WHERE hidden_reason LIKE '%' || char(13) || '%';
UPDATE forum_revisions SET title = replace(replace(title, char(13) || char(10), char(10)), char(13), char(10)) WHERE title LIKE '%' || char(13) || '%';
UPDATE forum_revisions SET body_md = replace(replace(body_md, char(13) || char(10), char(10)), char(13), char(10)) WHERE body_md LIKE '%' || char(13) || '%';
UPDATE forum_revisions SET summary = replace(replace(summary, char(13) || char(10), char(10)), char(13), char(10)) WHERE summary LIKE '%' || char(13) || '%';
UPDATE wiki_pages SET title = replace(replace(title, char(13) || char(10), char(10)), char(13), char(10)) WHERE title LIKE '%' || char(13) || '%';
UPDATE wiki_pages SET body_md = replace(replace(body_md, char(13) || char(10), char(10)), char(13), char(10)) WHERE body_md LIKE '%' || char(13) || '%';
UPDATE wiki_revisions SET title = replace(replace(title, char(13) || char(10), char(10)), char(13), char(10)) WHERE title LIKE '%' || char(13) || '%';
UPDATE wiki_revisions SET body_md = replace(replace(body_md, char(13) || char(10), char(10)), char(13), char(10)) WHERE body_md LIKE '%' || char(13) || '%';
UPDATE wiki_revisions SET summary = replace(replace(summary, char(13) || char(10), char(10)), char(13), char(10)) WHERE summary LIKE '%' || char(13) || '%';
UPDATE wiki_talk SET body_md = replace(replace(body_md, char(13) || char(10), char(10)), char(13), char(10)) WHERE body_md LIKE '%' || char(13) || '%';

-- The language of user content (BCP 47 primary tag). Pages mark content with `lang` where it
-- differs from the interface, so screen readers pronounce it right (WCAG 3.1.2).

ALTER TABLE questions ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
ALTER TABLE answers ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
ALTER TABLE discussions ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
ALTER TABLE forum_posts ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
ALTER TABLE wiki_pages ADD COLUMN lang TEXT NOT NULL DEFAULT 'it';
