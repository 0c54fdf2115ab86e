//! Codes that sit in a text by position rather than after a key:
//! `PlatformException(<code>, <message>, ...)` (Flutter), OpenIM's
//! `CodeError` text `<code> <Name> <detail>` (also after `Error: ` or a
//! wrapping `...: `), a code in brackets at the end of a message (`...[70398]`,
//! Tencent MLVB), grpc-go's `rpc error: code = <Name>`, and official symbols
//! anywhere (`ERR_SVR_ACCOUNT_USERSIG_EXPIRED`, `M_FORBIDDEN`).

use super::few::Few;
use super::find::find;
use super::pairs::parse_int;

/// A code read by position: a number, or a name to look up as a symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Positional<'t> {
    /// A number and the text after it (its message).
    Number {
        code: i64,
        message: Option<&'t str>,
        at: usize,
        named: Option<&'t str>,
    },
    /// A name that may be an official symbol.
    Symbol { name: &'t str, at: usize },
}

impl Default for Positional<'_> {
    fn default() -> Self {
        Positional::Symbol { name: "", at: 0 }
    }
}

/// `PlatformException(<code>, <message>, <details>, <stacktrace>)`.
pub(crate) fn platform_exception(text: &str) -> Option<Positional<'_>> {
    const HEAD: &str = "PlatformException(";
    let start = find(text, HEAD)? + HEAD.len();
    let rest = &text[start..];
    let comma = rest.find(',')?;
    let code = parse_int(rest[..comma].trim().trim_matches(['"', '\'']))?;
    let body = rest[comma + 1..].trim_start();
    // The details and stack trace usually print as `null`.
    let end = body
        .rfind(", null, null)")
        .or_else(|| body.rfind(", null)"))
        .or_else(|| body.rfind(')'))
        .unwrap_or(body.len());
    Some(Positional::Number {
        code,
        message: Some(body[..end].trim()).filter(|m| !m.is_empty()),
        at: start,
        named: None,
    })
}

/// OpenIM's `CodeError.Error()`: `<code> <msg>[ <detail>]`, at the start of
/// the text or after `Error: `, `: `, `(` or a space, where `<msg>` is the
/// code's default message, usually its constant's name. The words are
/// evidence only when the tables say they are that code's.
pub(crate) fn code_error<'t, const N: usize>(text: &'t str, out: &mut Few<Positional<'t>, N>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && !out.is_full() {
        let starts = b[i].is_ascii_digit()
            && (i == 0 || matches!(b[i - 1], b' ' | b':' | b'(' | b'"' | b'\t'));
        if !starts {
            i += 1;
            continue;
        }
        let from = i;
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        let digits = &text[from..j];
        if b.get(j) == Some(&b' ') && b.get(j + 1).is_some_and(u8::is_ascii_alphabetic) {
            let name_end = b[j + 1..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(b.len(), |p| j + 1 + p);
            if let Some(code) = parse_int(digits).filter(|_| digits.len() <= 6) {
                // Inside a quoted string (a JSON field), the message ends
                // with the string.
                let rest = &text[j + 1..];
                let message = if from > 0 && b[from - 1] == b'"' {
                    &rest[..closing_quote(rest)]
                } else {
                    rest.trim_end()
                };
                out.push(Positional::Number {
                    code,
                    message: Some(message),
                    at: from,
                    named: Some(&text[j + 1..name_end]),
                });
            }
        }
        i = j.max(i + 1);
    }
}

/// Whether `text[from..to]` is an element of a list (`["M_LIMIT_EXCEEDED",
/// ...]`): a configuration naming codes, not an error that happened.
fn list_element(text: &str, from: usize, to: usize) -> bool {
    let quotes = ['"', '\'', ' '];
    let before = text[..from].trim_end_matches(quotes).chars().next_back();
    let after = text[to..].trim_start_matches(quotes).chars().next();
    matches!(before, Some('[' | ',')) && matches!(after, Some(']' | ','))
}

