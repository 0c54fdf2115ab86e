//! Matrix: every documented `errcode`, one enum per API (surface), and how a
//! homeserver's error bodies are read: `{"errcode": "M_FORBIDDEN", "error":
//! "..."}`, with `retry_after_ms` on `M_LIMIT_EXCEEDED` (the `Retry-After`
//! header wins: see [`Classification::with_headers`]), `soft_logout` on
//! `M_UNKNOWN_TOKEN`, and MSC3848's more specific code in
//! `org.matrix.msc3848.unstable.errcode`. Unstable-prefixed names servers
//! still send resolve as aliases of their stable codes.

use std::borrow::Cow;
use std::time::Duration;

use crate::classify::{CodeValue, Envelope, failed_status};
use crate::{Classification, Match, RawCode, Surface, Vendor, lookup_text};

include!(concat!(env!("OUT_DIR"), "/matrix.rs"));

/// Matrix codes are text: no numeric code is known on any surface.
pub(crate) const BODY_SURFACES: &[Surface] = &[];

/// Whether a generic code's body may carry a more specific code in its
/// text: yes (`M_BAD_STATUS` carries the upstream's error in `body`).
pub(crate) const INNER_CODES: bool = true;

/// Reads a Matrix error body, looked up on the client-server API first,
/// then the other APIs in the order of [`Vendor::surfaces`].
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let vendor = Some(Vendor::Matrix);
    let errcode = match env.errcode.take() {
        Some(CodeValue::Text(t)) => Some(t),
        Some(CodeValue::Int(n)) => Some(Cow::Owned(n.to_string())),
        _ => None,
    };
    let unstable = env.unstable_errcode.take_non_empty();
    let Some(errcode) = errcode.or_else(|| unstable.clone()) else {
        let surface = Some(Surface::ClientServer);
        return if failed_status(status) {
            Classification::from_status(vendor, surface, status)
        } else {
            Classification::success(vendor, surface, status)
        };
    };
    // The more specific unstable code, when the tables know it.
    let find = |code: &str| {
        Vendor::Matrix
            .surfaces()
            .iter()
            .find_map(|&s| lookup_text(Vendor::Matrix, s, code).map(|e| (s, e)))
    };
    // MSC3848's sub-code refines `errcode`, which the verdict keeps as the
    // code it wraps.
    let refined = unstable
        .filter(|u| *u != errcode)
        .and_then(|u| find(&u).map(|f| (u, f)));
    let (code, found, wrapper) = match refined {
        Some((u, f)) => (u, Some(f), Some(RawCode::Text(errcode))),
        None => {
            let f = find(&errcode);
            (errcode, f, None)
        }
    };
    let (surface, matched) = match found {
        Some((s, e)) => (s, Match::Entry(e)),
        None => (Surface::ClientServer, Match::Unknown),
    };
    let wait = env
        .retry_after_ms
        .take()
        .and_then(|ms| ms.number())
        .and_then(|ms| u64::try_from(ms).ok())
        .map(Duration::from_millis);
    Classification::from_match(
        vendor,
        Some(surface),
        Some(RawCode::Text(code)),
        status,
        matched,
    )
    .with_message(env.error.take_non_empty())
    .with_wait(wait)
    .with_soft_logout(env.soft_logout.0.unwrap_or(false))
    .wrapped_in(wrapper)
}
