//! With `AGORA_DKIM_*` set, every email carries a DKIM signature that dkimpy (an independent
//! implementation) verifies on the message as the SMTP server received it, covering the
//! unsubscribe headers; a key file that is not a key stops the start with a clear error.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use agora::config::{Config, DkimSettings, MailTransportConfig};
use agora::email_settings::unsubscribe::{List, headers};
use agora_shared::ids::UserId;
use agora_tests::app::spawn_app_with;
use agora_tests::skips;
use agora_tests::smtp::SmtpSink;
use serde::Deserialize;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

use super::support::{email, queue};

const SELECTOR: &str = "agora2026";
const DOMAIN: &str = "vvsg.test";

#[derive(Debug, Deserialize)]
struct Verdict {
    valid: bool,
    signed: Vec<String>,
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("agora-dkim-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A fresh RSA key in `dir`: the private key file and the public key as a DNS record's `p=`.
async fn rsa_key(dir: &Path) -> Option<(PathBuf, String)> {
    let key = dir.join("dkim.pem");
    let made = Command::new("openssl")
        .args(["genrsa", "-traditional", "-out"])
        .arg(&key)
        .arg("2048")
        .stderr(Stdio::null())
        .status()
        .await;
    if !made.is_ok_and(|s| s.success()) {
        return skips::unavailable(
            "openssl",
            "cannot generate an RSA key with `openssl genrsa`",
        );
    }
    let public = Command::new("openssl")
        .args(["rsa", "-pubout", "-in"])
        .arg(&key)
        .stderr(Stdio::null())
        .output()
        .await
        .expect("openssl rsa -pubout");
    let pem = String::from_utf8(public.stdout).expect("PEM");
    let p: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(!p.is_empty(), "no public key from openssl");
    Some((key, p))
}

async fn dkimpy_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import dkim"])
        .stderr(Stdio::null())
        .status()
        .await
        .is_ok_and(|s| s.success());
    if !ok {
        skips::unavailable::<()>("dkimpy", "python3 cannot import dkim (pip install dkimpy)");
    }
    ok
}

async fn verify(raw: &str, public_key: &str) -> Verdict {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("support/dkim_verify.py");
    let mut child = Command::new("python3")
        .arg(&script)
        .args(["--selector", SELECTOR, "--domain", DOMAIN, "--public-key"])
        .arg(public_key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run dkim_verify.py");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(raw.as_bytes())
        .await
        .expect("write message");
    drop(stdin);
    let out = child.wait_with_output().await.expect("verifier output");
    assert!(out.status.success(), "dkim_verify.py failed");
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[tokio::test]
async fn dkimpy_verifies_the_signature_over_the_unsubscribe_headers() {
    if !dkimpy_available().await {
        return;
    }
    let dir = temp_dir();
    let Some((key_file, public_key)) = rsa_key(&dir).await else {
        return;
    };
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let url = sink.url();
    let app = spawn_app_with(move |c| {
        c.mail = MailTransportConfig::Smtp(url.into());
        c.mail_from = "Agora VVSG <agora@vvsg.test>".into();
        c.dkim = Some(DkimSettings {
            selector: SELECTOR.into(),
            domain: DOMAIN.into(),
            key_file,
        });
    })
    .await;
    let mut digest = email("dkim:1", "burgemeester@louga.test");
    for (name, value) in headers(&app.state, UserId::new(7), List::Digest) {
        digest.headers.push((name.into(), value));
    }
    queue(&app.state.db, vec![digest], app.state.clock.now()).await;
    assert_eq!(app.drain_outbox().await, 1);
    let mails = sink.wait_for_messages(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    let raw = &mails[0].raw;
    assert!(
        raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{raw}"
    );

    let verdict = verify(raw, &public_key).await;
    assert!(
        verdict.valid,
        "dkimpy rejects the signature: {verdict:?}\n{raw}"
    );
    for header in [
        "from",
        "to",
        "subject",
        "date",
        "message-id",
        "list-unsubscribe",
        "list-unsubscribe-post",
    ] {
        assert!(
            verdict.signed.iter().any(|h| h == header),
            "{header} not signed: {verdict:?}"
        );
    }

    // The same verifier notices a changed unsubscribe link: the check can fail.
    let link_start = raw.find("/unsubscribe/").expect("unsubscribe link") + "/unsubscribe/".len();
    let mut forged = raw.clone();
    let c = if &raw[link_start..=link_start] == "A" {
        "B"
    } else {
        "A"
    };
    forged.replace_range(link_start..=link_start, c);
    assert!(
        !verify(&forged, &public_key).await.valid,
        "forged link verified"
    );
    app.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_key_file_that_is_not_a_key_stops_the_start_with_its_reason() {
    if skips::ran_in_sqlite_pass() {
        return;
    }
    let dir = temp_dir();
    let key_file = dir.join("dkim.pem");
    std::fs::write(
        &key_file,
        "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n",
    )
    .unwrap();
    let mut config = Config::from_lookup(|_| None).unwrap();
    config.bind = "127.0.0.1:0".parse().unwrap();
    config.data_dir = dir.clone();
    config.database_url = format!("sqlite://{}/agora.db", dir.display());
    config.mail = MailTransportConfig::Memory;
    config.dkim = Some(DkimSettings {
        selector: SELECTOR.into(),
        domain: DOMAIN.into(),
        key_file: key_file.clone(),
    });
    let error = match agora::startup::Application::build(config.clone()).await {
        Ok(_) => panic!("started with a broken DKIM key"),
        Err(e) => format!("{e:#}"),
    };
    assert!(
        error.contains("AGORA_DKIM_KEY_FILE") && error.contains("dkim.pem"),
        "{error}"
    );
    config.dkim.as_mut().unwrap().key_file = dir.join("missing.pem");
    let missing = match agora::startup::Application::build(config).await {
        Ok(_) => panic!("started without the DKIM key file"),
        Err(e) => format!("{e:#}"),
    };
    assert!(missing.contains("cannot be read"), "{missing}");

    // Half a configuration is refused too, rather than sending unsigned email.
    let partial =
        Config::from_lookup(|name| (name == "AGORA_DKIM_SELECTOR").then(|| SELECTOR.to_string()));
    let partial = partial
        .expect_err("half a DKIM configuration accepted")
        .to_string();
    assert!(partial.contains("AGORA_DKIM_KEY_FILE"), "{partial}");
    let _ = std::fs::remove_dir_all(&dir);
}
