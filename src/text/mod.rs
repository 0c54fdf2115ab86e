//! Reading a vendor error out of text rather than a JSON envelope: SDK log
//! lines, exception and error renderings (`PlatformException(...)`,
//! `Error Domain=... Code=...`, `LCError(code: ...)`, Java
//! `toString()`s), console dumps of callback objects, protobuf text frames,
//! JSON inside any of these or encoded twice, and codes that wrap the real
//! one in their message (`shared/reference/renderings.md` lists the forms
//! and the SDK source lines behind them).
//!
//! The text is read for candidate codes (after a code-like key, or in a
//! form's position: `pairs.rs`, `forms.rs`) and for evidence of a vendor (its
//! error domains, classes, SDK and envelope names: `evidence.rs`; an
//! official symbol or the fixed message of the entry; whether its tables
//! know the code). The candidate with the most evidence wins; without a
//! vendor given, a code needs evidence beyond being a number, so ordinary
//! numbers in a log line are left alone. A generic code (internal, client,
//! unknown) whose message carries a known code of the same vendor gives way
//! to it, and the verdict keeps it as `wrapped_by`.
//!
//! The text path may allocate (a twice-encoded body is decoded); it reads
//! at most [`MAX_TEXT`] bytes and a bounded number of candidates, so its
//! time is linear in the text.

mod evidence;
mod few;
mod forms;
mod pairs;

use std::borrow::Cow;

use strum::{IntoEnumIterator, VariantArray};

use crate::classify::{is_envelope_key, read_json};
use crate::{Category, Classification, Entry, Match, RawCode, Surface, Vendor, lookup};
use evidence::Evidence;
use few::Few;
use forms::Positional;
use pairs::{Pair, Value};

/// At most this many bytes of a text are read (64 KiB).
pub(crate) const MAX_TEXT: usize = 64 << 10;

/// At most this many pairs are read, and as many codes tied to vendors
/// considered.
const MAX_PAIRS: usize = 48;

/// At most this many codes are read by key or position, and as many names.
const MAX_SEEN: usize = 24;

/// How deep layers (Swift `Optional(...)`, a JSON string holding JSON) are
/// peeled.
const MAX_DEPTH: u8 = 3;

/// Keys whose value is an error code.
pub(crate) fn is_code_key(key: &str) -> bool {
    const KEYS: [&str; 12] = [
        "code",
        "errcode",
        "err_code",
        "errorcode",
        "error_code",
        "resultcode",
        "result_code",
        "rescode",
        "res_code",
        "retcode",
        "ret_code",
        "errno",
    ];
    if KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        return true;
    }
    // `nErrorCode`, `sdkErrCode`: a code key with a prefix.
    let lower = key.len() > 7 && key.len() <= 24;
    lower && {
        let tail = &key.as_bytes()[key.len().saturating_sub(9)..];
        tail.eq_ignore_ascii_case(b"errorcode") || key.to_ascii_lowercase().ends_with("errcode")
    }
}

/// Keys whose value is the error's text.
pub(crate) fn is_message_key(key: &str) -> bool {
    const KEYS: [&str; 16] = [
        "message",
        "msg",
        "errmsg",
        "err_msg",
        "errormessage",
        "error_message",
        "errormsg",
        "errorinfo",
        "desc",
        "description",
        "reason",
        "error",
        "detail",
        "errdlt",
        "errordisplay",
        "error_description",
    ];
    KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// The surfaces a client SDK reports its codes on.
fn is_client(s: Surface) -> bool {
    matches!(
        s,
        Surface::Sdk | Surface::Web | Surface::SdkV2 | Surface::SdkIosLocal | Surface::SdkWeb
    )
}

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
    if found.is_none() && depth < MAX_DEPTH && text.contains("\\\"") {
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

/// The first JSON object inside the text that is a vendor's envelope with a
/// known code (else the first envelope at all): a log line's JSON field, a
/// gateway's reply dump, an `error` that is itself an object, the REST body
/// a web SDK error carries.
fn embedded_json<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    text: &'a str,
) -> Option<Json<'a>> {
    let mut first = None;
    for (tried, (i, _)) in text.match_indices('{').enumerate() {
        if tried >= 8 {
            break;
        }
        // Strict JSON opens with a quoted key (or closes at once), and
        // closes somewhere (a truncated body is read for its pairs instead).
        let next = text[i + 1..].trim_start().as_bytes().first().copied();
        if !matches!(next, Some(b'"' | b'}')) || !text[i..].contains('}') {
            continue;
        }
        if let Some((verdict, specific)) = read_json(vendor, status, &text[i..]) {
            let found = Json {
                verdict,
                at: i,
                specific,
            };
            if found.verdict.known() || !found.verdict.is_error() {
                return Some(found);
            }
            first = first.or(Some(found));
        }
    }
    first
}

