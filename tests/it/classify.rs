//! Classification beyond the fixtures' expected verdicts: success shapes,
//! batch replies, realtime frames, vendor-specific edge cases, and the broken
//! inputs a gateway really sees (HTML error pages, empty and truncated
//! bodies, huge bodies, binary, odd JSON).

use std::borrow::Cow;
use std::time::Duration;

use imerr::easemob::MatchedBy;
use imerr::{
    Action, Basis, Category, Classification, Effect, Lang, MAX_BODY, MAX_MESSAGE, RawCode, Retry,
    Surface, Vendor, classify, classify_from,
};

macro_rules! fixture {
    ($path:literal) => {
        (
            $path,
            include_bytes!(concat!("../fixtures/", $path)).as_slice(),
        )
    };
}

// ---------------------------------------------------------------------------
// Success bodies.

#[test]
fn openim_errcode_zero_is_success_even_with_a_message() {
    // open-im-server issue #3386: errCode 0 with errMsg/errDlt set.
    let body = br#"{"errCode":0,"errMsg":"UserIdNotFound","errDlt":"UserIdNotFound","data":null}"#;
    let c = classify(Some(200), body);
    assert!(!c.is_error(), "{c:?}");
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert_eq!(c.code().cloned(), None);
    assert_eq!(c.category(), Category::Ok);
    assert_eq!(c.action(), Action::None);
    assert!(c.message().is_none());
    // The code is authoritative over the status too (gin answers 200, but
    // a proxy may not), and "0" as a string is still 0.
    assert!(!classify(Some(500), br#"{"errCode":"0","errMsg":"x"}"#).is_error());
}

#[test]
fn tencent_ok_and_error_code_zero_are_success() {
    for body in [
        &br#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#[..],
        br#"{"ActionStatus":"ok","ErrorCode":0}"#,
        // friend-delete samples carry ErrorInfo "0" on success
        br#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"0"}"#,
        // ResultItem all zero: nothing failed
        br#"{"ActionStatus":"OK","ErrorCode":0,"ResultItem":[{"To_Account":"a","ResultCode":0,"ResultInfo":""}]}"#,
        // ActionStatus alone
        br#"{"ActionStatus":"OK","ErrorInfo":""}"#,
    ] {
        let c = classify(Some(200), body);
        assert!(!c.is_error(), "{}: {c:?}", String::from_utf8_lossy(body));
        assert_eq!(c.vendor(), Some(Vendor::Tencent));
        assert_eq!(c.surface(), Some(Surface::Server));
    }
}

#[test]
fn tencent_body_missing_action_status() {
    // hedeqiang/IM issue #20: {'ErrorCode'=>0,'ErrorInfo'=>''}
    let ok = classify(Some(200), br#"{"ErrorCode":0,"ErrorInfo":""}"#);
    assert!(!ok.is_error());
    assert_eq!(ok.vendor(), Some(Vendor::Tencent));
    // ErrorCode is authoritative: without ActionStatus a code still fails.
    let err = classify(
        Some(200),
        br#"{"ErrorCode":70001,"ErrorInfo":"UserSig expired"}"#,
    );
    assert!(err.is_error());
    assert_eq!(err.symbol(), Some("ERR_SVR_ACCOUNT_USERSIG_EXPIRED"));
    assert_eq!(err.message().unwrap().to_string(), "UserSig expired");
}

#[test]
fn easemob_and_leancloud_success_shapes_with_the_vendor_given() {
    let easemob: [&[u8]; 5] = [
        fixture!("easemob/success_presence_result_ok.json").1,
        fixture!("easemob/success_reaction_request_status_ok.json").1,
        fixture!("easemob/success_metadata.json").1,
        fixture!("easemob/success_app_token.json").1,
        br#"{"action":"post","application":"8be024f0","path":"/users","entities":[{"uuid":"0ffe","type":"user"}],"timestamp":1542795196515,"duration":0}"#,
    ];
    for body in easemob {
        let c = classify_from(Vendor::Easemob, Some(200), body);
        assert!(!c.is_error(), "{c:?}");
        assert_eq!(c.vendor(), Some(Vendor::Easemob));
        assert_eq!(c.surface(), Some(Surface::Rest));
        assert_eq!(c.basis(), Basis::Success);
        assert!(!classify(Some(200), body).is_error());
    }
    let leancloud: [&[u8]; 5] = [
        fixture!("leancloud/rtm_send_message_success.json").1,
        fixture!("leancloud/rtm_stats_success.json").1,
        fixture!("leancloud/rtm_kick_success.json").1,
        br#"{"objectId":"5e5f1b2c8a84ab00081b7f48","createdAt":"2020-03-04T03:42:04.555Z"}"#,
        br#"[{"success":{"updatedAt":"2015-07-13T10:43:00.282Z"}}]"#,
    ];
    for body in leancloud {
        let c = classify_from(Vendor::LeanCloud, Some(200), body);
        assert!(!c.is_error(), "{c:?}");
        assert_eq!(c.vendor(), Some(Vendor::LeanCloud));
        assert_eq!(c.surface(), Some(Surface::Rest));
        assert!(!classify(Some(201), body).is_error());
    }
}

#[test]
fn a_success_shape_with_an_error_status_is_an_error() {
    // The JSON has no error field, but the status says it failed.
    let c = classify(Some(503), br#"{"result":"ok"}"#);
    assert!(c.is_error());
    assert_eq!(c.vendor(), None);
    assert_eq!(c.category(), Category::Unavailable);
    assert_eq!(c.basis(), Basis::HttpStatus);
    let c = classify_from(Vendor::Easemob, Some(429), b"{}");
    assert!(c.is_error());
    assert_eq!(c.vendor(), Some(Vendor::Easemob));
    assert_eq!(c.category(), Category::RateLimited);
}

// ---------------------------------------------------------------------------
// Tencent batch replies.

#[test]
fn tencent_some_error_reports_the_first_failed_item() {
    let body = br#"{"ActionStatus":"SomeError","ErrorCode":0,"ErrorInfo":"","MsgKey":"k",
        "ErrorList":[{"To_Account":"a","ErrorCode":0},{"To_Account":"rong","ErrorCode":70107},{"To_Account":"b","ErrorCode":90012}]}"#;
    let c = classify(Some(200), body);
    assert!(c.is_error());
    assert!(c.is_partial());
    assert_eq!(c.code().cloned(), Some(RawCode::Number(70107)));
    assert_eq!(c.symbol(), Some("ERR_SVR_ACCOUNT_NOT_FOUND"));
    assert_eq!(c.category(), Category::NotFound);
    assert_eq!(c.action(), Action::CreateResource);
}

#[test]
fn tencent_ok_with_a_failing_item_is_partial() {
    // query_online_status: ActionStatus OK, the failure in ErrorList.
    let c = classify(
        Some(200),
        br#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"QueryResult":[{"To_Account":"a","Status":"Online"}],
            "ErrorList":[{"To_Account":"nobody","ErrorCode":70107}]}"#,
    );
    assert!(c.is_error() && c.is_partial(), "{c:?}");
    assert_eq!(c.code().cloned(), Some(RawCode::Number(70107)));
    // Account check: ResultItem with ResultCode / ResultInfo.
    let c = classify(
        Some(200),
        br#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ResultItem":[
            {"UserID":"u1","ResultCode":0,"ResultInfo":"","AccountStatus":"Imported"},
            {"UserID":"u2","ResultCode":"30002","ResultInfo":"Err_SNS_FriendAdd_SdkAppId_Illegal"}]}"#,
    );
    assert!(c.is_error() && c.is_partial(), "{c:?}");
    assert_eq!(c.code().cloned(), Some(RawCode::Number(30002)));
    assert_eq!(c.symbol(), Some("ERR_SVR_FRIENDSHIP_INVALID_SDKAPPID"));
    assert_eq!(
        c.message().unwrap().to_string(),
        "Err_SNS_FriendAdd_SdkAppId_Illegal"
    );
    // A failed top level wins over its items.
    let c = classify(
        Some(200),
        br#"{"ActionStatus":"FAIL","ErrorCode":90012,"ErrorInfo":"invalid To_Account","ErrorList":[{"To_Account":"a","ErrorCode":70107}]}"#,
    );
    assert!(!c.is_partial());
    assert_eq!(c.code().cloned(), Some(RawCode::Number(90012)));
}

