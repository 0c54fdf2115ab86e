//! The committed docs under `docs/` are exactly what the renderer prints, their
//! Markdown tables are intact, and the HTML page's anchors are unique and its
//! markup is only the renderer's own.

use imerr::{Lang, Vendor, docs};
use strum::IntoEnumIterator;

fn committed(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap_or_default()
}

/// Pipes that separate cells: not escaped, not inside a code span.
fn cells(row: &str) -> usize {
    let (mut n, mut in_code, mut escaped) = (0, false, false);
    for c in row.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '`' => in_code = !in_code,
            '|' if !in_code => n += 1,
            _ => {}
        }
    }
    n
}

fn assert_tables_intact(name: &str, md: &str) {
    let mut width = None;
    for (i, line) in md.lines().enumerate() {
        if line.starts_with('|') {
            let n = cells(line);
            let w = *width.get_or_insert(n);
            assert_eq!(
                n,
                w,
                "{name}:{}: {n} cell separators, the table header has {w}: {line}",
                i + 1
            );
        } else {
            width = None;
        }
    }
}

#[test]
fn vendor_docs_are_fresh() {
    let mut stale = Vec::new();
    for vendor in Vendor::iter() {
        for lang in [Lang::En, Lang::Zh] {
            let path = format!("docs/{lang}/{vendor}.md");
            let rendered = docs::markdown(vendor, lang);
            assert_tables_intact(&path, &rendered);
            if committed(&path) != rendered {
                stale.push(format!(
                    "cargo run --features cli -- docs --format markdown --vendor {vendor} --lang {lang} > {path}"
                ));
            }
        }
    }
    let page = docs::html(None);
    if committed("docs/reference.html") != page {
        stale.push("cargo run --features cli -- docs --format html > docs/reference.html".into());
    }
    let taxonomy = docs::taxonomy();
    assert_tables_intact("docs/taxonomy.md", &taxonomy);
    if committed("docs/taxonomy.md") != taxonomy {
        stale.push("cargo run --features cli -- taxonomy > docs/taxonomy.md".into());
    }
    assert!(
        stale.is_empty(),
        "docs/ is stale; regenerate with:\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_entry_has_a_row_in_both_languages() {
    for vendor in Vendor::iter() {
        let en = docs::markdown(vendor, Lang::En);
        let zh = docs::markdown(vendor, Lang::Zh);
        for e in vendor.entries() {
            assert!(
                en.contains(e.meta().symbol()),
                "{vendor} {} missing",
                e.meta().symbol()
            );
            // The longest prefix without characters the renderer escapes.
            let start: String = e
                .meta()
                .summary(imerr::Lang::Zh)
                .chars()
                .take_while(|c| !"|*_[]<>\\`".contains(*c))
                .take(6)
                .collect();
            assert!(
                zh.contains(&start),
                "{vendor} {}: Chinese summary missing",
                e.meta().symbol()
            );
        }
        assert_eq!(
            en.lines()
                .filter(|l| l.starts_with("| ")
                    && !l.starts_with("| code")
                    && !l.starts_with("| status")
                    && !l.starts_with("| codes")
                    && !l.starts_with("| ---"))
                .count(),
            vendor.entries().count() + vendor.ranges().count()
        );
    }
}

#[test]
fn json_docs_have_the_design_keys() {
    let rows: Vec<serde_json::Value> = serde_json::from_str(&docs::json(None)).unwrap();
    let total: usize = Vendor::iter()
        .map(|v| v.entries().count() + v.ranges().count())
        .sum();
    assert_eq!(rows.len(), total);
    for row in &rows {
        for key in [
            "vendor",
            "surface",
            "status",
            "symbol",
            "message",
            "category",
            "retry",
            "action",
            "summary",
            "summary_zh",
            "hint",
            "hint_zh",
        ] {
            assert!(row.get(key).is_some(), "missing {key} in {row}");
        }
        assert!(
            row.get("code").is_some() || (row.get("first").is_some() && row.get("last").is_some())
        );
    }
    let argserror = rows
        .iter()
        .find(|r| r["vendor"] == "openim" && r["code"] == 1001)
        .unwrap();
    assert_eq!(argserror["symbol"], "ArgsError");
    let easemob = rows
        .iter()
        .find(|r| r["vendor"] == "easemob" && r["code"] == "unauthorized")
        .unwrap();
    assert_eq!(easemob["status"], 401);
}

#[test]
fn cells_escape_pipes_and_markup() {
    // Easemob sends "getContacts | page size more than max limit : 50".
    let md = docs::markdown(Vendor::Easemob, Lang::En);
    assert!(!md.contains("getContacts | page"), "unescaped pipe");
}

#[test]
fn our_symbols_carry_a_dagger_explained_once() {
    for vendor in Vendor::iter() {
        for lang in [Lang::En, Lang::Zh] {
            let md = docs::markdown(vendor, lang);
            let ours = vendor
                .entries()
                .map(|e| e.meta())
                .chain(vendor.ranges().map(|r| r.meta()))
                .filter(|m| m.is_symbol_ours())
                .count();
            let marked = md.matches("`†").count();
            assert_eq!(marked, ours, "{vendor} {lang}: daggers after symbols");
            let legend = md.lines().filter(|l| l.starts_with("† ")).count();
            assert_eq!(legend, usize::from(ours > 0), "{vendor} {lang}: footnote");
            for e in vendor.entries().filter(|e| !e.meta().is_symbol_ours()) {
                let official = format!("`{}`†", e.meta().symbol());
                assert!(!md.contains(&official), "{vendor}: {official}");
            }
        }
    }
}

fn all_rows() -> Vec<docs::Row> {
    docs::rows(None)
}

#[test]
fn anchors_are_unique_url_safe_and_stable() {
    use std::collections::HashSet;
    let rows = all_rows();
    let mut seen = HashSet::new();
    for row in &rows {
        let id = docs::anchor(*row);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b)),
            "not URL-safe: {id}"
        );
        let (vendor, surface) = match row {
            docs::Row::Entry(e) => (e.vendor(), e.surface()),
            docs::Row::Range(r) => (r.vendor(), r.surface()),
        };
        assert!(
            id.starts_with(&format!("{vendor}-{surface}-")),
            "{id} does not start with its vendor and surface"
        );
        assert!(seen.insert(id.clone()), "duplicate anchor {id}");
    }
    assert_eq!(seen.len(), rows.len());
    // The documented forms, one of each kind.
    for id in [
        "tencent-server-70001",
        "tencent-server--10114",
        "openim-server-1001",
        "matrix-client_server-M_FORBIDDEN",
        "matrix-client_server-ORG.MATRIX.MSC3848.ALREADY_JOINED",
        "netease-sdk_web-Connect_Failed",
        "easemob-rest-HTTP_401_UNAUTHORIZED",
        "easemob-rest-HTTP_400_BAD_REQUEST",
        "tencent-server-120001-130000",
    ] {
        assert!(seen.contains(id), "no row {id}");
    }
}

