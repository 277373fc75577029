-- Expert routing (prassi-qa, `service/routing.rs`): an open question still without answers
-- some hours after it was asked invites, once, a few experts whose declared expertise matches
-- its tags. `experts_routed_at` says when routing settled the question (invitations made or
-- not); it is set by a conditional update, so two instances never route a question twice.
-- Invitations made by the platform have no `invited_by` (the column already allows NULL).
ALTER TABLE questions ADD COLUMN experts_routed_at TIMESTAMP;

-- Questions asked before routing existed are settled as they are: turning the feature on
-- must not send a flood of invitations about old questions. Those still unanswered appear
-- in the moderators' queue, where moderators invite by hand.
UPDATE questions SET experts_routed_at = created_at;

-- The hourly pass walks the questions due, oldest first; a question leaves the index when it
-- is routed, answered or closed, so the pass never rereads settled questions.
CREATE INDEX questions_routing_due_idx ON questions (created_at)
    WHERE experts_routed_at IS NULL AND answer_count = 0 AND closed_reason IS NULL;
-- The moderators' queue: routed, still open and unanswered, newest first.
CREATE INDEX questions_routing_queue_idx ON questions (created_at, id)
    WHERE experts_routed_at IS NOT NULL AND answer_count = 0 AND closed_reason IS NULL;
