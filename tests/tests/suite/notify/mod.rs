//! Mention and direct-message emails: one per person and batch window, only to people who have
//! been away, never with what they read meanwhile, can no longer read or muted, in their language
//! and time zone, exactly once across job runs and instances. Posts go through the API on the
//! real clock; the jobs run on a test clock moved past the windows.

mod batching;
mod content;
mod delivery;
mod reach;

use std::sync::Arc;

use agora::accounts::user::User;
use agora::clock::{Clock, TestClock};
use agora::config::Config;
use agora::email_settings::model::{MentionBatching, Preferences};
use agora::mail::transport::SentMail;
use agora::messaging::service as messaging;
use agora::organisations::model::Organisation;
use agora::policy::Actor;
use agora::state::AppState;
use agora_shared::conversations::NewMessage;
use agora_tests::TestApp;
use agora_tests::app::spawn_app_with;
use agora_tests::personas::{Persona, World};
use agora_tests::smtp::mime_part;
use reqwest::Method;
use serde_json::Value;

pub struct Harness {
    pub app: TestApp,
    pub world: World,
    /// The application's state on [`Harness::clock`], for running jobs.
    pub state: AppState,
    pub clock: Arc<TestClock>,
}

impl Harness {
    pub async fn new() -> Harness {
        Harness::with(|_| {}).await
    }

    pub async fn with(adjust: impl FnOnce(&mut Config)) -> Harness {
        let app = spawn_app_with(adjust).await;
        let world = World::build(&app).await;
        let clock = Arc::new(TestClock::starting_now());
        let mut state = app.state.clone();
        state.clock = clock.clone();
        Harness {
            app,
            world,
            state,
            clock,
        }
    }

    /// Posts `body` in Dutch as `who` at the test clock's time, through the same service the
    /// API calls; answers the message's id.
    pub async fn post(&self, who: &Persona, channel: i64, body: &str) -> i64 {
        self.post_message(who, channel, body, None).await
    }

    /// A reply in the thread of `root`.
    pub async fn reply(&self, who: &Persona, root: i64, channel: i64, body: &str) -> i64 {
        self.post_message(who, channel, body, Some(root)).await
    }

    async fn post_message(
        &self,
        who: &Persona,
        channel: i64,
        body: &str,
        thread_root_id: Option<i64>,
    ) -> i64 {
        let actor = self.actor(who).await;
        let input = NewMessage {
            body: body.to_string(),
            thread_root_id,
            language: Some("nl".into()),
            attachment_ids: Vec::new(),
        };
        messaging::post(&self.state, &actor, channel, input)
            .await
            .expect("posted")
            .id
    }

    /// Posts through the API (on the real clock), as a browser does; answers the message's JSON.
    pub async fn post_http(&self, who: &Persona, channel: i64, body: Value) -> Value {
        let res = who
            .session
            .api(
                Method::POST,
                &format!("/api/v1/channels/{channel}/messages"),
                Some(body),
            )
            .await;
        assert_eq!(res.status().as_u16(), 201, "{}", res.text().await.unwrap());
        res.json().await.expect("message")
    }

    /// `who` as the services see them.
    pub async fn actor(&self, who: &Persona) -> Actor {
        let user_id = who.user_id;
        self.app
            .state
            .db
            .read(move |conn| {
                let user = User::find(conn, user_id)?;
                let org = Organisation::find(conn, user.organisation_id)?;
                Ok(Actor::new(user.id, org.id, user.role(), org.kind()))
            })
            .await
            .expect("actor")
    }

    /// Moves the clock on by `minutes`, runs every job once and sends what they queued.
    pub async fn after(&self, minutes: i64) {
        self.clock.advance(chrono::Duration::minutes(minutes));
        for outcome in agora::jobs::run_due(&self.state, self.clock.now()).await {
            assert!(outcome.result.is_ok(), "{outcome:?}");
        }
        self.state
            .mailer
            .drain(&*self.state.clock)
            .await
            .expect("outbox drains");
    }

    /// The mention and direct-message emails sent to `who` so far.
    pub fn notifications_to(&self, who: &Persona) -> Vec<Notification> {
        self.app
            .sent_emails()
            .into_iter()
            .filter(|m| m.to.contains(&who.email))
            .map(Notification::from)
            .filter(|n| n.text.contains("/settings/email"))
            .collect()
    }

    /// Every mention and direct-message email sent so far, to anyone.
    pub fn all_notifications(&self) -> Vec<Notification> {
        self.app
            .sent_emails()
            .into_iter()
            .map(Notification::from)
            .filter(|n| n.text.contains("/settings/email"))
            .collect()
    }

    pub async fn set_batching(&self, who: &Persona, batching: MentionBatching) {
        let user_id = who.user_id;
        self.app
            .state
            .db
            .write(move |conn| {
                let user = User::find(conn, user_id)?;
                let prefs = Preferences {
                    mention_batching: batching,
                    ..Preferences::find(conn, user_id)?
                };
                prefs.save(conn, user_id, user.organisation_id, agora::time::now())
            })
            .await
            .expect("preferences");
    }

    /// Marks `who`'s activity at the test clock's time, as a request then would.
    pub async fn active_now(&self, who: &Persona) {
        let (user_id, now) = (who.user_id, self.clock.now());
        self.app
            .state
            .db
            .write(move |conn| {
                use agora::db::schema::users;
                use diesel::prelude::*;
                diesel::update(users::table.find(user_id))
                    .set(users::last_active_at.eq(Some(now)))
                    .execute(conn)?;
                Ok(())
            })
            .await
            .expect("activity");
    }

    /// How many notification emails the outbox holds for `who`.
    pub async fn queued_for(&self, who: &Persona) -> i64 {
        let to = who.email.clone();
        self.app
            .state
            .db
            .read(move |conn| {
                use agora::db::schema::outbox;
                use diesel::prelude::*;
                Ok(outbox::table
                    .filter(outbox::recipient.eq(to))
                    .filter(outbox::template.eq("notification"))
                    .count()
                    .get_result(conn)?)
            })
            .await
            .expect("outbox")
    }
}

/// `@Name` as the composer writes a mention.
pub fn mention(who: &Persona, name: &str) -> String {
    format!("@[{name}](user:{})", who.user_id)
}

/// One email as received, with its parts decoded.
pub struct Notification {
    pub raw: String,
    pub text: String,
    pub html: String,
}

impl From<SentMail> for Notification {
    fn from(mail: SentMail) -> Notification {
        Notification {
            text: mime_part(&mail.raw, "text/plain").unwrap_or_default(),
            html: mime_part(&mail.raw, "text/html").unwrap_or_default(),
            raw: mail.raw,
        }
    }
}

impl Notification {
    /// The subject, as the text part's first line repeats it (the header may be encoded).
    pub fn subject(&self) -> &str {
        self.text.lines().next().unwrap_or_default()
    }

    /// The value of header `name` (unfolded), if present.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\r\n\r\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut()
                && line.starts_with([' ', '\t'])
            {
                v.push_str(line.trim_start());
                continue;
            }
            if value.is_some() {
                break;
            }
            if let Some((n, v)) = line.split_once(':')
                && n.eq_ignore_ascii_case(name)
            {
                value = Some(v.trim().to_string());
            }
        }
        value
    }
}
