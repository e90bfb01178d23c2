ALTER TABLE outbox ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN text_body TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN html_body TEXT NOT NULL DEFAULT '';
UPDATE outbox
SET subject = json_extract(context, '$.subject'),
    text_body = json_extract(context, '$.text'),
    html_body = json_extract(context, '$.html')
WHERE template = 'prerendered';
-- The older version cannot render a template: what it would send empty is given up on instead.
UPDATE outbox
SET status = 'failed', last_error = 'queued by a newer version', lease_until = NULL
WHERE template <> 'prerendered' AND status IN ('pending', 'sending');
ALTER TABLE outbox DROP COLUMN template;
ALTER TABLE outbox DROP COLUMN context;
ALTER TABLE outbox DROP COLUMN language;
ALTER TABLE outbox DROP COLUMN headers;
