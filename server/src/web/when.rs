//! Times as a reader of a conversation sees them: "today 14:05", "yesterday 09:30", and day
//! separators ("Today", "Tuesday 1 December"), in the reader's language and time zone. Older
//! times keep the full form of [`crate::time::display`].

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike};
use chrono_tz::Tz;

use crate::i18n::Tr;

/// The reader's clock: their zone and the current moment.
pub struct ReaderClock {
    zone: Tz,
    zone_name: String,
    today: NaiveDate,
}

impl ReaderClock {
    pub fn new(time_zone: &str, now: NaiveDateTime) -> ReaderClock {
        let zone: Tz = time_zone.parse().unwrap_or(chrono_tz::UTC);
        ReaderClock {
            zone,
            zone_name: time_zone.to_string(),
            today: now.and_utc().with_timezone(&zone).date_naive(),
        }
    }

    fn local(&self, at: NaiveDateTime) -> DateTime<Tz> {
        at.and_utc().with_timezone(&self.zone)
    }

    /// The reader's day of `at`.
    pub fn day(&self, at: NaiveDateTime) -> NaiveDate {
        self.local(at).date_naive()
    }

    /// "today 14:05", "yesterday 09:30", else the full date and time.
    pub fn message_time(&self, t: &Tr, at: NaiveDateTime) -> String {
        let local = self.local(at);
        let time = format!("{:02}:{:02}", local.hour(), local.minute());
        match (self.today - local.date_naive()).num_days() {
            0 => t.t1("time-today", "time", time),
            1 => t.t1("time-yesterday", "time", time),
            _ => crate::time::date_time(at, &self.zone_name, t),
        }
    }

    /// Replaces `time` by [`Self::message_time`] of the wire time `iso`.
    pub fn relabel(&self, t: &Tr, time: &mut String, iso: &str) {
        if let Some(at) = parse_wire(iso) {
            *time = self.message_time(t, at);
        }
    }

    /// "Today", "Yesterday", else the weekday and date (the year only when it is not this one).
    pub fn day_label(&self, t: &Tr, day: NaiveDate) -> String {
        match (self.today - day).num_days() {
            0 => t.t("day-today"),
            1 => t.t("day-yesterday"),
            _ => {
                // The year only when it is not this one.
                let year = if day.year() == self.today.year() {
                    "none".to_string()
                } else {
                    day.year().to_string()
                };
                t.targs(
                    "day-date",
                    &[
                        ("weekday", day.weekday().number_from_monday().to_string()),
                        ("day", day.day().to_string()),
                        ("month", day.month().to_string()),
                        ("year", year),
                    ],
                )
            }
        }
    }
}

/// An RFC 3339 time of the wire (`2026-12-01T08:52:00Z`) as naive UTC.
pub fn parse_wire(iso: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(iso)
        .ok()
        .map(|d| d.naive_utc())
}
