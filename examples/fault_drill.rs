//! A fault drill: a fake OpenIM + Tencent Cloud IM vendor on 127.0.0.1
//! injects the faults real deployments see, and a client sends a few hundred
//! messages through `imerr::retry::VendorRetry`. The drill counts what the
//! vendor applied against what the client believes it sent: no message may
//! be lost (believed sent, never applied) or duplicated (applied twice).
//!
//! Run: `cargo run --example fault_drill --features reqwest-middleware`
//! (`tests/fault_drill.rs` runs the same drill under `cargo test`).
//!
//! The vendor (axum, ephemeral loopback port) answers:
//!
//! - `POST /auth/get_admin_token`: a new OpenIM admin token;
//! - `POST /msg/send_msg` (OpenIM: `token` header; no dedupe key, as in
//!   OpenIM: every call is a new message);
//! - `POST /v4/openim/sendmsg` and `/v4/openim/batchsendmsg` (Tencent:
//!   `usersig` query parameter, `MsgSeq` + `MsgRandom` dedupe key).
//!
//! It injects, by message and attempt: 429 with `Retry-After`; an nginx 502
//! page, before or after the message was stored; a connection dropped in the
//! middle of the body (after storing); a stall past the client's timeout
//! (after storing); truncated JSON (after storing); HTTP 200 business errors
//! (Tencent 90024 rate limit, OpenIM errCode 500, stored or not); a partial
//! batch failure (Tencent `ErrorList`); and token expiry (OpenIM 1501,
//! Tencent 70001), which the client's refresh hook answers with a new token
//! or UserSig. Like Tencent, it dedupes by the key: a resend with a key it
//! stored within the window gets the stored answer, and is not stored
//! again. OpenIM sends, and one Tencent send in four (no `MsgSeq`), carry no
//! key: after a failure that may have taken effect, those must come back to
//! the caller as failed, not be resent.
//!
//! Every loop is bounded in count and time; only loopback addresses are used.

use std::collections::{HashMap, HashSet};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::RawQuery;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use imerr::Classification;
use imerr::retry::{Attempts, VendorRetry};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use serde_json::{Value, json};

/// The drill's size and timing.
#[derive(Debug, Clone, Copy)]
pub struct Drill {
    /// Messages the client sends.
    pub sends: u32,
    /// Sends in flight at once.
    pub concurrency: usize,
    /// The client's per-attempt timeout.
    pub client_timeout: Duration,
    /// How long the vendor stalls after storing a message (longer than the
    /// client's timeout).
    pub stall: Duration,
    /// A control run: the client marks every send idempotent (resends
    /// keyless ones after a failure that may have taken effect) and trusts
    /// the HTTP status (an HTTP 200 is a success). The drill must then find
    /// messages lost and duplicated.
    pub blind: bool,
}

impl Default for Drill {
    fn default() -> Self {
        Drill {
            sends: 300,
            concurrency: 32,
            client_timeout: Duration::from_millis(300),
            stall: Duration::from_millis(600),
            blind: false,
        }
    }
}

