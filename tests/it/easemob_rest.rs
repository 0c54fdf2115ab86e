//! Easemob REST matching: every documented (status, error, message) sample
//! resolves to its own entry, and each step of the matching order works.

use imerr::easemob::{MatchedBy, match_error_code, match_rest};
use imerr::{Action, Category, Code, Retry};

#[test]
fn every_documented_sample_resolves_to_its_entry() {
    let table = crate::common::table("easemob");
    let mut samples = 0;
    let mut failures = Vec::new();
    for e in table
        .entries
        .iter()
        .filter(|e| e.surface == crate::common::vendor::Surface::Rest)
    {
        // Generic (status, type) fallbacks have no message or pattern and
        // cover no documented triple: samples are only required with a text.
        let generic = e.message.is_none() && e.pattern.is_none() && e.error_code.is_none();
        assert!(
            generic || !e.samples.is_empty(),
            "{} has no samples",
            e.symbol
        );
        for s in &e.samples {
            samples += 1;
            let found = match e.error_code {
                Some(n) => match_error_code(n),
                None => match_rest(s.status, s.error.as_deref(), s.message.as_deref()),
            };
            match found {
                Some(m) if m.entry.meta().symbol() == e.symbol => {}
                other => failures.push(format!(
                    "{:?} {:?} {:?} -> {:?}, expected {}",
                    s.status,
                    s.error,
                    s.message,
                    other.map(|m| (m.entry.meta().symbol(), m.by)),
                    e.symbol
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {samples} samples mismatched:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        samples >= 288,
        "the reference has 288 rows; only {samples} samples"
    );
}

#[test]
fn exact_message_beats_everything() {
    let m = match_rest(
        Some(401),
        Some("unauthorized"),
        Some("Unable to authenticate due to expired access token"),
    )
    .unwrap();
    assert_eq!(m.by, MatchedBy::Message);
    assert_eq!(m.entry.meta().retry(), Retry::AfterReauth);
    let other = match_rest(
        Some(401),
        Some("unauthorized"),
        Some("registration is not open, please contact the app admin"),
    )
    .unwrap();
    assert_ne!(
        m.entry.meta().symbol(),
        other.entry.meta().symbol(),
        "one type, two meanings"
    );
}

#[test]
fn message_patterns_absorb_ids_and_limits() {
    let a = match_rest(
        Some(403),
        Some("forbidden_op"),
        Some("users [alice, bob] are not members of this group!"),
    )
    .unwrap();
    assert_eq!(a.by, MatchedBy::Pattern);
    let b = match_rest(
        Some(403),
        Some("forbidden_op"),
        Some("users [carol] are not members of this group!"),
    )
    .unwrap();
    assert_eq!(a.entry.meta().symbol(), b.entry.meta().symbol());
    // The same text with 400 is the chat-room variant: status breaks the tie.
    let room = match_rest(
        Some(400),
        Some("forbidden_op"),
        Some("users [carol] are not members of this group!"),
    )
    .unwrap();
    assert_eq!(room.entry.status(), Some(400));
    // Batch limits changed from 60 to 100; both resolve to one entry.
    let l60 = match_rest(
        Some(400),
        Some("illegal_argument"),
        Some("addMembers: addMembers number more than maxSize : 60"),
    )
    .unwrap();
    let l100 = match_rest(
        Some(400),
        Some("illegal_argument"),
        Some("addMembers: addMembers number more than maxSize : 100"),
    )
    .unwrap();
    assert_eq!(l60.entry.meta().symbol(), l100.entry.meta().symbol());
}

#[test]
fn status_and_type_then_type_then_status() {
    let st = match_rest(
        Some(403),
        Some("forbidden_op"),
        Some("a message nobody documented"),
    )
    .unwrap();
    assert_eq!(st.by, MatchedBy::StatusAndType);
    assert_eq!(st.entry.status(), Some(403));
    let ty = match_rest(Some(418), Some("forbidden_op"), None).unwrap();
    assert_eq!(ty.by, MatchedBy::Type);
    let no_status = match_rest(None, Some("forbidden_op"), None).unwrap();
    assert_eq!(no_status.by, MatchedBy::Type);
    // A type documented under 4xx does not explain a 5xx: the status wins.
    let gateway = match_rest(Some(502), Some("message_send_error"), Some("upstream died")).unwrap();
    assert_eq!(gateway.by, MatchedBy::Status);
    assert_eq!(gateway.entry.meta().category(), Category::Unavailable);
    let status = match_rest(Some(502), Some("never_seen_type"), Some("never seen text")).unwrap();
    assert_eq!(status.by, MatchedBy::Status);
    assert_eq!(status.entry.code(), None);
    assert!(match_rest(Some(599), Some("never_seen_type"), None).is_none());
    assert!(match_rest(None, None, None).is_none());
}

#[test]
fn spelling_variants_resolve_to_the_same_entry() {
    let pairs = [
        (Some(400), "Bad Request", "BAD_REQUEST"),
        (Some(400), "illegal_argument", "IllegalArgumentException"),
        (Some(403), "exceed_limit", "exceeded_limit"),
    ];
    for (status, a, b) in pairs {
        let x = match_rest(status, Some(a), None).map(|m| m.entry.meta().symbol());
        let y = match_rest(status, Some(b), None).map(|m| m.entry.meta().symbol());
        assert!(x.is_some(), "{a} unmatched");
        assert_eq!(x, y, "{a} vs {b}");
    }
    let dot = match_rest(
        Some(429),
        Some("reach_limit"),
        Some("This request has reached api limit."),
    )
    .unwrap();
    let plain = match_rest(
        Some(429),
        Some("reach_limit"),
        Some("this request has reached  api limit"),
    )
    .unwrap();
    assert_eq!(dot.entry.meta().symbol(), plain.entry.meta().symbol());
}

#[test]
fn rate_limit_versus_quota() {
    let rate = match_rest(
        Some(429),
        Some("reach_limit"),
        Some("This request has reached api limit"),
    )
    .unwrap()
    .entry;
    assert_eq!(
        (
            rate.meta().category(),
            rate.meta().retry(),
            rate.meta().action()
        ),
        (Category::RateLimited, Retry::Backoff, Action::SlowDown)
    );
    let send = match_rest(
        Some(403),
        Some("message_send_error"),
        Some("message send reach limit"),
    )
    .unwrap()
    .entry;
    assert_eq!(
        (send.meta().category(), send.meta().retry()),
        (Category::RateLimited, Retry::Backoff)
    );
    let quota = match_rest(
        Some(429),
        Some("resource_limited"),
        Some("You have exceeded the limit of the community edition,Please upgrade to the enterprise edition"),
    )
    .unwrap()
    .entry;
    assert_eq!(
        (
            quota.meta().category(),
            quota.meta().retry(),
            quota.meta().action()
        ),
        (Category::QuotaExceeded, Retry::No, Action::UpgradePlan)
    );
    let recall = match_rest(
        Some(403),
        Some("forbidden_op"),
        Some("message recall service is unopened"),
    )
    .unwrap()
    .entry;
    assert_eq!(
        (recall.meta().category(), recall.meta().action()),
        (Category::FeatureDisabled, Action::EnableFeature)
    );
}

#[test]
fn streaming_errors_key_on_error_code() {
    let m = match_error_code(14035).unwrap();
    assert_eq!(m.by, MatchedBy::ErrorCode);
    assert_eq!(m.entry.error_code(), Some(14035));
    assert_eq!(m.entry.code(), Some(Code::Text("message_send_error")));
    assert!(imerr::lookup(imerr::Vendor::Easemob, imerr::Surface::Rest, 14035).known());
    assert!(match_error_code(14999).is_none());
}

#[test]
fn hostile_inputs_do_not_panic() {
    let long = "x".repeat(100_000);
    assert!(match_rest(Some(0), Some(&long), Some(&long)).is_none());
    match_rest(Some(u16::MAX), Some("\u{0}\u{ffff}"), Some("**********"));
    match_rest(None, Some(""), Some("\\n\\n\\n"));
}

/// A known type with a message no table has: the generic (status, type)
/// entry answers, with the classification of that type at that status,
/// not the bare HTTP status row.
#[test]
fn unseen_messages_of_known_types_use_the_generic_entry() {
    let cases = [
        (
            400,
            "illegal_argument",
            "ILLEGAL_ARGUMENT_OTHER",
            Category::InvalidRequest,
            Retry::No,
            Action::FixRequest,
        ),
        (
            400,
            "IllegalArgumentException",
            "ILLEGAL_ARGUMENT_OTHER",
            Category::InvalidRequest,
            Retry::No,
            Action::FixRequest,
        ),
        (
            400,
            "invalid_parameter",
            "INVALID_PARAMETER_OTHER",
            Category::InvalidRequest,
            Retry::No,
            Action::FixRequest,
        ),
        (
            400,
            "service open exception",
            "SERVICE_OPEN_OTHER",
            Category::FeatureDisabled,
            Retry::No,
            Action::EnableFeature,
        ),
        (
            401,
            "unauthorized",
            "UNAUTHORIZED_OTHER",
            Category::Auth,
            Retry::AfterReauth,
            Action::RefreshCredentials,
        ),
        (
            401,
            "MetadataException",
            "METADATA_EXCEPTION_401_OTHER",
            Category::Precondition,
            Retry::No,
            Action::Investigate,
        ),
        (
            403,
            "exceeded_limit",
            "EXCEED_LIMIT_OTHER",
            Category::QuotaExceeded,
            Retry::No,
            Action::Investigate,
        ),
        (
            403,
            "FORBIDDEN",
            "FORBIDDEN_OTHER",
            Category::Permission,
            Retry::No,
            Action::Investigate,
        ),
        (
            403,
            "group_error",
            "GROUP_ERROR_403_OTHER",
            Category::Permission,
            Retry::No,
            Action::Investigate,
        ),
        (
            403,
            "message_send_error",
            "MESSAGE_SEND_ERROR_403_OTHER",
            Category::RateLimited,
            Retry::Backoff,
            Action::SlowDown,
        ),
        (
            404,
            "group_error",
            "GROUP_ERROR_404_OTHER",
            Category::NotFound,
            Retry::No,
            Action::FixRequest,
        ),
        (
            409,
            "concurrent_operation_error",
            "CONCURRENT_OPERATION_ERROR_OTHER",
            Category::Conflict,
            Retry::Backoff,
            Action::Retry,
        ),
        (
            429,
            "reach_limit",
            "REACH_LIMIT_OTHER",
            Category::RateLimited,
            Retry::Backoff,
            Action::SlowDown,
        ),
        (
            429,
            "resource_limited",
            "RESOURCE_LIMITED_OTHER",
            Category::QuotaExceeded,
            Retry::No,
            Action::UpgradePlan,
        ),
        (
            500,
            "RewriteMessageInternalErrorException",
            "REWRITE_MESSAGE_INTERNAL_ERROR_OTHER",
            Category::Internal,
            Retry::Backoff,
            Action::Retry,
        ),
    ];
    for (status, ty, symbol, category, retry, action) in cases {
        let m = match_rest(Some(status), Some(ty), Some("a message nobody documented"))
            .unwrap_or_else(|| panic!("{status} {ty}: no match"));
        assert_eq!(m.by, MatchedBy::StatusAndType, "{status} {ty}");
        assert_eq!(m.entry.meta().symbol(), symbol, "{status} {ty}");
        assert_eq!(m.entry.status(), Some(status), "{status} {ty}");
        assert_eq!(
            (
                m.entry.meta().category(),
                m.entry.meta().retry(),
                m.entry.meta().action()
            ),
            (category, retry, action),
            "{status} {ty}"
        );
        assert!(
            m.entry.message().is_none(),
            "{symbol} must not be keyed on a message"
        );
        // No message at all resolves the same way.
        let bare = match_rest(Some(status), Some(ty), None).unwrap();
        assert_eq!(
            bare.entry.meta().symbol(),
            symbol,
            "{status} {ty} without a message"
        );
    }
    // A documented message of the same type still wins.
    let exact = match_rest(
        Some(400),
        Some("illegal_argument"),
        Some("username cannot be blank"),
    )
    .unwrap();
    assert_eq!(exact.by, MatchedBy::Message);
    assert_ne!(exact.entry.meta().symbol(), "ILLEGAL_ARGUMENT_OTHER");
}

#[test]
fn an_empty_description_is_not_a_missing_one() {
    // Documented with an empty description: attachment storage not enabled.
    let empty = match_rest(Some(403), Some("forbidden_op"), Some("")).unwrap();
    assert_eq!(empty.by, MatchedBy::Message);
    assert_eq!(empty.entry.meta().category(), Category::FeatureDisabled);
    // Any other forbidden_op message is not "feature disabled".
    let other = match_rest(Some(403), Some("forbidden_op"), Some("something new")).unwrap();
    assert_eq!(other.by, MatchedBy::StatusAndType);
    assert_ne!(other.entry.meta().category(), Category::FeatureDisabled);
    // An empty description of another type does not borrow that entry.
    let unrelated = match_rest(Some(403), Some("never_seen_type"), Some("")).unwrap();
    assert_eq!(unrelated.by, MatchedBy::Status);
}
