DROP TRIGGER user_expertise_experts ON user_expertise;
DROP TRIGGER expert_invitations_experts ON expert_invitations;
DROP TRIGGER users_shown_as_experts ON users;
DROP TRIGGER users_deleted_experts ON users;
DROP FUNCTION experts_changed();
DELETE FROM site_counters WHERE name = 'experts_version';
