DROP TRIGGER poll_decisions_append_only ON poll_decisions;
DROP FUNCTION prassi_poll_decisions_append_only();
DROP TABLE poll_decisions;
DROP TABLE poll_secret_ballots;
DROP TABLE poll_participants;
DROP TABLE poll_votes;
DROP TABLE poll_options;
DROP TABLE polls;