/// What the drill found.
#[derive(Debug, Default)]
pub struct Report {
    /// Sends the client made (one per message or batch).
    pub requests: u64,
    /// Resends after a backoff, as the middleware counted them.
    pub retries: u64,
    /// Resends after the refresh hook re-signed the request.
    pub refreshes: u64,
    /// Failures not resent because they may have taken effect and the send
    /// carried no dedupe key.
    pub withheld: u64,
    /// Items the client believes were delivered that the vendor never applied.
    pub lost: u64,
    /// Items the vendor applied more than once.
    pub duplicated: u64,
    /// Resends of a keyless message after a failure that may have taken
    /// effect, as the vendor saw them (must be 0).
    pub unsafe_resends: u64,
    /// Items the client believes were delivered.
    pub believed: u64,
    /// Items the client reports as failed.
    pub failed: u64,
    /// Items the vendor applied.
    pub applied: u64,
    /// Faults injected, by kind.
    pub faults: Vec<(&'static str, u64)>,
    /// Sends that came back failed (wholly or in part), by what the
    /// middleware said.
    pub failures: Vec<(String, u64)>,
    /// How long the drill took.
    pub elapsed: Duration,
}

impl Report {
    /// The report's lines; the last is
    /// `N requests, R retries, F refreshes, L lost, D duplicated`.
    pub fn lines(&self) -> Vec<String> {
        let faults: Vec<String> = self
            .faults
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let mut lines = vec![format!("faults injected: {}", faults.join(", "))];
        lines.extend(
            self.failures
                .iter()
                .map(|(why, n)| format!("sends reported failed: {n} x {why}")),
        );
        lines.extend([
            format!(
                "items: {} applied by the vendor, {} believed delivered by the client, {} reported failed ({} sends withheld: no dedupe key after a failure that may have taken effect; {} unsafe resends)",
                self.applied, self.believed, self.failed, self.withheld, self.unsafe_resends
            ),
            format!("took {:.2} s", self.elapsed.as_secs_f64()),
            format!(
                "{} requests, {} retries, {} refreshes, {} lost, {} duplicated",
                self.requests, self.retries, self.refreshes, self.lost, self.duplicated
            ),
        ]);
        lines
    }
}

/// The faults, injected by message and attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Fault {
    None,
    /// 429 with `Retry-After: 1`, nothing stored.
    RateLimit,
    /// An nginx 502 page; the vendor behind it did not store the message.
    ProxyBefore,
    /// An nginx 502 page after the vendor stored the message.
    ProxyAfter,
    /// Stored, then the connection drops in the middle of the body.
    ResetMidBody,
    /// Stored, then a stall past the client's timeout.
    TimeoutAfterApply,
    /// Stored, then a body cut in the middle of its JSON.
    TruncatedJson,
    /// HTTP 200 business error: Tencent 90024 (not stored), OpenIM errCode
    /// 500 (stored or not).
    BusinessError,
    /// Tencent batch: one account fails (70107), the others are stored.
    PartialBatch,
    /// The token or UserSig expires: OpenIM 1501, Tencent 70001.
    TokenExpiry,
}

impl Fault {
    /// Every fault the vendor injects.
    const INJECTED: [Fault; 9] = [
        Fault::RateLimit,
        Fault::ProxyBefore,
        Fault::ProxyAfter,
        Fault::ResetMidBody,
        Fault::TimeoutAfterApply,
        Fault::TruncatedJson,
        Fault::BusinessError,
        Fault::PartialBatch,
        Fault::TokenExpiry,
    ];

    /// The fault for attempt `attempt` (from 0) of message `seq`: one on the
    /// first attempt, a second for one message in seven, then none.
    fn for_attempt(seq: u32, attempt: u32) -> Fault {
        match attempt {
            // No fault, every injected one in turn, no fault again.
            0 => match seq as usize % (Fault::INJECTED.len() + 2) {
                0 => Fault::None,
                i => Fault::INJECTED.get(i - 1).copied().unwrap_or(Fault::None),
            },
            1 if seq.is_multiple_of(7) => Fault::ProxyBefore,
            _ => Fault::None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Fault::None => "none",
            Fault::RateLimit => "429+Retry-After",
            Fault::ProxyBefore => "502 page (not stored)",
            Fault::ProxyAfter => "502 page (stored)",
            Fault::ResetMidBody => "reset mid-body",
            Fault::TimeoutAfterApply => "timeout after storing",
            Fault::TruncatedJson => "truncated JSON",
            Fault::BusinessError => "HTTP 200 business error",
            Fault::PartialBatch => "partial batch",
            Fault::TokenExpiry => "token expiry",
        }
    }
}

/// What kind of send a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    OpenIm,
    Tencent,
    TencentBatch,
}

impl Kind {
    fn of(seq: u32) -> Kind {
        match seq % 3 {
            0 => Kind::OpenIm,
            1 => Kind::Tencent,
            _ => Kind::TencentBatch,
        }
    }

    /// The items a send delivers: one per recipient.
    fn items(self, seq: u32) -> Vec<String> {
        match self {
            Kind::OpenIm | Kind::Tencent => vec![format!("m{seq}/u{seq}")],
            Kind::TencentBatch => ["a", "b", "c"]
                .iter()
                .map(|r| format!("m{seq}/u{seq}{r}"))
                .collect(),
        }
    }
}

