//! `retry::VendorRetry` against small vendors on 127.0.0.1: what it resends,
//! what it never resends, and that the response reaches the caller intact.

use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use imerr::retry::{Attempts, Idempotent, Stop, VendorRetry};
use imerr::{Category, Classification, Effect, Transport, Vendor};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};

/// A vendor on an ephemeral loopback port whose answers are scripted per
/// attempt; it records the requests it got.
#[derive(Clone, Default)]
struct Vendor1 {
    hits: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
}

type Script = Arc<dyn Fn(usize) -> Response + Send + Sync>;

async fn serve(script: impl Fn(usize) -> Response + Send + Sync + 'static) -> (String, Vendor1) {
    let state = Vendor1::default();
    let script: Script = Arc::new(script);
    let s = state.clone();
    let app = Router::new().fallback(any(move |headers: HeaderMap, body: Bytes| {
        let s = s.clone();
        let script = script.clone();
        async move {
            let n = s.hits.fetch_add(1, Ordering::SeqCst);
            s.seen.lock().unwrap().push((headers, body));
            script(n)
        }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (format!("http://{addr}"), state)
}

fn json(status: u16, body: &'static str) -> Response {
    (
        StatusCode::from_u16(status).unwrap(),
        [("content-type", "application/json")],
        body,
    )
        .into_response()
}

const OK: &str =
    r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","MsgTime":1772448000,"MsgKey":"k1"}"#;

/// Tencent's one-to-one send, and bodies with and without its dedupe key
/// (`MsgSeq` and `MsgRandom` together).
const SEND: &str = "/v4/openim/sendmsg";
const KEYED: &str =
    r#"{"From_Account":"a","To_Account":"b","MsgSeq":93847,"MsgRandom":1287657,"MsgBody":[]}"#;
const UNKEYED: &str = r#"{"From_Account":"a","To_Account":"b","MsgRandom":1287657,"MsgBody":[]}"#;

fn client(retry: VendorRetry) -> ClientWithMiddleware {
    let inner = reqwest::Client::builder()
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    ClientBuilder::new(inner).with(retry).build()
}

fn fast(vendor: Vendor) -> VendorRetry {
    VendorRetry::new(vendor)
        .backoff(Duration::from_millis(5), Duration::from_millis(20))
        .max_elapsed(Duration::from_secs(5))
}

fn report(r: &reqwest::Response) -> (Attempts, Classification<'static>) {
    (
        *r.extensions().get::<Attempts>().unwrap(),
        r.extensions()
            .get::<Classification<'static>>()
            .unwrap()
            .clone(),
    )
}

#[tokio::test]
async fn http_200_business_errors_are_retried_and_the_answer_arrives_intact() {
    let (url, vendor) = serve(|n| match n {
        0 => json(
            200,
            r#"{"ActionStatus":"FAIL","ErrorCode":20004,"ErrorInfo":"network error"}"#,
        ),
        _ => {
            let mut r = json(200, OK);
            r.headers_mut()
                .insert("x-request-id", HeaderValue::from_static("r-42"));
            r
        }
    })
    .await;
    let retry = fast(Vendor::Tencent);
    let c = client(retry.clone());
    let r = c
        .post(format!("{url}{SEND}"))
        .body(KEYED)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-request-id"], "r-42");
    assert_eq!(r.version(), reqwest::Version::HTTP_11);
    assert_eq!(r.url().as_str(), format!("{url}{SEND}"));
    assert!(r.remote_addr().is_some());
    let (attempts, verdict) = report(&r);
    assert_eq!(attempts.retries, 1);
    assert_eq!(attempts.stop, Stop::Success);
    assert!(!verdict.is_error());
    assert_eq!(r.content_length(), Some(OK.len() as u64));
    assert_eq!(r.text().await.unwrap(), OK);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 2);
    let stats = retry.stats();
    assert_eq!((stats.requests, stats.retries, stats.withheld), (1, 1, 0));
}

#[tokio::test]
async fn unknown_effect_is_not_resent_without_a_key() {
    const PAGE: &str = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let (url, vendor) = serve(|_| {
        (
            StatusCode::BAD_GATEWAY,
            [("content-type", "text/html")],
            PAGE,
        )
            .into_response()
    })
    .await;
    let retry = fast(Vendor::Tencent);
    let c = client(retry.clone());
    // No MsgSeq: Tencent picks a new one per attempt and could not
    // recognize a resend.
    let r = c
        .post(format!("{url}{SEND}"))
        .body(UNKEYED)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 502);
    let (attempts, verdict) = report(&r);
    assert_eq!(attempts.stop, Stop::MayHaveTakenEffect);
    assert_eq!(attempts.retries, 0);
    assert_eq!(verdict.effect(), Effect::Unknown);
    assert_eq!(r.text().await.unwrap(), PAGE);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 1);
    assert_eq!(retry.stats().withheld, 1);

    // Marked idempotent by the caller, or sent with GET: resent.
    let r = c
        .post(format!("{url}{SEND}"))
        .body(UNKEYED)
        .with_extension(Idempotent)
        .send()
        .await
        .unwrap();
    assert_eq!(report(&r).0.stop, Stop::RetriesExhausted);
    assert_eq!(report(&r).0.retries, 3);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 1 + 4);
    let r = c
        .get(format!("{url}/v4/im_open_login_svc/account_check"))
        .send()
        .await
        .unwrap();
    assert_eq!(report(&r).0.retries, 3);
    // A key in the body counts as well.
    let before = vendor.hits.load(Ordering::SeqCst);
    c.post(format!("{url}{SEND}"))
        .body(KEYED)
        .send()
        .await
        .unwrap();
    assert_eq!(vendor.hits.load(Ordering::SeqCst) - before, 4);
}

