//! A plan simulated: the setup taken from the plan, the simulated outcome with the
//! planner's prediction beside it, notes on where the two models differ, and a verdict.

use super::{
    BatchOutcome, OnlineOutcome, RunHook, ServiceTimes, Setup, simulate_batch, simulate_online,
};
use crate::human::{count, number};
use crate::keys::KeySample;
use crate::model::delay::{DelayMethod, DelayModel};
use crate::model::service::ServiceShape;
use crate::model::sizing::{SizingInput, busiest_rate, slowest_drain_minutes};
use crate::model::{Plan, PlanInput, Status, planned_sizing_input};
use crate::request::TopicType;

/// What `kplan simulate` asks for beyond the plan.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Partitions to simulate; the plan's recommended count when `None`.
    pub partitions: Option<u32>,
    pub runs: u32,
    pub seed: u64,
    /// Called after each run.
    pub after_run: RunHook<'a>,
}

/// Whether the simulated runs meet the request's objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    /// batch: fewer runs drain within the target than the drain confidence asks;
    /// online: the p99 delay is over max_delay_ms, or a partition cannot keep up.
    Missed,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Missed => "missed",
        }
    }
}

/// Where processing times came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ServiceSource {
    /// Bootstrap from this many measured samples.
    Samples { count: u64 },
    /// Drawn from the shape the planner assumes for the request's summary.
    Summary { shape: ServiceShape },
}

/// How messages were spread over partitions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SpreadSource {
    /// By the key sample's spread at the simulated count.
    KeySample {
        keys: u64,
        busiest_share: f64,
    },
    Even,
}

/// The planner's batch prediction beside the simulated drain times.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchResult {
    pub simulated: BatchOutcome,
    pub target_seconds: f64,
    pub predicted: DrainPrediction,
}

/// The planner's slowest-partition drain time at the simulated count, seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrainPrediction {
    pub p50_seconds: f64,
    pub p95_seconds: f64,
    pub confidence: f64,
    /// At the drain confidence.
    pub at_confidence_seconds: f64,
}

/// The planner's online prediction beside the simulated delays.
#[derive(Debug, Clone, PartialEq)]
pub struct OnlineResult {
    pub simulated: OnlineOutcome,
    pub arrival_tps: f64,
    pub max_delay_ms: Option<f64>,
    pub predicted: OnlinePrediction,
}

/// The planner's model at the simulated count; `None` where it predicts no bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OnlinePrediction {
    pub mean_delay_ms: Option<f64>,
    pub p99_delay_ms: Option<f64>,
    pub utilization: f64,
    pub method: Option<DelayMethod>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Batch(BatchResult),
    Online(OnlineResult),
}

/// A plan simulated.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub topic: String,
    pub kind: TopicType,
    pub verdict: Verdict,
    pub partitions: u32,
    /// The plan's recommended count.
    pub recommended: u64,
    pub runs: u32,
    pub seed: u64,
    /// Messages per run.
    pub messages: u64,
    pub workers_per_partition: u32,
    pub service: ServiceSource,
    pub spread: SpreadSource,
    pub outcome: Outcome,
    pub notes: Vec<String>,
}

/// Simulates `plan`, planned from `input` (its latency samples and key sample).
pub fn simulate_plan(input: &PlanInput, plan: &Plan, options: &Options) -> Simulation {
    // A share group is one queue for the topic, served by every consumer's threads.
    let share_workers = plan.is_share_group().then(|| {
        u32::try_from(plan.consumers * u64::from(plan.inputs.concurrency)).unwrap_or(u32::MAX)
    });
    // The recommended count is at most the cap, a u32.
    let partitions = match share_workers {
        Some(_) => 1,
        None => options.partitions.unwrap_or(plan.recommended as u32).max(1),
    };
    let (weights, spread) = weights(input.keys, partitions);
    let mut sizing = planned_sizing_input(input);
    if let Some(workers) = share_workers {
        sizing.concurrency = workers;
    }
    let (service_times, service) = match input.samples {
        Some(samples) => (
            ServiceTimes::Samples(samples),
            ServiceSource::Samples {
                count: samples.len() as u64,
            },
        ),
        None => (
            ServiceTimes::Shape(sizing.service),
            ServiceSource::Summary {
                shape: sizing.service.shape(),
            },
        ),
    };
    let setup = Setup {
        messages: plan.inputs.max_messages,
        weights: &weights,
        workers: sizing.concurrency,
        service: service_times,
        runs: options.runs.max(1),
        seed: options.seed,
        after_run: options.after_run,
    };
    let outcome = match plan.kind {
        TopicType::Batch => Outcome::Batch(batch(plan, &setup, &sizing, partitions)),
        TopicType::Online => Outcome::Online(online(plan, &setup, &sizing, partitions)),
    };
    let confidence = plan.inputs.drain_confidence.unwrap_or(0.95);
    let mut simulation = Simulation {
        topic: plan.topic.clone(),
        kind: plan.kind,
        verdict: verdict(&outcome, confidence),
        partitions,
        recommended: plan.recommended,
        runs: setup.runs,
        seed: options.seed,
        messages: setup.messages,
        workers_per_partition: setup.workers,
        service,
        spread,
        outcome,
        notes: Vec::new(),
    };
    simulation.notes = notes(&simulation, plan);
    simulation
}

