//! `kplan check PATH...`: every request file under the paths, with the policy of its
//! folder, as a CI gate.

use std::io::IsTerminal;

use crate::check::check_requests;
use crate::check::discover::{Policies, find_requests};
use crate::check::report::{CheckFormat, render_check};
use crate::cli::{CheckArgs, CheckFormatArg};
use crate::error::Failure;
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::load::Profiles;

pub fn run(args: CheckArgs, lang: Lang) -> Result<Exit, Failure> {
    let found = find_requests(&args.paths)?;
    let requests = Policies::for_requests(&found)?;
    if requests.is_empty() && found.policies.is_empty() {
        eprintln!("warning: no request files (*.toml with a [topic] table) under the paths given");
    }
    let profiles = Profiles::builtin();
    let report = check_requests(&requests, &profiles, args.deny_warnings, lang);
    super::print(&render_check(&report, format(args.format)))?;
    Ok(if report.failed() == 0 {
        Exit::Holds
    } else {
        Exit::Violation
    })
}

fn format(arg: CheckFormatArg) -> CheckFormat {
    match arg {
        CheckFormatArg::Human => CheckFormat::Human {
            colour: colour_wanted(),
        },
        CheckFormatArg::Json => CheckFormat::Json,
        CheckFormatArg::Github => CheckFormat::Github,
        CheckFormatArg::Markdown => CheckFormat::Markdown,
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
fn colour_wanted() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