#[tokio::test]
async fn partial_batch_failures_are_not_resent() {
    let (url, vendor) = serve(|_| {
        json(
            200,
            r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","ErrorList":[{"To_Account":"u3","ErrorCode":70107}]}"#,
        )
    })
    .await;
    let c = client(fast(Vendor::Tencent));
    let r = c
        .post(format!("{url}/v4/openim/batchsendmsg"))
        .body(r#"{"To_Account":["u1","u2","u3"],"MsgRandom":7,"MsgBody":[]}"#)
        .send()
        .await
        .unwrap();
    let (attempts, verdict) = report(&r);
    assert_eq!(verdict.effect(), Effect::Partial);
    assert_eq!(attempts.stop, Stop::NotRetryable);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_and_the_time_budget_caps_it() {
    let (url, vendor) = serve(|n| match n {
        0 => {
            let mut r = json(
                429,
                r#"{"errCode":429,"errMsg":"too many requests, please try again later","errDlt":""}"#,
            );
            r.headers_mut()
                .insert("retry-after", HeaderValue::from_static("1"));
            r
        }
        _ => json(200, OK),
    })
    .await;
    let c = client(fast(Vendor::OpenIm));
    let t = Instant::now();
    let r = c
        .post(format!("{url}/msg/send_msg"))
        .body("{}")
        .send()
        .await
        .unwrap();
    // The header's 1 s, not the table's 5 s for OpenIM 429, nor the 5 ms backoff.
    let took = t.elapsed();
    assert!(took >= Duration::from_secs(1), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert_eq!(report(&r).0.retries, 1);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 2);

    // A wait that would end past the budget is not started.
    let (url, vendor) = serve(|_| {
        let mut r = json(429, r#"{"errCode":429,"errMsg":"too many requests"}"#);
        r.headers_mut()
            .insert("retry-after", HeaderValue::from_static("30"));
        r
    })
    .await;
    let c = client(fast(Vendor::OpenIm).max_elapsed(Duration::from_millis(800)));
    let t = Instant::now();
    let r = c
        .post(format!("{url}/msg/send_msg"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert!(t.elapsed() < Duration::from_millis(500));
    assert_eq!(r.status(), 429);
    assert_eq!(report(&r).0.stop, Stop::TimeExhausted);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn expired_credentials_are_refreshed_once() {
    let (url, vendor) = serve(|n| match n {
        0 => json(
            200,
            r#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":"UserSig expired"}"#,
        ),
        _ => json(200, r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#),
    })
    .await;
    let retry = fast(Vendor::Tencent).on_refresh(|mut request: reqwest::Request| async move {
        request
            .url_mut()
            .query_pairs_mut()
            .clear()
            .append_pair("usersig", "fresh");
        Ok(request)
    });
    let c = client(retry.clone());
    let r = c
        .post(format!("{url}/v4/openim/sendmsg?usersig=stale"))
        .body(r#"{"MsgBody":[]}"#)
        .send()
        .await
        .unwrap();
    let (attempts, verdict) = report(&r);
    assert!(attempts.refreshed);
    assert_eq!(attempts.retries, 0);
    assert!(!verdict.is_error());
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 2);
    assert_eq!(retry.stats().refreshes, 1);

    // Still expired after the refresh: not refreshed a second time.
    let (url, vendor) =
        serve(|_| json(200, r#"{"errCode":1501,"errMsg":"TokenExpiredError"}"#)).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let retry = fast(Vendor::OpenIm).on_refresh(move |mut request: reqwest::Request| {
        let n = counted.fetch_add(1, Ordering::SeqCst);
        async move {
            request
                .headers_mut()
                .insert("token", format!("t{n}").parse().unwrap());
            Ok(request)
        }
    });
    let r = client(retry)
        .post(format!("{url}/msg/send_msg"))
        .header("token", "stale")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(report(&r).0.stop, Stop::NotRetryable);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 2);
    {
        let seen = vendor.seen.lock().unwrap();
        assert_eq!(seen[0].0["token"], "stale");
        assert_eq!(seen[1].0["token"], "t0");
    }

    // Without a hook, 1501 goes back to the caller at once.
    let r = client(fast(Vendor::OpenIm))
        .post(format!("{url}/msg/send_msg"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(report(&r).0.stop, Stop::NotRetryable);
}

#[tokio::test]
async fn refused_connections_are_resent_timeouts_are_not() {
    // A port nobody listens on: connect fails, nothing was sent.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let retry = fast(Vendor::OpenIm).max_retries(2);
    let err = client(retry.clone())
        .post(format!("http://127.0.0.1:{port}/msg/send_msg"))
        .body("{}")
        .send()
        .await
        .unwrap_err();
    let verdict = imerr::retry::classify_error(Some(Vendor::OpenIm), &err);
    assert_eq!(verdict.transport(), Some(Transport::Connect));
    assert_eq!(verdict.effect(), Effect::None);
    assert_eq!(retry.stats().retries, 2);

    // A vendor that applies the request, then stalls past the client's timeout.
    let (url, vendor) = serve(|_| {
        let body = Body::new(Stall);
        (StatusCode::OK, body).into_response()
    })
    .await;
    let retry = fast(Vendor::Tencent);
    let c = client(retry.clone());
    let err = c
        .post(format!("{url}{SEND}"))
        .body(UNKEYED)
        .send()
        .await
        .unwrap_err();
    let verdict = imerr::retry::classify_error(Some(Vendor::Tencent), &err);
    assert_eq!(verdict.category(), Category::Timeout);
    assert_eq!(verdict.effect(), Effect::Unknown);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 1);
    assert_eq!(retry.stats().withheld, 1);
    // With the key, it is resent.
    let _ = c.post(format!("{url}{SEND}")).body(KEYED).send().await;
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 1 + 4);
}

/// A body that never ends.
struct Stall;

impl http_body::Body for Stall {
    type Data = Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Pending
    }
}

/// A body that sends a chunk, then fails: the connection drops mid-body.
struct Broken(bool);

impl http_body::Body for Broken {
    type Data = Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        let this = self.get_mut();
        if this.0 {
            return Poll::Ready(Some(Err(std::io::ErrorKind::ConnectionReset.into())));
        }
        this.0 = true;
        Poll::Ready(Some(Ok(http_body::Frame::data(Bytes::from_static(
            b"{\"ActionStatus\":\"OK\",\"Err",
        )))))
    }
}

#[tokio::test]
async fn a_body_cut_mid_way_is_a_transport_failure() {
    let (url, vendor) = serve(|n| match n {
        0 => (StatusCode::OK, Body::new(Broken(false))).into_response(),
        _ => json(200, OK),
    })
    .await;
    let c = client(fast(Vendor::Tencent));
    let err = c
        .post(format!("{url}{SEND}"))
        .body(UNKEYED)
        .send()
        .await
        .unwrap_err();
    let verdict = imerr::retry::classify_error(None, &err);
    assert_eq!(verdict.transport(), Some(Transport::Interrupted));
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 1);
    // Keyed: resent, and the second answer arrives.
    let (url, vendor) = serve(|n| match n {
        0 => (StatusCode::OK, Body::new(Broken(false))).into_response(),
        _ => json(200, OK),
    })
    .await;
    let r = c
        .post(format!("{url}{SEND}"))
        .body(KEYED)
        .send()
        .await
        .unwrap();
    assert_eq!(r.text().await.unwrap(), OK);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn streamed_request_bodies_are_not_resent() {
    let (url, vendor) = serve(|_| json(503, r#"{"errCode":503}"#)).await;
    let c = client(fast(Vendor::OpenIm));
    let body = reqwest::Body::wrap(http_body_util::Full::new(Bytes::from_static(b"{}")));
    let r = c
        .put(format!("{url}/object"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(report(&r).0.stop, Stop::NotReplayable);
    assert_eq!(vendor.hits.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn bodies_over_max_body_are_handed_on_whole() {
    let big = "x".repeat(imerr::MAX_BODY + 10);
    let expected = big.clone();
    let (url, _) = serve(move |_| (StatusCode::OK, big.clone()).into_response()).await;
    let c = client(fast(Vendor::OpenIm));
    let r = c.get(format!("{url}/big")).send().await.unwrap();
    let text = r.text().await.unwrap();
    assert_eq!(text.len(), expected.len());
}
