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
