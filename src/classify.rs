//! Classify what a vendor sent back: an HTTP status and a response body (or a
//! realtime frame) become a [`Classification`]: vendor, surface, raw code,
//! the entry when known, category, retry, action, and the vendor's own
//! message, bounded and stripped of control characters.
//!
//! The body is deserialized with serde, borrowing from the input: typical
//! bodies are classified without allocating. Anything, however broken, gets a
//! verdict: a body that is not JSON (an nginx error page, `404 page not
//! found`, an empty 502) classifies from the HTTP status; a body over
//! [`MAX_BODY`] is not parsed at all. A JSON object or list with none of the
//! vendors' error fields (Easemob's and LeanCloud's success bodies) is a
//! success unless the HTTP status says the request failed. Batch replies that
//! fail item by item (Tencent `ErrorList` / `ResultItem`, a LeanCloud batch
//! list) are errors with [`partial`](Classification::partial) set.
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
use crate::normalize;
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
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::EnumIter,
)]
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

    /// Copies the borrowed parts (textual code, message) out of the input.
    pub fn into_owned(self) -> Classification<'static> {
        Classification {
            is_error: self.is_error,
            vendor: self.vendor,
            surface: self.surface,
            code: self.code.map(RawCode::into_owned),
            status: self.status,
            matched: self.matched,
            matched_by: self.matched_by,
            basis: self.basis,
            category: self.category,
            retry: self.retry,
            action: self.action,
            partial: self.partial,
            raw_message: self.raw_message.map(|m| Cow::Owned(m.into_owned())),
        }
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

/// A vendor message made safe to print: control characters, line and
/// paragraph separators and bidirectional overrides dropped (they break or
/// spoof log lines), cut to [`MAX_MESSAGE`] bytes on a character boundary.
/// Formatting it never allocates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SafeMessage<'m>(pub &'m str);

impl SafeMessage<'_> {
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        let mut budget = MAX_MESSAGE;
        self.0
            .chars()
            .filter(|&c| !unsafe_in_logs(c))
            .take_while(move |c| {
                let ok = c.len_utf8() <= budget;
                budget = budget.saturating_sub(c.len_utf8());
                ok
            })
    }
}

/// Characters that can break a log line or make it display something other
/// than what it holds.
fn unsafe_in_logs(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

impl fmt::Display for SafeMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        self.chars().try_for_each(|c| f.write_char(c))
    }
}

impl Serialize for SafeMessage<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_plain() {
            return s.serialize_str(self.0);
        }
        // One string from a stack copy: serde_json escapes a whole `&str` in
        // runs, where `collect_str` would go character by character.
        s.serialize_str(&self.to_string_bounded())
    }
}

impl SafeMessage<'_> {
    /// Printable ASCII within the bound: nothing to strip or cut (the usual
    /// vendor message).
    fn is_plain(&self) -> bool {
        self.0.len() <= MAX_MESSAGE && !has_byte(self.0, |b| !(0x20..0x7f).contains(&b))
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
        if self.is_plain() {
            out.buf[..self.0.len()].copy_from_slice(self.0.as_bytes());
            out.len = self.0.len();
            return out;
        }
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

/// Calls `$emit!(key, value)` for each field of DESIGN.md's flat verdict
/// object, in order: the one list behind both [`Serialize`] and
/// [`Classification::write_json`].
macro_rules! verdict_fields {
    ($c:expr, $emit:ident) => {{
        let c = $c;
        $emit!("is_error", c.is_error);
        $emit!("vendor", c.vendor);
        $emit!("surface", c.surface);
        match &c.code {
            Some(RawCode::Text(t)) => $emit!("code", Some(SafeMessage(t))),
            Some(RawCode::Number(n)) => $emit!("code", Some(*n)),
            None => $emit!("code", None::<i64>),
        }
        $emit!("symbol", c.symbol());
        $emit!("known", c.known());
        $emit!("category", c.category);
        $emit!("retry", c.retry);
        $emit!("action", c.action);
        $emit!("http_status", c.http_status());
        $emit!("hint", c.hint(Lang::En));
        $emit!("message", c.message());
        $emit!("status", c.status);
        $emit!("basis", c.basis);
        if let Some(by) = c.matched_by {
            $emit!("matched_by", by);
        }
        if c.partial {
            $emit!("partial", true);
        }
        $emit!("retry_after", c.retry_after().map(|d| d.as_secs()));
    }};
}

// The flat JSON object of DESIGN.md (`imerr classify`).
impl Serialize for Classification<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        macro_rules! emit {
            ($key:literal, $value:expr) => {
                m.serialize_entry($key, &$value)?
            };
        }
        verdict_fields!(self, emit);
        m.end()
    }
}

