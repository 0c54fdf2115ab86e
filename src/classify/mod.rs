//! Classify what a vendor sent back: an HTTP status and a response body (or a
//! realtime frame) become a [`Classification`]: vendor, surface, raw code,
//! the entry when known, category, retry, action, effect, and the vendor's
//! own message, bounded and stripped of control characters.
//!
//! The pipeline: the body's one envelope object is read in one pass into
//! [`Envelope`] (`envelope.rs`, with the tolerant field readers of
//! `tolerant.rs` and the batch-item readers of `batch.rs`); the vendor is the
//! caller's or is detected from the fields (`detect.rs`); the vendor's own
//! module reads the envelope into a verdict (`openim::read`,
//! `tencent::read`, ...). Typical bodies are classified without allocating.
//!
//! Anything, however broken, gets a verdict: a body that is not JSON (an
//! nginx error page, `404 page not found`, an empty 502) classifies from the
//! HTTP status; a body over [`MAX_BODY`] is not parsed at all. A JSON object
//! or list with none of the vendors' error fields (Easemob's and LeanCloud's
//! success bodies) is a success unless the HTTP status says the request
//! failed. Batch replies that fail item by item (Tencent `ErrorList` /
//! `ResultItem`, a LeanCloud batch list) are errors with effect `partial`.
//!
//! ```
//! use imerr::{classify, Action, Vendor};
//!
//! let body = br#"{"errCode": 1001, "errMsg": "ArgsError", "errDlt": "header must have operationID"}"#;
//! let c = classify(Some(200), body);
//! assert!(c.is_error());
//! assert_eq!(c.vendor(), Some(Vendor::OpenIm));
//! assert_eq!(c.symbol(), Some("ArgsError"));
//! assert_eq!(c.action(), Action::FixRequest);
//! assert_eq!(
//!     c.logfmt().to_string(),
//!     "vendor=openim surface=server code=1001 status=200 symbol=ArgsError known=true category=invalid_request \
//!      retry=no action=fix_request effect=none http_status=400 msg=\"header must have operationID\""
//! );
//! ```

mod batch;
mod detect;
mod envelope;
mod headers;
mod repair;
mod tolerant;

use std::borrow::Cow;

use batch::Failure;
pub(crate) use envelope::{Envelope, is_envelope_key};
pub use headers::Headers;
pub(crate) use tolerant::CodeValue;

use crate::{Classification, Surface, Transport, Vendor, lookup};
use batch::{FirstFailure, LEANCLOUD};
use envelope::parse_envelope;
use repair::repair_lone_surrogates;

/// Bodies longer than this (1 MiB) are not parsed: they get a verdict from the
/// HTTP status alone.
pub const MAX_BODY: usize = 1 << 20;

/// Classifies a response: the HTTP status when known, and the body. The
/// vendor is detected from the body's shape (`vendor()` is `None` when
/// nothing matches). Never panics, whatever the input.
pub fn classify(status: Option<u16>, body: &[u8]) -> Classification<'_> {
    classify_body(None, status, body)
}

/// Classifies a response from a vendor the caller knows: the body is read as
/// that vendor's envelope, and a body that is not JSON still gets the vendor.
///
/// ```
/// use imerr::{classify_from, Category, Vendor};
/// let c = classify_from(Vendor::Tencent, Some(502), b"<html><body>502 Bad Gateway</body></html>");
/// assert_eq!(c.vendor(), Some(Vendor::Tencent));
/// assert_eq!(c.category(), Category::Unavailable);
/// ```
pub fn classify_from(vendor: Vendor, status: Option<u16>, body: &[u8]) -> Classification<'_> {
    classify_body(Some(vendor), status, body)
}

/// Classifies a whole response for the middleware and the gateway layer: the
/// vendor when configured, else detected; then what the headers add.
#[cfg(any(feature = "reqwest-middleware", feature = "tower"))]
pub(crate) fn classify_response<H: Headers + ?Sized>(
    vendor: Option<Vendor>,
    status: u16,
    body: &[u8],
    headers: &H,
) -> Classification<'static> {
    classify_body(vendor, Some(status), body)
        .with_headers(headers)
        .into_owned()
}

