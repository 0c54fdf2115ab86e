//! The comparison code of `benches/lookup.rs`: each surface's code lookup
//! written three ways from the same data: the library's generated perfect
//! hash (through the public `from_code`), a phf map (what the library used
//! before), and a generated `match`. Written only when the `bench` feature
//! is on, into a file the bench includes; the library never compiles it.

use std::fmt::Write;

use super::generate::enum_name;
use super::schema::Table;

/// The bench module of one vendor (`pub mod openim { ... }`), or nothing
/// when no surface has numeric codes.
pub fn vendor_module(t: &Table) -> String {
    let mut fns = String::new();
    for &surface in &t.surfaces {
        let pairs: Vec<(i64, usize)> = t
            .surface_entries(surface)
            .enumerate()
            .filter_map(|(i, e)| Some((e.number()?, i)))
            .collect();
        if pairs.is_empty() || t.vendor.matches_errors(surface) {
            continue;
        }
        let low = surface.as_str();
        let up = low.to_ascii_uppercase();
        let mut phf = phf_codegen::Map::<i64>::new();
        let values: Vec<String> = pairs.iter().map(|(_, i)| format!("{i}u16")).collect();
        for ((c, _), v) in pairs.iter().zip(&values) {
            phf.entry(*c, v.as_str());
        }
        let mut sorted = pairs.clone();
        sorted.sort_unstable();
        let mut arms = String::new();
        for (c, i) in &sorted {
            let _ = writeln!(arms, "            {c} => Some({i}),");
        }
        let _ = write!(
            fns,
            "    static {up}_BY_CODE_PHF: phf::Map<i64, u16> = {phf};\n\n    \
             /// `{low}`: the library's lookup.\n    \
             #[inline(never)]\n    \
             pub fn {low}_hash(code: i64) -> Option<u16> {{\n        \
             imerr::{vendor}::{name}::from_code(code).map(|c| c as u16)\n    }}\n\n    \
             /// `{low}`: a phf map.\n    \
             #[inline(never)]\n    \
             pub fn {low}_phf(code: i64) -> Option<u16> {{\n        \
             {up}_BY_CODE_PHF.get(&code).copied()\n    }}\n\n    \
             /// `{low}`: a `match`.\n    \
             #[inline(never)]\n    \
             pub fn {low}_match(code: i64) -> Option<u16> {{\n        \
             match code {{\n{arms}            _ => None,\n        }}\n    }}\n\n",
            phf = phf.build(),
            vendor = t.vendor,
            name = enum_name(surface),
        );
    }
    if fns.is_empty() {
        return String::new();
    }
    format!(
        "/// `{}`: each surface's code lookup three ways.\npub mod {} {{\n{fns}}}\n\n",
        t.vendor, t.vendor
    )
}
