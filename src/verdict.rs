//! The verdict on one response ([`Classification`]): what it rests on, and
//! the rules that keep its parts consistent. Its constructors are the only
//! way to make one, so `is_error`, the basis and the classification always
//! agree.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::fallback::{fallback_hint, status_fallback};
use crate::render::{Logfmt, SafeMessage};
use crate::{Action, Category, Code, Effect, Lang, Lookup, Match, Retry, Surface, Vendor};

/// A raw code as it arrived.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum RawCode<'a> {
    /// A numeric code (also when the vendor sent it as a string of digits).
    Number(i64),
    /// A textual code: an Easemob REST error type, a Matrix `errcode`, or a
    /// code that is not a number.
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

impl From<Code> for RawCode<'static> {
    /// A table's code, as a vendor would send it.
    fn from(code: Code) -> Self {
        match code {
            Code::Number(n) => RawCode::Number(n),
            Code::Text(t) => RawCode::Text(Cow::Borrowed(t)),
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
    serde::Deserialize,
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
    /// No usable response: the connection failed, timed out or broke
    /// ([`Classification::from_transport`]).
    Transport,
}

/// How a request failed without a usable response: what
/// [`Classification::from_transport`] classifies. The question is whether
/// the request may have reached the vendor, which decides its
/// [`Effect`].
///
/// ```
/// use imerr::{Category, Classification, Effect, Retry, Transport};
///
/// // Connection refused: nothing was sent, so a resend cannot duplicate it.
/// let refused = Classification::from_transport(None, None, Transport::Connect);
/// assert_eq!((refused.category(), refused.effect()), (Category::Network, Effect::None));
/// // A timeout: the vendor may have applied the request before it stalled.
/// let timeout = Classification::from_transport(None, None, Transport::Timeout);
/// assert_eq!((timeout.category(), timeout.effect()), (Category::Timeout, Effect::Unknown));
/// assert_eq!(timeout.retry(), Retry::Backoff);
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    serde::Deserialize,
    strum::Display,
    strum::IntoStaticStr,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Transport {
    /// The connection could not be made (refused, DNS, TLS handshake, connect
    /// timeout): not a byte of the request was sent. Category `network`,
    /// effect `none`.
    Connect,
    /// No answer in time, after the request was sent: the vendor may have
    /// applied it. Category `timeout`, effect `unknown`.
    Timeout,
    /// The connection broke after the request was sent: reset, closed, or
    /// cut in the middle of the response body. Category `network`, effect
    /// `unknown`.
    Interrupted,
}

impl Transport {
    /// What went wrong: `network` for [`Connect`](Self::Connect) and
    /// [`Interrupted`](Self::Interrupted), `timeout` for
    /// [`Timeout`](Self::Timeout).
    pub const fn category(self) -> Category {
        match self {
            Transport::Connect | Transport::Interrupted => Category::Network,
            Transport::Timeout => Category::Timeout,
        }
    }

    /// Whether the request may have taken effect: `none` when nothing was
    /// sent ([`Connect`](Self::Connect)), else `unknown`.
    pub const fn effect(self) -> Effect {
        match self {
            Transport::Connect => Effect::None,
            Transport::Timeout | Transport::Interrupted => Effect::Unknown,
        }
    }
}

/// Which step of the Easemob REST matching order found the entry; they compare in that
/// order, the most specific first.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::Display,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum MatchedBy {
    /// The streaming-message `error_code`.
    ErrorCode,
    /// The exact message.
    Message,
    /// A message pattern.
    Pattern,
    /// The HTTP status and the error type.
    StatusAndType,
    /// The error type alone.
    Type,
    /// The HTTP status alone.
    Status,
}

