//! Code and symbol lookups against the obvious alternatives, on the same
//! data:
//!
//! - `api`: `imerr::lookup(vendor, surface, code)`, the public call (surface
//!   table, generated perfect hash, range fallback);
//! - `hash`: the library's generated perfect hash alone (the generated
//!   enum's `from_code`), with the same range fallback as every variant
//!   below;
//! - `phf`: a phf map of the same pairs (what the library used before);
//! - `match`: the same pairs as a generated `match`;
//!   (`hash`, `phf` and `match` are emitted by `codegen/bench.rs` from the
//!   same data files, as `#[inline(never)]` functions, only with the `bench`
//!   feature, into a file this bench includes);
//! - `hashmap`: a `std::collections::HashMap<i64, &Entry>` built at bench
//!   start from `imerr::entries(vendor, surface)`;
//! - `sorted`: a sorted `Vec<(i64, &Entry)>` searched with `binary_search`.
//!
//! Symbols (`lookup_symbol`): the public call (`api`), the library's
//! generated string index alone (`hash`), a phf map of the same pairs (what
//! the library used before) and a `HashMap<&str, &Entry>`, on 1024 symbols
//! drawn pseudo-randomly (`hit`) and the same with a suffix (`miss`).
//!
//! Easemob REST matching (`easemob_match_rest`): `match_rest` on an exact
//! message, a pattern, and the status-and-type fallback.
//!
//! Every code variant returns the same [`Match`] (entry, else range, else
//! unknown). Each iteration looks up a batch of codes (every known code of the
//! surface, or 64 codes in no table, or 64 codes inside documented ranges) so
//! branch prediction sees a realistic mix; criterion reports the time per
//! batch and the lookups per second.
//!
//! `cargo bench --features bench --bench lookup`

mod common;

/// The generated comparison functions, `<vendor>::<surface>_{hash,phf,match}`,
/// for every numeric surface; this bench times one surface per vendor.
#[allow(dead_code)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/bench_lookups.rs"));
}

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use imerr::easemob::match_rest;
use imerr::{Entry, Match, Range, Surface, Vendor, lookup, lookup_symbol};

/// The alternatives for one numeric surface, built from the library's own
/// tables.
struct Alternatives {
    vendor: Vendor,
    surface: Surface,
    entries: &'static [Entry],
    ranges: Vec<&'static Range>,
    hashmap: HashMap<i64, &'static Entry>,
    sorted: Vec<(i64, &'static Entry)>,
}

impl Alternatives {
    fn new(vendor: Vendor, surface: Surface) -> Self {
        let entries = imerr::entries(vendor, surface);
        let ranges: Vec<&Range> = vendor.ranges().filter(|r| r.surface() == surface).collect();
        let pairs: Vec<(i64, &Entry)> = entries
            .iter()
            .filter_map(|e| Some((e.number().or(e.error_code())?, e)))
            .collect();
        let hashmap = pairs.iter().copied().collect();
        let mut sorted = pairs;
        sorted.sort_by_key(|&(c, _)| c);
        Alternatives {
            vendor,
            surface,
            entries,
            ranges,
            hashmap,
            sorted,
        }
    }

    #[inline]
    fn fallback(&self, code: i64) -> Match {
        match self.ranges.iter().find(|r| r.contains(code)) {
            Some(r) => Match::Range(r),
            None => Match::Unknown,
        }
    }

    #[inline]
    fn by_index(&self, code: i64, index: Option<u16>) -> Match {
        match index {
            Some(i) => Match::Entry(&self.entries[usize::from(i)]),
            None => self.fallback(code),
        }
    }

    #[inline]
    fn hashmap(&self, code: i64) -> Match {
        match self.hashmap.get(&code) {
            Some(e) => Match::Entry(e),
            None => self.fallback(code),
        }
    }

    #[inline]
    fn sorted(&self, code: i64) -> Match {
        match self.sorted.binary_search_by_key(&code, |&(c, _)| c) {
            Ok(i) => Match::Entry(self.sorted[i].1),
            Err(_) => self.fallback(code),
        }
    }

    /// The three batches, 4096 lookups each in a pseudo-random order (too
    /// long for a branch predictor to learn): known codes, codes in no table
    /// and no range, codes inside ranges but in no table.
    fn batches(&self) -> Vec<(&'static str, Vec<i64>)> {
        const BATCH: usize = 4096;
        let mut rng = 0x9E37_79B9_7F4A_7C15_u64;
        let mut pick = move |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n as u64) as usize
        };
        let known = |c: i64| self.hashmap.contains_key(&c);
        let in_range = |c: i64| self.ranges.iter().any(|r| r.contains(c));

