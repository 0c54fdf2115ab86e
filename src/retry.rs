//! Retrying vendor calls with [`reqwest_middleware`] (feature
//! `reqwest-middleware`): [`VendorRetry`] reads each response's body,
//! classifies it with its headers, and resends only what the tables call
//! transient and only when a resend cannot duplicate anything.
//!
//! ```no_run
//! use imerr::{retry::VendorRetry, Vendor};
//!
//! # async fn send() -> Result<(), reqwest_middleware::Error> {
//! let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(VendorRetry::new(Vendor::Tencent))
//!     .build();
//! let response = client
//!     .post("https://console.tim.qq.com/v4/openim/sendmsg?sdkappid=1400000000&identifier=admin&usersig=...&random=1&contenttype=json")
//!     .body(r#"{"To_Account":"u2","MsgRandom":1287657,"MsgBody":[]}"#)
//!     .send()
//!     .await?;
//! // The verdict on the last attempt travels with the response.
//! let verdict = response.extensions().get::<imerr::Classification<'static>>();
//! # let _ = verdict;
//! # Ok(())
//! # }
//! ```
//!
//! ## What is resent
//!
//! A response is classified by [`classify_from`](crate::classify_from) (or
//! [`classify`](crate::classify()) when the vendor is detected) over its body,
//! read up to [`MAX_BODY`](crate::MAX_BODY), and
//! [`with_headers`](crate::Classification::with_headers); the response is
//! then handed on intact (status, version, headers, extensions, body). HTTP
//! 200 business errors (OpenIM's `errCode`, Tencent's `ErrorCode`) are
//! errors like any other.
//!
//! - A verdict whose retry is `backoff` is resent after a wait: the longer of
//!   [`retry_after`](crate::Classification::retry_after) (the `Retry-After`
//!   header, else the vendor's documented window) and an exponential backoff
//!   with jitter, at most [`max_retries`](VendorRetry::max_retries) times and
//!   within [`max_elapsed`](VendorRetry::max_elapsed) in all.
//! - A verdict whose action is `refresh_credentials` (OpenIM 1501, Tencent
//!   70001) calls the [`on_refresh`](VendorRetry::on_refresh) hook, which
//!   re-signs the request, and resends it once, without waiting.
//! - Nothing else is resent: a request that broke a rule breaks it again.
//!
//! Before any resend, the verdict's [`effect`](crate::Classification::effect)
//! decides whether a resend is safe. `none`: nothing changed, resend. `unknown`
//! (a timeout, a 5xx, a proxy page, a dropped connection: the first attempt
//! may have taken effect): resend only an idempotent request, that is one
//! whose method is GET, HEAD, PUT, DELETE, OPTIONS or TRACE, or that the
//! caller marked with the [`Idempotent`] extension, or that carries the
//! vendor's dedupe key ([`dedupe::DEDUPE_KEYS`](crate::dedupe::DEDUPE_KEYS)).
//! Otherwise the failure goes back to the caller as it came, never silently
//! resent. `partial` (a batch that failed item by item) and `applied` are
//! never resent: resend the failed items yourself. A request whose body is a
//! stream cannot be replayed and is never resent.
//!
//! ## Transport errors
//!
//! A request that got no usable response is classified by
//! [`classify_error`]: a failure to connect (refused, DNS, TLS handshake,
//! connect timeout) is `network` with effect `none`, since hyper writes no
//! byte of a request before its connection is up, so it is resent whatever
//! the method; a timeout is `timeout` and a connection reset or closed after
//! the request was written, or in the middle of the response body, is
//! `network`, both with effect `unknown`, so they are resent only when the
//! request is idempotent. The caller gets the last attempt's error unchanged.
//!
//! The middleware sleeps with `tokio::time`: run it on a Tokio runtime with
//! the time driver enabled (as `#[tokio::main]` does).

use std::collections::hash_map::RandomState;
use std::future::Future;
use std::hash::BuildHasher;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use http::Extensions;
use reqwest::{Method, Request, Response};
use reqwest_middleware::{Middleware, Next};

use crate::body::{BufferedBody, Read, read};
use crate::classify::classify_response;
use crate::{Action, Classification, Effect, Retry, Transport, Vendor};

#[cfg(feature = "reqwest-retry")]
#[allow(deprecated)]
pub use strategy::VendorStrategy;

