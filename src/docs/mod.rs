//! Reference docs rendered from the tables: Markdown per vendor (English or
//! Chinese), the taxonomy page, the JSON of `docs/design.md`, and one
//! searchable HTML page.
//!
//! `docs/<lang>/<vendor>.md` in the repository is exactly
//! [`markdown`]`(vendor, lang)`, which is what
//! `imerr docs --format markdown --vendor <vendor> --lang <lang>` prints;
//! `docs/reference.html` is exactly [`html`]`(None)`, what
//! `imerr docs --format html` prints, and [`anchor`] names its rows.
//!
//! ```
//! use imerr::{docs, Lang, Vendor};
//! let md = docs::markdown(Vendor::OpenIm, Lang::En);
//! assert!(md.contains("| 1001 | `ArgsError` | invalid_request | no | fix_request |"));
//! ```

mod escape;
mod html;
mod markdown;
mod taxonomy;

use serde::Serialize;

pub use html::{anchor, html};
pub use markdown::markdown;
pub use taxonomy::taxonomy;

use crate::{Entry, Range, Vendor};

/// One row of the JSON docs: an entry or a range.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
pub enum Row {
    /// A known code.
    Entry(&'static Entry),
    /// A documented range.
    Range(&'static Range),
}

/// Every entry and range of the given vendors (all of them when `vendor` is
/// `None`), in table order: what `imerr docs --format json` prints.
pub fn rows(vendor: Option<Vendor>) -> Vec<Row> {
    use strum::IntoEnumIterator;

    let mut rows = Vec::new();
    for v in Vendor::iter().filter(|v| vendor.is_none_or(|w| w == *v)) {
        for &s in v.surfaces() {
            rows.extend(crate::entries(v, s).iter().map(Row::Entry));
            rows.extend(crate::ranges(v, s).iter().map(Row::Range));
        }
    }
    rows
}

/// The JSON docs: an array of objects with `vendor`, `surface`, `code`,
/// `status`, `symbol`, `symbol_ours`, `message`, `category`, `retry`,
/// `action`, `effect`, `retry_after`, `versions`, `versions_zh`, `summary`,
/// `summary_zh`, `hint`, `hint_zh` (ranges have `first` and `last` in place
/// of `code`), pretty-printed.
pub fn json(vendor: Option<Vendor>) -> String {
    serde_json::to_string_pretty(&rows(vendor))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
