//! `kplan completions SHELL`: a completion script for the shell, from the clap types.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Failure;
use crate::exit::Exit;

pub fn run(args: CompletionsArgs) -> Result<Exit, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "kplan", &mut script);
    super::print(&String::from_utf8_lossy(&script))?;
    Ok(Exit::Holds)
}
