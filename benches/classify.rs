//! `imerr::classify` on each vendor's typical error body, against what a
//! backend would otherwise write with serde_json on the same bytes:
//!
//! - `classify`: `imerr::classify(status, body)`: parse, detect the vendor,
//!   look the code up (Easemob: match the message), the full verdict;
//! - `typed_same_fields`: `serde_json::from_slice` into a struct with the
//!   same fields (names and aliases) as classify's envelope, strings borrowed
//!   (`&str`: zero-copy; note that an `Option<Cow<str>>` field would not
//!   borrow, serde's `borrow` attribute only reaches a bare `Cow`, and would
//!   allocate every string), codes as `i64`: parsing only, no verdict;
//! - `typed_vendor_only`: a struct with only that vendor's three or four
//!   fields: the least a hand-written parser for one vendor would do;
//! - `value`: `serde_json::from_slice::<serde_json::Value>`.
//!
//! `cargo bench --bench classify`

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group};
use serde::Deserialize;
use serde::de::IgnoredAny;

/// The typical bodies (docs/design.md), with the HTTP status they come with.
const BODIES: [(&str, Option<u16>, &[u8]); 10] = [
    (
        "openim",
        Some(200),
        br#"{"errCode":1001,"errMsg":"ArgsError","errDlt":"header must have operationID"}"#,
    ),
    (
        "tencent",
        Some(200),
        br#"{"ActionStatus":"FAIL","ErrorInfo":"Fail to Parse json data of body, Please check it","ErrorCode":90001}"#,
    ),
    (
        "easemob",
        Some(403),
        br#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_description":"message recall service is unopened"}"#,
    ),
    (
        "leancloud_rest",
        Some(400),
        br#"{"code":4301,"error":"Conversation API failed: upstream timeout."}"#,
    ),
    (
        "leancloud_realtime",
        None,
        br#"{"cmd":"error","code":4301,"reason":"CONVERSATION_API_FAILED","appCode":null,"detail":"upstream timeout","i":12}"#,
    ),
    (
        "openim_success",
        Some(200),
        br#"{"errCode":0,"errMsg":"","errDlt":"","data":{"userID":"u1"}}"#,
    ),
    (
        "rongcloud",
        Some(200),
        br#"{"code":1002,"errorMessage":"userId is required"}"#,
    ),
    (
        "netease_v1",
        Some(200),
        br#"{"code":414,"desc":"parameter error"}"#,
    ),
    (
        "netease_v2",
        Some(200),
        br#"{"code":102422,"msg":"account banned","data":null}"#,
    ),
    (
        "matrix",
        Some(429),
        br#"{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000}"#,
    ),
];

