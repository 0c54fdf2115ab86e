//! What in a text points at a vendor: the names its SDKs, error domains,
//! exception classes and envelope keys use. Each marker adds weight to one
//! vendor; symbols and fixed messages from the tables add more (see
//! `reading.rs`).

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use strum::EnumCount;

use crate::{Surface, Vendor};

/// A string whose presence in a text is evidence for a vendor, and how
/// much; `surface` when it also says which part of the vendor's stack
/// produced the text.
pub(crate) struct Marker {
    pub(crate) text: &'static str,
    pub(crate) vendor: Vendor,
    pub(crate) weight: u8,
    pub(crate) surface: Option<Surface>,
}

const fn m(text: &'static str, vendor: Vendor, weight: u8) -> Marker {
    Marker {
        text,
        vendor,
        weight,
        surface: None,
    }
}

const fn ms(text: &'static str, vendor: Vendor, weight: u8, surface: Surface) -> Marker {
    Marker {
        text,
        vendor,
        weight,
        surface: Some(surface),
    }
}

/// Case-sensitive markers, from `shared/reference/renderings.md` and the
/// vendors' envelopes: error domains, exception and error classes, SDK
/// module and logger names, envelope keys.
pub(crate) const MARKERS: &[Marker] = &[
    // OpenIM
    m("errCode", Vendor::OpenIm, 3),
    m("errMsg", Vendor::OpenIm, 2),
    m("errDlt", Vendor::OpenIm, 3),
    m("operationID", Vendor::OpenIm, 2),
    m("not implement CodeError", Vendor::OpenIm, 5),
    m("OpenIM", Vendor::OpenIm, 3),
    m("openim", Vendor::OpenIm, 3),
    m("open_im_sdk", Vendor::OpenIm, 4),
    m("F-OpenIMSDK", Vendor::OpenIm, 4),
    m("json.Unmarshal(", Vendor::OpenIm, 1),
    // The OpenIM SDK is Go: its network failures read as Go's.
    m("dial tcp", Vendor::OpenIm, 2),
    // Tencent
    m("ErrorCode", Vendor::Tencent, 3),
    m("ErrorInfo", Vendor::Tencent, 3),
    m("ActionStatus", Vendor::Tencent, 4),
    m("Oops! code:", Vendor::Tencent, 5),
    m("V2TIM", Vendor::Tencent, 4),
    m("TIMManager", Vendor::Tencent, 4),
    m("TUIKit", Vendor::Tencent, 3),
    m("TUICore", Vendor::Tencent, 3),
    m("TencentCloud", Vendor::Tencent, 3),
    m("tencent", Vendor::Tencent, 2),
    m("Tencent", Vendor::Tencent, 2),
    m("MLVBLiveRoom", Vendor::Tencent, 4),
    m("LiveRoom", Vendor::Tencent, 3),
    m("V2TimCallback", Vendor::Tencent, 5),
    m("V2TimValueCallback", Vendor::Tencent, 5),
    m("ERR_SVR_", Vendor::Tencent, 3),
    m("TIM:", Vendor::Tencent, 4),
    m("[tim]", Vendor::Tencent, 3),
    m("tim-js", Vendor::Tencent, 4),
    m("userSig", Vendor::Tencent, 2),
    m("UserSig", Vendor::Tencent, 2),
    m("Err_SNS_", Vendor::Tencent, 3),
    // The native SDK's source files, in its log lines.
    m("imcore_", Vendor::Tencent, 4),
    // Easemob / Agora Chat
    m("HyphenateException", Vendor::Easemob, 5),
    m("com.hyphenate", Vendor::Easemob, 5),
    m("Hyphenate", Vendor::Easemob, 3),
    m("EMError", Vendor::Easemob, 4),
    m("AgoraChat", Vendor::Easemob, 4),
    m("ChatError", Vendor::Easemob, 2),
    m("easemob", Vendor::Easemob, 3),
    m("Easemob", Vendor::Easemob, 3),
    m("extraInfo", Vendor::Easemob, 2),
    m("error_description", Vendor::Easemob, 4),
    m("EMClient", Vendor::Easemob, 4),
    m("EaseIM", Vendor::Easemob, 4),
    m("Agora Chat", Vendor::Easemob, 4),
    m("ErrorEvent", Vendor::Easemob, 3),
    m("errorType", Vendor::Easemob, 2),
    m("EMForbiddenException", Vendor::Easemob, 5),
    m("EMUnauthorizedException", Vendor::Easemob, 5),
    m("com.easemob", Vendor::Easemob, 5),
    // LeanCloud
    m("com.LeanCloud.ErrorDomain", Vendor::LeanCloud, 8),
    m("AVOS Cloud Error Domain", Vendor::LeanCloud, 8),
    m("AVOSCloudIMErrorDomain", Vendor::LeanCloud, 8),
    m("LeanCloudIMErrorDomain", Vendor::LeanCloud, 8),
    m("LCError", Vendor::LeanCloud, 5),
    m("LCException", Vendor::LeanCloud, 5),
    m("LCIMException", Vendor::LeanCloud, 5),
    m("cn.leancloud", Vendor::LeanCloud, 5),
    m("AVIMGenericCommand", Vendor::LeanCloud, 6),
    m("LeanCloud", Vendor::LeanCloud, 4),
    m("leancloud", Vendor::LeanCloud, 4),
    m("LC:Connection", Vendor::LeanCloud, 5),
    m("LCRTM", Vendor::LeanCloud, 4),
    m("sessionMessage", Vendor::LeanCloud, 3),
    m("appCode", Vendor::LeanCloud, 2),
    m("Unknow Error:", Vendor::LeanCloud, 3),
    m("rawMessage", Vendor::LeanCloud, 4),
    m("[N/A ", Vendor::LeanCloud, 3),
    m("lc-cn-n1-shared.com", Vendor::LeanCloud, 5),
    m("lncld.net", Vendor::LeanCloud, 5),
    // RongCloud
    ms("[RC:", Vendor::RongCloud, 5, Surface::Sdk),
    m("RongIM", Vendor::RongCloud, 4),
    m("RongCore", Vendor::RongCloud, 4),
    m("RCIMIW", Vendor::RongCloud, 4),
    m("RCErrorCode", Vendor::RongCloud, 5),
    m("RCIM", Vendor::RongCloud, 3),
    m("io.rong", Vendor::RongCloud, 5),
    m("rongcloud", Vendor::RongCloud, 4),
    m("RongCloud", Vendor::RongCloud, 4),
    m("ronghub", Vendor::RongCloud, 4),
    m("rong-api.com", Vendor::RongCloud, 5),
    m("errorMessage", Vendor::RongCloud, 1),
    m("RCCoreClient", Vendor::RongCloud, 5),
    m("nErrorCode", Vendor::RongCloud, 4),
    m("Events.DISCONNECT", Vendor::RongCloud, 3),
    ms("isOk", Vendor::RongCloud, 4, Surface::Web),
    // NetEase
    ms(
        "NIMLocalErrorDomain",
        Vendor::NetEase,
        8,
        Surface::SdkIosLocal,
    ),
    ms("NIMRemoteErrorDomain", Vendor::NetEase, 8, Surface::Sdk),
    ms("V2NIMError", Vendor::NetEase, 6, Surface::SdkV2),
    ms("V2NIM_ERROR_CODE", Vendor::NetEase, 5, Surface::SdkV2),
    ms("NIMError", Vendor::NetEase, 5, Surface::Sdk),
    m("NIMSDK", Vendor::NetEase, 4),
    m("yunxin", Vendor::NetEase, 4),
    m("netease", Vendor::NetEase, 4),
    m("NetEase", Vendor::NetEase, 4),
    m("nim-web-sdk", Vendor::NetEase, 4),
    ms("rescode", Vendor::NetEase, 2, Surface::Sdk),
    m("[NIM]", Vendor::NetEase, 4),
    ms("NIMClient", Vendor::NetEase, 4, Surface::Sdk),
    ms("NimLogin", Vendor::NetEase, 3, Surface::Sdk),
    ms("doDisconnect", Vendor::NetEase, 4, Surface::Sdk),
    ms("login terminal code", Vendor::NetEase, 4, Surface::Sdk),
    m("reconnect::try login", Vendor::NetEase, 4),
    ms("InvocationMgr", Vendor::NetEase, 3, Surface::Sdk),
    m("/nimserver/", Vendor::NetEase, 6),
    m("kNIMRes", Vendor::NetEase, 4),
    // Matrix
    m("errcode", Vendor::Matrix, 2),
    m("matrix", Vendor::Matrix, 2),
    m("Matrix", Vendor::Matrix, 2),
    m("synapse", Vendor::Matrix, 2),
    m("homeserver", Vendor::Matrix, 2),
];

