//! RongCloud (融云 IM): every documented code, one enum per surface, and how its bodies
//! are read (`{"code": 200|10000|..., "errorMessage"|"msg": "..."}`).

use crate::classify::{Envelope, resolve};
use crate::{Classification, Vendor};

include!(concat!(env!("OUT_DIR"), "/rongcloud.rs"));

/// Reads a RongCloud envelope.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    resolve(
        Vendor::RongCloud,
        Vendor::RongCloud.default_surface(),
        env.code.take(),
        status,
    )
}
