//! Classify what a vendor sent back: an HTTP status and a response body (or a
//! realtime frame) become a [`Classification`]: vendor, surface, raw code,
//! the entry when known, category, retry, action, and the vendor's own
//! message, bounded and stripped of control characters.
//!
//! The body is deserialized with serde, borrowing from the input: typical
//! bodies are classified without allocating. Anything, however broken, gets a
//! verdict: a body that is not JSON (an nginx error page, `404 page not
//! found`, an empty 502) classifies from the HTTP status; a body over
//! [`MAX_BODY`] is not parsed at all.
//!
//! ```
//! use imerr::{classify, Action, Vendor};
//!
//! let body = br#"{"errCode": 1001, "errMsg": "ArgsError", "errDlt": "header must have operationID"}"#;
//! let c = classify(Some(200), body);
//! assert!(c.is_error);
//! assert_eq!(c.vendor, Some(Vendor::OpenIm));
//! assert_eq!(c.symbol(), Some("ArgsError"));
//! assert_eq!(c.action, Action::FixRequest);
//! assert_eq!(
//!     c.logfmt().to_string(),
//!     "vendor=openim surface=server code=1001 status=200 symbol=ArgsError known=true category=invalid_request \
//!      retry=no action=fix_request http_status=400 msg=\"header must have operationID\""
//! );
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::easemob::{self, MatchedBy};
use crate::{Action, Category, Lang, Match, Retry, Surface, Vendor, lookup};

/// Bodies longer than this (1 MiB) are not parsed: they get a verdict from the
/// HTTP status alone.
pub const MAX_BODY: usize = 1 << 20;

/// The vendor's message is cut to at most this many bytes (on a character
/// boundary) wherever it is printed or serialized.
pub const MAX_MESSAGE: usize = 256;

/// A raw code as it arrived.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum RawCode<'a> {
    /// A numeric code (also when the vendor sent it as a string of digits).
    Number(i64),
    /// A textual code: an Easemob REST error type, or a code that is not a
    /// number.
    Text(Cow<'a, str>),
}

impl fmt::Display for RawCode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawCode::Number(n) => write!(f, "{n}"),
            RawCode::Text(t) => f.write_str(t),
        }
    }
}

impl RawCode<'_> {
    /// Copies the code out of the input buffer.
    pub fn into_owned(self) -> RawCode<'static> {
        match self {
            RawCode::Number(n) => RawCode::Number(n),
            RawCode::Text(t) => RawCode::Text(Cow::Owned(t.into_owned())),
        }
    }
}

/// What the verdict rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::Display)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Basis {
    /// A success body: nothing to classify.
    Success,
    /// The code is in the tables.
    Entry,
    /// The code is not in the tables but inside a documented range.
    Range,
    /// Only the HTTP status said something (unknown code, or no code at all).
    HttpStatus,
    /// Nothing did: unknown / investigate.
    Nothing,
}

/// The verdict on one response.
///
/// Borrows the vendor's message and textual codes from the input; call
/// [`to_error`](Self::to_error) for an owned [`ImError`](crate::ImError).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification<'a> {
    /// Whether the response is an error (false for success bodies).
    pub is_error: bool,
    /// The vendor, given or detected from the body's shape (`None` when
    /// nothing matched).
    pub vendor: Option<Vendor>,
    /// The surface the code was looked up on.
    pub surface: Option<Surface>,
    /// The raw code, kept whether or not the tables know it.
    pub code: Option<RawCode<'a>>,
    /// The upstream HTTP status, when given.
    pub status: Option<u16>,
    /// The entry or range the code resolved to.
    pub matched: Match,
    /// For Easemob REST: which step of the matching order found the entry.
    pub matched_by: Option<MatchedBy>,
    /// What the verdict rests on.
    pub basis: Basis,
    /// What went wrong.
    pub category: Category,
    /// Whether and how to retry.
    pub retry: Retry,
    /// What to do next.
    pub action: Action,
    /// A batch reply that succeeded for some items and failed for others (the
    /// code is the first failed item's).
    pub partial: bool,
    /// The vendor's own message, raw; print it through
    /// [`message`](Self::message), which bounds and sanitizes it.
    pub raw_message: Option<Cow<'a, str>>,
}

