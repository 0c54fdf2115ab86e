//! Fuzzes `imerr::scan::Scanner` with arbitrary logs: it never panics, its
//! line numbers rise and stay within the input's line count, and every
//! finding is a vendor error with a code whose message is bounded.
#![no_main]

use imerr::MAX_MESSAGE;
use imerr::scan::Scanner;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let mut last = 0;
    for found in Scanner::new(data, None) {
        let found = found.expect("reading from memory cannot fail");
        assert!(
            found.line() > last && found.line() <= lines,
            "line {}",
            found.line()
        );
        last = found.line();
        let v = found.verdict();
        assert!(
            v.is_error() && v.vendor().is_some() && v.code().is_some(),
            "{v:?}"
        );
        if let Some(m) = v.message() {
            let m = m.to_string();
            assert!(m.len() <= MAX_MESSAGE, "message too long: {}", m.len());
        }
    }
});
