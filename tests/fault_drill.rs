//! The fault drill of `examples/fault_drill.rs`, bounded to a few seconds:
//! a fake OpenIM + Tencent vendor on 127.0.0.1 injects 429s, proxy pages,
//! resets, timeouts after storing, truncated JSON, HTTP 200 business errors,
//! partial batches and token expiry; a few hundred sends go through
//! `retry::VendorRetry`. Nothing may be lost or duplicated, keyless sends are
//! never resent after a failure that may have taken effect, and the drill
//! must really have retried and refreshed.

use std::time::Duration;

#[path = "../examples/fault_drill.rs"]
#[allow(dead_code)]
mod drill;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_lost_or_duplicated() {
    let report = tokio::time::timeout(Duration::from_secs(30), drill::run(drill::Drill::default()))
        .await
        .expect("the drill finishes within 30 s")
        .expect("the drill runs");
    for line in report.lines() {
        println!("{line}");
    }
    assert_eq!(report.requests, 300);
    assert_eq!(report.lost, 0, "{report:?}");
    assert_eq!(report.duplicated, 0, "{report:?}");
    assert_eq!(report.unsafe_resends, 0, "{report:?}");
    assert!(report.retries > 0, "{report:?}");
    assert!(report.refreshes > 0, "{report:?}");
    // Keyless sends after a failure that may have taken effect came back as
    // failed instead of being resent.
    assert!(report.withheld > 0, "{report:?}");
    assert!(report.faults.iter().all(|(_, n)| *n > 0), "{report:?}");
    assert!(report.believed > report.failed, "{report:?}");
}

/// The control: a client that resends keyless sends blindly and trusts the
/// HTTP status loses and duplicates messages, and the drill sees it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_drill_catches_a_blind_client() {
    let blind = drill::Drill {
        blind: true,
        ..drill::Drill::default()
    };
    let report = tokio::time::timeout(Duration::from_secs(30), drill::run(blind))
        .await
        .expect("the drill finishes within 30 s")
        .expect("the drill runs");
    println!("{}", report.lines().last().unwrap());
    assert!(report.duplicated > 0, "{report:?}");
    assert!(report.unsafe_resends > 0, "{report:?}");
    assert!(report.lost > 0, "{report:?}");
}