impl Classification<'_> {
    /// Appends the verdict as one JSON object (DESIGN.md's shape, no
    /// newline): byte for byte what `serde_json::to_writer` writes for it,
    /// several times faster, because the keys, enum names and hints are
    /// copied as they are instead of being escaped byte by byte. For a
    /// gateway or a log pipeline that writes a verdict per response; never
    /// allocates beyond growing `out`.
    ///
    /// ```
    /// let c = imerr::classify(Some(200), br#"{"errCode":1501,"errMsg":"TokenExpiredError"}"#);
    /// let mut line = Vec::new();
    /// c.write_json(&mut line);
    /// assert_eq!(line, serde_json::to_vec(&c).unwrap());
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        macro_rules! emit {
            ($key:literal, $value:expr) => {{
                out.extend_from_slice(concat!(",\"", $key, "\":").as_bytes());
                JsonValue::write_to(&$value, out);
            }};
        }
        verdict_fields!(self, emit);
        // The first field's comma opens the object.
        out[start] = b'{';
        out.push(b'}');
    }
}

/// A verdict field written as JSON the way serde_json writes it.
trait JsonValue {
    fn write_to(&self, out: &mut Vec<u8>);
}

impl<T: JsonValue> JsonValue for Option<T> {
    fn write_to(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.write_to(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl JsonValue for bool {
    fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl JsonValue for u64 {
    fn write_to(&self, out: &mut Vec<u8>) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = *self;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out.extend_from_slice(&digits[i..]);
    }
}

impl JsonValue for u16 {
    fn write_to(&self, out: &mut Vec<u8>) {
        u64::from(*self).write_to(out);
    }
}

impl JsonValue for i64 {
    fn write_to(&self, out: &mut Vec<u8>) {
        if *self < 0 {
            out.push(b'-');
        }
        self.unsigned_abs().write_to(out);
    }
}

impl JsonValue for &str {
    fn write_to(&self, out: &mut Vec<u8>) {
        if has_byte(self, json_escaped) {
            serde_fallback(out, self);
        } else {
            write_quoted(out, self);
        }
    }
}

/// Enums serialize as their `snake_case` name, which needs no escaping.
macro_rules! json_name {
    ($($ty:ty),*) => {$(
        impl JsonValue for $ty {
            fn write_to(&self, out: &mut Vec<u8>) {
                write_quoted(out, self.into());
            }
        }
    )*};
}

json_name!(Vendor, Surface, Category, Retry, Action, Basis, MatchedBy);

impl JsonValue for SafeMessage<'_> {
    fn write_to(&self, out: &mut Vec<u8>) {
        // Nothing to strip, cut or escape.
        if self.is_plain() && !has_byte(self.0, json_escaped) {
            write_quoted(out, self.0);
        } else {
            serde_fallback(out, self);
        }
    }
}

/// Whether any byte of `s` is `odd`. A fold rather than `any`: no early
/// exit, so it vectorizes.
fn has_byte(s: &str, odd: impl Fn(u8) -> bool) -> bool {
    s.bytes().fold(false, |found, b| found | odd(b))
}

/// Writes `s` as a JSON string that needs no escaping.
fn write_quoted(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// Whether serde_json escapes this byte in a string.
fn json_escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// serde_json's own rendering, for text that needs escaping.
fn serde_fallback<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(out, value);
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

    /// Whether a batch item with this code failed: any code but 0, unless
    /// the value is no code at all (`null`, `true`, a map).
    fn is_failing(&self) -> bool {
        !matches!(self, CodeValue::Int(0) | CodeValue::Other)
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

/// Visitor methods that read a JSON value of a type the visitor does not care
/// about as `$value`; lists and maps are skipped without allocating.
macro_rules! tolerate {
    ($de:lifetime, $value:expr; scalars) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
    ($de:lifetime, $value:expr; seq) => {
        fn visit_seq<A: SeqAccess<$de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_element::<IgnoredAny>()?.is_some() {}
            Ok($value)
        }
    };
    ($de:lifetime, $value:expr; map) => {
        fn visit_map<A: MapAccess<$de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($value)
        }
    };
}

/// A string field that tolerates any other JSON type (read as absent). A
/// string of digits stays text (`"errMsg": "404"` is a message).
#[derive(Debug, Default)]
struct Text<'a>(Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                // Only a string with escapes gets here.
                Ok(Text(Some(Cow::Owned(v.to_owned()))))
            }
            // A number where text was expected ("ErrorInfo": 0) is kept as
            // absent rather than formatted, so parsing never allocates.
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            tolerate!('de, Text(None); seq);
            tolerate!('de, Text(None); map);
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl<'a> Text<'a> {
    fn non_empty(self) -> Option<Cow<'a, str>> {
        self.0.filter(|s| !s.trim_ascii().is_empty())
    }

    /// Takes the text out of an envelope field, when there is some.
    fn take_non_empty(&mut self) -> Option<Cow<'a, str>> {
        std::mem::take(self).non_empty()
    }
}

/// What a key of a batch item means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemField {
    Code,
    Info,
    Error,
    Other,
}

