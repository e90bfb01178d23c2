//! Sizes and durations of one run: the full measurement, or `--quick`.

/// Sizes and durations of one run.
pub struct Plan {
    pub clients: usize,
    pub rate: u64,
    pub latency_secs: u64,
    /// Closed-loop posters of (a)'s sustained phase, and how long it lasts.
    pub sustain_posters: usize,
    pub sustain_secs: u64,
    pub posters: usize,
    pub post_secs: u64,
    pub history_connections: usize,
    pub history_secs: u64,
    pub unread_channels: usize,
    pub unread_calls: usize,
    pub idle_sockets: usize,
    pub big_channel: usize,
    /// Emails queued and drained by (f).
    pub emails: usize,
}

impl Plan {
    pub fn new(quick: bool) -> Plan {
        if quick {
            Plan {
                clients: 100,
                rate: 100,
                latency_secs: 4,
                sustain_posters: 4,
                sustain_secs: 3,
                posters: 8,
                post_secs: 3,
                history_connections: 16,
                history_secs: 3,
                unread_channels: 1000,
                unread_calls: 500,
                idle_sockets: 500,
                big_channel: 2_000,
                emails: 1_000,
            }
        } else {
            Plan {
                clients: 100,
                rate: 100,
                latency_secs: 20,
                sustain_posters: 4,
                sustain_secs: 10,
                posters: 8,
                post_secs: 10,
                history_connections: 16,
                history_secs: 10,
                unread_channels: 1000,
                unread_calls: 2000,
                idle_sockets: 2000,
                big_channel: 20_000,
                emails: 10_000,
            }
        }
    }
}
