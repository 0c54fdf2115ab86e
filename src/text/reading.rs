//! What a text says, gathered once: its candidate codes (after a code-like
//! key, or in a form's position: `pairs.rs`, `forms.rs`), the symbols and
//! phrases that name entries, and the evidence of a vendor (its error
//! domains, classes, SDK and envelope names: `evidence.rs`; an official
//! symbol or the fixed message of the entry; whether its tables know the
//! code), with each code tied to the entries it may be and scored.

use strum::IntoEnumIterator;

use crate::{Entry, Match, Surface, Vendor, lookup};

use super::evidence::{self, Evidence};
use super::few::Few;
use super::find::{contains, find};
use super::forms::{self, Positional};
use super::keys::{NO_CODE, is_code_key, is_message_key, is_status_key};
use super::pairs::{self, Pair, Value};

/// At most this many pairs are read, and as many codes tied to vendors
/// considered.
pub(super) const MAX_PAIRS: usize = 48;

/// At most this many codes are read by key or position, and as many names.
const MAX_SEEN: usize = 24;

/// The surfaces a client SDK reports its codes on.
fn is_client(s: Surface) -> bool {
    matches!(
        s,
        Surface::Sdk | Surface::Web | Surface::SdkV2 | Surface::SdkIosLocal | Surface::SdkWeb
    )
}

/// A code found in the text, before it is tied to a vendor.
#[derive(Debug, Clone, Copy)]
pub(super) enum Raw<'t> {
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
pub(super) struct Seen<'t> {
    pub(super) raw: Raw<'t>,
    pub(super) at: usize,
    pub(super) message: Option<&'t str>,
    /// Read after a key or in a form's position: the code the text is
    /// about, rather than one mentioned inside its message.
    pub(super) primary: bool,
    /// Weak: read from a form that needs vendor evidence to count.
    pub(super) weak: bool,
    /// Named by a phrase (the number was not in the text).
    phrase: Option<&'static Entry>,
    /// A number before an ordinary word (`request 10015 done`): it counts
    /// only when the tables name it.
    pub(super) bare: bool,
}

/// A code tied to a vendor's entry, with its weight of evidence.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate<'t> {
    pub(super) seen: Seen<'t>,
    pub(super) vendor: Vendor,
    pub(super) surface: Surface,
    pub(super) matched: Match,
    pub(super) score: u16,
    /// A symbol, a phrase or the entry's fixed message is in the text.
    pub(super) named: bool,
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
pub(super) struct Reading<'t> {
    text: &'t str,
    pub(super) pairs: Few<Pair<'t>, MAX_PAIRS>,
    pub(super) evidence: Evidence,
    pub(super) seen: Few<Seen<'t>, MAX_SEEN>,
    symbols: Few<Named, MAX_SEEN>,
    client_shaped: bool,
    /// An HTTP status the text states (`httpCode: 403`, `-> 403 Forbidden`).
    pub(super) status: Option<u16>,
}

/// `METHOD url -> 403 Forbidden` (Easemob's Java server SDK).
fn arrow_status(text: &str) -> Option<u16> {
    let at = find(text, " -> ")? + 4;
    let digits = text.get(at..at + 3)?;
    let follows = text
        .as_bytes()
        .get(at + 3)
        .is_none_or(|c| !c.is_ascii_digit());
    digits.parse().ok().filter(|_| follows)
}

impl<'t> Reading<'t> {
    /// The codes and names in the text; `None` when there are none (the
    /// evidence is then not gathered at all).
    pub(super) fn of(text: &'t str) -> Option<Self> {
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
        // The `Code=` right after a platform's `Domain=`
        // (`Error Domain=NSURLErrorDomain Code=-1001`): the platform's code.
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
                    matches!(p.value, Value::Number(n) if n == ok) && contains(text, form)
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
        let pipe = forms::leading_pipe(text);
        if let Some(p) = pipe {
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
                if let Some(at) = find(text, phrase) {
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
        form_evidence(
            text,
            &pairs,
            &positional,
            typed,
            pipe.is_some(),
            &mut evidence,
        );
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
            .any(|m| contains(text, m));
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
            || entry
                .message()
                .is_some_and(|m| m.len() >= 6 && contains(self.text, m))
    }

    /// The vendor's surfaces in the order a code of this text is looked up
    /// on: a surface a marker named first, then client surfaces for
    /// SDK-shaped text, then the rest in the vendor's order.
    pub(super) fn surfaces(&self, vendor: Vendor) -> impl Iterator<Item = Surface> + '_ {
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
    pub(super) fn candidates(&self, vendors: &[Vendor]) -> Few<Candidate<'t>, MAX_PAIRS> {
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
/// `CodeError`). `typed`: a numeric `type` next to a `message`; `pipe`: the
/// text opens with a `|`-separated code.
fn form_evidence<const N: usize, const M: usize>(
    text: &str,
    pairs: &Few<Pair<'_>, N>,
    positional: &Few<Positional<'_>, M>,
    typed: bool,
    pipe: bool,
    evidence: &mut Evidence,
) {
    let has = |k: &str| pairs.iter().any(|p| p.key == k);
    let leading_pipe = pipe && text.ends_with("|null");
    if contains(text, "|desc:")
        || (has("desc") && contains(text, "code="))
        || contains(text, "|msg ")
        || leading_pipe
    {
        evidence.add(Vendor::Tencent, 4);
    }
    // The web SDK's push plugin logs `code:<n>, msg:<text>`.
    if contains(text, "code:") && contains(text, ", msg:") {
        evidence.add(Vendor::Tencent, 3);
    }
    if has("description") || (has("desc") && contains(text, " desc: ") && contains(text, "code: "))
    {
        evidence.add(Vendor::Easemob, 4);
    }
    let error_text = pairs
        .iter()
        .any(|p| p.key == "error" && matches!(p.value, Value::Text(_)));
    if has("code") && error_text {
        evidence.add(Vendor::LeanCloud, 3);
    }
    if typed {
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
