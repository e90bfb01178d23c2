//! What `agora demo` tells the person who ran it: what was created and whom to sign in as.

use std::collections::BTreeMap;
use std::fmt;

use agora_shared::api::Language;

use super::PASSWORD;

/// What the demo created, and whom to sign in as.
#[derive(Debug, Clone)]
pub struct DemoReport {
    pub organisations: usize,
    pub people: usize,
    pub workspaces: usize,
    pub channels: usize,
    pub direct_conversations: usize,
    pub messages: usize,
    /// Messages per detected language tag.
    pub languages: BTreeMap<String, usize>,
    /// A few accounts to sign in with, per language and organisation.
    pub accounts: Vec<DemoAccount>,
}

#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub language: Language,
    pub email: String,
    pub name: String,
    pub organisation: String,
    pub function: String,
}

impl DemoReport {
    /// How to sign in, for the command line.
    pub fn instructions(&self, public_url: &str) -> String {
        format!(
            "{self}\nStart the server (`cargo run --release`) and sign in at {public_url}/signin\n\
             Password of every demo account: {PASSWORD}\n"
        )
    }
}

impl fmt::Display for DemoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let languages: Vec<String> = self
            .languages
            .iter()
            .map(|(tag, n)| format!("{tag} {n}"))
            .collect();
        writeln!(
            f,
            "Demo network created: {} organisations, {} people, {} workspaces, {} channels, \
             {} direct conversations, {} messages ({}).",
            self.organisations,
            self.people,
            self.workspaces,
            self.channels,
            self.direct_conversations,
            self.messages,
            languages.join(", ")
        )?;
        writeln!(f)?;
        writeln!(f, "Accounts to try:")?;
        for a in &self.accounts {
            writeln!(
                f,
                "  [{}] {:<38} {} — {}, {}",
                a.language.as_str(),
                a.email,
                a.name,
                a.function,
                a.organisation
            )?;
        }
        Ok(())
    }
}
