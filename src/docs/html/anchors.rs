//! The stable id of each row of the page.

use std::fmt::Write;

use crate::Code;
use crate::docs::Row;

/// The stable, unique, URL-safe id of a row of the reference page
/// ([`html`](super::html)), one per [`Row`]: `<vendor>-<surface>-<code>`,
/// where `<vendor>` and `<surface>` are the serialized ids (which hold no
/// `-`) and `<code>` is
///
/// - a numeric code in decimal, with its sign: `tencent-server-70001`,
///   `tencent-server--10114`;
/// - a textual code as it is sent when it holds only ASCII letters, digits,
///   `_` and `.`: `matrix-client_server-M_FORBIDDEN`; any other byte of its
///   UTF-8 is written `-` and two lower-case hex digits (`-2d` for `-`);
/// - on Easemob REST, where one error type under one HTTP status has many
///   messages, the entry's symbol, which is unique on the surface:
///   `easemob-rest-HTTP_401_UNAUTHORIZED`, `easemob-rest-UNAUTHORIZED_TOKEN_EXPIRED`;
/// - for a range, its first and last code: `tencent-server-120001-130000`.
///
/// Ids hold only ASCII letters, digits, `_`, `.` and `-`, so they need no
/// escaping in a URL fragment or an HTML attribute.
///
/// ```
/// use imerr::{docs, Surface, Vendor, lookup};
///
/// let entry = lookup(Vendor::Tencent, Surface::Server, 70001).matched.entry().unwrap();
/// assert_eq!(docs::anchor(docs::Row::Entry(entry)), "tencent-server-70001");
/// ```
pub fn anchor(row: Row) -> String {
    match row {
        Row::Entry(e) => {
            let mut id = format!("{}-{}-", e.vendor(), e.surface());
            match e.code() {
                _ if e.vendor().matches_errors(e.surface()) => {
                    push_safe(&mut id, e.meta().symbol())
                }
                Some(Code::Number(n)) => {
                    let _ = write!(id, "{n}");
                }
                Some(Code::Text(t)) => push_safe(&mut id, t),
                None => push_safe(&mut id, e.meta().symbol()),
            }
            id
        }
        Row::Range(r) => format!("{}-{}-{}-{}", r.vendor(), r.surface(), r.first(), r.last()),
    }
}

/// Appends `text` to an id: ASCII letters, digits, `_` and `.` as they are,
/// every other byte as `-` and two hex digits.
fn push_safe(id: &mut String, text: &str) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' {
            id.push(char::from(b));
        } else {
            let _ = write!(id, "-{b:02x}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_safe_bytes_and_hex_the_rest() {
        let mut id = String::new();
        push_safe(&mut id, "ORG.MATRIX.MSC3848.ALREADY_JOINED");
        assert_eq!(id, "ORG.MATRIX.MSC3848.ALREADY_JOINED");
        let mut id = String::new();
        push_safe(&mut id, "Bad Request-请");
        assert_eq!(id, "Bad-20Request-2d-e8-af-b7");
    }
}
