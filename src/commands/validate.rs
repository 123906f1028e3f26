//! `kplan validate FILE --bootstrap-server HOST:PORT`: the plan compared with a live
//! cluster, read-only. Plans the request, reads the cluster (the `cluster` module, the
//! only one that talks to Kafka), judges (the pure `validate` module) and prints.

use std::time::Duration;

use crate::cli::{ValidateArgs, ValidateFormatArg};
use crate::cluster::{self, Target};
use crate::error::Failure;
use crate::exit::Exit;
use crate::load::{Profiles, load};
use crate::model::plan;
use crate::render::validate::{ValidateFormat, render_validation};
use crate::validate::{ValidationStatus, validate};

pub fn run(args: ValidateArgs) -> Result<Exit, Failure> {
    if let Some(group) = &args.group {
        super::check_group(group)?;
    }
    let profiles = Profiles::with_custom(args.profile.as_deref())?;
    let loaded = load(&args.file, &profiles)?;
    let plan = plan(&loaded.plan_input());
    let (bootstrap_servers, settings) = super::connection(&args.connection)?;
    let snapshot = cluster::observe(&Target {
        bootstrap_servers,
        settings: &settings,
        topic: &plan.topic,
        group: args.group.as_deref(),
        timeout: Duration::from_millis(args.timeout_ms),
    })?;
    let validation = validate(&plan, loaded.keys.as_ref(), &snapshot);
    super::print(&render_validation(&validation, format(args.format)))?;
    Ok(match validation.status {
        ValidationStatus::Ok => Exit::Holds,
        ValidationStatus::Differs => Exit::Violation,
    })
}

fn format(arg: ValidateFormatArg) -> ValidateFormat {
    match arg {
        ValidateFormatArg::Table => ValidateFormat::Table,
        ValidateFormatArg::Json => ValidateFormat::Json,
        ValidateFormatArg::Markdown => ValidateFormat::Markdown,
        ValidateFormatArg::Jira => ValidateFormat::Jira,
    }
}