fn weights(keys: Option<&KeySample>, partitions: u32) -> (Vec<u64>, SpreadSource) {
    match keys {
        Some(keys) => (
            keys.counts(partitions),
            SpreadSource::KeySample {
                keys: keys.total,
                busiest_share: keys.busiest_share(partitions),
            },
        ),
        None => (vec![1; partitions as usize], SpreadSource::Even),
    }
}

fn batch(plan: &Plan, setup: &Setup, sizing: &SizingInput, partitions: u32) -> BatchResult {
    let target_seconds = plan.inputs.target_minutes * 60.0;
    let confidence = plan.inputs.drain_confidence.unwrap_or(0.95);
    // The simulated runs carry max_messages, without headroom.
    let unpadded = SizingInput {
        headroom: 1.0,
        ..*sizing
    };
    let seconds = |p: f64| slowest_drain_minutes(&unpadded, u64::from(partitions), p) * 60.0;
    BatchResult {
        simulated: simulate_batch(setup, target_seconds),
        target_seconds,
        predicted: DrainPrediction {
            p50_seconds: seconds(0.5),
            p95_seconds: seconds(0.95),
            confidence,
            at_confidence_seconds: seconds(confidence),
        },
    }
}

fn online(plan: &Plan, setup: &Setup, sizing: &SizingInput, partitions: u32) -> OnlineResult {
    let tps = plan.planned_tps;
    let mut model = DelayModel::new(sizing.service, setup.workers);
    let delay = model.at(busiest_rate(sizing.keys, tps, u64::from(partitions)));
    OnlineResult {
        simulated: simulate_online(setup, tps, plan.inputs.max_delay_ms),
        arrival_tps: tps,
        max_delay_ms: plan.inputs.max_delay_ms,
        predicted: OnlinePrediction {
            mean_delay_ms: delay.map(|d| d.mean_ms),
            p99_delay_ms: delay.map(|d| d.p99_ms).filter(|d| d.is_finite()),
            utilization: tps * sizing.service.mean_ms()
                / 1000.0
                / (f64::from(partitions) * f64::from(setup.workers)),
            method: delay.map(|d| d.method),
        },
    }
}

fn verdict(outcome: &Outcome, confidence: f64) -> Verdict {
    let missed = match outcome {
        Outcome::Batch(b) => b.simulated.p_within_target < confidence,
        Outcome::Online(o) => {
            let over = o.max_delay_ms.is_some_and(|m| o.simulated.delay_ms.p99 > m);
            over || !o.simulated.keeps_up
        }
    };
    if missed { Verdict::Missed } else { Verdict::Ok }
}

/// Where the simulation and the planner's model part ways, in words.
fn notes(sim: &Simulation, plan: &Plan) -> Vec<String> {
    let mut notes = vec![service_note(sim), spread_note(sim, plan)];
    if u64::from(sim.partitions) != plan.recommended {
        notes.push(format!(
            "simulated at {} partitions; the plan recommends {}",
            count(u64::from(sim.partitions)),
            count(plan.recommended)
        ));
    }
    if plan.status != Status::Ok {
        notes.push(format!(
            "the plan itself is {}: see `kplan plan`",
            plan.status.as_str()
        ));
    }
    if let Outcome::Online(online) = &sim.outcome {
        notes.extend(online_notes(sim, online));
    }
    notes
}

fn service_note(sim: &Simulation) -> String {
    match sim.service {
        ServiceSource::Samples { count: n } => format!(
            "processing times: drawn from the {} measured latency samples (bootstrap)",
            count(n)
        ),
        ServiceSource::Summary { shape } => format!(
            "processing times: no samples, so drawn from the shape the planner assumes: {}",
            crate::render::report::latency_shape(crate::i18n::Lang::En, &shape)
        ),
    }
}

fn spread_note(sim: &Simulation, plan: &Plan) -> String {
    match sim.spread {
        SpreadSource::KeySample {
            keys,
            busiest_share,
        } => format!(
            "messages spread over partitions as the key sample's {} keys are (murmur2): the busiest partition takes {}%",
            count(keys),
            number(busiest_share * 100.0)
        ),
        SpreadSource::Even if plan.inputs.partition_key.is_some() => {
            "keyed topic without a key sample: messages spread evenly, as the planner assumes"
                .to_string()
        }
        SpreadSource::Even => "messages spread evenly over partitions (unkeyed)".to_string(),
    }
}

fn online_notes(sim: &Simulation, online: &OnlineResult) -> Vec<String> {
    let mut notes = Vec::new();
    if matches!(sim.spread, SpreadSource::KeySample { .. }) {
        notes.push(
            "the planner predicts the delay of the busiest partition; the simulated delays are over every partition, most of them less loaded"
                .to_string(),
        );
    }
    if !online.simulated.keeps_up {
        notes.push(
            "a partition received more work than its consumer could do: its backlog grew for the whole run"
                .to_string(),
        );
    }
    notes
}
