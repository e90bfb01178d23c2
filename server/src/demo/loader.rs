//! Reads the demo network's data and checks every reference and value in it before the demo
//! writes anything, so a mistake in the file names its entry instead of leaving a half-filled
//! database behind.

use std::collections::{BTreeMap, BTreeSet};

use agora_shared::api::{OrgKind, OrgRole};

use super::data::{GENERAL, MessageEntry, Network, ReactionEntry, ReplyEntry, expand_mentions};
use crate::validate;

/// The data `agora demo` creates, inside the binary so that it works from the binary alone.
pub const NETWORK: &str = include_str!("../../demo/network.toml");

/// What is wrong with the demo data, and where.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// Not TOML, or not the shape of [`Network`]: toml's message shows the line.
    #[error("demo network data: {0}")]
    Shape(#[from] toml::de::Error),
    #[error("demo network data, {entry}: {problem}")]
    Entry { entry: String, problem: String },
}

fn bad(entry: impl Into<String>, problem: impl Into<String>) -> DataError {
    DataError::Entry {
        entry: entry.into(),
        problem: problem.into(),
    }
}

/// Parses `source` and checks it.
pub fn load(source: &str) -> Result<Network, DataError> {
    let network: Network = toml::from_str(source)?;
    check(&network)?;
    Ok(network)
}

/// The keys of organisations and people, and each person's organisation and role.
struct Names<'a> {
    orgs: BTreeSet<&'a str>,
    people: BTreeMap<&'a str, (&'a str, OrgRole)>,
}

impl Names<'_> {
    fn person(&self, entry: &str, key: &str) -> Result<(), DataError> {
        if self.people.contains_key(key) {
            Ok(())
        } else {
            Err(bad(entry, format!("unknown person `{key}`")))
        }
    }

    fn text(&self, entry: &str, text: &str) -> Result<(), DataError> {
        expand_mentions(text, |key| self.people.contains_key(key).then(String::new))
            .map(drop)
            .map_err(|problem| bad(entry, problem))
    }

    fn reactions(&self, entry: &str, reactions: &[ReactionEntry]) -> Result<(), DataError> {
        for r in reactions {
            if r.emoji.trim().is_empty() {
                return Err(bad(entry, "a reaction has no emoji"));
            }
            for key in &r.by {
                self.person(&format!("{entry}, reaction {}", r.emoji), key)?;
            }
        }
        Ok(())
    }

    fn reply(&self, entry: &str, reply: &ReplyEntry) -> Result<(), DataError> {
        self.person(entry, &reply.by)?;
        self.text(entry, &reply.text)?;
        self.reactions(entry, &reply.reactions)
    }
}

fn check(network: &Network) -> Result<(), DataError> {
    let names = check_people(network)?;
    for ws in &network.workspaces {
        check_workspace(&names, ws)?;
    }
    for (i, dm) in network.direct.iter().enumerate() {
        let entry = format!("direct conversation {} ({} with {})", i + 1, dm.by, dm.with);
        names.person(&entry, &dm.by)?;
        names.person(&entry, &dm.with)?;
        for (j, m) in dm.messages.iter().enumerate() {
            let entry = format!("{entry}, message {}", j + 1);
            if m.by != dm.by && m.by != dm.with {
                return Err(bad(entry, format!("`{}` is not in the conversation", m.by)));
            }
            names.reply(&entry, m)?;
        }
    }
    Ok(())
}

