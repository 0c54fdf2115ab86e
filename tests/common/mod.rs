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
