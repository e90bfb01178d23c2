//! `agora demo`: fills an empty database with a small, realistic network so that a newcomer can
//! sign in and look around at once.
//!
//! Everything after the network operator and the people goes through the same services as the
//! pages and the API (workspaces, participation, memberships, channels, posts, threads, mentions,
//! reactions, read markers, direct conversations), so rules, read markers, events and the search
//! index stay consistent, and each message's language is detected as usual. The operator and the
//! people are inserted directly, as first-start setup and accepted invitations would have created
//! them, with one password hashed once.

use std::collections::BTreeMap;
use std::fmt;

use agora_shared::api::{Language, NewOrganisation, OrgKind, OrgRole, OrgStatus, UserKind};
use agora_shared::conversations::{
    AddWorkspaceMember, ChannelUpdate, NewChannel, NewMessage, NewWorkspace, Visibility,
    WorkspaceKind, WorkspaceRole,
};
use anyhow::{anyhow, bail};
use diesel::prelude::*;
use serde_json::json;

use crate::accounts::user::{NewUser, User, UserChanges};
use crate::audit::{self, Action, Event};
use crate::db::run_blocking;
use crate::db::schema::users;
use crate::error::AppResult;
use crate::messaging::service as messaging;
use crate::organisations::model::{NewOrganisationRow, Organisation};
use crate::organisations::service as organisations;
use crate::policy::Actor;
use crate::security::password::hash_password;
use crate::state::AppState;
use crate::time::now;
use crate::validate;
use crate::workspaces::service as workspaces;

/// The password of every demo account.
pub const PASSWORD: &str = "agora-demo-2030";

/// What the demo created, and whom to sign in as.
#[derive(Debug, Clone)]
pub struct DemoReport {
    pub organisations: usize,
    pub people: usize,
    pub workspaces: usize,
    pub channels: usize,
    pub direct_conversations: usize,
    pub messages: usize,
    /// Messages per detected language tag.
    pub languages: BTreeMap<String, usize>,
    /// A few accounts to sign in with, per language and organisation.
    pub accounts: Vec<DemoAccount>,
}

#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub language: Language,
    pub email: String,
    pub name: String,
    pub organisation: String,
    pub function: String,
}

impl DemoReport {
    /// How to sign in, for the command line.
    pub fn instructions(&self, public_url: &str) -> String {
        format!(
            "{self}\nStart the server (`cargo run --release`) and sign in at {public_url}/signin\n\
             Password of every demo account: {PASSWORD}\n"
        )
    }
}

impl fmt::Display for DemoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let languages: Vec<String> = self
            .languages
            .iter()
            .map(|(tag, n)| format!("{tag} {n}"))
            .collect();
        writeln!(
            f,
            "Demo network created: {} organisations, {} people, {} workspaces, {} channels, \
             {} direct conversations, {} messages ({}).",
            self.organisations,
            self.people,
            self.workspaces,
            self.channels,
            self.direct_conversations,
            self.messages,
            languages.join(", ")
        )?;
        writeln!(f)?;
        writeln!(f, "Accounts to try:")?;
        for a in &self.accounts {
            writeln!(
                f,
                "  [{}] {:<38} {} — {}, {}",
                a.language.as_str(),
                a.email,
                a.name,
                a.function,
                a.organisation
            )?;
        }
        Ok(())
    }
}

struct OrgSpec {
    key: &'static str,
    name: &'static str,
    kind: OrgKind,
    country: &'static str,
    language: Language,
}

const ORGANISATIONS: &[OrgSpec] = &[
    OrgSpec {
        key: "vvsg",
        name: "VVSG – Internationale samenwerking",
        kind: OrgKind::NetworkOperator,
        country: "BE",
        language: Language::Nl,
    },
    OrgSpec {
        key: "mechelen",
        name: "Stad Mechelen",
        kind: OrgKind::FlemishMunicipality,
        country: "BE",
        language: Language::Nl,
    },
    OrgSpec {
        key: "gent",
        name: "Stad Gent",
        kind: OrgKind::FlemishMunicipality,
        country: "BE",
        language: Language::Nl,
    },
    OrgSpec {
        key: "herzele",
        name: "Gemeente Herzele",
        kind: OrgKind::FlemishMunicipality,
        country: "BE",
        language: Language::Nl,
    },
    OrgSpec {
        key: "bohicon",
        name: "Commune de Bohicon",
        kind: OrgKind::PartnerMunicipality,
        country: "BJ",
        language: Language::Fr,
    },
    OrgSpec {
        key: "dogbo",
        name: "Commune de Dogbo",
        kind: OrgKind::PartnerMunicipality,
        country: "BJ",
        language: Language::Fr,
    },
    OrgSpec {
        key: "louga",
        name: "Commune de Louga",
        kind: OrgKind::PartnerMunicipality,
        country: "SN",
        language: Language::Fr,
    },
    OrgSpec {
        key: "cuenca",
        name: "Municipio de Cuenca",
        kind: OrgKind::PartnerMunicipality,
        country: "EC",
        language: Language::Es,
    },
    OrgSpec {
        key: "ancb",
        name: "ANCB – Association Nationale des Communes du Bénin",
        kind: OrgKind::Association,
        country: "BJ",
        language: Language::Fr,
    },
];

struct PersonSpec {
    key: &'static str,
    org: &'static str,
    email: &'static str,
    name: &'static str,
    function: &'static str,
    kind: UserKind,
    role: OrgRole,
    language: Language,
    reads: &'static [&'static str],
    themes: &'static [u8],
    time_zone: &'static str,
    /// Listed in the sign-in instructions.
    featured: bool,
}

const BRUSSELS: &str = "Europe/Brussels";
const PORTO_NOVO: &str = "Africa/Porto-Novo";
const DAKAR: &str = "Africa/Dakar";
const GUAYAQUIL: &str = "America/Guayaquil";

