//! NetEase Yunxin IM (网易云信): every documented code, one enum per surface,
//! and how its server API bodies are read: V1 `{"code": 414, "desc": "..."}`,
//! V2 `{"code": 107449, "msg": "...", "data": {...}}` (V2 answers with the
//! V2 client SDK's code space), and a V2 batch whose `failed_list` holds the
//! items that failed under `code: 200`. 200 is success.

use crate::classify::{Envelope, failed_status, resolve};
use crate::{Classification, Surface, Vendor};

include!(concat!(env!("OUT_DIR"), "/netease.rs"));

/// The surfaces whose codes a NetEase response body carries.
pub(crate) const BODY_SURFACES: &[Surface] = &[Surface::Server, Surface::ServerV2, Surface::SdkV2];

/// Whether a generic code's body may carry a more specific code in its
/// text: no; the references document no body that nests a code.
pub(crate) const INNER_CODES: bool = false;

/// A V2 body's codes: the V2 server table, then the V2 SDK code space it
/// shares.
const V2: &[Surface] = &[Surface::ServerV2, Surface::SdkV2];

/// Reads a NetEase server API envelope.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let vendor = Some(Vendor::NetEase);
    // V1 names its message `desc`; V2 `msg`, next to `data`.
    let v2 = env.desc.is_none() && (env.msg.0.is_some() || env.data.is_some());
    let surfaces = if v2 { V2 } else { &[Surface::Server][..] };
    let code = env.code.take();
    if code.is_none() && !failed_status(status) {
        return Classification::success(vendor, Some(surfaces[0]), status);
    }
    let message = env
        .desc
        .take()
        .and_then(|d| d.non_empty())
        .or(env.msg.take_non_empty());
    let c = resolve(Vendor::NetEase, surfaces, code, status).with_message(message);
    match env.data.take().and_then(|d| d.0) {
        // A V2 batch can fail item by item under `code: 200`.
        Some(item) if !c.is_error() => resolve(Vendor::NetEase, V2, item.code, status)
            .into_partial()
            .with_message(item.info),
        _ => c,
    }
}
