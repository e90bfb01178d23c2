-- Where each reader's access began: the newest event id when the read marker (channel) or the
-- membership (workspace) was created. Replay and live delivery send only later events, so a
-- newcomer never receives what happened before they could read. Set by the database at insert,
-- whatever code path grants the access.
ALTER TABLE read_markers ADD COLUMN since_event_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE workspace_members ADD COLUMN since_event_id BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER read_markers_since_event_id AFTER INSERT ON read_markers
WHEN NEW.since_event_id = 0
BEGIN
    UPDATE read_markers SET since_event_id = (SELECT COALESCE(MAX(id), 0) FROM events)
     WHERE user_id = NEW.user_id AND channel_id = NEW.channel_id;
END;

CREATE TRIGGER workspace_members_since_event_id AFTER INSERT ON workspace_members
WHEN NEW.since_event_id = 0
BEGIN
    UPDATE workspace_members SET since_event_id = (SELECT COALESCE(MAX(id), 0) FROM events)
     WHERE id = NEW.id;
END;

-- Personal events (no channel, no workspace), for the newest event a reader may see.
CREATE INDEX events_user_id ON events(user_id, id);