/// Reads a map key as an [`ItemField`] without allocating, whatever its
/// escapes; the function says which names mean what.
#[derive(Clone, Copy)]
struct ItemKey(fn(&str) -> ItemField);

impl<'de> serde::de::DeserializeSeed<'de> for ItemKey {
    type Value = ItemField;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ItemField, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for ItemKey {
    type Value = ItemField;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, k: &str) -> Result<ItemField, E> {
        Ok((self.0)(k))
    }
}

/// The keys of a Tencent batch item (`ErrorList[]`, `ResultItem[]`).
fn tencent_item_field(k: &str) -> ItemField {
    match k {
        "ErrorCode" | "ResultCode" | "errorCode" | "resultCode" => ItemField::Code,
        "ErrorInfo" | "ResultInfo" | "errorInfo" | "resultInfo" => ItemField::Info,
        _ => ItemField::Other,
    }
}

/// The keys of a LeanCloud batch item: `{"error": {...}}` or
/// `{"success": {...}}`.
fn leancloud_item_field(k: &str) -> ItemField {
    match k {
        "error" => ItemField::Error,
        _ => ItemField::Other,
    }
}

/// The keys of a LeanCloud batch item's error: `{"code": 1, "error": "..."}`.
fn leancloud_error_field(k: &str) -> ItemField {
    match k {
        "code" => ItemField::Code,
        "error" => ItemField::Info,
        _ => ItemField::Other,
    }
}

/// A failed item of a batch reply: its code and its message.
#[derive(Debug)]
struct Failure<'a> {
    code: Option<CodeValue<'a>>,
    info: Option<Cow<'a, str>>,
}

/// The ways a batch item says it failed. As a seed, it reads one item as
/// a [`Failure`] when it failed; items of any shape are tolerated (a string,
/// a number, a map with repeated keys) and read as not failed.
#[derive(Clone, Copy)]
enum ItemKind {
    /// Tencent: a non-zero `ErrorCode` / `ResultCode`.
    Tencent,
    /// LeanCloud: an `error` key holding `{code, error}`.
    LeanCloud,
    /// The map under a LeanCloud item's `error` key: always a failure.
    LeanCloudError,
}

