-- Every request reads the site settings. Each process keeps the last ones it read
-- (prassi-core `settings::SettingsCache`) with the value of this counter at that time; a
-- signed-in request reads the counter in the same statement as its member and reads the
-- settings again only when it moved. The triggers move it on every change to
-- `site_settings`, by whatever path (pages, API, commands, another process).
INSERT OR IGNORE INTO site_counters (name, value) VALUES ('settings_version', 0);
CREATE TRIGGER site_settings_inserted AFTER INSERT ON site_settings
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'settings_version';
END;
CREATE TRIGGER site_settings_updated AFTER UPDATE ON site_settings
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'settings_version';
END;
CREATE TRIGGER site_settings_deleted AFTER DELETE ON site_settings
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'settings_version';
END;
