//! How a verdict is written out: log-safe vendor text ([`SafeMessage`]), one
//! logfmt line ([`Logfmt`]), the flat JSON object of `docs/design.md`
//! (`Serialize` and [`Classification::write_json`](crate::Classification::write_json)),
//! and, with the `tracing` feature, fields on the current span.

mod json;
mod logfmt;
mod safe;
#[cfg(feature = "tracing")]
mod span;

pub use logfmt::Logfmt;
pub use safe::{MAX_MESSAGE, SafeMessage};