fn classify_body(vendor: Option<Vendor>, status: Option<u16>, body: &[u8]) -> Classification<'_> {
    // A UTF-8 byte order mark (some proxies add one) is not part of the JSON.
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let trimmed = body.trim_ascii();
    if trimmed.len() > MAX_BODY {
        return opaque(vendor, status, trimmed);
    }
    match trimmed.first() {
        // Only an object is an envelope (serde would read a list into the
        // envelope's fields by position).
        Some(b'{') => {
            let mut env = Envelope::default();
            match parse_envelope(trimmed, &mut env) {
                Ok(()) => match vendor.or_else(|| env.detect()) {
                    Some(v) => match crate::registry::read(v, &mut env, status) {
                        // A detected vendor whose tables do not know the
                        // code: the text may say more (a logger's JSON line
                        // whose `error` is another vendor's rendering).
                        Some(c) if vendor.is_none() && c.is_error() && !c.known() => {
                            match text(vendor, status, trimmed).filter(Classification::known) {
                                Some(t) => t,
                                None => unwrap_text(c, vendor, trimmed),
                            }
                        }
                        Some(c) => unwrap_text(c, vendor, trimmed),
                        None => opaque(Some(v), status, trimmed),
                    },
                    // No vendor's fields at the top: an error nested deeper
                    // (`{"error": {"code": ...}}`, a logger's `msg` field)
                    // is text to read, when it speaks of codes or errors.
                    None => may_hold_error(trimmed)
                        .then(|| text(vendor, status, trimmed))
                        .flatten()
                        .unwrap_or_else(|| no_error_fields(None, None, status, trimmed)),
                },
                // A message cut in the middle of an emoji leaves a lone UTF-16
                // surrogate escape, which JSON parsers reject: repair it (the
                // only path that allocates) rather than lose the envelope.
                Err(e) => match repair_lone_surrogates(trimmed) {
                    Some(repaired) => classify_body(vendor, status, &repaired).into_owned(),
                    // Truncated or broken JSON still shows its fields.
                    None => text(vendor, status, trimmed)
                        .unwrap_or_else(|| cut_or_opaque(e.is_eof(), vendor, status, trimmed)),
                },
            }
        }
        Some(b'[') => match serde_json::from_slice::<FirstFailure<'_, LEANCLOUD>>(trimmed) {
            Ok(list) => batch_list(vendor, status, list.0, trimmed),
            // `[tag] ...`: a log line.
            Err(_) => {
                text(vendor, status, trimmed).unwrap_or_else(|| opaque(vendor, status, trimmed))
            }
        },
        _ => text(vendor, status, trimmed).unwrap_or_else(|| opaque(vendor, status, trimmed)),
    }
}

/// Whether a JSON object without vendor fields may still hold an error
/// deeper: a cheap look for code keys, error words and official symbols'
/// prefixes, so success bodies are not read twice.
fn may_hold_error(body: &[u8]) -> bool {
    [
        "ode\"", "ode\\\"", "rror", "xception", "essage\"", "ERR_", "M_", "RC_", "NIM",
    ]
    .iter()
    .any(|w| crate::text::find_bytes(body, w.as_bytes()).is_some())
}

/// The body read as text (a log line, an SDK rendering), when it is text
/// and holds a vendor error.
fn text(vendor: Option<Vendor>, status: Option<u16>, body: &[u8]) -> Option<Classification<'_>> {
    crate::text::read(vendor, status, std::str::from_utf8(body).ok()?)
}

/// A generic code whose message carries the real one (see
/// [`crate::text::unwrap_as`]), for a body that is text.
fn unwrap_text<'a>(
    c: Classification<'a>,
    vendor: Option<Vendor>,
    body: &'a [u8],
) -> Classification<'a> {
    let Some(v) = crate::text::may_wrap(&c, vendor) else {
        return c;
    };
    match std::str::from_utf8(body) {
        Ok(text) => crate::text::unwrap_as(c, v, text),
        Err(_) => c,
    }
}

/// The verdict on a JSON object found inside text, when it is a vendor's
/// envelope (the vendor given, or detected from its fields); `None` for
/// any other JSON, or none at all.
pub(crate) fn read_json<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    json: &'a str,
) -> Option<(Classification<'a>, bool)> {
    let mut env = Envelope::default();
    parse_envelope(json.as_bytes(), &mut env).ok()?;
    let (v, specific) = match vendor {
        Some(v) => (v, true),
        None => env.detect_how()?,
    };
    // A guessed vendor whose codes are numbers, for a code that is a word
    // (`"code": "ECONNRESET"` in a Node error): not a vendor's envelope.
    if !specific && env.code.as_ref().is_some_and(|c| c.number().is_none()) {
        return None;
    }
    let c = crate::registry::read(v, &mut env, status)?;
    // A guess whose tables do not know the code is no evidence at all (a
    // logger's `{"error": "dial tcp ..."}` is not Easemob's).
    if !specific && c.is_error() && !c.known() {
        return None;
    }
    Some((c, specific))
}

