-- When a person last did anything (page view, post, API call, websocket connect): who gets a
-- digest is decided from it. It was only written when a session's expiry slid forward; now every
-- signed-in request counts, written at most every few minutes per person.
ALTER TABLE users RENAME COLUMN last_seen_at TO last_active_at;
