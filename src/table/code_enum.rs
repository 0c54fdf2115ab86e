//! The API every generated per-surface code enum shares
//! (`imerr::tencent::ServerCode`, `imerr::matrix::ClientServerCode`, ...).

/// Implements the common API of a generated per-surface code enum: by
/// symbol, then by number or by text code when the surface has them.
macro_rules! surface_code_enum {
    ($name:ident, $entries:ident, $by_symbol:ident) => {
        impl $name {
            /// The entry of this code.
            pub fn entry(self) -> &'static $crate::Entry {
                &$entries[self as usize]
            }

            /// What this code means and what to do about it.
            pub fn meta(self) -> &'static $crate::Meta {
                self.entry().meta()
            }

            /// The official symbol (or ours, see [`Meta::is_symbol_ours`](crate::Meta::is_symbol_ours)).
            pub fn symbol(self) -> &'static str {
                self.meta().symbol()
            }

            /// The code whose official symbol is `symbol` (exact spelling).
            /// A symbol the vendor reused across versions finds the code of
            /// the current version.
            pub fn from_symbol(symbol: &str) -> Option<Self> {
                $by_symbol
                    .get(symbol)
                    .map(|&i| <Self as strum::VariantArray>::VARIANTS[usize::from(i)])
            }

            /// What went wrong.
            pub fn category(self) -> $crate::Category {
                self.meta().category()
            }

            /// Whether and how to retry.
            pub fn retry(self) -> $crate::Retry {
                self.meta().retry()
            }

            /// What to do next.
            pub fn action(self) -> $crate::Action {
                self.meta().action()
            }

            /// Whether the failed request changed anything.
            pub fn effect(self) -> $crate::Effect {
                self.meta().effect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.symbol())
            }
        }

        /// Serialized as the official symbol; a symbol the vendor reused
        /// across versions deserializes as the current version's code.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.symbol())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                Self::from_symbol(&s).ok_or_else(|| {
                    serde::de::Error::custom(format_args!(
                        "unknown symbol {s:?} for {}",
                        stringify!($name)
                    ))
                })
            }
        }
    };
    ($name:ident, $entries:ident, $by_symbol:ident, number $by_code:ident, $codes:ident) => {
        $crate::table::code_enum::surface_code_enum!($name, $entries, $by_symbol);

        impl $name {
            /// The numeric code.
            pub fn code(self) -> i64 {
                $codes[self as usize]
            }

            /// The known code with this number on this surface, or `None` for a
            /// code the tables do not hold (see [`lookup`](crate::lookup) for the
            /// range fallback).
            pub fn from_code(code: i64) -> Option<Self> {
                $by_code
                    .get(code)
                    .map(|i| <Self as strum::VariantArray>::VARIANTS[usize::from(i)])
            }
        }

        impl TryFrom<i64> for $name {
            type Error = $crate::UnknownCode;

            fn try_from(code: i64) -> Result<Self, Self::Error> {
                Self::from_code(code).ok_or($crate::UnknownCode(code))
            }
        }

        impl From<$name> for i64 {
            fn from(c: $name) -> i64 {
                c.code()
            }
        }
    };
    ($name:ident, $entries:ident, $by_symbol:ident, text $by_text:ident) => {
        $crate::table::code_enum::surface_code_enum!($name, $entries, $by_symbol);

        impl $name {
            /// The textual code, as the vendor sends it.
            pub fn code(self) -> &'static str {
                match self.entry().code() {
                    Some($crate::Code::Text(t)) => t,
                    _ => "",
                }
            }

            /// The known code with this exact text on this surface, or `None`.
            pub fn from_code(code: &str) -> Option<Self> {
                $by_text
                    .get(code)
                    .map(|&i| <Self as strum::VariantArray>::VARIANTS[usize::from(i)])
            }
        }
    };
}
pub(crate) use surface_code_enum;
