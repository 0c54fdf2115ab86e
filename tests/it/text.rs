//! Error text: the cases of `tests/fixtures/text/<vendor>.jsonl` (SDK log
//! lines, exception and error renderings, console dumps, protobuf frames,
//! wrappers; see that folder's README) classify to the expected vendor,
//! surface and code, with the wrapper kept, and the hard negatives give no
//! vendor error.

use imerr::{RawCode, classify};
use serde_json::Value;

pub fn code_json(c: Option<&RawCode<'_>>) -> Value {
    match c {
        Some(RawCode::Number(n)) => Value::from(*n),
        Some(RawCode::Text(t)) => Value::from(t.as_ref()),
        None => Value::Null,
    }
}

/// What went wrong with one case, if anything.
pub fn check(case: &Value) -> Option<String> {
    let text = case["text"].as_str().unwrap();
    let c = classify(None, text.as_bytes());
    let got = serde_json::json!({
        "vendor": c.vendor().map(|v| v.as_str()),
        "surface": c.surface().map(|s| s.as_str()),
        "code": code_json(c.code()),
        "wrapped_by": code_json(c.wrapped_by()),
        "is_error": c.is_error(),
    });
    let expect = &case["expect"];
    if expect.is_null() {
        // No vendor error: nothing, or a success.
        return (c.is_error() && c.vendor().is_some()).then(|| format!("expected none, got {got}"));
    }
    let mut wrong = Vec::new();
    for key in ["vendor", "surface", "code"] {
        if expect[key] != got[key] {
            wrong.push(key);
        }
    }
    if let Some(w) = expect.get("wrapped_by")
        && *w != got["wrapped_by"]
    {
        wrong.push("wrapped_by");
    }
    (!wrong.is_empty()).then(|| format!("{} wrong: expected {expect}, got {got}", wrong.join("+")))
}

#[test]
fn text_cases_classify_as_expected() {
    let cases = crate::common::text_cases();
    assert!(cases.len() >= 300, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (file, line, case) in &cases {
        if let Some(why) = check(case) {
            failures.push(format!(
                "{file}:{line} [{}] {why}\n    {}",
                case["form"], case["text"]
            ));
        }
    }
    let right = cases.len() - failures.len();
    let share = right as f64 / cases.len() as f64;
    eprintln!(
        "{right} of {} text cases right ({:.1}%)",
        cases.len(),
        share * 100.0
    );
    // The bar the held-out captures are measured against.
    assert!(
        share >= 0.95,
        "{} of {} text cases wrong:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
