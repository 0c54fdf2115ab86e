//! Vendor and surface identifiers.

use serde::{Deserialize, Serialize};
use strum::{Display, EnumCount, EnumIter, EnumString, IntoStaticStr};

/// An instant-messaging vendor. Serialized as its id: `openim`, `tencent`,
/// `easemob`, `leancloud`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    EnumCount,
    IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Vendor {
    /// OpenIM (open-im-server, openimsdk/chat, openim-sdk-core).
    #[serde(rename = "openim")]
    #[strum(serialize = "openim")]
    OpenIm,
    /// Tencent Cloud IM (Tencent Cloud Chat, TIM).
    Tencent,
    /// Easemob (环信 IM, Agora Chat).
    Easemob,
    /// LeanCloud IM (also sold as TDS IM); the service stops on 2027-01-12.
    #[serde(rename = "leancloud")]
    #[strum(serialize = "leancloud")]
    LeanCloud,
}

impl Vendor {
    /// The vendor id, as serialized (`"openim"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Where a code comes from: one number can mean different things on a vendor's
/// server and in its client SDK, so codes are keyed by (vendor, surface, code).
///
/// | vendor | surfaces (the first is the default) |
/// | --- | --- |
/// | openim | `server`, `chat`, `sdk` |
/// | tencent | `server`, `sdk` |
/// | easemob | `rest`, `sdk`, `web` |
/// | leancloud | `realtime`, `rest` |
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    EnumCount,
    IntoStaticStr,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase", ascii_case_insensitive)]
pub enum Surface {
    /// A vendor's server: REST API and gateway (OpenIM, Tencent).
    Server,
    /// The openimsdk/chat business server (OpenIM).
    Chat,
    /// A native client SDK's callbacks (OpenIM, Tencent, Easemob).
    Sdk,
    /// A REST API whose errors are not the server's main numbering (Easemob
    /// HTTP status plus error type, LeanCloud `{code, error}`).
    Rest,
    /// The Easemob web SDK, which numbers its codes differently from the
    /// native SDKs.
    Web,
    /// LeanCloud's realtime (IM) service: error codes and WebSocket close codes.
    Realtime,
}

impl Surface {
    /// The surface id, as serialized (`"server"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}
