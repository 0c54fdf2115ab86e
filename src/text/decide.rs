//! Which code a text is about. A known envelope in the text is the
//! strongest reading there is; else the candidate with the most evidence
//! wins, and without a vendor given a code needs evidence beyond being a
//! number, so ordinary numbers in a log line are left alone. A generic code
//! (internal, client, unknown) whose message carries a known code of the
//! same vendor gives way to it, and the verdict keeps it as `wrapped_by`.

use std::borrow::Cow;

use strum::IntoEnumIterator;

use crate::{Category, Classification, Match, RawCode, Vendor, lookup};

use super::few::Few;
use super::find::{contains, find};
use super::forms::{grpc_status, words};
use super::json::{Json, embedded_json, loose_json};
use super::reading::{Candidate, MAX_PAIRS, Raw, Reading};

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
pub(super) fn best<'a>(
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
        None => Vendor::ALL,
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

/// The vendor whose code `c` may wrap a more specific one: a generic
/// error of a vendor whose bodies nest codes.
pub(crate) fn may_wrap(c: &Classification<'_>, vendor: Option<Vendor>) -> Option<Vendor> {
    let v = c.vendor().or(vendor)?;
    (c.is_error() && generic(c.matched()) && crate::registry::inner_codes(v)).then_some(v)
}

/// [`unwrap_as`] when [`may_wrap`] allows it.
fn unwrap<'a>(c: Classification<'a>, vendor: Option<Vendor>, text: &'a str) -> Classification<'a> {
    match may_wrap(&c, vendor) {
        Some(v) => unwrap_as(c, v, text),
        None => c,
    }
}

/// A verdict from a JSON envelope whose code is generic, of vendor `v`
/// ([`may_wrap`] said so): the known code of the same vendor its message
/// carries wins, and keeps the envelope's code as `wrapped_by` (OpenIM
/// `errCode` 500 with a gRPC status in `errDlt`, or a circuit breaker's
/// words in `errMsg`).
pub(crate) fn unwrap_as<'a>(c: Classification<'a>, v: Vendor, text: &'a str) -> Classification<'a> {
    if !may_name_another(&c, v, text) {
        return c;
    }
    // The message, when it stands in the text as it is; else the whole
    // text (Matrix `M_BAD_STATUS` carries the inner error in `body`).
    let in_message = c
        .raw_message()
        .and_then(|m| find(text, m).map(|at| &text[at..at + m.len()]));
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

/// Whether `text` may name a known, specific code of `v` other than the
/// verdict's own: a number that is one, one of `v`'s symbols or textual
/// codes, a gRPC status (OpenIM names them `codes.<Name>`), or one of `v`'s
/// phrases. Reading the text for
/// candidates costs tens of thousands of instructions; this costs about a
/// pass over its bytes, and most generic codes' bodies hold none of these.
fn may_name_another(c: &Classification<'_>, v: Vendor, text: &str) -> bool {
    let own = match c.code() {
        Some(RawCode::Number(n)) => Some(*n),
        _ => None,
    };
    let tables = crate::registry::tables(v);
    let specific = |n: i64| {
        Some(n) != own
            && tables.iter().any(|t| {
                let m = t.resolve(n);
                m.known() && !generic(m)
            })
    };
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(u8::is_ascii_digit) {
        let start = i + at;
        let len = b[start..]
            .iter()
            .position(|c| !c.is_ascii_digit())
            .unwrap_or(b.len() - start);
        i = start + len;
        let negative = start > 0 && b[start - 1] == b'-';
        if let Ok(n) = text[start..i].parse::<i64>()
            && (specific(n) || (negative && specific(-n)))
        {
            return true;
        }
    }
    let own_symbol = c.symbol();
    words(text).any(|w| {
        let symbol = w.symbol_shaped
            && Some(w.text) != own_symbol
            && tables.iter().any(|t| t.by_symbol.contains_key(w.text));
        symbol
            || tables
                .iter()
                .any(|t| !t.by_text.is_empty() && t.by_text.contains_key(w.text))
    }) || (v == Vendor::OpenIm && grpc_status(text).is_some())
        || tables
            .iter()
            .flat_map(|t| t.phrases)
            .any(|&(phrase, _)| contains(text, phrase))
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