impl<'a> Classification<'a> {
    fn success(vendor: Option<Vendor>, surface: Option<Surface>, status: Option<u16>) -> Self {
        Classification {
            is_error: false,
            vendor,
            surface,
            code: None,
            status,
            matched: Match::Unknown,
            matched_by: None,
            basis: Basis::Success,
            category: Category::Ok,
            retry: Retry::No,
            action: Action::None,
            partial: false,
            raw_message: None,
        }
    }

    /// A verdict for an error whose code resolved (or not) to `matched`,
    /// falling back to the HTTP status when the tables say nothing.
    fn resolved(
        vendor: Option<Vendor>,
        surface: Option<Surface>,
        code: Option<RawCode<'a>>,
        status: Option<u16>,
        matched: Match,
    ) -> Self {
        let (basis, category, retry, action) = match matched {
            Match::Entry(e) => (Basis::Entry, e.category, e.retry, e.action),
            Match::Range(r) => (Basis::Range, r.category, r.retry, r.action),
            Match::Unknown => match status.and_then(status_fallback) {
                Some((c, r, a)) => (Basis::HttpStatus, c, r, a),
                None => (
                    Basis::Nothing,
                    Category::Unknown,
                    Retry::No,
                    Action::Investigate,
                ),
            },
        };
        // A success entry (code 0) means the response is not an error.
        let is_error = category != Category::Ok;
        Classification {
            is_error,
            vendor,
            surface,
            code,
            status,
            matched,
            matched_by: None,
            basis,
            category,
            retry,
            action,
            partial: false,
            raw_message: None,
        }
    }

    /// Whether the code is in the tables.
    pub fn known(&self) -> bool {
        self.matched.known()
    }

    /// The official symbol of the matched entry or range.
    pub fn symbol(&self) -> Option<&'static str> {
        self.matched.symbol()
    }

    /// The remediation hint; for a code the tables do not know, a generic
    /// hint for the category.
    pub fn hint(&self, lang: Lang) -> &'static str {
        self.matched
            .hint(lang)
            .unwrap_or_else(|| fallback_hint(self.category, lang))
    }

    /// The summary of the matched entry or range.
    pub fn summary(&self, lang: Lang) -> Option<&'static str> {
        self.matched.summary(lang)
    }

    /// The HTTP status a gateway should answer its own clients with.
    pub fn http_status(&self) -> u16 {
        self.category.http_status()
    }

    /// Whether the same request may be sent again (after backoff or fresh
    /// credentials).
    pub fn is_retryable(&self) -> bool {
        self.is_error && self.retry != Retry::No
    }

    /// The minimum wait before a retry, when the vendor states one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.matched.retry_after()
    }

    /// The vendor's message, at most [`MAX_MESSAGE`] bytes, without control
    /// characters: safe to put in a log line.
    pub fn message(&self) -> Option<SafeMessage<'_>> {
        self.raw_message.as_deref().map(SafeMessage)
    }

    /// The verdict as one logfmt line:
    /// `vendor=openim surface=server code=1001 symbol=ArgsError known=true category=invalid_request retry=no action=fix_request http_status=400 msg="..."`.
    pub fn logfmt(&self) -> Logfmt<'_, 'a> {
        Logfmt(self)
    }

    /// An owned error a backend can return with `?`.
    pub fn to_error(&self) -> crate::ImError {
        crate::ImError::from_classification(self)
    }
}

/// A vendor message made safe to print: control characters dropped, cut to
/// [`MAX_MESSAGE`] bytes on a character boundary. Formatting it never
/// allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SafeMessage<'m>(pub &'m str);

impl SafeMessage<'_> {
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        let mut budget = MAX_MESSAGE;
        self.0
            .chars()
            .filter(|c| !c.is_control())
            .take_while(move |c| {
                let ok = c.len_utf8() <= budget;
                budget = budget.saturating_sub(c.len_utf8());
                ok
            })
    }
}

