//! JSON inside a text, read by the vendors' own body readers: an envelope
//! the text embeds, or the text's key-value pairs rebuilt as one.

use crate::classify::{is_envelope_key, read_json};
use crate::{Classification, Vendor};

use super::pairs::Value;
use super::reading::Reading;

/// The first JSON object inside the text that is a vendor's envelope with a
/// known code (else the first envelope at all): a log line's JSON field, a
/// gateway's reply dump, an `error` that is itself an object, the REST body
/// a web SDK error carries.
pub(super) fn embedded_json<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    text: &'a str,
) -> Option<Json<'a>> {
    let mut first = None;
    for (tried, (i, _)) in text.match_indices('{').enumerate() {
        if tried >= 8 {
            break;
        }
        // Strict JSON opens with a quoted key (or closes at once), and
        // closes somewhere (a truncated body is read for its pairs instead).
        let next = text[i + 1..].trim_start().as_bytes().first().copied();
        if !matches!(next, Some(b'"' | b'}')) || !text[i..].contains('}') {
            continue;
        }
        if let Some((verdict, specific)) = read_json(vendor, status, &text[i..]) {
            let found = Json {
                verdict,
                at: i,
                specific,
            };
            if found.verdict.known() || !found.verdict.is_error() {
                return Some(found);
            }
            first = first.or(Some(found));
        }
    }
    first
}

/// The text's key-value pairs rebuilt as JSON and read by the vendors' own
/// readers, when they include a key only one vendor's envelope has (a
/// console dump of `{ errCode: 1501, errMsg: '...' }`, a protobuf frame's
/// `cmd`/`op`/`code`, Easemob's `error_description`): the readers then do
/// what they do for bodies (Easemob matching, LeanCloud frames, Matrix
/// `errcode`).
pub(super) fn loose_json<'a>(
    vendor: Option<Vendor>,
    status: Option<u16>,
    reading: &Reading<'a>,
) -> Option<Json<'a>> {
    let pairs = reading.pairs.iter().filter(|p| is_envelope_key(p.key));
    let specific = pairs
        .clone()
        .any(|p| !matches!(p.key, "code" | "message" | "error" | "msg" | "desc"));
    if !specific {
        return None;
    }
    let mut json = String::from("{");
    for p in pairs {
        if json.len() > 1 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(p.key).ok()?);
        json.push(':');
        match p.value {
            Value::Number(n) => json.push_str(itoa::Buffer::new().format(n)),
            Value::Text(t) => json.push_str(&serde_json::to_string(t).ok()?),
        }
    }
    json.push('}');
    let (verdict, specific) = read_json(vendor, status, &json)?;
    if !specific {
        return None;
    }
    let at = reading.pairs.iter().map(|p| p.at).min().unwrap_or(0);
    Some(Json {
        verdict: verdict.into_owned(),
        at,
        specific: true,
    })
}

/// A vendor envelope found in the text, and where it starts.
#[derive(Debug, Clone)]
pub(super) struct Json<'a> {
    pub(super) verdict: Classification<'a>,
    pub(super) at: usize,
    /// Fields only one vendor's envelope has named it (not a bare `code`).
    pub(super) specific: bool,
}
