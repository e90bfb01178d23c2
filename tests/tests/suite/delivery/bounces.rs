//! A permanent refusal (5xx) is one attempt and a recorded hard bounce that digests skip; a
//! temporary one (4xx) is retried with a growing delay until it is delivered or the attempt cap
//! is reached.

use std::time::Duration;

use agora::clock::{Clock, TestClock};
use agora::config::MailTransportConfig;
use agora::mail::bounces;
use agora::mail::outbox::MAX_ATTEMPTS;
use agora_tests::app::{TestApp, spawn_app_with};
use agora_tests::personas::World;
use agora_tests::smtp::SmtpSink;
use diesel::prelude::*;

use super::support::{email, queue, row_to};

async fn app_on(sink: &SmtpSink) -> TestApp {
    let url = sink.url();
    spawn_app_with(move |c| c.mail = MailTransportConfig::Smtp(url.into())).await
}

/// How many "address refused" badges `page` shows, in whichever language.
fn badges(app: &TestApp, page: &str) -> usize {
    agora_shared::api::Language::ALL
        .iter()
        .map(|l| {
            let label =
                agora::i18n::Tr::new(app.state.i18n.clone(), *l).t("delivery-member-bounced");
            page.matches(&label).count()
        })
        .sum()
}

async fn deliverable_people(app: &TestApp) -> Vec<String> {
    app.state
        .db
        .read(|conn| {
            use agora::db::schema::users;
            Ok(users::table
                .filter(bounces::deliverable())
                .select(users::email)
                .load(conn)?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn a_permanent_refusal_is_one_attempt_and_a_hard_bounce_until_a_later_delivery() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let app = app_on(&sink).await;
    let mut world = World::build(&app).await;
    let gone = world.member_b.email.clone();
    let fine = world.member_a.email.clone();
    sink.set_refusals(&[(&gone, 550, None)]);
    let clock = TestClock::starting_now();
    queue(
        &app.state.db,
        vec![
            email("bounce:1", &gone.to_uppercase()),
            email("fine:1", &fine),
        ],
        clock.now(),
    )
    .await;

    assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 1);
    let row = row_to(&app.state.db, &gone.to_uppercase()).await;
    assert_eq!((row.status.as_str(), row.attempts), ("failed", 1));
    let bounce = app
        .state
        .db
        .read({
            let gone = gone.clone();
            move |conn| bounces::find(conn, &gone)
        })
        .await
        .unwrap()
        .expect("bounce recorded");
    assert_eq!(bounce.address, gone, "stored lower-cased");
    assert_eq!(bounce.bounces, 1);
    assert!(bounce.reason.contains("550"), "{}", bounce.reason);
    let is = |address: String| {
        let db = app.state.db.clone();
        async move {
            db.read(move |conn| bounces::is_hard_bounced(conn, &address))
                .await
                .unwrap()
        }
    };
    assert!(is(gone.clone()).await);
    assert!(!is(fine.clone()).await);
    let deliverable = deliverable_people(&app).await;
    assert!(!deliverable.contains(&gone), "{deliverable:?}");
    assert!(deliverable.contains(&fine), "{deliverable:?}");

    // The person sees why no digest arrives; the administrators of their organisation see it on
    // the members page, and nobody else.
    let (status, settings) = world.member_b.session.page("/settings/email").await;
    assert_eq!(status, 200);
    assert!(
        settings.contains("id=\"bounced-title\"") && settings.contains(&gone),
        "{settings}"
    );
    let (_, own) = world.member_a.session.page("/settings/email").await;
    assert!(!own.contains("bounced-title"), "{own}");
    let members = format!("/orgs/{}/members", world.org_b);
    let (status, page) = world.admin_b.session.page(&members).await;
    assert_eq!(status, 200);
    assert_eq!(badges(&app, &page), 1, "{page}");
    let (_, as_member) = world.member_b.session.page(&members).await;
    assert_eq!(badges(&app, &as_member), 0, "{as_member}");

    // No retry, however late it gets.
    clock.advance(chrono::Duration::days(2));
    assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 0);
    assert_eq!(
        row_to(&app.state.db, &gone.to_uppercase()).await.attempts,
        1
    );
    let mails = sink.wait_for_messages(1, Duration::from_secs(5)).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].rcpt_to, std::slice::from_ref(&fine));

    // A second refusal counts; then the mailbox accepts again and the bounce is forgotten.
    queue(&app.state.db, vec![email("bounce:2", &gone)], clock.now()).await;
    assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 0);
    let again = app
        .state
        .db
        .read({
            let gone = gone.clone();
            move |conn| bounces::find(conn, &gone)
        })
        .await
        .unwrap()
        .expect("still bounced");
    assert_eq!(
        (again.bounces, again.first_bounced_at),
        (2, bounce.first_bounced_at)
    );
    assert!(again.last_bounced_at > bounce.last_bounced_at);
    sink.set_refusals(&[]);
    queue(&app.state.db, vec![email("bounce:3", &gone)], clock.now()).await;
    assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 1);
    assert!(!is(gone.clone()).await);
    assert!(deliverable_people(&app).await.contains(&gone));
    app.stop().await;
}

