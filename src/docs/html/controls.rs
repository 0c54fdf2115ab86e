//! The search bar above the tables.

use std::fmt::Write;

use strum::IntoEnumIterator;

use crate::docs::Row;
use crate::{Action, Category, Vendor};

use super::escape::esc;
use super::rows::row_meta;
use super::words::{
    ALL_ACTIONS, ALL_CATEGORIES, ALL_SURFACES, ALL_VENDORS, SEARCH, SHOWN, Words, words,
};

/// The search bar: search box, filters, language switch and row count.
pub(super) fn controls(out: &mut String, vendors: &[Vendor], rows: &[Row]) {
    let _ = writeln!(
        out,
        "<form id=\"bar\" role=\"search\" autocomplete=\"off\" onsubmit=\"return false\">\n<input id=\"q\" type=\"search\" aria-label=\"search\" placeholder=\"{}\" data-en=\"{}\" data-zh=\"{}\">",
        SEARCH.en, SEARCH.en, SEARCH.zh
    );
    if vendors.len() > 1 {
        let options: Vec<(&str, String)> = vendors
            .iter()
            .map(|v| (v.as_str(), esc(v.name())))
            .collect();
        select(out, "vendor", &ALL_VENDORS, &options);
    }
    let mut surfaces: Vec<(&str, String)> = Vec::new();
    for &v in vendors {
        for &s in v.surfaces() {
            if !surfaces.iter().any(|(id, _)| *id == s.as_str())
                && (!crate::entries(v, s).is_empty() || !crate::ranges(v, s).is_empty())
            {
                surfaces.push((s.as_str(), s.as_str().to_string()));
            }
        }
    }
    select(out, "surface", &ALL_SURFACES, &surfaces);
    let categories: Vec<(&str, String)> = Category::iter()
        .filter(|c| rows.iter().any(|r| row_meta(*r).category() == *c))
        .map(|c| (c.into(), c.to_string()))
        .collect();
    select(out, "category", &ALL_CATEGORIES, &categories);
    let actions: Vec<(&str, String)> = Action::iter()
        .filter(|a| rows.iter().any(|r| row_meta(*r).action() == *a))
        .map(|a| (a.into(), a.to_string()))
        .collect();
    select(out, "action", &ALL_ACTIONS, &actions);
    out.push_str("<select id=\"lang\" aria-label=\"language\"><option value=\"en\">English</option><option value=\"zh\">中文</option></select>\n");
    let _ = write!(
        out,
        "<span><output id=\"n\">{}</output> / {} ",
        rows.len(),
        rows.len()
    );
    words(out, &SHOWN);
    out.push_str("</span>\n</form>\n");
}

/// A filter: its "all" option first, then `(value, label)` pairs.
fn select(out: &mut String, id: &str, all: &Words, options: &[(&str, String)]) {
    let _ = write!(
        out,
        "<select id=\"{id}\" aria-label=\"{id}\"><option value=\"\" data-en=\"{}\" data-zh=\"{}\">{}</option>",
        all.en, all.zh, all.en
    );
    for (value, label) in options {
        let _ = write!(out, "<option value=\"{value}\">{label}</option>");
    }
    out.push_str("</select>\n");
}
