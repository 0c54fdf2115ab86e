//! What a `data/<vendor>.toml` file holds: the types serde reads it into,
//! as written (`FileDef`, `EntryDef`, `RangeDef`), and the validated tables
//! `build.rs` generates code from (`Table`, `Entry`, `Range`). The rules that
//! lead from one to the other are in `validate.rs`.
//!
//! Shared by `build.rs` and the tests, so it depends only on `serde`, `toml`
//! and the crate's own id and taxonomy types.

use std::fmt;

use serde::Deserialize;

use super::taxonomy::{Action, Category, Effect, Retry};
use super::validate;
use super::vendor::{Origin, Surface, Vendor};

/// A code as written in a data file: a number, or an Easemob REST error type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(untagged)]
pub enum CodeDef {
    Number(i64),
    Text(String),
}

impl fmt::Display for CodeDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeDef::Number(n) => write!(f, "{n}"),
            CodeDef::Text(s) => write!(f, "{s}"),
        }
    }
}

/// A data file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileDef {
    pub vendor: String,
    pub name: String,
    pub surfaces: Vec<String>,
    #[serde(default)]
    pub entry: Vec<EntryDef>,
    #[serde(default)]
    pub range: Vec<RangeDef>,
}

/// One `(status, error, message)` triple an Easemob REST entry covers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sample {
    pub status: Option<u16>,
    pub error: Option<String>,
    pub message: Option<String>,
}

/// One `[[entry]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryDef {
    pub surface: String,
    pub code: Option<CodeDef>,
    pub status: Option<u16>,
    pub message: Option<String>,
    pub pattern: Option<String>,
    pub error_code: Option<i64>,
    #[serde(default)]
    pub samples: Vec<Sample>,
    pub symbol: Option<String>,
    #[serde(default)]
    pub symbol_ours: bool,
    pub variant: Option<String>,
    pub category: Option<String>,
    pub retry: Option<String>,
    pub action: Option<String>,
    pub effect: Option<String>,
    pub retry_after: Option<u32>,
    pub closes_connection: Option<bool>,
    pub versions: Option<String>,
    pub versions_zh: Option<String>,
    pub alias_of: Option<CodeDef>,
    pub origin: Option<String>,
    #[serde(default)]
    pub phrases: Vec<String>,
    pub summary: Option<String>,
    pub summary_zh: Option<String>,
    pub hint: Option<String>,
    pub hint_zh: Option<String>,
    pub note: Option<String>,
}

/// One `[[range]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeDef {
    pub surface: String,
    pub first: i64,
    pub last: i64,
    pub symbol: Option<String>,
    #[serde(default)]
    pub symbol_ours: bool,
    pub variant: Option<String>,
    pub category: Option<String>,
    pub retry: Option<String>,
    pub action: Option<String>,
    pub effect: Option<String>,
    pub retry_after: Option<u32>,
    pub summary: Option<String>,
    pub summary_zh: Option<String>,
    pub hint: Option<String>,
    pub hint_zh: Option<String>,
    pub note: Option<String>,
}

/// The texts every entry and range carries.
#[derive(Debug, Clone)]
pub struct Texts {
    pub summary: String,
    pub summary_zh: String,
    pub hint: String,
    pub hint_zh: String,
}

/// The classification every entry and range carries.
#[derive(Debug, Clone, Copy)]
pub struct Class {
    pub category: Category,
    pub retry: Retry,
    pub action: Action,
    /// As written, or derived from the category and action.
    pub effect: Effect,
    pub retry_after: Option<u32>,
}

/// A validated entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub surface: Surface,
    pub code: Option<CodeDef>,
    pub status: Option<u16>,
    pub message: Option<String>,
    pub pattern: Option<String>,
    pub error_code: Option<i64>,
    pub samples: Vec<Sample>,
    pub symbol: String,
    pub symbol_ours: bool,
    pub variant: String,
    pub class: Class,
    pub closes_connection: Option<bool>,
    pub versions: Option<String>,
    pub versions_zh: Option<String>,
    /// The code of the entry this one is another spelling or an older
    /// number of; its class and texts are that entry's.
    pub alias_of: Option<CodeDef>,
    pub origin: Origin,
    /// Texts that name this code inside another code's message (a wrapper)
    /// or a log line, where the number itself is absent.
    pub phrases: Vec<String>,
    pub texts: Texts,
    pub note: Option<String>,
}

impl Entry {
    /// The entry's numeric code, when it has one.
    pub fn number(&self) -> Option<i64> {
        match self.code {
            Some(CodeDef::Number(n)) => Some(n),
            _ => None,
        }
    }
}

/// A validated range.
#[derive(Debug, Clone)]
pub struct Range {
    pub surface: Surface,
    pub first: i64,
    pub last: i64,
    pub symbol: String,
    pub symbol_ours: bool,
    pub class: Class,
    pub texts: Texts,
    pub note: Option<String>,
}

/// A validated vendor file.
#[derive(Debug, Clone)]
pub struct Table {
    pub vendor: Vendor,
    pub name: String,
    pub surfaces: Vec<Surface>,
    pub entries: Vec<Entry>,
    pub ranges: Vec<Range>,
}

impl Table {
    /// The entries of one surface, in file order.
    pub fn surface_entries(&self, surface: Surface) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.surface == surface)
    }

    /// Whether a surface's codes are text looked up exactly (Matrix
    /// errcodes, NetEase web SDK codes), not integers or Easemob REST types.
    pub fn is_text_coded(&self, surface: Surface) -> bool {
        !self.vendor.matches_errors(surface)
            && self
                .surface_entries(surface)
                .any(|e| matches!(e.code, Some(CodeDef::Text(_))))
    }
}

/// The Rust variant name generated from an official symbol:
/// `ERR_SVR_SSO_UNSURPPORT` -> `ErrSvrSsoUnsurpport`, `ArgsError` -> `ArgsError`.
pub fn variant_name(symbol: &str) -> String {
    let mut out = String::new();
    for part in symbol.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        let Some(first) = chars.next() else { continue };
        out.push(first.to_ascii_uppercase());
        let rest: String = chars.collect();
        let mixed = rest.chars().any(|c| c.is_ascii_lowercase())
            && (rest.chars().any(|c| c.is_ascii_uppercase()) || first.is_ascii_uppercase());
        if mixed {
            out.push_str(&rest);
        } else {
            out.push_str(&rest.to_ascii_lowercase());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Code");
    }
    out
}

/// Parses and validates the text of one data file. `file` names it in every
/// message (`data/openim.toml`). On failure, every problem found is returned,
/// one message per problem.
pub fn parse(file: &str, text: &str) -> Result<Table, Vec<String>> {
    let def: FileDef = toml::from_str(text).map_err(|e| {
        vec![format!(
            "{file}: {}",
            e.to_string().trim_end().replace('\n', "\n    ")
        )]
    })?;
    validate::table(file, def)
}
