ALTER TABLE users RENAME COLUMN last_active_at TO last_seen_at;
