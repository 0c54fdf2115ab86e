//! The work of `imerr classify --lines` at library level (no process, no
//! pipe): 100,000 mixed lines of the four vendors' bodies, success bodies and
//! garbage, each classified and written as one JSON verdict line into a Vec
//! (with `Classification::write_json`, as the CLI does, and through serde_json),
//! against the naive loop a script would do (parse each line into a
//! `serde_json::Value`, pick `errCode` / `ErrorCode` / `code` / `error`,
//! print a small JSON line).
//!
//! `cargo bench --bench lines`
//!
//! With `IMERR_LINES_FILE=<path>` set, the generated input is also written to
//! that file, to time the real binary on the same lines:
//! `IMERR_LINES_FILE=/tmp/lines.jsonl cargo bench --bench lines -- --test`
//! then `hyperfine 'target/release/imerr classify --lines < /tmp/lines.jsonl > /dev/null'`.

mod common;

use common::Rng;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group};
use imerr::{Code, Entry, Surface, Vendor};
use serde::Serialize;
use serde_json::Value;

const LINES: usize = 100_000;

fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("a str serializes")
}

fn numeric(vendor: Vendor, surface: Surface) -> Vec<&'static Entry> {
    imerr::entries(vendor, surface)
        .iter()
        .filter(|e| e.number().is_some_and(|n| n != 0))
        .collect()
}

/// The generated input: one body per line.
fn input() -> Vec<u8> {
    let openim = numeric(Vendor::OpenIm, Surface::Server);
    let tencent = numeric(Vendor::Tencent, Surface::Server);
    let lc_rest = numeric(Vendor::LeanCloud, Surface::Rest);
    let lc_rt = numeric(Vendor::LeanCloud, Surface::Realtime);
    let easemob: Vec<&Entry> = imerr::entries(Vendor::Easemob, Surface::Rest)
        .iter()
        .filter(|e| matches!(e.code(), Some(Code::Text(_))))
        .collect();
    let mut rng = Rng(0x1DEA_5EED_0000_0007);
    let mut out = Vec::with_capacity(LINES * 160);
    for _ in 0..LINES {
        let line = match rng.below(100) {
            0..22 => {
                let e = rng.pick(&openim);
                format!(
                    r#"{{"errCode":{},"errMsg":{},"errDlt":{},"data":null}}"#,
                    e.number().unwrap_or_default(),
                    json_str(e.meta().symbol()),
                    json_str(e.message().unwrap_or("the request could not be processed"))
                )
            }
            22..44 => {
                let e = rng.pick(&tencent);
                format!(
                    r#"{{"ActionStatus":"FAIL","ErrorInfo":{},"ErrorCode":{}}}"#,
                    json_str(e.message().unwrap_or("Fail to process the request")),
                    e.number().unwrap_or_default()
                )
            }
            44..66 => {
                let e = rng.pick(&easemob);
                let ty = match e.code() {
                    Some(Code::Text(t)) => t,
                    _ => "bad_request",
                };
                let msg = e.message_or_pattern().map_or_else(
                    || "something went wrong".to_string(),
                    |m| m.replace('*', "u1"),
                );
                format!(
                    r#"{{"error":{},"exception":"com.easemob.EasemobException","timestamp":1644402553845,"duration":0,"error_description":{}}}"#,
                    json_str(ty),
                    json_str(&msg)
                )
            }
            66..76 => {
                let e = rng.pick(&lc_rest);
                format!(
                    r#"{{"code":{},"error":{}}}"#,
                    e.number().unwrap_or_default(),
                    json_str(e.message().unwrap_or("request failed"))
                )
            }
            76..86 => {
                let e = rng.pick(&lc_rt);
                format!(
                    r#"{{"cmd":"error","code":{},"reason":{},"i":{}}}"#,
                    e.number().unwrap_or_default(),
                    json_str(e.meta().symbol()),
                    rng.below(1000)
                )
            }
            86..90 => r#"{"errCode":0,"errMsg":"","errDlt":"","data":{"userID":"u1"}}"#.into(),
            90..94 => r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#.into(),
            94..96 => r#"{"cmd":"ack","i":12,"t":1583293324555}"#.into(),
            96 => {
                "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>".into()
            }
            97 => "404 page not found".into(),
            98 => String::new(),
            _ => r#"{"errCode":1001,"errMsg":"Args"#.into(),
        };
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}

fn lines(input: &[u8]) -> impl Iterator<Item = &[u8]> {
    input
        .strip_suffix(b"\n")
        .unwrap_or(input)
        .split(|&b| b == b'\n')
}

/// What `imerr classify --lines` does per line, minus the pipe.
fn library(input: &[u8], out: &mut Vec<u8>) {
    out.clear();
    for line in lines(input) {
        imerr::classify(None, line).write_json(out);
        out.push(b'\n');
    }
}

/// The same verdicts written through `Serialize` (the same bytes).
fn library_serde(input: &[u8], out: &mut Vec<u8>) {
    out.clear();
    for line in lines(input) {
        serde_json::to_writer(&mut *out, &imerr::classify(None, line)).expect("a Vec never fails");
        out.push(b'\n');
    }
}

#[derive(Serialize)]
struct NaiveVerdict<'v> {
    vendor: Option<&'static str>,
    code: Option<&'v Value>,
}

