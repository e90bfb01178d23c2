//! One-click unsubscribe (RFC 8058, RFC 2369): which list a link stops, the signed token naming
//! the person and the list, the two headers an email carries, and stopping and undoing.
//!
//! Undo restores "the value before" without storing anything: the page shown after stopping
//! carries the previous cadence or batching in its undo form. When that value is missing (the
//! person stopped from their mail client and then opened the link) or is not a known value, undo
//! restores the default. Undo only acts on a list that is stopped, so it can never be used to
//! change a setting the person chose afterwards.

use agora_shared::ErrorCode;
use agora_shared::ids::{UserId, WorkspaceId};

use super::model::{DigestCadence, MentionBatching, Mutes, Preferences};
use crate::accounts::user::User;
use crate::error::{AppError, AppResult};
use crate::policy;
use crate::security::list_token;
use crate::state::AppState;
use crate::workspaces::model::{Member, Workspace};

/// What one unsubscribe link stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Digest,
    /// Mention and direct-message emails.
    Notifications,
    Workspace(WorkspaceId),
}

impl List {
    /// The form signed into the token: `digest`, `notifications` or `workspace:<id>`.
    pub fn as_string(self) -> String {
        match self {
            List::Digest => "digest".into(),
            List::Notifications => "notifications".into(),
            List::Workspace(id) => format!("workspace:{id}"),
        }
    }

    pub fn parse(text: &str) -> Option<List> {
        match text {
            "digest" => Some(List::Digest),
            "notifications" => Some(List::Notifications),
            _ => text
                .strip_prefix("workspace:")
                .and_then(|id| id.parse().ok())
                .map(List::Workspace),
        }
    }
}

/// The token of `user`'s link for `list`.
pub fn token(secret: &[u8], user: UserId, list: List) -> String {
    list_token::sign(secret, user.get(), &list.as_string())
}

/// The person and list of a token; a forged, altered or unknown-list token is one 422.
pub fn open(secret: &[u8], token: &str) -> AppResult<(UserId, List)> {
    list_token::open(secret, token)
        .and_then(|(user, list)| Some((UserId::new(user), List::parse(&list)?)))
        .ok_or_else(|| AppError::invalid(ErrorCode::InvalidToken, "token"))
}

