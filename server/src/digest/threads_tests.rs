//! Ranking: addressed threads first, then two by distinct participants padded by volume, within
//! the caps per workspace and in total.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};

use super::*;

fn at(minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 7)
        .unwrap()
        .and_hms_opt(8, minute, 0)
        .unwrap()
}

/// `count` messages in thread `thread` of channel `channel`, by authors 100.. (`people` of them).
fn thread(out: &mut Vec<NewMessage>, channel: i64, thread: i64, people: i64, count: i64) {
    for i in 0..count {
        out.push(NewMessage {
            id: thread * 1000 + i,
            channel_id: channel,
            thread,
            author_id: 100 + i % people,
            at: at(u32::try_from(i % 50).unwrap()),
        });
    }
}

/// Channels 1..=9 are in workspace 1, 10..=19 in workspace 2, 50 is a direct conversation.
fn workspace_of(channel: i64) -> Option<Option<i64>> {
    match channel {
        1..=9 => Some(Some(1)),
        10..=19 => Some(Some(2)),
        50 => Some(None),
        _ => None,
    }
}

fn ids(list: &[ThreadNews]) -> Vec<i64> {
    list.iter().map(|t| t.thread).collect()
}

#[test]
fn two_by_participants_then_padded_by_volume() {
    let mut news = Vec::new();
    thread(&mut news, 1, 1, 5, 5); // 5 people, 5 messages
    thread(&mut news, 1, 2, 4, 4);
    thread(&mut news, 1, 3, 1, 30); // one person, very busy
    thread(&mut news, 1, 4, 3, 3);
    thread(&mut news, 1, 5, 1, 20);
    thread(&mut news, 1, 6, 2, 2);
    let ranked = rank(&news, &BTreeSet::new(), &BTreeSet::new(), workspace_of);
    assert_eq!(ranked.len(), 1);
    let ws = &ranked[0];
    assert_eq!(ws.workspace_id, Some(1));
    assert!(ws.for_you.is_empty());
    assert_eq!(ids(&ws.active), [1, 2, 3, 5]);
    assert_eq!(ws.more, 2);
    assert_eq!((ws.active[0].participants, ws.active[0].messages), (5, 5));
    assert!(ws.active.iter().all(|t| t.quote.len() <= 2));
}

#[test]
fn addressed_threads_come_first_and_a_mention_is_quoted_first() {
    let mut news = Vec::new();
    thread(&mut news, 1, 1, 5, 5);
    thread(&mut news, 1, 2, 1, 1);
    thread(&mut news, 1, 3, 1, 2);
    thread(&mut news, 50, 4, 1, 1);
    thread(&mut news, 10, 5, 2, 2);
    let mentioned = BTreeSet::from([2000]);
    let took_part = BTreeSet::from([3]);
    let ranked = rank(&news, &mentioned, &took_part, workspace_of);
    let ws1 = ranked.iter().find(|r| r.workspace_id == Some(1)).unwrap();
    assert_eq!(ids(&ws1.for_you).len(), 2);
    let reasons: BTreeSet<_> = ws1.for_you.iter().map(|t| (t.thread, t.reason)).collect();
    assert_eq!(
        reasons,
        BTreeSet::from([(2, Reason::Mention), (3, Reason::Reply)])
    );
    assert_eq!(
        ws1.for_you.iter().find(|t| t.thread == 2).unwrap().quote[0],
        2000
    );
    assert_eq!(ids(&ws1.active), [1]);
    let direct = ranked.iter().find(|r| r.workspace_id.is_none()).unwrap();
    assert_eq!(direct.for_you[0].reason, Reason::Direct);
    // Workspaces with the most for the reader lead.
    assert_eq!(ranked[0].workspace_id, Some(1));
    // A channel the reader may not read is never ranked.
    let mut foreign = Vec::new();
    thread(&mut foreign, 99, 9, 3, 3);
    assert!(rank(&foreign, &BTreeSet::new(), &BTreeSet::new(), workspace_of).is_empty());
}

#[test]
fn caps_hold_per_workspace_and_in_total() {
    let mut news = Vec::new();
    let mut took_part = BTreeSet::new();
    for t in 1..=8 {
        thread(&mut news, 1, t, 2, 2);
        took_part.insert(t);
    }
    for t in 11..=30 {
        thread(&mut news, 10 + (t % 9), t, 3, 3);
    }
    for t in 31..=40 {
        thread(&mut news, 50, t, 1, 1);
    }
    for t in 41..=46 {
        thread(&mut news, 2, t, 2, 3);
    }
    let ranked = rank(&news, &BTreeSet::new(), &took_part, workspace_of);
    let shown: usize = ranked
        .iter()
        .map(|r| r.for_you.len() + r.active.len())
        .sum();
    assert_eq!(shown, TOTAL);
    for r in &ranked {
        assert!(r.for_you.len() <= FOR_YOU_PER_WORKSPACE);
        assert!(r.active.len() <= ACTIVE_PER_WORKSPACE);
    }
    let total_more: i64 = ranked.iter().map(|r| r.more).sum();
    assert_eq!(total_more, 8 + 6 + 20 + 10 - i64::try_from(TOTAL).unwrap());
}

#[test]
fn long_text_is_shortened_at_a_word() {
    assert_eq!(shorten("short", 10), "short");
    assert_eq!(shorten("one two three four", 10), "one two…");
    assert_eq!(plain("**bold** [link](https://e.test)"), "bold link");
}
