//! Writes a checked [`Network`] through the same services as the pages and the API, in the order
//! of the data, so rules, read markers, events and the search index stay consistent and each
//! message's language is detected as usual. Only the operator and the people are inserted
//! directly ([`super::setup`]).

use std::collections::BTreeMap;

use agora_shared::api::NewOrganisation;
use agora_shared::conversations::{
    AddWorkspaceMember, ChannelUpdate, NewChannel, NewMessage, NewWorkspace, WorkspaceRole,
};
use anyhow::anyhow;

use super::data::{
    DirectEntry, GENERAL, MessageEntry, Network, PersonEntry, ReactionEntry, WorkspaceEntry,
    expand_mentions,
};
use super::{setup, step};
use crate::messaging::service as messaging;
use crate::organisations::model::Organisation;
use crate::organisations::service as organisations;
use crate::policy::Actor;
use crate::state::AppState;
use crate::workspaces::service as workspaces;

/// Turns a service error into an error that says what the demo was doing.
#[derive(Debug, Clone)]
struct Person {
    id: i64,
    name: String,
    actor: Actor,
}

/// The state of a demo run: who is who, and how much was written.
pub(super) struct Demo<'a> {
    state: &'a AppState,
    pub orgs: BTreeMap<&'a str, Organisation>,
    people: BTreeMap<&'a str, Person>,
    pub workspaces: usize,
    pub channels: usize,
    pub direct: usize,
}

