//! The typed columns on both engines: an id newtype is stored and read back as the plain number,
//! an enum as its wire text, and a stored value this version does not know is an error (a 500
//! with a generic message), never a silent default.

use agora::accounts::user::User;
use agora::db::schema::{organisations, users, workspaces};
use agora::organisations::model::Organisation;
use agora_shared::api::{Language, OrgKind, OrgRole, OrgStatus};
use agora_shared::conversations::{Visibility, WorkspaceKind};
use agora_shared::ids::{OrganisationId, UserId, WorkspaceId};
use agora_tests::personas::{PASSWORD, insert_user};
use agora_tests::{TestApp, spawn_app};
use diesel::prelude::*;
use serde_json::Value;

/// An organisation written with typed values only.
fn insert_org(app: &TestApp) -> OrganisationId {
    let mut conn = app.state.db.get().expect("connection");
    let now = agora::time::now();
    diesel::insert_into(organisations::table)
        .values((
            organisations::name.eq("Gemeente Gent"),
            organisations::kind.eq(OrgKind::FlemishMunicipality),
            organisations::country.eq("BE"),
            organisations::default_language.eq(Language::Nl),
            organisations::status.eq(OrgStatus::Active),
            organisations::created_at.eq(now),
            organisations::updated_at.eq(now),
        ))
        .returning(organisations::id)
        .get_result(&mut *conn)
        .expect("insert organisation")
}

#[tokio::test]
async fn id_newtypes_and_enums_round_trip_through_the_database() {
    let app = spawn_app().await;
    let org = insert_org(&app);
    let user = UserId::new(
        insert_user(
            &app,
            org.get(),
            "a@gent.test",
            "An",
            OrgRole::Admin,
            Language::Nl,
        )
        .await,
    );
    let mut conn = app.state.db.get().expect("connection");
    let now = agora::time::now();
    let workspace: WorkspaceId = diesel::insert_into(workspaces::table)
        .values((
            workspaces::owner_organisation_id.eq(org),
            workspaces::kind.eq(WorkspaceKind::WorkingGroup),
            workspaces::name.eq("Round trip"),
            workspaces::description.eq(""),
            workspaces::sdg_tags.eq(""),
            workspaces::visibility.eq(Visibility::Discoverable),
            workspaces::default_language.eq(Language::Fr),
            workspaces::created_by.eq(Some(user)),
            workspaces::created_at.eq(now),
            workspaces::updated_at.eq(now),
        ))
        .returning(workspaces::id)
        .get_result(&mut *conn)
        .expect("insert with typed values");

    let (id, owner, created_by, kind, language): (
        WorkspaceId,
        OrganisationId,
        Option<UserId>,
        WorkspaceKind,
        Language,
    ) = workspaces::table
        .filter(workspaces::id.eq(workspace))
        .filter(workspaces::owner_organisation_id.eq(org))
        .select((
            workspaces::id,
            workspaces::owner_organisation_id,
            workspaces::created_by,
            workspaces::kind,
            workspaces::default_language,
        ))
        .first(&mut *conn)
        .expect("read typed values");
    assert_eq!(
        (id, owner, created_by, kind, language),
        (
            workspace,
            org,
            Some(user),
            WorkspaceKind::WorkingGroup,
            Language::Fr
        )
    );

    // Stored as the plain number and the wire text, as before the types existed.
    let (raw_owner, raw_kind, raw_language): (i64, String, String) = workspaces::table
        .filter(workspaces::id.eq(workspace.get()))
        .select((
            workspaces::owner_organisation_id,
            workspaces::kind,
            workspaces::default_language,
        ))
        .first(&mut *conn)
        .expect("read raw values");
    assert_eq!(
        (raw_owner, raw_kind.as_str(), raw_language.as_str()),
        (org.get(), "working_group", "fr")
    );
    drop(conn);
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_stored_value_fails_loudly_instead_of_defaulting() {
    let app = spawn_app().await;
    let org = insert_org(&app);
    let user = insert_user(
        &app,
        org.get(),
        "a@gent.test",
        "An",
        OrgRole::Admin,
        Language::Nl,
    )
    .await;
    let mut session = app.session();
    session.sign_in("a@gent.test", PASSWORD).await;
    assert_eq!(session.get("/api/v1/me").await.status().as_u16(), 200);

    {
        let mut conn = app.state.db.get().expect("connection");
        diesel::update(organisations::table.filter(organisations::id.eq(org)))
            .set(organisations::status.eq("dormant"))
            .execute(&mut *conn)
            .expect("store an unknown status");
        let err =
            Organisation::find(&mut conn, org.get()).expect_err("unknown status must not load");
        assert!(format!("{err:?}").contains("dormant"), "{err:?}");
        // No fallback either way: neither `active` nor `suspended` is made up.
        assert!(
            organisations::table
                .filter(organisations::id.eq(org))
                .select(organisations::status)
                .first::<OrgStatus>(&mut *conn)
                .is_err()
        );
    }
    let res = session.get("/api/v1/me").await;
    assert_eq!(res.status().as_u16(), 500);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["code"], "internal", "{body}");
    assert!(!body.to_string().contains("dormant"), "{body}");

    {
        let mut conn = app.state.db.get().expect("connection");
        diesel::update(organisations::table.filter(organisations::id.eq(org)))
            .set(organisations::status.eq("active"))
            .execute(&mut *conn)
            .expect("restore the status");
        diesel::update(users::table.filter(users::id.eq(user)))
            .set(users::role.eq("owner"))
            .execute(&mut *conn)
            .expect("store an unknown role");
        let err = User::find(&mut conn, user).expect_err("unknown role must not load");
        assert!(format!("{err:?}").contains("owner"), "{err:?}");
    }
    assert_eq!(session.get("/api/v1/me").await.status().as_u16(), 500);
    app.stop().await;
}
