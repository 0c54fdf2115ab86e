//! The committed docs under `docs/` are exactly what the renderer prints, and
//! their Markdown tables are intact.

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
