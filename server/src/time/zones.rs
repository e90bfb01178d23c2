//! The cities that name the network's time zones, in each interface language (CLDR exemplar
//! cities; Benin's zone is named for Cotonou, where its people say they live, not Porto-Novo).

use agora_shared::api::Language;

/// zone, then its city in English, Dutch, French and Spanish.
const CITIES: &[(&str, [&str; 4])] = &[
    (
        "Europe/Brussels",
        ["Brussels", "Brussel", "Bruxelles", "Bruselas"],
    ),
    (
        "Africa/Porto-Novo",
        ["Cotonou", "Cotonou", "Cotonou", "Cotonú"],
    ),
    ("Africa/Dakar", ["Dakar", "Dakar", "Dakar", "Dakar"]),
    ("Africa/Kigali", ["Kigali", "Kigali", "Kigali", "Kigali"]),
    (
        "America/Guayaquil",
        ["Guayaquil", "Guayaquil", "Guayaquil", "Guayaquil"],
    ),
    (
        "America/Managua",
        ["Managua", "Managua", "Managua", "Managua"],
    ),
    ("Africa/Bamako", ["Bamako", "Bamako", "Bamako", "Bamako"]),
    (
        "Africa/Ouagadougou",
        ["Ouagadougou", "Ouagadougou", "Ouagadougou", "Uagadugú"],
    ),
    (
        "Africa/Kinshasa",
        ["Kinshasa", "Kinshasa", "Kinshasa", "Kinshasa"],
    ),
    (
        "Africa/Lubumbashi",
        ["Lubumbashi", "Lubumbashi", "Lubumbashi", "Lubumbashi"],
    ),
    (
        "Africa/Johannesburg",
        [
            "Johannesburg",
            "Johannesburg",
            "Johannesburg",
            "Johannesburgo",
        ],
    ),
    ("America/Lima", ["Lima", "Lima", "Lima", "Lima"]),
    ("America/La_Paz", ["La Paz", "La Paz", "La Paz", "La Paz"]),
    ("America/Bogota", ["Bogota", "Bogota", "Bogota", "Bogotá"]),
    (
        "Europe/Amsterdam",
        ["Amsterdam", "Amsterdam", "Amsterdam", "Ámsterdam"],
    ),
    ("Europe/Paris", ["Paris", "Parijs", "Paris", "París"]),
    ("Europe/Madrid", ["Madrid", "Madrid", "Madrid", "Madrid"]),
    ("Europe/London", ["London", "Londen", "Londres", "Londres"]),
    ("America/Quito", ["Quito", "Quito", "Quito", "Quito"]),
];

/// The city that names `zone` for a reader of `lang`; zones outside the table are named by the
/// last part of their IANA name (`America/Argentina/San_Juan` → "San Juan").
pub fn city(zone: &str, lang: Language) -> String {
    let column = match lang {
        Language::En => 0,
        Language::Nl => 1,
        Language::Fr => 2,
        Language::Es => 3,
    };
    if let Some((_, names)) = CITIES.iter().find(|(z, _)| *z == zone) {
        return names[column].to_string();
    }
    zone.rsplit('/').next().unwrap_or(zone).replace('_', " ")
}
