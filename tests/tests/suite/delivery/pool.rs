//! The SMTP transport reuses its connections: many emails, few connections. lettre returns a
//! connection to its pool in a spawned task, so a send that starts just before that task ran
//! opens one more (and the pool closes the extra when it is full): the total stays a handful,
//! not one per email.

use std::time::Duration;

use agora::config::MailTransportConfig;
use agora_tests::app::spawn_app_with;
use agora_tests::smtp::SmtpSink;

use super::support::{email, queue, rows};

#[tokio::test]
async fn many_emails_share_a_few_pooled_connections() {
    let Some(sink) = SmtpSink::start().await else {
        return;
    };
    let url = sink.url();
    let app = spawn_app_with(move |c| {
        c.mail = MailTransportConfig::Smtp(url.into());
        c.smtp_pool_max = 2;
    })
    .await;
    let emails = (0..60)
        .map(|i| email(&format!("pool:{i}"), &format!("person{i}@mechelen.test")))
        .collect();
    queue(&app.state.db, emails, app.state.clock.now()).await;
    assert_eq!(app.drain_outbox().await, 60);
    let mails = sink.wait_for_messages(60, Duration::from_secs(20)).await;
    assert_eq!(mails.len(), 60);
    assert!(rows(&app.state.db).await.iter().all(|r| r.status == "sent"));
    let connections = sink.connections();
    assert!(
        (1..=6).contains(&connections),
        "60 emails took {connections} connections"
    );
    app.stop().await;
}
