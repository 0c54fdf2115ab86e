//! The data-file validator names the file and the entry and says what is
//! wrong, one message per problem.

use crate::common::schema::parse;

const HEADER: &str = "vendor = \"openim\"\nname = \"OpenIM\"\nsurfaces = [\"server\", \"sdk\"]\n";

fn entry(code: i64, symbol: &str, extra: &str) -> String {
    format!(
        "[[entry]]\nsurface = \"server\"\ncode = {code}\nsymbol = \"{symbol}\"\ncategory = \"invalid_request\"\nretry = \"no\"\naction = \"fix_request\"\n\
         summary = \"The request lacked a header the gateway requires.\"\nsummary_zh = \"请求缺少网关要求的请求头。\"\n\
         hint = \"Add the operationID header and send again.\"\nhint_zh = \"补上 operationID 请求头后重新发送。\"\n{extra}\n"
    )
}

/// What the validator says of a data file `file` made of `header` and
/// `body`.
fn errors_in(file: &str, header: &str, body: &str) -> Vec<String> {
    parse(file, &format!("{header}{body}"))
        .err()
        .unwrap_or_default()
}

fn errors(body: &str) -> Vec<String> {
    errors_in("data/openim.toml", HEADER, body)
}

fn assert_error(body: &str, expected: &str) {
    let errs = errors(body);
    assert!(
        errs.iter().any(|e| e == expected),
        "expected {expected:?}, got {errs:#?}"
    );
}

#[test]
fn a_good_file_passes() {
    let t = parse(
        "data/openim.toml",
        &format!("{HEADER}{}", entry(1001, "ArgsError", "")),
    )
    .unwrap();
    assert_eq!(t.entries.len(), 1);
    assert_eq!(t.entries[0].variant, "ArgsError");
}

#[test]
fn unknown_category() {
    let body = entry(1001, "ArgsError", "").replace(
        "category = \"invalid_request\"",
        "category = \"auth_error\"",
    );
    let errs = errors(&body);
    assert!(
        errs.iter().any(|e| e.starts_with("data/openim.toml: server/1001: unknown category \"auth_error\" (expected one of ok, auth, session,")),
        "{errs:#?}"
    );
}

#[test]
fn unknown_retry_and_action() {
    let body = entry(1001, "ArgsError", "").replace("retry = \"no\"", "retry = \"maybe\"");
    assert!(errors(&body).iter().any(|e| e.starts_with("data/openim.toml: server/1001: unknown retry \"maybe\" (expected one of no, backoff, after_reauth")));
    let body =
        entry(1001, "ArgsError", "").replace("action = \"fix_request\"", "action = \"panic\"");
    assert!(
        errors(&body)
            .iter()
            .any(|e| e.starts_with("data/openim.toml: server/1001: unknown action \"panic\""))
    );
}

#[test]
fn duplicate_code() {
    let body = format!(
        "{}{}",
        entry(1001, "ArgsError", ""),
        entry(1001, "OtherError", "")
    );
    assert_error(
        &body,
        "data/openim.toml: server/1001: duplicate code: the same key as entry server/1001",
    );
}

#[test]
fn same_code_on_two_surfaces_is_fine() {
    let body = format!(
        "{}{}",
        entry(1001, "ArgsError", ""),
        entry(1001, "ArgsError", "").replace("surface = \"server\"", "surface = \"sdk\"")
    );
    assert!(errors(&body).is_empty());
}

#[test]
fn missing_and_empty_texts() {
    let body = entry(1001, "ArgsError", "").replace(
        "hint = \"Add the operationID header and send again.\"\n",
        "",
    );
    assert_error(
        &body,
        "data/openim.toml: server/1001: missing or empty hint",
    );
    let body = entry(1001, "ArgsError", "").replace(
        "summary = \"The request lacked a header the gateway requires.\"",
        "summary = \"  \"",
    );
    assert_error(
        &body,
        "data/openim.toml: server/1001: missing or empty summary",
    );
}

