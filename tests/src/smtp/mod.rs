//! A real SMTP server for email tests: `tests/support/smtp_sink.py` (aiosmtpd)
//! in a child process, storing each accepted message in a fresh temp dir.
//!
//! Tests point the application's SMTP URL at [`SmtpSink::url`] and read what
//! was actually sent over the wire with [`SmtpSink::wait_for_messages`].

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde::Deserialize;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

mod mime;

pub use mime::mime_part;

/// A running SMTP sink. The server process is killed and its directory
/// removed when this is dropped.
pub struct SmtpSink {
    // Holds the piped stdin open: the script exits when it sees EOF, so it
    // cannot outlive the test even if `kill_on_drop` never gets to run.
    _child: Child,
    port: u16,
    dir: PathBuf,
}

/// One message as received by the sink.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The message exactly as sent after DATA (headers and body, CRLF line endings).
    pub raw: String,
    /// The envelope sender (MAIL FROM).
    pub mail_from: String,
    /// The envelope recipients (RCPT TO), in order.
    pub rcpt_to: Vec<String>,
}

/// The JSON sidecar the script writes beside each message.
#[derive(Deserialize)]
struct Envelope {
    mail_from: String,
    rcpt_to: Vec<String>,
}

impl SmtpSink {
    /// Starts the sink on a free port. Returns `None` (after printing
    /// `SKIPPED: ...`) when python3 or aiosmtpd is missing, unless
    /// `AGORA_TEST_REQUIRE_ALL` is set, in which case it panics.
    pub async fn start() -> Option<SmtpSink> {
        SmtpSink::start_on(0).await
    }