/// The text's key-value pairs rebuilt as JSON and read by the vendors' own
/// readers, when they include a key only one vendor's envelope has (a
/// console dump of `{ errCode: 1501, errMsg: '...' }`, a protobuf frame's
/// `cmd`/`op`/`code`, Easemob's `error_description`): the readers then do
/// what they do for bodies (Easemob matching, LeanCloud frames, Matrix
/// `errcode`).
fn loose_json<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    reading: &Reading<'a>,
) -> Option<Json<'a>> {
    let pairs = reading.pairs.iter().filter(|p| is_envelope_key(p.key));
    let specific = pairs
        .clone()
        .any(|p| !matches!(p.key, "code" | "message" | "error" | "msg" | "desc"));
    if !specific {
        return None;
    }
    let mut json = String::from("{");
    for p in pairs {
        if json.len() > 1 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(p.key).ok()?);
        json.push(':');
        match p.value {
            Value::Number(n) => json.push_str(itoa::Buffer::new().format(n)),
            Value::Text(t) => json.push_str(&serde_json::to_string(t).ok()?),
        }
    }
    json.push('}');
    let (verdict, specific) = read_json(vendor, status.or(reading.status), &json)?;
    if !specific {
        return None;
    }
    let at = reading.pairs.iter().map(|p| p.at).min().unwrap_or(0);
    Some(Json {
        verdict: verdict.into_owned(),
        at,
        specific,
    })
}

/// A vendor envelope found in the text, and where it starts.
#[derive(Debug, Clone)]
struct Json<'a> {
    verdict: Classification<'a>,
    at: usize,
    /// Fields only one vendor's envelope has named it (not a bare `code`).
    specific: bool,
}

/// A code found in the text, before it is tied to a vendor.
#[derive(Debug, Clone, Copy)]
enum Raw<'t> {
    Number(i64),
    Text(&'t str),
}

impl Default for Raw<'_> {
    fn default() -> Self {
        Raw::Number(0)
    }
}

/// A raw code, where it stands, and its message.
#[derive(Debug, Clone, Copy, Default)]
struct Seen<'t> {
    raw: Raw<'t>,
    at: usize,
    message: Option<&'t str>,
    /// Read after a key or in a form's position: the code the text is
    /// about, rather than one mentioned inside its message.
    primary: bool,
    /// Weak: read from a form that needs vendor evidence to count.
    weak: bool,
    /// Named by a phrase (the number was not in the text).
    phrase: Option<&'static Entry>,
    /// A number before an ordinary word (`request 10015 done`): it counts
    /// only when the tables name it.
    bare: bool,
}

/// A code tied to a vendor's entry, with its weight of evidence.
#[derive(Debug, Clone, Copy)]
struct Candidate<'t> {
    seen: Seen<'t>,
    vendor: Vendor,
    surface: Surface,
    matched: Match,
    score: u16,
    /// A symbol, a phrase or the entry's fixed message is in the text.
    named: bool,
}

impl Default for Candidate<'_> {
    fn default() -> Self {
        Candidate {
            seen: Seen::default(),
            vendor: Vendor::OpenIm,
            surface: Surface::Server,
            matched: Match::Unknown,
            score: 0,
            named: false,
        }
    }
}

/// A symbol in the text that names an entry, and where it stands.
#[derive(Debug, Clone, Copy, Default)]
struct Named {
    entry: Option<&'static Entry>,
    at: usize,
}

/// What the text says, gathered once.
struct Reading<'t> {
    text: &'t str,
    pairs: Few<Pair<'t>, MAX_PAIRS>,
    evidence: Evidence,
    seen: Few<Seen<'t>, MAX_SEEN>,
    symbols: Few<Named, MAX_SEEN>,
    client_shaped: bool,
    /// An HTTP status the text states (`httpCode: 403`, `-> 403 Forbidden`).
    status: Option<u16>,
}

