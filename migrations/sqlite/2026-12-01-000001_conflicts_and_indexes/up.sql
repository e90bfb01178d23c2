-- Identical requests at the same moment must meet a constraint, not slip past a check.
-- A direct conversation is keyed by its participants (sorted ids joined by commas), so the same
-- people asking at once get one conversation.
ALTER TABLE channels ADD COLUMN direct_key TEXT;
UPDATE channels
SET direct_key = (
    SELECT group_concat(m.user_id, ',' ORDER BY m.user_id)
    FROM channel_members m
    WHERE m.channel_id = channels.id
)
WHERE kind = 'direct';
-- Conversations duplicated by the old race keep their messages; the oldest one keeps the key.
UPDATE channels
SET direct_key = NULL
WHERE direct_key IS NOT NULL
  AND id > (SELECT min(o.id) FROM channels o WHERE o.direct_key = channels.direct_key);
CREATE UNIQUE INDEX channels_direct_key ON channels(direct_key);

-- Who reads a channel: every post and the hub look it up by channel.
CREATE INDEX read_markers_channel_id ON read_markers(channel_id, user_id);