/// Where the string that `s` is inside of ends: the first `"` not escaped
/// by a backslash, else the end.
fn closing_quote(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    s.len()
}

/// Codes in brackets (`[70398]`), as Tencent's MLVB appends the room
/// service's code to the message it wraps.
pub(crate) fn bracketed<'t, const N: usize>(text: &'t str, out: &mut Few<Positional<'t>, N>) {
    let mut from = 0;
    while let Some(p) = text[from..].find('[') {
        let open = from + p;
        let Some(len) = text[open + 1..].find(']') else {
            break;
        };
        let inner = &text[open + 1..open + 1 + len];
        // Right after the words it belongs to (`failed[70398]`,
        // `][-3]`); after `:` or `,` it is a JSON list of numbers.
        let attached = text[..open]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == ']');
        let code = parse_int(inner).filter(|_| attached && (3..=7).contains(&inner.len()));
        if let Some(code) = code {
            let pushed = out.push(Positional::Number {
                code,
                message: Some(text[..open].trim()),
                at: open + 1,
                named: None,
            });
            if !pushed {
                break;
            }
        }
        from = open + 1;
    }
}

/// A number right after a word that introduces one: `failed: 204,`,
/// `onError(6208, ...)`, `fail: 10010`, `error 137:`, `code 6206|`,
/// `Unknow Error: 4399`, `Optional(10009)`: the forms apps and SDKs print a
/// callback's `(code, desc)` in.
pub(crate) fn after_word<'t, const N: usize>(text: &'t str, out: &mut Few<Positional<'t>, N>) {
    const WORDS: [&str; 7] = [
        "error", "failed", "fail", "failure", "code", "err", "optional",
    ];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && !out.is_full() {
        if !b[i].is_ascii_alphabetic() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let word = &text[i..j];
        let known = WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
            || word.eq_ignore_ascii_case("onerror");
        if known {
            let mut k = j;
            // One separator, then spaces.
            if matches!(b.get(k), Some(b':' | b'=' | b'(')) {
                k += 1;
            }
            while matches!(b.get(k), Some(b' ')) {
                k += 1;
            }
            let start = k;
            if matches!(b.get(k), Some(b'-')) {
                k += 1;
            }
            while b.get(k).is_some_and(u8::is_ascii_digit) {
                k += 1;
            }
            let digits = &text[start..k];
            // A number that ends there (not `1.5`, not `404abc`).
            let ends = match b.get(k) {
                None => true,
                Some(b'.') => !b.get(k + 1).is_some_and(u8::is_ascii_digit),
                Some(c) => !c.is_ascii_alphanumeric() && *c != b'_',
            };
            if k > start
                && ends
                && let Some(code) = parse_int(digits).filter(|_| digits.len() <= 7)
            {
                let rest = text[k..].trim_start_matches([',', '|', ')', ':', ' ', '.']);
                out.push(Positional::Number {
                    code,
                    message: Some(rest.trim_end()).filter(|m| !m.is_empty()),
                    at: start,
                    named: None,
                });
            }
        }
        i = j.max(i + 1);
    }
}

/// Tencent's Flutter value callback, `<code>|<desc>|<data>`, at the start.
pub(crate) fn leading_pipe(text: &str) -> Option<Positional<'_>> {
    let (head, rest) = text.split_once('|')?;
    let code = parse_int(head.trim())?;
    let message = rest.rsplit_once('|').map_or(rest, |(m, _)| m);
    Some(Positional::Number {
        code,
        message: Some(message.trim()).filter(|m| !m.is_empty()),
        at: 0,
        named: None,
    })
}

