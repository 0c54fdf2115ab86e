//! NetEase Yunxin IM (网易云信): every documented code, one enum per surface, and how its bodies
//! are read (`{"code": 200, "desc": "..."}` and V2 `{"code", "msg", "data"}`).

use crate::classify::{Envelope, resolve};
use crate::{Classification, Vendor};

include!(concat!(env!("OUT_DIR"), "/netease.rs"));

/// Reads a NetEase Yunxin IM envelope.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    resolve(
        Vendor::NetEase,
        Vendor::NetEase.default_surface(),
        env.code.take(),
        status,
    )
}
