//! Make instant-messaging vendors' errors actionable.
//!
//! Backends that call OpenIM, Tencent Cloud IM, Easemob or LeanCloud get an
//! error code (or an HTTP status plus an error type) and must decide, fast and
//! correctly, what to do: retry with backoff, refresh the admin token, send
//! the user back to login, fix the request, tell the user their message was
//! filtered, page the on-call. `imerr` knows every documented code of the four
//! vendors: its official name, its [`Category`], whether to [`Retry`], the
//! next [`Action`], and a remediation hint in English and Chinese.
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
//! assert!(verdict.is_error);
//! assert_eq!(verdict.action, Action::CreateResource); // import the account first
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
//! assert!(line.contains("category=rate_limited retry=backoff action=slow_down"));
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
//! ```
//! use imerr::{docs, Lang, Vendor};
//!
//! let markdown = docs::markdown(Vendor::Easemob, Lang::Zh); // docs/zh/easemob.md
//! assert!(markdown.starts_with("# Easemob 错误码"));
//! let json = docs::json(Some(Vendor::LeanCloud)); // imerr docs --format json --vendor leancloud
//! assert!(json.contains("\"SESSION_CONFLICT\""));
//! ```
//!
//! ## Codes, surfaces, unknown codes
//!
//! Codes are keyed by (vendor, surface, code): one number can mean different
//! things on a vendor's server and in its client SDK. Each vendor module
//! ([`openim`], [`tencent`], [`easemob`], [`leancloud`]) holds one
//! `#[non_exhaustive]` enum per surface, generated from the data files in
//! `data/`. Codes the tables do not hold are normal (vendors add codes every
//! release): [`lookup`] keeps the raw code and falls back to the vendor's
//! documented ranges, then to [`Category::Unknown`] / [`Action::Investigate`].
//!
//! Lookups use perfect-hash maps and never allocate.
//!
//! LeanCloud's IM service (also sold as TDS IM) stops on 2027-01-12; its
//! tables stay for deployments that still run it until then.

#![warn(missing_docs)]

mod classify;
mod code_hash;
mod entry;
mod error;
mod ids;
mod normalize;
mod taxonomy;
#[cfg(feature = "tracing")]
mod trace;

pub mod docs;
pub mod easemob;
pub mod leancloud;
pub mod matrix;
pub mod netease;
pub mod openim;
#[cfg(feature = "reqwest-retry")]
pub mod retry;
pub mod rongcloud;
pub mod tencent;

pub use classify::{
    Basis, Classification, Logfmt, MAX_BODY, MAX_MESSAGE, RawCode, SafeMessage, classify,
    classify_from,
};
pub use entry::{Code, Entry, Lang, Lookup, Match, Range};
pub use error::ImError;
pub use ids::{Origin, Surface, Vendor};
pub use taxonomy::{Action, Category, Effect, Retry};

use entry::SurfaceTable;

// The README's Rust examples compile and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// A numeric code that is not in a surface's tables (returned by the
/// `TryFrom<i64>` impls of the generated enums).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("code {0} is not in the tables; use imerr::lookup for the range fallback")]
pub struct UnknownCode(pub i64);

#[inline]
fn tables(vendor: Vendor) -> &'static [SurfaceTable] {
    match vendor {
        Vendor::OpenIm => &openim::TABLES,
        Vendor::Tencent => &tencent::TABLES,
        Vendor::Easemob => &easemob::TABLES,
        Vendor::LeanCloud => &leancloud::TABLES,
        Vendor::RongCloud => &rongcloud::TABLES,
        Vendor::NetEase => &netease::TABLES,
        Vendor::Matrix => &matrix::TABLES,
    }
}

#[inline]
fn table(vendor: Vendor, surface: Surface) -> Option<&'static SurfaceTable> {
    tables(vendor).iter().find(|t| t.surface == surface)
}

