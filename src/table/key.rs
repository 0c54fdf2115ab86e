//! How an entry is named in messages, the CLI and the generated docs: its
//! code, with the HTTP status where the status is part of the key (Easemob
//! REST: `HTTP 401 unauthorized`). Shared by the build script's validator
//! and the library, so both name entries alike.

use std::fmt;

/// An entry's key, ready to print.
pub struct EntryKey<'a> {
    /// The HTTP status, when it is part of the key.
    pub status: Option<u16>,
    /// The code, when the entry has one.
    pub code: Option<&'a dyn fmt::Display>,
}

impl fmt::Display for EntryKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.status, self.code) {
            (Some(s), Some(c)) => write!(f, "HTTP {s} {c}"),
            (Some(s), None) => write!(f, "HTTP {s}"),
            (None, Some(c)) => c.fmt(f),
            (None, None) => Ok(()),
        }
    }
}
