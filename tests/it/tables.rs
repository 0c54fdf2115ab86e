//! Every entry of every data file resolves through the generated tables:
//! code -> entry -> code, symbol -> entry, enum variant -> entry -> variant.

use crate::common::schema::CodeDef;
use imerr::{Category, Lang, Surface, Vendor, lookup, lookup_symbol};
use strum::IntoEnumIterator;

#[test]
fn every_entry_round_trips_by_code_and_symbol() {
    for id in crate::common::VENDORS {
        let table = crate::common::table(id);
        let vendor = crate::common::vendor(id);
        assert_eq!(
            vendor.entries().count(),
            table.entries.len(),
            "{id}: entry count"
        );
        for e in &table.entries {
            let surface = crate::common::surface(e.surface);
            let found = match &e.code {
                Some(CodeDef::Number(n)) => {
                    let found = lookup(vendor, surface, *n);
                    assert!(found.known(), "{id} {surface} {n} not known");
                    found.matched.entry().unwrap()
                }
                Some(CodeDef::Text(t)) if !vendor.matches_errors(surface) => {
                    imerr::lookup_text(vendor, surface, t)
                        .unwrap_or_else(|| panic!("{id} {surface} {t} not known"))
                }
                // Easemob REST entries are matched, not looked up: see
                // easemob_rest.rs. Their symbols are unique.
                _ => lookup_symbol(vendor, surface, &e.symbol).unwrap(),
            };
            let at = format!("{id} {surface} {}", found.key());
            assert_eq!(found.meta().symbol(), e.symbol, "{at}");
            assert_eq!(found.meta().summary(Lang::En), e.texts.summary, "{at}");
            assert_eq!(found.meta().hint(Lang::Zh), e.texts.hint_zh, "{at}");
            assert_eq!(
                found.meta().category().as_str(),
                e.class.category.as_str(),
                "{at}"
            );
            assert_eq!(
                found.meta().retry().as_str(),
                e.class.retry.as_str(),
                "{at}"
            );
            assert_eq!(
                found.meta().action().as_str(),
                e.class.action.as_str(),
                "{at}"
            );
            assert_eq!(
                found.meta().effect().as_str(),
                e.class.effect.as_str(),
                "{at}"
            );
            assert_eq!(
                found.meta().retry_after().map(|d| d.as_secs() as u32),
                e.class.retry_after,
                "{at}"
            );
            assert_eq!(found.versions(Lang::En), e.versions.as_deref(), "{at}");
            assert_eq!(found.versions(Lang::Zh), e.versions_zh.as_deref(), "{at}");
            // A symbol names this entry, unless the vendor reused it across
            // versions: then it names the current (unversioned) entry.
            let by_symbol = lookup_symbol(vendor, surface, &e.symbol)
                .unwrap_or_else(|| panic!("{at}: symbol {} not found", e.symbol));
            let shared = table
                .entries
                .iter()
                .filter(|o| o.surface == e.surface && o.symbol == e.symbol)
                .count();
            if shared == 1 {
                assert!(
                    std::ptr::eq(found, by_symbol),
                    "{at}: code and symbol disagree"
                );
            } else {
                assert_eq!(by_symbol.meta().symbol(), e.symbol, "{at}");
                let current = table.entries.iter().any(|o| {
                    o.surface == e.surface && o.symbol == e.symbol && o.versions.is_none()
                });
                assert!(
                    !current || by_symbol.versions(Lang::En).is_none(),
                    "{at}: the current entry"
                );
            }
        }
    }
}

#[test]
fn every_range_resolves_its_interior() {
    for id in crate::common::VENDORS {
        let table = crate::common::table(id);
        let vendor = crate::common::vendor(id);
        assert_eq!(vendor.ranges().count(), table.ranges.len());
        for r in &table.ranges {
            let surface = crate::common::surface(r.surface);
            for code in [r.first, r.last, r.first + (r.last - r.first) / 2] {
                let found = lookup(vendor, surface, code);
                match found.matched {
                    imerr::Match::Entry(e) => assert_eq!(e.number(), Some(code)),
                    imerr::Match::Range(got) => {
                        assert_eq!((got.first(), got.last()), (r.first, r.last));
                        assert_eq!(found.matched.category().as_str(), r.class.category.as_str());
                        assert!(!found.known());
                    }
                    imerr::Match::Unknown => panic!(
                        "{id} {surface} {code} inside {}..{} is unknown",
                        r.first, r.last
                    ),
                }
            }
        }
    }
}

