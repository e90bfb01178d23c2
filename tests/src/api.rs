//! Typed calls on a test [`Session`]: the API's own request and answer types
//! (`agora_shared::conversations`) instead of digging in `serde_json::Value`, for the steps many
//! tests repeat. A call that does not answer as expected fails with the body it got.

use agora_shared::conversations::{
    ChannelView, HistoryPage, MessageView, NewMessage, NewWorkspace, WorkspaceView,
};
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::app::Session;

/// A message of plain text whose language the server detects.
pub fn text(body: &str) -> NewMessage {
    NewMessage {
        body: body.into(),
        thread_root_id: None,
        language: None,
        attachment_ids: Vec::new(),
    }
}

/// A message of plain text in `language`, so that detection plays no part.
pub fn text_in(body: &str, language: &str) -> NewMessage {
    NewMessage {
        language: Some(language.into()),
        ..text(body)
    }
}

impl Session {
    /// A JSON call that must answer `expected`; its body as `T`.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&impl Serialize>,
        expected: u16,
    ) -> T {
        let body = body.map(|b| serde_json::to_value(b).expect("request body"));
        let res = self.api(method.clone(), path, body).await;
        let status = res.status().as_u16();
        let text = res.text().await.expect("body");
        assert_eq!(status, expected, "{method} {path}: {text}");
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{method} {path}: unexpected answer ({e}): {text}"))
    }

    /// Posts `message` in `channel` (a channel or a direct conversation).
    pub async fn post_message(&self, channel: i64, message: NewMessage) -> MessageView {
        let path = format!("/api/v1/channels/{channel}/messages");
        self.call(Method::POST, &path, Some(&message), 201).await
    }

    /// The newest page of `channel`'s history.
    pub async fn history(&self, channel: i64) -> HistoryPage {
        let path = format!("/api/v1/channels/{channel}/messages");
        self.call(Method::GET, &path, None::<&()>, 200).await
    }

    /// Creates a workspace owned by this person's organisation (or the one `new` names).
    pub async fn create_workspace(&self, new: NewWorkspace) -> WorkspaceView {
        self.call(Method::POST, "/api/v1/workspaces", Some(&new), 201)
            .await
    }

    /// The channels of `workspace` this person may read.
    pub async fn channels(&self, workspace: i64) -> Vec<ChannelView> {
        let path = format!("/api/v1/workspaces/{workspace}/channels");
        self.call(Method::GET, &path, None::<&()>, 200).await
    }
}
