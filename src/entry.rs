//! The metadata of known codes ([`Entry`]) and documented ranges ([`Range`]),
//! and the result of a lookup by code ([`Lookup`]).

use std::time::Duration;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::{Action, Category, Effect, Origin, Retry, Surface, Vendor};

/// A code as the vendor sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(untagged)]
pub enum Code {
    /// A numeric code (`errCode`, `ErrorCode`, `code`).
    Number(i64),
    /// A textual code: an Easemob REST error type (the body's `error`
    /// field), a Matrix `errcode`, a NetEase web SDK code.
    ErrorType(&'static str),
}

/// One known code of one vendor's surface, with its classification and texts.
///
/// Entries are static: every lookup returns a `&'static Entry` and never
/// allocates.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The vendor.
    pub vendor: Vendor,
    /// Where the code comes from (server, SDK, ...).
    pub surface: Surface,
    /// The code; `None` only for Easemob REST entries keyed on the HTTP status
    /// alone.
    pub code: Option<Code>,
    /// The HTTP status sent with this error (Easemob REST).
    pub status: Option<u16>,
    /// The vendor's official constant name (spelling kept), or ours when
    /// [`symbol_ours`](Self::symbol_ours) is set.
    pub symbol: &'static str,
    /// Whether the vendor has no name for this code and the symbol is ours.
    pub symbol_ours: bool,
    /// The exact message the server sends for this code, when it is fixed.
    pub message: Option<&'static str>,
    /// The message with its variable parts written as `*` (Easemob REST).
    pub pattern: Option<&'static str>,
    /// The numeric `error_code` of an Easemob streaming-message error.
    pub error_code: Option<i64>,
    /// What went wrong.
    pub category: Category,
    /// Whether the same request may be sent again.
    pub retry: Retry,
    /// What the calling backend should do next.
    pub action: Action,
    /// Whether the failed request changed anything.
    pub effect: Effect,
    /// The window the vendor states before a retry can succeed, in seconds.
    pub retry_after_secs: Option<u32>,
    /// LeanCloud realtime: whether the server closes the connection.
    pub closes_connection: Option<bool>,
    /// The versions in which the code exists, when not all of them.
    pub versions: Option<&'static str>,
    /// The versions, in Chinese.
    pub versions_zh: Option<&'static str>,
    /// The code of the entry this one is another spelling or an older
    /// number of (its class and texts are that entry's).
    pub alias_of: Option<Code>,
    /// Who produces the code.
    pub origin: Origin,
    /// What happened and why, in English.
    pub summary: &'static str,
    /// What happened and why, in Chinese.
    pub summary_zh: &'static str,
    /// What to do about it, in English.
    pub hint: &'static str,
    /// What to do about it, in Chinese.
    pub hint_zh: &'static str,
    /// Sources, and the choice made where sources conflict.
    pub note: Option<&'static str>,
}

impl Entry {
    /// The numeric code, when the entry has one.
    pub const fn number(&self) -> Option<i64> {
        match self.code {
            Some(Code::Number(n)) => Some(n),
            _ => None,
        }
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

    /// The message, or the pattern when the message varies.
    pub const fn message_or_pattern(&self) -> Option<&'static str> {
        match self.message {
            Some(m) => Some(m),
            None => self.pattern,
        }
    }

    /// The summary in the given language.
    pub const fn summary_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.summary,
            Lang::Zh => self.summary_zh,
        }
    }

    /// The hint in the given language.
    pub const fn hint_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.hint,
            Lang::Zh => self.hint_zh,
        }
    }
}

/// A vendor-documented range of codes (Tencent 120001-130000 for an app's own
/// callback codes, OpenIM 20001-29999 for business codes): a code in no entry
/// but inside a range is classified by the range.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Range {
    /// The vendor.
    pub vendor: Vendor,
    /// Where the codes come from.
    pub surface: Surface,
    /// The first code of the range.
    pub first: i64,
    /// The last code of the range (inclusive).
    pub last: i64,
    /// A name for the range (ours unless [`symbol_ours`](Self::symbol_ours) is false).
    pub symbol: &'static str,
    /// Whether the name is ours.
    pub symbol_ours: bool,
    /// What went wrong.
    pub category: Category,
    /// Whether the same request may be sent again.
    pub retry: Retry,
    /// What the calling backend should do next.
    pub action: Action,
    /// Whether the failed request changed anything.
    pub effect: Effect,
    /// The stated wait before a retry, in seconds.
    pub retry_after_secs: Option<u32>,
    /// What the codes in the range mean, in English.
    pub summary: &'static str,
    /// What the codes in the range mean, in Chinese.
    pub summary_zh: &'static str,
    /// What to do, in English.
    pub hint: &'static str,
    /// What to do, in Chinese.
    pub hint_zh: &'static str,
    /// Sources.
    pub note: Option<&'static str>,
}