/// A code at the very end of a message, after a colon
/// (`设置个人信息出错:40005`, Tencent's Flutter web wrapper).
pub(crate) fn trailing(text: &str) -> Option<Positional<'_>> {
    let t = text.trim_end_matches(['"', '\'', '}', ' ', ')']);
    let start = t.rfind([':', '：'])?;
    let colon_len = t[start..].chars().next().map_or(1, char::len_utf8);
    let digits = t[start + colon_len..].trim();
    let code = parse_int(digits).filter(|_| (3..=7).contains(&digits.len()))?;
    Some(Positional::Number {
        code,
        message: Some(t[..start].trim()),
        at: t.len() - digits.len(),
        named: None,
    })
}

/// grpc-go's status text, `rpc error: code = <Name> desc = <text>`: the
/// name as the symbol OpenIM's table gives gRPC codes (`codes.<Name>`).
pub(crate) fn grpc_status(text: &str) -> Option<(&str, usize)> {
    const HEAD: &str = "rpc error: code = ";
    let start = find(text, HEAD)? + HEAD.len();
    let len = text[start..]
        .bytes()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(text.len() - start);
    (len > 0).then(|| (&text[start..start + len], start))
}

/// Words that may be official symbols (see [`Word::symbol_shaped`]).
pub(crate) fn symbols<'t, const N: usize>(text: &'t str, out: &mut Few<Positional<'t>, N>) {
    for w in words(text) {
        if out.is_full() {
            break;
        }
        if w.symbol_shaped && !list_element(text, w.at, w.end) {
            out.push(Positional::Symbol {
                name: w.text,
                at: w.at,
            });
        }
    }
}

/// A word of a text that may be a code or a symbol: a letter not right
/// after a letter, digit or `_`, then letters, digits, `_` and `.`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'t> {
    /// The word, without a trailing `.` (the sentence's).
    pub(crate) text: &'t str,
    /// Where it starts in the text.
    pub(crate) at: usize,
    /// Where it ends in the text, with any trailing `.`.
    pub(crate) end: usize,
    /// Whether it has the shape of an official symbol: five bytes or more,
    /// with an `_` or `.` inside (`ERR_SVR_...`, `M_FORBIDDEN`,
    /// `codes.Unavailable`), or CamelCase with at least two capitals
    /// (`RecordNotFoundError`).
    pub(crate) symbol_shaped: bool,
}

const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;
/// `_` and `.`, which join a symbol's parts.
const JOIN: u8 = 8;

