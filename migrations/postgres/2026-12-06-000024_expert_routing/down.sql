DROP INDEX questions_routing_queue_idx;
DROP INDEX questions_routing_due_idx;
ALTER TABLE questions DROP COLUMN experts_routed_at;
