DROP INDEX users_created_idx;
DROP TRIGGER users_active_count_update;
DROP TRIGGER users_active_count_delete;
DROP TRIGGER users_active_count_insert;
DROP TABLE site_counters;
