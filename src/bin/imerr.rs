//! `imerr`: look up, classify and list instant-messaging vendors' error codes.
//!
//! The output shapes are a contract (DESIGN.md): scripts and other tools read
//! them. Exit codes: 0 success, 1 a code not in the tables (`lookup`), 2 bad
//! usage.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use imerr::{
    Basis, Classification, Code, Entry, Lang, Match, RawCode, Surface, Vendor, classify,
    classify_from, easemob,
};
use serde::Serialize;
use strum::IntoEnumIterator;

/// `imerr lookup --json`: the object `imerr classify` prints, plus the
/// entry's other texts.
#[derive(Serialize)]
struct LookupJson<'a> {
    #[serde(flatten)]
    verdict: Classification<'a>,
    error_code: Option<i64>,
    summary: Option<&'static str>,
    summary_zh: Option<&'static str>,
    hint_zh: Option<&'static str>,
    versions: Option<&'static str>,
    range: Option<[i64; 2]>,
}

#[derive(Parser)]
#[command(
    name = "imerr",
    version,
    about = "Make instant-messaging vendors' errors actionable"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain one code: `imerr lookup openim 1501`, `imerr lookup easemob unauthorized --status 401 --message "..."`.
    Lookup {
        /// openim, tencent, easemob or leancloud.
        vendor: Vendor,
        /// The code (a number; for Easemob REST, the error type).
        code: String,
        /// The surface (default: the vendor's first: server, server, rest, realtime).
        #[arg(long)]
        surface: Option<Surface>,
        /// Easemob REST: the HTTP status.
        #[arg(long)]
        status: Option<u16>,
        /// Easemob REST: the error description the server sent.
        #[arg(long)]
        message: Option<String>,
        /// Print one JSON object instead of words.
        #[arg(long)]
        json: bool,
        /// Language of the words output.
        #[arg(long, default_value = "en")]
        lang: Lang,
    },
    /// Classify one raw response body read from stdin; prints one JSON object.
    Classify {
        /// The vendor, when known (detected from the body's shape otherwise).
        #[arg(long)]
        vendor: Option<Vendor>,
        /// The upstream HTTP status.
        #[arg(long)]
        status: Option<u16>,
        /// Every stdin line is one body: print one verdict line per line, streaming.
        #[arg(long)]
        lines: bool,
    },
    /// Print every entry, as Markdown or JSON.
    Docs {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Markdown)]
        format: Format,
        /// Only this vendor (Markdown: required unless printing all four one after another).
        #[arg(long)]
        vendor: Option<Vendor>,
        /// Language of the Markdown.
        #[arg(long, default_value = "en")]
        lang: Lang,
        /// Print the taxonomy (categories, retry values, actions, and how the codes spread over them).
        #[arg(long)]
        taxonomy: bool,
    },
    /// List the codes of one vendor, one line each: code, symbol, category, retry, action.
    List {
        /// openim, tencent, easemob or leancloud.
        vendor: Vendor,
        /// Only this surface.
        #[arg(long)]
        surface: Option<Surface>,
        /// Only this category (e.g. rate_limited).
        #[arg(long)]
        category: Option<imerr::Category>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Markdown,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Lookup {
            vendor,
            code,
            surface,
            status,
            message,
            json,
            lang,
        } => lookup(
            vendor,
            &code,
            surface,
            status,
            message.as_deref(),
            json,
            lang,
        ),
        Command::Classify {
            vendor,
            status,
            lines,
        } => run_classify(vendor, status, lines),
        Command::Docs {
            format,
            vendor,
            lang,
            taxonomy: true,
        } if vendor.is_none() && lang == Lang::En => print_taxonomy(format),
        Command::Docs { taxonomy: true, .. } => {
            usage("--taxonomy takes no --vendor or --lang".into())
        }
        Command::Docs {
            format,
            vendor,
            lang,
            taxonomy: false,
        } => docs(format, vendor, lang),
        Command::List {
            vendor,
            surface,
            category,
        } => list(vendor, surface, category),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`imerr docs | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("imerr: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage(msg: String) -> io::Result<ExitCode> {
    eprintln!("imerr: {msg}");
    Ok(ExitCode::from(2))
}

fn lookup(
    vendor: Vendor,
    code: &str,
    surface: Option<Surface>,
    status: Option<u16>,
    message: Option<&str>,
    as_json: bool,
    lang: Lang,
) -> io::Result<ExitCode> {
    let surface = surface.unwrap_or(vendor.default_surface());
    if !vendor.has_surface(surface) {
        let known: Vec<&str> = vendor.surfaces().iter().map(|s| s.as_str()).collect();
        return usage(format!(
            "{vendor} has no surface \"{surface}\" (expected one of {})",
            known.join(", ")
        ));
    }
    let number = code.trim().parse::<i64>().ok();
    let (matched, matched_by) = if vendor == Vendor::Easemob && surface == Surface::Rest {
        let found = match number {
            Some(n) => easemob::match_error_code(n)
                .or_else(|| easemob::match_rest(u16::try_from(n).ok(), None, message)),
            None => easemob::match_rest(status, Some(code), message),
        };
        (
            found.map_or(Match::Unknown, |m| Match::Entry(m.entry)),
            found.map(|m| m.by),
        )
    } else {
        let Some(n) = number else {
            return usage(format!(
                "\"{code}\" is not a number; {vendor} {surface} codes are integers"
            ));
        };
        (imerr::lookup(vendor, surface, n).matched, None)
    };

    let mut out = io::stdout().lock();
    if as_json {
        let entry = matched.entry();
        let raw_code = match (entry.and_then(|e| e.code), number) {
            (Some(Code::Number(n)), _) => RawCode::Number(n),
            (Some(Code::ErrorType(t)), _) => RawCode::Text(t.into()),
            (None, Some(n)) if entry.is_none() => RawCode::Number(n),
            _ => RawCode::Text(code.into()),
        };
        let verdict = Classification {
            is_error: matched.category() != imerr::Category::Ok,
            vendor: Some(vendor),
            surface: Some(surface),
            code: Some(raw_code),
            status: entry.and_then(|e| e.status).or(status),
            matched,
            matched_by,
            basis: match matched {
                Match::Entry(_) => Basis::Entry,
                Match::Range(_) => Basis::Range,
                Match::Unknown => Basis::Nothing,
            },
            category: matched.category(),
            retry: matched.retry(),
            action: matched.action(),
            partial: false,
            raw_message: entry.and_then(Entry::message_or_pattern).map(Into::into),
        };
        let value = LookupJson {
            verdict,
            error_code: entry.and_then(|e| e.error_code),
            summary: matched.summary(Lang::En),
            summary_zh: matched.summary(Lang::Zh),
            hint_zh: matched.hint(Lang::Zh),
            versions: entry.and_then(|e| e.versions),
            range: matched.range().map(|r| [r.first, r.last]),
        };
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
    } else {
        match matched {
            Match::Entry(e) => {
                let key = match (e.code, e.status) {
                    (Some(Code::Number(n)), _) => n.to_string(),
                    (Some(Code::ErrorType(t)), Some(s)) => format!("HTTP {s} {t}"),
                    (Some(Code::ErrorType(t)), None) => t.to_string(),
                    (None, Some(s)) => format!("HTTP {s}"),
                    (None, None) => String::new(),
                };
                writeln!(out, "{} {surface} {key} {}", vendor.name(), e.symbol)?;
                if let Some(m) = e.message_or_pattern() {
                    writeln!(out, "  message:  {m}")?;
                }
                if let Some(by) = matched_by {
                    writeln!(out, "  matched:  by {by}")?;
                }
            }
            Match::Range(r) => {
                writeln!(
                    out,
                    "{} {surface} {code}: not in the tables, inside the documented range {}-{} ({})",
                    vendor.name(),
                    r.first,
                    r.last,
                    r.symbol
                )?;
            }
            Match::Unknown => {
                writeln!(
                    out,
                    "{} {surface} {code}: not in the tables and in no documented range",
                    vendor.name()
                )?;
            }
        }
        writeln!(
            out,
            "  category: {}  retry: {}  action: {}  (answer HTTP {})",
            matched.category(),
            matched.retry(),
            matched.action(),
            matched.category().http_status()
        )?;
        if let Some(d) = matched.retry_after() {
            writeln!(
                out,
                "  wait:     at least {} s before retrying",
                d.as_secs()
            )?;
        }
        if let Some(s) = matched.summary(lang) {
            writeln!(out, "  summary:  {s}")?;
        }
        match matched.hint(lang) {
            Some(h) => writeln!(out, "  hint:     {h}")?,
            None => writeln!(
                out,
                "  hint:     log the raw code with the request context and alert; vendors add codes every release"
            )?,
        }
        if let Some(v) = matched.entry().and_then(|e| e.versions) {
            writeln!(out, "  versions: {v}")?;
        }
    }
    Ok(if matched.known() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn verdict<'a>(vendor: Option<Vendor>, status: Option<u16>, body: &'a [u8]) -> Classification<'a> {
    match vendor {
        Some(v) => classify_from(v, status, body),
        None => classify(status, body),
    }
}

fn run_classify(vendor: Option<Vendor>, status: Option<u16>, lines: bool) -> io::Result<ExitCode> {
    let mut stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    if !lines {
        // Read at most one byte past the limit: a larger body is classified
        // without being read whole.
        let mut body = Vec::new();
        (&mut stdin)
            .take(imerr::MAX_BODY as u64 + 1)
            .read_to_end(&mut body)?;
        // Drain the rest without keeping it, so the writer does not see a
        // broken pipe.
        io::copy(&mut stdin, &mut io::sink())?;
        let mut json = Vec::with_capacity(1024);
        verdict(vendor, status, &body).write_json(&mut json);
        json.push(b'\n');
        out.write_all(&json)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut reader = io::BufReader::with_capacity(1 << 16, stdin);
    let mut line = Vec::with_capacity(4096);
    let mut json = Vec::with_capacity(1024);
    loop {
        line.clear();
        if !read_bounded_line(&mut reader, &mut line, imerr::MAX_BODY + 1)? {
            break;
        }
        let body = line.strip_suffix(b"\n").unwrap_or(&line);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        json.clear();
        verdict(vendor, status, body).write_json(&mut json);
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

/// Reads one line into `line`, keeping at most `limit` bytes of it (the rest
/// of an overlong line is skipped), so memory stays flat whatever the input.
/// Returns false at end of input.
fn read_bounded_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<bool> {
    let mut read_any = false;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        let (chunk, done) = match memchr(buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let room = limit.saturating_sub(line.len());
        line.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let n = chunk.len();
        reader.consume(n);
        if done {
            return Ok(true);
        }
    }
}

fn memchr(buf: &[u8]) -> Option<usize> {
    buf.iter().position(|&b| b == b'\n')
}

fn docs(format: Format, vendor: Option<Vendor>, lang: Lang) -> io::Result<ExitCode> {
    let mut out = io::stdout().lock();
    match format {
        Format::Json => writeln!(out, "{}", imerr::docs::json(vendor))?,
        Format::Markdown => {
            let vendors = Vendor::iter().filter(|v| vendor.is_none_or(|w| w == *v));
            for (i, v) in vendors.enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                out.write_all(imerr::docs::markdown(v, lang).as_bytes())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_taxonomy(format: Format) -> io::Result<ExitCode> {
    match format {
        Format::Markdown => io::stdout()
            .lock()
            .write_all(imerr::docs::taxonomy().as_bytes())?,
        Format::Json => return usage("--taxonomy is only rendered as markdown".into()),
    }
    Ok(ExitCode::SUCCESS)
}

fn list(
    vendor: Vendor,
    surface: Option<Surface>,
    category: Option<imerr::Category>,
) -> io::Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    for e in vendor.entries() {
        if surface.is_some_and(|s| s != e.surface) || category.is_some_and(|c| c != e.category) {
            continue;
        }
        let key = match (e.code, e.status) {
            (Some(Code::Number(n)), _) => n.to_string(),
            (Some(Code::ErrorType(t)), Some(s)) => format!("{s} {t}"),
            (Some(Code::ErrorType(t)), None) => t.to_string(),
            (None, s) => s.map(|s| s.to_string()).unwrap_or_default(),
        };
        writeln!(
            out,
            "{}\t{key}\t{}\t{}\t{}\t{}",
            e.surface, e.symbol, e.category, e.retry, e.action
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
