//! The vendors' dedupe keys: where a vendor's send API carries the key by
//! which the vendor recognizes a resent request (same key within its window:
//! the stored result, not a second message).
//!
//! A request that failed with effect [`unknown`](crate::Effect::Unknown)
//! (a timeout, a 5xx, a proxy page, a dropped connection) may have taken
//! effect. Resending it is safe only when the vendor will recognize the
//! resend: the request is idempotent by its method, or it carries the key
//! this table names. `retry::VendorRetry` (feature `reqwest-middleware`)
//! asks [`carries_key`] before every such resend.
//!
//! ```
//! use imerr::{dedupe, Vendor};
//!
//! let body = br#"{"From_Account":"a","To_Account":"b","MsgSeq":93847,"MsgRandom":1287657,"MsgBody":[]}"#;
//! let no_headers: [(&str, &str); 0] = [];
//! let path = "/v4/openim/sendmsg";
//! assert!(dedupe::carries_key(Some(Vendor::Tencent), path, None, &no_headers[..], Some(body)));
//! // Without MsgSeq the backend picks a new one per attempt: no key, and a
//! // resend after a timeout could show the message twice.
//! let bare = br#"{"From_Account":"a","To_Account":"b","MsgRandom":1287657,"MsgBody":[]}"#;
//! assert!(!dedupe::carries_key(Some(Vendor::Tencent), path, None, &no_headers[..], Some(bare)));
//! // OpenIM's send_msg has no key at all.
//! assert!(dedupe::keys_for(Some(Vendor::OpenIm), "/msg/send_msg").next().is_none());
//! ```
//!
//! ## Adding a vendor's key
//!
//! One line in [`DEDUPE_KEYS`] per (vendor, API): the vendor, the tail of
//! the API's path (`*` stands for one segment), and where the key is:
//!
//! ```text
//! DedupeKey::new(Vendor::Matrix, "/rooms/*/send/*/*", &[KeyAt::LastSegment]),
//! ```
//!
//! A request carries the key when its path ends with the entry's path and
//! every part of the key is there and not empty (not `null`, not `""`).

use crate::{Headers, Vendor};

