DROP TABLE email_bounces;
