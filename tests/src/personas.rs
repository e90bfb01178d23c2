//! A small network with every persona of the access tests, created straight in the database so
//! hundreds of tests stay fast; only signing in goes through the API.

use std::sync::OnceLock;

use agora::accounts::invitation::{Invitation, NewInvitationRow};
use agora::accounts::user::{NewUser, User, UserChanges};
use agora::organisations::model::{NewOrganisationRow, Organisation};
use agora::policy::Actor;
use agora_shared::api::{Language, OrgKind, OrgRole};
use agora_shared::conversations::{
    AddWorkspaceMember, NewChannel, NewMessage, NewWorkspace, Visibility, WorkspaceKind,
    WorkspaceRole,
};

use crate::app::{Session, TestApp};

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
    /// A pending invitation of A.
    pub invitation_a: i64,
    /// An invite-only twinning owned by A: admin A is its owner, member A a member; B takes part
    /// (invited and accepted) with admin B as a member; member B is not a member.
    pub workspace: i64,
    /// The workspace's first channel, which every member reads.
    pub general_channel: i64,
    /// A private channel of the workspace: admin A and member A only.
    pub private_channel: i64,
    /// A message of admin A in the general channel, with [`World::attachment`].
    pub message: i64,
    /// A file attached to [`World::message`], named [`World::ATTACHMENT_NAME`].
    pub attachment: i64,
}

/// The workspace of [`World`], built through the services as the API would.
struct Fixture {
    workspace: i64,
    general_channel: i64,
    private_channel: i64,
    message: i64,
    attachment: i64,
}

async fn workspace_fixture(
    app: &TestApp,
    admin_a: Actor,
    member_a: i64,
    admin_b: Actor,
    org_b: i64,
) -> Fixture {
    use agora::messaging::{attachments, service as messaging};
    use agora::workspaces::service as workspaces;
    let state = &app.state;
    let ws = workspaces::create(
        state,
        &admin_a,
        NewWorkspace {
            kind: WorkspaceKind::Twinning,
            name: "Aalst – Bohicon".into(),
            description: "Stedenband sinds 1996".into(),
            sdg_tags: vec![11, 17],
            visibility: Visibility::InviteOnly,
            default_language: Language::Nl,
            owner_organisation_id: None,
        },
    )
    .await
    .expect("fixture workspace");
    workspaces::add_member(
        state,
        &admin_a,
        ws.id,
        AddWorkspaceMember {
            user_id: member_a,
            role: WorkspaceRole::Member,
        },
    )
    .await
    .expect("member A joins");
    workspaces::invite_organisation(state, &admin_a, ws.id, org_b)
        .await
        .expect("B invited");
    workspaces::decide_participation(state, &admin_b, ws.id, true)
        .await
        .expect("B accepts");
    let general_channel = messaging::list_channels(state, &admin_a, ws.id)
        .await
        .expect("channels")[0]
        .id;
    let private_channel = messaging::create_channel(
        state,
        &admin_a,
        ws.id,
        NewChannel {
            name: "kernteam".into(),
            topic: String::new(),
            private: true,
            member_ids: vec![member_a],
        },
    )
    .await
    .expect("private channel")
    .id;
    let attachment = attachments::store(
        state,
        &admin_a,
        general_channel,
        World::ATTACHMENT_NAME,
        b"Agenda van de stedenband".to_vec(),
    )
    .await
    .expect("attachment")
    .id;
    // Written by admin A, so it leaves nothing unread for admin A.
    let message = messaging::post(
        state,
        &admin_a,
        general_channel,
        NewMessage {
            body: "Welkom in de stedenband".into(),
            thread_root_id: None,
            language: Some("nl".into()),
            attachment_ids: vec![attachment],
        },
    )
    .await
    .expect("message")
    .id;
    Fixture {
        workspace: ws.id,
        general_channel,
        private_channel,
        message,
        attachment,
    }
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
                    kind: kind.as_str(),
                    country: &country,
                    default_language: lang.as_str(),
                    status: "active",
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
                    kind: "official",
                    role: role.as_str(),
                    status: "active",
                    interface_language: lang.as_str(),
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
    let mut session = app.session();
    session.sign_in(email, PASSWORD).await;
    Persona {
        email: email.to_string(),
        user_id,
        session,
    }
}

impl World {
    /// The file name of [`World::attachment`].
    pub const ATTACHMENT_NAME: &'static str = "agenda.txt";

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
        let gone = deactivated_a.user_id;
        let invitation_a = app
            .state
            .db
            .write(move |conn| {
                let now = agora::time::now();
                User::update(
                    conn,
                    gone,
                    &UserChanges {
                        status: Some("deactivated".into()),
                        ..Default::default()
                    },
                )?;
                Invitation::insert(
                    conn,
                    &NewInvitationRow {
                        organisation_id: org_a,
                        email: "new@aalst.test",
                        role: "member",
                        language: "nl",
                        token_hash: "not-a-real-token-hash",
                        invited_by: None,
                        created_at: now,
                        expires_at: now + chrono::Duration::days(7),
                    },
                )
            })
            .await
            .expect("fixture")
            .id;
        let fixture = workspace_fixture(
            app,
            Actor::new(
                admin_a.user_id,
                org_a,
                OrgRole::Admin,
                OrgKind::FlemishMunicipality,
            ),
            member_a.user_id,
            Actor::new(
                admin_b.user_id,
                org_b,
                OrgRole::Admin,
                OrgKind::PartnerMunicipality,
            ),
            org_b,
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
            invitation_a,
            workspace: fixture.workspace,
            general_channel: fixture.general_channel,
            private_channel: fixture.private_channel,
            message: fixture.message,
            attachment: fixture.attachment,
        }
    }
}
