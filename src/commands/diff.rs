//! `kplan diff OLD NEW`: what a change to a request file does to its plan.

use std::path::Path;

use crate::cli::{DiffArgs, DiffFormatArg};
use crate::diff::render::{DiffFormat, render_diff};
use crate::diff::{DiffReport, Version, changed_place, diff};
use crate::error::Failure;
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::input::file::read_text;
use crate::load::{Loaded, Profiles, load};
use crate::model::{Depth, Plan, plan_to};

pub fn run(args: DiffArgs, lang: Lang) -> Result<Exit, Failure> {
    let profiles = Profiles::with_custom(args.profile.as_deref())?;
    // Every problem of both files at once.
    let old = load(&args.old, &profiles);
    let new = load(&args.new, &profiles);
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let problems = old.err().into_iter().chain(new.err()).flatten().collect();
            return Err(Failure::Input(problems));
        }
    };
    let (old_plan, new_plan) = (planned(&old), planned(&new));
    let (old_name, new_name) = (shown(&args.old), shown(&args.new));
    let mut file = diff(
        Some(Version {
            file: &old_name,
            plan: &old_plan,
            keys: old.keys.as_ref(),
        }),
        Some(Version {
            file: &new_name,
            plan: &new_plan,
            keys: new.keys.as_ref(),
        }),
    );
    if let (Ok(a), Ok(b)) = (read_text(&args.old), read_text(&args.new)) {
        file.place = changed_place(&a, &b);
    }
    let report = DiffReport { files: vec![file] };
    super::print(&render_diff(&report, format(args.format), lang))?;
    Ok(if report.breaking() {
        Exit::Violation
    } else {
        Exit::Holds
    })
}

/// Settings and needs depend on the sizing alone; the queueing prediction at the
/// recommended count is not compared.
pub fn planned(loaded: &Loaded) -> Plan {
    plan_to(&loaded.plan_input(), Depth::Sizing)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn format(arg: DiffFormatArg) -> DiffFormat {
    match arg {
        DiffFormatArg::Human => DiffFormat::Human,
        DiffFormatArg::Json => DiffFormat::Json,
        DiffFormatArg::Markdown => DiffFormat::Markdown,
        DiffFormatArg::Github => DiffFormat::Github,
    }
}