impl fmt::Display for SafeMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        self.chars().try_for_each(|c| f.write_char(c))
    }
}

impl Serialize for SafeMessage<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The logfmt rendering of a [`Classification`]; see
/// [`Classification::logfmt`].
#[derive(Debug, Clone, Copy)]
pub struct Logfmt<'c, 'a>(&'c Classification<'a>);

struct LogfmtValue<'v>(&'v str);

impl fmt::Display for LogfmtValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = !self.0.is_empty()
            && self
                .0
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'=' && b != b'\\');
        if plain {
            return f.write_str(self.0);
        }
        f.write_str("\"")?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                c => fmt::Write::write_char(f, c)?,
            }
        }
        f.write_str("\"")
    }
}

impl fmt::Display for Logfmt<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        write!(f, "vendor={}", c.vendor.map_or("unknown", Vendor::as_str))?;
        if let Some(s) = c.surface {
            write!(f, " surface={s}")?;
        }
        match &c.code {
            Some(RawCode::Number(n)) => write!(f, " code={n}")?,
            Some(RawCode::Text(t)) => write!(
                f,
                " code={}",
                LogfmtValue(&SafeMessage(t).to_string_bounded())
            )?,
            None => {}
        }
        if let Some(s) = c.status {
            write!(f, " status={s}")?;
        }
        if let Some(s) = c.symbol() {
            write!(f, " symbol={}", LogfmtValue(s))?;
        }
        write!(
            f,
            " known={} category={} retry={} action={} http_status={}",
            c.known(),
            c.category,
            c.retry,
            c.action,
            c.http_status()
        )?;
        if let Some(m) = c.message() {
            write!(f, " msg={}", LogfmtValue(&m.to_string_bounded()))?;
        }
        Ok(())
    }
}

impl SafeMessage<'_> {
    /// The sanitized text in a stack buffer (used where the text must be
    /// inspected before it is written, as in logfmt quoting).
    fn to_string_bounded(self) -> BoundedStr {
        let mut out = BoundedStr {
            buf: [0; MAX_MESSAGE],
            len: 0,
        };
        for c in self.chars() {
            let n = c.len_utf8();
            c.encode_utf8(&mut out.buf[out.len..out.len + n]);
            out.len += n;
        }
        out
    }
}

struct BoundedStr {
    buf: [u8; MAX_MESSAGE],
    len: usize,
}

impl std::ops::Deref for BoundedStr {
    type Target = str;
    fn deref(&self) -> &str {
        // Only whole characters were copied in.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

// The flat JSON object of DESIGN.md (`imerr classify`).
impl Serialize for Classification<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("is_error", &self.is_error)?;
        m.serialize_entry("vendor", &self.vendor)?;
        m.serialize_entry("surface", &self.surface)?;
        match &self.code {
            Some(RawCode::Text(t)) => m.serialize_entry("code", &SafeMessage(t))?,
            code => m.serialize_entry("code", code)?,
        }
        m.serialize_entry("symbol", &self.symbol())?;
        m.serialize_entry("known", &self.known())?;
        m.serialize_entry("category", &self.category)?;
        m.serialize_entry("retry", &self.retry)?;
        m.serialize_entry("action", &self.action)?;
        m.serialize_entry("http_status", &self.http_status())?;
        m.serialize_entry("hint", self.hint(Lang::En))?;
        m.serialize_entry("message", &self.message())?;
        m.serialize_entry("status", &self.status)?;
        m.serialize_entry("basis", &self.basis)?;
        if let Some(by) = self.matched_by {
            m.serialize_entry("matched_by", &by)?;
        }
        if self.partial {
            m.serialize_entry("partial", &true)?;
        }
        m.serialize_entry("retry_after", &self.retry_after().map(|d| d.as_secs()))?;
        m.end()
    }
}

