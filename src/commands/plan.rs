//! `kplan plan FILE`: the capacity plan for one topic request.

use crate::cli::{PlanArgs, PlanFormatArg};
use crate::error::Failure;
use crate::exit::Exit;
use crate::load::{Profiles, load};
use crate::model::{Status, plan};
use crate::render::{PlanFormat, render_plan};

pub fn run(args: PlanArgs) -> Result<Exit, Failure> {
    let profiles = Profiles::with_custom(args.profile.as_deref())?;
    let loaded = load(&args.file, &profiles)?;
    let plan = plan(&loaded.plan_input());
    super::print(&render_plan(&plan, format(args.format)))?;
    Ok(exit_for(plan.status))
}

fn format(arg: PlanFormatArg) -> PlanFormat {
    match arg {
        PlanFormatArg::Table => PlanFormat::Table,
        PlanFormatArg::Json => PlanFormat::Json,
        PlanFormatArg::Markdown => PlanFormat::Markdown,
        PlanFormatArg::Jira => PlanFormat::Jira,
    }
}

/// 0 when the plan holds, 1 when it is over the cap or infeasible.
pub fn exit_for(status: Status) -> Exit {
    match status {
        Status::Ok => Exit::Holds,
        Status::OverCap | Status::Infeasible => Exit::Violation,
    }
}
