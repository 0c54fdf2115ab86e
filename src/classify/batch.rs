//! Batch replies that fail item by item (Tencent `ErrorList` /
//! `ResultItem`, a LeanCloud batch list, NetEase V2 `failed_list`): the
//! first failed item is found
//! while the list is read, without collecting it. Like the envelope, the
//! readers know each vendor's item keys.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::tolerant::{CodeValue, Text, tolerate};

/// What a key of a batch item means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemField {
    Code,
    Info,
    Error,
    Other,
}

/// Reads a map key as an [`ItemField`] without allocating, whatever its
/// escapes; the function says which names mean what.
#[derive(Clone, Copy)]
struct ItemKey(fn(&str) -> ItemField);

impl<'de> serde::de::DeserializeSeed<'de> for ItemKey {
    type Value = ItemField;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ItemField, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for ItemKey {
    type Value = ItemField;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, k: &str) -> Result<ItemField, E> {
        Ok((self.0)(k))
    }
}

/// The keys of a Tencent batch item (`ErrorList[]`, `ResultItem[]`).
fn tencent_item_field(k: &str) -> ItemField {
    match k {
        "ErrorCode" | "ResultCode" | "errorCode" | "resultCode" => ItemField::Code,
        "ErrorInfo" | "ResultInfo" | "errorInfo" | "resultInfo" => ItemField::Info,
        _ => ItemField::Other,
    }
}

/// The keys of a LeanCloud batch item: `{"error": {...}}` or
/// `{"success": {...}}`.
fn leancloud_item_field(k: &str) -> ItemField {
    match k {
        "error" => ItemField::Error,
        _ => ItemField::Other,
    }
}

/// The keys of a LeanCloud batch item's error: `{"code": 1, "error": "..."}`.
fn leancloud_error_field(k: &str) -> ItemField {
    match k {
        "code" => ItemField::Code,
        "error" => ItemField::Info,
        _ => ItemField::Other,
    }
}

/// The keys of a NetEase V2 failed item (`failed_list[]`): `{"account_id",
/// "error_code", "error_msg"}`.
fn netease_item_field(k: &str) -> ItemField {
    match k {
        "error_code" => ItemField::Code,
        "error_msg" => ItemField::Info,
        _ => ItemField::Other,
    }
}

/// A failed item of a batch reply: its code and its message.
#[derive(Debug)]
pub(crate) struct Failure<'a> {
    pub(crate) code: Option<CodeValue<'a>>,
    pub(crate) info: Option<Cow<'a, str>>,
}

/// The ways a batch item says it failed. As a seed, it reads one item as
/// a [`Failure`] when it failed; items of any shape are tolerated (a string,
/// a number, a map with repeated keys) and read as not failed.
#[derive(Clone, Copy)]
enum ItemKind {
    /// Tencent: a non-zero `ErrorCode` / `ResultCode`.
    Tencent,
    /// LeanCloud: an `error` key holding `{code, error}`.
    LeanCloud,
    /// NetEase V2: a `failed_list` item with a non-zero `error_code`.
    NetEase,
    /// The map under a LeanCloud item's `error` key: always a failure.
    LeanCloudError,
}

impl<'de> serde::de::DeserializeSeed<'de> for ItemKind {
    type Value = Option<Failure<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        struct V(ItemKind);
        impl<'de> Visitor<'de> for V {
            type Value = Option<Failure<'de>>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a batch item")
            }
            tolerate!('de, None; scalars);
            tolerate!('de, None; seq);
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let key = ItemKey(match self.0 {
                    ItemKind::Tencent => tencent_item_field,
                    ItemKind::LeanCloud => leancloud_item_field,
                    ItemKind::LeanCloudError => leancloud_error_field,
                    ItemKind::NetEase => netease_item_field,
                });
                let mut code: Option<CodeValue<'de>> = None;
                let mut info: Option<Cow<'de, str>> = None;
                let mut nested: Option<Failure<'de>> = None;
                while let Some(field) = a.next_key_seed(key)? {
                    match field {
                        // Repeated keys are tolerated: the first non-zero
                        // code and the first non-empty text win.
                        ItemField::Code => {
                            let c = a.next_value::<CodeValue<'de>>()?;
                            if !code.as_ref().is_some_and(CodeValue::is_failing) {
                                code = Some(c);
                            }
                        }
                        ItemField::Info => {
                            let t = a.next_value::<Text<'de>>()?.non_empty();
                            if info.is_none() {
                                info = t;
                            }
                        }
                        ItemField::Error => {
                            let inner = a.next_value_seed(ItemKind::LeanCloudError)?;
                            if nested.is_none() {
                                nested = inner;
                            }
                        }
                        ItemField::Other => {
                            a.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(match self.0 {
                    ItemKind::Tencent | ItemKind::NetEase => {
                        code.filter(CodeValue::is_failing).map(|c| Failure {
                            code: Some(c),
                            info,
                        })
                    }
                    ItemKind::LeanCloud => nested,
                    ItemKind::LeanCloudError => Some(Failure { code, info }),
                })
            }
        }
        d.deserialize_any(V(self))
    }
}

/// Which vendor's items a [`FirstFailure`] reads.
pub(crate) const TENCENT: u8 = 0;
/// See [`TENCENT`].
pub(crate) const LEANCLOUD: u8 = 1;
/// See [`TENCENT`].
pub(crate) const NETEASE: u8 = 2;

/// The first failed item of a batch list (Tencent `ErrorList` /
/// `ResultItem`, a LeanCloud batch reply, a NetEase V2 `failed_list`), found
/// without collecting the list. Anything that is not a list is read as no
/// failure.
#[derive(Debug, Default)]
pub(crate) struct FirstFailure<'a, const KIND: u8>(pub(crate) Option<Failure<'a>>);

impl<'de: 'a, 'a, const KIND: u8> Deserialize<'de> for FirstFailure<'a, KIND> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a, const KIND: u8>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a, const KIND: u8> Visitor<'de> for V<'a, KIND> {
            type Value = FirstFailure<'a, KIND>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of batch results")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let kind = match KIND {
                    LEANCLOUD => ItemKind::LeanCloud,
                    NETEASE => ItemKind::NetEase,
                    _ => ItemKind::Tencent,
                };
                let mut first = None;
                while let Some(failure) = a.next_element_seed(kind)? {
                    if first.is_none() {
                        first = failure;
                    }
                }
                Ok(FirstFailure(first))
            }
            tolerate!('de, FirstFailure(None); scalars);
            tolerate!('de, FirstFailure(None); map);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// NetEase V2's `data` object: the first failed item of its `failed_list`
/// (or `fail_list`, `failed_messages`), when it has one. Any other value is
/// read as no failure.
#[derive(Debug, Default)]
// Only NetEase's reader looks inside `data`.
#[cfg_attr(not(feature = "netease"), allow(dead_code))]
pub(crate) struct DataFailure<'a>(pub(crate) Option<Failure<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for DataFailure<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = DataFailure<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a V2 payload")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut first = None;
                while let Some(key) = a.next_key_seed(ItemKey(data_field))? {
                    if key == ItemField::Error && first.is_none() {
                        first = a.next_value::<FirstFailure<'de, NETEASE>>()?.0;
                    } else {
                        a.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(DataFailure(first))
            }
            tolerate!('de, DataFailure(None); scalars);
            tolerate!('de, DataFailure(None); seq);
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// The keys of NetEase V2's `data` that list failed items.
fn data_field(k: &str) -> ItemField {
    match k {
        "failed_list" | "fail_list" | "failed_messages" => ItemField::Error,
        _ => ItemField::Other,
    }
}
