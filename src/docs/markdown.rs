//! The Markdown reference of one vendor: `docs/<lang>/<vendor>.md`.

use std::fmt::Write;

use super::escape::{cell, code_cell};
use crate::{Code, Lang, Meta, Vendor};

struct Words {
    title: &'static str,
    generated: &'static str,
    surface: &'static str,
    codes: &'static str,
    ranges: &'static str,
    header: &'static str,
    rest_header: &'static str,
    range_header: &'static str,
    versions: &'static str,
    retry_after: &'static str,
    ours: &'static str,
}

const EN: Words = Words {
    title: "error codes",
    generated: "Generated from `data/{vendor}.toml` by `imerr docs --format markdown --vendor {vendor} --lang en`; do not edit by hand.",
    surface: "Surface",
    codes: "codes",
    ranges: "Ranges",
    header: "| code | symbol | category | retry | action | summary | hint |",
    rest_header: "| status | error | message | symbol | category | retry | action | summary | hint |",
    range_header: "| codes | symbol | category | retry | action | summary | hint |",
    versions: "versions",
    retry_after: "retry after",
    ours: "† A symbol followed by a dagger is ours, not the vendor's: the vendor has no constant for that code, so imerr names it. Do not look for it in the vendor's docs or SDK.",
};

const ZH: Words = Words {
    title: "错误码",
    generated: "由 `imerr docs --format markdown --vendor {vendor} --lang zh` 从 `data/{vendor}.toml` 生成，请勿手工修改。",
    surface: "来源",
    codes: "个错误码",
    ranges: "号段",
    header: "| 错误码 | 符号 | 类别 | 重试 | 处理 | 说明 | 建议 |",
    rest_header: "| HTTP 状态 | 错误类型 | 错误消息 | 符号 | 类别 | 重试 | 处理 | 说明 | 建议 |",
    range_header: "| 号段 | 符号 | 类别 | 重试 | 处理 | 说明 | 建议 |",
    versions: "版本",
    retry_after: "重试等待",
    ours: "† 带剑号的符号是 imerr 起的名字，并非厂商官方常量：厂商没有为该错误码命名。请勿在厂商文档或 SDK 中查找它。",
};

/// The symbol cell: a code span, with a dagger after it when the symbol is
/// ours (explained once at the top of the page).
pub(super) fn symbol_cell(meta: &Meta) -> String {
    let mut out = code_cell(meta.symbol());
    if meta.is_symbol_ours() {
        out.push_str(DAGGER);
    }
    out
}

/// The mark after a symbol that is ours.
pub(super) const DAGGER: &str = "†";

fn separator(header: &str) -> String {
    let cols = header.matches('|').count() - 1;
    format!("|{}", " --- |".repeat(cols))
}

/// The Markdown reference of one vendor in one language: one section per
/// surface, one table row per entry, then the surface's ranges. A symbol
/// that is ours ([`Meta::is_symbol_ours`]) is followed by a dagger (`†`),
/// explained once at the top of the page.
pub fn markdown(vendor: Vendor, lang: Lang) -> String {
    let w = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    let mut out = String::new();
    let _ = writeln!(out, "# {} {}\n", vendor.name(), w.title);
    let _ = writeln!(
        out,
        "{}\n",
        w.generated.replace("{vendor}", vendor.as_str())
    );
    if vendor.entries().any(|e| e.meta().is_symbol_ours())
        || vendor.ranges().any(|r| r.meta().is_symbol_ours())
    {
        let _ = writeln!(out, "{}\n", w.ours);
    }
    for &surface in vendor.surfaces() {
        let entries = crate::entries(vendor, surface);
        let _ = writeln!(
            out,
            "## {} `{surface}` ({} {})\n",
            w.surface,
            entries.len(),
            w.codes
        );
        let rest = vendor.matches_errors(surface);
        let header = if rest { w.rest_header } else { w.header };
        let _ = writeln!(out, "{header}\n{}", separator(header));
        for e in entries {
            let meta = e.meta();
            let mut hint = cell(meta.hint(lang));
            if let Some(d) = meta.retry_after() {
                let _ = write!(hint, " ({}: {} s)", w.retry_after, d.as_secs());
            }
            if let Some(v) = e.versions(lang) {
                let _ = write!(hint, " ({}: {})", w.versions, cell(v));
            }
            let key = if rest {
                format!(
                    "{} | {} | {} ",
                    e.status().map(|s| s.to_string()).unwrap_or_default(),
                    match e.code() {
                        Some(Code::Text(t)) => code_cell(t),
                        _ => String::new(),
                    },
                    match (e.message_or_pattern(), e.error_code()) {
                        (Some(m), Some(n)) => format!("{} (error_code {n})", code_cell(m)),
                        (Some(m), None) => code_cell(m),
                        (None, _) => String::new(),
                    }
                )
            } else {
                format!("{} ", e.key())
            };
            let _ = writeln!(
                out,
                "| {key}| {} | {} | {} | {} | {} | {hint} |",
                symbol_cell(meta),
                meta.category(),
                meta.retry(),
                meta.action(),
                cell(meta.summary(lang)),
            );
        }
        let ranges = crate::ranges(vendor, surface);
        if !ranges.is_empty() {
            let _ = writeln!(
                out,
                "\n### {}\n\n{}\n{}",
                w.ranges,
                w.range_header,
                separator(w.range_header)
            );
            for r in ranges {
                let meta = r.meta();
                let _ = writeln!(
                    out,
                    "| {}–{} | {} | {} | {} | {} | {} | {} |",
                    r.first(),
                    r.last(),
                    symbol_cell(meta),
                    meta.category(),
                    meta.retry(),
                    meta.action(),
                    cell(meta.summary(lang)),
                    cell(meta.hint(lang))
                );
            }
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
