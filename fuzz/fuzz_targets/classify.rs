//! Fuzzes `imerr::classify` and `imerr::classify_from` with arbitrary bodies
//! and statuses, and checks the invariants docs/design.md promises for every
//! verdict: it serializes to a JSON object with the documented keys (the
//! same bytes from `write_json` and from serde_json), its
//! logfmt rendering is one line, its message is bounded and has no control
//! characters, and a non-error verdict has category `ok`.
//!
//! Input layout:
//! - first byte `0x00`: no HTTP status; the rest is the body;
//! - first byte `0x01`: the next two bytes are the status (big-endian u16);
//!   the rest is the body;
//! - anything else: no HTTP status; the whole input is the body (so raw JSON
//!   files work as seeds as they are).
#![no_main]

use imerr::{Category, Classification, MAX_MESSAGE, Vendor};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/verdict.rs"]
mod verdict;

use verdict::{DESIGN_KEYS, breaks_logs};

fn split(data: &[u8]) -> (Option<u16>, &[u8]) {
    match data {
        [0, body @ ..] => (None, body),
        [1, hi, lo, body @ ..] => (Some(u16::from_be_bytes([*hi, *lo])), body),
        [1, body @ ..] => (None, body),
        body => (None, body),
    }
}

fn check(c: &Classification<'_>, status: Option<u16>) {
    // The status given, else one the text itself states (`-> 403`).
    match status {
        Some(_) => assert_eq!(c.status(), status, "status kept"),
        None => assert!(
            c.status().is_none_or(|s| (100..600).contains(&s)),
            "status {:?}",
            c.status()
        ),
    }
    if !c.is_error() {
        assert_eq!(c.category(), Category::Ok, "non-error verdict: {c:?}");
    }

    let json = serde_json::to_string(c).expect("verdict serializes");
    let mut fast = Vec::new();
    c.write_json(&mut fast);
    assert_eq!(
        String::from_utf8_lossy(&fast),
        json,
        "write_json differs from serde_json"
    );
    let value: serde_json::Value = serde_json::from_str(&json).expect("verdict reparses");
    let object = value.as_object().expect("verdict is a JSON object");
    for key in DESIGN_KEYS {
        assert!(object.contains_key(key), "key {key} missing in {json}");
    }

    if let Some(m) = c.message() {
        let m = m.to_string();
        assert!(m.len() <= MAX_MESSAGE, "message too long: {}", m.len());
        assert!(!m.chars().any(breaks_logs), "log-breaking char in {m:?}");
    }

    let line = c.logfmt().to_string();
    assert!(
        !line.contains(['\n', '\r']),
        "logfmt is more than one line: {line:?}"
    );
    assert!(
        !line.chars().any(breaks_logs),
        "log-breaking char in {line:?}"
    );

    let _ = c.to_error().to_string();
    let _ = c.hint(imerr::Lang::Zh);
}

fuzz_target!(|data: &[u8]| {
    let (status, body) = split(data);
    check(&imerr::classify(status, body), status);
    for &vendor in Vendor::ALL {
        let c = imerr::classify_from(vendor, status, body);
        assert_eq!(c.vendor(), Some(vendor));
        check(&c, status);
    }
    // The Easemob REST matcher on its own: type and description split at the
    // first NUL byte.
    if let Ok(text) = std::str::from_utf8(body) {
        let (ty, desc) = text.split_once('\0').unwrap_or((text, ""));
        if let Some(m) = imerr::easemob::match_rest(status, Some(ty), Some(desc)) {
            assert_eq!(m.entry.vendor(), Vendor::Easemob);
        }
    }
});
