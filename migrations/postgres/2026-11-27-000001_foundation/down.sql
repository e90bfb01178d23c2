DROP TABLE instance_settings;
DROP TABLE audit_events;
DROP TABLE outbox;
DROP TABLE password_resets;
DROP TABLE invitations;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE organisations;
