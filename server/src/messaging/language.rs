//! The language of a message, detected once when it is written, so readers can
//! be offered a translation when it is not one of theirs.
//!
//! whatlang alone is not enough for chat: its `is_reliable()` rejects correct
//! detections of short Dutch sentences, and on a short text its confidence
//! is low even when its answer is right ("Goed idee, ik bel je morgen." gets
//! 0.12), while across all its languages it takes short Dutch for Afrikaans
//! or Welsh. So detection is restricted to the platform's languages and the
//! author's, whatlang's answer is taken when it is confident, short messages
//! in the platform languages are settled by their function words ("ik",
//! "pour", "¿", "the"), and the author's languages break the remaining ties.

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

/// Frequent words of each platform language that none of the others uses
/// commonly ("de", "en", "la", "je", "is", "al", "hier" are left out for that reason).
/// Short messages are made of these, and trigrams have little else to go on.
const FUNCTION_WORDS: [(&str, &str); 4] = [
    (
        "nl",
        "aan alvast bedankt bel bellen bij daar dag dan dank dat deze die dit doen een er \
         geen gisteren goed goedemorgen graag groeten hallo heb hebben heeft heel het hij hoe \
         idee ik jij jou jouw kan komt kunnen maar meer mij mijn moet moeten morgen naar nee \
         niet nieuwe nog om ons onze ook op tot uit van vandaag veel vergadering voor waar \
         wanneer wat wel wie wij wordt zal ze zij zijn zo zullen",
    ),
    (
        "fr",
        "à après au aujourd'hui aussi aux avant avec avez avoir avons bon bonjour bonne \
         bonsoir ça ce ces cette comment compte dans déjà demain des donc du elle encore est \
         et été être faire fait il ils les leur maire mairie mais merci mes moi mon ne nos \
         notre nous ont où oui pas peut pour pourquoi pouvez quand quoi rendu réunion salut \
         sera sont suis très une vos votre vous",
    ),
    (
        "es",
        "ahora alcalde algo allí aquí ayer buena buenas bueno buenos cómo con cuando cuándo \
         del desde dónde el ella ellos entre esa ese eso esta está están este esto estos \
         gracias hasta hay hola hoy informe las llamo los mañana más muy nada nosotros para \
         pero perfecto podemos por porque puede qué quién reunión señor señora sí su sus \
         también tenemos tiene todo todos una usted ustedes vamos vemos ya",
    ),
    (
        "en",
        "about after and are at be been before but by call can could did do does for from \
         good great had has have hello hi how i if it just meeting minutes my next not of our \
         please see send should thank thanks that the their them there they this to today \
         tomorrow week were what when where which who why will with would yes yesterday you \
         your",
    ),
];

/// French elisions ("d'accord", "l'ordre", "qu'il") are French evidence on their own.
const FRENCH_ELISIONS: [&str; 9] = ["c", "d", "j", "l", "m", "n", "qu", "s", "t"];

