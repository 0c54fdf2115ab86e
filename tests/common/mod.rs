//! Loads `data/*.toml` through the same validator `build.rs` uses, so tests
//! compare the generated tables against the data files themselves.
#![allow(dead_code)]

#[path = "../../src/table/key.rs"]
pub mod key;
#[path = "../../src/easemob/normalize.rs"]
pub mod normalize;
#[path = "../../codegen/schema.rs"]
pub mod schema;
#[path = "../../src/taxonomy.rs"]
pub mod taxonomy;
#[path = "../../codegen/validate.rs"]
pub mod validate;
#[path = "../../src/vendor.rs"]
pub mod vendor;
pub mod verdict;

pub const VENDORS: [&str; 7] = [
    "openim",
    "tencent",
    "easemob",
    "leancloud",
    "rongcloud",
    "netease",
    "matrix",
];

pub fn table(vendor: &str) -> schema::Table {
    let file = format!("{}/data/{vendor}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).expect("data file readable");
    schema::parse(&format!("data/{vendor}.toml"), &text)
        .unwrap_or_else(|e| panic!("{}", e.join("\n")))
}

pub fn vendor(id: &str) -> imerr::Vendor {
    id.parse().expect("vendor id")
}

pub fn surface(s: vendor::Surface) -> imerr::Surface {
    s.as_str().parse().expect("surface id")
}

/// The files `tests/fixtures/<folder>/*.<ext>`, sorted.
pub fn fixture_files(folder: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|f| f.unwrap().path())
        .filter(|f| f.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// Every case of `tests/fixtures/text/*.jsonl`: (file, line, the case).
pub fn text_cases() -> Vec<(String, usize, serde_json::Value)> {
    let mut out = Vec::new();
    for f in fixture_files("text", "jsonl") {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        for (i, line) in std::fs::read_to_string(&f).unwrap().lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let case: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{name}:{}: {e}", i + 1));
            out.push((name.clone(), i + 1, case));
        }
    }
    out
}
