//! The keys a text's pairs are read by: which name an error code, its
//! message or an HTTP status, and which values of a code key mean there is
//! no code.

/// Keys whose value is an error code.
pub(crate) fn is_code_key(key: &str) -> bool {
    const KEYS: [&str; 12] = [
        "code",
        "errcode",
        "err_code",
        "errorcode",
        "error_code",
        "resultcode",
        "result_code",
        "rescode",
        "res_code",
        "retcode",
        "ret_code",
        "errno",
    ];
    if KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        return true;
    }
    // `nErrorCode`, `sdkErrCode`: a code key with a prefix.
    (8..=24).contains(&key.len())
        && (ends_with_ignore_case(key, "errorcode") || ends_with_ignore_case(key, "errcode"))
}

fn ends_with_ignore_case(key: &str, suffix: &str) -> bool {
    let (k, s) = (key.as_bytes(), suffix.as_bytes());
    k.len() >= s.len() && k[k.len() - s.len()..].eq_ignore_ascii_case(s)
}

/// Keys whose value is the error's text.
pub(crate) fn is_message_key(key: &str) -> bool {
    const KEYS: [&str; 16] = [
        "message",
        "msg",
        "errmsg",
        "err_msg",
        "errormessage",
        "error_message",
        "errormsg",
        "errorinfo",
        "desc",
        "description",
        "reason",
        "error",
        "detail",
        "errdlt",
        "errordisplay",
        "error_description",
    ];
    KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// Values of a code key that say there is no code.
pub(super) const NO_CODE: [&str; 7] = ["null", "nil", "none", "undefined", "true", "false", "NaN"];

/// Keys whose value is an HTTP status.
pub(super) fn is_status_key(key: &str) -> bool {
    [
        "status",
        "statuscode",
        "status_code",
        "httpcode",
        "http_status",
        "httpstatus",
    ]
    .iter()
    .any(|k| k.eq_ignore_ascii_case(key))
}
