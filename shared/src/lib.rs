//! Types shared by the Agora server, its tests and future clients.
//!
//! No IO lives here: only identifiers, error codes and the JSON shapes of the API, so that a client
//! can depend on this crate without pulling in the server.

pub mod api;
pub mod conversations;
pub mod error_code;
pub mod events;
pub mod ids;
pub mod limits;

pub use error_code::ErrorCode;
