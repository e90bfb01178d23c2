-- Where each reader's access began: the newest event id when the read marker (channel) or the
-- membership (workspace) was created. Replay and live delivery send only later events, so a
-- newcomer never receives what happened before they could read. Set by the database at insert,
-- whatever code path grants the access.
ALTER TABLE read_markers ADD COLUMN since_event_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE workspace_members ADD COLUMN since_event_id BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION agora_since_event_id() RETURNS trigger AS $$
BEGIN
    IF NEW.since_event_id = 0 THEN
        NEW.since_event_id := (SELECT COALESCE(MAX(id), 0) FROM events);
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER read_markers_since_event_id BEFORE INSERT ON read_markers
    FOR EACH ROW EXECUTE FUNCTION agora_since_event_id();
CREATE TRIGGER workspace_members_since_event_id BEFORE INSERT ON workspace_members
    FOR EACH ROW EXECUTE FUNCTION agora_since_event_id();

-- Personal events (no channel, no workspace), for the newest event a reader may see.
CREATE INDEX events_user_id ON events(user_id, id);