/// What an HTTP status alone says, for a code the tables do not know or a
/// body that is not the vendor's JSON. `None` for a success status.
fn status_fallback(status: u16) -> Option<(Category, Retry, Action)> {
    use Action as A;
    use Category as C;
    use Retry as R;
    Some(match status {
        100..=399 => return None,
        401 => (C::Auth, R::AfterReauth, A::RefreshCredentials),
        403 => (C::Permission, R::No, A::Investigate),
        404 | 410 => (C::NotFound, R::No, A::FixRequest),
        408 => (C::Timeout, R::Backoff, A::Retry),
        409 => (C::Conflict, R::No, A::Investigate),
        412 | 428 => (C::Precondition, R::No, A::Investigate),
        413 | 414 | 431 => (C::InvalidRequest, R::No, A::FixRequest),
        429 => (C::RateLimited, R::Backoff, A::SlowDown),
        400..=499 => (C::InvalidRequest, R::No, A::FixRequest),
        501 => (C::FeatureDisabled, R::No, A::ContactVendor),
        502 | 503 => (C::Unavailable, R::Backoff, A::Retry),
        504 => (C::Timeout, R::Backoff, A::Retry),
        _ => (C::Internal, R::Backoff, A::Retry),
    })
}

fn fallback_hint(category: Category, lang: Lang) -> &'static str {
    match (category, lang) {
        (Category::Ok, Lang::En) => "Nothing to do: the vendor reported success.",
        (Category::Ok, Lang::Zh) => "无需处理：厂商返回成功。",
        (Category::RateLimited, Lang::En) => {
            "The upstream is throttling: reduce the request rate and retry with exponential backoff."
        }
        (Category::RateLimited, Lang::Zh) => "上游正在限流：降低请求频率，并按指数退避重试。",
        (Category::Unavailable | Category::Internal | Category::Timeout, Lang::En) => {
            "The upstream failed without a code we know: retry with exponential backoff a bounded number of times, then alert."
        }
        (Category::Unavailable | Category::Internal | Category::Timeout, Lang::Zh) => {
            "上游失败且没有可识别的错误码：按指数退避有限次重试，仍失败则告警。"
        }
        (Category::Auth, Lang::En) => {
            "The upstream rejected the credentials: obtain a fresh token or signature, then retry once."
        }
        (Category::Auth, Lang::Zh) => "上游拒绝了凭证：重新获取令牌或签名后重试一次。",
        (_, Lang::En) => {
            "A code the tables do not know: log the raw code, status and message with the request context, and alert."
        }
        (_, Lang::Zh) => "错误码不在表中：记录原始错误码、HTTP 状态、消息和请求上下文，并告警。",
    }
}

// ---------------------------------------------------------------------------
// Envelope parsing.

/// A code value as vendors really send it: a JSON integer, a string of
/// digits, or something else.
#[derive(Debug)]
enum CodeValue<'a> {
    Int(i64),
    Text(Cow<'a, str>),
    Other,
}

impl<'a> CodeValue<'a> {
    fn into_raw(self) -> Option<RawCode<'a>> {
        match self {
            CodeValue::Int(n) => Some(RawCode::Number(n)),
            CodeValue::Text(t) => Some(RawCode::Text(t)),
            CodeValue::Other => None,
        }
    }

    fn number(&self) -> Option<i64> {
        match self {
            CodeValue::Int(n) => Some(*n),
            _ => None,
        }
    }
}

