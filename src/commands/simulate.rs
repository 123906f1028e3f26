//! `kplan simulate FILE`: a Monte Carlo check of the plan for a request.

use crate::cli::{ReportFormatArg, SimulateArgs};
use crate::error::Failure;
use crate::exit::Exit;
use crate::human::count;
use crate::load::{Profiles, load};
use crate::model::plan;
use crate::render::simulate::{SimulateFormat, render_simulation};
use crate::request::TopicType;
use crate::simulate::report::{Options, Verdict, simulate_plan};

/// Runs when `--runs` is not given, if the topic is small enough.
const DEFAULT_RUNS: u32 = 100;
/// Messages the default runs simulate at most, a few seconds' work each: an online
/// message costs about 50 ns (arrival, processing, the backlog's replay), a batch one 5 ns.
const DEFAULT_ONLINE_MESSAGES: u64 = 100_000_000;
const DEFAULT_BATCH_MESSAGES: u64 = 1_000_000_000;
/// Messages over all runs past which a simulation would run for many minutes.
const MAX_SIMULATED_MESSAGES: u64 = 10_000_000_000;

pub fn run(args: SimulateArgs) -> Result<Exit, Failure> {
    let profiles = Profiles::with_custom(args.profile.as_deref())?;
    let loaded = load(&args.file, &profiles)?;
    let plan = plan(&loaded.plan_input());
    let messages = plan.inputs.max_messages;
    let runs = args
        .runs
        .unwrap_or_else(|| default_runs(messages, plan.kind));
    check_budget(messages, runs)?;
    let options = Options {
        partitions: args.partitions,
        runs,
        seed: args.seed,
    };
    let simulation = simulate_plan(&loaded.plan_input(), &plan, &options);
    let format = match args.format {
        ReportFormatArg::Table => SimulateFormat::Table,
        ReportFormatArg::Json => SimulateFormat::Json,
    };
    super::print(&render_simulation(&simulation, format))?;
    Ok(match simulation.verdict {
        Verdict::Ok => Exit::Holds,
        Verdict::Missed => Exit::Violation,
    })
}

/// 100 runs, or as many as fit the default budget (at least one).
fn default_runs(messages: u64, kind: TopicType) -> u32 {
    let budget = match kind {
        TopicType::Online => DEFAULT_ONLINE_MESSAGES,
        TopicType::Batch => DEFAULT_BATCH_MESSAGES,
    };
    let fitting = budget / messages.max(1);
    u32::try_from(fitting).map_or(DEFAULT_RUNS, |r| r.clamp(1, DEFAULT_RUNS))
}

fn check_budget(messages: u64, runs: u32) -> Result<(), Failure> {
    let total = messages.saturating_mul(u64::from(runs));
    if total <= MAX_SIMULATED_MESSAGES {
        return Ok(());
    }
    if runs == 1 {
        // There is no fewer runs to ask for.
        return Err(Failure::Usage(format!(
            "one run of {} messages is more than the {} a simulation takes",
            count(messages),
            count(MAX_SIMULATED_MESSAGES)
        )));
    }
    Err(Failure::Usage(format!(
        "{} runs of {} messages is {} messages, more than the {} a simulation takes; lower --runs",
        count(u64::from(runs)),
        count(messages),
        count(total),
        count(MAX_SIMULATED_MESSAGES)
    )))
}
