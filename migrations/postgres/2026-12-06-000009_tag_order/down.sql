DROP INDEX question_tags_tag_created_idx;
ALTER TABLE question_tags DROP COLUMN created_at;
