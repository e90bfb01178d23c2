//! Delivery through a real SMTP server (aiosmtpd): hard bounces and retries, the connection pool,
//! DKIM signatures checked by an independent verifier, and the real server binary killed while it
//! sends.

mod bounces;
mod crash;
mod dkim;
mod pool;
mod support;
