-- Per member and forum category: discussions started and posts written (opening posts
-- included), kept in the transaction that moves them (prassi_forum::counters). Member profiles
-- sum them over the categories the viewer may read, instead of counting a member's posts per
-- view.
CREATE TABLE forum_member_stats (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category_id TEXT NOT NULL REFERENCES forum_categories (id) ON DELETE CASCADE,
    discussions BIGINT NOT NULL DEFAULT 0,
    posts BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, category_id)
);

-- The values for what is already stored; the same statement as prassi_forum::counters::recompute.
INSERT INTO forum_member_stats (user_id, category_id, discussions, posts)
SELECT user_id, category_id, SUM(started), SUM(written) FROM (
    SELECT author_id AS user_id, category_id, 1 AS started, 0 AS written FROM discussions
    UNION ALL
    SELECT p.author_id, d.category_id, 0, 1
      FROM forum_posts p JOIN discussions d ON d.id = p.discussion_id
) s GROUP BY user_id, category_id;
