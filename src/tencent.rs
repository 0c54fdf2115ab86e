//! Tencent Cloud IM: every documented code, one enum per surface, and how
//! its bodies are read (`{"ActionStatus": "FAIL", "ErrorCode": 70107,
//! "ErrorInfo": "..."}`, batch replies that fail item by item, the web SDK's
//! `{code, message}` error object).

use crate::classify::{Envelope, failed_status, resolve};
use crate::{Classification, Surface, Vendor};

include!(concat!(env!("OUT_DIR"), "/tencent.rs"));

/// The surfaces whose codes a Tencent body carries: REST replies carry
/// server codes; the web SDK's error object carries either.
pub(crate) const BODY_SURFACES: &[Surface] = &[Surface::Server, Surface::Sdk];

/// Whether a generic code's body may carry a more specific code in its
/// text: yes (`code -1` or `code 0` with the real code or error in `desc`
/// from the Flutter web layer, `[code]` appended by MLVB; `renderings.md`
/// 2.5).
pub(crate) const INNER_CODES: bool = true;

/// Reads a Tencent envelope.
pub(crate) fn read<'a>(env: &mut Envelope<'a>, status: Option<u16>) -> Classification<'a> {
    // The web SDK's error object carries `code` and `message`, and its code
    // may be an SDK code.
    let (code, surfaces) = match env.tencent_code.take() {
        Some(c) => (Some(c), &[Surface::Server][..]),
        None => (env.code.take(), BODY_SURFACES),
    };
    let top_ok = match (&code, env.action_status.0.as_deref()) {
        (Some(c), _) => c.number() == Some(0),
        (None, Some(s)) => s.eq_ignore_ascii_case("ok"),
        (None, None) => !failed_status(status),
    };
    if top_ok {
        // A batch reply can fail item by item under a successful envelope.
        let Some(item) = env.error_list.0.take().or(env.result_item.0.take()) else {
            return Classification::success(Some(Vendor::Tencent), Some(Surface::Server), status);
        };
        return resolve(Vendor::Tencent, &[Surface::Server], item.code, status)
            .into_partial()
            .with_message(item.info.or(env.error_info.take_non_empty()));
    }
    let message = env
        .error_info
        .take_non_empty()
        .or(env.error_display.take_non_empty())
        .or(env.message.take_non_empty());
    resolve(Vendor::Tencent, surfaces, code, status).with_message(message)
}
