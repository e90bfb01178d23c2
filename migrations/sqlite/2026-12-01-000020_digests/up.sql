-- Per organisation: after how many days without activity its people get digests, and whether
-- emails to its people may quote messages (off: subjects and links only).
ALTER TABLE organisations ADD COLUMN digest_inactive_days INTEGER NOT NULL DEFAULT 5;
ALTER TABLE organisations ADD COLUMN email_without_content BOOLEAN NOT NULL DEFAULT 0;

-- The last digest period decided for each person, sent or found quiet, so a run asks no more of
-- a person whose period is done; the outbox key `digest:{user}:{period}` is what makes a digest
-- go out once.
CREATE TABLE digest_deliveries (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    last_period TEXT NOT NULL,
    -- When the last digest that was not quiet was queued: the next one covers what came after.
    last_sent_at TIMESTAMP,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX digest_deliveries_organisation ON digest_deliveries(organisation_id);

-- One row per digest run, for the network administrator's page.
CREATE TABLE digest_runs (
    id INTEGER PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    considered BIGINT NOT NULL,
    queued BIGINT NOT NULL,
    skipped_quiet BIGINT NOT NULL
);
CREATE INDEX digest_runs_started ON digest_runs(started_at);