/// English contractions ("don't", "we'll", "I'm") likewise.
const ENGLISH_CONTRACTIONS: [&str; 6] = ["n't", "'ll", "'re", "'ve", "'m", "'d"];

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
/// When detection stays unsure and does not pick one of them, the first valid
/// hint is returned: people mostly write in their own language.
pub fn detect(text: &str, hints: &[&str]) -> Option<String> {
    let text = without_noise(text);
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    let hints: Vec<String> = hints
        .iter()
        // "nl-BE" or "fr_SN" from a locale still says "nl" or "fr".
        .filter_map(|hint| hint.trim().split(['-', '_']).next())
        .map(str::to_ascii_lowercase)
        .filter(|hint| is_valid_tag(hint))
        .collect();

    // The allow-list and the function words only separate languages sharing the
    // Latin script; for other scripts the allow-list would hide the right answer
    // (whatlang even answers Japanese for Chinese when Mandarin is not allowed).
    let latin = whatlang::detect_script(&text) == Some(Script::Latin);
    let detector = if latin {
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
    if let Some(info) = detected
        .as_ref()
        .filter(|info| info.confidence() >= MIN_CONFIDENCE)
    {
        return Some(tag_of(info.lang()));
    }
    if let Some(tag) = latin.then(|| by_function_words(&text)).flatten() {
        return Some(tag.to_owned());
    }
    if let Some(tag) = detected
        .map(|info| tag_of(info.lang()))
        .filter(|tag| hints.contains(tag))
    {
        return Some(tag);
    }
    hints.into_iter().next()
}

/// The platform language whose function words clearly dominate, if one does.
fn by_function_words(text: &str) -> Option<&'static str> {
    let mut scores = [0usize; FUNCTION_WORDS.len()];
    let mut vote = |tag: &str| {
        if let Some(at) = FUNCTION_WORDS.iter().position(|(known, _)| *known == tag) {
            scores[at] += 1;
        }
    };
    // Inverted marks open Spanish questions and exclamations.
    text.chars()
        .filter(|c| matches!(c, '¿' | '¡'))
        .for_each(|_| vote("es"));
    let lowercase = text.to_lowercase().replace('’', "'");
    for word in lowercase.split(|c: char| !(c.is_alphabetic() || c == '\'')) {
        let word = word.trim_matches('\'');
        if let Some((tag, _)) = FUNCTION_WORDS
            .iter()
            .find(|(_, words)| words.split_whitespace().any(|known| known == word))
        {
            vote(tag);
        }
        if word
            .split_once('\'')
            .is_some_and(|(prefix, rest)| FRENCH_ELISIONS.contains(&prefix) && !rest.is_empty())
        {
            vote("fr");
        }
        if ENGLISH_CONTRACTIONS
            .iter()
            .any(|suffix| word.ends_with(suffix))
        {
            vote("en");
        }
        if word.contains('ñ') {
            vote("es");
        }
    }

    let (best, &top) = scores.iter().enumerate().max_by_key(|(_, score)| **score)?;
    let runner_up = scores
        .iter()
        .enumerate()
        .filter(|(at, _)| *at != best)
        .map(|(_, score)| *score)
        .max()
        .unwrap_or(0);
    (top > 0 && top >= 2 * runner_up).then_some(FUNCTION_WORDS[best].0)
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
        assert_detects("nl", &DUTCH, &["nl", "de", "af"]);
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
    fn other_scripts_are_detected() {
        assert_eq!(
            detect("Засідання міської ради перенесено на четвер.", &[]).as_deref(),
            Some("uk")
        );
        // Unsure between Arabic, Persian and Urdu: the author's Arabic settles it.
        assert_eq!(
            detect("اجتماع المجلس البلدي يوم الخميس", &["fr", "ar"]).as_deref(),
            Some("ar")
        );
    }

    #[test]
    fn function_words_belong_to_one_language() {
        for (at, (tag, words)) in FUNCTION_WORDS.iter().enumerate() {
            for word in words.split_whitespace() {
                assert_eq!(word.to_lowercase(), word, "{tag}: {word}");
                for (other, other_words) in &FUNCTION_WORDS[at + 1..] {
                    let mut others = other_words.split_whitespace();
                    assert!(!others.any(|w| w == word), "{word} in {tag} and {other}");
                }
            }
        }
    }

    #[test]
    fn short_messages_are_settled_by_function_words() {
        assert_eq!(detect("bedankt!", &[]).as_deref(), Some("nl"));
        assert_eq!(detect("Merci !", &[]).as_deref(), Some("fr"));
        assert_eq!(detect("¡Gracias!", &[]).as_deref(), Some("es"));
        assert_eq!(detect("Thanks!", &[]).as_deref(), Some("en"));
        assert_eq!(detect("Qu’en pensez-vous ?", &[]).as_deref(), Some("fr"));
        assert_eq!(
            detect("I'll be there, don't worry.", &[]).as_deref(),
            Some("en")
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
        assert_eq!(
            detect("Nanga def? Mangi fi rekk.", &["fr_SN"]).as_deref(),
            Some("fr")
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
