use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = kplan::cli::Cli::parse();
    match kplan::run(cli) {
        Ok(exit) => exit.into(),
        Err(failure) => {
            eprintln!("{failure}");
            failure.exit().into()
        }
    }
}
