//! [`ImError`]: the error a backend propagates with `?`.

use std::fmt;
use std::time::Duration;

use crate::classify::{Classification, RawCode, SafeMessage};
use crate::{Action, Category, Lang, Lookup, Match, Retry, Surface, Vendor};

/// A vendor error, classified: what a backend returns with `?` after a call
/// to a vendor failed.
///
/// `Display` shows the vendor, the code, the symbol and the summary:
/// `openim 1501 TokenExpiredError: ...`. It carries the classification, so a
/// retry policy can ask [`is_retryable`](Self::is_retryable) and
/// [`retry_after`](Self::retry_after) (see the `backon` and `reqwest-retry`
/// examples in the crate's `examples/` folder).
///
/// ```
/// use imerr::{ImError, Vendor, Surface};
///
/// fn send() -> Result<(), ImError> {
///     let body = br#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":"UserSig expired"}"#;
///     let verdict = imerr::classify(Some(200), body);
///     if verdict.is_error {
///         return Err(verdict.to_error());
///     }
///     Ok(())
/// }
///
/// let err = send().unwrap_err();
/// assert!(err.is_retryable());
/// assert!(err.to_string().starts_with("tencent 70001 ERR_SVR_ACCOUNT_USERSIG_EXPIRED: "));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub struct ImError {
    /// The vendor, when known.
    pub vendor: Option<Vendor>,
    /// The surface the code was looked up on.
    pub surface: Option<Surface>,
    /// The raw code, when the vendor sent one.
    pub code: Option<RawCode<'static>>,
    /// The upstream HTTP status, when known.
    pub status: Option<u16>,
    /// The entry or range the code resolved to.
    pub matched: Match,
    /// What went wrong.
    pub category: Category,
    /// Whether and how to retry.
    pub retry: Retry,
    /// What to do next.
    pub action: Action,
    /// The vendor's message, bounded and sanitized.
    pub message: Option<String>,
}

impl ImError {
    pub(crate) fn from_classification(c: &Classification<'_>) -> Self {
        ImError {
            vendor: c.vendor,
            surface: c.surface,
            code: c.code.clone().map(RawCode::into_owned),
            status: c.status,
            matched: c.matched,
            category: c.category,
            retry: c.retry,
            action: c.action,
            message: c.message().map(|m| m.to_string()),
        }
    }

    /// Whether sending the same request again can succeed (after backoff or
    /// after fresh credentials). Plug it into a retry policy's `when`.
    pub fn is_retryable(&self) -> bool {
        self.retry != Retry::No
    }

    /// The minimum wait before a retry, when the vendor states one. Plug it
    /// into a retry policy's delay adjustment.
    pub fn retry_after(&self) -> Option<Duration> {
        self.matched.retry_after()
    }

    /// Whether the code is in the tables.
    pub fn known(&self) -> bool {
        self.matched.known()
    }

    /// The symbol of the matched entry or range.
    pub fn symbol(&self) -> Option<&'static str> {
        self.matched.symbol()
    }

    /// The remediation hint, in the given language.
    pub fn hint(&self, lang: Lang) -> Option<&'static str> {
        self.matched.hint(lang)
    }
}

impl From<Lookup> for ImError {
    fn from(l: Lookup) -> Self {
        ImError {
            vendor: Some(l.vendor),
            surface: Some(l.surface),
            code: Some(RawCode::Number(l.code)),
            status: None,
            matched: l.matched,
            category: l.matched.category(),
            retry: l.matched.retry(),
            action: l.matched.action(),
            message: None,
        }
    }
}

impl fmt::Display for ImError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.vendor.map_or("unknown vendor", Vendor::as_str))?;
        // A textual code comes from the upstream body: print it sanitized,
        // like the message, so it cannot forge log lines.
        if let Some(RawCode::Number(n)) = &self.code {
            write!(f, " {n}")?;
        } else if let Some(RawCode::Text(t)) = &self.code {
            write!(f, " {}", SafeMessage(t))?;
        } else if let Some(s) = self.status {
            write!(f, " HTTP {s}")?;
        }
        if let Some(s) = self.symbol() {
            write!(f, " {s}")?;
        }
        match self.matched.summary(Lang::En) {
            Some(summary) => write!(f, ": {summary}")?,
            None => write!(f, ": {} error not in the tables", self.category)?,
        }
        if let Some(m) = &self.message {
            write!(f, " (vendor said: {})", SafeMessage(m))?;
        }
        Ok(())
    }
}