/// Whether message `seq` carries its dedupe key: three in four do.
fn keyed(seq: u32) -> bool {
    seq % 4 != 3
}

const NGINX_502: &str = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/// The fake vendor's state.
#[derive(Default)]
struct Vendor {
    state: Mutex<VendorState>,
    stall: Duration,
}

#[derive(Default)]
struct VendorState {
    /// How often each item was applied.
    applied: HashMap<String, u32>,
    /// Dedupe key → (when stored, the answer given).
    dedupe: HashMap<String, (Instant, String)>,
    /// Attempts seen per message.
    attempts: HashMap<u32, u32>,
    /// Messages whose last attempt failed in a way that may have taken effect.
    unknown_effect: HashSet<u32>,
    unsafe_resends: u64,
    tokens_issued: u64,
    valid_tokens: HashSet<String>,
    expired_sigs: HashSet<String>,
    faults: HashMap<&'static str, u64>,
}

/// How long the vendor remembers a dedupe key.
const DEDUPE_WINDOW: Duration = Duration::from_secs(60);

impl Vendor {
    fn issue_token(&self) -> String {
        let mut s = self.state.lock().unwrap();
        s.tokens_issued += 1;
        let token = format!("tok-{}", s.tokens_issued);
        s.valid_tokens.insert(token.clone());
        token
    }

    async fn handle(&self, kind: Kind, credential: String, body: Bytes) -> Response {
        let Ok(req) = serde_json::from_slice::<Value>(&body) else {
            return openim_or_tencent(kind, 1001, "bad JSON");
        };
        let text = match kind {
            Kind::OpenIm => req.pointer("/content/content"),
            Kind::Tencent | Kind::TencentBatch => req.pointer("/MsgBody/0/MsgContent/Text"),
        };
        let Some(seq) = text
            .and_then(Value::as_str)
            .and_then(|t| t.strip_prefix('m'))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            return openim_or_tencent(kind, 1001, "no message");
        };
        // OpenIM's send_msg takes no dedupe key (every call is a new
        // message); Tencent's is MsgSeq and MsgRandom together.
        let key = match kind {
            Kind::OpenIm => None,
            Kind::Tencent | Kind::TencentBatch => req
                .get("MsgSeq")
                .and_then(Value::as_u64)
                .zip(req.get("MsgRandom").and_then(Value::as_u64))
                .map(|(seq, random)| format!("tencent/{seq}/{random}")),
        };

        // Faults in front of the vendor, and the vendor's own checks.
        let (fault, answer) = {
            let mut s = self.state.lock().unwrap();
            let attempt = {
                let a = s.attempts.entry(seq).or_insert(0);
                *a += 1;
                *a - 1
            };
            if attempt > 0 && key.is_none() && s.unknown_effect.contains(&seq) {
                s.unsafe_resends += 1;
            }
            s.unknown_effect.remove(&seq);
            let mut fault = Fault::for_attempt(seq, attempt);
            if fault == Fault::PartialBatch && kind != Kind::TencentBatch {
                fault = Fault::None;
            }
            if fault != Fault::None {
                *s.faults.entry(fault.name()).or_default() += 1;
            }
            let answer = match fault {
                Fault::RateLimit => Some(rate_limited(kind)),
                Fault::ProxyBefore => {
                    s.unknown_effect.insert(seq);
                    Some(nginx_502())
                }
                Fault::TokenExpiry => {
                    match kind {
                        Kind::OpenIm => s.valid_tokens.remove(&credential),
                        _ => s.expired_sigs.insert(credential.clone()),
                    };
                    None
                }
                Fault::BusinessError if kind != Kind::OpenIm => Some(openim_or_tencent(
                    kind,
                    90024,
                    "frequency limit, please retry later",
                )),
                Fault::BusinessError if seq / 11 % 2 == 1 => {
                    // OpenIM failed before storing: still effect unknown to the client.
                    s.unknown_effect.insert(seq);
                    Some(openim_or_tencent(kind, 500, "ServerInternalError"))
                }
                _ => None,
            };
            if let Some(answer) = answer {
                return answer;
            }
            // Authentication.
            let valid = match kind {
                Kind::OpenIm => s.valid_tokens.contains(&credential),
                _ => !credential.is_empty() && !s.expired_sigs.contains(&credential),
            };
            if !valid {
                return match kind {
                    Kind::OpenIm => openim_or_tencent(kind, 1501, "TokenExpiredError"),
                    _ => openim_or_tencent(kind, 70001, "UserSig expired"),
                };
            }
            // Dedupe: a key seen within the window gets the stored answer.
            let now = Instant::now();
            if let Some((at, stored)) = key.as_ref().and_then(|k| s.dedupe.get(k))
                && now.duration_since(*at) < DEDUPE_WINDOW
            {
                return json_response(StatusCode::OK, stored.clone());
            }
            // Apply.
            let items = kind.items(seq);
            let failed = (fault == Fault::PartialBatch).then(|| items[2].clone());
            for item in &items {
                if Some(item) != failed.as_ref() {
                    *s.applied.entry(item.clone()).or_default() += 1;
                }
            }
            let answer = success_body(kind, seq, failed.as_deref());
            if let Some(k) = key {
                s.dedupe.insert(k, (now, answer.clone()));
            }
            if matches!(
                fault,
                Fault::ProxyAfter
                    | Fault::ResetMidBody
                    | Fault::TimeoutAfterApply
                    | Fault::TruncatedJson
                    | Fault::BusinessError
            ) {
                s.unknown_effect.insert(seq);
            }
            (fault, answer)
        };

