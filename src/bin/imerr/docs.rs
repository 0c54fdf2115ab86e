//! `imerr docs`, `imerr taxonomy` and `imerr list`: the tables, whole.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use imerr::Vendor;
use strum::IntoEnumIterator;

use crate::args::{DocsArgs, Format, ListArgs};

pub fn docs(a: &DocsArgs) -> io::Result<ExitCode> {
    if a.taxonomy {
        return taxonomy();
    }
    let mut out = io::stdout().lock();
    match a.format {
        Format::Json => writeln!(out, "{}", imerr::docs::json(a.vendor))?,
        Format::Html => out.write_all(imerr::docs::html(a.vendor).as_bytes())?,
        Format::Markdown => {
            let vendors = Vendor::iter().filter(|v| a.vendor.is_none_or(|w| w == *v));
            for (i, v) in vendors.enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                out.write_all(imerr::docs::markdown(v, a.lang).as_bytes())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn taxonomy() -> io::Result<ExitCode> {
    io::stdout()
        .lock()
        .write_all(imerr::docs::taxonomy().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn list(a: &ListArgs) -> io::Result<ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    for e in a.vendor.entries() {
        let meta = e.meta();
        if a.surface.is_some_and(|s| s != e.surface())
            || a.category.is_some_and(|c| c != meta.category())
        {
            continue;
        }
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            e.surface(),
            e.key(),
            meta.symbol(),
            meta.category(),
            meta.retry(),
            meta.action()
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
