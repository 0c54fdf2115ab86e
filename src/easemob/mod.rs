//! Easemob (环信 IM), also sold as Agora Chat: every documented code, one enum
//! per surface, and how its REST bodies are read and matched.
//!
//! Easemob's REST errors are not numbers: a response is an HTTP status plus
//! `{"error": "<type>", "error_description": "<message>"}`, and one type
//! carries many messages with different meanings (401 `unauthorized` is
//! "registration is not open" or "expired access token"). [`match_rest`]
//! finds the entry, most specific first:
//!
//! 1. the exact message (ids and limits included);
//! 2. a message pattern (messages that embed user ids, group ids, app keys or
//!    limits that vary);
//! 3. the HTTP status and the error type;
//! 4. the error type alone;
//! 5. the HTTP status alone.
//!
//! Spelling variants the vendor really sends resolve to the same entry: the
//! type is compared without case and punctuation and without a trailing
//! `Exception` (`Bad Request` = `BAD_REQUEST`, `IllegalArgumentException` =
//! `illegal_argument`, `exceeded_limit` = `exceed_limit`), the message without
//! case, repeated spaces, curly quotes or a trailing period. Matching never
//! allocates.
//!
//! ```
//! use imerr::{easemob, Action, Retry};
//!
//! let m = easemob::match_rest(Some(401), Some("unauthorized"),
//!     Some("Unable to authenticate due to expired access token")).unwrap();
//! assert_eq!(m.entry.meta().retry(), Retry::AfterReauth);
//! assert_eq!(m.by, easemob::MatchedBy::Message);
//!
//! let m = easemob::match_rest(Some(429), Some("reach_limit"), Some("This request has reached api limit.")).unwrap();
//! assert_eq!(m.entry.meta().action(), Action::SlowDown);
//! ```
//!
//! Streaming-message errors also carry a numeric `error_code` (14001-14038):
//! [`lookup`](crate::lookup) on the `rest` surface resolves it.

mod matching;
pub(crate) mod normalize;

use std::borrow::Cow;

pub use crate::MatchedBy;
pub use matching::{RestMatch, match_error_code, match_rest};

use crate::classify::{Envelope, failed_status, resolve};
use crate::{Classification, Code, Match, RawCode, Surface, Vendor};

include!(concat!(env!("OUT_DIR"), "/easemob.rs"));

/// The surfaces whose codes an Easemob REST body carries (the streaming
/// `error_code`).
pub(crate) const BODY_SURFACES: &[Surface] = &[Surface::Rest];

/// Whether a generic code's body may carry a more specific code in its
/// text: yes (the web SDK's 403 fall-through keeps the REST body in `data`;
/// `renderings.md` 3.6).
pub(crate) const INNER_CODES: bool = true;

/// `org.apache.usergrid.rest.exceptions.SecurityException` ->
/// `SecurityException`.
fn simple_name(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(_, simple)| simple)
}

/// [`simple_name`], still borrowed from the body when the name was.
fn simple_name_cow(name: Cow<'_, str>) -> Cow<'_, str> {
    match name {
        Cow::Borrowed(s) => Cow::Borrowed(simple_name(s)),
        Cow::Owned(s) => Cow::Owned(simple_name(&s).to_owned()),
    }
}

/// Whether the matched entry's error type is `ty` (spelling variants
/// folded).
fn names_type(m: &RestMatch, ty: &str) -> bool {
    let Some(Code::Text(t)) = m.entry.code() else {
        return false;
    };
    let (mut a, mut b) = ([0; normalize::MAX_TYPE], [0; normalize::MAX_TYPE]);
    let ty = normalize::error_type(ty, &mut b).filter(|t| !t.is_empty());
    ty.is_some() && normalize::error_type(t, &mut a) == ty
}

/// Reads an Easemob body: a client SDK's error map `{code, description}`,
/// or a REST error.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    if env.description.0.is_some() && env.code.is_some() {
        return resolve(Vendor::Easemob, &[Surface::Sdk], env.code.take(), status)
            .with_message(env.description.take_non_empty());
    }
    let error = env.error.take_non_empty().filter(|e| e != "-");
    // An exception class name counts when its simple name (after the last
    // `.`) is not blank; the simple name itself is cut only where used.
    let exception = env
        .exception
        .take_non_empty()
        .filter(|e| !e.trim_ascii_end().ends_with('.'));
    // An empty description is matched as such (some errors are documented
    // with one); only a non-empty one is worth logging.
    let sent_description = env.error_description.0.take();
    let blank = |d: &Cow<'_, str>| d.trim_ascii().is_empty();
    let error_code = env.error_code.take().and_then(|c| c.number());
    if error.is_none()
        && exception.is_none()
        && sent_description.as_ref().is_none_or(blank)
        && error_code.is_none()
        && !failed_status(status)
    {
        return Classification::success(Some(Vendor::Easemob), Some(Surface::Rest), status);
    }
    let found = error_code.and_then(match_error_code).or_else(|| {
        let by_error = match_rest(status, error.as_deref(), sent_description.as_deref());
        // Some documented error types are exception class names, and a body
        // may name its kind only in `exception`: when there is no type, or
        // the type and message said little, try the exception's simple name
        // as the type, and keep it when it matches better.
        if error.is_some() && by_error.is_some_and(|m| m.by < MatchedBy::Type) {
            return by_error;
        }
        let Some(exception) = exception.as_deref().map(simple_name) else {
            return by_error;
        };
        let Some(by_exception) = match_rest(status, Some(exception), sent_description.as_deref())
        else {
            return by_error;
        };
        let better = by_error.is_none_or(|a| {
            let b = &by_exception;
            b.by < a.by
                || (b.by == a.by
                    && names_type(b, exception)
                    && !error.as_deref().is_some_and(|e| names_type(&a, e)))
        });
        Some(if better { by_exception } else { by_error? })
    });
    let matched = found.map_or(Match::Unknown, |m| Match::Entry(m.entry));
    // The error type is the code, as in the tables (a streaming error's
    // `error_code` only picks the entry); without a type in the body, the
    // matched entry's type, else the bare `error_code`.
    let code = error
        .or_else(|| exception.map(simple_name_cow))
        .map(RawCode::Text)
        .or_else(|| {
            found
                .and_then(|m| m.entry.code())
                .filter(|c| matches!(c, Code::Text(_)))
                .map(RawCode::from)
        })
        .or(error_code.map(RawCode::Number));
    Classification::from_match(
        Some(Vendor::Easemob),
        Some(Surface::Rest),
        code,
        status,
        matched,
    )
    .with_matched_by(found.map(|m| m.by))
    .with_message(sent_description.filter(|d| !blank(d)))
}

impl From<RestMatch> for Classification<'static> {
    /// The verdict on a matched Easemob REST entry: its type, status and
    /// message, and the matching step that found it.
    fn from(m: RestMatch) -> Self {
        let e = m.entry;
        let code = e.code().map(RawCode::from);
        Classification::from_match(
            Some(Vendor::Easemob),
            Some(Surface::Rest),
            code,
            e.status(),
            Match::Entry(e),
        )
        .with_matched_by(Some(m.by))
        .with_message(e.message_or_pattern().map(Cow::Borrowed))
    }
}
