//! Optional DKIM signing (`AGORA_DKIM_*`). The key is read once at start, so a wrong file stops
//! the start with its reason instead of failing every email later.

use lettre::Message;
use lettre::message::dkim::{
    DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm,
    DkimSigningKey,
};
use lettre::message::header::HeaderName;

use crate::config::DkimSettings;

/// Signed when present. The unsubscribe headers are included so that a relay cannot add or
/// change them (RFC 8058 section 4 asks for both to be covered). Not `Content-Type`: lettre writes
/// a multipart body's Content-Type only when it formats the message, after signing, so it would
/// be signed as absent and every signature would fail.
pub const SIGNED_HEADERS: [&str; 8] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "MIME-Version",
];

pub struct DkimSigner(DkimConfig);

impl DkimSigner {
    pub fn load(settings: &DkimSettings) -> anyhow::Result<DkimSigner> {
        let path = settings.key_file.display();
        let text = std::fs::read_to_string(&settings.key_file)
            .map_err(|e| anyhow::anyhow!("AGORA_DKIM_KEY_FILE {path} cannot be read: {e}"))?;
        let key = if text.contains("-----BEGIN RSA PRIVATE KEY-----") {
            DkimSigningKey::new(&text, DkimSigningAlgorithm::Rsa)
        } else if text.contains("-----BEGIN") {
            anyhow::bail!(
                "AGORA_DKIM_KEY_FILE {path} is not a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY); \
                 convert it with `openssl rsa -traditional -in KEY -out KEY.pem`"
            )
        } else {
            DkimSigningKey::new(text.trim(), DkimSigningAlgorithm::Ed25519)
        }
        .map_err(|e| {
            anyhow::anyhow!(
                "AGORA_DKIM_KEY_FILE {path} holds neither a PKCS#1 PEM RSA key nor a base64 \
                 Ed25519 seed: {e}"
            )
        })?;
        if settings.selector.is_empty() || settings.domain.is_empty() {
            anyhow::bail!("AGORA_DKIM_SELECTOR and AGORA_DKIM_DOMAIN must not be empty");
        }
        Ok(DkimSigner(DkimConfig::new(
            settings.selector.clone(),
            settings.domain.clone(),
            key,
            SIGNED_HEADERS
                .iter()
                .map(|h| HeaderName::new_from_ascii_str(h))
                .collect(),
            // Relaxed survives relays that refold headers or change trailing whitespace.
            DkimCanonicalization {
                header: DkimCanonicalizationType::Relaxed,
                body: DkimCanonicalizationType::Relaxed,
            },
        )))
    }

    pub fn sign(&self, message: &mut Message) {
        message.sign(&self.0);
    }
}
