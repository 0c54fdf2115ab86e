//! `imerr`: look up, classify and list instant-messaging vendors' error codes.
//!
//! The output shapes are a contract (`docs/design.md`): scripts and other
//! tools read them. Exit codes: 0 success, 1 a code not in the tables
//! (`lookup`), 2 bad usage.

mod args;
mod classify;
mod docs;
mod lookup;
mod scan;

use std::io;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Lookup(a) => lookup::run(&a),
        Command::Classify(a) => classify::run(&a),
        Command::Scan(a) => scan::run(&a),
        Command::Docs(a) => docs::docs(&a),
        Command::Taxonomy => docs::taxonomy(),
        Command::List(a) => docs::list(&a),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`imerr docs | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("imerr: {e}");
            ExitCode::from(2)
        }
    }
}

/// Bad usage that clap cannot see: says what is wrong, exits 2.
fn usage(msg: String) -> io::Result<ExitCode> {
    eprintln!("imerr: {msg}");
    Ok(ExitCode::from(2))
}