impl<'de> serde::de::DeserializeSeed<'de> for ItemKind {
    type Value = Option<Failure<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V(ItemKind);
        impl<'de> Visitor<'de> for V {
            type Value = Option<Failure<'de>>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a batch item")
            }
            tolerate!('de, None; scalars);
            tolerate!('de, None; seq);
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let key = ItemKey(match self.0 {
                    ItemKind::Tencent => tencent_item_field,
                    ItemKind::LeanCloud => leancloud_item_field,
                    ItemKind::LeanCloudError => leancloud_error_field,
                });
                let mut code: Option<CodeValue<'de>> = None;
                let mut info: Option<Cow<'de, str>> = None;
                let mut nested: Option<Failure<'de>> = None;
                while let Some(field) = a.next_key_seed(key)? {
                    match field {
                        // Repeated keys are tolerated: the first non-zero
                        // code and the first non-empty text win.
                        ItemField::Code => {
                            let c = a.next_value::<CodeValue<'de>>()?;
                            if !code.as_ref().is_some_and(CodeValue::is_failing) {
                                code = Some(c);
                            }
                        }
                        ItemField::Info => {
                            let t = a.next_value::<Text<'de>>()?.non_empty();
                            if info.is_none() {
                                info = t;
                            }
                        }
                        ItemField::Error => {
                            let inner = a.next_value_seed(ItemKind::LeanCloudError)?;
                            if nested.is_none() {
                                nested = inner;
                            }
                        }
                        ItemField::Other => {
                            a.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(match self.0 {
                    ItemKind::Tencent => code.filter(CodeValue::is_failing).map(|c| Failure {
                        code: Some(c),
                        info,
                    }),
                    ItemKind::LeanCloud => nested,
                    ItemKind::LeanCloudError => Some(Failure { code, info }),
                })
            }
        }
        d.deserialize_any(V(self))
    }
}

/// The first failed item of a batch list (Tencent `ErrorList` /
/// `ResultItem`, a LeanCloud batch reply), found without collecting the list.
/// Anything that is not a list is read as no failure.
#[derive(Debug, Default)]
struct FirstFailure<'a, const LEANCLOUD: bool = false>(Option<Failure<'a>>);

impl<'de: 'a, 'a, const LEANCLOUD: bool> Deserialize<'de> for FirstFailure<'a, LEANCLOUD> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a, const LEANCLOUD: bool>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a, const LEANCLOUD: bool> Visitor<'de> for V<'a, LEANCLOUD> {
            type Value = FirstFailure<'a, LEANCLOUD>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of batch results")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let kind = if LEANCLOUD {
                    ItemKind::LeanCloud
                } else {
                    ItemKind::Tencent
                };
                let mut first = None;
                while let Some(failure) = a.next_element_seed(kind)? {
                    if first.is_none() {
                        first = failure;
                    }
                }
                Ok(FirstFailure(first))
            }
            tolerate!('de, FirstFailure(None); scalars);
            tolerate!('de, FirstFailure(None); map);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Declares the envelope and its deserializer: each field with the JSON keys
/// (spellings and casings vendors really send) that fill it. The first
/// occurrence of a field wins and later ones are skipped, so a repeated key
/// or two aliases of one field do not cost the verdict; unknown keys are
/// skipped without allocating.
///
/// The envelope is some 600 bytes: it is filled in place through a
/// [`DeserializeSeed`](serde::de::DeserializeSeed) on `&mut Envelope` and
/// handed to the vendor functions by reference, never moved (moving it
/// through serde's `Result`s cost more than reading the keys).
macro_rules! envelope {
    ($($(#[$doc:meta])* $field:ident: $ty:ty = $($key:literal)|+;)*) => {
        /// The union of the four vendors' error envelopes.
        #[derive(Default)]
        struct Envelope<'a> {
            $($(#[$doc])* $field: $ty,)*
        }

        /// Which envelope field a key fills.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        enum Field {
            $($field,)*
            Other,
        }

        /// Reads a key as a [`Field`], without allocating whatever its
        /// escapes.
        struct FieldKey;

        impl<'de> serde::de::DeserializeSeed<'de> for FieldKey {
            type Value = Field;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
                d.deserialize_identifier(self)
            }
        }

        impl Visitor<'_> for FieldKey {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, k: &str) -> Result<Field, E> {
                Ok(match k {
                    $($($key)|+ => Field::$field,)*
                    _ => Field::Other,
                })
            }
        }

        impl<'de: 'a, 'a> serde::de::DeserializeSeed<'de> for &mut Envelope<'a> {
            type Value = ();
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_map(self)
            }
        }

        impl<'de: 'a, 'a> Visitor<'de> for &mut Envelope<'a> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an error envelope")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                #[derive(Default)]
                struct Seen {
                    $($field: bool,)*
                }
                let mut seen = Seen::default();
                while let Some(field) = map.next_key_seed(FieldKey)? {
                    match field {
                        $(Field::$field if !seen.$field => {
                            seen.$field = true;
                            self.$field = map.next_value()?;
                        })*
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(())
            }
        }
    };
}

