//! The hash of the generated code index, shared by the build script (which
//! builds each surface's perfect hash with it) and the library (which probes
//! it), so the two cannot disagree.

/// One multiply and a fold: cheap, and spreads the vendors' clustered codes.
pub const fn code_hash(code: i64, seed: u64) -> u64 {
    let h = (code as u64 ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 32)
}