/// Regression: an item that is not an object (or an `ErrorList` that is not
/// a list) made the whole body fail to parse, so the verdict fell back to
/// the HTTP status with no vendor.
#[test]
fn tencent_batch_items_of_any_shape_are_tolerated() {
    let c = classify(
        Some(200),
        br#"{"ActionStatus":"SomeError","ErrorCode":0,"ErrorList":["a",5,null,true,[1],{"To_Account":"x","ErrorCode":70107}]}"#,
    );
    assert_eq!(c.vendor(), Some(Vendor::Tencent));
    assert!(c.is_partial());
    assert_eq!(c.code().cloned(), Some(RawCode::Number(70107)));
    for list in [r#""none""#, "5", "{}", "null", "[]"] {
        let body = format!(r#"{{"ActionStatus":"OK","ErrorCode":0,"ErrorList":{list}}}"#);
        let c = classify(Some(200), body.as_bytes());
        assert_eq!(c.vendor(), Some(Vendor::Tencent), "{body}");
        assert!(!c.is_error(), "{body}: {c:?}");
    }
}

/// Regression: an item with both ResultCode and ErrorCode (the friend pages
/// name both) failed as a duplicate field and lost the whole verdict.
#[test]
fn tencent_batch_item_with_both_result_and_error_code() {
    let c = classify(
        Some(200),
        br#"{"ActionStatus":"OK","ErrorCode":0,"ResultItem":[{"To_Account":"a","ResultCode":0,"ResultInfo":"","ErrorCode":30001,"ErrorInfo":"Err_SNS_FriendAdd_Invalid"}]}"#,
    );
    assert_eq!(c.vendor(), Some(Vendor::Tencent));
    assert!(c.is_error() && c.is_partial(), "{c:?}");
    assert_eq!(c.code().cloned(), Some(RawCode::Number(30001)));
    assert_eq!(
        c.message().unwrap().to_string(),
        "Err_SNS_FriendAdd_Invalid"
    );
}

/// Regression (reference: Tencent "Real-world bodies", web SDK 2.18):
/// `{"message": ..., "code": 60012}` with the vendor given read no code.
#[test]
fn tencent_web_sdk_error_object_with_the_vendor_given() {
    let (_, body) = fixture!("tencent/web_sdk_error_object_60012.json");
    let c = classify_from(Vendor::Tencent, None, body);
    assert!(c.is_error());
    assert_eq!(c.code().cloned(), Some(RawCode::Number(60012)));
    assert_eq!(c.symbol(), Some("ERR_SVR_COMM_SDKAPPID_MISS"));
    assert_eq!(c.category(), Category::InvalidRequest);
    assert_eq!(c.message().unwrap().to_string(), "Rest Api need sdkappid");
}

#[test]
fn tencent_callback_error_payload_and_range() {
    // Group.CallbackSendMsgException carries a code from the common table.
    let c = classify(
        None,
        br#"{"CallbackCommand":"Group.CallbackSendMsgException","GroupId":"@TGS#2J4SZEAEL","ErrorCode":10023,"ErrorInfo":"msg count exceeds limit,please retry later","EventTime":1670574414123}"#,
    );
    assert_eq!(c.symbol(), Some("ERR_SVR_GROUP_SEND_MSG_FREQ_LIMIT"));
    assert_eq!(c.category(), Category::RateLimited);
    assert!(c.is_retryable());
    // A code from the app's own before-send callback range.
    let c = classify(
        Some(200),
        br#"{"ActionStatus":"FAIL","ErrorCode":125000,"ErrorInfo":"blocked by my rules"}"#,
    );
    assert_eq!(c.basis(), Basis::Range);
    assert!(!c.known());
    assert_eq!(c.symbol(), Some("ERR_SVR_C2C_CALLBACK_CUSTOM"));
    assert_eq!(c.category(), Category::ContentRejected);
}

// ---------------------------------------------------------------------------
// OpenIM: rate limiter, WebSocket.

#[test]
fn openim_rate_limiter_429() {
    let (_, body) = fixture!("openim/rate_limiter_429.json");
    let c = classify(Some(429), body);
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert_eq!(c.code().cloned(), Some(RawCode::Number(429)));
    assert_eq!(c.category(), Category::RateLimited);
    assert_eq!(c.retry(), Retry::Backoff);
    assert_eq!(c.action(), Action::SlowDown);
    assert!(c.is_retryable());
    assert_eq!(c.retry_after(), Some(Duration::from_secs(5)));
    assert_eq!(c.http_status(), 429);
    // The same status without a body still says "slow down".
    let c = classify_from(Vendor::OpenIm, Some(429), b"");
    assert!(c.is_error());
    assert_eq!(c.category(), Category::RateLimited);
    assert_eq!(c.basis(), Basis::HttpStatus);
    assert_eq!(c.action(), Action::SlowDown);
}

#[test]
fn openim_websocket_handshake_refusal() {
    // Without isMsgResp: HTTP 200 with the REST envelope as the body.
    let c = classify(
        Some(200),
        br#"{"errCode":1601,"errMsg":"ConnOverMaxNumLimit","errDlt":""}"#,
    );
    assert_eq!(c.symbol(), Some("ConnOverMaxNumLimit"));
    assert_eq!(c.category(), Category::Unavailable);
    assert!(c.is_retryable());
    let c = classify(
        Some(200),
        br#"{"errCode":1602,"errMsg":"args err, need token, sendID, platformID","errDlt":"args err, need token, sendID, platformID"}"#,
    );
    assert_eq!(c.symbol(), Some("ConnArgsErr"));
    assert_eq!(c.action(), Action::FixRequest);
    // With isMsgResp=true: one text frame after the upgrade (no status).
    let c = classify(
        None,
        br#"{"errCode":1507,"errMsg":"TokenNotExistError","errDlt":"token not exist"}"#,
    );
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert_eq!(c.symbol(), Some("TokenNotExistError"));
    assert_eq!(c.category(), Category::Auth);
    assert_eq!(c.action(), Action::RefreshCredentials);
    assert_eq!(c.retry(), Retry::AfterReauth);
    assert_eq!(c.message().unwrap().to_string(), "token not exist");
    // A per-request response of the JSON (sdkType=js) gateway: no errDlt.
    let c = classify(
        None,
        br#"{"reqIdentifier":1003,"msgIncr":"17","operationID":"op","errCode":1302,"errMsg":"BlockedByPeer","data":""}"#,
    );
    assert_eq!(c.symbol(), Some("BlockedByPeer"));
    assert_eq!(c.message().unwrap().to_string(), "BlockedByPeer");
}

#[test]
fn openim_v2_and_business_codes() {
    // v2 answered real HTTP statuses with {errCode, errMsg}.
    let c = classify(
        Some(400),
        br#"{"errCode":400,"errMsg":"Key: 'ParamsUserRegister.Secret' Error:Field validation for 'Secret' failed on the 'required' tag"}"#,
    );
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert_eq!(c.category(), Category::InvalidRequest);
    // A webhook's own code, passed through: the business range.
    let c = classify(
        Some(200),
        br#"{"errCode":25000,"errMsg":"no","errDlt":"rejected by policy"}"#,
    );
    assert_eq!(c.basis(), Basis::Range);
    assert_eq!(c.category(), Category::ContentRejected);
    // A code nobody documented: kept raw, unknown, investigate.
    let c = classify(
        Some(200),
        br#"{"errCode":1234,"errMsg":"test","errDlt":"4567"}"#,
    );
    assert!(c.is_error() && !c.known());
    assert_eq!(c.code().cloned(), Some(RawCode::Number(1234)));
    assert_eq!(c.basis(), Basis::Nothing);
    assert_eq!(c.action(), Action::Investigate);
    assert_eq!(c.message().unwrap().to_string(), "4567");
}

// ---------------------------------------------------------------------------
// Easemob.

#[test]
fn easemob_streaming_error_code() {
    let (_, body) = fixture!("easemob/stream_message_already_finished.json");
    let c = classify(None, body);
    // The error type is the code, as in the table; `error_code` picked the
    // entry.
    assert_eq!(
        c.code().cloned(),
        Some(RawCode::Text("message_send_error".into()))
    );
    assert_eq!(c.matched_by(), Some(MatchedBy::ErrorCode));
    // The code decides even when the message is one another code shares,
    // and a code sent as a string is the same code.
    let c = classify(
        Some(400),
        br#"{"error":"message_send_error","exception":"MessageSendException","timestamp":1,"duration":0,"error_code":"14001","error_description":"param from can't be empty"}"#,
    );
    assert_eq!(c.symbol(), Some("MESSAGE_SEND_ERROR_STREAM_FROM_EMPTY"));
    assert_eq!(c.matched_by(), Some(MatchedBy::ErrorCode));
    // error_code alone identifies the vendor.
    let c = classify(None, br#"{"error_code":14035}"#);
    assert_eq!(c.vendor(), Some(Vendor::Easemob));
    assert_eq!(c.symbol(), Some("MESSAGE_SEND_ERROR_STREAM_FINISHED"));
    assert_eq!(
        c.code().cloned(),
        Some(RawCode::Text("message_send_error".into()))
    );
    // An unknown error_code with no type stays the number.
    let c = classify(None, br#"{"error_code":14999}"#);
    assert_eq!(c.code().cloned(), Some(RawCode::Number(14999)));
    assert!(!c.known());
}

/// Regression: a type given only in `exception` was never looked at when
/// the status alone matched something (it always does for 4xx/5xx).
#[test]
fn easemob_error_type_given_only_in_exception() {
    // A type-only entry, named by a fully qualified exception.
    let c = classify(
        Some(400),
        br#"{"exception":"com.fasterxml.jackson.core.JsonParseException","timestamp":1,"duration":0,"error_description":"Unexpected character ('}' (code 125))"}"#,
    );
    assert_eq!(c.vendor(), Some(Vendor::Easemob));
    assert_eq!(c.symbol(), Some("JSON_PARSE_INVALID_JSON"));
    assert_eq!(c.matched_by(), Some(MatchedBy::StatusAndType));
    assert_eq!(
        c.code().cloned(),
        Some(RawCode::Text(Cow::Borrowed("JsonParseException")))
    );
    // A message two entries share, told apart by the exception's type.
    let c = classify(
        Some(400),
        br#"{"exception":"org.apache.usergrid.persistence.exceptions.RequiredPropertyNotFoundException","timestamp":1,"duration":0,"error_description":"Entity user requires a property named username"}"#,
    );
    assert_eq!(c.symbol(), Some("REQUIRED_PROPERTY_NOT_FOUND_USER"));
    assert_eq!(c.matched_by(), Some(MatchedBy::Message));
    // The type wins when there is one that matched well.
    let c = classify(
        Some(400),
        br#"{"error":"illegal_argument","exception":"java.lang.IllegalArgumentException","timestamp":1,"duration":0,"error_description":"Entity user requires a property named username"}"#,
    );
    assert_eq!(c.symbol(), Some("ILLEGAL_ARGUMENT_USERNAME_MISSING"));
    assert_eq!(
        c.code().cloned(),
        Some(RawCode::Text(Cow::Borrowed("illegal_argument")))
    );
    // An exception that names nothing known does not override the message.
    let c = classify(
        Some(403),
        br#"{"error":"forbidden_op","exception":"EasemobForbiddenOpException","timestamp":1,"duration":0,"error_description":"message recall service is unopened"}"#,
    );
    assert_eq!(c.symbol(), Some("FORBIDDEN_OP_RECALL_NOT_ENABLED"));
}

#[test]
fn easemob_broadcast_429_with_error_dash() {
    // The broadcast pages show error type "-": no type.
    let c = classify(
        Some(429),
        br#"{"error":"-","timestamp":1700000000000,"duration":0,"error_description":"This request has reached api limit"}"#,
    );
    assert_eq!(c.vendor(), Some(Vendor::Easemob));
    assert_eq!(c.code().cloned(), None);
    assert_eq!(c.symbol(), Some("HTTP_429_BROADCAST_RATE_LIMIT"));
    assert_eq!(c.category(), Category::RateLimited);
    assert_eq!(c.action(), Action::SlowDown);
    assert_eq!(c.retry_after(), Some(Duration::from_secs(60)));
    // With an empty message, the status alone.
    let c = classify(
        Some(429),
        br#"{"error":"-","timestamp":1700000000000,"duration":0,"error_description":""}"#,
    );
    assert_eq!(c.symbol(), Some("HTTP_429_TOO_MANY_REQUESTS"));
    assert_eq!(c.matched_by(), Some(MatchedBy::Status));
    assert!(c.message().is_none());
    // The generic rate limit, with its type.
    let c = classify(
        Some(429),
        br#"{"error":"reach_limit","timestamp":1,"duration":0,"error_description":"This request has reached api limit."}"#,
    );
    assert_eq!(c.symbol(), Some("REACH_LIMIT_API_RATE"));
}

#[test]
fn easemob_token_endpoint_without_usergrid_fields() {
    // The usual OAuth answer is only {error, error_description}.
    let c = classify(
        Some(400),
        br#"{"error":"invalid_grant","error_description":"invalid password"}"#,
    );
    assert_eq!(c.vendor(), Some(Vendor::Easemob));
    assert!(c.is_error() && c.known(), "{c:?}");
    assert_eq!(
        c.code().cloned(),
        Some(RawCode::Text(Cow::Borrowed("invalid_grant")))
    );
}

// ---------------------------------------------------------------------------
// LeanCloud.

#[test]
fn leancloud_rest_401_with_code_211() {
    let (_, body) = fixture!("leancloud/engine_session_token_expired_211.json");
    let c = classify(Some(401), body);
    assert_eq!(c.vendor(), Some(Vendor::LeanCloud));
    assert_eq!(c.surface(), Some(Surface::Rest));
    assert_eq!(c.code().cloned(), Some(RawCode::Number(211)));
    assert_eq!(c.symbol(), Some("USER_DOESNOT_EXIST"));
    assert_eq!(c.action(), Action::Relogin);
    assert_eq!(c.retry(), Retry::AfterReauth);
    // The code, not the status, is looked up (401 is also a code).
    assert_ne!(
        c.symbol(),
        classify(Some(401), br#"{"code":401,"error":"x"}"#).symbol()
    );
}

#[test]
fn leancloud_realtime_frames() {
    let (_, error) = fixture!("leancloud/frame_error_conversation_signature_4302.json");
    let (_, ack) = fixture!("leancloud/frame_ack_invalid_messaging_target_4401.json");
    let (_, closed) = fixture!("leancloud/frame_session_closed_conflict_4111.json");
    for (body, code) in [(error, 4302), (ack, 4401), (closed, 4111)] {
        let c = classify(None, body);
        assert!(c.is_error());
        assert_eq!(c.surface(), Some(Surface::Realtime));
        assert_eq!(c.code().cloned(), Some(RawCode::Number(code)));
        assert!(c.known());
    }
    // 4115: kicked by the app, closed session.
    let c = classify(
        None,
        br#"{"cmd":"session","op":"closed","code":4115,"reason":"KICKED_BY_APP","peerId":"u1"}"#,
    );
    assert_eq!(c.symbol(), Some("KICKED_BY_APP"));
    assert_eq!(c.action(), Action::Relogin);
    // A hook rejection: appMsg is the app's own words.
    let c = classify(
        None,
        br#"{"cmd":"ack","i":3,"code":4402,"reason":"MESSAGE_REJECTED_BY_APP","appCode":9890,"appMsg":"contains a banned word"}"#,
    );
    assert_eq!(c.symbol(), Some("MESSAGE_REJECTED_BY_APP"));
    assert_eq!(c.category(), Category::ContentRejected);
    assert_eq!(c.message().unwrap().to_string(), "contains a banned word");
    // `detail` says more than `reason` (which is the code's name).
    let c = classify(
        None,
        br#"{"cmd":"error","code":4301,"reason":"CONVERSATION_API_FAILED","detail":"upstream timeout","i":12}"#,
    );
    assert_eq!(c.message().unwrap().to_string(), "upstream timeout");
}

#[test]
fn leancloud_plain_session_closed_is_not_an_error() {
    // The reply to the client's own `session close`: no code.
    for body in [
        &br#"{"cmd":"session","op":"closed","i":4,"appId":"a","peerId":"u1"}"#[..],
        br#"{"cmd":"session","op":"opened","i":1,"st":"token","stTtl":17280}"#,
        br#"{"cmd":"goaway"}"#,
        br#"{"cmd":"ack","i":8,"code":null}"#,
    ] {
        let c = classify(None, body);
        assert!(!c.is_error(), "{}: {c:?}", String::from_utf8_lossy(body));
        assert_eq!(c.vendor(), Some(Vendor::LeanCloud));
        assert_eq!(c.surface(), Some(Surface::Realtime));
    }
    // A session frame with a code that is not `closed` is not an error.
    assert!(!classify(None, br#"{"cmd":"session","op":"opened","code":4111}"#).is_error());
}

/// Regression: an `error` frame without a code was classified as success.
#[test]
fn leancloud_error_frame_without_code_is_an_error() {
    let c = classify(None, br#"{"cmd":"error","reason":"SOMETHING_NEW","i":9}"#);
    assert!(c.is_error(), "{c:?}");
    assert_eq!(c.vendor(), Some(Vendor::LeanCloud));
    assert_eq!(c.code().cloned(), None);
    assert_eq!(c.category(), Category::Unknown);
    assert_eq!(c.message().unwrap().to_string(), "SOMETHING_NEW");
}

/// Regression: a top-level list was read into the envelope's fields by
/// position (`[0]` was an OpenIM success, this batch reply an OpenIM error
/// with no code).
#[test]
fn leancloud_batch_reply() {
    let (_, body) = fixture!("leancloud/batch_item_not_found.json");
    let c = classify(Some(200), body);
    assert_eq!(c.vendor(), Some(Vendor::LeanCloud));
    assert!(c.is_error() && c.is_partial());
    assert_eq!(c.code().cloned(), Some(RawCode::Number(1)));
    // Successes before the failure, repeated keys, odd items.
    let c = classify(
        Some(200),
        br#"[{"success":{"updatedAt":"2015-07-13T10:43:00.282Z"}},"x",null,{"error":{"code":105,"error":"a","code":1}}]"#,
    );
    assert!(c.is_partial());
    assert_eq!(c.code().cloned(), Some(RawCode::Number(105)));
    assert_eq!(c.message().unwrap().to_string(), "a");
    // Only LeanCloud answers this way.
    let c = classify_from(Vendor::OpenIm, Some(200), body);
    assert!(!c.is_error());
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
}

// ---------------------------------------------------------------------------
// Bodies that are not a vendor's JSON.

#[test]
fn nginx_html_502_page() {
    let page = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0 (Ubuntu)</center>\r\n</body>\r\n</html>\r\n";
    let c = classify(Some(502), page);
    assert!(c.is_error());
    assert_eq!(c.vendor(), None);
    assert_eq!(c.code().cloned(), None);
    assert_eq!(c.category(), Category::Unavailable);
    assert_eq!(c.retry(), Retry::Backoff);
    assert_eq!(c.action(), Action::Retry);
    assert_eq!(c.basis(), Basis::HttpStatus);
    assert!(c.message().is_none(), "HTML is not a message");
    let c = classify_from(Vendor::Tencent, Some(502), page);
    assert_eq!(c.vendor(), Some(Vendor::Tencent));
    assert_eq!(c.surface(), Some(Surface::Server));
    assert_eq!(c.category(), Category::Unavailable);
}

#[test]
fn plain_404_page_not_found() {
    let c = classify(Some(404), b"404 page not found");
    assert!(c.is_error());
    assert_eq!(c.vendor(), None);
    assert_eq!(c.category(), Category::NotFound);
    assert_eq!(c.action(), Action::FixRequest);
    assert_eq!(c.message().unwrap().to_string(), "404 page not found");
    // OpenIM's object redirect answers plain text too.
    let c = classify_from(
        Vendor::OpenIm,
        Some(500),
        b"json marshal error: unsupported type",
    );
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert_eq!(c.category(), Category::Internal);
    assert!(c.is_retryable());
}

#[test]
fn empty_body_with_503_and_with_200() {
    let c = classify(Some(503), b"");
    assert!(c.is_error());
    assert_eq!(c.category(), Category::Unavailable);
    assert!(c.is_retryable());
    assert!(c.message().is_none());
    let c = classify(Some(200), b"");
    assert!(!c.is_error());
    assert_eq!(c.basis(), Basis::Success);
    // Whitespace is empty too; gin's panic recovery sends an empty 500.
    assert!(!classify(Some(204), b" \r\n").is_error());
    let c = classify_from(Vendor::OpenIm, Some(500), b"");
    assert!(c.is_error());
    assert_eq!(c.category(), Category::Internal);
    // No status and no body: nothing to go on.
    let c = classify(None, b"");
    assert!(c.is_error());
    assert_eq!(c.basis(), Basis::Nothing);
}

#[test]
fn options_request_json_string() {
    let c = classify(Some(200), br#""Options Request!""#);
    assert_eq!(c.vendor(), None);
    assert_eq!(c.code().cloned(), None);
    assert_eq!(c.basis(), Basis::Nothing);
    let c = classify_from(Vendor::OpenIm, Some(200), br#""Options Request!""#);
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert_eq!(c.code().cloned(), None);
}

#[test]
fn truncated_json() {
    let body = br#"{"errCode":1001,"errMsg":"ArgsError","errDlt":"header must"#;
    // The fields before the cut still say what it is.
    let c = classify(Some(200), body);
    assert!(c.is_error() && c.is_extracted());
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert_eq!(c.code().cloned(), Some(RawCode::Number(1001)));
    assert_eq!(c.category(), Category::InvalidRequest);
    let c = classify_from(Vendor::OpenIm, Some(200), body);
    assert_eq!(c.symbol(), Some("ArgsError"));
    // Cut before any code, under a success status: the transfer broke, and
    // the request may have been applied.
    let body = br#"{"errCode":"#;
    let c = classify(Some(200), body);
    assert_eq!((c.vendor(), c.category()), (None, Category::Network));
    assert_eq!(
        (c.basis(), c.effect(), c.retry()),
        (Basis::Transport, Effect::Unknown, Retry::Backoff)
    );
    assert!(c.hint(Lang::En).contains("dedupe key"));
    let c = classify(Some(502), body);
    assert_eq!(c.category(), Category::Unavailable);
    // Every prefix of a real body gets a verdict.
    let (_, full) = fixture!("tencent/friend_add_result_item.json");
    for n in 0..full.len() {
        let c = classify(Some(200), &full[..n]);
        let _ = c.logfmt().to_string();
        let _ = serde_json::to_string(&c).unwrap();
    }
}

#[test]
fn a_body_over_max_body_is_not_parsed() {
    // A valid OpenIM error padded inside its detail to 2 MiB.
    let mut body = br#"{"errCode":1501,"errMsg":"TokenExpiredError","errDlt":""#.to_vec();
    body.resize(2 << 20, b'x');
    body.extend_from_slice(br#""}"#);
    assert!(body.len() > MAX_BODY);
    let c = classify(Some(502), &body);
    assert_eq!(c.vendor(), None, "not parsed");
    assert_eq!(c.code().cloned(), None);
    assert_eq!(c.basis(), Basis::HttpStatus);
    assert_eq!(c.category(), Category::Unavailable);
    assert!(c.message().is_none());
    let c = classify(Some(200), &body);
    assert!(c.is_error());
    assert_eq!(c.basis(), Basis::Nothing);
    let c = classify_from(Vendor::OpenIm, Some(401), &body);
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert_eq!(c.code().cloned(), None);
    assert_eq!(c.category(), Category::Auth);
    // Just under the limit, it is parsed.
    let mut body = br#"{"errCode":1501,"errMsg":"TokenExpiredError","errDlt":""#.to_vec();
    body.resize(MAX_BODY - 2, b'x');
    body.extend_from_slice(br#""}"#);
    let c = classify(Some(200), &body);
    assert_eq!(c.symbol(), Some("TokenExpiredError"));
    assert!(c.message().unwrap().to_string().len() <= MAX_MESSAGE);
}

#[test]
fn binary_garbage() {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut garbage = vec![0u8; 4096];
    for b in &mut garbage {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        *b = seed as u8;
    }
    for status in [None, Some(200), Some(500)] {
        for len in [1, 2, 7, 100, 4096] {
            let body = &garbage[..len];
            let c = classify(status, body);
            assert!(c.is_error(), "{body:?}: {c:?}");
            assert_eq!(c.vendor(), None);
            assert!(c.logfmt().to_string().lines().count() == 1);
            serde_json::to_string(&c).unwrap();
            if let Some(m) = c.message() {
                assert!(!m.to_string().chars().any(char::is_control));
            }
        }
    }
    // A gzip body nobody decompressed, and invalid UTF-8 in a JSON string.
    let c = classify(
        Some(200),
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xab\xae\x05\x00",
    );
    assert!(c.is_error() && c.message().is_none());
    let c = classify(Some(200), b"{\"errCode\":1001,\"errMsg\":\"\xff\xfe\"}");
    assert!(c.is_error());
    // Invalid UTF-8 in a field classify skips does not cost the verdict.
    let c = classify(
        Some(200),
        b"{\"trace\":\"\xff\xfe\",\"errCode\":1001,\"errDlt\":\"header must have operationID\"}",
    );
    assert_eq!(c.symbol(), Some("ArgsError"), "{c:?}");
    assert_eq!(c.raw_message(), Some("header must have operationID"));
}

#[test]
fn codes_sent_as_strings() {
    let c = classify(Some(200), br#"{"errCode":"1001","errMsg":"ArgsError"}"#);
    assert_eq!(c.code().cloned(), Some(RawCode::Number(1001)));
    assert_eq!(c.symbol(), Some("ArgsError"));
    let c = classify(
        Some(200),
        br#"{"ActionStatus":"FAIL","ErrorCode":" 70001 ","ErrorInfo":"x"}"#,
    );
    assert_eq!(c.code().cloned(), Some(RawCode::Number(70001)));
    assert_eq!(c.symbol(), Some("ERR_SVR_ACCOUNT_USERSIG_EXPIRED"));
    let c = classify(None, br#"{"cmd":"error","code":"4302","reason":"x"}"#);
    assert_eq!(c.symbol(), Some("CONVERSATION_SIGNATURE_FAILED"));
    // Not a number: kept as text, unknown.
    let c = classify(Some(200), br#"{"errCode":"E1001","errMsg":"x"}"#);
    assert!(c.is_error() && !c.known());
    assert_eq!(
        c.code().cloned(),
        Some(RawCode::Text(Cow::Borrowed("E1001")))
    );
    assert_eq!(
        c.to_error().verdict().code().cloned(),
        Some(RawCode::Text("E1001".into()))
    );
}

#[test]
fn negative_huge_and_float_codes() {
    // Negative: kept, unknown.
    let c = classify(Some(200), br#"{"errCode":-1,"errMsg":"x"}"#);
    assert!(c.is_error());
    assert_eq!(c.code().cloned(), Some(RawCode::Number(-1)));
    assert_eq!(c.basis(), Basis::Nothing);
    let c = classify(Some(200), br#"{"errCode":-9223372036854775808}"#);
    assert_eq!(c.code().cloned(), Some(RawCode::Number(i64::MIN)));
    // Too big for i64: no code, still an error of the vendor.
    for huge in [
        "1e30",
        "18446744073709551615",
        "9223372036854775808",
        "-1e300",
        "1.5",
    ] {
        let body = format!(r#"{{"errCode":{huge},"errMsg":"x"}}"#);
        let c = classify(Some(200), body.as_bytes());
        assert_eq!(c.vendor(), Some(Vendor::OpenIm), "{huge}");
        assert!(c.is_error(), "{huge}");
        assert_eq!(c.code().cloned(), None, "{huge}");
        assert_eq!(c.category(), Category::Unknown, "{huge}");
        // ... and the status still speaks.
        let c = classify(Some(503), body.as_bytes());
        assert_eq!(c.category(), Category::Unavailable, "{huge}");
    }
    // A whole float is that integer.
    let c = classify(Some(200), br#"{"errCode":1001.0,"errMsg":"x"}"#);
    assert_eq!(c.code().cloned(), Some(RawCode::Number(1001)));
    assert_eq!(c.symbol(), Some("ArgsError"));
    let c = classify(
        Some(200),
        br#"{"ActionStatus":"FAIL","ErrorCode":7.0001e4}"#,
    );
    assert_eq!(c.code().cloned(), Some(RawCode::Number(70001)));
    // 0.0 is success.
    assert!(!classify(Some(200), br#"{"errCode":0.0}"#).is_error());
    // Other JSON types: a code that is no code.
    for odd in ["true", "{}", r#"{"v":1001}"#] {
        let body = format!(r#"{{"errCode":{odd},"errMsg":"x"}}"#);
        let c = classify(Some(200), body.as_bytes());
        assert!(c.is_error(), "{odd}");
        assert_eq!(c.code().cloned(), None, "{odd}");
    }
    // A list holding the code: the text still shows it.
    let c = classify(Some(200), br#"{"errCode":[1001],"errMsg":"x"}"#);
    assert_eq!(c.code().cloned(), Some(RawCode::Number(1001)));
    assert!(c.is_extracted());
    // null is absent.
    assert_eq!(classify(Some(200), br#"{"errCode":null}"#).vendor(), None);
}

#[test]
fn odd_key_casing() {
    for body in [
        &br#"{"errcode":1501,"errmsg":"TokenExpiredError"}"#[..],
        br#"{"ErrCode":1501,"ErrMsg":"TokenExpiredError"}"#,
        br#"{"err_code":1501,"err_msg":"TokenExpiredError"}"#,
    ] {
        let c = classify(Some(200), body);
        assert_eq!(c.vendor(), Some(Vendor::OpenIm));
        assert_eq!(c.symbol(), Some("TokenExpiredError"));
        assert_eq!(c.message().unwrap().to_string(), "TokenExpiredError");
    }
    // Tencent's Java SDK models: camelCase.
    let c = classify(
        Some(200),
        br#"{"actionStatus":"FAIL","errorCode":70001,"errorInfo":"UserSig expired"}"#,
    );
    assert_eq!(c.vendor(), Some(Vendor::Tencent));
    assert_eq!(c.symbol(), Some("ERR_SVR_ACCOUNT_USERSIG_EXPIRED"));
    assert_eq!(c.message().unwrap().to_string(), "UserSig expired");
    assert!(!classify(Some(200), br#"{"actionStatus":"OK","errorCode":0}"#).is_error());
    // A key spelled with an escape is the same key.
    let c = classify(Some(200), br#"{"err\u0043ode":1001}"#);
    assert_eq!(c.symbol(), Some("ArgsError"));
}

/// Checks what `message()` prints: bounded, whole characters, no control
/// characters, and a prefix of the original with those removed.
#[track_caller]
fn check_message(c: &Classification<'_>, original: &str) {
    let m = c.message().expect("a message").to_string();
    assert!(m.len() <= MAX_MESSAGE, "{} bytes", m.len());
    assert!(!m.chars().any(char::is_control), "{m:?}");
    let clean: String = original.chars().filter(|c| !c.is_control()).collect();
    assert!(
        clean.starts_with(&m),
        "{m:?} is not a prefix of the original"
    );
    if clean.len() > MAX_MESSAGE {
        // As long as it can be without cutting a character.
        let next = clean[m.len()..].chars().next().unwrap();
        assert!(m.len() + next.len_utf8() > MAX_MESSAGE);
    } else {
        assert_eq!(m, clean);
    }
    assert_eq!(c.to_error().verdict().raw_message(), Some(m.as_str()));
}

#[test]
fn control_characters_and_a_10_kb_message() {
    // Escaped control characters (the JSON is valid).
    let body = br#"{"errCode":1001,"errMsg":"ArgsError","errDlt":"line1\nline2\r\u0000\u001b[31mred\u007f\u0085end\t."}"#;
    let c = classify(Some(200), body);
    assert_eq!(c.symbol(), Some("ArgsError"));
    check_message(&c, "line1\nline2\r\u{0}\u{1b}[31mred\u{7f}\u{85}end\t.");
    assert_eq!(c.message().unwrap().to_string(), "line1line2[31mredend.");
    // Raw control characters are not valid JSON: the text is read for its
    // fields, and the message is still sanitized.
    let c = classify(Some(500), b"{\"errCode\":1001,\"errMsg\":\"a\nb\"}");
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert!(c.is_extracted());
    assert!(!c.message().unwrap().to_string().contains('\n'));
    // 10 KB messages: ASCII, 3-byte and 4-byte characters, offset so that
    // the cut falls inside a character.
    for unit in ["x", "错", "é", "😀"] {
        for offset in 0..4 {
            let text = format!(
                "{}{}",
                "a".repeat(offset),
                unit.repeat(10 * 1024 / unit.len())
            );
            let body =
                serde_json::json!({"ActionStatus": "FAIL", "ErrorCode": 70001, "ErrorInfo": text});
            let body = serde_json::to_vec(&body).unwrap();
            let c = classify(Some(200), &body);
            assert_eq!(c.symbol(), Some("ERR_SVR_ACCOUNT_USERSIG_EXPIRED"));
            check_message(&c, &text);
            let line = c.logfmt().to_string();
            assert!(!line.contains('\n'));
            let v = serde_json::to_value(&c).unwrap();
            assert!(v["message"].as_str().unwrap().len() <= MAX_MESSAGE);
        }
    }
    // Control characters between the limit's bytes do not count.
    let text = format!("{}{}", "\u{1}".repeat(300), "y".repeat(300));
    let body = serde_json::to_vec(&serde_json::json!({"code": 1, "error": text})).unwrap();
    let c = classify(Some(400), &body);
    check_message(&c, &text);
    assert_eq!(c.message().unwrap().to_string(), "y".repeat(MAX_MESSAGE));
    // A plain-text body is a message, bounded the same way.
    let text = "é".repeat(5000);
    let c = classify(Some(500), text.as_bytes());
    check_message(&c, &text);
}

/// Regression: a message made only of digits was dropped (it was read as a
/// number where text was expected).
#[test]
fn a_message_of_digits_is_text() {
    let c = classify(
        Some(200),
        br#"{"errCode":1001,"errMsg":"ArgsError","errDlt":"404"}"#,
    );
    assert_eq!(c.message().unwrap().to_string(), "404");
    // A number where text was expected is absent, not formatted.
    let c = classify(
        Some(200),
        br#"{"errCode":1001,"errMsg":1001,"errDlt":{"a":1}}"#,
    );
    assert!(c.message().is_none());
}

#[test]
fn json_arrays_and_scalars_at_top_level() {
    for body in [
        &b"[]"[..],
        b"[0]",
        br#"[1001,"ArgsError","header must have token"]"#,
        br#"[{"errCode":1001}]"#,
        b"[[[[]]]]",
    ] {
        // Not an envelope: a list of no known shape is not an error by itself.
        let c = classify(Some(200), body);
        assert_eq!(c.vendor(), None, "{}: {c:?}", String::from_utf8_lossy(body));
        assert_eq!(c.code().cloned(), None);
        assert!(!c.is_error(), "{}: {c:?}", String::from_utf8_lossy(body));
        let c = classify(Some(500), body);
        assert!(c.is_error());
        assert_eq!(c.category(), Category::Internal);
    }
    for body in [
        &b"0"[..],
        b"1001",
        b"-1",
        b"true",
        b"null",
        b"\"ArgsError\"",
        b"1e400",
    ] {
        let c = classify(Some(200), body);
        assert_eq!(c.vendor(), None, "{}", String::from_utf8_lossy(body));
        assert_eq!(c.code().cloned(), None);
        assert!(c.is_error());
        assert_eq!(c.basis(), Basis::Nothing);
        let c = classify(Some(401), body);
        assert_eq!(c.category(), Category::Auth);
    }
}

#[test]
fn deeply_nested_json() {
    // Past serde_json's recursion limit (128) in every place the envelope
    // looks into, and far past it where values are skipped: each gets a
    // verdict, none overflows the stack.
    for depth in [127, 128, 129, 1000, 100_000] {
        let nest =
            |open: &str, close: &str| format!("{}{}", open.repeat(depth), close.repeat(depth));
        let list = nest("[", "]");
        let map = nest(r#"{"a":"#, "}").replace(r#"{"a":}"#, r#"{"a":1}"#);
        let bodies = [
            list.clone(),
            map.clone(),
            format!(r#"{{"errCode":{list}}}"#),
            format!(r#"{{"errCode":1001,"errMsg":{map}}}"#),
            format!(r#"{{"errCode":1001,"data":{list}}}"#),
            format!(r#"{{"ActionStatus":"OK","ErrorCode":0,"ErrorList":{list}}}"#),
            format!(
                r#"{{"ActionStatus":"OK","ErrorCode":0,"ErrorList":[{{"ErrorCode":{list}}}]}}"#
            ),
            format!(r#"[{{"error":{{"code":{list}}}}}]"#),
            format!(r#"{{"cmd":"error","code":4302,"reason":{map}}}"#),
        ];
        for body in &bodies {
            for status in [Some(200), Some(502), None] {
                let c = classify(status, body.as_bytes());
                let _ = c.logfmt().to_string();
                let _ = serde_json::to_string(&c).unwrap();
                let _ = classify_from(Vendor::Tencent, status, body.as_bytes());
            }
        }
        // Past the limit, a top-level nest is no JSON serde_json accepts:
        // the status decides.
        if depth > 128 {
            for body in [&list, &map] {
                let c = classify(Some(502), body.as_bytes());
                assert!(c.is_error());
                assert_eq!(c.vendor(), None);
                assert_eq!(c.category(), Category::Unavailable);
            }
        }
    }
    // Shallow enough: a verdict from the envelope.
    let c = classify(Some(200), br#"{"errCode":1001,"data":[[[[{"a":[1]}]]]]}"#);
    assert_eq!(c.symbol(), Some("ArgsError"));
}

/// A byte order mark some proxies add made the body unparseable.
#[test]
fn a_byte_order_mark_is_skipped() {
    let c = classify(
        Some(200),
        b"\xEF\xBB\xBF{\"errCode\":1001,\"errMsg\":\"ArgsError\"}",
    );
    assert_eq!(c.vendor(), Some(Vendor::OpenIm));
    assert_eq!(c.symbol(), Some("ArgsError"));
}

// ---------------------------------------------------------------------------
// ImError.

#[test]
fn im_error_display_and_retry() {
    let (_, body) = fixture!("tencent/create_group_timeout_60008.json");
    let c = classify(Some(200), body);
    let e = c.to_error();
    let entry = c.matched().entry().unwrap();
    let shown = e.to_string();
    for part in [
        "tencent",
        "60008",
        "ERR_SVR_COMM_REQUEST_TIMEOUT",
        entry.meta().summary(imerr::Lang::En),
        "service timeout or request format error",
    ] {
        assert!(shown.contains(part), "{shown:?} lacks {part:?}");
    }
    assert_eq!(e.is_retryable(), entry.meta().is_retryable());
    assert!(e.is_retryable());
    assert_eq!(e.retry_after(), entry.meta().retry_after());
    assert_eq!(e.is_retryable(), c.is_retryable());

    // With a stated wait.
    let (_, body) = fixture!("leancloud/js_sdk_too_many_requests_429.json");
    let e = classify(Some(429), body).to_error();
    let entry = e.verdict().matched().entry().unwrap();
    assert!(e.is_retryable() && entry.meta().is_retryable());
    assert_eq!(e.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(e.retry_after(), entry.meta().retry_after());
    assert!(
        e.to_string()
            .starts_with("leancloud 429 TOO_MANY_REQUESTS: ")
    );

    // Every fixture: Display names vendor, code and symbol, and the retry
    // verdict is the entry's.
    for (_, status, body) in crate::fixtures::all() {
        let c = classify(status, &body);
        if !c.is_error() {
            continue;
        }
        let e = c.to_error();
        let v = e.verdict();
        let shown = e.to_string();
        if let Some(vendor) = v.vendor() {
            assert!(shown.starts_with(vendor.as_str()), "{shown}");
        }
        if let Some(code) = v.code() {
            assert!(shown.contains(&format!(" {code}")), "{shown}");
        }
        if let Some(s) = v.symbol() {
            assert!(shown.contains(s), "{shown}");
            assert!(shown.contains(v.summary(Lang::En).unwrap()), "{shown}");
        }
        assert!(!shown.contains('\n'));
        if let Some(entry) = v.matched().entry() {
            assert_eq!(e.is_retryable(), entry.meta().is_retryable(), "{shown}");
        }
        // The response's own wait (Matrix's retry_after_ms) beats the table's.
        assert_eq!(e.retry_after(), c.retry_after(), "{shown}");
        assert_eq!(e.is_retryable(), c.is_retryable(), "{shown}");
    }

    // Unknown code: the category says what it is.
    let e = classify(Some(200), br#"{"errCode":987654,"errMsg":"new"}"#).to_error();
    assert_eq!(
        e.to_string(),
        "openim 987654: unknown error not in the tables (vendor said: new)"
    );
    assert!(!e.is_retryable());
    // No code: the HTTP status.
    let e = classify(Some(503), b"").to_error();
    assert_eq!(
        e.to_string(),
        "unknown vendor HTTP 503: unavailable error not in the tables"
    );
    assert!(e.is_retryable());
    assert_eq!(e.retry_after(), None);
}

// ---------------------------------------------------------------------------
// logfmt.

#[test]
fn logfmt_one_body_per_vendor() {
    let line = |status, body: &[u8]| classify(status, body).logfmt().to_string();
    assert_eq!(
        line(
            Some(200),
            fixture!("openim/get_admin_token_record_not_found.json").1
        ),
        "vendor=openim surface=server code=1004 status=200 symbol=RecordNotFoundError known=true \
         category=not_found retry=no action=create_resource effect=none http_status=404 \
         msg=\": [1004]RecordNotFoundError\""
    );
    assert_eq!(
        line(
            Some(200),
            fixture!("tencent/sendmsg_invalid_to_account_90003.json").1
        ),
        "vendor=tencent surface=server code=90003 status=200 symbol=ERR_SVR_MSG_INVALID_TO_ACCOUNT \
         known=true category=invalid_request retry=no action=fix_request effect=none http_status=400 \
         msg=\"Invalid format of To_Account\""
    );
    assert_eq!(
        line(
            Some(403),
            fixture!("easemob/recall_service_unopened_403.json").1
        ),
        "vendor=easemob surface=rest code=forbidden_op status=403 symbol=FORBIDDEN_OP_RECALL_NOT_ENABLED \
         known=true category=feature_disabled retry=no action=enable_feature effect=none http_status=501 \
         msg=\"message recall service is unopened\""
    );
    assert_eq!(
        line(
            None,
            fixture!("leancloud/frame_session_closed_conflict_4111.json").1
        ),
        "vendor=leancloud surface=realtime code=4111 symbol=SESSION_CONFLICT known=true \
         category=session retry=no action=relogin effect=none \
         http_status=401 msg=SESSION_CONFLICT"
    );
    assert_eq!(
        line(Some(200), fixture!("tencent/rest_success.json").1),
        "vendor=tencent surface=server status=200 known=false category=ok retry=no action=none \
         effect=applied http_status=200"
    );
    assert_eq!(
        line(Some(502), b"<html>502</html>"),
        "vendor=unknown status=502 known=false category=unavailable retry=backoff action=retry \
         effect=unknown http_status=503"
    );
}

#[test]
fn logfmt_with_a_hostile_message() {
    let body = br#"{"errCode":1001,"errMsg":"ArgsError","errDlt":"a \"quoted\" key=value\nlevel=error msg=\"forged\"\r\n\\ end"}"#;
    let c = classify(Some(200), body);
    let line = c.logfmt().to_string();
    // Control characters (the newlines) are dropped, quotes and
    // backslashes escaped, and the value quoted.
    assert_eq!(
        line,
        r#"vendor=openim surface=server code=1001 status=200 symbol=ArgsError known=true category=invalid_request retry=no action=fix_request effect=none http_status=400 msg="a \"quoted\" key=valuelevel=error msg=\"forged\"\\ end""#
    );
    assert_eq!(line.lines().count(), 1);
    // One msg= value: everything after it is inside one quoted string.
    let msg = line.split_once(" msg=").unwrap().1;
    assert!(msg.starts_with('"') && msg.ends_with('"'));
    // A value with `=` alone is quoted too, and so is a hostile text code.
    let c = classify(
        Some(400),
        br#"{"error":"a=b c","timestamp":1,"duration":0,"error_description":"x"}"#,
    );
    let line = c.logfmt().to_string();
    assert!(line.contains(r#" code="a=b c" "#), "{line}");
    assert!(line.ends_with(" msg=x"), "{line}");
}

// ---------------------------------------------------------------------------
// Serialization.

#[test]
fn serialization_has_the_design_keys() {
    const DESIGN: [&str; 13] = crate::common::verdict::DESIGN_KEYS;
    const EXTRAS: [&str; 8] = [
        "status",
        "basis",
        "matched_by",
        "partial",
        "soft_logout",
        "extracted",
        "wrapped_by",
        "retry_after",
    ];
    let mut all = crate::fixtures::all()
        .into_iter()
        .map(|(_, status, body)| (status, body))
        .collect::<Vec<_>>();
    all.push((Some(502), b"<html></html>".to_vec()));
    all.push((None, b"\xff".to_vec()));
    for (status, body) in &all {
        let c = classify(*status, body);
        let v = serde_json::to_value(&c).unwrap();
        let obj = v.as_object().unwrap();
        for k in DESIGN {
            assert!(obj.contains_key(k), "missing {k}");
        }
        for k in obj.keys() {
            assert!(
                DESIGN.contains(&k.as_str()) || EXTRAS.contains(&k.as_str()),
                "unexpected key {k}"
            );
        }
        // In the order of docs/design.md, the extras after.
        let text = serde_json::to_string(&c).unwrap();
        let at = |k: &str| text.find(&format!("\"{k}\":")).unwrap();
        assert!(text.starts_with("{\"is_error\":"));
        for w in DESIGN.windows(2) {
            assert!(at(w[0]) < at(w[1]), "{} before {}", w[0], w[1]);
        }
        assert!(at("message") < at("status"));
        assert_eq!(obj["is_error"], c.is_error());
        assert_eq!(obj["known"], c.known());
        assert_eq!(obj["http_status"], c.http_status());
        assert_eq!(obj["hint"], c.hint(Lang::En));
        assert_eq!(obj["category"], c.category().to_string());
        assert_eq!(obj["retry"], c.retry().to_string());
        assert_eq!(obj["action"], c.action().to_string());
        assert_eq!(obj["basis"], c.basis().to_string());
        assert_eq!(obj.contains_key("partial"), c.is_partial());
        assert_eq!(obj.contains_key("matched_by"), c.matched_by().is_some());
    }

    let (_, body) = fixture!("openim/missing_operation_id.json");
    let v = serde_json::to_value(classify(Some(200), body)).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "is_error": true, "vendor": "openim", "surface": "server", "code": 1001,
            "symbol": "ArgsError", "known": true, "category": "invalid_request",
            "retry": "no", "action": "fix_request", "effect": "none", "http_status": 400,
            "hint": imerr::lookup(Vendor::OpenIm, Surface::Server, 1001).matched.hint(Lang::En),
            "message": "header must have operationID",
            "status": 200, "basis": "entry", "retry_after": null,
        })
    );
    // Easemob REST: the code is the error type, a string.
    let (_, body) = fixture!("easemob/force_offline_user_not_found_404.json");
    let v = serde_json::to_value(classify(Some(404), body)).unwrap();
    assert_eq!(v["code"], "service_resource_not_found");
    assert_eq!(v["matched_by"], "message");
    // No vendor: null, and a success body.
    let v = serde_json::to_value(classify(Some(200), br#"{"result":"ok"}"#)).unwrap();
    assert_eq!(v["vendor"], serde_json::Value::Null);
    assert_eq!(v["is_error"], false);
    assert_eq!(v["message"], serde_json::Value::Null);
    // Partial and retry_after.
    let (_, body) = fixture!("tencent/batchsendmsg_some_error.json");
    let v = serde_json::to_value(classify(Some(200), body)).unwrap();
    assert_eq!(v["partial"], true);
    let v = serde_json::to_value(classify(
        Some(429),
        fixture!("openim/rate_limiter_429.json").1,
    ))
    .unwrap();
    assert_eq!(v["retry_after"], 5);
}

#[test]
fn separators_and_bidi_overrides_are_stripped_from_messages() {
    let body = "{\"errCode\":1001,\"errDlt\":\"line\u{2028}break\u{2029}para\u{202e}evil\u{2066}x\u{200f}\"}";
    let c = imerr::classify(Some(200), body.as_bytes());
    assert_eq!(c.message().unwrap().to_string(), "linebreakparaevilx");
    assert!(!c.logfmt().to_string().contains('\u{2028}'));
}

#[test]
fn data_after_the_envelope_does_not_cost_the_verdict() {
    let c = imerr::classify(
        Some(200),
        br#"{"errCode":1001,"errMsg":"ArgsError"}{"errCode":1002}"#,
    );
    assert_eq!(c.symbol(), Some("ArgsError"));
    let c = imerr::classify(Some(200), b"{\"errCode\":1501}\n garbage");
    assert_eq!(c.symbol(), Some("TokenExpiredError"));
}

#[test]
fn leancloud_rest_bodies_with_im_codes_use_the_realtime_table() {
    let c = imerr::classify(
        Some(400),
        br#"{"code":4301,"error":"CONVERSATION_NOT_FOUND"}"#,
    );
    assert_eq!(c.vendor(), Some(imerr::Vendor::LeanCloud));
    assert_eq!(c.surface(), Some(imerr::Surface::Realtime));
    assert!(c.known());
    // A code both tables lack stays on the REST surface.
    let c = imerr::classify(Some(400), br#"{"code":999999,"error":"x"}"#);
    assert_eq!(c.surface(), Some(imerr::Surface::Rest));
    assert!(!c.known());
}

/// `write_json` is the fast path of the CLI's `--lines`: it must write the
/// bytes serde_json writes, for every entry and range (their symbols, hints
/// and retry waits), every fallback category, and the optional fields.
#[test]
fn write_json_matches_serde_json() {
    use imerr::Match;
    use strum::IntoEnumIterator;

    let messages: [Option<Cow<'_, str>>; 7] = [
        None,
        Some(Cow::Borrowed("upstream timeout")),
        Some(Cow::Borrowed(r"no file C:\tmp\x")),
        Some(Cow::Borrowed("a \"quoted\" word")),
        Some(Cow::Borrowed(
            "say \"hi\" \\ back\n\u{7f}\u{85}\u{2028} 中文",
        )),
        Some(Cow::Owned("x".repeat(MAX_MESSAGE + 10))),
        Some(Cow::Borrowed("")),
    ];
    let mut verdicts = Vec::new();
    for vendor in Vendor::iter() {
        let matches = vendor
            .entries()
            .map(Match::Entry)
            .chain(vendor.ranges().map(Match::Range));
        for (i, matched) in matches.enumerate() {
            let code = match matched {
                Match::Entry(e) => e.number().map(RawCode::Number),
                _ => Some(RawCode::Number(-(i as i64))),
            }
            .or(Some(RawCode::Text(Cow::Borrowed("bad_\"request\""))));
            let status = [None, Some(200), Some(403)][i % 3];
            let c = Classification::from_match(
                Some(vendor),
                vendor.surfaces().first().copied(),
                code,
                status,
                matched,
            )
            .with_message(messages[i % messages.len()].clone());
            verdicts.push(if i % 5 == 0 { c.into_partial() } else { c });
        }
    }
    // Every fallback: no code, every status class, every message.
    for (i, status) in [
        None,
        Some(200),
        Some(401),
        Some(404),
        Some(429),
        Some(501),
        Some(503),
        Some(599),
        Some(u16::MAX),
    ]
    .into_iter()
    .enumerate()
    {
        verdicts.push(
            Classification::from_status(None, None, status)
                .with_message(messages[i % messages.len()].clone()),
        );
        verdicts.push(Classification::success(Some(Vendor::Tencent), None, status));
    }
    // An Easemob match carries its matching step.
    for (status, ty, msg) in [
        (
            Some(401),
            Some("unauthorized"),
            Some("Unable to authenticate due to expired access token"),
        ),
        (Some(400), Some("illegal_argument"), None),
        (Some(404), None, None),
    ] {
        let m = imerr::easemob::match_rest(status, ty, msg).unwrap();
        verdicts.push(Classification::from(m));
    }
    let mut line = b"kept".to_vec();
    for c in &verdicts {
        line.truncate(4);
        c.write_json(&mut line);
        let serde = serde_json::to_vec(c).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&line[4..]),
            String::from_utf8_lossy(&serde)
        );
    }
    assert!(verdicts.len() > 1400, "{}", verdicts.len());
}

/// A generic code unwraps to the specific one its body names only for
/// vendors whose bodies are documented to nest codes: OpenIM's 500 does,
/// LeanCloud's bodies never do, so another code's name in a LeanCloud
/// message is text.
#[test]
fn only_vendors_that_nest_codes_unwrap_them() {
    let openim = classify(
        Some(200),
        br#"{"errCode":500,"errMsg":"ServerInternalError","errDlt":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}"#,
    );
    assert_eq!(openim.wrapped_by(), Some(&RawCode::Number(500)));
    assert_eq!(openim.symbol(), Some("codes.DeadlineExceeded"));

    let leancloud = classify_from(
        Vendor::LeanCloud,
        Some(400),
        br#"{"code":4301,"error":"Conversation API failed: INVALID_LOGIN"}"#,
    );
    assert_eq!(leancloud.code(), Some(&RawCode::Number(4301)));
    assert_eq!(leancloud.wrapped_by(), None);
}
