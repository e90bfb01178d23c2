//! Where email goes: an SMTP relay, `.eml` files, or memory for tests.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::{Config, MailTransportConfig};

/// A message as handed to a transport, kept by the memory transport.
#[derive(Debug, Clone)]
pub struct SentMail {
    pub to: Vec<String>,
    /// The whole RFC 5322 message.
    pub raw: String,
}

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
    Memory(Arc<Mutex<Vec<SentMail>>>),
}

/// Whether trying again later can help.
#[derive(Debug)]
pub enum SendError {
    /// The server answered 4xx, or could not be reached.
    Temporary(String),
    /// The server answered 5xx: the address is refused (a hard bounce).
    Refused(String),
    /// The email can never be sent as it is (it does not render, its address does not parse).
    Permanent(String),
}

impl Transport {
    pub fn from_config(config: &Config) -> anyhow::Result<Transport> {
        Ok(match &config.mail {
            MailTransportConfig::Files => {
                let dir = config.data_dir.join("mail");
                std::fs::create_dir_all(&dir)?;
                Transport::Files(dir)
            }
            MailTransportConfig::Smtp(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .map_err(|e| anyhow::anyhow!("AGORA_SMTP_URL is not usable: {e}"))?
                    // Connections are reused across emails: one TCP (and TLS) handshake per
                    // connection, not per email, and never more than the relay is offered.
                    .pool_config(
                        PoolConfig::new()
                            .max_size(config.smtp_pool_max)
                            .idle_timeout(config.smtp_pool_idle),
                    )
                    .build(),
            ),
            MailTransportConfig::Memory => Transport::Memory(Arc::default()),
        })
    }

    /// Hands `message` over at `now` (which names the file of the file transport).
    pub async fn send(&self, message: &Message, now: NaiveDateTime) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message.clone()).await.map(drop).map_err(|e| {
                if e.is_permanent() {
                    SendError::Refused(e.to_string())
                } else {
                    SendError::Temporary(e.to_string())
                }
            }),
            Transport::Files(dir) => {
                let name = format!(
                    "{}-{}.eml",
                    now.format("%Y%m%dT%H%M%S%.6f"),
                    uuid::Uuid::new_v4().simple()
                );
                let tmp = dir.join(format!(".{name}.tmp"));
                let written = tokio::fs::write(&tmp, message.formatted()).await;
                let renamed = match written {
                    Ok(()) => tokio::fs::rename(&tmp, dir.join(&name)).await,
                    Err(e) => Err(e),
                };
                renamed.map_err(|e| SendError::Temporary(format!("writing {name}: {e}")))
            }
            Transport::Memory(store) => {
                let to = message
                    .envelope()
                    .to()
                    .iter()
                    .map(|a| a.to_string())
                    .collect();
                let raw = String::from_utf8_lossy(&message.formatted()).into_owned();
                store
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(SentMail { to, raw });
                Ok(())
            }
        }
    }

    /// What the memory transport holds (empty for the others).
    pub fn sent(&self) -> Vec<SentMail> {
        match self {
            Transport::Memory(store) => store.lock().unwrap_or_else(|p| p.into_inner()).clone(),
            _ => Vec::new(),
        }
    }
}
