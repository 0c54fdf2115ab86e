//! One table row per entry and per range.

use std::fmt::Write;

use crate::docs::Row;
use crate::docs::markdown::DAGGER;
use crate::{Entry, Meta, Origin, Range};

use super::anchors::anchor;
use super::escape::esc;
use super::words::{ALIAS, CLOSES, KEEPS_OPEN, MESSAGE, RANGE, SERVER_SDK, VERSIONS, Words, words};

pub(super) fn row_meta(row: Row) -> &'static Meta {
    match row {
        Row::Entry(e) => e.meta(),
        Row::Range(r) => r.meta(),
    }
}

/// The cells after the code and symbol: category, retry, action, effect
/// (classification, class `t`, left out of the search).
fn class_cells(out: &mut String, meta: &Meta) {
    let _ = write!(
        out,
        "<td class=\"t\">{}</td><td class=\"t\">{}",
        meta.category(),
        meta.retry()
    );
    if let Some(d) = meta.retry_after() {
        let _ = write!(out, "<small>≥ {} s</small>", d.as_secs());
    }
    let _ = write!(
        out,
        "</td><td class=\"t\">{}</td><td class=\"t\">{}</td>",
        breakable(meta.action().into()),
        breakable(meta.effect().into())
    );
}

/// A taxonomy name that may wrap after its underscores
/// (`refresh_<wbr>credentials`).
fn breakable(name: &'static str) -> String {
    name.replace('_', "_<wbr>")
}

fn symbol_cell(out: &mut String, meta: &Meta) {
    let _ = write!(out, "<td><code>{}</code>", esc(meta.symbol()));
    if meta.is_symbol_ours() {
        let _ = write!(
            out,
            "<a class=\"d\" href=\"#ours\" title=\"ours, not the vendor's\">{DAGGER}</a>"
        );
    }
    out.push_str("</td>");
}

