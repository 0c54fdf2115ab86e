//! The CLI's output shapes and exit codes are a contract (DESIGN.md).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn imerr(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imerr"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run imerr");
    // The CLI may exit on a bad argument before it reads stdin, closing the
    // pipe; its exit code and output are what the tests check.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

use crate::common::verdict::DESIGN_KEYS;

fn assert_design_keys(v: &Value) {
    for k in DESIGN_KEYS {
        assert!(v.get(k).is_some(), "missing {k}: {v}");
    }
}

#[test]
fn lookup_explains_a_known_code_in_words() {
    let o = imerr(&["lookup", "openim", "1501"], b"");
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("TokenExpiredError"), "{out}");
    assert!(out.contains("action: refresh_credentials"), "{out}");
    assert!(out.contains("hint:"), "{out}");
}

#[test]
fn lookup_json_is_the_classify_object() {
    let o = imerr(&["lookup", "tencent", "70001", "--json"], b"");
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_design_keys(&v);
    assert_eq!(v["vendor"], "tencent");
    assert_eq!(v["code"], 70001);
    assert_eq!(v["known"], true);
    assert_eq!(v["retry"], "after_reauth");
    assert_eq!(v["action"], "refresh_credentials");
    assert_eq!(v["http_status"], 401);
    assert!(
        v["hint_zh"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    );
}

#[test]
fn lookup_of_an_unknown_code_exits_1_and_still_says_what_the_range_says() {
    let o = imerr(&["lookup", "tencent", "125000", "--json"], b"");
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["known"], false);
    assert_eq!(v["category"], "content_rejected");
    assert!(v["range"].is_array());
    let o = imerr(&["lookup", "openim", "987654321"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("not in the tables"));
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["lookup", "whatsapp", "1"][..],
        &["lookup", "openim", "abc"],
        &["lookup", "openim", "1", "--surface", "web"],
        &["lookup"],
        &["frobnicate"],
        &["docs", "--taxonomy", "--vendor", "openim"],
    ] {
        let o = imerr(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!o.stderr.is_empty(), "{args:?} should say what is wrong");
    }
}

#[test]
fn lookup_easemob_rest_by_status_type_and_message() {
    let o = imerr(
        &[
            "lookup",
            "easemob",
            "forbidden_op",
            "--status",
            "403",
            "--message",
            "users [u1, u2] are not members of this group!",
            "--json",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["status"], 403);
    assert_eq!(v["code"], "forbidden_op");
    assert_eq!(v["matched_by"], "pattern");
    assert!(
        v["message"].as_str().unwrap().contains('*'),
        "the entry's pattern: {v}"
    );
    assert!(v["symbol"].as_str().is_some());
}

#[test]
fn classify_reads_one_body_from_stdin() {
    let o = imerr(
        &["classify"],
        br#"{"errCode":1001,"errMsg":"ArgsError","errDlt":"header must have operationID"}"#,
    );
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_design_keys(&v);
    assert_eq!(v["vendor"], "openim");
    assert_eq!(v["symbol"], "ArgsError");
    assert_eq!(v["message"], "header must have operationID");

    let o = imerr(
        &["classify", "--status", "502"],
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["vendor"], Value::Null);
    assert_eq!(v["is_error"], true);
    assert_eq!(v["category"], "unavailable");

    let o = imerr(
        &["classify", "--vendor", "tencent"],
        br#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#,
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["is_error"], false);
}

#[test]
fn classify_survives_a_huge_body() {
    let body = vec![b'{'; 3 << 20];
    let o = imerr(&["classify", "--status", "500"], &body);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["category"], "internal");
}

#[test]
fn classify_lines_prints_one_verdict_per_line() {
    let input = [
        r#"{"errCode":1501,"errMsg":"TokenExpiredError"}"#,
        r#"{"ActionStatus":"FAIL","ErrorCode":70107,"ErrorInfo":"x"}"#,
        "",
        "not json at all",
        r#"{"error":"reach_limit","error_description":"This request has reached api limit","timestamp":1,"duration":0}"#,
        r#"{"cmd":"session","op":"closed","code":4111,"reason":"SESSION_CONFLICT"}"#,
    ]
    .join("\n");
    let o = imerr(&["classify", "--lines"], input.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    for v in &lines {
        assert_design_keys(v);
    }
    assert_eq!(lines[0]["symbol"], "TokenExpiredError");
    assert_eq!(lines[1]["action"], "create_resource");
    assert_eq!(lines[3]["vendor"], Value::Null);
    assert_eq!(lines[4]["category"], "rate_limited");
    assert_eq!(lines[5]["vendor"], "leancloud");
    assert_eq!(lines[5]["code"], 4111);
}

#[test]
fn classify_lines_bounds_an_overlong_line() {
    let mut input = vec![b'x'; 2 << 20];
    input.push(b'\n');
    input.extend_from_slice(br#"{"errCode":1001}"#);
    let o = imerr(&["classify", "--lines"], &input);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].len() < 2048,
        "the verdict of an overlong line stays small"
    );
    assert!(lines[1].contains("ArgsError"));
}

