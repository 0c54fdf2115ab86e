//! Property tests: whatever a vendor (or a proxy in front of it) sends back,
//! classification never panics and every verdict keeps the promises of
//! docs/design.md: it serializes to the documented JSON object, its logfmt
//! rendering is one line, the vendor's message is bounded and free of control
//! characters, a non-error verdict has category `ok`, and a known code comes
//! back as itself.
//!
//! Inputs: arbitrary bytes, arbitrary strings, and real envelopes of the four
//! vendors mutated byte-wise (flips, truncation, insertion, deletion) and
//! value-wise (strings, negative and huge numbers, floats, nested objects in
//! place of the real values; keys dropped, duplicated or added).
//!
//! The case count is proptest's default (256, or `PROPTEST_CASES`), so
//! `cargo test` stays fast.

mod common;

use std::borrow::Cow;

use imerr::{
    Basis, Category, Classification, Code, Lang, MAX_MESSAGE, Match, RawCode, Surface, Vendor,
    classify, classify_from, easemob, lookup,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::Value;

const SURFACES: [Surface; 6] = [
    Surface::Server,
    Surface::Chat,
    Surface::Sdk,
    Surface::Rest,
    Surface::Web,
    Surface::Realtime,
];

use common::verdict::{DESIGN_KEYS, breaks_logs};

/// Real bodies, as the vendors send them (see `../reference/<vendor>/envelope.md`).
const REAL_BODIES: [&str; 21] = [
    // OpenIM
    r#"{"errCode":1001,"errMsg":"ArgsError","errDlt":""}"#,
    r#"{"errCode":1001,"errMsg":"ArgsError","errDlt":"header must have operationID"}"#,
    r#"{"errCode": 1004, "errMsg": "RecordNotFoundError", "errDlt": ": [1004]RecordNotFoundError"}"#,
    r#"{"errCode":429,"errMsg":"too many requests, please try again later","errDlt":""}"#,
    r#"{"errCode": 0, "errMsg": "", "errDlt": "", "data": {"token": "…", "expireTimeSeconds": 7776000}}"#,
    r#"{"actionCode":0,"errCode":0,"errMsg":"Success","errDlt":"","nextCode":0}"#,
    // Tencent Cloud IM
    r#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":"UserSig expired"}"#,
    r#"{"ActionStatus":"FAIL","ErrorInfo":"Invalid format of To_Account","ErrorCode":90003}"#,
    r#"{ "ActionStatus":"FAIL", "ErrorCode":40001, "ErrorInfo":"Err_Profile_Comm_Decode_Fail", "ErrorDisplay":"" }"#,
    r#"{ "ActionStatus": "SomeError", "ErrorCode": 0, "ErrorInfo": "", "MsgKey": "4852_28135_1579678877", "ErrorList": [ { "To_Account": "rong", "ErrorCode": 70107 } ] }"#,
    r#"{ "ActionStatus": "OK", "ErrorCode": 0, "ErrorInfo": "", "ResultItem": [ { "To_Account":"id1", "ResultCode":0, "ResultInfo":"" }, { "To_Account":"id2", "ResultCode":30006, "ResultInfo":"Err_SNS_FriendAdd_Unpack_Profile_Data_Fail" } ] }"#,
    r#"{ "ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0 }"#,
    // Easemob
    r#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1644402553845,"duration":0,"error_description":"message recall service is unopened"}"#,
    r#"{"error":"auth_bad_access_token","timestamp":1542350943210,"duration":0,"exception":"org.apache.usergrid.rest.exceptions.SecurityException","error_description":"Unable to authenticate due to corrupt access token"}"#,
    r#"{"error":"message_send_error","exception":"MessageSendException","timestamp":1766737700561,"duration":1,"error_code":14035,"error_description":"stream message has already finished"}"#,
    r#"{"error":"unauthorized","timestamp":1556606949667,"duration":1,"exception":"org.apache.shiro.authz.UnauthorizedException","error_description":"Subject does not have permission [applications:get:0c6def40-6b14-11e9-a989-2f26c9bbeefa:/users]"}"#,
    // LeanCloud
    r#"{"code":4301,"error":"Conversation not found."}"#,
    r#"{"code":219,"error":"登录失败次数超过限制，请稍候再试，或者通过忘记密码重设密码。"}"#,
    r#"{"cmd":"session","op":"closed","code":4111,"reason":"SESSION_CONFLICT"}"#,
    r#"{"cmd":"error","i":7,"code":4302,"reason":"CONVERSATION_SIGNATURE_FAILED","appId":"x","peerId":"y"}"#,
    r#"{"cmd":"ack","i":8,"code":4401,"reason":"INVALID_MESSAGING_TARGET","appMsg":"nope"}"#,
];

/// Every key the envelope parser looks at (with its aliases), and a few it
/// does not.
const ENVELOPE_KEYS: [&str; 34] = [
    "errCode",
    "errcode",
    "ErrCode",
    "err_code",
    "errMsg",
    "errmsg",
    "errDlt",
    "err_dlt",
    "data",
    "ActionStatus",
    "actionStatus",
    "ErrorCode",
    "errorCode",
    "ErrorInfo",
    "errorInfo",
    "ErrorDisplay",
    "ErrorList",
    "ResultItem",
    "ResultCode",
    "ResultInfo",
    "error",
    "error_description",
    "exception",
    "error_code",
    "timestamp",
    "duration",
    "code",
    "cmd",
    "op",
    "reason",
    "appMsg",
    "i",
    "message",
    "",
];

// ---------------------------------------------------------------------------
// The invariants every verdict must hold.

/// What `SafeMessage` must print: the raw text without those characters,
/// cut to the longest prefix of whole characters that fits in MAX_MESSAGE.
fn expected_message(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars().filter(|&c| !breaks_logs(c)) {
        if out.len() + c.len_utf8() > MAX_MESSAGE {
            break;
        }
        out.push(c);
    }
    out
}

fn check_message(text: &str) -> Result<(), TestCaseError> {
    prop_assert!(text.len() <= MAX_MESSAGE, "{} bytes: {text:?}", text.len());
    prop_assert!(
        !text.chars().any(breaks_logs),
        "log-breaking char: {text:?}"
    );
    prop_assert!(std::str::from_utf8(text.as_bytes()).is_ok());
    Ok(())
}

/// Checks one verdict; `vendor` is the vendor passed to `classify_from`.
fn check(
    c: &Classification<'_>,
    status: Option<u16>,
    vendor: Option<Vendor>,
) -> Result<(), TestCaseError> {
    // Taxonomy consistency.
    // The status given, else one the text itself states (`-> 403`).
    match status {
        Some(_) => prop_assert_eq!(c.status(), status),
        None => prop_assert!(c.status().is_none_or(|s| (100..600).contains(&s))),
    }
    if let Some(v) = vendor {
        prop_assert_eq!(c.vendor(), Some(v));
    }
    if !c.is_error() {
        prop_assert_eq!(c.category(), Category::Ok, "non-error verdict {:?}", c);
    }
    if let (Some(v), Some(s)) = (c.vendor(), c.surface()) {
        prop_assert!(v.has_surface(s), "{v} has no surface {s}");
    }
    prop_assert_eq!(c.known(), c.basis() == Basis::Entry);
    prop_assert_eq!(c.known(), matches!(c.matched(), Match::Entry(_)));
    if let Match::Entry(e) = c.matched() {
        prop_assert_eq!(Some(e.vendor()), c.vendor());
        prop_assert_eq!(Some(e.surface()), c.surface());
        prop_assert_eq!(c.symbol(), Some(e.meta().symbol()));
        if let (Some(Code::Number(n)), Some(RawCode::Number(raw))) = (e.code(), &c.code()) {
            prop_assert_eq!(n, *raw, "entry code differs from the raw code");
        }
    }
    if let Match::Range(r) = c.matched() {
        match &c.code() {
            Some(RawCode::Number(n)) => prop_assert!(r.contains(*n)),
            other => prop_assert!(false, "range match without a numeric code: {:?}", other),
        }
    }

    // The message, bounded and sanitized.
    let message = c.message().map(|m| m.to_string());
    if let Some(m) = &message {
        check_message(m)?;
        prop_assert_eq!(m, &expected_message(c.raw_message().unwrap_or("")));
    }
    prop_assert_eq!(message.is_some(), c.raw_message().is_some());

    // The JSON object of docs/design.md, the same from serde_json and from the
    // fast writer.
    let json = serde_json::to_string(c).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut fast = Vec::new();
    c.write_json(&mut fast);
    prop_assert_eq!(String::from_utf8_lossy(&fast), json.as_str());
    let value: Value =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    let object = value
        .as_object()
        .ok_or_else(|| TestCaseError::fail(json.clone()))?;
    for key in DESIGN_KEYS {
        prop_assert!(object.contains_key(key), "no {key} in {json}");
    }
    prop_assert_eq!(&object["is_error"], &Value::Bool(c.is_error()));
    prop_assert_eq!(&object["known"], &Value::Bool(c.known()));
    prop_assert_eq!(
        &object["vendor"],
        &c.vendor().map_or(Value::Null, |v| v.as_str().into())
    );
    prop_assert_eq!(
        &object["surface"],
        &c.surface().map_or(Value::Null, |s| s.as_str().into())
    );
    prop_assert_eq!(&object["category"], &Value::from(c.category().to_string()));
    prop_assert_eq!(&object["retry"], &Value::from(c.retry().to_string()));
    prop_assert_eq!(&object["action"], &Value::from(c.action().to_string()));
    prop_assert_eq!(&object["http_status"], &Value::from(c.http_status()));
    prop_assert_eq!(&object["hint"], &Value::from(c.hint(Lang::En)));
    prop_assert_eq!(
        &object["symbol"],
        &c.symbol().map_or(Value::Null, Value::from)
    );
    match (&c.code(), &object["code"]) {
        (None, Value::Null) => {}
        (Some(RawCode::Number(n)), Value::Number(j)) => prop_assert_eq!(j.as_i64(), Some(*n)),
        (Some(RawCode::Text(t)), Value::String(j)) => {
            check_message(j)?;
            prop_assert_eq!(j, &expected_message(t));
        }
        (code, j) => prop_assert!(false, "code {:?} serialized as {}", code, j),
    }
    match (&message, &object["message"]) {
        (None, Value::Null) => {}
        (Some(m), Value::String(j)) => prop_assert_eq!(m, j),
        (m, j) => prop_assert!(false, "message {:?} serialized as {}", m, j),
    }

    // One logfmt line.
    let line = c.logfmt().to_string();
    prop_assert!(!line.contains(['\n', '\r']), "not one line: {line:?}");
    prop_assert!(
        !line.chars().any(breaks_logs),
        "log-breaking char: {line:?}"
    );
    prop_assert!(line.starts_with("vendor="), "{line}");
    let category = format!(" category={} ", c.category());
    prop_assert!(line.contains(&category), "{line}");

    // The owned error and the other accessors.
    let error = c.to_error();
    prop_assert_eq!(error.verdict().category(), c.category());
    prop_assert_eq!(error.verdict().raw_message(), message.as_deref());
    let _ = error.to_string();
    let _ = (c.hint(Lang::Zh), c.summary(Lang::Zh), c.retry_after());
    prop_assert_eq!(
        c.is_retryable(),
        c.is_error() && c.retry() != imerr::Retry::No
    );
    Ok(())
}

/// Classifies `body` with detection and as every vendor, checking each verdict.
fn check_all(status: Option<u16>, body: &[u8]) -> Result<(), TestCaseError> {
    check(&classify(status, body), status, None)?;
    for &vendor in Vendor::ALL {
        check(&classify_from(vendor, status, body), status, Some(vendor))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Generators.

fn status() -> impl Strategy<Value = Option<u16>> {
    prop_oneof![
        1 => Just(None),
        3 => select(vec![200, 201, 204, 301, 400, 401, 403, 404, 405, 408, 409, 413, 429, 500, 501, 502, 503, 504]).prop_map(Some),
        1 => any::<u16>().prop_map(Some),
    ]
}

/// JSON number literals, including ones outside i64 and f64.
fn number_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i32>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| serde_json::to_string(&f).unwrap_or_default()),
        "-?[1-9][0-9]{18,40}",
        "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,4})?[eE][+-]?[0-9]{1,4}",
        select(vec![
            "0",
            "-0",
            "-0.0",
            "1.0",
            "1001.0",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551616",
            "1e400",
            "-1e400",
            "9.223372036854776e18",
        ])
        .prop_map(String::from),
    ]
}