#[test]
fn zh_text_without_chinese() {
    let body = entry(1001, "ArgsError", "").replace(
        "hint_zh = \"补上 operationID 请求头后重新发送。\"",
        "hint_zh = \"Add the header.\"",
    );
    assert_error(
        &body,
        "data/openim.toml: server/1001: hint_zh has no Chinese character (U+4E00..U+9FFF): write it in Chinese",
    );
    let body = entry(1001, "ArgsError", "").replace(
        "summary_zh = \"请求缺少网关要求的请求头。\"",
        "summary_zh = \"operationID header missing (请求头).\"",
    );
    assert!(errors(&body).is_empty(), "{:?}", errors(&body));
    let body = entry(1001, "ArgsError", "").replace(
        "summary_zh = \"请求缺少网关要求的请求头。\"",
        "summary_zh = \"The operationID header is missing.\"",
    );
    assert_error(
        &body,
        "data/openim.toml: server/1001: summary_zh has no Chinese character (U+4E00..U+9FFF): write it in Chinese",
    );
    // Japanese kana and fullwidth punctuation are not Chinese.
    let body = entry(1001, "ArgsError", "").replace(
        "hint_zh = \"补上 operationID 请求头后重新发送。\"",
        "hint_zh = \"ヘッダーをつけてください。\"",
    );
    assert_error(
        &body,
        "data/openim.toml: server/1001: hint_zh has no Chinese character (U+4E00..U+9FFF): write it in Chinese",
    );
}

#[test]
fn texts_that_say_nothing() {
    let body = entry(1001, "ArgsError", "").replace(
        "summary = \"The request lacked a header the gateway requires.\"",
        "summary = \"ArgsError.\"",
    );
    assert_error(
        &body,
        "data/openim.toml: server/1001: summary only restates the symbol: say what causes the code",
    );
    let body = entry(1001, "ArgsError", "").replace(
        "hint = \"Add the operationID header and send again.\"",
        "hint = \"The request lacked a header the gateway requires.\"",
    );
    assert_error(
        &body,
        "data/openim.toml: server/1001: hint repeats the summary: say what to do",
    );
}

#[test]
fn overlapping_ranges() {
    let range = |first: i64, last: i64| {
        format!(
            "[[range]]\nsurface = \"server\"\nfirst = {first}\nlast = {last}\nsymbol = \"R{first}\"\ncategory = \"content_rejected\"\nretry = \"no\"\naction = \"inform_user\"\n\
             summary = \"Your webhook rejected the operation.\"\nsummary_zh = \"你的回调拒绝了该操作。\"\nhint = \"Show the user the webhook's reason.\"\nhint_zh = \"向用户展示回调给出的原因。\"\n"
        )
    };
    let body = format!("{}{}", range(20001, 29999), range(29000, 30000));
    assert_error(
        &body,
        "data/openim.toml: server/29000..30000: range overlaps server/20001..29999",
    );
    assert_error(
        &range(5, 1),
        "data/openim.toml: server/5..1: first is greater than last",
    );
}

#[test]
fn colliding_generated_names() {
    let body = format!(
        "{}{}",
        entry(1001, "ARGS_ERROR", ""),
        entry(1002, "ArgsError", "")
    );
    assert_error(
        &body,
        "data/openim.toml: server/1002: generated name ArgsError collides with server/1001 (set `variant` on one of them)",
    );
    let fixed = format!(
        "{}{}",
        entry(1001, "ARGS_ERROR", ""),
        entry(1002, "ArgsError", "variant = \"ArgsErrorV3\"")
    );
    assert!(errors(&fixed).is_empty());
}

#[test]
fn duplicate_symbol() {
    let body = format!(
        "{}{}",
        entry(1001, "ArgsError", ""),
        entry(1002, "ArgsError", "variant = \"Other\"")
    );
    assert_error(
        &body,
        "data/openim.toml: server/1002: symbol \"ArgsError\" is also used by server/1001: entries sharing a symbol must say in `versions` where each applies",
    );
    // A renumbered code keeps its official name when `versions` tells the
    // two apart; only the generated variant needs its own name.
    let body = format!(
        "{}{}",
        entry(1001, "ArgsError", ""),
        entry(
            1002,
            "ArgsError",
            "variant = \"ArgsErrorLegacy\"\nversions = \"v2 only\"\nversions_zh = \"仅 v2\""
        )
    );
    let t = parse("data/openim.toml", &format!("{HEADER}{body}")).unwrap();
    assert!(
        t.entries
            .iter()
            .all(|e| e.symbol == "ArgsError" && !e.symbol_ours)
    );
    let body = format!(
        "{}{}{}",
        entry(
            1001,
            "ArgsError",
            "versions = \"v3\"\nversions_zh = \"v3 版\""
        ),
        entry(
            1002,
            "ArgsError",
            "variant = \"A2\"\nversions = \"v2\"\nversions_zh = \"v2 版\""
        ),
        entry(
            1003,
            "ArgsError",
            "variant = \"A3\"\nversions = \"v2\"\nversions_zh = \"v2 版\""
        )
    );
    assert_error(
        &body,
        "data/openim.toml: server/1003: symbol \"ArgsError\" and versions \"v2\" are also those of server/1002",
    );
}

