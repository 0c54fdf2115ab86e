//! What a code resolved to ([`Match`]) and the result of a lookup by
//! number ([`Lookup`]).

use std::time::Duration;

use super::entry::{Entry, Range};
use super::meta::{Lang, Meta};
use crate::{Action, Category, Effect, Retry, Surface, Vendor};

/// What a code resolved to: a known entry, a documented range, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The code is in the tables.
    Entry(&'static Entry),
    /// The code is not in the tables but inside a documented range.
    Range(&'static Range),
    /// Neither: a code we have never seen.
    Unknown,
}

impl Match {
    /// Whether the code is in the tables (a range match is not "known").
    pub const fn known(&self) -> bool {
        matches!(self, Match::Entry(_))
    }

    /// The entry, when the code is known.
    pub const fn entry(&self) -> Option<&'static Entry> {
        match self {
            Match::Entry(e) => Some(e),
            _ => None,
        }
    }

    /// The range, when the code fell into one.
    pub const fn range(&self) -> Option<&'static Range> {
        match self {
            Match::Range(r) => Some(r),
            _ => None,
        }
    }

    /// The meta of the entry or range.
    pub const fn meta(&self) -> Option<&'static Meta> {
        match self {
            Match::Entry(e) => Some(&e.meta),
            Match::Range(r) => Some(&r.meta),
            Match::Unknown => None,
        }
    }

    /// The category; `unknown` when nothing matched.
    pub const fn category(&self) -> Category {
        match self.meta() {
            Some(m) => m.category,
            None => Category::Unknown,
        }
    }

    /// Whether and how to retry; `no` when nothing matched.
    pub const fn retry(&self) -> Retry {
        match self.meta() {
            Some(m) => m.retry,
            None => Retry::No,
        }
    }

    /// What to do next; `investigate` when nothing matched.
    pub const fn action(&self) -> Action {
        match self.meta() {
            Some(m) => m.action,
            None => Action::Investigate,
        }
    }

    /// Whether the failed request changed anything; `unknown` when nothing
    /// matched.
    pub const fn effect(&self) -> Effect {
        match self.meta() {
            Some(m) => m.effect,
            None => Effect::Unknown,
        }
    }

    /// The stated wait before a retry, if any.
    pub const fn retry_after(&self) -> Option<Duration> {
        match self.meta() {
            Some(m) => m.retry_after(),
            None => None,
        }
    }

    /// The symbol of the entry or range.
    pub const fn symbol(&self) -> Option<&'static str> {
        match self.meta() {
            Some(m) => Some(m.symbol),
            None => None,
        }
    }

    /// The summary of the entry or range, in the given language.
    pub const fn summary(&self, lang: Lang) -> Option<&'static str> {
        match self.meta() {
            Some(m) => Some(m.summary(lang)),
            None => None,
        }
    }

    /// The hint of the entry or range, in the given language.
    pub const fn hint(&self, lang: Lang) -> Option<&'static str> {
        match self.meta() {
            Some(m) => Some(m.hint(lang)),
            None => None,
        }
    }
}

/// The result of looking a numeric code up with [`lookup`](crate::lookup):
/// the raw code is always kept, whether or not the tables know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lookup {
    /// The vendor asked about.
    pub vendor: Vendor,
    /// The surface asked about.
    pub surface: Surface,
    /// The raw code, as given.
    pub code: i64,
    /// What the code resolved to.
    pub matched: Match,
}

impl Lookup {
    /// Whether the code is in the tables.
    pub const fn known(&self) -> bool {
        self.matched.known()
    }

    /// Whether sending the same request again can succeed.
    pub const fn is_retryable(&self) -> bool {
        !matches!(self.matched.retry(), Retry::No)
    }
}