/// A request extension that marks a request as idempotent: the caller
/// guarantees that sending it twice has the effect of sending it once (it
/// carries a dedupe key the table does not know, or the API is idempotent
/// by nature). Such a request is resent even after a failure whose effect
/// is `unknown`.
///
/// ```
/// # fn f(client: reqwest_middleware::ClientWithMiddleware) {
/// let request = client
///     .post("https://api.example.com/group/set_group_info")
///     .with_extension(imerr::retry::Idempotent);
/// # let _ = request;
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Idempotent;

/// Why [`VendorRetry`] stopped sending a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stop {
    /// The vendor answered success.
    Success,
    /// The verdict says a resend would fail the same way (retry `no`), or
    /// needs fresh credentials and no [`on_refresh`](VendorRetry::on_refresh)
    /// hook is set or it already ran once.
    NotRetryable,
    /// The failure may have taken effect (effect `unknown` or `partial`) and
    /// the request is not idempotent: resending it could duplicate it.
    MayHaveTakenEffect,
    /// The request's body is a stream, which cannot be sent twice.
    NotReplayable,
    /// [`max_retries`](VendorRetry::max_retries) resends were made.
    RetriesExhausted,
    /// The next wait would end past [`max_elapsed`](VendorRetry::max_elapsed).
    TimeExhausted,
}

/// What [`VendorRetry`] did for one request, put in the response's
/// extensions next to the last attempt's verdict (a
/// [`Classification<'static>`](crate::Classification)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Attempts {
    /// Resends after a backoff.
    pub retries: u32,
    /// Whether the credentials were refreshed and the request resent.
    pub refreshed: bool,
    /// Why sending stopped.
    pub stop: Stop,
}

/// Counters over every request a [`VendorRetry`] (and its clones) handled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RetryStats {
    /// Requests handled (each counted once, however often it was sent).
    pub requests: u64,
    /// Resends after a backoff.
    pub retries: u64,
    /// Resends after the refresh hook re-signed the request.
    pub refreshes: u64,
    /// Retryable failures that were not resent because they may have taken
    /// effect and the request was not idempotent.
    pub withheld: u64,
}

#[derive(Debug, Default)]
struct Counters {
    requests: AtomicU64,
    retries: AtomicU64,
    refreshes: AtomicU64,
    withheld: AtomicU64,
}

/// The future a refresh hook returns.
pub type RefreshFuture = Pin<Box<dyn Future<Output = reqwest_middleware::Result<Request>> + Send>>;

type RefreshHook = dyn Fn(Request) -> RefreshFuture + Send + Sync;

/// The error an attempt ends with when the time budget
/// ([`max_elapsed`](VendorRetry::max_elapsed)) runs out while it is in flight,
/// as `reqwest_middleware::Error::Middleware`. Classified as a timeout (effect
/// `unknown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the retry time budget of {0:?} ran out while a request was in flight")]
pub struct TimeBudgetExceeded(pub Duration);

/// A [`reqwest_middleware::Middleware`] that retries vendor calls the way
/// the tables say, without ever duplicating a request (see the [module
/// docs](self)).
///
/// Defaults: 3 retries, backoff from 100 ms doubling up to 10 s with jitter,
/// 30 s in all (the time budget also bounds each attempt). Clones share
/// their [`stats`](Self::stats).
///
/// ```
/// use std::time::Duration;
/// use imerr::{retry::VendorRetry, Vendor};
///
/// let retry = VendorRetry::new(Vendor::OpenIm)
///     .max_retries(4)
///     .backoff(Duration::from_millis(50), Duration::from_secs(2))
///     .max_elapsed(Duration::from_secs(10))
///     .on_refresh(|mut request: reqwest::Request| async move {
///         // Mint a new admin token (a call to /auth/get_admin_token) and re-sign.
///         let token = "new-admin-token";
///         request.headers_mut().insert("token", token.parse().map_err(reqwest_middleware::Error::middleware)?);
///         Ok(request)
///     });
/// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).with(retry).build();
/// # let _ = client;
/// ```
#[derive(Clone)]
pub struct VendorRetry {
    vendor: Option<Vendor>,
    max_retries: u32,
    min_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
    refresh: Option<Arc<RefreshHook>>,
    counters: Arc<Counters>,
}

impl std::fmt::Debug for VendorRetry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VendorRetry")
            .field("vendor", &self.vendor)
            .field("max_retries", &self.max_retries)
            .field("min_backoff", &self.min_backoff)
            .field("max_backoff", &self.max_backoff)
            .field("max_elapsed", &self.max_elapsed)
            .field("refresh", &self.refresh.is_some())
            .field("stats", &self.stats())
            .finish()
    }
}

