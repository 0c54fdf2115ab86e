//! A [`tower`](https://docs.rs/tower) layer for gateways in front of a
//! vendor (feature `tower`): [`ClassifyLayer`] wraps an upstream service (a
//! hyper client, an axum router, a proxy handler) and classifies each of its
//! responses.
//!
//! Each response's body is read up to [`MAX_BODY`](crate::MAX_BODY) and
//! classified with its status and headers; the response is handed on with
//! an equivalent body ([`BufferedBody`]: the same bytes, then whatever was not
//! read, the trailers, and the upstream body's error if it failed), and with
//! the verdict, owned, in its extensions (a
//! [`Classification<'static>`](crate::Classification)). With the `tracing`
//! feature the verdict is recorded on the current span
//! ([`record_on_current_span`](crate::Classification::record_on_current_span)).
//! With [`answer_with_verdict_status`](ClassifyLayer::answer_with_verdict_status)
//! an upstream error is answered with the status the verdict suggests
//! ([`http_status`](crate::Classification::http_status)): an OpenIM HTTP 200
//! `errCode` 1501 becomes a 401, a Tencent 90024 a 429.
//!
//! ```
//! use axum::{routing::post, Router};
//! use imerr::{gateway::ClassifyLayer, Vendor};
//!
//! async fn proxy() -> &'static str {
//!     // Forward to the vendor and return its answer.
//!     r#"{"errCode":1501,"errMsg":"TokenExpiredError"}"#
//! }
//!
//! let app: Router = Router::new()
//!     .route("/msg/send_msg", post(proxy))
//!     .layer(ClassifyLayer::new(Vendor::OpenIm).answer_with_verdict_status(true));
//! # let _ = app;
//! ```
//!
//! An upstream body that breaks while it is read (a reset in the middle)
//! gets a [`Transport::Interrupted`] verdict;
//! the client still reads the bytes that came, then the error.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Buf;
use http::StatusCode;
use http_body::Body;
use tower_layer::Layer;
use tower_service::Service;

use crate::body::{Read, read};
use crate::classify::classify_response;
use crate::{Classification, Transport, Vendor};

pub use crate::body::BufferedBody;

/// A [`Layer`] that classifies an upstream service's responses (see the
/// [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClassifyLayer {
    vendor: Option<Vendor>,
    answer_with_verdict_status: bool,
}

impl ClassifyLayer {
    /// Classifies responses from `vendor`: bodies are read as its envelope.
    pub fn new(vendor: Vendor) -> Self {
        ClassifyLayer {
            vendor: Some(vendor),
            answer_with_verdict_status: false,
        }
    }

    /// Classifies responses from any vendor, detected from each body's shape.
    pub fn detect() -> Self {
        ClassifyLayer {
            vendor: None,
            answer_with_verdict_status: false,
        }
    }

    /// Whether to answer an upstream error with the status the verdict
    /// suggests ([`http_status`](crate::Classification::http_status)) instead
    /// of the upstream's (off by default). The body and headers stay the
    /// upstream's; the upstream's status stays in the verdict
    /// ([`status`](crate::Classification::status)).
    pub fn answer_with_verdict_status(mut self, yes: bool) -> Self {
        self.answer_with_verdict_status = yes;
        self
    }
}

impl<S> Layer<S> for ClassifyLayer {
    type Service = Classify<S>;

    fn layer(&self, inner: S) -> Classify<S> {
        Classify {
            inner,
            layer: *self,
        }
    }
}

/// The service [`ClassifyLayer`] makes: it calls the upstream `S` and
/// classifies its responses.
#[derive(Debug, Clone)]
pub struct Classify<S> {
    inner: S,
    layer: ClassifyLayer,
}

impl<S> Classify<S> {
    /// The wrapped upstream service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The wrapped upstream service, unwrapped.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

/// The future [`Classify`] returns: the upstream's response, classified.
pub type ResponseFuture<B, E> =
    Pin<Box<dyn Future<Output = Result<http::Response<BufferedBody<B>>, E>> + Send>>;

impl<S, ReqBody, ResBody> Service<http::Request<ReqBody>> for Classify<S>
where
    S: Service<http::Request<ReqBody>, Response = http::Response<ResBody>>,
    S::Future: Send + 'static,
    ResBody: Body + Send + 'static,
    ResBody::Data: Buf + Send,
    ResBody::Error: Send,
{
    type Response = http::Response<BufferedBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<ResBody, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<ReqBody>) -> Self::Future {
        let upstream = self.inner.call(request);
        let layer = self.layer;
        Box::pin(async move {
            let (mut parts, body) = upstream.await?.into_parts();
            let status = parts.status.as_u16();
            let read = read(body).await;
            let verdict = match &read {
                Read::Failed { .. } => Classification::from_transport(
                    layer.vendor,
                    Some(status),
                    Transport::Interrupted,
                ),
                read => classify_response(layer.vendor, status, read.bytes(), &parts.headers),
            };
            #[cfg(feature = "tracing")]
            verdict.record_on_current_span();
            if layer.answer_with_verdict_status
                && verdict.is_error()
                && let Ok(s) = StatusCode::from_u16(verdict.http_status())
            {
                parts.status = s;
            }
            parts.extensions.insert(verdict);
            Ok(http::Response::from_parts(parts, BufferedBody::new(read)))
        })
    }
}
