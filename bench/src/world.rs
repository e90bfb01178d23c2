//! The application under test, started in-process on 127.0.0.1:0 with a fresh database, and the
//! data every benchmark needs, written through the models and services.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Instant;

use agora::accounts::user::{NewUser, User};
use agora::config::{Config, MailTransportConfig};
use agora::messaging::service as messaging;
use agora::organisations::model::{NewOrganisationRow, Organisation};
use agora::policy::Actor;
use agora::startup::Application;
use agora::state::AppState;
use agora::workspaces::service as workspaces;
use agora_shared::api::{Language, OrgKind, OrgRole};
use agora_shared::conversations::{
    AddWorkspaceMember, NewChannel, NewMessage, NewWorkspace, Visibility, WorkspaceKind,
    WorkspaceRole,
};
use anyhow::{Context, anyhow};
use diesel::{Connection, RunQueryDsl};
use futures_util::StreamExt;

use crate::http;

pub const PASSWORD: &str = "benchmark password 2030";

/// Which engine the application runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A signed-in person.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub csrf: String,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub actor: Actor,
    pub session: Option<Session>,
}

impl Person {
    pub fn session(&self) -> &Session {
        self.session.as_ref().expect("signed in")
    }

    pub fn client(&self, addr: SocketAddr) -> http::Client {
        let s = self.session();
        http::Client::signed_in(addr, &s.token, &s.csrf)
    }
}

pub struct World {
    pub addr: SocketAddr,
    pub state: AppState,
    app: App,
    /// Members of the big workspace; 0 is its owner.
    pub members: Vec<Person>,
    /// The person who reads [`World::reader_channels`] channels.
    pub reader: Person,
    pub reader_channels: usize,
    /// The workspace of `members`.
    pub workspace_id: i64,
    /// A channel whose readers are all of `members`.
    pub hot_channel: i64,
    /// One channel per concurrent poster of the throughput benchmark, same readers.
    pub load_channels: Vec<i64>,
}

fn step<T>(what: &str, r: agora::error::AppResult<T>) -> anyhow::Result<T> {
    r.map_err(|e| anyhow!("{what}: {e:?}"))
}

/// Creates an empty database: a SQLite file in `data_dir`, or a new database on the Postgres
/// server at `server_url`.
async fn fresh_database(
    backend: Backend,
    data_dir: &std::path::Path,
    server_url: Option<&str>,
) -> anyhow::Result<(String, Option<(String, String)>)> {
    match backend {
        Backend::Sqlite => Ok((format!("sqlite://{}/agora.db", data_dir.display()), None)),
        Backend::Postgres => {
            let server_url = server_url
                .context("--backend postgres needs --database-url or AGORA_TEST_DATABASE_URL")?
                .to_string();
            let name = format!("agora_bench_{}", uuid::Uuid::new_v4().simple());
            let (url, n) = (server_url.clone(), name.clone());
            tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
                let mut conn = diesel::PgConnection::establish(&url)?;
                diesel::sql_query(format!("CREATE DATABASE {n}")).execute(&mut conn)?;
                Ok(())
            })
            .await??;
            let base = server_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or_else(|| server_url.clone());
            Ok((format!("{base}/{name}"), Some((server_url, name))))
        }
    }
}

/// The application, serving on 127.0.0.1 with a fresh database.
pub struct App {
    pub addr: SocketAddr,
    pub state: AppState,
    handle: actix_web::dev::ServerHandle,
    data_dir: PathBuf,
    postgres: Option<(String, String)>,
}

impl App {
    pub async fn start(backend: Backend, server_url: Option<&str>) -> anyhow::Result<App> {
        let data_dir =
            std::env::temp_dir().join(format!("agora-bench-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&data_dir)?;
        let (database_url, postgres) = fresh_database(backend, &data_dir, server_url).await?;
        let mut config = Config::from_lookup(|_| None)?;
        config.bind = "127.0.0.1:0".parse()?;
        config.public_url = "http://127.0.0.1:0".parse().expect("url");
        config.data_dir = data_dir.clone();
        config.database_url = database_url;
        config.mail = MailTransportConfig::Memory;
        config.secret_key = Some("benchmark secret key that is long enough to sign".into());
        config.workers = false;
        let app = Application::build(config).await?;
        let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), app.port());
        let state = app.state();
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        Ok(App {
            addr,
            state,
            handle,
            data_dir,
            postgres,
        })
    }