/// Forms whose success code is not the tables' success code: the code the
/// form reports on success, which the text reader does not read as an
/// error (NetEase's Flutter `NIMResult` answers 0 on success, where 0 is
/// the V2 SDK's generic error).
pub(crate) const SUCCESS_FORMS: &[(&str, i64)] = &[("NIMResult(", 0)];

/// Error domains that are the platform's, not a vendor's: a `Code=` in
/// them is Apple's (`NSURLErrorDomain Code=-1001` is a timeout).
pub(crate) const PLATFORM_DOMAINS: &[&str] = &[
    "NSURLErrorDomain",
    "NSCocoaErrorDomain",
    "NSPOSIXErrorDomain",
    "NSOSStatusErrorDomain",
    "kCFErrorDomainCFNetwork",
];

/// Evidence gathered from a text: a weight per vendor, and the surface a
/// marker named, if any.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Evidence {
    weight: [u16; Vendor::COUNT],
    surface: [Option<Surface>; Vendor::COUNT],
    /// The weight of the marker that named the surface.
    surface_weight: [u8; Vendor::COUNT],
}

fn slot(v: Vendor) -> usize {
    v as usize
}

/// Every marker, searched in one pass (built once, on first use).
static SEARCH: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(MARKERS.iter().map(|m| m.text)).ok());

