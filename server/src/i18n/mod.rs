//! Fluent translations for the four interface languages, embedded at build time.
//!
//! English is the complete fallback. Every key a person reads is used as a string literal in code
//! or templates so that `tests/tests/suite/i18n.rs` can find missing and unused keys.

mod conversation_labels;
mod labels;
mod negotiate;

use std::collections::HashMap;
use std::sync::Arc;

use agora_shared::api::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use negotiate::negotiate;

/// The Fluent files of every locale, in load order.
pub const FILES: &[&str] = &[
    "main.ftl",
    "account.ftl",
    "admin.ftl",
    "email.ftl",
    "errors.ftl",
    "workspaces.ftl",
    "messages.ftl",
    "email_settings.ftl",
    "notify.ftl",
    "digest.ftl",
    "compose.ftl",
    "layout.ftl",
    "membership.ftl",
];

macro_rules! locale_sources {
    ($lang:literal) => {
        [
            include_str!(concat!("../../../locales/", $lang, "/main.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/account.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/admin.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/email.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/errors.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/workspaces.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/messages.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/email_settings.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/notify.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/digest.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/compose.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/layout.ftl")),
            include_str!(concat!("../../../locales/", $lang, "/membership.ftl")),
        ]
    };
}

fn sources(lang: Language) -> [&'static str; 13] {
    match lang {
        Language::En => locale_sources!("en"),
        Language::Nl => locale_sources!("nl"),
        Language::Fr => locale_sources!("fr"),
        Language::Es => locale_sources!("es"),
    }
}

/// All bundles, loaded once at start.
pub struct I18n {
    bundles: HashMap<Language, FluentBundle<FluentResource>>,
}

impl I18n {
    /// Parses every embedded file; a syntax error or a duplicate key fails the start.
    pub fn load() -> anyhow::Result<I18n> {
        let mut bundles = HashMap::new();
        for &lang in Language::ALL {
            let id: unic_langid::LanguageIdentifier = lang.as_str().parse()?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Isolation marks around placeables end up as stray characters in emails and titles.
            bundle.set_use_isolating(false);
            for (file, source) in FILES.iter().zip(sources(lang)) {
                let resource =
                    FluentResource::try_new(source.to_string()).map_err(|(_, errs)| {
                        anyhow::anyhow!("locales/{}/{file}: {errs:?}", lang.as_str())
                    })?;
                bundle.add_resource(resource).map_err(|errs| {
                    anyhow::anyhow!("locales/{}/{file}: {errs:?}", lang.as_str())
                })?;
            }
            bundles.insert(lang, bundle);
        }
        Ok(I18n { bundles })
    }

    /// Whether `id` exists in `lang` (without falling back).
    pub fn has(&self, lang: Language, id: &str) -> bool {
        self.bundles.get(&lang).is_some_and(|b| b.has_message(id))
    }

    fn format(&self, lang: Language, id: &str, args: Option<&FluentArgs>) -> String {
        for candidate in [lang, Language::En] {
            let Some(bundle) = self.bundles.get(&candidate) else {
                continue;
            };
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(message.id = id, ?errors, "translation has errors");
                }
                return text.into_owned();
            }
        }
        tracing::warn!(message.id = id, "missing translation");
        id.to_string()
    }
}

/// A translator bound to one language: what pages, emails and errors are written with.
#[derive(Clone)]
pub struct Tr {
    i18n: Arc<I18n>,
    pub lang: Language,
}

impl Tr {
    pub fn new(i18n: Arc<I18n>, lang: Language) -> Tr {
        Tr { i18n, lang }
    }

    /// The same translator in another language (an email to someone else, say).
    pub fn with_lang(&self, lang: Language) -> Tr {
        Tr {
            i18n: self.i18n.clone(),
            lang,
        }
    }

    pub fn t(&self, id: &str) -> String {
        self.i18n.format(self.lang, id, None)
    }

    pub fn t1(&self, id: &str, name: &str, value: impl ToString) -> String {
        self.targs(id, &[(name, value.to_string())])
    }

    pub fn t2(&self, id: &str, a: &str, av: impl ToString, b: &str, bv: impl ToString) -> String {
        self.targs(id, &[(a, av.to_string()), (b, bv.to_string())])
    }

    pub fn targs(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            // Numbers stay numbers so plural selectors work.
            match value.parse::<i64>() {
                Ok(n) => fargs.set(name.to_string(), FluentValue::from(n)),
                Err(_) => fargs.set(name.to_string(), FluentValue::from(value.clone())),
            }
        }
        self.i18n.format(self.lang, id, Some(&fargs))
    }

    /// Whether this language (or English) has `id`.
    pub fn has(&self, id: &str) -> bool {
        self.i18n.has(self.lang, id) || self.i18n.has(Language::En, id)
    }

    /// The language code for `lang` attributes.
    pub fn code(&self) -> &'static str {
        self.lang.as_str()
    }
}