/// The verdict on one response.
///
/// Borrows the vendor's message and textual codes from the input; call
/// [`to_error`](Self::to_error) for an owned [`ImError`](crate::ImError).
/// Made by [`classify`](crate::classify), from a [`Lookup`], or by its
/// constructors; its parts are read through accessors, so they always agree.
///
/// ```
/// use imerr::{Action, Classification, Effect, Surface, Vendor, lookup};
///
/// let c = Classification::from(lookup(Vendor::OpenIm, Surface::Server, 1501));
/// assert!(c.is_error());
/// assert_eq!(c.action(), Action::RefreshCredentials);
/// assert_eq!(c.effect(), Effect::None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification<'a> {
    vendor: Option<Vendor>,
    surface: Option<Surface>,
    code: Option<RawCode<'a>>,
    status: Option<u16>,
    matched: Match,
    matched_by: Option<MatchedBy>,
    basis: Basis,
    category: Category,
    retry: Retry,
    action: Action,
    partial: bool,
    raw_message: Option<Cow<'a, str>>,
    /// The wait the response itself asks for (a header, or a body field).
    wait: Option<Duration>,
    soft_logout: bool,
    /// The code was read from text (a log line, an exception), not from a
    /// vendor's JSON envelope.
    extracted: bool,
    /// The generic code that carried the real one in its message.
    wrapped_by: Option<RawCode<'a>>,
    transport: Option<Transport>,
}

impl<'a> Classification<'a> {
    /// A success: the response carries no error.
    pub fn success(vendor: Option<Vendor>, surface: Option<Surface>, status: Option<u16>) -> Self {
        Classification {
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
            wait: None,
            soft_logout: false,
            extracted: false,
            wrapped_by: None,
            transport: None,
        }
    }

    /// A code (or none) that resolved to `matched`: the entry or range
    /// classifies it; for a code the tables do not know, the HTTP status
    /// does, when it says the request failed; else nothing does
    /// (`unknown` / `investigate`). A code whose entry is a success code
    /// (category `ok`) is not an error.
    pub fn from_match(
        vendor: Option<Vendor>,
        surface: Option<Surface>,
        code: Option<RawCode<'a>>,
        status: Option<u16>,
        matched: Match,
    ) -> Self {
        let (basis, category, retry, action) = match matched.meta() {
            Some(m) => (
                if matched.known() {
                    Basis::Entry
                } else {
                    Basis::Range
                },
                m.category(),
                m.retry(),
                m.action(),
            ),
            None => match status.and_then(status_fallback) {
                Some((c, r, a)) => (Basis::HttpStatus, c, r, a),
                None => (
                    Basis::Nothing,
                    Category::Unknown,
                    Retry::No,
                    Action::Investigate,
                ),
            },
        };
        Classification {
            code,
            matched,
            basis,
            category,
            retry,
            action,
            ..Classification::success(vendor, surface, status)
        }
    }

