//! Retrying a vendor call with `backon`, driven by the verdict: retry only
//! what the tables call retryable, and never sooner than the vendor's stated
//! window.
//!
//! Run: `cargo run --example backon`

use std::cell::Cell;
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use imerr::{ImError, Vendor, classify_from};

/// Stands in for an HTTP call to Tencent Cloud IM's REST API: the first two
/// attempts hit the per-second frequency limit, the third succeeds.
fn send_message(attempt: &Cell<u32>) -> Result<(), ImError> {
    attempt.set(attempt.get() + 1);
    let body: &[u8] = if attempt.get() < 3 {
        br#"{"ActionStatus":"FAIL","ErrorCode":90024,"ErrorInfo":"frequency limit"}"#
    } else {
        br#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#
    };
    let verdict = classify_from(Vendor::Tencent, Some(200), body);
    if verdict.is_error() {
        return Err(verdict.to_error());
    }
    Ok(())
}

fn main() {
    let attempt = Cell::new(0);
    let retrying = (|| async { send_message(&attempt) })
        .retry(
            ExponentialBuilder::default()
                .with_min_delay(Duration::from_millis(10))
                .with_max_times(5),
        )
        // A real service passes its runtime's sleep (tokio::time::sleep).
        .sleep(|d| async move { std::thread::sleep(d) })
        // Only what the tables call retryable (backoff or fresh credentials).
        .when(ImError::is_retryable)
        // Never sooner than the window the vendor states (90024: one second).
        .adjust(
            |err: &ImError, delay: Option<Duration>| match (err.retry_after(), delay) {
                (Some(wait), Some(d)) => Some(d.max(wait)),
                (_, d) => d,
            },
        )
        .notify(|err: &ImError, delay: Duration| eprintln!("retrying in {delay:?}: {err}"));
    let result = block_on(retrying);
    println!("after {} attempts: {result:?}", attempt.get());
    assert!(result.is_ok());
}

/// A minimal single-future executor, so the example needs no async runtime.
fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};
    struct Thread(std::thread::Thread);
    impl Wake for Thread {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Thread(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut fut = std::pin::pin!(fut);
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(out) => return out,
            Poll::Pending => std::thread::park(),
        }
    }
}