fn check_people(network: &Network) -> Result<Names<'_>, DataError> {
    let operator = network
        .organisations
        .first()
        .ok_or_else(|| bad("organisations", "there are none"))?;
    if operator.kind != OrgKind::NetworkOperator {
        return Err(bad(
            format!("organisation `{}`", operator.key),
            "the first organisation must be the network operator",
        ));
    }
    let mut orgs = BTreeSet::new();
    for org in &network.organisations {
        if !orgs.insert(org.key.as_str()) {
            return Err(bad(
                format!("organisation `{}`", org.key),
                "the key is used twice",
            ));
        }
    }
    let admin = network
        .people
        .first()
        .ok_or_else(|| bad("people", "there are none"))?;
    if admin.organisation != operator.key || admin.role != OrgRole::Admin {
        return Err(bad(
            format!("person `{}`", admin.key),
            format!(
                "the first person must be an admin of the network operator `{}`",
                operator.key
            ),
        ));
    }
    let mut people = BTreeMap::new();
    let mut emails = BTreeSet::new();
    for p in &network.people {
        let entry = format!("person `{}`", p.key);
        if !orgs.contains(p.organisation.as_str()) {
            return Err(bad(
                entry,
                format!("unknown organisation `{}`", p.organisation),
            ));
        }
        if people
            .insert(p.key.as_str(), (p.organisation.as_str(), p.role))
            .is_some()
        {
            return Err(bad(entry, "the key is used twice"));
        }
        if !emails.insert(p.email.to_lowercase()) {
            return Err(bad(entry, format!("the email {} is used twice", p.email)));
        }
        let value = |field: &str, ok: bool| match ok {
            true => Ok(()),
            false => Err(bad(&entry, format!("invalid {field}"))),
        };
        value("reads", validate::languages_read(&p.reads).is_ok())?;
        value("themes", validate::sdg_tags("themes", &p.themes).is_ok())?;
        value("time_zone", validate::time_zone(&p.time_zone).is_ok())?;
    }
    Ok(Names { orgs, people })
}

fn check_workspace(names: &Names<'_>, ws: &super::data::WorkspaceEntry) -> Result<(), DataError> {
    let entry = format!("workspace `{}`", ws.name);
    names.person(&entry, &ws.owner)?;
    if validate::sdg_tags("sdg_tags", &ws.sdg_tags).is_err() {
        return Err(bad(entry, "invalid sdg_tags"));
    }
    for p in &ws.partners {
        let partner = format!("{entry}, partner `{}`", p.organisation);
        if !names.orgs.contains(p.organisation.as_str()) {
            return Err(bad(partner, "unknown organisation"));
        }
        match names.people.get(p.accepted_by.as_str()) {
            Some((org, OrgRole::Admin)) if *org == p.organisation => {}
            Some(_) => {
                return Err(bad(
                    partner,
                    format!("`{}` is not one of its admins", p.accepted_by),
                ));
            }
            None => return Err(bad(partner, format!("unknown person `{}`", p.accepted_by))),
        }
    }
    for m in &ws.members {
        let member = format!("{entry}, member `{}`", m.who);
        names.person(&member, &m.by)?;
        names.person(&member, &m.who)?;
    }
    let mut channels = BTreeSet::from([GENERAL]);
    for c in &ws.channels {
        let channel = format!("{entry}, channel `{}`", c.name);
        if !channels.insert(c.name.as_str()) {
            return Err(bad(channel, "the name is used twice (or is `general`)"));
        }
        names.person(&channel, &c.by)?;
        for key in c.private_with.iter().flatten() {
            names.person(&channel, key)?;
        }
    }
    for (i, m) in ws.messages.iter().enumerate() {
        check_message(names, &channels, &format!("{entry}, message {}", i + 1), m)?;
    }
    for r in &ws.marked_read {
        let read = format!("{entry}, read marker of `{}`", r.who);
        names.person(&read, &r.who)?;
        if !channels.contains(r.channel.as_str()) {
            return Err(bad(read, format!("unknown channel `{}`", r.channel)));
        }
    }
    Ok(())
}

fn check_message(
    names: &Names<'_>,
    channels: &BTreeSet<&str>,
    entry: &str,
    m: &MessageEntry,
) -> Result<(), DataError> {
    if !channels.contains(m.channel.as_str()) {
        return Err(bad(entry, format!("unknown channel `{}`", m.channel)));
    }
    names.person(entry, &m.by)?;
    names.text(entry, &m.text)?;
    names.reactions(entry, &m.reactions)?;
    for (j, r) in m.replies.iter().enumerate() {
        names.reply(&format!("{entry}, reply {}", j + 1), r)?;
    }
    Ok(())
}
