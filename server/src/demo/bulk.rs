//! A large synthetic network for load and crash tests (the digest benchmark, the crash test),
//! written in bulk with `INSERT … SELECT` over a counting query (the same SQL on both engines):
//! 200,000 people through the services would take longer than what is measured. Its shape is a
//! network's: organisations of 50 people, each twinned with one other in a workspace of 100
//! members with two public channels, conversation in each (threads, replies, mentions), every
//! member away for ten days. Only for an empty database: it writes its own ids from 1.

use chrono::{Duration, NaiveDateTime};
use diesel::RunQueryDsl;

use crate::db::{Db, DbConnection, advance_id_sequences, timestamp_literal};
use crate::error::AppResult;

/// People per organisation, and organisations per workspace.
const ORG_SIZE: i64 = 50;
const MESSAGES_PER_CHANNEL: i64 = 40;
/// The time zones people live in, in turn.
const ZONES: [&str; 4] = [
    "Europe/Brussels",
    "Africa/Porto-Novo",
    "Africa/Dakar",
    "America/Guayaquil",
];
const LANGUAGES: [&str; 4] = ["nl", "fr", "fr", "es"];

/// The address of the `i`-th person (from 1).
pub fn address(i: usize) -> String {
    format!("person{i}@bulk.test")
}

/// What to write.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Members, rounded down to whole twinnings of 100.
    pub people: i64,
    /// Everyone was last active ten days before this; the conversation ends just before it.
    pub now: NaiveDateTime,
    /// How far back the conversation reaches from `now`.
    pub span: Duration,
    /// Everyone wants a daily digest at midnight (so is due at any hour of `now`'s day) instead of
    /// the default weekly one.
    pub daily: bool,
}

/// What was written.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub people: i64,
    pub workspaces: i64,
    pub messages: i64,
}