    /// Like [`SmtpSink::start`], on a given port (0: any free one), e.g. one the application was
    /// configured with while nothing listened there.
    pub async fn start_on(port: u16) -> Option<SmtpSink> {
        if let Err(reason) = check_python().await {
            return unavailable(&reason);
        }

        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("support/smtp_sink.py");
        let dir = std::env::temp_dir().join(format!("agora-smtp-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("creating SMTP sink dir {}: {e}", dir.display()));

        let mut child = Command::new("python3")
            .arg(&script)
            .args(["--port", &port.to_string(), "--dir"])
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("spawning {}: {e}", script.display()));

        // The script prints `PORT <n>` once it is listening; anything else
        // (or nothing within 10 s) means it is broken, not merely missing.
        let stdout = child.stdout.take().expect("stdout was piped");
        let mut first_line = String::new();
        let read = tokio::time::timeout(
            Duration::from_secs(10),
            BufReader::new(stdout).read_line(&mut first_line),
        )
        .await;
        let port = match read {
            Ok(Ok(_)) => first_line
                .trim()
                .strip_prefix("PORT ")
                .and_then(|p| p.parse::<u16>().ok()),
            _ => None,
        }
        .unwrap_or_else(|| {
            panic!(
                "SMTP sink did not report its port within 10 s (first line: {first_line:?}); \
                 see its stderr above"
            )
        });

        Some(SmtpSink {
            _child: child,
            port,
            dir,
        })
    }

    /// The TCP port the sink listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Makes the sink answer `RCPT TO` for each address with its code (4xx or 5xx) for the
    /// first `times` attempts (`None`: always), then accept it. Replaces earlier rules.
    pub fn set_refusals(&self, rules: &[(&str, u16, Option<u32>)]) {
        let map: serde_json::Map<String, serde_json::Value> = rules
            .iter()
            .map(|(address, code, times)| {
                (
                    address.to_lowercase(),
                    serde_json::json!({"code": code, "times": times}),
                )
            })
            .collect();
        let tmp = self.dir.join(".rules.json.tmp");
        std::fs::write(&tmp, serde_json::Value::Object(map).to_string()).expect("write rules");
        std::fs::rename(&tmp, self.dir.join("rules.json")).expect("install rules");
    }

    /// How many SMTP connections the sink has accepted so far.
    pub fn connections(&self) -> usize {
        match std::fs::read_to_string(self.dir.join("connections")) {
            Ok(n) => n.trim().parse().expect("connections count"),
            Err(_) => 0,
        }
    }

    /// `smtp://127.0.0.1:PORT`: plain SMTP, no TLS, no auth.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Waits until at least `n` messages have arrived or `timeout` passes, then
    /// returns every message received so far, in arrival order. On timeout the
    /// result simply has fewer than `n` entries: assert on its length.
    pub async fn wait_for_messages(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let mails = self.read_messages();
            if mails.len() >= n || tokio::time::Instant::now() >= deadline {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Every message received so far, in arrival order, without waiting.
    pub fn received_now(&self) -> Vec<ReceivedMail> {
        self.read_messages()
    }

    /// How many messages have been received so far.
    pub fn received_count(&self) -> usize {
        self.finished_messages().len()
    }

    /// Only finished messages: files being written end in .tmp.
    fn finished_messages(&self) -> Vec<PathBuf> {
        let entries = std::fs::read_dir(&self.dir)
            .unwrap_or_else(|e| panic!("reading SMTP sink dir {}: {e}", self.dir.display()));
        entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "eml"))
            .collect()
    }

    fn read_messages(&self) -> Vec<ReceivedMail> {
        let mut emls = self.finished_messages();
        // Zero-padded numbers, so name order is arrival order.
        emls.sort();
        emls.iter().map(|eml| read_message(eml.as_path())).collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        // Best effort: a leftover temp dir is harmless.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn read_message(eml: &Path) -> ReceivedMail {
    let raw = std::fs::read(eml).unwrap_or_else(|e| panic!("reading {}: {e}", eml.display()));
    // The script writes the sidecar before renaming the .eml into place.
    let sidecar = eml.with_extension("json");
    let json =
        std::fs::read(&sidecar).unwrap_or_else(|e| panic!("reading {}: {e}", sidecar.display()));
    let envelope: Envelope = serde_json::from_slice(&json)
        .unwrap_or_else(|e| panic!("parsing {}: {e}", sidecar.display()));
    ReceivedMail {
        raw: String::from_utf8_lossy(&raw).into_owned(),
        mail_from: envelope.mail_from,
        rcpt_to: envelope.rcpt_to,
    }
}

/// Checks that python3 runs and can import aiosmtpd; the error is the reason to skip.
async fn check_python() -> Result<(), String> {
    let output = Command::new("python3")
        .args(["-c", "import aiosmtpd"])
        .stdin(Stdio::null())
        .output()
        .await
        .map_err(|e| format!("python3 not runnable: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "python3 cannot import aiosmtpd (pip install aiosmtpd): {}",
            // The last line of the traceback says what is wrong.
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .unwrap_or_default()
        ))
    }
}

fn unavailable<T>(reason: &str) -> Option<T> {
    crate::skips::unavailable("SMTP sink", reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncWriteExt, Lines};
    use tokio::net::TcpStream;
    use tokio::net::tcp::OwnedReadHalf;

    async fn expect_reply(replies: &mut Lines<BufReader<OwnedReadHalf>>, code: &str) {
        // Multi-line replies use "250-"; only the last line has "250 ".
        loop {
            let line = replies
                .next_line()
                .await
                .expect("read SMTP reply")
                .expect("connection closed before reply");
            assert!(line.starts_with(code), "expected {code}, got {line:?}");
            if line.as_bytes().get(3) == Some(&b' ') {
                return;
            }
        }
    }

    /// Talks SMTP to the real sink and checks that what it stored is exactly
    /// what was sent, envelope included.
    #[tokio::test]
    async fn sink_stores_what_a_client_sends() {
        let Some(sink) = SmtpSink::start().await else {
            return;
        };
        let stream = TcpStream::connect(("127.0.0.1", sink.port()))
            .await
            .expect("connect to sink");
        let (read, mut write) = stream.into_split();
        let mut replies = BufReader::new(read).lines();
        expect_reply(&mut replies, "220").await;
        for (command, code) in [
            ("EHLO test.localhost", "250"),
            ("MAIL FROM:<bounce@example.org>", "250"),
            ("RCPT TO:<one@example.org>", "250"),
            ("RCPT TO:<two@example.org>", "250"),
            ("DATA", "354"),
        ] {
            write
                .write_all(format!("{command}\r\n").as_bytes())
                .await
                .expect("send command");
            expect_reply(&mut replies, code).await;
        }
        let message = "Subject: test\r\n\r\nbody\r\n..starts with a dot\r\n";
        write
            .write_all(format!("{message}.\r\nQUIT\r\n").as_bytes())
            .await
            .expect("send message");
        expect_reply(&mut replies, "250").await;

        let mails = sink.wait_for_messages(1, Duration::from_secs(10)).await;
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0].mail_from, "bounce@example.org");
        assert_eq!(mails[0].rcpt_to, ["one@example.org", "two@example.org"]);
        // The sink stores the dot-unstuffed message.
        assert_eq!(
            mails[0].raw,
            "Subject: test\r\n\r\nbody\r\n.starts with a dot\r\n"
        );
        assert!(sink.url().starts_with("smtp://127.0.0.1:"));
    }
}
