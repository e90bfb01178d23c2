//! A small network with every persona of the access tests, created straight in the database so
//! hundreds of tests stay fast; their sessions too ([`crate::direct_session`]). Their password is
//! real, for the tests that sign in through the API.

use std::sync::OnceLock;

use agora::accounts::invitation::{Invitation, NewInvitationRow};
use agora::accounts::user::{NewUser, User, UserChanges};
use agora::organisations::model::{NewOrganisationRow, Organisation};
use agora::policy::Actor;
use agora_shared::api::{Language, OrgKind, OrgRole};
use agora_shared::conversations::WorkspaceRole;

use crate::app::{Session, TestApp};
use crate::fixture::{Cast, workspace_fixture};

pub const PASSWORD: &str = "correct horse battery staple";

fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| agora::security::password::hash_password(PASSWORD).expect("hash"))
        .clone()
}

pub struct Persona {
    pub email: String,
    pub user_id: i64,
    pub session: Session,
}

/// Organisations: the network operator, A (a Flemish municipality), B (a partner municipality),
/// and a workspace of A in which B takes part.
pub struct World {
    pub operator_id: i64,
    pub org_a: i64,
    pub org_b: i64,
    pub network_admin: Persona,
    pub admin_a: Persona,
    pub member_a: Persona,
    pub admin_b: Persona,
    pub member_b: Persona,
    /// Signed in, then deactivated: still holds the old cookie.
    pub deactivated_a: Persona,
    /// A person of B who is an observer in the workspace.
    pub observer: Persona,
    /// A person of A who is a moderator in the workspace.
    pub moderator: Persona,
    /// A second admin of A who is not a member of the workspace A owns.
    pub outside_admin_a: Persona,
    /// A pending invitation of A, to [`World::INVITATION_A_EMAIL`].
    pub invitation_a: i64,
    /// A pending invitation of B, to [`World::INVITATION_B_EMAIL`].
    pub invitation_b: i64,
    /// An invite-only twinning owned by A: admin A is its owner, member A a member, the moderator
    /// a moderator; B takes part (invited and accepted) with admin B as a member and the observer
    /// as an observer; member B and the outside admin of A are not members.
    pub workspace: i64,
    /// The workspace's first channel, which every member reads.
    pub general_channel: i64,
    /// A private channel of the workspace, [`World::PRIVATE_CHANNEL_NAME`]: admin A and member A
    /// only.
    pub private_channel: i64,
    /// A message of admin A in the general channel, [`World::GENERAL_TEXT`], with
    /// [`World::attachment`].
    pub message: i64,
    /// A file attached to [`World::message`], named [`World::ATTACHMENT_NAME`].
    pub attachment: i64,
    /// Admin A's message in the private channel, [`World::PRIVATE_TEXT`].
    pub private_message: i64,
    /// A direct conversation of member A and admin B.
    pub direct: i64,
    /// Member A's message there, [`World::DIRECT_TEXT`].
    pub direct_message: i64,
    /// Member A's upload in the general channel, [`World::UPLOAD_NAME`], not attached to any
    /// message yet.
    pub upload: i64,
}

async fn insert_org(
    app: &TestApp,
    name: &str,
    kind: OrgKind,
    country: &str,
    lang: Language,
) -> i64 {
    let (name, country) = (name.to_string(), country.to_string());
    app.state
        .db
        .write(move |conn| {
            let now = agora::time::now();
            Organisation::insert(
                conn,
                &NewOrganisationRow {
                    name: &name,
                    kind,
                    country: &country,
                    default_language: lang,
                    status: agora_shared::api::OrgStatus::Active,
                    created_at: now,
                    updated_at: now,
                },
            )
        })
        .await
        .expect("insert organisation")
        .id
}

/// Inserts an active person with [`PASSWORD`].
pub async fn insert_user(
    app: &TestApp,
    org: i64,
    email: &str,
    name: &str,
    role: OrgRole,
    lang: Language,
) -> i64 {
    let (email, name, hash) = (email.to_string(), name.to_string(), password_hash());
    app.state
        .db
        .write(move |conn| {
            let now = agora::time::now();
            User::insert(
                conn,
                &NewUser {
                    organisation_id: org,
                    email: &email,
                    password_hash: &hash,
                    display_name: &name,
                    function: "",
                    kind: agora_shared::api::UserKind::Official,
                    role,
                    status: agora_shared::api::UserStatus::Active,
                    interface_language: lang,
                    languages_read: lang.as_str(),
                    time_zone: "Europe/Brussels",
                    created_at: now,
                    updated_at: now,
                },
            )
        })
        .await
        .expect("insert user")
        .id
}

async fn persona(
    app: &TestApp,
    org: i64,
    email: &str,
    name: &str,
    role: OrgRole,
    lang: Language,
) -> Persona {
    let user_id = insert_user(app, org, email, name, role, lang).await;
    let session = app.signed_in(email).await;
    Persona {
        email: email.to_string(),
        user_id,
        session,
    }
}