fn text_code<'a>(s: Cow<'a, str>) -> CodeValue<'a> {
    match s.trim().parse::<i64>() {
        Ok(n) => CodeValue::Int(n),
        Err(_) => CodeValue::Text(s),
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for CodeValue<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = CodeValue<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an error code")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(CodeValue::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(i64::try_from(v).map_or(CodeValue::Other, CodeValue::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                let fits = v.fract() == 0.0 && v >= i64::MIN as f64 && v < i64::MAX as f64;
                Ok(if fits {
                    CodeValue::Int(v as i64)
                } else {
                    CodeValue::Other
                })
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(text_code(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(text_code(Cow::Owned(v.to_owned())))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(CodeValue::Other)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(CodeValue::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(CodeValue::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(CodeValue::Other)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// A string field that tolerates any other JSON type (read as absent).
#[derive(Debug, Default)]
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Text(match CodeValue::deserialize(d)? {
            CodeValue::Text(t) => Some(t),
            // A number where text was expected ("ErrorInfo": 0) is kept as
            // absent rather than formatted, so parsing never allocates.
            _ => None,
        }))
    }
}

impl<'a> Text<'a> {
    fn non_empty(self) -> Option<Cow<'a, str>> {
        self.0.filter(|s| !s.trim().is_empty())
    }
}

/// The first failed item of a Tencent batch reply (`ErrorList`,
/// `ResultItem`), found without collecting the list.
#[derive(Debug, Default)]
struct FirstFailure<'a> {
    code: Option<i64>,
    info: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct BatchItem<'a> {
    #[serde(
        rename = "ErrorCode",
        alias = "ResultCode",
        alias = "errorCode",
        alias = "resultCode",
        borrow
    )]
    code: Option<CodeValue<'a>>,
    #[serde(rename = "ResultInfo", alias = "ErrorInfo", borrow)]
    info: Option<Text<'a>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for FirstFailure<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = FirstFailure<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of batch results")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut first = FirstFailure::default();
                while let Some(item) = a.next_element::<Option<BatchItem<'a>>>()? {
                    let Some(item) = item else { continue };
                    let code = item.code.and_then(|c| c.number()).filter(|&c| c != 0);
                    if first.code.is_none() && code.is_some() {
                        first = FirstFailure {
                            code,
                            info: item.info.and_then(Text::non_empty),
                        };
                    }
                }
                Ok(first)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(FirstFailure::default())
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(FirstFailure::default())
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// The union of the four vendors' error envelopes. Unknown fields are skipped
/// without allocating.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Envelope<'a> {
    // OpenIM
    #[serde(
        rename = "errCode",
        alias = "errcode",
        alias = "ErrCode",
        alias = "err_code",
        borrow
    )]
    err_code: Option<CodeValue<'a>>,
    #[serde(
        rename = "errMsg",
        alias = "errmsg",
        alias = "ErrMsg",
        alias = "err_msg",
        borrow
    )]
    err_msg: Text<'a>,
    #[serde(
        rename = "errDlt",
        alias = "errdlt",
        alias = "ErrDlt",
        alias = "err_dlt",
        borrow
    )]
    err_dlt: Text<'a>,
    // Tencent
    #[serde(rename = "ActionStatus", alias = "actionStatus", borrow)]
    action_status: Text<'a>,
    #[serde(rename = "ErrorCode", alias = "errorCode", borrow)]
    tencent_code: Option<CodeValue<'a>>,
    #[serde(rename = "ErrorInfo", alias = "errorInfo", borrow)]
    error_info: Text<'a>,
    #[serde(rename = "ErrorDisplay", alias = "errorDisplay", borrow)]
    error_display: Text<'a>,
    #[serde(rename = "ErrorList", borrow)]
    error_list: FirstFailure<'a>,
    #[serde(rename = "ResultItem", borrow)]
    result_item: FirstFailure<'a>,
    // Easemob
    #[serde(borrow)]
    error: Text<'a>,
    #[serde(borrow)]
    error_description: Text<'a>,
    #[serde(borrow)]
    exception: Text<'a>,
    #[serde(borrow)]
    error_code: Option<CodeValue<'a>>,
    timestamp: Option<IgnoredAny>,
    duration: Option<IgnoredAny>,
    // LeanCloud
    #[serde(borrow)]
    code: Option<CodeValue<'a>>,
    #[serde(borrow)]
    cmd: Text<'a>,
    #[serde(borrow)]
    op: Text<'a>,
    #[serde(borrow)]
    reason: Text<'a>,
    #[serde(rename = "appMsg", borrow)]
    app_msg: Text<'a>,
}

