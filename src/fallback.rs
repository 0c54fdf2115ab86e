//! What is left when the tables say nothing: the HTTP status alone
//! ([`status_fallback`]), and a generic hint per category for codes the
//! tables do not know ([`fallback_hint`]), the one hint the verdict, the
//! error and the CLI all give.

use crate::{Action, Category, Lang, Retry};

/// What an HTTP status alone says, for a code the tables do not know or a
/// body that is not the vendor's JSON. `None` for a success status.
pub(crate) fn status_fallback(status: u16) -> Option<(Category, Retry, Action)> {
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

pub(crate) fn fallback_hint(category: Category, lang: Lang) -> &'static str {
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
        (Category::Network, Lang::En) => {
            "The connection failed or broke before a whole answer arrived: retry with backoff. If the request may have been applied (effect unknown), resend only when it is idempotent or carries the vendor's dedupe key, else check its outcome first."
        }
        (Category::Network, Lang::Zh) => {
            "连接失败或在完整响应到达前中断：按退避重试。若请求可能已生效（effect 为 unknown），仅在请求幂等或带有厂商去重键时重发，否则先查询结果。"
        }
        (_, Lang::En) => {
            "A code the tables do not know: log the raw code, status and message with the request context, and alert."
        }
        (_, Lang::Zh) => "错误码不在表中：记录原始错误码、HTTP 状态、消息和请求上下文，并告警。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_and_redirect_statuses_say_nothing() {
        for s in [100, 200, 204, 301, 399] {
            assert_eq!(status_fallback(s), None, "{s}");
        }
    }

    #[test]
    fn failure_statuses_classify() {
        let c = |s| status_fallback(s).map(|(c, _, _)| c);
        assert_eq!(c(401), Some(Category::Auth));
        assert_eq!(c(404), Some(Category::NotFound));
        assert_eq!(c(429), Some(Category::RateLimited));
        assert_eq!(c(418), Some(Category::InvalidRequest));
        assert_eq!(c(502), Some(Category::Unavailable));
        assert_eq!(c(504), Some(Category::Timeout));
        assert_eq!(c(599), Some(Category::Internal));
        assert_eq!(c(999), Some(Category::Internal));
        assert_eq!(
            status_fallback(429).map(|(_, r, a)| (r, a)),
            Some((Retry::Backoff, Action::SlowDown))
        );
    }

    #[test]
    fn every_category_has_a_hint_in_both_languages() {
        use strum::IntoEnumIterator;
        for c in Category::iter() {
            assert!(!fallback_hint(c, Lang::En).is_empty());
            assert!(
                fallback_hint(c, Lang::Zh)
                    .chars()
                    .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))
            );
        }
        assert_ne!(
            fallback_hint(Category::RateLimited, Lang::En),
            fallback_hint(Category::Unknown, Lang::En)
        );
    }
}