impl VendorRetry {
    /// Retries calls to `vendor`: bodies are read as its envelope, and its
    /// dedupe keys count.
    pub fn new(vendor: Vendor) -> Self {
        Self::with_vendor(Some(vendor))
    }

    /// Retries calls to any vendor: each body's vendor is detected from its
    /// shape, and every vendor's dedupe key for the request's path counts.
    pub fn detect() -> Self {
        Self::with_vendor(None)
    }

    fn with_vendor(vendor: Option<Vendor>) -> Self {
        VendorRetry {
            vendor,
            max_retries: 3,
            min_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(30),
            refresh: None,
            counters: Arc::default(),
        }
    }

    /// At most this many resends after a backoff (the refresh resend is not
    /// counted).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// The backoff before the first resend, doubled before each next one up
    /// to `max`; each wait is drawn between half of it and all of it, and is
    /// never shorter than what the response asks for.
    pub fn backoff(mut self, min: Duration, max: Duration) -> Self {
        self.min_backoff = min;
        self.max_backoff = max.max(min);
        self
    }

    /// The time budget for a request, all attempts and waits included: no
    /// wait is started that would end past it, and an attempt still in flight
    /// when it runs out ends with [`TimeBudgetExceeded`].
    pub fn max_elapsed(mut self, budget: Duration) -> Self {
        self.max_elapsed = budget;
        self
    }

    /// The hook that re-signs a request after a verdict whose action is
    /// `refresh_credentials`: it gets the request as it was sent and returns
    /// it with fresh credentials (a new admin token header, a new `usersig`
    /// query parameter). The request is then resent once. An error from the
    /// hook is returned to the caller.
    pub fn on_refresh<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn(Request) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = reqwest_middleware::Result<Request>> + Send + 'static,
    {
        self.refresh = Some(Arc::new(move |r| Box::pin(hook(r)) as RefreshFuture));
        self
    }

    /// The counters so far, over this middleware and its clones.
    pub fn stats(&self) -> RetryStats {
        let c = &self.counters;
        RetryStats {
            requests: c.requests.load(Ordering::Relaxed),
            retries: c.retries.load(Ordering::Relaxed),
            refreshes: c.refreshes.load(Ordering::Relaxed),
            withheld: c.withheld.load(Ordering::Relaxed),
        }
    }

    /// Whether a resend of `request` cannot duplicate it.
    fn is_idempotent(&self, request: &Request, extensions: &Extensions) -> bool {
        let method = request.method();
        if [
            Method::GET,
            Method::HEAD,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
            Method::TRACE,
        ]
        .contains(method)
            || extensions.get::<Idempotent>().is_some()
        {
            return true;
        }
        let url = request.url();
        crate::dedupe::carries_key(
            self.vendor,
            url.path(),
            url.query(),
            request.headers(),
            request.body().and_then(reqwest::Body::as_bytes),
        )
    }

    /// The backoff before resend number `n` (from 0), with jitter.
    fn backoff_for(&self, n: u32) -> Duration {
        let full = self
            .min_backoff
            .saturating_mul(1u32 << n.min(31))
            .min(self.max_backoff);
        // Uniform in [full / 2, full]: RandomState is seeded anew per call.
        let r = RandomState::new().hash_one(n) >> 11;
        let fraction = r as f64 / (1u64 << 53) as f64;
        full / 2 + full.mul_f64(fraction / 2.0)
    }