impl World {
    /// The file name of [`World::attachment`].
    pub const ATTACHMENT_NAME: &'static str = "agenda.txt";
    /// Secrets of the fixture: each is shown only to the people who may see its object, so
    /// tests look for them in what everyone else receives.
    pub const WORKSPACE_NAME: &'static str = "Stedenband Aalst – Bohicon";
    pub const GENERAL_TEXT: &'static str = "Welkom in de stedenband";
    pub const PRIVATE_CHANNEL_NAME: &'static str = "kernteam";
    pub const PRIVATE_TEXT: &'static str = "Vertrouwelijk voor de stedenband: het kernteam stopt";
    pub const DIRECT_TEXT: &'static str = "Onder ons: het bezoek aan Bohicon";
    pub const UPLOAD_NAME: &'static str = "concept-jaarverslag.txt";
    /// The contents of [`World::attachment`] and [`World::upload`].
    pub const ATTACHMENT_TEXT: &'static str = "Agenda van de stedenband";
    pub const UPLOAD_TEXT: &'static str = "Concept, nog niet gedeeld";
    pub const INVITATION_A_EMAIL: &'static str = "new@aalst.test";
    pub const INVITATION_B_EMAIL: &'static str = "invitee@bohicon.test";

    pub async fn build(app: &TestApp) -> World {
        let operator_id = insert_org(
            app,
            "Agora Network",
            OrgKind::NetworkOperator,
            "BE",
            Language::En,
        )
        .await;
        let org_a = insert_org(
            app,
            "Gemeente Aalst",
            OrgKind::FlemishMunicipality,
            "BE",
            Language::Nl,
        )
        .await;
        let org_b = insert_org(
            app,
            "Commune de Bohicon",
            OrgKind::PartnerMunicipality,
            "BJ",
            Language::Fr,
        )
        .await;
        let network_admin = persona(
            app,
            operator_id,
            "net@agora.test",
            "Nora Network",
            OrgRole::Admin,
            Language::En,
        )
        .await;
        let admin_a = persona(
            app,
            org_a,
            "admin@aalst.test",
            "An Admin",
            OrgRole::Admin,
            Language::Nl,
        )
        .await;
        let member_a = persona(
            app,
            org_a,
            "member@aalst.test",
            "Mo Member",
            OrgRole::Member,
            Language::Nl,
        )
        .await;
        let admin_b = persona(
            app,
            org_b,
            "admin@bohicon.test",
            "Bio Admin",
            OrgRole::Admin,
            Language::Fr,
        )
        .await;
        let member_b = persona(
            app,
            org_b,
            "member@bohicon.test",
            "Awa Membre",
            OrgRole::Member,
            Language::Fr,
        )
        .await;
        let deactivated_a = persona(
            app,
            org_a,
            "gone@aalst.test",
            "Gust Gone",
            OrgRole::Admin,
            Language::Nl,
        )
        .await;
        let observer = persona(
            app,
            org_b,
            "observer@bohicon.test",
            "Olu Observateur",
            OrgRole::Member,
            Language::Fr,
        )
        .await;
        let moderator = persona(
            app,
            org_a,
            "moderator@aalst.test",
            "Mira Moderator",
            OrgRole::Member,
            Language::Nl,
        )
        .await;
        let outside_admin_a = persona(
            app,
            org_a,
            "board@aalst.test",
            "Bart Bestuur",
            OrgRole::Admin,
            Language::Nl,
        )
        .await;
        let gone = deactivated_a.user_id;
        let (invitation_a, invitation_b) = app
            .state
            .db
            .write(move |conn| {
                let now = agora::time::now();
                User::update(
                    conn,
                    gone,
                    &UserChanges {
                        status: Some(agora_shared::api::UserStatus::Deactivated),
                        ..Default::default()
                    },
                )?;
                let invitation = |organisation_id, email, language, token_hash| NewInvitationRow {
                    organisation_id,
                    email,
                    role: agora_shared::api::OrgRole::Member,
                    language,
                    token_hash,
                    invited_by: None,
                    created_at: now,
                    expires_at: now + chrono::Duration::days(7),
                };
                let a = Invitation::insert(
                    conn,
                    &invitation(
                        org_a,
                        World::INVITATION_A_EMAIL,
                        agora_shared::api::Language::Nl,
                        "not-a-real-token-hash",
                    ),
                )?;
                let b = Invitation::insert(
                    conn,
                    &invitation(
                        org_b,
                        World::INVITATION_B_EMAIL,
                        agora_shared::api::Language::Fr,
                        "not-a-real-token-hash-b",
                    ),
                )?;
                Ok((a.id, b.id))
            })
            .await
            .expect("fixture");
        let actor = |p: &Persona, org, role, kind| Actor::new(p.user_id, org, role, kind);
        let a = OrgKind::FlemishMunicipality;
        let fixture = workspace_fixture(
            app,
            Cast {
                admin_a: actor(&admin_a, org_a, OrgRole::Admin, a),
                member_a: actor(&member_a, org_a, OrgRole::Member, a),
                admin_b: actor(
                    &admin_b,
                    org_b,
                    OrgRole::Admin,
                    OrgKind::PartnerMunicipality,
                ),
                org_b,
                extra_members: vec![
                    (observer.user_id, WorkspaceRole::Observer),
                    (moderator.user_id, WorkspaceRole::Moderator),
                ],
            },
        )
        .await;
        World {
            operator_id,
            org_a,
            org_b,
            network_admin,
            admin_a,
            member_a,
            admin_b,
            member_b,
            deactivated_a,
            observer,
            moderator,
            outside_admin_a,
            invitation_a,
            invitation_b,
            workspace: fixture.workspace,
            general_channel: fixture.general_channel,
            private_channel: fixture.private_channel,
            message: fixture.message,
            attachment: fixture.attachment,
            private_message: fixture.private_message,
            direct: fixture.direct,
            direct_message: fixture.direct_message,
            upload: fixture.upload,
        }
    }
}