/// `METHOD url -> 403 Forbidden` (Easemob's Java server SDK).
fn arrow_status(text: &str) -> Option<u16> {
    let at = text.find(" -> ")? + 4;
    let digits = text.get(at..at + 3)?;
    let follows = text
        .as_bytes()
        .get(at + 3)
        .is_none_or(|c| !c.is_ascii_digit());
    digits.parse().ok().filter(|_| follows)
}

/// Values of a code key that say there is no code.
const NO_CODE: [&str; 7] = ["null", "nil", "none", "undefined", "true", "false", "NaN"];

/// Keys whose value is an HTTP status.
fn is_status_key(key: &str) -> bool {
    [
        "status",
        "statuscode",
        "status_code",
        "httpcode",
        "http_status",
        "httpstatus",
    ]
    .iter()
    .any(|k| k.eq_ignore_ascii_case(key))
}

impl<'t> Reading<'t> {
    /// The codes and names in the text; `None` when there are none (the
    /// evidence is then not gathered at all).
    fn of(text: &'t str) -> Option<Self> {
        let mut pairs: Few<Pair<'t>, MAX_PAIRS> = Few::default();
        pairs::pairs(text, &mut pairs);
        let message = pairs
            .iter()
            .find(|p| is_message_key(p.key))
            .and_then(|p| match p.value {
                Value::Text(t) => Some(t),
                Value::Number(_) => None,
            });
        let status = pairs
            .iter()
            .find_map(|p| match p.value {
                Value::Number(n) if is_status_key(p.key) => u16::try_from(n).ok(),
                _ => None,
            })
            .or_else(|| arrow_status(text))
            .filter(|s| (100..600).contains(s));
        // Easemob's web SDK names its code `type` (`{type: 1301, message: ...}`).
        let typed = pairs
            .iter()
            .any(|p| p.key == "message" || p.key == "errorType")
            && pairs
                .iter()
                .any(|p| p.key == "type" && matches!(p.value, Value::Number(_)));
        // `Error Domain=NSURLErrorDomain Code=-1001`: the platform's code.

        // The `Code=` right after a platform's `Domain=`.
        let platform_code = pairs.as_slice().windows(2).find_map(|w| match w {
            [d, c] if d.key == "Domain"
                && c.key == "Code"
                && matches!(d.value, Value::Text(t) if evidence::PLATFORM_DOMAINS.contains(&t)) =>
            {
                match c.value {
                    Value::Number(n) => Some(n),
                    Value::Text(t) => pairs::parse_int(t.trim()),
                }
            }
            _ => None,
        });
        let mut seen: Few<Seen<'t>, MAX_SEEN> = Few::default();
        for p in pairs
            .iter()
            .filter(|p| is_code_key(p.key) || (typed && p.key == "type"))
            .filter(|p| {
                !(p.key == "Code"
                    && platform_code.is_some_and(|c| matches!(p.value, Value::Number(n) if n == c)))
            })
            .filter(|p| {
                !evidence::SUCCESS_FORMS.iter().any(|&(form, ok)| {
                    matches!(p.value, Value::Number(n) if n == ok) && text.contains(form)
                })
            })
        {
            let raw = match p.value {
                Value::Number(n) => Raw::Number(n),
                Value::Text(t) => match pairs::parse_int(t.trim()) {
                    Some(n) => Raw::Number(n),
                    // `null`, `undefined`: no code at all.
                    None if NO_CODE.iter().any(|w| t.eq_ignore_ascii_case(w)) => continue,
                    None => Raw::Text(t),
                },
            };
            seen.push(Seen {
                raw,
                at: p.at,
                message,
                primary: true,
                ..Seen::default()
            });
        }
        let mut positional: Few<Positional<'t>, MAX_SEEN> = Few::default();
        if let Some(p) = forms::platform_exception(text) {
            positional.push(p);
        }
        if let Some(p) = forms::leading_pipe(text) {
            positional.push(p);
        }
        forms::code_error(text, &mut positional);
        let mut weak: Few<Positional<'t>, MAX_SEEN> = Few::default();
        forms::after_word(text, &mut weak);
        let mut inner: Few<Positional<'t>, MAX_SEEN> = Few::default();
        forms::bracketed(text, &mut inner);
        if let Some(p) = forms::trailing(text) {
            // `发送失败：33002`: a code after an error's own words is the
            // code the text is about; elsewhere it sits inside a message.
            // `Events.DISCONNECT 31010`: a short label and a code.
            let after_words = matches!(p, Positional::Number { message: Some(m), .. }
                if m.chars().last().is_some_and(|c| !c.is_ascii()) || text.len() < 48);
            if after_words {
                weak.push(p);
            } else {
                inner.push(p);
            }
        }
        // `create room failed[10036][-3]`: MLVB appends the callback's own
        // code after the room service's; the last bracket wraps the first.
        let mut wrapper_bracket: Option<(i64, usize)> = None;
        for pair in inner.as_slice().windows(2) {
            if let [
                Positional::Number {
                    at: a,
                    code: inner_code,
                    ..
                },
                Positional::Number { at: b, code, .. },
            ] = pair
                && text[*a..*b]
                    .strip_suffix("][")
                    .is_some_and(|d| d.parse::<i64>() == Ok(*inner_code))
            {
                wrapper_bracket = Some((*code, a.saturating_sub(1)));
            }
        }
        if let Some((code, at)) = wrapper_bracket {
            seen.push(Seen {
                raw: Raw::Number(code),
                at,
                message: None,
                primary: true,
                weak: false,
                phrase: None,
                bare: false,
            });
        }
        for (list, primary, is_weak) in [
            (&positional, true, false),
            (&weak, true, true),
            (&inner, false, false),
        ] {
            for p in list.iter() {
                if let Positional::Number {
                    code,
                    message,
                    at,
                    named,
                } = *p
                {
                    // The same code at the same place, read twice.
                    if seen.iter().any(|s| s.at == at) {
                        continue;
                    }
                    // `1602 args err, ...`: a lowercase word after a number
                    // is a CodeError only when the tables say so.
                    let lowercase =
                        named.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_lowercase()));
                    seen.push(Seen {
                        raw: Raw::Number(code),
                        at,
                        message,
                        primary,
                        weak: is_weak || lowercase,
                        phrase: None,
                        bare: lowercase,
                    });
                }
            }
        }
        for v in Vendor::iter() {
            for (phrase, entry) in crate::table::phrases(v) {
                if let Some(at) = memchr::memmem::find(text.as_bytes(), phrase.as_bytes()) {
                    let raw = match entry.code() {
                        Some(crate::Code::Number(n)) => Raw::Number(n),
                        Some(crate::Code::Text(t)) => Raw::Text(t),
                        None => continue,
                    };
                    seen.push(Seen {
                        raw,
                        at,
                        message: Some(&text[at..]),
                        primary: true,
                        weak: false,
                        phrase: Some(entry),
                        bare: false,
                    });
                }
            }
        }
        let mut names: Few<Positional<'t>, MAX_SEEN> = Few::default();
        forms::symbols(text, &mut names);
        let mut symbols: Few<Named, MAX_SEEN> = Few::default();
        for p in names.iter() {
            if let Positional::Symbol { name, at } = *p {
                // One entry per vendor: the first surface that has the
                // symbol (a Matrix errcode lives on several APIs).
                let mut last: Option<Vendor> = None;
                for entry in by_symbol(name) {
                    if last != Some(entry.vendor()) {
                        symbols.push(Named {
                            entry: Some(entry),
                            at,
                        });
                    }
                    last = Some(entry.vendor());
                }
            }
        }
        if let Some((name, at)) = forms::grpc_status(text) {
            // OpenIM's table names gRPC codes `codes.<Name>`.
            let mut buf = [0u8; 40];
            if let Some(full) = prefixed(&mut buf, "codes.", name) {
                for entry in by_symbol(full) {
                    symbols.push(Named {
                        entry: Some(entry),
                        at,
                    });
                }
            }
        }
        // The platform's code, read again by position, is still the
        // platform's.
        if let Some(code) = platform_code {
            seen.retain(|s| !matches!(s.raw, Raw::Number(n) if n == code));
        }
        if seen.is_empty() && symbols.is_empty() {
            return None;
        }
        let mut evidence = Evidence::of(text);
        form_evidence(text, &pairs, &positional, &mut evidence);
        let client_shaped = typed
            || pairs.iter().any(|p| p.key == "event")
            || [
                "PlatformException(",
                "Error Domain=",
                "Exception",
                "LCError(",
                "Callback",
                "onError",
                "OnError",
                "Optional(",
                "flutter",
                "|desc:",
            ]
            .iter()
            .any(|m| text.contains(m));
        Some(Reading {
            text,
            pairs,
            evidence,
            seen,
            symbols,
            client_shaped,
            status,
        })
    }

    /// Whether a symbol, a phrase or the entry's fixed message in the text
    /// names this entry.
    fn names(&self, entry: &Entry, seen: &Seen<'_>) -> bool {
        seen.phrase.is_some_and(|p| std::ptr::eq(p, entry))
            || self
                .symbols
                .iter()
                .any(|n| n.entry.is_some_and(|e| std::ptr::eq(e, entry)))
            || entry.message().is_some_and(|m| {
                m.len() >= 6 && memchr::memmem::find(self.text.as_bytes(), m.as_bytes()).is_some()
            })
    }

    /// The vendor's surfaces in the order a code of this text is looked up
    /// on: a surface a marker named first, then client surfaces for
    /// SDK-shaped text, then the rest in the vendor's order.
    fn surfaces(&self, vendor: Vendor) -> impl Iterator<Item = Surface> + '_ {
        let named = self.evidence.surface(vendor);
        let all = vendor.surfaces();
        let client = self.client_shaped;
        named.into_iter().chain(
            all.iter()
                .copied()
                .filter(move |s| client && is_client(*s))
                .chain(
                    all.iter()
                        .copied()
                        .filter(move |s| !(client && is_client(*s))),
                )
                .filter(move |s| Some(*s) != named),
        )
    }

    /// Every (vendor, surface, entry) a seen code resolves to, scored: on
    /// the surface whose entry the text names, else the first in
    /// [`surfaces`](Self::surfaces) order that knows it, else a documented
    /// range.
    fn candidates(&self, vendors: &[Vendor]) -> Few<Candidate<'t>, MAX_PAIRS> {
        let mut out = Few::default();
        for seen in self.seen.iter() {
            for &v in vendors {
                let resolve = |s: Surface| match seen.raw {
                    Raw::Number(n) => lookup(v, s, n).matched,
                    Raw::Text(t) => {
                        crate::lookup_text(v, s, t).map_or(Match::Unknown, Match::Entry)
                    }
                };
                let mut found: Option<(Surface, Match, bool)> = None;
                for s in self.surfaces(v) {
                    let m = resolve(s);
                    let Some(e) = m.entry() else { continue };
                    let named = self.names(e, seen);
                    if found.is_none_or(|(_, _, n)| named && !n) {
                        found = Some((s, m, named));
                    }
                }
                let found = found.or_else(|| {
                    // A documented range says something too.
                    let s = self.surfaces(v).next()?;
                    let m = resolve(s);
                    m.range().map(|_| (s, m, false))
                });
                let Some((surface, matched, named)) = found else {
                    continue;
                };
                let score = self.evidence.weight(v)
                    + if matched.known() { 4 } else { 1 }
                    + if named { 8 } else { 0 }
                    + u16::from(seen.primary && !seen.weak) * 2;
                out.push(Candidate {
                    seen: *seen,
                    vendor: v,
                    surface,
                    matched,
                    score,
                    named,
                });
            }
        }
        // A symbol alone names its entry, when it is distinctive (long, or
        // in two parts at least) or the vendor is otherwise in evidence.
        for &Named { entry, at } in self.symbols.iter() {
            let Some(e) = entry else { continue };
            let symbol = e.meta().symbol();
            let distinctive = symbol.len() >= 10 || symbol.contains(['_', '.']);
            if !vendors.contains(&e.vendor())
                || !(distinctive || self.evidence.weight(e.vendor()) >= 2)
            {
                continue;
            }
            let raw = match e.code() {
                Some(crate::Code::Number(n)) => Raw::Number(n),
                Some(crate::Code::Text(t)) => Raw::Text(t),
                None => continue,
            };
            out.push(Candidate {
                seen: Seen {
                    raw,
                    at,
                    ..Seen::default()
                },
                vendor: e.vendor(),
                surface: e.surface(),
                matched: Match::Entry(e),
                score: self.evidence.weight(e.vendor()) + 4 + 8,
                named: true,
            });
        }
        out
    }
}

