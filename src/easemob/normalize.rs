//! Text normalization for matching Easemob REST errors, shared by the build
//! script (which normalizes the table's keys) and the library (which
//! normalizes what a server sent) so the two sides always agree.
//!
//! Both functions write into a caller-provided stack buffer: matching never
//! allocates.

/// The longest normalized message that can be matched exactly or by pattern,
/// in bytes. Longer descriptions fall back to the error type and status.
pub const MAX_MESSAGE: usize = 512;

/// The longest normalized error type, in bytes.
pub const MAX_TYPE: usize = 64;

/// Normalizes an Easemob error type: ASCII-lowercased, every character that is
/// not an ASCII letter or digit dropped, a trailing `exception` dropped, and
/// the spelling `exceeded_limit` folded into `exceed_limit`, so that
/// `Bad Request`, `BAD_REQUEST` and `bad_request` compare equal, and so do
/// `IllegalArgumentException` and `illegal_argument`. Returns `None` when the
/// result would not fit in [`MAX_TYPE`] bytes. `-` and the empty string
/// normalize to `""` (no type).
pub fn error_type<'b>(raw: &str, buf: &'b mut [u8; MAX_TYPE]) -> Option<&'b str> {
    let mut len = 0;
    if raw.len() <= MAX_TYPE {
        // Fits whatever is dropped: every byte is written (at an index below
        // the bytes read so far) and only kept ones advance, without a
        // branch per byte.
        for &b in raw.as_bytes() {
            buf[len] = b.to_ascii_lowercase();
            len += usize::from(b.is_ascii_alphanumeric());
        }
    } else {
        for b in raw.bytes().filter(u8::is_ascii_alphanumeric) {
            *buf.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        }
    }
    let mut out = &buf[..len];
    if out.len() > "exception".len() && out.ends_with(b"exception") {
        out = &out[..out.len() - "exception".len()];
    }
    if out == b"exceededlimit" {
        out = b"exceedlimit";
    }
    std::str::from_utf8(out).ok()
}

/// Normalizes an error description: surrounding whitespace trimmed, runs of
/// whitespace collapsed to one space, curly quotes made straight, the
/// full-width punctuation `。：，！（）` made ASCII, ASCII letters lowercased,
/// and trailing `.`, `!`, `,`, spaces and literal `\n` sequences dropped.
/// Returns `None` when the result would not fit in [`MAX_MESSAGE`] bytes.
pub fn message<'b>(raw: &str, buf: &'b mut [u8; MAX_MESSAGE]) -> Option<&'b str> {
    let mut len = if raw.is_ascii() {
        collapse_ascii(raw.as_bytes(), buf)?
    } else {
        collapse_chars(raw, buf)?
    };
    loop {
        let s = &buf[..len];
        if let Some(rest) = s.strip_suffix(b"\\n") {
            len = rest.len();
        } else if let Some((&last, rest)) = s.split_last() {
            if matches!(last, b'.' | b'!' | b',' | b' ') {
                len = rest.len();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    // Only whole characters were copied and only ASCII bytes trimmed.
    std::str::from_utf8(&buf[..len]).ok()
}

/// The first steps of [`message`] for ASCII text (nearly every message), a
/// byte at a time: whitespace (as `char::is_whitespace` has it in ASCII: tab
/// to carriage return, and space) collapsed, letters lowercased. Returns the
/// length written. Same result as [`collapse_chars`] on the same text.
fn collapse_ascii(raw: &[u8], buf: &mut [u8; MAX_MESSAGE]) -> Option<usize> {
    // Most messages have no whitespace to collapse (no leading space, no
    // run of spaces, no tab or newline): a lowercased copy is the result.
    if let Some(out) = buf.get_mut(..raw.len()) {
        let mut collapse = false;
        let mut after_space = true;
        for &b in raw {
            let space = b == b' ';
            collapse |= (space & after_space) | matches!(b, b'\t'..=b'\r');
            after_space = space;
        }
        // A trailing space is dropped too.
        if !collapse && !after_space {
            out.copy_from_slice(raw);
            out.make_ascii_lowercase();
            return Some(raw.len());
        }
    }
    let mut len = 0;
    let mut pending_space = false;
    for &b in raw {
        if matches!(b, b'\t'..=b'\r' | b' ') {
            pending_space = len > 0;
            continue;
        }
        if pending_space {
            *buf.get_mut(len)? = b' ';
            len += 1;
            pending_space = false;
        }
        *buf.get_mut(len)? = b.to_ascii_lowercase();
        len += 1;
    }
    Some(len)
}

/// The first steps of [`message`] for any text, a character at a time.
fn collapse_chars(raw: &str, buf: &mut [u8; MAX_MESSAGE]) -> Option<usize> {
    let mut len = 0;
    let mut pending_space = false;
    for c in raw.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{3002}' => '.',
            '\u{ff1a}' => ':',
            '\u{ff0c}' => ',',
            '\u{ff01}' => '!',
            '\u{ff08}' => '(',
            '\u{ff09}' => ')',
            c if c.is_whitespace() => {
                pending_space = len > 0;
                continue;
            }
            c => c.to_ascii_lowercase(),
        };
        if pending_space {
            *buf.get_mut(len)? = b' ';
            len += 1;
            pending_space = false;
        }
        // Most messages are ASCII: one byte, no `encode_utf8` and no
        // variable-length copy (a `memcpy` call per character otherwise).
        if c.is_ascii() {
            *buf.get_mut(len)? = c as u8;
            len += 1;
            continue;
        }
        let mut utf8 = [0u8; 4];
        let bytes = c.encode_utf8(&mut utf8).as_bytes();
        buf.get_mut(len..len + bytes.len())?.copy_from_slice(bytes);
        len += bytes.len();
    }
    Some(len)
}

