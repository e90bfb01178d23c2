//! Time in one place: naive UTC in the database, RFC 3339 with `Z` on the wire, the reader's own
//! time zone and language on pages and in emails (Brussels, Cotonou and Quito differ).
//!
//! Every date a person reads goes through [`date_time`], [`display`], [`date`], [`clock`] or
//! [`zone_name`]. The patterns are CLDR's (medium date, short time, the zone's location format; one
//! pattern before noon and one after, so English writes AM and PM as literals),
//! kept as Fluent messages per language so translators own them; `time::pattern` fills them in.
//! ICU4X would give the same output, but its date-time formatter with compiled data pulls in about
//! twenty crates and the data of every locale, to format four languages (see the session 6 report).

mod pattern;
mod zones;

use chrono::{DateTime, NaiveDateTime, Offset, Timelike, Utc};
use chrono_tz::Tz;

use crate::i18n::Tr;

pub use zones::city;

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
    name.parse::<Tz>().is_ok()
}

/// `t` (naive UTC) in the reader's zone; an unknown zone reads as UTC.
pub fn local(t: NaiveDateTime, time_zone: &str) -> DateTime<Tz> {
    let tz: Tz = time_zone.parse().unwrap_or(chrono_tz::UTC);
    t.and_utc().with_timezone(&tz)
}

/// Date and time in the reader's zone and language: "1 déc. 2026, 08:52".
pub fn date_time(t: NaiveDateTime, time_zone: &str, tr: &Tr) -> String {
    let local = local(t, time_zone);
    let id = if local.hour() < 12 {
        "datetime-pattern-am"
    } else {
        "datetime-pattern-pm"
    };
    pattern::fill(&tr.t(id), &local, tr)
}

/// Date and time with the zone named, for emails and pages read out of context:
/// "1 déc. 2026, 08:52 (heure de Cotonou)".
pub fn display(t: NaiveDateTime, time_zone: &str, tr: &Tr) -> String {
    format!(
        "{} ({})",
        date_time(t, time_zone, tr),
        zone_name(time_zone, tr)
    )
}

/// The date alone: "1 déc. 2026".
pub fn date(t: NaiveDateTime, time_zone: &str, tr: &Tr) -> String {
    pattern::fill(&tr.t("date-pattern"), &local(t, time_zone), tr)
}

/// The time of day alone: "08:52" (or "8:52 AM" in English).
pub fn clock(t: NaiveDateTime, time_zone: &str, tr: &Tr) -> String {
    let local = local(t, time_zone);
    let id = if local.hour() < 12 {
        "time-pattern-am"
    } else {
        "time-pattern-pm"
    };
    pattern::fill(&tr.t(id), &local, tr)
}

/// The zone as its city's time: "heure de Cotonou", "Brussels time"; UTC stays "UTC".
pub fn zone_name(time_zone: &str, tr: &Tr) -> String {
    if !is_time_zone(time_zone) || time_zone == "UTC" || time_zone == "Etc/UTC" {
        return "UTC".to_string();
    }
    tr.t1("zone-pattern", "city", city(time_zone, tr.lang))
}

/// A time-zone picker entry: the city in the reader's language and the zone's offset at `at`,
/// "Bruxelles (UTC+01:00)".
pub fn zone_label(time_zone: &str, tr: &Tr, at: NaiveDateTime) -> String {
    if time_zone == "UTC" {
        return "UTC".to_string();
    }
    let secs = local(at, time_zone).offset().fix().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!(
        "{} (UTC{sign}{:02}:{:02})",
        city(time_zone, tr.lang),
        secs / 3600,
        secs % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // The formats in four languages need the bundles: tests/tests/suite/groups/dates.rs.
    #[test]
    fn zones() {
        assert!(is_time_zone("Africa/Porto-Novo"));
        assert!(!is_time_zone("Mars/Olympus"));
        let t = chrono::NaiveDate::from_ymd_opt(2026, 1, 15)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap();
        assert_eq!(rfc3339(t), "2026-01-15T12:00:00Z");
        assert_eq!(
            local(t, "Europe/Brussels").format("%H:%M").to_string(),
            "13:00"
        );
    }
}
