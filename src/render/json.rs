//! A verdict as the flat JSON object of `docs/design.md`: `Serialize`, and
//! [`Classification::write_json`], which writes the same bytes faster.

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::safe::{SafeMessage, has_byte};
use crate::MatchedBy;
use crate::{
    Action, Basis, Category, Classification, Effect, Lang, RawCode, Retry, Surface, Vendor,
};

/// Calls `$emit!(key, value)` for each field of the verdict object, in
/// order: the one list behind both [`Serialize`] and
/// [`Classification::write_json`].
macro_rules! verdict_fields {
    ($c:expr, $emit:ident) => {{
        let c = $c;
        $emit!("is_error", c.is_error());
        $emit!("vendor", c.vendor());
        $emit!("surface", c.surface());
        match c.code() {
            Some(RawCode::Text(t)) => $emit!("code", Some(SafeMessage(t))),
            Some(RawCode::Number(n)) => $emit!("code", Some(*n)),
            None => $emit!("code", None::<i64>),
        }
        $emit!("symbol", c.symbol());
        $emit!("known", c.known());
        $emit!("category", c.category());
        $emit!("retry", c.retry());
        $emit!("action", c.action());
        $emit!("effect", c.effect());
        $emit!("http_status", c.http_status());
        $emit!("hint", c.hint(Lang::En));
        $emit!("message", c.message());
        $emit!("status", c.status());
        $emit!("basis", c.basis());
        if let Some(by) = c.matched_by() {
            $emit!("matched_by", by);
        }
        if c.is_partial() {
            $emit!("partial", true);
        }
        if c.is_soft_logout() {
            $emit!("soft_logout", true);
        }
        if c.is_extracted() {
            $emit!("extracted", true);
        }
        match c.wrapped_by() {
            Some(RawCode::Text(t)) => $emit!("wrapped_by", SafeMessage(t)),
            Some(RawCode::Number(n)) => $emit!("wrapped_by", *n),
            None => {}
        }
        $emit!("retry_after", c.retry_after().map(|d| d.as_secs()));
    }};
}

impl Serialize for Classification<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        macro_rules! emit {
            ($key:literal, $value:expr) => {
                m.serialize_entry($key, &$value)?
            };
        }
        verdict_fields!(self, emit);
        m.end()
    }
}

impl Classification<'_> {
    /// Appends the verdict as one JSON object (`docs/design.md`'s shape, no
    /// newline): byte for byte what `serde_json::to_writer` writes for it,
    /// several times faster, because the keys, enum names and hints are
    /// copied as they are instead of being escaped byte by byte. For a
    /// gateway or a log pipeline that writes a verdict per response; never
    /// allocates beyond growing `out`.
    ///
    /// ```
    /// let c = imerr::classify(Some(200), br#"{"errCode":1501,"errMsg":"TokenExpiredError"}"#);
    /// let mut line = Vec::new();
    /// c.write_json(&mut line);
    /// assert_eq!(line, serde_json::to_vec(&c).unwrap());
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        let start = out.len();
        macro_rules! emit {
            ($key:literal, $value:expr) => {{
                out.extend_from_slice(concat!(",\"", $key, "\":").as_bytes());
                JsonValue::write_to(&$value, out);
            }};
        }
        verdict_fields!(self, emit);
        // The first field's comma opens the object.
        out[start] = b'{';
        out.push(b'}');
    }
}

/// A verdict field written as JSON the way serde_json writes it.
trait JsonValue {
    fn write_to(&self, out: &mut Vec<u8>);
}

impl<T: JsonValue> JsonValue for Option<T> {
    fn write_to(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.write_to(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl JsonValue for bool {
    fn write_to(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

/// Integers through serde_json's own formatter.
macro_rules! json_int {
    ($($ty:ty),*) => {$(
        impl JsonValue for $ty {
            fn write_to(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
            }
        }
    )*};
}

json_int!(u16, u64, i64);

impl JsonValue for &str {
    fn write_to(&self, out: &mut Vec<u8>) {
        if has_byte(self, json_escaped) {
            serde_fallback(out, self);
        } else {
            write_quoted(out, self);
        }
    }
}

/// Enums serialize as their `snake_case` name, which needs no escaping.
macro_rules! json_name {
    ($($ty:ty),*) => {$(
        impl JsonValue for $ty {
            fn write_to(&self, out: &mut Vec<u8>) {
                write_quoted(out, self.into());
            }
        }
    )*};
}

json_name!(
    Vendor, Surface, Category, Retry, Action, Effect, Basis, MatchedBy
);

impl JsonValue for SafeMessage<'_> {
    fn write_to(&self, out: &mut Vec<u8>) {
        // Nothing to strip, cut or escape.
        if self.is_plain() && !has_byte(self.0, json_escaped) {
            write_quoted(out, self.0);
        } else {
            serde_fallback(out, self);
        }
    }
}

/// Writes `s` as a JSON string that needs no escaping.
fn write_quoted(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// Whether serde_json escapes this byte in a string.
fn json_escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// serde_json's own rendering, for text that needs escaping.
fn serde_fallback<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(out, value);
}