impl Range {
    /// Whether `code` is inside the range.
    pub const fn contains(&self, code: i64) -> bool {
        self.first <= code && code <= self.last
    }
}

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

    /// The category; `unknown` when nothing matched.
    pub const fn category(&self) -> Category {
        match self {
            Match::Entry(e) => e.category,
            Match::Range(r) => r.category,
            Match::Unknown => Category::Unknown,
        }
    }

    /// Whether and how to retry; `no` when nothing matched.
    pub const fn retry(&self) -> Retry {
        match self {
            Match::Entry(e) => e.retry,
            Match::Range(r) => r.retry,
            Match::Unknown => Retry::No,
        }
    }

    /// What to do next; `investigate` when nothing matched.
    pub const fn action(&self) -> Action {
        match self {
            Match::Entry(e) => e.action,
            Match::Range(r) => r.action,
            Match::Unknown => Action::Investigate,
        }
    }

    /// The stated wait before a retry, if any.
    pub const fn retry_after(&self) -> Option<Duration> {
        let secs = match self {
            Match::Entry(e) => e.retry_after_secs,
            Match::Range(r) => r.retry_after_secs,
            Match::Unknown => None,
        };
        match secs {
            Some(s) => Some(Duration::from_secs(s as u64)),
            None => None,
        }
    }

    /// The symbol of the entry or range.
    pub const fn symbol(&self) -> Option<&'static str> {
        match self {
            Match::Entry(e) => Some(e.symbol),
            Match::Range(r) => Some(r.symbol),
            Match::Unknown => None,
        }
    }

    /// The summary of the entry or range, in the given language.
    pub const fn summary(&self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (Match::Entry(e), _) => Some(e.summary_in(lang)),
            (Match::Range(r), Lang::En) => Some(r.summary),
            (Match::Range(r), Lang::Zh) => Some(r.summary_zh),
            (Match::Unknown, _) => None,
        }
    }

    /// The hint of the entry or range, in the given language.
    pub const fn hint(&self, lang: Lang) -> Option<&'static str> {
        match (self, lang) {
            (Match::Entry(e), _) => Some(e.hint_in(lang)),
            (Match::Range(r), Lang::En) => Some(r.hint),
            (Match::Range(r), Lang::Zh) => Some(r.hint_zh),
            (Match::Unknown, _) => None,
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

// The JSON shape of DESIGN.md's `imerr docs --format json`.
impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("vendor", &self.vendor)?;
        m.serialize_entry("surface", &self.surface)?;
        m.serialize_entry("code", &self.code)?;
        m.serialize_entry("status", &self.status)?;
        if self.error_code.is_some() {
            m.serialize_entry("error_code", &self.error_code)?;
        }
        m.serialize_entry("symbol", self.symbol)?;
        m.serialize_entry("symbol_ours", &self.symbol_ours)?;
        m.serialize_entry("message", &self.message_or_pattern())?;
        m.serialize_entry("category", &self.category)?;
        m.serialize_entry("retry", &self.retry)?;
        m.serialize_entry("action", &self.action)?;
        m.serialize_entry("retry_after", &self.retry_after_secs)?;
        if self.closes_connection.is_some() {
            m.serialize_entry("closes_connection", &self.closes_connection)?;
        }
        m.serialize_entry("versions", &self.versions)?;
        m.serialize_entry("summary", self.summary)?;
        m.serialize_entry("summary_zh", self.summary_zh)?;
        m.serialize_entry("hint", self.hint)?;
        m.serialize_entry("hint_zh", self.hint_zh)?;
        m.end()
    }
}

impl Serialize for Range {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("vendor", &self.vendor)?;
        m.serialize_entry("surface", &self.surface)?;
        m.serialize_entry("first", &self.first)?;
        m.serialize_entry("last", &self.last)?;
        m.serialize_entry("status", &None::<u16>)?;
        m.serialize_entry("symbol", self.symbol)?;
        m.serialize_entry("symbol_ours", &self.symbol_ours)?;
        m.serialize_entry("message", &None::<&str>)?;
        m.serialize_entry("category", &self.category)?;
        m.serialize_entry("retry", &self.retry)?;
        m.serialize_entry("action", &self.action)?;
        m.serialize_entry("retry_after", &self.retry_after_secs)?;
        m.serialize_entry("summary", self.summary)?;
        m.serialize_entry("summary_zh", self.summary_zh)?;
        m.serialize_entry("hint", self.hint)?;
        m.serialize_entry("hint_zh", self.hint_zh)?;
        m.end()
    }
}

