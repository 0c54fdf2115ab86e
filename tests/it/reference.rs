//! Every row of the RongCloud, NetEase and Matrix reference tables resolves
//! on its surface, with its official symbol when the reference names one.
//! `tests/fixtures/reference/<vendor>.csv` is a copy of the reference's
//! `layer,code,symbol` columns: the tables must never lose a row.

use std::path::Path;

use imerr::{Category, Surface, Vendor, classify_from, lookup, lookup_text};

struct Row {
    line: usize,
    layer: String,
    code: String,
    symbol: String,
}

fn rows(vendor: &str) -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reference")
        .join(format!("{vendor}.csv"));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines().enumerate();
    assert_eq!(lines.next().map(|(_, h)| h), Some("layer,code,symbol"));
    lines
        .map(|(i, l)| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 3, "{}:{}: {l}", path.display(), i + 1);
            Row {
                line: i + 1,
                layer: f[0].to_owned(),
                code: f[1].to_owned(),
                symbol: f[2].to_owned(),
            }
        })
        .collect()
}

/// What is wrong with one row, if anything.
fn check(vendor: Vendor, row: &Row) -> Option<String> {
    let surface: Surface = match row.layer.parse() {
        Ok(s) => s,
        Err(_) => return Some(format!("layer {} is no surface", row.layer)),
    };
    if !vendor.has_surface(surface) {
        return Some(format!("{vendor} has no surface {surface}"));
    }
    let symbols: Vec<&str> = match row.code.parse::<i64>() {
        Ok(n) => {
            let found = lookup(vendor, surface, n);
            if !found.known() {
                return Some(format!("{n} unknown on {surface}"));
            }
            // A code can have several entries (by version); the symbol is
            // one of theirs.
            imerr::entries(vendor, surface)
                .iter()
                .filter(|e| e.number() == Some(n))
                .map(|e| e.meta().symbol())
                .collect()
        }
        Err(_) => match lookup_text(vendor, surface, &row.code) {
            Some(e) => vec![e.meta().symbol()],
            None => return Some(format!("{} unknown on {surface}", row.code)),
        },
    };
    (!row.symbol.is_empty() && !symbols.contains(&row.symbol.as_str()))
        .then(|| format!("{} has symbols {symbols:?}, not {}", row.code, row.symbol))
}

fn check_vendor(vendor: Vendor, file: &str, expected_rows: usize) {
    let rows = rows(file);
    assert_eq!(rows.len(), expected_rows, "{file}.csv");
    check_rows(vendor, file, &rows);
}

fn check_rows(vendor: Vendor, file: &str, rows: &[Row]) {
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|r| check(vendor, r).map(|w| format!("{file}.csv:{} {w}", r.line)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} rows wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn every_rongcloud_row_resolves() {
    check_vendor(Vendor::RongCloud, "rongcloud", 743);
}

#[test]
fn every_matrix_row_resolves() {
    check_vendor(Vendor::Matrix, "matrix", 112);
}

/// NetEase's `http` layer (400, 500, 502 as plain HTTP statuses) is folded
/// into the status fallback: a NetEase response with that status and no
/// body classifies from the status.
#[test]
fn every_netease_row_resolves() {
    let (http, rest): (Vec<Row>, Vec<Row>) =
        rows("netease").into_iter().partition(|r| r.layer == "http");
    assert_eq!(http.len() + rest.len(), 501);
    for r in &http {
        let status: u16 = r.code.parse().unwrap();
        let c = classify_from(Vendor::NetEase, Some(status), b"");
        assert!(
            c.is_error() && c.category() != Category::Unknown,
            "HTTP {status}: {c:?}"
        );
    }
    check_rows(Vendor::NetEase, "netease", &rest);
}
