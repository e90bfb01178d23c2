//! The language of a message, detected once when it is written, so readers can
//! be offered a translation when it is not one of theirs.
//!
//! whatlang's own `is_reliable()` rejects correct detections of short Dutch
//! sentences, and across every language it knows it confuses Dutch with
//! Afrikaans or French with Catalan on short texts. Agora knows better: people
//! write in the platform's languages or in their own. Detection is therefore
//! restricted to those, with a lower confidence threshold, and the author's
//! languages break ties.

use whatlang::{Detector, Lang, Script};

/// The platform's working languages, always candidates.
const PLATFORM_LANGUAGES: [&str; 4] = ["nl", "fr", "es", "en"];

/// Below this many letters there is nothing to detect ("ok", "👍", "15u").
const MIN_LETTERS: usize = 3;

/// Confidence from which a detection among the candidates is accepted on its own.
/// whatlang's `is_reliable()` uses 0.9, which short messages rarely reach.
const MIN_CONFIDENCE: f64 = 0.5;

/// Detection reads the start of long messages only: it is enough and keeps writes cheap.
const MAX_BYTES: usize = 4096;

/// whatlang's languages with their ISO 639-1 code, the form used for locales
/// and the authors' languages. Only these carry one; others keep ISO 639-3.
const ISO_639_1: [(Lang, &str); 70] = [
    (Lang::Afr, "af"),
    (Lang::Aka, "ak"),
    (Lang::Amh, "am"),
    (Lang::Ara, "ar"),
    (Lang::Aze, "az"),
    (Lang::Bel, "be"),
    (Lang::Ben, "bn"),
    (Lang::Bul, "bg"),
    (Lang::Cat, "ca"),
    (Lang::Ces, "cs"),
    (Lang::Cmn, "zh"),
    (Lang::Cym, "cy"),
    (Lang::Dan, "da"),
    (Lang::Deu, "de"),
    (Lang::Ell, "el"),
    (Lang::Eng, "en"),
    (Lang::Epo, "eo"),
    (Lang::Est, "et"),
    (Lang::Fin, "fi"),
    (Lang::Fra, "fr"),
    (Lang::Guj, "gu"),
    (Lang::Heb, "he"),
    (Lang::Hin, "hi"),
    (Lang::Hrv, "hr"),
    (Lang::Hun, "hu"),
    (Lang::Hye, "hy"),
    (Lang::Ind, "id"),
    (Lang::Ita, "it"),
    (Lang::Jav, "jv"),
    (Lang::Jpn, "ja"),
    (Lang::Kan, "kn"),
    (Lang::Kat, "ka"),
    (Lang::Khm, "km"),
    (Lang::Kor, "ko"),
    (Lang::Lat, "la"),
    (Lang::Lav, "lv"),
    (Lang::Lit, "lt"),
    (Lang::Mal, "ml"),
    (Lang::Mar, "mr"),
    (Lang::Mkd, "mk"),
    (Lang::Mya, "my"),
    (Lang::Nep, "ne"),
    (Lang::Nld, "nl"),
    (Lang::Nob, "nb"),
    (Lang::Ori, "or"),
    (Lang::Pan, "pa"),
    (Lang::Pes, "fa"),
    (Lang::Pol, "pl"),
    (Lang::Por, "pt"),
    (Lang::Ron, "ro"),
    (Lang::Rus, "ru"),
    (Lang::Sin, "si"),
    (Lang::Slk, "sk"),
    (Lang::Slv, "sl"),
    (Lang::Sna, "sn"),
    (Lang::Spa, "es"),
    (Lang::Srp, "sr"),
    (Lang::Swe, "sv"),
    (Lang::Tam, "ta"),
    (Lang::Tel, "te"),
    (Lang::Tgl, "tl"),
    (Lang::Tha, "th"),
    (Lang::Tuk, "tk"),
    (Lang::Tur, "tr"),
    (Lang::Ukr, "uk"),
    (Lang::Urd, "ur"),
    (Lang::Uzb, "uz"),
    (Lang::Vie, "vi"),
    (Lang::Yid, "yi"),
    (Lang::Zul, "zu"),
];

