//! `imerr scan` at library level: `Scanner` over an in-memory log, against
//! what `grep -cE 'errCode|ErrorCode|code'` does (count the lines holding
//! one of those words, with the same SIMD substring search grep's engine
//! uses), on two logs built from the test fixtures:
//!
//! - `typical`: the four fixture logs (gateway, logcat, iOS console, Node
//!   service: 81 error records among 1,320 lines, with their hard
//!   negatives) spread through 20 times as many ordinary lines (access
//!   lines, info lines): about 0.3% of lines carry an error;
//! - `dense`: the fixture logs alone, over and over: 6% of lines carry an
//!   error and a quarter mention a code, an error or a failure.
//!
//! `cargo bench --bench scan`
//!
//! With `IMERR_SCAN_FILE=<path>` (and `IMERR_SCAN_MB`, default 500;
//! `IMERR_SCAN_MIX=dense` for the dense log) the log is written to that
//! file instead, to time the binary against grep:
//! `IMERR_SCAN_FILE=/tmp/scan.log cargo bench --bench scan`, then
//! `time grep -cE 'errCode|ErrorCode|code' /tmp/scan.log` and
//! `time target/release/imerr scan /tmp/scan.log > /dev/null`.

mod common;

use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

use common::Rng;
use criterion::{Criterion, Throughput, criterion_group};
use imerr::scan::Scanner;

const FIXTURES: [&[u8]; 4] = [
    include_bytes!("../tests/fixtures/logs/gateway.log"),
    include_bytes!("../tests/fixtures/logs/android-logcat.log"),
    include_bytes!("../tests/fixtures/logs/ios-console.log"),
    include_bytes!("../tests/fixtures/logs/node-service.log"),
];

/// Ordinary lines per fixture line in the typical log.
const ORDINARY_PER_FIXTURE_LINE: usize = 20;

/// One ordinary line: an nginx access line or a service's info line, with
/// numbers (statuses, sizes, times, ids) but no error.
fn ordinary(rng: &mut Rng, out: &mut Vec<u8>) {
    const PATHS: [&str; 6] = [
        "/v1/messages",
        "/v1/conversations/sync",
        "/healthz",
        "/v1/users/profile",
        "/metrics",
        "/v1/groups/members",
    ];
    const STATUS: [u16; 5] = [200, 200, 200, 204, 304];
    let (h, m, s) = (rng.below(24), rng.below(60), rng.below(60));
    if rng.below(2) == 0 {
        let _ = writeln!(
            out,
            "10.42.{}.{} - - [02/Mar/2026:{h:02}:{m:02}:{s:02} +0800] \"GET {} HTTP/1.1\" {} {} \"-\" \"okhttp/4.12.0\" {}.{:03}",
            rng.below(256),
            rng.below(256),
            rng.pick(&PATHS),
            rng.pick(&STATUS),
            rng.below(20_000),
            rng.below(2),
            rng.below(1000),
        );
    } else {
        let _ = writeln!(
            out,
            "2026-03-02T{h:02}:{m:02}:{s:02}.{:03}+0800\tINFO\thttp/server.go:{}\trequest handled\t{{\"path\": \"{}\", \"user\": \"u_{}\", \"took_ms\": {}, \"bytes\": {}}}",
            rng.below(1000),
            rng.below(400),
            rng.pick(&PATHS),
            rng.below(100_000),
            rng.below(900),
            rng.below(50_000),
        );
    }
}

/// A log of about `bytes`: the fixture logs, alone (`dense`) or spread
/// through ordinary lines.
fn log(bytes: usize, dense: bool, out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = Rng(0x5CA1_AB1E_0000_0012);
    let mut written = 0;
    let mut buf = Vec::with_capacity(1 << 20);
    while written < bytes {
        for fixture in FIXTURES {
            for line in fixture.split_inclusive(|b| *b == b'\n') {
                buf.extend_from_slice(line);
                if !dense {
                    for _ in 0..ORDINARY_PER_FIXTURE_LINE {
                        ordinary(&mut rng, &mut buf);
                    }
                }
                if buf.len() >= 1 << 20 {
                    written += buf.len();
                    out.write_all(&buf)?;
                    buf.clear();
                }
            }
        }
    }
    out.write_all(&buf)?;
    Ok(())
}

/// The grep baseline: lines holding `errCode`, `ErrorCode` or `code`
/// (`code` covers the other two, as it does for grep's matcher).
fn grep_count(log: &[u8]) -> usize {
    let finder = memchr::memmem::Finder::new("code");
    let mut count = 0;
    let mut at = 0;
    while let Some(i) = finder.find(&log[at..]) {
        count += 1;
        let hit = at + i;
        // Count the line once and go on after it.
        at = memchr::memchr(b'\n', &log[hit..]).map_or(log.len(), |n| hit + n + 1);
    }
    count
}

fn scan_count(log: &[u8]) -> usize {
    Scanner::new(log, None).filter(|f| f.is_ok()).count()
}

fn bench(c: &mut Criterion) {
    for (name, dense) in [("typical", false), ("dense", true)] {
        let mut input = Vec::new();
        log(16 << 20, dense, &mut input).expect("writing to memory");
        let mut group = c.benchmark_group(format!("scan_{name}"));
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function("grep_baseline", |b| {
            b.iter(|| grep_count(black_box(&input)))
        });
        group.bench_function("scanner", |b| b.iter(|| scan_count(black_box(&input))));
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = common::config(Duration::from_secs(10)).sample_size(10);
    targets = bench
}

fn main() {
    if let Some(path) = std::env::var_os("IMERR_SCAN_FILE") {
        let mb: usize = std::env::var("IMERR_SCAN_MB")
            .ok()
            .and_then(|m| m.parse().ok())
            .unwrap_or(500);
        let dense = std::env::var("IMERR_SCAN_MIX").is_ok_and(|m| m == "dense");
        let file = std::fs::File::create(&path).expect("create IMERR_SCAN_FILE");
        let mut out = std::io::BufWriter::new(file);
        log(mb << 20, dense, &mut out).expect("write IMERR_SCAN_FILE");
        out.flush().expect("write IMERR_SCAN_FILE");
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
