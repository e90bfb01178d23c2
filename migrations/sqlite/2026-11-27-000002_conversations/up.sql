-- Workspaces where organisations meet, their channels and direct conversations, messages,
-- read markers and the event log that realtime replay reads.
CREATE TABLE workspaces (
    id INTEGER PRIMARY KEY,
    owner_organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    sdg_tags TEXT NOT NULL,
    visibility TEXT NOT NULL,
    default_language TEXT NOT NULL,
    archived_at TIMESTAMP,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX workspaces_owner_organisation_id ON workspaces(owner_organisation_id);

CREATE TABLE workspace_organisations (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    status TEXT NOT NULL,
    invited_by BIGINT REFERENCES users(id),
    decided_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP,
    UNIQUE (workspace_id, organisation_id)
);
CREATE INDEX workspace_organisations_organisation_id ON workspace_organisations(organisation_id);

CREATE TABLE workspace_members (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL,
    added_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (workspace_id, user_id)
);
CREATE INDEX workspace_members_user_id ON workspace_members(user_id);
CREATE INDEX workspace_members_organisation_id ON workspace_members(organisation_id);

CREATE TABLE channels (
    id INTEGER PRIMARY KEY,
    workspace_id BIGINT REFERENCES workspaces(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    topic TEXT NOT NULL,
    private BOOLEAN NOT NULL,
    archived_at TIMESTAMP,
    last_seq BIGINT NOT NULL,
    last_message_at TIMESTAMP,
    created_by BIGINT REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX channels_workspace_id ON channels(workspace_id);

-- Who belongs to a private channel or a direct conversation.
CREATE TABLE channel_members (
    channel_id BIGINT NOT NULL REFERENCES channels(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (channel_id, user_id)
);
CREATE INDEX channel_members_user_id ON channel_members(user_id);

-- One row per person per channel: unread = channels.last_seq - read_seq.
CREATE TABLE read_markers (
    user_id BIGINT NOT NULL REFERENCES users(id),
    channel_id BIGINT NOT NULL REFERENCES channels(id),
    read_seq BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, channel_id)
);

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    channel_id BIGINT NOT NULL REFERENCES channels(id),
    workspace_id BIGINT REFERENCES workspaces(id),
    seq BIGINT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users(id),
    author_organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    thread_root_id BIGINT REFERENCES messages(id),
    body_md TEXT NOT NULL,
    body_html TEXT NOT NULL,
    language TEXT NOT NULL,
    reply_count BIGINT NOT NULL,
    last_reply_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP,
    deleted_at TIMESTAMP,
    deleted_by BIGINT REFERENCES users(id),
    UNIQUE (channel_id, seq)
);
CREATE INDEX messages_workspace_id ON messages(workspace_id);
CREATE INDEX messages_thread_root_id ON messages(thread_root_id, seq);
CREATE INDEX messages_author_id ON messages(author_id);

CREATE TABLE message_edits (
    id INTEGER PRIMARY KEY,
    message_id BIGINT NOT NULL REFERENCES messages(id),
    body_md TEXT NOT NULL,
    language TEXT NOT NULL,
    edited_by BIGINT NOT NULL REFERENCES users(id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX message_edits_message_id ON message_edits(message_id);

CREATE TABLE mentions (
    message_id BIGINT NOT NULL REFERENCES messages(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    channel_id BIGINT NOT NULL REFERENCES channels(id),
    seq BIGINT NOT NULL,
    PRIMARY KEY (message_id, user_id)
);
CREATE INDEX mentions_user_channel ON mentions(user_id, channel_id, seq);

CREATE TABLE reactions (
    message_id BIGINT NOT NULL REFERENCES messages(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    emoji TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    message_id BIGINT REFERENCES messages(id),
    channel_id BIGINT NOT NULL REFERENCES channels(id),
    uploader_id BIGINT NOT NULL REFERENCES users(id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    storage_key TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX attachments_message_id ON attachments(message_id);
CREATE INDEX attachments_channel_id ON attachments(channel_id);

-- What live clients missed: replayed from here after a reconnect, the database being the truth.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    workspace_id BIGINT,
    channel_id BIGINT,
    user_id BIGINT,
    payload TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX events_channel_id ON events(channel_id, id);
CREATE INDEX events_workspace_id ON events(workspace_id, id);

-- Full-text index: terms stemmed in Rust in each message's own language.
CREATE VIRTUAL TABLE message_search USING fts5(terms, tokenize = 'unicode61 remove_diacritics 2');

-- Themes a person works on (SDG numbers), for the directory.
ALTER TABLE users ADD COLUMN themes TEXT NOT NULL DEFAULT '';