/// JSON string literals: arbitrary text (escaped by serde_json), codes as
/// strings, control characters, line separators, surrogate escapes, and long
/// strings.
fn string_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>().prop_map(|s| Value::from(s).to_string()),
        "[ -~]{0,40}".prop_map(|s| Value::from(s).to_string()),
        " ?-?[0-9]{1,25} ?".prop_map(|s| Value::from(s).to_string()),
        (".{0,8}", 200usize..400).prop_map(|(s, n)| Value::from(s.repeat(n)).to_string()),
        select(vec![
            r#""""#,
            r#"" ""#,
            r#""-""#,
            r#""OK""#,
            r#""ok""#,
            r#""FAIL""#,
            r#""error""#,
            r#""ack""#,
            r#""session""#,
            r#""closed""#,
            r#""a\nb\r\nc\u0000d\u001be\u007ff\u0085g\u2028h\u2029i""#,
            r#""\ud800""#,
            r#""\udfff\ud800""#,
            r#""\"\\\/\b\f\n\r\t""#,
            r#""msg=\"x\" key=value \\ =""#,
            r#""登录失败。超过限制！""#,
            r#""Unable to authenticate due to expired access token""#,
            r#""message recall service is unopened""#,
        ])
        .prop_map(String::from),
    ]
}