/// Whether `text` matches `pattern`, where `*` in the pattern stands for any
/// run of characters (including none). Both sides are expected normalized.
/// Runs in O(len(text) * number of `*`) at worst, without allocating.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(s: &str) -> String {
        error_type(s, &mut [0; MAX_TYPE]).unwrap().to_string()
    }

    fn msg(s: &str) -> String {
        message(s, &mut [0; MAX_MESSAGE]).unwrap().to_string()
    }

    #[test]
    fn error_type_variants_fold_together() {
        assert_eq!(ty("Bad Request"), "badrequest");
        assert_eq!(ty("BAD_REQUEST"), "badrequest");
        assert_eq!(ty("IllegalArgumentException"), ty("illegal_argument"));
        assert_eq!(ty("exceeded_limit"), ty("exceed_limit"));
        assert_eq!(ty("-"), "");
        assert_eq!(ty("Exception"), "exception");
        assert!(error_type(&"a".repeat(100), &mut [0; MAX_TYPE]).is_none());
        // Both sides of the MAX_TYPE cut (the fast path reads at most that
        // many bytes; longer input that normalizes short still fits).
        let at_limit = format!("{}_{}", "a".repeat(40), "B".repeat(23));
        assert_eq!(
            ty(&at_limit),
            format!("{}{}", "a".repeat(40), "b".repeat(23))
        );
        assert_eq!(ty(&"A_".repeat(40)), "a".repeat(40));
        assert!(error_type(&"a".repeat(MAX_TYPE + 1), &mut [0; MAX_TYPE]).is_none());
    }

    #[test]
    fn message_variants_fold_together() {
        assert_eq!(
            msg("This request has reached api limit."),
            msg("This request has reached api limit")
        );
        assert_eq!(msg("  can\u{2019}t   find msg "), "can't find msg");
        assert_eq!(msg("already in group: XX\\n"), "already in group: xx");
        assert_eq!(
            msg("lifetime must be 'forever'\u{3002}"),
            "lifetime must be 'forever'"
        );
        assert_eq!(msg(""), "");
        assert!(message(&"x".repeat(MAX_MESSAGE + 1), &mut [0; MAX_MESSAGE]).is_none());
        assert_eq!(msg("超过限制！"), "超过限制");
    }

    #[test]
    fn ascii_path_agrees_with_char_path() {
        // Every string of up to 4 characters over an alphabet of letters,
        // every ASCII whitespace and near-whitespace, and the trimmed
        // punctuation.
        let alphabet = [
            'a', 'Z', ' ', '\t', '\n', '\x0b', '\x0c', '\r', '\x1c', '\x1f', '.', '!', ',', '\\',
            'n',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
            strings.dedup();
        }
        for s in &strings {
            let (mut a, mut b) = ([0; MAX_MESSAGE], [0; MAX_MESSAGE]);
            let fast = collapse_ascii(s.as_bytes(), &mut a).map(|n| a[..n].to_vec());
            let slow = collapse_chars(s, &mut b).map(|n| b[..n].to_vec());
            assert_eq!(fast, slow, "{s:?}");
        }
        let long = "x ".repeat(MAX_MESSAGE);
        assert!(collapse_ascii(long.as_bytes(), &mut [0; MAX_MESSAGE]).is_none());
        assert!(collapse_chars(&long, &mut [0; MAX_MESSAGE]).is_none());
    }

    #[test]
    fn glob() {
        assert!(glob_match(
            "users * are not members of this group",
            "users [a, b] are not members of this group"
        ));
        assert!(glob_match("limit : *", "limit : 100"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("limit : *", "limits : 100"));
        assert!(glob_match("a*b*c", "axxbyyc"));
        assert!(!glob_match("a*b*c", "axxbyy"));
    }
}
