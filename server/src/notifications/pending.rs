//! Mentions and direct messages waiting for their email (`notification_items`).
//!
//! An item is written in the transaction of the post that causes it, or of the edit that first
//! mentions someone, and taken out ([`Pending::claim`]) in the transaction that queues its email.
//! The claim is a `DELETE .. RETURNING`: of two instances claiming one person's items at once,
//! the second waits for the first's row locks (Postgres) or its write lock (SQLite) and then
//! finds nothing left, so every item reaches at most one email, and a crash before the commit
//! leaves it waiting for the next run.

use agora_shared::ids::{ChannelId, MessageId, UserId};
use chrono::NaiveDateTime;
use diesel::dsl::min;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{notification_items, users};
use crate::error::{AppError, AppResult};
use crate::messaging::channel::{self, Channel};
use crate::messaging::message::Message;

/// Why a message is in someone's notification email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Mention,
    Direct,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Mention => "mention",
            Kind::Direct => "direct",
        }
    }

    /// A stored kind this version does not know is an error, not a guess.
    pub fn parse(text: &str) -> AppResult<Kind> {
        match text {
            "mention" => Ok(Kind::Mention),
            "direct" => Ok(Kind::Direct),
            other => Err(AppError::internal(anyhow::anyhow!(
                "unknown notification kind `{other}`"
            ))),
        }
    }
}

/// One waiting item, as claimed.
#[derive(Debug, Clone, Queryable)]
pub struct Item {
    pub id: i64,
    pub user_id: UserId,
    pub message_id: MessageId,
    pub channel_id: ChannelId,
    pub seq: i64,
    pub kind: String,
    pub created_at: NaiveDateTime,
}

/// A person with waiting items who has been away long enough, and their oldest item's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub user_id: UserId,
    pub oldest: NaiveDateTime,
}

pub struct Pending;

impl Pending {
    /// Records what `message`, just posted in `channel`, sends to whom: every other participant
    /// of a direct conversation, or in a channel the people in `mentioned`.
    pub fn record_post(
        conn: &mut DbConnection,
        channel: &Channel,
        message: &Message,
        mentioned: &[i64],
        now: NaiveDateTime,
    ) -> AppResult<()> {
        if channel.is_direct() {
            let others: Vec<i64> = channel::channel_member_ids(conn, channel.id)?
                .into_iter()
                .filter(|id| *id != message.author_id)
                .collect();
            Self::insert(conn, message, &others, Kind::Direct, now)
        } else {
            Self::insert(conn, message, mentioned, Kind::Mention, now)
        }
    }

    /// Records the people an edit of `message` mentions for the first time. In a direct
    /// conversation everyone was told of the message when it was posted.
    pub fn record_edit(
        conn: &mut DbConnection,
        channel: &Channel,
        message: &Message,
        newly_mentioned: &[i64],
        now: NaiveDateTime,
    ) -> AppResult<()> {
        if channel.is_direct() {
            return Ok(());
        }
        Self::insert(conn, message, newly_mentioned, Kind::Mention, now)
    }

    fn insert(
        conn: &mut DbConnection,
        message: &Message,
        people: &[i64],
        kind: Kind,
        now: NaiveDateTime,
    ) -> AppResult<()> {
        if people.is_empty() {
            return Ok(());
        }
        let recipients: Vec<(i64, i64)> = users::table
            .filter(users::id.eq_any(people))
            .order(users::id)
            .select((users::id, users::organisation_id))
            .load(conn)?;
        for (user_id, organisation_id) in recipients {
            crate::db::execute_upsert(
                conn,
                diesel::insert_into(notification_items::table)
                    .values((
                        notification_items::user_id.eq(user_id),
                        notification_items::organisation_id.eq(organisation_id),
                        notification_items::message_id.eq(message.id),
                        notification_items::channel_id.eq(message.channel_id),
                        notification_items::seq.eq(message.seq),
                        notification_items::kind.eq(kind.as_str()),
                        notification_items::created_at.eq(now),
                    ))
                    .on_conflict((notification_items::user_id, notification_items::message_id))
                    .do_nothing(),
            )?;
        }
        Ok(())
    }

    /// The people with waiting items whose last activity is at or before `away_since`, oldest
    /// item first. Whether their batch window has passed is for the caller to decide from their
    /// preferences.
    pub fn list_candidates(
        conn: &mut DbConnection,
        away_since: NaiveDateTime,
    ) -> AppResult<Vec<Candidate>> {
        let rows: Vec<(UserId, Option<NaiveDateTime>)> = notification_items::table
            .inner_join(users::table)
            .filter(
                users::last_active_at
                    .is_null()
                    .or(users::last_active_at.le(away_since)),
            )
            .group_by(notification_items::user_id)
            .select((
                notification_items::user_id,
                min(notification_items::created_at),
            ))
            .load(conn)?;
        let mut out: Vec<Candidate> = rows
            .into_iter()
            .filter_map(|(user_id, oldest)| {
                Some(Candidate {
                    user_id,
                    oldest: oldest?,
                })
            })
            .collect();
        out.sort_by_key(|c| (c.oldest, c.user_id));
        Ok(out)
    }

    /// Takes every item of `user_id` recorded up to `now` out of the table and answers them,
    /// oldest first; empty when another run took them first.
    pub fn claim(
        conn: &mut DbConnection,
        user_id: UserId,
        now: NaiveDateTime,
    ) -> AppResult<Vec<Item>> {
        let mut items: Vec<Item> = diesel::delete(
            notification_items::table
                .filter(notification_items::user_id.eq(user_id))
                .filter(notification_items::created_at.le(now)),
        )
        // Columns spelled out: `as_returning` does not cross the two-backend connection.
        .returning((
            notification_items::id,
            notification_items::user_id,
            notification_items::message_id,
            notification_items::channel_id,
            notification_items::seq,
            notification_items::kind,
            notification_items::created_at,
        ))
        .get_results(conn)?;
        items.sort_by_key(|i| (i.created_at, i.id));
        Ok(items)
    }
}
