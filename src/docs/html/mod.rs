//! The searchable HTML reference: one self-contained page (inline CSS and
//! JavaScript, nothing loaded from the network) with every entry and range,
//! a search box, filters, an English/Chinese switch and a stable anchor per
//! row. `docs/reference.html` in the repository is exactly [`html`]`(None)`.

mod anchors;
mod assets;
mod controls;
mod escape;
mod rows;
mod words;

use std::fmt::Write;

use strum::IntoEnumIterator;

use crate::Vendor;
use crate::docs::markdown::DAGGER;

use assets::{SCRIPT, STYLE};
use controls::controls;
use escape::esc;
use rows::{entry_row, range_row, row_meta};
use words::{GENERATED, HEADERS, INTRO, OURS, TITLE_ALL, TITLE_ONE, pair, words};

pub use anchors::anchor;

/// The one searchable HTML page of every entry and range of `vendor` (of
/// every vendor when `None`): what `imerr docs --format html [--vendor V]`
/// prints.
///
/// The page is self-contained (inline CSS and JavaScript, no network) and
/// readable without JavaScript. It has:
///
/// - one section per vendor and surface, one table row per entry and per
///   range: the code (with the HTTP status where the entry has one), the
///   symbol (a dagger `†` after it when the symbol is ours, see
///   [`Meta::is_symbol_ours`](crate::Meta::is_symbol_ours)), category,
///   retry (and the wait the vendor states), action, effect, summary, hint,
///   versions, and the message when the entry has one;
/// - a search box: a row stays when every word of the query starts a word
///   of its code, symbol, message, summary or hint (in either language);
///   a word with non-ASCII characters (Chinese) matches anywhere in them;
/// - filters by vendor, surface, category and action, and a switch between
///   English and Chinese texts (`?lang=zh` opens the page in Chinese);
/// - a stable id per row, [`anchor`], so a runbook can link one code:
///   `reference.html#tencent-server-70001` (and one per section,
///   `#<vendor>-<surface>`). A link to a row that the filters hide clears
///   them.
///
/// Every vendor text is escaped, so no table text can add markup.
///
/// ```
/// use imerr::{docs, Vendor};
///
/// let page = docs::html(Some(Vendor::Tencent));
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains(r#"<tr id="tencent-server-70001""#));
/// ```
pub fn html(vendor: Option<Vendor>) -> String {
    let vendors: Vec<Vendor> = Vendor::iter()
        .filter(|v| vendor.is_none_or(|w| w == *v))
        .collect();
    let rows = crate::docs::rows(vendor);
    let mut out = String::with_capacity(rows.len() * 1400 + 16 * 1024);
    let (title_en, title_zh) = match vendor {
        Some(v) => (
            TITLE_ONE.en.replace("{vendor}", &esc(v.name())),
            TITLE_ONE.zh.replace("{vendor}", &esc(v.name())),
        ),
        None => (TITLE_ALL.en.to_string(), TITLE_ALL.zh.to_string()),
    };
    let command = match vendor {
        Some(v) => format!("imerr docs --format html --vendor {v}"),
        None => "imerr docs --format html".to_string(),
    };

    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>imerr: {title_en}</title>");
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<header>");
    out.push_str("<h1>");
    pair(&mut out, &title_en, &title_zh);
    out.push_str("</h1>\n<p>");
    words(&mut out, &INTRO);
    out.push_str("</p>\n<p>");
    let command = esc(&command);
    pair(
        &mut out,
        &GENERATED.en.replace("{command}", &command),
        &GENERATED.zh.replace("{command}", &command),
    );
    out.push_str("</p>\n");
    if rows.iter().any(|r| row_meta(*r).is_symbol_ours()) {
        let _ = write!(out, "<p id=\"ours\">{DAGGER} ");
        words(&mut out, &OURS);
        out.push_str("</p>\n");
    }
    out.push_str("</header>\n");

    controls(&mut out, &vendors, &rows);

    out.push_str("<main>\n");
    for &v in &vendors {
        for &s in v.surfaces() {
            let entries = crate::entries(v, s);
            let ranges = crate::ranges(v, s);
            if entries.is_empty() && ranges.is_empty() {
                continue;
            }
            let _ = write!(
                out,
                "<section id=\"{v}-{s}\" data-v=\"{v}\" data-s=\"{s}\">\n<h2>{} <code>{s}</code> <span class=\"n\">{}</span></h2>\n<table>\n<thead><tr>",
                esc(v.name()),
                entries.len() + ranges.len()
            );
            for h in &HEADERS {
                out.push_str("<th>");
                words(&mut out, h);
                out.push_str("</th>");
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for e in entries {
                entry_row(&mut out, e);
            }
            for r in ranges {
                range_row(&mut out, r);
            }
            out.push_str("</tbody>\n</table>\n</section>\n");
        }
    }
    out.push_str("</main>\n<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}
