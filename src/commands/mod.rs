//! One module per subcommand: each turns its clap arguments into options, does its I/O
//! at the edges, and returns how the run ended.

mod alerts;
mod check;
mod completions;
mod diff;
mod export;
mod init;
mod keys;
mod man;
mod observe;
mod plan;
mod schema;
mod simulate;
mod validate;

use std::io::Write;

use crate::cli::{Cli, Command};
use crate::error::Failure;
use crate::exit::Exit;
use crate::request::parse::io_reason;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Exit, Failure> {
    match cli.command {
        Command::Plan(args) => plan::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Keys(args) => keys::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Init(args) => init::run(args),
        Command::Schema => schema::run(),
        Command::Alerts(args) => alerts::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Check(args) => check::run(args, cli.color),
        Command::Export(args) => export::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Observe(args) => observe::run(args),
    }
}

/// Writes a command's result to standard output. A reader that went away (`| head`)
/// is not an error worth reporting.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Output(format!(
            "cannot write to standard output: {}",
            io_reason(&e)
        ))),
    }
}

/// Kafka accepts almost any group id; a blank one or a line break cannot be meant.
pub fn check_group(group: &str) -> Result<(), Failure> {
    if group.trim().is_empty() {
        return Err(Failure::Usage("--group: a group id is needed".to_string()));
    }
    if group.chars().any(char::is_control) {
        return Err(Failure::Usage(
            "--group: control characters are not allowed in a group id".to_string(),
        ));
    }
    Ok(())
}
