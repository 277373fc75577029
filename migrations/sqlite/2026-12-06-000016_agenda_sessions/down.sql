ALTER TABLE agenda_events DROP COLUMN report_page_id;
ALTER TABLE agenda_events DROP COLUMN question_count;
ALTER TABLE agenda_events DROP COLUMN rating_sum;
ALTER TABLE agenda_events DROP COLUMN feedback_count;
DROP TABLE agenda_feedback;
DROP TABLE agenda_table_seats;
DROP TABLE agenda_tables;
DROP TABLE agenda_question_supports;
DROP TABLE agenda_questions;
