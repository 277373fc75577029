DROP TABLE mail_reply_log;
DROP TABLE mail_reply_tokens;
