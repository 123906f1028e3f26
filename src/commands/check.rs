//! `kplan check PATH...`: every request file under the paths, with the policy of its
//! folder, as a CI gate.

use std::path::{Path, PathBuf};

use crate::check::discover::{Policies, find_requests};
use crate::check::report::{CheckFormat, render_check};
use crate::check::{Base, check_requests_against};
use crate::cli::{CheckArgs, CheckFormatArg, ColorArg};
use crate::error::Failure;
use crate::exit::Exit;
use crate::git::Revision;
use crate::i18n::Lang;
use crate::load::Profiles;

pub fn run(args: CheckArgs, lang: Lang, color: ColorArg) -> Result<Exit, Failure> {
    let found = find_requests(&args.paths)?;
    let requests = Policies::for_requests(&found)?;
    if requests.is_empty() && found.policies.is_empty() {
        eprintln!("warning: no request files (*.toml with a [topic] table) under the paths given");
    }
    let profiles = Profiles::builtin();
    let mut revision = match &args.base {
        Some(reference) => {
            let near = args.paths.first().map_or(Path::new("."), PathBuf::as_path);
            Some(Revision::open(reference, near).map_err(Failure::Usage)?)
        }
        None => None,
    };
    let base = revision.as_mut().map(|revision| Base {
        revision,
        paths: &args.paths,
    });
    let report = check_requests_against(&requests, &profiles, args.deny_warnings, base, lang)
        .map_err(Failure::Usage)?;
    super::print(&render_check(&report, format(args.format, color)))?;
    Ok(if report.failed() == 0 {
        Exit::Holds
    } else {
        Exit::Violation
    })
}

fn format(arg: CheckFormatArg, color: ColorArg) -> CheckFormat {
    match arg {
        CheckFormatArg::Human => CheckFormat::Human {
            colour: colour_wanted(color),
        },
        CheckFormatArg::Json => CheckFormat::Json,
        CheckFormatArg::Github => CheckFormat::Github,
        CheckFormatArg::Markdown => CheckFormat::Markdown,
    }
}

/// `auto` colours a terminal only, honouring NO_COLOR, CLICOLOR and CLICOLOR_FORCE as
/// anstream reads them.
fn colour_wanted(color: ColorArg) -> bool {
    match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    }
}
