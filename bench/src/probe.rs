//! The messages whose delivery (a) times: each carries its sequence number and send time.

/// Shared by benchmarks that post: the message of a probe, with its sequence number and send time.
pub fn body(seq: u64, sent_us: u64) -> Vec<u8> {
    serde_json::json!({
        "body": format!("probe {seq} {sent_us} — De werkgroep bespreekt het participatief budget van volgende week.")
    })
    .to_string()
    .into_bytes()
}

/// Parses `probe <seq> <sent_us>` out of an event's JSON.
pub fn parse(text: &str) -> Option<(u64, u64)> {
    let at = text.find("probe ")?;
    let mut parts = text[at + 6..].splitn(3, ' ');
    let seq = parts.next()?.parse().ok()?;
    let sent = parts.next()?.parse().ok()?;
    Some((seq, sent))
}