/// Each byte's class: the word scan runs over whole bodies, at one load
/// per byte.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'_' || c == b'.' {
            JOIN
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The [`Word`]s of `text`, in order.
pub(crate) fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let b = text.as_bytes();
    let class = |c: &u8| CLASS[usize::from(*c)];
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let at = i + b
                .get(i..)?
                .iter()
                .position(|c| class(c) & (UPPER | LOWER) != 0)?;
            let len = b[at..]
                .iter()
                .position(|c| class(c) == 0)
                .unwrap_or(b.len() - at);
            i = at + len;
            if at > 0 && (class(&b[at - 1]) & (UPPER | LOWER | DIGIT) != 0 || b[at - 1] == b'_') {
                continue;
            }
            let (upper, seen) = b[at..i].iter().fold((0usize, 0u8), |(upper, seen), c| {
                (upper + usize::from(class(c) == UPPER), seen | class(c))
            });
            let text = text[at..i].trim_end_matches('.');
            // A trailing `.` does not join parts.
            let joined = seen & JOIN != 0 && text.contains(['_', '.']);
            let symbol_shaped = text.len() >= 5 && (joined || (upper >= 2 && seen & LOWER != 0));
            return Some(Word {
                text,
                at,
                end: i,
                symbol_shaped,
            });
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn platform_exception_reads_code_and_message() {
        let p = platform_exception(
            "PlatformException(1004, 1004 RecordNotFoundError user not found, null, null)",
        );
        assert_eq!(
            p,
            Some(Positional::Number {
                code: 1004,
                message: Some("1004 RecordNotFoundError user not found"),
                at: 18,
                named: None
            })
        );
        assert!(platform_exception("PlatformException(abc, x)").is_none());
    }

    #[test]
    fn code_error_forms() {
        let mut v: Few<Positional<'_>, 8> = Few::default();
        code_error("Error: 10006 Internal SDK error | -> x", &mut v);
        code_error(
            "not load resource: 10004 Resource initialization incomplete",
            &mut v,
        );
        code_error("404 page not found", &mut v);
        code_error("user 12345 Alice", &mut v);
        let codes: Vec<(i64, &str)> = v
            .iter()
            .filter_map(|p| match p {
                Positional::Number {
                    code,
                    named: Some(n),
                    ..
                } => Some((*code, *n)),
                _ => None,
            })
            .collect();
        // A lowercase word is read too; the reader needs the tables to name
        // it before it counts.
        assert_eq!(
            codes,
            vec![
                (10006, "Internal"),
                (10004, "Resource"),
                (404, "page"),
                (12345, "Alice")
            ]
        );
    }

    #[test]
    fn numbers_after_words_and_pipes() {
        let mut v: Few<Positional<'_>, 8> = Few::default();
        after_word("login failed: 204, User not found", &mut v);
        after_word("V2TIMCallback onError(6208, kicked off)", &mut v);
        after_word("Login failed, code 6206|msg userSig expired", &mut v);
        after_word("(LCError error 1.)", &mut v);
        after_word("took 1.5 s, errors: 3abc, Optional(10009)", &mut v);
        let codes: Vec<i64> = v
            .iter()
            .filter_map(|p| match p {
                Positional::Number { code, .. } => Some(*code),
                _ => None,
            })
            .collect();
        assert_eq!(codes, vec![204, 6208, 6206, 1, 10009]);
        assert!(matches!(
            leading_pipe("80001|dirty words|null"),
            Some(Positional::Number {
                code: 80001,
                message: Some("dirty words"),
                ..
            })
        ));
        assert!(leading_pipe("a|b").is_none());
        assert!(matches!(
            trailing("code:0|desc:设置个人信息出错:40005"),
            Some(Positional::Number { code: 40005, .. })
        ));
        assert!(trailing("at 12:30").is_none());
    }

    #[test]
    fn brackets_grpc_and_symbols() {
        let mut v: Few<Positional<'_>, 8> = Few::default();
        bracketed(
            "初始化失败: errorCode[-1] errorMsg[account limit[70398]]",
            &mut v,
        );
        assert!(
            v.iter()
                .any(|p| matches!(p, Positional::Number { code: 70398, .. }))
        );
        assert!(
            !v.iter()
                .any(|p| matches!(p, Positional::Number { code: -1, .. }))
        );
        assert_eq!(
            grpc_status("rpc error: code = DeadlineExceeded desc = x").map(|g| g.0),
            Some("DeadlineExceeded")
        );
        let mut s: Few<Positional<'_>, 8> = Few::default();
        symbols(
            "got ERR_SVR_ACCOUNT_USERSIG_EXPIRED, M_FORBIDDEN and RecordNotFoundError, not Error",
            &mut s,
        );
        let names: Vec<&str> = s
            .iter()
            .filter_map(|p| match p {
                Positional::Symbol { name, .. } => Some(*name),
                _ => None,
            })
            .collect();
        assert_eq!(
            names,
            vec![
                "ERR_SVR_ACCOUNT_USERSIG_EXPIRED",
                "M_FORBIDDEN",
                "RecordNotFoundError"
            ]
        );
        // A list of codes is configuration, not an error.
        let mut s: Few<Positional<'_>, 8> = Few::default();
        symbols(
            r#"{"slow_down_on":["M_LIMIT_EXCEEDED", 'M_FORBIDDEN']}"#,
            &mut s,
        );
        assert!(
            s.iter()
                .all(|p| matches!(p, Positional::Symbol { name, .. } if !name.starts_with("M_")))
        );
    }
}
