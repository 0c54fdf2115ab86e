//! Reading a vendor error out of text rather than a JSON envelope: SDK log
//! lines, exception and error renderings (`PlatformException(...)`,
//! `Error Domain=... Code=...`, `LCError(code: ...)`, Java
//! `toString()`s), console dumps of callback objects, protobuf text frames,
//! JSON inside any of these or encoded twice, and codes that wrap the real
//! one in their message (`shared/reference/renderings.md` lists the forms
//! and the SDK source lines behind them).
//!
//! The text is read for candidate codes and for evidence of a vendor
//! (`reading.rs`), JSON inside it by the vendors' own readers (`json.rs`),
//! and the code with the most evidence is the verdict (`decide.rs`).
//!
//! The text path may allocate (a twice-encoded body is decoded); it reads
//! at most [`MAX_TEXT`] bytes and a bounded number of candidates, so its
//! time is linear in the text.

mod decide;
mod evidence;
mod few;
mod find;
mod forms;
mod json;
mod keys;
mod pairs;
mod reading;

use crate::{Classification, Vendor};
use decide::best;
use find::contains;

pub(crate) use decide::{may_wrap, unwrap_as};
pub(crate) use find::find_bytes;

/// At most this many bytes of a text are read (64 KiB).
pub(crate) const MAX_TEXT: usize = 64 << 10;

/// How deep layers (Swift `Optional(...)`, a JSON string holding JSON) are
/// peeled.
const MAX_DEPTH: u8 = 3;

/// Reads a vendor error out of `text`; `None` when it holds none.
pub(crate) fn read<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    text: &'a str,
) -> Option<Classification<'a>> {
    read_at(vendor, status, text, 0)
}

fn read_at<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    text: &'a str,
    depth: u8,
) -> Option<Classification<'a>> {
    let text = bounded(text.trim());
    if text.is_empty() {
        return None;
    }
    if depth < MAX_DEPTH
        && let Some(inner) = peel(text)
    {
        return read_at(vendor, status, &inner, depth + 1).map(Classification::into_owned);
    }
    let found = best(vendor, status, text);
    if found.is_none() && depth < MAX_DEPTH && contains(text, "\\\"") {
        // JSON escaped inside a string (a logger's `msg` field, a logfmt
        // value): read it unescaped.
        let unescaped = unescape(text);
        return read_at(vendor, status, &unescaped, depth + 1).map(Classification::into_owned);
    }
    found
}

/// `\"` -> `"` and `\\` -> `\`, once.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(next) => out.push(next),
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The longest prefix of at most [`MAX_TEXT`] bytes that ends on a
/// character boundary.
fn bounded(text: &str) -> &str {
    if text.len() <= MAX_TEXT {
        return text;
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A layer around the text: Swift's `Optional(...)`, or a JSON string
/// literal holding the error (a body encoded twice).
fn peel(text: &str) -> Option<String> {
    if let Some(inner) = text
        .strip_prefix("Optional(")
        .and_then(|t| t.strip_suffix(')'))
    {
        return Some(inner.to_owned());
    }
    if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') {
        return serde_json::from_str::<String>(text).ok();
    }
    None
}
