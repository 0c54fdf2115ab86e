//! Turns a validated [`Table`] into Rust source: per surface, a static entry
//! table, a `#[non_exhaustive]` enum of known codes, and phf maps by code and
//! by symbol; for Easemob REST, the matching indexes.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::code_hash::code_hash;
use super::ids::Surface;
use super::normalize;
use super::schema::{Class, CodeDef, Entry, Range, Table, Texts};

fn camel(s: &str) -> String {
    let mut out = String::new();
    for part in s.split('_') {
        let mut c = part.chars();
        if let Some(f) = c.next() {
            out.push(f.to_ascii_uppercase());
            out.push_str(c.as_str());
        }
    }
    out
}

fn upper(s: Surface) -> String {
    s.as_str().to_ascii_uppercase()
}

/// The enum generated for a surface: `ServerCode`, `RestCode`.
pub fn enum_name(s: Surface) -> String {
    format!("{}Code", camel(s.as_str()))
}

/// Escapes text for a rustdoc comment so that vendor texts (`[XX]`, `<id>`,
/// `*`) render literally instead of as links, HTML or emphasis.
fn doc_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']' | '<' | '>' | '*' | '_' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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

fn class_fields(c: &Class) -> String {
    format!(
        "category: crate::Category::{:?}, retry: crate::Retry::{:?}, action: crate::Action::{:?}, effect: crate::Effect::{:?}, retry_after_secs: {}",
        c.category,
        c.retry,
        c.action,
        c.effect,
        opt(c.retry_after)
    )
}

fn code_literal(code: &Option<CodeDef>) -> String {
    match code {
        Some(CodeDef::Number(n)) => format!("Some(crate::Code::Number({n}))"),
        Some(CodeDef::Text(t)) => format!("Some(crate::Code::ErrorType({t:?}))"),
        None => "None".into(),
    }
}

fn text_fields(t: &Texts) -> String {
    format!(
        "summary: {:?}, summary_zh: {:?}, hint: {:?}, hint_zh: {:?}",
        t.summary, t.summary_zh, t.hint, t.hint_zh
    )
}

fn entry_literal(vendor: &str, e: &Entry) -> String {
    format!(
        "crate::Entry {{ vendor: crate::Vendor::{vendor}, surface: crate::Surface::{:?}, code: {}, status: {}, symbol: {:?}, symbol_ours: {}, message: {}, pattern: {}, error_code: {}, {}, closes_connection: {}, versions: {}, versions_zh: {}, alias_of: {}, origin: crate::Origin::{:?}, {}, note: {} }}",
        e.surface,
        code_literal(&e.code),
        opt(e.status),
        e.symbol,
        e.symbol_ours,
        opt_str(&e.message),
        opt_str(&e.pattern),
        opt(e.error_code),
        class_fields(&e.class),
        opt(e.closes_connection),
        opt_str(&e.versions),
        opt_str(&e.versions_zh),
        code_literal(&e.alias_of),
        e.origin,
        text_fields(&e.texts),
        opt_str(&e.note),
    )
}

fn range_literal(vendor: &str, r: &Range) -> String {
    format!(
        "crate::Range {{ vendor: crate::Vendor::{vendor}, surface: crate::Surface::{:?}, first: {}, last: {}, symbol: {:?}, symbol_ours: {}, {}, {}, note: {} }}",
        r.surface,
        r.first,
        r.last,
        r.symbol,
        r.symbol_ours,
        class_fields(&r.class),
        text_fields(&r.texts),
        opt_str(&r.note),
    )
}

