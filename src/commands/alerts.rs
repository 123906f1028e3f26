//! `kplan alerts FILE`: Prometheus alerting rules for the topic's consumer lag.

use crate::alerts::rules;
use crate::cli::AlertsArgs;
use crate::error::Failure;
use crate::exit::Exit;
use crate::load::{Profiles, load};
use crate::model::plan;

pub fn run(args: AlertsArgs) -> Result<Exit, Failure> {
    if let Some(group) = &args.group {
        super::check_group(group)?;
    }
    let profiles = Profiles::with_custom(args.profile.as_deref())?;
    let loaded = load(&args.file, &profiles)?;
    let plan = plan(&loaded.plan_input());
    // Without --group, the group is taken to be named like the topic; the rules include
    // one that fires when no lag metrics exist for it, so a wrong guess shows.
    let group = args.group.as_deref().unwrap_or(&plan.topic);
    super::print(&rules(&plan, group))?;
    Ok(Exit::for_plan(plan.status))
}