/// Detects the language of a message.
///
/// The language tag stored with a message: an ISO 639-1 code such as "nl", "fr", "es", "en",
/// or another two/three-letter code whatlang knows; `None` when detection is not confident.
///
/// `hints` are the author's languages, most used first ("nl", "fr", "wo"...).
/// When detection is unsure and does not pick one of them, the first valid
/// hint is returned: people mostly write in their own language.
pub fn detect(text: &str, hints: &[&str]) -> Option<String> {
    let text = without_noise(text);
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let hints: Vec<String> = hints
        .iter()
        .map(|hint| hint.trim().to_ascii_lowercase())
        .filter(|hint| is_valid_tag(hint))
        .collect();

    // The allow-list only separates languages sharing the Latin script; for
    // other scripts it would hide the right answer (whatlang even answers
    // Japanese for Chinese when Mandarin is not allowed).
    let detector = if whatlang::detect_script(&text) == Some(Script::Latin) {
        let mut candidates: Vec<Lang> = Vec::new();
        for tag in PLATFORM_LANGUAGES
            .iter()
            .copied()
            .chain(hints.iter().map(String::as_str))
        {
            if let Some(lang) = lang_of(tag).filter(|lang| !candidates.contains(lang)) {
                candidates.push(lang);
            }
        }
        Detector::with_allowlist(candidates)
    } else {
        Detector::new()
    };

    let detected = detector.detect(&text);
    if let Some(info) = &detected {
        let tag = tag_of(info.lang());
        if info.confidence() >= MIN_CONFIDENCE || hints.iter().any(|hint| *hint == tag) {
            return Some(tag);
        }
    }
    hints.into_iter().next()
}

/// Whether `tag` has the shape of a stored language tag: 2–3 lowercase ASCII letters.
pub fn is_valid_tag(tag: &str) -> bool {
    (2..=3).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase())
}

/// The stored tag of a whatlang language: ISO 639-1 when it has one.
fn tag_of(lang: Lang) -> String {
    ISO_639_1
        .iter()
        .find(|(known, _)| *known == lang)
        .map_or(lang.code(), |(_, tag)| tag)
        .to_owned()
}

/// The whatlang language of a tag, in ISO 639-1 or 639-3; `None` for languages
/// whatlang does not know (Wolof, Fon...), which can still be a fallback.
fn lang_of(tag: &str) -> Option<Lang> {
    ISO_639_1
        .iter()
        .find(|(_, known)| *known == tag)
        .map(|(lang, _)| *lang)
        .or_else(|| Lang::from_code(tag))
}