/// Evidence in the shape of the text rather than a name: the field layouts
/// one vendor's SDK prints (`code:6206|desc:` Tencent Flutter, `code: 1
/// desc: ` Easemob Flutter, `{code, description}` Easemob's RN and Flutter
/// maps, `{type, message}` Easemob web, `<code> <Name>Error` OpenIM's
/// `CodeError`).
fn form_evidence<const N: usize, const M: usize>(
    text: &str,
    pairs: &Few<Pair<'_>, N>,
    positional: &Few<Positional<'_>, M>,
    evidence: &mut Evidence,
) {
    let has = |k: &str| pairs.iter().any(|p| p.key == k);
    let leading_pipe = forms::leading_pipe(text).is_some() && text.ends_with("|null");
    if text.contains("|desc:")
        || (has("desc") && text.contains("code="))
        || text.contains("|msg ")
        || leading_pipe
    {
        evidence.add(Vendor::Tencent, 4);
    }
    // The web SDK's push plugin logs `code:<n>, msg:<text>`.
    if text.contains("code:") && text.contains(", msg:") {
        evidence.add(Vendor::Tencent, 3);
    }
    if has("description") || (has("desc") && text.contains(" desc: ") && text.contains("code: ")) {
        evidence.add(Vendor::Easemob, 4);
    }
    let error_text = pairs
        .iter()
        .any(|p| p.key == "error" && matches!(p.value, Value::Text(_)));
    if has("code") && error_text {
        evidence.add(Vendor::LeanCloud, 3);
    }
    let numeric_type = pairs
        .iter()
        .any(|p| p.key == "type" && matches!(p.value, Value::Number(_)));
    if numeric_type && (has("message") || has("errorType")) {
        evidence.add_surface(Vendor::Easemob, 3, Surface::Web);
    }
    let openim_name = positional.iter().any(|p| {
        matches!(p, Positional::Number { named: Some(n), .. } if n.len() > 5 && n.ends_with("Error"))
    });
    if openim_name {
        evidence.add(Vendor::OpenIm, 3);
    }
}

