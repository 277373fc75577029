-- Forum: categories (with an audience), discussions, posts with edit history, @mentions, and
-- per-member read marks for the "unread" list.

CREATE TABLE forum_categories (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    slug TEXT NOT NULL,
    description TEXT NOT NULL,
    position INTEGER NOT NULL,
    audience TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX forum_categories_slug_key ON forum_categories (slug);

CREATE TABLE discussions (
    id TEXT PRIMARY KEY NOT NULL,
    category_id TEXT NOT NULL REFERENCES forum_categories (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    pinned BOOLEAN NOT NULL,
    locked BOOLEAN NOT NULL,
    reply_count INTEGER NOT NULL,
    last_post_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX discussions_category_idx ON discussions (category_id, last_post_at);
CREATE INDEX discussions_activity_idx ON discussions (last_post_at);

CREATE TABLE forum_posts (
    id TEXT PRIMARY KEY NOT NULL,
    discussion_id TEXT NOT NULL REFERENCES discussions (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body_md TEXT NOT NULL,
    quote_of TEXT REFERENCES forum_posts (id) ON DELETE SET NULL,
    hidden_reason TEXT,
    hidden_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX forum_posts_discussion_idx ON forum_posts (discussion_id, created_at);
CREATE INDEX forum_posts_author_idx ON forum_posts (author_id);

CREATE TABLE forum_revisions (
    id TEXT PRIMARY KEY NOT NULL,
    post_id TEXT NOT NULL REFERENCES forum_posts (id) ON DELETE CASCADE,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    title TEXT,
    body_md TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX forum_revisions_post_idx ON forum_revisions (post_id, created_at);

CREATE TABLE mentions (
    post_id TEXT NOT NULL REFERENCES forum_posts (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentioned_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (post_id, user_id)
);
CREATE INDEX mentions_user_idx ON mentions (user_id, created_at);

CREATE TABLE forum_reads (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    discussion_id TEXT NOT NULL REFERENCES discussions (id) ON DELETE CASCADE,
    last_read_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, discussion_id)
);
