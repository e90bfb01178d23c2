//! Time in one place: naive UTC in the database, RFC 3339 with `Z` on the wire, the reader's own
//! time zone on pages (Brussels, Cotonou and Quito differ).

use chrono::{NaiveDateTime, Timelike, Utc};

pub fn now() -> NaiveDateTime {
    // Microseconds: both engines keep them, so a value read back equals the value written.
    let now = Utc::now().naive_utc();
    now.with_nanosecond(now.nanosecond() / 1_000 * 1_000)
        .unwrap_or(now)
}

pub fn rfc3339(t: NaiveDateTime) -> String {
    t.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Whether `name` is an IANA time zone such as `Africa/Porto-Novo`.
pub fn is_time_zone(name: &str) -> bool {
    name.parse::<chrono_tz::Tz>().is_ok()
}

/// Date and time for a page, in the reader's zone, with the zone's abbreviation.
pub fn display(t: NaiveDateTime, time_zone: &str) -> String {
    let tz: chrono_tz::Tz = time_zone.parse().unwrap_or(chrono_tz::UTC);
    t.and_utc()
        .with_timezone(&tz)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 1, 15)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        assert_eq!(display(t, "Europe/Brussels"), "2026-01-15 13:00 CET");
        assert_eq!(display(t, "America/Guayaquil"), "2026-01-15 07:00 -05");
        assert!(is_time_zone("Africa/Porto-Novo"));
        assert!(!is_time_zone("Mars/Olympus"));
        assert_eq!(rfc3339(t), "2026-01-15T12:00:00Z");
    }
}