/// The `List-Unsubscribe` and `List-Unsubscribe-Post` headers for an outbox row sent to `user`
/// about `list`: digests (`digest::run`) and mention emails ([`crate::notifications`]) carry
/// them, and every email that does puts the same link in its body.
pub fn headers(state: &AppState, user: UserId, list: List) -> [(&'static str, String); 2] {
    headers_with(&state.secret, |path| state.link(path), user, list)
}

fn headers_with(
    secret: &[u8],
    link: impl Fn(&str) -> String,
    user: UserId,
    list: List,
) -> [(&'static str, String); 2] {
    let link = link(&format!("/unsubscribe/{}", token(secret, user, list)));
    [
        ("List-Unsubscribe", format!("<{link}>")),
        (
            "List-Unsubscribe-Post",
            "List-Unsubscribe=One-Click".to_string(),
        ),
    ]
}

/// Where a link stands, for its page.
pub struct Subscription {
    pub user: User,
    pub list: List,
    /// The workspace's name for a workspace list.
    pub workspace_name: Option<String>,
    pub stopped: bool,
}

/// The person behind a valid token, whether the list is stopped, and the previous value (for the
/// undo form) when this call stopped it.
async fn apply(
    state: &AppState,
    token: &str,
    change: Change,
) -> AppResult<(Subscription, Option<String>)> {
    let (user_id, list) = open(&state.secret, token)?;
    state
        .transact(move |tx| {
            let user = User::find(tx, user_id.get())?;
            let (uid, org) = (user.id, user.organisation_id);
            let now = tx.now();
            let mut prefs = Preferences::find(tx, uid)?;
            let before = prefs;
            let mut previous = None;
            let (stopped, workspace_name) = match list {
                List::Digest => {
                    match change {
                        Change::Stop if prefs.digest_cadence != DigestCadence::Off => {
                            previous = Some(prefs.digest_cadence.as_str().to_string());
                            prefs.digest_cadence = DigestCadence::Off;
                        }
                        Change::Undo(ref p) if prefs.digest_cadence == DigestCadence::Off => {
                            prefs.digest_cadence = p
                                .as_deref()
                                .and_then(DigestCadence::parse)
                                .filter(|c| *c != DigestCadence::Off)
                                .unwrap_or(Preferences::default().digest_cadence);
                        }
                        _ => {}
                    }
                    (prefs.digest_cadence == DigestCadence::Off, None)
                }
                List::Notifications => {
                    match change {
                        Change::Stop if prefs.mention_batching != MentionBatching::Off => {
                            previous = Some(prefs.mention_batching.as_str().to_string());
                            prefs.mention_batching = MentionBatching::Off;
                        }
                        Change::Undo(ref p) if prefs.mention_batching == MentionBatching::Off => {
                            prefs.mention_batching = p
                                .as_deref()
                                .and_then(MentionBatching::parse)
                                .filter(|b| *b != MentionBatching::Off)
                                .unwrap_or(Preferences::default().mention_batching);
                        }
                        _ => {}
                    }
                    (prefs.mention_batching == MentionBatching::Off, None)
                }
                List::Workspace(ws) => {
                    let role = Member::find(tx, ws.get(), uid)?.map(|m| m.role());
                    policy::email::mute_workspace(role)?;
                    let name = Workspace::find(tx, ws.get())?.name;
                    let muted = Mutes::list(tx, uid)?.contains(&ws.get());
                    let stopped = match change {
                        Change::Stop => {
                            Mutes::add(tx, uid, org, ws.get(), now)?;
                            true
                        }
                        Change::Undo(_) => {
                            Mutes::remove(tx, uid, ws.get())?;
                            false
                        }
                        Change::Look => muted,
                    };
                    (stopped, Some(name))
                }
            };
            if prefs != before {
                prefs.save(tx, uid, org, now)?;
            }
            Ok((
                Subscription {
                    user,
                    list,
                    workspace_name,
                    stopped,
                },
                previous,
            ))
        })
        .await
}

enum Change {
    Look,
    Stop,
    /// With the value from before the stop, when the undo form carries one.
    Undo(Option<String>),
}

/// Where the link stands; changes nothing (mail scanners open every link).
pub async fn look(state: &AppState, token: &str) -> AppResult<Subscription> {
    apply(state, token, Change::Look).await.map(|(s, _)| s)
}

/// Stops the list; stopping it again changes nothing. Also answers the value it replaced.
pub async fn stop(state: &AppState, token: &str) -> AppResult<(Subscription, Option<String>)> {
    apply(state, token, Change::Stop).await
}

/// Starts the list again, with `previous` when it is a value the list can have.
pub async fn undo(
    state: &AppState,
    token: &str,
    previous: Option<String>,
) -> AppResult<Subscription> {
    apply(state, token, Change::Undo(previous))
        .await
        .map(|(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_round_trip_and_unknown_ones_are_refused() {
        for list in [
            List::Digest,
            List::Notifications,
            List::Workspace(WorkspaceId::new(12)),
        ] {
            assert_eq!(List::parse(&list.as_string()), Some(list));
        }
        for bad in ["", "everything", "workspace:", "workspace:x", "Digest"] {
            assert_eq!(List::parse(bad), None, "{bad}");
        }
        let t = token(b"s", UserId::new(4), List::Digest);
        assert_eq!(open(b"s", &t).unwrap(), (UserId::new(4), List::Digest));
        let unknown = list_token::sign(b"s", 4, "everything");
        assert_eq!(open(b"s", &unknown).unwrap_err().status.as_u16(), 422);
    }

    #[test]
    fn headers_name_an_https_link_with_the_token_and_ask_for_one_click() {
        let list = List::Workspace(WorkspaceId::new(3));
        let [(name, value), (post_name, post)] = headers_with(
            b"s",
            |p| format!("https://agora.example{p}"),
            UserId::new(9),
            list,
        );
        assert_eq!(name, "List-Unsubscribe");
        let token = value
            .strip_prefix("<https://agora.example/unsubscribe/")
            .and_then(|v| v.strip_suffix('>'))
            .expect(&value);
        assert_eq!(open(b"s", token).unwrap(), (UserId::new(9), list));
        assert_eq!(
            (post_name, post.as_str()),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
        );
    }
}
