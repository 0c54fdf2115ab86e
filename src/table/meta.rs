//! What a code means and what to do about it ([`Meta`]), shared by known
//! codes and documented ranges, and the two languages of its texts.

use std::time::Duration;

use crate::{Action, Category, Effect, Retry};

/// A language for the texts: English or Chinese.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    strum::Display,
    strum::EnumString,
    strum::EnumIter,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (simplified).
    Zh,
}

impl Lang {
    /// The language id, as serialized (`"en"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Texts {
    pub(crate) en: &'static str,
    pub(crate) zh: &'static str,
}

impl Texts {
    pub(crate) const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// What a code (or a range of codes) means and what to do about it: its
/// symbol, its classification and its texts. Static, like everything the
/// tables hold.
///
/// ```
/// use imerr::{Action, Lang, Surface, Vendor, lookup};
///
/// let meta = lookup(Vendor::OpenIm, Surface::Server, 1501).matched.meta().unwrap();
/// assert_eq!(meta.symbol(), "TokenExpiredError");
/// assert_eq!(meta.action(), Action::RefreshCredentials);
/// assert!(!meta.hint(Lang::Zh).is_empty());
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Meta {
    pub(crate) symbol: &'static str,
    pub(crate) symbol_ours: bool,
    pub(crate) category: Category,
    pub(crate) retry: Retry,
    pub(crate) action: Action,
    pub(crate) effect: Effect,
    pub(crate) retry_after_secs: Option<u32>,
    pub(crate) summary: Texts,
    pub(crate) hint: Texts,
}

impl Meta {
    /// The vendor's official constant name (spelling kept), or ours when
    /// [`is_symbol_ours`](Self::is_symbol_ours).
    pub const fn symbol(&self) -> &'static str {
        self.symbol
    }

    /// Whether the vendor has no name for the code and the symbol is ours.
    pub const fn is_symbol_ours(&self) -> bool {
        self.symbol_ours
    }

    /// What went wrong.
    pub const fn category(&self) -> Category {
        self.category
    }

    /// Whether the same request may be sent again, and when.
    pub const fn retry(&self) -> Retry {
        self.retry
    }

    /// What the calling backend should do next.
    pub const fn action(&self) -> Action {
        self.action
    }

    /// Whether the failed request changed anything.
    pub const fn effect(&self) -> Effect {
        self.effect
    }

    /// Whether sending the same request again can succeed (after backoff or
    /// after fresh credentials).
    pub const fn is_retryable(&self) -> bool {
        !matches!(self.retry, Retry::No)
    }

    /// The minimum wait the vendor states before a retry, if any.
    pub const fn retry_after(&self) -> Option<Duration> {
        match self.retry_after_secs {
            Some(s) => Some(Duration::from_secs(s as u64)),
            None => None,
        }
    }

    /// What happened and why.
    pub const fn summary(&self, lang: Lang) -> &'static str {
        self.summary.get(lang)
    }

    /// What to do about it.
    pub const fn hint(&self, lang: Lang) -> &'static str {
        self.hint.get(lang)
    }
}
