//! The stored record of an uploaded file, attached to a message or waiting to be.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::attachments;
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = attachments)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Attachment {
    pub id: i64,
    pub message_id: Option<i64>,
    pub channel_id: i64,
    pub uploader_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
    pub created_at: NaiveDateTime,
    /// Set for raster images that decoded on upload.
    pub image_width: Option<i32>,
    pub image_height: Option<i32>,
    /// Set when a thumbnail is stored beside the file.
    pub thumb_width: Option<i32>,
    pub thumb_height: Option<i32>,
}

/// A picture's size and its thumbnail's, as stored with its attachment.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImageSizes {
    pub image_width: Option<i32>,
    pub image_height: Option<i32>,
    pub thumb_width: Option<i32>,
    pub thumb_height: Option<i32>,
}

impl Attachment {
    /// The stored thumbnail's key and size, when there is one.
    pub fn thumbnail(&self) -> Option<(String, i32, i32)> {
        Some((
            format!(
                "{}{}",
                self.storage_key,
                crate::messaging::preview::THUMB_SUFFIX
            ),
            self.thumb_width?,
            self.thumb_height?,
        ))
    }
}

impl Attachment {
    pub fn find(conn: &mut DbConnection, id: i64) -> AppResult<Attachment> {
        Ok(attachments::table
            .find(id)
            .select(Attachment::as_select())
            .first(conn)?)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn insert(
        conn: &mut DbConnection,
        channel_id: i64,
        uploader_id: i64,
        file_name: &str,
        content_type: &str,
        size: i64,
        key: &str,
        now: NaiveDateTime,
        sizes: ImageSizes,
    ) -> AppResult<Attachment> {
        Ok(diesel::insert_into(attachments::table)
            .values((
                attachments::channel_id.eq(channel_id),
                attachments::uploader_id.eq(uploader_id),
                attachments::file_name.eq(file_name),
                attachments::content_type.eq(content_type),
                attachments::size_bytes.eq(size),
                attachments::storage_key.eq(key),
                attachments::created_at.eq(now),
                attachments::image_width.eq(sizes.image_width),
                attachments::image_height.eq(sizes.image_height),
                attachments::thumb_width.eq(sizes.thumb_width),
                attachments::thumb_height.eq(sizes.thumb_height),
            ))
            .get_result(conn)?)
    }

    /// Attaches the uploader's own unattached files of this channel to a message.
    pub fn attach(
        conn: &mut DbConnection,
        ids: &[i64],
        message_id: i64,
        channel_id: i64,
        uploader_id: i64,
    ) -> AppResult<usize> {
        Ok(diesel::update(
            attachments::table
                .filter(attachments::id.eq_any(ids))
                .filter(attachments::channel_id.eq(channel_id))
                .filter(attachments::uploader_id.eq(uploader_id))
                .filter(attachments::message_id.is_null()),
        )
        .set(attachments::message_id.eq(Some(message_id)))
        .execute(conn)?)
    }

    pub fn of_messages(conn: &mut DbConnection, ids: &[i64]) -> AppResult<Vec<Attachment>> {
        Ok(attachments::table
            .filter(attachments::message_id.eq_any(ids))
            .order(attachments::id)
            .select(Attachment::as_select())
            .load(conn)?)
    }
}