/// Entries whose official symbol is `name`, over every vendor and surface.
fn by_symbol(name: &str) -> impl Iterator<Item = &'static Entry> + '_ {
    Vendor::iter().flat_map(move |v| {
        v.surfaces()
            .iter()
            .filter_map(move |&s| crate::lookup_symbol(v, s, name))
    })
}

/// `prefix` and `name` joined in `buf`, when they fit.
fn prefixed<'b>(buf: &'b mut [u8], prefix: &str, name: &str) -> Option<&'b str> {
    let len = prefix.len() + name.len();
    let out = buf.get_mut(..len)?;
    out[..prefix.len()].copy_from_slice(prefix.as_bytes());
    out[prefix.len()..].copy_from_slice(name.as_bytes());
    std::str::from_utf8(out).ok()
}

/// Whether a code says only that something failed (internal, client,
/// unknown), or is a success code carrying an error in its text: either
/// way its message may carry the real code.
fn generic(m: Match) -> bool {
    matches!(
        m.category(),
        Category::Internal | Category::Client | Category::Unknown | Category::Ok
    ) || !m.known()
}

/// The candidate the text is about, as a verdict: the outermost
/// convincing code the text is about; a generic one gives way to a known,
/// specific code of the same vendor inside its message, which keeps it as
/// `wrapped_by`.
fn best<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    text: &'a str,
) -> Option<Classification<'a>> {
    let given;
    let vendors: &[Vendor] = match vendor {
        Some(v) => {
            given = [v];
            &given
        }
        None => Vendor::VARIANTS,
    };
    let reading = Reading::of(text);
    let status = status.or(reading.as_ref().and_then(|r| r.status));
    let envelope = embedded_json(vendor, status, text);
    let Some(reading) = reading else {
        return envelope.map(|j| unwrap(j.verdict, vendor, text).into_extracted());
    };
    let candidates = reading.candidates(vendors);

    // A known envelope is the strongest reading there is; an outer generic
    // code of the same vendor before it wraps it.
    // An outer specific code of the same vendor (an NSError's `Code=142`
    // whose reason quotes the app's own `{code, message}`) is what the text
    // is about; an envelope with the vendor's own fields (Easemob's REST
    // body inside a web SDK error) is the real error, whatever wraps it.
    let outer_specific = |j: &Json<'_>| {
        !j.specific
            && candidates.iter().any(|o| {
                Some(o.vendor) == j.verdict.vendor()
                    && o.seen.primary
                    && !o.seen.weak
                    && o.seen.at < j.at
                    && o.matched.known()
                    && !generic(o.matched)
                    && Some(raw_code(o.seen.raw)) != j.verdict.code().cloned()
            })
    };
    // A bare `{code, ...}` object names no vendor by its fields: it counts
    // when the text does (a marker, or a code only that vendor knows).
    let envelope_stands = |j: &Json<'_>| {
        j.specific
            || vendor.is_some()
            || j.verdict.vendor().is_some_and(|v| {
                reading.evidence.weight(v) >= 2
                    || candidates.iter().any(|c| {
                        c.vendor == v
                            && c.seen.primary
                            && convincing(c, candidates.as_slice(), &reading)
                    })
            })
    };
    if let Some(j) = envelope.as_ref().filter(|j| {
        (j.verdict.known() || !j.verdict.is_error()) && !outer_specific(j) && envelope_stands(j)
    }) {
        let c = j.verdict.clone();
        let wrapper = candidates
            .iter()
            .filter(|w| {
                Some(w.vendor) == c.vendor()
                    && w.seen.primary
                    && w.seen.at < j.at
                    && (generic(w.matched) || j.specific)
            })
            .min_by_key(|w| w.seen.at)
            .map(|w| raw_code(w.seen.raw));
        let c = on_named_surface(unwrap(c, vendor, text), &reading).into_extracted();
        return Some(match wrapper {
            Some(w) if c.wrapped_by().is_none() && c.code() != Some(&w) => c.wrapped_in(Some(w)),
            _ => c,
        });
    }
    let good: Few<Candidate<'a>, MAX_PAIRS> = {
        let mut g = Few::default();
        for c in candidates.iter() {
            if vendor.is_some() || convincing(c, candidates.as_slice(), &reading) {
                g.push(*c);
            }
        }
        g
    };
    let Some(top) = good
        .iter()
        .copied()
        .max_by_key(|c| (c.score, std::cmp::Reverse(c.seen.at)))
    else {
        // No code convinces on its own: the pairs read by the vendors' own
        // readers (cheap first: this one allocates), else a code no table
        // knows in plainly one vendor's text.
        return envelope
            .filter(|j| envelope_stands(j))
            .or_else(|| loose_json(vendor, status, &reading))
            .map(|j| j.verdict.into_extracted())
            .or_else(|| unknown_code(vendor, status, &reading));
    };
    // The outermost specific code of the top vendor wins over codes inside
    // its message; a generic one gives way to the first specific code
    // after it.
    let same = |c: &&Candidate<'_>| c.vendor == top.vendor && c.seen.primary;
    let outer = good
        .iter()
        .filter(same)
        .min_by_key(|c| (c.seen.at, std::cmp::Reverse(c.score)))
        .copied();
    let base = outer
        .filter(|o| !generic(o.matched) && o.score + 6 >= top.score)
        .unwrap_or(top);
    let (chosen, wrapper) = if generic(base.matched) {
        // The innermost real code: specific, or generic but named (OpenIM
        // 10006 inside 10005).
        let inner = good
            .iter()
            .filter(|c| {
                c.vendor == base.vendor
                    && c.seen.at > base.seen.at
                    && c.matched.known()
                    && (!generic(c.matched) || (c.named && c.matched.category() != Category::Ok))
                    && raw_code(c.seen.raw) != raw_code(base.seen.raw)
            })
            .max_by_key(|c| (c.seen.at, c.score))
            .copied();
        match inner {
            Some(i) => (i, Some(raw_code(base.seen.raw))),
            None => (base, None),
        }
    } else {
        // A generic code before it (a wrapper the text printed first).
        let before = good
            .iter()
            .filter(|c| {
                c.vendor == base.vendor
                    && c.seen.primary
                    && c.seen.at < base.seen.at
                    && generic(c.matched)
            })
            .min_by_key(|c| c.seen.at)
            .map(|c| raw_code(c.seen.raw));
        (base, before.filter(|w| *w != raw_code(base.seen.raw)))
    };
    Some(verdict(&chosen, status, wrapper))
}

