//! `kplan man`: manual pages in roff, generated from the same clap types as `--help`, so
//! they never fall behind it. Without `--dir`, kplan(1) goes to standard output; with it,
//! kplan(1) and a page per subcommand (kplan-plan(1), ...) are written there.

use std::path::Path;

use clap::CommandFactory;
use clap_mangen::Man;

use crate::cli::{Cli, ManArgs};
use crate::error::Failure;
use crate::exit::Exit;
use crate::input::file::io_reason;

pub fn run(args: ManArgs) -> Result<Exit, Failure> {
    match &args.dir {
        None => {
            let mut page = Vec::new();
            Man::new(command())
                .render(&mut page)
                .map_err(|e| Failure::Output(format!("cannot write the manual page: {e}")))?;
            super::print(&String::from_utf8_lossy(&page))?;
        }
        Some(dir) => {
            let written = write_pages(dir)?;
            super::print(&(written.join("\n") + "\n"))?;
        }
    }
    Ok(Exit::Holds)
}

/// kplan's command as the pages show it: built, which gives subcommands their display
/// names (kplan-plan), and without clap's `help` subcommand, which has no page.
fn command() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}

/// Writes kplan.1 and kplan-SUBCOMMAND.1 into `dir`; returns the paths written.
fn write_pages(dir: &Path) -> Result<Vec<String>, Failure> {
    let cannot = |e: std::io::Error| {
        Failure::Output(format!(
            "--dir {}: cannot write: {}",
            dir.display(),
            io_reason(&e)
        ))
    };
    std::fs::create_dir_all(dir).map_err(cannot)?;
    let command = command();
    let mut pages = vec![Man::new(command.clone())];
    pages.extend(
        command
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| Man::new(s.clone())),
    );
    pages
        .iter()
        .map(|page| {
            let path = page.generate_to(dir).map_err(cannot)?;
            Ok(path.display().to_string())
        })
        .collect()
}
