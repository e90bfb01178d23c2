//! Choices for `<select>` and checkbox groups, labelled in the reader's language.

use agora_shared::api::{Language, OrgKind, OrgRole, UserKind};

use crate::i18n::Tr;

pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub fn languages(t: &Tr, selected: Language) -> Vec<Opt> {
    Language::ALL
        .iter()
        .map(|l| Opt {
            value: l.as_str().into(),
            label: t.language_name(l),
            selected: *l == selected,
        })
        .collect()
}

pub fn org_kinds(t: &Tr, selected: Option<OrgKind>) -> Vec<Opt> {
    OrgKind::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().into(),
            label: t.org_kind(k),
            selected: Some(*k) == selected,
        })
        .collect()
}

pub fn roles(t: &Tr, selected: OrgRole) -> Vec<Opt> {
    OrgRole::ALL
        .iter()
        .map(|r| Opt {
            value: r.as_str().into(),
            label: t.role(r),
            selected: *r == selected,
        })
        .collect()
}

pub fn user_kinds(t: &Tr, selected: UserKind) -> Vec<Opt> {
    UserKind::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().into(),
            label: t.user_kind(k),
            selected: *k == selected,
        })
        .collect()
}

/// Languages people commonly read across the network, offered as checkboxes on the profile.
pub const READ_LANGUAGES: &[&str] = &[
    "nl", "fr", "es", "en", "de", "pt", "ar", "wo", "fon", "rw", "sw", "qu",
];

/// Common zones of the network first; any IANA name is accepted.
pub const TIME_ZONES: &[&str] = &[
    "UTC",
    "Europe/Brussels",
    "Africa/Porto-Novo",
    "Africa/Dakar",
    "Africa/Kigali",
    "America/Guayaquil",
    "America/Managua",
    "Africa/Bamako",
    "Africa/Ouagadougou",
    "Africa/Kinshasa",
    "Africa/Lubumbashi",
    "Africa/Johannesburg",
    "America/Lima",
    "America/La_Paz",
    "America/Bogota",
    "Europe/Amsterdam",
    "Europe/Paris",
    "Europe/Madrid",
];

/// The picker's zones, each named by its city in the reader's language with today's offset.
pub fn time_zones(t: &Tr, selected: &str) -> Vec<Opt> {
    let now = crate::time::now();
    let mut list: Vec<Opt> = TIME_ZONES
        .iter()
        .map(|z| Opt {
            value: (*z).into(),
            label: crate::time::zone_label(z, t, now),
            selected: *z == selected,
        })
        .collect();
    if !TIME_ZONES.contains(&selected) {
        list.push(Opt {
            value: selected.into(),
            label: crate::time::zone_label(selected, t, now),
            selected: true,
        });
    }
    list
}

/// The seventeen Sustainable Development Goals, with their names in the reader's language.
pub fn sdgs(t: &Tr, selected: &[u8]) -> Vec<Opt> {
    (1..=17u8)
        .map(|n| Opt {
            value: n.to_string(),
            label: t.sdg(n),
            selected: selected.contains(&n),
        })
        .collect()
}