impl Vendor {
    /// The vendor's display name (`"Tencent Cloud IM"`).
    pub fn name(self) -> &'static str {
        match self {
            Vendor::OpenIm => openim::NAME,
            Vendor::Tencent => tencent::NAME,
            Vendor::Easemob => easemob::NAME,
            Vendor::LeanCloud => leancloud::NAME,
            Vendor::RongCloud => rongcloud::NAME,
            Vendor::NetEase => netease::NAME,
            Vendor::Matrix => matrix::NAME,
        }
    }

    /// The vendor's surfaces; the first is the default.
    pub fn surfaces(self) -> &'static [Surface] {
        match self {
            Vendor::OpenIm => &openim::SURFACES,
            Vendor::Tencent => &tencent::SURFACES,
            Vendor::Easemob => &easemob::SURFACES,
            Vendor::LeanCloud => &leancloud::SURFACES,
            Vendor::RongCloud => &rongcloud::SURFACES,
            Vendor::NetEase => &netease::SURFACES,
            Vendor::Matrix => &matrix::SURFACES,
        }
    }

    /// The surface a bare code belongs to: `server` for OpenIM and Tencent,
    /// `rest` for Easemob, `realtime` for LeanCloud.
    pub fn default_surface(self) -> Surface {
        self.surfaces()[0]
    }

    /// Whether `surface` is one of the vendor's surfaces.
    pub fn has_surface(self, surface: Surface) -> bool {
        self.surfaces().contains(&surface)
    }

    /// Every known entry of the vendor, surface by surface, in code order.
    pub fn entries(self) -> impl Iterator<Item = &'static Entry> {
        tables(self).iter().flat_map(|t| t.entries.iter())
    }

    /// Every documented range of the vendor.
    pub fn ranges(self) -> impl Iterator<Item = &'static Range> {
        tables(self).iter().flat_map(|t| t.ranges.iter())
    }
}

/// Every known entry of one vendor's surface (empty when the vendor has no
/// such surface).
pub fn entries(vendor: Vendor, surface: Surface) -> &'static [Entry] {
    table(vendor, surface).map_or(&[], |t| t.entries)
}

/// Looks a numeric code up on one vendor's surface: the entry when the code is
/// known, else the documented range it falls into, else unknown. Never
/// allocates. A surface the vendor does not have resolves to unknown.
///
/// ```
/// use imerr::{lookup, Category, Surface, Vendor};
///
/// let known = lookup(Vendor::Tencent, Surface::Server, 70001);
/// assert!(known.known());
///
/// let never_seen = lookup(Vendor::OpenIm, Surface::Server, 987_654_321);
/// assert!(!never_seen.known());
/// assert_eq!(never_seen.matched.category(), Category::Unknown);
/// assert_eq!(never_seen.code, 987_654_321);
/// ```
#[inline]
pub fn lookup(vendor: Vendor, surface: Surface, code: i64) -> Lookup {
    let matched = table(vendor, surface).map_or(Match::Unknown, |t| t.resolve(code));
    Lookup {
        vendor,
        surface,
        code,
        matched,
    }
}

/// Looks a textual code up on a surface whose codes are text (a Matrix
/// `errcode`, a NetEase web SDK code): the entry, or `None` for a code the
/// tables do not hold. Exact spelling; never allocates. Easemob REST errors
/// are matched on more than their type: see [`easemob::match_rest`].
///
/// ```
/// use imerr::{lookup_text, Category, Surface, Vendor};
/// let e = lookup_text(Vendor::Matrix, Surface::ClientServer, "M_LIMIT_EXCEEDED").unwrap();
/// assert_eq!(e.category, Category::RateLimited);
/// ```
pub fn lookup_text(vendor: Vendor, surface: Surface, code: &str) -> Option<&'static Entry> {
    let t = table(vendor, surface)?;
    t.by_text.get(code).map(|&i| &t.entries[usize::from(i)])
}

/// Finds an entry by its official symbol (exact spelling) on one surface.
///
/// ```
/// use imerr::{lookup_symbol, Surface, Vendor};
/// let e = lookup_symbol(Vendor::OpenIm, Surface::Server, "ArgsError").unwrap();
/// assert_eq!(e.number(), Some(1001));
/// ```
pub fn lookup_symbol(vendor: Vendor, surface: Surface, symbol: &str) -> Option<&'static Entry> {
    table(vendor, surface)?.by_symbol(symbol)
}
