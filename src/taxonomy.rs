//! The taxonomy every entry is classified with: what went wrong
//! ([`Category`]), whether the same request may be sent again ([`Retry`]),
//! what the calling backend should do next ([`Action`]) and whether the
//! failed request changed anything ([`Effect`]).
//!
//! All four serialize in `snake_case` (`"invalid_request"`, `"after_reauth"`,
//! `"fix_request"`), parse from the same strings with [`std::str::FromStr`],
//! and iterate with [`strum::IntoEnumIterator`]. Each value is one row of a
//! table below: its rustdoc and its `description()` are the same sentence.

use serde::{Deserialize, Serialize};
use strum::{Display, EnumCount, EnumIter, EnumString, IntoStaticStr};

/// Declares a taxonomy enum from rows of `Variant => "what it means"`: the
/// sentence is both the variant's doc and what `description()` returns.
macro_rules! taxonomy {
    ($(#[$doc:meta])* pub enum $name:ident { $($variant:ident => $meaning:literal,)* }) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            Display, EnumString, EnumIter, EnumCount, IntoStaticStr,
        )]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name {
            $(#[doc = $meaning] $variant,)*
        }

        impl $name {
            /// What the value means, in one sentence (`docs/design.md`).
            pub const fn description(self) -> &'static str {
                match self {
                    $($name::$variant => $meaning,)*
                }
            }

            /// The `snake_case` name, as serialized.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    };
}

taxonomy! {
    /// What went wrong.
    pub enum Category {
        Ok => "Not an error: the vendor's success code.",
        Auth => "The caller's credentials are missing, malformed, invalid or expired (user token, admin or app token, UserSig, signature).",
        Session => "The end user's session ended elsewhere: kicked offline, logged in on another device, forced logout, session conflict.",
        Permission => "Authenticated, but not allowed: admin-only API, role too low, blocked by the other party, banned account.",
        InvalidRequest => "The request is malformed or breaks a documented constraint: missing field, bad JSON, too long, bad id format.",
        NotFound => "A referenced thing does not exist: user, group, conversation, message, file, API path.",
        Conflict => "It already exists or already holds: already a member or friend, already recalled or processed, duplicate id, concurrent write.",
        Precondition => "Not allowed in the current state: the owner cannot quit, the recall window passed, not friends, the group type does not support it, login in progress.",
        RateLimited => "Too many requests in a time window.",
        QuotaExceeded => "A plan or resource ceiling is reached: member cap, group count, daily push limit, account count.",
        FeatureDisabled => "The service or feature is not enabled for this app.",
        ContentRejected => "Blocked by moderation, a sensitive-word filter, or the app's own callback or webhook.",
        Network => "Client-side connectivity: no network, DNS or route, connection reset, socket errors.",
        Timeout => "The request or operation timed out; it may or may not have taken effect.",
        Unavailable => "The vendor is overloaded, restarting or unreachable: transient.",
        Internal => "An unspecified vendor-side internal error.",
        Client => "A local SDK or runtime failure: not initialized, local database, I/O, out of memory, file missing.",
        Unknown => "Not in the tables, and no range or HTTP status says more.",
    }
}

impl Category {
    /// The HTTP status a gateway should answer its own clients with when the
    /// upstream failed this way (`docs/design.md`): `auth` and `session` 401,
    /// `rate_limited` 429, `unavailable` 503, and so on; `ok` is 200.
    ///
    /// ```
    /// use imerr::Category;
    /// assert_eq!(Category::RateLimited.http_status(), 429);
    /// assert_eq!(Category::Timeout.http_status(), 504);
    /// ```
    pub const fn http_status(self) -> u16 {
        match self {
            Category::Ok => 200,
            Category::Auth | Category::Session => 401,
            Category::Permission => 403,
            Category::InvalidRequest => 400,
            Category::NotFound => 404,
            Category::Conflict => 409,
            Category::Precondition => 412,
            Category::RateLimited | Category::QuotaExceeded => 429,
            Category::FeatureDisabled => 501,
            Category::ContentRejected => 422,
            Category::Network | Category::Internal | Category::Unknown => 502,
            Category::Timeout => 504,
            Category::Unavailable => 503,
            Category::Client => 500,
        }
    }

    /// The gRPC status code number (as in `tonic::Code`) a gRPC gateway should
    /// answer with: `auth` 16 (UNAUTHENTICATED), `rate_limited` 8
    /// (RESOURCE_EXHAUSTED), `timeout` 4 (DEADLINE_EXCEEDED), and so on.
    ///
    /// ```
    /// use imerr::Category;
    /// assert_eq!(Category::NotFound.grpc_code(), 5);
    /// assert_eq!(Category::Ok.grpc_code(), 0);
    /// ```
    pub const fn grpc_code(self) -> i32 {
        match self {
            Category::Ok => 0,
            Category::Unknown => 2,
            Category::InvalidRequest | Category::ContentRejected => 3,
            Category::Timeout => 4,
            Category::NotFound => 5,
            Category::Conflict => 6,
            Category::Permission => 7,
            Category::RateLimited | Category::QuotaExceeded => 8,
            Category::Precondition => 9,
            Category::FeatureDisabled => 12,
            Category::Internal | Category::Client => 13,
            Category::Network | Category::Unavailable => 14,
            Category::Auth | Category::Session => 16,
        }
    }
}

taxonomy! {
    /// May the same request be sent again, and when.
    pub enum Retry {
        No => "It will fail the same way again.",
        Backoff => "Transient: retry with exponential backoff and jitter, a bounded number of times.",
        AfterReauth => "Retry once, after obtaining fresh credentials.",
    }
}

taxonomy! {
    /// What the calling backend should do next: the main handling decision.
    pub enum Action {
        None => "Success, nothing to do.",
        Retry => "Retry with backoff.",
        SlowDown => "Reduce the request rate (queue, spread, batch), then retry.",
        RefreshCredentials => "Server side: mint a new admin or app token or UserSig, then retry.",
        Relogin => "The end user must sign in again: clear local state, prompt.",
        FixRequest => "A bug in the caller: correct the request; do not retry.",
        CreateResource => "Create or register the referenced thing first (for example `user_register` before minting a token).",
        TreatAsSuccess => "The wanted state already holds.",
        InformUser => "Show the end user why (content rejected, muted, blocked, not friends).",
        EnableFeature => "Switch the feature on in the vendor console.",
        UpgradePlan => "Raise the quota or plan, or free resources.",
        FixConfig => "The deployment is misconfigured: app id, secret, key, certificate, URL, port.",
        ContactVendor => "A vendor-side problem that persists: open a ticket.",
        Investigate => "Nothing better is known: log it with context and alert.",
    }
}

taxonomy! {
    /// Did the failed request change anything on the vendor's side? The
    /// question before any resend: resending a request that took effect
    /// duplicates it (a message shown twice), not resending one that did not
    /// loses it.
    pub enum Effect {
        None => "The vendor rejected the request before acting on it: nothing changed, so a resend cannot duplicate anything.",
        Unknown => "It may have taken effect (timeout, 5xx, proxy page, dropped connection): resend only what is idempotent or carries the vendor's dedupe key.",
        Partial => "Some items of a batch were applied and others not: resend only the failed items.",
        Applied => "The wanted state holds (success, or a code meaning it already held): do not resend.",
    }
}

impl Effect {
    /// The effect a code has unless its entry says otherwise: `applied` for
    /// success and for codes whose action is `treat_as_success`; `unknown`
    /// where the request may have run before it failed (timeout, network,
    /// unavailable, internal, unknown); `none` for every rejection.
    ///
    /// ```
    /// use imerr::{Action, Category, Effect};
    /// assert_eq!(Effect::default_for(Category::Timeout, Action::Retry), Effect::Unknown);
    /// assert_eq!(Effect::default_for(Category::Auth, Action::RefreshCredentials), Effect::None);
    /// assert_eq!(Effect::default_for(Category::Conflict, Action::TreatAsSuccess), Effect::Applied);
    /// ```
    pub const fn default_for(category: Category, action: Action) -> Effect {
        if matches!(category, Category::Ok) || matches!(action, Action::TreatAsSuccess) {
            return Effect::Applied;
        }
        match category {
            Category::Network
            | Category::Timeout
            | Category::Unavailable
            | Category::Internal
            | Category::Unknown => Effect::Unknown,
            _ => Effect::None,
        }
    }
}