/// An envelope's verdict moved to the surface the text's markers name
/// (`[RC:...]` is RongCloud's client SDK log), when the code is known there
/// or nowhere.
fn on_named_surface<'a>(c: Classification<'a>, reading: &Reading<'_>) -> Classification<'a> {
    let (Some(v), Some(RawCode::Number(n))) = (c.vendor(), c.code()) else {
        return c;
    };
    let n = *n;
    match reading.evidence.surface(v) {
        Some(s) if Some(s) != c.surface() => {
            let m = lookup(v, s, n).matched;
            if m.known() || !c.known() {
                c.on_surface(s, m)
            } else {
                c
            }
        }
        _ => c,
    }
}

/// A code no table knows, in a text that plainly is one vendor's (strong
/// evidence, or the vendor given): its verdict keeps the raw code, on the
/// surface the text points at.
fn unknown_code<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    reading: &Reading<'a>,
) -> Option<Classification<'a>> {
    let seen = reading.seen.iter().find(|s| s.primary)?;
    let v = vendor.or_else(|| {
        let best = Vendor::iter().max_by_key(|&v| reading.evidence.weight(v))?;
        (reading.evidence.weight(best) >= 3).then_some(best)
    })?;
    let surface = reading.surfaces(v).next()?;
    Some(
        Classification::from_match(
            Some(v),
            Some(surface),
            Some(raw_code(seen.raw)),
            status,
            Match::Unknown,
        )
        .with_message(seen.message.map(Cow::Borrowed))
        .into_extracted(),
    )
}

