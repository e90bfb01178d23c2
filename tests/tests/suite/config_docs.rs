//! Every setting the server reads is documented in the README table and in `.env.example`.

const README: &str = include_str!("../../../README.md");
const ENV_EXAMPLE: &str = include_str!("../../../.env.example");
const CONFIG: &str = include_str!("../../../server/src/config/mod.rs");

#[test]
fn settings_are_documented_in_step() {
    if agora_tests::skips::ran_in_sqlite_pass() {
        return;
    }
    for (name, _) in agora::config::SETTINGS {
        assert!(
            README.contains(&format!("| `{name}` |")),
            "{name} missing from the README table"
        );
        assert!(
            ENV_EXAMPLE.contains(&format!("{name}=")),
            "{name} missing from .env.example"
        );
    }
    // Every variable the code reads is in SETTINGS; the scan must find them, or it checks nothing.
    let read = CONFIG.split("get(\"").skip(1).count();
    assert!(read > 0, "found no reads in config.rs");
    for piece in CONFIG.split("get(\"").skip(1) {
        let name = piece.split('"').next().unwrap();
        assert!(
            agora::config::SETTINGS.iter().any(|(n, _)| *n == name),
            "{name} is read but not listed in SETTINGS"
        );
    }
}
