//! Make instant-messaging vendors' errors actionable.
//!
//! Backends that call OpenIM, Tencent Cloud IM, Easemob (Agora Chat),
//! LeanCloud, RongCloud, NetEase Yunxin or a Matrix homeserver get an error
//! code (or an HTTP status plus an error type) and must decide, fast and
//! correctly, what to do: retry with backoff, refresh the admin token, send
//! the user back to login, fix the request, tell the user their message was
//! filtered, page the on-call. `imerr` knows every documented code of these
//! vendors: its official name, its [`Category`], whether to [`Retry`], the
//! next [`Action`], whether the failed request took [`Effect`], and a
//! remediation hint in English and Chinese.
//!
//! ```
//! use imerr::{lookup, Action, Surface, Vendor};
//!
//! // OpenIM answered {"errCode": 1501, ...}
//! let verdict = lookup(Vendor::OpenIm, Surface::Server, 1501);
//! assert!(verdict.known());
//! match verdict.matched.action() {
//!     Action::Retry | Action::SlowDown => { /* back off, then retry */ }
//!     Action::RefreshCredentials => { /* mint a new admin token, retry once */ }
//!     Action::Relogin => { /* send the user back to the login screen */ }
//!     _ => { /* log verdict.matched.hint(imerr::Lang::En) and give up */ }
//! }
//! ```
//!
//! ## A backend deciding what to do
//!
//! ```
//! use imerr::{classify_from, Action, Vendor};
//!
//! // Tencent answers business errors with HTTP 200 and the code in the body.
//! let body = br#"{"ActionStatus":"FAIL","ErrorCode":70107,"ErrorInfo":"To_Account not imported"}"#;
//! let verdict = classify_from(Vendor::Tencent, Some(200), body);
//! assert!(verdict.is_error());
//! assert_eq!(verdict.action(), Action::CreateResource); // import the account first
//!
//! // Or propagate it: ImError knows whether a retry can help.
//! let err = verdict.to_error();
//! assert!(!err.is_retryable());
//! ```
//!
//! ## A gateway enriching its logs
//!
//! ```
//! // The vendor is detected from the body's shape; typical bodies are
//! // classified without allocating.
//! let verdict = imerr::classify(Some(429), br#"{"errCode":429,"errMsg":"too many requests, please try again later","errDlt":""}"#);
//! let line = verdict.logfmt().to_string();
//! assert!(line.starts_with("vendor=openim surface=server code=429 status=429 symbol=http.StatusTooManyRequests"));
//! assert!(line.contains("category=rate_limited retry=backoff action=slow_down effect=none"));
//!
//! // Flat JSON fields for structured logs, with the vendor's message bounded
//! // to 256 bytes and stripped of control characters.
//! let json = serde_json::to_value(&verdict).unwrap();
//! assert_eq!(json["http_status"], 429);
//!
//! // The same object, byte for byte, without escaping the static parts:
//! // what `imerr classify --lines` writes per line.
//! let mut line = Vec::with_capacity(1024);
//! verdict.write_json(&mut line);
//! assert_eq!(serde_json::from_slice::<serde_json::Value>(&line).unwrap(), json);
//! ```
//!
//! ## Rendering the reference docs
//!
//! With the `docs` feature (on by default):
//!
//! ```
//! use imerr::{docs, Lang, Vendor};
//!
//! let markdown = docs::markdown(Vendor::Easemob, Lang::Zh); // docs/zh/easemob.md
//! assert!(markdown.starts_with("# Easemob 错误码"));
//! let json = docs::json(Some(Vendor::LeanCloud)); // imerr docs --format json --vendor leancloud
//! assert!(json.contains("\"SESSION_CONFLICT\""));
//! ```
//!
//! ## Retrying, and gateways
//!
//! With the `reqwest-middleware` feature, `retry::VendorRetry` retries
//! vendor calls as the tables say (HTTP 200 business errors included,
//! `Retry-After` honoured, expired credentials refreshed once through a
//! hook) and never resends a request that may have taken effect unless it is
//! idempotent or carries the vendor's dedupe key ([`dedupe`]). With the
//! `tower` feature, `gateway::ClassifyLayer` classifies every response of an
//! upstream service for a gateway. A request that got no response at all is
//! classified with [`Classification::from_transport`].
//!
//! ## Codes, surfaces, unknown codes
//!
//! Codes are keyed by (vendor, surface, code): one number can mean different
//! things on a vendor's server and in its client SDK. Each vendor module
//! ([`openim`], [`tencent`], [`easemob`], [`leancloud`], [`rongcloud`],
//! [`netease`], [`matrix`]) holds one `#[non_exhaustive]` enum per surface,
//! generated from the data files in `data/`. Each vendor is a cargo feature
//! (all on by default): a build with `default-features = false, features =
//! ["tencent"]` compiles one vendor's tables. Codes the tables do not hold are normal (vendors add codes every
//! release): [`lookup`] keeps the raw code and falls back to the vendor's
//! documented ranges, then to [`Category::Unknown`] / [`Action::Investigate`].
//!
//! Lookups use perfect-hash maps and never allocate.
//!
//! LeanCloud's IM service (also sold as TDS IM) stops on 2027-01-12; its
//! tables stay for deployments that still run it until then.

#![warn(missing_docs)]
// With no vendor compiled in (build.rs sets the cfg), the table machinery
// has nothing to serve.
#![cfg_attr(imerr_no_vendor, allow(unused))]

#[cfg(any(feature = "reqwest-middleware", feature = "tower"))]
mod body;
mod classify;
mod error;
mod fallback;
mod registry;
mod render;
pub mod scan;
mod table;
mod taxonomy;
mod text;
mod vendor;
mod verdict;

pub mod dedupe;
#[cfg(feature = "docs")]
pub mod docs;
#[cfg(feature = "easemob")]
pub mod easemob;
#[cfg(feature = "tower")]
pub mod gateway;
#[cfg(feature = "leancloud")]
pub mod leancloud;
#[cfg(feature = "matrix")]
pub mod matrix;
#[cfg(feature = "netease")]
pub mod netease;
#[cfg(feature = "openim")]
pub mod openim;
#[cfg(feature = "reqwest-middleware")]
pub mod retry;
#[cfg(feature = "rongcloud")]
pub mod rongcloud;
#[cfg(feature = "tencent")]
pub mod tencent;

pub use classify::{Headers, MAX_BODY, classify, classify_from};
pub use error::ImError;
pub use render::{Logfmt, MAX_MESSAGE, SafeMessage};
pub use table::{
    Code, Entry, Lang, Lookup, Match, Meta, Range, entries, lookup, lookup_symbol, lookup_text,
    ranges,
};
pub use taxonomy::{Action, Category, Effect, Retry};
pub use vendor::{Origin, Surface, Vendor};
pub use verdict::{Basis, Classification, MatchedBy, RawCode, Transport};

// The README's Rust examples compile and run as doctests (they show the
// retry middleware and the tower layer too: run with --all-features, as CI does).
#[cfg(all(doctest, feature = "reqwest-middleware", feature = "tower"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// A numeric code that is not in a surface's tables (returned by the
/// `TryFrom<i64>` impls of the generated enums).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("code {0} is not in the tables; use imerr::lookup for the range fallback")]
pub struct UnknownCode(pub i64);
