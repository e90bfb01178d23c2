//! The workspace of [`World`](crate::personas::World), built through the services as the API
//! would, with one object of every kind a reader may or may not see: a general channel with a
//! message and its file, a private channel with a message, a direct conversation, and an upload
//! that is not attached yet.

use agora::policy::Actor;
use agora_shared::api::Language;
use agora_shared::conversations::{
    AddWorkspaceMember, NewChannel, NewMessage, NewWorkspace, Visibility, WorkspaceKind,
    WorkspaceRole,
};

use crate::app::TestApp;
use crate::personas::World;

pub(crate) struct Fixture {
    pub workspace: i64,
    pub general_channel: i64,
    pub private_channel: i64,
    pub message: i64,
    pub attachment: i64,
    pub private_message: i64,
    pub direct: i64,
    pub direct_message: i64,
    pub upload: i64,
}

/// Who the fixture needs, as the services see them.
pub(crate) struct Cast {
    pub admin_a: Actor,
    pub member_a: Actor,
    pub admin_b: Actor,
    pub org_b: i64,
    /// Added with their workspace role.
    pub extra_members: Vec<(i64, WorkspaceRole)>,
}

fn new_message(body: &str, attachment_ids: Vec<i64>) -> NewMessage {
    NewMessage {
        body: body.into(),
        thread_root_id: None,
        language: Some("nl".into()),
        attachment_ids,
    }
}

pub(crate) async fn workspace_fixture(app: &TestApp, cast: Cast) -> Fixture {
    use agora::messaging::{attachments, service as messaging};
    use agora::workspaces::service as workspaces;
    let state = &app.state;
    let Cast {
        admin_a,
        member_a,
        admin_b,
        org_b,
        extra_members,
    } = cast;
    let ws = workspaces::create(
        state,
        &admin_a,
        NewWorkspace {
            kind: WorkspaceKind::Twinning,
            name: World::WORKSPACE_NAME.into(),
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
            user_id: member_a.user_id,
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
    // B's admins were told of the invitation by email; setting the scene is not what the tests
    // look at, so that email leaves before the first test asks what was sent.
    state
        .db
        .write(|conn| {
            use agora::db::schema::outbox::dsl::*;
            use diesel::prelude::*;
            diesel::delete(outbox.filter(template.eq("workspace_invited")))
                .execute(conn)
                .map_err(|e| agora::error::AppError::internal(e.into()))
        })
        .await
        .expect("setup emails dropped");
    for (user_id, role) in extra_members {
        workspaces::add_member(state, &admin_a, ws.id, AddWorkspaceMember { user_id, role })
            .await
            .expect("extra member joins");
    }
    let general_channel = workspaces::list_channels(state, &admin_a, ws.id)
        .await
        .expect("channels")[0]
        .id;
    let private_channel = workspaces::create_channel(
        state,
        &admin_a,
        ws.id,
        NewChannel {
            name: World::PRIVATE_CHANNEL_NAME.into(),
            topic: String::new(),
            private: true,
            member_ids: vec![member_a.user_id],
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
        World::ATTACHMENT_TEXT.as_bytes().to_vec(),
    )
    .await
    .expect("attachment")
    .id;
    // Written by admin A, so it leaves nothing unread for admin A.
    let message = messaging::post(
        state,
        &admin_a,
        general_channel,
        new_message(World::GENERAL_TEXT, vec![attachment]),
    )
    .await
    .expect("message")
    .id;
    // The other objects leave nothing unread either, so that tests counting unread messages
    // only see the general channel's.
    let private_message = messaging::post(
        state,
        &admin_a,
        private_channel,
        new_message(World::PRIVATE_TEXT, Vec::new()),
    )
    .await
    .expect("private message")
    .id;
    messaging::mark_read(state, &member_a, private_channel, None)
        .await
        .expect("member A read the private channel");
    let direct = messaging::start_direct(state, &member_a, vec![admin_b.user_id])
        .await
        .expect("direct conversation")
        .id;
    let direct_message = messaging::post(
        state,
        &member_a,
        direct,
        new_message(World::DIRECT_TEXT, Vec::new()),
    )
    .await
    .expect("direct message")
    .id;
    messaging::mark_read(state, &admin_b, direct, None)
        .await
        .expect("admin B read the direct conversation");
    let upload = attachments::store(
        state,
        &member_a,
        general_channel,
        World::UPLOAD_NAME,
        World::UPLOAD_TEXT.as_bytes().to_vec(),
    )
    .await
    .expect("upload")
    .id;
    Fixture {
        workspace: ws.id,
        general_channel,
        private_channel,
        message,
        attachment,
        private_message,
        direct,
        direct_message,
        upload,
    }
}
