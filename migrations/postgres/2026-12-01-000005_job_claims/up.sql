-- One row per periodic job that only one instance may run at a time: when it last started and
-- who holds it until when. A claim is one conditional UPDATE, so two instances never both win.
CREATE TABLE job_claims (
    name TEXT PRIMARY KEY NOT NULL,
    last_started_at TIMESTAMP,
    claimed_until TIMESTAMP,
    claim_token TEXT
);