#[test]
fn docs_markdown_matches_the_committed_file_and_json_parses() {
    let o = imerr(
        &[
            "docs",
            "--format",
            "markdown",
            "--vendor",
            "leancloud",
            "--lang",
            "zh",
        ],
        b"",
    );
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/zh/leancloud.md"))
            .unwrap();
    assert_eq!(stdout(&o), committed);
    let o = imerr(&["docs", "--format", "json", "--vendor", "openim"], b"");
    let rows: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(rows.iter().all(|r| r["vendor"] == "openim"));
    assert!(rows.iter().any(|r| r["first"] == 20001));
}

#[test]
fn docs_html_is_the_committed_page_and_takes_a_vendor() {
    let o = imerr(&["docs", "--format", "html"], b"");
    assert_eq!(o.status.code(), Some(0));
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reference.html"))
            .unwrap();
    assert!(
        stdout(&o) == committed,
        "imerr docs --format html differs from docs/reference.html"
    );
    let o = imerr(&["docs", "--format", "html", "--vendor", "matrix"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), imerr::docs::html(Some(imerr::Vendor::Matrix)));
}

#[test]
fn list_filters_by_category() {
    let o = imerr(&["list", "tencent", "--category", "rate_limited"], b"");
    let out = stdout(&o);
    assert!(!out.is_empty());
    assert!(
        out.lines()
            .all(|l| l.split('\t').nth(3) == Some("rate_limited")),
        "{out}"
    );
}

#[test]
fn classify_takes_retry_after_from_a_header() {
    let body = br#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests"}"#;
    let o = imerr(&["classify", "--header", "Retry-After: 7"], body);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["retry_after"], 7, "{v}");
    // Without the header, the table's wait (none for Matrix) stays.
    let v: Value = serde_json::from_str(&stdout(&imerr(&["classify"], body))).unwrap();
    assert_eq!(v["retry_after"], Value::Null, "{v}");
    let o = imerr(&["classify", "-H", "no colon"], body);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Name: value"));
}

fn log_path(name: &str) -> String {
    format!("{}/tests/fixtures/logs/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn scan_prints_one_verdict_per_error_line_with_file_and_line() {
    let path = log_path("gateway.log");
    let o = imerr(&["scan", &path], b"");
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let verdicts: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let expected = std::fs::read_to_string(log_path("gateway.expect.jsonl")).unwrap();
    assert_eq!(verdicts.len(), expected.lines().count(), "{out}");
    for (v, e) in verdicts.iter().zip(expected.lines()) {
        let e: Value = serde_json::from_str(e).unwrap();
        assert_eq!(v["file"], path.as_str());
        assert_eq!(v["line"], e["line"]);
        assert_eq!((&v["vendor"], &v["code"]), (&e["vendor"], &e["code"]));
        assert_design_keys(v);
    }
    // The same from stdin, named `-`.
    let o = imerr(&["scan"], &std::fs::read(&path).unwrap());
    assert_eq!(stdout(&o).lines().count(), verdicts.len());
    assert!(stdout(&o).starts_with(r#"{"file":"-","line":"#));
}

#[test]
fn scan_reads_gzip_and_reports_unreadable_files() {
    use flate2::{Compression, write::GzEncoder};
    let log = std::fs::read(log_path("node-service.log")).unwrap();
    // Two gzip members, as `cat a.gz b.gz` makes.
    let mut gz = Vec::new();
    for half in [&log[..log.len() / 2], &log[log.len() / 2..]] {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(half).unwrap();
        gz.extend(e.finish().unwrap());
    }
    let dir = std::env::temp_dir().join(format!("imerr-scan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("node.log.gz");
    std::fs::write(&file, &gz).unwrap();
    let plain = stdout(&imerr(&["scan", &log_path("node-service.log")], b""));
    let o = imerr(
        &["scan", file.to_str().unwrap(), "/nonexistent/imerr.log"],
        b"",
    );
    std::fs::remove_dir_all(&dir).unwrap();
    // The unreadable file is named and makes the exit 2; the other is read.
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/imerr.log"));
    let lines = |s: &str| -> Vec<(Value, Value)> {
        s.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .map(|v| (v["line"].clone(), v["code"].clone()))
            .collect()
    };
    assert!(!plain.is_empty());
    assert_eq!(lines(&stdout(&o)), lines(&plain));
}

#[test]
fn scan_summary_counts_most_frequent_first() {
    let log = "x errCode=1501 errMsg=TokenExpiredError\n\
               GET / 200\n\
               x errCode=1501 errMsg=TokenExpiredError\n\
               {\"ActionStatus\":\"FAIL\",\"ErrorCode\":70107,\"ErrorInfo\":\"x\"}\n";
    let o = imerr(&["scan", "--summary"], log.as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(
        rows[0].starts_with("count") && rows[0].ends_with("hint"),
        "{out}"
    );
    let cells: Vec<&str> = rows[1].split_whitespace().collect();
    assert_eq!(
        &cells[..7],
        [
            "2",
            "openim",
            "server",
            "1501",
            "TokenExpiredError",
            "auth",
            "refresh_credentials"
        ]
    );
    assert!(rows[2].contains("ERR_SVR_ACCOUNT_NOT_FOUND"), "{out}");
    let zh = stdout(&imerr(
        &["scan", "--summary", "--lang", "zh"],
        log.as_bytes(),
    ));
    assert!(
        zh.lines()
            .nth(1)
            .unwrap()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    );
    // Nothing found says so.
    let none = stdout(&imerr(&["scan", "--summary"], b"GET / 200\n"));
    assert!(none.contains("no vendor errors"), "{none}");
}
