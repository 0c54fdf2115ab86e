//! OpenIM: every documented code, one enum per surface, and how its bodies
//! are read (`{"errCode": 1001, "errMsg": "...", "errDlt": "..."}`; 0 is
//! success).

use crate::classify::{CodeValue, Envelope, failed_status, resolve};
use crate::{Classification, Surface, Vendor};

include!(concat!(env!("OUT_DIR"), "/openim.rs"));

/// Reads an OpenIM envelope.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let code = env.err_code.take().or(env.code.take());
    if matches!(code, Some(CodeValue::Int(0))) || (code.is_none() && !failed_status(status)) {
        return Classification::success(Some(Vendor::OpenIm), Some(Surface::Server), status);
    }
    let (msg, dlt) = (env.err_msg.take_non_empty(), env.err_dlt.take_non_empty());
    // errDlt carries the detail ("header must have token"); errMsg is often
    // just the constant's name, or repeats errDlt.
    resolve(Vendor::OpenIm, Surface::Server, code, status).with_message(dlt.or(msg))
}
