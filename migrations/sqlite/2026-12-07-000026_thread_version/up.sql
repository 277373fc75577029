-- The question page keeps each question's answers, comments and revision counts per process
-- (prassi-qa `service/thread.rs`) and checks them against `thread_version` on every view. The
-- services move it in the transaction that posts an answer or a comment, edits the question
-- or an answer, or moves an answer's score; the trigger below moves it when a member's name
-- or role, shown beside their answers and comments, changes.
ALTER TABLE questions ADD COLUMN thread_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX qa_comments_author_idx ON qa_comments (author_id);
CREATE TRIGGER users_shown_in_threads AFTER UPDATE OF username, display_name, role ON users
WHEN OLD.username IS NOT NEW.username OR OLD.display_name IS NOT NEW.display_name
  OR OLD.role IS NOT NEW.role
BEGIN
  UPDATE questions SET thread_version = thread_version + 1
  WHERE id IN (SELECT question_id FROM answers WHERE author_id = NEW.id
               UNION SELECT question_id FROM qa_comments WHERE author_id = NEW.id);
END;
