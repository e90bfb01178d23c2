//! Clients that do not read are dropped with the resync code, and learn it when they read.

use super::*;

/// Publishes large events to a client that reads nothing until the hub drops it, `burst` of
/// `pad` bytes at a time; returns how many.
async fn flood_until_dropped(app: &TestApp, place: &Place, burst: usize, pad: usize) -> usize {
    let latest = app
        .state
        .db
        .read(realtime_events::latest_id)
        .await
        .expect("latest");
    // Large events fill the socket buffers, then the bounded queue; nothing is read meanwhile.
    let pad = "x".repeat(pad);
    let mut published = 0;
    while app.state.hub.connection_count() > 0 {
        assert!(
            published < 20 * WS_QUEUE_EVENTS * 8,
            "still connected after {published} unread events"
        );
        for _ in 0..burst {
            published += 1;
            let event = StoredEvent::new(
                latest + published as i64,
                NewEvent {
                    data: json!({ "pad": pad }),
                    ..message_in(place, published)
                },
            )
            .expect("event");
            app.state.hub.publish(event);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    published
}

#[tokio::test]
async fn a_client_that_does_not_read_is_dropped_with_resync() {
    let app = spawn_app().await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    wait_for_connections(&app, 1).await;
    let published = flood_until_dropped(&app, &place, 32, 16 * 1024).await;
    assert!(
        published > WS_QUEUE_EVENTS,
        "dropped after only {published} events"
    );
    assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);
}

/// A client that stopped reading and comes back long after it was dropped still learns why: the
/// close frame waits behind what was already sent instead of being given up.
#[tokio::test]
async fn a_client_that_stopped_reading_gets_the_resync_code_when_it_reads_again() {
    // A short queue reaches the slow-consumer limit with a few events, and a short heartbeat
    // makes "long after" several rounds of every timer the server runs on a stream.
    let heartbeat = Duration::from_millis(300);
    let app = agora_tests::app::spawn_app_with(|c| {
        c.ws_heartbeat = heartbeat;
        c.ws_queue_events = 16;
    })
    .await;
    let world = World::build(&app).await;
    let a = world.member_a.user_id;
    let place = place(&app, &world, &[a], &[a]).await;
    let (cookie, _) = app.session_cookie(&world.member_a.email).await;
    let mut ws = connect(&app, &cookie, None).await;
    hello(&mut ws).await;
    wait_for_connections(&app, 1).await;
    // Slow enough for the server to keep up, so that the socket's buffers fill before the queue
    // does: the server is then stuck on a full socket, as with a real slow consumer.
    flood_until_dropped(&app, &place, 4, 64 * 1024).await;
    // The close frame has had its place reserved since the stream began, so no wait of the
    // server gives up on it: several heartbeats (and session checks) pass before the client reads.
    tokio::time::sleep(heartbeat * 4).await;
    assert_eq!(close_code(&mut ws).await, CLOSE_RESYNC);
}