envelope! {
    // OpenIM
    err_code: Option<CodeValue<'a>> = "errCode" | "errcode" | "ErrCode" | "err_code";
    err_msg: Text<'a> = "errMsg" | "errmsg" | "ErrMsg" | "err_msg";
    err_dlt: Text<'a> = "errDlt" | "errdlt" | "ErrDlt" | "err_dlt";
    // Tencent
    action_status: Text<'a> = "ActionStatus" | "actionStatus";
    tencent_code: Option<CodeValue<'a>> = "ErrorCode" | "errorCode";
    error_info: Text<'a> = "ErrorInfo" | "errorInfo";
    error_display: Text<'a> = "ErrorDisplay" | "errorDisplay";
    /// The web SDK's error object, `{"code": 60012, "message": "..."}`.
    message: Text<'a> = "message";
    error_list: FirstFailure<'a> = "ErrorList";
    result_item: FirstFailure<'a> = "ResultItem";
    // Easemob
    error: Text<'a> = "error";
    error_description: Text<'a> = "error_description";
    exception: Text<'a> = "exception";
    error_code: Option<CodeValue<'a>> = "error_code";
    timestamp: Option<IgnoredAny> = "timestamp";
    duration: Option<IgnoredAny> = "duration";
    // LeanCloud
    code: Option<CodeValue<'a>> = "code";
    cmd: Text<'a> = "cmd";
    op: Text<'a> = "op";
    reason: Text<'a> = "reason";
    detail: Text<'a> = "detail";
    app_msg: Text<'a> = "appMsg";
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
    // A UTF-8 byte order mark (some proxies add one) is not part of the JSON.
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let trimmed = body.trim_ascii();
    if trimmed.len() > MAX_BODY {
        return opaque(vendor, status, trimmed);
    }
    match trimmed.first() {
        // Only an object is an envelope (serde would read a list into the
        // envelope's fields by position).
        Some(b'{') => {
            let mut env = Envelope::default();
            match parse_envelope(trimmed, &mut env) {
                Ok(()) => match vendor.or_else(|| env.detect()) {
                    Some(Vendor::OpenIm) => openim(&mut env, status),
                    Some(Vendor::Tencent) => tencent(&mut env, status),
                    Some(Vendor::Easemob) => easemob_rest(&mut env, status),
                    Some(Vendor::LeanCloud) => leancloud(&mut env, status),
                    // Their readers come with their tables.
                    Some(v @ (Vendor::RongCloud | Vendor::NetEase | Vendor::Matrix)) => {
                        opaque(Some(v), status, trimmed)
                    }
                    None => no_error_fields(None, None, status, trimmed),
                },
                // A message cut in the middle of an emoji leaves a lone UTF-16
                // surrogate escape, which JSON parsers reject: repair it (the
                // only path that allocates) rather than lose the envelope.
                Err(_) => match repair_lone_surrogates(trimmed) {
                    Some(repaired) => classify_inner(vendor, status, &repaired).into_owned(),
                    None => opaque(vendor, status, trimmed),
                },
            }
        }
        Some(b'[') => match serde_json::from_slice::<FirstFailure<'_, true>>(trimmed) {
            Ok(list) => batch_list(vendor, status, list.0, trimmed),
            Err(_) => opaque(vendor, status, trimmed),
        },
        _ => opaque(vendor, status, trimmed),
    }
}

