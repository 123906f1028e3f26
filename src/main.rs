//! The `kplan` binary: parses the command line, runs it, and turns the outcome into
//! the exit code (PRODUCT.md); a failure is printed to standard error.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kplan::cli::Cli::parse();
    let chosen = kplan::commands::language(cli.lang);
    let lang = chosen.as_ref().copied().unwrap_or_default();
    match chosen.and_then(|lang| kplan::run(cli, lang)) {
        Ok(exit) => exit.into(),
        Err(failure) => {
            // eprintln! would panic if standard error is closed; the exit code still tells.
            let _ = writeln!(std::io::stderr(), "{}", failure.in_lang(lang));
            failure.exit().into()
        }
    }
}
