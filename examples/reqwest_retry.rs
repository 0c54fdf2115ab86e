//! Retrying Easemob REST calls with `reqwest-retry`, using the tables to tell
//! transient statuses (429 rate limits, 5xx) from fatal ones (401, 403, 404).
//!
//! Run: `cargo run --example reqwest_retry --features reqwest-retry`

use imerr::{Vendor, retry::VendorStrategy};
use reqwest_retry::{RetryTransientMiddleware, policies::ExponentialBackoff};

fn main() {
    let policy = ExponentialBackoff::builder().build_with_max_retries(3);
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(RetryTransientMiddleware::new_with_policy_and_strategy(
            policy,
            VendorStrategy(Vendor::Easemob),
        ))
        .build();
    // Send requests with `client.get(url).send().await` inside your tokio
    // runtime: 429 and 5xx are retried with backoff, 401/403/404 are not.
    println!("client ready: {client:?}");
}