impl Evidence {
    /// The markers found in `text`, each counted once.
    pub(crate) fn of(text: &str) -> Evidence {
        const _: () = assert!(MARKERS.len() <= 128, "the seen set is a u128");
        let mut e = Evidence::default();
        let Some(search) = SEARCH.as_ref() else {
            return e;
        };
        let mut seen = 0u128;
        for found in search.find_overlapping_iter(text) {
            let i = found.pattern().as_usize();
            if seen & (1 << i) != 0 {
                continue;
            }
            seen |= 1 << i;
            let mk = &MARKERS[i];
            e.add(mk.vendor, mk.weight);
            if mk.surface.is_some() && mk.weight >= e.surface_weight[slot(mk.vendor)] {
                e.surface[slot(mk.vendor)] = mk.surface;
                e.surface_weight[slot(mk.vendor)] = mk.weight;
            }
        }
        e
    }

    pub(crate) fn add(&mut self, v: Vendor, w: u8) {
        let s = &mut self.weight[slot(v)];
        *s = s.saturating_add(u16::from(w));
    }

    /// Adds weight for a vendor and names the surface it points at.
    pub(crate) fn add_surface(&mut self, v: Vendor, w: u8, s: Surface) {
        self.add(v, w);
        if w >= self.surface_weight[slot(v)] {
            self.surface[slot(v)] = Some(s);
            self.surface_weight[slot(v)] = w;
        }
    }

    pub(crate) fn weight(&self, v: Vendor) -> u16 {
        self.weight[slot(v)]
    }

    /// The surface a marker named for the vendor (an error domain, an
    /// error class).
    pub(crate) fn surface(&self, v: Vendor) -> Option<Surface> {
        self.surface[slot(v)]
    }
}
