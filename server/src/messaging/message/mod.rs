//! Messages: the stored row and how a channel's history is read. What hangs off a message (its
//! edit history, mentions, reactions, attachments) lives in the files beside this one.

mod attachment;
mod authors;
mod edits;
mod mentions;
mod reactions;

pub use attachment::{Attachment, ImageSizes};
pub use authors::authors;
pub use edits::{edits, record_edit};
pub use mentions::{Candidate, add_mentions, mention_candidates};
pub use reactions::{reactions_of, toggle_reaction};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use rand::Rng;

use crate::db::DbConnection;
use crate::db::schema::{self, message_edits, messages};
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = messages)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Message {
    pub id: i64,
    pub channel_id: i64,
    pub workspace_id: Option<i64>,
    pub seq: i64,
    pub author_id: i64,
    pub author_organisation_id: i64,
    pub thread_root_id: Option<i64>,
    pub body_md: String,
    pub body_html: String,
    pub language: String,
    pub reply_count: i64,
    pub last_reply_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted_at: Option<NaiveDateTime>,
    pub deleted_by: Option<i64>,
}

/// Message ids are drawn at random below 2^53 (exact in JavaScript numbers) rather than counted:
/// a counter shared by the whole network would tell anyone who posts twice how many messages
/// everyone else posted in between. Order comes from each channel's `seq`, never from ids.
pub const MAX_MESSAGE_ID: i64 = 1 << 53;
/// Draws before giving up; with ids this sparse a second draw practically never happens.
const ID_ATTEMPTS: usize = 8;

#[derive(Insertable)]
#[diesel(table_name = messages)]
pub struct NewMessageRow<'a> {
    pub channel_id: i64,
    pub workspace_id: Option<i64>,
    pub seq: i64,
    pub author_id: i64,
    pub author_organisation_id: i64,
    pub thread_root_id: Option<i64>,
    pub body_md: &'a str,
    pub body_html: &'a str,
    pub language: &'a str,
    pub reply_count: i64,
    pub created_at: NaiveDateTime,
}

/// Which slice of a channel's history to load.
#[derive(Debug, Clone, Copy)]
pub enum Window {
    Latest,
    Before(i64),
    After(i64),
    /// Centred on a message's sequence number (jump to a message).
    Around(i64),
}

impl Message {
    pub fn find(conn: &mut DbConnection, id: i64) -> AppResult<Message> {
        Ok(messages::table
            .find(id)
            .select(Message::as_select())
            .first(conn)?)
    }

    /// Inserts a message under a fresh random id (see [`MAX_MESSAGE_ID`]), drawing again in the
    /// unlikely case that the id is taken.
    pub fn insert(conn: &mut DbConnection, row: &NewMessageRow) -> AppResult<Message> {
        for _ in 0..ID_ATTEMPTS {
            let id = rand::rng().random_range(1..MAX_MESSAGE_ID);
            let taken = diesel::select(diesel::dsl::exists(messages::table.find(id)))
                .get_result::<bool>(conn)?;
            if !taken {
                return Ok(diesel::insert_into(messages::table)
                    .values((messages::id.eq(id), row))
                    .get_result(conn)?);
            }
        }
        Err(crate::error::AppError::internal(anyhow::anyhow!(
            "no free message id after {ID_ATTEMPTS} draws"
        )))
    }

