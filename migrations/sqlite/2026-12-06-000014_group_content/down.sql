DROP INDEX forum_categories_group_key;
DROP INDEX wiki_pages_group_idx;
DROP INDEX questions_group_idx;
ALTER TABLE forum_categories DROP COLUMN group_id;
ALTER TABLE wiki_pages DROP COLUMN group_id;
ALTER TABLE questions DROP COLUMN group_id;