#[test]
fn effect_versions_zh_origin_and_aliases() {
    assert_error(
        &entry(1001, "ArgsError", "effect = \"none\""),
        "data/openim.toml: server/1001: effect \"none\" is what the category and action give: leave it out",
    );
    assert_error(
        &entry(1001, "ArgsError", "effect = \"maybe\""),
        "data/openim.toml: server/1001: unknown effect \"maybe\" (expected one of none, unknown, partial, applied)",
    );
    let t = parse(
        "data/openim.toml",
        &format!(
            "{HEADER}{}",
            entry(1001, "ArgsError", "effect = \"unknown\"")
        ),
    )
    .unwrap();
    assert_eq!(
        t.entries[0].class.effect,
        crate::common::taxonomy::Effect::Unknown
    );
    assert_error(
        &entry(1001, "ArgsError", "versions_zh = \"仅 v2\""),
        "data/openim.toml: server/1001: versions_zh without versions",
    );
    assert_error(
        &entry(
            1001,
            "ArgsError",
            "versions = \"v2\"\nversions_zh = \"v2 only\"",
        ),
        "data/openim.toml: server/1001: versions_zh has no Chinese character (U+4E00..U+9FFF): write it in Chinese",
    );
    assert_error(
        &entry(1001, "ArgsError", "origin = \"proxy\""),
        "data/openim.toml: server/1001: unknown origin \"proxy\" (expected one of vendor, server_sdk)",
    );
    let alias = "[[entry]]\nsurface = \"server\"\ncode = 1002\nsymbol = \"ArgsErrorOld\"\nalias_of = 1001\n";
    let t = parse(
        "data/openim.toml",
        &format!("{HEADER}{}{alias}", entry(1001, "ArgsError", "")),
    )
    .unwrap();
    assert_eq!(t.entries[1].texts.hint, t.entries[0].texts.hint);
    assert_eq!(t.entries[1].class.action, t.entries[0].class.action);
    assert_error(
        &format!(
            "{}{alias}category = \"auth\"\n",
            entry(1001, "ArgsError", "")
        ),
        "data/openim.toml: server/1002: category: an alias takes it from the entry it aliases; leave it out",
    );
    assert_error(
        &alias.replace("1001", "1003"),
        "data/openim.toml: server/1002: alias_of 1003: no entry with that code on this surface",
    );
}

#[test]
fn one_kind_of_code_per_surface() {
    let text = entry(1001, "ArgsError", "").replace("code = 1001", "code = \"ARGS\"");
    let body = format!("{}{text}", entry(1002, "Other", ""));
    assert_error(
        &body,
        "data/openim.toml: server/ARGS: code is text but server/1002, the surface's first entry, has an integer code: one surface, one kind of code",
    );
    // A surface of text codes is fine on its own, and takes no ranges.
    assert!(errors(&text).is_empty(), "{:?}", errors(&text));
}

#[test]
fn inconsistent_classification() {
    let body =
        entry(1001, "ArgsError", "").replace("action = \"fix_request\"", "action = \"retry\"");
    assert_error(
        &body,
        "data/openim.toml: server/1001: action \"retry\" needs retry \"backoff\", not \"no\"",
    );
    let body = entry(1001, "ArgsError", "retry_after = 5");
    assert_error(
        &body,
        "data/openim.toml: server/1001: retry_after needs retry \"backoff\", not \"no\"",
    );
    let body = entry(1001, "ArgsError", "").replace("retry = \"no\"", "retry = \"after_reauth\"");
    assert_error(
        &body,
        "data/openim.toml: server/1001: retry \"after_reauth\" needs action \"refresh_credentials\" or \"relogin\", not \"fix_request\"",
    );
}

#[test]
fn unknown_surface_field_and_vendor() {
    let body = entry(1001, "ArgsError", "").replace("surface = \"server\"", "surface = \"chat\"");
    assert_error(
        &body,
        "data/openim.toml: chat/1001: surface \"chat\" is not one of this file's surfaces (server, sdk)",
    );
    let errs = errors(&entry(1001, "ArgsError", "colour = \"red\""));
    assert!(
        errs.len() == 1
            && errs[0].starts_with("data/openim.toml: ")
            && errs[0].contains("unknown field `colour`"),
        "{errs:#?}"
    );
    let errs = parse(
        "data/x.toml",
        "vendor = \"whatsapp\"\nname = \"W\"\nsurfaces = [\"server\"]\n",
    )
    .unwrap_err();
    assert_eq!(errs, vec!["data/x.toml: header: unknown vendor \"whatsapp\" (expected one of openim, tencent, easemob, leancloud, rongcloud, netease, matrix)".to_string()]);
}