/// Reads the envelope object at the start of the body; data after it (a
/// second object, a stray newline-delimited record) is ignored.
fn parse_envelope<'a>(body: &'a [u8], env: &mut Envelope<'a>) -> serde_json::Result<()> {
    use serde::de::DeserializeSeed;
    // One UTF-8 check of the whole body is cheaper than serde_json's check of
    // every string it reads from bytes. A body that is not UTF-8 throughout
    // is still read from bytes: invalid bytes in a field we skip do not cost
    // the verdict.
    match std::str::from_utf8(body) {
        Ok(text) => env.deserialize(&mut serde_json::Deserializer::from_str(text)),
        Err(_) => env.deserialize(&mut serde_json::Deserializer::from_slice(body)),
    }
}

/// Replaces every `\uXXXX` escape of an unpaired UTF-16 surrogate with
/// `\uFFFD`. `None` when there is none (nothing to repair).
fn repair_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    fn escape_at(b: &[u8], i: usize) -> Option<u16> {
        let hex = b.get(i..i + 6).filter(|e| e.starts_with(b"\\u"))?;
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    }
    let is_high = |u: u16| (0xD800..0xDC00).contains(&u);
    let is_low = |u: u16| (0xDC00..0xE000).contains(&u);
    let mut out: Option<Vec<u8>> = None;
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'\\' {
            if let Some(o) = out.as_mut() {
                o.push(body[i]);
            }
            i += 1;
            continue;
        }
        let step = match escape_at(body, i) {
            Some(u) if is_high(u) && escape_at(body, i + 6).is_some_and(is_low) => 12,
            Some(u) if is_high(u) || is_low(u) => {
                let o = out.get_or_insert_with(|| body[..i].to_vec());
                o.extend_from_slice(b"\\uFFFD");
                i += 6;
                continue;
            }
            Some(_) => 6,
            None => 2,
        };
        let end = (i + step).min(body.len());
        if let Some(o) = out.as_mut() {
            o.extend_from_slice(&body[i..end]);
        }
        i = end;
    }
    out
}

/// Whether the HTTP status alone says the request failed.
fn failed_status(status: Option<u16>) -> bool {
    status.is_some_and(|s| s >= 400)
}

/// A JSON body with none of the error fields: a success body (Easemob and
/// LeanCloud success bodies carry nothing vendor-specific), unless the HTTP
/// status says the request failed.
fn no_error_fields(
    vendor: Option<Vendor>,
    surface: Option<Surface>,
    status: Option<u16>,
    body: &[u8],
) -> Classification<'_> {
    if failed_status(status) {
        opaque(vendor, status, body)
    } else {
        Classification::success(vendor, surface, status)
    }
}

