DROP TABLE notification_preferences;
DROP TABLE notification_watches;
DROP TABLE notifications;