#[test]
fn text_keyed_rules() {
    let header = "vendor = \"easemob\"\nname = \"Easemob\"\nsurfaces = [\"rest\"]\n";
    let body = entry(0, "X", "").replace(
        "surface = \"server\"\ncode = 0",
        "surface = \"rest\"\ncode = \"unauthorized\"\nstatus = 401\npattern = \"no star\"",
    );
    let errs = parse("data/easemob.toml", &format!("{header}{body}")).unwrap_err();
    assert!(errs.contains(&"data/easemob.toml: rest/HTTP 401 unauthorized \"no star\": pattern has no `*`: use message for a fixed text".to_string()), "{errs:#?}");
    assert!(errs.contains(&"data/easemob.toml: rest/HTTP 401 unauthorized \"no star\": missing samples (the documented (status, error, message) triples this entry covers)".to_string()), "{errs:#?}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let body = format!(
        "{}{}",
        entry(1, "A", "").replace("category = \"invalid_request\"", "category = \"x\""),
        entry(2, "B", "").replace(
            "hint_zh = \"补上 operationID 请求头后重新发送。\"",
            "hint_zh = \"none\""
        )
    );
    assert_eq!(errors(&body).len(), 2);
}

#[test]
fn renamed_official_symbol() {
    // An official name with a version suffix, marked ours: the name should
    // stay official, told apart by `versions`.
    let body = format!(
        "{}{}",
        entry(1001, "ArgsError", ""),
        entry(1002, "ArgsErrorLegacy", "symbol_ours = true")
    );
    assert_error(
        &body,
        "data/openim.toml: server/1002: symbol \"ArgsErrorLegacy\" (ours) is the official symbol \"ArgsError\" of server/1001 plus the suffix \"Legacy\": keep \"ArgsError\" with symbol_ours = false and tell the two apart in `versions` (set `variant` if the generated names collide)",
    );
    // The same across surfaces, with the code as the suffix.
    let body = format!(
        "{}{}",
        entry(1001, "ARGS_ERROR", ""),
        entry(1002, "ARGS_ERROR_1002", "symbol_ours = true")
            .replace("surface = \"server\"", "surface = \"sdk\"")
    );
    assert_error(
        &body,
        "data/openim.toml: sdk/1002: symbol \"ARGS_ERROR_1002\" (ours) is the official symbol \"ARGS_ERROR\" of server/1001 plus the suffix \"1002\": keep \"ARGS_ERROR\" with symbol_ours = false and tell the two apart in `versions` (set `variant` if the generated names collide)",
    );
    // An age suffix with no official name in the file.
    assert_error(
        &entry(1001, "ARGS_ERROR_OLD", "symbol_ours = true"),
        "data/openim.toml: server/1001: symbol \"ARGS_ERROR_OLD\" (ours) ends in \"OLD\": if the vendor names this code, keep that name with symbol_ours = false and say in `versions` where it applies; otherwise name the code, not its age",
    );
    // The fix passes: one official symbol, two versions, two variants.
    let body = format!(
        "{}{}",
        entry(
            1001,
            "ArgsError",
            "versions = \"v3\"\nversions_zh = \"v3 版\""
        ),
        entry(
            1002,
            "ArgsError",
            "variant = \"ArgsErrorLegacy\"\nversions = \"v2\"\nversions_zh = \"v2 版\""
        )
    );
    assert!(errors(&body).is_empty(), "{:?}", errors(&body));
    // Names of ours that only start like an official one are fine: a
    // descriptive suffix, a longer word (INVALID_PARAMETER is not
    // INVALID_PARAM), an API generation, a word that ends in "old".
    let body = format!(
        "{}{}{}{}{}{}",
        entry(1001, "ArgsError", ""),
        entry(1002, "ArgsErrorRejected", "symbol_ours = true"),
        entry(1003, "INVALID_PARAM", ""),
        entry(1004, "INVALID_PARAMETER_OTHER", "symbol_ours = true"),
        entry(1005, "SUCCESS_V2", "symbol_ours = true"),
        entry(1006, "QUOTA_THRESHOLD", "symbol_ours = true"),
    );
    assert!(errors(&body).is_empty(), "{:?}", errors(&body));
}