    /// Stops the server and removes the database.
    pub async fn stop(self) {
        self.handle.stop(false).await;
        let _ = std::fs::remove_dir_all(&self.data_dir);
        if let Some((server_url, name)) = self.postgres {
            let _ = tokio::task::spawn_blocking(move || {
                if let Ok(mut conn) = diesel::PgConnection::establish(&server_url) {
                    let _ =
                        diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut conn);
                }
            })
            .await;
        }
    }
}

impl World {
    /// Starts the application and seeds the organisations, people, workspaces and channels.
    pub async fn start(
        backend: Backend,
        server_url: Option<&str>,
        members: usize,
        reader_channels: usize,
        load_channels: usize,
    ) -> anyhow::Result<World> {
        let app = App::start(backend, server_url).await?;
        let started = Instant::now();
        let mut world = World {
            addr: app.addr,
            state: app.state.clone(),
            app,
            members: Vec::new(),
            reader: Person {
                id: 0,
                email: String::new(),
                actor: Actor::new(0, 0, OrgRole::Member, OrgKind::Other),
                session: None,
            },
            reader_channels,
            workspace_id: 0,
            hot_channel: 0,
            load_channels: Vec::new(),
        };
        world.seed(members, reader_channels, load_channels).await?;
        eprintln!(
            "seeded {} people, {} + {} channels in {:.1} s",
            world.members.len() + 1,
            load_channels + 1,
            reader_channels,
            started.elapsed().as_secs_f64()
        );
        let started = Instant::now();
        world.sign_in_everyone().await?;
        eprintln!(
            "signed in {} people through POST /api/v1/session in {:.1} s",
            world.members.len() + 1,
            started.elapsed().as_secs_f64()
        );
        Ok(world)
    }

