//! The integration tests, one binary: classification of real bodies and
//! broken input, the fixtures and their expected verdicts, the CLI, the
//! generated docs, Easemob REST matching, the tables against the data files,
//! and the data-file validator. (`alloc` and `proptest` are binaries of
//! their own: one counts allocations with a global allocator, the other is
//! slow.)

#[path = "../common/mod.rs"]
mod common;

mod classify;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "docs")]
mod docs;
mod easemob_rest;
mod fixtures;
mod links;
mod reference;
mod scan;
mod tables;
mod text;
mod validator;
