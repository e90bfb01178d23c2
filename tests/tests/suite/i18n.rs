//! The four locales: every file parses, every locale has exactly the English keys, every key used
//! in code or templates exists, no key is unused, and translations are not English copies.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use agora_shared::ErrorCode;
use fluent_syntax::ast::Entry;

const LOCALES: [&str; 4] = ["en", "nl", "fr", "es"];
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// id → value text, for one locale, failing on parse errors.
fn messages(locale: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let dir = Path::new(ROOT).join("locales").join(locale);
    for file in agora::i18n::FILES {
        let path = dir.join(file);
        let source =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let resource = fluent_syntax::parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
        for entry in resource.body {
            if let Entry::Message(m) = entry {
                let id = m.id.name.to_string();
                let text = format!("{:?}", m.value);
                assert!(
                    out.insert(id.clone(), text).is_none(),
                    "{locale}: {id} defined twice"
                );
            }
        }
    }
    out
}

/// Every string literal in server code and templates that looks like a message id.
fn literals() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![
        Path::new(ROOT).join("server/src"),
        Path::new(ROOT).join("server/templates"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("text file");
            // Quotes nest in templates (`aria-label="{{ t("id") }}"`), so every quote opens a
            // candidate rather than every other one.
            let parts: Vec<&str> = text.split('"').collect();
            for part in parts.iter().skip(1) {
                if part.contains('-')
                    && part
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    found.insert((*part).to_string());
                }
            }
        }
    }
    found
}

/// Ids passed to the translator in code and templates: `t("…")`, `t1("…"`, `t2("…"`.
fn translator_calls() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack = vec![
        Path::new(ROOT).join("server/src"),
        Path::new(ROOT).join("server/templates"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("text file");
            for call in [".t(\"", ".t1(\"", ".t2(\"", "self.t(\""] {
                for piece in text.split(call).skip(1) {
                    if let Some(id) = piece.split('"').next() {
                        found.insert(id.to_string());
                    }
                }
            }
        }
    }
    found
}

#[test]
fn every_locale_parses_and_has_exactly_the_english_keys() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let en: BTreeSet<String> = messages("en").into_keys().collect();
    for locale in ["nl", "fr", "es"] {
        let keys: BTreeSet<String> = messages(locale).into_keys().collect();
        let missing: Vec<_> = en.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&en).collect();
        assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{locale} has keys English lacks: {extra:?}"
        );
    }
}

#[test]
fn every_key_used_exists() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let en = messages("en");
    let calls = translator_calls();
    assert!(
        calls.len() > 100,
        "found only {} translator calls",
        calls.len()
    );
    for id in calls {
        assert!(
            en.contains_key(&id),
            "code or a template uses {id}, which locales/en lacks"
        );
    }
    for code in ErrorCode::ALL {
        assert!(
            en.contains_key(&code.message_id()),
            "error code {code} has no message"
        );
    }
}

#[test]
fn no_key_is_unused() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let used = literals();
    let errors: BTreeSet<String> = ErrorCode::ALL.iter().map(|c| c.message_id()).collect();
    let en = messages("en");
    assert!(en.len() > 100, "found only {} English messages", en.len());
    for id in en.keys() {
        assert!(
            used.contains(id) || errors.contains(id),
            "{id} is never used"
        );
    }
}

#[test]
fn translations_are_not_english_copies() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let en = messages("en");
    for locale in ["nl", "fr", "es"] {
        let other = messages(locale);
        let copies: Vec<&String> = en
            .iter()
            // Autonyms name each language in itself, the same everywhere.
            .filter(|(id, text)| !id.starts_with("autonym-") && other.get(*id) == Some(text))
            .map(|(id, _)| id)
            .collect();
        // A very few words are the same in both languages (e.g. "Status" in Dutch).
        assert!(copies.len() <= 3, "{locale} copies English for {copies:?}");
    }
}

#[test]
fn the_server_loads_every_bundle() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    let i18n = agora::i18n::I18n::load().expect("bundles load");
    for locale in LOCALES {
        let lang = agora_shared::api::Language::parse(locale).expect("language");
        assert!(i18n.has(lang, "signin-title"));
    }
}
