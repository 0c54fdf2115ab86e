//! The searchable HTML reference: one self-contained page (inline CSS and
//! JavaScript, nothing loaded from the network) with every entry and range,
//! a search box, filters, an English/Chinese switch and a stable anchor per
//! row. `docs/reference.html` in the repository is exactly [`html`]`(None)`.

use std::fmt::Write;

use strum::IntoEnumIterator;

use super::Row;
use super::markdown::DAGGER;
use crate::{Action, Category, Code, Entry, Meta, Origin, Range, Vendor};

/// The page's style: plain, readable in light and dark mode, with the search
/// bar kept in view and the linked row (`:target`) highlighted.
const STYLE: &str = r#":root{color-scheme:light dark;--line:#8884;--muted:#888}
body{font:14px/1.45 system-ui,sans-serif;margin:0 1rem 2rem}
body:not(.zh) [lang=zh],body.zh [lang=en]{display:none}
#bar{position:sticky;top:0;z-index:1;background:Canvas;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;padding:.5rem 0;border-bottom:1px solid var(--line)}
#q{flex:1 1 16rem;font:inherit;padding:.3rem .5rem}
select{font:inherit}
h2{margin:1.5rem 0 .3rem;font-size:1.15rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-top:1px solid var(--line);padding:.3rem .4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th:nth-child(1){width:8%}th:nth-child(2){width:17%}th:nth-child(3),th:nth-child(5){width:9%}th:nth-child(4),th:nth-child(6){width:7%}
td.t{overflow-wrap:normal}
section{content-visibility:auto;contain-intrinsic-size:auto 30rem}
tr{scroll-margin-top:4rem}
tr:target>td{background:#fd6;color:#000}
td small,.x p{display:block;margin:0 0 .2rem}
small,.n{color:var(--muted)}
.x p.h{margin-bottom:.3rem}
.x p.m>span{color:var(--muted)}
a.d{text-decoration:none}
"#;

/// The page's behaviour: search, filters, the language switch, and
/// revealing a linked row that the filters hide. Vendor text never appears
/// inside the script.
const SCRIPT: &str = r#""use strict";
(function () {
  var q = document.getElementById("q"), lang = document.getElementById("lang"), n = document.getElementById("n");
  var filters = ["vendor", "surface", "category", "action"].map(function (id) { return document.getElementById(id); });
  var sections = [].slice.call(document.querySelectorAll("main section"));
  // Per row: its words (ASCII letters and digits) and its whole text, lower-cased,
  // from the code, symbol, message and texts cells (not the classification cells).
  var index = new Map();
  sections.forEach(function (s) {
    [].forEach.call(s.querySelectorAll("tbody tr"), function (r) {
      var text = [].filter.call(r.cells, function (c) { return !c.classList.contains("t"); })
        .map(function (c) { return c.textContent; }).join(" ").toLowerCase();
      index.set(r, { words: " " + text.replace(/[^a-z0-9]+/g, " "), text: text });
    });
  });
  // A query term matches when it starts a word (ASCII terms; punctuation in the
  // term joins consecutive words) or appears anywhere (terms with other characters).
  function matches(entry, terms) {
    return terms.every(function (t) {
      if (/[^\x00-\x7f]/.test(t)) return entry.text.indexOf(t) >= 0;
      var w = t.replace(/[^a-z0-9]+/g, " ").trim();
      return !w || entry.words.indexOf(" " + w) >= 0;
    });
  }
  function apply() {
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var f = filters.map(function (s) { return s ? s.value : ""; });
    var shown = 0;
    sections.forEach(function (s) {
      var visible = 0;
      if ((!f[0] || s.dataset.v === f[0]) && (!f[1] || s.dataset.s === f[1])) {
        [].forEach.call(s.querySelectorAll("tbody tr"), function (r) {
          var ok = (!f[2] || r.dataset.c === f[2]) && (!f[3] || r.dataset.a === f[3]) && matches(index.get(r), terms);
          if (r.hidden === ok) r.hidden = !ok;
          if (ok) visible++;
        });
      }
      s.hidden = visible === 0;
      shown += visible;
    });
    n.textContent = shown;
  }
  function setLang(l) {
    var zh = l === "zh";
    document.body.classList.toggle("zh", zh);
    document.documentElement.lang = zh ? "zh-CN" : "en";
    q.placeholder = q.dataset[zh ? "zh" : "en"];
    [].forEach.call(document.querySelectorAll("option[data-zh]"), function (o) { o.textContent = o.dataset[zh ? "zh" : "en"]; });
    lang.value = zh ? "zh" : "en";
  }
  // A link to a row that the filters hide clears them first.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var r = id && document.getElementById(id);
    if (r && r.tagName === "TR" && (r.hidden || r.closest("section").hidden)) {
      q.value = "";
      filters.forEach(function (s) { if (s) s.value = ""; });
      apply();
      r.scrollIntoView();
    }
  }
  q.addEventListener("input", apply);
  filters.forEach(function (s) { if (s) s.addEventListener("change", apply); });
  lang.addEventListener("change", function () { setLang(lang.value); });
  window.addEventListener("hashchange", reveal);
  setLang(new URLSearchParams(location.search).get("lang") || lang.value);
  apply();
  reveal();
})();
"#;

/// The page's fixed words, in English and Chinese.
struct Words {
    en: &'static str,
    zh: &'static str,
}

const TITLE_ALL: Words = Words {
    en: "Error codes of instant-messaging vendors",
    zh: "即时通讯厂商错误码",
};
const TITLE_ONE: Words = Words {
    en: "{vendor} error codes",
    zh: "{vendor} 错误码",
};
const INTRO: Words = Words {
    en: "Every known code with what it means and what to do about it. Search by code, symbol or words of the message, summary or hint; narrow with the filters; link one row with its anchor, <code>#&lt;vendor&gt;-&lt;surface&gt;-&lt;code&gt;</code>.",
    zh: "收录所有已知错误码及其含义和处理建议。可按错误码、符号或错误消息、说明、建议中的词语搜索，用筛选项缩小范围；每行都有固定锚点 <code>#&lt;vendor&gt;-&lt;surface&gt;-&lt;code&gt;</code>，可直接链接。",
};
const OURS: Words = Words {
    en: "A symbol followed by a dagger is ours, not the vendor's: the vendor has no constant for that code, so imerr names it. Do not look for it in the vendor's docs or SDK.",
    zh: "带剑号的符号是 imerr 起的名字，并非厂商官方常量：厂商没有为该错误码命名。请勿在厂商文档或 SDK 中查找它。",
};
const GENERATED: Words = Words {
    en: "Generated from <code>data/</code> by <code>{command}</code>; do not edit by hand.",
    zh: "由 <code>{command}</code> 从 <code>data/</code> 生成，请勿手工修改。",
};
const SEARCH: Words = Words {
    en: "code, symbol or words",
    zh: "错误码、符号或词语",
};
const ALL_VENDORS: Words = Words {
    en: "all vendors",
    zh: "全部厂商",
};
const ALL_SURFACES: Words = Words {
    en: "all surfaces",
    zh: "全部来源",
};
const ALL_CATEGORIES: Words = Words {
    en: "all categories",
    zh: "全部类别",
};
const ALL_ACTIONS: Words = Words {
    en: "all actions",
    zh: "全部处理",
};
const SHOWN: Words = Words {
    en: "shown",
    zh: "条显示",
};
const HEADERS: [Words; 7] = [
    Words {
        en: "code",
        zh: "错误码",
    },
    Words {
        en: "symbol",
        zh: "符号",
    },
    Words {
        en: "category",
        zh: "类别",
    },
    Words {
        en: "retry",
        zh: "重试",
    },
    Words {
        en: "action",
        zh: "处理",
    },
    Words {
        en: "effect",
        zh: "影响",
    },
    Words {
        en: "what happened, what to do",
        zh: "说明与建议",
    },
];
const MESSAGE: Words = Words {
    en: "message",
    zh: "消息",
};
const VERSIONS: Words = Words {
    en: "versions: ",
    zh: "版本：",
};
const ALIAS: Words = Words {
    en: "another spelling or older number of ",
    zh: "以下错误码的另一写法或旧编号：",
};
const SERVER_SDK: Words = Words {
    en: "made up by the vendor's server SDK; the service never sends it",
    zh: "仅由厂商的服务端 SDK 生成，服务本身不会返回",
};
const CLOSES: Words = Words {
    en: "the server closes the connection",
    zh: "服务器会关闭连接",
};
const KEEPS_OPEN: Words = Words {
    en: "the server keeps the connection open",
    zh: "服务器不会关闭连接",
};
const RANGE: Words = Words {
    en: "range",
    zh: "号段",
};

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
///   [`Meta::is_symbol_ours`]), category, retry (and the wait the vendor
///   states), action, effect, summary, hint, versions, and the message when
///   the entry has one;
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
    let rows = super::rows(vendor);
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

/// The stable, unique, URL-safe id of a row of the reference page ([`html`]),
/// one per [`Row`]: `<vendor>-<surface>-<code>`, where `<vendor>` and
/// `<surface>` are the serialized ids (which hold no `-`) and `<code>` is
///
/// - a numeric code in decimal, with its sign: `tencent-server-70001`,
///   `tencent-server--10114`;
/// - a textual code as it is sent when it holds only ASCII letters, digits,
///   `_` and `.`: `matrix-client_server-M_FORBIDDEN`; any other byte of its
///   UTF-8 is written `-` and two lower-case hex digits (`-2d` for `-`);
/// - on Easemob REST, where one error type under one HTTP status has many
///   messages, the entry's symbol, which is unique on the surface:
///   `easemob-rest-HTTP_401_UNAUTHORIZED`, `easemob-rest-UNAUTHORIZED_TOKEN_EXPIRED`;
/// - for a range, its first and last code: `tencent-server-120001-130000`.
///
/// Ids hold only ASCII letters, digits, `_`, `.` and `-`, so they need no
/// escaping in a URL fragment or an HTML attribute.
///
/// ```
/// use imerr::{docs, Surface, Vendor, lookup};
///
/// let entry = lookup(Vendor::Tencent, Surface::Server, 70001).matched.entry().unwrap();
/// assert_eq!(docs::anchor(docs::Row::Entry(entry)), "tencent-server-70001");
/// ```
pub fn anchor(row: Row) -> String {
    match row {
        Row::Entry(e) => {
            let mut id = format!("{}-{}-", e.vendor(), e.surface());
            match e.code() {
                _ if e.vendor().matches_errors(e.surface()) => {
                    push_safe(&mut id, e.meta().symbol())
                }
                Some(Code::Number(n)) => {
                    let _ = write!(id, "{n}");
                }
                Some(Code::Text(t)) => push_safe(&mut id, t),
                None => push_safe(&mut id, e.meta().symbol()),
            }
            id
        }
        Row::Range(r) => format!("{}-{}-{}-{}", r.vendor(), r.surface(), r.first(), r.last()),
    }
}

/// Appends `text` to an id: ASCII letters, digits, `_` and `.` as they are,
/// every other byte as `-` and two hex digits.
fn push_safe(id: &mut String, text: &str) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' {
            id.push(char::from(b));
        } else {
            let _ = write!(id, "-{b:02x}");
        }
    }
}