        // Faults after the message was stored.
        match fault {
            Fault::ProxyAfter => nginx_502(),
            Fault::ResetMidBody => {
                let head = Bytes::from(answer.into_bytes()).slice(..10);
                (StatusCode::OK, Body::new(Broken(Some(head)))).into_response()
            }
            Fault::TimeoutAfterApply => {
                tokio::time::sleep(self.stall).await;
                json_response(StatusCode::OK, answer)
            }
            Fault::TruncatedJson => {
                let cut = answer.len() / 2;
                json_response(StatusCode::OK, answer[..cut].to_owned())
            }
            Fault::BusinessError => openim_or_tencent(kind, 500, "ServerInternalError"),
            _ => json_response(StatusCode::OK, answer),
        }
    }
}

fn json_response(status: StatusCode, body: String) -> Response {
    (status, [("content-type", "application/json")], body).into_response()
}

fn nginx_502() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        [("content-type", "text/html")],
        NGINX_502,
    )
        .into_response()
}

fn rate_limited(kind: Kind) -> Response {
    let body = match kind {
        Kind::OpenIm => json!({"errCode": 429, "errMsg": "too many requests, please try again later", "errDlt": ""}).to_string(),
        _ => String::new(),
    };
    (
        StatusCode::TOO_MANY_REQUESTS,
        [("content-type", "application/json"), ("retry-after", "1")],
        body,
    )
        .into_response()
}

/// An HTTP 200 error in the vendor's envelope.
fn openim_or_tencent(kind: Kind, code: i64, message: &str) -> Response {
    let body = match kind {
        Kind::OpenIm => json!({"errCode": code, "errMsg": message, "errDlt": ""}),
        _ => json!({"ActionStatus": "FAIL", "ErrorCode": code, "ErrorInfo": message}),
    };
    json_response(StatusCode::OK, body.to_string())
}

