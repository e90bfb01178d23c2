//! Workspace rows: the workspace, its participating organisations and its members.

use agora_shared::api::Language;
use agora_shared::conversations::{Participation, Visibility, WorkspaceKind, WorkspaceRole};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    organisations, users, workspace_members, workspace_organisations, workspaces,
};
use crate::error::AppResult;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = workspaces)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Workspace {
    pub id: i64,
    pub owner_organisation_id: i64,
    pub kind: WorkspaceKind,
    pub name: String,
    pub description: String,
    pub sdg_tags: String,
    pub visibility: Visibility,
    pub default_language: Language,
    pub archived_at: Option<NaiveDateTime>,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = workspaces)]
pub struct NewWorkspaceRow<'a> {
    pub owner_organisation_id: i64,
    pub kind: WorkspaceKind,
    pub name: &'a str,
    pub description: &'a str,
    pub sdg_tags: &'a str,
    pub visibility: Visibility,
    pub default_language: Language,
    pub created_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = workspaces)]
pub struct WorkspaceChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub sdg_tags: Option<String>,
    pub visibility: Option<Visibility>,
    pub default_language: Option<Language>,
    pub archived_at: Option<Option<NaiveDateTime>>,
    pub updated_at: Option<NaiveDateTime>,
}

impl Workspace {
    pub fn kind(&self) -> WorkspaceKind {
        self.kind
    }

    pub fn visibility(&self) -> Visibility {
        self.visibility
    }

    pub fn language(&self) -> Language {
        self.default_language
    }

    pub fn sdgs(&self) -> Vec<u8> {
        self.sdg_tags
            .split(',')
            .filter_map(|s| s.parse().ok())
            .collect()
    }

    pub fn find(conn: &mut DbConnection, id: i64) -> AppResult<Workspace> {
        Ok(workspaces::table
            .find(id)
            .select(Workspace::as_select())
            .first(conn)?)
    }

    pub fn insert(conn: &mut DbConnection, row: &NewWorkspaceRow) -> AppResult<Workspace> {
        Ok(diesel::insert_into(workspaces::table)
            .values(row)
            .get_result(conn)?)
    }

    pub fn update(
        conn: &mut DbConnection,
        id: i64,
        changes: &WorkspaceChanges,
    ) -> AppResult<Workspace> {
        Ok(diesel::update(workspaces::table.find(id))
            .set(changes)
            .get_result(conn)?)
    }

    /// Workspaces a person may at least see: theirs, discoverable ones, and those their
    /// organisation is involved in when they administer it.
    pub fn list_visible(
        conn: &mut DbConnection,
        user_id: i64,
        organisation_id: i64,
        org_admin: bool,
    ) -> AppResult<Vec<Workspace>> {
        let mine = workspace_members::table
            .filter(workspace_members::user_id.eq(user_id))
            .select(workspace_members::workspace_id);
        let involved = workspace_organisations::table
            .filter(workspace_organisations::organisation_id.eq(organisation_id))
            .filter(
                workspace_organisations::status
                    .eq_any([Participation::Active, Participation::Invited]),
            )
            .select(workspace_organisations::workspace_id);
        let mut query = workspaces::table
            .filter(
                workspaces::id
                    .eq_any(mine)
                    .or(workspaces::visibility.eq(Visibility::Discoverable)),
            )
            .select(Workspace::as_select())
            .order((
                workspaces::archived_at.is_not_null(),
                workspaces::name,
                workspaces::id,
            ))
            .into_boxed();
        if org_admin {
            query = query.or_filter(workspaces::id.eq_any(involved));
        }
        Ok(query.load(conn)?)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = workspace_organisations)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Participant {
    pub id: i64,
    pub workspace_id: i64,
    pub organisation_id: i64,
    pub status: Participation,
    pub invited_by: Option<i64>,
    pub decided_by: Option<i64>,
    pub created_at: NaiveDateTime,
    pub decided_at: Option<NaiveDateTime>,
}

impl Participant {
    pub fn status(&self) -> Participation {
        self.status
    }

    pub fn find(
        conn: &mut DbConnection,
        workspace_id: i64,
        organisation_id: i64,
    ) -> AppResult<Option<Participant>> {
        Ok(workspace_organisations::table
            .filter(workspace_organisations::workspace_id.eq(workspace_id))
            .filter(workspace_organisations::organisation_id.eq(organisation_id))
            .select(Participant::as_select())
            .first(conn)
            .optional()?)
    }

    /// Participants with their organisation's name and country.
    pub fn list(
        conn: &mut DbConnection,
        workspace_id: i64,
    ) -> AppResult<Vec<(Participant, String, String)>> {
        Ok(workspace_organisations::table
            .inner_join(organisations::table)
            .filter(workspace_organisations::workspace_id.eq(workspace_id))
            .order(organisations::name)
            .select((
                Participant::as_select(),
                organisations::name,
                organisations::country,
            ))
            .load(conn)?)
    }

