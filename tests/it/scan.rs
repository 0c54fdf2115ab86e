//! Logs: `Scanner` over the whole log files of `tests/fixtures/logs/`
//! finds the records their `.expect.jsonl` list (recall) and reports
//! almost nothing else (false positives), and holds up on inputs built to
//! hurt: long lines, no newlines, binary data, CRLF.

use std::path::{Path, PathBuf};

use imerr::scan::{Finding, Scanner};
use serde_json::Value;

use crate::text::code_json;

fn logs() -> Vec<PathBuf> {
    let files = crate::common::fixture_files("logs", "log");
    assert!(files.len() >= 4, "{files:?}");
    files
}

/// One expected record: its lines, vendor and code.
struct Expected {
    lines: (u64, u64),
    vendor: String,
    code: Value,
}

fn expected(log: &Path) -> Vec<Expected> {
    let text = std::fs::read_to_string(log.with_extension("expect.jsonl")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let line = v["line"].as_u64().unwrap();
            let lines = match v.get("record") {
                Some(r) => (r[0].as_u64().unwrap(), r[1].as_u64().unwrap()),
                None => (line, line),
            };
            Expected {
                lines,
                vendor: v["vendor"].as_str().unwrap().to_owned(),
                code: v["code"].clone(),
            }
        })
        .collect()
}

fn scan(bytes: &[u8]) -> Vec<Finding> {
    Scanner::new(bytes, None)
        .collect::<Result<_, _>>()
        .expect("reading from memory cannot fail")
}

#[test]
fn logs_recall_and_false_positives() {
    let (mut records, mut found, mut lines, mut false_positives) = (0, 0, 0, 0);
    let mut report = Vec::new();
    for log in logs() {
        let name = log.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&log).unwrap();
        lines += bytes.split(|b| *b == b'\n').count();
        let expect = expected(&log);
        let findings = scan(&bytes);
        let mut used = vec![false; findings.len()];
        for e in &expect {
            records += 1;
            let hit = findings.iter().enumerate().find(|(i, f)| {
                !used[*i]
                    && (e.lines.0..=e.lines.1).contains(&f.line())
                    && f.verdict().vendor().map(|v| v.as_str()) == Some(e.vendor.as_str())
                    && code_json(f.verdict().code()) == e.code
            });
            match hit {
                Some((i, _)) => {
                    used[i] = true;
                    found += 1;
                }
                None => report.push(format!(
                    "{name}:{} missed {} {}",
                    e.lines.0, e.vendor, e.code
                )),
            }
        }
        for (f, _) in findings.iter().zip(&used).filter(|(_, u)| !**u) {
            false_positives += 1;
            let v = f.verdict();
            report.push(format!(
                "{name}:{} reported {:?} {:?} {:?}",
                f.line(),
                v.vendor(),
                v.surface(),
                v.code()
            ));
        }
    }
    let recall = found as f64 / records as f64;
    let fp_rate = false_positives as f64 / lines as f64;
    eprintln!(
        "scan: {found} of {records} records found ({:.1}%), {false_positives} false positives in {lines} lines ({:.2}%)",
        recall * 100.0,
        fp_rate * 100.0
    );
    assert!(
        recall >= 0.95 && fp_rate < 0.01,
        "recall {recall:.3}, false positives {fp_rate:.4}:\n{}",
        report.join("\n")
    );
}

#[test]
fn lines_are_numbered_across_crlf_and_blank_lines() {
    let log = b"\r\nGET / 200\r\n\r\n{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}\r\n";
    let found = scan(log);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].line(), 4);
    assert_eq!(found[0].verdict().symbol(), Some("TokenExpiredError"));
}

#[test]
fn input_without_newlines_or_with_binary_is_bounded() {
    // 10 MB of one line: read for its head only.
    let mut big = vec![b'7'; 10 << 20];
    big.extend_from_slice(b" errCode 1501\n");
    assert!(scan(&big).is_empty());
    // Binary noise with an error line after it.
    let mut noise: Vec<u8> = (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    noise.extend_from_slice(
        b"\n{\"ActionStatus\":\"FAIL\",\"ErrorCode\":70107,\"ErrorInfo\":\"x\"}\n",
    );
    let found = scan(&noise);
    let last = found.last().expect("the error after the noise");
    assert_eq!(last.verdict().symbol(), Some("ERR_SVR_ACCOUNT_NOT_FOUND"));
}

#[test]
fn a_given_vendor_reads_bare_codes() {
    let log = b"send failed {\"code\":1004,\"message\":\"x\"}\n";
    let found: Vec<_> = Scanner::new(&log[..], Some(imerr::Vendor::RongCloud))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].verdict().vendor(), Some(imerr::Vendor::RongCloud));
}
