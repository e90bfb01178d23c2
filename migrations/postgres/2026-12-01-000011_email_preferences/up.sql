-- What email a person wants. No row means the defaults (weekly digest on Monday at 08:00 in
-- their time zone, mentions batched every 15 minutes), so existing people need no backfill.
CREATE TABLE email_preferences (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    digest_cadence TEXT NOT NULL,
    -- ISO weekday of weekly digests, 1 (Monday) to 7 (Sunday).
    digest_weekday INTEGER NOT NULL,
    -- Local hour (0-23) in the person's own time zone.
    digest_hour INTEGER NOT NULL,
    mention_batching TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX email_preferences_organisation ON email_preferences(organisation_id);

-- "No email from this workspace": one row per person and silenced workspace.
CREATE TABLE email_workspace_mutes (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, workspace_id)
);
CREATE INDEX email_workspace_mutes_organisation ON email_workspace_mutes(organisation_id);
