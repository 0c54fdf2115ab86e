//! Every body under `tests/fixtures/<vendor>/` (copied verbatim from the
//! vendors' documented envelopes and real captures) classifies as the
//! `<case>.verdict.json` next to it says: the input HTTP status (and the
//! vendor, when the case names one), and the expected verdict object, every
//! key of `imerr classify` but the hint. After a reviewed change of
//! behaviour or data, rewrite the expectations with
//! `IMERR_BLESS=1 cargo test --all-features --test it fixtures` and review
//! the diff.

use std::path::{Path, PathBuf};

use imerr::{Basis, Classification, Lang, MatchedBy, RawCode, Vendor, classify, classify_from};
use serde_json::{Map, Value, json};

fn cases() -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for dir in vendor_dirs() {
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            if !f.to_string_lossy().ends_with(".verdict.json") {
                cases.push(f);
            }
        }
    }
    cases.sort();
    cases
}

/// `tests/fixtures/<vendor>/`: one folder of bodies per vendor (`text/`,
/// `logs/` and `reference/` hold text cases, logs and reference rows, read
/// by `text.rs`, `scan.rs` and `reference.rs`).
fn vendor_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/fixtures")
        .map(|d| d.unwrap().path())
        .filter(|d| {
            d.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.parse::<Vendor>().is_ok())
        })
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 7, "{dirs:?}");
    dirs
}

fn verdict_path(case: &Path) -> PathBuf {
    let stem = case.file_stem().unwrap().to_string_lossy();
    case.with_file_name(format!("{stem}.verdict.json"))
}

/// The verdict as the CLI prints it, without the hint (which follows the
/// entry, checked below).
fn observed(c: &Classification<'_>) -> Value {
    let mut v = serde_json::to_value(c).unwrap();
    v.as_object_mut().unwrap().remove("hint");
    v
}

/// What every verdict must hold whatever its expectation says: a known code
/// carries its entry's hint and class, a numeric code resolves as a plain
/// lookup does, a success is not retryable, and the same body classified
/// with the vendor given gives the same verdict.
fn check_consistent(name: &str, c: &Classification<'_>, status: Option<u16>, body: &[u8]) {
    if let Some(entry) = c.matched().entry() {
        assert_eq!(c.retry(), entry.meta().retry(), "{name}: retry");
        assert_eq!(
            c.hint(Lang::En),
            entry.meta().hint(Lang::En),
            "{name}: hint"
        );
        assert_eq!(Some(entry.vendor()), c.vendor(), "{name}: entry vendor");
        assert_eq!(Some(entry.surface()), c.surface(), "{name}: entry surface");
    }
    if let (Some(RawCode::Number(n)), Some(v), Some(s)) = (c.code(), c.vendor(), c.surface()) {
        // Easemob's streaming error_code is matched by its own index.
        if c.matched_by() != Some(MatchedBy::ErrorCode) {
            assert_eq!(
                imerr::lookup(v, s, *n).matched,
                c.matched(),
                "{name}: lookup agrees"
            );
        }
    }
    if !c.is_error() {
        assert_eq!(c.basis(), Basis::Success, "{name}: basis");
        assert!(!c.is_retryable(), "{name}: success is not retryable");
    }
    if let Some(v) = c.vendor() {
        assert_eq!(&classify_from(v, status, body), c, "{name}: classify_from");
    }
}

/// Every fixture with its input status, as (name, status, body), for tests
/// that check a property of every real body.
pub fn all() -> Vec<(String, Option<u16>, Vec<u8>)> {
    cases()
        .into_iter()
        .map(|case| {
            let spec: Value = std::fs::read_to_string(verdict_path(&case))
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default();
            let status = spec["status"].as_u64().and_then(|s| u16::try_from(s).ok());
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            (name, status, std::fs::read(&case).unwrap())
        })
        .collect()
}

#[test]
fn every_fixture_classifies_as_its_verdict_file_says() {
    let bless = std::env::var_os("IMERR_BLESS").is_some();
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 50, "fixtures found: {}", cases.len());
    for case in &cases {
        let name = case
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        let body = std::fs::read(case).unwrap();
        let path = verdict_path(case);
        let spec: Value = match std::fs::read_to_string(&path) {
            Ok(t) => serde_json::from_str(&t).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            Err(_) if bless => json!({ "status": null }),
            Err(_) => {
                failures.push(format!(
                    "{name}: no {}; write its input status and run with IMERR_BLESS=1",
                    path.display()
                ));
                continue;
            }
        };
        let status = spec["status"].as_u64().map(|s| u16::try_from(s).unwrap());
        let vendor: Option<Vendor> = spec
            .get("vendor")
            .and_then(Value::as_str)
            .map(|v| v.parse().unwrap());
        let c = match vendor {
            Some(v) => classify_from(v, status, &body),
            None => classify(status, &body),
        };
        check_consistent(&name, &c, status, &body);
        let got = observed(&c);
        if bless {
            let mut out = Map::new();
            out.insert("status".into(), spec["status"].clone());
            if let Some(v) = spec.get("vendor") {
                out.insert("vendor".into(), v.clone());
            }
            out.insert("expect".into(), got);
            let text = serde_json::to_string_pretty(&Value::Object(out)).unwrap() + "\n";
            std::fs::write(&path, text).unwrap();
        } else if spec["expect"] != got {
            failures.push(format!(
                "{name}:\n  expected {}\n  got      {}",
                spec["expect"], got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) disagree (IMERR_BLESS=1 rewrites the expectations after a reviewed change):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_verdict_file_has_its_fixture() {
    let cases = cases();
    for dir in vendor_dirs() {
        for f in std::fs::read_dir(dir).unwrap() {
            let f = f.unwrap().path();
            if f.to_string_lossy().ends_with(".verdict.json") {
                assert!(
                    cases.iter().any(|c| verdict_path(c) == f),
                    "{}: no fixture of that name",
                    f.display()
                );
            }
        }
    }
}