/// The fields of classify's envelope, typed the way one would by hand.
#[derive(Deserialize)]
#[allow(dead_code)]
struct SameFields<'a> {
    #[serde(rename = "errCode", alias = "ErrCode", alias = "err_code")]
    err_code: Option<i64>,
    #[serde(
        rename = "errMsg",
        alias = "errmsg",
        alias = "ErrMsg",
        alias = "err_msg",
        borrow
    )]
    err_msg: Option<&'a str>,
    #[serde(
        rename = "errDlt",
        alias = "errdlt",
        alias = "ErrDlt",
        alias = "err_dlt",
        borrow
    )]
    err_dlt: Option<&'a str>,
    #[serde(rename = "ActionStatus", alias = "actionStatus", borrow)]
    action_status: Option<&'a str>,
    #[serde(rename = "ErrorCode", alias = "errorCode")]
    tencent_code: Option<i64>,
    #[serde(rename = "ErrorInfo", alias = "errorInfo", borrow)]
    error_info: Option<&'a str>,
    #[serde(rename = "ErrorDisplay", alias = "errorDisplay", borrow)]
    error_display: Option<&'a str>,
    #[serde(rename = "ErrorList")]
    error_list: Option<IgnoredAny>,
    #[serde(rename = "ResultItem")]
    result_item: Option<IgnoredAny>,
    #[serde(borrow)]
    error: Option<&'a str>,
    #[serde(borrow)]
    error_description: Option<&'a str>,
    #[serde(borrow)]
    exception: Option<&'a str>,
    error_code: Option<i64>,
    timestamp: Option<IgnoredAny>,
    duration: Option<IgnoredAny>,
    code: Option<i64>,
    #[serde(borrow)]
    cmd: Option<&'a str>,
    #[serde(borrow)]
    op: Option<&'a str>,
    #[serde(borrow)]
    reason: Option<&'a str>,
    #[serde(rename = "appMsg", borrow)]
    app_msg: Option<&'a str>,
    #[serde(rename = "errorMessage", borrow)]
    error_message: Option<&'a str>,
    #[serde(borrow)]
    msg: Option<&'a str>,
    #[serde(borrow)]
    desc: Option<&'a str>,
    data: Option<IgnoredAny>,
    /// OpenIM's integer or Matrix's text.
    errcode: Option<IgnoredAny>,
    retry_after_ms: Option<u64>,
    soft_logout: Option<bool>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct OpenIm<'a> {
    #[serde(rename = "errCode")]
    code: i64,
    #[serde(rename = "errMsg", borrow)]
    msg: Option<&'a str>,
    #[serde(rename = "errDlt", borrow)]
    dlt: Option<&'a str>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Tencent<'a> {
    #[serde(rename = "ActionStatus", borrow)]
    status: &'a str,
    #[serde(rename = "ErrorCode")]
    code: i64,
    #[serde(rename = "ErrorInfo", borrow)]
    info: Option<&'a str>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Easemob<'a> {
    #[serde(borrow)]
    error: &'a str,
    #[serde(borrow)]
    error_description: Option<&'a str>,
    #[serde(borrow)]
    exception: Option<&'a str>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct LeanCloud<'a> {
    #[serde(borrow)]
    cmd: Option<&'a str>,
    code: i64,
    #[serde(borrow)]
    error: Option<&'a str>,
    #[serde(borrow)]
    reason: Option<&'a str>,
}

/// RongCloud's and NetEase's `{code, message}` shapes.
#[derive(Deserialize)]
#[allow(dead_code)]
struct CodeMessage<'a> {
    code: i64,
    #[serde(alias = "errorMessage", alias = "desc", alias = "msg", borrow)]
    message: Option<&'a str>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Matrix<'a> {
    #[serde(borrow)]
    errcode: &'a str,
    #[serde(borrow)]
    error: Option<&'a str>,
    retry_after_ms: Option<u64>,
}

fn vendor_only(name: &str, body: &[u8]) -> bool {
    if name.starts_with("rongcloud") || name.starts_with("netease") {
        serde_json::from_slice::<CodeMessage>(body).is_ok()
    } else if name.starts_with("matrix") {
        serde_json::from_slice::<Matrix>(body).is_ok()
    } else if name.starts_with("openim") {
        serde_json::from_slice::<OpenIm>(body).is_ok()
    } else if name.starts_with("tencent") {
        serde_json::from_slice::<Tencent>(body).is_ok()
    } else if name.starts_with("easemob") {
        serde_json::from_slice::<Easemob>(body).is_ok()
    } else {
        serde_json::from_slice::<LeanCloud>(body).is_ok()
    }
}

fn classify(c: &mut Criterion) {
    for (name, status, body) in BODIES {
        // Every baseline parses the body: no variant measures a failure path.
        assert!(serde_json::from_slice::<SameFields>(body).is_ok(), "{name}");
        assert!(vendor_only(name, body), "{name}");
        let verdict = imerr::classify(status, body);
        assert!(verdict.vendor().is_some(), "{name}: {verdict:?}");

        let mut g = c.benchmark_group(format!("classify/{name}"));
        g.throughput(Throughput::Bytes(body.len() as u64));
        g.bench_function("classify", |b| {
            b.iter(|| imerr::classify(black_box(status), black_box(body)))
        });
        g.bench_function("typed_same_fields", |b| {
            b.iter(|| serde_json::from_slice::<SameFields>(black_box(body)).is_ok())
        });
        g.bench_function("typed_vendor_only", |b| {
            b.iter(|| vendor_only(name, black_box(body)))
        });
        g.bench_function("value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)).is_ok())
        });
        g.finish();
    }
}

/// What a gateway does with the verdict: one logfmt line, or one JSON object,
/// into a buffer it reuses.
fn render(c: &mut Criterion) {
    use std::fmt::Write;
    let (_, status, body) = BODIES[2];
    let verdict = imerr::classify(status, body);
    let mut g = c.benchmark_group("render/easemob");
    let mut text = String::with_capacity(1024);
    g.bench_function("logfmt", |b| {
        b.iter(|| {
            text.clear();
            write!(text, "{}", black_box(&verdict).logfmt()).unwrap();
            text.len()
        })
    });
    let mut json = Vec::with_capacity(1024);
    g.bench_function("json", |b| {
        b.iter(|| {
            json.clear();
            serde_json::to_writer(&mut json, black_box(&verdict)).unwrap();
            json.len()
        })
    });
    g.bench_function("write_json", |b| {
        b.iter(|| {
            json.clear();
            black_box(&verdict).write_json(&mut json);
            json.len()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    // 5 s per function: these calls take 100-400 ns, and on a shared
    // machine a 2 s sample of one of them can land on a busy moment (one run
    // measured a body 40 % slower than the next).
    config = common::config(Duration::from_secs(5));
    targets = classify, render
}

/// `IMERR_PROFILE=<body>/<variant>` (e.g. `easemob/classify`; variants:
/// `classify`, `typed_same_fields`, `typed_vendor_only`, `value`, and `json`
/// / `write_json` / `logfmt` to render the body's verdict) runs that
/// variant `IMERR_PROFILE_ITERS` times (default 100000) and exits, without
/// criterion: for `valgrind --tool=callgrind`, whose instruction counts are
/// the same on a busy machine. Run it twice (a small and a large count) and
/// divide the difference to get instructions per call.
fn profile(spec: &str) {
    let (name, variant) = spec
        .split_once('/')
        .expect("IMERR_PROFILE=<body>/<variant>");
    let iters: usize = std::env::var("IMERR_PROFILE_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let (_, status, body) = BODIES
        .iter()
        .copied()
        .find(|(n, _, _)| *n == name)
        .expect("a body name of BODIES");
    let verdict = imerr::classify(status, body);
    let mut out = Vec::with_capacity(4096);
    let mut n = 0usize;
    for _ in 0..iters {
        let body = black_box(body);
        n += match variant {
            "classify" => usize::from(imerr::classify(black_box(status), body).is_error()),
            "typed_same_fields" => usize::from(serde_json::from_slice::<SameFields>(body).is_ok()),
            "typed_vendor_only" => usize::from(vendor_only(name, body)),
            "value" => usize::from(serde_json::from_slice::<serde_json::Value>(body).is_ok()),
            "json" => {
                out.clear();
                serde_json::to_writer(&mut out, black_box(&verdict)).expect("a Vec never fails");
                out.len()
            }
            "write_json" => {
                out.clear();
                black_box(&verdict).write_json(&mut out);
                out.len()
            }
            "logfmt" => {
                use std::io::Write;
                out.clear();
                write!(out, "{}", black_box(&verdict).logfmt()).expect("a Vec never fails");
                out.len()
            }
            other => panic!("unknown variant {other}"),
        };
    }
    println!("{spec}: {n} of {iters}");
}

fn main() {
    if let Some(spec) = std::env::var_os("IMERR_PROFILE") {
        profile(&spec.to_string_lossy());
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