#[test]
fn generated_enums_round_trip() {
    use imerr::{easemob, leancloud, matrix, netease, openim, rongcloud, tencent};
    macro_rules! round_trip {
        ($($ty:ty),*) => {$(
            let mut n = 0;
            for v in <$ty>::iter() {
                assert_eq!(<$ty>::from_code(v.code()), Some(v));
                assert_eq!(<$ty>::from_symbol(v.symbol()).map(|s| s.symbol()), Some(v.symbol()));
                assert_eq!(i64::from(v), v.entry().number().unwrap());
                assert_eq!(v.to_string(), v.symbol());
                // By symbol: a symbol the vendor reused across versions
                // comes back as the current version's code.
                let json = serde_json::to_string(&v).unwrap();
                assert_eq!(serde_json::from_str::<$ty>(&json).unwrap().symbol(), v.symbol());
                n += 1;
            }
            assert!(n > 0);
        )*};
    }
    round_trip!(
        openim::ServerCode,
        openim::ChatCode,
        openim::SdkCode,
        tencent::ServerCode,
        tencent::SdkCode
    );
    round_trip!(
        easemob::SdkCode,
        easemob::WebCode,
        leancloud::RealtimeCode,
        leancloud::RestCode
    );
    round_trip!(
        rongcloud::ServerCode,
        rongcloud::SdkCode,
        rongcloud::WebCode,
        netease::ServerCode,
        netease::ServerV2Code,
        netease::SdkCode,
        netease::SdkIosLocalCode,
        netease::SdkV2Code
    );
    macro_rules! text_round_trip {
        ($($ty:ty),*) => {$(
            for v in <$ty>::iter() {
                assert_eq!(<$ty>::from_code(v.code()), Some(v));
                assert_eq!(<$ty>::from_symbol(v.symbol()).map(|s| s.symbol()), Some(v.symbol()));
                assert!(<$ty>::from_code(&v.code().to_ascii_lowercase()).is_none());
            }
        )*};
    }
    text_round_trip!(
        netease::SdkWebCode,
        matrix::ClientServerCode,
        matrix::FederationCode,
        matrix::IdentityCode,
        matrix::PushCode,
        matrix::ApplicationServiceCode
    );
    for v in easemob::RestCode::iter() {
        assert_eq!(easemob::RestCode::from_symbol(v.symbol()), Some(v));
    }
    assert!(openim::ServerCode::try_from(987_654_321).is_err());
}

#[test]
fn unknown_codes_keep_the_raw_code_and_say_investigate() {
    for vendor in Vendor::iter() {
        for &surface in vendor.surfaces() {
            for code in [i64::MIN, -987_654, 987_654_321, i64::MAX] {
                let found = lookup(vendor, surface, code);
                assert_eq!(found.code, code);
                if !found.known() && found.matched.range().is_none() {
                    assert_eq!(found.matched.category(), Category::Unknown);
                    assert_eq!(found.matched.action(), imerr::Action::Investigate);
                    assert_eq!(found.matched.hint(Lang::En), None);
                }
            }
        }
    }
    // A surface the vendor does not have is unknown, not a panic.
    assert!(!lookup(Vendor::LeanCloud, Surface::Chat, 1001).known());
}

#[test]
fn the_same_number_means_different_things_per_surface() {
    let server = lookup(Vendor::OpenIm, Surface::Server, 10002);
    let sdk = lookup(Vendor::OpenIm, Surface::Sdk, 10002);
    assert!(server.matched.symbol() != sdk.matched.symbol() || !server.known());
    let native = lookup(Vendor::Easemob, Surface::Sdk, 500)
        .matched
        .entry()
        .unwrap();
    let web = lookup(Vendor::Easemob, Surface::Web, 500)
        .matched
        .entry()
        .unwrap();
    assert_ne!(native.meta().symbol(), web.meta().symbol());
}

