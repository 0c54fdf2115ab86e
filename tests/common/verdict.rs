//! What `docs/design.md` promises of every verdict, written from the document (not
//! from the library) so the tests and the fuzz target check the library
//! against it. Included by `tests/common/mod.rs` and by
//! `fuzz/fuzz_targets/classify.rs`.

/// The keys of the `imerr classify` JSON object (`docs/design.md`, "The verdict (JSON)").
pub const DESIGN_KEYS: [&str; 13] = [
    "is_error",
    "vendor",
    "surface",
    "code",
    "symbol",
    "known",
    "category",
    "retry",
    "action",
    "effect",
    "http_status",
    "hint",
    "message",
];

/// Characters a log line must not carry: controls, line and paragraph
/// separators, bidirectional marks and overrides.
pub fn breaks_logs(c: char) -> bool {
    c.is_control()
        || matches!(c as u32, 0x2028 | 0x2029 | 0x202a..=0x202e | 0x2066..=0x2069 | 0x200e | 0x200f | 0x061c)
}
