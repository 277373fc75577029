-- Working groups (prassi-groups): reserved areas with their members, requests, invitations,
-- a log of every change, a documents deposit with versions, and proposals to publish a group
-- page as public knowledge.

CREATE TABLE work_groups (
    id TEXT PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description_md TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'listed', 'secret')),
    join_policy TEXT NOT NULL CHECK (join_policy IN ('open', 'request', 'invitation')),
    member_count BIGINT NOT NULL DEFAULT 0,
    coordinator_count BIGINT NOT NULL DEFAULT 0,
    storage_bytes BIGINT NOT NULL DEFAULT 0,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK (member_count >= 0 AND coordinator_count >= 0 AND storage_bytes >= 0)
);
CREATE UNIQUE INDEX work_groups_slug_key ON work_groups (slug);
CREATE INDEX work_groups_name_idx ON work_groups (name);

CREATE TABLE group_organisations (
    group_id TEXT NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, organisation_id)
);

CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'member')),
    joined_at TIMESTAMP NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
-- Viewer.groups: one lookup by member per request.
CREATE INDEX group_members_user_idx ON group_members (user_id, group_id);

CREATE TABLE group_requests (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'refused', 'withdrawn')),
    reason TEXT NOT NULL DEFAULT '',
    decided_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
-- One open request per member and group, held by the database.
CREATE UNIQUE INDEX group_requests_pending_key ON group_requests (group_id, user_id)
    WHERE status = 'pending';
CREATE INDEX group_requests_user_idx ON group_requests (user_id, created_at);

CREATE TABLE group_invitations (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invited_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE UNIQUE INDEX group_invitations_pending_key ON group_invitations (group_id, user_id)
    WHERE status = 'pending';
CREATE INDEX group_invitations_user_idx ON group_invitations (user_id, created_at);

-- Every change to a group, its members, documents and proposals.
CREATE TABLE group_log (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
    actor_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX group_log_group_idx ON group_log (group_id, created_at);

CREATE TABLE group_documents (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
    folder TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    description_md TEXT NOT NULL DEFAULT '',
    current_version INTEGER NOT NULL DEFAULT 0,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);
CREATE INDEX group_documents_group_idx ON group_documents (group_id, folder, title);

-- A stored file: `storage_key` is the SHA-256 of its bytes (content-addressed), never a path
-- a reader chose.
CREATE TABLE group_document_versions (
    id TEXT PRIMARY KEY NOT NULL,
    document_id TEXT NOT NULL REFERENCES group_documents (id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    storage_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
    uploaded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP
);
CREATE UNIQUE INDEX group_document_versions_key ON group_document_versions (document_id, version);
CREATE INDEX group_document_versions_storage_idx ON group_document_versions (storage_key);

-- A group page proposed for publication as a public wiki page.
CREATE TABLE group_publications (
    id TEXT PRIMARY KEY NOT NULL,
    group_id TEXT NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
    page_id TEXT NOT NULL REFERENCES wiki_pages (id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    public_page_id TEXT REFERENCES wiki_pages (id) ON DELETE SET NULL,
    proposed_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    decided_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE UNIQUE INDEX group_publications_pending_key ON group_publications (page_id)
    WHERE status = 'pending';
CREATE INDEX group_publications_status_idx ON group_publications (status, created_at);
