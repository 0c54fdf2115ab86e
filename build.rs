//! Reads `data/<vendor>.toml`, validates it, and writes the generated tables
//! to `$OUT_DIR/<vendor>.rs`. A bad data file fails the build with one line per
//! problem, naming the file and the entry.

#[path = "src/code_hash.rs"]
mod code_hash;
#[path = "codegen/generate.rs"]
mod generate;
#[allow(dead_code)]
#[path = "src/ids.rs"]
mod ids;
#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[allow(dead_code)]
#[path = "codegen/schema.rs"]
mod schema;
#[allow(dead_code)]
#[path = "src/taxonomy.rs"]
mod taxonomy;

use std::path::PathBuf;

use strum::IntoEnumIterator;

fn main() {
    for dir in [
        "data",
        "codegen",
        "src/code_hash.rs",
        "src/ids.rs",
        "src/normalize.rs",
        "src/taxonomy.rs",
    ] {
        println!("cargo::rerun-if-changed={dir}");
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let mut problems = Vec::new();
    for vendor in ids::Vendor::iter() {
        let file = format!("data/{vendor}.toml");
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{file}: cannot read: {e}"));
                continue;
            }
        };
        match schema::parse(&file, &text) {
            Ok(table) if table.vendor != vendor => problems.push(format!(
                "{file}: header: vendor \"{}\" does not match the file name",
                table.vendor
            )),
            Ok(table) => {
                let path = out_dir.join(format!("{vendor}.rs"));
                if let Err(e) = std::fs::write(&path, generate::vendor_source(&table)) {
                    problems.push(format!("{}: cannot write: {e}", path.display()));
                }
            }
            Err(errors) => problems.extend(errors),
        }
    }
    if !problems.is_empty() {
        eprintln!("imerr: the data files have {} problem(s):", problems.len());
        for p in &problems {
            eprintln!("  {p}");
        }
        std::process::exit(1);
    }
}