/// Whether a candidate rests on more than a number: vendor evidence, a
/// symbol, phrase or the entry's message in the text, or no other vendor
/// knowing the code.
fn convincing(c: &Candidate<'_>, all: &[Candidate<'_>], reading: &Reading<'_>) -> bool {
    if (!c.matched.known() && c.matched.range().is_none()) || (c.seen.bare && !c.named) {
        return false;
    }
    let evidence = reading.evidence.weight(c.vendor);
    if c.named || evidence >= 2 {
        return true;
    }
    // A code only one vendor's tables know, long enough not to be a
    // status, a count or a WebSocket close code.
    let distinctive = match c.seen.raw {
        Raw::Number(n) => n.unsigned_abs() >= 10_000,
        Raw::Text(_) => true,
    };
    let rivals = all
        .iter()
        .filter(|o| o.vendor != c.vendor && o.matched.known() && o.seen.at == c.seen.at)
        .count();
    rivals == 0 && distinctive && c.matched.known() && c.seen.primary
}

fn raw_code(raw: Raw<'_>) -> RawCode<'_> {
    match raw {
        Raw::Number(n) => RawCode::Number(n),
        Raw::Text(t) => RawCode::Text(Cow::Borrowed(t)),
    }
}

fn verdict<'a>(
    c: &Candidate<'a>,
    status: Option<u16>,
    wrapper: Option<RawCode<'a>>,
) -> Classification<'a> {
    if c.matched.category() == Category::Ok && wrapper.is_none() {
        return Classification::success(Some(c.vendor), Some(c.surface), status).into_extracted();
    }
    Classification::from_match(
        Some(c.vendor),
        Some(c.surface),
        Some(raw_code(c.seen.raw)),
        status,
        c.matched,
    )
    .with_message(c.seen.message.map(Cow::Borrowed))
    .into_extracted()
    .wrapped_in(wrapper)
}

