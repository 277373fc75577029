ALTER TABLE questionnaires DROP COLUMN closing_notified_at;
ALTER TABLE polls DROP COLUMN closing_notified_at;
DROP TABLE notification_digests;