impl Envelope<'_> {
    fn detect(&self) -> Option<Vendor> {
        if self.err_code.is_some() {
            Some(Vendor::OpenIm)
        } else if self.action_status.0.is_some() || self.tencent_code.is_some() {
            Some(Vendor::Tencent)
        } else if self.cmd.0.is_some() {
            Some(Vendor::LeanCloud)
        } else if self.error_description.0.is_some()
            || self.exception.0.is_some()
            || self.error_code.is_some()
            || (self.error.0.is_some() && (self.timestamp.is_some() || self.duration.is_some()))
        {
            Some(Vendor::Easemob)
        } else if self.code.is_some() {
            Some(Vendor::LeanCloud)
        } else if self.error.0.is_some() {
            Some(Vendor::Easemob)
        } else {
            None
        }
    }
}

/// Classifies a response: the HTTP status when known, and the body. The
/// vendor is detected from the body's shape (`vendor: None` when nothing
/// matches). Never panics, whatever the input.
pub fn classify(status: Option<u16>, body: &[u8]) -> Classification<'_> {
    classify_inner(None, status, body)
}

/// Classifies a response from a vendor the caller knows: the body is read as
/// that vendor's envelope, and a body that is not JSON still gets the vendor.
///
/// ```
/// use imerr::{classify_from, Category, Vendor};
/// let c = classify_from(Vendor::Tencent, Some(502), b"<html><body>502 Bad Gateway</body></html>");
/// assert_eq!(c.vendor, Some(Vendor::Tencent));
/// assert_eq!(c.category, Category::Unavailable);
/// ```
pub fn classify_from(vendor: Vendor, status: Option<u16>, body: &[u8]) -> Classification<'_> {
    classify_inner(Some(vendor), status, body)
}

fn classify_inner(vendor: Option<Vendor>, status: Option<u16>, body: &[u8]) -> Classification<'_> {
    let trimmed = body.trim_ascii();
    let envelope = if trimmed.len() > MAX_BODY {
        None
    } else {
        serde_json::from_slice::<Envelope<'_>>(trimmed).ok()
    };
    let Some(env) = envelope else {
        return opaque(vendor, status, trimmed);
    };
    let Some(v) = vendor.or_else(|| env.detect()) else {
        return opaque(None, status, trimmed);
    };
    match v {
        Vendor::OpenIm => openim(env, status),
        Vendor::Tencent => tencent(env, status),
        Vendor::Easemob => easemob_rest(env, status),
        Vendor::LeanCloud => leancloud(env, status),
    }
}

/// A body that is not a vendor envelope: the HTTP status decides.
fn opaque(vendor: Option<Vendor>, status: Option<u16>, body: &[u8]) -> Classification<'_> {
    let surface = vendor.map(Vendor::default_surface);
    match status {
        Some(s) if (200..300).contains(&s) && body.is_empty() => {
            Classification::success(vendor, surface, status)
        }
        _ => {
            let mut c = Classification::resolved(vendor, surface, None, status, Match::Unknown);
            c.is_error = true;
            if body.len() <= MAX_BODY {
                // Plain-text errors ("404 page not found") are worth logging;
                // HTML pages and binary are not.
                c.raw_message = std::str::from_utf8(body)
                    .ok()
                    .filter(|t| !t.starts_with('<'))
                    .filter(|t| !t.is_empty())
                    .map(Cow::Borrowed);
            }
            c
        }
    }
}

fn lookup_code<'a>(
    vendor: Vendor,
    surface: Surface,
    code: Option<CodeValue<'a>>,
    status: Option<u16>,
) -> Classification<'a> {
    let matched = match &code {
        Some(CodeValue::Int(n)) => lookup(vendor, surface, *n).matched,
        _ => Match::Unknown,
    };
    Classification::resolved(
        Some(vendor),
        Some(surface),
        code.and_then(CodeValue::into_raw),
        status,
        matched,
    )
}

