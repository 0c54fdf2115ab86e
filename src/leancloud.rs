//! LeanCloud IM (also sold as TDS IM; the service stops on 2027-01-12): every
//! documented code, one enum per surface, and how its bodies are read (REST
//! `{"code": 4301, "error": "..."}`, batch lists, realtime frames
//! `{"cmd": "error", "code": ..., "reason": ...}`).

use crate::classify::{CodeValue, Envelope, failed_status, resolve};
use crate::{Classification, Match, Surface, Vendor};

include!(concat!(env!("OUT_DIR"), "/leancloud.rs"));

/// Reads a LeanCloud envelope: a realtime frame, or a REST error.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    let vendor = Some(Vendor::LeanCloud);
    if let Some(cmd) = env.cmd.0.as_deref() {
        // Realtime frames: `error` always fails; an `ack` fails when it
        // carries a code, and `session` when it is `closed` with a code
        // (without one it answers the client's own close). Anything else (a
        // plain ack, `direct`, `goaway`) is not an error.
        let failed = match cmd {
            "error" => true,
            "ack" => env.code.is_some(),
            "session" => env.op.0.as_deref() == Some("closed") && env.code.is_some(),
            _ => false,
        };
        if !failed {
            return Classification::success(vendor, Some(Surface::Realtime), status);
        }
        // `reason` is mostly the code's name; `appMsg` (from the app's hook)
        // and `detail` say more.
        let message = env
            .app_msg
            .take_non_empty()
            .or(env.detail.take_non_empty())
            .or(env.reason.take_non_empty());
        return resolve(
            Vendor::LeanCloud,
            Surface::Realtime,
            env.code.take(),
            status,
        )
        .with_message(message);
    }
    if env.code.is_none() && !failed_status(status) {
        return Classification::success(vendor, Some(Surface::Rest), status);
    }
    // The IM REST API shares the `{code, error}` envelope, and its docs leave
    // open whether it answers with IM (4xxx) codes: a code the REST table
    // lacks but the realtime table knows is read as the realtime one.
    let code = env.code.take();
    let (surface, matched) = match &code {
        Some(CodeValue::Int(n)) => {
            let rest = crate::lookup(Vendor::LeanCloud, Surface::Rest, *n).matched;
            match rest {
                Match::Entry(_) => (Surface::Rest, rest),
                _ => match crate::lookup(Vendor::LeanCloud, Surface::Realtime, *n).matched {
                    m @ Match::Entry(_) => (Surface::Realtime, m),
                    _ => (Surface::Rest, rest),
                },
            }
        }
        _ => (Surface::Rest, Match::Unknown),
    };
    let code = code.and_then(CodeValue::into_raw);
    Classification::from_match(vendor, Some(surface), code, status, matched)
        .with_message(env.error.take_non_empty())
}