/// The naive loop.
fn naive(input: &[u8], out: &mut Vec<u8>) {
    out.clear();
    for line in lines(input) {
        let v: Value = serde_json::from_slice(line).unwrap_or(Value::Null);
        let (vendor, code) = if let Some(c) = v.get("errCode") {
            (Some("openim"), Some(c))
        } else if let Some(c) = v.get("ErrorCode") {
            (Some("tencent"), Some(c))
        } else if let Some(c) = v.get("code") {
            (Some("leancloud"), Some(c))
        } else if let Some(c) = v.get("error") {
            (Some("easemob"), Some(c))
        } else {
            (None, None)
        };
        serde_json::to_writer(&mut *out, &NaiveVerdict { vendor, code })
            .expect("a Vec never fails");
        out.push(b'\n');
    }
}

fn bench(c: &mut Criterion) {
    let input = input();
    if let Some(path) = std::env::var_os("IMERR_LINES_FILE") {
        std::fs::write(&path, &input).expect("IMERR_LINES_FILE is writable");
    }
    let mut out = Vec::with_capacity(LINES * 600);
    library(&input, &mut out);
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), LINES);
    let mut serde_out = Vec::with_capacity(LINES * 600);
    library_serde(&input, &mut serde_out);
    assert!(out == serde_out, "write_json and serde_json disagree");

    let mut g = c.benchmark_group("lines_100k");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .throughput(Throughput::Elements(LINES as u64));
    g.bench_function("classify_write_json", |b| {
        b.iter(|| {
            library(black_box(&input), &mut out);
            out.len()
        })
    });
    g.bench_function("classify_serde_json", |b| {
        b.iter(|| {
            library_serde(black_box(&input), &mut out);
            out.len()
        })
    });
    g.bench_function("classify_only", |b| {
        b.iter(|| {
            lines(black_box(&input))
                .filter(|line| imerr::classify(None, line).is_error())
                .count()
        })
    });
    g.bench_function("naive_value", |b| {
        b.iter(|| {
            naive(black_box(&input), &mut out);
            out.len()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config(Duration::from_secs(2));
    targets = bench
}

/// `IMERR_PROFILE=<loop>` (`write_json`, `serde_json`, `classify` or
/// `naive`) runs that loop once over the 100,000 lines and exits, without
/// criterion: for `valgrind --tool=callgrind`.
fn profile(variant: &str) {
    let input = input();
    let mut out = Vec::with_capacity(LINES * 600);
    let n = match variant {
        "write_json" => {
            library(&input, &mut out);
            out.len()
        }
        "serde_json" => {
            library_serde(&input, &mut out);
            out.len()
        }
        "classify" => lines(&input)
            .filter(|line| imerr::classify(None, line).is_error())
            .count(),
        "naive" => {
            naive(&input, &mut out);
            out.len()
        }
        other => panic!("unknown loop {other}"),
    };
    println!("{variant}: {n}");
}

fn main() {
    if let Some(variant) = std::env::var_os("IMERR_PROFILE") {
        profile(&variant.to_string_lossy());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
