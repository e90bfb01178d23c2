//! Replay after a reconnect, and resync when replay cannot serve.

use super::*;

#[tokio::test]
async fn a_reconnect_replays_what_was_missed_in_order_without_duplicates() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;

    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    let first = publish(&app, message_in(&place, 1)).await;
    assert_eq!(next_json(&mut ws).await["id"], cursor(&app, first.id));
    drop(ws);
    wait_for_connections(&app, 0).await;

    // Missed while away: three of A's, one of a channel A cannot read, one workspace event.
    let missed = record_all(
        &app,
        vec![
            message_in(&place, 2),
            event(
                EventKind::MessageCreated,
                Some(place.workspace),
                Some(place.hidden),
                None,
                3,
            ),
            message_in(&place, 4),
            event(
                EventKind::MembershipChanged,
                Some(place.workspace),
                None,
                None,
                5,
            ),
            message_in(&place, 6),
        ],
    )
    .await;
    for e in &missed {
        app.state.hub.publish(e.clone());
    }
    // Recorded before the reconnect but published after it: replay sends it, live must not.
    let late = record_all(&app, vec![message_in(&place, 7)])
        .await
        .remove(0);

    let mut ws = connect(&app, &cookie, Some(cursor(&app, first.id))).await;
    assert_eq!(hello(&mut ws).await, cursor(&app, first.id));
    let expected: Vec<i64> = missed
        .iter()
        .filter(|e| e.channel_id != Some(place.hidden))
        .map(|e| e.id)
        .chain([late.id])
        .map(|id| cursor(&app, id))
        .collect();
    let mut got = Vec::new();
    for _ in 0..expected.len() {
        got.push(next_json(&mut ws).await["id"].as_i64().expect("id"));
    }
    assert_eq!(
        got, expected,
        "replay in id order, without the hidden channel"
    );
    wait_for_connections(&app, 1).await;
    app.state.hub.publish(late.clone());
    let fresh = publish(&app, message_in(&place, 8)).await;
    assert_eq!(
        next_json(&mut ws).await["id"],
        cursor(&app, fresh.id),
        "the late publication of a replayed event is not sent twice"
    );
    let last = nothing_before_sentinel(&app, &mut ws, a, "a caught-up client").await;

    // Nothing missed (the sentinel was its last event): hello, then only live events.
    drop(ws);
    let mut ws = connect(&app, &cookie, Some(last)).await;
    assert_eq!(hello(&mut ws).await, last);
    nothing_before_sentinel(&app, &mut ws, a, "a client that missed nothing").await;
}

#[tokio::test]
async fn too_much_missed_unknown_or_pruned_positions_resync() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;

    let mut ws = connect(&app, &cookie, None).await;
    let start = hello(&mut ws).await;
    drop(ws);
    let many: Vec<NewEvent> = (0..=MAX_REPLAY_EVENTS as usize)
        .map(|n| message_in(&place, n))
        .collect();
    let recorded = record_all(&app, many).await;

    // One more than a replay holds.
    let mut ws = connect(&app, &cookie, Some(start)).await;
    assert_eq!(hello(&mut ws).await, start);
    let frame = next_json(&mut ws).await;
    assert_eq!(frame["type"], "resync", "{frame}");
    assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);

    // Exactly as many as a replay holds is still a replay.
    let mut ws = connect(&app, &cookie, Some(cursor(&app, recorded[0].id))).await;
    hello(&mut ws).await;
    for e in &recorded[1..] {
        assert_eq!(next_json(&mut ws).await["id"], cursor(&app, e.id));
    }
    drop(ws);

    // A position this database never gave.
    let newest = recorded.last().expect("events").id;
    for unknown in [cursor(&app, newest + 1000), 1 << 52, 1 << 60] {
        let mut ws = connect(&app, &cookie, Some(unknown)).await;
        hello(&mut ws).await;
        assert_eq!(next_json(&mut ws).await["type"], "resync");
        assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);
    }

    // Pruned: everything before now, except the newest event, which keeps ids from going back.
    let (removed, left) = app
        .state
        .db
        .write(|conn| {
            let removed =
                realtime_events::prune(conn, agora::time::now() + chrono::Duration::seconds(1))?;
            let left: Vec<i64> = agora::db::schema::events::table
                .select(agora::db::schema::events::id)
                .load(conn)?;
            Ok((removed, left))
        })
        .await
        .expect("prune");
    assert!(removed >= recorded.len() - 1, "removed {removed}");
    assert_eq!(left, vec![newest]);
    let mut ws = connect(&app, &cookie, Some(cursor(&app, recorded[10].id))).await;
    hello(&mut ws).await;
    assert_eq!(next_json(&mut ws).await["type"], "resync");
    assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);
    // From the cut on, replay works again.
    let later = record_all(&app, vec![message_in(&place, 9999)])
        .await
        .remove(0);
    let mut ws = connect(&app, &cookie, Some(cursor(&app, newest - 1))).await;
    hello(&mut ws).await;
    assert_eq!(next_json(&mut ws).await["id"], cursor(&app, newest));
    assert_eq!(next_json(&mut ws).await["id"], cursor(&app, later.id));
}
