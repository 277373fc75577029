DROP TABLE forum_reads;
DROP TABLE mentions;
DROP TABLE forum_revisions;
DROP TABLE forum_posts;
DROP TABLE discussions;
DROP TABLE forum_categories;
