ALTER TABLE questions DROP COLUMN lang;
ALTER TABLE answers DROP COLUMN lang;
ALTER TABLE discussions DROP COLUMN lang;
ALTER TABLE forum_posts DROP COLUMN lang;
ALTER TABLE wiki_pages DROP COLUMN lang;
