//! The envelope: the union of the vendors' error fields, read in one pass
//! over the body, borrowing from it.

use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};

use super::batch::{DataFailure, FirstFailure, TENCENT};
use super::tolerant::{CodeValue, Flag, Text};

/// handed to the vendor functions by reference, never moved (moving it
/// through serde's `Result`s cost more than reading the keys).
/// Declares the envelope and its deserializer: each field with the JSON keys
/// (spellings and casings vendors really send) that fill it. The first
/// occurrence of a field wins and later ones are skipped, so a repeated key
/// or two aliases of one field do not cost the verdict; unknown keys are
/// skipped without allocating.
///
/// The envelope is some 600 bytes: it is filled in place through a
/// [`DeserializeSeed`](serde::de::DeserializeSeed) on `&mut Envelope` and
/// handed to the vendor readers by reference, never moved (moving it
/// through serde's `Result`s cost more than reading the keys).
macro_rules! envelope {
    ($($(#[$doc:meta])* $field:ident: $ty:ty = $($key:literal)|+;)*) => {
        /// The union of the vendors' error envelopes.
        #[derive(Default)]
        pub(crate) struct Envelope<'a> {
            $($(#[$doc])* pub(crate) $field: $ty,)*
        }

        /// Which envelope field a key fills.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy)]
        enum Field {
            $($field,)*
            Other,
        }

        /// Reads a key as a [`Field`], without allocating whatever its
        /// escapes.
        struct FieldKey;

        impl<'de> serde::de::DeserializeSeed<'de> for FieldKey {
            type Value = Field;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
                d.deserialize_identifier(self)
            }
        }

        impl Visitor<'_> for FieldKey {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E>(self, k: &str) -> Result<Field, E> {
                Ok(field(k))
            }
        }

        fn field(k: &str) -> Field {
            match k {
                $($($key)|+ => Field::$field,)*
                _ => Field::Other,
            }
        }

        /// Whether a key is one of the envelope's (text read as loose
        /// key-value pairs is rebuilt as JSON from these keys).
        pub(crate) fn is_envelope_key(k: &str) -> bool {
            !matches!(field(k), Field::Other)
        }

        impl<'de: 'a, 'a> serde::de::DeserializeSeed<'de> for &mut Envelope<'a> {
            type Value = ();
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
                d.deserialize_map(self)
            }
        }

        impl<'de: 'a, 'a> Visitor<'de> for &mut Envelope<'a> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an error envelope")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                #[derive(Default)]
                struct Seen {
                    $($field: bool,)*
                }
                let mut seen = Seen::default();
                while let Some(field) = map.next_key_seed(FieldKey)? {
                    match field {
                        $(Field::$field if !seen.$field => {
                            seen.$field = true;
                            self.$field = map.next_value()?;
                        })*
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(())
            }
        }
    };
}

envelope! {
    // OpenIM
    err_code: Option<CodeValue<'a>> = "errCode" | "ErrCode" | "err_code";
    err_msg: Text<'a> = "errMsg" | "errmsg" | "ErrMsg" | "err_msg";
    err_dlt: Text<'a> = "errDlt" | "errdlt" | "ErrDlt" | "err_dlt";
    /// The SDK's callback objects (`{event, operationID, errCode, errMsg}`):
    /// their codes are the SDK's.
    event: Text<'a> = "event";
    // Tencent
    action_status: Text<'a> = "ActionStatus" | "actionStatus";
    tencent_code: Option<CodeValue<'a>> = "ErrorCode" | "errorCode";
    error_info: Text<'a> = "ErrorInfo" | "errorInfo";
    error_display: Text<'a> = "ErrorDisplay" | "errorDisplay";
    /// The web SDK's error object, `{"code": 60012, "message": "..."}`.
    message: Text<'a> = "message";
    error_list: FirstFailure<'a, TENCENT> = "ErrorList";
    result_item: FirstFailure<'a, TENCENT> = "ResultItem";
    // Easemob
    error: Text<'a> = "error";
    error_description: Text<'a> = "error_description";
    exception: Text<'a> = "exception";
    error_code: Option<CodeValue<'a>> = "error_code";
    /// The client SDKs' error maps, `{"code": 108, "description": "..."}`
    /// (React Native `ChatError`, the Flutter bridge).
    description: Text<'a> = "description";
    timestamp: Option<IgnoredAny> = "timestamp";
    duration: Option<IgnoredAny> = "duration";
    // LeanCloud
    code: Option<CodeValue<'a>> = "code";
    cmd: Text<'a> = "cmd";
    op: Text<'a> = "op";
    reason: Text<'a> = "reason";
    detail: Text<'a> = "detail";
    app_msg: Text<'a> = "appMsg";
    // RongCloud (v1 `errorMessage`, v2 `msg`)
    error_message: Text<'a> = "errorMessage";
    msg: Text<'a> = "msg";
    // NetEase (V1 `desc`; V2 `msg`, `data` and per-item failures)
    /// Text on errors, an object on some successes: present either way.
    desc: Option<Text<'a>> = "desc";
    /// V2's payload, where a batch lists its failed items.
    data: Option<DataFailure<'a>> = "data";
    /// Payload keys only V1 success bodies have (the Java server SDK reads them).
    netease_payload: Option<IgnoredAny> = "info" | "tinfo" | "tinfos" | "uinfos" | "msgids" | "unregister" | "succRooms" | "failRooms" | "noExistRooms";
    // Matrix; an integer `errcode` is OpenIM's, in another casing.
    errcode: Option<CodeValue<'a>> = "errcode";
    /// MSC3848: a more specific code next to `errcode: M_FORBIDDEN`.
    unstable_errcode: Text<'a> = "org.matrix.msc3848.unstable.errcode";
    retry_after_ms: Option<CodeValue<'a>> = "retry_after_ms";
    soft_logout: Flag = "soft_logout";
}

/// Reads the envelope object at the start of the body; data after it (a
/// second object, a stray newline-delimited record) is ignored.
pub(crate) fn parse_envelope<'a>(body: &'a [u8], env: &mut Envelope<'a>) -> serde_json::Result<()> {
    use serde::de::DeserializeSeed;
    // One UTF-8 check of the whole body is cheaper than serde_json's check of
    // every string it reads from bytes. A body that is not UTF-8 throughout
    // is still read from bytes: invalid bytes in a field we skip do not cost
    // the verdict.
    match std::str::from_utf8(body) {
        Ok(text) => env.deserialize(&mut serde_json::Deserializer::from_str(text)),
        Err(_) => env.deserialize(&mut serde_json::Deserializer::from_slice(body)),
    }
}
