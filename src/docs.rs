//! Reference docs rendered from the tables: Markdown per vendor (English or
//! Chinese) and the JSON of DESIGN.md.
//!
//! `docs/<lang>/<vendor>.md` in the repository is exactly
//! [`markdown`]`(vendor, lang)`, which is what
//! `imerr docs --format markdown --vendor <vendor> --lang <lang>` prints.
//!
//! ```
//! use imerr::{docs, Lang, Vendor};
//! let md = docs::markdown(Vendor::OpenIm, Lang::En);
//! assert!(md.contains("| 1001 | `ArgsError` | invalid_request | no | fix_request |"));
//! ```

use std::fmt::Write;

use serde::Serialize;

use crate::{Entry, Lang, Range, Surface, Vendor};

/// One row of the JSON docs: an entry or a range.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(untagged)]
pub enum Row {
    /// A known code.
    Entry(&'static Entry),
    /// A documented range.
    Range(&'static Range),
}

/// Every entry and range of the given vendors (all four when `vendor` is
/// `None`), in table order: what `imerr docs --format json` prints.
pub fn rows(vendor: Option<Vendor>) -> Vec<Row> {
    use strum::IntoEnumIterator;

    let mut rows = Vec::new();
    for v in Vendor::iter().filter(|v| vendor.is_none_or(|w| w == *v)) {
        for &s in v.surfaces() {
            rows.extend(crate::entries(v, s).iter().map(Row::Entry));
            rows.extend(v.ranges().filter(|r| r.surface == s).map(Row::Range));
        }
    }
    rows
}

/// The JSON docs: an array of objects with `vendor`, `surface`, `code`,
/// `status`, `symbol`, `message`, `category`, `retry`, `action`, `summary`,
/// `summary_zh`, `hint`, `hint_zh` (ranges have `first` and `last` in place
/// of `code`), pretty-printed.
pub fn json(vendor: Option<Vendor>) -> String {
    serde_json::to_string_pretty(&rows(vendor))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Escapes a table cell for GitHub Markdown: pipes, line breaks, and the
/// characters that would turn vendor text into HTML or emphasis.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A cell holding code-like text (symbols, messages): a code span, with pipes
/// escaped so the table stays intact.
fn code_cell(text: &str) -> String {
    let ticks = if text.contains('`') { "`` " } else { "`" };
    let close = if text.contains('`') { " ``" } else { "`" };
    format!(
        "{ticks}{}{close}",
        text.replace('|', "\\|").replace(['\n', '\r'], " ")
    )
}

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
};

fn separator(header: &str) -> String {
    let cols = header.matches('|').count() - 1;
    format!("|{}", " --- |".repeat(cols))
}

/// The Markdown reference of one vendor in one language: one section per
/// surface, one table row per entry, then the surface's ranges.
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
    for &surface in vendor.surfaces() {
        let entries = crate::entries(vendor, surface);
        let _ = writeln!(
            out,
            "## {} `{surface}` ({} {})\n",
            w.surface,
            entries.len(),
            w.codes
        );
        let rest = vendor == Vendor::Easemob && surface == Surface::Rest;
        let header = if rest { w.rest_header } else { w.header };
        let _ = writeln!(out, "{header}\n{}", separator(header));
        for e in entries {
            let mut hint = cell(e.hint_in(lang));
            if let Some(s) = e.retry_after_secs {
                let _ = write!(hint, " ({}: {s} s)", w.retry_after);
            }
            if let Some(v) = e.versions {
                let _ = write!(hint, " ({}: {})", w.versions, cell(v));
            }
            let key = if rest {
                format!(
                    "{} | {} | {} ",
                    e.status.map(|s| s.to_string()).unwrap_or_default(),
                    match e.code {
                        Some(crate::Code::ErrorType(t)) => code_cell(t),
                        _ => String::new(),
                    },
                    match (e.message_or_pattern(), e.error_code) {
                        (Some(m), Some(n)) => format!("{} (error_code {n})", code_cell(m)),
                        (Some(m), None) => code_cell(m),
                        (None, _) => String::new(),
                    }
                )
            } else {
                format!("{} ", e.number().map(|n| n.to_string()).unwrap_or_default())
            };
            let _ = writeln!(
                out,
                "| {key}| {} | {} | {} | {} | {} | {hint} |",
                code_cell(e.symbol),
                e.category,
                e.retry,
                e.action,
                cell(e.summary_in(lang)),
            );
        }
        let ranges: Vec<&Range> = vendor.ranges().filter(|r| r.surface == surface).collect();
        if !ranges.is_empty() {
            let _ = writeln!(
                out,
                "\n### {}\n\n{}\n{}",
                w.ranges,
                w.range_header,
                separator(w.range_header)
            );
            for r in ranges {
                let (summary, hint) = match lang {
                    Lang::En => (r.summary, r.hint),
                    Lang::Zh => (r.summary_zh, r.hint_zh),
                };
                let _ = writeln!(
                    out,
                    "| {}–{} | {} | {} | {} | {} | {} | {} |",
                    r.first,
                    r.last,
                    code_cell(r.symbol),
                    r.category,
                    r.retry,
                    r.action,
                    cell(summary),
                    cell(hint)
                );
            }
        }
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// `docs/taxonomy.md`: what each category, retry value and action means and
/// when a backend should pick it, with a generated table of how each
/// vendor's codes spread over the categories. What
/// `imerr docs --format markdown --taxonomy` prints.
pub fn taxonomy() -> String {
    use strum::IntoEnumIterator;

    use crate::{Action, Category, Retry};

    let mut out = String::from(
        "# The taxonomy\n\n\
         Generated by `imerr docs --format markdown --taxonomy`; do not edit by hand.\n\n\
         Every entry carries one category (what went wrong), one retry value (may the same request be sent again) \
         and one action (what the calling backend should do next). Names are serialized in `snake_case`. \
         Codes the tables do not know fall back to the vendor's documented ranges, then to the HTTP status, \
         then to `unknown` / `no` / `investigate`.\n\n\
         ## Category\n\n\
         Decide by the cause, not by the vendor's grouping: within one vendor block, an expired token is `auth`, \
         a wrong key is still `auth` but its action is `fix_config`, a user that was never imported is `not_found`. \
         The HTTP and gRPC columns are what a gateway should answer its own clients.\n\n\
         | category | meaning | HTTP | gRPC |\n| --- | --- | --- | --- |\n",
    );
    for c in Category::iter() {
        let _ = writeln!(
            out,
            "| `{c}` | {} | {} | {} |",
            cell(c.description()),
            c.http_status(),
            c.grpc_code()
        );
    }
    out.push_str(
        "\n## Retry\n\n\
         `backoff` only when sending the same request again can succeed without changing it (overload, timeout, \
         rate limit, a concurrent write). `after_reauth` when fresh credentials are the only thing missing. \
         Everything else is `no`: a request that broke a rule breaks it again. When the vendor states a window \
         (\"5 per second\", \"once a minute\") the entry's `retry_after` gives the minimum wait.\n\n\
         | retry | meaning |\n| --- | --- |\n",
    );
    for r in Retry::iter() {
        let _ = writeln!(out, "| `{r}` | {} |", cell(r.description()));
    }
    out.push_str(
        "\n## Action\n\n\
         The one next step that resolves the error. `refresh_credentials` is for server-side credentials your \
         backend can mint itself (admin token, app token, UserSig); `relogin` when only the end user can act. \
         `treat_as_success` when the wanted state already holds (already a member, already recalled). \
         `inform_user` when the end user caused it and nothing in the request is wrong (blocked, muted, \
         filtered). `investigate` only when nothing better is known.\n\n\
         | action | meaning |\n| --- | --- |\n",
    );
    for a in Action::iter() {
        let _ = writeln!(out, "| `{a}` | {} |", cell(a.description()));
    }
    out.push_str("\n## How the codes spread over the categories\n\nKnown entries per vendor and surface.\n\n");
    let columns: Vec<(Vendor, Surface)> = Vendor::iter()
        .flat_map(|v| v.surfaces().iter().map(move |&s| (v, s)))
        .collect();
    out.push_str("| category |");
    for (v, s) in &columns {
        let _ = write!(out, " {v} {s} |");
    }
    out.push_str(" total |\n|---|");
    out.push_str(&" ---: |".repeat(columns.len() + 1));
    out.push('\n');
    for c in Category::iter() {
        let counts: Vec<usize> = columns
            .iter()
            .map(|&(v, s)| {
                crate::entries(v, s)
                    .iter()
                    .filter(|e| e.category == c)
                    .count()
            })
            .collect();
        let _ = write!(out, "| `{c}` |");
        for n in &counts {
            let _ = write!(out, " {n} |");
        }
        let _ = writeln!(out, " {} |", counts.iter().sum::<usize>());
    }
    out.push_str("| **total** |");
    let mut total = 0;
    for &(v, s) in &columns {
        let n = crate::entries(v, s).len();
        total += n;
        let _ = write!(out, " {n} |");
    }
    let _ = writeln!(out, " {total} |");
    out
}
