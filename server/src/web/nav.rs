//! The side navigation every signed-in page shows: the person's workspaces with their channels,
//! and their direct conversations, each with unread and mention counts. Its rows are read once per
//! page, with the session (see [`super::middleware`]), and shaped here for `templates/base.html`.

use std::collections::HashMap;

use crate::db::navigation::{
    ROW_CHANNEL, ROW_DIRECT, ROW_MENTIONS, ROW_PERSON, ROW_WORKSPACE, SideRow,
};
use crate::i18n::Tr;

/// Counts of one entry, with the keys the page script updates them by (`c12`, `w3`, `t`).
pub struct Counts {
    pub key: String,
    pub unread: i64,
    pub mentions: i64,
    /// "3 unread messages", for screen readers and narrow lists.
    pub unread_text: String,
    pub mentions_text: String,
}

impl Counts {
    fn new(t: &Tr, key: String, unread: i64, mentions: i64) -> Counts {
        Counts {
            key,
            unread,
            mentions,
            unread_text: t.t1("unread-count-badge", "count", unread),
            mentions_text: t.t1("mention-count-badge", "count", mentions),
        }
    }
}

pub struct NavChannel {
    pub id: i64,
    pub name: String,
    pub current: bool,
    pub counts: Counts,
}

pub struct NavWorkspace {
    pub id: i64,
    pub name: String,
    pub channels: Vec<NavChannel>,
    pub counts: Counts,
}

pub struct SideNav {
    pub workspaces: Vec<NavWorkspace>,
    pub direct: Vec<NavChannel>,
    pub total: Counts,
    /// The count texts for the script: see [`live_words`].
    pub words: (String, String),
}

/// `/channels/12…` → 12.
fn id_after(path: &str, prefix: &str) -> Option<i64> {
    path.strip_prefix(prefix)?
        .split(['/', '?', '#'])
        .next()?
        .parse()
        .ok()
}

impl SideNav {
    pub fn build(t: &Tr, rows: &[SideRow], path: &str) -> SideNav {
        let current_channel = id_after(path, "/channels/");
        let mentions: HashMap<i64, i64> = rows
            .iter()
            .filter(|r| r.entry == ROW_MENTIONS)
            .map(|r| (r.id, r.n))
            .collect();
        let mut people: HashMap<i64, Vec<(&str, i64)>> = HashMap::new();
        for r in rows.iter().filter(|r| r.entry == ROW_PERSON) {
            people.entry(r.id).or_default().push((&r.name, r.n));
        }
        let channel = |r: &SideRow, name: String| NavChannel {
            id: r.id,
            name,
            current: current_channel == Some(r.id),
            counts: Counts::new(
                t,
                format!("c{}", r.id),
                r.n.max(0),
                mentions.get(&r.id).copied().unwrap_or(0),
            ),
        };
        let mut workspaces: Vec<NavWorkspace> = rows
            .iter()
            .filter(|r| r.entry == ROW_WORKSPACE)
            .map(|r| NavWorkspace {
                id: r.id,
                name: r.name.clone(),
                channels: Vec::new(),
                counts: Counts::new(t, format!("w{}", r.id), 0, 0),
            })
            .collect();
        workspaces.sort_by_key(|a| a.name.to_lowercase());
        let mut direct = Vec::new();
        for r in rows {
            if r.entry == ROW_CHANNEL {
                let Some(ws) = workspaces.iter_mut().find(|w| Some(w.id) == r.parent) else {
                    continue;
                };
                ws.channels.push(channel(r, r.name.clone()));
            } else if r.entry == ROW_DIRECT {
                let mut names = people.remove(&r.id).unwrap_or_default();
                names.sort_by_key(|(_, id)| *id);
                let names: Vec<&str> = names.into_iter().map(|(n, _)| n).collect();
                direct.push(channel(r, names.join(", ")));
            }
        }
        for ws in &mut workspaces {
            ws.channels.sort_by_key(|a| a.name.to_lowercase());
            let unread = ws.channels.iter().map(|c| c.counts.unread).sum();
            let mentioned = ws.channels.iter().map(|c| c.counts.mentions).sum();
            ws.counts = Counts::new(t, ws.counts.key.clone(), unread, mentioned);
        }
        // Conversations with something new first, then by name.
        direct.sort_by(|a, b| {
            (b.counts.unread > 0)
                .cmp(&(a.counts.unread > 0))
                .then_with(|| a.name.cmp(&b.name))
        });
        let mut nav = SideNav {
            workspaces,
            direct,
            total: Counts::new(t, "t".into(), 0, 0),
            words: live_words(t),
        };
        nav.recount(t);
        nav
    }

    fn recount(&mut self, t: &Tr) {
        let all = || {
            self.workspaces
                .iter()
                .flat_map(|w| w.channels.iter())
                .chain(self.direct.iter())
        };
        let unread = all().map(|c| c.counts.unread).sum();
        let mentions = all().map(|c| c.counts.mentions).sum();
        self.total = Counts::new(t, "t".into(), unread, mentions);
    }

    /// The page has just read `channel_id`, leaving `unread` messages: the counts read before
    /// the handler ran follow (a channel read to its end has no unread mention left either).
    pub fn read(&mut self, t: &Tr, channel_id: i64, unread: i64) {
        let left = |c: &Counts| if unread == 0 { 0 } else { c.mentions };
        for ws in &mut self.workspaces {
            if let Some(c) = ws.channels.iter_mut().find(|c| c.id == channel_id) {
                c.counts = Counts::new(t, c.counts.key.clone(), unread, left(&c.counts));
                let u = ws.channels.iter().map(|c| c.counts.unread).sum();
                let m = ws.channels.iter().map(|c| c.counts.mentions).sum();
                ws.counts = Counts::new(t, ws.counts.key.clone(), u, m);
            }
        }
        if let Some(c) = self.direct.iter_mut().find(|c| c.id == channel_id) {
            c.counts = Counts::new(t, c.counts.key.clone(), unread, left(&c.counts));
        }
        self.recount(t);
    }
}

/// The count texts the script writes when a count changes, `#` standing for the number:
/// (unread, mentions). No plural forms, so that they fit every number.
fn live_words(t: &Tr) -> (String, String) {
    (
        t.t1("count-unread-live", "count", "#"),
        t.t1("count-mentions-live", "count", "#"),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_come_from_the_path() {
        assert_eq!(
            super::id_after("/channels/12?around=3", "/channels/"),
            Some(12)
        );
        assert_eq!(
            super::id_after("/workspaces/4/admin", "/workspaces/"),
            Some(4)
        );
        assert_eq!(super::id_after("/workspaces/new", "/workspaces/"), None);
    }
}
