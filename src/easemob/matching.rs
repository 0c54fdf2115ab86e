//! Matching an Easemob REST error (HTTP status, error type, message) to its
//! entry, most specific first.

use super::normalize;
use super::{
    REST_BY_CODE, REST_BY_MESSAGE, REST_BY_STATUS, REST_BY_TYPE, REST_ENTRIES, REST_MATCH_KEYS,
    REST_PATTERNS,
};
use crate::{Entry, MatchedBy};

/// An Easemob REST entry and how it was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RestMatch {
    /// The matched entry.
    pub entry: &'static Entry,
    /// Which step of the matching order found it.
    pub by: MatchedBy,
}

/// How well entry `i` agrees with what was received: 2 for the same type (no
/// type on either side counts as the same), plus 1 for the same status. The
/// entry's normalized type comes precomputed (`REST_MATCH_KEYS`, generated),
/// so matching does not normalize every candidate's type again.
fn agreement(i: usize, status: Option<u16>, ty: Option<&str>) -> u8 {
    let (entry_type, _) = REST_MATCH_KEYS[i];
    u8::from(entry_type == ty) * 2 + u8::from(status.is_some() && REST_ENTRIES[i].status == status)
}

/// Picks, among entries sharing a message or matching patterns, the one whose
/// type and status agree most with what was received (type first; no type on
/// either side counts as agreeing), then the most specific pattern (its
/// length without the `*`s, precomputed in `REST_MATCH_KEYS`). Returns the
/// entry and its [`agreement`].
fn best(
    candidates: impl Iterator<Item = u16>,
    status: Option<u16>,
    ty: Option<&str>,
) -> Option<(&'static Entry, u8)> {
    let mut top: Option<(usize, (u8, usize))> = None;
    for i in candidates {
        let i = usize::from(i);
        let s = (agreement(i, status, ty), REST_MATCH_KEYS[i].1);
        if top.is_none_or(|(_, t)| s > t) {
            top = Some((i, s));
        }
    }
    top.map(|(i, (a, _))| (&REST_ENTRIES[i], a))
}

/// Matches an Easemob REST error given the HTTP status, the body's `error`
/// (the type) and `error_description` (the message), any of which may be
/// missing. Returns `None` when nothing in the tables matches (an unknown
/// type with an unknown status): classify that as unknown and keep the raw
/// values.
pub fn match_rest(
    status: Option<u16>,
    error: Option<&str>,
    description: Option<&str>,
) -> Option<RestMatch> {
    let mut msg_buf = [0; normalize::MAX_MESSAGE];
    // `Some("")` when the server sent an empty description: some errors are
    // documented that way, so it is not the same as sending none.
    let msg = description.and_then(|m| normalize::message(m, &mut msg_buf));
    let exact = msg.and_then(|m| REST_BY_MESSAGE.get(m));
    // The message alone settles it (the usual case): the type is not needed.
    if let (Some(&&[i]), Some(false)) = (exact, msg.map(str::is_empty)) {
        return Some(RestMatch {
            entry: &REST_ENTRIES[usize::from(i)],
            by: MatchedBy::Message,
        });
    }

    let mut type_buf = [0; normalize::MAX_TYPE];
    let ty = error
        .and_then(|t| normalize::error_type(t, &mut type_buf))
        .filter(|t| !t.is_empty());
    if let Some(msg) = msg {
        let exact = exact.and_then(|list| best(list.iter().copied(), status, ty));
        // An empty description alone says little: only an entry of the same
        // type may claim it.
        if let Some((entry, _)) = exact.filter(|&(_, a)| !msg.is_empty() || a >= 2) {
            return Some(RestMatch {
                entry,
                by: MatchedBy::Message,
            });
        }
        if !msg.is_empty() {
            // (pattern, its literal prefix and suffix, entry): the cheap
            // checks first.
            let hits = REST_PATTERNS
                .iter()
                .filter(|(p, prefix, suffix, _)| {
                    // One byte and the lengths before any comparison call.
                    let first = prefix.as_bytes().first();
                    first.is_none_or(|b| msg.as_bytes().first() == Some(b))
                        && msg.len() >= prefix.len() + suffix.len()
                        && msg.starts_with(prefix)
                        && msg.ends_with(suffix)
                        && normalize::glob_match(p, msg)
                })
                .map(|&(_, _, _, i)| i);
            if let Some((entry, _)) = best(hits, status, ty) {
                return Some(RestMatch {
                    entry,
                    by: MatchedBy::Pattern,
                });
            }
        }
    }
    if let Some(list) = ty.and_then(|t| REST_BY_TYPE.get(t)) {
        let entries = list.iter().map(|&i| &REST_ENTRIES[usize::from(i)]);
        if let Some(entry) = entries
            .clone()
            .find(|e| status.is_some() && e.status == status)
        {
            return Some(RestMatch {
                entry,
                by: MatchedBy::StatusAndType,
            });
        }
        // The type alone, only when the status does not contradict it: a 502
        // with a type documented under 400 is a gateway failure, not a bad
        // request.
        let same_class =
            |e: &&Entry| status.is_none_or(|s| e.status.is_none_or(|es| es / 100 == s / 100));
        if let Some(entry) = entries.clone().find(same_class) {
            return Some(RestMatch {
                entry,
                by: MatchedBy::Type,
            });
        }
    }
    let status = status?;
    REST_BY_STATUS
        .iter()
        .find(|&&(s, _)| s == status)
        .map(|&(_, i)| RestMatch {
            entry: &REST_ENTRIES[usize::from(i)],
            by: MatchedBy::Status,
        })
}

/// Matches an Easemob streaming-message error by its numeric `error_code`
/// (14001-14038).
pub fn match_error_code(error_code: i64) -> Option<RestMatch> {
    REST_BY_CODE.get(error_code).map(|i| RestMatch {
        entry: &REST_ENTRIES[usize::from(i)],
        by: MatchedBy::ErrorCode,
    })
}
