//! Retrying vendor calls with `reqwest-middleware`, driven by the tables:
//! `VendorRetry` reads each response's body (OpenIM and Tencent answer
//! errors with HTTP 200), backs off for what is transient (honouring
//! `Retry-After` and the vendor's documented windows), refreshes expired
//! credentials once through a hook, and never resends a request that may
//! already have taken effect unless it is idempotent or carries the vendor's
//! dedupe key. `examples/fault_drill.rs` runs it against a faulty vendor.
//!
//! Run: `cargo run --example reqwest_retry --features reqwest-middleware`

use std::time::Duration;

use imerr::{Vendor, retry::VendorRetry};

fn main() {
    let retry = VendorRetry::new(Vendor::OpenIm)
        .max_retries(3)
        .backoff(Duration::from_millis(100), Duration::from_secs(5))
        .max_elapsed(Duration::from_secs(20))
        .on_refresh(|mut request: reqwest::Request| async move {
            // Mint a new admin token (POST /auth/get_admin_token) and re-sign.
            let token = "fresh-admin-token";
            let value = token
                .parse()
                .map_err(reqwest_middleware::Error::middleware)?;
            request.headers_mut().insert("token", value);
            Ok(request)
        });
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(retry.clone())
        .build();
    // Send requests with `client.post(url).body(json).send().await` inside
    // your Tokio runtime. OpenIM's send_msg takes no dedupe key, so after a
    // timeout or a 5xx it is not resent: check with
    // /msg/check_msg_is_send_success (same operationID) before sending
    // again (docs/resend.md). `retry.stats()` counts what it did.
    println!("client ready: {client:?}, {:?}", retry.stats());
}
