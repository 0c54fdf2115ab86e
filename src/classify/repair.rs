//! Repair of a body that JSON parsers reject only because a message was cut
//! in the middle of an emoji.

/// Replaces every `\uXXXX` escape of an unpaired UTF-16 surrogate with
/// `\uFFFD`. `None` when there is none (nothing to repair).
pub(crate) fn repair_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    fn escape_at(b: &[u8], i: usize) -> Option<u16> {
        let hex = b.get(i..i + 6).filter(|e| e.starts_with(b"\\u"))?;
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    }
    let is_high = |u: u16| (0xD800..0xDC00).contains(&u);
    let is_low = |u: u16| (0xDC00..0xE000).contains(&u);
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            if let Some(o) = out.as_mut() {
                o.push(body[i]);
            }
            i += 1;
            continue;
        }
        let step = match escape_at(body, i) {
            Some(u) if is_high(u) && escape_at(body, i + 6).is_some_and(is_low) => 12,
            Some(u) if is_high(u) || is_low(u) => {
                let o = out.get_or_insert_with(|| body[..i].to_vec());
                o.extend_from_slice(b"\\uFFFD");
                i += 6;
                continue;
            }
            Some(_) => 6,
            None => 2,
        };
        let end = (i + step).min(body.len());
        if let Some(o) = out.as_mut() {
            o.extend_from_slice(&body[i..end]);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::repair_lone_surrogates;

    fn repaired(s: &str) -> Option<String> {
        repair_lone_surrogates(s.as_bytes()).map(|v| String::from_utf8(v).unwrap())
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(
            repaired(r#"{"m":"a\ud83d"}"#).as_deref(),
            Some(r#"{"m":"a\uFFFD"}"#)
        );
        assert_eq!(
            repaired(r#"{"m":"\ude00b"}"#).as_deref(),
            Some(r#"{"m":"\uFFFDb"}"#)
        );
        assert_eq!(
            repaired(r#"\ud83d\ud83d\ude00"#).as_deref(),
            Some(r#"\uFFFD\ud83d\ude00"#)
        );
    }

    #[test]
    fn nothing_to_repair_is_none() {
        assert_eq!(repaired(r#"{"m":"\ud83d\ude00 ok \u0041 \\u"}"#), None);
        assert_eq!(repaired(""), None);
        // A truncated escape at the end is left to the parser.
        assert_eq!(repaired(r#"{"m":"\ud8"#), None);
    }
}