const LEANCLOUD: &str = "vendor = \"leancloud\"\nname = \"LeanCloud\"\nsurfaces = [\"realtime\"]\n";

fn realtime_errors(extra: &str) -> Vec<String> {
    let body = entry(4103, "INVALID_LOGIN", extra)
        .replace("surface = \"server\"", "surface = \"realtime\"");
    errors_in("data/leancloud.toml", LEANCLOUD, &body)
}

#[test]
fn closes_connection_needs_a_source() {
    let errs = realtime_errors("closes_connection = true");
    assert_eq!(errs, vec!["data/leancloud.toml: realtime/4103: closes_connection = true but the note does not mention the connection closing: cite the source in `note` (a close code, a listed disconnect cause) or leave the field out".to_string()]);
    let errs = realtime_errors(
        "closes_connection = false\nnote = \"closes_connection is unknown in the reference; we chose false because it refuses the login as a reply.\"",
    );
    assert_eq!(errs, vec!["data/leancloud.toml: realtime/4103: the note calls closes_connection a guess (\"closes_connection is unknown in the reference\"): set it only where a source says how the code arrives, cite that source in `note`, or leave the field out".to_string()]);
    let errs = realtime_errors(
        "closes_connection = true\nnote = \"No source says whether it comes as a close code or a reply.\"",
    );
    assert!(
        errs.len() == 1 && errs[0].contains("the note calls closes_connection a guess"),
        "{errs:#?}"
    );
    // A cited closing passes, and so does a reply that keeps the
    // connection open.
    for ok in [
        "closes_connection = true\nnote = \"Sent as a WebSocket close code; the JS SDK does not reconnect.\"",
        "closes_connection = true\nnote = \"Listed as a disconnect cause in the _clientOffline hook.\"",
        "closes_connection = false",
        "",
    ] {
        assert!(
            realtime_errors(ok).is_empty(),
            "{ok}: {:?}",
            realtime_errors(ok)
        );
    }
}

#[test]
fn same_hint_same_fix() {
    let body = format!(
        "{}{}",
        entry(1001, "ArgsError", ""),
        entry(1002, "OtherError", "")
            .replace("action = \"fix_request\"", "action = \"fix_config\"")
    );
    assert_error(
        &body,
        "data/openim.toml: server/1002: hint is the same as that of server/1001, but retry \"no\", action \"fix_config\" here and retry \"no\", action \"fix_request\" there: one fix takes one retry and action, so align them or give each code a hint of its own",
    );
    // Across surfaces too, and against a range.
    let body = format!(
        "{}{}",
        entry(1001, "ArgsError", ""),
        entry(1002, "OtherError", "")
            .replace("surface = \"server\"", "surface = \"sdk\"")
            .replace(
                "retry = \"no\"\naction = \"fix_request\"",
                "retry = \"backoff\"\naction = \"retry\""
            )
    );
    assert_error(
        &body,
        "data/openim.toml: sdk/1002: hint is the same as that of server/1001, but retry \"backoff\", action \"retry\" here and retry \"no\", action \"fix_request\" there: one fix takes one retry and action, so align them or give each code a hint of its own",
    );
    let range = "[[range]]\nsurface = \"server\"\nfirst = 2000\nlast = 2999\nsymbol = \"R2000\"\nsymbol_ours = true\ncategory = \"invalid_request\"\nretry = \"no\"\naction = \"inform_user\"\n\
                 summary = \"A webhook rejected the request.\"\nsummary_zh = \"回调拒绝了该请求。\"\nhint = \"Add the operationID header and send again.\"\nhint_zh = \"补上请求头后重新发送。\"\n";
    assert_error(
        &format!("{}{range}", entry(1001, "ArgsError", "")),
        "data/openim.toml: server/2000..2999: hint is the same as that of server/1001, but retry \"no\", action \"inform_user\" here and retry \"no\", action \"fix_request\" there: one fix takes one retry and action, so align them or give each code a hint of its own",
    );
    // The category may differ: it says what happened, not what to do.
    let body = format!(
        "{}{}",
        entry(1001, "ArgsError", ""),
        entry(1002, "OtherError", "").replace(
            "category = \"invalid_request\"",
            "category = \"precondition\""
        )
    );
    assert!(errors(&body).is_empty(), "{:?}", errors(&body));
}
