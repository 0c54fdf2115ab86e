//! Who sent a code: the vendor ([`Vendor`]), the part of its stack
//! ([`Surface`]), and who made the code up ([`Origin`]). Shared with the
//! build script, which validates the data files against them.

use serde::{Deserialize, Serialize};
use strum::{Display, EnumCount, EnumIter, EnumMessage, EnumString, IntoStaticStr, VariantArray};

/// An instant-messaging vendor. Serialized as its id: `openim`, `tencent`,
/// `easemob`, `leancloud`, `rongcloud`, `netease`, `matrix`. Agora Chat is
/// Easemob's backend sold under another name: `agora` and `agora-chat` parse
/// as [`Vendor::Easemob`].
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
    EnumMessage,
    IntoStaticStr,
    VariantArray,
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
    /// Easemob (环信 IM), also sold as Agora Chat: `agora` and `agora-chat`
    /// parse as this vendor.
    #[serde(alias = "agora", alias = "agora-chat")]
    #[strum(to_string = "easemob", serialize = "agora", serialize = "agora-chat")]
    Easemob,
    /// LeanCloud IM (also sold as TDS IM); the service stops on 2027-01-12.
    #[serde(rename = "leancloud")]
    #[strum(serialize = "leancloud")]
    LeanCloud,
    /// RongCloud (融云 IM).
    #[serde(rename = "rongcloud")]
    #[strum(serialize = "rongcloud")]
    RongCloud,
    /// NetEase Yunxin IM (网易云信, CommsEase), V1 and V2 APIs.
    #[serde(rename = "netease")]
    #[strum(serialize = "netease")]
    NetEase,
    /// Matrix: the open federation protocol (client-server, federation,
    /// identity, push and application-service APIs).
    Matrix,
}

impl Vendor {
    /// Every vendor, in the order declared (whether or not its cargo feature
    /// is on: without it, its tables are empty and its bodies classify from
    /// the HTTP status).
    pub const ALL: &'static [Vendor] = <Vendor as VariantArray>::VARIANTS;

    /// The vendor id, as serialized (`"openim"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Whether errors on `surface` are matched on HTTP status, error type
    /// and message rather than looked up by their code (Easemob REST).
    pub const fn matches_errors(self, surface: Surface) -> bool {
        matches!((self, surface), (Vendor::Easemob, Surface::Rest))
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
/// | rongcloud | `server`, `sdk`, `web` |
/// | netease | `server`, `server_v2`, `sdk`, `sdk_ios_local`, `sdk_web`, `sdk_v2` |
/// | matrix | `client_server`, `federation`, `identity`, `push`, `application_service` |
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
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case", ascii_case_insensitive)]
pub enum Surface {
    /// A vendor's server: REST API and gateway (OpenIM, Tencent, RongCloud,
    /// NetEase V1).
    Server,
    /// The openimsdk/chat business server (OpenIM).
    Chat,
    /// A native client SDK's callbacks (OpenIM, Tencent, Easemob, RongCloud,
    /// NetEase V1).
    Sdk,
    /// A REST API whose errors are not the server's main numbering (Easemob
    /// HTTP status plus error type, LeanCloud `{code, error}`).
    Rest,
    /// A web SDK that numbers its codes differently from the native SDKs
    /// (Easemob, RongCloud).
    Web,
    /// LeanCloud's realtime (IM) service: error codes and WebSocket close codes.
    Realtime,
    /// NetEase's V2 server API (`/im/v2/...`), whose codes differ from V1.
    ServerV2,
    /// Codes NetEase's iOS SDK raises locally, before any request.
    SdkIosLocal,
    /// A web SDK whose codes are strings (NetEase V1 web `NIMError.code`).
    SdkWeb,
    /// NetEase's V2 client SDKs (`V2NIMErrorCode`).
    SdkV2,
    /// Matrix client-server API.
    ClientServer,
    /// Matrix server-server (federation) API.
    Federation,
    /// Matrix identity service API.
    Identity,
    /// Matrix push gateway API.
    Push,
    /// Matrix application service API.
    ApplicationService,
}

impl Surface {
    /// The surface id, as serialized (`"server"`).
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Who produces a code: nearly always the vendor (its service or its client
/// SDK); some codes only a vendor's server SDK makes up, and the service
/// never sends them (RongCloud's server SDKs rewrite or synthesise some).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Origin {
    /// The vendor's service or client SDK.
    #[default]
    Vendor,
    /// A vendor's server SDK synthesises or rewrites the code locally: the
    /// service itself never sends it.
    ServerSdk,
}
