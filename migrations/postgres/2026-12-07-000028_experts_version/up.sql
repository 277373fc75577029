-- The question page's "Chiedi a un esperto" box is kept per process (prassi-qa
-- `service/experts.rs`) with the value of this counter when it was read; the page reads the
-- counter in the statement that reads the question. The triggers move it on every change the
-- box shows: declared areas, an expert's name, role, status or consent to the directory, a
-- member removed, an invitation sent or withdrawn, by whatever path (pages, API, routing,
-- commands, another instance).
INSERT INTO site_counters (name, value) VALUES ('experts_version', 0)
ON CONFLICT (name) DO NOTHING;
CREATE FUNCTION experts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'experts_version';
  RETURN NULL;
END $$;
CREATE TRIGGER user_expertise_experts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_expertise
FOR EACH STATEMENT EXECUTE FUNCTION experts_changed();
CREATE TRIGGER expert_invitations_experts AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON expert_invitations
FOR EACH STATEMENT EXECUTE FUNCTION experts_changed();
CREATE TRIGGER users_shown_as_experts
AFTER UPDATE OF username, display_name, role, status, directory_consent ON users
FOR EACH ROW
WHEN (OLD.username IS DISTINCT FROM NEW.username OR OLD.display_name IS DISTINCT FROM NEW.display_name
  OR OLD.role IS DISTINCT FROM NEW.role OR OLD.status IS DISTINCT FROM NEW.status
  OR OLD.directory_consent IS DISTINCT FROM NEW.directory_consent)
EXECUTE FUNCTION experts_changed();
CREATE TRIGGER users_deleted_experts AFTER DELETE ON users
FOR EACH STATEMENT EXECUTE FUNCTION experts_changed();