fn success_body(kind: Kind, seq: u32, failed: Option<&str>) -> String {
    match kind {
        Kind::OpenIm => json!({
            "errCode": 0, "errMsg": "", "errDlt": "",
            "data": {"serverMsgID": format!("s{seq}"), "sendTime": 1_700_000_000_000u64 + seq as u64}
        }),
        Kind::Tencent => json!({
            "ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0,
            "MsgTime": 1_700_000_000u64 + seq as u64, "MsgKey": format!("k{seq}")
        }),
        Kind::TencentBatch => {
            let mut body = json!({"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0, "MsgKey": format!("k{seq}")});
            if let Some(account) = failed.and_then(|item| item.split('/').nth(1)) {
                body["ErrorList"] = json!([{"To_Account": account, "ErrorCode": 70107}]);
            }
            body
        }
    }
    .to_string()
}

/// A body that sends its first bytes, then fails: hyper drops the
/// connection in the middle of the response.
struct Broken(Option<Bytes>);

impl http_body::Body for Broken {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(Some(match self.get_mut().0.take() {
            Some(head) => Ok(http_body::Frame::data(head)),
            None => Err(std::io::ErrorKind::ConnectionReset.into()),
        }))
    }
}

/// Starts the fake vendor on an ephemeral loopback port.
async fn start_vendor(stall: Duration) -> std::io::Result<(String, Arc<Vendor>)> {
    let vendor = Arc::new(Vendor {
        stall,
        ..Vendor::default()
    });
    let (v1, v2, v3, v4) = (
        vendor.clone(),
        vendor.clone(),
        vendor.clone(),
        vendor.clone(),
    );
    let app = Router::new()
        .route(
            "/auth/get_admin_token",
            post(move || {
                let v = v1.clone();
                async move {
                    let token = v.issue_token();
                    json_response(
                        StatusCode::OK,
                        json!({"errCode": 0, "errMsg": "", "errDlt": "", "data": {"token": token, "expireTimeSeconds": 86400}})
                            .to_string(),
                    )
                }
            }),
        )
        .route(
            "/msg/send_msg",
            post(move |headers: HeaderMap, body: Bytes| {
                let v = v2.clone();
                async move {
                    let token = headers
                        .get("token")
                        .and_then(|t| t.to_str().ok())
                        .unwrap_or_default()
                        .to_owned();
                    v.handle(Kind::OpenIm, token, body).await
                }
            }),
        )
        .route(
            "/v4/openim/sendmsg",
            post(move |RawQuery(q): RawQuery, body: Bytes| {
                let v = v3.clone();
                async move { v.handle(Kind::Tencent, usersig(q.as_deref()), body).await }
            }),
        )
        .route(
            "/v4/openim/batchsendmsg",
            post(move |RawQuery(q): RawQuery, body: Bytes| {
                let v = v4.clone();
                async move {
                    v.handle(Kind::TencentBatch, usersig(q.as_deref()), body)
                        .await
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok((format!("http://{addr}"), vendor))
}

fn usersig(query: Option<&str>) -> String {
    query
        .unwrap_or_default()
        .split('&')
        .find_map(|p| p.strip_prefix("usersig="))
        .unwrap_or_default()
        .to_owned()
}

/// The client's credentials: OpenIM's admin token (from the vendor) and
/// Tencent's UserSig (minted locally, as with the real SDKAppID key).
#[derive(Default)]
struct Credentials {
    token: Mutex<String>,
    sigs_minted: AtomicU64,
    sig: Mutex<String>,
}

impl Credentials {
    async fn fresh_token(&self, plain: &reqwest::Client, base: &str) -> Result<String, String> {
        let bytes = plain
            .post(format!("{base}/auth/get_admin_token"))
            .body(r#"{"secret":"openIM123","userID":"imAdmin"}"#)
            .send()
            .await
            .map_err(|e| e.to_string())?
            .bytes()
            .await
            .map_err(|e| e.to_string())?;
        let body: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        let token = body
            .pointer("/data/token")
            .and_then(Value::as_str)
            .ok_or("no token in the answer")?
            .to_owned();
        *self.token.lock().unwrap() = token.clone();
        Ok(token)
    }

    fn fresh_sig(&self) -> String {
        let n = self.sigs_minted.fetch_add(1, Ordering::Relaxed) + 1;
        let sig = format!("sig-{n}");
        *self.sig.lock().unwrap() = sig.clone();
        sig
    }
}

/// An error of the refresh hook.
#[derive(Debug)]
struct RefreshFailed(String);

impl std::fmt::Display for RefreshFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "refresh failed: {}", self.0)
    }
}

impl std::error::Error for RefreshFailed {}

/// The client: one middleware per vendor, each with its refresh hook.
fn clients(
    base: &str,
    creds: &Arc<Credentials>,
    drill: &Drill,
) -> Result<(ClientWithMiddleware, ClientWithMiddleware, [VendorRetry; 2]), reqwest::Error> {
    let inner = reqwest::Client::builder()
        .timeout(drill.client_timeout)
        .build()?;
    let plain = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()?;
    let policy = |v| {
        VendorRetry::new(v)
            .max_retries(4)
            .backoff(Duration::from_millis(20), Duration::from_millis(200))
            .max_elapsed(Duration::from_secs(6))
    };
    let (c, b) = (creds.clone(), base.to_owned());
    let openim = policy(imerr::Vendor::OpenIm).on_refresh(move |mut request: reqwest::Request| {
        let (creds, base, plain) = (c.clone(), b.clone(), plain.clone());
        async move {
            let token = creds
                .fresh_token(&plain, &base)
                .await
                .map_err(|e| reqwest_middleware::Error::middleware(RefreshFailed(e)))?;
            let value = token
                .parse()
                .map_err(|_| reqwest_middleware::Error::middleware(RefreshFailed(token)))?;
            request.headers_mut().insert("token", value);
            Ok(request)
        }
    });
    let c = creds.clone();
    let tencent =
        policy(imerr::Vendor::Tencent).on_refresh(move |mut request: reqwest::Request| {
            let sig = c.fresh_sig();
            async move {
                let pairs: Vec<(String, String)> = request
                    .url()
                    .query_pairs()
                    .filter(|(k, _)| k != "usersig")
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
                request
                    .url_mut()
                    .query_pairs_mut()
                    .clear()
                    .extend_pairs(pairs)
                    .append_pair("usersig", &sig);
                Ok(request)
            }
        });
    Ok((
        ClientBuilder::new(inner.clone())
            .with(openim.clone())
            .build(),
        ClientBuilder::new(inner).with(tencent.clone()).build(),
        [openim, tencent],
    ))
}

/// What one send came to: the items the client believes delivered, those it
/// reports as failed, and why they failed.
type Outcome = (Vec<String>, Vec<String>, Option<String>);

/// One send.
async fn send(
    seq: u32,
    base: &str,
    openim: &ClientWithMiddleware,
    tencent: &ClientWithMiddleware,
    creds: &Credentials,
    blind: bool,
) -> Outcome {
    let kind = Kind::of(seq);
    let items = kind.items(seq);
    let text = format!("m{seq}");
    let request = match kind {
        Kind::OpenIm => {
            let body = json!({
                "sendID": "imAdmin", "recvID": format!("u{seq}"), "senderPlatformID": 1,
                "content": {"content": text}, "contentType": 101, "sessionType": 1
            });
            let token = creds.token.lock().unwrap().clone();
            openim
                .post(format!("{base}/msg/send_msg"))
                .header("token", token)
                .header("operationID", format!("op{seq}"))
                .body(body.to_string())
        }
        Kind::Tencent | Kind::TencentBatch => {
            let (path, to) = match kind {
                Kind::Tencent => ("sendmsg", json!(format!("u{seq}"))),
                _ => (
                    "batchsendmsg",
                    json!(["a", "b", "c"].map(|r| format!("u{seq}{r}"))),
                ),
            };
            let mut body = json!({
                "SyncOtherMachine": 2, "From_Account": "admin", "To_Account": to,
                "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]
            });
            // Always a MsgRandom (required); the key needs MsgSeq as well.
            body["MsgRandom"] = json!(seq as u64 * 7919 + 104_729);
            if keyed(seq) {
                body["MsgSeq"] = json!(seq);
            }
            let sig = creds.sig.lock().unwrap().clone();
            tencent
                .post(format!(
                    "{base}/v4/openim/{path}?sdkappid=1400000000&identifier=admin&usersig={sig}&random={seq}&contenttype=json"
                ))
                .body(body.to_string())
        }
    };
    let request = if blind {
        request.with_extension(imerr::retry::Idempotent)
    } else {
        request
    };
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) => {
            let verdict = imerr::retry::classify_error(None, &e);
            let why = format!(
                "no response ({}, effect {})",
                verdict.transport().map_or("other", Into::into),
                verdict.effect()
            );
            return (Vec::new(), items, Some(why));
        }
    };
    let (Some(verdict), Some(attempts)) = (
        response
            .extensions()
            .get::<Classification<'static>>()
            .cloned(),
        response.extensions().get::<Attempts>().copied(),
    ) else {
        return (Vec::new(), items, Some("no verdict".into()));
    };
    if !verdict.is_error() || (blind && response.status().is_success()) {
        return (items, Vec::new(), None);
    }
    let why = format!(
        "{} {} (effect {}, stop {:?})",
        verdict.status().unwrap_or_default(),
        verdict.category(),
        verdict.effect(),
        attempts.stop
    );
    if verdict.is_partial() {
        // Delivered to every account but those in the ErrorList.
        let bytes = response.bytes().await.unwrap_or_default();
        let body: Value = serde_json::from_slice(&bytes).unwrap_or_default();
        let failed: HashSet<String> = body
            .get("ErrorList")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|e| e.get("To_Account").and_then(Value::as_str))
                    .map(|a| format!("{text}/{a}"))
                    .collect()
            })
            .unwrap_or_default();
        let (ok, ko) = items.into_iter().partition(|i| !failed.contains(i));
        return (ok, ko, Some(why));
    }
    (Vec::new(), items, Some(why))
}