/// Whether the HTTP status alone says the request failed.
pub(crate) fn failed_status(status: Option<u16>) -> bool {
    status.is_some_and(|s| s >= 400)
}

/// A JSON body with none of the error fields: a success body (Easemob and
/// LeanCloud success bodies carry nothing vendor-specific), unless the HTTP
/// status says the request failed.
fn no_error_fields(
    vendor: Option<Vendor>,
    surface: Option<Surface>,
    status: Option<u16>,
    body: &[u8],
) -> Classification<'_> {
    if failed_status(status) {
        opaque(vendor, status, body)
    } else {
        Classification::success(vendor, surface, status)
    }
}

/// A top-level JSON list: a LeanCloud batch reply (`[{"success": {...}},
/// {"error": {"code": 1, "error": "..."}}]`, HTTP 200 overall) fails with its
/// first failed item.
fn batch_list<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    failure: Option<Failure<'a>>,
    body: &'a [u8],
) -> Classification<'a> {
    match (vendor, failure) {
        (None | Some(Vendor::LeanCloud), Some(f)) => {
            resolve(Vendor::LeanCloud, &[Surface::Rest], f.code, status)
                .into_partial()
                .with_message(f.info)
        }
        (Some(Vendor::LeanCloud), None) => {
            no_error_fields(vendor, Some(Surface::Rest), status, body)
        }
        _ => no_error_fields(vendor, vendor.map(Vendor::default_surface), status, body),
    }
}

/// A JSON body that ends before it closes, under a success status (or
/// none): the transfer was cut, and the request may have been applied
/// (effect `unknown`, retry `backoff`: resend only what is safe to). Any
/// other broken body is [`opaque`].
fn cut_or_opaque(
    ends_early: bool,
    vendor: Option<Vendor>,
    status: Option<u16>,
    body: &[u8],
) -> Classification<'_> {
    if ends_early && status.is_none_or(|s| (200..300).contains(&s)) {
        Classification::from_transport(vendor, status, Transport::Interrupted)
    } else {
        opaque(vendor, status, body)
    }
}

/// A body that is not a vendor envelope: the HTTP status decides.
pub(crate) fn opaque(
    vendor: Option<Vendor>,
    status: Option<u16>,
    body: &[u8],
) -> Classification<'_> {
    let surface = vendor.map(Vendor::default_surface);
    match status {
        Some(s) if (200..300).contains(&s) && body.is_empty() => {
            Classification::success(vendor, surface, status)
        }
        _ => {
            // Plain-text errors ("404 page not found") are worth logging;
            // HTML pages and binary are not.
            let text = std::str::from_utf8(body)
                .ok()
                .filter(|t| body.len() <= MAX_BODY && !t.starts_with('<') && !t.is_empty());
            Classification::from_status(vendor, surface, status)
                .with_message(text.map(Cow::Borrowed))
        }
    }
}

/// The verdict on a code read from an envelope: looked up on the first of
/// `surfaces` whose table knows it (else on the first, whose ranges may
/// still say something). A success code (category `ok`) is a success.
pub(crate) fn resolve<'a>(
    vendor: Vendor,
    surfaces: &[Surface],
    code: Option<CodeValue<'a>>,
    status: Option<u16>,
) -> Classification<'a> {
    let first = surfaces
        .first()
        .copied()
        .unwrap_or(vendor.default_surface());
    let (surface, matched) = match &code {
        Some(CodeValue::Int(n)) => surfaces
            .iter()
            .map(|&s| (s, lookup(vendor, s, *n).matched))
            .find(|(_, m)| m.known())
            .unwrap_or_else(|| (first, lookup(vendor, first, *n).matched)),
        _ => (first, crate::Match::Unknown),
    };
    if matched.category() == crate::Category::Ok {
        return Classification::success(Some(vendor), Some(surface), status);
    }
    Classification::from_match(
        Some(vendor),
        Some(surface),
        code.and_then(CodeValue::into_raw),
        status,
        matched,
    )
}
