//! The people of the benchmark, signed in through the API as a browser would be.

use std::net::{IpAddr, SocketAddr};

use agora::policy::Actor;
use anyhow::Context;

use crate::http;

pub const PASSWORD: &str = "benchmark password 2030";

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
