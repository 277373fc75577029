DROP INDEX users_role_status_idx;
