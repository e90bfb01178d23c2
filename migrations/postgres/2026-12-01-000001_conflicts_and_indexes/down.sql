DROP INDEX read_markers_channel_id;
DROP INDEX channels_direct_key;
ALTER TABLE channels DROP COLUMN direct_key;