fn row_meta(row: Row) -> &'static Meta {
    match row {
        Row::Entry(e) => e.meta(),
        Row::Range(r) => r.meta(),
    }
}

/// Text for HTML content and attribute values: `&`, `<`, `>`, `"` and `'`
/// as character references, control characters (other than tab and line
/// breaks) as U+FFFD.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A pair of fixed words (already HTML), one shown per language.
fn words(out: &mut String, w: &Words) {
    pair(out, w.en, w.zh);
}

/// English and Chinese HTML, one shown per language.
fn pair(out: &mut String, en: &str, zh: &str) {
    let _ = write!(
        out,
        "<span lang=\"en\">{en}</span><span lang=\"zh\">{zh}</span>"
    );
}

/// The search bar: search box, filters, language switch and row count.
fn controls(out: &mut String, vendors: &[Vendor], rows: &[Row]) {
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

fn entry_row(out: &mut String, e: &'static Entry) {
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

fn range_row(out: &mut String, r: &'static Range) {
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
    use crate::{Effect, Retry, Surface};

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

    #[test]
    fn escape_covers_markup_quotes_and_controls() {
        assert_eq!(esc("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
        assert_eq!(esc("x\u{7}y\u{85}z"), "x\u{fffd}y\u{fffd}z");
        assert_eq!(esc("中文 ok"), "中文 ok");
    }

    #[test]
    fn ids_keep_safe_bytes_and_hex_the_rest() {
        let mut id = String::new();
        push_safe(&mut id, "ORG.MATRIX.MSC3848.ALREADY_JOINED");
        assert_eq!(id, "ORG.MATRIX.MSC3848.ALREADY_JOINED");
        let mut id = String::new();
        push_safe(&mut id, "Bad Request-请");
        assert_eq!(id, "Bad-20Request-2d-e8-af-b7");
    }
}