    pub fn upsert(
        conn: &mut DbConnection,
        workspace_id: i64,
        organisation_id: i64,
        status: Participation,
        by: i64,
        now: NaiveDateTime,
    ) -> AppResult<()> {
        let decided = matches!(
            status,
            Participation::Active | Participation::Declined | Participation::Left
        );
        // One statement: two requests deciding at once update the same row instead of both
        // inserting it.
        crate::db::execute_upsert(
            conn,
            diesel::insert_into(workspace_organisations::table)
                .values((
                    workspace_organisations::workspace_id.eq(workspace_id),
                    workspace_organisations::organisation_id.eq(organisation_id),
                    workspace_organisations::status.eq(status),
                    workspace_organisations::invited_by.eq(Some(by)),
                    workspace_organisations::decided_by.eq(decided.then_some(by)),
                    workspace_organisations::created_at.eq(now),
                    workspace_organisations::decided_at.eq(decided.then_some(now)),
                ))
                .on_conflict((
                    workspace_organisations::workspace_id,
                    workspace_organisations::organisation_id,
                ))
                .do_update()
                .set((
                    workspace_organisations::status.eq(status),
                    workspace_organisations::decided_by.eq(decided.then_some(by)),
                    workspace_organisations::decided_at.eq(decided.then_some(now)),
                )),
        )?;
        Ok(())
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = workspace_members)]
#[diesel(check_for_backend(diesel::sqlite::Sqlite, diesel::pg::Pg))]
pub struct Member {
    pub id: i64,
    pub workspace_id: i64,
    pub user_id: i64,
    pub organisation_id: i64,
    pub role: WorkspaceRole,
    pub added_by: Option<i64>,
    pub created_at: NaiveDateTime,
}

impl Member {
    pub fn role(&self) -> WorkspaceRole {
        self.role
    }

    pub fn find(
        conn: &mut DbConnection,
        workspace_id: i64,
        user_id: i64,
    ) -> AppResult<Option<Member>> {
        Ok(workspace_members::table
            .filter(workspace_members::workspace_id.eq(workspace_id))
            .filter(workspace_members::user_id.eq(user_id))
            .select(Member::as_select())
            .first(conn)
            .optional()?)
    }

    /// Members with display name and organisation name.
    pub fn list(
        conn: &mut DbConnection,
        workspace_id: i64,
    ) -> AppResult<Vec<(Member, String, String)>> {
        Ok(workspace_members::table
            .inner_join(users::table.inner_join(organisations::table))
            .filter(workspace_members::workspace_id.eq(workspace_id))
            .order((organisations::name, users::display_name))
            .select((
                Member::as_select(),
                users::display_name,
                organisations::name,
            ))
            .load(conn)?)
    }

    pub fn user_ids(conn: &mut DbConnection, workspace_id: i64) -> AppResult<Vec<i64>> {
        Ok(workspace_members::table
            .filter(workspace_members::workspace_id.eq(workspace_id))
            .select(workspace_members::user_id)
            .load(conn)?)
    }

    /// Adds a membership unless the person already has one (perhaps added a moment ago by an
    /// identical request); true when this call added it. An existing role is left as it is.
    pub fn insert(
        conn: &mut DbConnection,
        workspace_id: i64,
        user_id: i64,
        organisation_id: i64,
        role: WorkspaceRole,
        by: Option<i64>,
        now: NaiveDateTime,
    ) -> AppResult<bool> {
        let added = crate::db::execute_upsert(
            conn,
            diesel::insert_into(workspace_members::table)
                .values((
                    workspace_members::workspace_id.eq(workspace_id),
                    workspace_members::user_id.eq(user_id),
                    workspace_members::organisation_id.eq(organisation_id),
                    workspace_members::role.eq(role),
                    workspace_members::added_by.eq(by),
                    workspace_members::created_at.eq(now),
                ))
                .on_conflict((workspace_members::workspace_id, workspace_members::user_id))
                .do_nothing(),
        )?;
        Ok(added == 1)
    }

    pub fn set_role(
        conn: &mut DbConnection,
        workspace_id: i64,
        user_id: i64,
        role: WorkspaceRole,
    ) -> AppResult<()> {
        diesel::update(
            workspace_members::table
                .filter(workspace_members::workspace_id.eq(workspace_id))
                .filter(workspace_members::user_id.eq(user_id)),
        )
        .set(workspace_members::role.eq(role))
        .execute(conn)?;
        Ok(())
    }

    pub fn delete(conn: &mut DbConnection, workspace_id: i64, user_id: i64) -> AppResult<()> {
        diesel::delete(
            workspace_members::table
                .filter(workspace_members::workspace_id.eq(workspace_id))
                .filter(workspace_members::user_id.eq(user_id)),
        )
        .execute(conn)?;
        Ok(())
    }

    /// How many owners the workspace has. Inside a write transaction the owners stay locked
    /// until it ends, so "is this the last owner?" holds until the change commits.
    pub fn count_owners(conn: &mut DbConnection, workspace_id: i64) -> AppResult<i64> {
        let owners = crate::db::lock_workspace_owners(conn, workspace_id, WorkspaceRole::Owner)?;
        Ok(owners.len() as i64)
    }
}
