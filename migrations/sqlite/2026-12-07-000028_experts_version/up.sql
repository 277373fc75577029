-- The question page's "Chiedi a un esperto" box is kept per process (prassi-qa
-- `service/experts.rs`) with the value of this counter when it was read; the page reads the
-- counter in the statement that reads the question. The triggers move it on every change the
-- box shows: declared areas, an expert's name, role, status or consent to the directory, a
-- member removed, an invitation sent or withdrawn, by whatever path (pages, API, routing,
-- commands, another instance).
INSERT OR IGNORE INTO site_counters (name, value) VALUES ('experts_version', 0);
CREATE TRIGGER user_expertise_inserted_experts AFTER INSERT ON user_expertise
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'experts_version';
END;
CREATE TRIGGER user_expertise_updated_experts AFTER UPDATE ON user_expertise
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'experts_version';
END;
CREATE TRIGGER user_expertise_deleted_experts AFTER DELETE ON user_expertise
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'experts_version';
END;
CREATE TRIGGER users_shown_as_experts
AFTER UPDATE OF username, display_name, role, status, directory_consent ON users
WHEN OLD.username IS NOT NEW.username OR OLD.display_name IS NOT NEW.display_name
  OR OLD.role IS NOT NEW.role OR OLD.status IS NOT NEW.status
  OR OLD.directory_consent IS NOT NEW.directory_consent
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'experts_version';
END;
CREATE TRIGGER users_deleted_experts AFTER DELETE ON users
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'experts_version';
END;
CREATE TRIGGER expert_invitations_inserted_experts AFTER INSERT ON expert_invitations
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'experts_version';
END;
CREATE TRIGGER expert_invitations_deleted_experts AFTER DELETE ON expert_invitations
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'experts_version';
END;
