DROP INDEX events_user_id;
DROP TRIGGER workspace_members_since_event_id ON workspace_members;
DROP TRIGGER read_markers_since_event_id ON read_markers;
DROP FUNCTION agora_since_event_id();
ALTER TABLE workspace_members DROP COLUMN since_event_id;
ALTER TABLE read_markers DROP COLUMN since_event_id;
