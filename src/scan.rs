//! Finding the lines of a log that carry a vendor error ([`Scanner`]), for
//! `imerr scan` and for services that watch their own logs.
//!
//! The log is read in large chunks; one multi-pattern search
//! (Aho-Corasick) over each chunk finds the few lines that mention a code,
//! an error or a failure in any form the text reader knows, and only those
//! lines are read for a vendor error. Memory stays at one chunk whatever
//! the log's size; a line longer than the chunk is read for its first
//! [`MAX_LINE`] bytes and the rest skipped.
//!
//! ```
//! use imerr::scan::Scanner;
//!
//! let log = b"GET /health 200\n\
//!             E/TUILogin( 4321): V2TIMManager login failed, code=6014, desc=sdk not login\n\
//!             done in 12 ms\n";
//! let found: Vec<_> = Scanner::new(&log[..], None).collect::<Result<_, _>>().unwrap();
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].line(), 2);
//! assert_eq!(found[0].verdict().symbol(), Some("ERR_SDK_NOT_LOGGED_IN"));
//! ```

use std::io::{self, Read};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::{Classification, RawCode, Vendor, classify, classify_from};

/// A line is read for its first this many bytes (64 KiB); the rest is
/// skipped.
pub const MAX_LINE: usize = crate::text::MAX_TEXT;

/// How much of the log is held at once (1 MiB).
const CHUNK: usize = 1 << 20;

/// How far back a line's record is looked for (a protobuf frame, a
/// Node `util.inspect` of an error, a stack) when the line alone names no
/// vendor: at most this many bytes ...
const CONTEXT: usize = 4096;
/// ... and lines.
const CONTEXT_LINES: usize = 16;

/// What a line carrying a vendor error mentions, in every form the text
/// reader knows: code keys (`code`, `errCode`, `ErrorCode`, `rescode`),
/// error words (`error`, `ERR_`, `errno`), failures, exceptions and error
/// domains, Flutter's `|null` callback tail, Swift's `Optional(`, symbol
/// prefixes (`V2NIM`, `kNIM`, `RC_`, gRPC's `codes.`, Matrix's `M_`) and the
/// Chinese for failure and error. The case variants are spelled out rather
/// than matched without case, and every pattern is at least three bytes
/// long (`M_` only after a delimiter): such patterns run on the SIMD
/// searcher, whose two-byte fingerprints would match every `co` and `er`.
const ANCHORS: [&str; 31] = [
    "code",
    "Code",
    "CODE",
    "err",
    "Err",
    "ERR",
    "fail",
    "Fail",
    "FAIL",
    "exception",
    "Exception",
    "EXCEPTION",
    "Optional(",
    "Domain=",
    "domain=",
    "|null",
    "kNIM",
    "V2NIM",
    "RC_",
    "codes.",
    " M_",
    "\"M_",
    "'M_",
    "[M_",
    "(M_",
    "=M_",
    "失败",
    "错误",
    "異常",
    "异常",
    "出错",
];

static SEARCH: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostFirst)
        .build(ANCHORS)
        .ok()
});

/// A line of the log that carries a vendor error.
#[derive(Debug, Clone)]
pub struct Finding {
    line: u64,
    verdict: Classification<'static>,
}

impl Finding {
    /// The line's number, from 1.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// What the line says.
    pub fn verdict(&self) -> &Classification<'static> {
        &self.verdict
    }
}

/// Reads a log and yields the lines that carry a vendor error, with their
/// numbers. Lines that carry none (access lines, `code: 0`, timestamps,
/// ids, ordinary numbers) give nothing.
pub struct Scanner<R> {
    reader: R,
    vendor: Option<Vendor>,
    buf: Vec<u8>,
    /// `buf[pos..end]` is unread.
    pos: usize,
    end: usize,
    /// The number of the line starting at `pos`.
    line: u64,
    eof: bool,
    /// Inside a line longer than the chunk: its rest is skipped.
    skipping: bool,
    /// The last finding's line and verdict, so one record is not reported
    /// twice.
    last: Option<(u64, Classification<'static>)>,
}

impl<R: Read> Scanner<R> {
    /// A scanner over `reader`; with `vendor`, lines are read as that
    /// vendor's (as `imerr scan --vendor` does).
    pub fn new(reader: R, vendor: Option<Vendor>) -> Self {
        Scanner {
            reader,
            vendor,
            buf: vec![0; CHUNK],
            pos: 0,
            end: 0,
            line: 1,
            eof: false,
            skipping: false,
            last: None,
        }
    }

