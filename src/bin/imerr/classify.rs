//! `imerr classify`: one body from stdin, or one per line with `--lines`.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use imerr::{Classification, MAX_BODY, Vendor, classify, classify_from};

use crate::args::ClassifyArgs;

pub fn run(a: &ClassifyArgs) -> io::Result<ExitCode> {
    let mut stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut json = Vec::with_capacity(1024);
    if !a.lines {
        // Read at most one byte past the limit: a larger body is classified
        // without being read whole.
        let mut body = Vec::new();
        (&mut stdin)
            .take(MAX_BODY as u64 + 1)
            .read_to_end(&mut body)?;
        // Drain the rest without keeping it, so the writer does not see a
        // broken pipe.
        io::copy(&mut stdin, &mut io::sink())?;
        verdict(a.vendor, a.status, &body)
            .with_headers(a.headers.as_slice())
            .write_json(&mut json);
        json.push(b'\n');
        out.write_all(&json)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut reader = io::BufReader::with_capacity(1 << 16, stdin);
    let mut line = Vec::with_capacity(4096);
    while read_bounded_line(&mut reader, &mut line)? {
        let body = line.strip_suffix(b"\n").unwrap_or(&line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        json.clear();
        verdict(a.vendor, a.status, body)
            .with_headers(a.headers.as_slice())
            .write_json(&mut json);
        json.push(b'\n');
        out.write_all(&json)?;
        // Stream: flush whenever no more input is already buffered, so a
        // reader of a live log sees each verdict without waiting.
        if reader.buffer().is_empty() {
            out.flush()?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn verdict(vendor: Option<Vendor>, status: Option<u16>, body: &[u8]) -> Classification<'_> {
    match vendor {
        Some(v) => classify_from(v, status, body),
        None => classify(status, body),
    }
}

/// Reads one line into `line` (cleared first), keeping at most one byte
/// more than [`MAX_BODY`] of it and skipping the rest of an overlong line,
/// so memory stays flat whatever the input. Returns false at end of input.
pub fn read_bounded_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<bool> {
    line.clear();
    let n = reader
        .by_ref()
        .take(MAX_BODY as u64 + 1)
        .read_until(b'\n', line)?;
    if n == 0 {
        return Ok(false);
    }
    if line.last() != Some(&b'\n') && n > MAX_BODY {
        reader.skip_until(b'\n')?;
    }
    Ok(true)
}
