//! The application under test and the data every benchmark needs: the people of the big
//! workspace, its channels, and the reader of many channels ([`crate::seed`] writes them).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Instant;

use agora::demo::bulk;
use agora::policy::Actor;
use agora::state::AppState;
use agora_shared::api::{OrgKind, OrgRole};
use futures_util::StreamExt;

use crate::app::{App, Backend};
use crate::person::{Person, sign_in};

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

impl World {
    /// Starts the application and seeds the organisations, people, workspaces and channels;
    /// with `network`, first a bulk network of that many people due for a digest at its `now`
    /// ([`agora::demo::bulk`], which wants an empty database).
    pub async fn start(
        backend: Backend,
        server_url: Option<&str>,
        members: usize,
        reader_channels: usize,
        load_channels: usize,
        network: Option<bulk::Spec>,
    ) -> anyhow::Result<World> {
        let app = App::start(backend, server_url).await?;
        if let Some(spec) = network {
            let started = Instant::now();
            let written = crate::app::step("seed", bulk::seed(&app.state.db, spec).await)?;
            eprintln!(
                "seeded a network of {} people, {} messages in {:.1} s",
                written.people,
                written.messages,
                started.elapsed().as_secs_f64()
            );
        }
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
        self.app.stop_keeping_database().await
    }
}
