//! Picking the interface language.

use agora_shared::api::Language;

/// The first of: the person's own choice, the language switcher's cookie, the browser's
/// `Accept-Language`, the organisation's default, English.
pub fn negotiate(
    user_choice: Option<Language>,
    switcher: Option<&str>,
    accept_language: Option<&str>,
    organisation_default: Option<Language>,
) -> Language {
    user_choice
        .or_else(|| switcher.and_then(Language::parse))
        .or_else(|| accept_language.and_then(from_accept_language))
        .or(organisation_default)
        .unwrap_or(Language::En)
}

/// The best supported language of an `Accept-Language` header, honouring q-values.
fn from_accept_language(header: &str) -> Option<Language> {
    let mut best: Option<(f32, Language)> = None;
    for item in header.split(',') {
        let mut parts = item.trim().split(';');
        let tag = parts.next()?.trim().to_ascii_lowercase();
        let q = parts
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|v| v.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Language::parse(primary)
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_of_precedence() {
        let fr = Some(Language::Fr);
        assert_eq!(
            negotiate(fr, Some("nl"), Some("es"), Some(Language::En)),
            Language::Fr
        );
        assert_eq!(negotiate(None, Some("nl"), Some("es"), None), Language::Nl);
        assert_eq!(
            negotiate(None, None, Some("es-EC,es;q=0.9"), fr),
            Language::Es
        );
        assert_eq!(negotiate(None, None, Some("de-DE"), fr), Language::Fr);
        assert_eq!(negotiate(None, Some("xx"), None, None), Language::En);
    }

    #[test]
    fn accept_language_q_values() {
        assert_eq!(
            from_accept_language("de;q=1, fr;q=0.5, nl;q=0.8"),
            Some(Language::Nl)
        );
        assert_eq!(from_accept_language("fr;q=0"), None);
        assert_eq!(from_accept_language("*"), None);
    }
}