/// Any JSON value, as text, with nesting.
fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        select(vec!["null", "true", "false", "{}", "[]"]).prop_map(String::from),
        number_literal(),
        string_literal(),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((select(ENVELOPE_KEYS.to_vec()), inner), 0..4).prop_map(|kv| {
                let fields: Vec<String> = kv
                    .into_iter()
                    .map(|(k, v)| format!("{}:{v}", Value::from(k)))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

/// A real body's top-level fields, as (key, value text) pairs.
fn fields(body: &str) -> Vec<(String, String)> {
    let Value::Object(map) = serde_json::from_str::<Value>(body).expect("real body is JSON") else {
        panic!("real body is an object: {body}");
    };
    map.into_iter().map(|(k, v)| (k, v.to_string())).collect()
}

/// One value-level edit of an envelope's fields.
#[derive(Debug, Clone)]
enum Edit {
    /// Replace the value of the i-th field.
    Swap(usize, String),
    /// Drop the i-th field.
    Drop(usize),
    /// Repeat the i-th field (a duplicate key).
    Duplicate(usize),
    /// Add a field.
    Add(&'static str, String),
    /// Change the case of the i-th key.
    Recase(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), json_value()).prop_map(|(i, v)| Edit::Swap(i, v)),
        1 => any::<usize>().prop_map(Edit::Drop),
        1 => any::<usize>().prop_map(Edit::Duplicate),
        2 => (select(ENVELOPE_KEYS.to_vec()), json_value()).prop_map(|(k, v)| Edit::Add(k, v)),
        1 => any::<usize>().prop_map(Edit::Recase),
    ]
}

fn apply_edits(body: &str, edits: &[Edit]) -> String {
    let mut fields = fields(body);
    for edit in edits {
        let n = fields.len();
        match edit.clone() {
            Edit::Swap(i, v) if n > 0 => fields[i % n].1 = v,
            Edit::Drop(i) if n > 0 => {
                fields.remove(i % n);
            }
            Edit::Duplicate(i) if n > 0 => {
                let f = fields[i % n].clone();
                fields.push(f);
            }
            Edit::Add(k, v) => fields.push((k.to_string(), v)),
            Edit::Recase(i) if n > 0 => {
                let k = &mut fields[i % n].0;
                *k = if k.chars().any(|c| c.is_ascii_lowercase()) {
                    k.to_ascii_uppercase()
                } else {
                    k.to_ascii_lowercase()
                };
            }
            _ => {}
        }
    }
    let fields: Vec<String> = fields
        .into_iter()
        .map(|(k, v)| format!("{}:{v}", Value::from(k)))
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// One byte-level mutation; positions are taken modulo the length.
#[derive(Debug, Clone)]
enum Mutation {
    FlipBit(usize, u8),
    SetByte(usize, u8),
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    InsertToken(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::SetByte(i, b)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), 1usize..16).prop_map(|(i, n)| Mutation::Delete(i, n)),
        2 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        3 => (
            any::<usize>(),
            select(vec![
                "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u", "\\ud800", "\\u0000", "\n",
                "\u{2028}", "-", "0", "9", "e999", ".5", "null", "true", "\"x\"", "{\"a\":[",
                "\"errCode\":", "\"ErrorCode\":", "\"code\":", "\"cmd\":\"error\",",
                "\"error\":\"x\",", "\u{fffd}",
            ]),
        )
            .prop_map(|(i, t)| Mutation::InsertToken(i, t)),
    ]
}

