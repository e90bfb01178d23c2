//! Email preferences and workspace mutes. A person without a row has [`Preferences::default`].

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{email_preferences, email_workspace_mutes, workspace_members, workspaces};
use crate::error::AppResult;

macro_rules! stored_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

stored_enum! {
    /// How often the digest comes.
    DigestCadence {
        Off => "off",
        Daily => "daily",
        EveryOtherDay => "every_other_day",
        Weekly => "weekly",
    }
}

stored_enum! {
    /// How emails about mentions and direct messages are grouped.
    MentionBatching {
        Immediately => "immediately",
        Every15Minutes => "every_15_minutes",
        Hourly => "hourly",
        Off => "off",
    }
}

/// One person's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preferences {
    pub digest_cadence: DigestCadence,
    /// ISO weekday of a weekly digest: 1 is Monday, 7 Sunday.
    pub digest_weekday: u8,
    /// Hour of the day (0–23) in the person's own time zone.
    pub digest_hour: u8,
    pub mention_batching: MentionBatching,
}

impl Default for Preferences {
    fn default() -> Preferences {
        Preferences {
            digest_cadence: DigestCadence::Weekly,
            digest_weekday: 1,
            digest_hour: 8,
            mention_batching: MentionBatching::Every15Minutes,
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = email_preferences)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
struct Row {
    digest_cadence: String,
    digest_weekday: i32,
    digest_hour: i32,
    mention_batching: String,
}

impl Preferences {
    /// The person's preferences; a stored value this version does not know reads as its default.
    pub fn find(conn: &mut DbConnection, user_id: i64) -> AppResult<Preferences> {
        let row = email_preferences::table
            .find(user_id)
            .select(Row::as_select())
            .first(conn)
            .optional()?;
        Ok(row.map_or_else(Preferences::default, |r| {
            Preferences::from_stored(
                &r.digest_cadence,
                r.digest_weekday,
                r.digest_hour,
                &r.mention_batching,
            )
        }))
    }

    /// Preferences from their stored columns (a query that joins them, say); a value this
    /// version does not know reads as its default.
    pub fn from_stored(cadence: &str, weekday: i32, hour: i32, batching: &str) -> Preferences {
        let default = Preferences::default();
        Preferences {
            digest_cadence: DigestCadence::parse(cadence).unwrap_or(default.digest_cadence),
            digest_weekday: u8::try_from(weekday)
                .ok()
                .filter(|d| (1..=7).contains(d))
                .unwrap_or(default.digest_weekday),
            digest_hour: u8::try_from(hour)
                .ok()
                .filter(|h| *h < 24)
                .unwrap_or(default.digest_hour),
            mention_batching: MentionBatching::parse(batching).unwrap_or(default.mention_batching),
        }
    }

    /// Stores `self` as the person's preferences.
    pub fn save(
        &self,
        conn: &mut DbConnection,
        user_id: i64,
        organisation_id: i64,
        now: NaiveDateTime,
    ) -> AppResult<()> {
        let values = (
            email_preferences::digest_cadence.eq(self.digest_cadence.as_str()),
            email_preferences::digest_weekday.eq(i32::from(self.digest_weekday)),
            email_preferences::digest_hour.eq(i32::from(self.digest_hour)),
            email_preferences::mention_batching.eq(self.mention_batching.as_str()),
            email_preferences::updated_at.eq(now),
        );
        crate::db::execute_upsert(
            conn,
            diesel::insert_into(email_preferences::table)
                .values((
                    email_preferences::user_id.eq(user_id),
                    email_preferences::organisation_id.eq(organisation_id),
                    values,
                ))
                .on_conflict(email_preferences::user_id)
                .do_update()
                .set(values),
        )?;
        Ok(())
    }
}

/// A workspace the person is a member of, as the settings page lists it.
#[derive(Debug, Clone)]
pub struct MemberWorkspace {
    pub id: i64,
    pub name: String,
    pub muted: bool,
}

/// Workspace mutes: "no email from this workspace".
pub struct Mutes;

impl Mutes {
    /// The person's workspaces (not archived), each with whether it is muted.
    pub fn list_member_workspaces(
        conn: &mut DbConnection,
        user_id: i64,
    ) -> AppResult<Vec<MemberWorkspace>> {
        let muted: Vec<i64> = email_workspace_mutes::table
            .filter(email_workspace_mutes::user_id.eq(user_id))
            .select(email_workspace_mutes::workspace_id)
            .load(conn)?;
        let rows: Vec<(i64, String)> = workspace_members::table
            .inner_join(workspaces::table)
            .filter(workspace_members::user_id.eq(user_id))
            .filter(workspaces::archived_at.is_null())
            .order((workspaces::name, workspaces::id))
            .select((workspaces::id, workspaces::name))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| MemberWorkspace {
                id,
                name,
                muted: muted.contains(&id),
            })
            .collect())
    }

    /// The ids of the workspaces the person muted.
    pub fn list(conn: &mut DbConnection, user_id: i64) -> AppResult<Vec<i64>> {
        Ok(email_workspace_mutes::table
            .filter(email_workspace_mutes::user_id.eq(user_id))
            .order(email_workspace_mutes::workspace_id)
            .select(email_workspace_mutes::workspace_id)
            .load(conn)?)
    }

    /// Mutes one workspace; muting it again changes nothing.
    pub fn add(
        conn: &mut DbConnection,
        user_id: i64,
        organisation_id: i64,
        workspace_id: i64,
        now: NaiveDateTime,
    ) -> AppResult<()> {
        crate::db::execute_upsert(
            conn,
            diesel::insert_into(email_workspace_mutes::table)
                .values((
                    email_workspace_mutes::user_id.eq(user_id),
                    email_workspace_mutes::workspace_id.eq(workspace_id),
                    email_workspace_mutes::organisation_id.eq(organisation_id),
                    email_workspace_mutes::created_at.eq(now),
                ))
                .on_conflict((
                    email_workspace_mutes::user_id,
                    email_workspace_mutes::workspace_id,
                ))
                .do_nothing(),
        )?;
        Ok(())
    }

    pub fn remove(conn: &mut DbConnection, user_id: i64, workspace_id: i64) -> AppResult<()> {
        diesel::delete(
            email_workspace_mutes::table
                .filter(email_workspace_mutes::user_id.eq(user_id))
                .filter(email_workspace_mutes::workspace_id.eq(workspace_id)),
        )
        .execute(conn)?;
        Ok(())
    }
}