/// A verdict from a JSON envelope whose code is generic: the known code of
/// the same vendor its message carries wins, and keeps the envelope's code
/// as `wrapped_by` (OpenIM `errCode` 500 with a gRPC status in `errDlt`, or
/// a circuit breaker's words in `errMsg`).
pub(crate) fn unwrap<'a>(
    c: Classification<'a>,
    vendor: Option<Vendor>,
    text: &'a str,
) -> Classification<'a> {
    let Some(v) = c.vendor().or(vendor) else {
        return c;
    };
    if !c.is_error() || !generic(c.matched()) {
        return c;
    }
    // The message, when it stands in the text as it is; else the whole
    // text (Matrix `M_BAD_STATUS` carries the inner error in `body`).
    let in_message = c.raw_message().and_then(|m| {
        memchr::memmem::find(text.as_bytes(), m.as_bytes()).map(|at| &text[at..at + m.len()])
    });
    let inner = in_message
        .and_then(|t| inner_code(&c, v, t))
        .or_else(|| inner_code(&c, v, text));
    match inner {
        Some(i) => {
            let inner = verdict(&i, c.status(), c.code().cloned());
            // The inner code named by a symbol alone: the outer message
            // still says what happened.
            if inner.raw_message().is_none() {
                inner.with_message(c.message_cow())
            } else {
                inner
            }
        }
        None => c,
    }
}

/// The known, specific code of vendor `v` that `text` names, other than the
/// verdict's own.
fn inner_code<'t>(c: &Classification<'_>, v: Vendor, text: &'t str) -> Option<Candidate<'t>> {
    let reading = Reading::of(text)?;
    reading
        .candidates(&[v])
        .iter()
        .copied()
        .filter(|i| {
            i.matched.known()
                && !generic(i.matched)
                && (i.named || (i.seen.primary && !i.seen.weak))
                && Some(&raw_code(i.seen.raw)) != c.code()
        })
        .max_by_key(|i| i.score)
}