#[test]
fn issue_examples_are_classified_as_specified() {
    let check = |v, s, code, cat: &str, retry: &str, action: &str| {
        let e = lookup(v, s, code)
            .matched
            .entry()
            .unwrap_or_else(|| panic!("{v} {s} {code} unknown"));
        assert_eq!(
            (
                e.meta().category().as_str(),
                e.meta().retry().as_str(),
                e.meta().action().as_str()
            ),
            (cat, retry, action),
            "{v} {s} {code}"
        );
        e
    };
    use Surface::*;
    use Vendor::*;
    check(
        Tencent,
        Server,
        70001,
        "auth",
        "after_reauth",
        "refresh_credentials",
    );
    check(Tencent, Server, 70107, "not_found", "no", "create_resource");
    check(
        Tencent,
        Server,
        70398,
        "quota_exceeded",
        "no",
        "upgrade_plan",
    );
    check(
        Tencent,
        Server,
        20006,
        "content_rejected",
        "no",
        "inform_user",
    );
    check(Tencent, Server, 20023, "conflict", "no", "treat_as_success");
    assert_eq!(
        lookup(Tencent, Server, 70009).matched.action().as_str(),
        "fix_config"
    );
    assert_eq!(
        lookup(Tencent, Server, 20007).matched.action().as_str(),
        "inform_user"
    );
    assert_eq!(
        lookup(Tencent, Server, 20016).matched.category().as_str(),
        "precondition"
    );
    assert_eq!(
        check(
            Tencent,
            Server,
            70050,
            "rate_limited",
            "backoff",
            "slow_down"
        )
        .meta()
        .retry_after()
        .map(|d| d.as_secs() as u32),
        Some(60)
    );
    assert_eq!(
        lookup(Tencent, Server, 90024)
            .matched
            .retry_after()
            .unwrap()
            .as_secs(),
        1
    );
    assert_eq!(
        lookup(Tencent, Sdk, 9506)
            .matched
            .retry_after()
            .unwrap()
            .as_secs(),
        1
    );
    // An app's own callback codes classify from the range, not as unknown.
    let custom = lookup(Tencent, Server, 125_000);
    assert!(!custom.known());
    assert_eq!(custom.matched.category(), Category::ContentRejected);

    check(OpenIm, Server, 1001, "invalid_request", "no", "fix_request");
    assert!(
        lookup(OpenIm, Server, 1001)
            .matched
            .entry()
            .unwrap()
            .meta()
            .hint(imerr::Lang::En)
            .contains("operationID")
    );
    assert_eq!(
        lookup(OpenIm, Server, 1501).matched.retry().as_str(),
        "after_reauth"
    );
    assert!(
        lookup(OpenIm, Server, 14)
            .matched
            .entry()
            .unwrap()
            .meta()
            .hint(imerr::Lang::En)
            .to_lowercase()
            .contains("health")
    );
    assert_eq!(lookup(OpenIm, Server, 0).matched.category(), Category::Ok);
    assert!(lookup(OpenIm, Server, 25_000).matched.range().is_some());

    let close = lookup(LeanCloud, Realtime, 4111).matched.entry().unwrap();
    assert!(close.closes_connection().is_some());
}

#[test]
fn texts_are_specific() {
    for vendor in Vendor::iter() {
        for e in vendor.entries() {
            assert_ne!(
                e.meta().summary(imerr::Lang::En),
                e.meta().hint(imerr::Lang::En),
                "{vendor} {}",
                e.meta().symbol()
            );
            assert!(
                !e.meta()
                    .summary(imerr::Lang::En)
                    .eq_ignore_ascii_case(e.meta().symbol())
            );
            assert!(
                e.meta().summary(imerr::Lang::En).len() > 20,
                "{vendor} {}: summary too short to say anything",
                e.meta().symbol()
            );
            assert!(
                e.meta().hint(imerr::Lang::En).len() > 20,
                "{vendor} {}: hint too short to say anything",
                e.meta().symbol()
            );
        }
    }
}
