//! Turns a validated [`Table`] into Rust source: per surface, a static entry
//! table, a `#[non_exhaustive]` enum of known codes, its lookups by code (a
//! generated perfect hash for numbers, a phf map for text codes) and by
//! symbol; for Easemob REST, the matching indexes. Notes stay in the data
//! file: nothing reads them at run time.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::code_hash::code_hash;
use super::escape::cell;
use super::normalize;
use super::perfect_hash::PerfectHash;
use super::schema::{Class, CodeDef, Entry, Range, Table, Texts, variant_name};
use super::vendor::{Surface, Vendor};

/// The enum generated for a surface: `ServerCode`, `ClientServerCode`.
pub fn enum_name(s: Surface) -> String {
    format!("{}Code", variant_name(s.as_str()))
}

fn upper(s: Surface) -> String {
    s.as_str().to_ascii_uppercase()
}

fn opt_str(v: &Option<String>) -> String {
    match v {
        Some(s) => format!("Some({s:?})"),
        None => "None".into(),
    }
}

fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
    match v {
        Some(x) => format!("Some({x})"),
        None => "None".into(),
    }
}

fn code_literal(code: &Option<CodeDef>) -> String {
    match code {
        Some(CodeDef::Number(n)) => format!("Some(crate::Code::Number({n}))"),
        Some(CodeDef::Text(t)) => format!("Some(crate::Code::Text({t:?}))"),
        None => "None".into(),
    }
}

fn texts_literal(en: &str, zh: &str) -> String {
    format!("crate::table::Texts {{ en: {en:?}, zh: {zh:?} }}")
}

fn meta_literal(symbol: &str, symbol_ours: bool, c: &Class, t: &Texts) -> String {
    format!(
        "crate::Meta {{ symbol: {symbol:?}, symbol_ours: {symbol_ours}, category: crate::Category::{:?}, retry: crate::Retry::{:?}, action: crate::Action::{:?}, effect: crate::Effect::{:?}, retry_after_secs: {}, summary: {}, hint: {} }}",
        c.category,
        c.retry,
        c.action,
        c.effect,
        opt(c.retry_after),
        texts_literal(&t.summary, &t.summary_zh),
        texts_literal(&t.hint, &t.hint_zh),
    )
}

fn entry_literal(vendor: Vendor, e: &Entry) -> String {
    let versions = match &e.versions {
        Some(en) => format!(
            "Some({})",
            texts_literal(en, e.versions_zh.as_deref().unwrap_or(en))
        ),
        None => "None".into(),
    };
    format!(
        "crate::Entry {{ vendor: crate::Vendor::{vendor:?}, surface: crate::Surface::{:?}, code: {}, status: {}, message: {}, pattern: {}, error_code: {}, closes_connection: {}, versions: {versions}, alias_of: {}, origin: crate::Origin::{:?}, meta: {} }}",
        e.surface,
        code_literal(&e.code),
        opt(e.status),
        opt_str(&e.message),
        opt_str(&e.pattern),
        opt(e.error_code),
        opt(e.closes_connection),
        code_literal(&e.alias_of),
        e.origin,
        meta_literal(&e.symbol, e.symbol_ours, &e.class, &e.texts),
    )
}

fn range_literal(vendor: Vendor, r: &Range) -> String {
    format!(
        "crate::Range {{ vendor: crate::Vendor::{vendor:?}, surface: crate::Surface::{:?}, first: {}, last: {}, meta: {} }}",
        r.surface,
        r.first,
        r.last,
        meta_literal(&r.symbol, r.symbol_ours, &r.class, &r.texts),
    )
}

