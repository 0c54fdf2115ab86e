//! Known codes ([`Entry`]) and vendor-documented ranges of codes
//! ([`Range`]), as the build script generates them from `data/`.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::key::EntryKey;
use super::meta::{Lang, Meta, Texts};
use crate::{Origin, Surface, Vendor};

/// A code as the vendor sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(untagged)]
pub enum Code {
    /// A numeric code (`errCode`, `ErrorCode`, `code`).
    Number(i64),
    /// A textual code: an Easemob REST error type (the body's `error`
    /// field), a Matrix `errcode`, a NetEase web SDK code.
    Text(&'static str),
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Number(n) => n.fmt(f),
            Code::Text(t) => f.write_str(t),
        }
    }
}

/// One known code of one vendor's surface: how it is keyed, and its
/// [`Meta`] (symbol, classification, texts).
///
/// Entries are static: every lookup returns a `&'static Entry` and never
/// allocates.
///
/// ```
/// use imerr::{Category, Code, Surface, Vendor, lookup_symbol};
///
/// let e = lookup_symbol(Vendor::Tencent, Surface::Server, "ERR_SVR_ACCOUNT_USERSIG_EXPIRED").unwrap();
/// assert_eq!(e.code(), Some(Code::Number(70001)));
/// assert_eq!(e.meta().category(), Category::Auth);
/// assert_eq!(e.key().to_string(), "70001");
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Entry {
    pub(crate) vendor: Vendor,
    pub(crate) surface: Surface,
    pub(crate) code: Option<Code>,
    pub(crate) status: Option<u16>,
    pub(crate) message: Option<&'static str>,
    pub(crate) pattern: Option<&'static str>,
    pub(crate) error_code: Option<i64>,
    pub(crate) closes_connection: Option<bool>,
    pub(crate) versions: Option<Texts>,
    pub(crate) alias_of: Option<Code>,
    pub(crate) origin: Origin,
    pub(crate) meta: Meta,
}

impl Entry {
    /// The vendor.
    pub const fn vendor(&self) -> Vendor {
        self.vendor
    }

    /// Where the code comes from (server, SDK, ...).
    pub const fn surface(&self) -> Surface {
        self.surface
    }

    /// The code; `None` only for Easemob REST entries keyed on the HTTP
    /// status alone.
    pub const fn code(&self) -> Option<Code> {
        self.code
    }

    /// The numeric code, when the entry has one.
    pub const fn number(&self) -> Option<i64> {
        match self.code {
            Some(Code::Number(n)) => Some(n),
            _ => None,
        }
    }

    /// The HTTP status the vendor sends with this error: part of the key on
    /// Easemob REST, the usual status elsewhere (RongCloud, Matrix).
    pub const fn status(&self) -> Option<u16> {
        self.status
    }

    /// The exact message the server sends for this code, when it is fixed.
    pub const fn message(&self) -> Option<&'static str> {
        self.message
    }

    /// The message with its variable parts written as `*` (Easemob REST).
    pub const fn pattern(&self) -> Option<&'static str> {
        self.pattern
    }

    /// The message, or the pattern when the message varies.
    pub const fn message_or_pattern(&self) -> Option<&'static str> {
        match self.message {
            Some(m) => Some(m),
            None => self.pattern,
        }
    }

    /// The numeric `error_code` of an Easemob streaming-message error.
    pub const fn error_code(&self) -> Option<i64> {
        self.error_code
    }

    /// LeanCloud realtime: whether the server closes the connection, where
    /// a source says.
    pub const fn closes_connection(&self) -> Option<bool> {
        self.closes_connection
    }

    /// The versions in which the code exists, when not all of them.
    pub const fn versions(&self, lang: Lang) -> Option<&'static str> {
        match &self.versions {
            Some(t) => Some(t.get(lang)),
            None => None,
        }
    }

    /// The code of the entry this one is another spelling or an older
    /// number of (a Matrix unstable-prefixed errcode, a renumbered NetEase
    /// code); its meta is that entry's.
    pub const fn alias_of(&self) -> Option<Code> {
        self.alias_of
    }

    /// Who produces the code.
    pub const fn origin(&self) -> Origin {
        self.origin
    }

    /// What the code means and what to do about it.
    pub const fn meta(&self) -> &Meta {
        &self.meta
    }

    /// How the entry is named: its code, with the HTTP status where the
    /// status is part of the key (`HTTP 401 unauthorized`).
    pub fn key(&self) -> impl std::fmt::Display + '_ {
        EntryKey {
            status: self
                .status
                .filter(|_| self.vendor.matches_errors(self.surface)),
            code: self.code.as_ref().map(|c| c as &dyn std::fmt::Display),
        }
    }
}

