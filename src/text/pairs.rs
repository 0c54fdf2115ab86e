//! The `key <sep> value` pairs of loosely structured text: JavaScript
//! console dumps (`{ code: 70001, message: 'expired' }`), Java `HashMap`s
//! (`{code=6206, desc=...}`), protobuf text frames (`code: 4111`),
//! `NSError` descriptions (`Domain=... Code=4111 "..."`), Tencent's Flutter
//! log strings (`code:6206|desc:...`), MLVB's `errorCode[-1] errorMsg[...]`
//! and `key=value` log fields. One pass, no allocation, bounded by the text.

use super::few::Few;
use super::keys::{is_code_key, is_message_key};

/// A value as it appears after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Value<'t> {
    /// An integer (a code, or any other number).
    Number(i64),
    /// Quoted text (quotes stripped, escapes kept), bracketed text, or the
    /// rest of a message-like field.
    Text(&'t str),
}

/// One `key <sep> value` pair.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pair<'t> {
    pub(crate) key: &'t str,
    pub(crate) value: Value<'t>,
    /// Where the value starts in the text (to tell outer from inner codes).
    pub(crate) at: usize,
}

impl Default for Pair<'_> {
    fn default() -> Self {
        Pair {
            key: "",
            value: Value::Number(0),
            at: 0,
        }
    }
}

/// Every pair in `text`, in order, as many as `out` holds.
pub(crate) fn pairs<'t, const N: usize>(text: &'t str, out: &mut Few<Pair<'t>, N>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && !out.is_full() {
        if !is_key_start(b[i]) || (i > 0 && is_key_byte(b[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_key_byte(b[i]) {
            i += 1;
        }
        let mut key = &text[start..i];
        // `"code":` in JSON-like text: the key is inside quotes.
        let quoted_key =
            start > 0 && matches!(b[start - 1], b'"' | b'\'') && b.get(i) == Some(&b[start - 1]);
        if quoted_key {
            i += 1;
        }
        key = key.trim_end_matches(['.', '-']);
        let mut j = i;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        let Some(&sep) = b.get(j) else { break };
        let value_at;
        match sep {
            // `error_description -> text` (Easemob's Java server SDK).
            b'-' if b[j..].starts_with(b"-> ") => value_at = j + 3,
            b':' | b'=' => {
                // Not `==`, `://`, `::`.
                if matches!(b.get(j + 1), Some(b'=' | b':')) || b[j..].starts_with(b":/") {
                    i = j + 1;
                    continue;
                }
                j += 1;
                while j < b.len() && matches!(b[j], b' ' | b'\t') {
                    j += 1;
                }
                value_at = j;
            }
            // `errorCode[-1]`: a value in brackets right after the key.
            b'[' if j == i => value_at = j,
            _ => {
                i = j.max(i + 1);
                continue;
            }
        }
        let (value, end) = read_value(text, value_at, is_message_key(key));
        if let Some(value) = value {
            out.push(Pair {
                key,
                value,
                at: value_at,
            });
        }
        i = end.max(value_at);
    }
}

fn is_key_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_key_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-')
}