fn variant_doc(e: &Entry) -> String {
    let code = match (&e.code, e.status) {
        (Some(CodeDef::Number(n)), _) => format!("`{n}`"),
        (Some(CodeDef::Text(t)), Some(s)) => format!("HTTP {s} `{t}`"),
        (Some(CodeDef::Text(t)), None) => format!("`{t}`"),
        (None, Some(s)) => format!("HTTP {s}"),
        (None, None) => String::new(),
    };
    let mut doc = format!(
        "{code} `{}`: {}\n\n{}\n\n*{} / {} / {}*",
        e.symbol,
        doc_escape(&e.texts.summary),
        doc_escape(&e.texts.hint),
        e.class.category,
        e.class.retry,
        e.class.action
    );
    if let Some(m) = e.message.as_ref().or(e.pattern.as_ref()) {
        let _ = write!(doc, "\n\nMessage: {}", doc_escape(m));
    }
    if let Some(v) = &e.versions {
        let _ = write!(doc, "\n\nVersions: {}", doc_escape(v));
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

fn phf_int_map(pairs: Vec<(i64, String)>) -> String {
    let mut map = phf_codegen::Map::<i64>::new();
    for (k, v) in &pairs {
        map.entry(*k, v.as_str());
    }
    map.build().to_string()
}

/// Generates the Rust source for one vendor table.
pub fn vendor_source(t: &Table) -> String {
    let vendor = format!("{:?}", t.vendor);
    let mut out = String::new();
    let mut tables = Vec::new();
    let mut bench_fns = String::new();
    for &surface in &t.surfaces {
        let up = upper(surface);
        let name = enum_name(surface);
        let entries: Vec<&Entry> = t.surface_entries(surface).collect();
        let ranges: Vec<&Range> = t.ranges.iter().filter(|r| r.surface == surface).collect();
        let matched = super::schema::is_matched(t.vendor, surface);
        let text_coded = t.is_text_coded(surface);

        let _ = writeln!(
            out,
            "static {up}_ENTRIES: [crate::Entry; {}] = [",
            entries.len()
        );
        for e in &entries {
            let _ = writeln!(out, "    {},", entry_literal(&vendor, e));
        }
        let _ = writeln!(out, "];\n");
        let _ = writeln!(
            out,
            "static {up}_RANGES: [crate::Range; {}] = [",
            ranges.len()
        );
        for r in &ranges {
            let _ = writeln!(out, "    {},", range_literal(&vendor, r));
        }
        let _ = writeln!(out, "];\n");

        // Easemob streaming errors carry a numeric `error_code`: key them by it too.
        let code_index: Vec<(i64, usize)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((e.number().or(e.error_code)?, i)))
            .collect();
        let low = surface.as_str();
        out.push_str(&by_code_index(&up, &code_index));
        if !code_index.is_empty() {
            bench_fns.push_str(&bench_lookups(low, &up, &code_index));
        }
        let symbols: Vec<(String, String)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.symbol.clone(), format!("{i}u16")))
            .collect();
        let _ = writeln!(
            out,
            "static {up}_BY_SYMBOL: phf::Map<&'static str, u16> = {};\n",
            phf_str_map(symbols)
        );

        let _ = writeln!(
            out,
            "/// The {} known codes of {}'s `{surface}` surface ({} ranges besides).\n///\n/// Generated from `data/{}.toml`; `#[non_exhaustive]` because vendors add codes\n/// every release: match with a wildcard arm, and use [`lookup`](crate::lookup)\n/// for codes not listed here.",
            entries.len(),
            t.name,
            ranges.len(),
            t.vendor.as_str()
        );
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter, strum::EnumCount, strum::IntoStaticStr, strum::VariantArray)]\n#[non_exhaustive]\npub enum {name} {{"
        );
        for e in &entries {
            for line in variant_doc(e).lines() {
                let _ = writeln!(out, "    #[doc = {:?}]", format!(" {line}").trim_end());
            }
            let _ = writeln!(out, "    {},", e.variant);
        }
        let _ = writeln!(out, "}}\n");
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
        if !matched && !text_coded {
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
                "crate::entry::surface_code_enum!({name}, {up}_ENTRIES, {up}_BY_SYMBOL, {up}_BY_CODE, {up}_CODES);\n"
            );
        } else {
            let _ = writeln!(
                out,
                "crate::entry::surface_code_enum!({name}, {up}_ENTRIES, {up}_BY_SYMBOL);\n"
            );
            if matched {
                out.push_str(&text_key_indexes(&up, &entries));
            }
        }
        tables.push(format!(
            "crate::entry::SurfaceTable {{ surface: crate::Surface::{surface:?}, entries: &{up}_ENTRIES, ranges: &{up}_RANGES, by_code: &{up}_BY_CODE, by_text: &{up}_BY_TEXT, by_symbol: &{up}_BY_SYMBOL }}"
        ));
    }
    let surfaces: Vec<String> = t
        .surfaces
        .iter()
        .map(|s| format!("crate::Surface::{s:?}"))
        .collect();
    let _ = writeln!(
        out,
        "pub(crate) static SURFACES: [crate::Surface; {}] = [{}];",
        surfaces.len(),
        surfaces.join(", ")
    );
    let _ = writeln!(out, "pub(crate) const NAME: &str = {:?};", t.name);
    let _ = writeln!(
        out,
        "pub(crate) static TABLES: [crate::entry::SurfaceTable; {}] = [",
        tables.len()
    );
    for tb in tables {
        let _ = writeln!(out, "    {tb},");
    }
    let _ = writeln!(out, "];\n");
    let _ = writeln!(
        out,
        "/// The code lookup of each surface written three ways from the same data,\n\
         /// for `benches/lookup.rs` only: not part of the API.\n\
         #[doc(hidden)]\npub mod __bench {{\n{bench_fns}}}"
    );
    out
}

