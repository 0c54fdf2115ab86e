//! RongCloud (融云 IM): every documented code, one enum per surface, and how
//! its Server API bodies are read: v1 `{"code": 200, ...}` /
//! `{"code": 1002, "errorMessage": "..."}`, v2 `{"code": 10000, "msg": "..."}`.
//! 200 and 10000 are success (both tables say so), and so is the 0 the
//! chatroom keep-alive answers with (server-sdk-java rewrites it to 200);
//! the code may arrive as a string.

use crate::classify::{CodeValue, Envelope, failed_status, resolve};
use crate::{Classification, Surface, Vendor};

include!(concat!(env!("OUT_DIR"), "/rongcloud.rs"));

/// The surfaces whose codes a RongCloud response body carries.
pub(crate) const BODY_SURFACES: &[Surface] = &[Surface::Server];

/// Whether a generic code's body may carry a more specific code in its
/// text: no; the references document no body that nests a code.
pub(crate) const INNER_CODES: bool = false;

/// Reads a RongCloud Server API envelope.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let code = env.code.take();
    let keepalive_ok = matches!(code, Some(CodeValue::Int(0)));
    if keepalive_ok || (code.is_none() && !failed_status(status)) {
        return Classification::success(Some(Vendor::RongCloud), Some(Surface::Server), status);
    }
    // Some APIs answer `message` or `msg` instead of `errorMessage`.
    let message = env
        .error_message
        .take_non_empty()
        .or(env.msg.take_non_empty())
        .or(env.message.take_non_empty());
    resolve(Vendor::RongCloud, BODY_SURFACES, code, status).with_message(message)
}
