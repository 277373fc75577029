-- The number of members in good standing (status 'active') that the home page shows, stored
-- instead of counted over every account per view. Accounts are written by several paths
-- (registration, approval, suspension, invitations, the demo's bulk members), so a trigger keeps
-- the figure in the same transaction as any change of status, whoever makes it.
CREATE TABLE site_counters (
    name TEXT PRIMARY KEY NOT NULL,
    value BIGINT NOT NULL
);

INSERT INTO site_counters (name, value)
SELECT 'active_members', COUNT(*) FROM users WHERE status = 'active';

CREATE FUNCTION prassi_count_active_members() RETURNS trigger AS $$
DECLARE
    delta BIGINT := 0;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'active' THEN
        delta := delta + 1;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.status = 'active' THEN
        delta := delta - 1;
    END IF;
    IF delta <> 0 THEN
        UPDATE site_counters SET value = value + delta WHERE name = 'active_members';
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_active_count
AFTER INSERT OR DELETE OR UPDATE OF status ON users
FOR EACH ROW EXECUTE FUNCTION prassi_count_active_members();

-- The home page's newest members, walked from this index instead of sorting every account.
CREATE INDEX users_created_idx ON users (created_at, id);
