//! Reads every `data/<vendor>.toml`, validates it, and writes the generated
//! code to `$OUT_DIR`: `<vendor>.rs` (the tables) for each vendor whose
//! cargo feature is on, `vendors.rs` (every vendor's name and surfaces), and
//! with the `bench` feature `bench_lookups.rs` for `benches/lookup.rs`. A bad
//! data file fails the build with one line per problem, naming the file and
//! the entry.

#[path = "codegen/bench.rs"]
mod bench;
#[path = "src/table/code_hash.rs"]
mod code_hash;
#[allow(dead_code)]
#[path = "src/docs/escape.rs"]
mod escape;
#[path = "codegen/generate.rs"]
mod generate;
#[path = "src/table/key.rs"]
mod key;
#[allow(dead_code)]
#[path = "src/easemob/normalize.rs"]
mod normalize;
#[path = "codegen/perfect_hash.rs"]
mod perfect_hash;
#[allow(dead_code)]
#[path = "codegen/schema.rs"]
mod schema;
#[allow(dead_code)]
#[path = "src/taxonomy.rs"]
mod taxonomy;
#[path = "codegen/validate.rs"]
mod validate;
#[allow(dead_code)]
#[path = "src/vendor.rs"]
mod vendor;

use std::path::{Path, PathBuf};

use strum::IntoEnumIterator;

fn main() {
    for path in [
        "data",
        "codegen",
        "src/table/code_hash.rs",
        "src/table/key.rs",
        "src/docs/escape.rs",
        "src/vendor.rs",
        "src/easemob/normalize.rs",
        "src/taxonomy.rs",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let bench = std::env::var_os("CARGO_FEATURE_BENCH").is_some();
    let mut any_vendor = false;
    let mut problems = Vec::new();
    let mut headers = Vec::new();
    let mut bench_source = String::new();
    for vendor in vendor::Vendor::iter() {
        let file = format!("data/{vendor}.toml");
        let text = match std::fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("{file}: cannot read: {e}"));
                continue;
            }
        };
        // Every file is validated, whichever vendors are compiled in.
        let table = match schema::parse(&file, &text) {
            Ok(table) if table.vendor != vendor => {
                problems.push(format!(
                    "{file}: header: vendor \"{}\" does not match the file name",
                    table.vendor
                ));
                continue;
            }
            Ok(table) => table,
            Err(errors) => {
                problems.extend(errors);
                continue;
            }
        };
        headers.push((vendor, table.name.clone(), table.surfaces.clone()));
        let feature = format!("CARGO_FEATURE_{}", vendor.as_str().to_ascii_uppercase());
        if std::env::var_os(feature).is_some() {
            any_vendor = true;
            write(
                &out_dir.join(format!("{vendor}.rs")),
                &generate::vendor_source(&table),
                &mut problems,
            );
            if bench {
                bench_source.push_str(&bench::vendor_module(&table));
            }
        }
    }
    // With no vendor compiled in, the table machinery has nothing to serve:
    // `imerr_no_vendor` lets the crate say so instead of listing the features.
    println!("cargo::rustc-check-cfg=cfg(imerr_no_vendor)");
    if !any_vendor {
        println!("cargo::rustc-cfg=imerr_no_vendor");
    }
    write(
        &out_dir.join("vendors.rs"),
        &generate::vendors_source(&headers),
        &mut problems,
    );
    if bench {
        write(
            &out_dir.join("bench_lookups.rs"),
            &bench_source,
            &mut problems,
        );
    }
    if !problems.is_empty() {
        eprintln!("imerr: the data files have {} problem(s):", problems.len());
        for p in &problems {
            eprintln!("  {p}");
        }
        std::process::exit(1);
    }
}

fn write(path: &Path, text: &str, problems: &mut Vec<String>) {
    if let Err(e) = std::fs::write(path, text) {
        problems.push(format!("{}: cannot write: {e}", path.display()));
    }
}