/// Runs the drill: starts the vendor, sends, and compares.
pub async fn run(drill: Drill) -> Result<Report, Box<dyn std::error::Error + Send + Sync>> {
    let start = Instant::now();
    let (base, vendor) = start_vendor(drill.stall).await?;
    let creds = Arc::new(Credentials::default());
    let plain = reqwest::Client::new();
    creds.fresh_token(&plain, &base).await?;
    creds.fresh_sig();
    let (openim, tencent, retries) = clients(&base, &creds, &drill)?;

    let limit = Arc::new(tokio::sync::Semaphore::new(drill.concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for seq in 0..drill.sends {
        let permit = limit.clone().acquire_owned().await?;
        let (base, openim, tencent, creds) =
            (base.clone(), openim.clone(), tencent.clone(), creds.clone());
        tasks.spawn(async move {
            let outcome = send(seq, &base, &openim, &tencent, &creds, drill.blind).await;
            drop(permit);
            outcome
        });
    }
    let mut believed = Vec::new();
    let mut failed = 0u64;
    let mut failures: HashMap<String, u64> = HashMap::new();
    while let Some(outcome) = tasks.join_next().await {
        let (ok, ko, why) = outcome?;
        believed.extend(ok);
        failed += ko.len() as u64;
        if let Some(why) = why {
            *failures.entry(why).or_default() += 1;
        }
    }

    let s = vendor.state.lock().unwrap();
    let stats = retries.iter().map(VendorRetry::stats);
    let mut report = Report {
        elapsed: start.elapsed(),
        believed: believed.len() as u64,
        failed,
        applied: s.applied.values().filter(|&&n| n > 0).count() as u64,
        lost: believed
            .iter()
            .filter(|i| s.applied.get(*i).copied().unwrap_or(0) == 0)
            .count() as u64,
        duplicated: s.applied.values().filter(|&&n| n > 1).count() as u64,
        unsafe_resends: s.unsafe_resends,
        failures: failures.into_iter().collect(),
        ..Report::default()
    };
    report.failures.sort();
    for st in stats {
        report.requests += st.requests;
        report.retries += st.retries;
        report.refreshes += st.refreshes;
        report.withheld += st.withheld;
    }
    report.faults = Fault::INJECTED
        .iter()
        .map(|f| (f.name(), s.faults.get(f.name()).copied().unwrap_or(0)))
        .collect();
    Ok(report)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let drill = Drill::default();
    println!(
        "fault drill: {} sends (OpenIM send_msg, Tencent sendmsg and batchsendmsg; one in four without a dedupe key), {} in flight, client timeout {:?}",
        drill.sends, drill.concurrency, drill.client_timeout
    );
    let report = tokio::time::timeout(Duration::from_secs(60), run(drill)).await??;
    for line in report.lines() {
        println!("{line}");
    }
    if report.lost > 0 || report.duplicated > 0 || report.unsafe_resends > 0 {
        std::process::exit(1);
    }
    Ok(())
}
