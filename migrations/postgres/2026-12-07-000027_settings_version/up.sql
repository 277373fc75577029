-- Every request reads the site settings. Each process keeps the last ones it read
-- (prassi-core `settings::SettingsCache`) with the value of this counter at that time; a
-- signed-in request reads the counter in the same statement as its member and reads the
-- settings again only when it moved. The trigger moves it on every change to `site_settings`,
-- by whatever path (pages, API, commands, another instance).
INSERT INTO site_counters (name, value) VALUES ('settings_version', 0)
ON CONFLICT (name) DO NOTHING;
CREATE FUNCTION site_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE site_counters SET value = value + 1 WHERE name = 'settings_version';
  RETURN NULL;
END $$;
CREATE TRIGGER site_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON site_settings
FOR EACH STATEMENT EXECUTE FUNCTION site_settings_changed();
