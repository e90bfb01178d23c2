//! JSON shapes of workspaces, channels, messages, unread counts, search and the directory.

use serde::{Deserialize, Serialize};
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

use crate::api::{Language, UserKind};
use crate::string_enum;

string_enum! {
    /// What brings organisations together in a workspace.
    WorkspaceKind {
        Twinning => "twinning",
        WorkingGroup => "working_group",
        Network => "network",
        Experiment => "experiment",
    }
}

string_enum! {
    /// `channels.kind`: a workspace channel or a direct conversation (`ChannelView::direct`).
    /// Here so that the policy reads it without depending on messaging, which it directs.
    ChannelKind { Channel => "channel", Direct => "direct" }
}

string_enum! {
    /// Invite-only workspaces are invisible outside; discoverable ones show in the network.
    Visibility { InviteOnly => "invite_only", Discoverable => "discoverable" }
}

string_enum! {
    /// A person's role in one workspace. Observers read but do not post.
    WorkspaceRole {
        Owner => "owner",
        Moderator => "moderator",
        Member => "member",
        Observer => "observer",
    }
}

string_enum! {
    /// An organisation's participation in a workspace: it joins only when one of its admins accepts.
    Participation { Invited => "invited", Active => "active", Declined => "declined", Left => "left" }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ParticipantView {
    pub organisation_id: i64,
    pub name: String,
    pub country: String,
    pub status: Participation,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkspaceView {
    pub id: i64,
    pub kind: WorkspaceKind,
    pub name: String,
    pub description: String,
    pub owner_organisation_id: i64,
    /// Sustainable Development Goals, 1 to 17.
    pub sdg_tags: Vec<u8>,
    pub visibility: Visibility,
    pub default_language: Language,
    pub archived: bool,
    pub organisations: Vec<ParticipantView>,
    /// The caller's role; absent when the caller only sees a discoverable workspace.
    pub my_role: Option<WorkspaceRole>,
    pub unread: i64,
    pub mentions: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewWorkspace {
    pub kind: WorkspaceKind,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sdg_tags: Vec<u8>,
    pub visibility: Visibility,
    pub default_language: Language,
    /// Network administrators may create a workspace for another organisation.
    pub owner_organisation_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkspaceUpdate {
    pub name: Option<String>,
    pub description: Option<String>,
    pub sdg_tags: Option<Vec<u8>>,
    pub visibility: Option<Visibility>,
    pub default_language: Option<Language>,
    pub archived: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteOrganisation {
    pub organisation_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ParticipationDecision {
    pub accept: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct WorkspaceMemberView {
    pub user_id: i64,
    pub display_name: String,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub role: WorkspaceRole,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddWorkspaceMember {
    pub user_id: i64,
    pub role: WorkspaceRole,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkspaceMemberUpdate {
    pub role: WorkspaceRole,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChannelView {
    pub id: i64,
    /// Absent for direct conversations.
    pub workspace_id: Option<i64>,
    pub name: String,
    pub topic: String,
    pub private: bool,
    pub direct: bool,
    pub archived: bool,
    pub last_seq: i64,
    pub unread: i64,
    pub mentions: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewChannel {
    pub name: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub private: bool,
    /// For private channels: who besides the creator belongs to it.
    #[serde(default)]
    pub member_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChannelUpdate {
    pub name: Option<String>,
    pub topic: Option<String>,
    pub archived: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AuthorView {
    pub id: i64,
    pub display_name: String,
    pub organisation_id: i64,
    pub organisation_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReactionView {
    pub emoji: String,
    pub count: i64,
    /// Whether the caller reacted with this emoji.
    pub mine: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AttachmentView {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Where those who may read the message download it.
    pub url: String,
    /// A raster image's thumbnail, made on upload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<PreviewView>,
}

/// A thumbnail of an image attachment, served under the attachment's own access rules.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PreviewView {
    pub url: String,
    pub width: i32,
    pub height: i32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MessageView {
    pub id: i64,
    pub channel_id: i64,
    pub seq: i64,
    pub author: AuthorView,
    pub thread_root_id: Option<i64>,
    /// Sanitized HTML rendered on write; empty once deleted.
    pub html: String,
    /// The Markdown source, for the author's editor; empty once deleted.
    pub markdown: String,
    /// ISO 639 language tag of the text.
    pub language: String,
    pub reply_count: i64,
    pub last_reply_at: Option<String>,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub deleted: bool,
    pub reactions: Vec<ReactionView>,
    pub attachments: Vec<AttachmentView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    pub body: String,
    pub thread_root_id: Option<i64>,
    /// Overrides the detected language.
    pub language: Option<String>,
    /// Uploaded attachments to attach to this message.
    #[serde(default)]
    pub attachment_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MessageUpdate {
    pub body: Option<String>,
    pub language: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MessageEditView {
    pub markdown: String,
    pub language: String,
    pub edited_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReactionRequest {
    pub emoji: String,
}

/// A window of history; `before`/`after` say whether more exists on either side.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct HistoryPage {
    pub messages: Vec<MessageView>,
    pub more_before: bool,
    pub more_after: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct CountView {
    pub id: i64,
    pub unread: i64,
    pub mentions: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UnreadView {
    pub unread: i64,
    pub mentions: i64,
    pub workspaces: Vec<CountView>,
    pub channels: Vec<CountView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkRead {
    /// Read up to and including this sequence number; the newest when absent.
    pub seq: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SearchHit {
    pub message: MessageView,
    pub channel_name: String,
    pub workspace_id: Option<i64>,
    pub workspace_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct DirectoryEntry {
    pub user_id: i64,
    pub display_name: String,
    pub function: String,
    pub kind: UserKind,
    pub organisation_id: i64,
    pub organisation_name: String,
    pub country: String,
    pub languages_read: Vec<String>,
    pub themes: Vec<u8>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewDirectConversation {
    /// The other participants (the caller is added).
    pub user_ids: Vec<i64>,
}

/// The person to make an owner of a workspace that has lost its rightful owner.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RestoreOwner {
    pub user_id: i64,
}
