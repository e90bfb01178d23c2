use super::*;

#[test]
fn defaults_are_the_embedded_setup() {
    let config = Config::from_lookup(|_| None).unwrap();
    assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
    assert_eq!(config.database_url, "sqlite://./data/agora.db");
    assert_eq!(config.mail, MailTransportConfig::Files);
    assert!(!config.https());
}

#[test]
fn debug_hides_secrets() {
    let config = Config::from_lookup(|name| match name {
        "AGORA_DATABASE_URL" => Some("postgres://agora:hunter2@db/agora".into()),
        "AGORA_SMTP_URL" => Some("smtps://u:mailpass@mail:465".into()),
        "AGORA_SECRET_KEY" => Some("topsecret".into()),
        _ => None,
    })
    .unwrap();
    let shown = format!("{config:?} {:?} {:?}", config.mail, config.secret_key);
    for secret in ["hunter2", "mailpass", "topsecret"] {
        assert!(!shown.contains(secret), "{secret} leaked in {shown}");
    }
    // Still there for the code that needs them.
    assert_eq!(
        config.secret_key.as_ref().map(|k| k.expose_secret()),
        Some("topsecret")
    );
    assert_eq!(
        config.mail,
        MailTransportConfig::Smtp("smtps://u:mailpass@mail:465".into())
    );
}

#[test]
fn bad_values_are_errors() {
    assert!(Config::from_lookup(|n| (n == "AGORA_BIND").then(|| "nope".into())).is_err());
    assert!(Config::from_lookup(|n| (n == "AGORA_PUBLIC_URL").then(|| "ftp://x".into())).is_err());
    assert!(
        Config::from_lookup(|n| (n == "AGORA_UPLOADS_PER_WINDOW").then(|| "many".into())).is_err()
    );
    for bad in [
        "not a url",
        "https://",
        "https://x/?a=1",
        "https://u:p@x",
        "mailto:a@b",
    ] {
        let err =
            Config::from_lookup(|n| (n == "AGORA_PUBLIC_URL").then(|| bad.into())).expect_err(bad);
        assert!(err.to_string().contains("AGORA_PUBLIC_URL"), "{bad}: {err}");
    }
}

#[test]
fn links_are_built_on_the_parsed_public_url() {
    let at =
        |url: &str| Config::from_lookup(|n| (n == "AGORA_PUBLIC_URL").then(|| url.into())).unwrap();
    let config = at("https://agora.example/");
    assert!(config.https());
    assert_eq!(config.link("/signin"), "https://agora.example/signin");
    assert_eq!(config.public_base(), "https://agora.example");
    let config = at("http://example.org:8080/agora/");
    assert!(!config.https());
    assert_eq!(
        config.link("/signin"),
        "http://example.org:8080/agora/signin"
    );
    assert_eq!(
        Config::from_lookup(|_| None).unwrap().link("/"),
        "http://127.0.0.1:8080/"
    );
}

#[test]
fn upload_limits_default_to_the_shared_ones_and_are_read_in_mib() {
    let config = Config::from_lookup(|_| None).unwrap();
    assert_eq!(
        config.upload_quota_per_person,
        UPLOAD_QUOTA_PER_PERSON_MIB * 1024 * 1024
    );
    assert_eq!(config.unattached_upload_ttl, Duration::from_secs(24 * 3600));
    let config = Config::from_lookup(|n| match n {
        "AGORA_UPLOAD_QUOTA_PER_ORGANISATION_MIB" => Some("3".into()),
        "AGORA_UNATTACHED_UPLOAD_HOURS" => Some("2".into()),
        _ => None,
    })
    .unwrap();
    assert_eq!(config.upload_quota_per_organisation, 3 * 1024 * 1024);
    assert_eq!(config.unattached_upload_ttl, Duration::from_secs(7200));
}

#[test]
fn the_heartbeat_is_read_in_seconds_and_never_zero() {
    let at = |v: &str| Config::from_lookup(|n| (n == "AGORA_WS_HEARTBEAT_SECS").then(|| v.into()));
    assert_eq!(
        Config::from_lookup(|_| None).unwrap().ws_heartbeat,
        Duration::from_secs(agora_shared::limits::WS_HEARTBEAT_SECS)
    );
    assert_eq!(at("5").unwrap().ws_heartbeat, Duration::from_secs(5));
    assert!(at("0").is_err());
    assert!(at("soon").is_err());
}

#[test]
fn the_slow_consumer_limit_is_a_positive_number_of_events() {
    let at = |v: &str| Config::from_lookup(|n| (n == "AGORA_WS_QUEUE_EVENTS").then(|| v.into()));
    assert_eq!(
        Config::from_lookup(|_| None).unwrap().ws_queue_events,
        agora_shared::limits::WS_QUEUE_EVENTS
    );
    assert_eq!(at("8").unwrap().ws_queue_events, 8);
    assert!(at("0").is_err());
}