fn variant_doc(vendor: Vendor, e: &Entry) -> String {
    let key = super::key::EntryKey {
        status: e.status.filter(|_| vendor.matches_errors(e.surface)),
        code: e.code.as_ref().map(|c| c as &dyn std::fmt::Display),
    };
    let mut doc = format!(
        "`{key}` `{}`: {}\n\n{}\n\n*{} / {} / {}*",
        e.symbol,
        cell(&e.texts.summary),
        cell(&e.texts.hint),
        e.class.category,
        e.class.retry,
        e.class.action
    );
    if let Some(m) = e.message.as_ref().or(e.pattern.as_ref()) {
        let _ = write!(doc, "\n\nMessage: {}", cell(m));
    }
    if let Some(v) = &e.versions {
        let _ = write!(doc, "\n\nVersions: {}", cell(v));
    }
    if let Some(a) = &e.alias_of {
        let _ = write!(doc, "\n\nAlias of `{a}`.");
    }
    doc
}

fn phf_str_map(pairs: Vec<(String, String)>) -> String {
    let mut map = phf_codegen::Map::<&str>::new();
    for (k, v) in &pairs {
        map.entry(k.as_str(), v.as_str());
    }
    map.build().to_string()
}

/// `Vendor::name` and `Vendor::surfaces` for every vendor, from the data
/// files' headers: compiled whatever vendor features are on.
pub fn vendors_source(tables: &[(Vendor, String, Vec<Surface>)]) -> String {
    let mut names = String::new();
    let mut surfaces = String::new();
    for (v, name, list) in tables {
        let _ = writeln!(names, "            Vendor::{v:?} => {name:?},");
        let list: Vec<String> = list.iter().map(|s| format!("Surface::{s:?}")).collect();
        let _ = writeln!(
            surfaces,
            "            Vendor::{v:?} => &[{}],",
            list.join(", ")
        );
    }
    format!(
        "// @generated from the headers of data/*.toml by build.rs\n\n\
         impl Vendor {{\n    \
         /// The vendor's display name (`\"Tencent Cloud IM\"`).\n    \
         pub fn name(self) -> &'static str {{\n        match self {{\n{names}        }}\n    }}\n\n    \
         /// The vendor's surfaces; the first is the default.\n    \
         pub fn surfaces(self) -> &'static [crate::Surface] {{\n        use crate::Surface;\n        match self {{\n{surfaces}        }}\n    }}\n}}\n"
    )
}

