DROP TRIGGER site_settings_changed ON site_settings;
DROP FUNCTION site_settings_changed();
DELETE FROM site_counters WHERE name = 'settings_version';
