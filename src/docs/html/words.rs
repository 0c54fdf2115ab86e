//! The page's fixed words, in English and Chinese, and how a pair of them
//! goes on the page.

use std::fmt::Write;

/// The page's fixed words, in English and Chinese.
pub(super) struct Words {
    pub(super) en: &'static str,
    pub(super) zh: &'static str,
}

pub(super) const TITLE_ALL: Words = Words {
    en: "Error codes of instant-messaging vendors",
    zh: "即时通讯厂商错误码",
};
pub(super) const TITLE_ONE: Words = Words {
    en: "{vendor} error codes",
    zh: "{vendor} 错误码",
};
pub(super) const INTRO: Words = Words {
    en: "Every known code with what it means and what to do about it. Search by code, symbol or words of the message, summary or hint; narrow with the filters; link one row with its anchor, <code>#&lt;vendor&gt;-&lt;surface&gt;-&lt;code&gt;</code>.",
    zh: "收录所有已知错误码及其含义和处理建议。可按错误码、符号或错误消息、说明、建议中的词语搜索，用筛选项缩小范围；每行都有固定锚点 <code>#&lt;vendor&gt;-&lt;surface&gt;-&lt;code&gt;</code>，可直接链接。",
};
pub(super) const OURS: Words = Words {
    en: "A symbol followed by a dagger is ours, not the vendor's: the vendor has no constant for that code, so imerr names it. Do not look for it in the vendor's docs or SDK.",
    zh: "带剑号的符号是 imerr 起的名字，并非厂商官方常量：厂商没有为该错误码命名。请勿在厂商文档或 SDK 中查找它。",
};
pub(super) const GENERATED: Words = Words {
    en: "Generated from <code>data/</code> by <code>{command}</code>; do not edit by hand.",
    zh: "由 <code>{command}</code> 从 <code>data/</code> 生成，请勿手工修改。",
};
pub(super) const SEARCH: Words = Words {
    en: "code, symbol or words",
    zh: "错误码、符号或词语",
};
pub(super) const ALL_VENDORS: Words = Words {
    en: "all vendors",
    zh: "全部厂商",
};
pub(super) const ALL_SURFACES: Words = Words {
    en: "all surfaces",
    zh: "全部来源",
};
pub(super) const ALL_CATEGORIES: Words = Words {
    en: "all categories",
    zh: "全部类别",
};
pub(super) const ALL_ACTIONS: Words = Words {
    en: "all actions",
    zh: "全部处理",
};
pub(super) const SHOWN: Words = Words {
    en: "shown",
    zh: "条显示",
};
pub(super) const HEADERS: [Words; 7] = [
    Words {
        en: "code",
        zh: "错误码",
    },
    Words {
        en: "symbol",
        zh: "符号",
    },
    Words {
        en: "category",
        zh: "类别",
    },
    Words {
        en: "retry",
        zh: "重试",
    },
    Words {
        en: "action",
        zh: "处理",
    },
    Words {
        en: "effect",
        zh: "影响",
    },
    Words {
        en: "what happened, what to do",
        zh: "说明与建议",
    },
];
pub(super) const MESSAGE: Words = Words {
    en: "message",
    zh: "消息",
};
pub(super) const VERSIONS: Words = Words {
    en: "versions: ",
    zh: "版本：",
};
pub(super) const ALIAS: Words = Words {
    en: "another spelling or older number of ",
    zh: "以下错误码的另一写法或旧编号：",
};
pub(super) const SERVER_SDK: Words = Words {
    en: "made up by the vendor's server SDK; the service never sends it",
    zh: "仅由厂商的服务端 SDK 生成，服务本身不会返回",
};
pub(super) const CLOSES: Words = Words {
    en: "the server closes the connection",
    zh: "服务器会关闭连接",
};
pub(super) const KEEPS_OPEN: Words = Words {
    en: "the server keeps the connection open",
    zh: "服务器不会关闭连接",
};
pub(super) const RANGE: Words = Words {
    en: "range",
    zh: "号段",
};

/// A pair of fixed words (already HTML), one shown per language.
pub(super) fn words(out: &mut String, w: &Words) {
    pair(out, w.en, w.zh);
}

/// English and Chinese HTML, one shown per language.
pub(super) fn pair(out: &mut String, en: &str, zh: &str) {
    let _ = write!(
        out,
        "<span lang=\"en\">{en}</span><span lang=\"zh\">{zh}</span>"
    );
}
