//! A small interpreter of CLDR date patterns (`d MMM y`, `HH:mm`, `h:mm 'PM'`): each language's
//! pattern and month names are Fluent messages, so translators own them; this only fills them in.

use chrono::{DateTime, Datelike, Timelike};

use crate::i18n::Tr;

/// The abbreviated month names, one message each (CLDR "format, abbreviated").
const MONTHS: [&str; 12] = [
    "month-abbr-1",
    "month-abbr-2",
    "month-abbr-3",
    "month-abbr-4",
    "month-abbr-5",
    "month-abbr-6",
    "month-abbr-7",
    "month-abbr-8",
    "month-abbr-9",
    "month-abbr-10",
    "month-abbr-11",
    "month-abbr-12",
];

/// `pattern` filled in with `t`. Letters CLDR gives no meaning here are copied, as are quoted
/// literals (`'om'`).
pub fn fill<Tz: chrono::TimeZone>(pattern: &str, t: &DateTime<Tz>, tr: &Tr) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            let end = chars[i + 1..]
                .iter()
                .position(|&q| q == '\'')
                .map_or(chars.len(), |p| i + 1 + p);
            out.extend(&chars[i + 1..end]);
            i = end + 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        i += run;
        match (c, run) {
            ('d', 1) => out.push_str(&t.day().to_string()),
            ('d', _) => out.push_str(&format!("{:02}", t.day())),
            ('M', 1) => out.push_str(&t.month().to_string()),
            ('M', 2) => out.push_str(&format!("{:02}", t.month())),
            ('M', _) => out.push_str(&tr.t(MONTHS[t.month0() as usize])),
            ('y', _) => out.push_str(&t.year().to_string()),
            ('H', 1) => out.push_str(&t.hour().to_string()),
            ('H', _) => out.push_str(&format!("{:02}", t.hour())),
            ('h', n) => {
                let h = match t.hour() % 12 {
                    0 => 12,
                    h => h,
                };
                if n == 1 {
                    out.push_str(&h.to_string());
                } else {
                    out.push_str(&format!("{h:02}"));
                }
            }
            ('m', _) => out.push_str(&format!("{:02}", t.minute())),
            _ => out.extend(std::iter::repeat_n(c, run)),
        }
    }
    out
}