    async fn seed(
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
                            &NewOrganisationRow {
                                name,
                                kind: kind.as_str(),
                                country,
                                default_language: lang.as_str(),
                                status: "active",
                                created_at: now,
                                updated_at: now,
                            },
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
                                kind: "official",
                                role: role.as_str(),
                                status: "active",
                                interface_language: lang.as_str(),
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
            messaging::create_channel(state, &owner, ws.id, channel("latency".into())).await,
        )?
        .id;
        for i in 0..load_channels {
            self.load_channels.push(
                step(
                    "channel",
                    messaging::create_channel(state, &owner, ws.id, channel(format!("load-{i}")))
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
            messaging::list_channels(state, &reader, ws.id).await,
        )?
        .into_iter()
        .map(|c| c.id)
        .collect();
        let created = futures_util::stream::iter(1..reader_channels)
            .map(|i| {
                let state = state.clone();
                async move {
                    messaging::create_channel(
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
                    messaging::post(
                        &state,
                        &colleague,
                        channel_id,
                        NewMessage {
                            body,
                            thread_root_id: None,
                            language: None,
                            attachment_ids: Vec::new(),
                        },
                    )
                    .await
                }
            })
            .buffer_unordered(8)
            .collect::<Vec<_>>()
            .await;
        for p in posts {
            step("post", p)?;
        }
        Ok(())
    }

    /// Signs everyone in through `POST /api/v1/session`, spreading the sign-ins over loopback
    /// source addresses (at most 15 per address: the limit is 20 per address per 15 minutes).
    async fn sign_in_everyone(&mut self) -> anyhow::Result<()> {
        let addr = self.addr;
        let mut everyone: Vec<Person> = std::mem::take(&mut self.members);
        everyone.push(self.reader.clone());
        let signed = futures_util::stream::iter(everyone.into_iter().enumerate())
            .map(|(i, mut p)| async move {
                let source = IpAddr::V4(Ipv4Addr::new(127, 0, 1, (i / 15 + 1) as u8));
                p.session = Some(sign_in(addr, source, &p.email).await?);
                Ok::<_, anyhow::Error>(p)
            })
            .buffered(4)
            .collect::<Vec<_>>()
            .await;
        let mut people = signed.into_iter().collect::<anyhow::Result<Vec<_>>>()?;
        self.reader = people.pop().expect("reader");
        self.members = people;
        Ok(())
    }

    /// Stops the server and removes the database.
    pub async fn stop(self) {
        self.app.stop().await;
    }

    /// Stops the server but keeps the database, and returns where it is.
    pub async fn stop_keeping_database(self) -> String {
        self.app.handle.stop(false).await;
        match self.app.postgres {
            Some((server_url, name)) => {
                let base = server_url
                    .rsplit_once('/')
                    .map_or(server_url.as_str(), |(b, _)| b);
                format!("{base}/{name}")
            }
            None => format!("{}/agora.db", self.app.data_dir.display()),
        }
    }
}

/// The server process of the memory benchmark: `--memory-server <people>`. Starts the
/// application on SQLite, inserts one organisation and `people` people with a session each
/// (created directly: no password hashing, whose large buffers would stay in the heap), writes the
/// session tokens to a file and prints `ready <port> <file>`. Then `stat` prints
/// `stat <open websockets> <resident KiB>` and `quit` stops it.
pub async fn memory_server(people: usize) -> anyhow::Result<()> {
    use std::io::BufRead;
    let app = App::start(Backend::Sqlite, None).await?;
    let tokens = step(
        "sessions",
        app.state
            .db
            .write(move |conn| {
                let now = agora::time::now();
                let org = Organisation::insert(
                    conn,
                    &NewOrganisationRow {
                        name: "Stad Mechelen",
                        kind: OrgKind::FlemishMunicipality.as_str(),
                        country: "BE",
                        default_language: "nl",
                        status: "active",
                        created_at: now,
                        updated_at: now,
                    },
                )?;
                let mut tokens = Vec::new();
                for i in 0..people {
                    let user = User::insert(
                        conn,
                        &NewUser {
                            organisation_id: org.id,
                            email: &format!("person{i}@bench.example"),
                            password_hash: "not a hash: nobody signs in with a password here",
                            display_name: &format!("Person {i}"),
                            function: "",
                            kind: "official",
                            role: "member",
                            status: "active",
                            interface_language: "nl",
                            languages_read: "nl",
                            time_zone: "Europe/Brussels",
                            created_at: now,
                            updated_at: now,
                        },
                    )?;
                    tokens.push(agora::accounts::session::create(
                        conn,
                        &user,
                        now,
                        chrono::Duration::days(1),
                    )?);
                }
                Ok(tokens)
            })
            .await,
    )?;
    let file = app.data_dir.join("tokens");
    std::fs::write(&file, tokens.join("\n"))?;
    println!("ready {} {}", app.addr.port(), file.display());
    let (tx, mut commands) = tokio::sync::mpsc::unbounded_channel::<String>();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    while let Some(line) = commands.recv().await {
        match line.trim() {
            "stat" => println!(
                "stat {} {}",
                app.state.hub.connection_count(),
                crate::child::rss_kib(None)
            ),
            _ => break,
        }
    }
    app.stop().await;
    Ok(())
}

/// Signs in through the API and returns the session cookie and CSRF token.
pub async fn sign_in(addr: SocketAddr, source: IpAddr, email: &str) -> anyhow::Result<Session> {
    let mut client = http::Client::new(addr, Some(source));
    let body = serde_json::json!({ "email": email, "password": PASSWORD }).to_string();
    let res = client
        .send("POST", "/api/v1/session", Some(body.as_bytes()))
        .await?;
    anyhow::ensure!(
        res.status == 200,
        "sign-in of {email}: {} {}",
        res.status,
        String::from_utf8_lossy(&res.body)
    );
    let token = res
        .headers
        .iter()
        .filter(|(k, _)| k == "set-cookie")
        .find_map(|(_, v)| v.strip_prefix("agora_session="))
        .and_then(|v| v.split(';').next())
        .context("session cookie")?
        .to_string();
    let csrf = res.json()?["csrf_token"]
        .as_str()
        .context("csrf_token")?
        .to_string();
    Ok(Session { token, csrf })
}

/// Shared by benchmarks that post: the message of a probe, with its sequence number and send time.
pub fn probe_body(seq: u64, sent_us: u64) -> Vec<u8> {
    serde_json::json!({
        "body": format!("probe {seq} {sent_us} — De werkgroep bespreekt het participatief budget van volgende week.")
    })
    .to_string()
    .into_bytes()
}

/// Parses `probe <seq> <sent_us>` out of an event's JSON.
pub fn parse_probe(text: &str) -> Option<(u64, u64)> {
    let at = text.find("probe ")?;
    let mut parts = text[at + 6..].splitn(3, ' ');
    let seq = parts.next()?.parse().ok()?;
    let sent = parts.next()?.parse().ok()?;
    Some((seq, sent))
}
