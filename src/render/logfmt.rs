//! A verdict as one logfmt line.

use std::fmt;

use super::safe::SafeMessage;
use crate::{Classification, RawCode, Vendor};

/// The logfmt rendering of a [`Classification`]; see
/// [`Classification::logfmt`].
#[derive(Debug, Clone, Copy)]
pub struct Logfmt<'c, 'a>(pub(crate) &'c Classification<'a>);

struct LogfmtValue<'v>(&'v str);

impl fmt::Display for LogfmtValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = !self.0.is_empty()
            && self
                .0
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'=' && b != b'\\');
        if plain {
            return f.write_str(self.0);
        }
        f.write_str("\"")?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                c => fmt::Write::write_char(f, c)?,
            }
        }
        f.write_str("\"")
    }
}

impl fmt::Display for Logfmt<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        write!(f, "vendor={}", c.vendor().map_or("unknown", Vendor::as_str))?;
        if let Some(s) = c.surface() {
            write!(f, " surface={s}")?;
        }
        match c.code() {
            Some(RawCode::Number(n)) => write!(f, " code={n}")?,
            Some(RawCode::Text(t)) => write!(
                f,
                " code={}",
                LogfmtValue(&SafeMessage(t).to_string_bounded())
            )?,
            None => {}
        }
        if let Some(s) = c.status() {
            write!(f, " status={s}")?;
        }
        if let Some(s) = c.symbol() {
            write!(f, " symbol={}", LogfmtValue(s))?;
        }
        write!(
            f,
            " known={} category={} retry={} action={} effect={} http_status={}",
            c.known(),
            c.category(),
            c.retry(),
            c.action(),
            c.effect(),
            c.http_status()
        )?;
        if let Some(m) = c.message() {
            write!(f, " msg={}", LogfmtValue(&m.to_string_bounded()))?;
        }
        Ok(())
    }
}
