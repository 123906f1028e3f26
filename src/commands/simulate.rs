//! `kplan simulate FILE`: a Monte Carlo check of the plan for a request.

use crate::cli::{ReportFormatArg, SimulateArgs};
use crate::error::Failure;
use crate::exit::Exit;
use crate::human::count;
use crate::load::{Profiles, load_for_simulation};
use crate::model::plan;
use crate::progress::Progress;
use crate::render::simulate::{SimulateFormat, render_simulation};
use crate::request::TopicType;
use crate::simulate::RunHook;
use crate::simulate::report::{Options, Verdict, simulate_plan};

/// Runs when `--runs` is not given, if the topic is small enough.
const DEFAULT_RUNS: u32 = 100;
/// Steps of work the default runs take at most, a few seconds' work each. A step is one
/// message: an online message costs about 50 ns (arrival, processing, the backlog's
/// replay), a batch one 5 ns.
const DEFAULT_ONLINE_STEPS: u64 = 100_000_000;
const DEFAULT_BATCH_STEPS: u64 = 1_000_000_000;
/// Steps over all runs past which a simulation would run for many minutes.
const MAX_SIMULATED_STEPS: u64 = 10_000_000_000;
/// Steps one worker of one partition costs in every run, messages or not: its random
/// stream, its queue and its summary take about 35 ns, several messages' worth. Without
/// it `--partitions 100000 --runs 100000` on a tiny topic passed the budget and ran for
/// hours.
const WORKER_STEPS: u64 = 4;

/// What the runs simulate, for the budget.
struct Work {
    messages: u64,
    partitions: u64,
    workers: u64,
}

impl Work {
    /// Steps of one run: every message, and every worker of every partition.
    fn steps_per_run(&self) -> u64 {
        let setup = self
            .partitions
            .saturating_mul(self.workers)
            .saturating_mul(WORKER_STEPS);
        self.messages.saturating_add(setup)
    }
}

pub fn run(args: SimulateArgs) -> Result<Exit, Failure> {
    let profiles = Profiles::with_custom(args.profile.as_deref())?;
    let loaded = load_for_simulation(&args.file, &profiles)?;
    let plan = plan(&loaded.plan_input());
    let work = Work {
        messages: plan.inputs.max_messages,
        // As the simulation chooses them: the recommended count unless --partitions.
        partitions: args.partitions.map_or(plan.recommended, u64::from).max(1),
        workers: u64::from(plan.inputs.concurrency.max(1)),
    };
    let runs = args.runs.unwrap_or_else(|| default_runs(&work, plan.kind));
    check_budget(&work, runs)?;
    let progress = Progress::steps("simulating runs", u64::from(runs));
    let step = || progress.advance(1);
    let options = Options {
        partitions: args.partitions,
        runs,
        seed: args.seed,
        after_run: RunHook(&step),
    };
    let simulation = simulate_plan(&loaded.plan_input(), &plan, &options);
    progress.finish();
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
fn default_runs(work: &Work, kind: TopicType) -> u32 {
    let budget = match kind {
        TopicType::Online => DEFAULT_ONLINE_STEPS,
        TopicType::Batch => DEFAULT_BATCH_STEPS,
    };
    let fitting = budget / work.steps_per_run().max(1);
    u32::try_from(fitting).map_or(DEFAULT_RUNS, |r| r.clamp(1, DEFAULT_RUNS))
}

fn check_budget(work: &Work, runs: u32) -> Result<(), Failure> {
    let per_run = work.steps_per_run();
    let total = per_run.saturating_mul(u64::from(runs));
    if total <= MAX_SIMULATED_STEPS {
        return Ok(());
    }
    let what = format!(
        "{} messages on {} partitions",
        count(work.messages),
        count(work.partitions)
    );
    if runs == 1 {
        // There is no fewer runs to ask for.
        return Err(Failure::Usage(format!(
            "one run of {what} is {} steps of work, more than the {} a simulation takes",
            count(per_run),
            count(MAX_SIMULATED_STEPS)
        )));
    }
    let partitions_weigh_most = per_run > work.messages.saturating_mul(2);
    let lower = if partitions_weigh_most {
        "lower --runs or --partitions"
    } else {
        "lower --runs"
    };
    Err(Failure::Usage(format!(
        "{} runs of {what} is {} steps of work, more than the {} a simulation takes; {lower}",
        count(u64::from(runs)),
        count(total),
        count(MAX_SIMULATED_STEPS)
    )))
}
