//! The shape of `server/demo/network.toml`, as written by hand. Unknown fields are errors, so a
//! misspelt field name fails instead of silently falling back to a default.

use agora_shared::api::{Language, OrgKind, OrgRole, UserKind};
use agora_shared::conversations::{Visibility, WorkspaceKind, WorkspaceRole};
use serde::Deserialize;

/// The whole demo network, in the order it is created.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// The first one is the network operator.
    pub organisations: Vec<OrganisationEntry>,
    /// The first one administers the network operator.
    pub people: Vec<PersonEntry>,
    #[serde(default)]
    pub workspaces: Vec<WorkspaceEntry>,
    #[serde(default)]
    pub direct: Vec<DirectEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationEntry {
    /// How people and workspaces refer to it.
    pub key: String,
    pub name: String,
    pub kind: OrgKind,
    pub country: String,
    pub language: Language,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonEntry {
    /// How workspaces, messages and mentions refer to them.
    pub key: String,
    /// The key of their organisation.
    pub organisation: String,
    pub email: String,
    pub name: String,
    pub function: String,
    pub kind: UserKind,
    pub role: OrgRole,
    pub language: Language,
    /// ISO 639 codes of the languages they read, beyond the four of the interface.
    pub reads: Vec<String>,
    /// SDG numbers.
    pub themes: Vec<u8>,
    pub time_zone: String,
    /// Listed in the sign-in instructions.
    #[serde(default)]
    pub featured: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceEntry {
    pub name: String,
    pub kind: WorkspaceKind,
    /// The person who creates it, for their organisation.
    pub owner: String,
    pub description: String,
    pub sdg_tags: Vec<u8>,
    pub visibility: Visibility,
    pub language: Language,
    #[serde(default)]
    pub partners: Vec<PartnerEntry>,
    #[serde(default)]
    pub members: Vec<MemberEntry>,
    /// The topic of the first channel, which the workspace creates itself.
    pub general_topic: String,
    #[serde(default)]
    pub channels: Vec<ChannelEntry>,
    #[serde(default)]
    pub messages: Vec<MessageEntry>,
    /// Read markers moved to the newest message once everything is posted.
    #[serde(default)]
    pub marked_read: Vec<ReadEntry>,
}

/// An organisation invited into a workspace, and its administrator who accepts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerEntry {
    pub organisation: String,
    pub accepted_by: String,
}

/// `by` adds `who` with `role`, or gives them that role when they joined already.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberEntry {
    pub by: String,
    pub who: String,
    pub role: WorkspaceRole,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelEntry {
    /// Also how messages refer to it; `general` is reserved for the first channel.
    pub name: String,
    pub by: String,
    pub topic: String,
    /// Present for a private channel: its members besides `by`.
    pub private_with: Option<Vec<String>>,
}

/// A message at the top of a channel, with the replies of its thread.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageEntry {
    pub channel: String,
    pub by: String,
    pub text: String,
    #[serde(default)]
    pub reactions: Vec<ReactionEntry>,
    #[serde(default)]
    pub replies: Vec<ReplyEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyEntry {
    pub by: String,
    pub text: String,
    #[serde(default)]
    pub reactions: Vec<ReactionEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReactionEntry {
    pub emoji: String,
    pub by: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadEntry {
    pub who: String,
    pub channel: String,
}

/// A direct conversation `by` starts with `with`, and what they write in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectEntry {
    pub by: String,
    pub with: String,
    #[serde(default)]
    pub messages: Vec<ReplyEntry>,
}

/// The first channel of every workspace, in messages and read markers.
pub const GENERAL: &str = "general";

/// Replaces every `@{key}` in `text` by what `mention` gives for that key; the key is the error
/// when `mention` knows nobody by it, or when a mention is not closed.
pub fn expand_mentions(
    text: &str,
    mention: impl Fn(&str) -> Option<String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("@{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| "a mention `@{` is not closed by `}`".to_string())?;
        let key = &after[..end];
        out.push_str(&mention(key).ok_or_else(|| format!("mentions unknown person `{key}`"))?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}
