DROP TABLE digest_runs;
DROP TABLE digest_deliveries;
ALTER TABLE organisations DROP COLUMN email_without_content;
ALTER TABLE organisations DROP COLUMN digest_inactive_days;