fn openim<'a>(env: Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let code = env.err_code.or(env.code);
    if matches!(code, Some(CodeValue::Int(0)))
        || (code.is_none() && !status.is_some_and(|s| s >= 400))
    {
        return Classification::success(Some(Vendor::OpenIm), Some(Surface::Server), status);
    }
    let mut c = lookup_code(Vendor::OpenIm, Surface::Server, code, status);
    let (msg, dlt) = (env.err_msg.non_empty(), env.err_dlt.non_empty());
    // errDlt carries the detail ("header must have token"); errMsg is often
    // just the constant's name, or repeats errDlt.
    c.raw_message = dlt.or(msg);
    c
}

fn tencent<'a>(env: Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let code = env.tencent_code;
    let failed_item = env
        .error_list
        .code
        .map(|c| (c, env.error_list.info))
        .or(env.result_item.code.map(|c| (c, env.result_item.info)));
    let top_ok = match &code {
        Some(c) => c.number() == Some(0),
        None => env
            .action_status
            .0
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("ok")),
    };
    if top_ok {
        let Some((item_code, item_info)) = failed_item else {
            return Classification::success(Some(Vendor::Tencent), Some(Surface::Server), status);
        };
        let mut c = lookup_code(
            Vendor::Tencent,
            Surface::Server,
            Some(CodeValue::Int(item_code)),
            status,
        );
        c.partial = true;
        c.raw_message = item_info.or(env.error_info.non_empty());
        return c;
    }
    let mut c = lookup_code(Vendor::Tencent, Surface::Server, code, status);
    c.raw_message = env.error_info.non_empty().or(env.error_display.non_empty());
    c
}

fn easemob_rest<'a>(env: Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let error = env.error.non_empty().filter(|e| e != "-");
    let exception = env.exception.non_empty();
    let description = env.error_description.non_empty();
    let error_code = env.error_code.and_then(|c| c.number());
    if error.is_none()
        && exception.is_none()
        && description.is_none()
        && error_code.is_none()
        && !status.is_some_and(|s| s >= 400)
    {
        return Classification::success(Some(Vendor::Easemob), Some(Surface::Rest), status);
    }
    // Some documented error types are exception class names: look at the
    // exception too, by its simple name.
    let exception_name = exception
        .as_deref()
        .map(|e| e.rsplit('.').next().unwrap_or(e));
    let found = error_code
        .and_then(easemob::match_error_code)
        .or_else(|| easemob::match_rest(status, error.as_deref(), description.as_deref()))
        .or_else(|| easemob::match_rest(status, exception_name, description.as_deref()));
    let matched = found.map_or(Match::Unknown, |m| Match::Entry(m.entry));
    let code = match error_code {
        Some(n) => Some(RawCode::Number(n)),
        None => error.map(RawCode::Text),
    };
    let mut c = Classification::resolved(
        Some(Vendor::Easemob),
        Some(Surface::Rest),
        code,
        status,
        matched,
    );
    c.is_error = true;
    c.matched_by = found.map(|m| m.by);
    c.raw_message = description;
    c
}

fn leancloud<'a>(env: Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let vendor = Some(Vendor::LeanCloud);
    if let Some(cmd) = env.cmd.0.as_deref() {
        // Realtime frames: `error`, an `ack` carrying a code, `session closed`
        // with a code. Anything else (a plain ack, `goaway`) is not an error.
        let code = env.code.filter(|_| {
            matches!(cmd, "error" | "ack" | "session")
                && (cmd != "session" || env.op.0.as_deref() == Some("closed"))
        });
        let Some(code) = code else {
            return Classification::success(vendor, Some(Surface::Realtime), status);
        };
        let mut c = lookup_code(Vendor::LeanCloud, Surface::Realtime, Some(code), status);
        c.is_error = true;
        c.raw_message = env.app_msg.non_empty().or(env.reason.non_empty());
        return c;
    }
    if env.code.is_none() && !status.is_some_and(|s| s >= 400) {
        return Classification::success(vendor, Some(Surface::Rest), status);
    }
    let mut c = lookup_code(Vendor::LeanCloud, Surface::Rest, env.code, status);
    c.is_error = true;
    c.raw_message = env.error.non_empty();
    c
}
