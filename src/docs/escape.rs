//! Escaping vendor text for Markdown: the generated docs' table cells and
//! the generated enums' rustdoc. Shared with the build script, so vendor
//! texts (`[XX]`, `<id>`, `*`, `|`) render literally in both.

/// Escapes a table cell for GitHub Markdown: pipes, line breaks, and the
/// characters that would turn vendor text into HTML or emphasis.
pub fn cell(text: &str) -> String {
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
pub fn code_cell(text: &str) -> String {
    let ticks = if text.contains('`') { "`` " } else { "`" };
    let close = if text.contains('`') { " ``" } else { "`" };
    format!(
        "{ticks}{}{close}",
        text.replace('|', "\\|").replace(['\n', '\r'], " ")
    )
}
