//! Writes what the benchmarks need through the models and services: two organisations with
//! `members` people in one big workspace with its channels, and a reader of many channels.

use agora::accounts::user::{NewUser, User};
use agora::organisations::model::{NewOrganisationRow, Organisation};
use agora::policy::Actor;
use agora::workspaces::service as workspaces;
use agora_shared::api::{Language, OrgKind, OrgRole, UserKind, UserStatus};
use agora_shared::conversations::{
    AddWorkspaceMember, NewChannel, NewWorkspace, Visibility, WorkspaceKind, WorkspaceRole,
};
use futures_util::StreamExt;

use crate::app::{self, step};
use crate::person::{PASSWORD, Person};
use crate::world::World;

impl World {
    pub(crate) async fn seed(
        &mut self,
        members: usize,
        reader_channels: usize,
        load_channels: usize,
    ) -> anyhow::Result<()> {
        let hash =
            tokio::task::spawn_blocking(|| agora::security::password::hash_password(PASSWORD))
                .await??;
        let half = members / 2;
        let (orgs, people) = step(
            "people",
            self.state
                .db
                .write(move |conn| {
                    let now = agora::time::now();
                    let mut orgs = Vec::new();
                    for (name, kind, country, lang) in [
                        (
                            "Agora Network",
                            OrgKind::NetworkOperator,
                            "BE",
                            Language::Nl,
                        ),
                        (
                            "Stad Mechelen",
                            OrgKind::FlemishMunicipality,
                            "BE",
                            Language::Nl,
                        ),
                        (
                            "Commune de Bohicon",
                            OrgKind::PartnerMunicipality,
                            "BJ",
                            Language::Fr,
                        ),
                    ] {
                        orgs.push(Organisation::insert(
                            conn,
                            &NewOrganisationRow::active(name, kind, country, lang, now),
                        )?);
                    }
                    let mut people = Vec::new();
                    // 0..half in the Flemish municipality, the rest in the partner; the last
                    // one is the reader of many channels.
                    for i in 0..=members {
                        let (org, lang) = if i < half || i == members {
                            (&orgs[1], Language::Nl)
                        } else {
                            (&orgs[2], Language::Fr)
                        };
                        let admin = i == 0 || i == half || i == members;
                        let role = if admin {
                            OrgRole::Admin
                        } else {
                            OrgRole::Member
                        };
                        let email = format!("person{i}@bench.example");
                        let user = User::insert(
                            conn,
                            &NewUser {
                                organisation_id: org.id,
                                email: &email,
                                password_hash: &hash,
                                display_name: &format!("Person {i}"),
                                function: "",
                                kind: UserKind::Official,
                                role,
                                status: UserStatus::Active,
                                interface_language: lang,
                                languages_read: lang.as_str(),
                                time_zone: "Europe/Brussels",
                                created_at: now,
                                updated_at: now,
                            },
                        )?;
                        people.push(Person {
                            id: user.id,
                            email,
                            actor: Actor::new(user.id, org.id, role, org.kind()),
                            session: None,
                        });
                    }
                    Ok((orgs, people))
                })
                .await,
        )?;
        let mut people = people;
        self.reader = people.pop().expect("reader");
        self.members = people;
        let state = &self.state;
        let owner = self.members[0].actor;

        // The big workspace: both organisations, every member.
        let ws = step(
            "workspace",
            workspaces::create(
                state,
                &owner,
                NewWorkspace {
                    kind: WorkspaceKind::Twinning,
                    name: "Benchmark twinning".into(),
                    description: String::new(),
                    sdg_tags: vec![11, 17],
                    visibility: Visibility::InviteOnly,
                    default_language: Language::Nl,
                    owner_organisation_id: None,
                },
            )
            .await,
        )?;
        self.workspace_id = ws.id;
        step(
            "invite",
            workspaces::invite_organisation(state, &owner, ws.id, orgs[2].id).await,
        )?;
        step(
            "accept",
            workspaces::decide_participation(state, &self.members[half].actor, ws.id, true).await,
        )?;
        for p in self
            .members
            .iter()
            .skip(1)
            .filter(|p| p.id != self.members[half].id)
        {
            step(
                "member",
                workspaces::add_member(
                    state,
                    &owner,
                    ws.id,
                    AddWorkspaceMember {
                        user_id: p.id,
                        role: WorkspaceRole::Member,
                    },
                )
                .await,
            )?;
        }
        let channel = |name: String| NewChannel {
            name,
            topic: "Benchmark".into(),
            private: false,
            member_ids: Vec::new(),
        };
        self.hot_channel = step(
            "channel",
            workspaces::create_channel(state, &owner, ws.id, channel("latency".into())).await,
        )?
        .id;
        for i in 0..load_channels {
            self.load_channels.push(
                step(
                    "channel",
                    workspaces::create_channel(state, &owner, ws.id, channel(format!("load-{i}")))
                        .await,
                )?
                .id,
            );
        }

        // The reader's workspace: `reader_channels` channels (its first one included), each with
        // a message from a colleague, every tenth mentioning the reader.
        let reader = self.reader.actor;
        let colleague = self.members[1].actor;
        let ws = step(
            "reader workspace",
            workspaces::create(
                state,
                &reader,
                NewWorkspace {
                    kind: WorkspaceKind::Network,
                    name: "Many channels".into(),
                    description: String::new(),
                    sdg_tags: Vec::new(),
                    visibility: Visibility::InviteOnly,
                    default_language: Language::Nl,
                    owner_organisation_id: None,
                },
            )
            .await,
        )?;
        step(
            "colleague",
            workspaces::add_member(
                state,
                &reader,
                ws.id,
                AddWorkspaceMember {
                    user_id: colleague.user_id,
                    role: WorkspaceRole::Member,
                },
            )
            .await,
        )?;
        let ws_id = ws.id;
        let mut ids: Vec<i64> = step(
            "channels",
            workspaces::list_channels(state, &reader, ws.id).await,
        )?
        .into_iter()
        .map(|c| c.id)
        .collect();
        let created = futures_util::stream::iter(1..reader_channels)
            .map(|i| {
                let state = state.clone();
                async move {
                    workspaces::create_channel(
                        &state,
                        &reader,
                        ws_id,
                        channel(format!("topic-{i:04}")),
                    )
                    .await
                    .map(|c| c.id)
                }
            })
            .buffer_unordered(8)
            .collect::<Vec<_>>()
            .await;
        for c in created {
            ids.push(step("channel", c)?);
        }
        let reader_id = self.reader.id;
        let posts = futures_util::stream::iter(ids.into_iter().enumerate())
            .map(|(i, channel_id)| {
                let state = state.clone();
                async move {
                    let body = if i % 10 == 0 {
                        format!("@[Reader](user:{reader_id}) kun je dit bekijken? Agendapunt {i}.")
                    } else {
                        format!("Verslag van de vergadering over agendapunt {i}.")
                    };
                    app::post(&state, &colleague, channel_id, body).await
                }
            })
            .buffer_unordered(8)
            .collect::<Vec<_>>()
            .await;
        for p in posts {
            p?;
        }
        Ok(())
    }
}
