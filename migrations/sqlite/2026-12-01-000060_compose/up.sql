-- Image attachments: the picture's size and, when a preview was made on upload, the size of the
-- thumbnail stored beside the file (its key plus ".thumb"). Both NULL for other files.
ALTER TABLE attachments ADD COLUMN image_width INTEGER;
ALTER TABLE attachments ADD COLUMN image_height INTEGER;
ALTER TABLE attachments ADD COLUMN thumb_width INTEGER;
ALTER TABLE attachments ADD COLUMN thumb_height INTEGER;
-- A person's composer setting: whether Enter sends a message (Shift+Enter then makes a new line)
-- or makes a new line (Ctrl+Enter then sends). No row: Enter sends.
CREATE TABLE composer_settings (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    enter_sends BOOLEAN NOT NULL
);
