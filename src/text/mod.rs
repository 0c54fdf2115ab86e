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

use crate::classify::read_json;
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
    KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
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
    let json = embedded_json(vendor, status, text);
    if let Some(c) = json.as_ref().filter(|c| c.known() || !c.is_error()) {
        return Some(unwrap(c.clone(), vendor, text).into_extracted());
    }
    let found = best(vendor, status, text);
    match (found, json) {
        (Some(c), _) => Some(c),
        // A vendor's envelope with a code the tables do not know.
        (None, Some(c)) => Some(c.into_extracted()),
        (None, None) => None,
    }
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

/// The first JSON object inside the text that is a vendor's envelope (a log
/// line's JSON field, a gateway's reply dump, an `error` that is itself an
/// object).
fn embedded_json<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    text: &'a str,
) -> Option<Classification<'a>> {
    let mut fallback = None;
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
        if let Some(c) = read_json(vendor, status, &text[i..]) {
            if c.known() || !c.is_error() {
                return Some(c);
            }
            fallback = fallback.or(Some(c));
        }
    }
    fallback
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
    /// Read after a key or in a form's position (not only a bracketed or
    /// symbol mention).
    primary: bool,
}

/// A code tied to a vendor's entry, with its weight of evidence.
#[derive(Debug, Clone, Copy)]
struct Candidate<'t> {
    seen: Seen<'t>,
    vendor: Vendor,
    surface: Surface,
    matched: Match,
    score: u16,
    /// A symbol or the entry's fixed message is in the text.
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
    evidence: Evidence,
    seen: Few<Seen<'t>, MAX_SEEN>,
    symbols: Few<Named, MAX_SEEN>,
    client_shaped: bool,
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
        let mut seen: Few<Seen<'t>, MAX_SEEN> = Few::default();
        for p in pairs.iter().filter(|p| is_code_key(p.key)) {
            let raw = match p.value {
                Value::Number(n) => Raw::Number(n),
                Value::Text(t) => match pairs::parse_int(t.trim()) {
                    Some(n) => Raw::Number(n),
                    None => Raw::Text(t),
                },
            };
            seen.push(Seen {
                raw,
                at: p.at,
                message,
                primary: true,
            });
        }
        let mut positional: Few<Positional<'t>, MAX_SEEN> = Few::default();
        if let Some(p) = forms::platform_exception(text) {
            positional.push(p);
        }
        forms::code_error(text, &mut positional);
        let mut bracketed: Few<Positional<'t>, MAX_SEEN> = Few::default();
        forms::bracketed(text, &mut bracketed);
        for (p, primary) in positional
            .iter()
            .map(|p| (p, true))
            .chain(bracketed.iter().map(|p| (p, false)))
        {
            if let Positional::Number {
                code, message, at, ..
            } = *p
            {
                seen.push(Seen {
                    raw: Raw::Number(code),
                    at,
                    message,
                    primary,
                });
            }
        }
        let mut names: Few<Positional<'t>, MAX_SEEN> = Few::default();
        forms::symbols(text, &mut names);
        let mut symbols: Few<Named, MAX_SEEN> = Few::default();
        for p in names.iter() {
            if let Positional::Symbol { name, at } = *p {
                for entry in by_symbol(name) {
                    symbols.push(Named {
                        entry: Some(entry),
                        at,
                    });
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
        if seen.is_empty() && symbols.is_empty() {
            return None;
        }
        let client_shaped = [
            "PlatformException(",
            "Error Domain=",
            "Exception",
            "LCError(",
            "Callback",
            "onError",
            "OnError",
        ]
        .iter()
        .any(|m| text.contains(m));
        Some(Reading {
            text,
            evidence: Evidence::of(text),
            seen,
            symbols,
            client_shaped,
        })
    }

    /// The entry a symbol in the text names, tied to this code on this
    /// vendor.
    fn names(&self, entry: &Entry) -> bool {
        self.symbols
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

    /// Every (vendor, surface, entry) a seen code resolves to, scored.
    fn candidates(&self, vendors: &[Vendor]) -> Few<Candidate<'t>, MAX_PAIRS> {
        let mut out = Few::default();
        for seen in self.seen.iter() {
            for &v in vendors {
                let found = self.surfaces(v).find_map(|s| {
                    let m = match seen.raw {
                        Raw::Number(n) => lookup(v, s, n).matched,
                        Raw::Text(t) => {
                            crate::lookup_text(v, s, t).map_or(Match::Unknown, Match::Entry)
                        }
                    };
                    m.known().then_some((s, m))
                });
                let Some((surface, matched)) = found.or_else(|| {
                    // A documented range says something too.
                    let Raw::Number(n) = seen.raw else {
                        return None;
                    };
                    let s = self.surfaces(v).next()?;
                    let m = lookup(v, s, n).matched;
                    m.range().map(|_| (s, m))
                }) else {
                    continue;
                };
                let named = matched.entry().is_some_and(|e| self.names(e));
                let score = self.evidence.weight(v)
                    + if matched.known() { 4 } else { 1 }
                    + if named { 8 } else { 0 }
                    + u16::from(seen.primary) * 2;
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
                    message: None,
                    primary: false,
                },
                vendor: e.vendor(),
                surface: e.surface(),
                matched: Match::Entry(e),
                score: self.evidence.weight(e.vendor()) + 4 + 6,
                named: true,
            });
        }
        out
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

/// Whether a code is generic: it says something failed, and its message
/// may carry the real code.
fn generic(m: Match) -> bool {
    matches!(
        m.category(),
        Category::Internal | Category::Client | Category::Unknown
    ) || !m.known()
}

/// The candidate the text is about, as a verdict.
fn best<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    text: &'a str,
) -> Option<Classification<'a>> {
    let reading = Reading::of(text)?;
    let given;
    let vendors: &[Vendor] = match vendor {
        Some(v) => {
            given = [v];
            &given
        }
        None => Vendor::VARIANTS,
    };
    let candidates = reading.candidates(vendors);
    let top = candidates
        .iter()
        .copied()
        .max_by_key(|c| (c.score, std::cmp::Reverse(c.seen.at)))?;
    if vendor.is_none() && !convincing(&top, candidates.as_slice(), &reading) {
        return None;
    }
    // A generic code gives way to a known, specific code of the same vendor
    // in its message.
    let (chosen, wrapper) = if generic(top.matched) && top.seen.primary {
        let inner = candidates
            .iter()
            .filter(|c| {
                c.vendor == top.vendor
                    && c.seen.at > top.seen.at
                    && c.matched.known()
                    && !generic(c.matched)
            })
            .copied()
            .max_by_key(|c| c.score);
        match inner {
            Some(i) => (i, Some(raw_code(top.seen.raw))),
            None => (top, None),
        }
    } else {
        (top, None)
    };
    Some(verdict(&chosen, status, wrapper))
}

