//! A `reqwest-retry` strategy driven by the tables (feature `reqwest-retry`).
//!
//! Middleware only sees the HTTP status, not the body, so this strategy fits
//! vendors whose REST errors carry a meaningful status (Easemob, LeanCloud)
//! and the statuses every vendor's gateway returns when overloaded (429, 502,
//! 503, 504). OpenIM and Tencent answer business errors with HTTP 200: retry
//! those on the body, around your own call, with [`ImError::is_retryable`]
//! (see `examples/backon.rs`).
//!
//! [`ImError::is_retryable`]: crate::ImError::is_retryable

use reqwest_retry::{Retryable, RetryableStrategy, default_on_request_failure};

use crate::{Retry, Vendor, classify_from};

/// Retries what the vendor's tables (or, for a status-only response, the HTTP
/// status) call transient; never retries what needs new credentials or a
/// different request.
///
/// ```
/// use imerr::{retry::VendorStrategy, Vendor};
/// use reqwest_retry::{policies::ExponentialBackoff, RetryTransientMiddleware};
///
/// let policy = ExponentialBackoff::builder().build_with_max_retries(3);
/// let retry = RetryTransientMiddleware::new_with_policy_and_strategy(policy, VendorStrategy(Vendor::Easemob));
/// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).with(retry).build();
/// # let _ = client;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VendorStrategy(pub Vendor);

impl RetryableStrategy for VendorStrategy {
    fn handle(
        &self,
        res: &Result<reqwest::Response, reqwest_middleware::Error>,
    ) -> Option<Retryable> {
        match res {
            Ok(response) => {
                let status = response.status().as_u16();
                let verdict = classify_from(self.0, Some(status), b"");
                if !verdict.is_error() {
                    return None;
                }
                Some(match verdict.retry() {
                    Retry::Backoff => Retryable::Transient,
                    Retry::No | Retry::AfterReauth => Retryable::Fatal,
                })
            }
            Err(error) => default_on_request_failure(error),
        }
    }
}
