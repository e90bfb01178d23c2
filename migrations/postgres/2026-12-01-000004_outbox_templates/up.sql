-- An outbox row keeps what its email is made of (template, typed context as JSON, language, extra
-- headers), not its rendering: the worker renders it at send time, outside the writer lock.
ALTER TABLE outbox ADD COLUMN template TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN context TEXT NOT NULL DEFAULT '{}';
ALTER TABLE outbox ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE outbox ADD COLUMN headers TEXT NOT NULL DEFAULT '[]';
-- Rows queued before this version were rendered when queued: they still go out as they were.
UPDATE outbox
SET template = 'prerendered',
    context = json_build_object('subject', subject, 'text', text_body, 'html', html_body)::text;
-- New rows always say what they are.
ALTER TABLE outbox ALTER COLUMN template DROP DEFAULT;
ALTER TABLE outbox ALTER COLUMN context DROP DEFAULT;
ALTER TABLE outbox ALTER COLUMN language DROP DEFAULT;
ALTER TABLE outbox ALTER COLUMN headers DROP DEFAULT;
ALTER TABLE outbox DROP COLUMN subject;
ALTER TABLE outbox DROP COLUMN text_body;
ALTER TABLE outbox DROP COLUMN html_body;