const PEOPLE: &[PersonSpec] = &[
    PersonSpec {
        key: "katrien",
        org: "vvsg",
        email: "katrien.vermeulen@vvsg.example",
        name: "Katrien Vermeulen",
        function: "Coördinator internationale samenwerking",
        kind: UserKind::Official,
        role: OrgRole::Admin,
        language: Language::Nl,
        reads: &["nl", "fr", "en", "es"],
        themes: &[11, 16, 17],
        time_zone: BRUSSELS,
        featured: true,
    },
    PersonSpec {
        key: "pieter",
        org: "vvsg",
        email: "pieter.claes@vvsg.example",
        name: "Pieter Claes",
        function: "Stafmedewerker SDG's en lokale besturen",
        kind: UserKind::Official,
        role: OrgRole::Member,
        language: Language::Nl,
        reads: &["nl", "en", "fr"],
        themes: &[11, 17],
        time_zone: BRUSSELS,
        featured: false,
    },
    PersonSpec {
        key: "sofie",
        org: "mechelen",
        email: "sofie.peeters@mechelen.example",
        name: "Sofie Peeters",
        function: "Beleidsmedewerker internationale samenwerking",
        kind: UserKind::Official,
        role: OrgRole::Admin,
        language: Language::Nl,
        reads: &["nl", "fr", "en"],
        themes: &[6, 11, 16],
        time_zone: BRUSSELS,
        featured: true,
    },
    PersonSpec {
        key: "bart",
        org: "mechelen",
        email: "bart.janssens@mechelen.example",
        name: "Bart Janssens",
        function: "Schepen van internationale samenwerking",
        kind: UserKind::Politician,
        role: OrgRole::Member,
        language: Language::Nl,
        reads: &["nl", "fr", "en"],
        themes: &[1, 11, 17],
        time_zone: BRUSSELS,
        featured: false,
    },
    PersonSpec {
        key: "luc",
        org: "mechelen",
        email: "luc.wouters@mechelen.example",
        name: "Luc Wouters",
        function: "Financieel directeur",
        kind: UserKind::Official,
        role: OrgRole::Member,
        language: Language::Nl,
        reads: &["nl", "en"],
        themes: &[16, 17],
        time_zone: BRUSSELS,
        featured: false,
    },
    PersonSpec {
        key: "jonas",
        org: "gent",
        email: "jonas.maes@gent.example",
        name: "Jonas Maes",
        function: "Beleidsmedewerker Noord-Zuid",
        kind: UserKind::Official,
        role: OrgRole::Admin,
        language: Language::En,
        reads: &["nl", "en", "es", "fr"],
        themes: &[4, 11, 13],
        time_zone: BRUSSELS,
        featured: true,
    },
    PersonSpec {
        key: "hilde",
        org: "gent",
        email: "hilde.vandamme@gent.example",
        name: "Hilde Van Damme",
        function: "Schepen van internationale solidariteit",
        kind: UserKind::Politician,
        role: OrgRole::Member,
        language: Language::Nl,
        reads: &["nl", "en", "es"],
        themes: &[10, 13],
        time_zone: BRUSSELS,
        featured: false,
    },
    PersonSpec {
        key: "els",
        org: "herzele",
        email: "els.debacker@herzele.example",
        name: "Els De Backer",
        function: "Schepen van ontwikkelingssamenwerking",
        kind: UserKind::Politician,
        role: OrgRole::Admin,
        language: Language::Nl,
        reads: &["nl", "fr"],
        themes: &[11, 12],
        time_zone: BRUSSELS,
        featured: false,
    },
    PersonSpec {
        key: "rodrigue",
        org: "bohicon",
        email: "rodrigue.hounkpatin@bohicon.example",
        name: "Rodrigue Hounkpatin",
        function: "Chargé de la coopération décentralisée",
        kind: UserKind::Official,
        role: OrgRole::Admin,
        language: Language::Fr,
        reads: &["fr", "en", "fon"],
        themes: &[6, 11, 16],
        time_zone: PORTO_NOVO,
        featured: true,
    },
    PersonSpec {
        key: "justine",
        org: "bohicon",
        email: "justine.agossou@bohicon.example",
        name: "Justine Agossou",
        function: "Première adjointe au maire",
        kind: UserKind::Politician,
        role: OrgRole::Member,
        language: Language::Fr,
        reads: &["fr", "fon"],
        themes: &[5, 16],
        time_zone: PORTO_NOVO,
        featured: false,
    },
    PersonSpec {
        key: "florent",
        org: "bohicon",
        email: "florent.dossou@bohicon.example",
        name: "Florent Dossou",
        function: "Directeur des affaires financières",
        kind: UserKind::Official,
        role: OrgRole::Member,
        language: Language::Fr,
        reads: &["fr"],
        themes: &[16, 17],
        time_zone: PORTO_NOVO,
        featured: false,
    },
    PersonSpec {
        key: "mathias",
        org: "dogbo",
        email: "mathias.kpadonou@dogbo.example",
        name: "Mathias Kpadonou",
        function: "Secrétaire exécutif de la mairie",
        kind: UserKind::Official,
        role: OrgRole::Admin,
        language: Language::Fr,
        reads: &["fr"],
        themes: &[6, 16],
        time_zone: PORTO_NOVO,
        featured: false,
    },
    PersonSpec {
        key: "aminata",
        org: "louga",
        email: "aminata.diop@louga.example",
        name: "Aminata Diop",
        function: "Chargée de la coopération et des partenariats",
        kind: UserKind::Official,
        role: OrgRole::Admin,
        language: Language::Fr,
        reads: &["fr", "wo", "en"],
        themes: &[5, 10, 17],
        time_zone: DAKAR,
        featured: true,
    },
    PersonSpec {
        key: "moussa",
        org: "louga",
        email: "moussa.ndiaye@louga.example",
        name: "Moussa Ndiaye",
        function: "Conseiller municipal, commission diaspora",
        kind: UserKind::Politician,
        role: OrgRole::Member,
        language: Language::Fr,
        reads: &["fr", "wo"],
        themes: &[3, 10],
        time_zone: DAKAR,
        featured: false,
    },
    PersonSpec {
        key: "maria",
        org: "cuenca",
        email: "maria.vazquez@cuenca.example",
        name: "María Fernanda Vázquez",
        function: "Directora de Relaciones Internacionales",
        kind: UserKind::Official,
        role: OrgRole::Admin,
        language: Language::Es,
        reads: &["es", "en"],
        themes: &[4, 11, 17],
        time_zone: GUAYAQUIL,
        featured: true,
    },
    PersonSpec {
        key: "diego",
        org: "cuenca",
        email: "diego.andrade@cuenca.example",
        name: "Diego Andrade",
        function: "Concejal, comisión de movilidad",
        kind: UserKind::Politician,
        role: OrgRole::Member,
        language: Language::Es,
        reads: &["es"],
        themes: &[11, 13],
        time_zone: GUAYAQUIL,
        featured: false,
    },
    PersonSpec {
        key: "serge",
        org: "ancb",
        email: "serge.agbodjan@ancb.example",
        name: "Serge Agbodjan",
        function: "Chargé de programmes coopération décentralisée",
        kind: UserKind::Official,
        role: OrgRole::Admin,
        language: Language::Fr,
        reads: &["fr", "en"],
        themes: &[16, 17],
        time_zone: PORTO_NOVO,
        featured: false,
    },
];