/// A minimal perfect hash of a set of keys, by hash and displace: a key's
/// hash picks a bucket (high half) and a slot (low bits XOR the bucket's
/// displacement); buckets are placed largest first, each at the first
/// displacement that puts all its keys in free slots. A probe costs one hash
/// and three loads from tables of a few kilobytes, with no branch but the
/// final compare: hits and misses alike, in any order. Deterministic: the
/// same data always gives the same tables.
struct PerfectHash {
    seed: u64,
    /// Per bucket, the value XORed into the slot.
    disp: Vec<u16>,
    /// Per slot (a power of two of them), the key that lives there.
    slots: Vec<Option<usize>>,
}

impl PerfectHash {
    fn bucket(h: u64, buckets: usize) -> usize {
        (((h >> 32) * buckets as u64) >> 32) as usize
    }

    /// `hash(i, seed)` is the hash of key `i` of `n`.
    fn build(n: usize, hash: impl Fn(usize, u64) -> u64) -> PerfectHash {
        let mut slots = (n * 3 / 2).max(1).next_power_of_two();
        loop {
            let buckets = n.div_ceil(2).max(1);
            for seed in 0..256u64 {
                let seed = seed.wrapping_mul(0xD6E8_FEB8_6659_FD93);
                let hashes: Vec<u64> = (0..n).map(|i| hash(i, seed)).collect();
                if let Some(h) = Self::place(&hashes, seed, buckets, slots) {
                    return h;
                }
            }
            // Two keys whose hashes agree for every seed would loop forever.
            assert!(slots < 1 << 16, "no perfect hash for {n} keys");
            slots *= 2;
        }
    }