    /// A request that got no usable response (see [`Transport`]): category
    /// `network` or `timeout`, retry `backoff`, action `retry`, and the
    /// effect the failure implies (`none` only when nothing was sent).
    /// `status` is the HTTP status when the response broke after its head
    /// arrived.
    pub fn from_transport(
        vendor: Option<Vendor>,
        status: Option<u16>,
        failure: Transport,
    ) -> Classification<'static> {
        Classification {
            basis: Basis::Transport,
            category: failure.category(),
            retry: Retry::Backoff,
            action: Action::Retry,
            transport: Some(failure),
            ..Classification::success(vendor, None, status)
        }
    }

    /// A failure that carries no code: the HTTP status classifies it, or
    /// nothing does.
    pub fn from_status(
        vendor: Option<Vendor>,
        surface: Option<Surface>,
        status: Option<u16>,
    ) -> Self {
        Self::from_match(vendor, surface, None, status, Match::Unknown)
    }

    /// The same verdict for one failed item of a batch reply whose other
    /// items may have succeeded: its effect is `partial`.
    pub fn into_partial(mut self) -> Self {
        self.partial = self.is_error();
        self
    }

    /// The same verdict, with the vendor's own message (kept raw; printed
    /// bounded and sanitized). A success keeps none: vendors fill their
    /// message fields on success too ("Success", "OK"), which says nothing.
    pub fn with_message(mut self, message: Option<Cow<'a, str>>) -> Self {
        if self.basis != Basis::Success {
            self.raw_message = message;
        }
        self
    }

    /// The same verdict, with the wait the response asks for (a
    /// `Retry-After` header, Matrix's `retry_after_ms`), which
    /// [`retry_after`](Self::retry_after) prefers to the tables'.
    pub(crate) fn with_wait(mut self, wait: Option<Duration>) -> Self {
        if wait.is_some() {
            self.wait = wait;
        }
        self
    }

    /// The same verdict, noting Matrix's `soft_logout` (`M_UNKNOWN_TOKEN`:
    /// the device and its state survive a new login).
    #[cfg_attr(not(feature = "matrix"), allow(dead_code))]
    pub(crate) fn with_soft_logout(mut self, soft: bool) -> Self {
        self.soft_logout = soft;
        self
    }

    /// The same verdict with its code looked up on another surface (text
    /// that shows which part of the vendor's stack sent it).
    pub(crate) fn on_surface(self, surface: Surface, matched: Match) -> Self {
        let c =
            Classification::from_match(self.vendor, Some(surface), self.code, self.status, matched);
        Classification {
            raw_message: self.raw_message,
            wait: self.wait,
            soft_logout: self.soft_logout,
            extracted: self.extracted,
            wrapped_by: self.wrapped_by,
            partial: self.partial && c.is_error(),
            ..c
        }
    }

    /// The vendor's message, as kept (for a verdict built from another).
    pub(crate) fn message_cow(&self) -> Option<Cow<'a, str>> {
        self.raw_message.clone()
    }

    /// The same verdict, read from text rather than a JSON envelope.
    pub(crate) fn into_extracted(mut self) -> Self {
        self.extracted = true;
        self
    }

    /// The same verdict (the real, inner code's), noting the generic code
    /// whose message carried it.
    pub(crate) fn wrapped_in(mut self, wrapper: Option<RawCode<'a>>) -> Self {
        self.wrapped_by = wrapper;
        self
    }

    /// The same verdict, noting which step of the Easemob REST matching
    /// order found its entry.
    #[cfg_attr(not(feature = "easemob"), allow(dead_code))]
    pub(crate) fn with_matched_by(mut self, by: Option<MatchedBy>) -> Self {
        self.matched_by = by;
        self
    }

    /// Whether the response is an error: false for success bodies and
    /// success codes.
    pub fn is_error(&self) -> bool {
        self.category != Category::Ok
    }

    /// The vendor, given or detected (`None` when nothing matched).
    pub fn vendor(&self) -> Option<Vendor> {
        self.vendor
    }

    /// The surface the code was looked up on.
    pub fn surface(&self) -> Option<Surface> {
        self.surface
    }

    /// The raw code, kept whether or not the tables know it.
    pub fn code(&self) -> Option<&RawCode<'a>> {
        self.code.as_ref()
    }

    /// The upstream HTTP status, when given.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The entry or range the code resolved to.
    pub fn matched(&self) -> Match {
        self.matched
    }

    /// For Easemob REST: which step of the matching order found the entry.
    pub fn matched_by(&self) -> Option<MatchedBy> {
        self.matched_by
    }

    /// What the verdict rests on.
    pub fn basis(&self) -> Basis {
        self.basis
    }

    /// What went wrong.
    pub fn category(&self) -> Category {
        self.category
    }

    /// Whether and how to retry.
    pub fn retry(&self) -> Retry {
        self.retry
    }

    /// What to do next.
    pub fn action(&self) -> Action {
        self.action
    }

    /// Whether the failed request changed anything: `partial` for a batch
    /// reply that failed item by item, the entry's effect when the code is
    /// known, else what the category and action say.
    pub fn effect(&self) -> Effect {
        if self.partial {
            return Effect::Partial;
        }
        if let Some(t) = self.transport {
            return t.effect();
        }
        match self.matched {
            Match::Entry(e) => e.meta().effect(),
            _ => Effect::default_for(self.category, self.action),
        }
    }

    /// How the request failed without a usable response, for a verdict
    /// made by [`from_transport`](Self::from_transport).
    pub fn transport(&self) -> Option<Transport> {
        self.transport
    }

    /// A batch reply that succeeded for some items and failed for others
    /// (the code is the first failed item's).
    pub fn is_partial(&self) -> bool {
        self.partial
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
        self.is_error() && self.retry != Retry::No
    }

    /// The minimum wait before a retry: what the response asked for (a
    /// `Retry-After` header, read with [`with_headers`](Self::with_headers);
    /// Matrix's `retry_after_ms`), else the window the vendor documents for
    /// the code, else none.
    pub fn retry_after(&self) -> Option<Duration> {
        self.wait.or(self.matched.retry_after())
    }

    /// Whether the code was read from text (a log line, an SDK exception, a
    /// console dump) rather than from a vendor's JSON envelope.
    pub fn is_extracted(&self) -> bool {
        self.extracted
    }

    /// The generic code whose message carried the real one, when the
    /// verdict is the inner code's (OpenIM SDK 10005 wrapping `10004 ...`,
    /// Tencent `-1` with `[70398]` in its text).
    pub fn wrapped_by(&self) -> Option<&RawCode<'a>> {
        self.wrapped_by.as_ref()
    }

    /// Matrix `M_UNKNOWN_TOKEN` with `soft_logout: true`: the client should
    /// sign in again keeping its device and local state, not wipe them.
    pub fn is_soft_logout(&self) -> bool {
        self.soft_logout
    }

    /// The vendor's message, raw, as it arrived. Print it through
    /// [`message`](Self::message), which bounds and sanitizes it.
    pub fn raw_message(&self) -> Option<&str> {
        self.raw_message.as_deref()
    }

    /// The vendor's message, at most [`MAX_MESSAGE`](crate::MAX_MESSAGE)
    /// bytes, without control characters: safe to put in a log line.
    pub fn message(&self) -> Option<SafeMessage<'_>> {
        self.raw_message.as_deref().map(SafeMessage)
    }

    /// The verdict as one logfmt line:
    /// `vendor=openim surface=server code=1001 symbol=ArgsError known=true category=invalid_request retry=no action=fix_request http_status=400 msg="..."`.
    pub fn logfmt(&self) -> Logfmt<'_, 'a> {
        Logfmt(self)
    }

    /// Copies the borrowed parts (textual code, message) out of the input.
    pub fn into_owned(self) -> Classification<'static> {
        Classification {
            code: self.code.map(RawCode::into_owned),
            wrapped_by: self.wrapped_by.map(RawCode::into_owned),
            raw_message: self.raw_message.map(|m| Cow::Owned(m.into_owned())),
            ..self
        }
    }

    /// An owned error a backend can return with `?`. The vendor's message
    /// is kept bounded and sanitized, however long it was.
    pub fn to_error(&self) -> crate::ImError {
        let owned = Classification {
            code: self.code.clone().map(RawCode::into_owned),
            wrapped_by: self.wrapped_by.clone().map(RawCode::into_owned),
            raw_message: self.message().map(|m| Cow::Owned(m.to_string())),
            ..*self
        };
        crate::ImError::from(owned)
    }
}

impl From<Lookup> for Classification<'static> {
    /// The verdict on a bare code: what the tables say of it, with no HTTP
    /// status and no message.
    fn from(l: Lookup) -> Self {
        Classification::from_match(
            Some(l.vendor),
            Some(l.surface),
            Some(RawCode::Number(l.code)),
            None,
            l.matched,
        )
    }
}
