//! When a person's digest is due: on a day of their cadence, from their chosen hour until the
//! end of that day, both in their own time zone. The period is that local date: it names the
//! digest in the outbox key `digest:{user}:{period}`, so one period sends one digest whatever
//! the runs, instances and crashes in between.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use crate::email_settings::model::{DigestCadence, Preferences};

/// How many days one digest looks back at most.
pub fn window_days(cadence: DigestCadence) -> i64 {
    match cadence {
        DigestCadence::Off | DigestCadence::Daily => 1,
        DigestCadence::EveryOtherDay => 2,
        DigestCadence::Weekly => 7,
    }
}

/// The person's zone; an unknown name (stored before zones were checked) reads as UTC.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::UTC)
}

/// The local date whose digest is due at `now` (UTC) for someone in `zone` with `prefs`, if any.
pub fn due_period(prefs: &Preferences, zone: Tz, now: NaiveDateTime) -> Option<NaiveDate> {
    let local = now.and_utc().with_timezone(&zone);
    if local.hour() < u32::from(prefs.digest_hour) {
        return None;
    }
    let date = local.date_naive();
    let on_cadence = match prefs.digest_cadence {
        DigestCadence::Off => false,
        DigestCadence::Daily => true,
        // Every second day counted from a fixed origin, so it does not drift with the runs.
        DigestCadence::EveryOtherDay => date.num_days_from_ce() % 2 == 0,
        DigestCadence::Weekly => {
            date.weekday().number_from_monday() == u32::from(prefs.digest_weekday)
        }
    };
    on_cadence.then_some(date)
}

/// The period as the outbox key and `digest_deliveries` store it.
pub fn key(period: NaiveDate) -> String {
    period.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn prefs(cadence: DigestCadence, weekday: u8, hour: u8) -> Preferences {
        Preferences {
            digest_cadence: cadence,
            digest_weekday: weekday,
            digest_hour: hour,
            ..Preferences::default()
        }
    }

    #[test]
    fn weekly_at_eight_in_dakar_quito_and_brussels() {
        // Monday 7 December 2026. Dakar is UTC, Quito UTC-5, Brussels UTC+1 in winter.
        let monday_eight = prefs(DigestCadence::Weekly, 1, 8);
        let dakar = zone("Africa/Dakar");
        let quito = zone("America/Guayaquil");
        let brussels = zone("Europe/Brussels");
        let day = NaiveDate::from_ymd_opt(2026, 12, 7);
        assert_eq!(
            due_period(&monday_eight, dakar, at(2026, 12, 7, 7, 59)),
            None
        );
        assert_eq!(due_period(&monday_eight, dakar, at(2026, 12, 7, 8, 0)), day);
        assert_eq!(
            due_period(&monday_eight, brussels, at(2026, 12, 7, 6, 59)),
            None
        );
        assert_eq!(
            due_period(&monday_eight, brussels, at(2026, 12, 7, 7, 0)),
            day
        );
        assert_eq!(
            due_period(&monday_eight, quito, at(2026, 12, 7, 12, 59)),
            None
        );
        assert_eq!(
            due_period(&monday_eight, quito, at(2026, 12, 7, 13, 0)),
            day
        );
        // Late Monday evening in Quito is already Tuesday in UTC: still Monday's digest.
        assert_eq!(due_period(&monday_eight, quito, at(2026, 12, 8, 4, 0)), day);
        // Tuesday is not the day, anywhere.
        assert_eq!(
            due_period(&monday_eight, dakar, at(2026, 12, 8, 9, 0)),
            None
        );
        // A summer Monday in Brussels (UTC+2).
        assert_eq!(
            due_period(&monday_eight, brussels, at(2026, 6, 1, 5, 59)),
            None
        );
        assert!(due_period(&monday_eight, brussels, at(2026, 6, 1, 6, 0)).is_some());
    }

    #[test]
    fn daily_every_other_day_and_off() {
        let utc = zone("Africa/Dakar");
        let daily = prefs(DigestCadence::Daily, 1, 6);
        for d in 1..=7 {
            assert!(due_period(&daily, utc, at(2026, 12, d, 6, 0)).is_some());
        }
        let other = prefs(DigestCadence::EveryOtherDay, 1, 6);
        let due: Vec<bool> = (1..=6)
            .map(|d| due_period(&other, utc, at(2026, 12, d, 7, 0)).is_some())
            .collect();
        assert_eq!(due.iter().filter(|d| **d).count(), 3, "{due:?}");
        assert!(due.windows(2).all(|w| w[0] != w[1]), "{due:?}");
        let off = prefs(DigestCadence::Off, 1, 0);
        assert_eq!(due_period(&off, utc, at(2026, 12, 7, 12, 0)), None);
        assert_eq!(zone("Mars/Olympus"), chrono_tz::UTC);
        assert_eq!(
            key(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()),
            "2026-12-07"
        );
    }
}