    /// Moves the unread bytes, and up to [`CONTEXT`] bytes before them, to
    /// the front and reads more; false when nothing more came.
    fn refill(&mut self) -> io::Result<bool> {
        let keep = self.pos.saturating_sub(CONTEXT);
        self.buf.copy_within(keep..self.end, 0);
        self.end -= keep;
        self.pos -= keep;
        let mut got = false;
        while self.end < self.buf.len() {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => {
                    self.end += n;
                    got = true;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(got)
    }

    /// The verdict on a text, borrowing from it: most lines read are not
    /// findings, and only a finding is copied out.
    fn read<'b>(&self, text: &'b [u8]) -> Classification<'b> {
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        let text = &text[..text.len().min(MAX_LINE)];
        match self.vendor {
            Some(v) => classify_from(v, None, text),
            None => classify(None, text),
        }
    }

    /// The verdict on the line at `buf[start..stop]`, when it carries a
    /// vendor error: read alone, or, for an indented line that continues a
    /// record and names no vendor (`code: 4111` inside a frame), with the
    /// lines before it in its record, as long as the code found is on this
    /// line. A continuation line that repeats the error just reported
    /// (the frame's `reason:` after its `code:`) is the same error.
    fn read_line(&self, start: usize, stop: usize) -> Option<Classification<'static>> {
        let line = &self.buf[start..stop];
        let continues = line.first().is_some_and(|b| matches!(b, b' ' | b'\t'));
        let alone = self.read(line);
        let c = if vendor_error(&alone) {
            alone
        } else if continues && alone.is_error() && alone.vendor().is_none() && self.vendor.is_none()
        {
            let from = record_start(&self.buf[..start]);
            let c = self.read(&self.buf[from..stop]);
            let on_line = c.code().is_some_and(|code| mentions(line, code));
            if !(from < start && vendor_error(&c) && on_line) {
                return None;
            }
            c
        } else {
            return None;
        };
        let repeated = continues
            && self.last.as_ref().is_some_and(|(n, l)| {
                *n + CONTEXT_LINES as u64 >= self.line
                    && l.vendor() == c.vendor()
                    && l.code() == c.code()
            });
        (!repeated).then(|| c.into_owned())
    }

