-- Mentions and direct messages waiting for their email: written in the transaction of the post
-- (or of the edit that adds a mention), taken out in the transaction that queues the email, so a
-- crash either leaves an item waiting or has queued its email, never both or neither.
CREATE TABLE notification_items (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    -- The recipient's organisation: the tenant the row belongs to.
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    message_id BIGINT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    channel_id BIGINT NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    -- The message's place in its channel: read once the person's read marker reaches it.
    seq BIGINT NOT NULL,
    -- 'mention' or 'direct'.
    kind TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    -- One waiting item per person and message (a message is recorded for a person once: when
    -- posted, or when an edit first mentions them).
    UNIQUE (user_id, message_id)
);
CREATE INDEX notification_items_organisation ON notification_items(organisation_id);
CREATE INDEX notification_items_due ON notification_items(created_at, user_id);
