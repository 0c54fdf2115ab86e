//! Vendor text made safe to print in a log line.

use std::fmt;

use serde::ser::{Serialize, Serializer};

/// The vendor's message is cut to at most this many bytes (on a character
/// boundary) wherever it is printed or serialized.
pub const MAX_MESSAGE: usize = 256;

/// A vendor message made safe to print: control characters, line and
/// paragraph separators and bidirectional overrides dropped (they break or
/// spoof log lines), cut to [`MAX_MESSAGE`] bytes on a character boundary.
/// Formatting it never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SafeMessage<'m>(pub &'m str);

impl SafeMessage<'_> {
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        let mut budget = MAX_MESSAGE;
        self.0
            .chars()
            .filter(|&c| !unsafe_in_logs(c))
            .take_while(move |c| {
                let ok = c.len_utf8() <= budget;
                budget = budget.saturating_sub(c.len_utf8());
                ok
            })
    }

    /// Printable ASCII within the bound: nothing to strip or cut (the usual
    /// vendor message).
    pub(crate) fn is_plain(&self) -> bool {
        self.0.len() <= MAX_MESSAGE && !has_byte(self.0, |b| !(0x20..0x7f).contains(&b))
    }

    /// The sanitized text in a stack buffer (used where the text must be
    /// inspected before it is written, as in logfmt quoting).
    pub(crate) fn to_string_bounded(self) -> BoundedStr {
        let mut out = BoundedStr {
            buf: [0; MAX_MESSAGE],
            len: 0,
        };
        if self.is_plain() {
            out.buf[..self.0.len()].copy_from_slice(self.0.as_bytes());
            out.len = self.0.len();
            return out;
        }
        for c in self.chars() {
            let n = c.len_utf8();
            c.encode_utf8(&mut out.buf[out.len..out.len + n]);
            out.len += n;
        }
        out
    }
}

/// Characters that can break a log line or make it display something other
/// than what it holds.
fn unsafe_in_logs(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Whether any byte of `s` is `odd`. A fold rather than `any`: no early
/// exit, so it vectorizes.
pub(crate) fn has_byte(s: &str, odd: impl Fn(u8) -> bool) -> bool {
    s.bytes().fold(false, |found, b| found | odd(b))
}

impl fmt::Display for SafeMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        self.chars().try_for_each(|c| f.write_char(c))
    }
}

impl Serialize for SafeMessage<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_plain() {
            return s.serialize_str(self.0);
        }
        // One string from a stack copy: serde_json escapes a whole `&str` in
        // runs, where `collect_str` would go character by character.
        s.serialize_str(&self.to_string_bounded())
    }
}

/// Sanitized text of at most [`MAX_MESSAGE`] bytes, on the stack.
pub(crate) struct BoundedStr {
    buf: [u8; MAX_MESSAGE],
    len: usize,
}

impl std::ops::Deref for BoundedStr {
    type Target = str;
    fn deref(&self) -> &str {
        // Only whole characters were copied in.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}
