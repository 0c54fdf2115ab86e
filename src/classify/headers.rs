//! What a response's headers add to its verdict: the `Retry-After` the
//! vendor sends with a 429 or 503 (OpenIM's rate limiter sends 1-5 s, Matrix
//! homeservers SHOULD send it on every 429, and it takes precedence over
//! Matrix's deprecated `retry_after_ms`), in seconds or as an HTTP date.

use std::time::{Duration, SystemTime};

use crate::Classification;

/// Response headers, as [`Classification::with_headers`] reads them:
/// implemented for lists of name-value pairs and, with the `http` feature,
/// for `http::HeaderMap`.
///
/// ```
/// let headers = [("Content-Type", "application/json"), ("Retry-After", "7")];
/// let c = imerr::classify(Some(429), b"").with_headers(&headers[..]);
/// assert_eq!(c.retry_after(), Some(std::time::Duration::from_secs(7)));
/// ```
pub trait Headers {
    /// The value of the header `name` (compared without ASCII case), when
    /// present and valid text; the first, when it is repeated.
    fn header(&self, name: &str) -> Option<&str>;
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn header(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(k, _)| k.as_ref().trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

#[cfg(feature = "http")]
impl Headers for http::HeaderMap {
    fn header(&self, name: &str) -> Option<&str> {
        self.get(name)?.to_str().ok()
    }
}

impl Classification<'_> {
    /// The same verdict, with what the response's headers say: a
    /// `Retry-After` (delay in seconds, or an HTTP date) becomes the wait
    /// [`retry_after`](Self::retry_after) returns, over anything the body or
    /// the tables state. A header that does not parse is ignored.
    pub fn with_headers<H: Headers + ?Sized>(self, headers: &H) -> Self {
        match headers.header("retry-after").and_then(retry_after) {
            Some(wait) => self.with_wait(Some(wait)),
            None => self,
        }
    }
}

/// Parses a `Retry-After` value (RFC 9110 §10.2.3): delay-seconds, or an
/// HTTP date, which becomes the time left until it (zero once passed).
pub(crate) fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Longer than u64 seconds is as good as forever: saturate.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_and_dates() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(
            retry_after("99999999999999999999999"),
            Some(Duration::from_secs(u64::MAX))
        );
        let later = SystemTime::now() + Duration::from_secs(120);
        let wait = retry_after(&httpdate::fmt_http_date(later)).unwrap();
        assert!(
            wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
        assert_eq!(
            retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn garbage_is_ignored() {
        for v in [
            "",
            "-1",
            "7s",
            "1.5",
            "soon",
            "Wed, 99 Oct 2015 07:28:00 GMT",
        ] {
            assert_eq!(retry_after(v), None, "{v:?}");
        }
    }

    #[test]
    fn header_names_ignore_case() {
        let h = [("retry-AFTER", "3")];
        assert_eq!(h[..].header("Retry-After"), Some("3"));
        assert_eq!(h[..].header("Retry"), None);
    }
}