    fn next_finding(&mut self) -> io::Result<Option<Finding>> {
        let Some(search) = SEARCH.as_ref() else {
            return Ok(None);
        };
        loop {
            // The complete lines held: up to the last newline, or all of it
            // at the end of the input.
            let region_end = match memchr::memrchr(b'\n', &self.buf[self.pos..self.end]) {
                Some(i) => self.pos + i + 1,
                None if self.eof => self.end,
                None if self.end == self.buf.len() => {
                    // One line longer than the chunk: read its head, skip
                    // the rest.
                    let head = &self.buf[self.pos..self.end];
                    let found = (!self.skipping && search.find(head).is_some())
                        .then(|| self.read(head))
                        .filter(vendor_error)
                        .map(Classification::into_owned);
                    self.skipping = true;
                    self.pos = self.end;
                    self.refill()?;
                    if let Some(verdict) = found {
                        return Ok(Some(Finding {
                            line: self.line,
                            verdict,
                        }));
                    }
                    continue;
                }
                None => {
                    if !self.refill()? && self.eof && self.pos == self.end {
                        return Ok(None);
                    }
                    continue;
                }
            };
            if self.skipping {
                // The rest of an overlong line, up to its newline.
                let nl = memchr::memchr(b'\n', &self.buf[self.pos..region_end])
                    .map_or(region_end, |i| self.pos + i + 1);
                self.pos = nl;
                self.line += 1;
                self.skipping = false;
                continue;
            }
            if self.pos == region_end {
                if self.eof {
                    return Ok(None);
                }
                self.refill()?;
                continue;
            }
            let region = &self.buf[self.pos..region_end];
            let Some(m) = search.find(region) else {
                self.line += memchr::memchr_iter(b'\n', region).count() as u64;
                self.pos = region_end;
                if self.eof && self.pos == self.end {
                    return Ok(None);
                }
                self.refill()?;
                continue;
            };
            let at = m.start();
            let start = memchr::memrchr(b'\n', &region[..at]).map_or(0, |i| i + 1);
            let stop = memchr::memchr(b'\n', &region[at..]).map_or(region.len(), |i| at + i);
            self.line += memchr::memchr_iter(b'\n', &region[..start]).count() as u64;
            let number = self.line;
            let found = self.read_line(self.pos + start, self.pos + stop);
            self.pos += (stop + 1).min(region.len());
            self.line += 1;
            if let Some(verdict) = found {
                self.last = Some((number, verdict.clone()));
                return Ok(Some(Finding {
                    line: number,
                    verdict,
                }));
            }
        }
    }
}

/// Whether a verdict is a finding: an error of a known vendor, with a code.
fn vendor_error(c: &Classification<'_>) -> bool {
    c.is_error() && c.vendor().is_some() && c.code().is_some()
}

/// Where the record that ends with `before` starts: up to
/// [`CONTEXT_LINES`] lines and [`CONTEXT`] bytes back, not past a blank
/// line.
fn record_start(before: &[u8]) -> usize {
    let floor = before.len().saturating_sub(CONTEXT);
    let mut from = before.len();
    for _ in 0..CONTEXT_LINES {
        if from <= floor {
            break;
        }
        let prev =
            memchr::memrchr(b'\n', &before[floor..from - 1]).map_or(floor, |i| floor + i + 1);
        if before[prev..from].trim_ascii().is_empty() {
            break;
        }
        from = prev;
    }
    from
}

/// Whether the line holds the code as it was written.
fn mentions(line: &[u8], code: &RawCode<'_>) -> bool {
    let mut digits = itoa::Buffer::new();
    let needle = match code {
        RawCode::Number(n) => digits.format(*n).as_bytes(),
        RawCode::Text(t) => t.as_bytes(),
    };
    memchr::memmem::find(line, needle).is_some()
}

impl<R: Read> Iterator for Scanner<R> {
    type Item = io::Result<Finding>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_finding().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(log: &[u8]) -> Vec<u64> {
        Scanner::new(log, None).map(|f| f.unwrap().line()).collect()
    }

    #[test]
    fn numbers_the_lines_that_carry_errors() {
        let log = b"a\nb code: 0\n{\"errCode\":1501,\"errMsg\":\"TokenExpiredError\"}\n\nc\nuser 70001 logged in\nOops! code:2800 message:network error";
        assert_eq!(lines(log), vec![3, 7]);
    }

    #[test]
    fn reads_across_chunks_and_overlong_lines() {
        let mut log = Vec::new();
        for i in 0..40_000 {
            log.extend_from_slice(format!("request {i} done in 3 ms, code=0\n").as_bytes());
        }
        log.extend_from_slice(&vec![b'x'; 3 * CHUNK]);
        log.extend_from_slice(b" errCode: 1501 TokenExpiredError\n");
        log.extend_from_slice(b"V2TIMManager login failed, code=6014, desc=sdk not login\n");
        // The error at the end of the overlong line is beyond its head.
        assert_eq!(lines(&log), vec![40_002]);
    }

    #[test]
    fn a_reader_that_fails_says_so() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk"))
            }
        }
        let mut s = Scanner::new(Broken, None);
        assert!(s.next().unwrap().is_err());
    }
}