#[derive(Debug, Clone)]
struct Person {
    id: i64,
    name: &'static str,
    actor: Actor,
}

/// Turns a service error into an error that says what the demo was doing.
fn step<T>(what: &str, result: AppResult<T>) -> anyhow::Result<T> {
    result.map_err(|e| anyhow!("demo: {what}: {e:?}"))
}

/// The state of a demo run: who is who, and what was written.
struct Demo<'a> {
    state: &'a AppState,
    orgs: BTreeMap<&'static str, Organisation>,
    people: BTreeMap<&'static str, Person>,
    workspaces: usize,
    channels: usize,
    direct: usize,
}

/// Fills an empty database with the demo network. Refuses when any organisation or person
/// exists already.
pub async fn run(state: &AppState) -> anyhow::Result<DemoReport> {
    let hash = step(
        "hashing the demo password",
        run_blocking(|| Ok(hash_password(PASSWORD)?)).await,
    )?;
    let operator = &ORGANISATIONS[0];
    let created = step(
        "creating the network operator",
        state
            .db
            .write(move |conn| {
                let organisations = Organisation::count(conn)?;
                let people: i64 = users::table.count().get_result(conn)?;
                if organisations > 0 || people > 0 {
                    return Ok(Err((organisations, people)));
                }
                let now = now();
                let org = Organisation::insert(
                    conn,
                    &NewOrganisationRow {
                        name: operator.name,
                        kind: operator.kind.as_str(),
                        country: operator.country,
                        default_language: operator.language.as_str(),
                        status: OrgStatus::Active.as_str(),
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                audit::record(
                    conn,
                    Event {
                        organisation_id: Some(org.id),
                        actor: None,
                        action: Action::SetupCompleted,
                        target_type: "organisation",
                        target_id: Some(org.id),
                        detail: json!({ "demo": true }),
                        client_address: None,
                    },
                    now,
                )?;
                Ok(Ok(org))
            })
            .await,
    )?;
    let operator_org = match created {
        Ok(org) => org,
        Err((organisations, people)) => bail!(
            "the database is not empty ({organisations} organisations, {people} people): \
             `agora demo` only fills a new, empty database. Point AGORA_DATA_DIR or \
             AGORA_DATABASE_URL at a fresh one and run it again."
        ),
    };

    let mut demo = Demo {
        state,
        orgs: BTreeMap::from([(operator.key, operator_org)]),
        people: BTreeMap::new(),
        workspaces: 0,
        channels: 0,
        direct: 0,
    };
    // The network administrator first: the other organisations are created in their name.
    demo.add_person(&PEOPLE[0], &hash).await?;
    let admin = demo.p("katrien").actor;
    for spec in &ORGANISATIONS[1..] {
        let org = step(
            spec.name,
            organisations::create(
                state,
                &admin,
                NewOrganisation {
                    name: spec.name.into(),
                    kind: spec.kind,
                    country: spec.country.into(),
                    default_language: spec.language,
                },
            )
            .await,
        )?;
        demo.orgs.insert(spec.key, org);
    }
    for spec in &PEOPLE[1..] {
        demo.add_person(spec, &hash).await?;
    }

    demo.twinning_mechelen_bohicon().await?;
    demo.twinning_gent_cuenca().await?;
    demo.post_agenda_2030().await?;
    demo.diaspora_experiment().await?;
    demo.direct_conversations().await?;

    demo.report().await
}

impl Demo<'_> {
    fn p(&self, key: &str) -> &Person {
        self.people
            .get(key)
            .unwrap_or_else(|| panic!("demo person {key}"))
    }

    fn actor(&self, key: &str) -> Actor {
        self.p(key).actor
    }

    fn org_id(&self, key: &str) -> i64 {
        self.orgs
            .get(key)
            .unwrap_or_else(|| panic!("demo organisation {key}"))
            .id
    }

    /// A mention of a person, as the composer writes it.
    fn at(&self, key: &str) -> String {
        let p = self.p(key);
        format!("@[{}](user:{})", p.name, p.id)
    }

    async fn add_person(&mut self, spec: &'static PersonSpec, hash: &str) -> anyhow::Result<()> {
        let org = self
            .orgs
            .get(spec.org)
            .ok_or_else(|| anyhow!("demo: no organisation {}", spec.org))?
            .clone();
        let reads: Vec<String> = spec.reads.iter().map(|s| s.to_string()).collect();
        let languages_read = step(spec.email, validate::languages_read(&reads))?;
        let themes = step(spec.email, validate::sdg_tags("themes", spec.themes))?;
        let time_zone = step(spec.email, validate::time_zone(spec.time_zone))?;
        let hash = hash.to_string();
        let org_id = org.id;
        let user = step(
            spec.email,
            self.state
                .db
                .write(move |conn| {
                    let now = now();
                    let user = User::insert(
                        conn,
                        &NewUser {
                            organisation_id: org_id,
                            email: spec.email,
                            password_hash: &hash,
                            display_name: spec.name,
                            function: spec.function,
                            kind: spec.kind.as_str(),
                            role: spec.role.as_str(),
                            status: "active",
                            interface_language: spec.language.as_str(),
                            languages_read: &languages_read,
                            time_zone: &time_zone,
                            created_at: now,
                            updated_at: now,
                        },
                    )?;
                    User::update(
                        conn,
                        user.id,
                        &UserChanges {
                            themes: Some(themes),
                            ..Default::default()
                        },
                    )
                })
                .await,
        )?;
        self.people.insert(
            spec.key,
            Person {
                id: user.id,
                name: spec.name,
                actor: Actor::new(user.id, org.id, spec.role, org.kind()),
            },
        );
        Ok(())
    }

    /// Creates a workspace owned by `owner`'s organisation; `partners` are invited and accepted
    /// by the person given (an administrator of that organisation).
    async fn workspace(
        &mut self,
        owner: &str,
        input: NewWorkspace,
        partners: &[(&str, &str)],
    ) -> anyhow::Result<i64> {
        let name = input.name.clone();
        let ws = step(
            &name,
            workspaces::create(self.state, &self.actor(owner), input).await,
        )?;
        for (org, admin) in partners {
            step(
                &name,
                workspaces::invite_organisation(
                    self.state,
                    &self.actor(owner),
                    ws.id,
                    self.org_id(org),
                )
                .await,
            )?;
            step(
                &name,
                workspaces::decide_participation(self.state, &self.actor(admin), ws.id, true).await,
            )?;
        }
        self.workspaces += 1;
        self.channels += 1;
        Ok(ws.id)
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
        let user_id = self.p(who).id;
        let added = workspaces::add_member(
            self.state,
            &self.actor(by),
            workspace_id,
            AddWorkspaceMember { user_id, role },
        )
        .await;
        let result = match added {
            Err(e) if e.code == agora_shared::ErrorCode::AlreadyMember => {
                workspaces::set_member_role(
                    self.state,
                    &self.actor(by),
                    workspace_id,
                    user_id,
                    role,
                )
                .await
            }
            other => other,
        };
        step(who, result)
    }

    /// Gives the workspace's first channel a topic and returns its id.
    async fn general(&self, by: &str, workspace_id: i64, topic: &str) -> anyhow::Result<i64> {
        let channels = step(
            "general channel",
            messaging::list_channels(self.state, &self.actor(by), workspace_id).await,
        )?;
        let first = channels
            .first()
            .ok_or_else(|| anyhow!("demo: workspace {workspace_id} has no channel"))?;
        step(
            "general channel",
            messaging::update_channel(
                self.state,
                &self.actor(by),
                first.id,
                ChannelUpdate {
                    topic: Some(topic.into()),
                    ..Default::default()
                },
            )
            .await,
        )?;
        Ok(first.id)
    }

    async fn channel(
        &mut self,
        by: &str,
        workspace_id: i64,
        name: &str,
        topic: &str,
        private_with: Option<&[&str]>,
    ) -> anyhow::Result<i64> {
        let member_ids = private_with
            .unwrap_or_default()
            .iter()
            .map(|k| self.p(k).id)
            .collect();
        let channel = step(
            name,
            messaging::create_channel(
                self.state,
                &self.actor(by),
                workspace_id,
                NewChannel {
                    name: name.into(),
                    topic: topic.into(),
                    private: private_with.is_some(),
                    member_ids,
                },
            )
            .await,
        )?;
        self.channels += 1;
        Ok(channel.id)
    }

    async fn post(
        &self,
        who: &str,
        channel_id: i64,
        root: Option<i64>,
        body: &str,
    ) -> anyhow::Result<i64> {
        let view = step(
            &format!("message of {who}"),
            messaging::post(
                self.state,
                &self.actor(who),
                channel_id,
                NewMessage {
                    body: body.into(),
                    thread_root_id: root,
                    language: None,
                    attachment_ids: Vec::new(),
                },
            )
            .await,
        )?;
        Ok(view.id)
    }

    /// Posts a message to a channel.
    async fn say(&self, who: &str, channel_id: i64, body: &str) -> anyhow::Result<i64> {
        self.post(who, channel_id, None, body).await
    }

    /// Replies in the thread of `root`.
    async fn reply(
        &self,
        who: &str,
        channel_id: i64,
        root: i64,
        body: &str,
    ) -> anyhow::Result<i64> {
        self.post(who, channel_id, Some(root), body).await
    }

    async fn react(&self, who: &[&str], message_id: i64, emoji: &str) -> anyhow::Result<()> {
        for key in who {
            step(
                "reaction",
                messaging::react(self.state, &self.actor(key), message_id, emoji, true).await,
            )?;
        }
        Ok(())
    }

    async fn read(&self, who: &str, channel_id: i64) -> anyhow::Result<()> {
        step(
            "read marker",
            messaging::mark_read(self.state, &self.actor(who), channel_id, None).await,
        )?;
        Ok(())
    }

    async fn twinning_mechelen_bohicon(&mut self) -> anyhow::Result<()> {
        let ws = self
            .workspace(
                "sofie",
                NewWorkspace {
                    kind: WorkspaceKind::Twinning,
                    name: "Jumelage Mechelen – Bohicon".into(),
                    description: "Coopération entre la Ville de Malines et la Commune de \
                        Bohicon : budget participatif, état civil, eau et assainissement.\n\n\
                        Stedenband tussen Mechelen en Bohicon: participatief budget, burgerlijke \
                        stand, water en sanitatie."
                        .into(),
                    sdg_tags: vec![6, 11, 16],
                    visibility: Visibility::InviteOnly,
                    default_language: Language::Fr,
                    owner_organisation_id: None,
                },
                &[("bohicon", "rodrigue")],
            )
            .await?;
        self.member("sofie", ws, "bart", WorkspaceRole::Member)
            .await?;
        self.member("sofie", ws, "luc", WorkspaceRole::Member)
            .await?;
        self.member("sofie", ws, "rodrigue", WorkspaceRole::Moderator)
            .await?;
        self.member("rodrigue", ws, "justine", WorkspaceRole::Member)
            .await?;
        self.member("rodrigue", ws, "florent", WorkspaceRole::Member)
            .await?;

        let general = self
            .general(
                "sofie",
                ws,
                "Nouvelles du jumelage · Nieuws van de stedenband",
            )
            .await?;
        let budget = self
            .channel(
                "rodrigue",
                ws,
                "budget-participatif",
                "Budget participatif 2026 : calendrier, quartiers, suivi des projets",
                None,
            )
            .await?;
        let civil = self
            .channel(
                "rodrigue",
                ws,
                "etat-civil",
                "Numérisation de l'état civil, phase 2",
                None,
            )
            .await?;
        let finance = self
            .channel(
                "sofie",
                ws,
                "financiën-finances",
                "Rapportage subsidies / rapports financiers semestriels",
                Some(&["luc", "florent", "rodrigue"]),
            )
            .await?;

        let welcome = self
            .say(
                "sofie",
                general,
                "Bonjour à toutes et à tous ! Bienvenue dans l'espace de notre jumelage. C'est ici \
                 que nous préparerons ensemble la mission d'avril à Bohicon.",
            )
            .await?;
        self.react(&["rodrigue", "justine", "bart"], welcome, "🎉")
            .await?;
        self.say(
            "rodrigue",
            general,
            "Merci Sofie ! Toute l'équipe de la mairie est ravie. Nous avons déjà prévenu les chefs \
             d'arrondissement de la visite de la délégation de Malines.",
        )
        .await?;
        self.say(
            "bart",
            general,
            "Fijn dat we nu rechtstreeks met de collega's in Bohicon kunnen overleggen. Ik leg de \
             planning van de missie maandag voor aan het college van burgemeester en schepenen.",
        )
        .await?;
        self.say(
            "justine",
            general,
            "Bonjour Monsieur l'échevin. Le conseil municipal de Bohicon se réunit le 14 mars : nous \
             pourrons y adopter le programme de la visite.",
        )
        .await?;

        let root = self
            .say(
                "rodrigue",
                budget,
                "**Budget participatif 2026** – Chers collègues de Malines, nous lançons la \
                 troisième édition du budget participatif dans les arrondissements de Saclo, \
                 Lissèzoun et Passagon. Les assemblées de quartier ont proposé 42 projets : \
                 forages, latrines scolaires, éclairage public solaire. Nous aimerions échanger \
                 avec vous sur la manière de sélectionner les projets et d'associer les femmes et \
                 les jeunes au vote.",
            )
            .await?;
        self.react(&["sofie", "bart", "luc"], root, "👍").await?;
        self.reply(
            "justine",
            budget,
            root,
            "Pour les jeunes, nous pensons à un vote par SMS en plus des assemblées de quartier. \
             Qui parmi vous a déjà une expérience de ce type de vote ?",
        )
        .await?;
        let manual = self
            .reply(
                "sofie",
                budget,
                root,
                "Interessant! In Mechelen werken we met een digitaal platform én met stemhokjes in \
                 de wijkcentra, zodat ook wie geen smartphone heeft kan stemmen. Ik stuur jullie de \
                 handleiding van ons burgerbudget door.",
            )
            .await?;
        self.react(&["justine", "rodrigue"], manual, "🙏").await?;
        let agenda = format!(
            "Goed idee om de jongeren apart te betrekken: bij ons burgerbudget ging bijna een derde \
             van de stemmen naar projecten die jongeren zelf hadden ingediend. {} zullen we dit \
             agenderen tijdens de missie in april?",
            self.at("rodrigue")
        );
        self.reply("bart", budget, root, &agenda).await?;
        let luc = self.at("luc");
        self.reply(
            "rodrigue",
            budget,
            root,
            &format!(
                "Oui, excellente idée. Je propose une séance de travail avec les comités de \
                 quartier le deuxième jour de la mission. {luc}, pourriez-vous nous présenter \
                 comment vous suivez l'exécution financière des projets votés ?"
            ),
        )
        .await?;
        self.reply(
            "luc",
            budget,
            root,
            "Zeker. Ik maak een korte presentatie over de opvolging van het burgerbudget in onze \
             meerjarenplanning en laat ze vooraf naar het Frans vertalen.",
        )
        .await?;
        self.reply(
            "florent",
            budget,
            root,
            "Merci. Côté finances, le budget participatif représente 8 % de nos investissements \
             de 2026, financés en partie par le FADeC. La traçabilité des dépenses reste notre \
             priorité.",
        )
        .await?;
        let saclo = self
            .say(
                "justine",
                budget,
                "Compte rendu de l'assemblée de quartier de Saclo : 180 participants, dont 74 \
                 femmes. Le forage de Saclo arrive en tête des votes provisoires du budget \
                 participatif.",
            )
            .await?;
        self.react(&["sofie", "rodrigue"], saclo, "👏").await?;

        self.say(
            "rodrigue",
            civil,
            "Point d'étape sur la numérisation de l'état civil : 12 000 actes de naissance sont \
             désormais saisis dans la base communale. Il nous reste les registres de 2009 à 2013.",
        )
        .await?;
        self.say(
            "sofie",
            civil,
            "Bravo ! Nos collègues du service Burgerzaken peuvent venir en appui pour la formation \
             des agents d'état civil en octobre.",
        )
        .await?;
        self.say(
            "bart",
            civil,
            "Mooi resultaat. Dit zijn precies de cijfers die we in het jaarverslag aan de \
             gemeenteraad willen tonen.",
        )
        .await?;

        self.say(
            "luc",
            finance,
            "Beste collega's, de financiële rapportage over het eerste semester moet tegen 15 juli \
             bij de VVSG zijn. Kunnen jullie de bewijsstukken van de boringen tegen eind juni \
             bezorgen?",
        )
        .await?;
        self.say(
            "florent",
            finance,
            "Bien noté, Monsieur Wouters. Les pièces justificatives des forages seront scannées et \
             déposées ici avant le 25 juin.",
        )
        .await?;
        self.say(
            "sofie",
            finance,
            "Dank je, Luc. Ik zet het ook op de agenda van ons maandelijks overleg met Bohicon.",
        )
        .await?;

        self.read("sofie", general).await?;
        self.read("rodrigue", general).await?;
        Ok(())
    }

    async fn twinning_gent_cuenca(&mut self) -> anyhow::Result<()> {
        let ws = self
            .workspace(
                "jonas",
                NewWorkspace {
                    kind: WorkspaceKind::Twinning,
                    name: "Hermanamiento Gent – Cuenca".into(),
                    description: "Hermanamiento entre la ciudad de Gante y el Municipio de Cuenca: \
                        movilidad sostenible, patrimonio e intercambio de jóvenes.\n\nStedenband \
                        tussen Gent en Cuenca: duurzame mobiliteit, erfgoed en jongerenuitwisseling."
                        .into(),
                    sdg_tags: vec![4, 11, 13],
                    visibility: Visibility::InviteOnly,
                    default_language: Language::Es,
                    owner_organisation_id: None,
                },
                &[("cuenca", "maria")],
            )
            .await?;
        self.member("jonas", ws, "hilde", WorkspaceRole::Member)
            .await?;
        self.member("maria", ws, "diego", WorkspaceRole::Member)
            .await?;

        let general = self
            .general(
                "jonas",
                ws,
                "Noticias del hermanamiento · Nieuws van de stedenband",
            )
            .await?;
        let mobility = self
            .channel(
                "jonas",
                ws,
                "movilidad-sostenible",
                "Bicicletas públicas, tranvía y zonas de bajas emisiones",
                None,
            )
            .await?;
        // The partner's coordinator moderates too, and opens the channel she asked for.
        self.member("jonas", ws, "maria", WorkspaceRole::Moderator)
            .await?;
        let youth = self
            .channel(
                "maria",
                ws,
                "intercambio-juvenil",
                "Intercambio de jóvenes voluntarios 2026",
                None,
            )
            .await?;

        let hello = self
            .say(
                "jonas",
                general,
                "¡Hola a todos! Bienvenidos al espacio del hermanamiento entre Gante y Cuenca. \
                 Aquí prepararemos juntos la visita técnica de septiembre.",
            )
            .await?;
        self.react(&["maria", "diego"], hello, "❤️").await?;
        self.say(
            "maria",
            general,
            "¡Muchas gracias, Jonas! Desde la Dirección de Relaciones Internacionales estamos muy \
             contentos de trabajar en este espacio compartido con nuestros colegas de Gante.",
        )
        .await?;
        self.say(
            "hilde",
            general,
            "Welcome to our colleagues in Cuenca! I am really looking forward to welcoming your \
             delegation in Ghent this September.",
        )
        .await?;

        let root = self
            .say(
                "diego",
                mobility,
                "En el Concejo Municipal estamos debatiendo una ordenanza sobre zonas de bajas \
                 emisiones en el Centro Histórico. ¿Cómo manejó Gante la oposición de los \
                 comerciantes cuando introdujo su plan de circulación en 2017?",
            )
            .await?;
        self.reply(
            "jonas",
            mobility,
            root,
            "Good question, Diego. The first months were difficult: shop owners were afraid of \
             losing customers. What helped was monitoring footfall closely and a fund for \
             deliveries by cargo bike. I will share our evaluation report here.",
        )
        .await?;
        self.reply(
            "hilde",
            mobility,
            root,
            "Diego, en Gante aprendimos que hay que explicar el plan barrio por barrio. Con gusto \
             comparto nuestra experiencia durante la visita de septiembre.",
        )
        .await?;
        let workshop = self
            .reply(
                "maria",
                mobility,
                root,
                "Perfecto. Propongo que organicemos un taller con la Cámara de Comercio de Cuenca \
                 durante la visita.",
            )
            .await?;
        self.react(&["jonas", "hilde", "diego"], workshop, "👍")
            .await?;
        self.reply(
            "diego",
            mobility,
            root,
            "De acuerdo. También me interesa saber cómo se combinan las bicicletas públicas con el \
             tranvía.",
        )
        .await?;
        self.say(
            "jonas",
            mobility,
            "Ik vraag aan de mobiliteitsdienst of iemand van het team fietsbeleid mee kan naar \
             Cuenca voor de werkbezoeken.",
        )
        .await?;

        self.say(
            "maria",
            youth,
            "Tenemos doce jóvenes voluntarios interesados en el intercambio. La mitad estudia en la \
             Universidad de Cuenca.",
        )
        .await?;
        self.say(
            "jonas",
            youth,
            "¡Excelente! En Gante ya están confirmadas las familias de acogida para seis jóvenes.",
        )
        .await?;
        self.say(
            "hilde",
            youth,
            "Let's make sure the exchange includes the climate plan workshops: our youth council is \
             very keen on that.",
        )
        .await?;
        self.read("jonas", general).await?;
        Ok(())
    }

    async fn post_agenda_2030(&mut self) -> anyhow::Result<()> {
        let ws = self
            .workspace(
                "katrien",
                NewWorkspace {
                    kind: WorkspaceKind::WorkingGroup,
                    name: "Werkgroep Post-Agenda 2030".into(),
                    description: "What comes after the 2030 Agenda? Local governments from \
                        Flanders, Benin and Senegal prepare a joint position on localising the \
                        next global agenda."
                        .into(),
                    sdg_tags: vec![11, 16, 17],
                    visibility: Visibility::Discoverable,
                    default_language: Language::En,
                    owner_organisation_id: None,
                },
                &[
                    ("mechelen", "sofie"),
                    ("gent", "jonas"),
                    ("herzele", "els"),
                    ("ancb", "serge"),
                    ("louga", "aminata"),
                    ("dogbo", "mathias"),
                ],
            )
            .await?;
        self.member("katrien", ws, "pieter", WorkspaceRole::Moderator)
            .await?;
        self.member("sofie", ws, "bart", WorkspaceRole::Member)
            .await?;

        let general = self
            .general(
                "katrien",
                ws,
                "What comes after 2030? Localising the next global agenda",
            )
            .await?;
        let localising = self
            .channel(
                "katrien",
                ws,
                "localising-the-sdgs",
                "Voluntary Local Reviews, indicators and budgets",
                None,
            )
            .await?;
        let meetings = self
            .channel(
                "pieter",
                ws,
                "meetings",
                "Agenda and minutes of the working group",
                None,
            )
            .await?;

        let root = self
            .say(
                "katrien",
                general,
                "Welcome to the Post-Agenda 2030 working group! The United Nations are starting \
                 the consultations on what should follow the 2030 Agenda. Our aim is a joint \
                 position of local governments from Flanders, Benin and Senegal by the end of the \
                 year. Please introduce yourselves and tell us which themes matter most to your \
                 municipality.",
            )
            .await?;
        self.react(&["serge", "aminata", "els", "jonas"], root, "👋")
            .await?;
        self.reply(
            "serge",
            general,
            root,
            "Bonjour à tous. Pour l'ANCB, la priorité est la décentralisation financière : sans \
             transferts prévisibles vers les communes, les objectifs de développement durable \
             restent des intentions.",
        )
        .await?;
        self.reply(
            "aminata",
            general,
            root,
            "Bonjour ! Louga tient à ce que la migration et le rôle de la diaspora figurent dans le \
             nouvel agenda. Nous pouvons partager notre expérience avec nos ressortissants en \
             Europe.",
        )
        .await?;
        self.reply(
            "els",
            general,
            root,
            "Hallo allemaal! Herzele is een kleine gemeente. Wij willen vooral tonen dat ook kleine \
             besturen de duurzame ontwikkelingsdoelen kunnen lokaliseren, met weinig middelen.",
        )
        .await?;
        self.reply(
            "jonas",
            general,
            root,
            "Ghent here. We would like to bring in our experience with the Voluntary Local Review \
             we published in 2023, including what we would do differently next time.",
        )
        .await?;
        self.reply(
            "sofie",
            general,
            root,
            "Mechelen sluit graag aan. Wij kunnen de link leggen met ons klimaatplan en met de \
             stedenband met Bohicon.",
        )
        .await?;
        self.reply(
            "mathias",
            general,
            root,
            "Bonjour, la commune de Dogbo rejoint volontiers le groupe. L'accès à l'eau potable \
             dans les zones rurales reste notre premier défi.",
        )
        .await?;
        self.reply(
            "pieter",
            general,
            root,
            "Dank jullie wel! Ik verzamel alle bijdragen in een eerste nota tegen de volgende \
             vergadering.",
        )
        .await?;

        self.say(
            "jonas",
            localising,
            "The draft indicator list for our Voluntary Local Reviews is ready. I suggest we keep \
             it to twenty indicators that small municipalities can actually measure.",
        )
        .await?;
        self.say(
            "els",
            localising,
            "Twintig indicatoren is haalbaar voor Herzele, op voorwaarde dat de gegevens van \
             Statistiek Vlaanderen automatisch beschikbaar zijn.",
        )
        .await?;
        self.say(
            "serge",
            localising,
            "Pour les communes béninoises, il faudra des indicateurs compatibles avec le dispositif \
             de suivi de l'ANCB et avec les plans de développement communal.",
        )
        .await?;
        let serge = self.at("serge");
        self.say(
            "aminata",
            localising,
            &format!(
                "Je rejoins {serge}. Au Sénégal, nous suivons aussi les indicateurs du plan \
                 national ; une table de correspondance entre nos référentiels serait très utile."
            ),
        )
        .await?;
        let pieter = self.at("pieter");
        let table = self
            .say(
                "katrien",
                localising,
                &format!(
                    "Thanks, everyone. {pieter} will draft a correspondence table between the \
                     Flemish, Beninese and Senegalese frameworks for our next meeting."
                ),
            )
            .await?;
        self.react(&["aminata", "serge"], table, "🙏").await?;

        self.say(
            "katrien",
            meetings,
            "Next online meeting: Tuesday 12 May at 14:00 Brussels time (12:00 in Dakar, 13:00 in \
             Porto-Novo). French–Dutch interpretation is provided.",
        )
        .await?;
        self.say(
            "serge",
            meetings,
            "Merci Katrien, c'est noté pour l'ANCB. Nous serons deux à participer.",
        )
        .await?;
        self.say(
            "bart",
            meetings,
            "Ik zal er zijn. Kunnen we het punt over de financiering van lokale besturen bovenaan \
             de agenda zetten?",
        )
        .await?;
        for channel in [general, localising, meetings] {
            self.read("katrien", channel).await?;
        }
        Ok(())
    }

    async fn diaspora_experiment(&mut self) -> anyhow::Result<()> {
        let ws = self
            .workspace(
                "jonas",
                NewWorkspace {
                    kind: WorkspaceKind::Experiment,
                    name: "Expérience diaspora Gent – Louga".into(),
                    description: "Associer les associations sénégalaises de Gand aux projets de \
                        développement de Louga. Experiment: de Senegalese diaspora in Gent en \
                        de gemeente Louga werken samen aan kleine projecten."
                        .into(),
                    sdg_tags: vec![10, 17],
                    visibility: Visibility::InviteOnly,
                    default_language: Language::Fr,
                    owner_organisation_id: None,
                },
                &[("louga", "aminata")],
            )
            .await?;
        self.member("jonas", ws, "hilde", WorkspaceRole::Member)
            .await?;
        self.member("aminata", ws, "moussa", WorkspaceRole::Member)
            .await?;

        let general = self
            .general(
                "jonas",
                ws,
                "La diaspora sénégalaise de Gand et les projets de Louga",
            )
            .await?;
        let projects = self
            .channel(
                "jonas",
                ws,
                "micro-projets",
                "Appel à micro-projets 2026 · Oproep microprojecten",
                None,
            )
            .await?;

        self.say(
            "jonas",
            general,
            "Bienvenue dans cette expérience : associer les Sénégalais de Gand aux projets de \
             développement de Louga. Trois associations de la diaspora nous ont déjà contactés.",
        )
        .await?;
        self.say(
            "moussa",
            general,
            "Merci ! À Louga, beaucoup de familles vivent des transferts de la diaspora. L'idée est \
             d'en orienter une petite partie vers des projets collectifs, par exemple l'équipement \
             du centre de santé du quartier.",
        )
        .await?;
        let match_fund = self
            .say(
                "hilde",
                general,
                "Mooi initiatief. Ik stel voor dat de stad Gent elke euro die de \
                 diasporaverenigingen inzamelen verdubbelt, met een maximum van tienduizend euro \
                 per project.",
            )
            .await?;
        self.react(&["aminata", "moussa", "jonas"], match_fund, "👏")
            .await?;
        let hilde = self.at("hilde");
        self.say(
            "aminata",
            general,
            &format!(
                "Excellente proposition, {hilde} ! Le conseil municipal de Louga pourra désigner \
                 un comité de suivi mixte avec les associations."
            ),
        )
        .await?;
        self.say(
            "jonas",
            general,
            "I will draft the call for micro-projects in French and Dutch and post it in the \
             projects channel next week.",
        )
        .await?;

        self.say(
            "aminata",
            projects,
            "Premières idées de micro-projets : un atelier de couture pour les femmes du quartier \
             de Ndiang, des panneaux solaires pour l'école élémentaire de Santhiaba et une petite \
             unité de transformation du lait.",
        )
        .await?;
        self.say(
            "moussa",
            projects,
            "Les associations de Gand préfèrent soutenir le projet de l'école : plusieurs de leurs \
             membres y ont étudié.",
        )
        .await?;
        self.say(
            "hilde",
            projects,
            "Laten we de eerste oproep beperken tot drie projecten, zodat we het experiment goed \
             kunnen evalueren.",
        )
        .await?;
        Ok(())
    }

    async fn direct(&mut self, who: &str, with: &str) -> anyhow::Result<i64> {
        let channel = step(
            "direct conversation",
            messaging::start_direct(self.state, &self.actor(who), vec![self.p(with).id]).await,
        )?;
        self.direct += 1;
        Ok(channel.id)
    }

    async fn direct_conversations(&mut self) -> anyhow::Result<()> {
        let dm = self.direct("katrien", "serge").await?;
        self.say(
            "katrien",
            dm,
            "Bonjour Serge, merci pour votre contribution au groupe de travail. Seriez-vous \
             disponible pour une courte réunion préparatoire avant le 12 mai ?",
        )
        .await?;
        self.say(
            "serge",
            dm,
            "Bonjour Katrien, avec plaisir. Jeudi à 10 heures, heure de Cotonou, cela vous \
             convient-il ?",
        )
        .await?;
        self.say(
            "katrien",
            dm,
            "Thursday at 11:00 Brussels time works perfectly. I will send the video link here.",
        )
        .await?;

        let dm = self.direct("rodrigue", "sofie").await?;
        self.say(
            "rodrigue",
            dm,
            "Sofie, les billets de la délégation de Bohicon sont-ils confirmés ? Le visa de Madame \
             Agossou est encore en cours de traitement.",
        )
        .await?;
        self.say(
            "sofie",
            dm,
            "Oui, les billets sont réservés. Je t'envoie demain matin la lettre d'invitation \
             officielle pour l'ambassade.",
        )
        .await?;
        Ok(())
    }

    async fn report(&self) -> anyhow::Result<DemoReport> {
        let languages: Vec<String> = step(
            "counting messages",
            self.state
                .db
                .read(|conn| {
                    use crate::db::schema::messages;
                    Ok(messages::table.select(messages::language).load(conn)?)
                })
                .await,
        )?;
        let mut per_language = BTreeMap::new();
        for tag in &languages {
            *per_language.entry(tag.clone()).or_insert(0) += 1;
        }
        let accounts = PEOPLE
            .iter()
            .filter(|p| p.featured)
            .map(|p| DemoAccount {
                language: p.language,
                email: p.email.to_string(),
                name: p.name.to_string(),
                organisation: self
                    .orgs
                    .get(p.org)
                    .map(|o| o.name.clone())
                    .unwrap_or_default(),
                function: if p.key == "katrien" {
                    format!("{} (network administrator)", p.function)
                } else {
                    p.function.to_string()
                },
            })
            .collect();
        Ok(DemoReport {
            organisations: self.orgs.len(),
            people: self.people.len(),
            workspaces: self.workspaces,
            channels: self.channels,
            direct_conversations: self.direct,
            messages: languages.len(),
            languages: per_language,
            accounts,
        })
    }
}