    /// One attempt: send, read the body, classify.
    async fn attempt(
        &self,
        request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> (
        reqwest_middleware::Result<Response>,
        Classification<'static>,
    ) {
        let response = match next.run(request, extensions).await {
            Ok(response) => response,
            Err(e) => {
                let verdict = classify_error(self.vendor, &e);
                return (Err(e), verdict);
            }
        };
        let status = response.status().as_u16();
        let url = response.url().clone();
        let http: http::Response<reqwest::Body> = response.into();
        let (mut parts, body) = http.into_parts();
        let read = match read(body).await {
            Read::Failed { error, .. } => {
                let transport = if error.is_timeout() {
                    Transport::Timeout
                } else {
                    Transport::Interrupted
                };
                let verdict = Classification::from_transport(self.vendor, Some(status), transport);
                return (Err(error.into()), verdict);
            }
            read => read,
        };
        let verdict = classify_response(self.vendor, status, read.bytes(), &parts.headers);
        let body = match read {
            Read::Complete {
                data,
                trailers: None,
            } => reqwest::Body::from(data),
            // Trailers, or more than MAX_BODY: hand on the same frames.
            read => reqwest::Body::wrap(BufferedBody::new(read)),
        };
        // Converting to an `http::Response` dropped the URL: put it back.
        use reqwest::ResponseBuilderExt;
        if let Ok(carrier) = http::Response::builder().url(url).body(()) {
            parts.extensions.extend(carrier.into_parts().0.extensions);
        }
        (
            Ok(Response::from(http::Response::from_parts(parts, body))),
            verdict,
        )
    }
}

#[async_trait::async_trait]
impl Middleware for VendorRetry {
    async fn handle(
        &self,
        request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        let start = Instant::now();
        self.counters.requests.fetch_add(1, Ordering::Relaxed);
        let idempotent = self.is_idempotent(&request, extensions);
        let mut request = request;
        let mut done = Attempts {
            retries: 0,
            refreshed: false,
            stop: Stop::Success,
        };
        loop {
            let spare = request.try_clone();
            let budget = self.max_elapsed.saturating_sub(start.elapsed());
            let attempt = self.attempt(request, extensions, next.clone());
            let (result, verdict) = match tokio::time::timeout(budget, attempt).await {
                Ok(outcome) => outcome,
                Err(_) => {
                    let e =
                        reqwest_middleware::Error::middleware(TimeBudgetExceeded(self.max_elapsed));
                    let verdict = classify_error(self.vendor, &e);
                    (Err(e), verdict)
                }
            };
            let step = self.next_step(&verdict, idempotent, spare.is_some(), &done, start);
            // A failed response is dropped before the wait: a body over
            // MAX_BODY is not read further.
            match (step, spare) {
                (Step::Refresh(hook), Some(spare)) => {
                    drop(result);
                    trace_resend(&verdict, Duration::ZERO, true);
                    done.refreshed = true;
                    self.counters.refreshes.fetch_add(1, Ordering::Relaxed);
                    request = hook(spare).await?;
                }
                (Step::Wait(wait), Some(spare)) => {
                    drop(result);
                    trace_resend(&verdict, wait, false);
                    tokio::time::sleep(wait).await;
                    done.retries += 1;
                    self.counters.retries.fetch_add(1, Ordering::Relaxed);
                    request = spare;
                }
                (step, _) => {
                    done.stop = match step {
                        Step::Stop(stop) => stop,
                        Step::Refresh(_) | Step::Wait(_) => Stop::NotReplayable,
                    };
                    if done.stop == Stop::MayHaveTakenEffect {
                        self.counters.withheld.fetch_add(1, Ordering::Relaxed);
                    }
                    trace_stop(&verdict, done.stop);
                    return result.map(|mut response| {
                        response.extensions_mut().insert(done);
                        response.extensions_mut().insert(verdict);
                        response
                    });
                }
            }
        }
    }
}

/// What to do after an attempt.
enum Step<'a> {
    /// Stop, and hand the last attempt's outcome to the caller.
    Stop(Stop),
    /// Re-sign the request with the hook, and resend it at once.
    Refresh(&'a RefreshHook),
    /// Resend the request after this wait.
    Wait(Duration),
}

impl VendorRetry {
    /// What to do after an attempt whose verdict is `verdict`.
    fn next_step(
        &self,
        verdict: &Classification<'_>,
        idempotent: bool,
        replayable: bool,
        done: &Attempts,
        start: Instant,
    ) -> Step<'_> {
        if !verdict.is_error() {
            return Step::Stop(Stop::Success);
        }
        let refresh = match (&self.refresh, verdict.action()) {
            (Some(hook), Action::RefreshCredentials) if !done.refreshed => Some(&**hook),
            _ => None,
        };
        if refresh.is_none() && verdict.retry() != Retry::Backoff {
            return Step::Stop(Stop::NotRetryable);
        }
        let safe = match verdict.effect() {
            Effect::None => true,
            Effect::Unknown => idempotent,
            Effect::Partial | Effect::Applied => false,
        };
        if !safe {
            return Step::Stop(Stop::MayHaveTakenEffect);
        }
        if !replayable {
            return Step::Stop(Stop::NotReplayable);
        }
        if let Some(hook) = refresh {
            return Step::Refresh(hook);
        }
        if done.retries >= self.max_retries {
            return Step::Stop(Stop::RetriesExhausted);
        }
        let wait = self
            .backoff_for(done.retries)
            .max(verdict.retry_after().unwrap_or_default());
        if start.elapsed().saturating_add(wait) >= self.max_elapsed {
            return Step::Stop(Stop::TimeExhausted);
        }
        Step::Wait(wait)
    }
}

