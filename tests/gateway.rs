//! `gateway::ClassifyLayer` in front of a fake vendor on 127.0.0.1: in an
//! axum gateway, and in a hyper server around a hyper client.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, Request, Response, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::{any, post};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::service::TowerToHyperService;
use imerr::gateway::ClassifyLayer;
use imerr::{Action, Category, Classification, Vendor};
use tower::{Layer, Service, ServiceExt};

const TOKEN_EXPIRED: &str = r#"{"errCode":1501,"errMsg":"TokenExpiredError","errDlt":""}"#;
const OK: &str = r#"{"errCode":0,"errMsg":"","errDlt":"","data":{}}"#;
const RATE_LIMITED: &str =
    r#"{"ActionStatus":"FAIL","ErrorCode":90024,"ErrorInfo":"frequency limit"}"#;

/// The vendor: OpenIM answers errors with HTTP 200; Tencent too.
async fn vendor() -> String {
    let app = Router::new()
        .route(
            "/msg/send_msg",
            post(|| async { ([("x-vendor", "openim")], TOKEN_EXPIRED) }),
        )
        .route("/user/get_users", post(|| async { OK }))
        .route(
            "/v4/openim/sendmsg",
            post(|| async { ([("retry-after", "2")], RATE_LIMITED) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

fn verdict<B>(r: &Response<B>) -> Classification<'static> {
    r.extensions()
        .get::<Classification<'static>>()
        .expect("the layer puts the verdict in the extensions")
        .clone()
}

#[tokio::test]
async fn an_axum_gateway_answers_with_the_verdicts_status() {
    let upstream = vendor().await;
    // The gateway's handler forwards to the vendor and returns its answer.
    let forward = move |uri: Uri, body: Bytes| {
        let upstream = upstream.clone();
        async move {
            let r = reqwest::Client::new()
                .post(format!("{upstream}{}", uri.path()))
                .body(body)
                .send()
                .await
                .unwrap();
            let status = StatusCode::from_u16(r.status().as_u16()).unwrap();
            let vendor_header = r.headers().get("x-vendor").cloned();
            let retry_after = r.headers().get("retry-after").cloned();
            let mut out = (status, r.bytes().await.unwrap()).into_response();
            for (name, value) in [("x-vendor", vendor_header), ("retry-after", retry_after)] {
                if let Some(v) = value {
                    out.headers_mut()
                        .insert(name, HeaderValue::from_bytes(v.as_bytes()).unwrap());
                }
            }
            out
        }
    };
    let app: Router = Router::new()
        .fallback(any(forward))
        .layer(ClassifyLayer::detect().answer_with_verdict_status(true));

    // In process: the verdict is in the extensions.
    let r = app
        .clone()
        .oneshot(
            Request::post("/msg/send_msg")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["x-vendor"], "openim");
    let v = verdict(&r);
    assert_eq!(v.vendor(), Some(Vendor::OpenIm));
    assert_eq!(v.status(), Some(200));
    assert_eq!(v.action(), Action::RefreshCredentials);
    let body = r.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, TOKEN_EXPIRED.as_bytes());

    // Tencent's rate limit: 429, and the Retry-After header wins over the table.
    let r = app
        .clone()
        .oneshot(
            Request::post("/v4/openim/sendmsg")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(verdict(&r).retry_after(), Some(Duration::from_secs(2)));

    // Over the network, served by axum.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gateway = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();
    let r = client
        .post(format!("{gateway}/msg/send_msg"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(r.text().await.unwrap(), TOKEN_EXPIRED);
    let r = client
        .post(format!("{gateway}/user/get_users"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), OK);
}

#[tokio::test]
async fn a_hyper_gateway_classifies_its_upstream_client() {
    let upstream: Uri = vendor().await.parse().unwrap();
    // The upstream service: hyper's client, pointed at the vendor.
    let client = Client::builder(TokioExecutor::new()).build_http::<hyper::body::Incoming>();
    let to_vendor = client.map_request(move |mut req: Request<hyper::body::Incoming>| {
        let path = req.uri().path().to_owned();
        *req.uri_mut() = format!("{upstream}{}", path.trim_start_matches('/'))
            .parse()
            .unwrap();
        req
    });
    // Keep the upstream's status: only the extensions and the span learn the verdict.
    let classified = ClassifyLayer::new(Vendor::OpenIm).layer(to_vendor);
    let (seen_tx, mut seen_rx) = tokio::sync::mpsc::unbounded_channel();
    let service = tower::service_fn(move |req: Request<hyper::body::Incoming>| {
        let mut classified = classified.clone();
        let seen = seen_tx.clone();
        async move {
            let r = classified.ready().await?.call(req).await?;
            let _ = seen.send(verdict(&r));
            Ok::<_, hyper_util::client::legacy::Error>(r)
        }
    });

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let gateway = listener.local_addr().unwrap();
    tokio::spawn(async move {
        // Bounded: this test makes two connections at most.
        for _ in 0..2 {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });

    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let r = client
        .request(
            Request::post(format!("http://{gateway}/msg/send_msg"))
                .body(Full::new(Bytes::from_static(b"{}")))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["x-vendor"], "openim");
    let body = r.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, TOKEN_EXPIRED.as_bytes());
    let v = seen_rx.recv().await.unwrap();
    assert_eq!(v.category(), Category::Auth);
    assert_eq!(v.symbol(), Some("TokenExpiredError"));
    assert_eq!(v.http_status(), 401);
}

#[tokio::test]
async fn a_success_keeps_its_status_and_body() {
    let upstream = tower::service_fn(|_req: Request<Body>| async {
        Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(OK.as_bytes()))))
    });
    let r = ClassifyLayer::detect()
        .answer_with_verdict_status(true)
        .layer(upstream)
        .oneshot(Request::new(Body::empty()))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(!verdict(&r).is_error());
    assert_eq!(
        http_body::Body::size_hint(r.body()).exact(),
        Some(OK.len() as u64)
    );
    let body = r.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, OK.as_bytes());
}