    /// Top-level messages of a channel in the window, oldest first, plus whether more exist
    /// before and after.
    pub fn history(
        conn: &mut DbConnection,
        channel_id: i64,
        window: Window,
        limit: i64,
    ) -> AppResult<(Vec<Message>, bool, bool)> {
        let base = || {
            messages::table
                .filter(messages::channel_id.eq(channel_id))
                .filter(messages::thread_root_id.is_null())
                .select(Message::as_select())
        };
        let (mut rows, before_seq, after_seq): (Vec<Message>, Option<i64>, Option<i64>) =
            match window {
                Window::Latest => {
                    let rows = base().order(messages::seq.desc()).limit(limit).load(conn)?;
                    (rows, None, None)
                }
                Window::Before(seq) => {
                    let rows = base()
                        .filter(messages::seq.lt(seq))
                        .order(messages::seq.desc())
                        .limit(limit)
                        .load(conn)?;
                    (rows, None, Some(seq))
                }
                Window::After(seq) => {
                    let mut rows: Vec<Message> = base()
                        .filter(messages::seq.gt(seq))
                        .order(messages::seq.asc())
                        .limit(limit)
                        .load(conn)?;
                    rows.reverse();
                    (rows, Some(seq), None)
                }
                Window::Around(seq) => {
                    let half = (limit / 2).max(1);
                    let mut older: Vec<Message> = base()
                        .filter(messages::seq.le(seq))
                        .order(messages::seq.desc())
                        .limit(half + 1)
                        .load(conn)?;
                    let newer: Vec<Message> = base()
                        .filter(messages::seq.gt(seq))
                        .order(messages::seq.asc())
                        .limit(limit - older.len() as i64)
                        .load(conn)?;
                    let mut all: Vec<Message> = newer.into_iter().rev().collect();
                    all.append(&mut older);
                    (all, None, None)
                }
            };
        rows.reverse();
        // Cursors come from the caller and may sit at either end of the i64 range.
        let first = rows
            .first()
            .map(|m| m.seq)
            .or(after_seq.map(|s| s.saturating_add(1)));
        let last = rows
            .last()
            .map(|m| m.seq)
            .or(before_seq.map(|s| s.saturating_sub(1)));
        let ids = || {
            messages::table
                .filter(messages::channel_id.eq(channel_id))
                .filter(messages::thread_root_id.is_null())
                .select(messages::id)
        };
        // EXISTS stops at the first row; a COUNT would scan the whole rest of the channel.
        let more_before = match first {
            Some(seq) => diesel::select(diesel::dsl::exists(ids().filter(messages::seq.lt(seq))))
                .get_result(conn)?,
            None => false,
        };
        let more_after = match last {
            Some(seq) => diesel::select(diesel::dsl::exists(ids().filter(messages::seq.gt(seq))))
                .get_result(conn)?,
            None => false,
        };
        Ok((rows, more_before, more_after))
    }

    /// Replies of a thread, oldest first.
    pub fn replies(conn: &mut DbConnection, root_id: i64) -> AppResult<Vec<Message>> {
        Ok(messages::table
            .filter(messages::thread_root_id.eq(root_id))
            .order(messages::seq.asc())
            .select(Message::as_select())
            .load(conn)?)
    }

    pub fn bump_thread(conn: &mut DbConnection, root_id: i64, now: NaiveDateTime) -> AppResult<()> {
        diesel::update(messages::table.find(root_id))
            .set((
                messages::reply_count.eq(messages::reply_count + 1),
                messages::last_reply_at.eq(Some(now)),
            ))
            .execute(conn)?;
        Ok(())
    }

    pub fn set_body(
        conn: &mut DbConnection,
        id: i64,
        md: &str,
        html: &str,
        language: &str,
        now: NaiveDateTime,
    ) -> AppResult<Message> {
        Ok(diesel::update(messages::table.find(id))
            .set((
                messages::body_md.eq(md),
                messages::body_html.eq(html),
                messages::language.eq(language),
                messages::edited_at.eq(Some(now)),
            ))
            .get_result(conn)?)
    }

    /// Empties a message, then forgets its versions and reactions: the row is written first, so
    /// an edit holding it finishes before and its recorded version goes too.
    pub fn tombstone(
        conn: &mut DbConnection,
        id: i64,
        by: i64,
        now: NaiveDateTime,
    ) -> AppResult<Message> {
        let message = diesel::update(
            messages::table
                .find(id)
                .filter(messages::deleted_at.is_null()),
        )
        .set((
            messages::body_md.eq(""),
            messages::body_html.eq(""),
            messages::deleted_at.eq(Some(now)),
            messages::deleted_by.eq(Some(by)),
        ))
        .get_result(conn)?;
        diesel::delete(message_edits::table.filter(message_edits::message_id.eq(id)))
            .execute(conn)?;
        diesel::delete(schema::reactions::table.filter(schema::reactions::message_id.eq(id)))
            .execute(conn)?;
        Ok(message)
    }
}
