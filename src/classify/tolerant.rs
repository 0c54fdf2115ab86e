//! Readers that take a JSON value as vendors really send it: a code that may
//! be an integer, a string of digits or something else ([`CodeValue`]), a
//! text field that tolerates any other type ([`Text`]). Both borrow from the
//! input and skip what they do not want without allocating.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::RawCode;

/// A code value as vendors really send it: a JSON integer, a string of
/// digits, or something else.
#[derive(Debug)]
pub(crate) enum CodeValue<'a> {
    Int(i64),
    Text(Cow<'a, str>),
    Other,
}

impl<'a> CodeValue<'a> {
    pub(crate) fn into_raw(self) -> Option<RawCode<'a>> {
        match self {
            CodeValue::Int(n) => Some(RawCode::Number(n)),
            CodeValue::Text(t) => Some(RawCode::Text(t)),
            CodeValue::Other => None,
        }
    }

    /// Whether a batch item with this code failed: any code but 0, unless
    /// the value is no code at all (`null`, `true`, a map).
    pub(crate) fn is_failing(&self) -> bool {
        !matches!(self, CodeValue::Int(0) | CodeValue::Other)
    }

    pub(crate) fn number(&self) -> Option<i64> {
        match self {
            CodeValue::Int(n) => Some(*n),
            _ => None,
        }
    }
}

fn text_code<'a>(s: Cow<'a, str>) -> CodeValue<'a> {
    match s.trim().parse::<i64>() {
        Ok(n) => CodeValue::Int(n),
        Err(_) => CodeValue::Text(s),
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for CodeValue<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = CodeValue<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an error code")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(CodeValue::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(i64::try_from(v).map_or(CodeValue::Other, CodeValue::Int))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
                let fits = v.fract() == 0.0 && v >= i64::MIN as f64 && v < i64::MAX as f64;
                Ok(if fits {
                    CodeValue::Int(v as i64)
                } else {
                    CodeValue::Other
                })
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(text_code(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(text_code(Cow::Owned(v.to_owned())))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(CodeValue::Other)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(CodeValue::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(CodeValue::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(CodeValue::Other)
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Visitor methods that read a JSON value of a type the visitor does not care
/// about as `$value`; lists and maps are skipped without allocating.
macro_rules! tolerate {
    ($de:lifetime, $value:expr; scalars) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
    ($de:lifetime, $value:expr; seq) => {
        fn visit_seq<A: SeqAccess<$de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_element::<IgnoredAny>()?.is_some() {}
            Ok($value)
        }
    };
    ($de:lifetime, $value:expr; map) => {
        fn visit_map<A: MapAccess<$de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok($value)
        }
    };
}

/// A string field that tolerates any other JSON type (read as absent). A
/// string of digits stays text (`"errMsg": "404"` is a message).
#[derive(Debug, Default)]
pub(crate) struct Text<'a>(pub(crate) Option<Cow<'a, str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                // Only a string with escapes gets here.
                Ok(Text(Some(Cow::Owned(v.to_owned()))))
            }
            // A number where text was expected ("ErrorInfo": 0) is kept as
            // absent rather than formatted, so parsing never allocates.
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Text(None))
            }
            tolerate!('de, Text(None); seq);
            tolerate!('de, Text(None); map);
        }
        d.deserialize_any(V(PhantomData))
    }
}

impl<'a> Text<'a> {
    pub(crate) fn non_empty(self) -> Option<Cow<'a, str>> {
        self.0.filter(|s| !s.trim_ascii().is_empty())
    }

    /// Takes the text out of an envelope field, when there is some.
    pub(crate) fn take_non_empty(&mut self) -> Option<Cow<'a, str>> {
        std::mem::take(self).non_empty()
    }
}

/// A boolean field that tolerates any other JSON type (read as absent).
#[derive(Debug, Default, Clone, Copy)]
// Only Matrix's reader has a flag (`soft_logout`).
#[cfg_attr(not(feature = "matrix"), allow(dead_code))]
pub(crate) struct Flag(pub(crate) Option<bool>);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a boolean")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(Some(v)))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Flag, E> {
                Ok(Flag(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Flag, E> {
                Ok(Flag(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Flag, E> {
                Ok(Flag(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Flag, E> {
                Ok(Flag(None))
            }
            fn visit_unit<E>(self) -> Result<Flag, E> {
                Ok(Flag(None))
            }
            tolerate!('de, Flag(None); seq);
            tolerate!('de, Flag(None); map);
        }
        d.deserialize_any(V)
    }
}

pub(crate) use tolerate;