/// The page's tags, outside its one script: vendor text is escaped, so
/// every `<` is the renderer's.
fn tags(page: &str) -> Vec<&str> {
    let body = page.split("<script>").next().unwrap_or("");
    body.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
        .collect()
}

#[test]
fn html_page_has_one_row_per_entry_and_nothing_from_outside() {
    let page = docs::html(None);
    assert!(page.starts_with("<!DOCTYPE html>\n"));
    assert!(page.ends_with("</html>\n"));
    assert_eq!(page.matches("<script>").count(), 1);
    assert_eq!(page.matches("</script>").count(), 1);
    let rows = all_rows();
    let tags = tags(&page);
    let ids: Vec<&str> = tags
        .iter()
        .filter_map(|t| t.strip_prefix("tr id=\""))
        .filter_map(|t| t.split('"').next())
        .collect();
    let anchors: Vec<String> = rows.iter().map(|r| docs::anchor(*r)).collect();
    assert_eq!(ids, anchors, "one row per entry and range, in table order");
    let allowed = [
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p",
        "span", "code", "form", "input", "select", "option", "output", "main", "section", "table",
        "thead", "tbody", "tr", "th", "td", "a", "small", "div", "wbr",
    ];
    for t in &tags {
        let name = t.trim_start_matches('/').split(' ').next().unwrap_or("");
        assert!(allowed.contains(&name), "unexpected tag <{t}>");
        assert!(!t.contains("src="), "loads something: <{t}>");
        assert!(!t.contains("href=\"http"), "links out: <{t}>");
    }
    assert!(!page.contains("@import") && !page.contains("url("));
    // Every in-page link (a row's own anchor, an alias's target, the
    // dagger's footnote) lands on an id of the page.
    let ids: std::collections::HashSet<&str> = tags
        .iter()
        .filter_map(|t| t.split(" id=\"").nth(1))
        .filter_map(|t| t.split('"').next())
        .collect();
    for t in &tags {
        for link in t.split(" href=\"#").skip(1) {
            let target = link.split('"').next().unwrap_or("");
            assert!(ids.contains(target), "<{t}> links to a missing id");
        }
    }
    // Texts of both languages, escaped.
    let e = imerr::lookup(Vendor::Tencent, imerr::Surface::Server, 70001)
        .matched
        .entry()
        .unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let hint = e
            .meta()
            .hint(lang)
            .replace('&', "&amp;")
            .replace('<', "&lt;");
        assert!(page.contains(&hint), "{lang} hint of 70001");
    }
    // One vendor: only its rows.
    let tencent = docs::html(Some(Vendor::Tencent));
    assert_eq!(
        tencent.matches("<tr id=").count(),
        Vendor::Tencent.entries().count() + Vendor::Tencent.ranges().count()
    );
    assert!(!tencent.contains("<tr id=\"openim-"));
}

#[test]
fn html_marks_our_symbols_with_a_dagger() {
    let page = docs::html(None);
    let ours = all_rows()
        .iter()
        .filter(|r| match r {
            docs::Row::Entry(e) => e.meta().is_symbol_ours(),
            docs::Row::Range(r) => r.meta().is_symbol_ours(),
        })
        .count();
    assert!(ours > 0);
    assert_eq!(
        page.matches("</code><a class=\"d\" href=\"#ours\"").count(),
        ours
    );
    assert_eq!(page.matches("<p id=\"ours\">").count(), 1);
    assert!(!docs::html(Some(Vendor::Matrix)).contains("id=\"ours\""));
}