/// Generates the Rust source for one vendor table.
pub fn vendor_source(t: &Table) -> String {
    let mut out = format!("// @generated from data/{}.toml by build.rs\n\n", t.vendor);
    let mut tables = Vec::new();
    for &surface in &t.surfaces {
        let up = upper(surface);
        let name = enum_name(surface);
        let entries: Vec<&Entry> = t.surface_entries(surface).collect();
        let ranges: Vec<&Range> = t.ranges.iter().filter(|r| r.surface == surface).collect();
        let matched = t.vendor.matches_errors(surface);
        let text_coded = t.is_text_coded(surface);

        let _ = writeln!(
            out,
            "static {up}_ENTRIES: [crate::Entry; {}] = [",
            entries.len()
        );
        for e in &entries {
            let _ = writeln!(out, "    {},", entry_literal(t.vendor, e));
        }
        let _ = writeln!(out, "];\n");
        let _ = writeln!(
            out,
            "static {up}_RANGES: [crate::Range; {}] = [",
            ranges.len()
        );
        for r in &ranges {
            let _ = writeln!(out, "    {},", range_literal(t.vendor, r));
        }
        let _ = writeln!(out, "];\n");

        // Easemob streaming errors carry a numeric `error_code`: key them by it too.
        let code_index: Vec<(i64, usize)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((e.number().or(e.error_code)?, i)))
            .collect();
        out.push_str(&by_code_index(&up, &code_index));
        let texts: Vec<(String, String)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| match (&e.code, text_coded) {
                (Some(CodeDef::Text(c)), true) => Some((c.clone(), format!("{i}u16"))),
                _ => None,
            })
            .collect();
        let _ = writeln!(
            out,
            "static {up}_BY_TEXT: phf::Map<&'static str, u16> = {};\n",
            phf_str_map(texts)
        );
        let _ = writeln!(
            out,
            "static {up}_BY_SYMBOL: phf::Map<&'static str, u16> = {};\n",
            phf_str_map(by_symbol(&entries))
        );
        let phrases: Vec<String> = entries
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.phrases.iter().map(move |p| format!("({p:?}, {i}u16)")))
            .collect();
        let _ = writeln!(
            out,
            "static {up}_PHRASES: [(&str, u16); {}] = [{}];\n",
            phrases.len(),
            phrases.join(", ")
        );

        let _ = writeln!(
            out,
            "/// The {} known codes of {}'s `{surface}` surface ({} ranges besides).\n///\n/// Generated from `data/{}.toml`; `#[non_exhaustive]` because vendors add codes\n/// every release: match with a wildcard arm, and use [`lookup`](crate::lookup)\n/// for codes not listed here.",
            entries.len(),
            t.name,
            ranges.len(),
            t.vendor
        );
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter, strum::EnumCount, strum::IntoStaticStr, strum::VariantArray)]\n#[non_exhaustive]\npub enum {name} {{"
        );
        for e in &entries {
            for line in variant_doc(t.vendor, e).lines() {
                let _ = writeln!(out, "    #[doc = {:?}]", format!(" {line}").trim_end());
            }
            let _ = writeln!(out, "    {},", e.variant);
        }
        let _ = writeln!(out, "}}\n");
        if matched {
            let _ = writeln!(
                out,
                "crate::table::code_enum::surface_code_enum!({name}, {up}_ENTRIES, {up}_BY_SYMBOL);\n"
            );
            out.push_str(&text_key_indexes(&up, &entries));
        } else if text_coded {
            let _ = writeln!(
                out,
                "crate::table::code_enum::surface_code_enum!({name}, {up}_ENTRIES, {up}_BY_SYMBOL, text {up}_BY_TEXT);\n"
            );
        } else {
            let codes: Vec<String> = entries
                .iter()
                .filter_map(|e| e.number())
                .map(|n| n.to_string())
                .collect();
            let _ = writeln!(
                out,
                "static {up}_CODES: [i64; {}] = [{}];\n",
                codes.len(),
                codes.join(", ")
            );
            let _ = writeln!(
                out,
                "crate::table::code_enum::surface_code_enum!({name}, {up}_ENTRIES, {up}_BY_SYMBOL, number {up}_BY_CODE, {up}_CODES);\n"
            );
        }
        tables.push(format!(
            "crate::table::SurfaceTable {{ surface: crate::Surface::{surface:?}, entries: &{up}_ENTRIES, ranges: &{up}_RANGES, by_code: &{up}_BY_CODE, by_text: &{up}_BY_TEXT, by_symbol: &{up}_BY_SYMBOL, phrases: &{up}_PHRASES }}"
        ));
    }
    let _ = writeln!(
        out,
        "pub(crate) static TABLES: [crate::table::SurfaceTable; {}] = [",
        tables.len()
    );
    for tb in tables {
        let _ = writeln!(out, "    {tb},");
    }
    let _ = writeln!(out, "];");
    out
}

/// Symbol -> entry index. A symbol the vendor reused across versions names
/// the entry without `versions` (the current one), else the first.
fn by_symbol(entries: &[&Entry]) -> Vec<(String, String)> {
    let mut chosen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        let slot = chosen.entry(&e.symbol).or_insert(i);
        if entries[*slot].versions.is_some() && e.versions.is_none() {
            *slot = i;
        }
    }
    chosen
        .into_iter()
        .map(|(s, i)| (s.to_string(), format!("{i}u16")))
        .collect()
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A surface's code -> entry index lookup (`crate::table::CodeIndex`): a
/// generated minimal perfect hash. It beats a phf map (SipHash on every
/// probe), a generated `match` (whose branch tree mispredicts on a mix of
/// codes) and a binary search; `benches/lookup.rs` compares them on the
/// same data. Easemob streaming errors carry a numeric `error_code`: they
/// are keyed by it too.
fn by_code_index(up: &str, code_index: &[(i64, usize)]) -> String {
    if code_index.is_empty() {
        return format!(
            "static {up}_BY_CODE: crate::table::CodeIndex = crate::table::CodeIndex {{ seed: 0, disp: &[0], keys: &[], index: &[] }};\n\n"
        );
    }
    let h = PerfectHash::build(code_index.len(), |i, seed| code_hash(code_index[i].0, seed));
    let keys: Vec<i64> = h.filled().map(|i| code_index[i].0).collect();
    let index: Vec<usize> = h.filled().map(|i| code_index[i].1).collect();
    format!(
        "static {up}_BY_CODE: crate::table::CodeIndex = crate::table::CodeIndex {{\n    \
         seed: {seed:#x},\n    \
         disp: &[{}],\n    \
         keys: &[{}],\n    \
         index: &[{}],\n}};\n\n",
        list(&h.disp),
        list(&keys),
        list(&index),
        seed = h.seed,
    )
}

