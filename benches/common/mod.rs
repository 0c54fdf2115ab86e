//! What the bench files share.

use std::time::Duration;

use criterion::Criterion;

/// 1 s of warm-up, then `measurement` per function.
pub fn config(measurement: Duration) -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(measurement)
}
