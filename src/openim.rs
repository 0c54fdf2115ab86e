//! OpenIM: every documented code, one enum per surface, and how its bodies
//! are read (`{"errCode": 1001, "errMsg": "...", "errDlt": "..."}`; 0 is
//! success).

use crate::classify::{Envelope, failed_status, resolve};
use crate::{Classification, Surface, Vendor};

include!(concat!(env!("OUT_DIR"), "/openim.rs"));

/// The surfaces whose codes an OpenIM response body carries.
pub(crate) const BODY_SURFACES: &[Surface] = &[Surface::Server];

/// Whether a generic code's body may carry a more specific code in its
/// text: yes (`errCode` 500 with a gRPC status in `errDlt` or a circuit
/// breaker's words in `errMsg`; the SDK's 10005/10006 around the real
/// code; `renderings.md` 1.9).
pub(crate) const INNER_CODES: bool = true;

/// The surfaces an SDK callback object's codes are looked up on: the SDK's
/// own, then the server's it passes through.
const CALLBACK_SURFACES: &[Surface] = &[Surface::Sdk, Surface::Server];

/// Reads an OpenIM envelope.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let code = env
        .err_code
        .take()
        .or(env.errcode.take())
        .or(env.code.take());
    if code.is_none() && !failed_status(status) {
        return Classification::success(Some(Vendor::OpenIm), Some(Surface::Server), status);
    }
    let (msg, dlt) = (env.err_msg.take_non_empty(), env.err_dlt.take_non_empty());
    // errDlt carries the detail ("header must have token"); errMsg is often
    // just the constant's name, or repeats errDlt.
    let surfaces = if env.event.0.is_some() {
        CALLBACK_SURFACES
    } else {
        BODY_SURFACES
    };
    resolve(Vendor::OpenIm, surfaces, code, status).with_message(dlt.or(msg))
}