    fn place(hashes: &[u64], seed: u64, buckets: usize, slots: usize) -> Option<PerfectHash> {
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
        for (i, &h) in hashes.iter().enumerate() {
            members[Self::bucket(h, buckets)].push(i);
        }
        let mut order: Vec<usize> = (0..buckets).collect();
        order.sort_by_key(|&b| (std::cmp::Reverse(members[b].len()), b));
        let mut taken: Vec<Option<usize>> = vec![None; slots];
        let mut disp = vec![0u16; buckets];
        let slot = |i: usize, d: usize| (hashes[i] as usize ^ d) & (slots - 1);
        for b in order {
            let group = &members[b];
            if group.is_empty() {
                continue;
            }
            let d = (0..slots).find(|&d| {
                let mut seen: Vec<usize> = Vec::with_capacity(group.len());
                group.iter().all(|&i| {
                    let s = slot(i, d);
                    let free = taken[s].is_none() && !seen.contains(&s);
                    seen.push(s);
                    free
                })
            })?;
            disp[b] = u16::try_from(d).ok()?;
            for &i in group {
                taken[slot(i, d)] = Some(i);
            }
        }
        Some(PerfectHash {
            seed,
            disp,
            slots: taken,
        })
    }

    /// Per slot, the key index; an empty slot gets key 0, which hashes
    /// elsewhere, so no probe can match it there.
    fn filled(&self) -> impl Iterator<Item = usize> + '_ {
        self.slots.iter().map(|s| s.unwrap_or(0))
    }
}

fn list<T: std::fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A surface's code -> entry index lookup (`crate::entry::CodeIndex`): a
/// generated minimal perfect hash ([`CodeHash`]). It replaced a phf map,
/// which hashes every probe with SipHash-1-3 and was slower than a `std`
/// `HashMap` here; it also beats a generated `match` (whose branch tree
/// mispredicts on a mix of codes) and a binary search. `benches/lookup.rs`
/// compares all of them on the same data. Easemob streaming errors carry a
/// numeric `error_code`: they are keyed by it too.
fn by_code_index(up: &str, code_index: &[(i64, usize)]) -> String {
    if code_index.is_empty() {
        return format!(
            "static {up}_BY_CODE: crate::entry::CodeIndex = crate::entry::CodeIndex {{ seed: 0, disp: &[0], keys: &[], index: &[] }};\n\n"
        );
    }
    let h = PerfectHash::build(code_index.len(), |i, seed| code_hash(code_index[i].0, seed));
    let keys: Vec<i64> = h.filled().map(|i| code_index[i].0).collect();
    let index: Vec<usize> = h.filled().map(|i| code_index[i].1).collect();
    format!(
        "static {up}_BY_CODE: crate::entry::CodeIndex = crate::entry::CodeIndex {{\n    \
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

/// For the benches: one surface's code -> entry index as the library does it
/// (`_hash`), as a phf map (`_phf`, what the library used before) and as a
/// generated `match` (`_match`), all built from the same pairs.
fn bench_lookups(low: &str, up: &str, code_index: &[(i64, usize)]) -> String {
    let phf = phf_int_map(
        code_index
            .iter()
            .map(|&(c, i)| (c, format!("{i}u16")))
            .collect(),
    );
    let mut sorted = code_index.to_vec();
    sorted.sort_unstable();
    let mut arms = String::new();
    for (c, i) in &sorted {
        let _ = writeln!(arms, "            {c} => Some({i}),");
    }
    format!(
        "    static {up}_BY_CODE_PHF: phf::Map<i64, u16> = {phf};\n\n    \
         /// `{low}`: the library's lookup.\n    \
         #[inline(never)]\n    \
         pub fn {low}_hash(code: i64) -> Option<u16> {{\n        \
         super::{up}_BY_CODE.get(code)\n    }}\n\n    \
         /// `{low}`: a phf map.\n    \
         #[inline(never)]\n    \
         pub fn {low}_phf(code: i64) -> Option<u16> {{\n        \
         {up}_BY_CODE_PHF.get(&code).copied()\n    }}\n\n    \
         /// `{low}`: a `match`.\n    \
         #[inline(never)]\n    \
         pub fn {low}_match(code: i64) -> Option<u16> {{\n        \
         match code {{\n{arms}            _ => None,\n        }}\n    }}\n\n"
    )
}

/// The indexes Easemob REST matching walks, most specific first: normalized
/// message, patterns, normalized type, status alone, streaming `error_code`.
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
