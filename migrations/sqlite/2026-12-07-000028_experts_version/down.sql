DROP TRIGGER user_expertise_inserted_experts;
DROP TRIGGER user_expertise_updated_experts;
DROP TRIGGER user_expertise_deleted_experts;
DROP TRIGGER users_shown_as_experts;
DROP TRIGGER users_deleted_experts;
DROP TRIGGER expert_invitations_inserted_experts;
DROP TRIGGER expert_invitations_deleted_experts;
DELETE FROM site_counters WHERE name = 'experts_version';
