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

use crate::cli::{Cli, Command, ConnectionArgs, LangArg};
use crate::cluster::ClientSettings;
use crate::error::Failure;
use crate::exit::Exit;
use crate::i18n::{LANG_ENV, Lang, from_environment};
use crate::input::file::io_reason;

/// The language of the run: `--lang`, else the environment (`KPLAN_LANG`, the locale).
pub fn language(arg: Option<LangArg>) -> Result<Lang, Failure> {
    match arg {
        Some(LangArg::En) => Ok(Lang::En),
        Some(LangArg::Ko) => Ok(Lang::Ko),
        None => from_environment(|name| std::env::var(name).ok()).map_err(|value| {
            Failure::Usage(format!(
                "{LANG_ENV}={value:?}: not a language kplan writes; use en or ko"
            ))
        }),
    }
}

/// Runs a parsed command line, writing for people in `lang`.
pub fn run(cli: Cli, lang: Lang) -> Result<Exit, Failure> {
    match cli.command {
        Command::Plan(args) => plan::run(args, lang),
        Command::Validate(args) => validate::run(args),
        Command::Keys(args) => keys::run(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Init(args) => init::run(args, lang),
        Command::Schema => schema::run(),
        Command::Alerts(args) => alerts::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
        Command::Check(args) => check::run(args, lang, cli.color),
        Command::Export(args) => export::run(args),
        Command::Diff(args) => diff::run(args, lang),
        Command::Observe(args) => observe::run(args, lang),
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

/// The bootstrap servers (trimmed; empty is a usage error) and the client settings the
/// connection flags give.
pub fn connection(args: &ConnectionArgs) -> Result<(&str, ClientSettings), Failure> {
    let bootstrap_servers = args.bootstrap_server.trim();
    if bootstrap_servers.is_empty() {
        return Err(Failure::Usage(
            "--bootstrap-server is empty: expected HOST:PORT".to_string(),
        ));
    }
    let settings = ClientSettings::from_sources(args.command_config.as_deref(), &args.librdkafka)?;
    Ok((bootstrap_servers, settings))
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