/// The value at `at` and where it ends.
fn read_value(text: &str, at: usize, message: bool) -> (Option<Value<'_>>, usize) {
    let b = text.as_bytes();
    match b.get(at) {
        None => (None, at),
        Some(&q @ (b'"' | b'\'')) => {
            let mut j = at + 1;
            while j < b.len() && b[j] != q {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = j.min(b.len());
            (Some(Value::Text(&text[at + 1..end])), end + 1)
        }
        Some(b'[') => {
            // Balanced: MLVB nests the inner code, `errorMsg[text[70398]]`.
            let mut depth = 0usize;
            let mut j = at;
            while j < b.len() {
                match b[j] {
                    b'[' => depth += 1,
                    b']' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            let inner = &text[at + 1..j.min(b.len())];
            let value = match parse_int(inner) {
                Some(n) => Value::Number(n),
                None => Value::Text(inner),
            };
            (Some(value), j + 1)
        }
        Some(&c) if c == b'-' || c.is_ascii_digit() => {
            let mut j = at + 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let next = b.get(j).copied();
            let number_ends = next.is_none_or(|n| !n.is_ascii_alphanumeric() && n != b'.');
            match parse_int(&text[at..j]) {
                Some(n) if number_ends => (Some(Value::Number(n)), j),
                _ => word(text, at, message),
            }
        }
        Some(b'{' | b'(') => (None, at + 1),
        Some(_) => word(text, at, message),
    }
}

/// A bare value: a word, or for a message-like key the text up to the next
/// field separator.
fn word(text: &str, at: usize, message: bool) -> (Option<Value<'_>>, usize) {
    let b = text.as_bytes();
    let mut j = at;
    while j < b.len() {
        let c = b[j];
        let stop = if message {
            matches!(c, b'|' | b'}' | b'\n' | b'\r')
                || (c == b',' && next_is_key(b, j + 1))
                || (c == b' ' && next_is_key(b, j + 1) && looks_like_field(b, j + 1))
        } else {
            matches!(
                c,
                b' ' | b','
                    | b'|'
                    | b'}'
                    | b')'
                    | b']'
                    | b'\n'
                    | b'\r'
                    | b'\t'
                    | b';'
                    | b'"'
                    | b'\''
                    | b'='
            )
        };
        if stop {
            break;
        }
        j += 1;
    }
    // `failed: ErrorCode=10037`: the word is the next pair's key, not this
    // key's value.
    if !message && b.get(j) == Some(&b'=') {
        return (None, at);
    }
    let value = text[at..j].trim_end();
    if value.is_empty() {
        (None, j)
    } else {
        (Some(Value::Text(value)), j)
    }
}

/// Whether a key (`name:` or `name=`) starts after optional spaces at `j`.
fn next_is_key(b: &[u8], mut j: usize) -> bool {
    while j < b.len() && b[j] == b' ' {
        j += 1;
    }
    let start = j;
    while j < b.len() && is_key_byte(b[j]) {
        j += 1;
    }
    j > start && is_key_start(b[start]) && matches!(b.get(j), Some(b':' | b'='))
}

/// Whether the key at `j` is one of the field names that end a message in
/// `code: 1 desc: text` renderings (so `desc: user x: not found` keeps its
/// colon).
fn looks_like_field(b: &[u8], j: usize) -> bool {
    let rest = &b[j..];
    let end = rest
        .iter()
        .position(|&c| matches!(c, b':' | b'='))
        .unwrap_or(0);
    let key = std::str::from_utf8(&rest[..end]).unwrap_or("");
    is_code_key(key) || is_message_key(key)
}

/// An integer of at most 18 digits (larger ones are ids, not codes).
pub(crate) fn parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, Value<'_>)> {
        let mut v: Few<Pair<'_>, 64> = Few::default();
        pairs(text, &mut v);
        v.iter().map(|p| (p.key.to_string(), p.value)).collect()
    }

    #[test]
    fn console_hashmap_protobuf_and_log_forms() {
        assert_eq!(
            all("{ code: 70001, message: 'UserSig expired' }"),
            vec![
                ("code".into(), Value::Number(70001)),
                ("message".into(), Value::Text("UserSig expired"))
            ]
        );
        assert_eq!(
            all("{code=6206, desc=userSig is expired}"),
            vec![
                ("code".into(), Value::Number(6206)),
                ("desc".into(), Value::Text("userSig is expired"))
            ]
        );
        assert_eq!(
            all("code:6206|desc:sig expired, please login"),
            vec![
                ("code".into(), Value::Number(6206)),
                ("desc".into(), Value::Text("sig expired, please login"))
            ]
        );
        assert_eq!(
            all("code: 1 desc: user x: not found"),
            vec![
                ("code".into(), Value::Number(1)),
                ("desc".into(), Value::Text("user x: not found"))
            ]
        );
        let nserror = all(r#"Error Domain=com.LeanCloud.ErrorDomain Code=4111 "conflict""#);
        assert!(nserror.contains(&("Domain".into(), Value::Text("com.LeanCloud.ErrorDomain"))));
        assert!(nserror.contains(&("Code".into(), Value::Number(4111))));
        assert_eq!(
            all("errorCode[-1] errorMsg[room failed[70398]]"),
            vec![
                ("errorCode".into(), Value::Number(-1)),
                ("errorMsg".into(), Value::Text("room failed[70398]"))
            ]
        );
        assert_eq!(
            all(r#"{"errCode":1004,"errMsg":"RecordNotFoundError"}"#),
            vec![
                ("errCode".into(), Value::Number(1004)),
                ("errMsg".into(), Value::Text("RecordNotFoundError"))
            ]
        );
    }

    #[test]
    fn urls_ids_and_huge_numbers_are_not_codes() {
        assert!(
            !all("see https://example.com:8080/x")
                .iter()
                .any(|(k, _)| k == "https")
        );
        assert_eq!(
            all("id=1234567890123456789012"),
            vec![("id".into(), Value::Text("1234567890123456789012"))]
        );
        assert_eq!(all("v=1.5"), vec![("v".into(), Value::Text("1.5"))]);
        assert!(all("a == b").is_empty());
    }

    #[test]
    fn bounded_on_hostile_input() {
        let text = "k:1 ".repeat(10_000) + "[" + &"[".repeat(10_000);
        let mut v: Few<Pair<'_>, 32> = Few::default();
        pairs(&text, &mut v);
        assert!(v.is_full());
        let mut w: Few<Pair<'_>, 32> = Few::default();
        pairs("\"unterminated: 'x", &mut w);
    }
}