/// The words that carry language: links, e-mail addresses, mentions and
/// numbers say nothing about it and would only skew the trigrams.
fn without_noise(text: &str) -> String {
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end]
        .split_whitespace()
        .filter(|word| {
            !(word.contains("://")
                || word.starts_with("www.")
                || word.contains('@')
                || word.chars().all(|c| !c.is_alphabetic()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_detects(expected: &str, sentences: &[&str], hints: &[&str]) {
        for sentence in sentences {
            assert_eq!(
                detect(sentence, hints).as_deref(),
                Some(expected),
                "{sentence:?} with hints {hints:?}"
            );
        }
    }

    const DUTCH: [&str; 8] = [
        "Goed idee, ik bel je morgen.",
        "Dank je voor het verslag.",
        "De vergadering van de gemeenteraad is verplaatst naar donderdag.",
        "Kunnen we de begroting voor het waterproject volgende week bespreken?",
        "Ik stuur de foto's van de nieuwe school in Porto-Novo door.",
        "Wie neemt er deel aan de werkbezoek in april?",
        "Prima, tot dan!",
        "Het college heeft het partnerschap met Cuenca goedgekeurd.",
    ];

    const FRENCH: [&str; 7] = [
        "Merci pour le compte rendu.",
        "La réunion du conseil municipal est reportée à jeudi.",
        "Pouvez-vous m'envoyer le budget du projet d'assainissement ?",
        "Nous avons bien reçu les documents de la mairie de Dakar.",
        "Bonne idée, je vous appelle demain.",
        "Le maire sera présent à la cérémonie.",
        "D'accord, à demain !",
    ];

    const SPANISH: [&str; 7] = [
        "¿Cuándo es la reunión?",
        "Gracias por el informe.",
        "El alcalde firmará el convenio de cooperación el próximo lunes.",
        "Necesitamos el presupuesto del proyecto de agua potable antes del viernes.",
        "Buena idea, te llamo mañana.",
        "La delegación de Gante llega a Cuenca el martes.",
        "¡Perfecto, nos vemos!",
    ];

    const ENGLISH: [&str; 7] = [
        "Thanks for the minutes.",
        "When is the meeting?",
        "The city council approved the new waste collection plan.",
        "Could you send me the budget for the water project before Friday?",
        "Good idea, I will call you tomorrow.",
        "The delegation from Ghent arrives on Tuesday.",
        "See you next week!",
    ];

    #[test]
    fn detects_platform_languages_without_hints() {
        assert_detects("nl", &DUTCH, &[]);
        assert_detects("fr", &FRENCH, &[]);
        assert_detects("es", &SPANISH, &[]);
        assert_detects("en", &ENGLISH, &[]);
    }

    #[test]
    fn detection_is_not_overruled_by_hints_when_confident() {
        assert_detects("nl", &DUTCH, &["fr", "en"]);
        assert_detects("fr", &FRENCH, &["nl", "es"]);
        assert_detects("es", &SPANISH, &["en"]);
        assert_detects("en", &ENGLISH, &["nl", "fr", "es"]);
    }

    #[test]
    fn hint_languages_outside_the_platform_do_not_steal_dutch() {
        // German and Afrikaans are close to Dutch; with them allowed, Dutch must still win.
        assert_detects("nl", &DUTCH[..6], &["nl", "de", "af"]);
        assert_detects("fr", &FRENCH, &["wo", "fr"]);
    }

    #[test]
    fn hinted_languages_can_be_detected() {
        assert_eq!(
            detect(
                "Die Sitzung des Gemeinderats wurde auf Donnerstag verschoben.",
                &["de"]
            )
            .as_deref(),
            Some("de")
        );
        assert_eq!(
            detect(
                "A reunião da câmara municipal foi adiada para quinta-feira.",
                &["pt"]
            )
            .as_deref(),
            Some("pt")
        );
    }

    #[test]
    fn other_scripts_are_detected_without_hints() {
        assert_eq!(
            detect("اجتماع المجلس البلدي يوم الخميس", &[]).as_deref(),
            Some("ar")
        );
        assert_eq!(
            detect("Засідання міської ради перенесено на четвер.", &[]).as_deref(),
            Some("uk")
        );
    }

    #[test]
    fn nothing_to_detect_gives_none() {
        for text in [
            "",
            "  ",
            "ok",
            "👍👍🎉",
            "15/04 14:30",
            "https://gemeente.be/verslag?id=3",
            "@Jan 👍",
            "12 €",
        ] {
            assert_eq!(detect(text, &[]), None, "{text:?}");
            assert_eq!(detect(text, &["nl"]), None, "{text:?} with a hint");
        }
    }

    #[test]
    fn links_and_mentions_do_not_count() {
        assert_eq!(
            detect(
                "https://www.gent.be/en/city-council-meeting-agenda @JanPeeters bedankt!",
                &[]
            )
            .as_deref(),
            Some("nl")
        );
    }

    #[test]
    fn unsure_detection_falls_back_to_the_first_hint() {
        // Wolof is unknown to whatlang: the author's language is the best guess.
        assert_eq!(
            detect("Nanga def? Mangi fi rekk.", &["wo", "fr"]).as_deref(),
            Some("wo")
        );
        assert_eq!(
            detect("Nanga def? Mangi fi rekk.", &["  WO "]).as_deref(),
            Some("wo")
        );
        // Invalid hints are ignored rather than stored.
        assert_eq!(detect("Nanga def? Mangi fi rekk.", &["wolof", "x1"]), None);
    }

    #[test]
    fn long_texts_are_cheap() {
        let text = DUTCH.join(" ").repeat(2000);
        assert_eq!(detect(&text, &[]).as_deref(), Some("nl"));
    }

    #[test]
    fn tags_are_validated() {
        for tag in ["nl", "fr", "wo", "fon", "ara"] {
            assert!(is_valid_tag(tag), "{tag}");
        }
        for tag in ["", "n", "NL", "nl-BE", "nl_", "dutch", "né", "n1"] {
            assert!(!is_valid_tag(tag), "{tag}");
        }
    }

    #[test]
    fn every_whatlang_language_maps_to_a_valid_tag_and_back() {
        for lang in Lang::all() {
            let tag = tag_of(*lang);
            assert!(is_valid_tag(&tag), "{lang:?} -> {tag}");
            assert_eq!(lang_of(&tag), Some(*lang), "{tag}");
        }
        assert_eq!(tag_of(Lang::Nld), "nl");
        assert_eq!(lang_of("nld"), Some(Lang::Nld));
        assert_eq!(lang_of("wo"), None);
    }
}
