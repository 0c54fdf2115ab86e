//! Recording a verdict on the current `tracing` span (feature `tracing`).

use super::SafeMessage;
use crate::{Classification, RawCode, Vendor};

impl Classification<'_> {
    /// Records the verdict's fields on the current span: `vendor`, `surface`,
    /// `code`, `symbol`, `known`, `category`, `retry`, `action`, `effect`,
    /// `http_status` and `upstream_msg` (bounded and sanitized). `tracing` only records
    /// fields a span declared when it was created, so declare them empty:
    ///
    /// ```
    /// let span = tracing::info_span!(
    ///     "upstream", vendor = tracing::field::Empty, surface = tracing::field::Empty,
    ///     code = tracing::field::Empty, symbol = tracing::field::Empty,
    ///     known = tracing::field::Empty, category = tracing::field::Empty,
    ///     retry = tracing::field::Empty, action = tracing::field::Empty, effect = tracing::field::Empty,
    ///     http_status = tracing::field::Empty, upstream_msg = tracing::field::Empty,
    /// );
    /// let _guard = span.enter();
    /// imerr::classify(Some(200), br#"{"errCode":1501,"errMsg":"TokenExpiredError"}"#)
    ///     .record_on_current_span();
    /// ```
    pub fn record_on_current_span(&self) {
        let span = tracing::Span::current();
        span.record("vendor", self.vendor().map_or("unknown", Vendor::as_str));
        if let Some(s) = self.surface() {
            span.record("surface", s.as_str());
        }
        match self.code() {
            Some(RawCode::Number(n)) => {
                span.record("code", n);
            }
            Some(RawCode::Text(t)) => {
                span.record("code", tracing::field::display(SafeMessage(t)));
            }
            None => {}
        }
        if let Some(s) = self.symbol() {
            span.record("symbol", s);
        }
        span.record("known", self.known());
        span.record("category", self.category().as_str());
        span.record("retry", self.retry().as_str());
        span.record("action", self.action().as_str());
        span.record("effect", self.effect().as_str());
        span.record("http_status", self.http_status());
        if let Some(m) = self.message() {
            span.record("upstream_msg", tracing::field::display(m));
        }
    }
}