        let codes: Vec<i64> = self.sorted.iter().map(|&(c, _)| c).collect();
        let hits = (0..BATCH).map(|_| codes[pick(codes.len())]).collect();
        // Unknown codes near the known ones (the vendor's next release) and
        // far from them.
        let unknown: Vec<i64> = codes
            .iter()
            .flat_map(|&c| [c + 1, c + 17, c * 3 + 1, -c - 1])
            .chain((0..64).map(|i| 1_000_003 * i + 987_654_321))
            .filter(|&c| !known(c) && !in_range(c))
            .collect();
        let misses = (0..BATCH).map(|_| unknown[pick(unknown.len())]).collect();
        let mut out = vec![("hit", hits), ("miss", misses)];
        if !self.ranges.is_empty() {
            let in_ranges: Vec<i64> = self
                .ranges
                .iter()
                .flat_map(|r| {
                    let span = (r.last() - r.first()).max(1);
                    (0..64).map(move |k| r.first() + span * k / 64)
                })
                .filter(|&c| !known(c))
                .collect();
            let ranged = (0..BATCH)
                .map(|_| in_ranges[pick(in_ranges.len())])
                .collect();
            out.push(("range", ranged));
        }
        out
    }
}

/// Sums something of every result so that no lookup can be optimized away.
#[inline]
fn digest(m: Match) -> usize {
    match m {
        Match::Entry(e) => e.meta().symbol().len(),
        Match::Range(r) => r.meta().symbol().len() + 1,
        Match::Unknown => 2,
    }
}

fn bench_surface<H, P, M>(
    c: &mut Criterion,
    vendor: Vendor,
    surface: Surface,
    (hash, phf, matcher): (H, P, M),
) where
    H: Fn(i64) -> Option<u16> + Copy,
    P: Fn(i64) -> Option<u16> + Copy,
    M: Fn(i64) -> Option<u16> + Copy,
{
    let alt = Alternatives::new(vendor, surface);
    // The alternatives agree with the library on every code benchmarked.
    for (_, codes) in alt.batches() {
        for &code in &codes {
            let want = lookup(vendor, surface, code).matched;
            assert_eq!(alt.by_index(code, hash(code)), want, "hash {code}");
            assert_eq!(alt.by_index(code, phf(code)), want, "phf {code}");
            assert_eq!(alt.by_index(code, matcher(code)), want, "match {code}");
            assert_eq!(alt.hashmap(code), want, "hashmap {code}");
            assert_eq!(alt.sorted(code), want, "sorted {code}");
        }
    }
    for (kind, codes) in alt.batches() {
        let mut g = c.benchmark_group(format!("lookup_code/{vendor}_{surface}/{kind}"));
        g.throughput(Throughput::Elements(codes.len() as u64));
        // Each variant written out, as a caller would: direct calls, no `dyn`.
        g.bench_function("api", |b| {
            b.iter(|| {
                black_box(&codes)
                    .iter()
                    .map(|&code| digest(lookup(alt.vendor, alt.surface, code).matched))
                    .sum::<usize>()
            })
        });
        g.bench_function("hash", |b| {
            b.iter(|| {
                black_box(&codes)
                    .iter()
                    .map(|&code| digest(alt.by_index(code, hash(code))))
                    .sum::<usize>()
            })
        });
        g.bench_function("phf", |b| {
            b.iter(|| {
                black_box(&codes)
                    .iter()
                    .map(|&code| digest(alt.by_index(code, phf(code))))
                    .sum::<usize>()
            })
        });
        g.bench_function("match", |b| {
            b.iter(|| {
                black_box(&codes)
                    .iter()
                    .map(|&code| digest(alt.by_index(code, matcher(code))))
                    .sum::<usize>()
            })
        });
        g.bench_function("hashmap", |b| {
            b.iter(|| {
                black_box(&codes)
                    .iter()
                    .map(|&code| digest(alt.hashmap(code)))
                    .sum::<usize>()
            })
        });
        g.bench_function("sorted", |b| {
            b.iter(|| {
                black_box(&codes)
                    .iter()
                    .map(|&code| digest(alt.sorted(code)))
                    .sum::<usize>()
            })
        });
        g.finish();
    }
}