/// The verdict on a request that got no usable response: a failure to
/// connect is `network` with effect `none` (nothing was sent); a timeout
/// (including [`TimeBudgetExceeded`]) is `timeout`, and a connection that
/// broke after the request was written is `network`, both with effect
/// `unknown`. Other errors (a request that could not be built, a redirect
/// loop, another middleware's error) are not transport failures: their
/// verdict is `unknown` / `investigate`, never retried.
///
/// ```
/// use imerr::{Category, Effect, Transport};
///
/// # async fn f(client: reqwest_middleware::ClientWithMiddleware) {
/// if let Err(e) = client.get("http://127.0.0.1:9/").send().await {
///     let verdict = imerr::retry::classify_error(None, &e);
///     assert_eq!(verdict.transport(), Some(Transport::Connect));
///     assert_eq!(verdict.effect(), Effect::None);
/// }
/// # }
/// ```
pub fn classify_error(
    vendor: Option<Vendor>,
    error: &reqwest_middleware::Error,
) -> Classification<'static> {
    let transport = match error {
        reqwest_middleware::Error::Reqwest(e) => {
            if e.is_connect() {
                Some(Transport::Connect)
            } else if e.is_timeout() {
                Some(Transport::Timeout)
            } else if e.is_request() || e.is_body() {
                Some(Transport::Interrupted)
            } else {
                None
            }
        }
        reqwest_middleware::Error::Middleware(e) => e
            .downcast_ref::<TimeBudgetExceeded>()
            .map(|_| Transport::Timeout),
    };
    match transport {
        Some(t) => Classification::from_transport(vendor, None, t),
        None => Classification::from_status(vendor, None, None),
    }
}

#[cfg(feature = "tracing")]
fn trace_resend(verdict: &Classification<'_>, wait: Duration, refresh: bool) {
    tracing::debug!(
        target: "imerr::retry",
        refresh,
        wait_ms = wait.as_millis() as u64,
        verdict = %verdict.logfmt(),
        "resending"
    );
}

#[cfg(not(feature = "tracing"))]
fn trace_resend(_: &Classification<'_>, _: Duration, _: bool) {}

#[cfg(feature = "tracing")]
fn trace_stop(verdict: &Classification<'_>, stop: Stop) {
    if stop == Stop::MayHaveTakenEffect {
        tracing::warn!(
            target: "imerr::retry",
            verdict = %verdict.logfmt(),
            "not resending: the request may have taken effect and is not idempotent"
        );
    } else if stop != Stop::Success {
        tracing::debug!(target: "imerr::retry", ?stop, verdict = %verdict.logfmt(), "giving up");
    }
}

#[cfg(not(feature = "tracing"))]
fn trace_stop(_: &Classification<'_>, _: Stop) {}

#[cfg(feature = "reqwest-retry")]
mod strategy {
    #![allow(deprecated)]

    use reqwest_retry::{Retryable, RetryableStrategy, default_on_request_failure};

    use crate::{Retry, Vendor, classify_from};

    /// Retries what the vendor's tables (or, for a status-only response, the
    /// HTTP status) call transient; never retries what needs new credentials
    /// or a different request.
    ///
    /// `reqwest-retry` strategies see only the HTTP status, not the body:
    /// this misses the HTTP 200 business errors of OpenIM and Tencent, and it
    /// resends a timed-out `POST` that may already have been applied. Use
    /// [`VendorRetry`](super::VendorRetry), which reads the body and never
    /// duplicates a request.
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use imerr::{retry::VendorStrategy, Vendor};
    /// use reqwest_retry::{policies::ExponentialBackoff, RetryTransientMiddleware};
    ///
    /// let policy = ExponentialBackoff::builder().build_with_max_retries(3);
    /// let retry = RetryTransientMiddleware::new_with_policy_and_strategy(policy, VendorStrategy(Vendor::Easemob));
    /// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).with(retry).build();
    /// # let _ = client;
    /// ```
    #[deprecated(
        since = "0.1.0",
        note = "sees only the HTTP status; use imerr::retry::VendorRetry, which reads the body and never duplicates a request"
    )]
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
}
