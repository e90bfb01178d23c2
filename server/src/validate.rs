//! Parsing of untrusted input into values the rest of the code can trust.

use agora_shared::ErrorCode;
use agora_shared::limits::{
    MAX_EMAIL_CHARS, MAX_LANGUAGES_READ, MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS,
};

use crate::error::{AppError, AppResult};

/// A syntactically valid, lower-cased email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> AppResult<Email> {
        let s = raw.trim().to_lowercase();
        if s.is_empty() {
            return Err(AppError::invalid(ErrorCode::FieldRequired, "email"));
        }
        if s.chars().count() > MAX_EMAIL_CHARS {
            return Err(AppError::too_long("email", MAX_EMAIL_CHARS));
        }
        let valid = match s.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && local.len() <= 64
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && domain.contains('.')
                    && !domain.contains("..")
                    && !s.chars().any(|c| {
                        c.is_whitespace()
                            || c.is_control()
                            || "<>()[],;:\\\"@".contains(c) && c != '@'
                    })
                    && s.matches('@').count() == 1
                    && domain
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
            }
            None => false,
        };
        if valid {
            Ok(Email(s))
        } else {
            Err(AppError::invalid(ErrorCode::InvalidEmail, "email"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Characters that reorder text (bidi embeddings, overrides, isolates and marks) or hide it
/// (zero-width characters): with them `factuur<U+202E>fdp.exe` reads as `factuurexe.pdf`, and two
/// names that look the same differ. Names, file names and link text lose them.
pub fn is_deceptive(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// `s` without the characters of [`is_deceptive`].
pub fn strip_deceptive(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_deceptive) {
        s.chars()
            .filter(|c| !is_deceptive(*c))
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Trimmed, non-empty, at most `max` characters, without control characters; bidi controls and
/// zero-width characters are removed.
pub fn text(field: &'static str, raw: &str, max: usize) -> AppResult<String> {
    let s = optional_text(field, raw, max)?;
    if s.is_empty() {
        return Err(AppError::invalid(ErrorCode::FieldRequired, field));
    }
    Ok(s)
}

/// Like [`text`] but may be empty.
pub fn optional_text(field: &'static str, raw: &str, max: usize) -> AppResult<String> {
    let stripped = strip_deceptive(raw);
    let s = stripped.trim();
    if s.chars().count() > max {
        return Err(AppError::too_long(field, max));
    }
    if s.chars().any(char::is_control) {
        return Err(AppError::invalid(ErrorCode::InvalidValue, field));
    }
    Ok(s.to_string())
}

/// Like [`optional_text`] but keeps line breaks and tabs (descriptions, messages).
pub fn optional_multiline(field: &'static str, raw: &str, max: usize) -> AppResult<String> {
    let s = raw.trim();
    if s.chars().count() > max {
        return Err(AppError::too_long(field, max));
    }
    if s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(AppError::invalid(ErrorCode::InvalidValue, field));
    }
    Ok(s.replace("\r\n", "\n"))
}

/// Sustainable Development Goal numbers (1–17), sorted, stored comma-separated.
pub fn sdg_tags(field: &'static str, tags: &[u8]) -> AppResult<String> {
    let mut tags: Vec<u8> = tags.to_vec();
    tags.sort_unstable();
    tags.dedup();
    if tags.iter().any(|t| !(1..=17).contains(t)) {
        return Err(AppError::invalid(ErrorCode::InvalidValue, field));
    }
    Ok(tags.iter().map(u8::to_string).collect::<Vec<_>>().join(","))
}

pub fn password(field: &'static str, raw: &str) -> AppResult<String> {
    let n = raw.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AppError::invalid(ErrorCode::PasswordTooShort, field)
            .arg("min", MIN_PASSWORD_CHARS.to_string()));
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(AppError::invalid(ErrorCode::PasswordTooLong, field)
            .arg("max", MAX_PASSWORD_CHARS.to_string()));
    }
    Ok(raw.to_string())
}

/// ISO 3166-1 alpha-2, returned upper-case.
pub fn country(raw: &str) -> AppResult<String> {
    let s = raw.trim().to_uppercase();
    if s.len() == 2 && s.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(s)
    } else {
        Err(AppError::invalid(ErrorCode::InvalidValue, "country"))
    }
}

pub fn time_zone(raw: &str) -> AppResult<String> {
    let s = raw.trim();
    if crate::time::is_time_zone(s) {
        Ok(s.to_string())
    } else {
        Err(AppError::invalid(ErrorCode::InvalidValue, "time_zone"))
    }
}

/// ISO 639 codes (two or three lower-case letters), without duplicates, stored comma-separated.
pub fn languages_read(codes: &[String]) -> AppResult<String> {
    if codes.len() > MAX_LANGUAGES_READ {
        return Err(AppError::too_long("languages_read", MAX_LANGUAGES_READ));
    }
    let mut out: Vec<String> = Vec::new();
    for code in codes {
        let c = code.trim().to_lowercase();
        if c.is_empty() {
            continue;
        }
        if !(2..=3).contains(&c.len()) || !c.chars().all(|ch| ch.is_ascii_lowercase()) {
            return Err(AppError::invalid(ErrorCode::InvalidValue, "languages_read"));
        }
        if !out.contains(&c) {
            out.push(c);
        }
    }
    Ok(out.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse(" Ana@Example.ORG ").unwrap().as_str(),
            "ana@example.org"
        );
        for bad in [
            "",
            "no-at",
            "a@b",
            "a@@b.org",
            "a b@c.org",
            "a@.org",
            "<a@b.org>",
            "a@b..org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
        assert!(Email::parse(&format!("{}@x.org", "a".repeat(300))).is_err());
    }

    #[test]
    fn texts_and_passwords() {
        assert_eq!(text("name", "  Ana  ", 10).unwrap(), "Ana");
        assert!(text("name", "   ", 10).is_err());
        assert!(text("name", "abcdefghijk", 10).is_err());
        assert!(text("name", "a\u{0}b", 10).is_err());
        assert_eq!(
            text("name", "Mo\u{202E}rebmeM\u{200B}\u{2066}", 20).unwrap(),
            "MorebmeM"
        );
        assert!(text("name", " \u{200B}\u{FEFF} ", 10).is_err());
        assert!(password("password", "short").is_err());
        assert!(password("password", "long enough pass").is_ok());
    }

    #[test]
    fn deceptive_characters_are_exactly_the_bidi_and_zero_width_ones() {
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{200B}', '\u{200C}',
            '\u{200D}', '\u{2060}', '\u{FEFF}',
        ] {
            assert!(is_deceptive(c), "{c:?}");
        }
        for c in [
            'a', ' ', 'é', 'ع', '\u{2029}', '\u{2065}', '\u{2070}', '\u{2009}',
        ] {
            assert!(!is_deceptive(c), "{c:?}");
        }
        assert_eq!(strip_deceptive("Ana"), "Ana");
        assert_eq!(strip_deceptive("\u{2067}عمر\u{2069}"), "عمر");
    }

    #[test]
    fn countries_zones_languages() {
        assert_eq!(country("bj").unwrap(), "BJ");
        assert!(country("BEN").is_err());
        assert!(time_zone("Africa/Dakar").is_ok());
        assert!(time_zone("Nowhere").is_err());
        assert_eq!(
            languages_read(&["FR".into(), "fr".into(), "nl".into()]).unwrap(),
            "fr,nl"
        );
        assert!(languages_read(&["french".into()]).is_err());
        assert_eq!(languages_read(&["fon".into()]).unwrap(), "fon");
    }
}
