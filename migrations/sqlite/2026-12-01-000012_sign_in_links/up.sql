-- One-time sign-in links sent by email: only the token's hash is kept; each is used once and
-- expires after 15 minutes. next_path is where the person goes once signed in (same-site only).
CREATE TABLE sign_in_links (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    token_hash TEXT NOT NULL UNIQUE,
    next_path TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX sign_in_links_organisation ON sign_in_links(organisation_id);
CREATE INDEX sign_in_links_user ON sign_in_links(user_id);
