DROP TABLE composer_settings;
ALTER TABLE attachments DROP COLUMN thumb_height;
ALTER TABLE attachments DROP COLUMN thumb_width;
ALTER TABLE attachments DROP COLUMN image_height;
ALTER TABLE attachments DROP COLUMN image_width;