impl<'a> Demo<'a> {
    pub fn new(state: &'a AppState, operator: (&'a str, Organisation)) -> Self {
        Demo {
            state,
            orgs: BTreeMap::from([operator]),
            people: BTreeMap::new(),
            workspaces: 0,
            channels: 0,
            direct: 0,
        }
    }

    /// Everything after the operator: its administrator first, in whose name the other
    /// organisations are created, then the other people, the workspaces and the conversations.
    pub async fn fill(&mut self, network: &'a Network, hash: &str) -> anyhow::Result<()> {
        let (admin, others) = network
            .people
            .split_first()
            .ok_or_else(|| anyhow!("demo: no people"))?;
        self.add_person(admin, hash).await?;
        let by = self.actor(&admin.key)?;
        for spec in network.organisations.iter().skip(1) {
            let org = step(
                &spec.name,
                organisations::create(
                    self.state,
                    &by,
                    NewOrganisation {
                        name: spec.name.clone(),
                        kind: spec.kind,
                        country: spec.country.clone(),
                        default_language: spec.language,
                    },
                )
                .await,
            )?;
            self.orgs.insert(&spec.key, org);
        }
        for spec in others {
            self.add_person(spec, hash).await?;
        }
        for ws in &network.workspaces {
            self.workspace(ws).await?;
        }
        for dm in &network.direct {
            self.direct(dm).await?;
        }
        Ok(())
    }

    /// How many people were created.
    pub fn people(&self) -> usize {
        self.people.len()
    }

    fn p(&self, key: &str) -> anyhow::Result<&Person> {
        self.people
            .get(key)
            .ok_or_else(|| anyhow!("demo: no person {key}"))
    }

    fn actor(&self, key: &str) -> anyhow::Result<Actor> {
        Ok(self.p(key)?.actor)
    }

    /// The text with every `@{key}` written as the composer writes a mention.
    fn text(&self, text: &str) -> anyhow::Result<String> {
        expand_mentions(text, |key| {
            self.people
                .get(key)
                .map(|p| format!("@[{}](user:{})", p.name, p.id))
        })
        .map_err(|e| anyhow!("demo: {e}"))
    }

    async fn add_person(&mut self, spec: &'a PersonEntry, hash: &str) -> anyhow::Result<()> {
        let org = self
            .orgs
            .get(spec.organisation.as_str())
            .ok_or_else(|| anyhow!("demo: no organisation {}", spec.organisation))?
            .clone();
        let user = setup::person(self.state, org.id, spec, hash).await?;
        self.people.insert(
            &spec.key,
            Person {
                id: user.id,
                name: spec.name.clone(),
                actor: Actor::new(user.id, org.id, spec.role, org.kind()),
            },
        );
        Ok(())
    }

    /// Creates the workspace, brings in its partners and members, opens its channels, posts
    /// its messages and moves its read markers.
    async fn workspace(&mut self, spec: &WorkspaceEntry) -> anyhow::Result<()> {
        let name = spec.name.as_str();
        let owner = self.actor(&spec.owner)?;
        let input = NewWorkspace {
            kind: spec.kind,
            name: spec.name.clone(),
            description: spec.description.clone(),
            sdg_tags: spec.sdg_tags.clone(),
            visibility: spec.visibility,
            default_language: spec.language,
            owner_organisation_id: None,
        };
        let ws = step(name, workspaces::create(self.state, &owner, input).await)?.id;
        for p in &spec.partners {
            let org_id = self
                .orgs
                .get(p.organisation.as_str())
                .ok_or_else(|| anyhow!("demo: no organisation {}", p.organisation))?
                .id;
            step(
                name,
                workspaces::invite_organisation(self.state, &owner, ws, org_id).await,
            )?;
            let admin = self.actor(&p.accepted_by)?;
            step(
                name,
                workspaces::decide_participation(self.state, &admin, ws, true).await,
            )?;
        }
        for m in &spec.members {
            self.member(&m.by, ws, &m.who, m.role).await?;
        }
        let mut channels = BTreeMap::from([(GENERAL, self.general(&spec.owner, ws, spec).await?)]);
        for c in &spec.channels {
            let member_ids = c
                .private_with
                .iter()
                .flatten()
                .map(|k| self.p(k).map(|p| p.id))
                .collect::<anyhow::Result<_>>()?;
            let input = NewChannel {
                name: c.name.clone(),
                topic: c.topic.clone(),
                private: c.private_with.is_some(),
                member_ids,
            };
            let by = self.actor(&c.by)?;
            let created = step(
                &c.name,
                workspaces::create_channel(self.state, &by, ws, input).await,
            )?;
            channels.insert(c.name.as_str(), created.id);
        }
        self.workspaces += 1;
        self.channels += channels.len();
        let channel = |name: &str| {
            channels
                .get(name)
                .copied()
                .ok_or_else(|| anyhow!("demo: no channel {name} in {}", spec.name))
        };
        for m in &spec.messages {
            self.thread(channel(&m.channel)?, m).await?;
        }
        for r in &spec.marked_read {
            step(
                "read marker",
                messaging::mark_read(self.state, &self.actor(&r.who)?, channel(&r.channel)?, None)
                    .await,
            )?;
        }
        Ok(())
    }

    /// `by` adds `who` to a workspace with `role`, or gives them that role when they already
    /// joined (an admin accepting for their organisation joins as a member).
    async fn member(
        &self,
        by: &str,
        workspace_id: i64,
        who: &str,
        role: WorkspaceRole,
    ) -> anyhow::Result<()> {
        let (by, user_id) = (self.actor(by)?, self.p(who)?.id);
        let member = AddWorkspaceMember { user_id, role };
        let result = match workspaces::add_member(self.state, &by, workspace_id, member).await {
            Err(e) if e.code == agora_shared::ErrorCode::AlreadyMember => {
                workspaces::set_member_role(self.state, &by, workspace_id, user_id, role).await
            }
            other => other,
        };
        step(who, result)
    }

    /// Gives the workspace's first channel its topic and returns its id.
    async fn general(&self, by: &str, ws: i64, spec: &WorkspaceEntry) -> anyhow::Result<i64> {
        let by = self.actor(by)?;
        let channels = step(
            "general channel",
            workspaces::list_channels(self.state, &by, ws).await,
        )?;
        let first = channels
            .first()
            .ok_or_else(|| anyhow!("demo: workspace {} has no channel", spec.name))?;
        let update = ChannelUpdate {
            topic: Some(spec.general_topic.clone()),
            ..Default::default()
        };
        step(
            "general channel",
            workspaces::update_channel(self.state, &by, first.id, update).await,
        )?;
        Ok(first.id)
    }

    /// Posts a message, its reactions, then its replies with theirs.
    async fn thread(&self, channel_id: i64, m: &MessageEntry) -> anyhow::Result<()> {
        let root = self.post(&m.by, channel_id, None, &m.text).await?;
        self.react(root, &m.reactions).await?;
        for r in &m.replies {
            let reply = self.post(&r.by, channel_id, Some(root), &r.text).await?;
            self.react(reply, &r.reactions).await?;
        }
        Ok(())
    }

    async fn post(
        &self,
        who: &str,
        channel_id: i64,
        root: Option<i64>,
        text: &str,
    ) -> anyhow::Result<i64> {
        let input = NewMessage {
            body: self.text(text)?,
            thread_root_id: root,
            language: None,
            attachment_ids: Vec::new(),
        };
        let by = self.actor(who)?;
        let view = step(
            &format!("message of {who}"),
            messaging::post(self.state, &by, channel_id, input).await,
        )?;
        Ok(view.id)
    }

    async fn react(&self, message_id: i64, reactions: &[ReactionEntry]) -> anyhow::Result<()> {
        for r in reactions {
            for key in &r.by {
                let by = self.actor(key)?;
                step(
                    "reaction",
                    messaging::react(self.state, &by, message_id, &r.emoji, true).await,
                )?;
            }
        }
        Ok(())
    }

    async fn direct(&mut self, spec: &DirectEntry) -> anyhow::Result<()> {
        let (by, with) = (self.actor(&spec.by)?, self.p(&spec.with)?.id);
        let channel = step(
            "direct conversation",
            messaging::start_direct(self.state, &by, vec![with]).await,
        )?;
        self.direct += 1;
        for m in &spec.messages {
            let id = self.post(&m.by, channel.id, None, &m.text).await?;
            self.react(id, &m.reactions).await?;
        }
        Ok(())
    }
}
