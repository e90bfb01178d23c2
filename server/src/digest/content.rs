//! What one digest holds, as composed for its reader ([`super::compose`]) and stored with its
//! outbox row: facts and links, no rendered text, so it is rendered in the reader's language
//! when it is sent (or previewed).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// One person's digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Digest {
    /// The reader's display name.
    pub name: String,
    /// The reader's time zone, for dates.
    pub time_zone: String,
    /// Quotes from messages; `false` when the reader's organisation wants subjects and links only.
    pub with_content: bool,
    /// Workspaces first by what is addressed to the reader, then by activity; direct
    /// conversations form a section without a workspace.
    pub sections: Vec<Section>,
    pub new_workspaces: Vec<NewWorkspace>,
    /// The email settings page.
    pub settings_link: String,
    /// Stops the digest (the same link as `List-Unsubscribe`); empty in a preview.
    pub unsubscribe_link: String,
}

/// A workspace's news, or the direct conversations' when `workspace_id` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub workspace_id: Option<i64>,
    pub name: Option<String>,
    /// Mentions of the reader, replies where they took part, direct messages.
    pub for_you: Vec<Thread>,
    /// The liveliest of the others.
    pub active: Vec<Thread>,
    /// Threads with news left out by the caps.
    pub more_threads: i64,
    pub new_members: Vec<NewMember>,
    /// Organisations that joined the workspace.
    pub new_organisations: Vec<String>,
    /// "Stop email from this workspace"; empty in a preview and for direct conversations.
    pub stop_link: String,
    /// The workspace's page.
    pub link: String,
}

/// Why a thread is addressed to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Mention,
    Reply,
    Direct,
    Active,
}

/// A thread with news.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub reason: Reason,
    /// Straight to the thread (through sign-in when the reader is signed out).
    pub link: String,
    pub channel: String,
    /// The start of its first message; `None` without content, or when that message is gone.
    pub title: Option<String>,
    pub title_lang: String,
    /// One or two of its new messages.
    pub excerpts: Vec<Excerpt>,
    /// New messages not quoted.
    pub more: i64,
    /// Distinct people who wrote since the last digest, and how many messages.
    pub participants: i64,
    pub messages: i64,
    pub latest: NaiveDateTime,
}

/// A quoted message, in its own language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    pub author: String,
    /// Plain text (never HTML), shortened.
    pub text: String,
    pub lang: String,
    pub at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMember {
    pub name: String,
    pub organisation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWorkspace {
    pub name: String,
    pub link: String,
}

impl Digest {
    /// Whether it is worth an email: at least one thread or new workspace. New members alone
    /// make a quiet period.
    pub fn worth_sending(&self) -> bool {
        self.thread_count() > 0 || !self.new_workspaces.is_empty()
    }

    pub fn thread_count(&self) -> usize {
        self.sections
            .iter()
            .map(|s| s.for_you.len() + s.active.len())
            .sum()
    }
}
