-- Wiki: pages with an audience and a current revision number (the optimistic-concurrency
-- counter), every saved revision, categories, outgoing [[links]], redirects left by renames,
-- watches, talk-page comments and the Q&A answers promoted into pages.

CREATE TABLE wiki_pages (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL,
    audience TEXT NOT NULL,
    parent_id TEXT REFERENCES wiki_pages (id) ON DELETE SET NULL,
    protected BOOLEAN NOT NULL,
    revision INTEGER NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX wiki_pages_slug_key ON wiki_pages (slug);
CREATE INDEX wiki_pages_parent_idx ON wiki_pages (parent_id);
CREATE INDEX wiki_pages_updated_idx ON wiki_pages (updated_at);

CREATE TABLE wiki_revisions (
    id TEXT PRIMARY KEY NOT NULL,
    page_id TEXT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL,
    categories TEXT NOT NULL,
    summary TEXT NOT NULL,
    kind TEXT NOT NULL,
    restored_from INTEGER,
    created_at TIMESTAMP NOT NULL
);
-- A revision number is taken once per page: the last line of defence against lost edits.
CREATE UNIQUE INDEX wiki_revisions_page_number_key ON wiki_revisions (page_id, number);
CREATE INDEX wiki_revisions_created_idx ON wiki_revisions (created_at);
CREATE INDEX wiki_revisions_author_idx ON wiki_revisions (author_id, created_at);

CREATE TABLE wiki_categories (
    page_id TEXT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (page_id, name)
);
CREATE INDEX wiki_categories_name_idx ON wiki_categories (name);

CREATE TABLE wiki_links (
    from_page_id TEXT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    to_slug TEXT NOT NULL,
    PRIMARY KEY (from_page_id, to_slug)
);
CREATE INDEX wiki_links_to_idx ON wiki_links (to_slug);

CREATE TABLE wiki_redirects (
    slug TEXT PRIMARY KEY NOT NULL,
    page_id TEXT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX wiki_redirects_page_idx ON wiki_redirects (page_id);

CREATE TABLE wiki_watches (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    page_id TEXT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, page_id)
);
CREATE INDEX wiki_watches_page_idx ON wiki_watches (page_id);

CREATE TABLE wiki_talk (
    id TEXT PRIMARY KEY NOT NULL,
    page_id TEXT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body_md TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX wiki_talk_page_idx ON wiki_talk (page_id, created_at);

CREATE TABLE wiki_promotions (
    answer_id TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    page_id TEXT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    promoted_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (answer_id, page_id)
);
CREATE INDEX wiki_promotions_question_idx ON wiki_promotions (question_id);
CREATE INDEX wiki_promotions_page_idx ON wiki_promotions (page_id);
