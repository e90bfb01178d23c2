-- Secrets every instance of one network must share (the key of CSRF tokens and cursors). Kept
-- apart from instance_settings so that nothing listing settings can show them. The first instance
-- to start inserts its candidate; the others read that one back.
CREATE TABLE instance_secrets (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