/// A top-level JSON list: a LeanCloud batch reply (`[{"success": {...}},
/// {"error": {"code": 1, "error": "..."}}]`, HTTP 200 overall) fails with its
/// first failed item.
fn batch_list<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    failure: Option<Failure<'a>>,
    body: &'a [u8],
) -> Classification<'a> {
    match (vendor, failure) {
        (None | Some(Vendor::LeanCloud), Some(f)) => {
            let mut c = lookup_code(Vendor::LeanCloud, Surface::Rest, f.code, status);
            c.is_error = true;
            c.partial = true;
            c.raw_message = f.info;
            c
        }
        (Some(Vendor::LeanCloud), None) => {
            no_error_fields(vendor, Some(Surface::Rest), status, body)
        }
        _ => no_error_fields(vendor, vendor.map(Vendor::default_surface), status, body),
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

fn openim<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let code = env.err_code.take().or(env.code.take());
    if matches!(code, Some(CodeValue::Int(0))) || (code.is_none() && !failed_status(status)) {
        return Classification::success(Some(Vendor::OpenIm), Some(Surface::Server), status);
    }
    let mut c = lookup_code(Vendor::OpenIm, Surface::Server, code, status);
    let (msg, dlt) = (env.err_msg.take_non_empty(), env.err_dlt.take_non_empty());
    // errDlt carries the detail ("header must have token"); errMsg is often
    // just the constant's name, or repeats errDlt.
    c.raw_message = dlt.or(msg);
    c
}

fn tencent<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    // The web SDK's error object carries `code` and `message`.
    let code = env.tencent_code.take().or(env.code.take());
    let top_ok = match (&code, env.action_status.0.as_deref()) {
        (Some(c), _) => c.number() == Some(0),
        (None, Some(s)) => s.eq_ignore_ascii_case("ok"),
        (None, None) => !failed_status(status),
    };
    if top_ok {
        // A batch reply can fail item by item under a successful envelope.
        let Some(item) = env.error_list.0.take().or(env.result_item.0.take()) else {
            return Classification::success(Some(Vendor::Tencent), Some(Surface::Server), status);
        };
        let mut c = lookup_code(Vendor::Tencent, Surface::Server, item.code, status);
        c.is_error = true;
        c.partial = true;
        c.raw_message = item.info.or(env.error_info.take_non_empty());
        return c;
    }
    let mut c = lookup_code(Vendor::Tencent, Surface::Server, code, status);
    c.is_error = true;
    c.raw_message = env
        .error_info
        .take_non_empty()
        .or(env.error_display.take_non_empty())
        .or(env.message.take_non_empty());
    c
}

/// `org.apache.usergrid.rest.exceptions.SecurityException` ->
/// `SecurityException`.
fn simple_name(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(_, simple)| simple)
}

