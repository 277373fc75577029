-- The number of members in good standing (status 'active') that the home page shows, stored
-- instead of counted over every account per view. Accounts are written by several paths
-- (registration, approval, suspension, invitations, the demo's bulk members), so triggers keep
-- the figure in the same transaction as any change of status, whoever makes it.
CREATE TABLE site_counters (
    name TEXT PRIMARY KEY NOT NULL,
    value BIGINT NOT NULL
);

INSERT INTO site_counters (name, value)
SELECT 'active_members', COUNT(*) FROM users WHERE status = 'active';

CREATE TRIGGER users_active_count_insert AFTER INSERT ON users WHEN NEW.status = 'active'
BEGIN
    UPDATE site_counters SET value = value + 1 WHERE name = 'active_members';
END;

CREATE TRIGGER users_active_count_delete AFTER DELETE ON users WHEN OLD.status = 'active'
BEGIN
    UPDATE site_counters SET value = value - 1 WHERE name = 'active_members';
END;

CREATE TRIGGER users_active_count_update AFTER UPDATE OF status ON users
WHEN (OLD.status = 'active') <> (NEW.status = 'active')
BEGIN
    UPDATE site_counters
       SET value = value + CASE WHEN NEW.status = 'active' THEN 1 ELSE -1 END
     WHERE name = 'active_members';
END;

-- The home page's newest members, walked from this index instead of sorting every account.
CREATE INDEX users_created_idx ON users (created_at, id);
