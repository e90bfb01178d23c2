//! Email digests for people who have not been here for a while: who is due ([`due`]), what goes
//! in, asked of [`crate::policy::digest`] ([`compose`], ranked in [`threads`]), rendered per
//! reader in their language ([`email`]), and one whole run ([`run`]) that the `digest` job
//! calls. [`next_digest`] composes one person's digest without sending it (the preview pages).

pub mod batch;
pub mod compose;
pub mod content;
pub mod due;
pub mod email;
pub mod model;
pub mod pages;
pub mod period;
pub mod run;
pub mod threads;

pub use content::Digest;
pub use due::{DueReader, due};
pub use model::RunCounts;
pub use run::{next_digest, run};
