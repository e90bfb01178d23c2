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

    fn read_messages(&self) -> Vec<ReceivedMail> {
        let entries = std::fs::read_dir(&self.dir)
            .unwrap_or_else(|e| panic!("reading SMTP sink dir {}: {e}", self.dir.display()));
        // Only finished messages: files being written end in .tmp.
        let mut emls: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "eml"))
            .collect();
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

/// Finds the first MIME part whose media type is `content_type` (for example
/// `text/plain` or `text/html`; parameters are ignored) and returns its body,
/// with quoted-printable or base64 transfer encoding undone. Nested multiparts
/// are searched depth first; a non-multipart message is its own single part.
/// Line endings in the result are `\n`. The decoded bytes are read as UTF-8.
pub fn mime_part(raw: &str, content_type: &str) -> Option<String> {
    let wanted = media_type(content_type);
    // Normalising CRLF first keeps all the splitting below simple.
    let normalized = raw.replace("\r\n", "\n");
    find_part(&normalized, &wanted)
}

fn find_part(entity: &str, wanted: &str) -> Option<String> {
    // A part may have no header fields at all: then it starts with the blank line.
    let (head, body) = match entity.strip_prefix('\n') {
        Some(body) => ("", body),
        None => entity
            .split_once("\n\n")
            .unwrap_or((entity.trim_end_matches('\n'), "")),
    };
    let headers = parse_headers(head);
    let content_type = header(&headers, "content-type").unwrap_or("text/plain");
    let media = media_type(content_type);

    if media.starts_with("multipart/") {
        let boundary = param(content_type, "boundary")?;
        return multipart_parts(body, &boundary)
            .into_iter()
            .find_map(|part| find_part(&part, wanted));
    }
    if media != wanted {
        return None;
    }
    let encoding = header(&headers, "content-transfer-encoding")
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "quoted-printable" => decode_quoted_printable(body),
        "base64" => decode_base64(body)?,
        _ => body.as_bytes().to_vec(),
    };
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Header fields as (lowercase name, unfolded value), in order.
fn parse_headers(head: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            // A folded continuation of the previous field.
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    headers
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// `text/HTML; charset=utf-8` -> `text/html`.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// A parameter of a Content-Type value, unquoted (`boundary="x"` -> `x`).
fn param(content_type: &str, name: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"').to_string())
    })
}

/// The body parts between `--boundary` delimiter lines. The line break before
/// a delimiter belongs to the delimiter (RFC 2046), so it is not in the part.
fn multipart_parts(body: &str, boundary: &str) -> Vec<String> {
    let delimiter = format!("--{boundary}");
    let close = format!("--{boundary}--");
    let mut parts = Vec::new();
    let mut current: Option<Vec<&str>> = None; // None while in the preamble
    for line in body.split('\n') {
        let trimmed = line.trim_end();
        if trimmed == close {
            break;
        }
        if trimmed == delimiter {
            if let Some(lines) = current.take() {
                parts.push(lines.join("\n"));
            }
            current = Some(Vec::new());
        } else if let Some(lines) = current.as_mut() {
            lines.push(line);
        }
    }
    if let Some(lines) = current {
        parts.push(lines.join("\n"));
    }
    parts
}

/// RFC 2045 quoted-printable: `=XX` is a byte, `=` at the end of a line is a
/// soft line break, trailing whitespace on a line was added in transport.
/// Malformed escapes are kept as they are.
fn decode_quoted_printable(body: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut lines = body.split('\n').peekable();
    while let Some(line) = lines.next() {
        let line = line.trim_end_matches([' ', '\t', '\r']);
        let (line, soft_break) = match line.strip_suffix('=') {
            Some(rest) => (rest, true),
            None => (line, false),
        };
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let escaped = match bytes[i] {
                b'=' => bytes.get(i + 1..i + 3).and_then(hex_byte),
                _ => None,
            };
            match escaped {
                Some(byte) => {
                    out.push(byte);
                    i += 3;
                }
                None => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        if !soft_break && lines.peek().is_some() {
            out.push(b'\n');
        }
    }
    out
}

/// Two hex digits (either case) as a byte.
fn hex_byte(hex: &[u8]) -> Option<u8> {
    let digit = |c: u8| char::from(c).to_digit(16);
    let value = digit(*hex.first()?)? * 16 + digit(*hex.get(1)?)?;
    u8::try_from(value).ok()
}

/// Standard base64 (RFC 4648 alphabet); whitespace and line breaks are
/// ignored, padding is optional. `None` on any other character.
fn decode_base64(body: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(body.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in body.bytes() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == b'=' {
            break;
        }
        acc = (acc << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncWriteExt, Lines};
    use tokio::net::TcpStream;
    use tokio::net::tcp::OwnedReadHalf;

    const MULTIPART: &str = "From: a@example.org\r\n\
        Content-Type: multipart/mixed; boundary=\"outer\"\r\n\
        \r\n\
        preamble\r\n\
        --outer\r\n\
        Content-Type: multipart/alternative;\r\n boundary=inner\r\n\
        \r\n\
        --inner\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        Gr=C3=BC=C3=9Fe, a long line that is =\r\n\
        softly broken\r\n\
        second line\r\n\
        --inner\r\n\
        Content-Type: TEXT/HTML; charset=utf-8\r\n\
        Content-Transfer-Encoding: base64\r\n\
        \r\n\
        PHA+R3LDvMOfZTwv\r\n\
        cD4=\r\n\
        --inner--\r\n\
        --outer--\r\n";

    #[test]
    fn finds_quoted_printable_part_in_nested_multipart() {
        assert_eq!(
            mime_part(MULTIPART, "text/plain").as_deref(),
            Some("Grüße, a long line that is softly broken\nsecond line")
        );
    }

    #[test]
    fn finds_base64_part_case_insensitively() {
        assert_eq!(
            mime_part(MULTIPART, "text/html; charset=utf-8").as_deref(),
            Some("<p>Grüße</p>")
        );
    }

    #[test]
    fn missing_part_is_none() {
        assert_eq!(mime_part(MULTIPART, "application/pdf"), None);
    }

    #[test]
    fn single_part_message_without_content_type_is_text_plain() {
        let raw = "Subject: hi\r\n\r\nHello\r\n";
        assert_eq!(mime_part(raw, "text/plain").as_deref(), Some("Hello\n"));
    }

    #[test]
    fn quoted_printable_keeps_malformed_escapes() {
        assert_eq!(decode_quoted_printable("a=ZZb=3D"), b"a=ZZb=".to_vec());
    }

    #[test]
    fn base64_decodes_without_padding() {
        assert_eq!(decode_base64("aGk").as_deref(), Some(&b"hi"[..]));
        assert_eq!(decode_base64("a*b"), None);
    }

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