/// The texts of one language: summary, hint, then the entry's notes.
fn texts(out: &mut String, meta: &Meta, entry: Option<&Entry>, zh: bool) {
    let lang = if zh { crate::Lang::Zh } else { crate::Lang::En };
    let pick = |w: &Words| if zh { w.zh } else { w.en };
    let _ = write!(
        out,
        "<div lang=\"{lang}\"><p>{}</p><p class=\"h\">{}</p>",
        esc(meta.summary(lang)),
        esc(meta.hint(lang))
    );
    if let Some(e) = entry {
        if let Some(v) = e.versions(lang) {
            let _ = write!(out, "<small>{}{}</small>", pick(&VERSIONS), esc(v));
        }
        if let Some(a) = e.alias_of() {
            let target = crate::entries(e.vendor(), e.surface())
                .iter()
                .find(|t| t.code() == Some(a) && t.alias_of().is_none())
                .map(|t| anchor(Row::Entry(t)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<small>{}<a href=\"#{}\"><code>{}</code></a></small>",
                pick(&ALIAS),
                esc(&target),
                esc(&a.to_string())
            );
        }
        if e.origin() == Origin::ServerSdk {
            let _ = write!(out, "<small>{}</small>", pick(&SERVER_SDK));
        }
        match e.closes_connection() {
            Some(true) => {
                let _ = write!(out, "<small>{}</small>", pick(&CLOSES));
            }
            Some(false) => {
                let _ = write!(out, "<small>{}</small>", pick(&KEEPS_OPEN));
            }
            None => {}
        }
    }
    out.push_str("</div>");
}

pub(super) fn entry_row(out: &mut String, e: &'static Entry) {
    let meta = e.meta();
    let id = anchor(Row::Entry(e));
    let _ = write!(
        out,
        "<tr id=\"{id}\" data-c=\"{}\" data-a=\"{}\"><td><a href=\"#{id}\">",
        meta.category(),
        meta.action()
    );
    match (e.code(), e.status()) {
        (Some(c), _) => out.push_str(&esc(&c.to_string())),
        (None, Some(s)) => {
            let _ = write!(out, "HTTP {s}");
        }
        (None, None) => out.push_str(&esc(meta.symbol())),
    }
    out.push_str("</a>");
    if let (Some(s), Some(_)) = (e.status(), e.code()) {
        let _ = write!(out, "<small>HTTP {s}</small>");
    }
    if let Some(n) = e.error_code() {
        let _ = write!(out, "<small>error_code {n}</small>");
    }
    out.push_str("</td>");
    symbol_cell(out, meta);
    class_cells(out, meta);
    out.push_str("<td class=\"x\">");
    if let Some(m) = e.message_or_pattern() {
        out.push_str("<p class=\"m\">");
        words(out, &MESSAGE);
        let _ = write!(out, " <code>{}</code></p>", esc(m));
    }
    texts(out, meta, Some(e), false);
    texts(out, meta, Some(e), true);
    out.push_str("</td></tr>\n");
}

pub(super) fn range_row(out: &mut String, r: &'static Range) {
    let meta = r.meta();
    let id = anchor(Row::Range(r));
    let _ = write!(
        out,
        "<tr id=\"{id}\" class=\"r\" data-c=\"{}\" data-a=\"{}\"><td><a href=\"#{id}\">{}–{}</a><small>",
        meta.category(),
        meta.action(),
        r.first(),
        r.last()
    );
    words(out, &RANGE);
    out.push_str("</small></td>");
    symbol_cell(out, meta);
    class_cells(out, meta);
    out.push_str("<td class=\"x\">");
    texts(out, meta, None, false);
    texts(out, meta, None, true);
    out.push_str("</td></tr>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::Texts;
    use crate::{Action, Category, Code, Effect, Retry, Surface, Vendor};

    const HOSTILE: &str = "</td></tr></table><script>alert(1)</script><img src=x onerror=\"alert('x')\"> & &amp; \u{0}\u{1b}[31m";

    fn hostile_meta() -> Meta {
        Meta {
            symbol: "\"><svg onload=alert(1)>",
            symbol_ours: true,
            category: Category::Auth,
            retry: Retry::Backoff,
            action: Action::Retry,
            effect: Effect::None,
            retry_after_secs: Some(60),
            summary: Texts {
                en: HOSTILE,
                zh: "<b>加粗</b>",
            },
            hint: Texts {
                en: "'; location='//evil'; '",
                zh: HOSTILE,
            },
        }
    }

    /// The markup of a row, with every escaped text taken out: what is left
    /// must be exactly the renderer's own tags.
    fn tags(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .map(|t| t.split(['>', ' ']).next().unwrap_or(""))
            .collect()
    }

    #[test]
    fn hostile_vendor_text_is_escaped() {
        let entry: &'static Entry = Box::leak(Box::new(Entry {
            vendor: Vendor::Easemob,
            surface: Surface::Rest,
            code: Some(Code::Text("bad\"><script>")),
            status: Some(400),
            message: Some("<script>alert(\"m\")</script>"),
            pattern: None,
            error_code: None,
            closes_connection: None,
            versions: Some(Texts {
                en: "<= 2.3.x & \"new\"",
                zh: "仅 v2（<= 2.3.x）",
            }),
            alias_of: None,
            origin: Origin::Vendor,
            meta: hostile_meta(),
        }));
        let mut out = String::new();
        entry_row(&mut out, entry);
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<svg"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
        assert!(!out.contains('\u{0}') && !out.contains('\u{1b}'), "{out}");
        assert!(
            out.contains(
                "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
            )
        );
        assert!(out.contains("onerror=&quot;alert(&#39;x&#39;)&quot;"));
        assert!(out.contains("&amp; &amp;amp;"));
        assert!(out.contains("&lt;= 2.3.x &amp; &quot;new&quot;"));
        // The id is URL-safe whatever the symbol holds.
        assert!(
            out.starts_with("<tr id=\"easemob-rest--22-3e-3csvg-20onload-3dalert-281-29-3e\""),
            "{out}"
        );
        for t in tags(&out) {
            assert!(
                [
                    "tr", "/tr", "td", "/td", "a", "/a", "small", "/small", "code", "/code", "p",
                    "/p", "span", "/span", "div", "/div", "wbr"
                ]
                .contains(&t),
                "unexpected tag <{t}> in {out}"
            );
        }
        assert_eq!(out.matches("<tr").count(), 1);
        assert_eq!(out.matches("<td").count(), out.matches("</td>").count());

        let range: &'static Range = Box::leak(Box::new(Range {
            vendor: Vendor::Tencent,
            surface: Surface::Server,
            first: -5,
            last: -1,
            meta: hostile_meta(),
        }));
        let mut out = String::new();
        range_row(&mut out, range);
        assert!(out.starts_with("<tr id=\"tencent-server--5--1\""), "{out}");
        assert!(!out.contains("<script") && !out.contains("<svg"), "{out}");
    }
}
