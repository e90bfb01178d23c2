//! Who receives which event, and in which order events commit.

use super::*;

/// Event ids become visible in increasing order: a transaction that records an event after a
/// slower one did waits for it, so no client can see id N+1 and then never be sent N.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_commit_in_id_order() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let db = app.state.db.clone();
    let first = message_in(&place, 1);
    let now = app.state.clock.now();
    let slow = tokio::spawn(async move {
        db.write(move |conn| {
            let event = realtime_events::record(conn, first, now)?;
            let _ = tx.send(event.id);
            std::thread::sleep(Duration::from_millis(400));
            Ok(event)
        })
        .await
    });
    let first_id = rx.await.expect("first recorded");
    let second = record_all(&app, vec![message_in(&place, 2)])
        .await
        .remove(0);
    assert!(second.id > first_id);
    let first_visible = app
        .state
        .db
        .read(move |conn| {
            Ok(agora::db::schema::events::table
                .find(first_id)
                .count()
                .get_result::<i64>(conn)?)
        })
        .await
        .expect("query");
    assert_eq!(
        first_visible, 1,
        "event {} committed while event {first_id} was still open",
        second.id
    );
    slow.await.expect("task").expect("first commits");
}

#[tokio::test]
async fn events_reach_exactly_their_audience() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let (a, b) = (world.member_a.user_id, world.member_b.user_id);
    // A reads the channel; both are workspace members; B holds no read marker.
    let place = place(&app, &world, &[a], &[a, b]).await;
    let (cookie_a, _) = app.session_cookie(&world.member_a.email).await;
    let (cookie_b, _) = app.session_cookie(&world.member_b.email).await;
    let mut ws_a = connect(&app, &cookie_a, None).await;
    let mut ws_b = connect(&app, &cookie_b, None).await;
    hello(&mut ws_a).await;
    hello(&mut ws_b).await;

    // A channel event: its readers only.
    let sent = publish(&app, message_in(&place, 1)).await;
    let got = next_json(&mut ws_a).await;
    assert_eq!(got["id"], cursor(&app, sent.id));
    assert_eq!(got["kind"], "message_created");
    assert_eq!(got["channel_id"], place.channel);
    assert_eq!(got["workspace_id"], place.workspace);
    assert_eq!(got["data"], json!({"n": 1}));

    // A channel nobody reads: nobody.
    publish(
        &app,
        event(
            EventKind::MessageCreated,
            Some(place.workspace),
            Some(place.hidden),
            None,
            2,
        ),
    )
    .await;
    // A workspace event: its members.
    let ws_event = publish(
        &app,
        event(
            EventKind::ChannelChanged,
            Some(place.workspace),
            None,
            None,
            3,
        ),
    )
    .await;
    // Both get it next: B nothing of the channel before, neither anything of the hidden one.
    assert_eq!(next_json(&mut ws_a).await["id"], cursor(&app, ws_event.id));
    let got = next_json(&mut ws_b).await;
    assert_eq!(
        got["id"],
        cursor(&app, ws_event.id),
        "a workspace member without a read marker got {got}"
    );

    // Addressed to one person: B's own read-marker sync, and A's marker in A's channel.
    let to_b = publish(&app, event(EventKind::ReadMarker, None, None, Some(b), 4)).await;
    assert_eq!(next_json(&mut ws_b).await["id"], cursor(&app, to_b.id));
    let to_a = publish(
        &app,
        event(
            EventKind::ReadMarker,
            Some(place.workspace),
            Some(place.channel),
            Some(a),
            5,
        ),
    )
    .await;
    assert_eq!(next_json(&mut ws_a).await["id"], cursor(&app, to_a.id));
    // B addressed in a channel B cannot read: nothing.
    publish(
        &app,
        event(
            EventKind::ReadMarker,
            Some(place.workspace),
            Some(place.channel),
            Some(b),
            6,
        ),
    )
    .await;
    nothing_before_sentinel(
        &app,
        &mut ws_a,
        a,
        "A, for events of others or of channels A cannot read",
    )
    .await;
    nothing_before_sentinel(
        &app,
        &mut ws_b,
        b,
        "B, for events of a channel B cannot read",
    )
    .await;

    // Member B of another organisation, outside the workspace, gets nothing of it either.
    let (cookie_admin_b, _) = app.session_cookie("admin@bohicon.test").await;
    let mut ws_admin_b = connect(&app, &cookie_admin_b, None).await;
    hello(&mut ws_admin_b).await;
    wait_for_connections(&app, 3).await;
    publish(
        &app,
        event(
            EventKind::ChannelChanged,
            Some(place.workspace),
            None,
            None,
            7,
        ),
    )
    .await;
    next_json(&mut ws_a).await;
    next_json(&mut ws_b).await;
    nothing_before_sentinel(
        &app,
        &mut ws_admin_b,
        world.admin_b.user_id,
        "someone outside the workspace",
    )
    .await;
}
