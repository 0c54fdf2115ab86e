//! The vendors whose tables and readers are compiled in: one line each,
//! with the cargo feature that turns it on and the module that holds its
//! tables and reads its bodies. A vendor whose feature is off still has its
//! [`Vendor`] value, name and surfaces; its codes resolve as unknown and its
//! bodies classify from the HTTP status.

use crate::classify::Envelope;
use crate::table::SurfaceTable;
use crate::{Classification, Vendor, lookup};

macro_rules! registry {
    ($($feature:literal => $vendor:ident, $module:ident;)*) => {
        /// The vendor's tables, one per surface (none when its feature is off).
        pub(crate) fn tables(vendor: Vendor) -> &'static [SurfaceTable] {
            match vendor {
                $(#[cfg(feature = $feature)] Vendor::$vendor => &crate::$module::TABLES,)*
                #[allow(unreachable_patterns)]
                _ => &[],
            }
        }

        /// The vendor's reading of an envelope (none when its feature is off).
        pub(crate) fn read<'a>(
            vendor: Vendor,
            env: &mut Envelope<'a>,
            status: Option<u16>,
        ) -> Option<Classification<'a>> {
            match vendor {
                $(#[cfg(feature = $feature)] Vendor::$vendor => Some(crate::$module::read(env, status)),)*
                #[allow(unreachable_patterns)]
                _ => None,
            }
        }

        /// What the vendor's tables say `code` is on the first surface its
        /// response bodies carry codes of that knows it: evidence for
        /// detection.
        pub(crate) fn knows(vendor: Vendor, code: i64) -> Option<crate::Category> {
            let surfaces: &[crate::Surface] = match vendor {
                $(#[cfg(feature = $feature)] Vendor::$vendor => crate::$module::BODY_SURFACES,)*
                #[allow(unreachable_patterns)]
                _ => &[],
            };
            surfaces
                .iter()
                .map(|&s| lookup(vendor, s, code))
                .find(|l| l.known())
                .map(|l| l.matched.category())
        }

        /// Whether a generic code in the vendor's bodies may wrap a more
        /// specific one in its text.
        pub(crate) fn inner_codes(vendor: Vendor) -> bool {
            match vendor {
                $(#[cfg(feature = $feature)] Vendor::$vendor => crate::$module::INNER_CODES,)*
                #[allow(unreachable_patterns)]
                _ => false,
            }
        }
    };
}

registry! {
    "openim" => OpenIm, openim;
    "tencent" => Tencent, tencent;
    "easemob" => Easemob, easemob;
    "leancloud" => LeanCloud, leancloud;
    "rongcloud" => RongCloud, rongcloud;
    "netease" => NetEase, netease;
    "matrix" => Matrix, matrix;
}

// `Vendor::name` and `Vendor::surfaces`, from every data file's header.
include!(concat!(env!("OUT_DIR"), "/vendors.rs"));
