//! `kplan export FILE --to TARGET`: the planned topic as code for another tool.

use crate::cli::{ExportArgs, ExportTargetArg, StrimziApiArg};
use crate::error::Failure;
use crate::exit::Exit;
use crate::export::{ExportOptions, ExportTarget, StrimziApi, check_options, export};
use crate::load::{Profiles, load};
use crate::model::plan;

pub fn run(args: ExportArgs) -> Result<Exit, Failure> {
    let target = target(args.to);
    let options = ExportOptions {
        source: args.file.display().to_string(),
        cluster: args.cluster,
        strimzi_api: match args.strimzi_api {
            StrimziApiArg::V1 => StrimziApi::V1,
            StrimziApiArg::V1beta2 => StrimziApi::V1beta2,
        },
        bootstrap_server: args.bootstrap_server,
        group: args.group,
        deployment: args.deployment,
    };
    check_options(target, &options).map_err(Failure::Usage)?;
    let profiles = Profiles::with_custom(args.profile.as_deref())?;
    let loaded = load(&args.file, &profiles)?;
    let plan = plan(&loaded.plan_input());
    super::print(&export(&plan, target, &options))?;
    // The export is written whatever the plan's status; the exit code still says it.
    Ok(Exit::for_plan(plan.status))
}

fn target(arg: ExportTargetArg) -> ExportTarget {
    match arg {
        ExportTargetArg::Strimzi => ExportTarget::Strimzi,
        ExportTargetArg::Terraform => ExportTarget::Terraform,
        ExportTargetArg::Topicctl => ExportTarget::Topicctl,
        ExportTargetArg::Jikkou => ExportTarget::Jikkou,
        ExportTargetArg::KafkaTopics => ExportTarget::KafkaTopics,
        ExportTargetArg::Keda => ExportTarget::Keda,
    }
}
