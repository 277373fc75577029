DROP TRIGGER users_shown_in_threads;
DROP INDEX qa_comments_author_idx;
ALTER TABLE questions DROP COLUMN thread_version;