#[tokio::test]
async fn a_temporary_refusal_is_retried_with_a_growing_delay_then_delivered() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let app = app_on(&sink).await;
    let to = "busy@bohicon.test";
    sink.set_refusals(&[(to, 451, Some(2))]);
    let clock = TestClock::starting_now();
    let start = clock.now();
    queue(&app.state.db, vec![email("busy:1", to)], start).await;

    assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 0);
    let first = row_to(&app.state.db, to).await;
    assert_eq!((first.status.as_str(), first.attempts), ("pending", 1));
    let first_delay = first.next_attempt_at - start;
    assert!(first_delay > chrono::Duration::zero());

    // Not due a second before the delay is over.
    clock.set(first.next_attempt_at - chrono::Duration::seconds(1));
    assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 0);
    assert_eq!(row_to(&app.state.db, to).await.attempts, 1);

    clock.set(first.next_attempt_at);
    let second_at = clock.now();
    assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 0);
    let second = row_to(&app.state.db, to).await;
    assert_eq!((second.status.as_str(), second.attempts), ("pending", 2));
    let second_delay = second.next_attempt_at - second_at;
    assert_eq!(second_delay, first_delay * 2, "the delay doubles");

    clock.set(second.next_attempt_at);
    assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 1);
    let third = row_to(&app.state.db, to).await;
    assert_eq!((third.status.as_str(), third.attempts), ("sent", 3));
    let mails = sink.wait_for_messages(1, Duration::from_secs(5)).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].rcpt_to, [to.to_string()]);
    let bounced = app
        .state
        .db
        .read(move |conn| bounces::is_hard_bounced(conn, to))
        .await
        .unwrap();
    assert!(!bounced, "a temporary refusal is no bounce");
    app.stop().await;
}

#[tokio::test]
async fn temporary_refusals_stop_at_the_attempt_cap_without_a_bounce() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let app = app_on(&sink).await;
    let to = "full@louga.test";
    sink.set_refusals(&[(to, 452, None)]);
    let clock = TestClock::starting_now();
    queue(&app.state.db, vec![email("full:1", to)], clock.now()).await;
    for attempt in 1..=MAX_ATTEMPTS {
        assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 0);
        let row = row_to(&app.state.db, to).await;
        assert_eq!(row.attempts, attempt);
        let expected = if attempt < MAX_ATTEMPTS {
            "pending"
        } else {
            "failed"
        };
        assert_eq!(row.status, expected, "after attempt {attempt}");
        clock.set(row.next_attempt_at.max(clock.now()) + chrono::Duration::seconds(1));
    }
    clock.advance(chrono::Duration::days(30));
    assert_eq!(app.state.mailer.drain(&clock).await.unwrap(), 0);
    assert_eq!(row_to(&app.state.db, to).await.attempts, MAX_ATTEMPTS);
    let bounced = app
        .state
        .db
        .read(move |conn| bounces::is_hard_bounced(conn, to))
        .await
        .unwrap();
    assert!(!bounced);
    assert!(
        sink.wait_for_messages(1, Duration::from_millis(300))
            .await
            .is_empty()
    );
    app.stop().await;
}
