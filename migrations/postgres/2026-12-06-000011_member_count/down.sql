DROP INDEX users_created_idx;
DROP TRIGGER users_active_count ON users;
DROP FUNCTION prassi_count_active_members();
DROP TABLE site_counters;
