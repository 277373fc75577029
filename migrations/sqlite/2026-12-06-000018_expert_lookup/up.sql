-- Expert suggestions on a question look for approved experts whose expertise matches its tags.
-- Led by the status index alone, the lookup walked every active member (about 1,000 on the
-- standard dataset) and probed their expertise; by role and status it starts from the few
-- experts.
CREATE INDEX users_role_status_idx ON users (role, status);
