//! Dates, times and zones in the reader's language: CLDR patterns, never ISO strings on a page.

use agora::i18n::Tr;
use agora_shared::api::Language;
use agora_tests::personas::World;
use agora_tests::spawn_app;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .expect("date")
}

#[tokio::test]
async fn four_languages_format_dates_their_own_way() {
    let app = spawn_app().await;
    let tr = |lang| Tr::new(app.state.i18n.clone(), lang);
    let t = at(2026, 12, 1, 7, 52);
    let cotonou = "Africa/Porto-Novo";
    let cases = [
        (
            Language::Fr,
            cotonou,
            "1 déc. 2026, 08:52 (heure de Cotonou)",
        ),
        (Language::En, cotonou, "Dec 1, 2026, 8:52 AM (Cotonou time)"),
        (
            Language::Nl,
            "Europe/Brussels",
            "1 dec. 2026, 08:52 (tijd in Brussel)",
        ),
        (
            Language::Es,
            "America/Guayaquil",
            "1 dic 2026, 2:52 (hora de Guayaquil)",
        ),
        (Language::Fr, "UTC", "1 déc. 2026, 07:52 (UTC)"),
    ];
    for (lang, zone, expected) in cases {
        assert_eq!(agora::time::display(t, zone, &tr(lang)), expected);
    }
    assert_eq!(
        agora::time::clock(at(2026, 1, 15, 12, 5), "UTC", &tr(Language::En)),
        "12:05 PM"
    );
    assert_eq!(agora::time::date(t, "UTC", &tr(Language::Es)), "1 dic 2026");
    assert_eq!(
        agora::time::date(at(2026, 3, 9, 9, 0), "UTC", &tr(Language::Nl)),
        "9 mrt. 2026"
    );
    let winter = at(2026, 1, 15, 12, 0);
    assert_eq!(
        agora::time::zone_label("Europe/Brussels", &tr(Language::Fr), winter),
        "Bruxelles (UTC+01:00)"
    );
    assert_eq!(
        agora::time::zone_label("America/Guayaquil", &tr(Language::Es), winter),
        "Guayaquil (UTC-05:00)"
    );
    assert_eq!(
        agora::time::city("America/Argentina/San_Juan", Language::En),
        "San Juan"
    );
}

#[tokio::test]
async fn the_time_zone_picker_names_cities_in_the_readers_language() {
    let app = spawn_app().await;
    let mut world = World::build(&app).await;
    // Admin B reads French.
    let (status, body) = world.admin_b.session.page("/profile").await;
    assert_eq!(status, 200);
    assert!(
        body.contains(r#"<option value="Europe/Brussels""#),
        "{body}"
    );
    assert!(body.contains(">Bruxelles (UTC+0"), "{body}");
    assert!(body.contains(">Cotonou (UTC+01:00)<"), "{body}");
}