fn text_key_indexes(up: &str, entries: &[&Entry]) -> String {
    let mut by_message: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut patterns = Vec::new();
    let mut by_type: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut by_status = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let mut buf = [0u8; normalize::MAX_MESSAGE];
        if let Some(m) = &e.message {
            let key = normalize::message(m, &mut buf).unwrap_or(m).to_string();
            by_message.entry(key).or_default().push(i);
        } else if let Some(p) = &e.pattern {
            let key = normalize::message(p, &mut buf).unwrap_or(p).to_string();
            // The literal text before the first `*` and after the last: a
            // message must start and end with them to match, which rejects
            // most patterns before `glob_match` runs.
            let prefix = key.split('*').next().unwrap_or_default();
            let suffix = key.rsplit('*').next().unwrap_or_default();
            patterns.push(format!("({key:?}, {prefix:?}, {suffix:?}, {i}u16)"));
        } else if let Some(CodeDef::Text(t)) = &e.code {
            let key = normalize::error_type(t, &mut [0; normalize::MAX_TYPE])
                .unwrap_or(t)
                .to_string();
            by_type.entry(key).or_default().push(i);
        } else if let Some(s) = e.status {
            by_status.push(format!("({s}u16, {i}u16)"));
        }
    }
    // What `easemob::best` scores candidates on, per entry, computed here
    // rather than on every match: the normalized type and, for a pattern, its
    // length without the `*`s.
    let match_keys: Vec<String> = entries
        .iter()
        .map(|e| {
            let ty = match &e.code {
                Some(CodeDef::Text(t)) => normalize::error_type(t, &mut [0; normalize::MAX_TYPE])
                    .filter(|t| !t.is_empty())
                    .map(str::to_string),
                _ => None,
            };
            let specificity = e.pattern.as_ref().map_or("usize::MAX".to_string(), |p| {
                (p.len() - p.matches('*').count()).to_string()
            });
            format!("({ty:?}, {specificity})")
        })
        .collect();
    let slices = |m: BTreeMap<String, Vec<usize>>| {
        let pairs: Vec<(String, String)> = m
            .into_iter()
            .map(|(k, v)| {
                let list: Vec<String> = v.iter().map(|i| format!("{i}u16")).collect();
                (k, format!("&[{}]", list.join(", ")))
            })
            .collect();
        phf_str_map(pairs)
    };
    format!(
        "static {up}_BY_MESSAGE: phf::Map<&'static str, &'static [u16]> = {};\n\n\
         static {up}_PATTERNS: [(&str, &str, &str, u16); {}] = [{}];\n\n\
         static {up}_BY_TYPE: phf::Map<&'static str, &'static [u16]> = {};\n\n\
         static {up}_BY_STATUS: [(u16, u16); {}] = [{}];\n\n\
         static {up}_MATCH_KEYS: [(Option<&str>, usize); {}] = [{}];\n\n",
        slices(by_message),
        patterns.len(),
        patterns.join(", "),
        slices(by_type),
        by_status.len(),
        by_status.join(", "),
        match_keys.len(),
        match_keys.join(", "),
    )
}
