//! The built-in network loads, and each kind of mistake in the data is refused with its entry
//! named. Each case changes one thing in the real file, as a careless edit would.

use super::data::Network;
use super::loader::{DataError, NETWORK, load};

/// The built-in data with the first `from` replaced by `to`.
fn edited(from: &str, to: &str) -> String {
    assert!(NETWORK.contains(from), "the data no longer holds {from:?}");
    NETWORK.replacen(from, to, 1)
}

fn refused(source: &str) -> String {
    match load(source) {
        Ok(_) => panic!("bad data was accepted"),
        Err(e) => e.to_string(),
    }
}

fn messages(n: &Network) -> usize {
    let in_workspaces: usize = n
        .workspaces
        .iter()
        .flat_map(|w| &w.messages)
        .map(|m| 1 + m.replies.len())
        .sum();
    in_workspaces + n.direct.iter().map(|d| d.messages.len()).sum::<usize>()
}

#[test]
fn the_built_in_network_loads_whole() {
    let n = load(NETWORK).expect("the built-in network");
    assert_eq!(n.organisations.len(), 9);
    assert_eq!(n.people.len(), 17);
    assert_eq!(n.people.iter().filter(|p| p.featured).count(), 6);
    assert_eq!(n.workspaces.len(), 4);
    let channels: usize = n.workspaces.iter().map(|w| 1 + w.channels.len()).sum();
    assert_eq!(channels, 12);
    assert_eq!(n.direct.len(), 2);
    assert_eq!(messages(&n), 59);
}

#[test]
fn a_person_of_an_unknown_organisation_is_named() {
    let e = refused(&edited(
        "key = \"hilde\"\norganisation = \"gent\"",
        "key = \"hilde\"\norganisation = \"ghent\"",
    ));
    assert!(
        e.contains("person `hilde`: unknown organisation `ghent`"),
        "{e}"
    );
}

#[test]
fn a_mention_of_nobody_is_named_with_its_message() {
    let e = refused(&edited("@{serge}", "@{sergio}"));
    assert!(
        e.contains(
            "workspace `Werkgroep Post-Agenda 2030`, message 5: mentions unknown person `sergio`"
        ),
        "{e}"
    );
    let e = refused(&edited("@{serge}", "@{serge"));
    assert!(e.contains("message 5: a mention `@{` is not closed"), "{e}");
}

#[test]
fn a_message_in_an_unknown_channel_is_named() {
    let e = refused(&edited(
        "channel = \"etat-civil\"",
        "channel = \"etat-civl\"",
    ));
    assert!(
        e.contains(
            "workspace `Jumelage Mechelen – Bohicon`, message 7: unknown channel `etat-civl`"
        ),
        "{e}"
    );
}

#[test]
fn a_reply_or_reaction_by_nobody_is_named() {
    let e = refused(&edited(
        "by = \"florent\"\ntext = \"\"\"\\\nMerci.",
        "by = \"florence\"\ntext = \"\"\"\\\nMerci.",
    ));
    assert!(
        e.contains("message 5, reply 6: unknown person `florence`"),
        "{e}"
    );
    let e = refused(&edited(
        "by = [\"rodrigue\", \"justine\", \"bart\"]",
        "by = [\"rodrigue\", \"justin\"]",
    ));
    assert!(
        e.contains("message 1, reaction 🎉: unknown person `justin`"),
        "{e}"
    );
}

#[test]
fn a_partner_accepted_by_someone_who_cannot_is_named() {
    let e = refused(&edited(
        "accepted_by = \"maria\"",
        "accepted_by = \"diego\"",
    ));
    assert!(
        e.contains("partner `cuenca`: `diego` is not one of its admins"),
        "{e}"
    );
}

#[test]
fn the_operator_and_its_administrator_come_first() {
    let e = refused(&edited(
        "kind = \"network_operator\"",
        "kind = \"association\"",
    ));
    assert!(
        e.contains("organisation `vvsg`: the first organisation must be"),
        "{e}"
    );
    let e = refused(&edited(
        "key = \"katrien\"\norganisation = \"vvsg\"",
        "key = \"katrien\"\norganisation = \"gent\"",
    ));
    assert!(
        e.contains("person `katrien`: the first person must be an admin"),
        "{e}"
    );
}

#[test]
fn repeated_keys_and_bad_values_are_named() {
    let e = refused(&edited("key = \"pieter\"", "key = \"katrien\""));
    assert!(e.contains("person `katrien`: the key is used twice"), "{e}");
    let e = refused(&edited("name = \"meetings\"", "name = \"general\""));
    assert!(
        e.contains("channel `general`: the name is used twice"),
        "{e}"
    );
    let e = refused(&edited(
        "time_zone = \"Africa/Dakar\"",
        "time_zone = \"Africa/Louga\"",
    ));
    assert!(e.contains("person `aminata`: invalid time_zone"), "{e}");
    let e = refused(&edited("themes = [3, 10]", "themes = [3, 18]"));
    assert!(e.contains("person `moussa`: invalid themes"), "{e}");
}

#[test]
fn a_direct_message_by_an_outsider_is_named() {
    let e = refused(&edited(
        "by = \"serge\"\ntext = \"\"\"\\\nBonjour Katrien",
        "by = \"luc\"\ntext = \"\"\"\\\nBonjour Katrien",
    ));
    assert!(
        e.contains("direct conversation 1 (katrien with serge), message 2: `luc` is not in the conversation"),
        "{e}"
    );
}

#[test]
fn a_misspelt_field_or_value_is_refused_with_its_line() {
    let e = load(&edited(
        "general_topic = \"Noticias",
        "general_topik = \"Noticias",
    ))
    .expect_err("a misspelt field");
    assert!(matches!(e, DataError::Shape(_)), "{e:?}");
    let e = e.to_string();
    assert!(
        e.contains("unknown field `general_topik`") && e.contains("line"),
        "{e}"
    );
    let e = refused(&edited("kind = \"twinning\"", "kind = \"twining\""));
    assert!(
        e.contains("unknown variant `twining`") && e.contains("line"),
        "{e}"
    );
}
