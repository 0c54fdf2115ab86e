//! The command line: subcommands and their arguments. Vendors, surfaces,
//! categories and languages are parsed from the library's own names, so
//! `--help` and every error list the valid values.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use imerr::{Category, Lang, Surface, Vendor};
use strum::{EnumMessage, IntoEnumIterator};

#[derive(Parser)]
#[command(
    name = "imerr",
    version,
    about = "Make instant-messaging vendors' errors actionable"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Explain one code: `imerr lookup openim 1501`, `imerr lookup tencent ERR_SVR_ACCOUNT_USERSIG_EXPIRED`,
    /// `imerr lookup easemob unauthorized --status 401 --message "..."`.
    Lookup(LookupArgs),
    /// Classify one raw response body or error text read from stdin; prints one JSON object.
    Classify(ClassifyArgs),
    /// Find the lines of logs that carry a vendor error: one JSON verdict per line found, or a summary table.
    Scan(ScanArgs),
    /// Print every entry, as Markdown, JSON or one searchable HTML page.
    Docs(DocsArgs),
    /// Print the taxonomy (categories, retry values, actions, effects, and how the codes spread over them).
    Taxonomy,
    /// List the codes of one vendor, one line each: surface, code, symbol, category, retry, action.
    List(ListArgs),
}

#[derive(Args)]
pub struct LookupArgs {
    /// The vendor.
    #[arg(value_parser = vendors())]
    pub vendor: Vendor,
    /// The code (a number, a textual code, or an official symbol; for Easemob REST, the error type).
    pub code: String,
    /// The surface (default: the vendor's first; a symbol is looked for on every surface).
    #[arg(long, value_parser = names::<Surface>())]
    pub surface: Option<Surface>,
    /// Easemob REST: the HTTP status.
    #[arg(long)]
    pub status: Option<u16>,
    /// Easemob REST: the error description the server sent.
    #[arg(long)]
    pub message: Option<String>,
    /// Print one JSON object instead of words.
    #[arg(long)]
    pub json: bool,
    /// Language of the words output.
    #[arg(long, default_value = "en", value_parser = names::<Lang>())]
    pub lang: Lang,
}

#[derive(Args)]
pub struct ClassifyArgs {
    /// The vendor, when known (detected from the body otherwise).
    #[arg(long, value_parser = vendors())]
    pub vendor: Option<Vendor>,
    /// The upstream HTTP status.
    #[arg(long)]
    pub status: Option<u16>,
    /// Every stdin line is one body: print one verdict line per line, streaming.
    #[arg(long)]
    pub lines: bool,
    /// A response header, `Name: value` (repeatable); `Retry-After` sets the verdict's `retry_after`.
    #[arg(long = "header", short = 'H', value_name = "NAME: VALUE", value_parser = header)]
    pub headers: Vec<(String, String)>,
}

#[derive(Args)]
pub struct ScanArgs {
    /// Log files (stdin when none, or for `-`); `.gz` files are read decompressed.
    pub files: Vec<std::path::PathBuf>,
    /// Read every line as this vendor's (detected per line otherwise).
    #[arg(long, value_parser = vendors())]
    pub vendor: Option<Vendor>,
    /// Print a table of what the logs hold, most frequent first, instead of one verdict per line.
    #[arg(long)]
    pub summary: bool,
    /// Language of the summary's hints.
    #[arg(long, default_value = "en", value_parser = names::<Lang>())]
    pub lang: Lang,
}

/// `Name: value`, as curl's `-H` takes it.
fn header(s: &str) -> Result<(String, String), String> {
    match s.split_once(':') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_owned(), value.trim().to_owned()))
        }
        _ => Err(format!(
            "expected `Name: value` (e.g. `Retry-After: 7`), got `{s}`"
        )),
    }
}

#[derive(Args)]
pub struct DocsArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Only this vendor (Markdown: every vendor one after another when absent; HTML: one page of every vendor).
    #[arg(long, value_parser = vendors())]
    pub vendor: Option<Vendor>,
    /// Language of the Markdown (the HTML page has both, with a switch).
    #[arg(long, default_value = "en", value_parser = names::<Lang>())]
    pub lang: Lang,
    /// The taxonomy page instead (same as `imerr taxonomy`).
    #[arg(long, hide = true, conflicts_with_all = ["vendor", "lang", "format"])]
    pub taxonomy: bool,
}

#[derive(Args)]
pub struct ListArgs {
    /// The vendor.
    #[arg(value_parser = vendors())]
    pub vendor: Vendor,
    /// Only this surface.
    #[arg(long, value_parser = names::<Surface>())]
    pub surface: Option<Surface>,
    /// Only this category.
    #[arg(long, value_parser = names::<Category>())]
    pub category: Option<Category>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// One Markdown page per vendor, in one language.
    Markdown,
    /// An array of every entry and range.
    Json,
    /// One self-contained, searchable HTML page, both languages.
    Html,
}

/// Parses one of a library enum's serialized names, listing them all in
/// `--help` and in the error for anything else.
fn names<T>() -> impl TypedValueParser<Value = T>
where
    T: IntoEnumIterator + Into<&'static str> + std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    PossibleValuesParser::new(T::iter().map(|v| PossibleValue::new(v.into())))
        .try_map(|s| s.parse::<T>())
}

/// Vendor ids, with the other names a vendor goes by (`agora` for Easemob).
fn vendors() -> impl TypedValueParser<Value = Vendor> {
    PossibleValuesParser::new(Vendor::iter().map(|v| {
        let id = v.as_str();
        PossibleValue::new(id).aliases(v.get_serializations().iter().filter(|s| **s != id))
    }))
    .try_map(|s| s.parse::<Vendor>())
}
