//! `imerr lookup`: one code, symbol or Easemob REST error, in words or as
//! the classify object plus the entry's other texts.

use std::borrow::Cow;
use std::io::{self, Write};
use std::process::ExitCode;

use imerr::easemob::{match_error_code, match_rest};
use imerr::{Classification, Entry, Lang, Match, RawCode, Surface, Vendor};
use serde::Serialize;

use crate::args::LookupArgs;
use crate::usage;

/// `imerr lookup --json`: the object `imerr classify` prints, plus the
/// entry's other texts.
#[derive(Serialize)]
struct LookupJson<'a> {
    #[serde(flatten)]
    verdict: &'a Classification<'a>,
    error_code: Option<i64>,
    summary: Option<&'static str>,
    summary_zh: Option<&'static str>,
    hint_zh: &'static str,
    versions: Option<&'static str>,
    versions_zh: Option<&'static str>,
    range: Option<[i64; 2]>,
}

pub fn run(a: &LookupArgs) -> io::Result<ExitCode> {
    if let Some(s) = a.surface.filter(|s| !a.vendor.has_surface(*s)) {
        return usage(format!(
            "{} has no surface \"{s}\" (expected one of {})",
            a.vendor,
            surface_list(a.vendor)
        ));
    }
    let Some(verdict) = resolve(a) else {
        return usage(format!(
            "\"{}\" is neither a number nor a code or official symbol of {} ({}); see `imerr list {}`",
            a.code,
            a.vendor,
            surface_list(a.vendor),
            a.vendor
        ));
    };
    let mut out = io::stdout().lock();
    if a.json {
        write_json(&mut out, &verdict)?;
    } else {
        write_words(&mut out, &verdict, a.lang)?;
    }
    Ok(if verdict.known() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn surface_list(vendor: Vendor) -> String {
    let names: Vec<&str> = vendor.surfaces().iter().map(|s| s.as_str()).collect();
    names.join(", ")
}

/// What the arguments name: a number on a numeric surface (known, in a
/// range, or not), an Easemob REST error, a textual code, or an official
/// symbol (on the given surface, else on each of the vendor's). `None` when
/// the text is none of these.
fn resolve(a: &LookupArgs) -> Option<Classification<'_>> {
    let vendor = a.vendor;
    let surface = a.surface.unwrap_or(vendor.default_surface());
    let number = a.code.trim().parse::<i64>().ok();
    let message = a.message.as_deref();
    if vendor.matches_errors(surface) {
        let found = match number {
            Some(n) => {
                match_error_code(n).or_else(|| match_rest(u16::try_from(n).ok(), None, message))
            }
            None => match_rest(a.status, Some(&a.code), message),
        };
        if let Some(m) = found {
            return Some(Classification::from(m));
        }
    }
    if let Some(n) = number.filter(|_| !vendor.matches_errors(surface)) {
        return Some(Classification::from(imerr::lookup(vendor, surface, n)));
    }
    let surfaces: &[Surface] = match a.surface {
        Some(ref s) => std::slice::from_ref(s),
        None => vendor.surfaces(),
    };
    let entry = surfaces.iter().find_map(|&s| {
        imerr::lookup_text(vendor, s, &a.code).or_else(|| imerr::lookup_symbol(vendor, s, &a.code))
    });
    match entry {
        Some(e) => Some(of_entry(e)),
        // An Easemob error type the tables do not know is still a type.
        None if vendor.matches_errors(surface) => Some(Classification::from_match(
            Some(vendor),
            Some(surface),
            Some(RawCode::Text(Cow::Borrowed(&a.code))),
            a.status,
            Match::Unknown,
        )),
        None => None,
    }
}

/// The verdict on an entry found by text code or symbol.
fn of_entry(e: &'static Entry) -> Classification<'static> {
    let code = e.code().map(RawCode::from);
    Classification::from_match(
        Some(e.vendor()),
        Some(e.surface()),
        code,
        e.status(),
        Match::Entry(e),
    )
    .with_message(e.message_or_pattern().map(Cow::Borrowed))
}

fn write_json(out: &mut impl Write, v: &Classification<'_>) -> io::Result<()> {
    let entry = v.matched().entry();
    let value = LookupJson {
        verdict: v,
        error_code: entry.and_then(Entry::error_code),
        summary: v.summary(Lang::En),
        summary_zh: v.summary(Lang::Zh),
        hint_zh: v.hint(Lang::Zh),
        versions: entry.and_then(|e| e.versions(Lang::En)),
        versions_zh: entry.and_then(|e| e.versions(Lang::Zh)),
        range: v.matched().range().map(|r| [r.first(), r.last()]),
    };
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

fn write_words(out: &mut impl Write, v: &Classification<'_>, lang: Lang) -> io::Result<()> {
    let vendor = v.vendor().map_or("", |v| v.name());
    let surface = v.surface().map_or("", |s| s.as_str());
    let code = v.code().map(ToString::to_string).unwrap_or_default();
    match v.matched() {
        Match::Entry(e) => {
            writeln!(out, "{vendor} {surface} {} {}", e.key(), e.meta().symbol())?;
            if let Some(m) = e.message_or_pattern() {
                writeln!(out, "  message:  {m}")?;
            }
            if let Some(by) = v.matched_by() {
                writeln!(out, "  matched:  by {by}")?;
            }
            if let Some(a) = e.alias_of() {
                writeln!(out, "  alias of: {a}")?;
            }
        }
        Match::Range(r) => writeln!(
            out,
            "{vendor} {surface} {code}: not in the tables, inside the documented range {}-{} ({})",
            r.first(),
            r.last(),
            r.meta().symbol()
        )?,
        Match::Unknown => writeln!(
            out,
            "{vendor} {surface} {code}: not in the tables and in no documented range"
        )?,
    }
    writeln!(
        out,
        "  category: {}  retry: {}  action: {}  effect: {}  (answer HTTP {})",
        v.category(),
        v.retry(),
        v.action(),
        v.effect(),
        v.http_status()
    )?;
    if let Some(d) = v.retry_after() {
        writeln!(
            out,
            "  wait:     at least {} s before retrying",
            d.as_secs()
        )?;
    }
    if let Some(s) = v.summary(lang) {
        writeln!(out, "  summary:  {s}")?;
    }
    writeln!(out, "  hint:     {}", v.hint(lang))?;
    if let Some(ver) = v.matched().entry().and_then(|e| e.versions(lang)) {
        writeln!(out, "  versions: {ver}")?;
    }
    Ok(())
}