/// Where a dedupe key is in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyAt {
    /// In the JSON body, at this JSON Pointer (RFC 6901): `"/clientMsgID"`
    /// for a top-level field, `"/msg/id"` for a nested one.
    Json(&'static str),
    /// In a form-encoded body (`application/x-www-form-urlencoded`), this
    /// field.
    Form(&'static str),
    /// In the query string, this parameter.
    Query(&'static str),
    /// In this request header.
    Header(&'static str),
    /// The path's last segment is the key (Matrix's transaction id in
    /// `PUT /rooms/{roomId}/send/{eventType}/{txnId}`).
    LastSegment,
}

/// One vendor API's dedupe key: a line of [`DEDUPE_KEYS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DedupeKey {
    /// The vendor.
    pub vendor: Vendor,
    /// The tail of the API's path, matched segment by segment against the
    /// end of the request's path; `*` matches any one segment.
    pub path: &'static str,
    /// Where the key is: every part must be there (Tencent's one-to-one key
    /// is `MsgSeq` and `MsgRandom` together).
    pub at: &'static [KeyAt],
}

impl DedupeKey {
    /// A line of the table.
    pub const fn new(vendor: Vendor, path: &'static str, at: &'static [KeyAt]) -> Self {
        DedupeKey { vendor, path, at }
    }

    /// Whether a request to `path` is a call of this API.
    pub fn matches_path(&self, path: &str) -> bool {
        // The pattern's segments match the path's last ones, from the end.
        let mut have = segments(path);
        let mut any = false;
        for want in segments(self.path) {
            match have.next() {
                Some(h) if want == "*" || want == h => any = true,
                _ => return false,
            }
        }
        any
    }

    /// Whether the request carries the key (every part present and not
    /// empty).
    pub fn is_in<H: Headers + ?Sized>(
        &self,
        path: &str,
        query: Option<&str>,
        headers: &H,
        body: Option<&[u8]>,
    ) -> bool {
        // The body is parsed once for all the key's JSON parts.
        let mut json: Option<Option<serde_json::Value>> = None;
        !self.at.is_empty()
            && self.at.iter().all(|at| match *at {
                KeyAt::Json(pointer) => json
                    .get_or_insert_with(|| body.and_then(|b| serde_json::from_slice(b).ok()))
                    .as_ref()
                    .is_some_and(|v| present(v.pointer(pointer))),
                _ => at.is_in(path, query, headers, body),
            })
    }
}

impl KeyAt {
    /// Whether the request has this part of a key, not empty.
    pub fn is_in<H: Headers + ?Sized>(
        &self,
        path: &str,
        query: Option<&str>,
        headers: &H,
        body: Option<&[u8]>,
    ) -> bool {
        match *self {
            KeyAt::Json(pointer) => body.is_some_and(|b| json_has(b, pointer)),
            KeyAt::Form(field) => body
                .and_then(|b| std::str::from_utf8(b).ok())
                .is_some_and(|b| form_has(b, field)),
            KeyAt::Query(param) => query.is_some_and(|q| form_has(q, param)),
            KeyAt::Header(name) => headers.header(name).is_some_and(|v| !v.trim().is_empty()),
            KeyAt::LastSegment => segments(path).next().is_some(),
        }
    }
}

/// NetEase V1's trace id header.
const V1_TRACE: &[KeyAt] = &[KeyAt::Header("RequestId")];

/// Where each vendor's send APIs carry their dedupe key: one line per
/// (vendor, API), with the source in a comment (`docs/resend.md` has the
/// whole story: windows, scopes, and what a duplicate answers). A vendor
/// without a line has no key the sources document (OpenIM, Easemob,
/// LeanCloud REST, RongCloud), so only its idempotent requests are resent
/// after an `unknown` effect.
pub const DEDUPE_KEYS: &[DedupeKey] = &[
    // Tencent Cloud IM one-to-one: sender, MsgSeq, MsgRandom and the body's
    // checksum, for 120 s (product doc 269/2282). MsgSeq is optional and the
    // backend picks a new one per attempt when it is absent, so both fields
    // must be sent.
    DedupeKey::new(
        Vendor::Tencent,
        "/openim/sendmsg",
        &[KeyAt::Json("/MsgSeq"), KeyAt::Json("/MsgRandom")],
    ),
    // Same fields, same wording in the batchsendmsg field table.
    DedupeKey::new(
        Vendor::Tencent,
        "/openim/batchsendmsg",
        &[KeyAt::Json("/MsgSeq"), KeyAt::Json("/MsgRandom")],
    ),
    // Group messages: the same Random within 5 minutes is discarded as a
    // duplicate (send_group_msg field table).
    DedupeKey::new(
        Vendor::Tencent,
        "/group_open_http_svc/send_group_msg",
        &[KeyAt::Json("/Random")],
    ),
    // NetEase Yunxin: "the server de-duplicates requests by traceId", sent as
    // RequestId on V1 and X-custom-traceid on V2 (yunxin-server-sdk-java
    // docs/others.md and YunxinHttpClient.addHeaders); its send APIs.
    DedupeKey::new(Vendor::NetEase, "/nimserver/msg/sendMsg.action", V1_TRACE),
    DedupeKey::new(
        Vendor::NetEase,
        "/nimserver/msg/sendBatchMsg.action",
        V1_TRACE,
    ),
    DedupeKey::new(
        Vendor::NetEase,
        "/nimserver/superteam/sendMsg.action",
        V1_TRACE,
    ),
    DedupeKey::new(
        Vendor::NetEase,
        "/nimserver/chatroom/sendMsg.action",
        V1_TRACE,
    ),
    DedupeKey::new(
        Vendor::NetEase,
        "/im/v2/conversations/*/messages",
        &[KeyAt::Header("X-custom-traceid")],
    ),
    // Matrix: PUT .../rooms/{roomId}/send/{eventType}/{txnId} answers a
    // repeated txnId with the first event_id; idempotent by its method too.
    DedupeKey::new(Vendor::Matrix, "/rooms/*/send/*/*", &[KeyAt::LastSegment]),
];

/// The lines of [`DEDUPE_KEYS`] for a request to `path`: the vendor's, or
/// every vendor's when it is not known.
pub fn keys_for(vendor: Option<Vendor>, path: &str) -> impl Iterator<Item = &'static DedupeKey> {
    DEDUPE_KEYS
        .iter()
        .filter(move |k| vendor.is_none_or(|v| v == k.vendor) && k.matches_path(path))
}

/// Whether a request to `path` carries the vendor's dedupe key, so that the
/// vendor will recognize a resend (for a vendor that is not known, any
/// vendor's key for that path counts).
pub fn carries_key<H: Headers + ?Sized>(
    vendor: Option<Vendor>,
    path: &str,
    query: Option<&str>,
    headers: &H,
    body: Option<&[u8]>,
) -> bool {
    keys_for(vendor, path).any(|k| k.is_in(path, query, headers, body))
}

/// A path's segments, last first.
fn segments(path: &str) -> impl Iterator<Item = &str> {
    path.rsplit('/').filter(|s| !s.is_empty())
}

fn json_has(body: &[u8], pointer: &str) -> bool {
    serde_json::from_slice::<serde_json::Value>(body).is_ok_and(|v| present(v.pointer(pointer)))
}

/// Whether a JSON key part is there and not empty.
fn present(value: Option<&serde_json::Value>) -> bool {
    match value {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

fn form_has(pairs: &str, field: &str) -> bool {
    pairs.split('&').any(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        name == field && !value.is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: [(&str, &str); 0] = [];

    #[test]
    fn paths_match_by_tail_and_wildcards() {
        let tencent = DEDUPE_KEYS[0];
        assert!(tencent.matches_path("/openim/sendmsg"));
        assert!(tencent.matches_path("/v4/openim/sendmsg/"));
        assert!(!tencent.matches_path("/openim/sendmsg/extra"));
        assert!(!tencent.matches_path("/sendmsg"));
        let matrix = DedupeKey::new(Vendor::Matrix, "/rooms/*/send/*/*", &[KeyAt::LastSegment]);
        assert!(matrix.matches_path("/_matrix/client/v3/rooms/!r:x.org/send/m.room.message/t1"));
        assert!(!matrix.matches_path("/_matrix/client/v3/rooms/!r:x.org/send/m.room.message"));
    }

    #[test]
    fn keys_are_found_where_the_table_says() {
        let has =
            |vendor: Option<Vendor>, path: &str, headers: &[(&str, &str)], body: Option<&[u8]>| {
                carries_key(vendor, path, None, headers, body)
            };
        let body =
            br#"{"From_Account":"a","To_Account":"b","MsgSeq":7,"MsgRandom":1287657,"MsgBody":[]}"#;
        let path = "/v4/openim/sendmsg";
        let tencent = Some(Vendor::Tencent);
        assert!(carries_key(
            tencent,
            path,
            Some("sdkappid=1"),
            &NONE[..],
            Some(body)
        ));
        assert!(has(None, path, &NONE, Some(body)));
        assert!(!has(Some(Vendor::OpenIm), path, &NONE, Some(body)));
        assert!(!has(
            tencent,
            path,
            &NONE,
            Some(br#"{"MsgSeq":7,"MsgRandom":null}"#)
        ));
        // One part of a two-part key is no key.
        assert!(!has(
            tencent,
            path,
            &NONE,
            Some(br#"{"MsgRandom":1287657}"#)
        ));
        // NetEase: the trace id header, V1 and V2.
        let netease = Some(Vendor::NetEase);
        let v1 = "/nimserver/msg/sendMsg.action";
        assert!(has(netease, v1, &[("RequestId", "t-1")], None));
        assert!(!has(netease, v1, &NONE, None));
        let v2 = "/im/v2/conversations/1|1|2/messages";
        assert!(has(netease, v2, &[("x-custom-traceid", "t-1")], None));
        assert!(!has(tencent, path, &NONE, Some(b"not json")));
        assert!(!has(tencent, path, &NONE, None));
        let matrix = "/_matrix/client/v3/rooms/!r:x.org/send/m.room.message/txn-1";
        assert!(has(Some(Vendor::Matrix), matrix, &NONE, None));
    }

    #[test]
    fn form_query_and_header_keys() {
        let form = DedupeKey::new(
            Vendor::NetEase,
            "/chatroom/sendMsg.action",
            &[KeyAt::Form("msgId")],
        );
        assert!(form.is_in("/", None, &NONE[..], Some(b"from=a&msgId=42&to=b")));
        assert!(!form.is_in("/", None, &NONE[..], Some(b"from=a&msgId=&to=b")));
        let query = DedupeKey::new(Vendor::Tencent, "/x", &[KeyAt::Query("random")]);
        assert!(query.is_in("/", Some("sdkappid=1&random=99"), &NONE[..], None));
        assert!(!query.is_in("/", Some("sdkappid=1"), &NONE[..], None));
        let header = DedupeKey::new(Vendor::Easemob, "/x", &[KeyAt::Header("Idempotency-Key")]);
        assert!(header.is_in("/", None, &[("idempotency-key", "k1")][..], None));
        assert!(!header.is_in("/", None, &NONE[..], None));
    }
}
