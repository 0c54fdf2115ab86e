//! [`ImError`]: the error a backend propagates with `?`.

use std::fmt;
use std::time::Duration;

use crate::render::SafeMessage;
use crate::{Classification, Lang, Lookup, RawCode, Vendor};

/// A vendor error, classified: what a backend returns with `?` after a call
/// to a vendor failed. It holds the owned verdict
/// ([`verdict`](Self::verdict)), with the vendor's message bounded and
/// sanitized.
///
/// `Display` shows the vendor, the code, the symbol and the summary:
/// `openim 1501 TokenExpiredError: ...`. A retry policy asks
/// [`is_retryable`](Self::is_retryable) and [`retry_after`](Self::retry_after)
/// (see the `backon` and `reqwest_retry` examples in the crate's
/// `examples/` folder).
///
/// ```
/// use imerr::ImError;
///
/// fn send() -> Result<(), ImError> {
///     let body = br#"{"ActionStatus":"FAIL","ErrorCode":70001,"ErrorInfo":"UserSig expired"}"#;
///     let verdict = imerr::classify(Some(200), body);
///     if verdict.is_error() {
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
pub struct ImError {
    verdict: Classification<'static>,
}

impl ImError {
    /// The verdict: vendor, code, entry, classification, effect, message.
    pub fn verdict(&self) -> &Classification<'static> {
        &self.verdict
    }

    /// Whether sending the same request again can succeed (after backoff or
    /// after fresh credentials). Plug it into a retry policy's `when`.
    pub fn is_retryable(&self) -> bool {
        self.verdict.is_retryable()
    }

    /// The minimum wait before a retry, when the vendor states one. Plug it
    /// into a retry policy's delay adjustment.
    pub fn retry_after(&self) -> Option<Duration> {
        self.verdict.retry_after()
    }

    /// The remediation hint, in the given language (a generic one for the
    /// category when the code is not in the tables).
    pub fn hint(&self, lang: Lang) -> &'static str {
        self.verdict.hint(lang)
    }
}

impl From<Classification<'static>> for ImError {
    fn from(verdict: Classification<'static>) -> Self {
        ImError { verdict }
    }
}

impl From<Lookup> for ImError {
    fn from(l: Lookup) -> Self {
        ImError::from(Classification::from(l))
    }
}

impl fmt::Display for ImError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = &self.verdict;
        f.write_str(v.vendor().map_or("unknown vendor", Vendor::as_str))?;
        // A textual code comes from the upstream body: print it sanitized,
        // like the message, so it cannot forge log lines.
        match (v.code(), v.status()) {
            (Some(RawCode::Number(n)), _) => write!(f, " {n}")?,
            (Some(RawCode::Text(t)), _) => write!(f, " {}", SafeMessage(t))?,
            (None, Some(s)) => write!(f, " HTTP {s}")?,
            (None, None) => {}
        }
        if let Some(s) = v.symbol() {
            write!(f, " {s}")?;
        }
        match v.summary(Lang::En) {
            Some(summary) => write!(f, ": {summary}")?,
            None => write!(f, ": {} error not in the tables", v.category())?,
        }
        if let Some(m) = v.message() {
            write!(f, " (vendor said: {m})")?;
        }
        Ok(())
    }
}
