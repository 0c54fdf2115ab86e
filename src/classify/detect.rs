//! Which vendor sent a body: first the fields only one vendor's envelope
//! has, then, for the bare `{code, ...}` shapes several vendors share, which
//! of the candidates the fields allow knows the code.
//!
//! | fields | vendor |
//! | --- | --- |
//! | `errCode`, or an integer `errcode` | OpenIM |
//! | a text `errcode` | Matrix |
//! | `ActionStatus` or `ErrorCode` | Tencent |
//! | `cmd` | LeanCloud (a realtime frame) |
//! | `error_description`, `exception`, `error_code`, or `error` with `timestamp`/`duration` | Easemob |
//! | `code` with `description` | Easemob (the client SDKs' error map) |
//! | `code` with `desc`, or a V1 payload key (`info`, `tinfo`, `uinfos`, ...) | NetEase (V1) |
//! | `code` with `errorMessage` | RongCloud (v1) |
//! | `code` with `msg` (and `data`) | RongCloud (v2) or NetEase (V2): the one whose tables know the code; NetEase first when `data` is there |
//! | `code` with `message` | Tencent (the web SDK's error object), LeanCloud or RongCloud: the first that knows the code, else Tencent |
//! | `code` with `error` | LeanCloud |
//! | `code` alone | RongCloud, NetEase, LeanCloud, Tencent: the first whose tables call the code a success, else the first that knows it, else RongCloud |
//! | `error` alone | Easemob, as a guess (a logger's `error` field looks the same) |
//!
//! Among candidates, a table that calls the code a success wins over one
//! that calls it an error: `{"code": 0}` is far more often a success than
//! NetEase V2's "unknown error" 0.

use super::envelope::Envelope;
use super::tolerant::CodeValue;
use crate::registry::knows;
use crate::{Category, Vendor};

impl Envelope<'_> {
    pub(crate) fn detect(&self) -> Option<Vendor> {
        self.detect_how().map(|(v, _)| v)
    }

    /// The vendor, and whether fields only that vendor's envelope has said
    /// so (rather than which candidate's tables know a bare `code`).
    pub(crate) fn detect_how(&self) -> Option<(Vendor, bool)> {
        if let Some(v) = self.by_fields() {
            return Some((v, true));
        }
        match &self.code {
            Some(c) => Some(self.by_code(c)),
            None if self.error.0.is_some() => Some((Vendor::Easemob, false)),
            None => None,
        }
    }

    /// A vendor only its own fields name.
    fn by_fields(&self) -> Option<Vendor> {
        if self.err_code.is_some() {
            return Some(Vendor::OpenIm);
        }
        match &self.errcode {
            Some(CodeValue::Int(_)) => return Some(Vendor::OpenIm),
            Some(_) => return Some(Vendor::Matrix),
            None => {}
        }
        if self.action_status.0.is_some() || self.tencent_code.is_some() {
            Some(Vendor::Tencent)
        } else if self.cmd.0.is_some() {
            Some(Vendor::LeanCloud)
        } else if self.error_description.0.is_some()
            || self.exception.0.is_some()
            || self.error_code.is_some()
            || (self.error.0.is_some() && (self.timestamp.is_some() || self.duration.is_some()))
        {
            Some(Vendor::Easemob)
        } else {
            None
        }
    }

    /// A `{code, ...}` body: the candidates its other fields allow, the
    /// first whose tables know the code winning; without such evidence, the
    /// first candidate. True when the fields allow one vendor only.
    fn by_code(&self, code: &CodeValue<'_>) -> (Vendor, bool) {
        use Vendor::*;
        let candidates: &[Vendor] = if self.description.0.is_some() {
            &[Easemob]
        } else if self.desc.is_some() || self.netease_payload.is_some() {
            &[NetEase]
        } else if self.error_message.0.is_some() {
            &[RongCloud]
        } else if self.msg.0.is_some() && self.data.is_some() {
            &[NetEase, RongCloud]
        } else if self.msg.0.is_some() {
            &[RongCloud, NetEase]
        } else if self.message.0.is_some() {
            &[Tencent, LeanCloud, RongCloud]
        } else if self.error.0.is_some() {
            &[LeanCloud]
        } else {
            // LeanCloud's errors always carry `error`: a bare code is more
            // likely a RongCloud or NetEase success (`{"code": 200, ...}`).
            &[RongCloud, NetEase, LeanCloud, Tencent]
        };
        if let [only] = candidates {
            return (*only, true);
        }
        let known = code.number().and_then(|n| {
            let mut first_known = None;
            for &v in candidates {
                match knows(v, n) {
                    Some(Category::Ok) => return Some(v),
                    Some(_) => first_known = first_known.or(Some(v)),
                    None => {}
                }
            }
            first_known
        });
        (known.unwrap_or(candidates[0]), false)
    }
}