fn mutate(body: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut b = body.to_vec();
    for m in mutations {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
        match m {
            Mutation::FlipBit(i, bit) if !b.is_empty() => {
                let i = at(*i, b.len());
                b[i] ^= 1 << bit;
            }
            Mutation::SetByte(i, v) if !b.is_empty() => {
                let i = at(*i, b.len());
                b[i] = *v;
            }
            Mutation::Truncate(i) => b.truncate(at(*i, b.len() + 1)),
            Mutation::Delete(i, n) if !b.is_empty() => {
                let i = at(*i, b.len());
                let end = (i + n).min(b.len());
                b.drain(i..end);
            }
            Mutation::Insert(i, bytes) => {
                let i = at(*i, b.len() + 1);
                b.splice(i..i, bytes.iter().copied());
            }
            Mutation::InsertToken(i, t) => {
                let i = at(*i, b.len() + 1);
                b.splice(i..i, t.bytes());
            }
            _ => {}
        }
    }
    b
}

// ---------------------------------------------------------------------------
// Properties of classify.

proptest! {
    #[test]
    fn arbitrary_bytes_get_a_sound_verdict(
        status in status(),
        body in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        check_all(status, &body)?;
    }

    #[test]
    fn arbitrary_strings_get_a_sound_verdict(status in status(), body in any::<String>()) {
        check_all(status, body.as_bytes())?;
    }

    #[test]
    fn arbitrary_json_gets_a_sound_verdict(status in status(), body in json_value()) {
        check_all(status, body.as_bytes())?;
    }

    #[test]
    fn byte_mutated_envelopes_get_a_sound_verdict(
        status in status(),
        body in select(REAL_BODIES.to_vec()),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let body = mutate(body.as_bytes(), &mutations);
        check_all(status, &body)?;
    }

    #[test]
    fn value_mutated_envelopes_get_a_sound_verdict(
        status in status(),
        body in select(REAL_BODIES.to_vec()),
        edits in prop::collection::vec(edit(), 1..5),
        padding in select(vec!["", " ", "\n", "\r\n\t "]),
    ) {
        let body = format!("{padding}{}{padding}", apply_edits(body, &edits));
        check_all(status, body.as_bytes())?;
    }

    /// The raw text of a vendor message is never trusted: whatever it holds,
    /// the printed message is the sanitized prefix.
    #[test]
    fn any_message_is_bounded_and_sanitized(
        status in status(),
        message in prop_oneof![any::<String>(), ".{0,8}".prop_map(|s| s.repeat(100))],
        template in select(vec![
            r#"{"errCode":1001,"errMsg":"ArgsError","errDlt":MSG}"#,
            r#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":MSG}"#,
            r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorList":[{"ErrorCode":70107,"ErrorInfo":MSG}]}"#,
            r#"{"error":"forbidden_op","exception":"x","error_description":MSG}"#,
            r#"{"code":4301,"error":MSG}"#,
            r#"{"cmd":"error","code":4302,"reason":MSG}"#,
            // Here the message is the error type: blank is no error.
            r#"{"error":MSG,"timestamp":1,"duration":0}"#,
        ]),
    ) {
        let body = template.replace("MSG", &Value::from(message.as_str()).to_string());
        let c = classify(status, body.as_bytes());
        if !template.starts_with(r#"{"error":MSG"#) {
            prop_assert!(c.is_error(), "{}", body);
            prop_assert!(c.vendor().is_some(), "{}", body);
        }
        check(&c, status, None)?;
        check_all(status, body.as_bytes())?;
    }
}

