DROP TRIGGER site_settings_inserted;
DROP TRIGGER site_settings_updated;
DROP TRIGGER site_settings_deleted;
DELETE FROM site_counters WHERE name = 'settings_version';