fn lookup_code(c: &mut Criterion) {
    use generated::{easemob, leancloud, netease, openim, rongcloud, tencent};
    bench_surface(
        c,
        Vendor::OpenIm,
        Surface::Server,
        (
            openim::server_hash,
            openim::server_phf,
            openim::server_match,
        ),
    );
    bench_surface(
        c,
        Vendor::Tencent,
        Surface::Server,
        (
            tencent::server_hash,
            tencent::server_phf,
            tencent::server_match,
        ),
    );
    bench_surface(
        c,
        Vendor::Easemob,
        Surface::Sdk,
        (easemob::sdk_hash, easemob::sdk_phf, easemob::sdk_match),
    );
    bench_surface(
        c,
        Vendor::LeanCloud,
        Surface::Realtime,
        (
            leancloud::realtime_hash,
            leancloud::realtime_phf,
            leancloud::realtime_match,
        ),
    );
    bench_surface(
        c,
        Vendor::RongCloud,
        Surface::Sdk,
        (
            rongcloud::sdk_hash,
            rongcloud::sdk_phf,
            rongcloud::sdk_match,
        ),
    );
    bench_surface(
        c,
        Vendor::NetEase,
        Surface::SdkV2,
        (
            netease::sdk_v2_hash,
            netease::sdk_v2_phf,
            netease::sdk_v2_match,
        ),
    );
}

/// Symbols live in phf maps (string keys stay on phf): the public call
/// against a `HashMap` of the same entries.
fn bench_symbols(c: &mut Criterion, vendor: Vendor, surface: Surface) {
    let entries = imerr::entries(vendor, surface);
    // A symbol two entries share (by version) maps to the one the library
    // answers with.
    let map: HashMap<&str, &Entry> = entries
        .iter()
        .filter_map(|e| {
            let s = e.meta().symbol();
            lookup_symbol(vendor, surface, s).map(|found| (s, found))
        })
        .collect();
    let mut rng = 0x2545_F491_4F6C_DD1D_u64;
    let mut pick = move |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    let hits: Vec<&str> = (0..1024)
        .map(|_| entries[pick(entries.len())].meta().symbol())
        .collect();
    let misses: Vec<String> = hits.iter().map(|s| format!("{s}_X")).collect();
    let misses: Vec<&str> = misses.iter().map(String::as_str).collect();
    for s in hits.iter().chain(&misses) {
        let want = lookup_symbol(vendor, surface, s);
        assert_eq!(map.get(s).copied(), want, "{s}");
    }
    for (kind, symbols) in [("hit", &hits), ("miss", &misses)] {
        let mut g = c.benchmark_group(format!("lookup_symbol/{vendor}_{surface}/{kind}"));
        g.throughput(Throughput::Elements(symbols.len() as u64));
        g.bench_function("api", |b| {
            b.iter(|| {
                black_box(symbols)
                    .iter()
                    .filter_map(|s| lookup_symbol(vendor, surface, s))
                    .count()
            })
        });
        g.bench_function("hashmap", |b| {
            b.iter(|| black_box(symbols).iter().filter_map(|s| map.get(s)).count())
        });
        g.finish();
    }
}

fn lookup_by_symbol(c: &mut Criterion) {
    bench_symbols(c, Vendor::OpenIm, Surface::Server);
    bench_symbols(c, Vendor::Tencent, Surface::Server);
    bench_symbols(c, Vendor::NetEase, Surface::SdkV2);
    // Matrix's codes are its symbols (errcodes).
    bench_symbols(c, Vendor::Matrix, Surface::ClientServer);
}

fn easemob_rest(c: &mut Criterion) {
    let mut g = c.benchmark_group("easemob_match_rest");
    /// (name, HTTP status, error type, description)
    type Case = (
        &'static str,
        Option<u16>,
        Option<&'static str>,
        Option<&'static str>,
    );
    let cases: [Case; 4] = [
        (
            "exact_message",
            Some(401),
            Some("unauthorized"),
            Some("Unable to authenticate due to expired access token"),
        ),
        (
            "exact_message_403",
            Some(403),
            Some("forbidden_op"),
            Some("message recall service is unopened"),
        ),
        (
            "pattern",
            Some(403),
            Some("forbidden_op"),
            Some("users [alice, bob] are not members of this group!"),
        ),
        (
            "status_and_type",
            Some(403),
            Some("forbidden_op"),
            Some("a message no table has ever seen"),
        ),
    ];
    for (name, status, error, description) in cases {
        assert!(match_rest(status, error, description).is_some(), "{name}");
        g.bench_function(name, |b| {
            b.iter(|| match_rest(black_box(status), black_box(error), black_box(description)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config(Duration::from_secs(2));
    targets = lookup_code, lookup_by_symbol, easemob_rest
}
criterion_main!(benches);
