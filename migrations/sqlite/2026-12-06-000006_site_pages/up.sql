-- Reports from the accessibility feedback form (/accessibilita/segnalazione), required by
-- the AgID model of the accessibility statement. Anyone may send one, signed in or not.
CREATE TABLE a11y_reports (
    id TEXT PRIMARY KEY NOT NULL,
    page_url TEXT NOT NULL,
    description TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    reporter_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    ip_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'resolved')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX a11y_reports_created_idx ON a11y_reports (created_at);
CREATE INDEX a11y_reports_ip_idx ON a11y_reports (ip_hash, created_at);
