//! Matrix: every documented code, one enum per surface, and how its bodies
//! are read (`{"errcode": "M_FORBIDDEN", "error": "..."}`).

use crate::classify::{Envelope, resolve};
use crate::{Classification, Vendor};

include!(concat!(env!("OUT_DIR"), "/matrix.rs"));

/// Reads a Matrix envelope.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    resolve(
        Vendor::Matrix,
        Vendor::Matrix.default_surface(),
        env.code.take(),
        status,
    )
}
