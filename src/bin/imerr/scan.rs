//! `imerr scan`: the lines of logs that carry a vendor error, as JSON
//! verdicts with their file and line, or as a summary table.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use flate2::bufread::MultiGzDecoder;
use imerr::scan::{Finding, Scanner};
use imerr::{Classification, Lang, RawCode, Surface, Vendor};
use indicatif::{ProgressBar, ProgressStyle};

use crate::args::ScanArgs;

/// Inputs smaller than this get no progress bar.
const PROGRESS_FROM: u64 = 64 << 20;

pub fn run(a: &ScanArgs) -> io::Result<ExitCode> {
    let stdin = Path::new("-");
    let files: Vec<&Path> = if a.files.is_empty() {
        vec![stdin]
    } else {
        a.files.iter().map(|f| f.as_path()).collect()
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut summary = Summary::default();
    let mut failed = false;
    for &file in &files {
        let (reader, bar) = match open(file) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("imerr: cannot read {}: {e}", file.display());
                failed = true;
                continue;
            }
        };
        let name = file.display().to_string();
        let mut json = Vec::with_capacity(1024);
        for found in Scanner::new(reader, a.vendor) {
            let found = match found {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("imerr: cannot read {name}: {e}");
                    failed = true;
                    break;
                }
            };
            if a.summary {
                summary.add(found);
            } else {
                json.clear();
                write_finding(&name, &found, &mut json);
                out.write_all(&json)?;
            }
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        out.flush()?;
    }
    if a.summary {
        summary.write(&mut out, a.lang)?;
        out.flush()?;
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The file's bytes, decompressed when it is gzip (by its magic bytes, so a
/// `.gz` name is not needed and a misnamed plain file still reads), with a
/// progress bar over the bytes read when stderr is a terminal and the file
/// is large.
fn open(file: &Path) -> io::Result<(Box<dyn Read>, Option<ProgressBar>)> {
    let (raw, size): (Box<dyn Read>, Option<u64>) = if file == Path::new("-") {
        (Box::new(io::stdin().lock()), None)
    } else {
        let f = File::open(file)?;
        let size = f.metadata()?.len();
        (Box::new(f), Some(size))
    };
    let bar = size
        .filter(|&s| s >= PROGRESS_FROM && io::stderr().is_terminal())
        .map(|s| {
            ProgressBar::new(s).with_style(
                ProgressStyle::with_template(
                    "{bytes}/{total_bytes} {wide_bar} {binary_bytes_per_sec} {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            )
        });
    let raw: Box<dyn Read> = match &bar {
        Some(b) => Box::new(b.wrap_read(raw)),
        None => raw,
    };
    let mut buffered = BufReader::with_capacity(1 << 16, raw);
    let gzip = buffered.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(buffered))
    } else {
        Box::new(buffered)
    };
    Ok((reader, bar))
}

/// `{"file": ..., "line": ..., <the verdict's fields>}` and a newline.
fn write_finding(file: &str, found: &Finding, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"file\":");
    // Writing JSON into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, file);
    out.extend_from_slice(b",\"line\":");
    out.extend_from_slice(itoa::Buffer::new().format(found.line()).as_bytes());
    let at = out.len();
    found.verdict().write_json(out);
    // The verdict's own `{` becomes the separator.
    out[at] = b',';
    out.push(b'\n');
}

/// What a summary row counts: one vendor error.
#[derive(PartialEq, Eq, Hash)]
struct Key {
    vendor: Option<Vendor>,
    surface: Option<Surface>,
    code: Option<RawCode<'static>>,
    status: Option<u16>,
    symbol: Option<&'static str>,
}

#[derive(Default)]
struct Summary {
    rows: HashMap<Key, (u64, Classification<'static>)>,
}

impl Summary {
    fn add(&mut self, found: Finding) {
        let v = found.verdict();
        let key = Key {
            vendor: v.vendor(),
            surface: v.surface(),
            code: v.code().cloned(),
            status: v.status(),
            symbol: v.symbol(),
        };
        self.rows.entry(key).or_insert_with(|| (0, v.clone())).0 += 1;
    }

    /// The table, most frequent first, in aligned columns with the hint
    /// last.
    fn write(&self, out: &mut impl Write, lang: Lang) -> io::Result<()> {
        let mut rows: Vec<_> = self.rows.values().collect();
        rows.sort_by_cached_key(|(n, c)| (std::cmp::Reverse(*n), cell_code(c)));
        let header = [
            "count", "vendor", "surface", "code", "symbol", "category", "action", "hint",
        ];
        let cells: Vec<[String; 8]> = rows
            .iter()
            .map(|(n, c)| {
                [
                    n.to_string(),
                    c.vendor().map_or("-", |v| v.as_str()).to_owned(),
                    c.surface().map_or("-", |s| s.as_str()).to_owned(),
                    cell_code(c),
                    c.symbol().unwrap_or("-").to_owned(),
                    c.category().as_str().to_owned(),
                    c.action().as_str().to_owned(),
                    c.hint(lang).to_owned(),
                ]
            })
            .collect();
        let mut widths = header.map(str::len);
        for row in &cells {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |out: &mut dyn Write, row: &[&str]| -> io::Result<()> {
            let last = row.len() - 1;
            for (i, cell) in row.iter().enumerate() {
                if i == last {
                    writeln!(out, "{cell}")?;
                } else if i == 0 {
                    write!(out, "{cell:>w$}  ", w = widths[i])?;
                } else {
                    write!(out, "{cell:<w$}  ", w = widths[i])?;
                }
            }
            Ok(())
        };
        line(out, &header)?;
        for row in &cells {
            line(out, &row.each_ref().map(String::as_str))?;
        }
        if cells.is_empty() {
            writeln!(out, "(no vendor errors found)")?;
        }
        Ok(())
    }
}

/// The code as the table shows it: with its HTTP status for Easemob REST
/// (`401 unauthorized`).
fn cell_code(c: &Classification<'_>) -> String {
    let code = c.code().map_or_else(|| "-".to_owned(), ToString::to_string);
    match c.status() {
        Some(s) if c.surface() == Some(Surface::Rest) && c.vendor() == Some(Vendor::Easemob) => {
            format!("{s} {code}")
        }
        _ => code,
    }
}