/// A vendor-documented range of codes (Tencent 120001-130000 for an app's own
/// callback codes, OpenIM 20001-29999 for business codes): a code in no entry
/// but inside a range is classified by the range.
#[derive(Debug, PartialEq, Eq)]
pub struct Range {
    pub(crate) vendor: Vendor,
    pub(crate) surface: Surface,
    pub(crate) first: i64,
    pub(crate) last: i64,
    pub(crate) meta: Meta,
}

impl Range {
    /// The vendor.
    pub const fn vendor(&self) -> Vendor {
        self.vendor
    }

    /// Where the codes come from.
    pub const fn surface(&self) -> Surface {
        self.surface
    }

    /// The first code of the range.
    pub const fn first(&self) -> i64 {
        self.first
    }

    /// The last code of the range (inclusive).
    pub const fn last(&self) -> i64 {
        self.last
    }

    /// Whether `code` is inside the range.
    pub const fn contains(&self, code: i64) -> bool {
        self.first <= code && code <= self.last
    }

    /// What the codes in the range mean and what to do about them; the
    /// symbol names the range.
    pub const fn meta(&self) -> &Meta {
        &self.meta
    }
}

/// The fields every row of the JSON docs shares, after its key.
fn serialize_meta<M: SerializeMap>(m: &mut M, meta: &Meta) -> Result<(), M::Error> {
    m.serialize_entry("category", &meta.category)?;
    m.serialize_entry("retry", &meta.retry)?;
    m.serialize_entry("action", &meta.action)?;
    m.serialize_entry("effect", &meta.effect)?;
    m.serialize_entry("retry_after", &meta.retry_after_secs)
}

fn serialize_texts<M: SerializeMap>(m: &mut M, meta: &Meta) -> Result<(), M::Error> {
    m.serialize_entry("summary", meta.summary.en)?;
    m.serialize_entry("summary_zh", meta.summary.zh)?;
    m.serialize_entry("hint", meta.hint.en)?;
    m.serialize_entry("hint_zh", meta.hint.zh)
}

// One row of `imerr docs --format json` (docs/design.md).
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
        m.serialize_entry("symbol", self.meta.symbol)?;
        m.serialize_entry("symbol_ours", &self.meta.symbol_ours)?;
        m.serialize_entry("message", &self.message_or_pattern())?;
        serialize_meta(&mut m, &self.meta)?;
        if self.closes_connection.is_some() {
            m.serialize_entry("closes_connection", &self.closes_connection)?;
        }
        m.serialize_entry("versions", &self.versions(Lang::En))?;
        m.serialize_entry("versions_zh", &self.versions(Lang::Zh))?;
        if self.alias_of.is_some() {
            m.serialize_entry("alias_of", &self.alias_of)?;
        }
        if self.origin != Origin::Vendor {
            m.serialize_entry("origin", &self.origin)?;
        }
        serialize_texts(&mut m, &self.meta)?;
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
        m.serialize_entry("symbol", self.meta.symbol)?;
        m.serialize_entry("symbol_ours", &self.meta.symbol_ours)?;
        m.serialize_entry("message", &None::<&str>)?;
        serialize_meta(&mut m, &self.meta)?;
        serialize_texts(&mut m, &self.meta)?;
        m.end()
    }
}