/// [`simple_name`], still borrowed from the body when the name was.
fn simple_name_cow(name: Cow<'_, str>) -> Cow<'_, str> {
    match name {
        Cow::Borrowed(s) => Cow::Borrowed(simple_name(s)),
        Cow::Owned(s) => Cow::Owned(simple_name(&s).to_owned()),
    }
}

/// How specific a step of the Easemob matching order is (lower is better).
fn specificity(by: MatchedBy) -> u8 {
    match by {
        MatchedBy::ErrorCode => 0,
        MatchedBy::Message => 1,
        MatchedBy::Pattern => 2,
        MatchedBy::StatusAndType => 3,
        MatchedBy::Type => 4,
        MatchedBy::Status => 5,
    }
}

/// Whether the matched entry's error type is `ty` (spelling variants
/// folded).
fn names_type(m: &easemob::RestMatch, ty: &str) -> bool {
    let Some(crate::Code::ErrorType(t)) = m.entry.code else {
        return false;
    };
    let (mut a, mut b) = ([0; normalize::MAX_TYPE], [0; normalize::MAX_TYPE]);
    let ty = normalize::error_type(ty, &mut b).filter(|t| !t.is_empty());
    ty.is_some() && normalize::error_type(t, &mut a) == ty
}

fn easemob_rest<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let error = env.error.take_non_empty().filter(|e| e != "-");
    // An exception class name counts when its simple name (after the last
    // `.`) is not blank; the simple name itself is cut only where used.
    let exception = env
        .exception
        .take_non_empty()
        .filter(|e| !e.trim_ascii_end().ends_with('.'));
    // An empty description is matched as such (some errors are documented
    // with one); only a non-empty one is worth logging.
    let sent_description = env.error_description.0.take();
    let blank = |d: &Cow<'_, str>| d.trim_ascii().is_empty();
    let error_code = env.error_code.take().and_then(|c| c.number());
    if error.is_none()
        && exception.is_none()
        && sent_description.as_ref().is_none_or(blank)
        && error_code.is_none()
        && !failed_status(status)
    {
        return Classification::success(Some(Vendor::Easemob), Some(Surface::Rest), status);
    }
    let found = error_code.and_then(easemob::match_error_code).or_else(|| {
        let by_error = easemob::match_rest(status, error.as_deref(), sent_description.as_deref());
        // Some documented error types are exception class names, and a body
        // may name its kind only in `exception`: when there is no type, or
        // the type and message said little, try the exception's simple name
        // as the type, and keep it when it matches better.
        if error.is_some()
            && by_error.is_some_and(|m| specificity(m.by) < specificity(MatchedBy::Type))
        {
            return by_error;
        }
        let Some(exception) = exception.as_deref().map(simple_name) else {
            return by_error;
        };
        let Some(by_exception) =
            easemob::match_rest(status, Some(exception), sent_description.as_deref())
        else {
            return by_error;
        };
        let better = by_error.is_none_or(|a| {
            let b = &by_exception;
            specificity(b.by) < specificity(a.by)
                || (specificity(b.by) == specificity(a.by)
                    && names_type(b, exception)
                    && !error.as_deref().is_some_and(|e| names_type(&a, e)))
        });
        Some(if better { by_exception } else { by_error? })
    });
    let matched = found.map_or(Match::Unknown, |m| Match::Entry(m.entry));
    let code = match error_code {
        Some(n) => Some(RawCode::Number(n)),
        None => error
            .or_else(|| exception.map(simple_name_cow))
            .map(RawCode::Text),
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
    c.raw_message = sent_description.filter(|d| !blank(d));
    c
}

fn leancloud<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let vendor = Some(Vendor::LeanCloud);
    if let Some(cmd) = env.cmd.0.as_deref() {
        // Realtime frames: `error` always fails; an `ack` fails when it
        // carries a code, and `session` when it is `closed` with a code
        // (without one it answers the client's own close). Anything else (a
        // plain ack, `direct`, `goaway`) is not an error.
        let failed = match cmd {
            "error" => true,
            "ack" => env.code.is_some(),
            "session" => env.op.0.as_deref() == Some("closed") && env.code.is_some(),
            _ => false,
        };
        if !failed {
            return Classification::success(vendor, Some(Surface::Realtime), status);
        }
        let mut c = lookup_code(
            Vendor::LeanCloud,
            Surface::Realtime,
            env.code.take(),
            status,
        );
        c.is_error = true;
        // `reason` is mostly the code's name; `appMsg` (from the app's hook)
        // and `detail` say more.
        c.raw_message = env
            .app_msg
            .take_non_empty()
            .or(env.detail.take_non_empty())
            .or(env.reason.take_non_empty());
        return c;
    }
    if env.code.is_none() && !failed_status(status) {
        return Classification::success(vendor, Some(Surface::Rest), status);
    }
    // The IM REST API shares the `{code, error}` envelope, and its docs leave
    // open whether it answers with IM (4xxx) codes: a code the REST table
    // lacks but the realtime table knows is read as the realtime one.
    let code = env.code.take();
    let (surface, matched) = match &code {
        Some(CodeValue::Int(n)) => {
            let rest = lookup(Vendor::LeanCloud, Surface::Rest, *n).matched;
            match rest {
                Match::Entry(_) => (Surface::Rest, rest),
                _ => match lookup(Vendor::LeanCloud, Surface::Realtime, *n).matched {
                    m @ Match::Entry(_) => (Surface::Realtime, m),
                    _ => (Surface::Rest, rest),
                },
            }
        }
        _ => (Surface::Rest, Match::Unknown),
    };
    let code = code.and_then(CodeValue::into_raw);
    let mut c = Classification::resolved(vendor, Some(surface), code, status, matched);
    c.is_error = true;
    c.raw_message = env.error.take_non_empty();
    c
}