/// Whether the top candidate rests on more than a number: vendor evidence,
/// a symbol or the entry's message in the text, or no other vendor knowing
/// the code.
fn convincing(top: &Candidate<'_>, all: &[Candidate<'_>], reading: &Reading<'_>) -> bool {
    if !top.matched.known() && top.matched.range().is_none() {
        return false;
    }
    if top.named || reading.evidence.weight(top.vendor) >= 2 {
        return true;
    }
    let rivals = all
        .iter()
        .filter(|c| c.vendor != top.vendor && c.matched.known())
        .count();
    rivals == 0 && top.matched.known() && top.seen.primary
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
    if c.matched.category() == Category::Ok {
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
/// as `wrapped_by` (OpenIM `errCode` 500 with a gRPC status in `errDlt`).
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
    let Some(message) = c.raw_message() else {
        return c;
    };
    let Some(at) = text.find(message) else {
        return c;
    };
    let inner_text = &text[at..at + message.len()];
    let Some(reading) = Reading::of(inner_text) else {
        return c;
    };
    let inner = reading
        .candidates(&[v])
        .iter()
        .copied()
        .filter(|i| i.matched.known() && !generic(i.matched) && (i.named || i.seen.primary))
        .max_by_key(|i| i.score);
    match inner {
        Some(i) => verdict(&i, c.status(), c.code().cloned()),
        None => c,
    }
}