/// Writes the network of `spec` into an empty database, in one transaction.
pub async fn seed(db: &Db, spec: Spec) -> AppResult<Written> {
    let Spec {
        people,
        now,
        span,
        daily,
    } = spec;
    let workspaces = people / (2 * ORG_SIZE);
    let people = workspaces * 2 * ORG_SIZE;
    let orgs = workspaces * 2;
    let channels = workspaces * 2;
    let backend = db.backend();
    let at = move |ago: Duration| timestamp_literal(backend, now - ago);
    let case = |values: &[&str], of: &str| {
        let arms: String = values
            .iter()
            .enumerate()
            .map(|(i, v)| format!(" WHEN {i} THEN '{v}'"))
            .collect();
        format!("CASE {of} % {}{arms} END", values.len())
    };
    let count = |n: i64| {
        format!("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})")
    };
    // Messages spread over the span in six steps, the newest a seventh of it before `now`.
    let message_at = |of: &str| {
        let arms: String = (0..6)
            .map(|d| format!(" WHEN {d} THEN {}", at(span * (d + 1) / 7)))
            .collect();
        format!("CASE {of} % 6{arms} END")
    };
    let long_ago = at(Duration::days(10));
    let statements = vec![
        format!(
            "{} INSERT INTO organisations (id, name, kind, country, default_language, status, created_at, updated_at) \
             SELECT i, 'Gemeente ' || i, CASE i % 2 WHEN 1 THEN 'flemish_municipality' ELSE 'partner_municipality' END, \
             CASE i % 2 WHEN 1 THEN 'BE' ELSE 'BJ' END, {}, 'active', {long_ago}, {long_ago} FROM n",
            count(orgs),
            case(&LANGUAGES, "i")
        ),
        format!(
            "{} INSERT INTO users (id, organisation_id, email, password_hash, display_name, function, kind, role, status, \
             interface_language, languages_read, time_zone, created_at, updated_at, last_active_at, themes) \
             SELECT i, (i - 1) / {ORG_SIZE} + 1, 'person' || i || '@bulk.test', '!', 'Person ' || i, '', 'official', \
             CASE (i - 1) % {ORG_SIZE} WHEN 0 THEN 'admin' ELSE 'member' END, 'active', {}, '[]', {}, \
             {long_ago}, {long_ago}, {long_ago}, '[]' FROM n",
            count(people),
            case(&LANGUAGES, "((i - 1) / 50 + 1)"),
            case(&ZONES, "i")
        ),
        format!(
            "{} INSERT INTO workspaces (id, owner_organisation_id, kind, name, description, sdg_tags, visibility, \
             default_language, archived_at, created_by, created_at, updated_at) \
             SELECT i, 2 * i - 1, 'twinning', 'Twinning ' || i, '', '[]', 'invite_only', 'nl', NULL, NULL, {long_ago}, {long_ago} FROM n",
            count(workspaces)
        ),
        format!(
            "{} INSERT INTO workspace_organisations (id, workspace_id, organisation_id, status, invited_by, decided_by, created_at, decided_at) \
             SELECT i, (i + 1) / 2, i, 'active', NULL, NULL, {long_ago}, {long_ago} FROM n",
            count(orgs)
        ),
        format!(
            "{} INSERT INTO workspace_members (id, workspace_id, user_id, organisation_id, role, added_by, created_at, since_event_id) \
             SELECT i, (i - 1) / {} + 1, i, (i - 1) / {ORG_SIZE} + 1, \
             CASE (i - 1) % {} WHEN 0 THEN 'owner' ELSE 'member' END, NULL, {long_ago}, 0 FROM n",
            count(people),
            2 * ORG_SIZE,
            2 * ORG_SIZE
        ),
        format!(
            "{} INSERT INTO channels (id, workspace_id, kind, name, topic, private, archived_at, last_seq, last_message_at, \
             created_by, created_at, updated_at, direct_key) \
             SELECT i, (i + 1) / 2, 'channel', CASE i % 2 WHEN 1 THEN 'general' ELSE 'projects' END, '', FALSE, NULL, \
             {MESSAGES_PER_CHANNEL}, {}, NULL, {long_ago}, {long_ago}, NULL FROM n",
            count(channels),
            at(span / 7)
        ),
        // Everyone reads both channels of their workspace and has read nothing of this week.
        format!(
            "{} INSERT INTO read_markers (user_id, channel_id, read_seq, updated_at, since_event_id) \
             SELECT (i + 1) / 2, 2 * (((i + 1) / 2 - 1) / {}) + 2 - i % 2, 0, {long_ago}, 0 FROM n",
            count(2 * people),
            2 * ORG_SIZE
        ),
        // Message k (1-based) of channel c has id (c - 1)·40 + k; its author is one of the
        // channel's first 12 members of either organisation; every fourth answers the thread of
        // the message three before it.
        format!(
            "{} INSERT INTO messages (id, channel_id, workspace_id, seq, author_id, author_organisation_id, thread_root_id, \
             body_md, body_html, language, reply_count, last_reply_at, created_at, edited_at, deleted_at, deleted_by) \
             SELECT i, (i - 1) / {m} + 1, ((i - 1) / {m}) / 2 + 1, (i - 1) % {m} + 1, \
             a, (a - 1) / {ORG_SIZE} + 1, CASE (i - 1) % 4 WHEN 3 THEN i - 3 ELSE NULL END, \
             'Over het project van de watertoren, punt ' || i, '<p>Over het project van de watertoren, punt ' || i || '</p>', \
             'nl', 0, NULL, {}, NULL, NULL, NULL \
             FROM (SELECT i, (((i - 1) / {m}) / 2) * {w} + 1 + ((i * 7) % 12) + CASE i % 2 WHEN 0 THEN {ORG_SIZE} ELSE 0 END AS a FROM n) AS t",
            count(channels * MESSAGES_PER_CHANNEL),
            message_at("i"),
            m = MESSAGES_PER_CHANNEL,
            w = 2 * ORG_SIZE
        ),
        // Every tenth message mentions one of 30 members of its workspace.
        format!(
            "{} INSERT INTO mentions (message_id, user_id, channel_id, seq) \
             SELECT i * 10, (((i * 10 - 1) / {m}) / 2) * {w} + 20 + (i % 30), (i * 10 - 1) / {m} + 1, (i * 10 - 1) % {m} + 1 FROM n",
            count(channels * MESSAGES_PER_CHANNEL / 10),
            m = MESSAGES_PER_CHANNEL,
            w = 2 * ORG_SIZE
        ),
        // Every fourth message opened a thread with one reply.
        "UPDATE messages SET reply_count = 1, last_reply_at = created_at WHERE (id - 1) % 4 = 0"
            .to_string(),
    ];
    let mut statements = statements;
    if daily {
        statements.push(format!(
            "{} INSERT INTO email_preferences (user_id, organisation_id, digest_cadence, digest_weekday, \
             digest_hour, mention_batching, updated_at) \
             SELECT i, (i - 1) / {ORG_SIZE} + 1, 'daily', 1, 0, 'every_15_minutes', {long_ago} FROM n",
            count(people)
        ));
    }
    db.write(move |conn: &mut DbConnection| {
        for sql in &statements {
            diesel::sql_query(sql).execute(conn)?;
        }
        advance_id_sequences(
            conn,
            &[
                "organisations",
                "users",
                "workspaces",
                "workspace_organisations",
                "workspace_members",
                "channels",
                "messages",
            ],
        )?;
        Ok(())
    })
    .await?;
    Ok(Written {
        people,
        workspaces,
        messages: channels * MESSAGES_PER_CHANNEL,
    })
}
