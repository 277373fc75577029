DROP TABLE a11y_reports;