/// One surface's tables, as generated by `build.rs`.
#[derive(Debug)]
pub(crate) struct SurfaceTable {
    pub(crate) surface: Surface,
    pub(crate) entries: &'static [Entry],
    pub(crate) ranges: &'static [Range],
    /// Code -> index in `entries`.
    pub(crate) by_code: &'static CodeIndex,
    /// Text code -> index in `entries` (Matrix errcodes, NetEase web codes).
    pub(crate) by_text: &'static phf::Map<&'static str, u16>,
    /// Official symbol -> index in `entries`.
    pub(crate) by_symbol: &'static phf::Map<&'static str, u16>,
}

/// A minimal perfect hash of one surface's numeric codes, generated by
/// `codegen/generate.rs` (which explains the construction): a probe is one
/// multiply and three loads from tables of a few kilobytes, with no branch
/// but the final compare, for known and unknown codes alike. It replaced a
/// phf map, whose SipHash made it slower than a `std` `HashMap`
/// (`benches/lookup.rs`, BENCHMARKS.md).
#[derive(Debug)]
pub(crate) struct CodeIndex {
    pub(crate) seed: u64,
    /// Per bucket, the value XORed into the slot; never empty.
    pub(crate) disp: &'static [u16],
    /// Per slot (a power of two of them), the code that lives there; an
    /// empty slot holds a code that hashes elsewhere, so no probe matches it.
    pub(crate) keys: &'static [i64],
    /// Per slot, the index of the entry.
    pub(crate) index: &'static [u16],
}

impl CodeIndex {
    /// The index of the entry with this code.
    #[inline]
    pub(crate) fn get(&self, code: i64) -> Option<u16> {
        let h = crate::code_hash::code_hash(code, self.seed);
        let bucket = ((h >> 32) * self.disp.len() as u64) >> 32;
        let d = usize::from(*self.disp.get(bucket as usize)?);
        let slot = (h as usize ^ d) & (self.keys.len().wrapping_sub(1));
        if *self.keys.get(slot)? == code {
            self.index.get(slot).copied()
        } else {
            None
        }
    }
}

impl SurfaceTable {
    #[inline]
    pub(crate) fn resolve(&self, code: i64) -> Match {
        if let Some(i) = self.by_code.get(code) {
            return Match::Entry(&self.entries[usize::from(i)]);
        }
        match self.ranges.iter().find(|r| r.contains(code)) {
            Some(r) => Match::Range(r),
            None => Match::Unknown,
        }
    }

    pub(crate) fn by_symbol(&self, symbol: &str) -> Option<&'static Entry> {
        self.by_symbol
            .get(symbol)
            .map(|&i| &self.entries[usize::from(i)])
    }
}

/// Implements the common API of a generated per-surface code enum.
macro_rules! surface_code_enum {
    ($name:ident, $entries:ident, $by_symbol:ident) => {
        impl $name {
            /// The metadata of this code.
            pub fn entry(self) -> &'static $crate::Entry {
                &$entries[self as usize]
            }

            /// The official symbol (or ours, see [`Entry::symbol_ours`](crate::Entry::symbol_ours)).
            pub fn symbol(self) -> &'static str {
                self.entry().symbol
            }

            /// The code whose official symbol is `symbol` (exact spelling).
            pub fn from_symbol(symbol: &str) -> Option<Self> {
                $by_symbol
                    .get(symbol)
                    .map(|&i| <Self as strum::VariantArray>::VARIANTS[usize::from(i)])
            }

            /// What went wrong.
            pub fn category(self) -> $crate::Category {
                self.entry().category
            }

            /// Whether and how to retry.
            pub fn retry(self) -> $crate::Retry {
                self.entry().retry
            }

            /// What to do next.
            pub fn action(self) -> $crate::Action {
                self.entry().action
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.symbol())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.symbol())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Self::from_symbol(&s).ok_or_else(|| {
                    serde::de::Error::custom(format_args!(
                        "unknown symbol {s:?} for {}",
                        stringify!($name)
                    ))
                })
            }
        }
    };
    ($name:ident, $entries:ident, $by_symbol:ident, $by_code:ident, $codes:ident) => {
        $crate::entry::surface_code_enum!($name, $entries, $by_symbol);

        impl $name {
            /// The numeric code.
            pub fn code(self) -> i64 {
                $codes[self as usize]
            }

            /// The known code with this number on this surface, or `None` for a
            /// code the tables do not hold (see [`lookup`](crate::lookup) for the
            /// range fallback).
            pub fn from_code(code: i64) -> Option<Self> {
                $by_code
                    .get(code)
                    .map(|i| <Self as strum::VariantArray>::VARIANTS[usize::from(i)])
            }
        }

        impl TryFrom<i64> for $name {
            type Error = $crate::UnknownCode;

            fn try_from(code: i64) -> Result<Self, Self::Error> {
                Self::from_code(code).ok_or($crate::UnknownCode(code))
            }
        }

        impl From<$name> for i64 {
            fn from(c: $name) -> i64 {
                c.code()
            }
        }
    };
}
pub(crate) use surface_code_enum;
