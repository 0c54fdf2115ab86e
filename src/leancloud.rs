//! LeanCloud IM (also sold as TDS IM; the service stops on 2027-01-12): every
//! documented code, one enum per surface, and how its bodies are read (REST
//! `{"code": 4301, "error": "..."}`, batch lists, realtime frames
//! `{"cmd": "error", "code": ..., "reason": ...}`).

use crate::classify::{Envelope, failed_status, resolve};
use crate::{Classification, Surface, Vendor};

include!(concat!(env!("OUT_DIR"), "/leancloud.rs"));

/// The surfaces whose codes a LeanCloud REST body carries: the IM REST API
/// shares the `{code, error}` envelope, and its docs leave open whether it
/// answers with IM (4xxx) codes, so a code the REST table lacks but the
/// realtime table knows is read as the realtime one.
pub(crate) const BODY_SURFACES: &[Surface] = &[Surface::Rest, Surface::Realtime];

/// Whether a generic code's body may carry a more specific code in its
/// text: no. LeanCloud's documented wrappers (999, 9977, `-1`, `Unknow
/// Error:`) are SDK renderings, read as text; no REST or realtime body
/// nests a code (`renderings.md` 4.7).
pub(crate) const INNER_CODES: bool = false;

/// Reads a LeanCloud envelope: a realtime frame, or a REST error.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let vendor = Some(Vendor::LeanCloud);
    if let Some(cmd) = env.cmd.0.as_deref() {
        // Realtime frames: `error` always fails; an `ack` fails when it
        // carries a code, and `session` when it is `closed` with a code
        // (without one it answers the client's own close). Anything else (a
        // plain ack, `direct`, `goaway`) is not an error.
        let failed = match cmd {
            "error" => true,
            "ack" => env.code.is_some(),
            "session" => env.op.0.as_deref() == Some("closed") && env.code.is_some(),
            _ => false,
        };
        if !failed {
            return Classification::success(vendor, Some(Surface::Realtime), status);
        }
        // `reason` is mostly the code's name; `appMsg` (from the app's hook)
        // and `detail` say more.
        let message = env
            .app_msg
            .take_non_empty()
            .or(env.detail.take_non_empty())
            .or(env.reason.take_non_empty());
        return resolve(
            Vendor::LeanCloud,
            &[Surface::Realtime],
            env.code.take(),
            status,
        )
        .with_message(message);
    }
    if env.code.is_none() && !failed_status(status) {
        return Classification::success(vendor, Some(Surface::Rest), status);
    }
    resolve(Vendor::LeanCloud, BODY_SURFACES, env.code.take(), status)
        .with_message(env.error.take_non_empty())
}
