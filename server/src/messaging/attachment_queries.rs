//! The queries of attachment rows: the upload quotas, and the unattached uploads the cleanup job
//! removes.

use actix_web::http::StatusCode;
use agora_shared::ErrorCode;
use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::message::Attachment;
use crate::db::DbConnection;
use crate::db::schema::{attachments, messages, organisations, users};
use crate::error::{AppError, AppResult};
use crate::policy::Actor;

/// Bytes of uploads allowed per person and per organisation.
#[derive(Clone, Copy)]
pub struct Quota {
    pub person: u64,
    pub organisation: u64,
}

const MIB: u64 = 1024 * 1024;

/// Total size of a set of attachment rows; a portable cast, since SUM of a BIGINT is NUMERIC on
/// Postgres.
const SUM_BYTES: &str = "CAST(COALESCE(SUM(attachments.size_bytes), 0) AS BIGINT)";

impl Attachment {
    /// Refuses an upload of `size` bytes that would take the person or their organisation over
    /// its quota. Files of deleted messages no longer count.
    pub fn check_quota(
        conn: &mut DbConnection,
        actor: &Actor,
        size: i64,
        quota: Quota,
    ) -> AppResult<()> {
        // Uploads of one organisation take turns here (a row lock on Postgres, the single writer
        // on SQLite), so parallel uploads cannot each pass the check and together exceed it.
        diesel::update(organisations::table.find(actor.organisation_id))
            .set(organisations::id.eq(organisations::id))
            .execute(conn)?;
        let live = attachments::table
            .left_join(messages::table.on(messages::id.nullable().eq(attachments::message_id)))
            .filter(messages::deleted_at.is_null());
        let person: i64 = live
            .filter(attachments::uploader_id.eq(actor.user_id))
            .select(sql::<BigInt>(SUM_BYTES))
            .first(conn)?;
        if person.saturating_add(size) as u64 > quota.person {
            return Err(quota_error(ErrorCode::QuotaExceeded, quota.person));
        }
        let organisation: i64 = live
            .inner_join(users::table.on(users::id.eq(attachments::uploader_id)))
            .filter(users::organisation_id.eq(actor.organisation_id))
            .select(sql::<BigInt>(SUM_BYTES))
            .first(conn)?;
        if organisation.saturating_add(size) as u64 > quota.organisation {
            return Err(quota_error(
                ErrorCode::OrganisationQuotaExceeded,
                quota.organisation,
            ));
        }
        Ok(())
    }

    /// Attachments the cleanup may remove at `cutoff`: never attached and made before it, or of a
    /// deleted message. At most `limit`, oldest first.
    pub fn list_removable(
        conn: &mut DbConnection,
        cutoff: NaiveDateTime,
        limit: i64,
    ) -> AppResult<Vec<(i64, String)>> {
        Ok(attachments::table
            .left_join(messages::table.on(messages::id.nullable().eq(attachments::message_id)))
            .filter(
                attachments::message_id
                    .is_null()
                    .and(attachments::created_at.lt(cutoff))
                    .or(messages::deleted_at.is_not_null()),
            )
            .order(attachments::id)
            .limit(limit)
            .select((attachments::id, attachments::storage_key))
            .load(conn)?)
    }

    /// Deletes a row found by [`Attachment::list_removable`] if it still qualifies (it may have
    /// been attached meanwhile); true when this call deleted it, so its file may go.
    pub fn delete_if_removable(
        conn: &mut DbConnection,
        id: i64,
        cutoff: NaiveDateTime,
    ) -> AppResult<bool> {
        let of_deleted = messages::table
            .filter(messages::deleted_at.is_not_null())
            .select(messages::id.nullable());
        let deleted = diesel::delete(
            attachments::table.filter(attachments::id.eq(id)).filter(
                attachments::message_id
                    .is_null()
                    .and(attachments::created_at.lt(cutoff))
                    .or(attachments::message_id.eq_any(of_deleted)),
            ),
        )
        .execute(conn)?;
        Ok(deleted == 1)
    }

    pub(super) fn delete_unattached(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
        diesel::delete(
            attachments::table
                .filter(attachments::id.eq(id))
                .filter(attachments::message_id.is_null()),
        )
        .execute(conn)
    }
}

fn quota_error(code: ErrorCode, limit: u64) -> AppError {
    AppError::new(code, StatusCode::PAYLOAD_TOO_LARGE).arg("limit", (limit / MIB).to_string())
}
