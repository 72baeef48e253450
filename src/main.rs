//! Entry point: parse the command line and run the chosen command
//! (`pressline::cli`, one file per command). Exit codes: 0 success,
//! 1 runtime failure, 2 bad configuration or usage.

use std::process::ExitCode;

use clap::Parser;
use pressline::cli::{self, Cli};

// The clean stage builds and drops a DOM per page; mimalloc measured faster
// than glibc's malloc on that pattern.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::execute(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            let is_config = e.downcast_ref::<pressline::config::ConfigError>().is_some();
            ExitCode::from(if is_config { 2 } else { 1 })
        }
    }
}
