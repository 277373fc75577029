-- Content made in a working group (prassi-groups): questions, wiki pages and the group's own
-- forum category remember their group, so the group's activity stream reads them by index
-- instead of scanning every audience. The audience column still decides who may read them;
-- `group_id` only says where they were made. A deleted group leaves its content in place
-- (readable by the administrators through its audience) with no group.

ALTER TABLE questions ADD COLUMN group_id TEXT REFERENCES work_groups (id) ON DELETE SET NULL;
ALTER TABLE wiki_pages ADD COLUMN group_id TEXT REFERENCES work_groups (id) ON DELETE SET NULL;
ALTER TABLE forum_categories ADD COLUMN group_id TEXT REFERENCES work_groups (id) ON DELETE SET NULL;

CREATE INDEX questions_group_idx ON questions (group_id, created_at)
    WHERE group_id IS NOT NULL;
CREATE INDEX wiki_pages_group_idx ON wiki_pages (group_id, updated_at)
    WHERE group_id IS NOT NULL;
-- Each group has at most one forum category, made the first time a discussion starts there.
CREATE UNIQUE INDEX forum_categories_group_key ON forum_categories (group_id)
    WHERE group_id IS NOT NULL;