// ---------------------------------------------------------------------------
// Known codes round-trip.

/// Whether a JSON text has no `\uD800`-`\uDFFF` escape. serde_json rejects a
/// lone surrogate in a string it decodes, and the whole envelope with it: see
/// `lone_surrogate_in_a_message_keeps_the_envelope`, ignored until fixed.
fn no_lone_surrogate(json: &str) -> bool {
    let lower = json.to_ascii_lowercase();
    ![
        "\\ud8", "\\ud9", "\\uda", "\\udb", "\\udc", "\\udd", "\\ude", "\\udf",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

/// Every numeric entry of every vendor and surface.
fn numeric_entries() -> Vec<(Vendor, Surface, i64, &'static str)> {
    Vendor::ALL
        .iter()
        .flat_map(|v| v.entries())
        .filter_map(|e| Some((e.vendor(), e.surface(), e.number()?, e.meta().symbol())))
        .collect()
}

/// A body carrying `code` the way `vendor` sends it on `surface`, or `None`
/// when classify does not read that surface from a body.
fn envelope(
    vendor: Vendor,
    surface: Surface,
    code: &str,
    message: &str,
    extra: &str,
) -> Option<String> {
    Some(match (vendor, surface) {
        (Vendor::OpenIm, Surface::Server) => {
            format!(r#"{{"errCode":{code},"errMsg":"x","errDlt":{message}{extra}}}"#)
        }
        (Vendor::Tencent, Surface::Server) => {
            format!(r#"{{"ActionStatus":"FAIL","ErrorCode":{code},"ErrorInfo":{message}{extra}}}"#)
        }
        (Vendor::LeanCloud, Surface::Realtime) => {
            format!(r#"{{"cmd":"error","code":{code},"reason":{message}{extra}}}"#)
        }
        (Vendor::LeanCloud, Surface::Rest) => {
            format!(r#"{{"code":{code},"error":{message}{extra}}}"#)
        }
        (Vendor::Easemob, Surface::Rest) => format!(
            r#"{{"error":"message_send_error","error_code":{code},"error_description":{message}{extra}}}"#
        ),
        (Vendor::RongCloud, Surface::Server) => {
            format!(r#"{{"code":{code},"errorMessage":{message}{extra}}}"#)
        }
        (Vendor::NetEase, Surface::Server) => {
            format!(r#"{{"code":{code},"desc":{message}{extra}}}"#)
        }
        _ => return None,
    })
}

proptest! {
    /// A known code, in a real envelope with any message, any status and any
    /// extra field, comes back as itself with its entry.
    #[test]
    fn known_codes_round_trip_through_classify(
        (vendor, surface, code, symbol) in select(numeric_entries()),
        as_string in any::<bool>(),
        message in string_literal().prop_filter("lone surrogate", |s| no_lone_surrogate(s)),
        extra in prop::option::of((
            select(vec!["data", "i", "MsgKey", "appId", "peerId"]),
            json_value().prop_filter("lone surrogate", |s| no_lone_surrogate(s)),
        )),
        status in select(vec![None, Some(200), Some(400), Some(403), Some(500)]),
    ) {
        let text = if as_string { format!("\" {code} \"") } else { code.to_string() };
        let extra = extra.map_or(String::new(), |(k, v)| format!(",\"{k}\":{v}"));
        let Some(body) = envelope(vendor, surface, &text, &message, &extra) else {
            return Ok(());
        };
        let c = classify(status, body.as_bytes());
        check(&c, status, None)?;
        prop_assert_eq!(c.vendor(), Some(vendor), "{}", body);
        let entry = imerr::lookup(vendor, surface, code).matched.entry().unwrap();
        if entry.meta().category() == Category::Ok {
            prop_assert!(!c.is_error(), "{}", body);
            return Ok(());
        }
        prop_assert!(c.is_error(), "{}", body);
        prop_assert_eq!(c.surface(), Some(surface), "{}", body);
        prop_assert_eq!(c.code().cloned(), Some(RawCode::Number(code)), "{}", body);
        prop_assert!(c.known(), "{}", body);
        prop_assert_eq!(c.symbol(), Some(symbol), "{}", body);
        prop_assert_eq!(c.category(), entry.meta().category());
        prop_assert_eq!(c.action(), entry.meta().action());
        // The owned error keeps the code too.
        prop_assert_eq!(c.to_error().verdict().code().cloned(), Some(RawCode::Number(code)));
    }

    /// An Easemob REST error type in the tables comes back as the raw code,
    /// whatever the message.
    #[test]
    fn easemob_error_types_are_kept_as_the_raw_code(
        entry in select(
            Vendor::Easemob
                .entries()
                .filter(|e| matches!(e.code(), Some(Code::Text(_))))
                .collect::<Vec<_>>(),
        ),
        message in string_literal().prop_filter("lone surrogate", |s| no_lone_surrogate(s)),
    ) {
        let Some(Code::Text(ty)) = entry.code() else { unreachable!() };
        let body = format!(
            r#"{{"error":{},"exception":"X","timestamp":1,"duration":0,"error_description":{message}}}"#,
            Value::from(ty)
        );
        let c = classify(entry.status(), body.as_bytes());
        check(&c, entry.status(), None)?;
        prop_assert!(c.is_error());
        prop_assert_eq!(c.vendor(), Some(Vendor::Easemob));
        if ty.trim().is_empty() || ty == "-" {
            prop_assert_eq!(&c.code(), &None);
        } else {
            prop_assert_eq!(c.code().cloned(), Some(RawCode::Text(Cow::Borrowed(ty))));
        }
    }
}

/// Exhaustive companion of the property above: every numeric entry resolves
/// to itself by lookup, and by classify where a body carries that surface.
#[test]
fn every_known_code_round_trips() {
    let mut through_classify = 0;
    for (vendor, surface, code, symbol) in numeric_entries() {
        let l = lookup(vendor, surface, code);
        assert_eq!(l.code, code);
        let e = l.matched.entry().expect("known");
        assert_eq!(
            (e.vendor(), e.surface(), e.meta().symbol()),
            (vendor, surface, symbol)
        );
        let Some(body) = envelope(vendor, surface, &code.to_string(), "\"m\"", "") else {
            continue;
        };
        let c = classify(Some(200), body.as_bytes());
        if e.meta().category() == Category::Ok {
            assert!(!c.is_error(), "{body}");
            continue;
        }
        assert_eq!(c.code().cloned(), Some(RawCode::Number(code)), "{body}");
        assert_eq!(c.symbol(), Some(symbol), "{body}");
        through_classify += 1;
    }
    assert!(through_classify > 100, "only {through_classify} classified");
}

// ---------------------------------------------------------------------------
// match_rest and lookup on arbitrary input.

fn easemob_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,80}",
        ".{0,4}".prop_map(|s| s.repeat(200)),
        select(
            Vendor::Easemob
                .entries()
                .filter_map(|e| match e.code() {
                    Some(Code::Text(t)) => Some(t.to_string()),
                    _ => e.message_or_pattern().map(|m| m.replace('*', "x y")),
                })
                .collect::<Vec<_>>()
        ),
    ]
}

proptest! {
    #[test]
    fn match_rest_never_panics_and_returns_easemob_rest_entries(
        status in status(),
        error in prop::option::of(easemob_text()),
        description in prop::option::of(easemob_text()),
    ) {
        let found = easemob::match_rest(status, error.as_deref(), description.as_deref());
        if let Some(m) = found {
            prop_assert_eq!(m.entry.vendor(), Vendor::Easemob);
            prop_assert_eq!(m.entry.surface(), Surface::Rest);
            prop_assert_ne!(m.by, easemob::MatchedBy::ErrorCode);
            if m.by == easemob::MatchedBy::Status {
                prop_assert_eq!(m.entry.status(), status);
            }
            if m.by == easemob::MatchedBy::StatusAndType {
                prop_assert_eq!(m.entry.status(), status);
            }
        }
        // No status, no type, no message: nothing to match on.
        prop_assert!(easemob::match_rest(None, None, None).is_none());
    }

    #[test]
    fn lookup_never_panics_and_keeps_the_raw_code(
        vendor in select(Vendor::ALL),
        surface in select(SURFACES.to_vec()),
        code in prop_oneof![
            any::<i64>(),
            -100i64..100_000,
            select(vec![i64::MIN, i64::MAX, -1, 0, 1]),
            select(numeric_entries()).prop_map(|(_, _, c, _)| c),
        ],
    ) {
        let l = lookup(vendor, surface, code);
        prop_assert_eq!(l.code, code);
        prop_assert_eq!(l.vendor, vendor);
        prop_assert_eq!(l.surface, surface);
        match l.matched {
            Match::Entry(e) => {
                prop_assert_eq!(e.number(), Some(code));
                prop_assert_eq!((e.vendor(), e.surface()), (vendor, surface));
            }
            Match::Range(r) => {
                prop_assert!(r.contains(code));
                prop_assert_eq!((r.vendor(), r.surface()), (vendor, surface));
            }
            Match::Unknown => {
                prop_assert_eq!(l.matched.category(), Category::Unknown);
                prop_assert_eq!(l.matched.action(), imerr::Action::Investigate);
            }
        }
        if !vendor.has_surface(surface) {
            prop_assert_eq!(l.matched, Match::Unknown);
        }
        let e = imerr::ImError::from(l);
        prop_assert_eq!(e.verdict().code().cloned(), Some(RawCode::Number(code)));
        let _ = e.to_string();
    }
}

// ---------------------------------------------------------------------------
// Error text (`src/text/`): the corpus of rendered errors, mutated, and text
// built from the pieces SDK renderings are made of.

/// Every text of `tests/fixtures/text/*.jsonl`.
fn text_corpus() -> Vec<String> {
    let texts: Vec<String> = common::text_cases()
        .into_iter()
        .filter_map(|(_, _, case)| case["text"].as_str().map(str::to_owned))
        .collect();
    assert!(texts.len() >= 300);
    texts
}

/// The pieces error texts are made of: vendor markers, official symbols,
/// code keys in every notation, numbers (small, huge, negative, as text),
/// wrappers, brackets, quotes, escapes, separators, CJK, control bytes.
fn text_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "code",
            "errCode",
            "ErrorCode",
            "errcode",
            "code=",
            "code: ",
            "\"code\":",
            "code:",
            "|desc:",
            "desc=",
            "message:",
            "errMsg",
            "Error Domain=",
            " Code=",
            "NSURLErrorDomain",
            "com.LeanCloud.ErrorDomain",
            "PlatformException(",
            "Optional(",
            "[RC:",
            "V2TIM",
            "V2NIM_ERROR_CODE_ACCOUNT_BANNED",
            "ERR_SVR_ACCOUNT_USERSIG_EXPIRED",
            "M_FORBIDDEN",
            "codes.Unavailable",
            "rpc error: code = ",
            "not implement CodeError: ",
            "failed: ",
            "onError(",
            "Oops! code:",
            "error_description",
            "circuit breaker is open",
            "失败",
            "错误",
            "：",
            "[",
            "]",
            "{",
            "}",
            "(",
            ")",
            "\"",
            "'",
            "\\",
            "\\\"",
            ", ",
            "|",
            "\n",
            "\t",
            " ",
            "=",
            ":",
            "\u{1b}[31m",
            "\u{0}",
            "😀",
            "null",
        ])
        .prop_map(str::to_owned),
        any::<i64>().prop_map(|n| n.to_string()),
        (0i64..200_000).prop_map(|n| n.to_string()),
        "[a-zA-Z_]{1,12}",
    ]
}

proptest! {
    /// A rendered error from the corpus, with bytes changed, cut or
    /// repeated, still gets a sound verdict.
    #[test]
    fn mutated_error_text_gets_a_sound_verdict(
        status in status(),
        text in select(text_corpus()),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let body = mutate(text.as_bytes(), &mutations);
        check_all(status, &body)?;
    }

    /// Text assembled from the pieces of SDK renderings, in any order.
    #[test]
    fn assembled_error_text_gets_a_sound_verdict(
        status in status(),
        pieces in prop::collection::vec(text_piece(), 1..40),
    ) {
        check_all(status, pieces.concat().as_bytes())?;
    }
}

/// Inputs built to make a text reader slow, just under `MAX_BODY`: the
/// reader reads at most 64 KiB of a text and keeps a fixed number of
/// candidates, so each finishes in about the time of its first 64 KiB (no
/// timing is asserted: a reader that went quadratic would hang this test).
#[test]
fn pathological_texts_are_bounded() {
    let fragments: [&str; 9] = [
        "code:1 ",
        "[[[[",
        "{\"code\":",
        "\\\"",
        "ERR_SVR_ACCOUNT_USERSIG_EXPIRED ",
        "Error Domain=NSURLErrorDomain Code=-1001 ",
        "1004 RecordNotFoundError: ",
        "失败：33002 ",
        "a=b ",
    ];
    for f in fragments {
        // Just under MAX_BODY: larger bodies are not read at all.
        let text = f.repeat((imerr::MAX_BODY - 16) / f.len());
        for status in [None, Some(200), Some(502)] {
            check_all(status, text.as_bytes()).unwrap();
        }
        // The same inside a JSON log line, where the reader unescapes.
        let line = serde_json::json!({ "level": 50, "msg": f.repeat(20_000) }).to_string();
        check_all(None, line.as_bytes()).unwrap();
    }
}

// Edge cases worth keeping as plain tests.

#[test]
fn edge_cases_get_a_sound_verdict() {
    let huge_message = format!(r#"{{"errCode":1001,"errDlt":"{}"}}"#, "é".repeat(1000));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_in_field = format!(
        r#"{{"errCode":{}1{}}}"#,
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    let over_max_body = format!(r#"{{"errCode":1001,"errDlt":"{}"}}"#, "x".repeat(1 << 20));
    let bodies: Vec<&[u8]> = vec![
        b"",
        b" \n\t ",
        b"null",
        b"[]",
        b"[1001]",
        b"\"x\"",
        b"{}",
        b"{\"errCode\":\"\"}",
        b"{\"errCode\":1e400}",
        b"{\"errCode\":-1e400}",
        b"{\"errCode\":18446744073709551616}",
        b"{\"errCode\":9223372036854775807}",
        b"{\"errCode\":-9223372036854775808}",
        b"{\"errCode\":1001,\"errCode\":1002}",
        b"{\"errCode\":1001,\"errcode\":1002}",
        b"{\"ErrorCode\":70001,\"ErrorList\":7}",
        b"{\"ActionStatus\":\"OK\",\"ErrorList\":[1,null,{}]}",
        b"{\"errDlt\":\"\\ud800\"}",
        b"{\"errCode\":1,\"errDlt\":\"a\\u2028b\\u0085c\\nd\"}",
        b"\xff\xfe{\"errCode\":1}",
        b"<html>\n<body>502</body></html>",
        b"404 page not found\n",
        b"line one\nline two\r\n\x1b[31mred\x1b[0m",
        huge_message.as_bytes(),
        deep.as_bytes(),
        deep_in_field.as_bytes(),
        over_max_body.as_bytes(),
    ];
    for body in bodies {
        for status in [
            None,
            Some(0),
            Some(200),
            Some(404),
            Some(599),
            Some(u16::MAX),
        ] {
            if let Err(e) = check_all(status, body) {
                let shown = String::from_utf8_lossy(&body[..body.len().min(80)]);
                panic!("{status:?} {shown:?}: {e}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Known bugs, found by these properties and reported to the owner of
// src/classify.rs and src/error.rs. Ignored until fixed: run them with
// `cargo test --test proptest -- --ignored`.

/// serde_json rejects a `\uD800`-`\uDFFF` escape that is not half of a pair
/// in any string the envelope decodes (a message cut in the middle of an
/// emoji by a server that counts UTF-16 units, then written by JavaScript's
/// `JSON.stringify`), and with it the whole body: the verdict loses the
/// vendor and the code and falls back to the HTTP status.
#[test]
fn lone_surrogate_in_a_message_keeps_the_envelope() {
    let bodies: [(&[u8], Vendor, i64); 4] = [
        (
            br#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":"\ud800"}"#,
            Vendor::Tencent,
            70001,
        ),
        (
            br#"{"errCode":1001,"errMsg":"ArgsError","errDlt":"emoji cut: \ud83d"}"#,
            Vendor::OpenIm,
            1001,
        ),
        (
            br#"{"cmd":"error","code":4302,"reason":"\udc00"}"#,
            Vendor::LeanCloud,
            4302,
        ),
        (
            br#"{"code":4301,"error":"x\udfffy"}"#,
            Vendor::LeanCloud,
            4301,
        ),
    ];
    for (body, vendor, code) in bodies {
        let c = classify(Some(200), body);
        let shown = String::from_utf8_lossy(body);
        assert_eq!(c.vendor(), Some(vendor), "{shown}");
        assert_eq!(c.code().cloned(), Some(RawCode::Number(code)), "{shown}");
        assert!(c.known(), "{shown}");
    }
}

/// Serde's derived `Deserialize` rejects a repeated field, aliases included,
/// so a body with the code twice loses its vendor and code.
#[test]
fn repeated_keys_keep_the_envelope() {
    let bodies: [&[u8]; 3] = [
        br#"{"errCode":1001,"errMsg":"ArgsError","errcode":1001}"#,
        br#"{"ActionStatus":"FAIL","ErrorCode":70001,"errorCode":70001}"#,
        br#"{"code":4301,"error":"a","error":"b"}"#,
    ];
    for body in bodies {
        let c = classify(Some(200), body);
        assert!(c.vendor().is_some(), "{}", String::from_utf8_lossy(body));
        assert!(c.known(), "{}", String::from_utf8_lossy(body));
    }
}

/// `ImError`'s `Display` prints a textual code (an Easemob error type) as
/// it arrived: a newline or a terminal escape in the body's `error` field
/// ends up in the backend's log line. The message is sanitized; the code is
/// not.
#[test]
fn im_error_display_is_one_safe_line() {
    let body = br#"{"error":"bad\nINFO forged line \u001b[31m","timestamp":1,"duration":0,"error_description":"x"}"#;
    let shown = classify(Some(400), body).to_error().to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
}
