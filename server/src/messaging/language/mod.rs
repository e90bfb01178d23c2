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

mod tags;

pub use tags::is_valid_tag;
use tags::{lang_of, tag_of};

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
mod tests;
